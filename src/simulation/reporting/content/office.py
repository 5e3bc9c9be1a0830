"""What the office formats lay out, as plain rows and series: the workbook's sheets (budget
per scenario, payer and year; the monthly projection; the listing funnel; the caveats) and
the PowerPoint deck's native charts.

Every number here comes from the report's own content (:func:`.headline.headline`,
:mod:`.payers`, :func:`.sections.funnel`, :func:`.provenance.provenance_table`), taken the
same way, so a label carries the same number in the workbook, the deck and the report.
Chart labels are written as text, rounded the way the PDF deck speaks ("3,0 ribu",
"Rp 1,6 miliar"): a chart's number format is read in the viewer's locale, where
"Rp 1,600 juta" reads as 1,6 juta to an Indonesian reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...engine.summaries import TOTAL_SLUG
from ...months import parse_month, year_of
from ...params import BASELINE
from ..words.formatting import compact, compact_rupiah, month_name
from ..words.texts import text
from . import payers, province
from .data import ReportData
from .limits import limit_text
from .provenance import provenance_table
from .sections import POINT_KEYS, funnel
from .slides import cost_words, options_words, standing_series

# ------------------------------------------------------------------ the deck's charts

SCALES = 4  # thousand, million, billion, trillion


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: its legend name, the scenario whose palette colour it takes
    (None for what was observed), a value per category (None: no point) and the text of
    each point's data label ("" for none)."""

    name: str
    scenario: str | None
    values: tuple[float | None, ...]
    labels: tuple[str, ...]
    markers_only: bool = False  # dated points, not a line (the sourced starting figures)


@dataclass(frozen=True)
class ChartContent:
    """A chart's categories and series, and its value axis: values shown divided by
    ``1000 ** scale`` (so a tick never needs a thousands separator, which a viewer's
    locale would read its own way), with the unit in ``axis_title``. ``empty`` says in
    words why a slide has no chart (no series, or no category)."""

    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    scale: int
    axis_title: str
    empty: str | None = None


def axis_scale(values, money: bool = False) -> int:
    """The power of 1,000 the value axis is shown in: the largest that leaves the top value
    at 10 or more (whole-number ticks without a separator: 1600 juta, 30 miliar)."""
    top = max((abs(v) for v in values if v is not None and v == v), default=0)
    scale = 0
    while scale < SCALES and top / 1000 ** (scale + 1) >= 10:
        scale += 1
    return scale if money else min(scale, 2)


def unit_text(scale: int, money: bool, lang: str) -> str:
    """The axis title: 'orang', 'ribu orang', 'Rp juta', 'Rp miliar' (en: 'Rp billion')."""
    return text(f"ppt_unit_{'rp' if money else 'people'}_{scale}", lang)


def _nothing(words: str, money: bool, lang: str) -> ChartContent:
    return ChartContent((), (), 0, unit_text(0, money, lang), words)


def standing_chart(data: ReportData, region: str, h: dict) -> ChartContent:
    """Slide 2: active members month by month under the policy in force (p50), and what
    was observed; the report month's point carries the slide's big number, the horizon's
    the policy in force's figure there."""
    lang = data.settings.lang
    drawn = standing_series(data, region)  # what the PDF deck's slide 2 draws
    projected = dict(zip(drawn["months"], drawn["projected"], strict=True))
    if not projected:
        return _nothing(text("ppt_no_projection", lang), False, lang)
    seen = dict(zip(drawn["observed_months"], drawn["observed"], strict=True))
    months = list(range(min([*seen, *projected]), max(projected) + 1))
    base = next(i for i in h["scenarios"] if i["name"] == BASELINE)
    said = {data.settings.month: compact(h["now"]["active"]["p50"], lang),
            data.settings.horizon_end: compact(base["active_end_of_horizon"]["p50"], lang)}
    series = [ChartSeries(drawn["title"], BASELINE,
                          tuple(projected.get(m) for m in months),
                          tuple(said.get(m, "") if m in projected else "" for m in months))]
    if seen:
        series.append(ChartSeries(
            drawn["observed_label"], None, tuple(seen.get(m) for m in months),
            tuple("" for _ in months), markers_only=drawn["observed_key"] in POINT_KEYS))
    scale = axis_scale([*projected.values(), *seen.values()])
    return ChartContent(tuple(month_name(m, lang) for m in months), tuple(series), scale,
                        unit_text(scale, False, lang))


def options_chart(data: ReportData, h: dict) -> ChartContent:
    """Slide 3: per scenario (a series in its colour), the active workers at the end of
    the APBD year and at the horizon (p50), each labelled as the PDF deck says it."""
    lang = data.settings.lang
    words = options_words(h, lang)
    series = tuple(ChartSeries(item["title"], item["name"], (
        item["active_end_of_apbd_year"]["p50"], item["active_end_of_horizon"]["p50"]), (
        compact(item["active_end_of_apbd_year"]["p50"], lang),
        compact(item["active_end_of_horizon"]["p50"], lang))) for item in h["scenarios"])
    if not series:
        return _nothing(text("ppt_no_options", lang), False, lang)
    scale = axis_scale([v for s in series for v in s.values])
    return ChartContent((words["year_label"], words["horizon"]), series, scale,
                        unit_text(scale, False, lang))


