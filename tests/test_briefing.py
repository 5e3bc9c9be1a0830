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
    later = base["budget_by_year_and_payer_rp"]["2028"]["apbd_kabkota"]
    assert f"2028: {compact_rupiah(later)}" in cost
    assert "pagu bantuan iuran BPU" in cost  # the cap covers the BPU subsidy only
