"""Fit behavioural parameters to monthly actuals, and back-test the fit.

For each region: outside influence p, imitation q and the self-payer stop rate are chosen
to minimise the squared error of log(active) between the engine (central values for
everything else, starting from the first observed month) and the actuals. A coarse grid is
evaluated in one vectorised engine run (candidates as draws), then refined with
Nelder-Mead. Regions are pooled toward the branch-wide fit when their series is short:
``fit = w · own + (1 − w) · pooled`` (in logs) with ``w = n / (n + 12)`` for n months.
The back-test is in :mod:`.backtest`; writing the result in :mod:`.files`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..engine.inputs import ProjectionRequest, build_inputs
from ..engine.model import ModelInputs, ModelResult, run_model
from ..errors import InputError, Problem
from ..intake.store import behavioural, self_paying, series, with_observed_state
from ..months import format_month
from ..params import ParamSet, Region, apply_scenario

FITTED = {  # parameter -> (model input, per-year rate converted to monthly?)
    "outside_influence_p": ("outside_influence", True),
    "imitation_q": ("imitation", True),
    "self_payer_lapse_rate": ("lapse_rate", False),
}
POOLING_MONTHS = 12
MIN_MONTHS = 6
HORIZON = 6
GRID = 6


@dataclass(frozen=True)
class Fit:
    region: str  # code
    months: int
    own: dict[str, float]  # fitted on the region alone
    pooled: dict[str, float]
    weight: float
    values: dict[str, float]  # shrunk, what is used
    mape: float  # in-sample, of the values used


def _bounds(params: ParamSet, code: str, month: int) -> dict[str, tuple[float, float]]:
    bounds = {}
    for name in FITTED:
        value = params.parameter(name).at(code, month)
        bounds[name] = (max(value.low * 0.5, 1e-5), value.high * 1.5)
    return bounds


def model_inputs(params: ParamSet, regions: tuple[Region, ...], first: int, last: int,
            scenario: str) -> ModelInputs:
    scenario_params = apply_scenario(params, scenario)
    request = ProjectionRequest((scenario,), regions, first + 1, last - first, 1, 1)
    inputs, _ = build_inputs(scenario_params, request)
    return inputs


def self_paying_members(result: ModelResult) -> np.ndarray:
    """(draws, units, months + 1) members paying themselves (in arrears included): what p,
    q and the stop rate describe, and what the actuals less the subsidised show."""
    return result.stocks["self_paying"] + result.stocks["arrears"]  # no scheme pays them


def with_candidates(inputs: ModelInputs, candidates: np.ndarray) -> ModelInputs:
    """Candidates (n, 3) in FITTED order as draws of the model inputs."""
    changes = {}
    for k, (_, (field_name, yearly)) in enumerate(FITTED.items()):
        values = candidates[:, k] / (12.0 if yearly else 1.0)
        changes[field_name] = values[:, None, None]
    return replace(inputs, **changes)


def _loss(inputs: ModelInputs, candidates: np.ndarray, observed: np.ndarray,
          mask: np.ndarray) -> np.ndarray:
    """Mean squared log error per candidate; observed/mask are (units, months + 1)."""
    active = self_paying_members(run_model(with_candidates(inputs, candidates)))
    error = np.log(np.maximum(active, 1.0)) - np.log(np.maximum(observed, 1.0))[None]
    return np.where(mask[None], error**2, 0.0).sum(axis=(1, 2)) / max(mask.sum(), 1)


def _fit(inputs: ModelInputs, observed: np.ndarray, mask: np.ndarray,
         bounds: dict[str, tuple[float, float]]) -> dict[str, float]:
    low = np.log([b[0] for b in bounds.values()])
    high = np.log([b[1] for b in bounds.values()])
    axes = [np.linspace(a, b, GRID) for a, b in zip(low, high, strict=True)]
    grid = np.exp(np.stack(np.meshgrid(*axes, indexing="ij"), -1).reshape(-1, len(FITTED)))
    start = np.log(grid[int(np.argmin(_loss(inputs, grid, observed, mask)))])

    def objective(logs: np.ndarray) -> float:
        clipped = np.clip(logs, low, high)
        return float(_loss(inputs, np.exp(clipped)[None], observed, mask)[0])

    from scipy.optimize import minimize  # half a second to import: only when fitting

    best = minimize(objective, start, method="Nelder-Mead",
                    options={"xatol": 1e-3, "fatol": 1e-7, "maxiter": 150})
    return dict(zip(FITTED, np.exp(np.clip(best.x, low, high)).tolist(), strict=True))


def _observed(store: pd.DataFrame, regions: tuple[Region, ...], first: int, last: int
              ) -> tuple[np.ndarray, np.ndarray]:
    observed = np.zeros((len(regions), last - first + 1))
    mask = np.zeros_like(observed, dtype=bool)
    for i, region in enumerate(regions):
        values = self_paying(store, region.code)
        for month, value in values.items():
            if first < month <= last:
                observed[i, month - first] = value
                mask[i, month - first] = True
    return observed, mask


def calibrate(params: ParamSet, store: pd.DataFrame, regions: tuple[Region, ...],
              through: int | None = None, scenario: str = "baseline") -> list[Fit]:
    """Fit every region with enough data through ``through`` (default: all data)."""
    store = behavioural(store)
    data = store if through is None else store[store.month <= format_month(through)]
    usable = tuple(r for r in regions if len(series(data, r.code)) >= MIN_MONTHS)
    if not usable:
        raise InputError(Problem("actuals", "active", f"{len(data)} rows",
                                 f"at least {MIN_MONTHS} months of actuals for a region"))
    state = with_observed_state(params, data)
    spans = {r.code: series(data, r.code).index for r in usable}
    # pooled: one parameter set for all regions, from the first month every region has
    first = max(int(s.min()) for s in spans.values())
    last = max(int(s.max()) for s in spans.values())
    if len(usable) > 1:
        pooled_inputs = model_inputs(state, usable, first, last, scenario)
        observed, mask = _observed(data, usable, first, last)
        pooled = _fit(pooled_inputs, observed, mask, _bounds(params, usable[0].code, last))
    fits = []
    for region in usable:
        own_first, own_last = int(spans[region.code].min()), int(spans[region.code].max())
        inputs = model_inputs(state, (region,), own_first, own_last, scenario)
        obs, own_mask = _observed(data, (region,), own_first, own_last)
        own = _fit(inputs, obs, own_mask, _bounds(params, region.code, own_last))
        n = int(own_mask.sum())
        if len(usable) == 1:
            pooled = own  # no other region to pool with
        weight = n / (n + POOLING_MONTHS)
        values = {k: float(np.exp(weight * np.log(own[k]) + (1 - weight) * np.log(pooled[k])))
                  for k in FITTED}
        chosen = np.array([[values[k] for k in FITTED]])
        active = self_paying_members(run_model(with_candidates(inputs, chosen)))[0]
        percent = np.abs(active - obs) / np.maximum(obs, 1.0)
        fits.append(Fit(region.code, n, own, pooled, round(weight, 4), values,
                        float(percent[own_mask].mean())))
    return fits
