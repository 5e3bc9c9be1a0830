"""explorer.html: the what-if explorer for the meeting room, offline.

The numbers come from :mod:`...content.whatif_grid`, computed once when the monthly run
renders the report, from the report's own projection; this module only lays them out. The
page holds every result as inline JSON and a few lines of plain JavaScript that show the one
the controls point at. No kernel, no network (its Content-Security-Policy forbids any load),
no library: it opens from a USB stick.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

from ....files import write_text_atomically
from ...content import province
from ...content.data import ReportData
from ...content.whatif_grid import Grid, Option, grid
from ...design.web import CSS, script_source
from ...words.formatting import compact, compact_rupiah, month_name, number, rupiah, value_range
from ...words.texts import text

# the one inline script runs by its hash (:func:`..design.web.script_source`): any other script,
# or a changed byte of this one, is refused by the browser and by the publish check
PAGE_POLICY = ("default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
               "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
NUMBERS = ("active", "more", "budget", "per_worker", "limit")


def shown(option: Option, lang: str) -> dict:
    """One choice's numbers as the page writes them."""
    return {"active": value_range(option.protected, lang),
            "more": _signed(option.more, lang),
            "budget": compact_rupiah(option.budget_rp, lang),
            "per_worker": "–" if option.per_worker_rp is None else rupiah(option.per_worker_rp,
                                                                          lang),
            "limit": option.limit,
            "path": [round(v) for v in option.path]}


def cells(found: Grid, lang: str) -> dict:
    """The page's data: every choice formatted, the chart's scale and labels."""
    results = [shown(c, lang) for c in found.cells]
    scenarios = [{"title": title, **shown(o, lang)} for _, title, o in found.scenarios]
    baseline = shown(found.baseline, lang)
    top = max(max(r["path"]) for r in [*results, *scenarios, baseline]) * 1.1
    return {"places": [number(p, lang) for p in found.places],
            "starts": [month_name(m, lang) for m in found.starts],
            "packages": [text(f"package_{p}", lang) for p in found.packages],
            "results": results, "scenarios": scenarios, "baseline": baseline["path"],
            "baseline_active": baseline["active"],
            "months": [month_name(m, lang) for m in found.months], "top": top,
            "years": [[k, str(m // 12)] for k, m in enumerate(found.months) if m % 12 < 3],
            "ticks": [[t, compact(t, lang)] for t in _ticks(top)]}


def _signed(value: float, lang: str) -> str:
    return ("+" if round(value) > 0 else "") + number(value, lang)


def _ticks(top: float) -> list[float]:
    step = 10 ** math.floor(math.log10(max(top, 1) / 4))
    step *= next(k for k in (1, 2, 2.5, 5, 10) if top / (step * k) <= 6)
    return [step * k for k in range(int(top // step) + 1)]


def page(found: Grid, data: ReportData) -> str:
    """The self-contained page: controls, numbers, an SVG chart, the grid inline."""
    lang, s = data.settings.lang, data.settings
    payload_cells = cells(found, lang)
    t = {key: text(f"explorer_{key}", lang, year=found.apbd_year, region=found.region_name,
                   month=month_name(s.month, lang),
                   cutoff=month_name(data.request.start - 1, lang), draws=found.draws,
                   size=len(found.cells) + len(found.scenarios))
         for key in ("title", "places", "start", "package", "active", "more", "budget",
                     "per_worker", "limit", "precomputed", "baseline", "chosen", "note",
                     "option", "option_places", "chart")}
    esc = html.escape
    # no '<' in the data: neither '</script>' nor '<!--' in a name can end or bend the script
    payload = json.dumps(payload_cells, ensure_ascii=False).replace("<", "\\u003c")
    flag = (f'<p class="flag">{esc(text("illustrative_index_note", lang))}</p>'
            if found.illustrative else "")
    assumed = province.statement(data, found.region)  # a region outside the tree
    if assumed:  # no data there: the grid starts from the province-level assumption
        t["precomputed"] = text("explorer_precomputed_province", lang, month=month_name(
            s.month, lang), cutoff=month_name(data.data_cutoff(data.params.region(
                found.region).code), lang), draws=found.draws,
            size=len(found.cells) + len(found.scenarios))
        flag += (f'<p class="muted"><b>{esc(text("province_flag", lang))}.</b> {esc(assumed)} '
                 f'{esc(province.now_note(data, found.region))}</p>')
    in_force = ""
    if found.in_force is not None:
        payer, package = found.in_force
        in_force = '<p class="muted">{}</p>'.format(esc(text(
            "explorer_in_force", lang, package=text(f"package_{package}", lang),
            payer=text(f"payer_{payer}", lang))))
    choices = "".join(
        f'<option value="{k}">{esc(words)}</option>' for k, words in enumerate(
            [t["option_places"], *(text("explorer_option_scenario", lang, title=c["title"])
                                   for c in payload_cells["scenarios"])]))
    option = (f'<label class="option">{esc(t["option"])}<br><select id="option">{choices}'
              "</select></label>")
    controls = "".join(
        f'<label>{esc(t[key])} <b id="{key}-shown"></b><br><input type="range" id="{key}" '
        f'min="0" max="{len(payload_cells[plural]) - 1}" step="1" value="{default}"></label>'
        for key, plural, default in (("places", "places", 3), ("start", "starts", 0),
                                     ("package", "packages", 0)))
    numbers = "".join(f'<tr><th>{esc(t[key])}</th><td id="{key}-value"></td></tr>'
                      for key in NUMBERS)
    words = json.dumps({"baseline": t["baseline"], "chosen": t["chosen"]},
                       ensure_ascii=False).replace("<", "\\u003c")
    script = f"\nconst GRID = {payload};\nconst WORDS = {words};\n{SCRIPT}\n"
    body = f"""<h1>{esc(t['title'])}</h1>
<p class="muted">{esc(t['precomputed'])}</p>{flag}{in_force}
{option}
<div class="controls">{controls}</div>
<table class="numbers">{numbers}</table>
<svg id="chart" viewBox="0 0 900 360" width="100%" role="img"
 aria-label="{esc(t['chart'])}"></svg>
<p class="muted">{esc(t['note'])}</p>
<script>{script}</script>"""
    style = (CSS + ".controls label{display:inline-block;width:31%;margin-right:2%;"
             "font-size:16px;vertical-align:bottom} input[type=range]{width:100%}"
             " table.numbers td{font-size:22px;font-weight:bold}"
             " svg text{font-family:'DejaVu Sans',Arial,sans-serif}"
             " label.option{display:block;margin:10px 0 14px;font-size:16px}"
             " select{font-size:16px;max-width:100%} input:disabled{opacity:0.4}")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" '
            f'content="{PAGE_POLICY.format(script=script_source(script))}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(t['title'])}</title>\n<style>{style}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


# plain JavaScript: show the choice the controls point at; draw two lines as SVG
SCRIPT = """
const ids = ["places", "start", "package"];
const lists = {places: GRID.places, start: GRID.starts, package: GRID.packages};
const option = document.getElementById("option");
function cell() {
  const chosen = Number(option.value);
  if (chosen > 0) return GRID.scenarios[chosen - 1];
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
  const sliders = Number(option.value) === 0;
  for (const id of ids) {
    const control = document.getElementById(id);
    control.disabled = !sliders;
    document.getElementById(id + "-shown").textContent =
      sliders ? lists[id][Number(control.value)] : "\\u2013";
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
option.addEventListener("change", show);
show();
"""


def write(data: ReportData, region: str, path: str | Path) -> None:
    """Compute the grid (content) and write the page (atomically)."""
    write_text_atomically(path, page(grid(data, region), data))
