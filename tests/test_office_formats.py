"""The office formats (the PowerPoint deck and the Excel workbook) as a reader meets them:
charts in the report's palette whose labels read the same in every viewer's locale, a deck
that builds when a region has nothing to chart, a workbook whose every number is the
report's and whose printed pages cut nothing off, and neither format computing a number of
its own (issue 21, items 2, 6, 10, 13 and 15)."""

from __future__ import annotations

import ast
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PARAMS, REPO
from openpyxl import load_workbook
from pptx import Presentation

from simulation.files import FORMULA_START
from simulation.reporting.content import office
from simulation.reporting.content.data import load_report_data
from simulation.reporting.content.headline import headline
from simulation.reporting.content.limits import year_label
from simulation.reporting.content.payers import payer_table
from simulation.reporting.content.provenance import provenance_table
from simulation.reporting.content.sections import funnel_table
from simulation.reporting.content.slides import cost_words
from simulation.reporting.design.styles import scenario_style
from simulation.reporting.formats.powerpoint import deck as deck_pptx
from simulation.reporting.formats.workbook import sheets
from simulation.reporting.words.formatting import compact, number
from simulation.reporting.words.texts import text

DATA = REPO / "data"
ALL = "baseline,sosialisasi,bantuan-iuran,kombinasi,bantuan-sementara"
DRAWS, MONTHS = 50, 36
EN_US_GROUPED = re.compile(r"\d,\d{3}(?!\d)")  # 3,030 or 1,600: what en-US Office writes
ID_GROUPED = re.compile(r"\d\.\d{3}(?!\d)")


def _data(region: str, scenarios: str = ALL, lang: str = "id", month: str = "2026-10"):
    return load_report_data(str(PARAMS), region, month, scenarios, MONTHS, DRAWS, 5, lang,
                            None, str(DATA))


@pytest.fixture(scope="module")
def kota():
    """Kota Madiun, which runs its own scheme: two kabupaten-only scenarios change nothing
    there and are left out."""
    return _data("kota-madiun")


@pytest.fixture(scope="module")
def kota_en():
    return _data("kota-madiun", lang="en")


@pytest.fixture(scope="module")
def baseline_only():
    """Kabupaten Madiun under the policy in force alone: no government spends anything."""
    return _data("kabupaten-madiun", "baseline")


@pytest.fixture(scope="module")
def kota_deck(kota, tmp_path_factory):
    path = deck_pptx.write(kota, "kota-madiun", tmp_path_factory.mktemp("deck") / "k.pptx")
    return Presentation(str(path))


@pytest.fixture(scope="module")
def kota_book(kota, tmp_path_factory):
    return load_workbook(sheets.write(kota, "kota-madiun",
                                      tmp_path_factory.mktemp("book") / "k.xlsx"))


def charts_of(deck) -> list:
    return [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]


def labels_of(series) -> list[str]:
    """The text of every data label a series shows."""
    found = []
    for k in range(len(list(series.values))):
        label = series.points[k].data_label
        if label.has_text_frame:
            found.append(label.text_frame.text)
    return found


def scenario_named(data, title: str) -> str | None:
    return next((n for n in data.settings.scenarios if data.scenario_title(n) == title), None)


def palette(data, name: str) -> str:
    style = scenario_style(data.params.scenarios[name], data.settings.scenarios.index(name))
    return style["color"].lstrip("#").upper()


# ------------------------------------------------------------------ the PowerPoint deck


def test_each_chart_series_takes_its_scenarios_palette_colour(kota, kota_deck):
    charts = charts_of(kota_deck)
    assert len(charts) == 3  # where we stand, what each option delivers, what it costs
    coloured = 0
    for chart in charts:
        for series in chart.plots[0].series:
            name = scenario_named(kota, series.name)
            line = chart.chart_type == deck_pptx.XL_CHART_TYPE.LINE
            colour = str(series.format.line.color.rgb if line
                         else series.format.fill.fore_color.rgb)
            if name is None:  # what was observed: dark, as in the PDF deck
                assert line and colour == "111111", series.name
                continue
            assert colour == palette(kota, name), (series.name, colour)
            coloured += 1
    assert coloured == 1 + 2 * len(kota.settings.scenarios)


def test_the_charts_show_the_regions_scenarios_only(kota, kota_deck):
    shown = [kota.scenario_title(n) for n in kota.settings.scenarios]
    assert kota.settings.left_out  # the kabupaten-only scenarios
    options = charts_of(kota_deck)[1]
    assert [s.name for s in options.plots[0].series] == shown
    left_out = {kota.scenario_title(n) for n in kota.settings.left_out}
    for chart in charts_of(kota_deck):
        assert not left_out & {s.name for s in chart.plots[0].series}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_data_label_is_the_rounded_text_the_pdf_deck_says(kota, kota_en, tmp_path,
                                                                 lang):
    data = kota if lang == "id" else kota_en
    path = deck_pptx.write(data, "kota-madiun", tmp_path / "deck.pptx")
    _, options, costs = charts_of(Presentation(str(path)))
    h = headline(data, "kota-madiun")
    said = {" ".join(label.split()) for series in options.plots[0].series
            for label in labels_of(series)}
    assert said == {compact(item[key]["p50"], lang) for item in h["scenarios"]
                    for key in ("active_end_of_apbd_year", "active_end_of_horizon")}
    assert any(("ribu" if lang == "id" else "thousand") in label for label in said)
    amounts = [" ".join(labels_of(series)[0].split()) for series in costs.plots[0].series]
    assert amounts == [item["amount"] for item in cost_words(h, lang)["items"]]
    assert all(a.startswith("Rp ") and a.split()[2].rstrip("*") in (
        "juta", "miliar", "million", "billion") for a in amounts)


