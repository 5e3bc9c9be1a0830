"""The briefing deck: six 16:9 pages whose words carry the headline numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")  # tests only

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from conftest import PARAMS  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from simulation.reporting.formats.deck.briefing import write_for  # noqa: E402
from simulation.reporting.words.formatting import compact, compact_rupiah, percent  # noqa: E402

# on one pytest-xdist worker: its decks made once, not once a worker
pytestmark = pytest.mark.xdist_group("briefing")
SCENARIOS = "baseline,sosialisasi,bantuan-iuran,kombinasi"


def deck_text(path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    headline = write_for(str(PARAMS), "35.77", "2019-12", SCENARIOS, 96, 100, 5, "id",
                         folder / "briefing.pdf", folder / "png")
    return folder, headline


def test_six_pages_in_16_to_9(kota):
    reader, _ = deck_text(kota[0] / "briefing.pdf")
    assert len(reader.pages) == 6
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9, rel=1e-3)


def test_the_words_carry_the_region_and_the_headline_numbers(kota):
    _, words = deck_text(kota[0] / "briefing.pdf")
    headline = kota[1]
    assert "Kota Madiun" in words and "Wali Kota" in words
    assert compact(headline["now"]["active"]["p50"]) in words  # "210"
    assert percent(headline["now"]["coverage"]) in words
    by_name = {s["name"]: s for s in headline["scenarios"]}
    for name in ("sosialisasi", "kombinasi"):
        assert compact(by_name[name]["active_end_of_horizon"]["p50"]) in words
        assert compact_rupiah(by_name[name]["budget_apbd_year_rp"]["total"]) in words
    assert "Di mana kita sekarang" in words and "Langkah dan asumsi" in words


def test_a_scenario_for_the_kabupaten_only_is_not_an_option_for_the_city(kota):
    """Kota Madiun: the kabupaten's subsidy changes nothing there, so no slide offers it;
    slide 3 names it as left out."""
    _, words = deck_text(kota[0] / "briefing.pdf")
    headline = kota[1]
    assert "bantuan-iuran" not in {s["name"] for s in headline["scenarios"]}
    assert [item["name"] for item in headline["left_out"]] == ["bantuan-iuran"]
    flat = " ".join(words.split())
    assert "Tidak ditampilkan karena tidak mengubah apa pun di Kota Madiun" in flat


def test_the_fonts_are_embedded_without_layout_tables_and_draw_the_same(kota, tmp_path,
                                                                       monkeypatch):
    """The deck's fonts hold their glyphs and widths but no OpenType layout tables (see
    deck.fonts: a PDF never uses them); fontTools is as it was after the deck; and a deck
    written with the tables kept draws every page pixel for pixel the same."""
    import contextlib
    import io
    import shutil
    import subprocess

    from fontTools.subset import Options
    from fontTools.ttLib import TTFont

    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.formats.deck import briefing, fonts

    embedded = {}
    for page in PdfReader(kota[0] / "briefing.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded[font.get_object()["/BaseFont"]] = descriptor["/FontFile2"].get_data()
    assert len(embedded) >= 2  # regular and bold
    for name, data in embedded.items():
        tables = set(TTFont(io.BytesIO(data)).keys())
        assert {"glyf", "hmtx", "cmap"} <= tables, name
        assert not tables & set(fonts.LAYOUT_TABLES), (name, tables)
    assert not set(fonts.LAYOUT_TABLES) & set(Options._drop_tables_default)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: pages not compared")
    data = load_report_data(str(PARAMS), "35.77", "2019-12", SCENARIOS, 96, 100, 5, "id")
    lean, kept = tmp_path / "lean.pdf", tmp_path / "kept.pdf"
    briefing.write(briefing.build(data, "kota-madiun"), lean)
    monkeypatch.setattr(briefing, "without_layout_tables", contextlib.nullcontext)
    briefing.write(briefing.build(data, "kota-madiun"), kept)
    assert lean.stat().st_size < kept.stat().st_size
    for pdf in (lean, kept):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / pdf.stem)],
                       check=True)
    for number in range(1, 7):
        assert ((tmp_path / f"lean-{number}.png").read_bytes()
                == (tmp_path / f"kept-{number}.png").read_bytes()), f"slide {number}"


def test_each_slide_is_also_a_png_with_markdown(kota):
    folder = kota[0] / "png"
    assert sorted(p.name for p in folder.glob("slide-*.png")) == [
        f"slide-{n}.png" for n in range(1, 7)]
    markdown = (folder / "briefing.md").read_text()
    assert markdown.count("![slide") == 6 and "Kota Madiun" in markdown


def test_each_slide_picture_is_its_page_in_order_and_16_to_9(kota):
    """slide-N.png is page N of the PDF (drawn from it by pdfium): 1,334 x 750 pixels, and
    closest, of the six slides drawn again with matplotlib, to slide N (compared at an
    eighth of the size: the two draw glyphs a little apart)."""
    import io

    import numpy as np
    from PIL import Image

    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.formats.deck.briefing import build

    def small(image):
        return np.asarray(image.convert("L").resize((167, 94), Image.Resampling.BOX), float)

    opened = [Image.open(kota[0] / "png" / f"slide-{n}.png") for n in range(1, 7)]
    assert {image.size for image in opened} == {(1334, 750)}
    pictures = [small(image) for image in opened]
    data = load_report_data(str(PARAMS), "35.77", "2019-12", SCENARIOS, 96, 100, 5, "id")
    drawn = []
    for slide in build(data, "kota-madiun"):
        buffer = io.BytesIO()
        slide.figure.savefig(buffer, format="png", dpi=100)
        plt.close(slide.figure)
        drawn.append(small(Image.open(buffer)))
    for number, picture in enumerate(pictures):
        distances = [np.abs(picture - other).mean() for other in drawn]
        assert int(np.argmin(distances)) == number, (number + 1, distances)
        assert distances[number] < 0.03 * 255, (number + 1, distances[number])


def test_english_on_request(tmp_path):
    write_for(str(PARAMS), "pacitan", "2019-12", SCENARIOS, 24, 50, 5, "en",
              tmp_path / "deck.pdf")
    _, words = deck_text(tmp_path / "deck.pdf")
    assert "Where we stand" in words and "Regent" in words
    assert "Di mana kita sekarang" not in words


def test_the_command_writes_the_deck_and_refuses_bad_input(cli, tmp_path):
    out = tmp_path / "deck.pdf"
    status, stdout, _ = cli("briefing", "--region", "ngawi", "--draws", "50", "--horizon", "24",
                            "--params", PARAMS, "--out", out)
    assert status == 0 and stdout.split() == [str(out), str(out.with_suffix(".pptx"))]
    assert out.stat().st_size > 10_000 and out.with_suffix(".pptx").stat().st_size > 10_000
    status, _, stderr = cli("briefing", "--region", "ngawi", "--month", "2018-01", "--params",
                            PARAMS, "--out", tmp_path / "x.pdf")
    assert status == 2 and "month: got '2018-01'" in stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_deck_of_october_2026_asks_for_apbd_2027_and_the_years_after(tmp_path):
    headline = write_for(str(PARAMS), "kota-madiun", "2026-10", SCENARIOS, 36, 50, 5, "id",
                         tmp_path / "deck.pdf", data_dir=str(PARAMS.parent / "data"))
    reader, _ = deck_text(tmp_path / "deck.pdf")
    cost = " ".join(reader.pages[3].extract_text().split())
    assert "Anggaran APBD 2027 · APBD kabupaten/kota" in cost
    base = headline["scenarios"][0]
    assert compact_rupiah(base["budget_apbd_year_rp"]["total"]) in cost
    running = base["budget_by_year_and_payer_rp"]["2028"]["apbd_kabkota"]
    assert headline["running_year"] == 2028 and base["government_running_year_rp"] == running
    assert f"setahun berjalan (APBD 2028): {compact_rupiah(running)}" in cost
    # the cap covers the BPU subsidy only, and the slide says what limits enrolment
    assert "pagu Rp 1,9 miliar, hanya untuk bantuan iuran BPU" in cost
    words = {"list": "daftar", "quota": "kuota", "cap": "pagu"}
    assert base["limit_apbd_year"] in words
    assert f"2027: dibatasi {words[base['limit_apbd_year']]}" in cost


def test_a_relief_that_lowers_the_year_in_focus_is_marked(tmp_path):
    # December 2019: APBD 2020 is the year in focus, and PP 49/2020 lowered it
    headline = write_for(str(PARAMS), "kota-madiun", "2019-12", SCENARIOS, 24, 30, 5, "id",
                         tmp_path / "deck.pdf")
    reader, _ = deck_text(tmp_path / "deck.pdf")
    cost = " ".join(reader.pages[3].extract_text().split())
    base = headline["scenarios"][0]
    assert base["relief_lowers_apbd_year"]
    assert f"{compact_rupiah(base['budget_apbd_year_rp']['total'])} *" in cost
    assert "* lebih rendah karena keringanan iuran tahun itu" in cost


LONG_TITLE = {"id": "Bantuan iuran JKK + JKM bagi pekerja informal yang lolos verifikasi "
                    "melalui lurah dan ketua RT di setiap kecamatan, dengan pendampingan",
              "en": "Contribution subsidy for JKK + JKM for verified informal workers through "
                    "the lurah and RT heads of every kecamatan, with registration help"}


def text_extents(pdf_path):
    """(page number, text, x0, y0, x1, y1, page width, page height) of every line of text."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    found = []
    for number, page in enumerate(extract_pages(str(pdf_path)), 1):
        width, height = page.width, page.height
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        found.append((number, line.get_text().strip(), line.x0, line.y0,
                                      line.x1, line.y1, width, height))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_text_leaves_a_slide_for_any_region_language_or_long_title(params_copy, tmp_path,
                                                                      lang):
    import yaml

    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.design.slide_fit import collisions
    from simulation.reporting.formats.deck.briefing import build, write

    (params_copy / "scenarios" / "judul-panjang.yaml").write_text(yaml.safe_dump({
        "name": "judul-panjang", "title": LONG_TITLE,
        "description": {"id": "Judul panjang untuk uji tata letak.",
                        "en": "A long title to test the layout."},
        "builds_on": ["bantuan-iuran"]}), encoding="utf-8")
    data = load_report_data(str(params_copy), None, "2026-10", SCENARIOS + ",judul-panjang", 36,
                            30, 5, lang, None, str(PARAMS.parent / "data"))
    # and the city's own deck, where two kabupaten scenarios are left out and named
    city = load_report_data(str(params_copy), "kota-madiun", "2026-10",
                            SCENARIOS + ",judul-panjang", 36, 30, 5, lang, None,
                            str(PARAMS.parent / "data"))
    assert city.settings.left_out
    outside, crowded = [], []
    for source, region in [(data, r) for r in data.regions] + [(city, city.regions[0])]:
        pdf = tmp_path / f"{region.slug}-{lang}-{len(source.regions)}.pdf"
        slides = build(source, region.slug)
        crowded += [(region.slug, n, pair) for n, slide in enumerate(slides, 1)
                    for pair in collisions(slide.figure)]
        write(slides, pdf)
        lines = text_extents(pdf)
        assert len({line[0] for line in lines}) == 6  # every page carries words
        margin = 0.01 * lines[0][6]  # a hair from the edge reads as cut off on a projector
        outside += [(region.slug, *line[:2], round(line[4]), round(line[6]))
                    for line in lines if line[2] < margin or line[3] < margin
                    or line[4] > line[6] - margin or line[5] > line[7] - margin]
    assert not outside, outside
    assert not crowded, crowded


