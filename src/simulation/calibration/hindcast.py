"""The hindcast: replay the policy in force from an early starting state and set the replay
against every published point, with the error of each and whether the p10-p90 band of the
replay holds it.

The replay starts from what the data said at the end of the month before ``start`` and
takes nothing from later data. A point before the replay cannot be checked by it; a point
some parameter was taken from (``used_for``) is not an independent check, and the table
says so; a point of a measure the model does not compute (members of every segment) is
context.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import defaults
from ..engine.inputs import ProjectionRequest
from ..engine.metrics import ScenarioRun
from ..engine.projection import run_scenarios
from ..engine.quantiles import percentiles
from ..errors import InputError, Problem
from ..intake.state import Observations, observed_state
from ..months import format_month, parse_month
from ..params import BASELINE, ParamSet

# what the model says for each measure, summed over the point's regions; a point naming
# schemes sums those schemes' members instead
MEASURE_METRICS = {"active_bpu": ("active",), "scheme_bpu": ("active_subsidised",),
                   "scheme_pu": ("wage_earner_members",),
                   "scheme_all": ("active_subsidised", "wage_earner_members"),
                   "informal_workers": ("pool",)}
CHECKED, USED = "checked", "used for a parameter"
COLUMNS = ["id", "date", "regions", "measure", "published", "approximate", "model_p50",
           "model_p10", "model_p90", "error", "error_share", "in_band", "status", "used_for",
           "source"]
SUMMARY_COLUMNS = ["area", "checked", "mean_absolute_error", "inside_band"]


def hindcast(params: ParamSet, observations: Observations, start: int | None = None,
             end: int | None = None, draws: int = defaults.HINDCAST_DRAWS,
             seed: int = defaults.SEED, scenario: str = BASELINE) -> pd.DataFrame:
    """One row per published point: the published value, the replay's p10/p50/p90 at its
    month, the error (model - published), whether the band holds the point, and whether the
    point checks the model."""
    points = observations.points
    if not len(points):
        raise InputError(Problem("data", "published/points.yaml", "(no points)",
                                 "published points to set the replay against"))
    start = parse_month(defaults.PROJECTION_START) if start is None else start
    end = int(points.month.max()) if end is None else end
    if end < start:
        raise InputError(Problem("--to", "", format_month(end),
                                 f"a month no earlier than --start {format_month(start)}"))
    state = observed_state(params, observations, start - 1)
    request = ProjectionRequest((scenario,), params.regions, start, end - start + 1, draws,
                                seed, against=scenario)
    run = run_scenarios(state, request)[scenario]
    index = {r.code: k for k, r in enumerate(params.regions)}
    rows = [_row(point, run, index, _area(point.regions, params), start, end)
            for point in points.itertuples()]
    return pd.DataFrame(rows, columns=COLUMNS)


def _area(codes: tuple[str, ...], params: ParamSet) -> str:
    names = {r.code: r.name.replace("Kabupaten ", "Kab. ") for r in params.regions}
    if set(codes) == set(names):
        return "all six regions" if len(names) == 6 else "all regions"
    return ", ".join(names[c] for c in codes)


def _row(point, run: ScenarioRun, index: dict[str, int], area: str, start: int, end: int
         ) -> dict:
    used_for = point.used_for if isinstance(point.used_for, str) else None
    row = {"id": point.id, "date": point.date, "regions": area, "measure": point.measure,
           "published": int(point.value), "approximate": bool(point.approximate),
           "used_for": used_for, "source": point.source_en}
    if point.measure not in MEASURE_METRICS:
        return {**row, "status": "not modelled (context)"}
    if point.month < start or point.month > end:
        status = ("after the replay" if point.month > end else
                  "the starting state" if used_for else "before the replay")
        return {**row, "status": status}
    draws = model_draws(run, point, index, point.month - (start - 1))
    p10, p50, p90 = percentiles(np.asarray(draws, float)[:, None])[:, 0]
    error = p50 - point.value
    return {**row, "model_p50": round(float(p50)), "model_p10": round(float(p10)),
            "model_p90": round(float(p90)), "error": round(float(error)),
            "error_share": round(float(error) / point.value, 4) if point.value else None,
            "in_band": bool(round(p10) <= point.value <= round(p90)),
            "status": USED if used_for else CHECKED}


def model_draws(run: ScenarioRun, point, index: dict[str, int], slot: int) -> np.ndarray:
    """(draws,) what the replay says for a point at a slot: its measure over its regions, or
    the members of the schemes it names."""
    schemes = tuple(getattr(point, "schemes", ()) or ())
    if schemes:
        return sum(run.scheme_members[name][:, slot] for name in schemes)
    units = [index[c] for c in point.regions]
    return sum(run.per_draw[m][:, units, slot].sum(axis=1)
               for m in MEASURE_METRICS[point.measure])


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per region (points of one region) and overall: how many points check the model, the
    mean absolute error of the checked ones (a share of the published value) and the share
    of them inside the replay's p10-p90 band."""
    checked = table[table.status == CHECKED]
    rows = []
    for area, group in [*checked.groupby("regions", sort=True), ("overall", checked)]:
        if area != "overall" and "," in area:
            continue  # several regions together count only overall
        rows.append({"area": area, "checked": len(group),
                     "mean_absolute_error": float(group.error_share.abs().mean())
                     if len(group) else None,
                     "inside_band": float(group.in_band.astype(bool).mean())
                     if len(group) else None})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def mean_absolute_error_share(table: pd.DataFrame) -> float | None:
    """The mean absolute percentage error over the points that check the model."""
    checked = table[table.status == CHECKED].error_share.dropna()
    return float(checked.abs().mean()) if len(checked) else None
