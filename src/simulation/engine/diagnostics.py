"""What a run shows about a scenario that its file alone does not: a subsidy list that
grows faster than places open, so that verified workers wait for years."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..months import format_month
from .inputs import ProjectionRequest
from .metrics import ScenarioRun


@dataclass(frozen=True)
class StuckPipeline:
    scenario: str
    region: str  # slug
    month: str  # the last projected month, YYYY-MM
    waiting: int  # verified workers still without a place then (central path)
    places: int  # subsidised members then
    growth_per_year: int  # how much the waiting list grew in its last 12 months

    def __str__(self) -> str:
        return (f"scenario {self.scenario}, {self.region}: about {self.waiting:,} verified "
                f"workers still wait for a place in {self.month} ({self.places:,} places; the "
                f"list grows by about {self.growth_per_year:,} a year) - list fewer, or raise "
                f"the quota or the budget")


def stuck_pipelines(runs: dict[str, ScenarioRun], request: ProjectionRequest,
                    share: float = 0.25, at_least: int = 500) -> list[StuckPipeline]:
    """Scenarios and regions whose verified waiting list at the horizon is at least
    ``at_least`` people and ``share`` of the places, and still growing (median draw)."""
    return [found for name, run in runs.items() for found in stuck_in(
        name, np.median(run.per_draw["verified_waiting"], axis=0),
        np.median(run.per_draw["active_lurah_list"], axis=0), request, share, at_least)]


def stuck_in(name: str, waiting: np.ndarray, places: np.ndarray, request: ProjectionRequest,
             share: float = 0.25, at_least: int = 500) -> list[StuckPipeline]:
    """:func:`stuck_pipelines` of one scenario, from the medians over draws (units, slots)
    of the verified waiting and the lurah-list members."""
    found = []
    last = request.start + request.months - 1
    back = min(12, request.months)
    for i, region in enumerate(request.regions):
        end, before = waiting[i, -1], waiting[i, -1 - back]
        if end >= at_least and end >= share * max(places[i, -1], 1) and end > before:
            found.append(StuckPipeline(name, region.slug, format_month(last),
                                       int(round(end)), int(round(places[i, -1])),
                                       int(round((end - before) * 12 / back))))
    return found
