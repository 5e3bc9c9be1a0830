"""overview.html: the regions' and the provinces' tables, sortable by a click on a column
heading (a small script of our own, allowed by its hash in the page's
Content-Security-Policy and nothing else); every text escaped (see :mod:`.overview`)."""

from __future__ import annotations

import html

from ..reporting.design.web import CSS, script_source
from ..reporting.words.formatting import compact_rupiah, month_name, number, percent
from ..reporting.words.texts import text
from .overview_model import BOOK_FILE, Overview, ProvinceTotal, Row, published_text, schemes_text
from .overview_texts import say

PAGE_POLICY = ("default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
               "img-src data:; base-uri 'none'; form-action 'none'")
STYLE = (CSS + " table.sortable th{cursor:pointer;user-select:none}"
         " table.sortable th[aria-sort=ascending]::after{content:' \\25B2'}"
         " table.sortable th[aria-sort=descending]::after{content:' \\25BC'}"
         " td.n{text-align:right;white-space:nowrap} tfoot td{font-weight:bold}"
         # the schemes and the published count run long: room for them, in smaller type,
         # so that every column fits the page instead of a narrow, very tall column
         " #regions td:nth-child(6),#regions td:nth-child(7){min-width:15em;max-width:24em;"
         "font-size:12.5px;white-space:normal}"
         " #regions{font-size:13px}")
# sorts a table by the column whose heading is clicked (or chosen with Enter): numbers by
# value, texts in the page's language; empty cells last either way; the totals stay below
SCRIPT = """
(function () {
  var lang = document.documentElement.lang || undefined;
  function key(cell, kind) {
    var value = cell ? cell.getAttribute("data-sort") : null;
    if (value === null || value === "") { return null; }
    return kind === "number" ? parseFloat(value) : value;
  }
  function sortBy(table, heading) {
    var column = heading.cellIndex, kind = heading.getAttribute("data-kind");
    var up = heading.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column], kind), y = key(b.cells[column], kind);
      if (x === null || y === null) { return (x === null) - (y === null); }
      var order = kind === "number" ? x - y : x.localeCompare(y, lang);
      return up ? order : -order;
    });
    var headings = table.tHead.rows[0].cells;
    for (var i = 0; i < headings.length; i++) { headings[i].removeAttribute("aria-sort"); }
    heading.setAttribute("aria-sort", up ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading) {
      heading.addEventListener("click", function () { sortBy(table, heading); });
      heading.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, heading);
        }
      });
    });
  });
})();
"""


def _cell(shown: str, sort: object, numeric: bool = False) -> str:
    value = "" if sort is None else (repr(float(sort)) if numeric else str(sort))
    kind = ' class="n"' if numeric else ""
    return f'<td{kind} data-sort="{html.escape(value)}">{shown}</td>'


def _heading(label: str, kind: str) -> str:
    return f'<th data-kind="{kind}" tabindex="0" scope="col">{html.escape(label)}</th>'


def _amount(value: int | None, relief: bool, lang: str) -> str:
    if value is None:
        return "–"
    return html.escape(compact_rupiah(value, lang) + (" *" if relief else ""))


def _published(row: Row, lang: str) -> str:
    """The counts published about a region, newest first, each with its source linked
    (an http(s) address only; every text escaped); empty where there is none."""
    said = []
    for item in reversed(row.published):
        source = html.escape(item.source or say("ov_source", lang))
        if item.url:
            source = (f'<a href="{html.escape(item.url)}" rel="noopener noreferrer">'
                      f"{source}</a>")
        said.append(f"{html.escape(published_text(item, lang))} · {source}")
    return "<br>".join(said)


def _budget_headings(found: Overview) -> list[str]:
    year, lang = found.apbd_year or "", found.lang
    labels = [say("ov_cost", lang, year=year, scenario=found.baseline_title)]
    if found.featured:
        labels.append(say("ov_cost", lang, year=year, scenario=found.featured_title))
    return [_heading(label, "number") for label in labels]


def _region_row(row: Row, found: Overview) -> str:
    lang, esc, region = found.lang, html.escape, row.region
    name = esc(region.name)
    if row.has_report:
        name = f'<a href="{esc(region.slug)}/report.html">{name}</a>'
    flags = ""
    if row.assumed:
        flags += f' <span class="flag">{esc(say("ov_assumed", lang))}</span>'
    if row.illustrative:
        flags += f' <span class="flag">{esc(text("illustrative_flag", lang))}</span>'
    if region.status != "ok":
        kept = f" ({text('kept_previous', lang)})" if row.has_report else ""
        flags += f' <span class="status-failed">{esc(text("failed", lang) + kept)}</span>'
    schemes = schemes_text(row, lang)
    cells = [_cell(f"<b>{name}</b>{flags}", region.name.casefold()),
             _cell(esc(region.code), region.code), _cell(esc(region.province), region.province),
             _cell(number(row.active, lang) if row.active is not None else "–", row.active, True),
             _cell(percent(row.coverage, lang) if row.coverage is not None else "–",
                   row.coverage, True),
             _cell(esc(schemes), schemes.casefold()),
             _cell(_published(row, lang),
                   row.published[-1].count if row.published else None, True),
             _cell(_amount(row.baseline_rp, row.baseline_relief, lang), row.baseline_rp, True)]
    if found.featured:
        cells.append(_cell(_amount(row.featured_rp if row.featured_shown else None,
                                   row.featured_relief, lang),
                           row.featured_rp if row.featured_shown else None, True))
    return "<tr>" + "".join(cells) + "</tr>"