def test_the_deck_says_what_its_numbers_are(tmp_path):
    write_for(str(PARAMS), "kota-madiun", "2026-10", SCENARIOS, 36, 30, 5, "id",
              tmp_path / "deck.pdf", data_dir=str(PARAMS.parent / "data"))
    reader, _ = deck_text(tmp_path / "deck.pdf")
    page = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "ILUSTRATIF: dari deret bulanan contoh" in page[1]  # the big number's basis
    assert "nilai tengah (median)" in page[2] and "lampiran" not in page[2]
    # families: the total, the policy in force beside it, and the assumption behind both
    assert "kebijakan yang berlaku:" in page[4] and "keluarga lebih banyak" in page[4]
    assert "ASUMSI angka kematian peserta 0,60% / tahun (0,40%–0,90%)" in page[4]



def test_the_editable_deck_has_native_charts_with_the_projected_numbers(tmp_path, cli):
    from pptx import Presentation
    from pptx.util import Emu

    out = tmp_path / "deck.pdf"
    status, _, _ = cli("briefing", "--region", "kota-madiun", "--month", "2026-10", "--draws",
                       "30", "--months", "36", "--params", PARAMS, "--data",
                       PARAMS.parent / "data", "--out", out)
    assert status == 0
    deck = Presentation(str(out.with_suffix(".pptx")))
    assert len(deck.slides) == 6
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes
              if shape.has_chart]
    assert len(charts) == 3  # where we stand, what each option delivers, what it costs
    options = charts[1]  # a series per scenario, in its colour; the two moments across
    titles = [series.name for series in options.plots[0].series]
    assert titles[0] == "Kebijakan yang berlaku"
    words = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    assert "Di mana kita sekarang" in words and "Artinya bagi keluarga" in words
    assert "Where we stand" not in words
    # the text boxes stay on the slide
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width + Emu(1)
            assert shape.top + shape.height <= deck.slide_height + Emu(1)



