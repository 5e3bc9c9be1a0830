"""What the briefing deck says, slide by slide, as plain strings: the PDF deck
(:mod:`.briefing`) and the editable PowerPoint (:mod:`.deck_pptx`) lay out the same words,
so neither computes them on its own."""

from __future__ import annotations

import pandas as pd

from ...engine.summaries import TOTAL_SLUG
from ...intake.suppression import TOTAL_LABEL
from ...months import parse_month
from ...params import BASELINE, featured_scenario
from ..words.formatting import compact, compact_rupiah, month_name, percent
from ..words.texts import text
from . import province
from .data import ReportData
from .listing import count_of, top_kelurahan
from .payers import GOVERNMENT_PAYERS
from .provenance import owner_text, value_text
from .sections import observed_points

KEY_ASSUMPTIONS = ("self_payer_lapse_rate", "retention_after_subsidy", "verification_pass_rate",
                   "potential_share")
COSTED = 4  # scenarios the cost slide has room for


def title_words(data: ReportData, region: str, h: dict) -> dict:
    lang = data.settings.lang
    kind = "kabupaten" if region == TOTAL_SLUG else data.params.region(region).type
    return {"title": text("deck_title", lang), "region": h["region_name"],
            "for_head": text("deck_briefing_for", lang, head=text(f"deck_head_{kind}", lang),
                             month=month_name(parse_month(h["month"]), lang)),
            "branch": text("deck_branch_province" if h["now"].get("province_level")
                           else "deck_branch", lang)}


def standing_words(h: dict, lang: str) -> dict:
    """Slide 2: the big numbers and their labels; ``flag`` when they rest on the
    illustrative series or on province-level assumptions (else None)."""
    now = h["now"]
    cutoff = month_name(parse_month(now["data_cutoff"]), lang)
    protected = (text("deck_s2_protected", lang, protected=compact(now["protected"]["p50"], lang),
                      wage_earners=compact(now["wage_earners"]["p50"], lang)) + " "
                 if now["wage_earners"]["p50"] else "")
    if now.get("province_level"):  # no data: the model's estimate from assumptions
        flag = text("province_flag", lang)
        said = text("now_province", lang, region=h["region_name"], month=cutoff)
    else:
        flag = text("deck_s2_illustrative", lang) if now["illustrative"] else None
        said = text("now_observed" if now["from_data"] else "now_projected", lang,
                    cutoff=cutoff)
    return {"big": compact(now["active"]["p50"], lang), "active": text("deck_s2_active", lang),
            "flag": flag,
            "coverage": percent(now["coverage"], lang),
            "coverage_line": text("deck_s2_coverage", lang,
                                  pool=compact(now["informal_workers"], lang)),
            "note": protected + said}


def standing_series(data: ReportData, region: str) -> dict:
    """Slide 2's chart: the policy in force's median of active members month by month, and
    what was observed (monthly actuals, or the sourced starting figures) with its legend
    key; plain lists for the PDF and the PowerPoint alike."""
    rows = data.table[(data.table.region == region) & (data.table.metric == "active")
                      & (data.table.scenario == BASELINE)]
    months_seen, values_seen, key = observed_points(data, region)
    lang = data.settings.lang
    return {"months": [parse_month(m) for m in rows.month],
            "projected": [float(v) for v in rows.p50], "title": data.scenario_title(BASELINE),
            "observed_months": list(months_seen), "observed": [float(v) for v in values_seen],
            "observed_key": key,
            "observed_label": text(key, lang, month=month_name(months_seen[-1], lang)
                                   if months_seen else "")}


def options_words(h: dict, lang: str) -> dict:
    """Slide 3: the two column heads and the footnote (naming the scenarios left out
    because they change nothing in the region)."""
    left_out = (" " + text("left_out_note", lang, region=h["region_name"], scenarios="; ".join(
        item["title"] for item in h["left_out"])) if h.get("left_out") else "")
    return {"year_label": text("deck_s3_year", lang, year=h["apbd_year"]),
            "horizon": month_name(parse_month(h["horizon_end"]), lang),
            "note": f"{text('deck_s3_note', lang)} {text('not_a_forecast_short', lang)}"
                    + left_out}


def cost_words(h: dict, lang: str) -> dict:
    """Slide 4: per scenario that spends in the year in focus (at most four), its amount,
    its running year, and the cap, the limit and the cost per worker-year beside it."""
    year = h["apbd_year"]
    spenders = [i for i in h["scenarios"] if i["budget_apbd_year_rp"]["total"] > 0]
    items = []
    for item in spenders[:COSTED]:
        right = []
        if item["limit_apbd_year"]:  # a subsidy programme runs that year
            right += [cap_line(item, lang), text(
                "deck_s4_limit", lang, year=year,
                limit=text(f"limit_{item['limit_apbd_year']}", lang))]
        per_worker = item["cost_per_additional_worker_year_rp"]
        if per_worker:
            right.append(f"{compact_rupiah(per_worker, lang)} "
                         f"{text('deck_s4_per_worker', lang)}")
        items.append({"item": item, "title": item["title"],
                      "amount": compact_rupiah(item["budget_apbd_year_rp"]["total"], lang)
                      + (" *" if item["relief_lowers_apbd_year"] else ""),
                      "running": text("deck_s4_running", lang, year=h["running_year"],
                                      amount=compact_rupiah(item["government_running_year_rp"],
                                                            lang))
                      + (f" · {more}" if (more := _more_than_policy(item, year, lang)) else ""),
                      "more": more,
                      "right": right, "per_worker": bool(per_worker)})
    relief = any(i["relief_lowers_apbd_year"] for i in spenders[:COSTED])
    payers_seen = sorted({payer for item in spenders
                          for payer in item["budget_by_year_and_payer_rp"].get(str(year), {})
                          if payer in GOVERNMENT_PAYERS})
    paid_by = ", ".join(text(f"payer_{p}", lang) for p in payers_seen)
    return {"spenders": spenders, "items": items,
            "heading": text("budget_year", lang, year=year) + (f" · {paid_by}" if paid_by
                                                                else ""),
            "relief": text("deck_s4_relief", lang) if relief else None,
            "nothing": None if items else text("deck_s4_nothing", lang, year=year)}


