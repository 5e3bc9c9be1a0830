"""A district report for a region outside the tree (Kota Surabaya): every output the
district template writes renders and opens, in both languages, and says honestly that the
region's informal workers and BPU counts are province-level assumptions — never data,
never ILUSTRATIF actuals — and nothing in it counts below zero. A region with a published
count (Kabupaten Jember: 82,093 workers whose contributions its APBD paid in 2025) shows it
with its source, as context the model does not replay."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from conftest import PARAMS, REPO
from pptx import Presentation
from pypdf import PdfReader
from test_batch import ENGLISH, INDONESIAN, visible_text, words_of_the_other_language

from simulation.params.national import load_published_counts
from simulation.reporting.content.lab import Lab
from simulation.reporting.words.texts import BOOKS, text

# on one pytest-xdist worker: its reports rendered once, not once a worker
pytestmark = pytest.mark.xdist_group("national-report")
MONTH, REGION, NAME, PROVINCE = "2026-10", "kota-surabaya", "Kota Surabaya", "Jawa Timur"
LANGS = ("id", "en")
# small and short: the whole file runs in well under a minute (both languages at once)
QUICK = ["--month", MONTH, "--draws", "20", "--horizon", "24", "--params", str(PARAMS)]
# differences against the policy in force may be negative; every other number is a count,
# an amount or a share
SIGNED = ("additional_",)
TEXTS_OF = {key: entry for book in BOOKS for key, entry in book.items()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """The region's report folder per language, both rendered at once."""
    root = tmp_path_factory.mktemp("national-report")
    runs = {lang: subprocess.Popen(
        [sys.executable, "-m", "simulation", "report", "--region", REGION, "--lang", lang,
         "--out", str(root / lang), *QUICK], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for lang in LANGS}
    for lang, run in runs.items():
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, (lang, err)
    return {lang: root / lang / MONTH / REGION for lang in LANGS}


@pytest.fixture(scope="module")
def jember(tmp_path_factory) -> dict[str, Path]:
    """Kabupaten Jember's report folder per language (a published count of its scheme's
    members), both rendered at once at 20 draws."""
    root = tmp_path_factory.mktemp("jember-report")
    runs = {lang: subprocess.Popen(
        [sys.executable, "-m", "simulation", "report", "--region", "jember", "--lang", lang,
         "--out", str(root / lang), *QUICK], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for lang in LANGS}
    for lang, run in runs.items():
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, (lang, err)
    return {lang: root / lang / MONTH / "jember" for lang in LANGS}


def statement(folder: Path, lang: str) -> str:
    """summary.json's statement, checked against its text: the region's figures are
    province-level assumptions of BPS figures (the province's, or national ones where the
    province has none) applied to the Kemendagri population; no regional scheme known."""
    said = json.loads((folder / "summary.json").read_text(encoding="utf-8"))[
        "province_level"]["statement"]
    before, after = TEXTS_OF["province_statement"][lang].format(
        region=NAME, figures="{figures}").split("{figures}")
    assert said.startswith(before) and said.endswith(after) and PROVINCE in said
    return said


def opening(key: str, lang: str) -> str:
    """A text's words before its first value."""
    return flat(TEXTS_OF[key][lang].split("{")[0])


def flat(words: str) -> str:
    return " ".join(words.split())


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def workbook_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return flat(" ".join(str(value) for sheet in book for row in sheet.iter_rows(
        values_only=True) for value in row if value is not None))


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_output_of_the_district_template_renders_and_opens(rendered, lang):
    folder = rendered[lang]
    for name in ("report.html", "explorer.html"):
        parser = HTMLParser()
        parser.feed((folder / name).read_text(encoding="utf-8"))
        parser.close()
    assert NAME in visible_text((folder / "report.html").read_text(encoding="utf-8"))
    assert len(PdfReader(folder / "briefing.pdf").pages) == 6
    assert len(Presentation(str(folder / "briefing.pptx")).slides) == 6
    book = openpyxl.load_workbook(folder / f"jamsos-{REGION}-{MONTH}.xlsx")
    assert len(book.sheetnames) == 5 and all(sheet.max_row > 1 for sheet in book)
    assert sorted(p.name for p in (folder / "briefing").glob("slide-*.png")) == [
        f"slide-{k}.png" for k in range(1, 7)]
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["region"] == REGION and summary["lang"] == lang


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_output_says_the_figures_are_province_level_assumptions(rendered, lang):
    folder = rendered[lang]
    said, flag = statement(folder, lang), text("province_flag", lang)
    page = flat(visible_text((folder / "report.html").read_text(encoding="utf-8")))
    assert said in page and flag in page
    assert text("h_province", lang, region=NAME) in page  # the sources section, with them
    assert "databoks.katadata.co.id" in page and "Kepmendagri" in page
    assert flat(text("no_scheme_province", lang, region=NAME)) in page
    assert said in flat(visible_text((folder / "explorer.html").read_text(encoding="utf-8")))
    assert flag in pdf_text(folder / "briefing.pdf")
    assert said in workbook_text(folder / f"jamsos-{REGION}-{MONTH}.xlsx")
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["province_level"]["statement"] == said
    assert summary["province_level"]["province"] == PROVINCE


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_now_is_the_models_estimate_never_data_nor_illustrative_actuals(rendered, lang):
    folder = rendered[lang]
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    now = summary["now"]
    assert now["province_level"] and not now["from_data"] and not now["illustrative"]
    page = flat(visible_text((folder / "report.html").read_text(encoding="utf-8")))
    outputs = {"report.html": page, "briefing.pdf": pdf_text(folder / "briefing.pdf"),
               "workbook": workbook_text(folder / f"jamsos-{REGION}-{MONTH}.xlsx")}
    for name, words in outputs.items():
        for flagged in ("ILUSTRATIF", "ILLUSTRATIVE", text("actuals_illustrative", lang)):
            assert flagged not in words, (name, flagged)
    # "now" is not said to come from data, and no month check against actuals is made
    assert opening("now_observed", lang) not in page
    assert opening("alert_basis", lang) not in page
    assert opening("now_province", lang) in page


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_summary_json_counts_nothing_below_zero(rendered, lang):
    summary = json.loads((rendered[lang] / "summary.json").read_text(encoding="utf-8"))
    negative = []

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}/{key}")
        elif isinstance(value, list):
            for k, item in enumerate(value):
                walk(item, f"{path}/{k}")
        elif (isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0
              and not any(part.startswith(SIGNED) for part in path.split("/"))):
            negative.append((path, value))

    walk(summary, "")
    assert not negative
    assert summary["now"]["active"]["p50"] > 0 and summary["now"]["informal_workers"] > 0


@pytest.mark.slow
def test_each_language_holds_no_prose_of_the_other(rendered):
    for lang, others in (("id", ENGLISH), ("en", INDONESIAN)):
        page = visible_text((rendered[lang] / "report.html").read_text(encoding="utf-8"))
        deck = "\n".join(p.extract_text() for p in PdfReader(
            rendered[lang] / "briefing.pdf").pages)
        found = {name: words_of_the_other_language(words, others)
                 for name, words in (("report.html", page), ("briefing.pdf", deck))}
        assert not any(found.values()), (lang, found)


def test_the_lab_of_a_region_outside_the_tree_knows_only_that_region():
    lab = Lab.load(str(PARAMS), REGION, months=12, draws=5)
    assert [r.slug for r in lab.params.regions] == [REGION]  # the explorer's region list
    assert len(Lab.load(str(PARAMS), "ngawi", months=12, draws=5).params.regions) == 6


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_a_region_without_a_published_count_says_there_is_none(rendered, lang):
    page = flat(visible_text((rendered[lang] / "report.html").read_text(encoding="utf-8")))
    assert flat(text("no_points_province", lang, region=NAME)) in page
    assert text("published_not_modelled", lang) not in page
    assert opening("scheme_counted_province", lang) not in page


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "count", "month"), [("id", "82.093", "Desember 2025"),
                                                      ("en", "82,093", "December 2025")])
