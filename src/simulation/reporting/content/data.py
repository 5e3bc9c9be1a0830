"""What a report is computed from: one projection for its regions, kept per draw, and the
files beside the parameters (actuals, fit.json, pendataan aggregates).

This is the only reporting module that reads files. Everything is computed from the
parameters, the report month, the seed and the code: no wall-clock time, so the same
inputs give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ... import defaults
from ...calibration.files import read_fit
from ...engine.inputs import ProjectionRequest
from ...engine.metrics import ScenarioRun
from ...engine.projection import run_scenarios
from ...engine.quantiles import percentiles
from ...engine.summaries import TOTAL_SLUG, annual_budget, payer_budget, tidy
from ...intake.aggregates import latest_aggregates
from ...intake.published import load_claims
from ...intake.state import Observations, observed_state
from ...params import BASELINE, ParamSet, Region, load_params
from ...params.catalogue import Catalogue, load_catalogue
from ...params.national import (
    ProvinceFigures,
    load_province_figures,
    province_level_codes,
)
from ...params.selection import select_regions
from ..words.formatting import shortened
from ..words.texts import text
from .settings import ReportSettings, settings_from

# "pekerja terlindungi": active BPU participants (self-paying or paid by a scheme) plus the
# wage earners a government pays for with the PU package; every output counts them so
PROTECTED = ("active", "wage_earner_members")
TITLE_LIMIT = 300  # characters of a scenario title in charts, tables and slides


@dataclass(frozen=True)
class ReportData:
    """One projection for the regions of a report, kept per draw for cumulative figures."""

    params: ParamSet
    settings: ReportSettings
    regions: tuple[Region, ...]
    request: ProjectionRequest
    runs: dict[str, ScenarioRun]
    table: pd.DataFrame
    budget: pd.DataFrame
    actuals: pd.DataFrame = field(default_factory=pd.DataFrame)  # the store, up to the month
    params_dir: str | None = None  # where fit.json is looked for
    data_dir: str | None = None  # where pendataan aggregates are looked for
    points: pd.DataFrame = field(default_factory=pd.DataFrame)  # published, up to the month
    payers: pd.DataFrame = field(default_factory=pd.DataFrame)  # who pays what, per year
    # the parameters as the tree lists them, where the report's are a selection beyond it:
    # the data files (claims) name the tree's regions
    tree: ParamSet | None = field(default=None, repr=False, compare=False)
    # numbers several outputs of one report ask for (the headline): computed once; a copy
    # made with dataclasses.replace starts empty, as its numbers may differ
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, params: ParamSet, regions: tuple[Region, ...], settings: ReportSettings,
              start: int | None = None, actuals: pd.DataFrame | None = None,
              params_dir: str | None = None, data_dir: str | None = None,
              points: pd.DataFrame | None = None, tidy_table: bool = True) -> ReportData:
        """Project to the horizon from ``start``; by default from the month after the latest
        actuals at or before the report month (nowcasting), else from the first starting
        state. The starting members follow the data known by then (actuals and published
        points), never later data."""
        observed = Observations(pd.DataFrame() if actuals is None else actuals,
                                pd.DataFrame() if points is None else points
                                ).through(settings.month)
        if start is None:
            start = observed.start_month([r.code for r in regions])
        params = observed_state(params, observed, start - 1)
        request = ProjectionRequest(settings.scenarios, regions, start,
                                    settings.horizon_end - start + 1, settings.draws,
                                    settings.seed)
        runs = run_scenarios(params, request)
        table = tidy(runs, request) if tidy_table else pd.DataFrame()  # the explorer's grid
        return cls(params, settings, regions, request, runs, table,
                   annual_budget(runs, request), observed.actuals, params_dir, data_dir,
                   observed.points, payer_budget(runs, request))

    # ------------------------------------------------------------ lookups

    def slot(self, month: int) -> int:
        return month - (self.request.start - 1)

    def unit(self, region: str) -> int:
        slugs = [r.slug for r in self.regions]
        return len(slugs) if region == TOTAL_SLUG else slugs.index(region)

    def _at(self, scenario: str, metric: str | tuple[str, ...], region: str, month: int
            ) -> list[np.ndarray]:
        """Per draw, each metric's value at the end of a month (a tuple: each part)."""
        per_draw = self.runs[scenario].per_draw
        names = (metric,) if isinstance(metric, str) else metric
        return [per_draw[name][:, self.unit(region), self.slot(month)] for name in names]

    def value(self, scenario: str, metric: str | tuple[str, ...], region: str, month: int
              ) -> dict[str, float]:
        """p10/p50/p90 of a metric at the end of a month. Of several metrics (a tuple, such
        as :data:`PROTECTED`), the band of their sum draw by draw around the sum of their
        medians: the total always equals its parts as shown beside it."""
        parts = self._at(scenario, metric, region, month)
        return _centred(sum(parts), sum(_median(part) for part in parts))

    def cumulative(self, scenario: str, metric: str, region: str, first: int, last: int
                   ) -> dict[str, float]:
        """p10/p50/p90 of a monthly flow summed over months first..last, per draw."""
        array = self.runs[scenario].per_draw[metric][:, self.unit(region),
                                                     self.slot(first):self.slot(last) + 1]
        return dict(zip(("p10", "p50", "p90"),
                        percentiles(array.sum(axis=1)[:, None])[:, 0], strict=True))

    def gain(self, scenario: str, metric: str | tuple[str, ...], region: str, month: int,
             against: str = BASELINE) -> dict[str, float]:
        """What a scenario adds to a stock at the end of a month against ``against``: the
        central value is the difference of the two values a reader sees side by side
        (:meth:`value`), the band that of the per-draw differences (the draws share their
        random numbers)."""
        own, base = (self._at(name, metric, region, month) for name in (scenario, against))
        # part by part: a part the scenario leaves alone adds exactly nothing
        return _centred(sum(own) - sum(base), sum(_median(mine) - _median(theirs)
                                                  for mine, theirs in zip(own, base,
                                                                          strict=True)))

    def cumulative_gain(self, scenario: str, metric: str, region: str, first: int, last: int,
                        against: str = BASELINE) -> dict[str, float]:
        """What a scenario adds to a flow over months first..last against ``against``: the
        difference of the two totals' medians, with the band of the per-draw differences."""
        unit, window = self.unit(region), slice(self.slot(first), self.slot(last) + 1)
        own, base = (self.runs[name].per_draw[metric][:, unit, window].sum(axis=1)
                     for name in (scenario, against))
        return _centred(own - base, _median(own) - _median(base))

    def changes_anything(self, scenario: str, region: str) -> bool:
        """Whether a scenario gives this region (or, for the branch, any of its regions)
        other numbers than the policy in force: a scenario for another region's scheme, or
        one whose change never binds here, gives the same draws and is not an option here."""
        if scenario == BASELINE:
            return True
        own, base = self.runs[scenario], self.runs[BASELINE]
        units = (slice(None) if region == TOTAL_SLUG else slice(self.unit(region),
                                                                 self.unit(region) + 1))
        return any(not np.array_equal(own.per_draw[metric][:, units],
                                      base.per_draw[metric][:, units], equal_nan=True)
                   for metric in base.per_draw)

    def shown_scenarios(self, region: str) -> tuple[str, ...]:
        """The scenarios a region's outputs show, in the report's order: those that change
        something there (the policy in force always)."""
        return tuple(n for n in self.settings.scenarios if self.changes_anything(n, region))

    def left_out_scenarios(self, region: str) -> tuple[str, ...]:
        """The report's scenarios that change nothing in the region (a note names them)."""
        return tuple(n for n in self.settings.scenarios if not self.changes_anything(n, region))

    def focused(self, region: str) -> ReportData:
        """The same projection with only the scenarios that change something in ``region``
        (the others named in ``settings.left_out``): what a region's outputs show."""
        shown = self.shown_scenarios(region)
        if shown == self.settings.scenarios:
            return self
        left_out = tuple(n for n in self.settings.scenarios if n not in shown)
        return replace(self, settings=replace(self.settings, scenarios=shown,
                                              left_out=self.settings.left_out + left_out))

    def data_cutoff(self, region_code: str) -> int:
        """The latest observed membership figure in force at the report month."""
        found = self.params.parameter("active_bpu").entry_at(region_code, self.settings.month)
        return found[0].month if found else self.request.start - 1

    def province_level(self, region: str) -> bool:
        """Whether a region's informal workers and BPU counts are filled from the province
        figures (a region outside the tree, :mod:`...params.national`; for the total: any
        of its regions): assumptions, with no monthly data or scheme."""
        codes = ({r.code for r in self.regions} if region == TOTAL_SLUG
                 else {self.params.region(region).code})
        return bool(codes & province_level_codes(self.params))

    def now_is_illustrative(self, region: str) -> bool:
        """Whether the "now" figures rest on the ILLUSTRATIVE monthly series (for the branch:
        on any region's)."""
        known = self.actuals
        if known is None or not len(known) or "kind" not in known:
            return False
        codes = ([r.code for r in self.regions] if region == TOTAL_SLUG
                 else [self.params.region(region).code])
        mine = known[known.region.isin(codes)]
        return bool(len(mine)) and bool((mine.kind == "illustrative").any())

    def scenario_title(self, name: str) -> str:
        """The title as every chart, table and slide shows it: a title too long for a
        legend is cut (drawing one of 100,000 characters takes minutes and gigabytes)."""
        return shortened(self.params.scenarios[name].title(self.settings.lang), TITLE_LIMIT)

    def region_name(self, region: str) -> str:
        """A region's name, or the branch's for the total, in the report's language."""
        if region == TOTAL_SLUG:
            return text("branch_name", self.settings.lang)
        return self.params.region(region).name

    # ------------------------------------------------------------ files (the only reader)

    def listing(self, region: str) -> pd.DataFrame | None:
        """The newest published pendataan aggregates for the region (None if none)."""
        if region == TOTAL_SLUG or not self.data_dir:
            return None
        return latest_aggregates(Path(self.data_dir) / defaults.PENDATAAN_FOLDER, region,
                                 self.settings.month)

    def claims(self) -> pd.DataFrame:
        """Published claims and contributions of the schemes (data/published/claims.yaml)."""
        if not self.data_dir:
            return pd.DataFrame()
        return load_claims(Path(self.data_dir) / defaults.CLAIMS_FILE,
                           self.tree or self.params)

    def province_figures(self) -> tuple[ProvinceFigures, Catalogue]:
        """The province figures and the national table a region outside the tree is filled
        from (params/regions/provinces.yaml, the Kemendagri table)."""
        return load_province_figures(self.params.root), load_catalogue(self.params.root)

    def fit(self) -> dict | None:
        """The calibration fit and back-test (params/calibrated/fit.json), if there is one."""
        return read_fit(Path(self.params_dir) / defaults.FIT_FILE) if self.params_dir else None


