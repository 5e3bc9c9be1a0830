"""What a district report and the regional summary show, as plain data and tables.

Notebooks call these functions; charts are in :mod:`simulation.charts`. Everything is
computed from the parameters, the report month, the seed and the code: no wall-clock
time, so the same inputs give the same numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__
from .actuals import load_store, with_observed_state
from .errors import InputError, Problem
from .formatting import compact, compact_rupiah, month_date, month_name, number, percent, rupiah
from .months import format_month, parse_month, year_of
from .params import ParamSet, Region, check_warnings, load_params
from .projection import (
    DEFAULT_START,
    TOTAL_SLUG,
    ProjectionRequest,
    ScenarioRun,
    annual_budget,
    percentiles,
    run_scenarios,
    tidy,
)
from .scenarios import BASELINE, apply_scenario, scenario_names
from .texts import text

FIRST_REPORT_MONTH = parse_month(DEFAULT_START) - 1  # the first month with a starting state
ACTUALS_FILE = Path("actuals") / "actuals.csv"
STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class ReportSettings:
    """The parameters of a report notebook, checked."""

    month: int
    scenarios: tuple[str, ...]
    horizon_months: int
    draws: int
    seed: int
    lang: str
    code_version: str = __version__

    @property
    def horizon_end(self) -> int:
        return self.month + self.horizon_months

    @property
    def apbd_year(self) -> int:
        """The APBD year a report speaks of: this one, or next year's from December on."""
        return year_of(self.month) + (1 if self.month % 12 == 11 else 0)


def settings_from(params: ParamSet, month: str, scenarios: str | list[str], horizon_months: int,
                  draws: int, seed: int, lang: str, code_version: str | None = None
                  ) -> ReportSettings:
    """Validate notebook parameters; bad ones are :class:`InputError` naming the parameter."""
    problems = []
    month_index = parse_month(month, "month")
    if month_index < FIRST_REPORT_MONTH:
        problems.append(Problem("month", "", month, f"{format_month(FIRST_REPORT_MONTH)} or "
                                "later (the first month with a starting state)"))
    if lang not in ("id", "en"):
        problems.append(Problem("lang", "", lang, "'id' or 'en'"))
    if not 1 <= int(horizon_months) <= 240:
        problems.append(Problem("horizon_months", "", horizon_months, "1 to 240 months"))
    if problems:
        raise InputError(problems)
    text_scenarios = scenarios if isinstance(scenarios, str) else ",".join(scenarios)
    names = scenario_names(params, text_scenarios, "scenarios")
    names = [BASELINE, *[n for n in names if n != BASELINE]]
    return ReportSettings(month_index, tuple(names), int(horizon_months), int(draws), int(seed),
                          lang, code_version or __version__)


