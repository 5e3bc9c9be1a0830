"""A projection in chunks of draws, so that memory does not grow with --draws.

A run of many draws, months and scenarios holds far more per-draw numbers than a machine
has memory (10,000 draws x 240 months x six regions x six scenarios: about 24 GB). Each
chunk runs the model for some of the draws, every draw with the numbers it has in a run in
one piece (see ``ProjectionRequest.draw_window``); each scenario's per-draw metrics are kept
in a :class:`DrawStore` and its percentiles taken from every draw at once, so the table is
the same whatever the chunk size. The store spills to an anonymous temporary file when large:
the file has no name, and goes with the process, even a killed one.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..params import ParamSet, apply_scenario
from .diagnostics import StuckPipeline, stuck_in
from .inputs import ProjectionRequest, build_inputs
from .metrics import (
    AS_THEY_STAND,
    COMPARED,
    add_comparison,
    compared_metrics,
    per_draw_metrics,
)
from .model import simulate
from .projection import COMPARED_OUTPUTS, replay_history
from .quantiles import percentiles_each
from .summaries import YearParts, budget_rows, metric_rows, tidy_rows

CHUNK_BYTES = 256 * 1024**2  # what one chunk's model run and metrics may hold at once
ARRAYS_PER_DRAW = 80  # (units, months) arrays a draw needs in a chunk: stocks, flows, metrics
SPILL_BYTES = 512 * 1024**2  # a scenario's per-draw metrics above this go to a temporary file


def draws_per_chunk(request: ProjectionRequest) -> int:
    units = len(request.regions) + (len(request.regions) > 1)
    per_draw = units * (request.months + 1) * 8 * ARRAYS_PER_DRAW
    return max(1, min(request.draws, CHUNK_BYTES // per_draw))


class DrawStore:
    """Per-draw arrays of one shape ``(draws, *shape)``, each written a chunk of draws at a
    time and read whole (or a window): in memory when small, else in a temporary file."""

    def __init__(self, draws: int, shape: tuple[int, ...], expected: int = 32,
                 spill_bytes: int = SPILL_BYTES):
        self.draws, self.shape = draws, shape
        self.row_bytes = int(np.prod(shape)) * 8
        self.names: list[str] = []
        self.arrays: dict[str, np.ndarray] = {}
        spill = draws * self.row_bytes * expected > spill_bytes
        # no `with`: the store outlives this call and close() ends it (a killed run leaves
        # nothing: the file has no name)
        self.file = (tempfile.TemporaryFile(prefix="jamsos-draws-")  # noqa: SIM115
                     if spill else None)

    def put(self, name: str, first: int, array: np.ndarray) -> None:
        if name not in self.names:
            self.names.append(name)
            if self.file is None:
                self.arrays[name] = np.empty((self.draws, *self.shape))
        count = array.shape[0]
        if self.file is None:
            self.arrays[name][first:first + count] = array
            return
        rows = np.ascontiguousarray(array, dtype=np.float64)
        self.file.seek(self._offset(name, first))
        self.file.write(rows.data)

    def get(self, name: str, first: int = 0, stop: int | None = None) -> np.ndarray:
        stop = self.draws if stop is None else stop
        if self.file is None:
            return self.arrays[name][first:stop]
        out = np.empty((stop - first, *self.shape))
        self.file.seek(self._offset(name, first))
        if self.file.readinto(memoryview(out).cast("B")) != out.nbytes:
            raise OSError(f"the temporary file of per-draw metrics is short ({name})")
        return out

    def _offset(self, name: str, first: int) -> int:
        return (self.names.index(name) * self.draws + first) * self.row_bytes

    def close(self) -> None:
        self.arrays.clear()
        if self.file is not None:
            self.file.close()


@dataclass(frozen=True)
class Projection:
    table: pd.DataFrame  # the tidy projection (see summaries.tidy)
    budget: pd.DataFrame  # the APBD-year budget (see summaries.annual_budget)
    stuck: list[StuckPipeline]


def project_in_chunks(params: ParamSet, request: ProjectionRequest,
                      chunk_draws: int | None = None) -> Projection:
    """The tidy projection, the budget table and the stuck pipelines of a request, the
    same as ``run_scenarios`` then ``tidy``, ``annual_budget`` and ``stuck_pipelines``, in
    chunks of ``chunk_draws`` draws (default: what :data:`CHUNK_BYTES` holds)."""
    request.validate()
    with_total = len(request.regions) > 1
    shape = (len(request.regions) + with_total, request.months + 1)
    chunk = chunk_draws or draws_per_chunk(request)
    parts = [replace(request, draw_window=(first, min(first + chunk, request.draws)))
             for first in range(0, request.draws, chunk)]
    replays = [replay_history(params, part) for part in parts]  # small: stocks at one month
    against = DrawStore(request.draws, shape, expected=len(COMPARED))
    done: dict[str, tuple[list[dict], list[dict], list[StuckPipeline]]] = {}
    try:
        for name in dict.fromkeys([request.against, *request.scenarios]):
            done[name] = _scenario(params, request, name, parts, replays, against, with_total,
                                   shape)
    finally:
        against.close()
    wanted = list(dict.fromkeys(request.scenarios))
    return Projection(tidy_rows([f for name in wanted for f in done[name][0]]),
                      pd.DataFrame([row for name in wanted for row in done[name][1]]),
                      [s for name in wanted for s in done[name][2]])


def _scenario(params: ParamSet, request: ProjectionRequest, name: str,
              parts: list[ProjectionRequest], replays: list, against: DrawStore,
              with_total: bool, shape: tuple[int, int]
              ) -> tuple[list[dict], list[dict], list[StuckPipeline]]:
    """One scenario, chunk by chunk: its rows, budget rows and stuck pipelines (none when
    it is only the one the others are compared against)."""
    wanted = name in request.scenarios
    scenario_params = apply_scenario(params, name)
    store = DrawStore(request.draws, shape if wanted else (0,))  # (0,): nothing to keep
    years, money = None, None
    try:
        for part, replayed in zip(parts, replays, strict=True):
            first, stop = part.draw_window
            inputs, chunk_money = build_inputs(scenario_params, part, replayed)
            if not wanted:  # only compared against: what the comparison reads
                result = simulate(inputs, room=("spend",) if with_total else (),
                                  only=COMPARED_OUTPUTS)
                del inputs
                per_draw = compared_metrics(result, chunk_money, with_total)
            else:
                result = simulate(inputs, room=AS_THEY_STAND if with_total else ())
                del inputs
                per_draw, _ = per_draw_metrics(result, chunk_money, with_total,
                                               with_payers=False)
            if name == request.against:
                for metric in COMPARED:
                    against.put(metric, first, per_draw[metric])
            if not wanted:
                continue
            add_comparison(per_draw, {m: against.get(m, first, stop) for m in COMPARED})
            for metric, array in per_draw.items():
                store.put(metric, first, np.broadcast_to(array, (stop - first, *shape)))
            chunk_years = YearParts.of(per_draw, result.limit, request)
            if years is None:
                years, money = chunk_years, chunk_money  # the cap of draw 0 is the first's
            else:
                years.add(chunk_years)
            del result, per_draw
        if not wanted:
            return [], [], []
        medians: dict[str, np.ndarray] = {}

        def every_metric():  # one metric's draws in memory at a time
            for metric in store.names:
                array = store.get(metric)
                if metric in ("verified_waiting", "active_lurah_list"):
                    medians[metric] = np.median(array, axis=0)
                yield array

        frames = [metric_rows(request, name, metric, values) for metric, values
                  in zip(store.names, percentiles_each(every_metric()), strict=True)]
        stuck = stuck_in(name, medians["verified_waiting"], medians["active_lurah_list"],
                         request)
        return frames, budget_rows(name, years, money, request.draws, request), stuck
    finally:
        store.close()
