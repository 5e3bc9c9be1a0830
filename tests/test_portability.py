"""Where analysts work: no POSIX-only module at import, kernels over TCP where IPC sockets
are missing (Windows), a month lock that a killed run does not leave behind."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

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
