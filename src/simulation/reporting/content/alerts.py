"""Alerts in plain words: this month's actual against last month's projection."""

from __future__ import annotations

from pathlib import Path

from ... import defaults
from ...engine.inputs import ProjectionRequest
from ...engine.projection import run_scenarios
from ...engine.quantiles import percentiles
from ...engine.summaries import TOTAL_SLUG
from ...intake.store import with_observed_state
from ...months import format_month, parse_month
from ...params import BASELINE
from ..words.formatting import month_name, number
from ..words.markup import markdown_text
from ..words.texts import text
from .data import ReportData


def variance_alert(data: ReportData, region: str) -> str | None:
    """This month's actual against last month's projection (p10–p90 band), as Markdown:
    an alarm (bold) only on real data; on the illustrative series, a note that says so.
    Either way it names the data it rests on."""
    lang, month = data.settings.lang, data.settings.month
    known = data.actuals
    if region == TOTAL_SLUG or known is None or known.empty:
        return None
    if data.province_level(region):  # no monthly data of its own: nothing to check
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
    used = own[own.month.isin([format_month(origin), format_month(month)])]
    illustrative = (used.kind == "illustrative").any()
    store = Path(Path(data.data_dir or "data").name) / defaults.ACTUALS_FILE  # no home path
    basis = markdown_text("alert_basis", lang, store=store.as_posix(),
                 months=f"{month_name(origin, lang)}, {month_name(month, lang)}",
                 kind=text("kind_illustrative_data" if illustrative else "kind_observed_data",
                           lang))
    if not illustrative:  # real figures: say where they came from (file names as given)
        basis += " " + markdown_text("alert_sources", lang,
                            sources=", ".join(sorted(set(used.source.astype(str)))))
    if band[0] <= actual <= band[2]:
        return f"_{markdown_text('variance_ok', lang, **values)} {basis}_"
    if illustrative:  # made-up data: a note, not an alarm
        return f"_{markdown_text('variance_illustrative', lang, **values)} {basis}_"
    return f"**{markdown_text('variance_alert', lang, **values)} {basis}**"
