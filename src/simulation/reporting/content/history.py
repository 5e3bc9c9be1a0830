"""What really happened and what the model rests on: the schemes in force, the published
counts, the schemes' claims, what the schemes achieved, and how much word of mouth from
subsidised members matters."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ... import defaults
from ...calibration.hindcast import model_draws
from ...engine.inputs import ProjectionRequest
from ...engine.metrics import ScenarioRun
from ...engine.projection import run_scenarios
from ...engine.summaries import TOTAL_SLUG
from ...intake.state import Observations, observed_state
from ...months import format_month, parse_month
from ...params import BASELINE, DatedEntry, ParamSet, ValueRange
from ...params.schemes import Period, Uncertain
from ..words.formatting import compact_rupiah, date_text, month_name, number, rupiah
from ..words.texts import text
from .data import ReportData

COUNTERFACTUAL = "tanpa-skema-daerah"
WEIGHT = "subsidised_imitation_weight"


def _codes(data: ReportData, region: str) -> set[str]:
    if region == TOTAL_SLUG:
        return {r.code for r in data.regions}
    return {data.params.region(region).code}


def schemes_table(data: ReportData, region: str) -> pd.DataFrame:
    """Every scheme in force in the region, year by year: payer, package, the months it
    pays, the members it pays for and its budget (our ranges where the figures are ours),
    with the kind and source of each year's figures; empty when no scheme is known there."""
    lang, codes = data.settings.lang, _codes(data, region)
    rows = []
    for scheme in data.params.schemes:
        if scheme.region_code not in codes:
            continue
        for year in scheme.years:
            rows.append({
                text("scheme", lang): scheme.title(lang),
                text("payer", lang): text(f"payer_{scheme.payer}", lang),
                text("package", lang): text(f"package_{scheme.package}", lang),
                text("year", lang): year.year,
                text("paid_months", lang): "; ".join(_period_text(p, lang)
                                                     for p in year.periods),
                text("members_paid", lang): "; ".join(_count_text(p.quota, lang)
                                                      for p in year.periods),
                text("budget", lang): (
                    _count_text(year.budget, lang, rupiah) if year.budget is not None
                    # an agency list's budget is what it pays, not a cap: none published
                    else text("budget_not_published" if scheme.by_agency_list else "no_cap",
                              lang)),
                text("kind", lang): text(f"kind_{year.kind}", lang),
                text("source", lang): year.source.in_(lang),
            })
    return pd.DataFrame(rows)


def _count_text(value: Uncertain, lang: str, say=number) -> str:
    """'12.905', or our range '12.905 (0–16.800)'."""
    if not value.is_range:
        return say(value.central, lang)
    return f"{say(value.central, lang)} ({say(value.low, lang)}–{say(value.high, lang)})"


def _period_text(period: Period, lang: str) -> str:
    """'Maret–Desember', 'Maret (Januari–Mei)–Desember' where the start is our range."""
    def month(value: Uncertain) -> str:
        name = month_name(int(value.central), lang).split()[0]
        if not value.is_range:
            return name
        low, high = (month_name(int(v), lang).split()[0] for v in (value.low, value.high))
        return f"{name} ({low}–{high})"
    if period.start.central == period.end.central and not period.start.is_range:
        return month(period.start)
    return f"{month(period.start)}–{month(period.end)}"


def points_table(data: ReportData, region: str) -> pd.DataFrame:
    """The published counts about the region (or any of the branch's), with their sources."""
    lang, codes = data.settings.lang, _codes(data, region)
    names = {r.code: r.name for r in data.params.regions}
    rows = []
    for point in data.points.itertuples():
        if not codes & set(point.regions):
            continue
        area = (text("branch_name", lang) if len(point.regions) == len(data.params.regions)
                else ", ".join(names[c] for c in point.regions))
        about = text("about", lang) + " " if point.approximate else ""
        rows.append({text("date", lang): date_text(point.date, lang), text("region", lang): area,
                     text("measure", lang): text(f"measure_{point.measure}", lang),
                     text("value", lang): about + number(point.value, lang),
                     text("source", lang): getattr(point, f"source_{lang}")})
    return pd.DataFrame(rows)


def claims_table(data: ReportData, region: str) -> pd.DataFrame:
    """The schemes' published claims against what was paid in (Kota Madiun)."""
    lang, codes = data.settings.lang, _codes(data, region)
    claims = data.claims()
    if not len(claims):
        return pd.DataFrame()
    rows = []
    for claim in claims[claims.region.isin(codes)].itertuples():
        value = (compact_rupiah(claim.value, lang) if claim.measure.endswith("_rp")
                 else number(claim.value, lang))
        about = text("about", lang) + " " if claim.approximate else ""
        rows.append({text("period", lang): claim.period_en if lang == "en" else claim.period_id,
                     text("measure", lang): text(f"measure_{claim.measure}", lang),
                     text("value", lang): about + value,
                     text("source", lang): getattr(claim, f"source_{lang}")})
    return pd.DataFrame(rows)


def published_points(data: ReportData, region: str, measures: tuple[str, ...]
                     ) -> pd.DataFrame:
    """Points about exactly the region (or, for the branch, all its regions) of a measure."""
    wanted = _codes(data, region)
    points = data.points
    if not len(points):
        return points
    return points[points.measure.isin(measures)
                  & points.regions.map(lambda r: set(r) == wanted)]


