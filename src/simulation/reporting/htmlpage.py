"""Offline HTML: an executed notebook as a self-contained page, and the month's index.

nbconvert's full templates load require.js and MathJax from a CDN; the ``basic`` template
gives just the cells, which we wrap in a page of our own with inline CSS. Images are
already embedded as base64 by the notebook. Nothing is fetched when the page is opened.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from ..months import format_month, parse_month
from .formatting import compact, compact_rupiah, month_name, number, percent
from .markup import sanitise
from .texts import text
from .workbook import file_name as workbook_name

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 17px; line-height: 1.45;
       color: #111; margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 30px; margin: 0.2em 0; } h2 { font-size: 24px; margin-top: 1.6em;
     border-bottom: 2px solid #333; padding-bottom: 4px; } h3 { font-size: 19px; }
table { border-collapse: collapse; margin: 12px 0 20px; font-size: 15px; }
th, td { border: 1px solid #999; padding: 5px 9px; text-align: left; vertical-align: top; }
th { background: #eee; } tr:nth-child(even) td { background: #fafafa; }
img { max-width: 100%; height: auto; }
.jp-OutputPrompt, .jp-InputPrompt, .prompt, .anchor-link { display: none; }
.status-failed { color: #a00000; font-weight: bold; }
.muted { color: #555; font-size: 14px; }
.wide { overflow-x: auto; } table.index { font-size: 14px; }
table.index th { text-align: center; } .links { font-size: 13px; }
main.full { max-width: 1500px; padding: 20px 16px 40px; }
.flag { font-size: 12px; font-weight: bold; color: #7a4a00; white-space: nowrap; }
pre { white-space: pre-wrap; }
@page { margin: 12mm 11mm 14mm; }
@media print {
  body { font-size: 10.5pt; line-height: 1.35; } main, main.full { max-width: none; padding: 0; }
  h1 { font-size: 18pt; } h2 { font-size: 14pt; break-before: page; break-after: avoid; }
  h2[id^="1."] { break-before: auto; } h3 { font-size: 12pt; break-after: avoid; }
  p { orphans: 3; widows: 3; }
  /* a chart is never split, and never taller than a page of A4 or F4 */
  img { break-inside: avoid; max-height: 245mm; object-fit: contain; }
  .jp-OutputArea-output, .output_png { break-inside: avoid; }
  table, table.index { font-size: 8pt; width: 100%; }
  th, td { padding: 2px 4px; } tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .wide { overflow: visible; } a { color: inherit; }
}
"""

# what a page may load: its own inline styles and inline (data:) images, nothing else; no
# script, no frame, no form, no base URL. A meta refresh is not covered by CSP: the body is
# sanitised (:func:`.markup.sanitise`) and :func:`fetched_resources` checks for one.
CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                           "font-src data:; base-uri 'none'; form-action 'none'")
_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "action", "formaction", "background",
                       "codebase", "cite", "longdesc", "manifest", "ping", "xlink:href"}
_CSS_URL = re.compile(r"""(?:url\(|@import)\s*["']?\s*(?!data:)([^"')\s]+)""",
                      re.IGNORECASE)


# what a policy may say about scripts: nothing runs but an inline script whose hash it lists
_SCRIPT_DIRECTIVES = ("default-src", "script-src", "script-src-elem", "script-src-attr")
_HASH_SOURCE = re.compile(r"'sha256-[A-Za-z0-9+/]+={0,2}'")
_UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'",
           "'wasm-unsafe-eval'")
_HEAD_TAGS = ("html", "head", "meta", "title", "style", "script", "noscript", "template",
              "base", "link")


def script_source(script: str) -> str:
    """The CSP source that allows exactly this inline script (its UTF-8 text's sha256), and
    no other: a changed byte and the browser refuses to run it."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _script_hashes(policy: str) -> tuple[set[str], bool]:
    """The script hashes a policy lists, and whether it lets more run (a keyword such as
    'unsafe-inline', a nonce, a host for scripts)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:  # a browser obeys the first of a repeated directive
            directives.setdefault(words[0].lower(), words[1:])
    looser = False
    for name in _SCRIPT_DIRECTIVES:
        for source in directives.get(name, []):
            plain = source.lower()
            if plain == "'none'" or _HASH_SOURCE.fullmatch(source):
                continue
            # default-src may name what other kinds of content load, not how scripts run
            looser = looser or name != "default-src" or plain in _UNSAFE or plain.startswith(
                "'nonce-")
    listed = next((directives[name] for name in ("script-src-elem", "script-src",
                                                  "default-src") if name in directives), [])
    return {s for s in listed if _HASH_SOURCE.fullmatch(s)}, looser