def test_no_chart_number_reads_differently_in_another_locale(kota_deck):
    for chart in charts_of(kota_deck):
        xml = chart._chartSpace.xml
        formats = re.findall(r'formatCode="([^"]*)"', xml) + re.findall(
            r"<c:formatCode>([^<]*)</c:formatCode>", xml)
        assert formats, "no number format found"
        # no grouping and no decimal point: '#,##0' shows 1,600 under en-US, 1.600 under id
        assert all("#" not in f and "." not in f for f in formats), formats
        assert all(re.fullmatch(r"0,*", f) or f == "General" for f in formats), formats
        labels = " ".join(label for series in chart.plots[0].series
                          for label in labels_of(series))
        assert not EN_US_GROUPED.search(labels) and not ID_GROUPED.search(labels), labels
        axis = chart.value_axis
        assert axis.has_title and axis.axis_title.text_frame.text  # the unit, in words
        commas = len(axis.tick_labels.number_format) - 1
        unit = axis.axis_title.text_frame.text
        assert unit == text(f"ppt_unit_{'rp' if 'Rp' in unit else 'people'}_{commas}", "id")


def test_the_cost_axis_is_in_millions_without_a_separator(kota, kota_deck):
    costs = charts_of(kota_deck)[2]
    top = max(v for series in costs.plots[0].series for v in series.values)
    shown = top / 1000 ** (len(costs.value_axis.tick_labels.number_format) - 1)
    assert 10 <= shown < 10_000  # Rp 3 miliar as '3000' under 'Rp juta', never '3,000'


def test_a_deck_with_nothing_to_chart_builds_and_says_so(baseline_only, tmp_path):
    assert baseline_only.settings.scenarios == ("baseline",)
    path = deck_pptx.write(baseline_only, "kabupaten-madiun", tmp_path / "deck.pptx")
    deck = Presentation(str(path))
    assert len(deck.slides) == 6
    for chart in charts_of(deck):
        assert list(chart.plots[0].categories) and list(chart.plots[0].series)
    costs = deck.slides[3]
    assert not any(shape.has_chart for shape in costs.shapes)
    words = " ".join(shape.text_frame.text for shape in costs.shapes if shape.has_text_frame)
    h = headline(baseline_only, "kabupaten-madiun")
    assert text("deck_s4_nothing", "id", year=h["apbd_year"]) in " ".join(words.split())


def test_the_briefing_command_succeeds_for_the_policy_in_force_alone(cli, tmp_path):
    out = tmp_path / "deck.pdf"
    status, _, stderr = cli("briefing", "--region", "kabupaten-madiun", "--scenarios",
                            "baseline", "--draws", DRAWS, "--params", PARAMS, "--data", DATA,
                            "--out", out)
    assert status == 0, stderr
    assert "Traceback" not in stderr and out.with_suffix(".pptx").stat().st_size > 10_000


def test_a_month_whose_scenarios_all_drop_out_still_gets_its_deck(tmp_path):
    data = _data("ngawi", month="2020-01")
    deck_pptx.write(data, "ngawi", tmp_path / "deck.pptx")
    sheets.write(data, "ngawi", tmp_path / "book.xlsx")
    assert (tmp_path / "deck.pptx").is_file() and (tmp_path / "book.xlsx").is_file()


# ------------------------------------------------------------------ the workbook


def test_the_budget_sheet_holds_the_report_payer_tables_numbers(kota, kota_book):
    from simulation.reporting.words.formatting import compact_rupiah

    table = payer_table(kota, "kota-madiun")
    scenario, payer = text("scenario", "id"), text("payer", "id")
    cells = {(r[scenario], r[payer]): r for _, r in table.iterrows()}
    rows = list(kota_book[text("xl_budget", "id")].iter_rows(min_row=2, values_only=True))
    assert rows
    for title, who, year, months, rupiah, _ in rows:
        shown = cells[(title, who)][year_label(year, months, "id")]
        assert compact_rupiah(rupiah, "id") == shown.removesuffix(" *"), (title, who, year)
    assert {r[0] for r in rows} <= {kota.scenario_title(n) for n in kota.settings.scenarios}


