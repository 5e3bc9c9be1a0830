"""Figures for a kabupaten/kota outside the regions the params tree details.

The six regions of Cabang Madiun carry their own pools, counts and schemes. Any other
region is filled from the national table (its population, as listed with the Kepmendagri)
and from province figures (``params/regions/provinces.yaml``: BPS's employed count and
informal share per province, the national count of active BPU participants)::

    informal workers = population x employed per resident (province) x informal share
    active BPU       = informal workers x active BPU per informal worker (national)

A province without a published figure takes the national one. Both results are
``kind: assumption`` (a province's shares applied to one of its kabupaten/kota) with wide
ranges (a kota's reaching lower), and every report and overview says so. Applied to the six
regions the tree details, the kabupaten's pools come within 8% of their own estimates, Kota
Madiun's own estimate is half the method's and Pacitan's published count of non-formal
workers 1.5 times it; Pacitan's 20,886 registered BPU participants (December 2025) lie in
the band (tests/test_regions_national.py). No regional scheme is known for these
regions: the BPU count includes whatever members a regional scheme pays for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError, Problem
from ..months import format_month, parse_month
from .catalogue import Catalogue
from .paramset import ParamSet
from .reader import read_list, read_yaml
from .regions import Region
from .values import DatedEntry, Reference, ValueRange, Words

PROVINCE_FILE = Path("regions") / "provinces.yaml"
POOL_SPREAD = 0.25  # a province's shares applied to one kabupaten/kota: plus or minus 25%
# a kota's informal share lies well below its province's (services): Kota Madiun's own
# estimate is half of what the province's shares give, so a kota's range reaches down to it
KOTA_LOW = 0.45
NATIONAL = "national"  # the origin of a value filled from the province figures
BPU_SPREAD = 0.5  # the national BPU rate applied to one region: half to one and a half times
POOL_FROM = "2015-07"  # held for every month, as the detailed regions' pool estimates are
# the replay of history starts in January 2020: its state is the earliest national count
# (end 2022, none for 2019 or 2020 was found) as a share of the informal workers
REPLAY_STATE_MONTH = "2019-10"


@dataclass(frozen=True)
class ProvinceFigures:
    informal_share: dict[str, float]
    employed: dict[str, float]
    bpu_points: tuple[dict, ...]  # national: month, active_bpu, informal_workers (some)
    references: tuple[Reference, ...]
    last_verified: dt.date
    source: str

    def national_bpu_rate(self, month: str | None = None) -> float:
        """Active BPU participants per informal worker nationally, at the newest point with
        both counts (or the point of ``month``, divided by that newest informal count)."""
        both = [p for p in self.bpu_points if p.get("informal_workers")]
        newest = max(both, key=lambda p: str(p["month"]))
        point = (newest if month is None else
                 next(p for p in self.bpu_points if str(p["month"]) == month))
        return point["active_bpu"] / newest["informal_workers"]


def load_province_figures(root: str | Path) -> ProvinceFigures:
    path = Path(root) / PROVINCE_FILE
    problems: list[Problem] = []
    data = read_yaml(path, problems) if path.is_file() else None
    if problems:
        raise InputError(problems)
    if not isinstance(data, dict):
        raise InputError(Problem(str(path), "", "(missing)", "province figures: "
                                 "informal_share, employed and national_bpu"))
    found = {}
    for key, field in (("informal_share", "values"), ("employed", "values"),
                       ("national_bpu", "points")):
        block = data.get(key)
        if not isinstance(block, dict) or field not in block:
            problems.append(Problem(str(path), key, block, f"a mapping with {field}"))
            continue
        found[key] = block
    if problems:
        raise InputError(problems)
    share = {str(k): float(v) for k, v in found["informal_share"]["values"].items()}
    bad = [(k, v) for k, v in share.items() if not 0 < v < 1]
    if bad:
        raise InputError([Problem(str(path), f"informal_share.values.{k}", v, "a share "
                                  "between 0 and 1") for k, v in bad])
    references = []
    for key in found:
        refs = found[key].get("reference") or []
        for ref in refs if isinstance(refs, list) else [refs]:
            if isinstance(ref, dict) and isinstance(ref.get("title"), dict):
                references.append(Reference(Words(ref["title"]["id"], ref["title"]["en"]),
                                            ref.get("url")))
    points = tuple({**p, "month": str(p["month"])} for p in found["national_bpu"]["points"])
    return ProvinceFigures(share, {str(k): float(v) for k, v in
                                   found["employed"]["values"].items()},
                           points, tuple(references),
                           found["informal_share"].get("last_verified", dt.date.today()),
                           str(path))


def national_pool(catalogue: Catalogue, figures: ProvinceFigures) -> dict[str, float]:
    """Code -> informal workers (central) of every region in the table."""
    population: dict[str, int] = {}
    for region in catalogue.regions:
        population[region.province_code] = (population.get(region.province_code, 0)
                                            + region.population)
    total_population = sum(population.values())
    newest = max((p for p in figures.bpu_points if p.get("informal_workers")),
                 key=lambda p: p["month"])
    national_employed = float(newest["employed"])  # BPS, the same round (provinces.yaml)
    national_share = newest["informal_workers"] / national_employed
    pool = {}
    for region in catalogue.regions:
        province = region.province_code
        employed_rate = (figures.employed[province] / population[province]
                         if province in figures.employed and population[province]
                         else national_employed / total_population)
        share = figures.informal_share.get(province, national_share)
        pool[region.code] = region.population * employed_rate * share
    return pool


def province_level_codes(params: ParamSet) -> frozenset[str]:
    """The codes of the regions whose figures :func:`with_regions` filled from the province
    figures (none in a run of the tree's regions)."""
    return frozenset(code for entry in params.parameter("informal_workers").entries
                     if entry.origin == NATIONAL for code in entry.by_region)


def with_regions(params: ParamSet, regions: tuple[Region, ...], catalogue: Catalogue,
                 figures: ProvinceFigures, counts: tuple[PublishedCount, ...] = ()
                 ) -> ParamSet:
    """``params`` for a run of ``regions``: those the tree does not detail get a pool and a
    starting BPU count from the national table and the province figures; a count published
    for one of them (``counts``) sets its active BPU members from its month on: an active
    count is taken as it is, a count of members a budget pays is a floor under the
    estimate (they are active BPU members; the self-payers beside them are not known)."""
    detailed = {r.code for r in params.regions}
    added = [r.code for r in regions if r.code not in detailed]
    if not added:
        return replace(params, regions=regions)
    pool = national_pool(catalogue, figures)
    rate_now = figures.national_bpu_rate()
    rate_then = figures.national_bpu_rate(min(p["month"] for p in figures.bpu_points))
    newest = max(p["month"] for p in figures.bpu_points if p.get("informal_workers"))

    kota = {r.code for r in regions if r.type == "kota"}

    def spread(code: str, value: float, width: float) -> ValueRange:
        low = KOTA_LOW if code in kota else 1 - width
        return ValueRange(round(value * low), round(value), round(value * (1 + width)))

    additions = {
        "informal_workers": [(POOL_FROM, {c: spread(c, pool[c], POOL_SPREAD) for c in added})],
        "active_bpu": [(REPLAY_STATE_MONTH, {c: spread(c, pool[c] * rate_then, BPU_SPREAD)
                                             for c in added}),
                       (newest, {c: spread(c, pool[c] * rate_now, BPU_SPREAD)
                                 for c in added})],
    }
    for count in sorted(counts, key=lambda c: c.month):
        if count.region not in added:
            continue
        estimate = spread(count.region, pool[count.region] * rate_now, BPU_SPREAD)
        if count.measure == "active_bpu":
            value = ValueRange(count.count, count.count, count.count)
        else:
            value = ValueRange(max(count.count, estimate.low), max(count.count, estimate.central),
                               max(count.count, estimate.high))
        additions["active_bpu"].append((format_month(count.month), {count.region: value}))
    parameters = dict(params.parameters)
    for name, entries in additions.items():
        parameter = parameters[name]
        new = tuple(DatedEntry(parse_month(month), values, NATIONAL)
                    for month, values in entries)
        merged = tuple(sorted(parameter.entries + new, key=lambda e: e.month))
        refs = parameter.references + figures.references
        if not detailed & {r.code for r in regions}:  # a run of national regions only
            refs = figures.references
        parameters[name] = replace(parameter, entries=merged, references=refs)
    return replace(params, regions=regions, parameters=parameters)


@dataclass(frozen=True)
class PublishedCount:
    """A count published for a region outside the tree (params/regions/
    published-counts.yaml): a report and the overview show it with its source, and it sets
    the region's starting BPU members (:func:`with_regions`); no scheme is modelled there."""

    region: str  # Kemendagri code
    month: int
    measure: str  # active_bpu | scheme_members
    count: int
    note: Words
    reference: Reference
    last_verified: dt.date


COUNTS_FILE = Path("regions") / "published-counts.yaml"
COUNT_MEASURES = ("active_bpu", "scheme_members")


def load_published_counts(root: str | Path) -> tuple[PublishedCount, ...]:
    path = Path(root) / COUNTS_FILE
    items = read_list(path, "counts", "a list of counts")
    problems: list[Problem] = []
    found = []
    for index, item in enumerate(items):
        key = f"counts.{index}"
        try:
            reference = item["reference"]
            found.append(PublishedCount(
                str(item["region"]), parse_month(str(item["month"])), str(item["measure"]),
                int(item["count"]), Words(item["note"]["id"], item["note"]["en"]),
                Reference(Words(reference["title"]["id"], reference["title"]["en"]),
                          reference.get("url")), item["last_verified"]))
        except (KeyError, TypeError, ValueError, InputError):
            problems.append(Problem(str(path), key, item, "region, month (YYYY-MM), measure, "
                                    "count, note {id, en}, reference {title {id, en}, url} "
                                    "and last_verified"))
            continue
        if found[-1].measure not in COUNT_MEASURES or found[-1].count < 0:
            problems.append(Problem(str(path), f"{key}.measure", item.get("measure"),
                                    f"one of {', '.join(COUNT_MEASURES)} with a count of 0 "
                                    "or more"))
    if problems:
        raise InputError(problems)
    return tuple(found)