class _ResourceFinder(HTMLParser):
    """Everything in a page that a browser would load or run by itself (links are not)."""

    def __init__(self, inline_scripts: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        # the explorer page's own script is allowed: one whose hash the page's policy lists
        self.inline_scripts = inline_scripts
        self._in_style = False
        self._script: list[str] | None = None  # the text of an inline script being read
        self._policies: list[set[str]] = []  # each policy's script hashes (all must allow)
        self._in_head = True  # a policy in a meta tag counts only in the head

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        where = self.get_starttag_text()[:120]
        own_script = tag == "script" and self.inline_scripts and not values
        if tag in ("script", "iframe", "frame", "object", "embed", "base", "applet",
                   "link") and not own_script:
            self.found.append(where)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append(where)
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            hashes, looser = _script_hashes(values.get("content", ""))
            if looser:
                self.found.append(where)  # a policy that lets other scripts run
            if self._in_head:
                self._policies.append(hashes)
        self._in_head = self._in_head and tag in _HEAD_TAGS  # anything else opens the body
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(where)  # an event handler is script
            elif name in _LOADING_ATTRIBUTES or (name == "href" and tag != "a"):
                if _loads(value, name == "srcset"):
                    self.found.append(where)
            elif (_runs_script(name, value)
                  or (name == "style" and _CSS_URL.search(value))):
                self.found.append(where)
        self._in_style = tag == "style"
        self._script = [] if own_script else None

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_URL.search(data):
            self.found.append(data[:120])
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        self._in_head = self._in_head and tag != "head"
        if tag == "script" and self._script is not None:
            source = script_source("".join(self._script))
            if not self._policies or any(source not in hashes for hashes in self._policies):
                self.found.append(f"<script> {source[1:20]}… not listed in the page's policy")
            self._script = None

    def close(self) -> None:
        super().close()
        if self._script is not None:  # a script left open runs to the end of the page
            self.found.append("<script> not closed")


def _runs_script(name: str, value: str) -> bool:
    return name == "href" and value.strip().lower().startswith(("javascript:", "vbscript:"))


def _loads(value: str, is_list: bool) -> bool:
    """A URL (or srcset list) that loads anything other than inline data or a fragment."""
    for candidate in re.split(r",\s+", value) if is_list else [value]:
        url = candidate.strip().split(" ")[0].strip().lower()
        if url and not url.startswith(("data:", "#")):
            return True
    return False


def fetched_resources(page: str, inline_scripts: bool = False) -> list[str]:
    """What the page would fetch or run when opened: scripts (``inline_scripts``: all but
    an inline script, without attributes, whose sha256 the page's own policy lists), a
    policy that lets other scripts run, frames, event handlers, a meta refresh, any
    non-inline src/srcset/data/poster, CSS url() or @import."""
    finder = _ResourceFinder(inline_scripts)
    finder.feed(page)
    finder.close()
    return finder.found


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


def index_page(month: int, lang: str, rows: list[dict], summary_href: str | None,
               version: str, params_hash: str, featured: str | None = None) -> str:
    """reports/YYYY-MM/index.html: every region with its headline numbers and links.

    Each row: slug, name, status ('ok' | 'failed'), summary (summary.json content or None),
    has_report (a published report exists, possibly from an earlier good run). The budget
    column shows the ``featured`` scenario (its file says ``display.featured``)."""
    esc = html.escape
    scenario_titles: dict[str, str] = {}
    for row in rows:
        for item in (row["summary"] or {}).get("scenarios", []):
            scenario_titles.setdefault(item["name"], item["title"])
    horizon = next((r["summary"]["horizon_end"] for r in rows if r["summary"]), None)
    apbd_year = next((r["summary"]["apbd_year"] for r in rows if r["summary"]), "")
    horizon_label = (text("active_end_horizon", lang, month=month_name(parse_month(horizon), lang))
                     if horizon else "")
    running_year = next((r["summary"].get("running_year") for r in rows if r["summary"]), "")
    featured_title = scenario_titles.get(featured, "")
    # two header rows: what is measured over the columns that share it, then each column
    top = [(text("region", lang), 1, 2), (text("active_now", lang), 1, 2),
           (text("coverage_now", lang), 1, 2), (horizon_label, len(scenario_titles), 1),
           (featured_title or text("budget", lang), 2, 1), (text("status", lang), 1, 2)]
    second = [*scenario_titles.values(), text("budget_year", lang, year=apbd_year),
              text("running_cost", lang, year=running_year)]
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
            cells += [number(summary["now"]["active"]["p50"], lang) + flag,
                      percent(summary["now"]["coverage"], lang) + flag]
            cells += [compact(by_name[n]["active_end_of_horizon"]["p50"], lang)
                      if n in by_name else "–" for n in scenario_titles]
            combined = by_name.get(featured)
            starred = " *" if combined and combined.get("relief_lowers_apbd_year") else ""
            cells += ([compact_rupiah(combined["budget_apbd_year_rp"]["total"], lang) + starred,
                       compact_rupiah(combined["government_running_year_rp"], lang)]
                      if combined else ["–", "–"])
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
    body = [f"<h1>{esc(title)}</h1>",
            f'<p class="muted">{esc(text("report_subtitle", lang, month=month_name(month, lang)))}'
            "</p>", f"<p>{esc(text('not_a_forecast', lang))}</p>", *lines]
    if any((r["summary"] or {}).get("now", {}).get("illustrative") for r in rows):
        body.append(f'<p class="muted">{esc(text("illustrative_index_note", lang))}</p>')
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