@dataclass(frozen=True)
class ReportData:
    """One projection for the regions of a report, kept per draw for cumulative figures."""

    params: ParamSet
    settings: ReportSettings
    regions: tuple[Region, ...]
    request: ProjectionRequest
    runs: dict[str, ScenarioRun]
    table: pd.DataFrame
    budget: pd.DataFrame
    actuals: pd.DataFrame = field(default_factory=pd.DataFrame)  # the store, up to the month

    @classmethod
    def build(cls, params: ParamSet, regions: tuple[Region, ...], settings: ReportSettings,
              start: int | None = None, actuals: pd.DataFrame | None = None) -> ReportData:
        """Project to the horizon from ``start``; by default from the month after the latest
        actuals at or before the report month (nowcasting), else from the shipped state."""
        known = pd.DataFrame() if actuals is None else actuals[
            actuals.month <= format_month(settings.month)]
        if len(known):
            params = with_observed_state(params, known)
            if start is None:
                latest = [max((m for r, m in zip(known.region, known.month, strict=True)
                               if r == region.code), default=None) for region in regions]
                if all(latest):
                    start = parse_month(min(latest)) + 1
        start = parse_month(DEFAULT_START) if start is None else start
        request = ProjectionRequest(settings.scenarios, regions, start,
                                    settings.horizon_end - start + 1, settings.draws,
                                    settings.seed)
        runs = run_scenarios(params, request)
        return cls(params, settings, regions, request, runs, tidy(runs, request),
                   annual_budget(runs, request), known)

    # ------------------------------------------------------------ lookups

    def slot(self, month: int) -> int:
        return month - (self.request.start - 1)

    def unit(self, region: str) -> int:
        slugs = [r.slug for r in self.regions]
        return len(slugs) if region == TOTAL_SLUG else slugs.index(region)

    def value(self, scenario: str, metric: str, region: str, month: int) -> dict[str, float]:
        """p10/p50/p90 of a metric at the end of a month."""
        array = self.runs[scenario].per_draw[metric][:, self.unit(region), self.slot(month)]
        return dict(zip(("p10", "p50", "p90"), percentiles(array[:, None])[:, 0], strict=True))

    def cumulative(self, scenario: str, metric: str, region: str, first: int, last: int
                   ) -> dict[str, float]:
        """p10/p50/p90 of a monthly flow summed over months first..last, per draw."""
        array = self.runs[scenario].per_draw[metric][:, self.unit(region),
                                                     self.slot(first):self.slot(last) + 1]
        return dict(zip(("p10", "p50", "p90"),
                        percentiles(array.sum(axis=1)[:, None])[:, 0], strict=True))

    def data_cutoff(self, region_code: str) -> int:
        """The latest observed membership figure in force at the report month."""
        found = self.params.parameter("active_bpu").entry_at(region_code, self.settings.month)
        return found[0].month if found else self.request.start - 1

    def scenario_title(self, name: str) -> str:
        return self.params.scenarios[name].title(self.settings.lang)


def load_report_data(params_dir: str, regions: str | None, month: str, scenarios, horizon_months,
                     draws, seed, lang, code_version=None, data_dir=None) -> ReportData:
    """Everything a report shows; monthly actuals are read from DATA_DIR/actuals/."""
    params = load_params(params_dir)
    settings = settings_from(params, month, scenarios, horizon_months, draws, seed, lang,
                             code_version)
    store = load_store(Path(data_dir) / ACTUALS_FILE) if data_dir else None
    return ReportData.build(params, params.regions_from(regions, "region"), settings,
                            actuals=store)


# ---------------------------------------------------------------- headline and summary


def headline(data: ReportData, region: str) -> dict:
    """The numbers of section 1 and of summary.json, machine-readable."""
    s = data.settings
    year_end = min(s.apbd_year * 12 + 11, s.horizon_end)
    code = "" if region == TOTAL_SLUG else data.params.region(region).code
    cutoff = data.data_cutoff(code or data.regions[0].code)
    scenarios = []
    for name in s.scenarios:
        budget = data.budget[(data.budget.scenario == name) & (data.budget.region == region)
                             & (data.budget.year == s.apbd_year)]
        row = budget.iloc[0] if len(budget) else None
        cap = None if row is None or pd.isna(row.cap_rp) else int(row.cap_rp)
        scenarios.append({
            "name": name,
            "title": data.scenario_title(name),
            "active_end_of_apbd_year": _rounded(data.value(name, "active", region, year_end)),
            "active_end_of_horizon": _rounded(data.value(name, "active", region, s.horizon_end)),
            "subsidised_end_of_horizon": _rounded(
                data.value(name, "active_subsidised", region, s.horizon_end)),
            "budget_apbd_year_rp": {
                "subsidy": int(row.subsidy_rp_p50) if row is not None else 0,
                "outreach": int(row.outreach_rp_p50) if row is not None else 0,
                "total": int(row.subsidy_rp_p50 + row.outreach_rp_p50) if row is not None else 0,
            },
            "cap_rp": cap,
            "cap_binds_month": (row.cap_binds_month if row is not None
                                and isinstance(row.cap_binds_month, str) else None),
            "additional_active_end_of_horizon": _rounded(
                data.value(name, "additional_active", region, s.horizon_end)),
            "cost_per_additional_worker_year_rp": _whole(data.value(
                name, "cost_per_additional_worker_year_rp", region, s.horizon_end)["p50"]),
        })
    now = data.value(BASELINE, "active", region, s.month)
    return {
        "region": region,
        "region_code": code,
        "region_name": _region_name(data, region),
        "month": format_month(s.month),
        "apbd_year": s.apbd_year,
        "apbd_year_end": format_month(year_end),
        "horizon_end": format_month(s.horizon_end),
        "now": {
            "active": _rounded(now),
            "coverage": round(float(data.value(BASELINE, "coverage", region, s.month)["p50"]), 6),
            "informal_workers": round(float(data.value(BASELINE, "pool", region,
                                                       s.month)["p50"])),
            "from_data": s.month <= data.request.start - 1,
            "data_cutoff": format_month(cutoff),
        },
        "scenarios": scenarios,
    }


