"""The plain series each chart draws (:mod:`..design.charts`), computed once here from a
report's data: the charts only lay them out.

Every function returns a dict of plain values and tidy frames, with the chart's title and
its alt text in the report's language. Only the report's scenarios are drawn
(``data.settings.scenarios``: for a region, those that change something there), and a
number a chart labels comes from the function its table uses (the funnel from
:func:`.sections.funnel`, the numbers at the horizon from ``data.value`` rounded as in the
headline)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...engine.summaries import TOTAL_SLUG
from ...months import parse_month, year_of
from ...params import BASELINE
from ..words.formatting import compact, compact_rupiah, month_name, month_short
from ..words.texts import text
from .data import ReportData
from .headline import rounded
from .history import published_points, replayed_points, scheme_replay
from .sections import POINT_KEYS, funnel, observed_points

PARTS = ("subsidy", "agency", "wage_earner", "outreach")  # a budget bar, bottom to top
STAGES = ("listed", "verified", "enrolled")  # the funnel's flows over the projection


def scenarios_of(data: ReportData, names=None) -> list[dict]:
    """The scenarios a chart tells apart, in the report's order: name, title, order (for
    a spare style) and the scenario's definition (its ``display`` block)."""
    shown = data.settings.scenarios
    return [{"name": n, "title": data.scenario_title(n), "order": shown.index(n),
             "definition": data.params.scenarios.get(n)}
            for n in (shown if names is None else names)]


def _at_horizon(data: ReportData, names, metric: str, region: str) -> dict[str, float]:
    """p50 at the horizon, rounded as the headline rounds it."""
    return {n: rounded(data.value(n, metric, region, data.settings.horizon_end))["p50"]
            for n in names}


def fan_series(data: ReportData, region: str, metric: str = "active") -> dict:
    """Section 2: per scenario the p10/p50/p90 by month; what was observed (monthly
    actuals, or the sourced starting figures) and the published counts; the branch target
    where the report covers every region; the report month."""
    s, lang = data.settings, data.settings.lang
    table = data.table[(data.table.region == region) & (data.table.metric == metric)
                       & data.table.scenario.isin(s.scenarios)]
    bands = pd.DataFrame({"scenario": table.scenario, "month": table.month.map(parse_month),
                          "p10": table.p10, "p50": table.p50, "p90": table.p90}
                         ).reset_index(drop=True)
    months, values, key = observed_points(data, region)
    published = pd.DataFrame(columns=["month", "value"])
    if key not in POINT_KEYS:
        found = published_points(data, region, ("active_bpu",))
        if len(found):
            published = pd.DataFrame({"month": found.month.astype(int),
                                      "value": found.value.astype(float)})
    target = None
    if region == TOTAL_SLUG and len(data.regions) == len(data.params.regions):
        found = data.params.parameter("branch_bpu_target").entry_at("default", s.month)
        target = float(found[1].central) if found is not None else None
    scenarios = scenarios_of(data)
    ends = _at_horizon(data, s.scenarios, metric, region)
    title = f"{text('h_projection', lang)} — {data.region_name(region)}"
    alt = text("alt_fan", lang, title=title, first=month_name(int(bands.month.min()), lang)
               if len(bands) else "–", last=month_name(s.horizon_end, lang),
               ends="; ".join(f"{i['title']} {compact(ends[i['name']], lang)}"
                              for i in scenarios))
    return {"lang": lang, "title": title, "alt": alt, "scenarios": scenarios,
            "bands": bands, "observed": pd.DataFrame({"month": months, "value": values}),
            "observed_key": key, "published": published, "target": target,
            "month": s.month, "ends": ends}


def scheme_series(data: ReportData, region: str, replayed: dict | None = None
                  ) -> dict | None:
    """The schemes' members as the model re-run since 2020 has them (BPU, and BPU with the
    wage earners), and each published count beside the re-run's value for the same
    count; None where no scheme runs."""
    replay = scheme_replay(data, region, replayed)
    if replay is None:
        return None
    lang = data.settings.lang
    lines = pd.DataFrame({"month": replay.month.astype(int), "bpu": replay.bpu,
                          "all": replay.bpu + replay.wage_earners})
    counts = replayed_points(data, region, replayed)
    title = f"{text('h_hindcast', lang)} — {data.region_name(region)}"
    last = lines.iloc[-1]
    alt = text("alt_scheme", lang, title=title, month=month_name(int(last.month), lang),
               bpu=compact(round(float(last.bpu)), lang),
               all=compact(round(float(last["all"])), lang), count=len(counts))
    return {"lang": lang, "title": title, "alt": alt, "lines": lines, "counts": counts}


def year_spans(data: ReportData, years) -> pd.DataFrame:
    """Per APBD year shown, the months a budget bar covers: first, last, how many (12: a
    full year) and its label ('2027', or '2026 / Nov–Des / (2 bln)' for part of a year)."""
    first, last, lang = data.request.start, data.settings.horizon_end, data.settings.lang
    rows = []
    for year in years:
        start, end = max(year * 12, first), min(year * 12 + 11, last)
        label = str(year) if end - start == 11 else text(
            "year_span", lang, year=year, months=end - start + 1,
            first=month_short(start, lang).split()[0], last=month_short(end, lang).split()[0])
        rows.append({"year": int(year), "first": start, "last": end,
                     "months": end - start + 1, "label": label})
    return pd.DataFrame(rows, columns=["year", "first", "last", "months", "label"])


