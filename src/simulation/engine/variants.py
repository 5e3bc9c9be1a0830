"""Many variants of one scenario that differ only in one added agency-list scheme's members
(its months and size), run together: stacked along the draws axis.

Draws are independent of each other, so a run of ``n`` variants x ``D`` draws gives each
variant's block of draws the numbers a run of that variant alone gives: the inputs are built
once, every draw-shaped array is repeated ``n`` times, each block holds its variant's members
of the added scheme, the model and the metrics run once, and the run is cut back into one
:class:`~.metrics.ScenarioRun` per variant (views of the stacked arrays, no copies). The
explorer's grid of added places runs this way (72 projections in a few runs).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields, replace

import numpy as np

from ..params import ParamSet, apply_scenario
from ..params.schemes import Scheme
from .chunked import ARRAYS_PER_DRAW, CHUNK_BYTES
from .inputs import ProjectionRequest, ReplayedState, build_inputs
from .metrics import ScenarioRun, per_draw_metrics, scheme_member_series
from .model import ModelInputs, ModelResult, run_model
from .schemes import SchemeArrays, scheme_members

HOLDERS = ("agency_schemes", "wage_earner_schemes")  # the money entries that hold schemes
# what one stacked run may hold, counted as a chunk is counted (ARRAYS_PER_DRAW is an upper
# bound: measured, 27 variants of 500 draws and 60 months hold 240 MB, this budget's half).
# Bigger runs pay numpy's per-call cost fewer times: the explorer's grid of a district
# (72 variants) takes 1.15 s in runs of 27, 1.6 s in runs of 6, two reports at a time
STACK_BYTES = 2 * CHUNK_BYTES


def run_variants(params: ParamSet, scenario: str, request: ProjectionRequest,
                 replayed: ReplayedState | None, with_total: bool, added: Sequence[Scheme],
                 label: str | None = None) -> Iterator[ScenarioRun]:
    """:func:`~.projection.run_scenario` of ``params`` with each of ``added`` added, in
    order: the same numbers, from a few stacked runs. The schemes must differ in their
    years alone (same name, region, payer, group and package); ``replayed`` is the history
    replayed with any of them (they pay nobody before the request starts). The inputs are
    built with the first; each variant's own members of the scheme go in its block. Runs
    are made chunk by chunk as the variants are taken, so memory holds one chunk at a time
    (:func:`variants_per_run`)."""
    if not added:
        return
    family = replace(added[0], years=())
    if any(replace(s, years=()) != family for s in added):
        raise ValueError("the added schemes differ in more than their years")
    scenario_params = apply_scenario(replace(params, schemes=(*params.schemes, added[0])),
                                     scenario)
    inputs, money = build_inputs(scenario_params, request, replayed)
    holder = next((h for h in HOLDERS if family.name in money[h].names), None)
    if holder is None:
        raise ValueError(f"{family.name} is no agency-list scheme the engine follows")
    column = money[holder].names.index(family.name)
    own = [added_members(s, money, request) for s in added]
    # the premise: the engine gives the scheme the members the scheme itself says
    if not _same(money[holder].members[:, column], own[0]):
        raise ValueError(f"the engine gives {family.name} other members than its scheme says")
    draws = inputs.shape[0]
    step = variants_per_run(draws, inputs.shape[1] + with_total, request.months)
    for first in range(0, len(added), step):
        chunk = added[first:first + step]
        members = stacked_members(money[holder].members, column, own[first:first + step],
                                  draws)
        stacked = tiled_money(money, draws, len(chunk))
        stacked[holder] = replace(money[holder], members=members)
        model_inputs = tiled_inputs(inputs, draws, len(chunk))
        if holder == "agency_schemes":
            model_inputs = replace(model_inputs, scheme_target=members[:, :, 1:])
        run = _run(model_inputs, stacked, scenario_params, request, with_total,
                   label or scenario)
        # only the blocks keep the chunk's arrays alive: none is named here past its yield
        del members, model_inputs, stacked
        blocks = [_with_own_scheme(block, holder, scheme)
                  for scheme, block in zip(chunk, split_run(run, draws, len(chunk)),
                                           strict=True)]
        del run
        while blocks:
            yield blocks.pop(0)


def _run(inputs: ModelInputs, money: dict, scenario_params: ParamSet,
         request: ProjectionRequest, with_total: bool, name: str) -> ScenarioRun:
    """The model and the metrics of a stacked run, as :func:`~.projection.run_scenario`."""
    result = run_model(inputs)
    per_draw, by_payer = per_draw_metrics(result, money, with_total)
    members = scheme_member_series(result, money,
                                   scenario_params.schemes + scenario_params.lifted_schemes,
                                   tuple(r.code for r in request.regions))
    return ScenarioRun(name, result, money, per_draw, by_payer, members)


def _with_own_scheme(run: ScenarioRun, holder: str, scheme: Scheme) -> ScenarioRun:
    """``run`` (a block of a stacked run, its money its own dict) naming its own variant
    of the added scheme, as a run of its own does."""
    arrays = run.money[holder]
    run.money[holder] = replace(arrays, schemes=tuple(scheme if s.name == scheme.name else s
                                                      for s in arrays.schemes))
    return run


def variants_per_run(draws: int, units: int, months: int) -> int:
    """How many variants one stacked run holds within :data:`STACK_BYTES` (counted as
    :mod:`.chunked` counts a chunk of draws)."""
    per_variant = draws * units * (months + 1) * 8 * ARRAYS_PER_DRAW
    return max(1, STACK_BYTES // per_variant)


def added_members(scheme: Scheme, money: dict, request: ProjectionRequest) -> np.ndarray:
    """(D|1, months + 1) the members an added scheme pays for in each slot of a run (one
    row where every draw has the same)."""
    out = scheme_members(scheme, money["months"], request.draws, request.seed,
                         request.window)
    return out[:1] if (out == out[:1]).all() else out


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    shape = np.broadcast_shapes(a.shape, b.shape)
    return np.array_equal(np.broadcast_to(a, shape), np.broadcast_to(b, shape))


def stacked_members(members: np.ndarray, column: int, own: Sequence[np.ndarray], draws: int
                    ) -> np.ndarray:
    """(n x D, S, slots) ``members`` (D|1, S, slots) repeated once per variant, each block's
    ``column`` holding that variant's members ``own[b]`` (D|1, slots)."""
    block = np.broadcast_to(members, (draws, *members.shape[1:]))
    out = np.concatenate([block] * len(own))
    for b, mine in enumerate(own):
        out[b * draws:(b + 1) * draws, column] = mine
    return out


