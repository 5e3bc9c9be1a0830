"""Reports, decks and charts against hostile words and files (issue 20): a scenario title
that is a formula stays text in every embedded workbook of the PowerPoint deck, a '$' in a
title is drawn as written, a 100,000-character title costs seconds, not minutes, and a
template that unpacks to gigabytes is refused before it is unpacked."""

from __future__ import annotations

import io
import json
import shutil
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import matplotlib

matplotlib.use("agg")  # tests only

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from bounded import run_bounded  # noqa: E402
from conftest import PARAMS, REPO  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from simulation.files import FORMULA_START  # noqa: E402
from simulation.reporting.content.data import load_report_data  # noqa: E402
from simulation.reporting.design import charts
from simulation.reporting.design.slide_fit import fit_within, keep_on_page  # noqa: E402
from simulation.reporting.formats.deck import briefing  # noqa: E402
from simulation.reporting.formats.powerpoint import deck as deck_pptx
from simulation.reporting.formats.powerpoint import template as pptx_template

DATA = REPO / "data"
SCENARIOS = "baseline,sosialisasi,bantuan-iuran,kombinasi"
FORMULA = "=cmd|' /C calc'!A0"
AT_FORMULA = "@SUM(1+1)*cmd|' /C calc'!A0"
DOLLARS = "Bantuan US$2 dan US$3"
MATH = r"Rencana $\kuota$ 2027"
TITLES = {"baseline": AT_FORMULA, "sosialisasi": FORMULA, "bantuan-iuran": DOLLARS,
          "kombinasi": MATH}


@pytest.fixture(scope="module")
def hostile_params(tmp_path_factory) -> Path:
    """The shipped params with scenario titles that a spreadsheet or matplotlib would read
    as code: each passes ``params check``."""
    target = tmp_path_factory.mktemp("hostile") / "params"
    shutil.copytree(PARAMS, target, ignore=shutil.ignore_patterns("local"))
    for name, title in TITLES.items():
        path = target / "scenarios" / f"{name}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(k for k, line in enumerate(lines) if line.startswith("title:"))
        end = next(k for k in range(at + 1, len(lines)) if not lines[k].startswith(" "))
        # JSON is YAML: the title exactly as written, backslash and quotes included
        lines[at:end] = [f"title: {json.dumps({'id': title, 'en': title})}\n"]
        path.write_text("".join(lines), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_data(hostile_params):
    data = load_report_data(str(hostile_params), "ngawi", "2026-10", SCENARIOS, 36, 30, 5,
                            "id", None, str(DATA))
    assert [data.scenario_title(name) for name in TITLES] == list(TITLES.values())
    return data


def _sheets(deck: Path) -> dict[str, bytes]:
    """Every embedded workbook of the deck (PowerPoint's Edit Data), by part name."""
    with zipfile.ZipFile(deck) as package:
        return {name: package.read(name) for name in package.namelist()
                if name.startswith("ppt/embeddings/") and name.endswith(".xlsx")}


def test_every_cell_of_the_decks_embedded_workbooks_is_text(hostile_data, tmp_path):
    deck = deck_pptx.write(hostile_data, "ngawi", tmp_path / "deck.pptx")
    books = _sheets(deck)
    assert len(books) == 3  # where we stand, what each option delivers, what it costs
    texts = []
    for name, blob in books.items():
        with zipfile.ZipFile(io.BytesIO(blob)) as book:
            for part in book.namelist():
                if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                    xml = book.read(part).decode("utf-8")
                    assert "<f>" not in xml and "<f " not in xml, (name, part)
                    assert "hyperlink" not in xml, (name, part)
        for row in load_workbook(io.BytesIO(blob)).active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), (name, cell.value)
                    texts.append(cell.value)
    # category labels and series names alike, quoted as in the XLSX and CSV outputs
    assert "'" + FORMULA in texts and "'" + AT_FORMULA in texts
    assert DOLLARS in texts and MATH in texts


def test_the_decks_slides_show_hostile_titles_as_plain_words(hostile_data, tmp_path):
    from pptx import Presentation

    path = deck_pptx.write(hostile_data, "ngawi", tmp_path / "deck.pptx")
    deck = Presentation(str(path))
    words = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                      if shape.has_text_frame)
    assert DOLLARS in words and MATH in words  # the cost slide names each spender
    with zipfile.ZipFile(path) as package:
        slides = [package.read(n).decode("utf-8") for n in package.namelist()
                  if n.startswith("ppt/slides/slide")]
    assert slides and not any("hlinkClick" in xml or "<a:fld" in xml for xml in slides)


