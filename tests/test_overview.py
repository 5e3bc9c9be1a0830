"""The national overview (overview.html and overview.xlsx) from hand-made summary.json files:
a row per region with the numbers as the reports format them, every text escaped, tables
that sort, a province table that adds up, a workbook with its filter and print set-up, no
formula from a name, and a region's published count with its source."""

from __future__ import annotations

import html as html_module
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from simulation.batch import overview
from simulation.batch.manifest import with_overview_link
from simulation.batch.overview import OverviewRegion
from simulation.batch.overview_texts import say
from simulation.months import parse_month
from simulation.reporting.design.web import fetched_resources

MONTH = parse_month("2026-10", "month")
FEATURED = "bantuan-iuran"
HOSTILE = "<script>alert(1)</script> Kota Jahat"
FORMULA = '=HYPERLINK("http://x.example","klik")'


def summary(slug: str, code: str, name: str, active: int, informal: int, baseline: int,
            featured: int | None, illustrative: bool = False) -> dict:
    scenarios = [{"name": "baseline", "title": "Kebijakan yang berlaku",
                  "budget_apbd_year_rp": {"total": baseline},
                  "relief_lowers_apbd_year": False}]
    if featured is not None:  # else the scenario changes nothing there and is left out
        scenarios.append({"name": FEATURED, "title": "Bantuan iuran & <b>JKK</b>",
                          "budget_apbd_year_rp": {"total": featured},
                          "relief_lowers_apbd_year": False})
    return {"region": slug, "region_code": code, "region_name": name, "month": "2026-10",
            "apbd_year": 2027, "now": {"active": {"p10": active, "p50": active, "p90": active},
                                       "coverage": round(active / informal, 6),
                                       "informal_workers": informal,
                                       "illustrative": illustrative},
            "scenarios": scenarios}


REGIONS = [
    (OverviewRegion("kota-madiun", "Kota Madiun", "35.77", "35", "Jawa Timur", False,
                    ("Bantuan iuran Kota Madiun",)),
     summary("kota-madiun", "35.77", "Kota Madiun", 4567, 50_000, 1_234_567_890,
             2_500_000_000, illustrative=True)),
    (OverviewRegion("kota-jahat", HOSTILE, "35.03", "35", "Jawa Timur", True),
     summary("kota-jahat", "35.03", HOSTILE, 12_345, 200_000, 0, 750_000_000)),
    (OverviewRegion("jakarta-pusat", FORMULA, "31.71", "31", "DKI Jakarta", True),
     summary("jakarta-pusat", "31.71", FORMULA, 8_000, 160_000, 100_000_000, None)),
]


@pytest.fixture
def month(tmp_path) -> Path:
    folder = tmp_path / "2026-10"
    for region, content in REGIONS:
        (folder / region.slug).mkdir(parents=True)
        (folder / region.slug / "summary.json").write_text(json.dumps(content),
                                                           encoding="utf-8")
        if region.slug != "jakarta-pusat":  # its report is missing: no link to it
            (folder / region.slug / "report.html").write_text("<p>report</p>")
    return folder


