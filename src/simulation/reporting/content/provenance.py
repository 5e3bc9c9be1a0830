"""The appendix: every parameter with its value, kind, source and checks; each scenario's
changes; the calibration fit; and the facts of the run."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ...engine.summaries import TOTAL_SLUG
from ...params import apply_scenario, check_warnings
from ..words.formatting import date_text, month_date, month_name, number, percent, rupiah
from ..words.markup import inline
from ..words.texts import text
from . import province
from .data import ReportData

STALE_AFTER_DAYS = 365


def provenance_table(data: ReportData, region: str) -> pd.DataFrame:
    """Every parameter with its value in force at the report month (or its dated schedule
    where the value changes before the horizon), kind, source and checks."""
    lang, month, last = data.settings.lang, data.settings.month, data.settings.horizon_end
    code = data.params.region(region).code if region != TOTAL_SLUG else data.regions[0].code
    as_of = month_date(month + 1) - dt.timedelta(days=1)  # the report month's last day
    warned = {w.key for w in check_warnings(data.params, as_of, STALE_AFTER_DAYS)
              if "last verified" in w.message}
    rows = []
    for parameter in sorted(data.params.parameters.values(),
                            key=lambda p: (p.source_file, p.name)):
        if province.left_out_of_appendix(data, region, parameter):
            continue
        steps = schedule(parameter, code, max(month, parameter.entries[0].month), last)
        found = parameter.entry_at(code, max(month, parameter.entries[0].month))
        kind, source = (province.appendix_origin(data, region, parameter, found)
                        or origin_of(data, found[0] if found else None, lang))
        flags = []
        if parameter.name in warned:
            flags.append(text("stale", lang))
        if parameter.confidence == "low":
            flags.append(text("low_confidence", lang))
        rows.append({
            text("parameter", lang): (parameter.label_en if lang == "en"
                                      else parameter.label_id),
            text("value", lang): schedule_text(steps, parameter, lang) or "–",
            text("effective", lang): month_name(steps[0][0], lang) if steps else "–",
            text("kind", lang): kind or text(f"kind_{parameter.kind}", lang),
            text("source", lang): source or "; ".join(r.text(lang)
                                                      for r in parameter.references),
            text("last_verified", lang): date_text(
                province.last_verified(data, region, found) or parameter.last_verified, lang),
            text("flag", lang): ", ".join(flags),
        })
    return pd.DataFrame(rows)


def origin_of(data: ReportData, entry, lang: str) -> tuple[str | None, str | None]:
    """Kind and source of a value laid over a parameter's own (by a scheme in force, the
    monthly actuals or a published count); (None, None) for the parameter file's own."""
    if entry is None:
        return None, None
    if entry.origin == "actuals":
        illustrative = data.now_is_illustrative(data.regions[0].slug)
        kind = text("kind_illustrative_data" if illustrative else "kind_observed_data", lang)
        return kind, text("from_actuals", lang, month=month_name(entry.month, lang))
    if entry.origin == "published":
        return text("kind_published", lang), text("from_published", lang,
                                                   month=month_name(entry.month, lang))
    for scheme in data.params.schemes:
        if entry.origin == f"scheme:{scheme.name}":
            # its APBD year: the one starting nearest (a listing is laid a lag before it)
            year = min(scheme.years, key=lambda y: abs(y.start - entry.month))
            return (text(f"kind_{year.kind}", lang),
                    f"{scheme.title(lang)} ({year.year}): {year.source.in_(lang)}")
    return None, None


def schedule(parameter, code: str, first: int, last: int) -> list[tuple[int, object]]:
    """(month it took effect, value) for the value in force in ``first`` and every change
    up to ``last``; a dated entry that repeats the value before it is no change."""
    steps: list[tuple[int, object]] = []
    starts = [first] + sorted({e.month for e in parameter.entries if first < e.month <= last})
    for month in starts:
        found = parameter.entry_at(code, month)
        if found is None:
            continue
        entry, value = found
        if not steps or steps[-1][1] != value:
            steps.append((entry.month if month == first else month, value))
    return steps


