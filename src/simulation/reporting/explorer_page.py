"""explorer.html: the what-if explorer for the meeting room, offline.

The engine projects a grid of the three levers a regional head asks about (places paid for,
the start month, the package) once, when the monthly run renders the report; the page
holds every result as inline JSON and a few lines of plain JavaScript that show the one the
sliders point at. No kernel, no network (its Content-Security-Policy forbids any load), no
library: it opens from a USB stick.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..engine.metrics import percentiles
from ..files import write_text_atomically
from ..params import BASELINE, apply_scenario, with_scenario
from ..params.schemes import payer_and_package
from .data import ReportData
from .explorer import Levers, document, monthly_price
from .formatting import compact, compact_rupiah, month_name, number, rupiah, value_range
from .htmlpage import CSS, script_source
from .limits import limit_text
from .payers import government_total
from .settings import ReportSettings
from .texts import text

PLACES = (0, 1000, 2500, 5000, 7500, 10_000, 15_000)
START_MONTHS = (0, 3, 6, 9)  # January, April, July, October of the APBD year in focus
PACKAGES = ("bpu_jkk_jkm", "bpu_jht", "pu_jkk_jkm")
GRID_DRAWS = 100
# the one inline script runs by its hash (:func:`.htmlpage.script_source`): any other script,
# or a changed byte of this one, is refused by the browser and by the publish check
PAGE_POLICY = ("default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
               "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")


def grid(data: ReportData, region: str) -> dict:
    """Every combination of the grid, projected from the report's starting state: formatted
    numbers and the median path of active members, plus the policy in force."""
    lang, s = data.settings.lang, data.settings
    year = s.apbd_year
    starts = [m for m in (year * 12 + k for k in START_MONTHS)
              if data.request.start <= m <= s.horizon_end]
    params = data.params
    years = range(year, s.horizon_end // 12 + 1)
    names, cells = [], []
    for places in PLACES:
        for start in starts:
            for package in PACKAGES:
                name = f"kisi-{len(names)}"
                levers = more_places(data.params, region, start, years, places, package)
                params = with_scenario(params, document(levers, data.params, name), "grid")
                names.append(name)
                cells.append(places)
    settings = ReportSettings(s.month, (BASELINE, *names), s.horizon_months, GRID_DRAWS,
                              s.seed, lang, s.code_version)
    runs = ReportData.build(params, (params.region(region),), settings,
                            start=data.request.start, actuals=data.actuals, points=data.points,
                            tidy_table=False)
    end = min(year * 12 + 11, s.horizon_end)
    months = list(range(runs.request.start, s.horizon_end + 1, 3))

    def covered(name: str, chosen: list[int]) -> np.ndarray:
        """p10/p50/p90 by month of BPU members plus the wage earners a government pays for:
        everyone it protects, so that the wage-earner package compares with the BPU ones."""
        per_draw, unit = runs.runs[name].per_draw, runs.unit(region)
        slots = [runs.slot(m) for m in chosen]
        return percentiles(per_draw["active"][:, unit, slots]
                           + per_draw["wage_earner_members"][:, unit, slots])

    def at_end(name: str) -> dict[str, float]:
        return dict(zip(("p10", "p50", "p90"), covered(name, [end])[:, 0], strict=True))

    def path(name: str) -> list[float]:
        return [round(v) for v in covered(name, months)[1]]

    baseline = at_end(BASELINE)

    results = []
    for name, places in zip(names, cells, strict=True):
        active = at_end(name)
        budget = runs.budget[(runs.budget.scenario == name) & (runs.budget.region == region)
                             & (runs.budget.year == year)].iloc[0]
        public = government_total(runs, region, name, year)  # every scheme's, not CSR's
        per_worker = runs.value(name, "cost_per_additional_worker_year_rp", region,
                                s.horizon_end)["p50"]
        results.append({
            "active": value_range(active, lang),
            "more": _signed(active["p50"] - baseline["p50"], lang),
            "budget": compact_rupiah(public, lang),
            "per_worker": "–" if per_worker != per_worker or not places else
            rupiah(per_worker, lang),
            "limit": limit_text(budget, lang) if places else "–",
            "path": path(name)})
    top = max(max(r["path"]) for r in results) * 1.1
    return {"places": [number(p, lang) for p in PLACES],
            "starts": [month_name(m, lang) for m in starts],
            "packages": [text(f"package_{p}", lang) for p in PACKAGES],
            "results": results, "baseline": path(BASELINE),
            "baseline_active": value_range(baseline, lang),
            "months": [month_name(m, lang) for m in months], "top": top,
            "years": [[k, str(m // 12)] for k, m in enumerate(months) if m % 12 < 3],
            "ticks": [[t, compact(t, lang)] for t in _ticks(top)],
            "year": year, "region": params.region(region).name,
            "illustrative": data.now_is_illustrative(region)}


def more_places(params, region: str, start: int, years: range, places: int, package: str
                ) -> Levers:
    """The policy in force with ``places`` more on ``package`` from ``start``: its own
    places, caps and listing kept; a cap raised by what the change costs in a year (the new
    places, and a dearer package for the places already paid for); the listing raised by
    what fills the new places."""
    code = params.region(region).code
    policy = apply_scenario(params, BASELINE)

    def central(name: str, month: int) -> float | None:
        return policy.parameter(name).central(code, month)

    on_pu = package == "pu_jkk_jkm"
    pass_rate = central("verification_pass_rate", start) or 0.5
    quota_name = "wage_earner_quota" if on_pu else "subsidy_quota"
    levers = Levers(region, BASELINE, start, {}, {}, package=package, pass_rate=pass_rate,
                    behaviour={})
    payer, current = payer_and_package(policy.schemes, code, start, policy.terms)
    price = monthly_price(params, levers, start)
    before = monthly_price(params, replace(levers, package=current, payer=payer), start)
    months = {y: max(y * 12, start) for y in years}
    caps = {y: central("subsidy_budget_cap_rp", m) for y, m in months.items()}
    paid = {y: int(central("subsidy_quota", m) or 0) for y, m in months.items()}
    extra = {y: 0 if on_pu else 12 * (places * price + paid[y] * (price - before))
             for y in years}
    lag = int(central("subsidy_lag_months", start) or 0)
    listed = central("subsidy_listed_per_month", start - lag) or 0
    return replace(levers, quota={y: int(central(quota_name, m) or 0) + places
                                  for y, m in months.items()},
                   budget_rp={y: None if caps[y] is None else int(caps[y] + extra[y])
                              for y in years},
                   listed=int(listed) + (0 if on_pu else math.ceil(places / pass_rate)),
                   contacts_per_month=int(central("outreach_contacts_per_month", start) or 0))


def _signed(value: float, lang: str) -> str:
    return ("+" if round(value) > 0 else "") + number(value, lang)


def _ticks(top: float) -> list[float]:
    step = 10 ** math.floor(math.log10(max(top, 1) / 4))
    step *= next(k for k in (1, 2, 2.5, 5, 10) if top / (step * k) <= 6)
    return [step * k for k in range(int(top // step) + 1)]


def page(cells: dict, data: ReportData) -> str:
    """The self-contained page: controls, numbers, an SVG chart, the grid inline."""
    lang, s = data.settings.lang, data.settings
    t = {key: text(f"explorer_{key}", lang, year=cells["year"], region=cells["region"],
                   month=month_name(s.month, lang),
                   cutoff=month_name(data.request.start - 1, lang), draws=GRID_DRAWS,
                   size=len(cells["results"]))
         for key in ("title", "places", "start", "package", "active", "more", "budget",
                     "per_worker", "limit", "precomputed", "baseline", "chosen", "note")}
    # no '<' in the data: neither '</script>' nor '<!--' in a name can end or bend the script
    payload = json.dumps(cells, ensure_ascii=False).replace("<", "\\u003c")
    flag = (f'<p class="flag">{html.escape(text("illustrative_index_note", lang))}</p>'
            if cells["illustrative"] else "")
    esc = html.escape
    controls = "".join(
        f'<label>{esc(t[key])} <b id="{key}-shown"></b><br><input type="range" id="{key}" '
        f'min="0" max="{len(cells[plural]) - 1}" step="1" value="{default}"></label>'
        for key, plural, default in (("places", "places", 3), ("start", "starts", 0),
                                     ("package", "packages", 0)))
    numbers = "".join(f'<tr><th>{esc(t[key])}</th><td id="{key}-value"></td></tr>'
                      for key in ("active", "more", "budget", "per_worker", "limit"))
    words = json.dumps({"baseline": t["baseline"], "chosen": t["chosen"]},
                       ensure_ascii=False).replace("<", "\\u003c")
    script = f"\nconst GRID = {payload};\nconst WORDS = {words};\n{SCRIPT}\n"
    body = f"""<h1>{esc(t['title'])}</h1>