def test_a_published_count_is_shown_with_its_source_as_context_not_modelled(
        jember, lang, count, month):
    name = "Kabupaten Jember"
    published = next(c for c in load_published_counts(PARAMS) if c.region == "35.09")
    html_page = (jember[lang] / "report.html").read_text(encoding="utf-8")
    page = flat(visible_text(html_page))
    # the count as the reports write numbers, what it counts, its month, the source and its
    # address (as text, like every reference), marked as not modelled
    said = (f"{count} {text('published_measure_scheme_members', lang)}, {month} "
            f"({text('published_not_modelled', lang)}): {flat(published.note.in_(lang))}")
    assert said in page
    assert f"{flat(published.reference.title.in_(lang))} ({published.reference.url})" in page
    assert "detikJatim" in page and f'href="{published.reference.url}' not in html_page
    assert flat(text("no_points_province", lang, region=name)) not in page
    # the scheme is known from the count, not modelled: the BPU start is the model's
    assert opening("scheme_counted_province", lang) in page
    assert flat(text("no_scheme_province", lang, region=name)) in page
    summary = json.loads((jember[lang] / "summary.json").read_text(encoding="utf-8"))
    assert count in summary["province_level"]["statement"]
    assert summary["now"]["province_level"] and not summary["now"]["from_data"]
    others = ENGLISH if lang == "id" else INDONESIAN
    assert not words_of_the_other_language(visible_text(html_page), others)
