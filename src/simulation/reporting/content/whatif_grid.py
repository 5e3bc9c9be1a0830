"""The offline explorer's grid: what more places paid for would give, computed once from the
report's own projection (its draws, seed and starting state), plus the report's scenarios.

More places are places on top of the policy in force. The members it already pays for keep
their package and payer; so the new places are a group of their own, as an agency's list in
the schemes (``params/schemes/``) is: enrolled when they start, with their own package and
payer, kept at their size to the horizon. (The lurah-list pipeline holds one package and one
payer for a region at a time; giving the new places another package there would move every
member already paid for onto it.) No places added is the policy in force itself, so it shows
exactly the report's numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ...engine.inputs import ReplayedState
from ...engine.metrics import ScenarioRun
from ...engine.projection import replay_history, run_scenario
from ...engine.quantiles import percentiles
from ...engine.summaries import annual_budget, payer_budget
from ...engine.variants import run_variants
from ...params import BASELINE, ParamSet
from ...params.schemes import (
    AGENCY_LIST,
    BPU,
    PU,
    Period,
    Scheme,
    SchemeYear,
    Uncertain,
    payer_and_package,
    scheme_at,
)
from ...params.values import Words
from ..words.texts import text
from .data import PROTECTED, ReportData
from .limits import limit_text
from .payers import government_total
from .whatif import cost_per_protected_worker_year, protected_path

PLACES = (0, 1000, 2500, 5000, 7500, 10_000, 15_000)
START_MONTHS = (0, 3, 6, 9)  # January, April, July, October of the APBD year in focus
PACKAGES = ("bpu_jkk_jkm", "bpu_jht", "pu_jkk_jkm")  # the last: the wage-earner package
ADDED = "jelajah-tempat-tambahan"  # the new places' group, and the projection that adds it
FILLED = 0.99  # below this share of the places filled, the pool of workers limits them
PATH_STEP = 3  # months between the points of the chart's paths


@dataclass(frozen=True)
class Option:
    """What the page shows for one choice, as numbers (the page formats them)."""

    protected: dict[str, float]  # p10/p50/p90 workers protected at the end of the APBD year
    more: float  # p50 of the per-draw gain over the policy in force, same month
    budget_rp: int  # what all governments pay in the APBD year (p50 by payer, summed)
    per_worker_rp: float | None  # cost per additional protected worker-year, to the horizon
    limit: str  # what limits the enrolment it adds, in words ("–": it adds nobody)
    path: tuple[float, ...]  # p50 workers protected at each of Grid.months


@dataclass(frozen=True)
class Grid:
    """Every combination of places, start and package, and the report's own scenarios."""

    region: str
    region_name: str
    apbd_year: int
    draws: int
    places: tuple[int, ...]
    starts: tuple[int, ...]  # month indices
    packages: tuple[str, ...]
    cells: tuple[Option, ...]  # places (outer), then start, then package (inner)
    baseline: Option
    scenarios: tuple[tuple[str, str, Option], ...]  # name, title, numbers
    months: tuple[int, ...]  # the months of each path
    in_force: tuple[str, str] | None  # (payer, package) of the lurah list already paid for
    illustrative: bool

    def cell(self, places: int, start: int, package: str) -> Option:
        k = ((self.places.index(places) * len(self.starts) + self.starts.index(start))
             * len(self.packages) + self.packages.index(package))
        return self.cells[k]


def grid(data: ReportData, region: str) -> Grid:
    """The grid for ``region`` from the report's projection: the policy in force and every
    scenario the report shows there are the report's own runs; each combination with places
    added is projected with the same draws, seed and replayed history (the combinations of
    a package in a few runs stacked along the draws, with the numbers of runs of their
    own)."""
    s = data.settings
    year = s.apbd_year
    starts = tuple(m for m in (year * 12 + k for k in START_MONTHS)
                   if data.request.start <= m <= s.horizon_end)
    months = tuple(range(data.request.start, s.horizon_end + 1, PATH_STEP))
    code = data.params.region(region).code
    first = starts[0] if starts else data.request.start
    in_force = (payer_and_package(data.params.schemes, code, first)
                if scheme_at(data.params.schemes, code, first) else None)
    baseline = option(data, BASELINE, region, months)
    combinations = [(places, start, package) for places in PLACES if places
                    for start in starts for package in PACKAGES]
    added = [added_places(data.params, region, start, places, package)
             for places, start, package in combinations]
    found = {}
    for k, variant in _Runner(data).each_with(added):
        found[combinations[k]] = option(variant, ADDED, region, months, added=added[k])
        del variant  # so that a stacked run goes as its last variant is done
    # nothing added: the policy in force, as the report has it
    cells = [found[(places, start, package)] if places else baseline
             for places in PLACES for start in starts for package in PACKAGES]
    shown = tuple((name, data.scenario_title(name), option(data, name, region, months))
                  for name in data.shown_scenarios(region) if name != BASELINE)
    return Grid(region, data.region_name(region), year, data.request.draws, PLACES, starts,
                PACKAGES, tuple(cells), baseline, shown, months, in_force,
                data.now_is_illustrative(region))