def _rounded(values: dict[str, float]) -> dict[str, int]:
    return {k: _whole(v) for k, v in values.items()}


def _whole(value: float) -> int | None:
    return None if value is None or np.isnan(value) else int(round(float(value)))


def _region_name(data: ReportData, region: str) -> str:
    if region == TOTAL_SLUG:
        return "Cabang Madiun" if data.settings.lang == "id" else "Madiun branch"
    return data.params.region(region).name


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


# ---------------------------------------------------------------- tables shown in reports


def headline_text(data: ReportData, region: str) -> str:
    """Section 1 as Markdown, in the report's language."""
    lang = data.settings.lang
    h = headline(data, region)
    now = h["now"]
    note_key = "now_observed" if now["from_data"] else "now_projected"
    cutoff = month_name(parse_month(now["data_cutoff"]), lang)
    lines = [
        f"**{text('active_now', lang)}: {number(now['active']['p50'], lang)}** · "
        f"{text('coverage_now', lang)}: **{percent(now['coverage'], lang)}** "
        f"({text('informal_workers', lang).lower()}: {number(now['informal_workers'], lang)})",
        "",
        f"_{text(note_key, lang, cutoff=cutoff)} {text('not_a_forecast', lang)}_",
    ]
    return "\n".join(lines)


def headline_table(data: ReportData, region: str) -> pd.DataFrame:
    lang, s = data.settings.lang, data.settings
    h = headline(data, region)
    rows = []
    for item in h["scenarios"]:
        rows.append({
            text("scenario", lang): item["title"],
            text("active_end_year", lang, year=s.apbd_year):
                _range(item["active_end_of_apbd_year"], lang),
            text("active_end_horizon", lang, month=month_name(s.horizon_end, lang)):
                _range(item["active_end_of_horizon"], lang),
            text("budget_year", lang, year=s.apbd_year):
                compact_rupiah(item["budget_apbd_year_rp"]["total"], lang),
        })
    return pd.DataFrame(rows)


def _range(values: dict, lang: str) -> str:
    if values["p10"] == values["p90"]:
        return number(values["p50"], lang)
    return (f"{number(values['p50'], lang)} ({number(values['p10'], lang)}–"
            f"{number(values['p90'], lang)})")