class Tables(HTMLParser):
    """Each table's rows by id: (tag of the row's section, [(cell attributes, text)])."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[str, list[tuple[dict, str]]]]] = {}
        self.headings: dict[str, list[dict]] = {}
        self.links: list[str] = []
        self.scripts = 0
        self._table = self._section = None
        self._cell: list | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "table":
            self._table = values.get("id")
            self.tables[self._table], self.headings[self._table] = [], []
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self._section in ("tbody", "tfoot"):
            self.tables[self._table].append((self._section, []))
        elif tag == "td":
            self._cell = [values, ""]
        elif tag == "th":
            self.headings[self._table].append(values)
        elif tag == "a":
            self.links.append(values.get("href"))
        elif tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.tables[self._table][-1][1].append((self._cell[0], self._cell[1].strip()))
            self._cell = None


def parsed(page: str) -> Tables:
    found = Tables()
    found.feed(page)
    return found


def test_the_page_has_a_row_per_region_with_the_numbers_as_the_reports_format_them(month):
    overview.write(month, MONTH, [r for r, _ in REGIONS], "id", FEATURED)
    page = (month / "overview.html").read_text(encoding="utf-8")
    tables = parsed(page)
    rows = [cells for section, cells in tables.tables["regions"] if section == "tbody"]
    assert len(rows) == 3
    by_code = {cells[1][1]: [text for _, text in cells] for cells in rows}
    assert list(by_code) == ["31.71", "35.03", "35.77"]  # in code order
    madiun = by_code["35.77"]
    assert madiun[0].startswith("Kota Madiun") and "ILUSTRATIF" in madiun[0]
    assert "asumsi tingkat provinsi" not in madiun[0]
    assert madiun[2:] == ["Jawa Timur", "4.567", "9,1%", "Bantuan iuran Kota Madiun", "",
                          "Rp 1,2 miliar", "Rp 2,5 miliar"]  # no published count: empty
    assert "asumsi tingkat provinsi" in by_code["35.03"][0]
    assert by_code["35.03"][5] == "tidak ada yang diketahui"
    assert by_code["35.03"][3:5] == ["12.345", "6,2%"]
    assert by_code["31.71"][-1] == "–"  # the featured scenario changes nothing there
    assert "APBD 2027: Bantuan iuran & <b>JKK</b>" in [
        h for h in _heading_texts(page)]  # the title from a file, shown as text
    assert "kota-madiun/report.html" in tables.links and "kota-jahat/report.html" in tables.links
    assert "jakarta-pusat/report.html" not in tables.links  # no report, no link
    assert "overview.xlsx" in tables.links


def _heading_texts(page: str) -> list[str]:
    import re

    return [html_module.unescape(h) for h in re.findall(r"<th [^>]*>(.*?)</th>", page)]


def test_every_text_is_escaped_and_the_only_script_is_the_pages_own(month):
    overview.write(month, MONTH, [r for r, _ in REGIONS], "id", FEATURED)
    page = (month / "overview.html").read_text(encoding="utf-8")
    assert HOSTILE not in page and "<b>JKK</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kota Jahat" in page
    assert parsed(page).scripts == 1
    # the one script runs by its hash in the page's own policy; nothing is fetched
    assert fetched_resources(page, inline_scripts=True) == []
    assert "script-src 'sha256-" in page and "unsafe-inline'; img-src" in page
    changed = page.replace('"aria-sort"', '"aria-sorted"')  # one byte of the script
    assert fetched_resources(changed, inline_scripts=True) != []  # no longer runs


def test_the_tables_sort_by_the_values_behind_the_formatted_numbers(month):
    overview.write(month, MONTH, [r for r, _ in REGIONS], "id", FEATURED)
    page = (month / "overview.html").read_text(encoding="utf-8")
    tables = parsed(page)
    kinds = [h.get("data-kind") for h in tables.headings["regions"]]
    assert kinds == ["text", "text", "text", "number", "number", "text", "number", "number",
                     "number"]
    rows = [cells for section, cells in tables.tables["regions"] if section == "tbody"]
    assert sorted(float(cells[3][0]["data-sort"]) for cells in rows) == [4567, 8000, 12345]
    assert {cells[8][0]["data-sort"] for cells in rows} >= {""}  # "–" sorts last, not as 0
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the script's sorting is not run")
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    values = [[c[0]["data-sort"] for c in cells] for cells in rows]
    done = subprocess.run([node, "-e", DOM_STUB + script + CLICKS],
                          input=json.dumps(values), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    orders = json.loads(done.stdout)
    assert orders["active_up"] == ["4567.0", "8000.0", "12345.0"]
    assert orders["active_down"] == ["12345.0", "8000.0", "4567.0"]
    assert orders["featured_up"][-1] == ""  # empty last either way
    assert orders["featured_down"][-1] == ""
    assert orders["province_up"] == ["DKI Jakarta", "Jawa Timur", "Jawa Timur"]


# a few lines of DOM for node: one table whose rows hold the data-sort values on stdin
DOM_STUB = """
const rows = JSON.parse(require('fs').readFileSync(0, 'utf8')).map(function (values) {
  return {cells: values.map(function (v) {
    return {getAttribute: function (n) { return n === 'data-sort' ? v : null; }};
  })};
});
const kinds = ['text', 'text', 'text', 'number', 'number', 'text', 'number', 'number',
               'number'];
const headings = kinds.map(function (kind, i) {
  const attrs = {'data-kind': kind}, handlers = {};
  return {cellIndex: i, getAttribute: function (n) { return n in attrs ? attrs[n] : null; },
          setAttribute: function (n, v) { attrs[n] = v; },
          removeAttribute: function (n) { delete attrs[n]; },
          addEventListener: function (name, f) { handlers[name] = f; }, handlers: handlers};
});
const body = {rows: rows.slice(), appendChild: function (row) {
  this.rows.splice(this.rows.indexOf(row), 1); this.rows.push(row); }};
