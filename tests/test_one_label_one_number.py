"""One label, one number: what the report, its appendix, the deck (PDF words and
PowerPoint), the workbook, the index and summary.json say under the same label agrees.

Read from a rendered monthly batch (the shared ``batch`` fixture: Kota Madiun, with its
schemes and wage earners, and Pacitan), as a reader meets the files.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from simulation.reporting.words.formatting import compact, compact_rupiah, number

MONTH = "2026-10"


class Tables(HTMLParser):
    """Every <table> of a page as rows of cell texts (header row first), and the text."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.words: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        self.words.append(data)
        if self._cell is not None:
            self._cell.append(data)


def page(path) -> Tables:
    parsed = Tables()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.text = " ".join(" ".join(parsed.words).split())
    return parsed


def table_with(parsed: Tables, heading_start: str) -> dict[str, dict[str, str]]:
    """The first table with a column starting ``heading_start``: {row title: {col: cell}}."""
    for rows in parsed.tables:
        header = rows[0]
        if any(h.startswith(heading_start) for h in header):
            return {row[0]: dict(zip(header, row, strict=False)) for row in rows[1:] if row}
    raise AssertionError(f"no table with a column {heading_start!r}")


def column(row: dict[str, str], start: str) -> str:
    return next(v for k, v in row.items() if k.startswith(start))


def central(cell: str) -> int:
    """'13.170 (12.533–13.911)' -> 13170."""
    return int(cell.split(" (")[0].replace(".", "").replace("+", ""))


@pytest.fixture(scope="module", params=["kota-madiun", "pacitan"])
def outputs(batch, request):
    folder = batch[0] / MONTH / request.param
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    deck = (folder / "briefing" / "briefing.md").read_text(encoding="utf-8")
    slides = Presentation(str(folder / "briefing.pptx"))
    pptx_words = " ".join(" ".join(shape.text_frame.text.split()) for slide in slides.slides
                          for shape in slide.shapes if shape.has_text_frame)
    return {"slug": request.param, "summary": summary, "report": page(folder / "report.html"),
            "deck": " ".join(deck.split()), "pptx": pptx_words,
            "workbook": load_workbook(folder / f"jamsos-{request.param}-{MONTH}.xlsx"),
            "index": page(batch[0] / MONTH / "index.html")}


def test_active_bpu_participants_now_is_one_number_everywhere(outputs):
    summary, report = outputs["summary"], outputs["report"]
    active = summary["now"]["active"]["p50"]
    found = re.search(r"Peserta BPU aktif saat ini: ([\d.]+)", report.text)
    assert found and int(found.group(1).replace(".", "")) == active
    assert f"**{compact(active)}** peserta BPU aktif" in outputs["deck"]
    assert f"{compact(active)} peserta BPU aktif" in outputs["pptx"]
    row = next(r for r in outputs["index"].tables[0] if r and r[0].startswith(
        summary["region_name"]))
    assert row[1].split()[0] == number(active)
    # the appendix's starting figure is the self-payers, under its own label
    appendix = table_with(report, "Parameter")
    assert "Peserta BPU aktif" not in appendix
    assert "Peserta BPU mandiri (membayar sendiri)" in appendix


def test_protected_workers_is_bpu_plus_the_wage_earners_a_government_pays(outputs):
    now, report = outputs["summary"]["now"], outputs["report"]
    protected = now["protected"]["p50"]
    assert abs(protected - now["active"]["p50"] - now["wage_earners"]["p50"]) <= 1
    said = re.findall(r"Pekerja terlindungi saat ini: ([\d.]+)", report.text)
    if now["wage_earners"]["p50"]:
        assert [int(s.replace(".", "")) for s in said] == [protected]
        assert f"Pekerja terlindungi: {compact(protected)}," in outputs["deck"]
    else:
        assert said == [] and "Pekerja terlindungi:" not in outputs["deck"]
    # "terlindungi" is never a level of another quantity (the replay's is a difference)
    assert "orang terlindungi" not in report.text