def budget_table(data: ReportData, region: str) -> pd.DataFrame:
    """Section 3: APBD spend (subsidy + outreach, p50) per year for each scenario that spends,
    the cap, and the first month it binds."""
    lang = data.settings.lang
    first_year = year_of(data.settings.month + 1)
    budget = data.budget[(data.budget.region == region) & (data.budget.year >= first_year)]
    rows = []
    for name in data.settings.scenarios:
        own = budget[budget.scenario == name]
        spend = own.subsidy_rp_p50 + own.outreach_rp_p50
        if not spend.any():
            continue
        row = {text("scenario", lang): data.scenario_title(name)}
        for year, amount in zip(own.year, spend, strict=True):
            row[str(year)] = compact_rupiah(amount, lang) if amount else "–"
        caps = own.cap_rp.dropna()
        row[text("cap", lang)] = (compact_rupiah(caps.iloc[0], lang) if len(caps)
                                  else text("no_cap", lang))
        binds = own.cap_binds_month.dropna()
        row[text("cap_binds", lang)] = (month_name(parse_month(binds.iloc[0]), lang)
                                        if len(binds) else text("never", lang))
        rows.append(row)
    return pd.DataFrame(rows).fillna("–")


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
            "subsidised_at_end": data.value(name, "active_subsidised", region, last)["p50"],
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
    """Section 5: what each scenario adds against the baseline, from the report month on."""
    lang, s = data.settings.lang, data.settings
    first, last = s.month + 1, s.horizon_end
    rows = []
    for name in s.scenarios:
        public = {k: a + b for (k, a), b in zip(
            data.cumulative(name, "subsidy_rp", region, first, last).items(),
            data.cumulative(name, "outreach_rp", region, first, last).values(), strict=True)}
        rows.append({
            text("scenario", lang): data.scenario_title(name),
            text("additional_active", lang, month=month_name(last, lang)):
                _range(_rounded(data.value(name, "additional_active", region, last)), lang),
            text("public_cost", lang, first=month_name(first, lang), last=month_name(last, lang)):
                compact_rupiah(public["p50"], lang),
            text("cost_per_worker_year", lang): rupiah(data.value(
                name, "cost_per_additional_worker_year_rp", region, last)["p50"], lang),
            text("crowd_out", lang): number(data.cumulative(name, "crowd_out", region, first,
                                                            last)["p50"], lang),
            text("expected_deaths", lang): number(data.cumulative(
                name, "expected_deaths", region, first, last)["p50"], lang),
            text("benefits", lang): compact_rupiah(data.cumulative(
                name, "benefits_rp", region, first, last)["p50"], lang),
        })
    return pd.DataFrame(rows)


def kelurahan_breakdown(data: ReportData, region: str, data_dir: str | Path
                        ) -> pd.DataFrame | None:
    """The newest published pendataan aggregates for the region (None if there are none)."""
    from .pendataan import latest_aggregates

    if region == TOTAL_SLUG or not data_dir:
        return None
    return latest_aggregates(Path(data_dir) / "pendataan", region, data.settings.month)


def kelurahan_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = table[table.code.fillna("") != ""]
    return pd.DataFrame({
        "Kecamatan": shown.kecamatan, "Kelurahan": shown.kelurahan,
        text("listed", lang): shown.listed, text("verified", lang): shown.verified,
        text("already_covered", lang): shown.already_covered,
        text("rejected", lang): shown.rejected,
    })


def observed_points(data: ReportData, region: str) -> tuple[list[int], list[float], str]:
    """Months and values of what was observed for a region (or the branch total), and the
    legend key: monthly actuals where the store has them, else the sourced starting figures
    (October 2019, an estimated split)."""
    codes = ([data.params.region(region).code] if region != TOTAL_SLUG
             else [r.code for r in data.regions])
    known = data.actuals
    if known is not None and len(known) and set(codes) <= set(known.region):
        rows = known[known.region.isin(codes)].groupby("month").active.sum()
        key = ("actuals_illustrative" if (known.kind == "illustrative").any()
               else "actuals_label")
        return [parse_month(m) for m in rows.index], rows.astype(float).tolist(), key
    parameter = data.params.parameter("active_bpu")
    months = sorted({e.month for e in parameter.entries if e.origin == "baseline"
                     and e.month <= data.settings.month})
    values = [sum((parameter.entry_at(c, m) or (None, None))[1].central or 0 for c in codes)
              for m in months]
    return months, values, "start_point"


