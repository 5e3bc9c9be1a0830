"""Tidy tables from scenario runs: the long projection and the APBD-year budget."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..months import format_month
from .inputs import ProjectionRequest
from .metrics import ScenarioRun
from .model import LIMITS
from .quantiles import PERCENTILES, percentiles_each

TOTAL_SLUG = "total"
ITEMS = {"subsidy": "subsidy_rp", "agency": "agency_rp", "wage_earner": "wage_earner_rp",
         "outreach": "outreach_rp", "worker": "contributions_rp"}  # item -> the metric it sums
RATIO_METRICS = ("coverage", "cap_binds")
TIDY_COLUMNS = ("scenario", "region", "region_code", "month", "metric", "p10", "p50", "p90")


def _round_metric(name: str, values: np.ndarray) -> np.ndarray:
    if name.endswith("_rp"):
        return np.round(values)
    if name in RATIO_METRICS:
        return np.round(values, 6)
    return np.round(values, 2)


def tidy(runs: dict[str, ScenarioRun], request: ProjectionRequest) -> pd.DataFrame:
    """Long table: scenario, region, region_code, month, metric, p10, p50, p90."""
    keys = [(name, metric) for name, run in runs.items() for metric in run.per_draw]
    quantiles = percentiles_each(runs[name].per_draw[metric] for name, metric in keys)
    return tidy_rows([metric_rows(request, name, metric, values)
                      for (name, metric), values in zip(keys, quantiles, strict=True)])


def metric_rows(request: ProjectionRequest, scenario: str, metric: str,
                quantiles: np.ndarray) -> dict[str, np.ndarray]:
    """The rows of one metric of one scenario, column by column, from its (3,
    units(+total), months + 1) percentiles (:func:`tidy_rows` makes the table of many: one
    frame of a few hundred rows per metric costs more than its rows)."""
    slugs = [r.slug for r in request.regions]
    codes = [r.code for r in request.regions]
    if len(request.regions) > 1:
        slugs, codes = [*slugs, TOTAL_SLUG], [*codes, ""]
    month_labels = [format_month(request.start - 1 + k) for k in range(request.months + 1)]
    quantiles = _round_metric(metric, quantiles)
    units, slots = quantiles.shape[1], quantiles.shape[2]
    return {
        "scenario": np.repeat(np.array([scenario]), units * slots),
        "region": np.repeat(slugs, slots),
        "region_code": np.repeat(codes, slots),
        "month": np.tile(month_labels, units),
        "metric": np.repeat(np.array([metric]), units * slots),
        "p10": quantiles[0].ravel(),
        "p50": quantiles[1].ravel(),
        "p90": quantiles[2].ravel(),
    }


def tidy_rows(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """The tidy table of :func:`metric_rows` parts, sorted as :func:`tidy_table` sorts."""
    if not parts:
        return pd.DataFrame(columns=list(TIDY_COLUMNS))
    return tidy_table([pd.DataFrame({c: np.concatenate([p[c] for p in parts])
                                     for c in TIDY_COLUMNS})])


def tidy_table(frames: list[pd.DataFrame]) -> pd.DataFrame:
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
    rows = []
    for name, run in runs.items():
        parts = YearParts.of(run.per_draw, run.result.limit, request)
        rows += budget_rows(name, parts, run.money, run.per_draw["cap_binds"].shape[0], request)
    return pd.DataFrame(rows)


def _projected_years(request: ProjectionRequest) -> tuple[np.ndarray, list[np.ndarray]]:
    """The slots' months, and per APBD year the mask of its projected slots."""
    months = np.arange(request.start - 1, request.start + request.months)
    years = months // 12
    return months, [(years == year) & (np.arange(len(months)) > 0)
                    for year in np.unique(years[1:])]