def budget_series(data: ReportData, region: str) -> dict:
    """Section 3: per scenario that spends and APBD year from the year after the report
    month, the median of each part of its bar (the lurah-list subsidy, the agency lists,
    the wage-earner package, outreach), the year's cap of the lurah-list subsidy and the
    cap for the months the bar covers (cap x months / 12: a 2-month year is compared with
    2 months of its cap, never the whole year's)."""
    s, lang = data.settings, data.settings.lang
    budget = data.budget[(data.budget.region == region)
                         & (data.budget.year >= year_of(s.month + 1))
                         & data.budget.scenario.isin(s.scenarios)]
    columns = [f"{p}_rp_p50" for p in PARTS]
    spenders = [n for n in s.scenarios
                if budget[budget.scenario == n][columns].to_numpy().sum() > 0]
    years = sorted(int(y) for y in budget.year.unique())
    spans = year_spans(data, years)
    rows = []
    for name in spenders:
        own = budget[budget.scenario == name].set_index("year")
        for span in spans.itertuples():
            row = own.loc[span.year] if span.year in own.index else None
            cap = (float(row.cap_rp) if row is not None and pd.notna(row.cap_rp)
                   else np.nan)
            months = int(row.months) if row is not None else span.months
            rows.append({"scenario": name, "year": span.year, "months": months,
                         **{p: float(row[c]) if row is not None else 0.0
                            for p, c in zip(PARTS, columns, strict=True)},
                         "cap": cap, "cap_for_months": cap * months / 12})
    bars = pd.DataFrame(rows, columns=["scenario", "year", "months", *PARTS, "cap",
                                       "cap_for_months"])
    title = f"{text('h_budget', lang)} — {data.region_name(region)}"
    caps = sorted({c for c in bars.cap if np.isfinite(c)})
    cap_words = (text("alt_budget_cap", lang, caps=", ".join(compact_rupiah(c, lang)
                                                               for c in caps))
                 if caps else "")
    alt = text("alt_budget", lang, title=title,
               years=f"{years[0]}–{years[-1]}" if years else "–",
               scenarios=", ".join(i["title"] for i in scenarios_of(data, spenders))
               or "–") + cap_words
    return {"lang": lang, "title": title, "alt": alt,
            "scenarios": scenarios_of(data, spenders), "bars": bars, "years": spans}


def funnel_series(data: ReportData, region: str) -> dict | None:
    """Section 4, the table's numbers (:func:`.sections.funnel`) apart by kind: the flows
    over the projection (listed, verified, enrolled), and the stock at the horizon (the
    lurah lists' members still paid then); None without a subsidy scenario."""
    s, lang = data.settings, data.settings.lang
    table = funnel(data, region)
    if table.empty:
        return None
    flows = table[["scenario", *STAGES]].reset_index(drop=True)
    stock = table[["scenario", "subsidised_at_end"]].rename(
        columns={"subsidised_at_end": "value"}).reset_index(drop=True)
    first, last = data.request.start, s.horizon_end
    scenarios = scenarios_of(data, list(table.scenario))
    title = f"{text('h_funnel', lang)} — {data.region_name(region)}"
    end = month_name(s.horizon_end, lang)

    def said(row) -> str:
        flowed = ", ".join(f"{text(stage, lang)} {compact(getattr(row, stage), lang)}"
                           for stage in STAGES)
        return (f"{data.scenario_title(row.scenario)}: {flowed}; "
                f"{text('still_paid_short', lang, month=end)} "
                f"{compact(row.subsidised_at_end, lang)}")

    rows = "; ".join(said(r) for r in table.itertuples())
    alt = text("alt_funnel", lang, title=title, first=month_name(first, lang),
               last=month_name(last, lang), rows=rows)
    return {"lang": lang, "title": title, "alt": alt, "scenarios": scenarios,
            "flows": flows, "stock": stock, "first": first, "last": last}


def regional_series(data: ReportData) -> dict:
    """The regional summary: per region, the active members now (the policy in force at
    the report month) and each scenario's at the horizon, rounded as the headline has
    them."""
    s, lang = data.settings, data.settings.lang
    rows = []
    for region in data.regions:
        now = rounded(data.value(BASELINE, "active", region.slug, s.month))["p50"]
        rows.append({"region": region.slug, "name": region.name, "series": "now",
                     "month": s.month, "value": now})
        for name, value in _at_horizon(data, s.scenarios, "active", region.slug).items():
            rows.append({"region": region.slug, "name": region.name, "series": name,
                         "month": s.horizon_end, "value": value})
    values = pd.DataFrame(rows, columns=["region", "name", "series", "month", "value"])
    title = text("summary_title", lang, month=month_name(s.month, lang))
    alt = text("alt_regional", lang, title=title, now=month_name(s.month, lang),
               month=month_name(s.horizon_end, lang), count=len(data.regions))
    return {"lang": lang, "title": title, "alt": alt, "scenarios": scenarios_of(data),
            "values": values, "month": s.month, "horizon_end": s.horizon_end}