const table = {tHead: {rows: [{cells: headings}]}, tBodies: [body]};
global.document = {documentElement: {lang: 'id'},
                   querySelectorAll: function () { return [table]; }};
"""
CLICKS = """
function column(i) { return body.rows.map(function (r) {
  return r.cells[i].getAttribute('data-sort'); }); }
const out = {};
headings[3].handlers.click(); out.active_up = column(3);
headings[3].handlers.click(); out.active_down = column(3);
headings[8].handlers.click(); out.featured_up = column(8);
headings[8].handlers.click(); out.featured_down = column(8);
headings[2].handlers.click(); out.province_up = column(2);
console.log(JSON.stringify(out));
"""


def test_the_province_table_sums_its_regions(month):
    overview.write(month, MONTH, [r for r, _ in REGIONS], "id", FEATURED)
    tables = parsed((month / "overview.html").read_text(encoding="utf-8"))
    rows = {cells[1][1]: cells for section, cells in tables.tables["provinces"]
            if section == "tbody"}
    east = [float(c[0]["data-sort"]) for c in rows["35"][2:]]
    # regions, on assumptions, active, informal, coverage, baseline, featured
    assert east == [2, 1, 4567 + 12_345, 50_000 + 200_000, (4567 + 12_345) / 250_000,
                    1_234_567_890 + 0, 2_500_000_000 + 750_000_000]
    jakarta = [float(c[0]["data-sort"]) for c in rows["31"][2:]]
    assert jakarta[-1] == jakarta[-2] == 100_000_000  # left out: the policy in force counts
    total = next(cells for section, cells in tables.tables["provinces"] if section == "tfoot")
    assert total[4][1] == "24.912" and total[2][1] == "3"


def test_the_workbook_has_a_filtered_region_sheet_and_a_province_sheet_that_adds_up(month):
    overview.write(month, MONTH, [r for r, _ in REGIONS], "id", FEATURED)
    book = openpyxl.load_workbook(month / "overview.xlsx")
    assert book.sheetnames == ["Daerah", "Provinsi", "Catatan"]
    regions = book["Daerah"]
    header = [c.value for c in regions[1]]
    assert header[:3] == ["Daerah", "Kode", "Provinsi"]
    assert regions.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}4"
    assert regions.freeze_panes == "A2"
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    rows = {r[1]: r for r in regions.iter_rows(min_row=2, values_only=True)}
    assert rows["31.71"][0] == "'" + FORMULA  # shown as text, never run
    assert rows["35.03"][0] == HOSTILE and rows["35.03"][3] == "asumsi tingkat provinsi"
    assert rows["35.77"][4:7] == (4567, 50_000, pytest.approx(0.09134))
    active = header.index("Peserta BPU aktif saat ini") + 1
    assert regions.cell(2, active).number_format == "#,##0"
    provinces = {r[1] or r[0]: r for r in book["Provinsi"].iter_rows(min_row=2,
                                                                      values_only=True)
                 if r[0] is not None}
    by_hand = {}
    for region, content in REGIONS:
        by_hand.setdefault(region.province_code, []).append(content["now"]["active"]["p50"])
    for code, values in by_hand.items():
        assert provinces[code][4] == sum(values)
    assert provinces["Semua daerah"][4] == sum(sum(v) for v in by_hand.values())  # the total
    assert provinces["35"][7:9] == (1_234_567_890, 3_250_000_000)


def test_english_words_and_numbers_with_lang_en(month):
    overview.write(month, MONTH, [r for r, _ in REGIONS], "en", FEATURED)
    page = (month / "overview.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "National overview — October 2026" in page
    for shown in ("4,567", "9.1%", "Rp 1.2 billion", "province-level assumption", "none known"):
        assert shown in page, shown
    assert openpyxl.load_workbook(month / "overview.xlsx").sheetnames == [
        "Regions", "Provinces", "Notes"]


def test_the_index_links_to_the_overview():
    page = ('<html><body><main><h1>Index</h1><div class="wide"><table class="index">'
            "</table></div></main></body></html>")
    linked = with_overview_link(page, "en")
    assert linked.index('href="overview.html"') < linked.index('<div class="wide">')
    assert 'href="overview.xlsx"' in linked


def test_a_report_that_says_its_figures_are_assumed_is_marked_so(tmp_path):
    content = summary("ngawi", "35.21", "Kabupaten Ngawi", 100, 1000, 0, None)
    content["now"]["province_level"] = True  # what the report itself says wins
    (tmp_path / "ngawi").mkdir()
    (tmp_path / "ngawi" / "summary.json").write_text(json.dumps(content), encoding="utf-8")
    region = OverviewRegion("ngawi", "Kabupaten Ngawi", "35.21", "35", "Jawa Timur", False)
    found = overview.write(tmp_path, MONTH, [region], "en", None)
    assert found.rows[0].assumed and found.total.assumed == 1
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    assert "province-level assumption" in page
    assert "APBD 2027: Kebijakan yang berlaku" in page and page.count("APBD 2027:") == 2


JEMBER_URL = ("https://www.detik.com/jatim/berita/d-8274125/lindungi-pekerja-rentan-pemkab-"
              "jember-luncurkan-program-lingkaran-cinta")


def jember_summary(lang: str) -> dict:
    """Kabupaten Jember's summary.json as a report writes it: province-level figures and the
    count its APBD paid contributions for in 2025 (params/regions/published-counts.yaml)."""
    content = summary("jember", "35.09", "Kabupaten Jember", 105_000, 900_000, 0, None)
    content["now"]["province_level"] = True
    source = {"id": "detikJatim, 23 Des 2025: Lindungi Pekerja Rentan",
              "en": "detikJatim, 23 Dec 2025: To protect vulnerable workers"}[lang]
    content["province_level"] = {"statement": "…", "province": "Jawa Timur", "references": [],
                                 "published_counts": [
                                     {"month": "2025-12", "measure": "scheme_members",
                                      "count": 82093, "note": "…", "source": source,
                                      "url": JEMBER_URL},
                                     {"month": "2024-01", "measure": "scheme_members",
                                      "count": 5, "note": "<b>x</b>", "source": HOSTILE,
                                      "url": "javascript:alert(1)"}]}
    return content


@pytest.mark.parametrize(("lang", "shown"), [
    ("id", "82.093 (peserta yang iurannya dibayar skema daerah, Desember 2025)"),
    ("en", "82,093 (members whose contributions a regional scheme pays, December 2025)")])
def test_a_published_count_is_shown_with_its_month_measure_and_source(tmp_path, lang, shown):
    folder = tmp_path / "jember"
    folder.mkdir()
    (folder / "summary.json").write_text(json.dumps(jember_summary(lang)), encoding="utf-8")
    (folder / "report.html").write_text("<p>report</p>")
    jember = OverviewRegion("jember", "Kabupaten Jember", "35.09", "35", "Jawa Timur", True)
    madiun, madiun_summary = REGIONS[0]
    (tmp_path / madiun.slug).mkdir()
    (tmp_path / madiun.slug / "summary.json").write_text(json.dumps(madiun_summary),
                                                         encoding="utf-8")
    overview.write(tmp_path, MONTH, [jember, madiun], lang, FEATURED)
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    tables = parsed(page)
    column = _heading_texts(page).index({"id": "Angka terbitan", "en": "Published count"}[lang])
    rows = {cells[1][1]: cells for section, cells in tables.tables["regions"]
            if section == "tbody"}
    cell, sort = rows["35.09"][column][1], rows["35.09"][column][0]["data-sort"]
    assert cell.startswith(shown + " · detikJatim") and float(sort) == 82093  # newest first
    assert JEMBER_URL in tables.links and "javascript:alert(1)" not in page  # no such link
    assert HOSTILE not in page and "<b>x</b>" not in page
    assert rows["35.77"][column][1] == "" and rows["35.77"][column][0]["data-sort"] == ""
    # no scheme in the parameters, but one known from the count: not "none known"
    assert rows["35.09"][column - 1][1] == say("ov_scheme_published", lang)
    note = say("ov_published_note", lang)  # context the model does not replay
    assert html_module.escape(note) in page
    book = openpyxl.load_workbook(tmp_path / "overview.xlsx")
    assert note in [row[0] for row in book.worksheets[2].iter_rows(values_only=True)]
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    at = header.index({"id": "Angka terbitan", "en": "Published count"}[lang]) + 1
    found = {sheet.cell(r, 2).value: sheet.cell(r, at) for r in range(2, sheet.max_row + 1)}
    assert found["35.09"].value.startswith(shown) and JEMBER_URL in found["35.09"].value
    assert found["35.09"].hyperlink.target == JEMBER_URL
    assert found["35.77"].value in (None, "")
