"""Messages in Bahasa Indonesia or English: ``--lang``, else the locale.

Every case of the bad-input table (tests/test_bad_inputs.py) runs again in Bahasa Indonesia,
once with ``--lang id`` under an English locale and once under ``LANG=id_ID.UTF-8``: the same
exit status 2, no traceback, no personal data, nothing changed on disk, the Indonesian frame,
and an ``expected`` phrase the catalogue knows (none left in English)."""

from __future__ import annotations

import argparse
import ast
import shutil
from pathlib import Path

import pytest
from conftest import PARAMS, REPO
from test_bad_inputs import CASES, PERSONAL, english_locale, pristine, run, snapshot  # noqa: F401

from simulation.cli import messages
from simulation.cli.main import build_parser, main
from simulation.errors import InputError, Problem, RunLocked


def locale(monkeypatch, lang: str) -> None:
    english_locale(monkeypatch)
    monkeypatch.setenv("LANG", lang)


@pytest.fixture
def heard(monkeypatch):
    """What main() put into words: the problems and argparse's messages."""
    said = {"problems": [], "usage": []}
    problem_text, usage_text = messages.problem_text, messages.usage_text

    def problem(p, lang):
        said["problems"].append(p)
        return problem_text(p, lang)

    def usage(message, lang):
        said["usage"].append(message)
        return usage_text(message, lang)

    monkeypatch.setattr(messages, "problem_text", problem)
    monkeypatch.setattr(messages, "usage_text", usage)
    return said


