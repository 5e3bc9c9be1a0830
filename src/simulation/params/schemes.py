"""Schemes: who pays whose contributions, in which region, with which package, year by year.

A scheme file (``params/schemes/NAME.yaml``) describes one scheme as it really ran or runs:
a payer (APBD kabupaten/kota, APBD provinsi, tobacco-excise funds, CSR, Baznas, the worker),
a member group and package (BPU JKK+JKM, BPU with JHT, the wage-earner package), how members
join, and per APBD year the members it pays for, the months it pays (one period or several)
and its budget, each with its kind and source. Sizes, budgets and months that are our own
assumptions carry a range ``{low, central, high}``, which Monte Carlo samples.

Two ways in:

* ``lurah_list`` (BPU): RT and lurah list workers, a team verifies them, the verified are
  enrolled up to the quota and the budget. The loader lays these schemes into the dated
  parameters the model's subsidy pipeline reads (``subsidy_quota``,
  ``subsidy_budget_cap_rp``, the listing), so the baseline is the policy in force and
  scenarios change it. One such scheme runs in a region at a time.
* ``agency_list`` (BPU, and every wage-earner scheme): an agency's list (farmer groups,
  e-RDKK, kader lists, an SK Bupati) is enrolled in bulk when a paid period starts; at its
  end members leave or pay themselves. Any number run at once; the engine follows each.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..defaults import DEFAULT_PACKAGE, DEFAULT_PAYER  # noqa: F401 - what a subsidy defaults to
from .terms import DatedTerms, terms_at
from .values import DatedEntry, Parameter, Reference, ValueRange, Words

BPU, PU = "bpu", "pu"
LURAH_LIST, AGENCY_LIST = "lurah_list", "agency_list"
PACKAGE_PROGRAMMES = {"bpu_jkk_jkm": ("jkk", "jkm"), "bpu_jht": ("jkk", "jkm", "jht")}
# parameters that pricing and laying schemes read (and write): the loader checks they exist
SCHEME_PARAMETERS = ("subsidy_lag_months", "lowest_declared_income_rp", "jkk_rate",
                     "jkm_contribution_rp", "jht_rate", "pu_package_rp", "subsidy_quota",
                     "subsidy_budget_cap_rp", "subsidy_listed_per_month",
                     "verification_pass_rate")
LAID_UNTIL_YEAR = 2060  # a continuing lurah-list scheme with part-year periods is laid to here


@dataclass(frozen=True)
class Uncertain:
    """A number we know (low == central == high) or a range of our own."""

    low: float
    central: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def as_range(self) -> ValueRange:
        return ValueRange(self.low, self.central, self.high)

    def shifted(self, months: int) -> Uncertain:
        return Uncertain(self.low + months, self.central + months, self.high + months)


@dataclass(frozen=True)
class Period:
    """Paid months (month indices, inclusive) and the members the scheme pays for then."""

    start: Uncertain
    end: Uncertain
    quota: Uncertain

    def pays_in(self, month: int) -> bool:
        """Whether the central period covers ``month``."""
        return self.start.central <= month <= self.end.central

    def shifted(self, years: int) -> Period:
        return Period(self.start.shifted(12 * years), self.end.shifted(12 * years), self.quota)


@dataclass(frozen=True)
class SchemeYear:
    year: int
    periods: tuple[Period, ...]
    budget: Uncertain | None  # None: no cap beyond the quota
    listed: int
    listed_per_month: Uncertain
    kind: str
    source: Words
    reason: str | None = None
    continued: bool = False  # a year the file does not give: the last one, held on

    @property
    def start(self) -> int:
        """The first paid month (central)."""
        return int(self.periods[0].start.central)

    def is_uncertain(self) -> bool:
        return (any(p.start.is_range or p.end.is_range or p.quota.is_range
                    for p in self.periods) or bool(self.budget and self.budget.is_range)
                or self.listed_per_month.is_range)


@dataclass(frozen=True)
class Scheme:
    name: str
    title_id: str
    title_en: str
    region_code: str
    payer: str
    group: str
    package: str
    eligibility: tuple[str, ...]
    pass_rate: Uncertain | None
    kind: str
    references: tuple[Reference, ...]
    last_verified: object
    confidence: str
    note: str | None
    source_file: str
    years: tuple[SchemeYear, ...]
    continues: bool = False
    enrolment: str = LURAH_LIST
    sector: str = "other"
    # an agency's list names last period's members first (they are its own people); a group
    # made up in the explorer draws only on people it never had (False)
    relists: bool = True

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

    @property
    def by_agency_list(self) -> bool:
        """Members come in bulk from an agency's list (every wage-earner scheme too)."""
        return self.enrolment == AGENCY_LIST

    @property
    def first_month(self) -> int:
        return self.years[0].start

    @property
    def end_month(self) -> int:
        """The first month after the scheme's last APBD year (far away if it continues)."""
        return 9999 * 12 if self.continues else (self.years[-1].year + 1) * 12

    def runs_in(self, month: int) -> bool:
        return self.first_month <= month < self.end_month

    def year(self, year: int) -> SchemeYear | None:
        """The APBD year as the file gives it, or the last one held on where it continues."""
        found = next((y for y in self.years if y.year == year), None)
        last = self.years[-1]
        if found is None and self.continues and year > last.year:
            shift = year - last.year
            return SchemeYear(year, tuple(p.shifted(shift) for p in last.periods), last.budget,
                              0, last.listed_per_month, "assumption", last.source, last.reason,
                              continued=True)
        return found

    def members_at(self, month: int) -> float:
        """Members the scheme pays for in ``month`` at central values (0 outside its paid
        periods); a lurah-list scheme's are as many as the model enrols, not this."""
        year = self.year(month // 12)
        if year is None:
            return 0.0
        return next((p.quota.central for p in year.periods if p.pays_in(month)), 0.0)


def scheme_entries(scheme: Scheme, parameters: dict[str, Parameter]
                   ) -> dict[str, tuple[DatedEntry, ...]]:
    """The dated values a lurah-list scheme lays over the parameters, by parameter name."""
    code, origin = scheme.region_code, f"scheme:{scheme.name}"

    def entry(month: int, value: ValueRange | float | None) -> DatedEntry:
        if not isinstance(value, ValueRange):
            value = ValueRange(value, value, value)
        return DatedEntry(int(month), {code: value}, origin)

    lag = parameters["subsidy_lag_months"]
    quota, cap, listed = [], [], []
    last = scheme.years[-1]
    years = list(scheme.years)
    if scheme.continues and any(p.end.central % 12 != 11 for p in last.periods):
        years += [scheme.year(y) for y in range(last.year + 1, LAID_UNTIL_YEAR + 1)]
    for y in years:
        budget = None if y.budget is None else y.budget.as_range()
        cap.append(entry(y.year * 12, budget))
        starts = {p.start.central for p in y.periods}
        for period in y.periods:
            quota.append(entry(period.start.central, period.quota.as_range()))
            ends_early = period.end.central % 12 != 11 and period.end.central + 1 not in starts
            if ends_early or (y is last and not scheme.continues):
                quota.append(entry(period.end.central + 1, 0))
        listing = y.start - int(lag.central(code, y.start))
        monthly = y.listed_per_month.as_range()
        listed.append(entry(listing, y.listed if y.listed else monthly))
        if y.listed:
            listed.append(entry(listing + 1, monthly))
    if not scheme.continues:
        cap.append(entry(scheme.end_month, None))
        listed.append(entry(scheme.end_month, 0))
    out = {"subsidy_quota": sorted(quota, key=lambda e: e.month), "subsidy_budget_cap_rp": cap,
           "subsidy_listed_per_month": sorted(listed, key=lambda e: e.month)}
    if scheme.pass_rate is not None:
        out["verification_pass_rate"] = [entry(min(e.month for e in listed),
                                               scheme.pass_rate.as_range())]
    return {k: tuple(v) for k, v in out.items()}


def lay_schemes(parameters: dict[str, Parameter], schemes: tuple[Scheme, ...]
                ) -> dict[str, Parameter]:
    """Parameters with every lurah-list scheme's dated values laid over them (the policy in
    force); agency-list and wage-earner schemes are followed by the engine directly."""
    laid = dict(parameters)
    for scheme in schemes:
        if scheme.by_agency_list:
            continue
        for name, entries in scheme_entries(scheme, parameters).items():
            laid[name] = laid[name].overlaid(entries)
    return laid


def scheme_at(schemes: tuple[Scheme, ...], region_code: str, month: int) -> Scheme | None:
    """The lurah-list BPU scheme running in a region in a month, if any."""
    return next((s for s in schemes if s.region_code == region_code and s.group == BPU
                 and not s.by_agency_list and s.runs_in(month)), None)


def agency_schemes(schemes: tuple[Scheme, ...], region_codes, group: str = BPU
                   ) -> tuple[Scheme, ...]:
    """Schemes of a group enrolling from an agency's list in the regions, in file order."""
    codes = set(region_codes)
    return tuple(s for s in schemes if s.by_agency_list and s.group == group
                 and s.region_code in codes)


def central_members(schemes: tuple[Scheme, ...], region_code: str, month: int,
                    group: str = BPU, names: tuple[str, ...] | None = None,
                    exclude: tuple[str, ...] = ()) -> float:
    """Members the agency-list schemes of a group pay for in a region and month at central
    values (only the named ones, if given; never the excluded)."""
    return sum(s.members_at(month) for s in agency_schemes(schemes, (region_code,), group)
               if (names is None or s.name in names) and s.name not in exclude)


def payer_and_package(schemes: tuple[Scheme, ...], region_code: str, month: int,
                      terms: tuple[DatedTerms, ...] = ()) -> tuple[str, str]:
    """Who pays the lurah-list BPU subsidy in a region and month, with which package: what
    the scenario sets, else the scheme's, else, for a subsidy a scenario creates, the local
    government and the minimum package."""
    chosen = terms_at(terms, region_code, month)
    if chosen is not None:
        return chosen
    scheme = scheme_at(schemes, region_code, month)
    if scheme is not None:
        return scheme.payer, scheme.package
    return DEFAULT_PAYER, DEFAULT_PACKAGE


def terms_grid(schemes: tuple[Scheme, ...], region_codes: tuple[str, ...] | list[str],
               months: range, terms: tuple[DatedTerms, ...] = ()
               ) -> list[list[tuple[str, str]]]:
    """(payer, package) of the lurah-list BPU subsidy per region and month."""
    return [[payer_and_package(schemes, code, m, terms) for m in months]
            for code in region_codes]