def option(data: ReportData, scenario: str, region: str, months: tuple[int, ...],
           added: Scheme | None = None) -> Option:
    """One choice's numbers: a scenario of ``data`` against its policy in force."""
    s, lang = data.settings, data.settings.lang
    end = min(s.apbd_year * 12 + 11, s.horizon_end)
    if added is not None:
        limit = _added_limit(data, scenario, added, end, lang)
    elif scenario == BASELINE:
        limit = "–"
    else:
        budget = data.budget[(data.budget.scenario == scenario) & (data.budget.region == region)
                             & (data.budget.year == s.apbd_year)]
        limit = limit_text(budget.iloc[0], lang) if len(budget) else "–"
    return Option(
        protected=data.value(scenario, PROTECTED, region, end),
        more=data.gain(scenario, PROTECTED, region, end)["p50"],
        budget_rp=government_total(data, region, scenario, s.apbd_year),
        per_worker_rp=(None if scenario == BASELINE
                       else cost_per_protected_worker_year(data, scenario, region)),
        limit=limit,
        path=tuple(protected_path(data, scenario, region, months)))


def added_places(params: ParamSet, region: str, start: int, places: int, package: str
                 ) -> Scheme:
    """``places`` more members paid for on ``package`` from ``start`` to the horizon, as a
    group of their own (an agency's list): paid by whoever pays the region's lurah-list
    subsidy then (the local government where none runs); wage earners on the PU package."""
    code = params.region(region).code
    payer, _ = payer_and_package(params.schemes, code, start, params.terms)
    group = PU if package == "pu_jkk_jkm" else BPU
    year = start // 12

    def known(value: int) -> Uncertain:
        return Uncertain(value, value, value)

    def paid(first: int, last: int) -> Period:
        return Period(known(first), known(last), known(places))

    source = Words("tempat tambahan di penjelajah skenario", "places added in the explorer")
    years = [SchemeYear(year, (paid(start, year * 12 + 11),), None, 0, known(0), "assumption",
                        source)]
    if start % 12:  # a part year first; from the next year on, every month
        years.append(SchemeYear(year + 1, (paid(year * 12 + 12, year * 12 + 23),), None, 0,
                                known(0), "assumption", source))
    return Scheme(ADDED, text("explorer_added_group", "id"), text("explorer_added_group", "en"),
                  code, payer, group, package, (), None, "assumption", (), None, "low", None,
                  "explorer", tuple(years), continues=True, enrolment=AGENCY_LIST,
                  relists=False)


def with_added_places(data: ReportData, region: str, start: int, places: int, package: str
                      ) -> ReportData:
    """``data`` holding the policy in force (:data:`~simulation.params.BASELINE`) and
    :data:`ADDED`, the policy in force with ``places`` more from ``start`` on ``package``,
    projected with the report's draws, seed and history."""
    return _Runner(data).with_places(added_places(data.params, region, start, places, package))


class _Runner:
    """Projects the policy in force with one more group, from the report's request and the
    history it replayed (replayed once per kind of group: the new group has nobody before
    the projection starts, so the history is the report's)."""

    def __init__(self, data: ReportData):
        self.data = data
        self.request = replace(data.request, scenarios=(BASELINE,))
        self.replayed: dict[str, ReplayedState | None] = {}

    def with_places(self, added: Scheme) -> ReportData:
        """The projection with ``added``, on its own (the reference :meth:`each_with`
        keeps to)."""
        run = run_scenario(self._params(added), BASELINE, self.request, self._replayed(added),
                           len(self.request.regions) > 1, label=ADDED)
        return self._holding(run)

    def each_with(self, added: list[Scheme]) -> Iterator[tuple[int, ReportData]]:
        """(index in ``added``, the projection :meth:`with_places` gives with it, but for
        the budget table) for each of ``added``, kind by kind (payer and package: the
        schemes of a kind differ in their months and size alone, and run stacked along the
        draws; see :func:`~simulation.engine.variants.run_variants`). Each is made when
        taken."""
        kinds: dict[Scheme, list[int]] = {}
        for k, scheme in enumerate(added):
            kinds.setdefault(replace(scheme, years=()), []).append(k)
        for kind in kinds.values():
            first = added[kind[0]]
            runs = run_variants(self.data.params, BASELINE, self.request,
                                self._replayed(first), len(self.request.regions) > 1,
                                [added[k] for k in kind], label=ADDED)
            for k in kind:  # nothing kept here: a stacked run goes with its last variant
                yield k, self._holding(next(runs), with_budget=False)

    def _params(self, added: Scheme) -> ParamSet:
        return replace(self.data.params, schemes=(*self.data.params.schemes, added))

    def _replayed(self, added: Scheme) -> ReplayedState | None:
        """The history, replayed once per group (the new places pay nobody before the
        projection starts, whatever their months and size)."""
        if added.group not in self.replayed:
            self.replayed[added.group] = replay_history(self._params(added), self.request)
        return self.replayed[added.group]

    def _holding(self, run: ScenarioRun, with_budget: bool = True) -> ReportData:
        """The report's data holding the policy in force and ``run``; its budget and payer
        tables empty unless ``with_budget`` (:func:`option` of an added group reads its
        limit from the group's members and what governments pay from the run, not those
        tables, which take about as long as the runs)."""
        data, request = self.data, self.request
        if with_budget:
            budget = annual_budget({ADDED: run}, request)
            payers = payer_budget({ADDED: run}, request)
        else:
            budget, payers = data.budget[:0], data.payers[:0]
        return replace(data, runs={BASELINE: data.runs[BASELINE], ADDED: run},
                       settings=replace(data.settings, scenarios=(BASELINE, ADDED)),
                       budget=budget, payers=payers)


def _added_limit(data: ReportData, scenario: str, added: Scheme, month: int,
                 lang: str) -> str:
    """The places themselves, unless the informal workers not yet protected run out first."""
    members = data.runs[scenario].scheme_members[added.name][:, data.slot(month)]
    filled = percentiles(members[:, None])[1, 0] / added.members_at(month)
    return text("explorer_limit_places" if filled >= FILLED else "explorer_limit_pool", lang)

