"""Regions (Kemendagri codes) and the kelurahan of a region, and the one index that finds
a region by code or slug."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .reader import read_spec
from .schema import KelurahanFileSpec, RegionFileSpec

REGION_FILES = ("regions.yaml", "kelurahan.yaml")
# files beside them that are not parameter files: the branches, the province figures that
# fill a region outside the tree (see .national) and counts published for such regions
OTHER_REGION_FILES = ("branches.yaml", "provinces.yaml", "published-counts.yaml",
                      "kemendagri-source.yaml")
# a slug names a report folder and a command-line argument: lower-case ASCII words joined by
# single hyphens, starting with a letter (so it never reads as a code such as 3577)
MAX_SLUG = 60
SLUG_PATTERN = re.compile(rf"(?=.{{1,{MAX_SLUG}}}\Z)[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
# names a slug may not take: the batch's folders and files in a month folder (the summary,
# failed reports, index, manifest), words with a meaning on the command line (all), and
# keys with a meaning beside slugs (default in values, total in summaries)
RESERVED_SLUGS = frozenset({"ringkasan", "summary", "_failed", "failed", "index", "manifest",
                            "all", "default", "total"})
SLUG_EXPECTED = (f"a slug of lower-case ASCII letters and digits, words joined by single "
                 f"hyphens, starting with a letter, at most {MAX_SLUG} characters (e.g. "
                 f"kota-madiun); not one of the reserved names "
                 f"{', '.join(sorted(RESERVED_SLUGS))}")
CODE_PATTERN = re.compile(r"[0-9]{2}\.[0-9]{2}\Z")  # ASCII digits only: "٣٥" is isdigit()


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


def slug_problem(slug: object) -> str | None:
    """Why ``slug`` cannot name a region (and so a report folder), or None when it can."""
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
        return SLUG_EXPECTED
    if slug in RESERVED_SLUGS:
        return f"a slug that is not a reserved name ({', '.join(sorted(RESERVED_SLUGS))})"
    return None


def region_index(regions: tuple[Region, ...]) -> dict[str, str]:
    """Code or slug -> code: how parameter and scenario files may name a region."""
    return {r.code: r.code for r in regions} | {r.slug: r.code for r in regions}


def load_regions(root: Path, problems: list[Problem]) -> tuple[tuple[Region, ...],
                                                                tuple[Kelurahan, ...]]:
    regions_path = root / "regions" / "regions.yaml"
    if not (regions_path.exists() or regions_path.is_symlink()):  # a pipe is read_spec's
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
        why = slug_problem(item.slug)
        if why:
            problems.append(Problem(source, f"regions.{index}.slug", item.slug, why))
        regions.append(Region(item.code, item.slug, item.name, item.type, item.kecamatan_count))
    for attr in ("code", "slug"):  # ignoring case: Ngawi/ and ngawi/ are one folder on a Mac
        seen: dict[str, int] = {}
        for index, region in enumerate(regions):
            value = getattr(region, attr)
            if value.lower() in seen:
                problems.append(Problem(source, f"regions.{index}.{attr}", value,
                                        f"a unique {attr} (ignoring case); regions."
                                        f"{seen[value.lower()]} has it already"))
            seen.setdefault(value.lower(), index)

    kelurahan: list[Kelurahan] = []
    kel_path = root / "regions" / "kelurahan.yaml"
    if kel_path.exists() or kel_path.is_symlink():  # read_spec refuses a pipe or a link to nowhere
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
            if not re.fullmatch(rf"{re.escape(kel_spec.region)}\.[0-9]{{2}}\.[0-9]{{4}}",
                                item.code):
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
    return bool(CODE_PATTERN.match(code))


