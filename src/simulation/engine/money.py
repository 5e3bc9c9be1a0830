"""Contributions in whole Rupiah, from the effective-dated regulation, by payer and package.

Per worker and month: JKK = 1% of the income bracket (PP 44/2015 Lampiran II: the declared
income, at least the lowest and at most the highest bracket), JKM flat, JHT optional = 2%
of the bracket. Every parameter named ``relief_*`` is a share taken off JKK and JKM in the
months it is in force (several compound), except for the payers it excludes (PP 50/2025
leaves out members paid from the APBN or an APBD, DBHCHT included), outside the sectors it
names (PP 50/2025 gives transport workers other months) and, where it says so, in a new
member's first months (PP 49/2020: who joined while it ran paid the first two months in
full). The
wage-earner (PU) package is a flat amount. Amounts are rounded half up to whole Rupiah per
worker and month, as BPJS bills them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..months import format_month
from ..params import DEFAULT_KEY, ParamSet
from ..params.schema import PACKAGES
from ..params.schemes import DEFAULT_PAYER, PACKAGE_PROGRAMMES, terms_grid

PROGRAMMES = ("jkk", "jkm", "jht")
SUBSIDY_PACKAGE = ("jkk", "jkm")  # what a regional government pays for BPU workers


def whole_rupiah(amount: float | Decimal) -> int:
    """Round half up to a whole Rupiah (Python's round() would round half to even)."""
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class MonthlyRates:
    """What one worker owes for one month, by programme, in whole Rupiah."""

    month: int
    income: int
    relief: float
    jkk: int
    jkm: int
    jht: int

    def total(self, programmes: tuple[str, ...]) -> int:
        return sum(getattr(self, p) for p in programmes)


DEFAULT_SECTOR = "other"


def relief_share(params: ParamSet, month: int, region: str = DEFAULT_KEY,
                 payer: str = DEFAULT_PAYER, joined: int | None = None,
                 sector: str = DEFAULT_SECTOR) -> float:
    """The share taken off JKK and JKM in a month for a member paid by ``payer``, working in
    ``sector``, who joined in month ``joined`` (None: a member from before any relief),
    compounding every ``relief_*`` parameter that applies to them."""
    kept = 1.0
    for name, parameter in params.parameters.items():
        if not name.startswith("relief_") or not parameter.relieves(payer, sector):
            continue
        found = parameter.entry_at(region, month)
        if found is None or not found[1].central:
            continue
        entry, value = found
        first_months = parameter.new_members_pay_full_months
        if (first_months and joined is not None and joined >= entry.month
                and month - joined < first_months):
            continue  # joined while the relief ran: the first months are paid in full
        kept *= 1.0 - value.central
    return 1.0 - kept


def lowest_income(params: ParamSet, month: int, region: str = DEFAULT_KEY) -> int:
    return int(params.parameter("lowest_declared_income_rp").at(region, month).central)


def income_bracket(params: ParamSet, month: int, income: int | None = None,
                   region: str = DEFAULT_KEY) -> int:
    """The bracket amount JKK and JHT are computed on: the declared income, at least the
    lowest and at most the highest bracket of PP 44/2015 Lampiran II. A declared income
    below the lowest is refused; one above the highest pays the highest bracket."""
    floor = lowest_income(params, month, region)
    income = floor if income is None else income
    if income < floor:
        raise InputError(Problem("--income", "", income,
                                 f"a declared income of at least Rp {floor:,} (the lowest "
                                 f"declared income in force in {format_month(month)})"))
    ceiling = int(params.parameter("highest_declared_income_rp").at(region, month).central)
    return min(income, ceiling)


def monthly_rates(params: ParamSet, month: int, income: int | None = None,
                  region: str = DEFAULT_KEY, relief: bool = True, payer: str = DEFAULT_PAYER,
                  joined: int | None = None, sector: str = DEFAULT_SECTOR) -> MonthlyRates:
    """Contribution per BPU worker in ``month`` under the regulation in force then, for the
    payer and sector (``relief=False``: the regular rate, as budgets for a full year are
    planned)."""
    bracket = income_bracket(params, month, income, region)
    relief = relief_share(params, month, region, payer, joined, sector) if relief else 0.0
    kept = Decimal(1) - Decimal(str(round(relief, 10)))
    jkk_rate = Decimal(str(params.parameter("jkk_rate").at(region, month).central))
    jkm_flat = Decimal(str(params.parameter("jkm_contribution_rp").at(region, month).central))
    jht_rate = Decimal(str(params.parameter("jht_rate").at(region, month).central))
    return MonthlyRates(
        month=month, income=bracket, relief=relief,
        jkk=whole_rupiah(Decimal(bracket) * jkk_rate * kept),
        jkm=whole_rupiah(jkm_flat * kept),
        jht=whole_rupiah(Decimal(bracket) * jht_rate),
    )


def parse_programmes(text: str, source: str = "--programmes") -> tuple[str, ...]:
    names = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [n for n in names if n not in PROGRAMMES]
    if unknown or not names:
        raise InputError(Problem(source, "", text,
                                 "a comma-separated list of jkk, jkm, jht (e.g. jkk,jkm)"))
    return names


def cost_table(params: ParamSet, workers: int, first: int, last: int,
               income: int | None = None, programmes: tuple[str, ...] | None = None,
               payer: str = DEFAULT_PAYER, package: str = "bpu_jkk_jkm",
               joined: int | None = None, sector: str = DEFAULT_SECTOR) -> pd.DataFrame:
    """Cost of paying the contributions of ``workers`` people, month by month (inclusive),
    for a payer, a package (``programmes`` picks BPU programmes instead of a package) and a
    sector; ``joined``: the month they joined (None: members from before any relief)."""
    if workers < 0:
        raise InputError(Problem("--workers", "", workers, "a number of workers of at least 0"))
    if last < first:
        raise InputError(Problem("--to", "", format_month(last),
                                 f"a month no earlier than --from {format_month(first)}"))
    if programmes is None and PACKAGES[package] == "pu":
        return _wage_earner_table(params, workers, first, last, income)
    programmes = programmes or PACKAGE_PROGRAMMES[package]
    rows = []
    for month in range(first, last + 1):
        rates = monthly_rates(params, month, income, payer=payer, joined=joined,
                              sector=sector)
        per_worker = rates.total(programmes)
        rows.append({
            "month": format_month(month),
            "declared_income_rp": rates.income,
            "relief_share": round(rates.relief, 6),
            **{f"{p}_per_worker_rp": getattr(rates, p) for p in programmes},
            "per_worker_rp": per_worker,
            "workers": workers,
            "total_rp": per_worker * workers,
        })
    return pd.DataFrame(rows)


def _wage_earner_table(params: ParamSet, workers: int, first: int, last: int,
                       income: int | None) -> pd.DataFrame:
    """The flat wage-earner (PU) package: no BPU bracket, no BPU relief."""
    if income is not None:
        raise InputError(Problem("--income", "", income, "no --income with the wage-earner "
                                 "package pu_jkk_jkm (a flat amount a month)"))
    rows = []
    for month in range(first, last + 1):
        per_worker = int(params.parameter("pu_package_rp").at(DEFAULT_KEY, month).central)
        rows.append({"month": format_month(month), "declared_income_rp": None,
                     "relief_share": 0.0, "per_worker_rp": per_worker, "workers": workers,
                     "total_rp": per_worker * workers})
    return pd.DataFrame(rows)


def package_cost_grid(params: ParamSet, region_codes: list[str], months: range,
                      programmes: tuple[str, ...] = SUBSIDY_PACKAGE, relief: bool = True,
                      payer: str = DEFAULT_PAYER, sector: str = DEFAULT_SECTOR) -> np.ndarray:
    """(units, months) Rupiah per worker-month at the lowest declared income, for a payer
    and sector (members of some time, not new joiners).

    The exact (Decimal) rule runs once per distinct regulation state, not per cell."""
    codes = tuple(region_codes)
    names = ["lowest_declared_income_rp", "jkk_rate", "jkm_contribution_rp", "jht_rate"]
    if relief:
        names += sorted(n for n, p in params.parameters.items() if n.startswith("relief_")
                        and p.relieves(payer, sector))
    state = np.stack([params.parameter(n).grid(codes, months, missing=0.0 if n.startswith(
        "relief_") else None)[1] for n in names], axis=-1)
    distinct, inverse = np.unique(state.reshape(-1, len(names)), axis=0, return_inverse=True)
    amounts = np.empty(len(distinct))
    for k, row in enumerate(distinct):
        found = np.argwhere((state == row).all(axis=-1))[0]
        rates = monthly_rates(params, months[int(found[1])], region=codes[int(found[0])],
                              relief=relief, payer=payer, sector=sector)
        amounts[k] = rates.total(programmes)
    return amounts[inverse.ravel()].reshape(len(codes), len(months))


def subsidy_cost_grid(params: ParamSet, region_codes: list[str], months: range,
                      relief: bool = True) -> np.ndarray:
    """(units, months) Rupiah per subsidised BPU worker-month: the package of the scheme in
    force, with the reliefs that apply to its payer (``relief=False``: the regular rate)."""
    terms = terms_grid(params.schemes, region_codes, months, params.terms)
    out = np.zeros((len(region_codes), len(months)))
    for payer, package in sorted({t for row in terms for t in row}):
        grid = package_cost_grid(params, region_codes, months, PACKAGE_PROGRAMMES[package],
                                 relief, payer)
        chosen = np.array([[t == (payer, package) for t in row] for row in terms])
        out = np.where(chosen, grid, out)
    return out


def member_cost(params: ParamSet, region_code: str, months: range, payer: str, package: str,
                sector: str = DEFAULT_SECTOR) -> np.ndarray:
    """(months,) Rupiah per member-month of one scheme: its package (the wage-earner
    package is a flat amount), with the reliefs that apply to its payer and sector."""
    if PACKAGES[package] == "pu":
        return params.parameter("pu_package_rp").grid((region_code,), months)[1][0]
    return package_cost_grid(params, [region_code], months, PACKAGE_PROGRAMMES[package],
                             payer=payer, sector=sector)[0]


def new_member_full_months(params: ParamSet, months: range) -> np.ndarray:
    """(months,) how many first months a member who joins then pays in full because a
    relief in force says so (PP 49/2020: 2), else 0."""
    out = np.zeros(len(months), dtype=int)
    for parameter in params.parameters.values():
        if not parameter.new_members_pay_full_months:
            continue
        for k, month in enumerate(months):
            found = parameter.entry_at(DEFAULT_KEY, month)
            if found is not None and found[1].central:
                out[k] = max(out[k], parameter.new_members_pay_full_months)
    return out
