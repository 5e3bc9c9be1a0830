"""The national table of provinces and kabupaten/kota (Kemendagri codes and names).

It ships as package data (``kemendagri/wilayah.csv`` beside this module, with its source,
version and licence in ``kemendagri/SOURCE.yaml``); ``jamsos regions import`` writes an
updated table into a working folder's ``params/regions/kemendagri.csv``, which is then
read instead. Slugs are derived from the names the same way every time, so a report folder
keeps its name from one table to the next.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import InputError, Problem
from .regions import CODE_PATTERN, RESERVED_SLUGS, Region

PACKAGED = "kemendagri"  # folder of package data beside this module
TABLE_FILE, SOURCE_FILE = "wilayah.csv", "SOURCE.yaml"
LOCAL_TABLE = Path("regions") / "kemendagri.csv"  # in a params tree, written by the import
LOCAL_SOURCE = Path("regions") / "kemendagri-source.yaml"
COLUMNS = ("code", "name", "type", "slug", "province_code", "province", "province_slug",
           "kecamatan_count", "population")
PROVINCE_PATTERN = re.compile(r"[0-9]{2}\Z")
MAX_ROWS = 2_000  # 514 today; a file far longer is not a list of kabupaten/kota


@dataclass(frozen=True)
class CatalogueRegion:
    code: str
    name: str
    type: str  # kabupaten | kota
    slug: str
    province_code: str
    province: str
    province_slug: str
    kecamatan_count: int
    population: int  # as listed with the Kepmendagri (Dukcapil's count), 0 when not given

    def as_region(self) -> Region:
        return Region(self.code, self.slug, self.name, self.type, self.kecamatan_count)


@dataclass(frozen=True)
class Catalogue:
    regions: tuple[CatalogueRegion, ...]
    source: str  # where the table was read from (a file path or the package data)
    provenance: dict  # SOURCE.yaml: title, version, url, licence, last_verified...

    def by_code(self) -> dict[str, CatalogueRegion]:
        return {r.code: r for r in self.regions}

    def provinces(self) -> dict[str, tuple[str, str]]:
        """Province code -> (name, slug), in code order."""
        return {r.province_code: (r.province, r.province_slug)
                for r in sorted(self.regions, key=lambda r: r.code)}


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Kota Batu" -> "kota-batu"."""
    ascii_name = name.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def region_slugs(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """Code -> slug for (code, name, province slug) rows. A kabupaten drops its
    "Kabupaten": "Kabupaten Pacitan" is pacitan, unless a kota, a province or another
    kabupaten has that name too (kabupaten-madiun beside kota-madiun); a name found in two
    provinces takes its province's slug as well."""
    base = {code: slugify(re.sub(r"^(Kabupaten|Kab\.)\s+", "", name))
            if not name.startswith("Kota ") else slugify(name) for code, name, _ in rows}
    taken = {slugify(name[len("Kota "):]) for _, name, _ in rows if name.startswith("Kota ")}
    taken |= {province for _, _, province in rows} | RESERVED_SLUGS
    counts: dict[str, int] = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    slugs = {}
    for code, name, province in rows:
        slug = base[code]
        if not name.startswith("Kota ") and (slug in taken or not slug[:1].isalpha()):
            slug = slugify(name)
        if counts[base[code]] > 1:
            slug = f"{slug}-{province}"
        slugs[code] = slug
    return slugs


def catalogue_problems(regions: list[CatalogueRegion], source: str) -> list[Problem]:
    """Bad codes, a kabupaten/kota outside its province, duplicate codes or slugs."""
    problems = []
    seen: dict[str, dict[str, int]] = {"code": {}, "slug": {}}
    for row, region in enumerate(regions, start=2):  # the header is line 1
        if not CODE_PATTERN.match(region.code):
            problems.append(Problem(source, f"line {row}: code", region.code,
                                    "a Kemendagri kabupaten/kota code like 35.77"))
        elif region.code[:2] != region.province_code:
            problems.append(Problem(source, f"line {row}: province_code", region.province_code,
                                    f"{region.code[:2]}, the first part of {region.code}"))
        if region.type not in ("kabupaten", "kota"):
            problems.append(Problem(source, f"line {row}: type", region.type,
                                    "kabupaten or kota"))
        for attribute in seen:
            value = getattr(region, attribute)
            if value in seen[attribute]:
                problems.append(Problem(source, f"line {row}: {attribute}", value,
                                        f"a unique {attribute}; line {seen[attribute][value]} "
                                        "has it already"))
            seen[attribute].setdefault(value, row)
    return problems


def read_table(text: str, source: str) -> list[CatalogueRegion]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InputError(Problem(source, "header", reader.fieldnames,
                                 f"the columns {', '.join(COLUMNS)}"))
    regions = []
    for row, item in enumerate(reader, start=2):
        if row > MAX_ROWS:
            raise InputError(Problem(source, f"line {row}", "(more rows)",
                                     f"at most {MAX_ROWS:,} kabupaten/kota"))
        try:
            counts = int(item["kecamatan_count"]), int(item["population"] or 0)
        except (TypeError, ValueError):
            raise InputError(Problem(source, f"line {row}: kecamatan_count/population",
                                     (item["kecamatan_count"], item["population"]),
                                     "whole numbers")) from None
        regions.append(CatalogueRegion(item["code"], item["name"], item["type"], item["slug"],
                                       item["province_code"], item["province"],
                                       item["province_slug"], *counts))
    problems = catalogue_problems(regions, source)
    if problems:
        raise InputError(problems)
    return regions


def table_text(regions: list[CatalogueRegion]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in sorted(regions, key=lambda r: r.code):
        writer.writerow([getattr(r, column) for column in COLUMNS])
    return out.getvalue()


def load_catalogue(params_root: str | Path) -> Catalogue:
    """The params tree's own table when ``jamsos regions import`` wrote one, else the one
    the package ships."""
    local = Path(params_root) / LOCAL_TABLE
    if local.is_file():
        return _local(str(local), local.stat().st_mtime_ns)
    return _packaged()


@cache  # a national run asks for it per chunk and per report: read once per file version
def _local(path: str, _mtime: int) -> Catalogue:
    import yaml

    text = Path(path).read_text(encoding="utf-8")
    source = Path(path).parent / LOCAL_SOURCE.name
    provenance = (yaml.safe_load(source.read_text(encoding="utf-8"))
                  if source.is_file() else None)
    return Catalogue(tuple(read_table(text, path)), path,
                     provenance if isinstance(provenance, dict) else {})


@cache
def _packaged() -> Catalogue:
    import yaml

    folder = resources.files(__package__) / PACKAGED
    text = (folder / TABLE_FILE).read_text(encoding="utf-8")
    provenance = yaml.safe_load((folder / SOURCE_FILE).read_text(encoding="utf-8"))
    return Catalogue(tuple(read_table(text, f"package data {PACKAGED}/{TABLE_FILE}")),
                     f"package data simulation/params/{PACKAGED}/{TABLE_FILE}", provenance)


@dataclass(frozen=True)
class ImportResult:
    regions: list[CatalogueRegion]
    renamed: list[tuple[str, str, str]]  # code, old name, new name
    removed: list[CatalogueRegion]
    added: list[CatalogueRegion]


def build_catalogue(rows: list[tuple[str, str, int | None]], source: str,
                    previous: Catalogue | None) -> ImportResult:
    """A table from an official list's (code, name, population) rows of provinces
    (``35``), kabupaten/kota (``35.77``) and optionally kecamatan (``35.77.01``, counted);
    deeper levels are ignored. Bad codes, duplicates and a kabupaten/kota without its
    province are errors; renamed, removed and added regions are reported against
    ``previous``, and a renamed region keeps its slug (its report folder)."""
    problems: list[Problem] = []
    provinces: dict[str, str] = {}
    regions: dict[str, tuple[str, int | None]] = {}
    kecamatan: dict[str, int] = {}
    for code, name, population in rows:
        if code == "0":  # the country's own row (a population list's total)
            continue
        name = " ".join(str(name).split())
        if not name or len(name) > 100:
            problems.append(Problem(source, "name", name, "a name of 1 to 100 "
                                    "characters"))
            continue
        level = {2: provinces, 5: regions}.get(len(code))
        if PROVINCE_PATTERN.match(code) or CODE_PATTERN.match(code):
            target = provinces if level is provinces else regions
            if code in target:
                problems.append(Problem(source, "code", code,
                                        "a code listed once (it is listed twice)"))
            target[code] = name if level is provinces else (name, population)
        elif re.fullmatch(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}", code):
            kecamatan[code[:5]] = kecamatan.get(code[:5], 0) + 1
        elif not re.fullmatch(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}", code):
            problems.append(Problem(source, "code", code,
                                    "a Kemendagri code: 35, 35.77, 35.77.01 or 35.77.01.1001"))
    for code, (name, _) in regions.items():
        if code[:2] not in provinces:
            problems.append(Problem(source, code, name, f"a province {code[:2]} listed in "
                                    "the same file"))
        if not re.match(r"(Kabupaten|Kota) \S", name):
            problems.append(Problem(source, code, name,
                                    "a name starting with Kabupaten or Kota"))
    if not regions and not problems:
        problems.append(Problem(source, "", "(no kabupaten/kota)",
                                "rows with codes like 35.77 and their names"))
    if problems:
        raise InputError(problems)
    province_slugs = {code: slugify(name) for code, name in provinces.items()}
    slugs = region_slugs([(code, name, province_slugs[code[:2]])
                          for code, (name, _) in sorted(regions.items())])
    old = previous.by_code() if previous else {}
    renamed = [(code, old[code].name, name) for code, (name, _) in sorted(regions.items())
               if code in old and old[code].name != name]
    for code, _, _ in renamed:
        slugs[code] = old[code].slug
    built = [CatalogueRegion(code, name, "kota" if name.startswith("Kota ") else "kabupaten",
                             slugs[code], code[:2], provinces[code[:2]],
                             province_slugs[code[:2]],
                             kecamatan.get(code, old[code].kecamatan_count if code in old
                                           else 0),
                             population if population is not None
                             else (old[code].population if code in old else 0))
             for code, (name, population) in sorted(regions.items())]
    problems = catalogue_problems(built, source)
    if problems:
        raise InputError(problems)
    return ImportResult(built, renamed, [r for c, r in old.items() if c not in regions],
                        [r for r in built if r.code not in old])