def _province_row(total: ProvinceTotal, found: Overview) -> str:
    lang = found.lang
    values = [(html.escape(total.name), total.name.casefold(), False),
              (html.escape(total.code), total.code, False),
              (number(total.regions, lang), total.regions, True),
              (number(total.assumed, lang), total.assumed, True),
              (number(total.active, lang), total.active, True),
              (number(total.informal, lang), total.informal, True),
              (percent(total.coverage, lang) if total.coverage is not None else "–",
               total.coverage, True),
              (_amount(total.baseline_rp, False, lang), total.baseline_rp, True)]
    if found.featured:
        values.append((_amount(total.featured_rp, False, lang), total.featured_rp, True))
    return "<tr>" + "".join(_cell(shown, sort, numeric) for shown, sort, numeric in values) \
        + "</tr>"


def page_html(found: Overview, version: str = "") -> str:
    """overview.html: the regions' table and the provinces' table, sortable, offline."""
    lang, esc = found.lang, html.escape
    title = say("ov_title", lang, month=month_name(found.month, lang))
    region_heads = [_heading(text("region", lang), "text"), _heading(say("ov_code", lang), "text"),
                    _heading(say("ov_province", lang), "text"),
                    _heading(text("active_now", lang), "number"),
                    _heading(text("coverage_now", lang), "number"),
                    _heading(say("ov_schemes", lang), "text"),
                    _heading(say("ov_published", lang), "number"), *_budget_headings(found)]
    province_heads = [_heading(say("ov_province", lang), "text"),
                      _heading(say("ov_code", lang), "text"),
                      _heading(say("ov_regions_count", lang), "number"),
                      _heading(say("ov_assumed_count", lang), "number"),
                      _heading(text("active_now", lang), "number"),
                      _heading(text("informal_workers", lang), "number"),
                      _heading(text("coverage_now", lang), "number"), *_budget_headings(found)]
    body = [f"<h1>{esc(title)}</h1>",
            f"<p>{esc(say('ov_intro', lang, year=found.apbd_year or ''))}</p>",
            f"<p>{esc(text('not_a_forecast', lang))}</p>",
            f"<p><a href=\"{BOOK_FILE}\">{esc(say('ov_workbook', lang))}</a></p>",
            f"<h2>{esc(say('ov_h_regions', lang))}</h2>",
            '<div class="wide"><table class="index sortable" id="regions">',
            "<thead><tr>" + "".join(region_heads) + "</tr></thead><tbody>",
            *(_region_row(row, found) for row in found.rows), "</tbody></table></div>"]
    notes = []
    if any(r.assumed for r in found.rows):
        notes.append(say("ov_assumed_note", lang))
    if any(r.published for r in found.rows):
        notes.append(say("ov_published_note", lang))
    if found.featured and any(r.active is not None and not r.featured_shown
                              for r in found.rows):
        notes.append(say("ov_left_out_note", lang))
    if any(r.illustrative for r in found.rows):
        notes.append(text("illustrative_index_note", lang))
    if any(r.baseline_relief or (found.featured and r.featured_relief) for r in found.rows):
        notes.append(text("relief_index_note", lang))
    if any(r.active is None for r in found.rows):
        notes.append(f"– : {say('ov_no_numbers', lang)}")
    body += [f'<p class="muted">{esc(note)}</p>' for note in notes]
    body += [f"<h2>{esc(say('ov_h_provinces', lang))}</h2>",
             '<div class="wide"><table class="index sortable" id="provinces">',
             "<thead><tr>" + "".join(province_heads) + "</tr></thead><tbody>",
             *(_province_row(p, found) for p in found.provinces), "</tbody><tfoot>",
             _province_row(found.total, found), "</tfoot></table></div>",
             f'<p class="muted">{esc(say("ov_province_note", lang))}</p>']
    if version:
        body.append(f'<p class="muted">jamsos {esc(version)}</p>')
    policy = PAGE_POLICY.format(script=script_source(SCRIPT))
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            f'<body>\n<main class="full">\n' + "\n".join(body)
            + f"\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