def _pdf_words(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_a_dollar_in_a_title_is_drawn_as_written_on_every_slide(hostile_data, tmp_path):
    slides = briefing.build(hostile_data, "ngawi")  # mathtext failed here on '$\kuota$'
    briefing.write(slides, tmp_path / "deck.pdf", tmp_path / "png")
    words = _pdf_words(tmp_path / "deck.pdf")
    assert DOLLARS in words  # not 'US2danUS3'
    assert MATH in words
    assert (tmp_path / "png" / "slide-6.png").is_file()


def test_a_dollar_in_a_title_is_drawn_as_written_in_every_chart(hostile_data, tmp_path):
    figures = [charts.fan_chart(hostile_data, "ngawi"),
               charts.budget_chart(hostile_data, "ngawi"),
               charts.funnel_chart(hostile_data, "ngawi"),
               charts.scheme_chart(hostile_data, "ngawi")]
    shown = []
    for number, figure in enumerate(f for f in figures if f is not None):
        with matplotlib.rc_context({"pdf.fonttype": 42}):  # drawn as a notebook would
            figure.savefig(tmp_path / f"chart-{number}.pdf")
        said = [t for t in figure.findobj(Text) if "$" in t.get_text()]
        assert not [t.get_text() for t in said if t.get_parse_math()]
        shown += [t.get_text() for t in said]
        shown.append(_pdf_words(tmp_path / f"chart-{number}.pdf"))
        plt.close(figure)
    assert DOLLARS in shown and MATH in shown  # the legends
    assert any(DOLLARS in words and MATH in words for words in shown)  # and as drawn


def test_fitting_a_100000_character_title_takes_well_under_a_second():
    from simulation.reporting.design.slide_fit import LONGEST

    figure = plt.figure(figsize=(13.333, 7.5))
    canvas = figure.add_axes((0, 0, 1, 1))
    canvas.set_axis_off()
    title = canvas.text(0.05, 0.8, ("Bantuan iuran JKK + JKM " * 5000)[:100_000], fontsize=44)
    # processor time, the work done: it does not grow when other tests share the cores
    started = time.process_time()
    fit_within(figure, title, (0.03, 0.62, 0.97, 0.98))
    assert time.process_time() - started < 1.0  # it took about a minute
    assert len(title.get_text()) <= LONGEST and title.get_text().endswith("…")
    label = canvas.text(0.05, 0.3, "x" * 100_000, fontsize=20)  # no space to wrap at
    started = time.process_time()
    keep_on_page(figure)
    assert time.process_time() - started < 2.0
    assert label.get_text().count("x") < LONGEST  # cut, then wrapped
    plt.close(figure)


def test_a_deck_with_a_100000_character_title_is_built_in_seconds(hostile_data, tmp_path,
                                                                  monkeypatch):
    long = ("Bantuan iuran JKK + JKM bagi pekerja informal " * 2500)[:100_000]
    scenarios = hostile_data.params.scenarios
    for name in ("baseline", "kombinasi"):  # a legend, the options and the costs
        monkeypatch.setitem(scenarios, name, replace(scenarios[name], title_id=long,
                                                     title_en=long))
    started = time.process_time()  # processor time, as above
    slides = briefing.build(hostile_data, "ngawi")
    briefing.write(slides, tmp_path / "deck.pdf")
    deck_pptx.write(hostile_data, "ngawi", tmp_path / "deck.pptx")
    assert time.process_time() - started < 15  # about 4 s; it took two minutes
    assert "Bantuan iuran JKK + JKM" in _pdf_words(tmp_path / "deck.pdf")


def template_bomb(path: Path, unpacked: int) -> Path:
    """The shipped template with its thumbnail (a part python-pptx reads) replaced by
    ``unpacked`` bytes of zeros: a few MB on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(pptx_template.TEMPLATE) as shipped, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for member in shipped.infolist():
            if member.filename != "docProps/thumbnail.jpeg":
                bomb.writestr(member.filename, shipped.read(member))
                continue
            with bomb.open(member.filename, "w", force_zip64=True) as part:
                chunk = bytes(2**24)
                for _ in range(unpacked // len(chunk)):
                    part.write(chunk)
    return path


@pytest.mark.parametrize("limit", ["member", "ratio", "members"])
def test_a_template_over_a_limit_is_refused_naming_the_option_and_the_limit(tmp_path, cli,
                                                                            limit):
    template = tmp_path / "kantor.pptx"
    if limit == "member":
        template_bomb(template, 80 * 2**20)
        says = "each part at most 64 MiB unpacked"
    elif limit == "ratio":
        template_bomb(template, 32 * 2**20)
        says = "at most 100 times its packed size"
    else:
        with zipfile.ZipFile(pptx_template.TEMPLATE) as shipped, zipfile.ZipFile(
                template, "w") as many:
            for member in shipped.infolist():
                many.writestr(member.filename, shipped.read(member))
            for k in range(2001):
                many.writestr(f"ppt/media/x{k}.bin", b"")
        says = "at most 2,000 parts"
    out = tmp_path / "deck.pdf"
    status, _, stderr = cli("briefing", "--region", "ngawi", "--pptx-template", template,
                            "--params", PARAMS, "--out", out)
    assert status == 2 and "--pptx-template" in stderr and says in stderr, stderr
    assert "Traceback" not in stderr and not out.exists()


@pytest.mark.slow
def test_a_template_bomb_is_refused_in_seconds_and_little_memory(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(PARAMS, workspace / "params", ignore=shutil.ignore_patterns("local"))
    (workspace / "params" / "local").mkdir()
    shutil.copytree(DATA, workspace / "data")
    template_bomb(workspace / "bomb.pptx", 1200 * 2**20)  # 1.2 GB in about 5 MB
    assert (workspace / "bomb.pptx").stat().st_size < 10 * 2**20
    measured = run_bounded(["briefing", "--region", "ngawi", "--pptx-template", "bomb.pptx"],
                           workspace, {"JAMSOS_PARAMS": str(workspace / "params")})
    assert measured.status == 2, measured.output
    assert "--pptx-template" in measured.output and "64 MiB" in measured.output
    assert "Traceback" not in measured.output
    assert measured.cpu_seconds < 30 and measured.peak_mib < 1024, measured  # tests/bounded.py
    assert not list(workspace.glob("briefing-*"))


def test_a_template_over_64_mib_or_unpacking_past_the_total_is_refused(tmp_path, monkeypatch):
    """The two template limits the bombs above do not reach: the file's own size (a sparse
    65 MiB file, nothing unpacked) and the parts' total unpacked size (the limit lowered
    to below the shipped template's, so the check itself is what is tried)."""
    from simulation.errors import InputError
    from simulation.reporting.formats.powerpoint import template

    big = tmp_path / "besar.pptx"
    with big.open("wb") as sparse:
        sparse.truncate(65 * 2**20)
    with pytest.raises(InputError) as raised:
        template.open_template(big)
    assert "a template of at most 64 MiB" in str(raised.value)
    assert "--pptx-template" in str(raised.value)
    monkeypatch.setitem(template.TEMPLATE_LIMITS, "total", 2**10)
    with pytest.raises(InputError) as raised:
        template.open_template(template.TEMPLATE)
    said = str(raised.value)
    assert "--pptx-template" in said and "unpacked size" in said and "unpacked" in said


def test_a_long_web_address_may_wrap_in_its_column_and_text_stays_text():
    """A source's address gets a break opportunity after each slash (no character: copied,
    it is whole), so the appendix's table keeps to the page; every cell is still escaped,
    short words and numbers are left as they are."""
    from simulation.reporting.formats.page.display import _cell

    address = "PP 1 (https://www.example.go.id/berita/2025/12/29/judul-panjang-sekali)"
    assert _cell(address) == ("PP 1 (https:/<wbr>/<wbr>www.example.go.id/<wbr>berita/<wbr>"
                              "2025/<wbr>12/<wbr>29/<wbr>judul-panjang-sekali)")
    hostile = _cell("<script>alert(1)</script>")
    assert "<script" not in hostile and hostile.startswith("&lt;script&gt;alert(1)&lt;/")
    assert hostile.replace("<wbr>", "") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert _cell("Rp 1/2 juta & 3/4") == "Rp 1/2 juta &amp; 3/4"  # short words: untouched
    assert _cell(12_345.5) == 12_345.5