def test_the_deck_charts_hold_the_headline_numbers(tmp_path):
    from pptx import Presentation

    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.content.headline import headline
    from simulation.reporting.formats.powerpoint import deck as deck_pptx

    data = load_report_data(str(PARAMS), "ponorogo", "2026-10", SCENARIOS, 36, 30, 5, "id",
                            None, str(PARAMS.parent / "data"))
    deck_pptx.write(data, "ponorogo", tmp_path / "deck.pptx")
    charts = [shape.chart for slide in Presentation(str(tmp_path / "deck.pptx")).slides
              for shape in slide.shapes if shape.has_chart]
    h = headline(data, "ponorogo")
    delivered = [round(series.values[1]) for series in charts[1].plots[0].series]
    assert delivered == [s["active_end_of_horizon"]["p50"] for s in h["scenarios"]]
    costs = [series.values[0] for series in charts[2].plots[0].series]
    spenders = [s for s in h["scenarios"] if s["budget_apbd_year_rp"]["total"] > 0]
    assert costs == [s["budget_apbd_year_rp"]["total"] for s in spenders]


@pytest.mark.parametrize("content, reason", [
    (b"not a deck", "a PowerPoint file (.pptx) that PowerPoint can open"),
    ("four-by-three", "a 16:9 slide size"),
])
def test_a_template_powerpoint_cannot_use_is_refused(tmp_path, cli, content, reason):
    from pptx import Presentation

    template = tmp_path / "kantor.pptx"
    if content == "four-by-three":
        Presentation().save(str(template))  # python-pptx's default is 4:3
    else:
        template.write_bytes(content)
    out = tmp_path / "deck.pdf"
    status, _, stderr = cli("briefing", "--region", "ngawi", "--pptx-template", template,
                            "--params", PARAMS, "--out", out)
    assert status == 2 and "--pptx-template" in stderr and reason in stderr
    assert "Traceback" not in stderr and not out.exists()
    status, _, stderr = cli("monthly", "--pptx-template", tmp_path / "kantor.txt",
                            "--out", tmp_path / "reports", "--params", PARAMS)
    assert status == 2 and "an existing PowerPoint file (.pptx)" in stderr
    assert not (tmp_path / "reports").exists()


