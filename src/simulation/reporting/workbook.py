"""The Excel workbook beside each report, for budget officers pasting into the RKA: real
numbers with Rupiah and count formats (Excel shows them in the reader's locale), frozen
headers, and sheets that print landscape on A4, fit to the page width.

Sheets: the APBD cost per year and payer of each scenario, the monthly projection
(p10/p50/p90), the subsidy funnel, the parameter appendix with sources and kinds, and a
sheet saying which numbers are illustrative or assumed. Text from files is written as text
and never as a formula (a leading = + - @ gets a quote, OWASP's advice).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..engine.summaries import TOTAL_SLUG
from ..files import neutralised, write_atomically
from ..months import year_of
from . import payers
from .data import ReportData
from .formatting import month_date, month_name
from .limits import limit_text
from .provenance import provenance_table
from .sections import funnel
from .texts import text

RUPIAH = '"Rp "#,##0'
COUNT = "#,##0"
SHARE = "0.0%"
MONTH = "mmm yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list],
           formats: dict[int, str] | None = None, widths: dict[int, int] | None = None
           ) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    sheet.append([neutralised(h) for h in header])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([neutralised(v) for v in row])
    for column, number_format in (formats or {}).items():
        for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell[0].number_format = number_format
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = (widths or {}).get(
            column, 16)
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
    first_year = year_of(data.settings.month + 1)
    budget = data.budget[data.budget.region == region]
    rows = []
    for name in data.settings.scenarios:
        table = payers.amounts(data, region, name)
        table = table[table.year >= first_year]
        limits = budget[budget.scenario == name].set_index("year")
        for (year, months, payer), amount in table.groupby(["year", "months", "payer"]).rp.sum(
                ).items():
            # the limit (cap, quota, list) is the lurah-list subsidy's: on its payer's row
            limited = (limit_text(limits.loc[year], lang)
                       if year in limits.index and payer == limits.loc[year].subsidy_payer
                       else "")
            rows.append([data.scenario_title(name), text(f"payer_{payer}", lang), int(year),
                         int(months), int(amount), limited])
    _sheet(book, text("xl_budget", lang),
           [text("scenario", lang), text("payer", lang), text("year", lang),
            text("xl_months", lang), text("xl_rupiah_p50", lang), text("h_limits", lang)],
           rows, {3: "0", 4: "0", 5: RUPIAH}, {1: 42, 2: 26, 5: 20, 6: 30})


def _projection_sheet(book, data, region, lang) -> None:
    table = data.table[(data.table.region == region)
                       & data.table.metric.isin(["active", "active_subsidised", "coverage"])]
    wide = table.pivot_table(index=["scenario", "month"], columns="metric",
                             values=["p10", "p50", "p90"])
    rows = []
    for (name, month), values in wide.iterrows():
        rows.append([data.scenario_title(name), month_date(_month(month)),
                     values[("p10", "active")], values[("p50", "active")],
                     values[("p90", "active")], values[("p50", "active_subsidised")],
                     values[("p50", "coverage")]])
    order = {n: k for k, n in enumerate(data.settings.scenarios)}
    rows.sort(key=lambda r: (order.get(_name_of(data, r[0]), 99), r[1]))
    _sheet(book, text("xl_projection", lang),
           [text("scenario", lang), text("month_axis", lang), text("xl_active_p10", lang),
            text("xl_active_p50", lang), text("xl_active_p90", lang),
            text("xl_subsidised_p50", lang), text("xl_coverage_p50", lang)],
           rows, {2: MONTH, 3: COUNT, 4: COUNT, 5: COUNT, 6: COUNT, 7: SHARE}, {1: 42})


def _funnel_sheet(book, data, region, lang) -> None:
    table = funnel(data, region)
    rows = [[r.title, *(round(v) for v in (r.listed, r.verified, r.enrolled,
                                             r.subsidised_at_end))]
            for r in table.itertuples()]
    _sheet(book, text("xl_funnel", lang),
           [text("scenario", lang), text("listed", lang), text("verified", lang),
            text("enrolled", lang),
            text("still_subsidised", lang, month=month_name(data.settings.horizon_end, lang))],
           rows, {2: COUNT, 3: COUNT, 4: COUNT, 5: COUNT}, {1: 42})


def _appendix_sheet(book, data, region, lang) -> None:
    table = provenance_table(data, region)
    _sheet(book, text("xl_appendix", lang), list(table.columns),
           table.astype(str).values.tolist(), None, {1: 30, 2: 30, 5: 70})


def _caveats_sheet(book, data, region, lang) -> None:
    rows = []
    if data.now_is_illustrative(region):
        rows.append([text("xl_actuals", lang), text("illustrative_flag", lang),
                     text("illustrative_index_note", lang)])
    for parameter in sorted(data.params.parameters.values(), key=lambda p: p.name):
        if parameter.kind == "assumption":
            rows.append([parameter.label_en if lang == "en" else parameter.label_id,
                         text("kind_assumption", lang),
                         "; ".join(r.text(lang) for r in parameter.references)])
    codes = ({r.code for r in data.regions} if region == TOTAL_SLUG
             else {data.params.region(region).code})
    for scheme in data.params.schemes:
        for year in scheme.years:
            if scheme.region_code in codes and (year.kind == "assumption"
                                                or year.is_uncertain()):
                rows.append([f"{scheme.title(lang)} {year.year}", text("kind_assumption", lang),
                             year.source.in_(lang)])
    _sheet(book, text("xl_caveats", lang),
           [text("xl_what", lang), text("kind", lang), text("xl_why", lang)], rows, None,
           {1: 44, 2: 16, 3: 90})


def _month(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month) - 1


def _name_of(data: ReportData, title: str) -> str:
    return next((n for n in data.settings.scenarios if data.scenario_title(n) == title), "")


def file_name(region: str, month: str) -> str:
    """jamsos-kota-madiun-2026-10.xlsx: a name that still says what it is once downloaded."""
    return f"jamsos-{region}-{month}.xlsx"


def write(data: ReportData, region: str, path: str | Path) -> Path:
    """Build the region's workbook (or the branch's) and write it atomically."""
    book = build(data, region)
    write_atomically(path, lambda temporary: book.save(temporary))
    return Path(path)
