"""Schemes: who pays whose contributions, in which region, with which package, year by year.

A scheme file (``params/schemes/NAME.yaml``) describes one scheme as it really ran or runs:
a payer (APBD kabupaten/kota, APBD provinsi, tobacco-excise funds, CSR, the worker), a
member group and package (BPU JKK+JKM, BPU with JHT, the wage-earner package), eligibility
checks, and per APBD year a quota, a budget and a start month (a mid-year start from the
revised budget), each with its source. The loader lays the schemes into the dated
parameters the model reads (``subsidy_quota``, ``subsidy_budget_cap_rp``, the listing,
``wage_earner_quota``), so the baseline is the policy in force and scenarios change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..months import parse_month
from .reader import read_spec
from .schema import PACKAGES, SchemeSpec
from .terms import DatedTerms, terms_at
from .values import DatedEntry, Parameter, Reference, ValueRange, Words, references_from

BPU, PU = "bpu", "pu"
DEFAULT_PAYER = "apbd_kabkota"  # who pays a subsidy a scenario creates without a scheme
DEFAULT_PACKAGE = "bpu_jkk_jkm"
PACKAGE_PROGRAMMES = {"bpu_jkk_jkm": ("jkk", "jkm"), "bpu_jht": ("jkk", "jkm", "jht")}


@dataclass(frozen=True)
class SchemeYear:
    year: int
    start: int  # month index of the first paid month in this APBD year
    quota: int
    budget_rp: int | None
    listed: int
    listed_per_month: int
    kind: str
    source: Words
    reason: str | None = None


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
    pass_rate: float | None
    kind: str
    references: tuple[Reference, ...]
    last_verified: object
    confidence: str
    note: str | None
    source_file: str
    years: tuple[SchemeYear, ...]
    continues: bool = False

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

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
        return next((y for y in self.years if y.year == year), None)


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
    for k, first in enumerate(schemes):  # the model has one BPU subsidy per region
        for second in schemes[k + 1:]:
            if (first.group == second.group == BPU and first.region_code == second.region_code
                    and first.first_month < second.end_month
                    and second.first_month < first.end_month):
                problems.append(Problem(second.source_file, "years", first.name,
                                        "no second BPU scheme in a region while another runs "
                                        f"there ({first.name}, {first.source_file})"))
    return tuple(schemes)


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
        known = ", ".join(sorted(k for k in region_index if not k[0].isdigit()))
        problems.append(Problem(source, "region", spec.region, f"a known region: {known}"))
    if spec.package not in PACKAGES:
        problems.append(Problem(source, "package", spec.package,
                                f"one of the packages {', '.join(PACKAGES)}"))
    elif PACKAGES[spec.package] != spec.group:
        fitting = ", ".join(p for p, g in PACKAGES.items() if g == spec.group)
        problems.append(Problem(source, "package", spec.package,
                                f"a package of the {spec.group.upper()} group ({fitting}): "
                                f"{spec.package} is for {PACKAGES[spec.package].upper()} members"))
    if spec.pass_rate is not None and not 0 < spec.pass_rate <= 1:
        problems.append(Problem(source, "pass_rate", spec.pass_rate, "a share above 0, at most 1"))
    if not spec.years:
        problems.append(Problem(source, "years", spec.years, "at least one APBD year"))
    if len(problems) > before:
        return None
    years = []
    for year, item in sorted(spec.years.items()):
        key = f"years.{year}"
        if not 2000 <= year <= 2100:
            problems.append(Problem(source, key, year, "an APBD year from 2000 to 2100"))
            continue
        start = year * 12
        if item.start is not None:
            try:
                start = parse_month(item.start, source, f"{key}.start")
            except InputError as error:
                problems.extend(error.problems)
                continue
            if start // 12 != year:
                problems.append(Problem(source, f"{key}.start", item.start,
                                        f"a month of {year} (a start within the APBD year)"))
                continue
        for name in ("quota", "listed", "listed_per_month"):
            if getattr(item, name) < 0:
                problems.append(Problem(source, f"{key}.{name}", getattr(item, name),
                                        "a whole number of people, at least 0"))
        if item.budget_rp is not None and item.budget_rp < 0:
            problems.append(Problem(source, f"{key}.budget_rp", item.budget_rp,
                                    "a whole number of Rupiah, at least 0 (or null: no cap)"))
        elif item.budget_rp is not None and item.quota > 0 and not item.reason:
            month_cost = item.quota * one_month_cost(parameters, spec.package, code, start)
            if item.budget_rp < month_cost:
                problems.append(Problem(
                    source, f"{key}.budget_rp", item.budget_rp,
                    f"at least one month of the quota ({item.quota:,} x the package = Rp "
                    f"{month_cost:,.0f}), or a reason: saying why it is lower"))
        if spec.group == PU and (item.listed or item.listed_per_month):
            problems.append(Problem(source, f"{key}.listed", item.listed,
                                    "no listing for a wage-earner (PU) scheme: its members "
                                    "are named by the government, not listed by the lurah"))
        years.append(SchemeYear(year, start, item.quota, item.budget_rp, item.listed,
                                item.listed_per_month, item.kind, Words.of(item.source),
                                item.reason))
    if len(problems) > before:
        return None
    return Scheme(spec.name, spec.title.id, spec.title.en, code, spec.payer, spec.group,
                  spec.package, tuple(spec.eligibility), spec.pass_rate, spec.kind,
                  references_from(spec.reference), spec.last_verified, spec.confidence,
                  spec.note, source, tuple(years), spec.continues)


def scheme_entries(scheme: Scheme, parameters: dict[str, Parameter]
                   ) -> dict[str, tuple[DatedEntry, ...]]:
    """The dated values a scheme lays over the parameters, by parameter name."""
    code, origin = scheme.region_code, f"scheme:{scheme.name}"

    def entry(month: int, value: float | None) -> DatedEntry:
        return DatedEntry(month, {code: ValueRange(value, value, value)}, origin)

    out: dict[str, list[DatedEntry]] = {}
    if scheme.group == PU:
        out["wage_earner_quota"] = [entry(y.start, y.quota) for y in scheme.years]
        if not scheme.continues:
            out["wage_earner_quota"].append(entry(scheme.end_month, 0))
        return {k: tuple(v) for k, v in out.items()}
    lag = parameters["subsidy_lag_months"]
    quota, cap, listed = [], [], []
    for y in scheme.years:
        quota.append(entry(y.start, y.quota))
        cap.append(entry(y.start, y.budget_rp))
        listing = y.start - int(lag.central(code, y.start))
        listed.append(entry(listing, y.listed or y.listed_per_month))
        if y.listed:
            listed.append(entry(listing + 1, y.listed_per_month))
    if not scheme.continues:
        quota.append(entry(scheme.end_month, 0))
        cap.append(entry(scheme.end_month, None))
        listed.append(entry(scheme.end_month, 0))
    out = {"subsidy_quota": quota, "subsidy_budget_cap_rp": cap,
           "subsidy_listed_per_month": sorted(listed, key=lambda e: e.month)}
    if scheme.pass_rate is not None:
        out["verification_pass_rate"] = [entry(min(e.month for e in listed), scheme.pass_rate)]
    return {k: tuple(v) for k, v in out.items()}


def lay_schemes(parameters: dict[str, Parameter], schemes: tuple[Scheme, ...]
                ) -> dict[str, Parameter]:
    """Parameters with every scheme's dated values laid over them (the policy in force)."""
    laid = dict(parameters)
    for scheme in schemes:
        for name, entries in scheme_entries(scheme, parameters).items():
            laid[name] = laid[name].overlaid(entries)
    return laid