def _more_than_policy(item: dict, year: int, lang: str) -> str:
    """'APBD 2027: +Rp 203,6 juta dibanding kebijakan yang berlaku' (the index's "on top"
    figure); nothing for the policy in force itself."""
    if item["name"] == BASELINE:
        return ""
    more = item["additional_government_apbd_year_rp"]
    return text("deck_s4_more", lang, year=year, amount=("+" if more > 0 else "")
                + compact_rupiah(more, lang))


def cap_line(item: dict, lang: str) -> str:
    """'pagu Rp 750 juta, hanya untuk bantuan iuran BPU', or 'tanpa pagu'."""
    if not item["cap_rp"]:
        return text("deck_s4_no_cap", lang)
    return text("deck_s4_cap", lang, cap=compact_rupiah(item["cap_rp"], lang))


def family_words(data: ReportData, region: str, h: dict, breakdown=None) -> dict:
    """Slide 5: deaths and benefits under the featured scenario (or the one with the most
    members), against the policy in force, and the death-rate assumption behind them."""
    lang, s = data.settings.lang, data.settings
    featured = featured_scenario(data.params, s.scenarios)
    chosen = next((i for i in h["scenarios"] if i["name"] == featured),
                  max(h["scenarios"], key=lambda i: i["active_end_of_horizon"]["p50"]))
    last = s.horizon_end
    families = chosen["families"]  # the numbers of the report's section 5
    deaths, base = families["deaths"], families["baseline_deaths"]
    code = h["region_code"] or data.regions[0].code
    rate = data.params.parameter("death_rate")
    return {
        "intro": text("deck_s5_line", lang, month=month_name(last, lang),
                      scenario=chosen["title"]),
        "deaths": compact(deaths, lang), "deaths_line": text("deck_s5_deaths", lang),
        # the total, and how much of it the scenario adds: both labelled
        "more": text("deck_s5_more", lang, base=compact(base, lang),
                     extra=compact(max(families["additional_deaths"], 0), lang)),
        "benefits": compact_rupiah(families["benefits_rp"], lang),
        "benefits_line": text("deck_s5_benefits", lang),
        "assumption": text("deck_s5_death_rate", lang, rate=value_text(
            rate.at(code, s.month), rate.unit, rate.null_means, lang)),
        "listing": (listing_line(breakdown, lang) if breakdown is not None
                    else text("deck_s5_no_listing", lang) if h["now"].get("province_level")
                    else text("deck_s5_kelurahan", lang)),
    }


def listing_line(breakdown, lang: str) -> str:
    """'Pendataan November 2019: 971 lolos verifikasi di 27 kelurahan; terbanyak: …', the
    most by what the published rows show (:func:`.listing.top_kelurahan`: a hidden count
    ranks by the least its row allows, so nothing hidden is revealed)."""
    shown = breakdown[breakdown.code.fillna("") != ""]
    total = breakdown[breakdown.kecamatan == TOTAL_LABEL].verified
    verified = count_of(total.iloc[0]) if len(total) else None
    synthetic = " " + text("synthetic_note", lang).strip() if "SINTETIS" in str(
        breakdown.get("data", pd.Series([""])).iloc[0]) else ""
    return text("deck_s5_listing", lang, month=month_name(breakdown.attrs["listing_month"], lang),
                verified=compact(verified, lang) if verified is not None else "–",
                count=len(shown), top=", ".join(top_kelurahan(breakdown))) + synthetic


def step_words(data: ReportData, h: dict) -> dict:
    """Slide 6: the steps, the key assumptions with their units, the owners, the sources."""
    lang = data.settings.lang
    code = h["region_code"] or data.regions[0].code
    assumptions = []
    for name in KEY_ASSUMPTIONS:
        parameter = data.params.parameter(name)
        label = parameter.label_en if lang == "en" else parameter.label_id
        value = value_text(parameter.at(code, data.settings.month), parameter.unit,
                           parameter.null_means, lang, 0)
        assumptions.append(f"{label}: {value}")
    owners = sorted({owner_text(data.params.scenarios[n], lang) for n in data.settings.scenarios})
    version, hash_ = data.settings.code_version, data.params.files_hash[:12]
    if h["now"].get("province_level"):
        facts = province.facts(data, h["region"])
        source = text("deck_source_province", lang, round=facts["round"],
                      province=facts["province"], version=version, hash=hash_)
    else:
        source = text("deck_source", lang, version=version, hash=hash_)
    return {"steps": text("deck_steps", lang).split("|"),
            "heading": text("deck_assumptions", lang), "assumptions": assumptions,
            "owners": f"{text('owner', lang)}: {'; '.join(owners)}",
            "source": source}