def _median(values: np.ndarray) -> float:
    return float(percentiles(values[:, None])[1, 0])


def _centred(values: np.ndarray, central: float) -> dict[str, float]:
    """p10/p90 of ``values`` draw by draw around a central value a reader can work out
    from the numbers shown beside it (a sum of medians, a difference of medians), the band
    widened to hold it."""
    band = percentiles(values[:, None])[:, 0]
    return {"p10": min(band[0], central), "p50": central, "p90": max(band[2], central)}


def load_report_data(params_dir: str, regions: str | None, month: str, scenarios, horizon_months,
                     draws, seed, lang, code_version=None, data_dir=None) -> ReportData:
    """Everything a report shows; monthly actuals are read from DATA_DIR/actuals/."""
    tree = load_params(params_dir)
    settings = settings_from(tree, month, scenarios, horizon_months, draws, seed, lang,
                             code_version)
    observations = Observations.read(data_dir, tree)  # data name the tree's regions
    selected = select_regions(tree, regions, "region")
    chosen = selected.regions
    detailed = {r.code for r in tree.regions}
    # the tree's regions keep the tree as it is (its regions are the branch); a region
    # outside it is filled from the province figures, and its report knows only it
    params = tree if {r.code for r in chosen} <= detailed else selected
    data = ReportData.build(params, chosen, settings, actuals=observations.actuals,
                            params_dir=str(params_dir),
                            data_dir=str(data_dir) if data_dir else None,
                            points=observations.points)
    if params is not tree:
        data = replace(data, tree=tree)
    # a region's report shows only what changes something there; the branch's, everything
    return data.focused(chosen[0].slug) if len(chosen) == 1 else data
