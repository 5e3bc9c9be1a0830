"""Per-draw metrics of a model run, comparisons against a scenario, and percentiles."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import ModelResult

PERCENTILES = (10, 50, 90)


@dataclass(frozen=True)
class ScenarioRun:
    name: str
    result: ModelResult
    money: dict
    per_draw: dict[str, np.ndarray]  # metric -> (draws, units(+total), months + 1)


def per_draw_metrics(result: ModelResult, money: dict, with_total: bool) -> dict[str, np.ndarray]:
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
    # wage-earner (PU) members a government pays for: outside the informal pool, no
    # behaviour, as many as the scheme's quota
    wage_earners = monthly(money["wage_earner_members"])
    wage_earners[:, :, 0] = np.broadcast_to(money["wage_earner_members_start"],
                                            (draws, units))
    metrics["wage_earner_members"] = wage_earners
    metrics["wage_earner_rp"] = wage_earners * monthly(money["wage_earner_package"])
    metrics["wage_earner_rp"][:, :, 0] = 0.0
    if with_total:
        for name, array in metrics.items():
            total = array.sum(axis=1, keepdims=True)
            if name == "cap_binds":
                total = array.max(axis=1, keepdims=True)
            metrics[name] = np.concatenate([array, total], axis=1)
    metrics["coverage"] = metrics["active"] / np.maximum(metrics["pool"], 1e-9)
    return metrics


def add_comparison(run: dict[str, np.ndarray], baseline: dict[str, np.ndarray]) -> None:
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