def variance_alert(data: ReportData, region: str) -> str | None:
    """This month's actual against last month's projection (p10–p90 band), in words."""
    lang, month = data.settings.lang, data.settings.month
    known = data.actuals
    if region == TOTAL_SLUG or known is None or known.empty:
        return None
    code = data.params.region(region).code
    own = known[known.region == code]
    now = own[own.month == format_month(month)]
    before = own[own.month < format_month(month)]
    if now.empty or before.empty:
        return None
    origin = parse_month(before.month.max())
    params = with_observed_state(data.params, known[known.month <= format_month(origin)])
    request = ProjectionRequest((BASELINE,), (data.params.region(region),), origin + 1,
                                month - origin, max(data.settings.draws, 200), data.settings.seed)
    runs = run_scenarios(params, request)
    band = percentiles(runs[BASELINE].per_draw["active"][:, 0, -1:])[:, 0]
    actual = float(now.active.iloc[0])
    values = {"month": month_name(month, lang), "actual": number(actual, lang),
              "low": number(band[0], lang), "high": number(band[2], lang),
              "origin": month_name(origin, lang)}
    illustrative = (known.kind == "illustrative").any()
    suffix = text("illustrative_note", lang) if illustrative else ""
    if band[0] <= actual <= band[2]:
        return text("variance_ok", lang, **values) + suffix
    return text("variance_alert", lang, **values) + suffix


def fit_table(data: ReportData, params_dir: str | Path) -> pd.DataFrame | None:
    """The calibration fit and back-test (params/calibrated/fit.json), if there is one."""
    path = Path(params_dir) / "calibrated" / "fit.json"
    if not path.is_file():
        return None
    fit = json.loads(path.read_text(encoding="utf-8"))
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


# ---------------------------------------------------------------- provenance


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
            text("value", lang): _value_text(value, parameter.unit, parameter.null_means, lang),
            text("effective", lang): month_name(entry.month, lang) if entry else "–",
            text("kind", lang): text(f"kind_{parameter.kind}", lang),
            text("source", lang): "; ".join(str(r) for r in parameter.references),
            text("last_verified", lang): parameter.last_verified.isoformat(),
            text("flag", lang): ", ".join(flags),
        })
    return pd.DataFrame(rows)


def _value_text(value, unit: str, null_means: str | None, lang: str) -> str:
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
                        shown = _value_text(value, parameter.unit, parameter.null_means, lang)
                        values.append(shown if len(codes) == 1 else f"{names[code]}: {shown}")
                if not values:
                    continue
                rows.append({
                    text("parameter", lang): (parameter.label_en if lang == "en"
                                              else parameter.label_id),
                    text("effective", lang): month_name(entry.month, lang),
                    text("value", lang): "; ".join(values),
                    text("change_reason", lang): change.reason,
                })
        description = f"{scenario.description} {text('owner', lang)}: {scenario.owner}."
        out.append((scenario.title(lang), description, pd.DataFrame(rows)))
    return out


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


# ---------------------------------------------------------------- regional summary


def regional_table(data: ReportData) -> pd.DataFrame:
    """The six regions side by side: now, and each scenario at the horizon."""
    lang, s = data.settings.lang, data.settings
    rows = []
    for slug in [r.slug for r in data.regions] + ([TOTAL_SLUG] if len(data.regions) > 1
                                                  else []):
        h = headline(data, slug)
        row = {
            text("region", lang): h["region_name"],
            text("active_now", lang): number(h["now"]["active"]["p50"], lang),
            text("coverage_now", lang): percent(h["now"]["coverage"], lang),
        }
        for item in h["scenarios"]:
            row[f"{item['title']} ({month_name(s.horizon_end, lang)})"] = compact(
                item["active_end_of_horizon"]["p50"], lang)
        rows.append(row)
    return pd.DataFrame(rows)
