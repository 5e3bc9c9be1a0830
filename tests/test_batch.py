"""End to end: the monthly batch, offline HTML, failure isolation, atomic replacement."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from conftest import PARAMS, QUICK, REGIONS, REPO
from pypdf import PdfReader

from simulation.batch.plan import RunSettings, check_parameters
from simulation.batch.publishing import month_lock, recover
from simulation.batch.runner import run
from simulation.errors import InputError
from simulation.reporting.design.web import fetched_resources

MONTH = "2026-10"  # the latest month of the shipped (illustrative) actuals: the default


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def failing_templates(tmp_path: Path, region: str) -> Path:
    """Copies of the templates whose district report fails for one region."""
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "notebooks" / "templates", folder)
    path = folder / "district_report.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(
        f'if region == "{region}":\n    raise RuntimeError("deliberate failure for a test")'))
    nbformat.write(notebook, path)
    return folder


def test_the_batch_writes_every_report_the_summary_index_and_manifest(batch):
    out, done = batch
    month = out / MONTH
    assert done.stdout.strip() == str(month / "index.html")
    for slug in ("kota-madiun", "pacitan", "ringkasan"):
        assert {"report.ipynb", "report.html", "summary.json"} <= {
            p.name for p in (month / slug).iterdir()}
    for slug in ("kota-madiun", "pacitan"):
        assert (month / slug / "briefing.pdf").stat().st_size > 10_000
        assert len(list((month / slug / "briefing").glob("slide-*.png"))) == 6
        assert (month / slug / "explorer.html").stat().st_size > 10_000  # the what-if page
    manifest = json.loads((month / "manifest.json").read_text())
    assert manifest["failed"] == []
    assert {k: v["status"] for k, v in manifest["regions"].items()} == {
        "kota-madiun": "ok", "pacitan": "ok", "ringkasan": "ok"}
    assert manifest["last_run_inputs"]["params_hash"] and manifest["packages"]["papermill"]
    inputs = {slug: entry["inputs"] for slug, entry in manifest["regions"].items()}
    assert inputs["ringkasan"]["template"] == "regional_summary.ipynb"
    assert inputs["pacitan"]["template"] == "district_report.ipynb"
    assert all(i["params_hash"] == manifest["last_run_inputs"]["params_hash"]
               and i["data_hash"] == manifest["last_run_inputs"]["data_hash"]
               and len(i["template_hash"]) == 64 for i in inputs.values())
    index = (month / "index.html").read_text()
    assert 'href="kota-madiun/report.html"' in index and 'href="ringkasan/report.html"' in index
    assert 'href="pacitan/briefing.pdf"' in index
    assert 'href="pacitan/explorer.html">bagaimana jika?</a>' in index
    assert "Kabupaten Pacitan" in index and "[2/3]" in done.stderr


def test_the_html_embeds_its_charts_and_fetches_nothing(batch):
    out, _ = batch
    for slug in ("kota-madiun", "ringkasan"):
        page = (out / MONTH / slug / "report.html").read_text()
        assert page.count("data:image/png;base64,") >= 2
        assert fetched_resources(page) == []
        assert "<script" not in page
        assert "load_report_data" not in page  # code hidden
    kota = (out / MONTH / "kota-madiun" / "report.html").read_text()
    assert "Perluasan kepesertaan BPU — Kota Madiun" in kota
    # the shipped (synthetic) pendataan aggregates appear, labelled as synthetic
    assert "Hasil pendataan per kelurahan (November 2019)" in kota
    assert "DATA CONTOH SINTETIS" in kota


def test_summary_json_holds_the_headline(batch):
    out, _ = batch
    summary = json.loads((out / MONTH / "pacitan" / "summary.json").read_text())
    assert summary["region_code"] == "35.01" and summary["month"] == MONTH
    # nowcast: "now" is the (illustrative) actual of the report month from data/actuals
    store = (REPO / "data" / "actuals" / "actuals.csv").read_text()
    assert f"35.01,{MONTH},{summary['now']['active']['p50']}," in store
    assert summary["now"]["from_data"] and summary["now"]["data_cutoff"] == MONTH
    names = [s["name"] for s in summary["scenarios"]]
    assert names[0] == "baseline" and "kombinasi" in names
    assert summary["draws"] == 100 and summary["params_hash"]


def test_every_report_and_deck_shows_what_apbd_2027_is_asked_per_payer(batch):
    from pypdf import PdfReader

    out, _ = batch
    kota = json.loads((out / MONTH / "kota-madiun" / "summary.json").read_text())
    assert kota["apbd_year"] == 2027  # from July a report speaks of the next APBD
    base = kota["scenarios"][0]
    # the city's two schemes for 12 months: 9,582 x Rp 16,800 + 7,902 x Rp 11,800 a month
    # (the median of our 2026 ranges around them); the water company pays its list apart
    assert base["budget_apbd_year_rp"]["wage_earner"] == pytest.approx(
        7_902 * 11_800 * 12, rel=0.01)
    assert base["budget_apbd_year_rp"]["total"] == pytest.approx(
        12 * (9_582 * 16_800 + 7_902 * 11_800), rel=0.03)
    assert base["budget_by_year_and_payer_rp"]["2027"]["apbd_kabkota"] == \
        base["budget_apbd_year_rp"]["total"]
    assert base["budget_by_year_and_payer_rp"]["2027"]["csr"] == pytest.approx(
        1_184 * 16_800 * 12, rel=0.02)
    assert "worker" in base["budget_by_year_and_payer_rp"]["2027"]
    # Pacitan's agency lists are asked of their payers: DBHCHT and the APBD (fishers, tappers)
    pacitan = json.loads((out / MONTH / "pacitan" / "summary.json").read_text())
    asked = pacitan["scenarios"][0]["budget_by_year_and_payer_rp"]["2027"]
    assert asked["dbhcht"] > 0 and asked["apbd_kabkota"] > 0
    for slug in ("kota-madiun", "pacitan"):
        page = (out / MONTH / slug / "report.html").read_text()
        assert "Anggaran APBD 2027" in page and "APBD kabupaten/kota" in page
        assert "Kepekaan: getok tular peserta bersubsidi" in page
        words = " ".join(" ".join(p.extract_text().split())
                         for p in PdfReader(out / MONTH / slug / "briefing.pdf").pages)
        assert "Anggaran APBD 2027" in words
    kota_page = (out / MONTH / "kota-madiun" / "report.html").read_text()
    assert "Skema yang berjalan" in kota_page and "Pemkot Madiun" in kota_page
    assert "16.524" in kota_page and "sinergiamediatama.com" in kota_page  # points, claims
    pacitan_page = (out / MONTH / "pacitan" / "report.html").read_text()
    assert "DBHCHT Pacitan" in pacitan_page and "pacitanku.com" in pacitan_page
    assert "Bulan dibayar" in pacitan_page and "Juli–Oktober" in pacitan_page


ENGLISH = {"the", "and", "of", "with", "from", "for", "is", "are", "to", "by", "not", "which",
           "this", "that", "was", "were", "an", "or", "in", "on", "at", "its", "than", "only"}
INDONESIAN = {"yang", "dan", "dengan", "untuk", "dari", "tidak", "belum", "sebagai", "adalah",
              "atau", "pada", "bukan", "sampai", "sekitar", "setahun", "orang", "sejak"}


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: no tags, scripts or styles."""
    from html.parser import HTMLParser

    class Words(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("script", "style")
            self.parts.append("\n")

        def handle_endtag(self, tag):
            self.hidden -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    parser = Words()
    parser.feed(page)
    return "".join(parser.parts)


def words_of_the_other_language(text: str, others: set[str]) -> list[str]:
    """Lines holding function words of the other language, outside quotes (a cited
    section title) and the titles of regulations ("PP 44/2015 tentang ...")."""
    found = []
    for line in text.splitlines():
        if re.search(r"\bPP \d+/\d+ tentang", line):
            continue
        bare = re.sub(r'"[^"]*"|https?://\S+', " ", line)
        words = re.findall(r"(?<![\w.+-])[A-Za-z]+(?![\w.+-])", bare)
        if any(w.lower() in others for w in words):
            found.append(line.strip()[:160])
    return found


def test_the_index_and_summary_label_illustrative_numbers_and_run_in_order(batch):
    month = batch[0] / MONTH
    index = visible_text((month / "index.html").read_text())
    assert index.count("ILUSTRATIF") >= 4  # active now and coverage, both regions, and a note
    # the schemes running and the new money a scenario asks for, in columns of their own
    assert "Anggaran APBD 2027" in index and "Kebijakan yang berlaku (skema berjalan)" in index
    assert "Tambahan: Sosialisasi + bantuan iuran" in index
    summary = visible_text((month / "ringkasan" / "report.html").read_text())
    numbers = re.findall(r"^(\d)\. ", summary, re.M)
    assert numbers == ["1", "2", "3", "4"], numbers
    assert "ILUSTRATIF" in summary
    assert not re.search(r"\b20\d\d-\d\d(-\d\d)?\b", summary)  # no ISO dates in prose
    report = visible_text((month / "kota-madiun" / "report.html").read_text())
    assert re.findall(r"^(\d)\. ", report, re.M) == ["1", "2", "3", "4", "5", "6"]


def test_indonesian_output_holds_no_english_prose(batch):
    month = batch[0] / MONTH
    pages = [*month.glob("*/report.html"), month / "index.html"]
    texts = {p.parent.name + "/" + p.name: visible_text(p.read_text()) for p in pages}
    for deck in month.glob("*/briefing.pdf"):
        texts[deck.parent.name + "/briefing.pdf"] = "\n".join(
            page.extract_text() for page in PdfReader(deck).pages)
    found = {name: words_of_the_other_language(text, ENGLISH) for name, text in texts.items()}
    assert len(texts) == 6 and not any(found.values()), found


@pytest.mark.slow
def test_english_output_on_request_holds_no_indonesian_prose(tmp_path, cli):
    status, _, _ = cli("report", "--region", "kota-madiun", "--lang", "en", "--out", tmp_path,
                       *QUICK)
    assert status == 0
    folder = tmp_path / MONTH / "kota-madiun"
    texts = {"report.html": visible_text((folder / "report.html").read_text()),
             "briefing.pdf": "\n".join(p.extract_text()
                                        for p in PdfReader(folder / "briefing.pdf").pages)}
    found = {name: words_of_the_other_language(text, INDONESIAN) for name, text in texts.items()}
    assert "Extending BPU coverage" in texts["report.html"] and not any(found.values()), found


def test_the_briefing_says_what_summary_json_says(batch):
    from pypdf import PdfReader

    from simulation.reporting.words.formatting import compact

    folder = batch[0] / MONTH / "pacitan"
    summary = json.loads((folder / "summary.json").read_text())
    words = "\n".join(p.extract_text() for p in PdfReader(folder / "briefing.pdf").pages)
    assert "Kabupaten Pacitan" in words and "Bupati" in words
    for scenario in summary["scenarios"]:
        assert compact(scenario["active_end_of_horizon"]["p50"]) in words
    kota = batch[0] / MONTH / "kota-madiun" / "briefing.pdf"
    kota_words = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(kota).pages)
    assert "Pendataan November 2019" in kota_words and "SINTETIS" in kota_words


