"""The briefing deck: six 16:9 pages whose words carry the headline numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")  # tests only

import pytest  # noqa: E402
from conftest import PARAMS  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from simulation.reporting.briefing import write_for  # noqa: E402
from simulation.reporting.formatting import compact, compact_rupiah, percent  # noqa: E402

SCENARIOS = "baseline,sosialisasi,bantuan-iuran,kombinasi"


def deck_text(path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    headline = write_for(str(PARAMS), "35.77", "2019-12", SCENARIOS, 60, 100, 5, "id",
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
    for name in ("bantuan-iuran", "kombinasi"):
        assert compact(by_name[name]["active_end_of_horizon"]["p50"]) in words
        assert compact_rupiah(by_name[name]["budget_apbd_year_rp"]["total"]) in words
    assert "Di mana kita sekarang" in words and "Langkah dan asumsi" in words


def test_each_slide_is_also_a_png_with_markdown(kota):
    folder = kota[0] / "png"
    assert sorted(p.name for p in folder.glob("slide-*.png")) == [
        f"slide-{n}.png" for n in range(1, 7)]
    markdown = (folder / "briefing.md").read_text()
    assert markdown.count("![slide") == 6 and "Kota Madiun" in markdown


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
    assert status == 0 and stdout.strip() == str(out) and out.stat().st_size > 10_000
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
    assert "pagu Rp 1,8 miliar, hanya untuk bantuan iuran BPU" in cost
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

    from simulation.reporting.briefing import build, write
    from simulation.reporting.data import load_report_data
    from simulation.reporting.slide_fit import collisions

    (params_copy / "scenarios" / "judul-panjang.yaml").write_text(yaml.safe_dump({
        "name": "judul-panjang", "title": LONG_TITLE,
        "description": {"id": "Judul panjang untuk uji tata letak.",
                        "en": "A long title to test the layout."},
        "builds_on": ["bantuan-iuran"]}), encoding="utf-8")
    data = load_report_data(str(params_copy), None, "2026-10", SCENARIOS + ",judul-panjang", 36,
                            30, 5, lang, None, str(PARAMS.parent / "data"))
    outside, crowded = [], []
    for region in data.regions:
        pdf = tmp_path / f"{region.slug}-{lang}.pdf"
        slides = build(data, region.slug)
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
