"""Regions (Kemendagri codes) and the kelurahan of a region, and the one index that finds
a region by code or slug."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .reader import read_spec
from .schema import KelurahanFileSpec, RegionFileSpec

REGION_FILES = ("regions.yaml", "kelurahan.yaml")


@dataclass(frozen=True)
class Region:
    code: str
    slug: str
    name: str
    type: str
    kecamatan_count: int


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan_code: str
    kecamatan_name: str
    region_code: str


def region_index(regions: tuple[Region, ...]) -> dict[str, str]:
    """Code or slug -> code: how parameter and scenario files may name a region."""
    return {r.code: r.code for r in regions} | {r.slug: r.code for r in regions}


def load_regions(root: Path, problems: list[Problem]) -> tuple[tuple[Region, ...],
                                                                tuple[Kelurahan, ...]]:
    regions_path = root / "regions" / "regions.yaml"
    if not regions_path.is_file():
        problems.append(Problem(str(regions_path), "", "(missing)", "a regions file"))
        return (), ()
    source = str(regions_path)
    spec = read_spec(regions_path, RegionFileSpec, problems)
    if spec is None:
        return (), ()
    regions = []
    for index, item in enumerate(spec.regions):
        if not _is_region_code(item.code):
            problems.append(Problem(source, f"regions.{index}.code", item.code,
                                    "a Kemendagri code like 35.77"))
        regions.append(Region(item.code, item.slug, item.name, item.type, item.kecamatan_count))
    for attr in ("code", "slug"):
        seen = [getattr(r, attr) for r in regions]
        for value in {v for v in seen if seen.count(v) > 1}:
            problems.append(Problem(source, f"regions.*.{attr}", value, f"a unique {attr}"))

    kelurahan: list[Kelurahan] = []
    kel_path = root / "regions" / "kelurahan.yaml"
    if kel_path.is_file():
        kel_source = str(kel_path)
        kel_spec = read_spec(kel_path, KelurahanFileSpec, problems)
        if kel_spec is None:
            return tuple(regions), ()
        codes = {r.code for r in regions}
        if kel_spec.region not in codes:
            problems.append(Problem(kel_source, "region", kel_spec.region,
                                    f"one of the region codes {', '.join(sorted(codes))}"))
        for index, item in enumerate(kel_spec.kelurahan):
            kec_code = item.code.rsplit(".", 1)[0]
            if not item.code.startswith(kel_spec.region + ".") or item.code.count(".") != 3:
                problems.append(Problem(kel_source, f"kelurahan.{index}.code", item.code,
                                        f"a code {kel_spec.region}.KK.NNNN"))
                continue
            if kec_code not in kel_spec.kecamatan or kel_spec.kecamatan[kec_code] != item.kecamatan:
                problems.append(Problem(kel_source, f"kelurahan.{index}.kecamatan", item.kecamatan,
                                        f"the kecamatan listed for {kec_code}"))
                continue
            kelurahan.append(Kelurahan(item.code, item.name, kec_code, item.kecamatan,
                                       kel_spec.region))
    return tuple(regions), tuple(kelurahan)


def _is_region_code(code: str) -> bool:
    parts = code.split(".")
    return len(parts) == 2 and all(len(p) == 2 and p.isdigit() for p in parts)


