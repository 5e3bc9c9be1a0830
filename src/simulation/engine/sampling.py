"""Drawing uncertain parameters onto (draws, units, months) grids.

Each parameter with a range gets one uniform number per draw (from a stream seeded by the
seed and the parameter's name, so adding a parameter or a scenario never changes the draws
of another), mapped through a triangular distribution (low, central, high) of every region
and month. The branch's own regions share that stream (their numbers stay what they always
were); a region filled from the province figures draws from a stream of its own, seeded by
the seed, the parameter's name and its Kemendagri code, so its numbers are the same in a
run of one region, of its province or of all, in any chunk on any worker. ``draws=1``
gives the central path. Scenarios share the draws of the baseline (common random numbers),
so differences against the baseline are not noise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..params import ParamSet
from ..params.national import province_level_codes


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
        u = self._uniforms(name)
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

    @cached_property
    def _own_streams(self) -> tuple[str | None, ...]:
        """Per unit, the code whose stream it draws from: None for the branch's regions
        (the parameter's shared stream), the code for a region on province figures."""
        filled = province_level_codes(self.params)
        return tuple(code if code in filled else None for code in self.region_codes)

    def _uniforms(self, name: str) -> np.ndarray:
        """(draws, 1 or units, 1) uniform numbers of a parameter: one column for all when
        every region shares the parameter's stream, else a column per region."""
        own = self._own_streams
        if not any(own):
            return uniforms(name, self.seed, self.draws, self.window)[:, None, None]
        # the shared stream only where a region of the branch reads it
        shared = uniforms(name, self.seed, self.draws, self.window) if None in own else None
        return np.stack([shared if code is None else
                         uniforms(f"{name}@{code}", self.seed, self.draws, self.window)
                         for code in own], axis=1)[:, :, None]

    def start_value(self, name: str, start: int) -> np.ndarray:
        """(draws or 1, units) value in force at the start month."""
        return self.grid(name, (start,))[:, :, 0]
