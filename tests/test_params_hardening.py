"""Issue 20, second pass, the params layer: region slugs that would name a folder outside
the month (or the summary's), documents and keys PyYAML or pydantic turned into tracebacks,
texts long enough to stall a briefing, and pipes that made loading wait for ever."""

from __future__ import annotations

import os
import threading
import time

import pytest
from test_params import edit, problems_of

from simulation.params import load_params
from simulation.params.reader import UniqueKeyLoader, read_yaml
from simulation.params.regions import RESERVED_SLUGS, slug_problem
from simulation.params.schema import MAX_LONG_TEXT, MAX_SHORT_TEXT

REGIONS = "regions/regions.yaml"


# --- region slugs (item 1) ---

@pytest.mark.parametrize("slug", ['".."', '"../../x"', '"/abs"', '""', '"."', "_failed",
                                  "ringkasan", "summary", "index", "manifest", "all", "total",
                                  "default", "Pacitan", "PACITAN", '"paci tan"', '"a--b"',
                                  '"-pacitan"', '"pacitan-"', '"3501"', '"pacitan\\n"',
                                  '"pacitán"', "a" * 61])
def test_a_slug_that_could_name_a_wrong_folder_is_refused(params_copy, slug):
    edit(params_copy, REGIONS, "slug: pacitan,", f"slug: {slug},")
    problems = problems_of(params_copy)
    source = str(params_copy / REGIONS)
    # only the regions file is named: no knock-on errors from files naming "pacitan"
    assert problems and all(p.startswith(f"{source}: regions.0.slug: got ") for p in problems)
    assert "expected a slug" in problems[0]


def test_a_slug_differing_only_in_case_from_another_is_refused(params_copy):
    assert slug_problem("Ngawi") is not None  # upper case: refused by the pattern itself
    edit(params_copy, REGIONS, "slug: pacitan,", "slug: ngawi,")
    assert problems_of(params_copy) == [
        f"{params_copy / REGIONS}: regions.4.slug: got 'ngawi'; expected a unique slug "
        "(ignoring case); regions.0 has it already"]


def test_the_reserved_slugs_cover_the_batch_folders_and_special_words():
    from simulation.batch.plan import FAILED_FOLDER, SUMMARY_FOLDER
    from simulation.engine.summaries import TOTAL_SLUG
    from simulation.params.values import DEFAULT_KEY

    assert {SUMMARY_FOLDER, FAILED_FOLDER, TOTAL_SLUG, DEFAULT_KEY, "all", "index",
            "manifest", "summary"} <= RESERVED_SLUGS
    assert slug_problem("kota-madiun") is None and slug_problem("a1-b2") is None


def test_a_region_code_with_other_digits_is_refused(params_copy):
    edit(params_copy, REGIONS, 'code: "35.01"', 'code: "\u0663\u0665.01"')  # Arabic-Indic
    assert any("regions.0.code" in p for p in problems_of(params_copy))


# --- tracebacks instead of exit 2 (item 9) ---

PARAMS_FILES = ["policy/levers.yaml", "assumptions/claims.yaml", "scenarios/sosialisasi.yaml",
                REGIONS, "regions/kelurahan.yaml", "schemes/ngawi-dbhcht.yaml"]


@pytest.mark.parametrize("relative", PARAMS_FILES)
@pytest.mark.parametrize("added, says", [
    ("x: 1", "x: got"),
    ("? [a, b]\n: 1", "a complex key"),
    ("2026-01-01: 1", "2026-01-01"),
    ("12: 1", "12"),
    ("y: 2026-02-30", "'2026-02-30' is not a valid date"),
    ("y: 2026-13-01", "'2026-13-01' is not a valid date"),
    ("y: !!int abc", "'abc' is not a valid int"),
    ("y: !!bool maybe", "'maybe' is not a valid bool"),
    ("y: !!timestamp nope", "'nope' is not a valid date"),
])
def test_a_strange_top_level_key_is_a_message_in_every_kind_of_file(params_copy, relative,
                                                                      added, says):
    with (params_copy / relative).open("a", encoding="utf-8") as handle:
        handle.write(f"\n{added}\n")
    problems = problems_of(params_copy)
    assert any(p.startswith(str(params_copy / relative)) and says in p
               for p in problems), problems


@pytest.mark.parametrize("relative", PARAMS_FILES)
@pytest.mark.parametrize("content, says", [
    ("", "(an empty document)"), ("# only a comment\n", "(an empty document)"),
    ("null\n", "(an empty document)"), ("- 1\n- 2\n", "list"), ("42\n", "int"),
    ("just words\n", "str"), ("2026-01-01\n", "date"),
])
def test_a_document_that_is_not_a_mapping_is_a_message(params_copy, relative, content, says):
    (params_copy / relative).write_text(content, encoding="utf-8")
    problems = problems_of(params_copy)
    mine = [p for p in problems if p.startswith(str(params_copy / relative))]
    assert mine and "expected a" in mine[0] and "mapping" in mine[0], problems
    assert says in mine[0] or {"int": "number", "str": "text"}.get(says, says) in mine[0]


