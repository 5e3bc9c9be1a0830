"""Section 1 of a report and summary.json: where a region stands, what each scenario
delivers by the APBD year and the horizon, and what it costs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..engine.summaries import TOTAL_SLUG
from ..months import format_month, parse_month
from ..params import BASELINE
from . import payers
from .data import ReportData
from .formatting import compact_rupiah, month_name, number, percent, value_range
from .texts import text


def headline(data: ReportData, region: str) -> dict:
    """The numbers of section 1 and of summary.json, machine-readable."""
    s = data.settings
    year_end = min(s.apbd_year * 12 + 11, s.horizon_end)
    code = "" if region == TOTAL_SLUG else data.params.region(region).code
    cutoff = data.data_cutoff(code or data.regions[0].code)
    full_years = sorted(int(y) for y in data.budget[data.budget.months == 12].year.unique())
    running_year = full_years[-1] if full_years else s.apbd_year
    scenarios = []
    for name in s.scenarios:
        budget = data.budget[(data.budget.scenario == name) & (data.budget.region == region)
                             & (data.budget.year == s.apbd_year)]
        row = budget.iloc[0] if len(budget) else None
        cap = None if row is None or pd.isna(row.cap_rp) else int(row.cap_rp)
        scenarios.append({
            "name": name,
            "title": data.scenario_title(name),
            "active_end_of_apbd_year": rounded(data.value(name, "active", region, year_end)),
            "active_end_of_horizon": rounded(data.value(name, "active", region, s.horizon_end)),
            "subsidised_end_of_horizon": rounded(
                data.value(name, "active_subsidised", region, s.horizon_end)),
            "wage_earners_end_of_horizon": rounded(
                data.value(name, "wage_earner_members", region, s.horizon_end)),
            "budget_apbd_year_rp": {
                "subsidy": int(row.subsidy_rp_p50) if row is not None else 0,
                "agency_lists": int(row.agency_rp_p50) if row is not None else 0,
                "wage_earner": int(row.wage_earner_rp_p50) if row is not None else 0,
                "outreach": int(row.outreach_rp_p50) if row is not None else 0,
                "total": payers.government_total(data, region, name, s.apbd_year),
            },
            "budget_by_year_and_payer_rp": payers.by_year_and_payer(data, region, name),
            "government_running_year_rp": payers.government_total(data, region, name,
                                                                  running_year),
            "relief_lowers_apbd_year": payers.relief_lowers(data, region, name, s.apbd_year),
            "cap_rp": cap,
            "cap_binds_month": (row.cap_binds_month if row is not None
                                and isinstance(row.cap_binds_month, str) else None),
            "limit_apbd_year": (row.limit if row is not None and isinstance(row.limit, str)
                                else None),
            "additional_active_end_of_horizon": rounded(
                data.value(name, "additional_active", region, s.horizon_end)),
            "cost_per_additional_worker_year_rp": whole(data.value(
                name, "cost_per_additional_worker_year_rp", region, s.horizon_end)["p50"]),
        })
    now = data.value(BASELINE, "active", region, s.month)
    return {
        "region": region,
        "region_code": code,
        "region_name": data.region_name(region),
        "month": format_month(s.month),
        "apbd_year": s.apbd_year,
        "apbd_year_end": format_month(year_end),
        "running_year": running_year,
        "horizon_end": format_month(s.horizon_end),
        "now": {
            "active": rounded(now),
            "coverage": round(float(data.value(BASELINE, "coverage", region, s.month)["p50"]), 6),
            "informal_workers": round(float(data.value(BASELINE, "pool", region,
                                                       s.month)["p50"])),
            "from_data": s.month <= data.request.start - 1,
            "data_cutoff": format_month(cutoff),
            "illustrative": data.now_is_illustrative(region),
        },
        "scenarios": scenarios,
    }


def rounded(values: dict[str, float]) -> dict[str, int]:
    return {k: whole(v) for k, v in values.items()}


def whole(value: float) -> int | None:
    return None if value is None or np.isnan(value) else int(round(float(value)))


def summary(data: ReportData, region: str) -> dict:
    """summary.json: the headline plus what it was computed from."""
    s = data.settings
    return {
        **headline(data, region),
        "lang": s.lang,
        "draws": s.draws,
        "seed": s.seed,
        "scenario_names": list(s.scenarios),
        "code_version": s.code_version,
        "params_hash": data.params.files_hash,
    }


def save_summary(data: ReportData, region: str, path: str | Path) -> dict:
    content = summary(data, region)
    Path(path).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    return content


def headline_text(data: ReportData, region: str) -> str:
    """Section 1 as Markdown, in the report's language."""
    lang, s = data.settings.lang, data.settings
    h = headline(data, region)
    now = h["now"]
    note_key = "now_observed" if now["from_data"] else "now_projected"
    cutoff = month_name(parse_month(now["data_cutoff"]), lang)
    flag = f" ({text('illustrative_flag', lang)})" if now["illustrative"] else ""
    lines = [
        f"**{text('active_now', lang)}: {number(now['active']['p50'], lang)}**{flag} · "
        f"{text('coverage_now', lang)}: **{percent(now['coverage'], lang)}** "
        f"({text('informal_workers', lang).lower()}: {number(now['informal_workers'], lang)})",
        "",
    ]
    subsidised = whole(data.value(BASELINE, "active_subsidised", region, s.month)["p50"])
    wage_earners = whole(data.value(BASELINE, "wage_earner_members", region, s.month)["p50"])
    if subsidised or wage_earners:
        lines += [text("paid_by_schemes_now", lang, subsidised=number(subsidised, lang),
                       wage_earners=number(wage_earners, lang)), ""]
    lines.append(f"_{text(note_key, lang, cutoff=cutoff)} {text('not_a_forecast', lang)}_")
    return "\n".join(lines)


def headline_table(data: ReportData, region: str) -> pd.DataFrame:
    lang, s = data.settings.lang, data.settings
    h = headline(data, region)
    rows = []
    for item in h["scenarios"]:
        rows.append({
            text("scenario", lang): item["title"],
            text("active_end_year", lang, year=s.apbd_year):
                value_range(item["active_end_of_apbd_year"], lang),
            text("active_end_horizon", lang, month=month_name(s.horizon_end, lang)):
                value_range(item["active_end_of_horizon"], lang),
            text("budget_year", lang, year=s.apbd_year):
                compact_rupiah(item["budget_apbd_year_rp"]["total"], lang)
                + (" *" if item["relief_lowers_apbd_year"] else ""),
            text("running_cost", lang, year=h["running_year"]):
                compact_rupiah(item["government_running_year_rp"], lang),
        })
    frame = pd.DataFrame(rows)
    if any(item["relief_lowers_apbd_year"] for item in h["scenarios"]):
        frame.attrs["note"] = payers.relief_note(data, region)
    return frame
