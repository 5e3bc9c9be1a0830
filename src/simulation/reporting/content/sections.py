"""Sections 3-5 of a district report and the regional summary, as tables in the report's
language: budget per APBD year, the subsidy funnel, the difference against the baseline,
the kelurahan listing, and what was observed."""

from __future__ import annotations

import pandas as pd

from ...engine.summaries import TOTAL_SLUG
from ...intake.suppression import TOTAL_LABEL
from ...months import parse_month
from ...params.national import NATIONAL
from ..words.formatting import (
    compact,
    compact_rupiah,
    month_name,
    number,
    percent,
    rupiah,
    value_range,
)
from ..words.texts import text
from .data import ReportData
from .headline import headline

START_POINT, PROVINCE_POINT = "start_point", "province_point"  # dated points, not a line
POINT_KEYS = (START_POINT, PROVINCE_POINT)


def funnel(data: ReportData, region: str) -> pd.DataFrame:
    """Section 4: listing -> verification -> enrolment for scenarios with a subsidy (p50)."""
    s = data.settings
    first, last = data.request.start, s.horizon_end
    rows = []
    for name in s.scenarios:
        listed = data.cumulative(name, "listed", region, first, last)["p50"]
        if listed <= 0:
            continue
        rows.append({
            "scenario": name,
            "title": data.scenario_title(name),
            "listed": listed,
            "verified": data.cumulative(name, "verified", region, first, last)["p50"],
            "enrolled": data.cumulative(name, "subsidy_enrolments", region, first, last)["p50"],
            # the lurah lists' members: what this funnel fills (agency lists are apart)
            "subsidised_at_end": data.value(name, "active_lurah_list", region, last)["p50"],
        })
    return pd.DataFrame(rows, columns=["scenario", "title", "listed", "verified", "enrolled",
                                       "subsidised_at_end"])


def funnel_table(data: ReportData, region: str) -> pd.DataFrame:
    lang, s = data.settings.lang, data.settings
    table = funnel(data, region)
    return pd.DataFrame({
        text("scenario", lang): table["title"],
        text("listed", lang): [number(v, lang) for v in table["listed"]],
        text("verified", lang): [number(v, lang) for v in table["verified"]],
        text("enrolled", lang): [number(v, lang) for v in table["enrolled"]],
        text("still_subsidised", lang, month=month_name(s.horizon_end, lang)):
            [number(v, lang) for v in table["subsidised_at_end"]],
    })


def difference_table(data: ReportData, region: str) -> pd.DataFrame:
    """Section 5: what each scenario adds to the policy in force, from the report month on:
    every column a difference (medians of the per-draw differences; :func:`.headline`)."""
    lang, s = data.settings.lang, data.settings
    first, last = s.month + 1, s.horizon_end
    span = {"first": month_name(first, lang), "last": month_name(last, lang)}
    rows = []
    for item in headline(data, region)["scenarios"]:
        families = item["families"]
        rows.append({
            text("scenario", lang): item["title"],
            text("additional_active", lang, month=span["last"]):
                value_range(item["additional_active_end_of_horizon"], lang),
            text("additional_public_cost", lang, **span):
                compact_rupiah(families["additional_public_cost_rp"], lang),
            text("cost_per_worker_year", lang): rupiah(
                item["cost_per_additional_worker_year_rp"], lang),
            text("additional_deaths", lang): number(families["additional_deaths"], lang),
            text("additional_benefits", lang): compact_rupiah(
                families["additional_benefits_rp"], lang),
        })
    return pd.DataFrame(rows)


def totals_table(data: ReportData, region: str) -> pd.DataFrame:
    """Section 5, second table: each scenario's own totals over the same months (not
    differences): public cost, members moved from self-paying, deaths, benefits."""
    lang, s = data.settings.lang, data.settings
    first, last = s.month + 1, s.horizon_end
    rows = []
    for item in headline(data, region)["scenarios"]:
        families = item["families"]
        rows.append({
            text("scenario", lang): item["title"],
            text("public_cost_total", lang): compact_rupiah(families["public_cost_rp"], lang),
            text("crowd_out", lang): number(families["crowd_out"], lang),
            text("expected_deaths", lang): number(families["deaths"], lang),
            text("benefits", lang): compact_rupiah(families["benefits_rp"], lang),
        })
    frame = pd.DataFrame(rows)
    frame.attrs["note"] = text("totals_note", lang, first=month_name(first, lang),
                               last=month_name(last, lang))
    return frame


