"""Back-testing a calibration: fit through month k, project k+1…k+6 from the state observed
at k, and compare the mean absolute percentage error with a naive carry-forward forecast."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..engine.model import run_model
from ..intake.store import behavioural, self_paying, with_observed_state
from ..months import format_month
from ..params import ParamSet, Region
from .fit import (
    FITTED,
    HORIZON,
    MIN_MONTHS,
    Fit,
    calibrate,
    model_inputs,
    self_paying_members,
    with_candidates,
)


def backtest(params: ParamSet, store: pd.DataFrame, region: Region, scenario: str = "baseline",
             step: int = 6, horizon: int = HORIZON) -> pd.DataFrame:
    """Fit through k, project k+1…k+horizon from the state at k; MAPE vs carry-forward."""
    store = behavioural(store)
    values = self_paying(store, region.code)
    months = list(values.index)
    rows = []
    for origin in months[MIN_MONTHS - 1::step]:
        ahead = [m for m in months if origin < m <= origin + horizon]
        if len(ahead) < horizon:
            continue
        [fit] = calibrate(params, store, (region,), through=origin, scenario=scenario)
        state = with_observed_state(params, store[store.month <= format_month(origin)])
        inputs = model_inputs(state, (region,), origin, origin + horizon, scenario)
        chosen = np.array([[fit.values[k] for k in FITTED]])
        projected = self_paying_members(run_model(with_candidates(inputs, chosen)))[0, 0, 1:]
        actual = values.loc[ahead].to_numpy()
        model_error = np.abs(projected[[m - origin - 1 for m in ahead]] - actual) / actual
        naive_error = np.abs(values.loc[origin] - actual) / actual
        rows.append({"region": region.code, "origin": format_month(origin),
                     "months_ahead": horizon, "mape_model": float(model_error.mean()),
                     "mape_naive": float(naive_error.mean())})
    return pd.DataFrame(rows, columns=["region", "origin", "months_ahead", "mape_model",
                                       "mape_naive"])


def backtest_fits(params: ParamSet, store: pd.DataFrame, fits: list[Fit],
                  through: int | None = None, scenario: str = "baseline") -> pd.DataFrame:
    """The back-test of every fitted region on the data through ``through`` (default all)."""
    data = store if through is None else store[store.month <= format_month(through)]
    frames = [backtest(params, data, params.region(item.region), scenario) for item in fits]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["region", "origin", "months_ahead", "mape_model",
                                     "mape_naive"])
    return pd.concat(frames, ignore_index=True)