def _tiled(value, draws: int, copies: int):
    """A draw-shaped array (numbers with a leading axis of ``draws``) repeated ``copies``
    times along it; a tuple of them, each; anything else as it is (a leading axis of 1
    broadcasts to every draw anyway; payers, as objects, are per unit and month)."""
    if isinstance(value, tuple):
        return tuple(_tiled(v, draws, copies) for v in value)
    if (isinstance(value, np.ndarray) and value.ndim >= 2 and value.shape[0] == draws
            and value.dtype.kind in "biuf"):
        return np.concatenate([value] * copies)
    return value


def tiled_inputs(inputs: ModelInputs, draws: int, copies: int) -> ModelInputs:
    """Model inputs for ``copies`` x ``draws`` draws, every block the same."""
    return replace(inputs, **{f.name: _tiled(getattr(inputs, f.name), draws, copies)
                              for f in fields(inputs)})


def tiled_money(money: dict, draws: int, copies: int) -> dict:
    """A run's money grids for ``copies`` x ``draws`` draws, every block the same."""
    out = {}
    for key, value in money.items():
        if isinstance(value, SchemeArrays):
            value = replace(value, members=_tiled(value.members, draws, copies))
        out[key] = _tiled(value, draws, copies)
    return out


def _block(value, rows: slice, total: int):
    """The rows of a stacked run's value that belong to one block of draws (a view)."""
    if isinstance(value, dict):
        return {k: _block(v, rows, total) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_block(v, rows, total) for v in value)
    if isinstance(value, SchemeArrays):
        return replace(value, members=_block(value.members, rows, total))
    if (isinstance(value, np.ndarray) and value.ndim >= 1 and value.shape[0] == total
            and value.dtype.kind != "O"):
        return value[rows]
    return value


def split_run(run: ScenarioRun, draws: int, copies: int) -> list[ScenarioRun]:
    """One run per block of ``draws`` draws of a stacked run, as the block's variant run
    alone gives it: an item a payer pays nothing for in the block is left out, as
    :func:`~.metrics.per_draw_metrics` leaves it out of a run of its own."""
    total = draws * copies
    out = []
    for b in range(copies):
        rows = slice(b * draws, (b + 1) * draws)
        result = ModelResult(**{f.name: _block(getattr(run.result, f.name), rows, total)
                                for f in fields(ModelResult)})
        by_payer = {key: block for key, array in run.by_payer.items()
                    if np.any(block := array[rows])}
        out.append(ScenarioRun(run.name, result, _block(run.money, rows, total),
                               _block(run.per_draw, rows, total), by_payer,
                               _block(run.scheme_members, rows, total)))
    return out
