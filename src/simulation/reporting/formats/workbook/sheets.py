"""The Excel workbook beside each report, for budget officers pasting into the RKA: real
numbers with Rupiah and count formats (Excel shows them in the reader's locale), frozen
headers, and sheets that print landscape on A4, fit to the page width.

Sheets: the APBD cost per year and payer of each scenario, the monthly projection
(p10/p50/p90), the subsidy funnel, the parameter appendix with sources and kinds, and a
sheet saying which numbers are illustrative or assumed. Text from files is written as text
and never as a formula (a leading = + - @ gets a quote, OWASP's advice).
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ....files import neutralised, write_atomically
from ...content.data import ReportData
from ...content.office import budget_rows, caveat_rows, funnel_rows, projection_rows
from ...content.provenance import provenance_table
from ...words.formatting import month_date, month_name
from ...words.texts import text

RUPIAH = '"Rp "#,##0'
COUNT = "#,##0"
SHARE = "0.0%"
MONTH = "mmm yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
WIDTH = 16  # a column's width where none is given, in characters
SCENARIO = 48  # a scenario's title: the shipped ones on one line, longer ones wrap
LINE = 15.0  # points a line of 11-point text takes (Excel's default row height)
TALLEST = 409.0  # points: Excel's highest row
# characters of text a column holds per unit of its width (the width of a digit), erring
# on the side of a taller row (a wide letter is wider than a digit): fewer in bold; an
# indented cell loses some two to its indent
PER_UNIT = {False: 1.0, True: 0.9}
INDENT = 1


def lines_needed(value, width: float, bold: bool = False, indent: int = 0) -> int:
    """How many lines a wrapped cell of ``width`` characters shows ``value`` in (words
    move to the next line whole, as Excel wraps them; a word longer than the line is
    cut)."""
    if not isinstance(value, str) or not value:
        return 1
    room = max(int(width * PER_UNIT[bold]) - 1 - 2 * indent, 1)
    return sum(max(len(textwrap.wrap(part, room, break_long_words=True,
                                     break_on_hyphens=False)), 1)
               for part in value.split("\n"))


def row_height(values: list, widths: list[float], bold: bool = False, indent: int = 0
               ) -> float:
    """Points a row needs to show every wrapped text of ``values`` in full."""
    lines = max((lines_needed(v, w, bold, indent)
                 for v, w in zip(values, widths, strict=False)), default=1)
    return min(TALLEST, math.ceil(lines * LINE + 2))


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list],
           formats: dict[int, str] | None = None, widths: dict[int, int] | None = None
           ) -> Worksheet:
    """A sheet of ``rows`` under a bold ``header``: every text wraps within its column and
    each row is as tall as its longest text (in print too, where nothing is cut off);
    numbers keep their formats; the header repeats on every printed page."""
    sheet = book.create_sheet(title[:31])
    sizes = [(widths or {}).get(column, WIDTH) for column in range(1, len(header) + 1)]
    for column, size in enumerate(sizes, 1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    sheet.append([neutralised(h) for h in header])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = row_height(header, sizes, bold=True)
    for row in rows:
        values = [neutralised(v) for v in row]
        sheet.append(values)
        if any(isinstance(v, str) for v in values):
            number = sheet.max_row
            # a row's cells line up at its top; a text keeps clear of a number to its left
            for cell, value in zip(sheet[number], values, strict=False):
                cell.alignment = (Alignment(wrap_text=True, vertical="top", horizontal="left",
                                            indent=INDENT) if isinstance(value, str)
                                  else Alignment(vertical="top"))
            sheet.row_dimensions[number].height = row_height(values, sizes, indent=INDENT)
    for column, number_format in (formats or {}).items():
        for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell[0].number_format = number_format
    return a4_table(sheet)


def a4_table(sheet):
    """A table sheet as offices print it: header row frozen and repeated on every page,
    A4 landscape, as wide as the page."""
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    return sheet


def build(data: ReportData, region: str) -> Workbook:
    lang = data.settings.lang
    book = Workbook()
    book.remove(book.active)
    _budget_sheet(book, data, region, lang)
    _projection_sheet(book, data, region, lang)
    _funnel_sheet(book, data, region, lang)
    _appendix_sheet(book, data, region, lang)
    _caveats_sheet(book, data, region, lang)
    return book


def _budget_sheet(book, data, region, lang) -> None:
    rows = [[r.scenario, r.payer, r.year, r.months, r.rupiah, r.limit]
            for r in budget_rows(data, region)]
    _sheet(book, text("xl_budget", lang),
           [text("scenario", lang), text("payer", lang), text("year", lang),
            text("xl_months", lang), text("xl_rupiah_p50", lang), text("h_limits", lang)],
           rows, {3: "0", 4: "0", 5: RUPIAH}, {1: SCENARIO, 2: 32, 5: 20, 6: 30})


def _projection_sheet(book, data, region, lang) -> None:
    rows = [[r.scenario, month_date(r.month), r.active_p10, r.active_p50, r.active_p90,
             r.subsidised_p50, r.coverage_p50] for r in projection_rows(data, region)]
    _sheet(book, text("xl_projection", lang),
           [text("scenario", lang), text("month_axis", lang), text("xl_active_p10", lang),
            text("xl_active_p50", lang), text("xl_active_p90", lang),
            text("xl_subsidised_p50", lang), text("xl_coverage_p50", lang)],
           rows, {2: MONTH, 3: COUNT, 4: COUNT, 5: COUNT, 6: COUNT, 7: SHARE}, {1: SCENARIO})


def _funnel_sheet(book, data, region, lang) -> None:
    rows = [[r.scenario, r.listed, r.verified, r.enrolled, r.subsidised_at_end]
            for r in funnel_rows(data, region)] or [[text("no_funnel", lang)]]  # say so
    _sheet(book, text("xl_funnel", lang),
           [text("scenario", lang), text("listed", lang), text("verified", lang),
            text("enrolled", lang),
            text("still_subsidised", lang, month=month_name(data.settings.horizon_end, lang))],
           rows, {2: COUNT, 3: COUNT, 4: COUNT, 5: COUNT}, {1: SCENARIO, 5: 24})


def _appendix_sheet(book, data, region, lang) -> None:
    table = provenance_table(data, region)
    _sheet(book, text("xl_appendix", lang), list(table.columns),
           table.astype(str).values.tolist(), None, {1: 30, 2: 30, 5: 70})


def _caveats_sheet(book, data, region, lang) -> None:
    rows = [[r.what, r.kind, r.why] for r in caveat_rows(data, region)]
    _sheet(book, text("xl_caveats", lang),
           [text("xl_what", lang), text("kind", lang), text("xl_why", lang)], rows, None,
           {1: 44, 2: 16, 3: 90})


def write(data: ReportData, region: str, path: str | Path) -> Path:
    """Build the region's workbook (or the branch's) and write it atomically."""
    book = build(data, region)
    write_atomically(path, lambda temporary: book.save(temporary))
    return Path(path)