@dataclass
class YearParts:
    """What the budget table needs of a run's draws, per APBD year: each item's per-draw
    sums, how many draws the cap binds in each month, and counts of what limited enrolment.
    Parts of several chunks of draws add up to those of the whole run."""

    sums: list[dict[str, np.ndarray]]  # per year: item -> (draws, units(+total))
    binds: list[np.ndarray]  # per year: (units(+total), months in it) draws where it binds
    limits: list[np.ndarray]  # per year: (units, len(LIMITS)) counts over draws and months

    @classmethod
    def of(cls, per_draw: dict[str, np.ndarray], limit: np.ndarray,
           request: ProjectionRequest) -> YearParts:
        _, in_years = _projected_years(request)
        units = limit.shape[1]
        return cls([{item: per_draw[metric][:, :, in_year].sum(axis=2)
                     for item, metric in ITEMS.items()} for in_year in in_years],
                   [per_draw["cap_binds"][:, :, in_year].sum(axis=0) for in_year in in_years],
                   [np.array([np.bincount(limit[:, i, in_year].ravel(), minlength=len(LIMITS))
                              for i in range(units)]) for in_year in in_years])

    def add(self, other: YearParts) -> None:
        for mine, theirs in zip(self.sums, other.sums, strict=True):
            for item in mine:
                mine[item] = np.concatenate([mine[item], theirs[item]])
        self.binds = [a + b for a, b in zip(self.binds, other.binds, strict=True)]
        self.limits = [a + b for a, b in zip(self.limits, other.limits, strict=True)]


def budget_rows(name: str, parts: YearParts, money: dict, draws: int,
                request: ProjectionRequest) -> list[dict]:
    """The budget table's rows of one scenario (see :func:`annual_budget`); ``money`` of
    the run's first draws (the cap of draw 0, payers the same in every draw)."""
    slugs = [r.slug for r in request.regions] + ([TOTAL_SLUG] if len(request.regions) > 1
                                                 else [])
    months, in_years = _projected_years(request)
    caps = np.asarray(money["budget_cap"], float)
    rows = []
    for y, in_year in enumerate(in_years):
        sums = parts.sums[y]
        # each unit's percentiles at once: numpy selects in each unit's draws as it does
        # in one unit's alone
        quantiles = {item: np.percentile(values, PERCENTILES, axis=0)
                     for item, values in sums.items()}
        binds = parts.binds[y] / draws  # (units, months): the share of draws it binds in
        for i, slug in enumerate(slugs):
            cap, payers = None, {"subsidy_payer": None, "wage_earner_payer": None}
            limit, binding = None, np.array([], int)  # the branch: no single limit
            if i < len(request.regions):
                limit = _main_limit(parts.limits[y][i])
                binding = np.flatnonzero(binds[i] >= 0.5)
                j = int(np.flatnonzero(in_year)[-1]) - 1  # input index of its last month
                cap_value = caps[0, i, j if caps.shape[2] > 1 else 0]
                # a cap without a programme that year limits nothing: none shown
                cap = None if np.isinf(cap_value) or limit is None else int(cap_value)
                payers = {"subsidy_payer": money["payer_bpu"][i, j],
                          "wage_earner_payer": money["payer_pu"][i, j]}
            rows.append({
                "scenario": name, "region": slug, "year": int(months[in_year][0] // 12),
                "months": int(in_year.sum()),
                **{f"{item}_rp_p{p}": int(round(v))
                   for item, values in quantiles.items()
                   for p, v in zip(PERCENTILES, values[:, i], strict=True)},
                **payers,
                "cap_rp": cap,
                "cap_binds_month": (format_month(int(months[in_year][binding[0]]))
                                    if binding.size and cap is not None else None),
                "limit": limit,
            })
    return rows


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


def _main_limit(counts: np.ndarray) -> str | None:
    """What held subsidised enrolment back in most programme months of the year, over all
    draws (``counts``: how often each of LIMITS did): "list", "quota" or "cap"; None where
    no programme ran."""
    counts = counts[1:]
    return LIMITS[1 + int(counts.argmax())] if counts.sum() else None
