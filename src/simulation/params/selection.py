"""What ``--regions`` selects: region codes or slugs, a province (``35`` or
``jawa-timur``), a branch (``cabang-madiun``, a named group in
``params/regions/branches.yaml``) or ``all``; nothing given is the default branch.

The regions the params tree details keep their figures; any other is filled from the
national table and the province figures (:mod:`.national`).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from ..errors import InputError, Problem
from .catalogue import PROVINCE_PATTERN, Catalogue, load_catalogue
from .national import load_province_figures, load_published_counts, with_regions
from .paramset import ParamSet
from .reader import read_list
from .regions import CODE_PATTERN, Region, slug_problem

BRANCH_FILE = Path("regions") / "branches.yaml"
ALL = "all"


@dataclass(frozen=True)
class Branch:
    slug: str
    name: str
    codes: tuple[str, ...]
    default: bool = False


def load_branches(root: str | Path, catalogue: Catalogue) -> tuple[Branch, ...]:
    path = Path(root) / BRANCH_FILE
    items = read_list(path, "branches", "a list of branches")
    problems: list[Problem] = []
    known = catalogue.by_code()
    names = {r.slug for r in catalogue.regions} | {s for _, s in catalogue.provinces().values()}
    branches = []
    for index, item in enumerate(items):
        key = f"branches.{index}"
        if not isinstance(item, dict) or not isinstance(item.get("regions"), list):
            problems.append(Problem(str(path), key, item, "slug, name and a list of regions"))
            continue
        slug = item.get("slug")
        why = slug_problem(slug) or ("a name no region or province has" if slug in names
                                     else None)
        if why:
            problems.append(Problem(str(path), f"{key}.slug", slug, why))
        codes = tuple(str(c) for c in item["regions"])
        for code in codes:
            if code not in known:
                problems.append(Problem(str(path), f"{key}.regions", code,
                                        "a kabupaten/kota code of the national table"))
        branches.append(Branch(str(slug), str(item.get("name", slug)), codes,
                               bool(item.get("default", False))))
    if problems:
        raise InputError(problems)
    return tuple(branches)


def default_branch(branches: tuple[Branch, ...]) -> Branch | None:
    return next((b for b in branches if b.default), branches[0] if branches else None)


def select_regions(params: ParamSet, text: str | None, source: str = "--regions"
                   ) -> ParamSet:
    """``params`` for the regions ``text`` names (its ``regions`` are the selection, in the
    order named; a province or ``all`` in code order)."""
    catalogue = load_catalogue(params.root)
    branches = load_branches(params.root, catalogue)
    if not text or not text.strip():
        branch = default_branch(branches)
        if branch is None or set(branch.codes) == {r.code for r in params.regions}:
            return params  # the detailed regions as the tree lists them
        text = branch.slug
    idents = [part.strip() for part in text.split(",") if part.strip()]
    if not idents:
        raise InputError(Problem(source, "", text, "one or more region codes or slugs, a "
                                 "province, a branch or all, comma-separated"))
    detailed = {r.code: r for r in params.regions}
    by_code = catalogue.by_code()
    lookup: dict[str, tuple[str, ...]] = {}
    for region in catalogue.regions:
        lookup[region.code] = lookup[region.slug] = (region.code,)
    for region in params.regions:  # the tree's own slugs win for its regions
        lookup[region.slug] = (region.code,)
    provinces = catalogue.provinces()
    for code, (_, slug) in provinces.items():
        lookup[code] = lookup[slug] = tuple(r.code for r in catalogue.regions
                                            if r.province_code == code)
    for branch in branches:
        lookup[branch.slug] = branch.codes
    lookup[ALL] = tuple(r.code for r in catalogue.regions)

    problems, chosen = [], []
    for ident in idents:
        wanted = ident.lower()
        if wanted in lookup:
            if not lookup[wanted]:
                problems.append(Problem(source, "", ident, "a province with kabupaten/kota "
                                        f"in the national table ({catalogue.source})"))
            chosen.extend(lookup[wanted])
            continue
        if PROVINCE_PATTERN.match(wanted):
            problems.append(Problem(source, "", ident, "a province with kabupaten/kota in "
                                    f"the national table ({catalogue.source}): "
                                    f"{', '.join(provinces)}"))
            continue
        nearest = get_close_matches(wanted, list(lookup), n=3, cutoff=0.6)
        hint = f"; nearest: {', '.join(nearest)}" if nearest else ""
        shape = ("a kabupaten/kota code of the national table" if CODE_PATTERN.match(wanted)
                 else "a region code or slug, a province (35 or jawa-timur), a branch "
                 f"({', '.join(b.slug for b in branches) or 'none defined'}) or all")
        problems.append(Problem(source, "", ident, shape + hint))
    if problems:
        raise InputError(problems)
    regions: tuple[Region, ...] = tuple(
        detailed[code] if code in detailed else by_code[code].as_region()
        for code in dict.fromkeys(chosen))
    if [r.code for r in regions] == [r.code for r in params.regions]:
        return params
    return with_regions(params, regions, catalogue, load_province_figures(params.root),
                        load_published_counts(params.root))

