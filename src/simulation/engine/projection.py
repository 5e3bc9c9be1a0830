"""Running scenarios: apply each to the baseline, build inputs, run the model, compare."""

from __future__ import annotations

import pandas as pd

from ..params import ParamSet, apply_scenario
from .inputs import ProjectionRequest, build_inputs
from .metrics import ScenarioRun, add_comparison, per_draw_metrics
from .model import run_model
from .summaries import annual_budget, tidy


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
        runs[name] = ScenarioRun(name, result, money, per_draw_metrics(result, money,
                                                                        with_total))
    for name in names:
        add_comparison(runs[name].per_draw, runs[request.against].per_draw)
    return {name: runs[name] for name in request.scenarios}


def project(params: ParamSet, request: ProjectionRequest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy projection and the APBD-year budget table for a request."""
    runs = run_scenarios(params, request)
    return tidy(runs, request), annual_budget(runs, request)
