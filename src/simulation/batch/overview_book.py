"""overview.xlsx: the national overview as a workbook for budget officers.

A sheet of every region (real numbers with count, share and Rupiah formats, an autofilter
and a frozen header), a sheet per province summing its regions (with the total of all
below), and a sheet of notes saying which figures are province-level assumptions. Every
sheet prints landscape on A4, fit to the page width, the header on every page. Text from
files (region, province and scheme names, scenario titles) is written as text, never as a
formula (:func:`simulation.files.neutralised`).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..files import neutralised
from ..reporting.formats.workbook.sheets import COUNT, HEADER_FILL, RUPIAH, SHARE, a4_table
from ..reporting.words.texts import text
from .overview_model import Overview, ProvinceTotal, Row, published_text, schemes_text
from .overview_texts import say


def _budget_headers(found: Overview) -> list[str]:
    year, lang = found.apbd_year or "", found.lang
    headers = [say("ov_cost", lang, year=year, scenario=found.baseline_title)]
    if found.featured:
        headers.append(say("ov_cost", lang, year=year, scenario=found.featured_title))
    return headers


def _sheet(book: Workbook, title: str, header: list[str], widths: list[int]) -> Worksheet:
    sheet = book.create_sheet(neutralised(title)[:31])
    sheet.append([neutralised(h) for h in header])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return a4_table(sheet)


def _append(sheet: Worksheet, values: list, formats: dict[int, str], bold: bool = False
            ) -> None:
    sheet.append([neutralised(v) for v in values])
    for column, cell in enumerate(sheet[sheet.max_row], 1):
        if column in formats:
            cell.number_format = formats[column]
        if isinstance(cell.value, str):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)


def _published(row: Row, lang: str) -> str:
    """The counts published about the region, newest first, each with its source and its
    address; empty where there is none."""
    return "; ".join(f"{published_text(p, lang)}, {say('ov_source', lang)}: "
                     + (f"{p.source} ({p.url})" if p.url else p.source or "–")
                     for p in reversed(row.published))


def _regions_sheet(book: Workbook, found: Overview) -> Worksheet:
    lang = found.lang
    header = [text("region", lang), say("ov_code", lang), say("ov_province", lang),
              say("ov_basis", lang), text("active_now", lang), text("informal_workers", lang),
              text("coverage_now", lang), say("ov_schemes", lang), say("ov_published", lang),
              *_budget_headers(found), say("ov_status", lang), say("ov_report_file", lang)]
    money = range(10, 10 + len(_budget_headers(found)))
    formats = {5: COUNT, 6: COUNT, 7: SHARE, **{c: RUPIAH for c in money}}
    widths = [30, 9, 24, 24, 16, 16, 12, 40, 50, *[22] * len(money), 12, 32]
    sheet = _sheet(book, say("ov_sheet_regions", lang), header, widths)
    for row in found.rows:
        region = row.region
        values = [region.name, region.code, region.province,
                  say("ov_assumed" if row.assumed else "ov_branch_data", lang),
                  row.active, row.informal, row.coverage,
                  schemes_text(row, lang),
                  _published(row, lang), row.baseline_rp]
        if found.featured:
            values.append(row.featured_rp if row.featured_shown else None)
        values += [text("ok", lang) if region.status == "ok" else text("failed", lang),
                   f"{region.slug}/report.html" if row.has_report else ""]
        _append(sheet, values, formats)
        newest = row.published[-1] if row.published else None
        if newest is not None and newest.url:  # the newest count's source, one click away
            sheet.cell(sheet.max_row, 9).hyperlink = newest.url
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.max_row}"
    return sheet


def _province_values(total: ProvinceTotal, found: Overview) -> list:
    values = [total.name, total.code, total.regions, total.assumed, total.active,
              total.informal, total.coverage, total.baseline_rp]
    return values + ([total.featured_rp] if found.featured else [])


def _provinces_sheet(book: Workbook, found: Overview) -> Worksheet:
    lang = found.lang
    budgets = _budget_headers(found)
    header = [say("ov_province", lang), say("ov_code", lang), say("ov_regions_count", lang),
              say("ov_assumed_count", lang), text("active_now", lang),
              text("informal_workers", lang), text("coverage_now", lang), *budgets]
    formats = {3: COUNT, 4: COUNT, 5: COUNT, 6: COUNT, 7: SHARE,
               **{c: RUPIAH for c in range(8, 8 + len(budgets))}}
    sheet = _sheet(book, say("ov_sheet_provinces", lang), header,
                   [30, 9, 12, 16, 16, 16, 12, *[22] * len(budgets)])
    for total in found.provinces:
        _append(sheet, _province_values(total, found), formats)
    sheet.append([])  # the total of every region, apart from the provinces
    _append(sheet, _province_values(found.total, found), formats, bold=True)
    return sheet


def _notes_sheet(book: Workbook, found: Overview) -> Worksheet:
    lang = found.lang
    sheet = _sheet(book, say("ov_sheet_notes", lang), [say("ov_sheet_notes", lang)], [120])
    notes = [text("not_a_forecast", lang), say("ov_assumed_note", lang),
             say("ov_province_note", lang)]
    if any(r.published for r in found.rows):
        notes.append(say("ov_published_note", lang))
    if found.featured:
        notes.append(say("ov_left_out_note", lang))
    if any(r.illustrative for r in found.rows):
        notes.append(text("illustrative_index_note", lang))
    if any(r.baseline_relief or r.featured_relief for r in found.rows):
        notes.append(text("relief_index_note", lang))
    for note in notes:
        _append(sheet, [note], {})
        sheet.row_dimensions[sheet.max_row].height = 15 * (1 + len(note) // 110)
    return sheet


def workbook(found: Overview) -> Workbook:
    """The overview's workbook: regions, provinces, notes."""
    book = Workbook()
    book.remove(book.active)
    _regions_sheet(book, found)
    _provinces_sheet(book, found)
    _notes_sheet(book, found)
    return book