@pytest.mark.parametrize("how", ["--lang id", "LANG=id_ID.UTF-8"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_input_is_refused_in_bahasa_indonesia(case, how, pristine, tmp_path,  # noqa: F811
                                                    monkeypatch, capsys, heard):
    workspace = tmp_path / "ws"
    shutil.copytree(pristine, workspace, symlinks=True)
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("JAMSOS_PARAMS", str(workspace / "params"))
    locale(monkeypatch, "C.UTF-8" if how == "--lang id" else "id_ID.UTF-8")
    case.setup(workspace)
    before = snapshot(workspace)
    argv = case.args(workspace) + (["--lang", "id"] if how == "--lang id" else [])
    status, said = run(argv, capsys)
    assert status == 2, said
    assert "Traceback" not in said
    assert "kesalahan:" in said and "error:" not in said, said
    assert "; expected " not in said and "got " not in said, said
    assert heard["problems"] or heard["usage"], said
    for problem in heard["problems"]:
        assert messages.knows(problem.expected), problem.expected
        assert f"; seharusnya {messages.translate(problem.expected)}" in said
    for message in heard["usage"]:
        assert messages.argparse_message(message) is not None, message
    for personal in PERSONAL:
        assert personal not in said
    assert snapshot(workspace) == before


@pytest.mark.parametrize("argv, env, lang", [
    ([], {}, "en"),
    ([], {"LANG": "id_ID.UTF-8"}, "id"),
    ([], {"LANG": "id_ID"}, "id"),
    ([], {"LANG": "id"}, "id"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {"LANG": "en_US.UTF-8"}, "en"),
    ([], {"LANG": "ido_XX"}, "en"),  # Ido is not Indonesian
    ([], {"LC_ALL": "id_ID.UTF-8", "LANG": "C"}, "id"),
    ([], {"LC_ALL": "C", "LANG": "id_ID.UTF-8"}, "en"),  # LC_ALL comes first
    ([], {"LC_MESSAGES": "id_ID.UTF-8", "LANG": "en_GB"}, "id"),
    (["report", "--lang", "en"], {"LANG": "id_ID.UTF-8"}, "en"),  # --lang comes first
    (["cost", "--lang", "id"], {"LANG": "C"}, "id"),
    (["cost", "--lang=id"], {}, "id"),
    (["--lang", "id", "cost", "--lang", "en"], {}, "en"),  # the last, as argparse reads it
    (["verify", "--", "--lang", "id"], {}, "en"),  # a file named --lang
    (["cost", "--lang", "fr"], {"LANG": "id_ID.UTF-8"}, "id"),  # refused later, in id
])
def test_the_language_is_lang_then_the_locale_then_english(argv, env, lang):
    assert messages.choose_language(argv, env) == lang


def test_every_command_and_the_command_line_itself_take_lang():
    parser = build_parser()
    found = []

    def walk(command, path):
        children = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        if not children:
            found.append(path)
            assert "--lang" in command._option_string_actions, path
        for action in children:
            for name, child in action.choices.items():
                walk(child, (*path, name))

    walk(parser, ())
    assert len(found) >= 12 and "--lang" in parser._option_string_actions
    assert parser.parse_args(["--lang", "id", "cost", "--workers", "1", "--from", "2020-01",
                              "--to", "2020-01"]).message_lang == "id"


def test_the_english_frame_is_unchanged_and_the_indonesian_one_translates():
    problem = Problem("--draws", "", 0, "a whole number from 1 to 10,000")
    assert messages.problem_text(problem, "en") == str(problem) == (
        "--draws: got 0; expected a whole number from 1 to 10,000")
    assert messages.problem_text(problem, "id") == (
        "--draws: didapat 0; seharusnya bilangan bulat dari 1 sampai 10.000")
    keyed = Problem("m.csv", "row 2 active", "(no such file)", "a count of 0 or more")
    assert messages.problem_text(keyed, "id") == (
        "m.csv: baris 2 active: didapat '(berkas tidak ada)'; seharusnya jumlah 0 atau lebih")


def test_an_unknown_phrase_stays_english_inside_the_indonesian_frame():
    problem = Problem("params/x.yaml", "a.b", 3, "a phrase nobody translated yet")
    assert not messages.knows(problem.expected)
    assert messages.problem_text(problem, "id") == (
        "params/x.yaml: a.b: didapat 3; seharusnya a phrase nobody translated yet")
    # a known part and an unknown part: not known as a whole, so English as a whole
    assert messages.translate("a header row and data rows; and then something else") is None


def test_every_constant_expected_phrase_in_the_code_is_in_the_catalogue():
    """The phrases written as plain strings where a Problem is raised (those with numbers
    and names in them are checked by the table above)."""
    missing, seen = [], 0
    for path in sorted((REPO / "src" / "simulation").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = getattr(node, "func", None)
            if not (isinstance(node, ast.Call) and getattr(
                    name, "id", getattr(name, "attr", None)) == "Problem"):
                continue
            expected = next((k.value for k in node.keywords if k.arg == "expected"),
                            node.args[3] if len(node.args) > 3 else None)
            if isinstance(expected, ast.Constant) and isinstance(expected.value, str):
                seen += 1
                if not messages.knows(expected.value):
                    missing.append(f"{path.name}:{node.lineno}: {expected.value}")
    assert seen > 50 and missing == []


@pytest.mark.parametrize("argv, says", [
    (["report"], "argumen berikut wajib diisi: --region"),
    (["cost", "--workers", "1", "--from", "2025-01", "--to", "2025-01", "--payer", "bupati"],
     "argumen --payer: pilihan tidak sah: 'bupati' (pilih dari"),
    (["project", "--bogus"], "argumen tidak dikenal: --bogus"),
    (["project", "--draws"], "argumen --draws: perlu satu nilai"),
    (["kampanye"], "argumen COMMAND: pilihan tidak sah: 'kampanye'"),
])
def test_argparse_refuses_in_bahasa_indonesia(argv, says, monkeypatch, capsys):
    locale(monkeypatch, "id_ID.UTF-8")
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.startswith("penggunaan: jamsos") and "kesalahan: " + says in err, err
    locale(monkeypatch, "C.UTF-8")
    with pytest.raises(SystemExit):
        main(argv)
    err = capsys.readouterr().err
    assert err.startswith("usage: jamsos") and ": error: " in err and "kesalahan" not in err


def test_a_held_month_and_a_full_disk_are_said_in_bahasa_indonesia(monkeypatch, capsys):
    import errno

    from simulation.cli import cost

    locale(monkeypatch, "id_ID.UTF-8")
    words = ["cost", "--workers", "1", "--from", "2025-01", "--to", "2025-01", "--params",
             str(PARAMS)]
    for raised, says in (
            (RunLocked("another run (another process) is writing reports/2026-10; wait for it "
                       "to finish (lock file reports/.2026-10.lock)"),
             "jamsos: kesalahan: proses lain sedang menulis reports/2026-10; tunggu sampai "
             "selesai (berkas kunci reports/.2026-10.lock)"),
            (OSError(errno.ENOSPC, "No space left on device", "out.csv"),
             "jamsos: kesalahan: tidak dapat menulis out.csv: ruang penyimpanan habis"),
            (KeyboardInterrupt(), "jamsos: dihentikan"),
            (InputError(Problem("--to", "", "2019-01", "a month no earlier than --from 2020-01")),
             "jamsos: kesalahan: --to: didapat '2019-01'; seharusnya bulan yang tidak lebih "
             "awal dari --from 2020-01")):
        def refuse(args, raised=raised):
            raise raised

        monkeypatch.setattr(cost, "run", refuse)
        main(words)
        assert says in capsys.readouterr().err


def test_numbers_are_written_the_indonesian_way():
    assert messages.number("10,000") == "10.000" and messages.number("1.5") == "1,5"
    assert messages.number("4,294,967,295") == "4.294.967.295"
    assert messages.number("pacitan") == "pacitan"
    assert messages.translate("at most 600,000 draws x months in a report (e.g. 10,000 draws "
                              "over 60 months): a report keeps every draw in memory; jamsos "
                              "project takes more").startswith(
        "paling banyak 600.000 simulasi x bulan dalam satu laporan")


def test_a_label_is_translated_but_a_file_name_is_not():
    assert messages.label("list 2 (FILE argument 2) sheet 3") == (
        "daftar 2 (argumen FILE ke-2) lembar 3")
    assert messages.label("line 4, column 7") == "baris 4, kolom 7"
    assert messages.label("a row 2 sheet 1.csv") == "a row 2 sheet 1.csv"
    assert messages.label("jkk_rate.values.2015-07") == "jkk_rate.values.2015-07"


def test_main_restores_the_language_it_chose(monkeypatch, capsys):
    locale(monkeypatch, "C.UTF-8")
    main(["cost", "--workers", "1", "--from", "2025-01", "--to", "2024-01", "--lang", "id",
          "--params", str(PARAMS)])
    assert "kesalahan" in capsys.readouterr().err
    assert messages.current() == "en"
    assert Path(PARAMS).is_dir()


PROGRESS_LINES = [
    ("jamsos: rendering 7 report(s) for 2026-10 with 2 worker(s) into reports/2026-10",
     "jamsos: merender 7 laporan untuk 2026-10 dengan 2 proses ke reports/2026-10"),
    ("jamsos: rendering 38 report(s) for 2026-10 with 2 worker(s) on Dask into r/2026-10",
     "jamsos: merender 38 laporan untuk 2026-10 dengan 2 proses di Dask ke r/2026-10"),
    ("[3/7] ngawi ok (12.4 s)", "[3/7] ngawi selesai (12.4 dtk)"),
    ("[4/7] pacitan failed (3.0 s): cell 5: ValueError",
     "[4/7] pacitan gagal (3.0 dtk): cell 5: ValueError"),
    ("jamsos: index reports/2026-10/index.html", "jamsos: indeks reports/2026-10/index.html"),
    ("jamsos: overview r/2026-10/overview.html", "jamsos: ikhtisar r/2026-10/overview.html"),
    ("jamsos: interrupted; nothing published, r/2026-10 left as it was",
     "jamsos: dihentikan; tidak ada yang diterbitkan, r/2026-10 tetap seperti semula"),
    ("jamsos: no report rendered; r/2026-10/index.html left as it was; see r/x.json",
     "jamsos: tidak ada laporan yang dirender; r/2026-10/index.html tetap seperti semula; "
     "lihat r/x.json"),
    ("jamsos: 12/38 reports done", "jamsos: 12/38 laporan selesai"),
    ("jamsos: 3/6 region chunks done", "jamsos: 3/6 potongan daerah selesai"),
    ("jamsos: projecting 2 scenario(s) x 6 region(s) x 60 months x 500 draw(s)...",
     "jamsos: memproyeksikan 2 skenario x 6 daerah x 60 bulan x 500 undian..."),
    ("wrote 12,345 rows to p.csv", "menulis 12.345 baris ke p.csv"),
    ("jamsos: a working folder in kerja; cd there and run `jamsos monthly`",
     "jamsos: folder kerja di kerja; masuk ke sana (cd) lalu jalankan `jamsos monthly`"),
]


@pytest.mark.parametrize(("english", "indonesian"), PROGRESS_LINES)
def test_progress_lines_follow_the_language(english, indonesian, capsys):
    for lang, said in (("id", indonesian), ("en", english)):
        token = messages.use(lang)
        try:
            messages.say(english)
        finally:
            messages.reset(token)
        assert capsys.readouterr().err == said + "\n"


def test_the_batch_and_init_speak_indonesian_under_an_indonesian_locale(tmp_path, monkeypatch,
                                                                         capsys):
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["init", str(tmp_path / "kerja")]) == 0
    assert "jamsos: folder kerja di" in capsys.readouterr().out
