"""What a region's report says, every labelled number once: :func:`headline` (also
summary.json) holds each number that a label carries in the report, the deck, the
PowerPoint, the workbook, the index or the explorer, and every output takes it from there;
section 1 of the report as Markdown and a table."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pandas as pd

from ...engine.summaries import TOTAL_SLUG
from ...months import format_month, parse_month
from ...params import BASELINE
from ..words.formatting import compact_rupiah, month_name, number, percent, value_range
from ..words.markup import inline
from ..words.texts import text
from . import payers, province
from .data import PROTECTED, ReportData


def headline(data: ReportData, region: str) -> dict:
    """The numbers of section 1 and of summary.json, machine-readable (computed once per
    report and region; each caller gets its own copy)."""
    key = ("headline", region)
    if key not in data.memo:
        data.memo[key] = _headline(data, region)
    return copy.deepcopy(data.memo[key])


def _headline(data: ReportData, region: str) -> dict:
    s = data.settings
    year_end = min(s.apbd_year * 12 + 11, s.horizon_end)
    code = "" if region == TOTAL_SLUG else data.params.region(region).code
    cutoff = data.data_cutoff(code or data.regions[0].code)
    full_years = sorted(int(y) for y in data.budget[data.budget.months == 12].year.unique())
    running_year = full_years[-1] if full_years else s.apbd_year
    scenarios = []
    base_government = payers.government_total(data, region, BASELINE, s.apbd_year)
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
            # what the scenario asks of governments beyond the policy in force (new money)
            "additional_government_apbd_year_rp": (
                payers.government_total(data, region, name, s.apbd_year) - base_government),
            "government_running_year_rp": payers.government_total(data, region, name,
                                                                  running_year),
            "relief_lowers_apbd_year": payers.relief_lowers(data, region, name, s.apbd_year),
            "cap_rp": cap,
            "cap_binds_month": (row.cap_binds_month if row is not None
                                and isinstance(row.cap_binds_month, str) else None),
            "limit_apbd_year": (row.limit if row is not None and isinstance(row.limit, str)
                                else None),
            "additional_active_end_of_horizon": rounded(
                data.gain(name, "active", region, s.horizon_end)),
            "cost_per_additional_worker_year_rp": whole(data.value(
                name, "cost_per_additional_worker_year_rp", region, s.horizon_end)["p50"]),
            "families": families(data, region, name),
        })
    now = data.value(BASELINE, "active", region, s.month)
    found = {
        "left_out": [{"name": n, "title": data.scenario_title(n)} for n in s.left_out],
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
            "protected": rounded(data.value(BASELINE, PROTECTED, region, s.month)),
            "subsidised": rounded(data.value(BASELINE, "active_subsidised", region, s.month)),
            "wage_earners": rounded(data.value(BASELINE, "wage_earner_members", region,
                                               s.month)),
            "coverage": round(float(data.value(BASELINE, "coverage", region, s.month)["p50"]), 6),
            "informal_workers": round(float(data.value(BASELINE, "pool", region,
                                                       s.month)["p50"])),
            "from_data": s.month <= data.request.start - 1,
            "data_cutoff": format_month(cutoff),
            "illustrative": data.now_is_illustrative(region),
        },
        "scenarios": scenarios,
    }
    if province.applies(data, region):  # no data here: "now" is the model's estimate
        facts = province.facts(data, region)
        found["now"].update(from_data=False, province_level=True)
        found["province_level"] = {"statement": province.statement(data, region),
                                   "province": facts["province"],
                                   "references": facts["references"],
                                   "published_counts": province.published_summary(data,
                                                                                  region)}
    return found


def families(data: ReportData, region: str, name: str) -> dict[str, int]:
    """Section 5's numbers, from the month after the report to the horizon (medians): in
    the scenario, the public cost (subsidy and outreach), members moved from paying for
    themselves, members expected to die (their families receive the JKM benefit) and the
    JKM + JKK benefits reaching families; and what it adds to the policy in force, draw
    by draw."""
    first, last = data.settings.month + 1, data.settings.horizon_end

    def total(scenario: str, metric: str) -> float:
        return data.cumulative(scenario, metric, region, first, last)["p50"]

    def gain(metric: str) -> float:
        return data.cumulative_gain(name, metric, region, first, last)["p50"]

    return {
        "public_cost_rp": whole(total(name, "subsidy_rp") + total(name, "outreach_rp")),
        "additional_public_cost_rp": whole(gain("subsidy_rp") + gain("outreach_rp")),
        "crowd_out": whole(total(name, "crowd_out")),
        "deaths": whole(total(name, "expected_deaths")),
        "baseline_deaths": whole(total(BASELINE, "expected_deaths")),
        "additional_deaths": whole(gain("expected_deaths")),
        "benefits_rp": whole(total(name, "benefits_rp")),
        "additional_benefits_rp": whole(gain("benefits_rp")),
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
    lang = data.settings.lang
    h = headline(data, region)
    now = h["now"]
    note_key = "now_observed" if now["from_data"] else "now_projected"
    cutoff = month_name(parse_month(now["data_cutoff"]), lang)
    flag = f" ({text('illustrative_flag', lang)})" if now["illustrative"] else ""
    if now.get("province_level"):
        flag = f" ({text('province_flag', lang)})"
    lines = [
        f"**{text('active_now', lang)}: {number(now['active']['p50'], lang)}**{flag} · "
        f"{text('coverage_now', lang)}: **{percent(now['coverage'], lang)}** "
        f"({text('informal_workers', lang).lower()}: {number(now['informal_workers'], lang)})",
        "",
    ]
    subsidised, wage_earners = now["subsidised"]["p50"], now["wage_earners"]["p50"]
    said = ([text("paid_by_schemes_now", lang, subsidised=number(subsidised, lang))]
            if subsidised else [])
    if wage_earners:
        said.append(text("wage_earners_paid_now", lang, wage_earners=number(wage_earners, lang)))
    lines += [" ".join(said), ""] if said else []
    if wage_earners:
        lines += [f"{text('protected_now', lang)}: **{number(now['protected']['p50'], lang)}** "
                  f"({text('protected_means', lang)})", ""]
    if now.get("province_level"):  # what the region's figures are, then "now"
        lines += [province.headline_note(data, region), ""]
        said_now = inline(province.now_note(data, region))
    else:
        said_now = text(note_key, lang, cutoff=cutoff)
    lines.append(f"_{said_now} {text('not_a_forecast', lang)}_")
    left_out = left_out_text(data, region)  # scenarios that change nothing here
    if left_out:
        lines += ["", f"_{inline(left_out)}_"]  # titles from files stay text
    return "\n".join(lines)


def left_out_text(data: ReportData, region: str) -> str | None:
    """The note naming the scenarios asked for but not shown, because they change nothing
    in the region; None when every scenario is shown."""
    if not data.settings.left_out:
        return None
    titles = "; ".join(data.scenario_title(n) for n in data.settings.left_out)
    return text("left_out_note", data.settings.lang, region=data.region_name(region),
                scenarios=titles)


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
