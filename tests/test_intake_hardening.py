"""Issue 20, intake: files that expand, private folders, personal data in names, special
files. (The refusals themselves are rows of tests/test_bad_inputs.py.)"""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from bounded import run_bounded

from simulation.errors import InputError
from simulation.intake import private
from simulation.intake.private import private_folder

REPO = Path(__file__).resolve().parents[1]
NIK = "3577034507850001"  # synthetic
NAME = "Budi Rahasia Santoso"
_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_bomb(path: Path, rows: int, columns: int) -> Path:
    """A workbook of rows x columns cells written as XML directly (openpyxl would take
    minutes to write it): 150,000 x 300 is a 1.5 MB file."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _XML + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
            'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", _XML + f'<Relationships xmlns="{_RELS}"><Relationship '
                         f'Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
                         "</Relationships>")
        archive.writestr("xl/workbook.xml", _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="'
                         f'{_DOC}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
                         "</workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", _XML + f'<Relationships xmlns="{_RELS}">'
                         f'<Relationship Id="rId1" Type="{_DOC}/worksheet" '
                         'Target="worksheets/sheet1.xml"/></Relationships>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((_XML + f'<worksheet xmlns="{_MAIN}"><sheetData>').encode())
            block = (b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>") * 1000
            for _ in range(rows // 1000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(REPO / "params", root / "params", ignore=shutil.ignore_patterns("local"))
    (root / "params" / "local").mkdir()
    shutil.copytree(REPO / "data", root / "data")
    (root / "reports").mkdir()
    return root


def bounded(argv: list[str], cwd: Path):
    measured = run_bounded(argv, cwd, {"JAMSOS_PARAMS": str(cwd / "params")})
    assert measured.status == 2, measured.output
    assert "Traceback" not in measured.output
    assert measured.cpu_seconds < 30, measured  # processor time: see tests/bounded.py
    assert measured.peak_mib < 1024, measured
    return measured


@pytest.mark.slow
def test_a_workbook_of_45_million_cells_is_refused_in_seconds(workspace):
    bomb = xlsx_bomb(workspace / "bom.xlsx", 150_000, 300)
    assert bomb.stat().st_size < 2 * 2**20
    said = bounded(["verify", "--month", "2026-10", str(bomb)], workspace).output
    assert "unzips to at most 128 MiB" in said
    said = bounded(["actuals", "import", str(bomb)], workspace).output
    assert "unzips to at most 128 MiB" in said


def test_a_workbook_of_too_many_cells_is_refused_before_they_are_parsed(workspace):
    bomb = xlsx_bomb(workspace / "sel.xlsx", 200_000, 20)  # small enough unzipped
    said = bounded(["actuals", "import", str(bomb)], workspace).output
    assert "at most 2,000,000 cells" in said


def test_a_line_of_51_million_commas_is_refused_in_seconds(workspace):
    bomb = workspace / "koma.csv"
    with bomb.open("w") as out:
        out.write("daerah,bulan,aktif\n")
        for _ in range(51):
            out.write("," * 10**6)
        out.write("\n")
    said = bounded(["actuals", "import", str(bomb)], workspace).output
    assert "lines of at most 10,000 characters" in said
    said = bounded(["verify", "--month", "2026-10", str(bomb)], workspace).output
    assert "lines of at most 10,000 characters" in said


@pytest.mark.parametrize("command", [["verify", "--month", "2026-10"], ["actuals", "import"]])
def test_a_named_pipe_is_refused_without_being_opened(workspace, tmp_path, command):
    pipe = tmp_path / "daftar.csv"
    os.mkfifo(pipe)
    said = run_bounded([*command, str(pipe)], workspace,
                       {"JAMSOS_PARAMS": str(workspace / "params")}, timeout_s=60)
    assert said.status == 2 and "a named pipe" in said.output


def test_a_shared_folder_is_refused_and_left_as_it_was(tmp_path):
    shared = tmp_path / "bersama"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    with pytest.raises(InputError, match="mode 700"):
        private_folder(shared, [], "--private-dir")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    mine = tmp_path / "milik"
    mine.mkdir(mode=0o700)
    assert private_folder(mine, [], "--private-dir") == mine.resolve()


def test_a_private_folder_in_a_published_tree_is_refused_wherever_it_is(tmp_path):
    (tmp_path / "situs" / "2026-10").mkdir(parents=True)
    (tmp_path / "situs" / "2026-10" / "manifest.json").write_text("{}")
    with pytest.raises(InputError, match="holds published reports"):
        private_folder(tmp_path / "situs" / "data" / "rahasia", [], "--private-dir")
    with pytest.raises(InputError, match="published"):
        private_folder(tmp_path / "keluar" / "rahasia", [tmp_path / "keluar"], "--private-dir")


def test_without_git_a_work_tree_is_still_found(tmp_path, monkeypatch):
    monkeypatch.setattr(private.shutil, "which", lambda name: None)
    tree = tmp_path / "kantor"
    (tree / ".git").mkdir(parents=True)
    (tree / ".gitignore").write_text("/data/private/\n")
    with pytest.raises(InputError, match="a folder git ignores"):
        private_folder(tree / "tindak-lanjut", [], "--private-dir")
    assert private_folder(tree / "data" / "private", [], "--private-dir").is_dir()
    (tree / ".gitignore").write_text("/data/private/\n!/data/private/keep\n")
    with pytest.raises(InputError, match="a folder git ignores"):  # cannot be judged
        private_folder(tree / "data" / "private" / "baru", [], "--private-dir")
    worktree = tmp_path / "cabang"  # a linked work tree or submodule: .git is a file
    worktree.mkdir()
    (worktree / ".git").write_text("gitdir: /elsewhere\n")
    with pytest.raises(InputError, match="a folder git ignores"):
        private_folder(worktree / "rahasia", [], "--private-dir")


def test_file_names_never_reach_messages_or_the_scenario(workspace, tmp_path, cli):
    inputs = tmp_path / "in"
    inputs.mkdir()
    listed = inputs / f"{NIK} {NAME}.csv"
    listed.write_text(f"NIK;Nama;Kelurahan\n{NIK};{NAME};Klegen\n", encoding="utf-8")
    scenario = tmp_path / "skenario.yaml"
    status, out, err = cli("verify", listed, "--month", "2026-10", "--out", tmp_path / "pub",
                           "--private-dir", tmp_path / "rahasia", "--scenario-out", scenario,
                           "--params", workspace / "params")
    assert status == 0, err
    for text in (out, err, scenario.read_text(encoding="utf-8")):
        assert NIK not in text and "Rahasia" not in text
    assert "from 1 list(s); counts only, no personal data" in scenario.read_text()


@pytest.mark.slow
def test_thousands_of_duplicate_rows_make_a_short_message(workspace, tmp_path, cli):
    rows = tmp_path / "m.csv"
    rows.write_text("daerah,bulan,aktif\n" + "Ngawi,2026-11,2600\n" * 200_000)
    status, _, err = cli("actuals", "import", rows, "--store", tmp_path / "store.csv",
                         "--params", workspace / "params")
    assert status == 2, err[-2000:]
    assert "and 199,997 more rows" in err
    assert len(err) < 2000