def test_the_projection_sheet_agrees_with_the_headline(kota, kota_book):
    h = headline(kota, "kota-madiun")
    sheet = kota_book[text("xl_projection", "id")]
    base = kota.scenario_title("baseline")
    month = kota.settings.month
    found = [r for r in sheet.iter_rows(min_row=2, values_only=True)
             if r[0] == base and (r[1].year * 12 + r[1].month - 1) == month]
    assert len(found) == 1 and round(found[0][3]) == h["now"]["active"]["p50"]
    titles = {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == {kota.scenario_title(n) for n in kota.settings.scenarios}


def test_the_funnel_sheet_holds_the_report_funnel_numbers(kota, kota_book):
    report = funnel_table(kota, "kota-madiun")
    rows = list(kota_book[text("xl_funnel", "id")].iter_rows(min_row=2, values_only=True))
    assert [[r[0], *(number(v) for v in r[1:])] for r in rows] == report.values.tolist()


def test_the_caveats_call_each_figure_what_the_report_calls_it(kota, kota_book):
    appendix = provenance_table(kota, "kota-madiun")
    kinds = dict(zip(appendix[text("parameter", "id")], appendix[text("kind", "id")],
                     strict=True))
    rows = list(kota_book[text("xl_caveats", "id")].iter_rows(min_row=2, values_only=True))
    for what, kind, _ in rows:
        if what in kinds:
            assert kind == kinds[what], what
    starting = kota.params.parameter("active_bpu").label_id
    assert kinds[starting] == "ILUSTRATIF"  # laid over from the illustrative series
    assert [kind for what, kind, _ in rows if what == starting] == ["ILUSTRATIF"]
    assert "ASUMSI" in {kind for _, kind, _ in rows}


def _lower_bound_lines(value, width: float) -> int:
    """Lines a wrapped text needs at the least: its length over the column's width."""
    return max(1, math.ceil(len(str(value)) / width)) if isinstance(value, str) else 1


def test_every_header_and_long_scenario_name_fits_its_printed_row(kota, tmp_path,
                                                                  monkeypatch):
    long = "Bantuan iuran JKK + JKM bagi pekerja rentan di setiap kelurahan " * 3
    monkeypatch.setitem(kota.params.scenarios, "kombinasi", replace(
        kota.params.scenarios["kombinasi"], title_id=long.strip(), title_en=long.strip()))
    book = load_workbook(sheets.write(kota, "kota-madiun", tmp_path / "book.xlsx"))
    for sheet in book:
        widths = {c: sheet.column_dimensions[c].width for c in
                  (cell.column_letter for cell in sheet[1])}
        for row in sheet.iter_rows():
            texts = [c for c in row if isinstance(c.value, str)]
            if not texts:
                continue
            needed = max(_lower_bound_lines(c.value, widths[c.column_letter]) for c in texts)
            height = sheet.row_dimensions[row[0].row].height
            assert height is not None and height >= 15 * needed, (
                sheet.title, row[0].row, height, needed)
            assert all(c.alignment.wrap_text for c in texts), (sheet.title, row[0].row)
        assert sheet.print_title_rows in ("1:1", "$1:$1")
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    budget = book[text("xl_budget", "id")]
    assert any(r[0].value == long.strip() for r in budget.iter_rows(min_row=2))


def test_every_workbook_cell_stays_text_when_a_title_looks_like_a_formula(kota, tmp_path,
                                                                          monkeypatch):
    formula = "=HYPERLINK(\"http://x.example\",\"Klik\")"
    monkeypatch.setitem(kota.params.scenarios, "sosialisasi", replace(
        kota.params.scenarios["sosialisasi"], title_id=formula, title_en=formula))
    book = load_workbook(sheets.write(kota, "kota-madiun", tmp_path / "book.xlsx"))
    seen = 0
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), cell.value
                    seen += cell.value == "'" + formula
    assert seen >= 3  # the budget, projection and funnel sheets name the scenario


# ------------------------------------------------------------------ no format computes

FORMATS = [REPO / "src/simulation/reporting/formats/powerpoint/deck.py",
           REPO / "src/simulation/reporting/formats/powerpoint/charts.py",
           REPO / "src/simulation/reporting/formats/workbook/sheets.py"]
# ReportData's arithmetic and what it is computed from (openpyxl's cell.value and
# python-pptx's paragraph.runs are not used either, so the check stays this plain)
COMPUTING = {"value", "cumulative", "cumulative_gain", "runs", "per_draw", "budget", "payers",
             "table"}


@pytest.mark.parametrize("path", FORMATS, ids=lambda p: p.name)
def test_the_office_formats_only_lay_content_out(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    touched = [f"line {node.lineno}: .{node.attr}" for node in ast.walk(tree)
               if isinstance(node, ast.Attribute) and node.attr in COMPUTING]
    assert touched == []
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names]
    assert not [m for m in imported if re.search(r"(^|\.)(engine|calibration|intake)(\.|$)", m)
                or m.split(".")[0] == "numpy" or "formats." in m.lstrip(".")]
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_the_office_content_is_plain_rows(kota):
    rows = office.budget_rows(kota, "kota-madiun")
    assert rows and all(isinstance(r.rupiah, int) and isinstance(r.year, int) for r in rows)
    chart = office.cost_chart(kota, headline(kota, "kota-madiun"))
    assert chart.empty is None and len(chart.categories) == 2
    assert all(len(s.values) == len(s.labels) == 2 for s in chart.series)
