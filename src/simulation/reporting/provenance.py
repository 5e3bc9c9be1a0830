"""The appendix: every parameter with its value, kind, source and checks; each scenario's
changes; the calibration fit; and the facts of the run."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..engine.summaries import TOTAL_SLUG
from ..params import apply_scenario, check_warnings
from .data import ReportData
from .formatting import month_date, month_name, number, percent, rupiah
from .texts import text

STALE_AFTER_DAYS = 365


def provenance_table(data: ReportData, region: str) -> pd.DataFrame:
    """Every parameter with its value in force at the report month, kind, source and checks."""
    lang, month = data.settings.lang, data.settings.month
    code = data.params.region(region).code if region != TOTAL_SLUG else data.regions[0].code
    as_of = month_date(month + 1) - dt.timedelta(days=1)  # the report month's last day
    warned = {w.key for w in check_warnings(data.params, as_of, STALE_AFTER_DAYS)
              if "last verified" in w.message}
    rows = []
    for parameter in sorted(data.params.parameters.values(),
                            key=lambda p: (p.source_file, p.name)):
        found = parameter.entry_at(code, max(month, parameter.entries[0].month))
        entry, value = found if found else (None, None)
        flags = []
        if parameter.name in warned:
            flags.append(text("stale", lang))
        if parameter.confidence == "low":
            flags.append(text("low_confidence", lang))
        rows.append({
            text("parameter", lang): (parameter.label_en if lang == "en"
                                      else parameter.label_id),
            text("value", lang): value_text(value, parameter.unit, parameter.null_means, lang),
            text("effective", lang): month_name(entry.month, lang) if entry else "–",
            text("kind", lang): text(f"kind_{parameter.kind}", lang),
            text("source", lang): "; ".join(r.text(lang) for r in parameter.references),
            text("last_verified", lang): parameter.last_verified.isoformat(),
            text("flag", lang): ", ".join(flags),
        })
    return pd.DataFrame(rows)


def value_text(value, unit: str, null_means: str | None, lang: str) -> str:
    if value is None:
        return "–"
    if value.central is None:
        return text("no_cap", lang) if unit.startswith("rp") else (null_means or "–")
    per_year = (" / tahun" if lang == "id" else " / year") if unit.endswith("/year") else ""

    def one(x: float) -> str:
        if unit.startswith("rp"):
            return rupiah(x, lang)
        if unit in ("/1", "/month", "/year", "growth/year"):
            return percent(x, lang, 2 if abs(x) < 0.1 else 1)
        return number(x, lang, 0 if float(x).is_integer() else 2)

    if value.is_uncertain:
        return f"{one(value.central)}{per_year} ({one(value.low)}–{one(value.high)})"
    return one(value.central) + per_year


def scenario_changes(data: ReportData, region: str) -> list[tuple[str, str, pd.DataFrame]]:
    """Per scenario: title, description with owner, and its changes for this region."""
    lang = data.settings.lang
    codes = ({r.code for r in data.regions} if region == TOTAL_SLUG
             else {data.params.region(region).code})
    names = {r.code: r.name for r in data.params.regions}
    out = []
    for name in data.settings.scenarios:
        scenario = data.params.scenarios[name]
        applied = apply_scenario(data.params, name)
        rows = []
        for change in scenario.changes:
            parameter = applied.parameter(change.parameter)
            for entry in change.entries:
                values = []
                for code in sorted(codes):
                    value = entry.by_region.get(code, entry.by_region.get("default"))
                    if value is not None:
                        shown = value_text(value, parameter.unit, parameter.null_means, lang)
                        values.append(shown if len(codes) == 1 else f"{names[code]}: {shown}")
                if not values:
                    continue
                rows.append({
                    text("parameter", lang): (parameter.label_en if lang == "en"
                                              else parameter.label_id),
                    text("effective", lang): month_name(entry.month, lang),
                    text("value", lang): "; ".join(values),
                    text("change_reason", lang): change.reason.in_(lang),
                })
        description = (f"{scenario.description.in_(lang)} {text('owner', lang)}: "
                       f"{owner_text(scenario, lang)}.")
        out.append((scenario.title(lang), description, pd.DataFrame(rows)))
    return out


def owner_text(scenario, lang: str) -> str:
    """Who answers for a scenario, or "belum ditetapkan" while nobody is named."""
    return scenario.owner.in_(lang) if scenario.owner else text("owner_unnamed", lang)


def run_facts(data: ReportData, region: str) -> pd.DataFrame:
    lang, s = data.settings.lang, data.settings
    code = data.params.region(region).code if region != TOTAL_SLUG else data.regions[0].code
    facts = [
        (text("data_cutoff", lang), month_name(data.data_cutoff(code), lang)),
        (text("scenario_start", lang), month_name(data.request.start, lang)),
        (text("horizon", lang), month_name(s.horizon_end, lang)),
        (text("draws", lang), number(s.draws, lang)),
        (text("seed", lang), str(s.seed)),
        (text("code_version", lang), s.code_version),
        (text("params_hash", lang), data.params.files_hash[:16]),
    ]
    return pd.DataFrame(facts, columns=[text("parameter", lang), text("value", lang)])


def fit_table(data: ReportData) -> pd.DataFrame | None:
    """The calibration fit and back-test (params/calibrated/fit.json), if there is one."""
    fit = data.fit()
    if fit is None:
        return None
    lang = data.settings.lang
    tests = pd.DataFrame(fit.get("backtest", []))
    names = {r.code: r.name for r in data.params.regions}
    rows = []
    for item in fit["fits"]:
        mine = tests[tests.region == item["region"]] if len(tests) else tests
        rows.append({
            text("region", lang): names.get(item["region"], item["region"]),
            text("fit_months", lang): item["months"],
            "p": f"{item['used']['outside_influence_p']:.4f}",
            "q": f"{item['used']['imitation_q']:.3f}",
            text("fit_stop", lang): percent(item["used"]["self_payer_lapse_rate"], lang),
            text("fit_mape", lang): percent(item["mape_in_sample"], lang),
            text("backtest_model", lang): (percent(mine.mape_model.mean(), lang)
                                           if len(mine) else "–"),
            text("backtest_naive", lang): (percent(mine.mape_naive.mean(), lang)
                                           if len(mine) else "–"),
        })
    table = pd.DataFrame(rows)
    table.attrs["through"] = fit.get("data_through")
    return table
