"""The hindcast: replay the policy in force from an early starting state and set the replay
against every published point, with the error of each.

The replay starts from what the data said at the end of the month before ``start`` and
takes nothing from later data. A point before the replay cannot be checked by it; a point
some parameter was taken from (``used_for``) is not an independent check, and the table
says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import defaults
from ..engine.inputs import ProjectionRequest
from ..engine.metrics import percentiles
from ..engine.projection import run_scenarios
from ..errors import InputError, Problem
from ..intake.state import Observations, observed_state
from ..months import format_month, parse_month
from ..params import BASELINE, ParamSet

# what the model says for each published measure: metrics summed over the point's regions
MEASURE_METRICS = {"active_bpu": ("active",), "scheme_bpu": ("active_subsidised",),
                   "scheme_all": ("active_subsidised", "wage_earner_members")}
COLUMNS = ["id", "date", "regions", "measure", "published", "approximate", "model_p50",
           "model_p10", "model_p90", "error", "error_share", "status", "used_for", "source"]


def hindcast(params: ParamSet, observations: Observations, start: int | None = None,
             end: int | None = None, draws: int = 1, seed: int = defaults.SEED,
             scenario: str = BASELINE) -> pd.DataFrame:
    """One row per published point: the published value, the replay's p10/p50/p90 at its
    month, the error (model - published) and whether the point checks the model."""
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
    per_draw = run_scenarios(state, request)[scenario].per_draw
    index = {r.code: k for k, r in enumerate(params.regions)}
    names = {r.code: r.name.replace("Kabupaten ", "Kab. ") for r in params.regions}
    rows = []
    for point in points.itertuples():
        used_for = point.used_for if isinstance(point.used_for, str) else None
        area = ("all six regions" if set(point.regions) == set(index)
                else ", ".join(names[c] for c in point.regions))
        row = {"id": point.id, "date": point.date, "regions": area, "measure": point.measure,
               "published": int(point.value), "approximate": bool(point.approximate),
               "used_for": used_for, "source": point.source_en}
        slot = int(point.month) - (start - 1)
        if point.month < start or point.month > end:
            status = ("after the replay" if point.month > end else
                      "the starting state" if used_for else "before the replay")
            rows.append({**row, "status": status})
            continue
        units = [index[c] for c in point.regions]
        draws_sum = sum(per_draw[m][:, units, slot].sum(axis=1)
                        for m in MEASURE_METRICS[point.measure])
        p10, p50, p90 = percentiles(np.asarray(draws_sum)[:, None])[:, 0]
        error = p50 - point.value
        rows.append({**row, "model_p50": round(float(p50)), "model_p10": round(float(p10)),
                     "model_p90": round(float(p90)), "error": round(float(error)),
                     "error_share": round(float(error) / point.value, 4) if point.value else None,
                     "status": "used for a parameter" if used_for else "checked"})
    return pd.DataFrame(rows, columns=COLUMNS)


def mean_absolute_error_share(table: pd.DataFrame) -> float | None:
    """The mean absolute percentage error over the points that check the model."""
    checked = table[table.status == "checked"].error_share.dropna()
    return float(checked.abs().mean()) if len(checked) else None
