"""The draws of a result summed up: p10, p50 and p90 over the draws axis.

numpy's ``np.percentile`` on the draws axis of a (draws, units, months) array partitions a
strided axis and selects all ranks at once, where its fast path selects one; here each
metric is copied once, draws last, into a reused working copy, and its order statistics are
selected one at a time, then interpolated as numpy does, operation for operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

PERCENTILES = (10, 50, 90)
DRAW_BLOCK = 512  # draws copied at a time into a percentile's working copy
NEGATIVE_ZERO = np.float64(-0.0).view(np.int64)
CONSTANT_SHARE = 0.8  # above this share of varying lanes, select in all (no copy)


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
        top = work.max(axis=-1)
        if np.isnan(top).any():  # a NaN among the draws (max passes it on)
            yield _sorted_percentiles(array, work)
        else:
            yield _selected_percentiles(array, work, top != work.min(axis=-1))


def _selected_percentiles(array: np.ndarray, work: np.ndarray,
                          varying: np.ndarray | None = None) -> np.ndarray:
    """np.percentile(array, PERCENTILES, axis=0) from ``work``, the draws-last copy of a
    NaN-free ``array``: its order statistics selected one at a time (in place; numpy's
    fast path selects one rank), then numpy's interpolation, operation for operation.
    ``varying``: per lane, whether its draws differ (a lane of one number has it as every
    order statistic: no selection, where such lanes are many)."""
    n = work.shape[-1]
    virtual = (n - 1) * np.true_divide(PERCENTILES, 100)
    previous, following = np.floor(virtual), np.floor(virtual) + 1
    previous[virtual >= n - 1] = following[virtual >= n - 1] = -1
    previous, following = previous.astype(np.intp), following.astype(np.intp)
    gamma = (virtual - previous).reshape((-1,) + (1,) * (work.ndim - 1))
    ranks = sorted({int(r) % n for r in (*previous, *following)})
    if varying is None or varying.sum() > CONSTANT_SHARE * varying.size:
        found = _order_statistics(work, ranks)
    else:  # the lanes of one number as they are, the others selected in a copy
        some = _order_statistics(work[varying], ranks)
        found = {}
        for rank in ranks:
            found[rank] = work[..., 0].copy()
            found[rank][varying] = some[rank]
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
