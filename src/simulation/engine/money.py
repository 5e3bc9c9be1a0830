"""Contributions and benefits in whole Rupiah, from the effective-dated regulation.

Per worker and month: JKK = rate x declared income, JKM flat, JHT optional = rate x income;
every parameter whose name starts with ``relief_`` is a share taken off JKK and JKM in the
months it is in force (several reliefs compound). Amounts are rounded half up to whole
Rupiah per worker and month, as BPJS bills them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..months import format_month
from ..params import DEFAULT_KEY, ParamSet

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


def relief_share(params: ParamSet, month: int, region: str = DEFAULT_KEY) -> float:
    """The share taken off JKK and JKM in a month, compounding every ``relief_*`` parameter."""
    kept = 1.0
    for name, parameter in params.parameters.items():
        if name.startswith("relief_"):
            found = parameter.entry_at(region, month)
            if found is not None and found[1].central:
                kept *= 1.0 - found[1].central
    return 1.0 - kept


def lowest_income(params: ParamSet, month: int, region: str = DEFAULT_KEY) -> int:
    return int(params.parameter("lowest_declared_income_rp").at(region, month).central)


def monthly_rates(params: ParamSet, month: int, income: int | None = None,
                  region: str = DEFAULT_KEY, relief: bool = True) -> MonthlyRates:
    """Contribution per worker in ``month`` under the regulation in force then
    (``relief=False``: the regular rate, as budgets for a full year are planned)."""
    floor = lowest_income(params, month, region)
    income = floor if income is None else income
    if income < floor:
        raise InputError(Problem("--income", "", income,
                                 f"a declared income of at least Rp {floor:,} (the lowest "
                                 f"declared income in force in {format_month(month)})"))
    relief = relief_share(params, month, region) if relief else 0.0
    kept = Decimal(1) - Decimal(str(round(relief, 10)))
    jkk_rate = Decimal(str(params.parameter("jkk_rate").at(region, month).central))
    jkm_flat = Decimal(str(params.parameter("jkm_contribution_rp").at(region, month).central))
    jht_rate = Decimal(str(params.parameter("jht_rate").at(region, month).central))
    return MonthlyRates(
        month=month, income=income, relief=relief,
        jkk=whole_rupiah(Decimal(income) * jkk_rate * kept),
        jkm=whole_rupiah(jkm_flat * kept),
        jht=whole_rupiah(Decimal(income) * jht_rate),
    )


def parse_programmes(text: str, source: str = "--programmes") -> tuple[str, ...]:
    names = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [n for n in names if n not in PROGRAMMES]
    if unknown or not names:
        raise InputError(Problem(source, "", text,
                                 "a comma-separated list of jkk, jkm, jht (e.g. jkk,jkm)"))
    return names


def cost_table(params: ParamSet, workers: int, first: int, last: int,
               income: int | None = None, programmes: tuple[str, ...] = SUBSIDY_PACKAGE
               ) -> pd.DataFrame:
    """Cost of paying the contributions of ``workers`` people, month by month (inclusive)."""
    if workers < 0:
        raise InputError(Problem("--workers", "", workers, "a number of workers of at least 0"))
    if last < first:
        raise InputError(Problem("--to", "", format_month(last),
                                 f"a month no earlier than --from {format_month(first)}"))
    rows = []
    for month in range(first, last + 1):
        rates = monthly_rates(params, month, income)
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


def package_cost_grid(params: ParamSet, region_codes: list[str], months: range,
                      programmes: tuple[str, ...] = SUBSIDY_PACKAGE, relief: bool = True
                      ) -> np.ndarray:
    """(units, months) Rupiah per worker-month at the lowest declared income.

    The exact (Decimal) rule runs once per distinct regulation state, not per cell."""
    codes = tuple(region_codes)
    names = ["lowest_declared_income_rp", "jkk_rate", "jkm_contribution_rp", "jht_rate"]
    if relief:
        names += sorted(n for n in params.parameters if n.startswith("relief_"))
    state = np.stack([params.parameter(n).grid(codes, months, missing=0.0 if n.startswith(
        "relief_") else None)[1] for n in names], axis=-1)
    distinct, inverse = np.unique(state.reshape(-1, len(names)), axis=0, return_inverse=True)
    amounts = np.empty(len(distinct))
    for k, row in enumerate(distinct):
        found = np.argwhere((state == row).all(axis=-1))[0]
        rates = monthly_rates(params, months[int(found[1])], region=codes[int(found[0])],
                              relief=relief)
        amounts[k] = rates.total(programmes)
    return amounts[inverse.ravel()].reshape(len(codes), len(months))