def kelurahan_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The published listing as it stands (hidden cells stay hidden), the total last."""
    shown = table.fillna("")
    return pd.DataFrame({
        "Kecamatan": shown.kecamatan.replace(TOTAL_LABEL, text("total", lang)).map(
            lambda v: in_language(v, lang)),
        "Kelurahan": shown.kelurahan.map(lambda v: in_language(v, lang)),
        text("listed", lang): shown.listed, text("verified", lang): shown.verified,
        text("already_covered", lang): shown.already_covered,
        text("rejected", lang): shown.rejected,
    })


def in_language(label: str, lang: str) -> str:
    """One side of a file's two-language label: '(tidak dikenal / unknown)' -> 'tidak
    dikenal' (id) or 'unknown' (en); other text as it is."""
    parts = label.strip("()").split(" / ")
    if len(parts) != 2:
        return label
    return parts[1] if lang == "en" else parts[0]


def observed_points(data: ReportData, region: str) -> tuple[list[int], list[float], str]:
    """Months and values of what was observed for a region (or the branch total), and the
    legend key: monthly actuals where the store has them, else the sourced starting figures
    (October 2019, an estimated split)."""
    codes = ([data.params.region(region).code] if region != TOTAL_SLUG
             else [r.code for r in data.regions])
    known = data.actuals
    if known is not None and len(known) and set(codes) <= set(known.region):
        mine = known[known.region.isin(codes)]
        # a total only where every region reported: a month missing some would fall short
        complete = mine.groupby("month").region.nunique() == len(codes)
        rows = mine[mine.month.isin(complete[complete].index)].groupby("month").active.sum()
        key = ("actuals_illustrative" if (known.kind == "illustrative").any()
               else "actuals_label")
        return [parse_month(m) for m in rows.index], rows.astype(float).tolist(), key
    parameter = data.params.parameter("active_bpu")
    if region != TOTAL_SLUG and data.province_level(region):
        # no data: the province-level count in force at the report month, marked as such
        found = parameter.entry_at(codes[0], data.settings.month)
        if found is None or found[0].origin != NATIONAL:
            return [], [], PROVINCE_POINT
        return [found[0].month], [float(found[1].central)], PROVINCE_POINT
    months = sorted({e.month for e in parameter.entries if e.origin == "baseline"
                     and e.month <= data.settings.month})
    values = [sum((parameter.entry_at(c, m) or (None, None))[1].central or 0 for c in codes)
              for m in months]
    return months, values, START_POINT


def regional_table(data: ReportData) -> pd.DataFrame:
    """The six regions side by side: now, and each scenario at the horizon."""
    lang, s = data.settings.lang, data.settings
    rows = []
    for slug in [r.slug for r in data.regions] + ([TOTAL_SLUG] if len(data.regions) > 1
                                                  else []):
        h = headline(data, slug)
        flag = f" ({text('illustrative_flag', lang)})" if h["now"]["illustrative"] else ""
        row = {
            text("region", lang): h["region_name"],
            text("active_now", lang): number(h["now"]["active"]["p50"], lang) + flag,
            text("coverage_now", lang): percent(h["now"]["coverage"], lang) + flag,
        }
        for item in h["scenarios"]:
            row[f"{item['title']} ({month_name(s.horizon_end, lang)})"] = compact(
                item["active_end_of_horizon"]["p50"], lang)
        rows.append(row)
    frame = pd.DataFrame(rows)
    if any(data.now_is_illustrative(r.slug) for r in data.regions):
        frame.attrs["note"] = text("illustrative_index_note", lang)
    return frame
