"""Calibration: recovering known behaviour, the back-test's arithmetic, calibrated files."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import PARAMS

from simulation.calibration.backtest import backtest
from simulation.calibration.files import write_calibrated
from simulation.calibration.fit import (
    FITTED,
    calibrate,
    model_inputs,
    self_paying_members,
    with_candidates,
)
from simulation.engine.model import run_model
from simulation.months import format_month, parse_month
from simulation.params import load_params


def simulated_store(params, region, truth: dict, first="2019-10", months=36) -> pd.DataFrame:
    """A series made by the engine itself with known p, q and stop rate."""
    start = parse_month(first)
    inputs = model_inputs(params, (region,), start, start + months, "baseline")
    chosen = np.array([[truth[k] for k in FITTED]])
    active = self_paying_members(run_model(with_candidates(inputs, chosen)))[0, 0]
    return pd.DataFrame({"region": region.code,
                         "month": [format_month(start + k) for k in range(months + 1)],
                         "active": np.round(active).astype(int), "subsidised": pd.NA,
                         "new": pd.NA, "lapsed": pd.NA, "source": "engine", "kind": "test"})


def test_calibration_recovers_the_parameters_of_a_series_the_engine_made(params):
    region = params.region("ngawi")
    truth = {"outside_influence_p": 0.012, "imitation_q": 0.25, "self_payer_lapse_rate": 0.06}
    store = simulated_store(params, region, truth, months=60)
    [fit] = calibrate(params, store, (region,))
    # five years separate p, q and the stop rate to within 5% (three years do not: p and q
    # trade off against each other, though the fitted path still retraces the series)
    assert fit.mape < 0.001
    for name, value in truth.items():
        assert fit.values[name] == pytest.approx(value, rel=0.05), name
    assert fit.months == 60 and fit.weight == pytest.approx(60 / 72, abs=1e-4)


def test_backtest_arithmetic_against_a_hand_computed_carry_forward(params):
    region = params.region("pacitan")
    months = [format_month(parse_month("2019-10") + k) for k in range(24)]
    values = [1000 + 10 * k for k in range(24)]
    store = pd.DataFrame({"region": region.code, "month": months, "active": values,
                          "subsidised": pd.NA, "new": pd.NA, "lapsed": pd.NA, "source": "t",
                          "kind": "test"})
    table = backtest(params, store, region, step=6)
    first = table.iloc[0]
    origin = months.index(first.origin)
    expected = np.mean([10 * h / (1000 + 10 * (origin + h)) for h in range(1, 7)])
    assert first.mape_naive == pytest.approx(expected)
    assert first.origin == "2020-03" and 0 <= first.mape_model < 0.5


def test_calibrated_values_lie_over_the_assumptions_for_the_regions_they_name(tmp_path, params):
    tree = tmp_path / "params"
    shutil.copytree(PARAMS, tree, ignore=shutil.ignore_patterns("local"))
    truth = {"outside_influence_p": 0.012, "imitation_q": 0.25, "self_payer_lapse_rate": 0.06}
    store = simulated_store(params, params.region("ngawi"), truth, months=24)
    fits = calibrate(params, store, (params.region("ngawi"),))
    write_calibrated(fits, params, tree / "calibrated", "2021-10", "test.csv",
                     today=dt.date(2026, 11, 25))
    loaded = load_params(tree)
    stop = loaded.parameter("self_payer_lapse_rate")
    assert stop.central("35.21", parse_month("2022-01")) == pytest.approx(
        fits[0].values["self_payer_lapse_rate"], rel=1e-4)
    assert stop.central("35.77", parse_month("2022-01")) == 0.05  # not calibrated: as shipped
    assert stop.kind == "assumption" and "jamsos calibrate" in str(stop.references[0])
    assert stop.last_verified == dt.date(2026, 11, 25)


def test_calibration_fits_self_payers_where_a_scheme_pays_for_others(params):
    # Kota Madiun: the actuals count everyone active; the fit is of those paying
    # themselves (active less subsidised), which is what p, q and the stop rate describe
    region = params.region("kota-madiun")
    truth = {"outside_influence_p": 0.012, "imitation_q": 0.25, "self_payer_lapse_rate": 0.06}
    start, months = parse_month("2019-10"), 48
    inputs = model_inputs(params, (region,), start, start + months, "baseline")
    result = run_model(with_candidates(inputs, np.array([[truth[k] for k in FITTED]])))
    subsidised = np.round(result.stocks["subsidised"][0, 0]).astype(int)
    paying = np.round(self_paying_members(result)[0, 0]).astype(int)
    store = pd.DataFrame({"region": region.code,
                          "month": [format_month(start + k) for k in range(months + 1)],
                          "active": paying + subsidised, "subsidised": subsidised,
                          "new": pd.NA, "lapsed": pd.NA, "source": "engine", "kind": "test"})
    assert subsidised[-1] > 4_000  # the scheme runs in the series
    [fit] = calibrate(params, store, (region,))
    assert fit.mape < 0.02