def cost_chart(data: ReportData, h: dict) -> ChartContent:
    """Slide 4: per scenario that spends in the APBD year (those the slide names), what
    all governments pay that year and in a running year; none spending is said in words."""
    lang = data.settings.lang
    words = cost_words(h, lang)
    series = []
    for said in words["items"]:
        item = said["item"]
        year_rp, running_rp = (item["budget_apbd_year_rp"]["total"],
                               item["government_running_year_rp"])
        series.append(ChartSeries(said["title"], item["name"], (year_rp, running_rp),
                                  (said["amount"], compact_rupiah(running_rp, lang))))
    if not series:
        return _nothing(words["nothing"], True, lang)
    scale = axis_scale([v for s in series for v in s.values], money=True)
    return ChartContent((text("budget_year", lang, year=h["apbd_year"]),
                         text("running_cost", lang, year=h["running_year"])),
                        tuple(series), scale, unit_text(scale, True, lang))


# ------------------------------------------------------------------ the workbook's rows

@dataclass(frozen=True)
class BudgetRow:
    scenario: str  # the title
    payer: str  # in words
    year: int
    months: int  # of the year the projection covers (12: a full year)
    rupiah: int  # p50, as in the report's payer table
    limit: str  # what limits the lurah-list subsidy that year, on its payer's row; or ""


def budget_rows(data: ReportData, region: str) -> list[BudgetRow]:
    """Per shown scenario, APBD year (from the first projected) and payer: the amounts of
    the report's payer table (:func:`.payers.payer_table`), in whole Rupiah."""
    lang = data.settings.lang
    first_year = year_of(data.settings.month + 1)
    budget = data.budget[data.budget.region == region]
    rows = []
    for name in data.settings.scenarios:
        table = payers.amounts(data, region, name)
        table = table[table.year >= first_year]
        limits = budget[budget.scenario == name].set_index("year")
        sums = table.groupby(["year", "months", "payer"]).rp.sum()
        for (year, months, payer), amount in sorted(
                sums.items(), key=lambda item: (item[0][0], payers.payer_order(item[0][2]))):
            # the limit (cap, quota, list) is the lurah-list subsidy's: on its payer's row
            limited = (limit_text(limits.loc[year], lang)
                       if year in limits.index and payer == limits.loc[year].subsidy_payer
                       else "")
            rows.append(BudgetRow(data.scenario_title(name), text(f"payer_{payer}", lang),
                                  int(year), int(months), int(amount), limited))
    return rows


@dataclass(frozen=True)
class ProjectionRow:
    scenario: str  # the title
    month: int  # month index
    active_p10: float
    active_p50: float
    active_p90: float
    subsidised_p50: float
    coverage_p50: float


def projection_rows(data: ReportData, region: str) -> list[ProjectionRow]:
    """Per shown scenario (in the report's order) and month: active members (p10, p50,
    p90), those paid by a scheme and the coverage (p50), as the report's tables hold them."""
    table = data.table[(data.table.region == region)
                       & data.table.metric.isin(["active", "active_subsidised", "coverage"])]
    rows = []
    for name in data.settings.scenarios:
        own = table[table.scenario == name]
        wide = own.pivot_table(index="month", columns="metric", values=["p10", "p50", "p90"])
        for month, values in wide.sort_index().iterrows():
            rows.append(ProjectionRow(
                data.scenario_title(name), parse_month(month),
                *(float(values[(p, "active")]) for p in ("p10", "p50", "p90")),
                float(values[("p50", "active_subsidised")]), float(values[("p50", "coverage")])))
    return rows


@dataclass(frozen=True)
class FunnelRow:
    scenario: str  # the title
    listed: int
    verified: int
    enrolled: int
    subsidised_at_end: int


def funnel_rows(data: ReportData, region: str) -> list[FunnelRow]:
    """The report's funnel (:func:`.sections.funnel`), rounded as its table shows it."""
    return [FunnelRow(r.title, *(round(v) for v in (r.listed, r.verified, r.enrolled,
                                                    r.subsidised_at_end)))
            for r in funnel(data, region).itertuples()]


@dataclass(frozen=True)
class CaveatRow:
    what: str
    kind: str  # as the report's appendix calls it: ASUMSI, ILUSTRATIF...
    why: str  # the note and source


def caveat_rows(data: ReportData, region: str) -> list[CaveatRow]:
    """What is illustrative or assumed, as the report's appendix says it: the "now" figures
    when they rest on the illustrative monthly series; every parameter the appendix calls
    an assumption or illustrative (a starting count laid over from the illustrative series
    is ILUSTRATIF there, with its source, not its file's ASUMSI); the schemes' assumed or
    uncertain years."""
    lang = data.settings.lang
    rows = []
    said = province.statement(data, region)
    if said:  # the region's pool and BPU counts: province-level assumptions
        rows.append(CaveatRow(text("xl_province", lang), text("kind_province", lang), said))
    if data.now_is_illustrative(region):
        rows.append(CaveatRow(text("xl_actuals", lang), text("illustrative_flag", lang),
                              text("illustrative_index_note", lang)))
    appendix = provenance_table(data, region)
    flagged = {text("kind_assumption", lang), text("kind_illustrative_data", lang),
               text("kind_province", lang)}
    if len(appendix):
        label, kind, source = (text(k, lang) for k in ("parameter", "kind", "source"))
        shown = appendix[appendix[kind].isin(flagged)].sort_values(label, kind="stable")
        rows += [CaveatRow(r[label], r[kind], r[source]) for _, r in shown.iterrows()]
    codes = ({r.code for r in data.regions} if region == TOTAL_SLUG
             else {data.params.region(region).code})
    for scheme in data.params.schemes:
        for year in scheme.years:
            if scheme.region_code in codes and (year.kind == "assumption"
                                                or year.is_uncertain()):
                rows.append(CaveatRow(f"{scheme.title(lang)} {year.year}",
                                      text("kind_assumption", lang), year.source.in_(lang)))
    return rows
