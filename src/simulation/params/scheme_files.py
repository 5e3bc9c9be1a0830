"""Reading scheme files (``params/schemes/NAME.yaml``) into :class:`.schemes.Scheme`
objects, checked: every contradiction is a problem naming the file, the key and the value
(see :mod:`.schemes` for what a scheme holds)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..months import format_month, parse_month
from .reader import read_spec
from .schema import PACKAGES, CountRangeSpec, MonthRangeSpec, SchemeSpec
from .schemes import (
    AGENCY_LIST,
    BPU,
    LURAH_LIST,
    PU,
    Period,
    Scheme,
    SchemeYear,
    Uncertain,
)
from .values import Parameter, Words, references_from


def one_month_cost(parameters: dict[str, Parameter], package: str, code: str,
                   month: int) -> float:
    """What one member costs for a month at the regular rate (no relief)."""
    if package == "pu_jkk_jkm":
        return parameters["pu_package_rp"].central(code, month)
    income = parameters["lowest_declared_income_rp"].central(code, month)
    cost = income * parameters["jkk_rate"].central(code, month)
    cost += parameters["jkm_contribution_rp"].central(code, month)
    if package == "bpu_jht":
        cost += income * parameters["jht_rate"].central(code, month)
    return cost


def load_schemes(paths: list[Path], parameters: dict[str, Parameter], region_index: dict,
                 problems: list[Problem]) -> tuple[Scheme, ...]:
    """Read and check scheme files; contradictions are problems naming file, key and value."""
    schemes = []
    for path in paths:
        scheme = _load_one(path, parameters, region_index, problems)
        if scheme is not None:
            schemes.append(scheme)
    pipelines = [s for s in schemes if s.group == BPU and not s.by_agency_list]
    for k, first in enumerate(pipelines):  # the model has one lurah-list pipeline per region
        for second in pipelines[k + 1:]:
            if (first.region_code == second.region_code
                    and first.first_month < second.end_month
                    and second.first_month < first.end_month):
                problems.append(Problem(second.source_file, "years", first.name,
                                        "no second lurah-list BPU scheme in a region while "
                                        f"another runs there ({first.name}, "
                                        f"{first.source_file}); a scheme enrolling from an "
                                        "agency's list says enrolment: agency_list"))
    _check_pool_together(schemes, parameters.get("informal_workers"), problems)
    return tuple(schemes)


def _check_pool_together(schemes: list[Scheme], pool: Parameter | None,
                         problems: list[Problem]) -> None:
    """A region's BPU schemes together pay for no more people than its informal-worker pool
    in any month their files give (each scheme alone is checked as it is read): the first
    month over it is named, on the file read last of those paying then."""
    if pool is None:
        return
    by_region: dict[str, list[Scheme]] = {}
    for scheme in schemes:
        if scheme.group == BPU and scheme.region_code is not None:
            by_region.setdefault(scheme.region_code, []).append(scheme)
    for code, group in by_region.items():
        if len(group) < 2:
            continue
        months = sorted({month for scheme in group for year in scheme.years
                         for period in year.periods
                         for month in range(int(period.start.central),
                                            int(period.end.central) + 1)})
        for month in months:
            paying = [(scheme, _most_members(scheme, month)) for scheme in group]
            paying = [(scheme, members) for scheme, members in paying if members > 0]
            limit = pool.central(code, month)
            total = sum(members for _, members in paying)
            if len(paying) > 1 and limit is not None and total > limit:
                names = ", ".join(f"{s.name} {m:,.0f}" for s, m in paying)
                problems.append(Problem(
                    paying[-1][0].source_file, f"years.{month // 12}", int(total),
                    f"the region's schemes together paying for no more than its "
                    f"informal-worker pool ({limit:,.0f} in {format_month(month)}, "
                    f"informal_workers in {pool.source_file}; {names})"))
                break


def _most_members(scheme: Scheme, month: int) -> float:
    """The most members (high end) a scheme pays for in ``month``: 0 outside its central
    paid periods (the months checked lie in years its file gives)."""
    year = scheme.year(month // 12)
    if year is None:
        return 0.0
    return next((float(p.quota.high) for p in year.periods if p.pays_in(month)), 0.0)


def _month(spec: str | MonthRangeSpec, source: str, key: str, problems: list[Problem]
           ) -> Uncertain | None:
    """A month or a range of months (low <= central <= high)."""
    try:
        if isinstance(spec, str):
            month = parse_month(spec, source, key)
            return Uncertain(month, month, month)
        low, central, high = (parse_month(getattr(spec, part), source, f"{key}.{part}")
                              for part in ("low", "central", "high"))
    except InputError as error:
        problems.extend(error.problems)
        return None
    if not low <= central <= high:
        problems.append(Problem(source, key, spec.model_dump(), "low <= central <= high"))
        return None
    return Uncertain(low, central, high)


def _count(spec: int | CountRangeSpec, source: str, key: str, what: str,
           problems: list[Problem]) -> Uncertain | None:
    """A whole number of at least 0, or a range of them (low <= central <= high)."""
    low, central, high = ((spec, spec, spec) if isinstance(spec, int)
                          else (spec.low, spec.central, spec.high))
    if min(low, central, high) < 0:
        problems.append(Problem(source, key, spec if isinstance(spec, int) else spec.model_dump(),
                                f"{what}, at least 0"))
        return None
    if not low <= central <= high:
        problems.append(Problem(source, key, spec.model_dump(), "low <= central <= high"))
        return None
    return Uncertain(low, central, high)


def _load_one(path: Path, parameters: dict[str, Parameter], region_index: dict,
              problems: list[Problem]) -> Scheme | None:
    source = str(path)
    spec = read_spec(path, SchemeSpec, problems)
    if spec is None:
        return None
    before = len(problems)
    if spec.name != path.stem:
        problems.append(Problem(source, "name", spec.name,
                                f"the file name without .yaml ({path.stem!r})"))
    code = region_index.get(spec.region)
    if code is None:
        known = ", ".join(sorted(k for k in region_index if not k[:1].isdigit()))
        problems.append(Problem(source, "region", spec.region, f"a known region: {known}"))
    if spec.package not in PACKAGES:
        problems.append(Problem(source, "package", spec.package,
                                f"one of the packages {', '.join(PACKAGES)}"))
    elif PACKAGES[spec.package] != spec.group:
        fitting = ", ".join(p for p, g in PACKAGES.items() if g == spec.group)
        problems.append(Problem(source, "package", spec.package,
                                f"a package of the {spec.group.upper()} group ({fitting}): "
                                f"{spec.package} is for {PACKAGES[spec.package].upper()} members"))
    enrolment = spec.enrolment or (LURAH_LIST if spec.group == BPU else AGENCY_LIST)
    if spec.group == PU and enrolment == LURAH_LIST:
        problems.append(Problem(source, "enrolment", spec.enrolment,
                                "agency_list for a wage-earner (PU) scheme: its members are "
                                "named by the government, not listed by the lurah"))
    pass_rate = None
    if spec.pass_rate is not None:
        rate = spec.pass_rate
        low, central, high = ((rate, rate, rate) if isinstance(rate, float)
                              else (rate.low, rate.central, rate.high))
        if not 0 < low <= central <= high <= 1:
            problems.append(Problem(source, "pass_rate", rate if isinstance(rate, float)
                                    else rate.model_dump(),
                                    "a share above 0, at most 1 (a range: low <= central <= "
                                    "high)"))
        pass_rate = Uncertain(low, central, high)
    if spec.pass_rate is not None and enrolment == AGENCY_LIST:
        problems.append(Problem(source, "pass_rate", spec.pass_rate,
                                "no pass_rate for a scheme enrolling from an agency's list (its "
                                "list is verified before the SK names the members)"))
    if not spec.years:
        problems.append(Problem(source, "years", spec.years, "at least one APBD year"))
    if len(problems) > before:
        return None
    pool = parameters.get("informal_workers")
    years = []
    for year, item in sorted(spec.years.items()):
        key = f"years.{year}"
        if not 2000 <= year <= 2100:
            problems.append(Problem(source, key, year, "an APBD year from 2000 to 2100"))
            continue
        periods = _periods(item, year, enrolment, source, key, problems)
        if periods is None:
            continue
        listed_per_month = _count(item.listed_per_month, source, f"{key}.listed_per_month",
                                  "a whole number of people a month", problems)
        if item.listed < 0:
            problems.append(Problem(source, f"{key}.listed", item.listed,
                                    "a whole number of people, at least 0"))
        listing = {"listed": item.listed,
                   "listed_per_month": listed_per_month.high if listed_per_month else 0}
        for name, amount in listing.items():
            if amount and enrolment == AGENCY_LIST:
                shown = getattr(item, name)
                problems.append(Problem(
                    source, f"{key}.{name}", shown if isinstance(shown, int)
                    else shown.model_dump(),
                    "no lurah listing for a scheme enrolling from an agency's list "
                    + ("(its members are named by the government)" if spec.group == PU
                       else "(set enrolment: lurah_list for a scheme listed by RT and lurah)")))
        budget = None
        if item.budget_rp is not None:
            budget = _count(item.budget_rp, source, f"{key}.budget_rp",
                            "a whole number of Rupiah (or null: no cap)", problems)
            if budget is None:
                continue
        quota = max(p.quota.central for p in periods)
        if budget is not None and quota > 0 and not item.reason and code is not None:
            month_cost = quota * one_month_cost(parameters, spec.package, code,
                                                int(periods[0].start.central))
            if budget.central < month_cost:
                problems.append(Problem(
                    source, f"{key}.budget_rp", item.budget_rp if isinstance(item.budget_rp, int)
                    else item.budget_rp.model_dump(),
                    f"at least one month of the quota ({quota:,.0f} x the package = Rp "
                    f"{month_cost:,.0f}), or a reason: saying why it is lower"))
        if spec.group == BPU and pool is not None and code is not None:
            for k, period in enumerate(periods):
                limit = pool.central(code, int(period.start.central))
                if limit is not None and period.quota.high > limit:
                    where = f"{key}.periods.{k}.quota" if item.periods else f"{key}.quota"
                    problems.append(Problem(
                        source, where, int(period.quota.high),
                        f"members no more than the region's informal-worker pool "
                        f"({limit:,.0f} in {format_month(int(period.start.central))}, "
                        f"informal_workers in {pool.source_file})"))
        if listed_per_month is None:
            continue
        years.append(SchemeYear(year, periods, budget, item.listed, listed_per_month,
                                item.kind, Words.of(item.source), item.reason))
    given = sorted(spec.years)
    for missing in sorted(set(range(given[0], given[-1] + 1)) - set(given)):
        problems.append(Problem(source, f"years.{missing}", None,
                                "every APBD year from the first to the last (a year the scheme "
                                "paid nobody says quota: 0; a missing one would silently be "
                                "none)"))
    if len(problems) > before:
        return None
    return Scheme(spec.name, spec.title.id, spec.title.en, code, spec.payer, spec.group,
                  spec.package, tuple(spec.eligibility), pass_rate, spec.kind,
                  references_from(spec.reference), spec.last_verified, spec.confidence,
                  spec.note, source, tuple(years), spec.continues, enrolment, spec.sector)


def _periods(item, year: int, enrolment: str, source: str, key: str,
             problems: list[Problem]) -> tuple[Period, ...] | None:
    """The paid periods of one APBD year: ``start``/``end``/``quota`` or a ``periods`` list;
    each within the year, its start no later than its end, none overlapping another."""
    before = len(problems)
    flat = (item.start, item.end, item.quota)
    if item.periods and any(v is not None for v in flat):
        problems.append(Problem(source, f"{key}.periods", len(item.periods),
                                "either periods or start/end/quota, not both"))
        return None
    if not item.periods and item.quota is None:
        problems.append(Problem(source, f"{key}.quota", None,
                                "the members paid for (or periods, each with its quota)"))
        return None
    if item.periods:
        raw = [(f"{key}.periods.{k}", p.start, p.end, p.quota) for k, p in enumerate(item.periods)]
    else:
        raw = [(key, item.start or f"{year}-01", item.end or f"{year}-12", item.quota)]
    periods = []
    for where, start_spec, end_spec, quota_spec in raw:
        start = _month(start_spec, source, f"{where}.start", problems)
        end = _month(end_spec, source, f"{where}.end", problems)
        quota = _count(quota_spec, source, f"{where}.quota", "a whole number of people",
                       problems)
        if start is None or end is None or quota is None:
            continue
        for name, month, spec in (("start", start, start_spec), ("end", end, end_spec)):
            shown = spec if isinstance(spec, str) else spec.model_dump()
            if month.low // 12 != year or month.high // 12 != year:
                problems.append(Problem(source, f"{where}.{name}", shown,
                                        f"a month of {year} (a paid period lies within its "
                                        "APBD year)"))
            elif month.is_range and enrolment == LURAH_LIST:
                problems.append(Problem(source, f"{where}.{name}", shown,
                                        "one month (a range of months is for schemes "
                                        "enrolling from an agency's list)"))
        if start.high > end.low:
            shown = end_spec if isinstance(end_spec, str) else end_spec.model_dump()
            problems.append(Problem(source, f"{where}.end", shown,
                                    f"a month no earlier than the start "
                                    f"{format_month(int(start.high))}"))
        periods.append(Period(start, end, quota))
    periods.sort(key=lambda p: p.start.central)  # in the year's order, however written
    for first, second in zip(periods, periods[1:], strict=False):
        if second.start.low <= first.end.high:
            problems.append(Problem(source, f"{key}.periods", format_month(int(second.start.low)),
                                    f"periods that do not overlap (one ends "
                                    f"{format_month(int(first.end.high))})"))
    if len(problems) > before:
        return None
    return tuple(periods)
