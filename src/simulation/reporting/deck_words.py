"""What the briefing deck says, slide by slide, as plain strings: the PDF deck
(:mod:`.briefing`) and the editable PowerPoint (:mod:`.deck_pptx`) lay out the same words,
so neither computes them on its own."""

from __future__ import annotations

import pandas as pd

from ..engine.summaries import TOTAL_SLUG
from ..intake.suppression import TOTAL_LABEL
from ..months import parse_month
from ..params import BASELINE, featured_scenario
from .data import ReportData
from .formatting import compact, compact_rupiah, month_name, percent
from .provenance import owner_text, value_text
from .texts import text

KEY_ASSUMPTIONS = ("self_payer_lapse_rate", "retention_after_subsidy", "verification_pass_rate",
                   "potential_share")
COSTED = 4  # scenarios the cost slide has room for


def title_words(data: ReportData, region: str, h: dict) -> dict:
    lang = data.settings.lang
    kind = "kabupaten" if region == TOTAL_SLUG else data.params.region(region).type
    return {"title": text("deck_title", lang), "region": h["region_name"],
            "for_head": text("deck_briefing_for", lang, head=text(f"deck_head_{kind}", lang),
                             month=month_name(parse_month(h["month"]), lang)),
            "branch": text("deck_branch", lang)}


def standing_words(h: dict, lang: str) -> dict:
    """Slide 2: the big numbers and their labels; ``flag`` when they rest on the
    illustrative series (else None)."""
    now = h["now"]
    cutoff = month_name(parse_month(now["data_cutoff"]), lang)
    return {"big": compact(now["active"]["p50"], lang), "active": text("deck_s2_active", lang),
            "flag": text("deck_s2_illustrative", lang) if now["illustrative"] else None,
            "coverage": percent(now["coverage"], lang),
            "coverage_line": text("deck_s2_coverage", lang,
                                  pool=compact(now["informal_workers"], lang)),
            "note": text("now_observed" if now["from_data"] else "now_projected", lang,
                         cutoff=cutoff)}


def options_words(h: dict, lang: str) -> dict:
    """Slide 3: the two column heads and the footnote."""
    return {"year_label": text("deck_s3_year", lang, year=h["apbd_year"]),
            "horizon": month_name(parse_month(h["horizon_end"]), lang),
            "note": f"{text('deck_s3_note', lang)} {text('not_a_forecast_short', lang)}"}


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
                                                            lang)),
                      "right": right, "per_worker": bool(per_worker)})
    relief = any(i["relief_lowers_apbd_year"] for i in spenders[:COSTED])
    return {"spenders": spenders, "items": items,
            "relief": text("deck_s4_relief", lang) if relief else None}


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
    first, last = s.month + 1, s.horizon_end
    deaths = data.cumulative(chosen["name"], "expected_deaths", region, first, last)["p50"]
    base = data.cumulative(BASELINE, "expected_deaths", region, first, last)["p50"]
    benefits = data.cumulative(chosen["name"], "benefits_rp", region, first, last)["p50"]
    code = h["region_code"] or data.regions[0].code
    rate = data.params.parameter("death_rate")
    return {
        "intro": text("deck_s5_line", lang, month=month_name(last, lang),
                      scenario=chosen["title"]),
        "deaths": compact(deaths, lang), "deaths_line": text("deck_s5_deaths", lang),
        # the total, and how much of it the scenario adds: both labelled
        "more": text("deck_s5_more", lang, base=compact(base, lang),
                     extra=compact(max(deaths - base, 0), lang)),
        "benefits": compact_rupiah(benefits, lang),
        "benefits_line": text("deck_s5_benefits", lang),
        "assumption": text("deck_s5_death_rate", lang, rate=value_text(
            rate.at(code, s.month), rate.unit, rate.null_means, lang)),
        "listing": (text("deck_s5_kelurahan", lang) if breakdown is None
                    else listing_line(breakdown, lang)),
    }


def listing_line(breakdown, lang: str) -> str:
    """'Pendataan November 2019: 971 lolos verifikasi di 27 kelurahan; terbanyak: …'."""
    shown = breakdown[breakdown.code.fillna("") != ""]
    numbers = pd.to_numeric(shown.verified, errors="coerce").fillna(0)
    top = shown.assign(n=numbers).sort_values("n", ascending=False).kelurahan.head(3)
    total = breakdown[breakdown.kecamatan == TOTAL_LABEL].verified
    verified = pd.to_numeric(total, errors="coerce").iloc[0] if len(total) else float("nan")
    synthetic = " " + text("synthetic_note", lang).strip() if "SINTETIS" in str(
        breakdown.get("data", pd.Series([""])).iloc[0]) else ""
    return text("deck_s5_listing", lang, month=month_name(breakdown.attrs["listing_month"], lang),
                 verified=compact(verified, lang) if verified == verified else "–",
                 count=len(shown),
                 top=", ".join(top)) + synthetic


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
    return {"steps": text("deck_steps", lang).split("|"),
            "heading": text("deck_assumptions", lang), "assumptions": assumptions,
            "owners": f"{text('owner', lang)}: {'; '.join(owners)}",
            "source": text("deck_source", lang, version=data.settings.code_version,
                           hash=data.params.files_hash[:12])}
