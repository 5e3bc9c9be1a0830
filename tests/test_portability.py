"""Where analysts work: no POSIX-only module at import, kernels over TCP where IPC sockets
are missing (Windows), a month lock that a killed run does not leave behind."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest
from conftest import PARAMS, REPO

from simulation.batch import render as render_module
from simulation.batch.plan import RunSettings
from simulation.batch.publishing import month_lock
from simulation.batch.runner import run
from simulation.errors import RunLocked

MONTH = "2026-10"


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, cwd=REPO, timeout=300)


def test_the_command_line_imports_and_runs_without_fcntl():
    done = python("""
        import sys
        sys.modules["fcntl"] = None  # as on Windows: importing it fails
        import simulation.batch.runner, simulation.batch.publishing, simulation.cli.main
        from simulation.cli.main import main
        sys.exit(main(["project", "--scenario", "baseline", "--regions", "pacitan",
                       "--months", "12"]))
    """)
    assert done.returncode == 0, done.stderr
    assert "Projection 2026-11 to 2027-10" in done.stdout


@pytest.mark.slow
def test_a_report_renders_with_kernels_over_tcp(tmp_path, monkeypatch):
    monkeypatch.setattr(render_module, "ipc_available", lambda: False)
    settings = RunSettings(month=MONTH, draws=50, horizon_months=12, params_dir=str(PARAMS),
                           out_root=str(tmp_path), data_dir=str(REPO / "data"))
    manifest = run(settings, regions="pacitan", jobs=1, with_summary=False,
                   progress=lambda _: None)
    assert manifest["failed"] == []
    summary = json.loads((tmp_path / MONTH / "pacitan" / "summary.json").read_text())
    assert summary["region"] == "pacitan"


def test_a_killed_run_does_not_keep_the_month_locked(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from pathlib import Path
        from simulation.batch.publishing import month_lock
        with month_lock(Path({str(tmp_path / MONTH)!r})):
            print("held", flush=True)
            time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "held"
        try:
            with month_lock(tmp_path / MONTH):
                raise AssertionError("the lock was not held")
        except RunLocked as refused:
            assert f"pid {holder.pid}" in str(refused)
    finally:
        holder.kill()
        holder.wait()
    with month_lock(tmp_path / MONTH):  # the killed run left nothing that blocks
        pass


def link_the_dependencies(venv: Path, python: Path, folder: Path) -> bool:
    """Show a fresh ``venv`` the packages this checkout's venv has installed: a folder of
    links to each of them (the checkout's own editable jamsos and every .pth file left out)
    named in a .pth file of the fresh venv, and their Jupyter data (nbconvert's templates,
    the kernel spec) linked where the fresh venv looks for it. False where links cannot be
    made (Windows without the right to make them)."""
    theirs = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                  "print(sysconfig.get_path('purelib'))"], capture_output=True,
                                 text=True, check=True, timeout=60).stdout.strip())
    folder.mkdir()
    try:
        for installed in dict.fromkeys(sysconfig.get_path(k) for k in ("purelib", "platlib")):
            for entry in Path(installed).iterdir():
                if entry.name in ("simulation", "__pycache__") or entry.suffix == ".pth" \
                        or entry.name.startswith(("jamsos-", "__editable__")) \
                        or (folder / entry.name).exists():
                    continue
                (folder / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
        jupyter = Path(sys.prefix) / "share" / "jupyter"
        if jupyter.is_dir():
            (venv / "share").mkdir(exist_ok=True)
            (venv / "share" / "jupyter").symlink_to(jupyter, target_is_directory=True)
    except OSError:
        return False
    (theirs / "_jamsos_test_dependencies.pth").write_text(f"{folder}\n", encoding="utf-8")
    return True


@pytest.mark.slow
def test_the_wheel_installs_in_a_fresh_venv_and_renders_in_a_new_working_folder(tmp_path):
    """Outside the checkout: the wheel carries templates, parameters and sample data, and
    its console script runs from a fresh venv. The fresh venv is shown the dependencies this
    checkout's venv already has (``link_the_dependencies``), so pip resolves the wheel's
    declared requirements offline (--no-index: a missing or too old one fails the install)
    and installs the wheel alone, instead of downloading and unpacking every dependency."""
    wheels, venv, office = tmp_path / "dist", tmp_path / "venv", tmp_path / "kantor"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps",
                            "-q", "-w", str(wheels)], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = wheels.glob("jamsos-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=300)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
    offline = link_the_dependencies(venv, python, tmp_path / "dependencies")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python),
                                "install", "-q", *(["--no-index"] if offline else []),
                                str(wheel)], capture_output=True, text=True, timeout=1200)
    assert installed.returncode == 0, installed.stderr[-2000:]
    where = subprocess.run([str(python), "-c", "import simulation; print(simulation.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert Path(where.stdout.strip()).is_relative_to(venv), where  # the wheel's, not src/
    jamsos = str(bin_dir / "jamsos")
    office.mkdir()
    empty = subprocess.run([jamsos, "project", "--scenario", "all"], cwd=office,
                           capture_output=True, text=True, timeout=300)
    assert empty.returncode == 2 and "jamsos init" in empty.stderr  # not the source tree
    assert subprocess.run([jamsos, "init", "."], cwd=office, timeout=300).returncode == 0
    rendered = subprocess.run([jamsos, "report", "--region", "pacitan", "--draws", "30",
                               "--months", "12"], cwd=office, capture_output=True, text=True,
                              timeout=900)
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    folder = office / "reports" / MONTH / "pacitan"
    for name in ("report.html", "briefing.pdf", "briefing.pptx", f"jamsos-pacitan-{MONTH}.xlsx"):
        assert (folder / name).is_file(), name
    assert str(REPO) not in (folder / "report.ipynb").read_text(encoding="utf-8")
