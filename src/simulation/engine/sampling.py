"""Drawing uncertain parameters onto (draws, units, months) grids.

Each parameter with a range gets one uniform number per draw (from a stream seeded by the
seed and the parameter's name, so adding a parameter or a scenario never changes the draws
of another), mapped through a triangular distribution (low, central, high) of every region
and month. ``draws=1`` gives the central path. Scenarios share the draws of the baseline
(common random numbers), so differences against the baseline are not noise. The draws
of a result are summed up by their percentiles (:func:`percentiles`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from ..params import ParamSet

PERCENTILES = (10, 50, 90)
DRAW_BLOCK = 512  # draws copied at a time into a percentile's working copy
NEGATIVE_ZERO = np.float64(-0.0).view(np.int64)


def uniforms(name: str, seed: int, draws: int, window: slice | None = None) -> np.ndarray:
    """(draws,) uniform numbers of one named stream: the same name and seed give the same
    numbers, whatever else a run draws. ``window``: only those draws of the stream (a run
    in chunks of draws gets each draw's number whatever the chunk)."""
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
    u = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, key]))).random(draws)
    return u if window is None else u[window]


def draw_range(value, u: np.ndarray, central: bool) -> np.ndarray:
    """(draws,) values of an uncertain number (``low``, ``central``, ``high``) for the
    uniform numbers ``u``: triangular, or the central value for a known number or when
    ``central`` (a run of one draw; a chunk of one draw of many is not)."""
    if central or value.low == value.high:
        return np.full(len(u), float(value.central))
    return triangular_quantile(u, np.float64(value.low), np.float64(value.central),
                               np.float64(value.high))


def triangular_quantile(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray
                        ) -> np.ndarray:
    """Inverse CDF of the triangular distribution, elementwise with broadcasting."""
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    cut = np.where(width > 0, (mode - low) / safe, 0.5)
    left = low + np.sqrt(u * safe * (mode - low))
    right = high - np.sqrt((1 - u) * safe * (high - mode))
    return np.where(width > 0, np.where(u < cut, left, right), mode)


@dataclass(frozen=True)
class Sampler:
    """Resolves parameters onto (draws, units, months) grids for one request."""

    params: ParamSet
    region_codes: tuple[str, ...]
    months: tuple[int, ...]  # calendar month indices of the projected months
    draws: int  # of the whole run: 1 is the central path
    seed: int
    window: slice | None = None  # the draws of the run this sampler gives (None: all)

    def grid(self, name: str, months: tuple[int, ...] | None = None) -> np.ndarray:
        """(draws or 1, units, months or 1) values of a parameter; None (no value) as inf.
        One that varies by draw and month is laid out month-major in memory (as the model
        reads it), and drawn once per run of months with the same (low, central, high)."""
        months = self.months if months is None else months
        low, mid, high = self.params.parameter(name).grid(self.region_codes, months)
        if all(np.all(a == a[:, :1]) for a in (low, mid, high)):  # constant over months
            low, mid, high = low[:, :1], mid[:, :1], high[:, :1]
        certain = bool(np.all(low == mid) and np.all(high == mid))
        if certain or self.draws == 1:
            return mid[None]
        u = uniforms(name, self.seed, self.draws, self.window)[:, None, None]
        if low.shape[1] == 1:
            return triangular_quantile(u, low[None], mid[None], high[None])
        # the months where any bit of (low, central, high) changes start a new run
        bits = np.stack([low, mid, high]).view(np.int64)
        run = np.cumsum(np.r_[True, (bits[:, :, 1:] != bits[:, :, :-1]).any(axis=(0, 1))]) - 1
        first = np.flatnonzero(np.r_[True, np.diff(run) > 0])
        drawn = triangular_quantile(u, low[None, :, first], mid[None, :, first],
                                    high[None, :, first])
        out = np.empty((len(run), drawn.shape[0], drawn.shape[1]))
        np.take(np.moveaxis(drawn, 2, 0), run, axis=0, out=out)
        return out.transpose(1, 2, 0)

    def start_value(self, name: str, start: int) -> np.ndarray:
        """(draws or 1, units) value in force at the start month."""
        return self.grid(name, (start,))[:, :, 0]


def percentiles(array: np.ndarray) -> np.ndarray:
    """p10, p50, p90 over the draws axis (axis 0), ignoring NaN: numpy's linear method
    (``np.percentile``) where there is no NaN, number for number."""
    return next(percentiles_each([array]))