def replays(data: ReportData, region: str) -> dict[str, ScenarioRun] | None:
    """The policy in force and the counterfactual replayed from 2020 to the report month,
    from the data known at the end of 2019 (central values), as runs by scenario; None
    where no scheme runs. A report computes it once for what it shows."""
    codes = _codes(data, region)
    start = parse_month(defaults.PROJECTION_START)
    if (not any(s.region_code in codes for s in data.params.schemes)
            or COUNTERFACTUAL not in data.params.scenarios or data.settings.month < start):
        return None  # nothing to replay: no scheme here, or a report from before 2020
    regions = tuple(r for r in data.regions if r.code in codes)
    state = observed_state(_base_params(data), Observations(data.actuals, data.points),
                           start - 1)
    request = ProjectionRequest((BASELINE, COUNTERFACTUAL), regions, start,
                                data.settings.month - start + 1, 1, data.settings.seed)
    return run_scenarios(state, request)


def _summed(run: ScenarioRun, metric: str) -> np.ndarray:
    """A metric of the central path by month, summed over the regions (not their total)."""
    array = run.per_draw[metric][0]
    return array.sum(axis=0) if array.shape[0] == 1 else array[:-1].sum(axis=0)


def scheme_replay(data: ReportData, region: str, replayed: dict | None = None
                  ) -> pd.DataFrame | None:
    """Month by month since 2020, the replay's BPU members paid by a scheme and its
    wage-earner members (the region, or the branch summed)."""
    replayed = replays(data, region) if replayed is None else replayed
    if replayed is None:
        return None
    base = replayed[BASELINE]
    bpu = _summed(base, "active_subsidised")
    start = parse_month(defaults.PROJECTION_START) - 1
    return pd.DataFrame({"month": range(start, start + len(bpu)), "bpu": bpu,
                         "wage_earners": _summed(base, "wage_earner_members")})


def replayed_points(data: ReportData, region: str, replayed: dict | None = None
                    ) -> pd.DataFrame:
    """Each published scheme count of the region in the replay's months, beside the
    replay's value for the same count (the schemes it names, or all of the region's): the
    hindcast, point by point."""
    replayed = replays(data, region) if replayed is None else replayed
    points = published_points(data, region, ("scheme_bpu", "scheme_pu", "scheme_all"))
    if replayed is None or not len(points):
        return pd.DataFrame(columns=["month", "measure", "published", "replayed"])
    start = parse_month(defaults.PROJECTION_START) - 1
    codes = _codes(data, region)
    index = {r.code: k for k, r in enumerate(r for r in data.regions if r.code in codes)}
    rows = []
    for point in points.itertuples():
        slot = int(point.month) - start
        if 0 < slot < replayed[BASELINE].per_draw["active"].shape[2]:
            value = float(model_draws(replayed[BASELINE], point, index, slot)[0])
            rows.append({"month": int(point.month), "measure": point.measure,
                         "published": int(point.value), "replayed": value})
    return pd.DataFrame(rows, columns=["month", "measure", "published", "replayed"])


def achieved(data: ReportData, region: str, replayed: dict | None = None) -> dict | None:
    """What the schemes achieved by the report month: people covered (BPU and wage earners)
    in the replay of the policy in force against the replay without them."""
    replayed = replays(data, region) if replayed is None else replayed
    if replayed is None:
        return None

    def covered(name: str) -> int:
        return round(float(_summed(replayed[name], "active")[-1]
                           + _summed(replayed[name], "wage_earner_members")[-1]))

    with_schemes, without = covered(BASELINE), covered(COUNTERFACTUAL)
    return {"month": format_month(data.settings.month), "with": with_schemes,
            "without": without, "difference": with_schemes - without}


def _base_params(data: ReportData) -> ParamSet:
    """The report's parameters without the observed starting members laid over them."""
    parameters = dict(data.params.parameters)
    for name in ("active_bpu", "subsidised_bpu"):
        parameter = parameters[name]
        parameters[name] = replace(parameter, entries=tuple(
            e for e in parameter.entries if e.origin not in ("actuals", "published")))
    return replace(data.params, parameters=parameters)


def word_of_mouth_sensitivity(data: ReportData, region: str) -> pd.DataFrame:
    """Additional active members at the horizon, per scenario, with subsidised members'
    word-of-mouth weight fixed at the low and the high end of its range, beside the main
    table's own figure (the weight drawn over its range): the same draws and seed, so the
    middle column is the number section 5 shows."""
    lang, s = data.settings.lang, data.settings
    value = data.params.parameter(WEIGHT).at(data.regions[0].code, s.month)
    ends = {}
    for weight in sorted({value.low, value.high}):
        runs = run_scenarios(_with_weight(data.params, weight), data.request)
        ends[weight] = replace(data, runs=runs)
    rows = []
    for name in s.scenarios:
        if name == BASELINE:
            continue
        row = {text("scenario", lang): data.scenario_title(name)}
        columns = [(weight, ends[weight]) for weight in sorted(ends)]
        columns.insert(1, (None, data))
        for weight, source in columns:
            label = (text("weight_column", lang, weight=number(weight, lang, 1))
                     if weight is not None else text("weight_main", lang,
                                                     low=number(value.low, lang, 1),
                                                     high=number(value.high, lang, 1)))
            row[label] = number(source.gain(name, "active", region, s.horizon_end)["p50"],
                                lang)
        rows.append(row)
    return pd.DataFrame(rows)


def _with_weight(params: ParamSet, weight: float) -> ParamSet:
    parameter = params.parameter(WEIGHT)
    entry = DatedEntry(parameter.entries[0].month,
                       {"default": ValueRange(weight, weight, weight)})
    return replace(params, parameters={**params.parameters,
                                       WEIGHT: replace(parameter, entries=(entry,))})


