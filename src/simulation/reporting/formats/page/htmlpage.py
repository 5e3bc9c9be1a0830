"""Offline HTML: an executed notebook as a self-contained page, and the month's index.

nbconvert's full templates load require.js and MathJax from a CDN; the ``basic`` template
gives just the cells, which we wrap in a page of our own with inline CSS. Images are
already embedded as base64 by the notebook. Nothing is fetched when the page is opened.
"""

from __future__ import annotations

import html
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from ....months import format_month, parse_month
from ....params import BASELINE
from ...content.outputs import workbook_name
from ...design.web import CONTENT_SECURITY_POLICY, CSS
from ...words.formatting import compact, compact_rupiah, month_name, number, percent
from ...words.markup import sanitise
from ...words.texts import text


def page(title: str, body: str, lang: str, wide: bool = False) -> str:
    main = '<main class="full">' if wide else "<main>"
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f"<body>\n{main}\n{body}\n</main>\n</body>\n</html>\n")


def notebook_page(notebook_path: str | Path, title: str, lang: str) -> str:
    """The executed notebook's outputs (code hidden) as one self-contained page."""
    notebook = nbformat.read(str(notebook_path), as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove-cell"}),
                                   enabled=True)
    body, _ = exporter.from_notebook_node(notebook)
    return page(title, sanitise(body), lang)


def _amount(item: dict | None, which: str, lang: str) -> str:
    """A scenario's government spend in the APBD year ('total') or what it adds to the
    policy in force ('additional'), starred where a relief lowers it; '–' where the
    scenario is not shown for the region."""
    if item is None:
        return "–"
    amount = (item["budget_apbd_year_rp"]["total"] if which == "total"
              else item["additional_government_apbd_year_rp"])
    starred = " *" if item.get("relief_lowers_apbd_year") else ""
    return ("+" if which == "additional" and amount > 0 else "") + compact_rupiah(
        amount, lang) + starred


def index_page(month: int, lang: str, rows: list[dict], summary_href: str | None,
               version: str, params_hash: str, featured: str | None = None) -> str:
    """reports/YYYY-MM/index.html: every region with its headline numbers and links.

    Each row: slug, name, status ('ok' | 'failed'), summary (summary.json content or None),
    has_report (a published report exists, possibly from an earlier good run). Two budget
    columns keep apart what the policy in force already spends (the schemes running) and
    the new money the ``featured`` scenario (``display.featured``) asks for on top."""
    esc = html.escape
    scenario_titles: dict[str, str] = {}
    for row in rows:
        for item in (row["summary"] or {}).get("scenarios", []):
            scenario_titles.setdefault(item["name"], item["title"])
    horizon = next((r["summary"]["horizon_end"] for r in rows if r["summary"]), None)
    apbd_year = next((r["summary"]["apbd_year"] for r in rows if r["summary"]), "")
    horizon_label = (text("active_end_horizon", lang, month=month_name(parse_month(horizon), lang))
                     if horizon else "")
    featured_title = scenario_titles.get(featured, "")
    # two header rows: what is measured over the columns that share it, then each column
    top = [(text("region", lang), 1, 2), (text("active_now", lang), 1, 2),
           (text("coverage_now", lang), 1, 2), (horizon_label, len(scenario_titles), 1),
           (text("budget_year", lang, year=apbd_year), 2, 1), (text("status", lang), 1, 2)]
    second = [*scenario_titles.values(), text("index_policy_budget", lang),
              text("index_new_money", lang, scenario=featured_title or "–")]
    lines = ['<div class="wide"><table class="index">',
             "<tr>" + "".join(f'<th colspan="{c}" rowspan="{r}">{esc(h)}</th>'
                              for h, c, r in top if c) + "</tr>",
             "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in second) + "</tr>"]
    for row in rows:
        summary = row["summary"] or {}
        by_name = {s["name"]: s for s in summary.get("scenarios", [])}
        links = ""
        if row["has_report"]:
            slug = esc(row["slug"])
            links = (f'<br><span class="links"><a href="{slug}/report.html">'
                     f'{esc(text("report_link", lang))}</a> · <a href="{slug}/briefing.pdf">'
                     f'{esc(text("briefing_link", lang))}</a> · <a href="{slug}/'
                     f'{esc(workbook_name(row["slug"], format_month(month)))}">'
                     f'{esc(text("workbook_link", lang))}</a> · <a href="{slug}/report.ipynb">'
                     f'{esc(text("notebook_link", lang))}</a>'
                     + (f' · <a href="{slug}/explorer.html">{esc(text("explorer_link", lang))}'
                        "</a>" if row.get("has_explorer") else "") + "</span>")
        cells = [f"<b>{esc(row['name'])}</b>{links}"]
        if summary:
            flag = (f' <span class="flag">{esc(text("illustrative_flag", lang))}</span>'
                    if summary["now"].get("illustrative") else "")
            if summary["now"].get("province_level"):  # the model's estimate, not data
                flag = f' <span class="flag">{esc(text("province_index_flag", lang))}</span>'

            cells += [number(summary["now"]["active"]["p50"], lang) + flag,
                      percent(summary["now"]["coverage"], lang) + flag]
            cells += [compact(by_name[n]["active_end_of_horizon"]["p50"], lang)
                      if n in by_name else "–" for n in scenario_titles]
            policy, chosen = by_name.get(BASELINE), by_name.get(featured)
            cells += [_amount(policy, "total", lang), _amount(chosen, "additional", lang)]
        else:
            cells += ["–"] * (2 + len(scenario_titles) + 2)
        if row["status"] == "ok":
            status = esc(text("ok", lang))
        else:
            kept = f" ({text('kept_previous', lang)})" if row["has_report"] else ""
            status = f'<span class="status-failed">{esc(text("failed", lang) + kept)}</span>'
        cells.append(status)
        lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines.append("</table></div>")
    title = text("index_title", lang, month=month_name(month, lang))
    assumed = any((r["summary"] or {}).get("now", {}).get("province_level") for r in rows)
    subtitle = text("report_subtitle_national" if assumed else "report_subtitle", lang,
                    month=month_name(month, lang))
    body = [f"<h1>{esc(title)}</h1>", f'<p class="muted">{esc(subtitle)}</p>',
            f"<p>{esc(text('not_a_forecast', lang))}</p>", *lines]
    if any(len((r["summary"] or {}).get("scenarios", [])) < len(scenario_titles)
           for r in rows if r["summary"]):
        body.append(f'<p class="muted">{esc(text("index_left_out_note", lang))}</p>')
    if any((r["summary"] or {}).get("now", {}).get("illustrative") for r in rows):
        body.append(f'<p class="muted">{esc(text("illustrative_index_note", lang))}</p>')
    if assumed:
        body.append(f'<p class="muted">{esc(text("province_index_note", lang))}</p>')
    if any(s.get("relief_lowers_apbd_year") for r in rows
           for s in (r["summary"] or {}).get("scenarios", [])):
        body.append(f'<p class="muted">{esc(text("relief_index_note", lang))}</p>')
    if summary_href:
        folder = summary_href.split("/")[0]
        book = f"{folder}/{workbook_name(folder, format_month(month))}"
        body.append(f'<p><a href="{esc(summary_href)}">{esc(text("summary_link", lang))}</a>'
                    f' · <a href="{esc(book)}">{esc(text("workbook_link", lang))}</a></p>')
    made_by = text("generated_by", lang, version=version, hash=params_hash)
    body.append(f'<p class="muted">{esc(made_by)}</p>')
    return page(title, "\n".join(body), lang, wide=True)