def scheme_at(schemes: tuple[Scheme, ...], region_code: str, month: int, group: str
              ) -> Scheme | None:
    """The scheme of a group running in a region in a month, if any."""
    return next((s for s in schemes if s.region_code == region_code and s.group == group
                 and s.runs_in(month)), None)


def payer_and_package(schemes: tuple[Scheme, ...], region_code: str, month: int,
                      group: str = BPU, terms: tuple[DatedTerms, ...] = ()
                      ) -> tuple[str, str]:
    """Who pays a group's subsidy in a region and month, with which package: what the
    scenario sets (BPU), else the scheme's, else, for a subsidy a scenario creates, the
    local government and the minimum package."""
    chosen = terms_at(terms, region_code, month) if group == BPU else None
    if chosen is not None:
        return chosen
    scheme = scheme_at(schemes, region_code, month, group)
    if scheme is not None:
        return scheme.payer, scheme.package
    return DEFAULT_PAYER, (DEFAULT_PACKAGE if group == BPU else "pu_jkk_jkm")


def terms_grid(schemes: tuple[Scheme, ...], region_codes: tuple[str, ...] | list[str],
               months: range, group: str = BPU, terms: tuple[DatedTerms, ...] = ()
               ) -> list[list[tuple[str, str]]]:
    """(payer, package) of a group's subsidy per region and month."""
    return [[payer_and_package(schemes, code, m, group, terms) for m in months]
            for code in region_codes]
