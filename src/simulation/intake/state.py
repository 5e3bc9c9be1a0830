"""The state a projection starts from: what the data say at the month before it.

Monthly actuals give each region's self-paying and subsidised members; published scheme
counts (one region, a scheme's members) give the subsidised where they are newer or the
actuals are silent. Published points win over actuals of the same month: a printed figure
beats an illustrative series. Nothing after ``through`` is used, so a replay from an early
month takes nothing from later data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, parse_month
from ..params import DatedEntry, ParamSet, ValueRange
from .published import load_points
from .store import load_store, lurah_list_members, with_observed_state

SCHEME_MEASURES = ("scheme_bpu", "scheme_all")


def with_published_state(params: ParamSet, points: pd.DataFrame) -> ParamSet:
    """Params whose starting lurah-list members follow the published scheme counts of one
    region (less what the other schemes the count covers pay for then)."""
    rows = points[points.measure.isin(SCHEME_MEASURES)
                  & (points.regions.map(len) == 1)] if len(points) else points
    if not len(rows):
        return params
    entries = []
    for row in rows.itertuples():
        code = row.regions[0]
        value = lurah_list_members(params, code, int(row.month), float(row.value),
                                   row.measure, tuple(row.schemes or ()))
        if value is None:
            continue
        entries.append(DatedEntry(int(row.month), {code: ValueRange(value, value, value)},
                                  "published"))
    parameters = dict(params.parameters)
    parameters["subsidised_bpu"] = parameters["subsidised_bpu"].overlaid(tuple(entries))
    return replace(params, parameters=parameters)


@dataclass(frozen=True)
class Observations:
    """What a data folder holds about membership: monthly actuals and published points."""

    actuals: pd.DataFrame
    points: pd.DataFrame

    @classmethod
    def read(cls, data_dir: str | Path | None, params: ParamSet) -> Observations:
        if not data_dir:
            return cls(pd.DataFrame(), pd.DataFrame())
        folder = Path(data_dir)
        if not folder.is_dir():  # never fall back to the 2019 figures unasked
            raise InputError(Problem("--data", "", str(data_dir),
                                     "an existing data folder (with actuals/actuals.csv; "
                                     "`jamsos init DIR` writes one)"))
        return cls(load_store(folder / defaults.ACTUALS_FILE),
                   load_points(folder / defaults.POINTS_FILE, params))

    def latest_month(self, region_codes: tuple[str, ...] | list[str]) -> int | None:
        """The latest month the actuals cover for every one of the regions (None: never)."""
        if not len(self.actuals):
            return None
        latest = []
        for code in region_codes:
            months = self.actuals.month[self.actuals.region == code]
            if not len(months):
                return None
            latest.append(parse_month(months.max()))
        return min(latest)

    def start_month(self, region_codes: tuple[str, ...] | list[str]) -> int:
        """Where a projection starts by default: the month after the latest actuals of the
        regions (of those the data count, or of the data as a whole when they count none of
        them: a run outside the tree starts where the branch's does), else the first month
        with a starting state."""
        latest = self.latest_month(region_codes)
        if latest is None and len(self.actuals):  # regions the data never count (outside
            counted = [c for c in region_codes if (self.actuals.region == c).any()]  # the
            latest = self.latest_month(counted or sorted(set(self.actuals.region)))  # tree)
        return parse_month(defaults.PROJECTION_START) if latest is None else latest + 1

    def through(self, month: int) -> Observations:
        """Only what was known by the end of ``month``."""
        actuals = (self.actuals[self.actuals.month <= format_month(month)]
                   if len(self.actuals) else self.actuals)
        points = self.points[self.points.month <= month] if len(self.points) else self.points
        return Observations(actuals, points)


def observed_state(params: ParamSet, observations: Observations, through: int) -> ParamSet:
    """Params whose starting members follow the data up to month ``through``."""
    known = observations.through(through)
    if len(known.actuals):
        params = with_observed_state(params, known.actuals)
    if len(known.points):
        params = with_published_state(params, known.points)
    return params
