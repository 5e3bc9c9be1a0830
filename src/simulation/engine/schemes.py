"""The schemes the engine follows one by one - BPU schemes enrolling from an agency's list
and every wage-earner scheme - as arrays for one projection.

Each scheme pays for a number of members in its paid periods. Where the file gives a range
(our own assumption), each draw takes its own size and months from a stream seeded by the
seed, the scheme and the year; a year the file does not give (a scheme that continues) takes
the draws of its last year, so a scheme kept at its latest size stays one size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import ParamSet
from ..params.schemes import BPU, PU, Scheme, SchemeYear, agency_schemes
from .money import member_cost
from .sampling import draw_range, uniforms


@dataclass(frozen=True)
class SchemeArrays:
    """Agency-list schemes of one group in the regions of a projection."""

    schemes: tuple[Scheme, ...]
    unit: np.ndarray  # (S,) the unit each scheme belongs to
    members: np.ndarray  # (D|1, S, months + 1) members paid for; slot 0: the month before
    cost: np.ndarray  # (S, months) Rupiah per member-month, with the reliefs of its payer

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.schemes)

    @property
    def payers(self) -> tuple[str, ...]:
        return tuple(s.payer for s in self.schemes)


def scheme_arrays(params: ParamSet, codes: tuple[str, ...], months: tuple[int, ...],
                  draws: int, seed: int, group: str = BPU,
                  observed: np.ndarray | None = None, window: slice | None = None
                  ) -> SchemeArrays:
    """The members each scheme pays for per draw in the month before the first and in every
    projected month, and their cost. Schemes a scenario lifts (the counterfactual) keep their
    members of the month before - history - and pay for none after. ``observed``: (units,)
    the members the data count on the region's agency lists in the month before (NaN: not
    counted); where given, the lists paying then keep that size to the end of their period
    and in the years that hold it on (see :func:`_follow_the_data`)."""
    in_force = {s.name for s in params.schemes}
    schemes = agency_schemes(params.schemes + params.lifted_schemes, codes, group)
    slots = (months[0] - 1, *months)
    size = len(range(draws)[window]) if window is not None else draws
    members = np.zeros((size, len(schemes), len(slots)))
    cost = np.zeros((len(schemes), len(months)))
    for k, scheme in enumerate(schemes):
        members[:, k, :] = scheme_members(scheme, slots, draws, seed, window)
        if scheme.name not in in_force:  # lifted: history only
            members[:, k, 1:] = 0.0
        cost[k] = member_cost(params, scheme.region_code, range(months[0], months[-1] + 1),
                              scheme.payer, scheme.package, scheme.sector)
    if observed is not None:
        _follow_the_data(members, schemes, codes, slots, observed)
    if size > 1 and not any(y.is_uncertain() for s in schemes for y in s.years):
        members = members[:1]  # every draw the same
    unit = np.array([codes.index(s.region_code) for s in schemes], dtype=int)
    return SchemeArrays(schemes, unit, members, cost)


def _follow_the_data(members: np.ndarray, schemes: tuple[Scheme, ...], codes: tuple[str, ...],
                     slots: tuple[int, ...], observed: np.ndarray) -> None:
    """Bring each region's agency lists that pay in the month before the first (slot 0),
    draw by draw, to the members the data count then: for the rest of that paid period (an
    SK list keeps its size within a period) and for the years that hold that size on (a
    scheme kept at its latest size, which the data now tell). The difference goes to the
    lists in proportion to how uncertain their size is (the width of its range): a size
    that was published hardly moves. Where the count and a draw's lists differ by more than
    half, the draw's months, not its sizes, disagree with the data: it is left as drawn."""
    month = np.asarray(slots[1:])
    for unit, value in enumerate(np.asarray(observed, float)):
        mine = [k for k, s in enumerate(schemes) if s.region_code == codes[unit]]
        if np.isnan(value) or not mine:
            continue
        before = members[:, mine, 0]  # (draws, schemes) paid for in the month before
        total = before.sum(axis=1)
        agrees = (total > 0) & (value >= 0.5 * total) & (value <= 2.0 * total)
        width = np.array([_size_width(schemes[k], slots[0]) for k in mine])
        weight = (before > 0) * (width if width.any() else 1.0)  # only lists paying then
        share = weight / np.maximum(weight.sum(axis=1, keepdims=True), 1e-9)
        after = np.maximum(before + share * (value - total)[:, None], 0.0)
        ratio = np.where(agrees[:, None] & (before > 0), after / np.maximum(before, 1e-9), 1.0)
        for j, k in enumerate(mine):
            # the months of the current period: paid without a break since the month before
            current = np.cumprod(members[:, k, 1:] > 0, axis=1).astype(bool)
            held = np.array([m // 12 > slots[0] // 12
                             and (found := schemes[k].year(m // 12)) is not None
                             and found.continued for m in month])
            members[:, k, 0] *= ratio[:, j]
            members[:, k, 1:] *= np.where(current | held[None, :], ratio[:, j:j + 1], 1.0)


def _size_width(scheme: Scheme, month: int) -> float:
    """How uncertain a list's size is in a month: the width of the range of the period
    paying then (0 for a published size, or outside its periods)."""
    year = scheme.year(month // 12)
    if year is None:
        return 0.0
    return next((p.quota.high - p.quota.low for p in year.periods if p.pays_in(month)), 0.0)


def scheme_members(scheme: Scheme, months: tuple[int, ...], draws: int, seed: int,
                   window: slice | None = None) -> np.ndarray:
    """(draws, months) members the scheme pays for: each draw's size in each draw's paid
    months (central values where the file gives one number); ``window``: those draws only."""
    out = np.zeros((len(range(draws)[window]) if window is not None else draws, len(months)))
    month_array = np.asarray(months)
    for year in sorted({m // 12 for m in months}):
        found = scheme.year(year)
        if found is None:
            continue
        # the year's months (adding 0 elsewhere changes no sum that starts at +0)
        columns = np.flatnonzero(month_array // 12 == year)
        if columns[-1] - columns[0] == len(columns) - 1:  # consecutive months: a view
            columns = slice(columns[0], columns[-1] + 1)
        drawn = _drawn_year(scheme, found, draws, seed, window)
        for start, end, quota in drawn:
            month = month_array[None, columns]
            paid = (month >= start[:, None]) & (month <= end[:, None])
            out[:, columns] += np.where(paid, quota[:, None], 0.0)
    return out


def _drawn_year(scheme: Scheme, year: SchemeYear, draws: int, seed: int,
                window: slice | None = None) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(start, end, quota) per period, each (draws,), months rounded to whole months. A
    continued year takes the draws of the last year the file gives, shifted to its year."""
    given = year if not year.continued else scheme.years[-1]
    shift = 12 * (year.year - given.year)
    out = []

    def drawn(key: str, value) -> np.ndarray:  # a chunk of one draw of many is no central path
        return draw_range(value, uniforms(key, seed, draws, window), central=draws == 1)

    for k, period in enumerate(given.periods):
        key = f"scheme:{scheme.name}:{given.year}:{k}"
        start = np.rint(drawn(key + ":start", period.start)) + shift
        end = np.rint(drawn(key + ":end", period.end)) + shift
        quota = drawn(key + ":quota", period.quota)
        out.append((start, np.maximum(end, start), quota))
    return out


def wage_earner_arrays(params: ParamSet, codes: tuple[str, ...], months: tuple[int, ...],
                       draws: int, seed: int, window: slice | None = None) -> SchemeArrays:
    """The wage-earner (PU) schemes: members outside the informal pool, as many as paid."""
    return scheme_arrays(params, codes, months, draws, seed, PU, window=window)