<p class="muted">{esc(t['precomputed'])}</p>{flag}
<div class="controls">{controls}</div>
<table class="numbers">{numbers}</table>
<svg id="chart" viewBox="0 0 900 360" width="100%" role="img"></svg>
<p class="muted">{esc(t['note'])}</p>
<script>{script}</script>"""
    style = (CSS + ".controls label{display:inline-block;width:31%;margin-right:2%;"
             "font-size:16px} input[type=range]{width:100%} table.numbers td{font-size:22px;"
             "font-weight:bold} svg text{font-family:'DejaVu Sans',Arial,sans-serif}")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" '
            f'content="{PAGE_POLICY.format(script=script_source(script))}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(t['title'])}</title>\n<style>{style}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


# plain JavaScript: show the grid cell the sliders point at; draw two lines as SVG
SCRIPT = """
const ids = ["places", "start", "package"];
const lists = {places: GRID.places, start: GRID.starts, package: GRID.packages};
function cell() {
  const [p, s, k] = ids.map(id => Number(document.getElementById(id).value));
  return GRID.results[(p * GRID.starts.length + s) * GRID.packages.length + k];
}
function line(values, colour, dash) {
  const x = i => 110 + i * 760 / (values.length - 1);
  const y = v => 320 - v * 290 / GRID.top;
  const points = values.map((v, i) => x(i).toFixed(1) + "," + y(v).toFixed(1)).join(" ");
  return '<polyline fill="none" stroke="' + colour + '" stroke-width="3" stroke-dasharray="'
    + dash + '" points="' + points + '"/>';
}
function text(x, y, words, anchor) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", "text");
  node.setAttribute("x", x); node.setAttribute("y", y); node.setAttribute("font-size", 14);
  node.setAttribute("text-anchor", anchor || "start"); node.textContent = words;
  return node;
}
function show() {
  const chosen = cell();
  for (const id of ids) {
    document.getElementById(id + "-shown").textContent =
      lists[id][Number(document.getElementById(id).value)];
  }
  for (const key of ["active", "more", "budget", "per_worker", "limit"]) {
    document.getElementById(key + "-value").textContent = chosen[key];
  }
  const chart = document.getElementById("chart");
  chart.innerHTML = GRID.ticks.map(t => '<line x1="110" x2="870" y1="' + (320 - t[0] * 290
    / GRID.top) + '" y2="' + (320 - t[0] * 290 / GRID.top) + '" stroke="#ddd"/>').join("")
    + line(GRID.baseline, "#555555", "6 4") + line(chosen.path, "#0072B2", "");
  for (const t of GRID.ticks) {
    chart.appendChild(text(102, 325 - t[0] * 290 / GRID.top, t[1], "end"));
  }
  for (const [k, year] of GRID.years) {
    chart.appendChild(text(110 + k * 760 / (GRID.months.length - 1), 345, year, "middle"));
  }
  chart.appendChild(text(130, 20, "\\u2014 " + WORDS.chosen));
  chart.appendChild(text(440, 20, "- - " + WORDS.baseline));
}
for (const id of ids) document.getElementById(id).addEventListener("input", show);
show();
"""


def write(data: ReportData, region: str, path: str | Path) -> None:
    """Compute the grid and write the page (atomically)."""
    write_text_atomically(path, page(grid(data, region), data))