def schedule_text(steps: list[tuple[int, object]], parameter, lang: str) -> str:
    """One value, or 'April 2026: 50,0% → Januari 2027: 0,00%' where it changes."""
    if len(steps) == 1:
        return value_text(steps[0][1], parameter.unit, parameter.null_means, lang)
    return " → ".join(f"{month_name(month, lang)}: "
                      f"{value_text(value, parameter.unit, parameter.null_means, lang)}"
                      for month, value in steps)


# what follows a number, by unit: a monthly rate must not read as a yearly one
UNIT_SUFFIX = {
    "/month": {"id": " / bulan", "en": " / month"},
    "rp/month": {"id": " / bulan", "en": " / month"},
    "person/month": {"id": " orang / bulan", "en": " people / month"},
    "/year": {"id": " / tahun", "en": " / year"},
    "growth/year": {"id": " / tahun", "en": " / year"},
    "rp/year": {"id": " / tahun", "en": " / year"},
    "month": {"id": " bulan", "en": " months"},
    "years": {"id": " tahun", "en": " years"},
    "multiple": {"id": " ×", "en": " ×"},
    "person": {"id": " orang", "en": " people"},
}


def value_text(value, unit: str, null_means: str | None, lang: str,
               digits: int | None = None) -> str:
    """A parameter's value with its unit in words: '5,00% / bulan (2,00%–8,00%)', '2 bulan'."""
    if value is None:
        return "–"
    if value.central is None:
        return text("no_cap", lang) if unit.startswith("rp") else (null_means or "–")
    suffix = UNIT_SUFFIX.get(unit, {}).get(lang, "")

    def one(x: float) -> str:
        if unit.startswith("rp"):
            return rupiah(x, lang)
        if unit in ("/1", "/month", "/year", "growth/year"):
            return percent(x, lang, digits if digits is not None else 2 if abs(x) < 0.1 else 1)
        return number(x, lang, 0 if float(x).is_integer() else 2)

    if value.is_uncertain:
        return f"{one(value.central)}{suffix} ({one(value.low)}–{one(value.high)})"
    return one(value.central) + suffix


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
        changes = [(change, applied.parameter(change.parameter)) for change in scenario.changes]
        changes += [(change, None) for change in scenario.terms]  # payer and package
        for change, parameter in changes:
            for entry in change.entries:
                values = []
                for code in sorted(codes):
                    value = entry.by_region.get(code, entry.by_region.get("default"))
                    if value is not None:
                        shown = (terms_text(value, lang) if parameter is None else
                                 value_text(value, parameter.unit, parameter.null_means, lang))
                        values.append(shown if len(codes) == 1 else f"{names[code]}: {shown}")
                if not values:
                    continue
                label = (text("payer_and_package", lang) if parameter is None else
                         parameter.label_en if lang == "en" else parameter.label_id)
                rows.append({
                    text("parameter", lang): label,
                    text("effective", lang): month_name(entry.month, lang),
                    text("value", lang): "; ".join(values),
                    text("change_reason", lang): change.reason.in_(lang),
                })
        description = (f"{inline(scenario.description.in_(lang))} {text('owner', lang)}: "
                       f"{inline(owner_text(scenario, lang))}.")  # Markdown: file text escaped
        out.append((scenario.title(lang), description, pd.DataFrame(rows)))
    return out


def terms_text(terms: tuple[str, str], lang: str) -> str:
    """'APBD kabupaten/kota · BPU JKK + JKM + JHT'."""
    payer, package = terms
    return f"{text(f'payer_{payer}', lang)} · {text(f'package_{package}', lang)}"


def owner_text(scenario, lang: str) -> str:
    """Who answers for a scenario, or "belum ditetapkan" while nobody is named."""
    return scenario.owner.in_(lang) if scenario.owner else text("owner_unnamed", lang)


def run_facts(data: ReportData, region: str) -> pd.DataFrame:
    lang, s = data.settings.lang, data.settings
    code = data.params.region(region).code if region != TOTAL_SLUG else data.regions[0].code
    cutoff = month_name(data.data_cutoff(code), lang)
    facts = [
        (text("data_cutoff", lang), text("province_cutoff", lang, month=cutoff)
         if province.applies(data, region) else cutoff),
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
    table.attrs["through"] = date_text(fit.get("data_through") or "", lang)
    return table