def test_each_scenario_shows_the_same_numbers_in_the_report_deck_and_workbook(outputs):
    summary, report = outputs["summary"], outputs["report"]
    year = summary["apbd_year"]
    table = table_with(report, f"Aktif akhir APBD {year}")
    budget_rows = [row for row in outputs["workbook"].worksheets[0].iter_rows(
        min_row=2, values_only=True)]
    government = {"APBD kabupaten/kota", "APBD provinsi", "APBN", "DBHCHT"}
    for item in summary["scenarios"]:
        row = table[item["title"]]
        assert central(column(row, "Aktif akhir APBD")) == item["active_end_of_apbd_year"]["p50"]
        budget = item["budget_apbd_year_rp"]["total"]
        assert column(row, f"Anggaran APBD {year}").rstrip(" *") == compact_rupiah(budget)
        costs = outputs["deck"].split("## Berapa biayanya")[1].split("## ")[0]
        if f"**{item['title']}**" in costs:  # the slide has room for four scenarios
            assert f"**{item['title']}**: {compact_rupiah(budget)}" in costs
        in_book = sum(r[4] for r in budget_rows if r[0] == item["title"] and r[2] == year
                      and any(r[1].startswith(g) for g in government))
        assert abs(in_book - budget) <= len(government), item["name"]


def test_section_five_and_the_families_slide_say_the_same_number(outputs):
    summary, report = outputs["summary"], outputs["report"]
    table = table_with(report, "Tambahan keluarga")
    found = re.search(r"Sampai \w+ \d{4}, dengan (.+?):", outputs["deck"])
    chosen = next(i for i in summary["scenarios"] if i["title"] == found.group(1))
    extra = chosen["families"]["additional_deaths"]
    assert central(column(table[chosen["title"]], "Tambahan keluarga")) == extra
    assert f"{compact(max(extra, 0))} keluarga lebih banyak" in outputs["deck"]


def test_the_sensitivity_table_repeats_the_main_tables_central_case(outputs):
    report = outputs["report"]
    differences = table_with(report, "Tambahan peserta aktif")
    sensitivity = table_with(report, "tabel utama")
    for title, row in sensitivity.items():
        assert central(column(row, "tabel utama")) == central(
            column(differences[title], "Tambahan peserta aktif")), title


def test_the_funnel_table_and_the_workbook_funnel_agree(outputs):
    report, book = outputs["report"], outputs["workbook"]
    try:
        table = table_with(report, "Didata lurah/RT")
    except AssertionError:
        return  # no scenario with a lurah-list subsidy in this region
    sheet = next(s for s in book.worksheets if s.title.startswith("Pendataan"))
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0] in table:
            shown = [central(v) for k, v in table[row[0]].items() if k != "Skenario"]
            assert shown == [round(v) for v in row[1:5]], row[0]


def test_a_scenario_that_changes_nothing_in_a_region_is_not_shown_there(outputs):
    summary, report = outputs["summary"], outputs["report"]
    left = {item["title"] for item in summary["left_out"]}
    shown_titles = set(table_with(report, "Aktif akhir APBD"))
    assert not left & shown_titles
    if left:
        assert "Tidak ditampilkan karena tidak mengubah apa pun" in report.text
        assert not any(title in outputs["pptx"].split("Tidak ditampilkan")[0]
                       for title in left)
    if outputs["slug"] == "kota-madiun":  # the kabupaten's subsidy is not the city's option
        assert "bantuan-iuran" in {item["name"] for item in summary["left_out"]}


def test_what_a_scenario_adds_is_the_two_numbers_shown_subtracted(outputs):
    """'Tambahan' equals the scenario's figure less the policy in force's, as a reader
    checks it: active members at the horizon, families, benefits (within rounding)."""
    summary, report = outputs["summary"], outputs["report"]
    base = next(i for i in summary["scenarios"] if i["name"] == "baseline")
    differences = table_with(report, "Tambahan peserta aktif")
    for item in summary["scenarios"]:
        shown = central(column(differences[item["title"]], "Tambahan peserta aktif"))
        level = (item["active_end_of_horizon"]["p50"]
                 - base["active_end_of_horizon"]["p50"])
        assert abs(shown - level) <= 1, item["name"]
        families = item["families"]
        assert abs(families["additional_deaths"]
                   - (families["deaths"] - families["baseline_deaths"])) <= 1
        assert abs(families["additional_benefits_rp"] - (
            families["benefits_rp"] - base["families"]["benefits_rp"])) <= 1