@pytest.mark.slow
def test_a_failing_region_leaves_the_others_and_the_earlier_report_intact(batch, tmp_path, cli):
    out = tmp_path / "reports"
    shutil.copytree(batch[0], out)
    before = tree_bytes(out / MONTH / "pacitan")
    templates = failing_templates(tmp_path, "pacitan")
    status, stdout, stderr = cli("monthly", "--regions", REGIONS, "--out", out, "--jobs", "2",
                                 "--templates", templates, *QUICK)
    assert status == 1
    assert "pacitan failed" in stderr and "deliberate failure" in stderr
    assert tree_bytes(out / MONTH / "pacitan") == before
    manifest = json.loads((out / MONTH / "manifest.json").read_text())
    assert manifest["failed"] == ["pacitan"]
    error = manifest["regions"]["pacitan"]["error"]
    assert error["ename"] == "RuntimeError" and "deliberate" in error["evalue"]
    assert manifest["regions"]["pacitan"]["kept_previous"] is True
    assert manifest["regions"]["kota-madiun"]["status"] == "ok"
    assert (out / MONTH / "_failed" / "pacitan.ipynb").is_file()
    index = (out / MONTH / "index.html").read_text()
    assert "GAGAL (laporan sebelumnya dipertahankan)" in index
    assert not list((out / MONTH).glob(".tmp-*"))


