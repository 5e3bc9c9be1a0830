"""Running scenarios: replay history to the month before, apply each scenario to the
baseline, build inputs, run the model, compare."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .. import defaults
from ..months import parse_month
from ..params import BASELINE, ParamSet, apply_scenario
from .inputs import ProjectionRequest, ReplayedState, build_inputs
from .metrics import (
    AS_THEY_STAND,
    ScenarioRun,
    add_comparison,
    compared_metrics,
    per_draw_metrics,
    scheme_member_series,
)
from .model import run_model, simulate
from .summaries import annual_budget, tidy

REPLAY_FROM = parse_month(defaults.PROJECTION_START)  # the first month with a sourced state
# what the comparison reads of the run compared against: active members and the spend
COMPARED_OUTPUTS = ("self_paying", "arrears", "subsidised", "agency_paid", "spend")


def replay_history(params: ParamSet, request: ProjectionRequest) -> ReplayedState | None:
    """The policy in force replayed from the first sourced state to the month before the
    request, with the same draws: every stock the data do not count (the reached, the
    lapsed, those waiting, the agency lists' members), so a projection starts where the
    flows had taken them. None when the request starts at the first sourced state."""
    if request.start <= REPLAY_FROM or not request.from_history:
        return None
    history = replace(request, scenarios=(BASELINE,), start=REPLAY_FROM,
                      months=request.start - REPLAY_FROM, against=BASELINE)
    inputs, _ = build_inputs(apply_scenario(params, BASELINE), history)
    result = run_model(inputs, every_month=False)
    end = {name: np.ascontiguousarray(stock[:, :, -1]) for name, stock in result.stocks.items()}
    return ReplayedState(REPLAY_FROM, result.pool[:, :, -1], end["self_paying"],
                         end["subsidised"], end["reached"], end["waiting"], end["lapsed"],
                         np.ascontiguousarray(result.scheme_members[:, :, -1]),
                         result.end["arrears_ages"], result.end["left_ages"],
                         result.end["former"])


def run_scenario(params: ParamSet, scenario: str, request: ProjectionRequest,
                 replayed: ReplayedState | None, with_total: bool, label: str | None = None
                 ) -> ScenarioRun:
    """One scenario from a replayed history (:func:`replay_history`), with its metrics per
    draw, its spend by payer and its schemes' members, named ``label`` (default: the
    scenario); no comparison with another run."""
    scenario_params = apply_scenario(params, scenario)
    inputs, money = build_inputs(scenario_params, request, replayed)
    result = simulate(inputs, room=AS_THEY_STAND if with_total else ())  # no copies
    del inputs
    per_draw, by_payer = per_draw_metrics(result, money, with_total)
    members = scheme_member_series(result, money,
                                   scenario_params.schemes + scenario_params.lifted_schemes,
                                   tuple(r.code for r in request.regions))
    return ScenarioRun(label or scenario, result, money, per_draw, by_payer, members)


def run_scenarios(params: ParamSet, request: ProjectionRequest) -> dict[str, ScenarioRun]:
    """Run every requested scenario (and the one they are compared against)."""
    request.validate()
    names = list(dict.fromkeys([request.against, *request.scenarios]))
    with_total = len(request.regions) > 1
    replayed = replay_history(params, request)
    runs: dict[str, ScenarioRun] = {}
    if request.against in request.scenarios:
        runs[request.against] = run_scenario(params, request.against, request, replayed,
                                             with_total)
        compared = runs[request.against].per_draw
    else:  # only what the comparison reads, and nothing of it kept
        compared = _compared(params, request, replayed, with_total)
    for name in names:
        if name in request.scenarios:
            if name not in runs:
                runs[name] = run_scenario(params, name, request, replayed, with_total)
            add_comparison(runs[name].per_draw, compared)
    return {name: runs[name] for name in request.scenarios}


def _compared(params: ParamSet, request: ProjectionRequest, replayed: ReplayedState | None,
              with_total: bool) -> dict[str, np.ndarray]:
    """The metrics :func:`~.metrics.add_comparison` reads of the scenario compared against."""
    inputs, money = build_inputs(apply_scenario(params, request.against), request, replayed)
    result = simulate(inputs, room=("spend",) if with_total else (), only=COMPARED_OUTPUTS)
    del inputs
    return compared_metrics(result, money, with_total)


def project(params: ParamSet, request: ProjectionRequest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy projection and the APBD-year budget table for a request."""
    runs = run_scenarios(params, request)
    return tidy(runs, request), annual_budget(runs, request)