@pytest.mark.slow
def test_the_editable_deck_rendered_by_libreoffice_keeps_its_text_on_the_slides(tmp_path):
    import shutil
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-impress)")
    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.formats.powerpoint import deck as deck_pptx

    langs = ("id", "en")
    for lang in langs:
        data = load_report_data(str(PARAMS), "kota-madiun", "2026-10", SCENARIOS, 36, 30, 5,
                                lang, None, str(PARAMS.parent / "data"))
        deck_pptx.write(data, "kota-madiun", tmp_path / f"deck-{lang}.pptx")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"deck-{lang}.pptx") for lang in langs)], check=True,
                   capture_output=True, timeout=240)  # one LibreOffice start for both decks
    for lang in langs:
        lines = text_extents(tmp_path / f"deck-{lang}.pdf")
        assert len({line[0] for line in lines}) == 6
        margin = 0.01 * lines[0][6]
        outside = [line[:2] for line in lines if line[2] < margin or line[3] < margin
                   or line[4] > line[6] - margin or line[5] > line[7] - margin]
        assert not outside, (lang, outside)


def test_slide_five_names_the_kelurahan_the_published_rows_rank_first():
    """Kota Madiun's listing hides some counts ("x"); a hidden count whose row shows it is at
    least 39 outranks a published 37, so the slide may not say "Klegen, Taman, Kelun"."""
    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.content.listing import top_kelurahan
    from simulation.reporting.content.slides import listing_line

    data = load_report_data(str(PARAMS), "kota-madiun", "2026-10", "baseline", 12, 20, 5, "id",
                            None, str(PARAMS.parent / "data"))
    listing = data.listing("kota-madiun")
    line = listing_line(listing, "id")
    top = top_kelurahan(listing)
    assert top[0] == "Rejomulyo" and ", ".join(top) in line
    assert "Klegen, Taman, Kelun" not in line
