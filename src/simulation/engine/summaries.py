"""Tidy tables from scenario runs: the long projection and the APBD-year budget."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..months import format_month
from .inputs import ProjectionRequest
from .metrics import PERCENTILES, ScenarioRun, percentiles
from .model import LIMITS

TOTAL_SLUG = "total"
ITEMS = {"subsidy": "subsidy_rp", "agency": "agency_rp", "wage_earner": "wage_earner_rp",
         "outreach": "outreach_rp", "worker": "contributions_rp"}  # item -> the metric it sums
RATIO_METRICS = ("coverage", "cap_binds")


def _round_metric(name: str, values: np.ndarray) -> np.ndarray:
    if name.endswith("_rp"):
        return np.round(values)
    if name in RATIO_METRICS:
        return np.round(values, 6)
    return np.round(values, 2)


def tidy(runs: dict[str, ScenarioRun], request: ProjectionRequest) -> pd.DataFrame:
    """Long table: scenario, region, region_code, month, metric, p10, p50, p90."""
    slugs = [r.slug for r in request.regions]
    codes = [r.code for r in request.regions]
    if len(request.regions) > 1:
        slugs, codes = [*slugs, TOTAL_SLUG], [*codes, ""]
    month_labels = [format_month(request.start - 1 + k) for k in range(request.months + 1)]
    frames = []
    for name, run in runs.items():
        for metric, array in run.per_draw.items():
            quantiles = percentiles(array)
            quantiles = _round_metric(metric, quantiles)
            units, slots = array.shape[1], array.shape[2]
            frames.append(pd.DataFrame({
                "scenario": name,
                "region": np.repeat(slugs, slots),
                "region_code": np.repeat(codes, slots),
                "month": np.tile(month_labels, units),
                "metric": metric,
                "p10": quantiles[0].ravel(),
                "p50": quantiles[1].ravel(),
                "p90": quantiles[2].ravel(),
            }))
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["scenario", "region", "metric", "month"], kind="stable",
                             ignore_index=True)


def annual_budget(runs: dict[str, ScenarioRun], request: ProjectionRequest) -> pd.DataFrame:
    """Per scenario, region and APBD (calendar) year: spend percentiles by item (the
    lurah-list BPU subsidy, the agency-list schemes, the wage-earner package, outreach, what
    self-payers pay themselves), who pays the lurah-list subsidy and the wage-earner lever,
    the cap (of the lurah-list subsidy) and the month it binds. ``months`` says how much of the year
    the projection covers (12: a full-year amount).

    Sums are taken per draw before percentiles (a sum of percentiles is not a percentile).
    """
    slugs = [r.slug for r in request.regions] + ([TOTAL_SLUG] if len(request.regions) > 1
                                                 else [])
    months = np.arange(request.start - 1, request.start + request.months)
    years = months // 12
    rows = []
    for name, run in runs.items():
        caps = np.asarray(run.money["budget_cap"], float)
        for year in np.unique(years[1:]):
            in_year = (years == year) & (np.arange(len(months)) > 0)
            sums = {item: run.per_draw[metric][:, :, in_year].sum(axis=2)
                    for item, metric in ITEMS.items()}
            binds = run.per_draw["cap_binds"][:, :, in_year].mean(axis=0)  # (units, months)
            limits = run.result.limit[:, :, in_year]
            for i, slug in enumerate(slugs):
                cap, payers = None, {"subsidy_payer": None, "wage_earner_payer": None}
                limit, binding = None, np.array([], int)  # the branch: no single limit
                if i < len(request.regions):
                    limit = _main_limit(limits[:, i])
                    binding = np.flatnonzero(binds[i] >= 0.5)
                    j = int(np.flatnonzero(in_year)[-1]) - 1  # input index of its last month
                    cap_value = caps[0, i, j if caps.shape[2] > 1 else 0]
                    # a cap without a programme that year limits nothing: none shown
                    cap = None if np.isinf(cap_value) or limit is None else int(cap_value)
                    payers = {"subsidy_payer": run.money["payer_bpu"][i, j],
                              "wage_earner_payer": run.money["payer_pu"][i, j]}
                rows.append({
                    "scenario": name, "region": slug, "year": int(year),
                    "months": int(in_year.sum()),
                    **{f"{item}_rp_p{p}": int(round(v))
                       for item, values in sums.items()
                       for p, v in zip(PERCENTILES, np.percentile(values[:, i], PERCENTILES),
                                       strict=True)},
                    **payers,
                    "cap_rp": cap,
                    "cap_binds_month": (format_month(int(months[in_year][binding[0]]))
                                        if binding.size and cap is not None else None),
                    "limit": limit,
                })
    return pd.DataFrame(rows)


PAYER_COLUMNS = ["scenario", "region", "year", "months", "item", "payer", "rp_p10", "rp_p50",
                 "rp_p90"]


def payer_budget(runs: dict[str, ScenarioRun], request: ProjectionRequest) -> pd.DataFrame:
    """Long table: per scenario, region (and the total), APBD year and item (``subsidy``
    for the lurah-list subsidy, ``agency`` for the agency-list schemes, ``wage_earner``,
    ``outreach``, ``worker`` for what self-payers pay themselves), what each payer pays:
    percentiles of per-draw sums."""
    slugs = [r.slug for r in request.regions] + ([TOTAL_SLUG] if len(request.regions) > 1
                                                 else [])
    months = np.arange(request.start, request.start + request.months)
    years, covered = np.unique(months // 12, return_counts=True)
    rows = []
    for name, run in runs.items():
        for (item, payer), sums in run.by_payer.items():  # (draws, units, years)
            values = np.percentile(sums, PERCENTILES, axis=0)  # (3, units, years)
            for i, slug in enumerate(slugs):
                for y, (year, months_in) in enumerate(zip(years, covered, strict=True)):
                    if not values[:, i, y].any():
                        continue
                    rows.append({"scenario": name, "region": slug, "year": int(year),
                                 "months": int(months_in), "item": item, "payer": payer,
                                 **{f"rp_p{p}": int(round(v)) for p, v in
                                    zip(PERCENTILES, values[:, i, y], strict=True)}})
    return pd.DataFrame(rows, columns=PAYER_COLUMNS)


def _main_limit(codes: np.ndarray) -> str | None:
    """What held subsidised enrolment back in most programme months of the year, over all
    draws: "list", "quota" or "cap"; None where no programme ran."""
    counts = np.bincount(codes.ravel(), minlength=len(LIMITS))[1:]
    return LIMITS[1 + int(counts.argmax())] if counts.sum() else None