def test_an_invalid_date_as_last_verified_or_month_key_names_the_line(params_copy):
    edit(params_copy, "policy/levers.yaml", "last_verified: 2026", "last_verified: 2026-02-30 #")
    [first, *_] = problems_of(params_copy)
    assert "policy/levers.yaml: line " in first and "'2026-02-30' is not a valid date" in first


def test_a_parameter_the_schemes_need_is_missing_is_a_message(params_copy):
    edit(params_copy, "policy/levers.yaml", "subsidy_lag_months:", "subsidy_lag_monthz:")
    assert any("subsidy_lag_months: got '(missing)'" in p for p in problems_of(params_copy))


# --- text lengths (item 5) ---

def test_a_100000_character_title_is_refused_quickly_and_says_the_limit(params_copy):
    edit(params_copy, "scenarios/sosialisasi.yaml", "Sosialisasi dan pendampingan pendaftaran",
         "x" * 100_000)
    started = time.perf_counter()
    [problem] = problems_of(params_copy)
    assert time.perf_counter() - started < 30
    assert f"at most {MAX_SHORT_TEXT} characters (this one has 100,000)" in problem
    assert len(problem) < 600  # the value is quoted short


@pytest.mark.parametrize("relative, old, key", [
    ("policy/levers.yaml", "description: ", "description"),
    ("scenarios/sosialisasi.yaml", "description:\n  id: >-\n    ", "description"),
])
def test_a_long_description_is_refused_beyond_its_own_limit(params_copy, relative, old, key):
    edit(params_copy, relative, old, old + "z" * MAX_LONG_TEXT)
    problems = problems_of(params_copy)
    assert any(f"{key}: got" in p and f"at most {MAX_LONG_TEXT:,} characters" in p
               for p in problems), problems


def test_the_shipped_texts_are_well_within_the_limits(params):
    titles = [s.title(lang) for s in params.scenarios.values() for lang in ("id", "en")]
    assert max(map(len, titles)) <= MAX_SHORT_TEXT // 2


def test_a_dollar_in_a_title_is_still_accepted(params_copy):
    edit(params_copy, "scenarios/sosialisasi.yaml", "Sosialisasi dan pendampingan pendaftaran",
         '"Rencana $\\\\kuota$ 2027, US$2 dan US$3"')
    assert load_params(params_copy).scenarios["sosialisasi"].title().startswith("Rencana $")


# --- special files (item 8) ---

def _loads_within(seconds: float, tree) -> list[str]:
    """load_params in a thread: a blocking open fails the test instead of hanging it."""
    found: list = []
    worker = threading.Thread(target=lambda: found.append(problems_of(tree)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "loading the params blocked on a special file"
    return found[0]


@pytest.mark.parametrize("relative", ["policy/x.yaml", "scenarios/x.yaml", "schemes/x.yaml",
                                      "regions/kelurahan.yaml", REGIONS])
def test_a_named_pipe_is_refused_without_waiting(params_copy, relative):
    (params_copy / relative).unlink(missing_ok=True)
    os.mkfifo(params_copy / relative)
    problems = _loads_within(60, params_copy)
    assert f"{params_copy / relative}: got '(a named pipe)'" in problems[0]
    assert "a regular file" in problems[0]


def test_a_device_is_refused_and_a_link_to_a_file_is_read(params_copy, tmp_path):
    os.symlink("/dev/zero", params_copy / "policy" / "zero.yaml")
    assert "got '(a device)'" in _loads_within(60, params_copy)[0]
    (params_copy / "policy" / "zero.yaml").unlink()
    moved = tmp_path / "levers.yaml"
    (params_copy / "policy" / "levers.yaml").rename(moved)
    os.symlink(moved, params_copy / "policy" / "levers.yaml")
    assert "subsidy_lag_months" in load_params(params_copy).parameters


def test_the_loader_is_still_a_safe_loader(tmp_path):
    import yaml

    # libyaml's CSafeLoader or PyYAML's SafeLoader: either way the safe constructor
    assert issubclass(UniqueKeyLoader, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", ())))
    assert issubclass(UniqueKeyLoader, yaml.constructor.SafeConstructor)
    assert not issubclass(UniqueKeyLoader, yaml.constructor.FullConstructor)
    evil = tmp_path / "evil.yaml"
    evil.write_text("x: !!python/object/apply:os.system ['echo owned']\n", encoding="utf-8")
    problems = []
    assert read_yaml(evil, problems) is None
    assert "line 1" in problems[0].key and "python/object" in str(problems[0].value)
