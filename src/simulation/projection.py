"""From parameters and a scenario to model inputs, and from model results to tidy tables.

Uncertainty: each parameter with a range gets one uniform number per draw (from a stream
seeded by the seed and the parameter's name, so adding a parameter or a scenario never
changes the draws of another), mapped through a triangular distribution (low, central,
high) of every region and month. ``draws=1`` gives the central path. Scenarios share the
draws of the baseline (common random numbers), so differences against the baseline are
not noise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import InputError, Problem
from .model import ModelInputs, ModelResult, run_model
from .money import SUBSIDY_PACKAGE, package_cost_grid
from .months import format_month, parse_month, year_of
from .params import ParamSet, Region
from .scenarios import BASELINE, apply_scenario

DEFAULT_START = "2020-01"  # first APBD year after the sourced October 2019 membership counts
PERCENTILES = (10, 50, 90)
TOTAL_SLUG = "total"
MAX_CELLS = 2_000_000_000  # draws x units x months x metrics guard against a typo like --draws 1e9

RATIO_METRICS = ("coverage", "cap_binds")


@dataclass(frozen=True)
class ProjectionRequest:
    scenarios: tuple[str, ...]
    regions: tuple[Region, ...]
    start: int
    months: int
    draws: int = 1
    seed: int = 20191022
    against: str = BASELINE  # the scenario that "additional" and "cost per additional" compare to

    def validate(self) -> None:
        problems = []
        if not 1 <= self.months <= 600:
            problems.append(Problem("--months", "", self.months, "a number of months, 1 to 600"))
        if self.draws < 1:
            problems.append(Problem("--draws", "", self.draws, "at least 1 draw"))
        if self.seed < 0:
            problems.append(Problem("--seed", "", self.seed, "a seed of 0 or more"))
        cells_per_draw = (len(self.regions) + 1) * (self.months + 1) * 24
        if self.draws * cells_per_draw > MAX_CELLS:
            problems.append(Problem("--draws", "", self.draws,
                                    "fewer draws for this many regions and months "
                                    f"(at most {MAX_CELLS // cells_per_draw:,})"))
        if problems:
            raise InputError(problems)


# ---------------------------------------------------------------- sampling


def _uniforms(name: str, seed: int, draws: int) -> np.ndarray:
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, key]))).random(draws)


def triangular_quantile(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray
                        ) -> np.ndarray:
    """Inverse CDF of the triangular distribution, elementwise with broadcasting."""
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    cut = np.where(width > 0, (mode - low) / safe, 0.5)
    left = low + np.sqrt(u * safe * (mode - low))
    right = high - np.sqrt((1 - u) * safe * (high - mode))
    return np.where(width > 0, np.where(u < cut, left, right), mode)


@dataclass(frozen=True)
class Sampler:
    """Resolves parameters onto (draws, units, months) grids for one request."""

    params: ParamSet
    region_codes: tuple[str, ...]
    months: tuple[int, ...]  # calendar month indices of the projected months
    draws: int
    seed: int

    def grid(self, name: str, months: tuple[int, ...] | None = None) -> np.ndarray:
        """(draws or 1, units, months or 1) values of a parameter; None (no value) as inf."""
        months = self.months if months is None else months
        low, mid, high = self.params.parameter(name).grid(self.region_codes, months)
        if all(np.all(a == a[:, :1]) for a in (low, mid, high)):  # constant over months
            low, mid, high = low[:, :1], mid[:, :1], high[:, :1]
        certain = bool(np.all(low == mid) and np.all(high == mid))
        if certain or self.draws == 1:
            return mid[None]
        u = _uniforms(name, self.seed, self.draws)[:, None, None]
        return triangular_quantile(u, low[None], mid[None], high[None])

    def start_value(self, name: str, start: int) -> np.ndarray:
        """(draws or 1, units) value in force at the start month."""
        return self.grid(name, (start,))[:, :, 0]


def build_inputs(params: ParamSet, request: ProjectionRequest) -> tuple[ModelInputs, dict]:
    """Model inputs for one scenario-applied ParamSet, plus money grids for reporting."""
    codes = tuple(r.code for r in request.regions)
    months = tuple(range(request.start, request.start + request.months))
    sampler = Sampler(params, codes, months, request.draws, request.seed)
    per_month = 1.0 / 12.0

    turnover = sampler.grid("pool_turnover_rate") * per_month
    growth = sampler.grid("pool_growth_rate") * per_month
    before = request.start - 1  # the starting state is the end of the month before
    pool0 = sampler.start_value("informal_workers", before)
    active0 = sampler.start_value("active_bpu", before)
    subsidised0 = sampler.start_value("subsidised_bpu", before)
    too_many = np.broadcast_to(active0 + subsidised0 > pool0, np.broadcast_shapes(
        active0.shape, subsidised0.shape, pool0.shape))
    if too_many.any():
        unit = int(np.argwhere(too_many)[0][1])
        raise InputError(Problem("params", "active_bpu", codes[unit],
                                 "starting members no more than the informal-worker pool"))

    # the package is priced once, from the first month through December of the last year
    through_december = range(months[0], (year_of(months[-1]) + 1) * 12)
    to_december = package_cost_grid(params, list(codes), through_december, SUBSIDY_PACKAGE)
    package = to_december[:, : len(months)]
    remaining = _remaining_year_cost(to_december, months[0])[:, : len(months)]
    projected = range(months[0], months[-1] + 1)
    contacts = sampler.grid("outreach_contacts_per_month")
    budget_cap = sampler.grid("subsidy_budget_cap_rp")
    lapse = sampler.grid("self_payer_lapse_rate")
    lag = sampler.grid("subsidy_lag_months")
    if lag.shape[0] > 1 or lag.shape[2] > 1:
        raise InputError(Problem("params", "subsidy_lag_months", "varies by draw or month",
                                 "one whole number of months per region"))

    # starting members are taken to be in steady state: with a stop rate s, a share 3s/(1+3s)
    # of them are 1-3 months in arrears (so a projection has no start-up transient)
    stop0 = sampler.grid("self_payer_lapse_rate", (before,))[:, :, 0]
    arrears0 = active0 * 3 * stop0 / (1 + 3 * stop0)
    inputs = ModelInputs(
        initial_pool=pool0,
        initial_self_paying=active0 - arrears0,
        initial_subsidised=subsidised0,
        initial_arrears=arrears0,
        pool_entry_rate=np.maximum(turnover + growth, 0.0),
        pool_exit_rate=turnover + np.maximum(-growth, 0.0),
        outside_influence=sampler.grid("outside_influence_p") * per_month,
        imitation=sampler.grid("imitation_q") * per_month,
        potential_share=sampler.grid("potential_share"),
        organic_reach_rate=sampler.grid("organic_reach_rate"),
        outreach_contacts=contacts,
        outreach_conversion=sampler.grid("outreach_conversion"),
        lapse_rate=lapse,
        reregistration_rate=sampler.grid("reregistration_rate"),
        listed=sampler.grid("subsidy_listed_per_month"),
        verification_pass_rate=sampler.grid("verification_pass_rate"),
        verification_lag=lag[0, :, 0].astype(int),
        subsidy_quota=sampler.grid("subsidy_quota"),
        crowd_out_share=sampler.grid("crowd_out_share"),
        retention_after_subsidy=sampler.grid("retention_after_subsidy"),
        subsidy_cost=package[None],
        remaining_year_cost=remaining[None],
        full_year_cost=12.0 * package_cost_grid(params, list(codes), projected,
                                                relief=False)[None],
        budget_cap=budget_cap,
        year_starts=np.array([m % 12 == 0 for m in months]),
    )
    jht = package_cost_grid(params, list(codes), projected, ("jht",))
    money = {
        "package": package[None],
        "self_payer_contribution": package[None] + sampler.grid("self_payer_jht_share") * jht[None],
        "outreach_cost_per_contact": sampler.grid("outreach_cost_per_contact_rp"),
        "outreach_contacts": contacts,
        "death_rate": sampler.grid("death_rate") * per_month,
        "jkm_benefit": sampler.grid("jkm_benefit_rp"),
        "accident_rate": sampler.grid("work_accident_rate") * per_month,
        "accident_cost": sampler.grid("work_accident_care_cost_rp"),
        "fatal_accident_rate": sampler.grid("fatal_work_accident_rate") * per_month,
        "fatal_accident_benefit": (sampler.grid("jkk_death_income_multiple")
                                   * sampler.grid("lowest_declared_income_rp")),
        "budget_cap": budget_cap,
    }
    return inputs, money


def _remaining_year_cost(cost: np.ndarray, first: int) -> np.ndarray:
    """Rupiah per worker from each month through December of its year (for the budget cap),
    from a (units, months) cost grid that starts at ``first`` and runs to a December."""
    remaining = np.zeros_like(cost)
    for j in range(cost.shape[1] - 1, -1, -1):
        month = first + j
        carry = remaining[:, j + 1] if j + 1 < cost.shape[1] and (month + 1) % 12 != 0 else 0.0
        remaining[:, j] = cost[:, j] + carry
    return remaining


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class ScenarioRun:
    name: str
    result: ModelResult
    money: dict
    per_draw: dict[str, np.ndarray]  # metric -> (draws, units(+total), months + 1)


def _per_draw_metrics(result: ModelResult, money: dict, with_total: bool) -> dict[str, np.ndarray]:
    s = result.stocks
    draws, units, slots = result.pool.shape

    def monthly(array: np.ndarray) -> np.ndarray:
        """Put a (D|1, U, T|1) money input on the (D, U, T+1) grid; slot 0 is 0."""
        out = np.zeros((draws, units, slots))
        out[:, :, 1:] = np.broadcast_to(array, (array.shape[0], units, slots - 1)) \
            if array.shape[2] == 1 else array
        return out

    paying_self = s["self_paying"]
    active = result.active
    metrics = {
        "pool": result.pool,
        "active": active,
        "active_self_paying": s["self_paying"] + s["arrears"],
        "active_subsidised": s["subsidised"],
        "in_arrears": s["arrears"],
        "lapsed": s["lapsed"],
        "reached_not_enrolled": s["reached"] + s["waiting"],
        "verified_waiting": s["waiting"],
        "unreached": s["unreached"],
        "new_enrolments": result.flows["new_enrolments"],
        "subsidy_enrolments": result.flows["subsidy_enrolments"],
        "crowd_out": result.flows["crowd_out"],
        "subsidy_exits": result.flows["subsidy_exits"],
        "listed": result.flows["listed"],
        "verified": result.flows["verified"],
        "expected_deaths": active * monthly(money["death_rate"]),
        "subsidy_rp": result.subsidy_spend,
        "outreach_rp": monthly(money["outreach_contacts"] * money["outreach_cost_per_contact"]),
        "contributions_rp": paying_self * monthly(money["self_payer_contribution"]),
        "benefits_rp": active * monthly(
            money["death_rate"] * money["jkm_benefit"]
            + money["accident_rate"] * money["accident_cost"]
            + money["fatal_accident_rate"] * money["fatal_accident_benefit"]),
        "cap_binds": result.cap_binds.astype(float),
    }
    if with_total:
        for name, array in metrics.items():
            total = array.sum(axis=1, keepdims=True)
            if name == "cap_binds":
                total = array.max(axis=1, keepdims=True)
            metrics[name] = np.concatenate([array, total], axis=1)
    metrics["coverage"] = metrics["active"] / np.maximum(metrics["pool"], 1e-9)
    return metrics


def _add_comparison(run: dict[str, np.ndarray], baseline: dict[str, np.ndarray]) -> None:
    """Additional active workers and public cost per additional worker-year, per draw."""
    extra_active = run["active"] - baseline["active"]
    public = run["subsidy_rp"] + run["outreach_rp"]
    public_base = baseline["subsidy_rp"] + baseline["outreach_rp"]
    extra_cost = np.cumsum(public - public_base, axis=2)
    extra_worker_years = np.cumsum(extra_active[:, :, 1:], axis=2) / 12.0
    per_year = np.full(extra_active.shape, np.nan)
    positive = extra_worker_years > 1e-6
    per_year[:, :, 1:] = np.where(positive, extra_cost[:, :, 1:]
                                  / np.where(positive, extra_worker_years, 1.0), np.nan)
    run["additional_active"] = extra_active
    run["cost_per_additional_worker_year_rp"] = per_year


def run_scenarios(params: ParamSet, request: ProjectionRequest) -> dict[str, ScenarioRun]:
    """Run every requested scenario (and the one they are compared against)."""
    request.validate()
    names = list(dict.fromkeys([request.against, *request.scenarios]))
    with_total = len(request.regions) > 1
    runs: dict[str, ScenarioRun] = {}
    for name in names:
        scenario_params = apply_scenario(params, name)
        inputs, money = build_inputs(scenario_params, request)
        result = run_model(inputs)
        runs[name] = ScenarioRun(name, result, money, _per_draw_metrics(result, money,
                                                                        with_total))
    for name in names:
        _add_comparison(runs[name].per_draw, runs[request.against].per_draw)
    return {name: runs[name] for name in request.scenarios}


def percentiles(array: np.ndarray) -> np.ndarray:
    """p10, p50, p90 over the draws axis (axis 0), ignoring NaN (numpy's linear method).

    numpy's nanpercentile loops in Python over every cell when NaN are present; sorting
    once (NaN sort last) and interpolating by index is the same arithmetic, vectorised."""
    draws = array.shape[0]
    if draws == 1:
        return np.repeat(array, len(PERCENTILES), axis=0)
    if not np.isnan(array).any():
        return np.percentile(array, PERCENTILES, axis=0)
    ordered = np.sort(array, axis=0)
    valid = (~np.isnan(ordered)).sum(axis=0)
    result = np.full((len(PERCENTILES), *array.shape[1:]), np.nan)
    for k, q in enumerate(PERCENTILES):
        position = q / 100.0 * np.maximum(valid - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        low = np.take_along_axis(ordered, below[None], axis=0)[0]
        high = np.take_along_axis(ordered, above[None], axis=0)[0]
        result[k] = np.where(valid > 0, low + (high - low) * (position - below), np.nan)
    return result


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
    """Per scenario, region and APBD (calendar) year: spend percentiles, cap, binding month.

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
            subsidy = run.per_draw["subsidy_rp"][:, :, in_year].sum(axis=2)
            outreach = run.per_draw["outreach_rp"][:, :, in_year].sum(axis=2)
            binds = run.per_draw["cap_binds"][:, :, in_year].mean(axis=0)  # (units, months)
            for i, slug in enumerate(slugs):
                cap = None
                if i < len(request.regions):
                    j = int(np.flatnonzero(in_year)[0]) - 1  # input index of the year's 1st month
                    cap_value = caps[0, i, j if caps.shape[2] > 1 else 0]
                    cap = None if np.isinf(cap_value) else int(cap_value)
                binding = np.flatnonzero(binds[i] >= 0.5)
                rows.append({
                    "scenario": name, "region": slug, "year": int(year),
                    "months": int(in_year.sum()),
                    **{f"subsidy_rp_p{p}": int(round(v)) for p, v in
                       zip(PERCENTILES, np.percentile(subsidy[:, i], PERCENTILES), strict=True)},
                    **{f"outreach_rp_p{p}": int(round(v)) for p, v in
                       zip(PERCENTILES, np.percentile(outreach[:, i], PERCENTILES), strict=True)},
                    "cap_rp": cap,
                    "cap_binds_month": (format_month(int(months[in_year][binding[0]]))
                                        if binding.size else None),
                })
    return pd.DataFrame(rows)


def project(params: ParamSet, request: ProjectionRequest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy projection and the APBD-year budget table for a request."""
    runs = run_scenarios(params, request)
    return tidy(runs, request), annual_budget(runs, request)


def parse_start(text: str | None) -> int:
    return parse_month(text or DEFAULT_START, "--start")