@pytest.mark.slow
def test_a_re_run_of_one_region_changes_only_its_own_recorded_inputs(batch, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(batch[0], out)
    before = json.loads((out / MONTH / "manifest.json").read_text())
    changed = tmp_path / "params"
    shutil.copytree(PARAMS, changed, ignore=shutil.ignore_patterns("local"))
    targets = changed / "policy" / "targets.yaml"
    targets.write_text(targets.read_text() + "# re-checked\n")  # a new parameter hash
    settings = RunSettings(month=MONTH, draws=100, horizon_months=24, params_dir=str(changed),
                           out_root=str(out), data_dir=str(REPO / "data"))
    assert run(settings, regions="pacitan", jobs=1, with_summary=False,
               progress=lambda _: None)["failed"] == []
    after = json.loads((out / MONTH / "manifest.json").read_text())
    old, new = before["regions"], after["regions"]
    assert new["pacitan"]["inputs"]["params_hash"] != old["pacitan"]["inputs"]["params_hash"]
    assert new["kota-madiun"]["inputs"] == old["kota-madiun"]["inputs"]
    assert new["ringkasan"]["inputs"] == old["ringkasan"]["inputs"]
    index = (out / MONTH / "index.html").read_text()
    assert new["pacitan"]["inputs"]["params_hash"][:12] in index
    assert old["kota-madiun"]["inputs"]["params_hash"][:12] in index


@pytest.mark.slow
def test_the_same_seed_gives_the_same_numbers_even_from_a_relative_folder(batch, tmp_path,
                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = RunSettings(month=MONTH, draws=100, horizon_months=24,
                           params_dir=str(PARAMS), out_root="again", data_dir=str(REPO / "data"))
    manifest = run(settings, regions="kota-madiun", jobs=1, with_summary=False,
                   progress=lambda _: None)
    assert manifest["failed"] == []
    first = (batch[0] / MONTH / "kota-madiun" / "summary.json").read_text()
    assert (tmp_path / "again" / MONTH / "kota-madiun" / "summary.json").read_text() == first


def test_a_second_run_on_the_same_month_is_refused_while_one_holds_the_lock(tmp_path, cli):
    with month_lock(tmp_path / MONTH):
        status, _, stderr = cli("monthly", "--out", tmp_path, *QUICK)
    assert status == 1
    assert "another run" in stderr and "is writing" in stderr


def wait_for_a_cell_to_finish(month_dir: Path, process: subprocess.Popen,
                              limit_s: float = 120) -> None:
    """Return once papermill has saved a completed cell in the staged notebook: the kernel
    started and the notebook is executing (so a kill lands mid-run, not before it)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:  # reports run in the staged month tree beside it
        for staged in month_dir.parent.glob(f".staging-{month_dir.name}-*/.tmp-*/report.ipynb"):
            try:
                if '"status": "completed"' in staged.read_text(encoding="utf-8"):
                    return
            except (OSError, UnicodeDecodeError):
                pass  # being rewritten; look again
        assert process.poll() is None, "the run ended before a cell finished"
        time.sleep(0.05)
    raise AssertionError(f"no cell finished within {limit_s} s")


@pytest.mark.slow
def test_a_killed_run_never_replaces_the_previous_report(batch, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(batch[0], out)
    before = tree_bytes(out / MONTH / "kota-madiun")
    process = subprocess.Popen(
        [sys.executable, "-m", "simulation", "report", "--region", "kota-madiun", "--out",
         str(out), *QUICK], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    wait_for_a_cell_to_finish(out / MONTH, process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_bytes(out / MONTH / "kota-madiun") == before
    recover(out / MONTH)
    assert not list((out / MONTH).glob(".tmp-*")) and not list(out.glob(".staging-*"))
    assert tree_bytes(out / MONTH / "kota-madiun") == before


def every_file(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kill -9 is POSIX")
def test_a_run_killed_once_a_district_finished_leaves_the_whole_previous_month(batch,
                                                                               tmp_path):
    from simulation.batch.snapshot import clean_stale_temporaries

    out = tmp_path / "reports"
    shutil.copytree(batch[0], out)
    before = every_file(out / MONTH)
    process = subprocess.Popen(
        [sys.executable, "-m", "simulation", "monthly", "--regions", REGIONS, "--jobs", "2",
         "--out", str(out), "--draws", "20", "--horizon", "12", "--params", str(PARAMS)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 180
    while not list(out.glob(f".staging-{MONTH}-*/*/summary.json")):  # a district finished
        assert process.poll() is None and time.monotonic() < deadline, "no district finished"
        time.sleep(0.02)
    process.kill()  # kill -9 of the run, as old code then had published that district
    process.wait()
    assert every_file(out / MONTH) == before  # even before any recovery
    time.sleep(1)  # its workers exit within a poll; nothing is published late
    with month_lock(out / MONTH):
        recover(out / MONTH)
    assert every_file(out / MONTH) == before
    assert sorted(p.name for p in out.iterdir()) == [f".{MONTH}.lock", MONTH]
    manifest = json.loads((out / MONTH / "manifest.json").read_text())
    for slug, entry in manifest["regions"].items():
        for name, digest in entry["outputs"].items():
            assert hashlib.sha256((out / MONTH / slug / name).read_bytes()).hexdigest() == digest
    left = f"jamsos-in-{process.pid}-"
    clean_stale_temporaries()
    assert not [p for p in Path(tempfile.gettempdir()).iterdir() if p.name.startswith(left)]


def test_recover_puts_back_a_report_moved_aside_by_an_interrupted_publish(tmp_path):
    month = tmp_path / MONTH
    (month / ".old-ngawi-1a2b3c4d").mkdir(parents=True)
    (month / ".old-ngawi-1a2b3c4d" / "summary.json").write_text("{}")
    (month / ".tmp-ngawi-deadbeef").mkdir()
    recover(month)
    assert (month / "ngawi" / "summary.json").read_text() == "{}"
    assert sorted(p.name for p in month.iterdir()) == ["ngawi"]


def test_templates_are_checked_before_running(tmp_path):
    bare = tmp_path / "bare.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(notebook, bare)
    with pytest.raises(InputError, match="a code cell tagged 'parameters'"):
        check_parameters(bare, {"x": 2})
    with pytest.raises(InputError, match=r"parameters\.regoin: got 'ngawi'; expected a "
                                         r"parameter of the template: code_version"):
        check_parameters(REPO / "notebooks" / "templates" / "district_report.ipynb",
                         {"regoin": "ngawi"})


@pytest.mark.parametrize("args, message", [
    (["--month", "2019-06"], "--month: got '2019-06'; expected 2019-12 or later"),
    (["--regions", "bojonegoroo"], "--regions: got 'bojonegoroo'"),
    (["--scenarios", "baseline,kampanye"], "--scenarios: got 'kampanye'"),
])
def test_monthly_bad_input_exits_2_before_running_anything(tmp_path, cli, args, message):
    status, _, stderr = cli("monthly", "--out", tmp_path, *QUICK, *args)
    assert status == 2 and message in stderr and "Traceback" not in stderr
    assert not list(tmp_path.iterdir())


PAPERS = {"A4": ("210mm", "297mm"), "F4": ("215mm", "330mm")}


@pytest.mark.slow
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_report_and_index_print_without_cut_charts_or_tables(batch, tmp_path, paper):
    """Headless Chromium prints the pages; every chart and every word stays on its page."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage, LTTextContainer

    width, height = PAPERS[paper]
    month = batch[0] / MONTH
    printed = {}
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for page_file in (month / "kota-madiun" / "report.html", month / "index.html"):
            tab = browser.new_page()
            tab.goto(page_file.as_uri())
            pdf = tmp_path / f"{page_file.parent.name}-{paper}.pdf"
            tab.pdf(path=str(pdf), width=width, height=height)
            printed[page_file.parent.name] = pdf
        browser.close()
    for name, pdf in printed.items():
        cut, images, pages = [], 0, 0
        for number, page in enumerate(extract_pages(str(pdf)), 1):
            pages += 1
            for item in page:
                inside = (item.x0 >= -1 and item.y0 >= -1 and item.x1 <= page.width + 1
                          and item.y1 <= page.height + 1)
                if isinstance(item, (LTFigure, LTImage)):
                    images += 1
                    if not inside:
                        cut.append((number, "chart", round(item.y0), round(item.y1)))
                elif isinstance(item, LTTextContainer) and not inside:
                    cut.append((number, item.get_text()[:40], round(item.x1)))
        assert not cut, (name, paper, cut)
        if name == "kota-madiun":
            assert pages >= 8 and images >= 5, (pages, images)


def test_the_monthly_run_writes_workbooks_with_numbers_formats_and_print_settings(batch):
    from openpyxl import load_workbook

    month = batch[0] / MONTH
    index = (month / "index.html").read_text()
    for slug in ("kota-madiun", "pacitan", "ringkasan"):
        path = month / slug / f"jamsos-{slug}-{MONTH}.xlsx"
        assert path.is_file() and f'href="{slug}/{path.name}"' in index
        book = load_workbook(path)
        assert book.sheetnames == ["Anggaran", "Proyeksi bulanan", "Pendataan", "Lampiran",
                                   "Ilustratif dan asumsi"]
        for sheet in book:
            assert sheet.freeze_panes == "A2" and sheet.page_setup.orientation == "landscape"
            assert sheet.page_setup.fitToWidth == 1 and int(sheet.page_setup.paperSize) == 9
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
        budget = book["Anggaran"]
        assert [c.value for c in budget[1]][:5] == ["Skenario", "Pembayar", "Tahun APBD",
                                                   "Bulan tercakup", "Rupiah (median)"]
        rupiah = [row[4] for row in budget.iter_rows(min_row=2)]
        assert all(isinstance(c.value, int) and c.number_format == '"Rp "#,##0' for c in rupiah)
        projection = book["Proyeksi bulanan"]
        first = [c for c in projection[2]]
        assert first[1].is_date and first[1].number_format == "mmm yyyy"
        assert isinstance(first[3].value, float | int) and first[6].number_format == "0.0%"
    # the numbers are those of summary.json
    summary = json.loads((month / "kota-madiun" / "summary.json").read_text())
    base = summary["scenarios"][0]
    book = load_workbook(month / "kota-madiun" / f"jamsos-kota-madiun-{MONTH}.xlsx")
    rows = [[c.value for c in r] for r in book["Anggaran"].iter_rows(min_row=2)]
    apbd_2027 = [r[4] for r in rows if r[0] == base["title"] and r[1] == "APBD kabupaten/kota"
                 and r[2] == 2027]
    assert apbd_2027 == [base["budget_by_year_and_payer_rp"]["2027"]["apbd_kabkota"]]
    caveats = [r[1].value for r in book["Ilustratif dan asumsi"].iter_rows(min_row=2)]
    assert "ILUSTRATIF" in caveats and "ASUMSI" in caveats


def test_workbook_text_that_looks_like_a_formula_stays_text(tmp_path):
    from openpyxl import Workbook, load_workbook

    from simulation.files import neutralised as safe

    book = Workbook()
    for value in ('=HYPERLINK("http://x.example","Klik")', "-2+3+cmd|' /C calc'!A0", "@SUM(1)",
                  "+1", "\tx", "Taman", 12):
        book.active.append([safe(value)])
    book.save(tmp_path / "x.xlsx")
    cells = [r[0] for r in load_workbook(tmp_path / "x.xlsx").active.iter_rows()]
    assert all(c.data_type != "f" for c in cells)
    assert cells[0].value.startswith("'=") and cells[5].value == "Taman" and cells[6].value == 12


def test_the_index_shows_a_dash_where_a_scenario_changes_nothing_and_says_why(batch):
    """Kota Madiun: the two kabupaten-only scenarios are '–' in its index row (its report
    leaves them out), with the note that says why; Pacitan's row has numbers there."""
    import io

    import pandas as pd

    html = (batch[0] / MONTH / "index.html").read_text()
    table = pd.read_html(io.StringIO(html))[0]
    table.columns = [" / ".join(dict.fromkeys(c)) for c in table.columns]
    rows = {row[0].split(" laporan")[0]: row for row in table.itertuples(index=False)}
    kabupaten_only = [k for k, c in enumerate(table.columns)
                      if c.endswith("Bantuan iuran JKK + JKM oleh pemda kabupaten")
                      or c.endswith("Bantuan iuran kabupaten dua tahun, kemudian dihentikan")]
    assert len(kabupaten_only) == 2
    assert [rows["Kota Madiun"][k] for k in kabupaten_only] == ["–", "–"]
    assert all(rows["Kabupaten Pacitan"][k] != "–" for k in kabupaten_only)
    assert "– : skenario itu tidak mengubah apa pun di daerah tersebut" in visible_text(html)


def test_a_report_with_nothing_to_compare_renders_every_output(tmp_path):
    """`jamsos report --region magetan --scenarios baseline` (the reader issue's crash):
    the policy in force alone, so no scenario to compare and no subsidy to chart; the
    report, both decks, the workbook and the explorer are written and nothing fails."""
    from conftest import jamsos

    done = jamsos("report", "--region", "magetan", "--scenarios", "baseline", "--month",
                  "2026-10", "--out", str(tmp_path), *QUICK)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / MONTH / "magetan"
    for name in ("report.html", "briefing.pdf", "briefing.pptx", "explorer.html",
                 "jamsos-magetan-2026-10.xlsx", "summary.json"):
        assert (folder / name).is_file() and (folder / name).stat().st_size > 0, name
    assert not (tmp_path / MONTH / "_failed").exists()
    assert "Traceback" not in done.stderr