def percentiles_each(arrays: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
    """:func:`percentiles` of each array in turn, through one working copy of the draws
    (each lane of draws contiguous, so that numpy selects in it fast)."""
    work: np.ndarray | None = None
    for array in arrays:
        array = np.asarray(array)
        if array.shape[0] == 1:
            yield np.repeat(array, len(PERCENTILES), axis=0)
            continue
        if array.dtype != np.float64 or array.size == 0:
            yield (_sorted_percentiles(array) if np.isnan(array).any()
                   else np.percentile(array, PERCENTILES, axis=0))
            continue
        shape = (*array.shape[1:], array.shape[0])
        if work is None or work.shape != shape:
            work = np.empty(shape)
        lanes = np.moveaxis(array, 0, -1)
        for first in range(0, shape[-1], DRAW_BLOCK):  # blocks of draws: a cache-sized copy
            work[..., first:first + DRAW_BLOCK] = lanes[..., first:first + DRAW_BLOCK]
        if np.isnan(work.max()):  # a NaN among the draws (max passes it on)
            yield _sorted_percentiles(array, work)
        else:
            yield _selected_percentiles(array, work)


def _selected_percentiles(array: np.ndarray, work: np.ndarray) -> np.ndarray:
    """np.percentile(array, PERCENTILES, axis=0) from ``work``, the draws-last copy of a
    NaN-free ``array``: its order statistics selected one at a time (in place; numpy's
    fast path selects one rank), then numpy's interpolation, operation for operation."""
    n = work.shape[-1]
    virtual = (n - 1) * np.true_divide(PERCENTILES, 100)
    previous, following = np.floor(virtual), np.floor(virtual) + 1
    previous[virtual >= n - 1] = following[virtual >= n - 1] = -1
    previous, following = previous.astype(np.intp), following.astype(np.intp)
    gamma = (virtual - previous).reshape((-1,) + (1,) * (work.ndim - 1))
    found = _order_statistics(work, sorted({int(r) % n for r in (*previous, *following)}))
    below = np.stack([found[int(r) % n] for r in previous])
    above = np.stack([found[int(r) % n] for r in following])
    # a zero's sign depends on where selection leaves equal numbers: with a -0.0 among
    # the draws, numpy's own selection decides
    if ((below == 0).any() or (above == 0).any()) \
            and (work.view(np.int64) == NEGATIVE_ZERO).any():
        return np.percentile(array, PERCENTILES, axis=0)
    difference = above - below
    result = np.add(below, difference * gamma)
    np.subtract(above, difference * (1 - gamma), out=result, where=gamma >= 0.5)
    return result


def _order_statistics(work: np.ndarray, ranks: list[int]) -> dict[int, np.ndarray]:
    """{rank: the rank-th smallest number of each lane of ``work`` (..., n)}, partitioning
    it in place around one rank at a time and splitting the rest between the two sides;
    a rank next to one selected is the largest (smallest) number below (above) it."""
    found: dict[int, np.ndarray] = {}
    pending = [(0, work.shape[-1], ranks)]
    while pending:
        low, high, wanted = pending.pop()
        if not wanted:
            continue
        rank = wanted[len(wanted) // 2]
        work[..., low:high].partition(rank - low, axis=-1)
        found[rank] = work[..., rank].copy()
        left = [r for r in wanted if r < rank]
        right = [r for r in wanted if r > rank]
        if left and left[-1] == rank - 1:
            found[left.pop()] = work[..., low:rank].max(axis=-1)
        if right and right[0] == rank + 1:
            found[right.pop(0)] = work[..., rank + 1:high].min(axis=-1)
        pending += [(low, rank, left), (rank + 1, high, right)]
    return found


def _sorted_percentiles(array: np.ndarray, work: np.ndarray | None = None) -> np.ndarray:
    """p10, p50, p90 of the numbers that are not NaN, by sorting each lane (NaN sort
    last) and interpolating by index (numpy's nanpercentile loops in Python over lanes).
    ``work``: the draws-last copy of ``array`` (sorted in place), or None."""
    if work is None:
        ordered = np.moveaxis(np.sort(array, axis=0), 0, -1)
    else:
        work.sort(axis=-1)
        ordered = work
    valid = (~np.isnan(ordered)).sum(axis=-1)
    result = np.full((len(PERCENTILES), *array.shape[1:]), np.nan)
    for k, q in enumerate(PERCENTILES):
        position = q / 100.0 * np.maximum(valid - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        low = np.take_along_axis(ordered, below[..., None], axis=-1)[..., 0]
        high = np.take_along_axis(ordered, above[..., None], axis=-1)[..., 0]
        result[k] = np.where(valid > 0, low + (high - low) * (position - below), np.nan)
    return result
