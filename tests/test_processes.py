"""The monthly run's processes: workers die with a killed run, Ctrl-C stops at once and
publishes nothing, a run that rendered nothing leaves the month as it was, a full disk
while keeping a failed notebook does not stop the run; and a report built from hostile
scenario files and file names holds no live markup."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PARAMS, REPO
from test_batch import MONTH, QUICK, wait_for_a_cell_to_finish
from test_hardening import live_markup

from simulation.batch import render as render_module
from simulation.batch import runner
from simulation.batch.plan import Job, RunSettings
from simulation.batch.render import Outcome
from simulation.reporting.design.web import fetched_resources


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc: Linux only)."""
    found, pending = set(), [pid]
    while pending:
        parent = pending.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and int(entry.name) not in found:
                found.add(int(entry.name))
                pending.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def start_monthly(out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "simulation", "monthly", "--regions", "kota-madiun,pacitan",
         "--jobs", "2", "--out", str(out), *QUICK], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_and_kernels_die_with_a_killed_run_and_publish_nothing(tmp_path):
    process = start_monthly(tmp_path)
    wait_for_a_cell_to_finish(tmp_path / MONTH, process)
    below = descendants(process.pid)
    assert len(below) >= 3  # two workers, a kernel, the resource tracker
    process.kill()  # kill -9 of the run alone, not its process group
    process.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(p) for p in below):
        time.sleep(0.2)
    assert not [p for p in below if alive(p)]
    time.sleep(2)  # nothing can publish late
    assert not list((tmp_path / MONTH).glob("*/report.html"))


@pytest.mark.slow
def test_ctrl_c_stops_within_seconds_and_publishes_nothing(tmp_path):
    process = start_monthly(tmp_path)
    wait_for_a_cell_to_finish(tmp_path / MONTH, process)
    pressed = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    _, stderr = process.communicate(timeout=60)
    took = time.monotonic() - pressed
    assert process.returncode == 130 and took < 10, (took, stderr)
    assert "Traceback" not in stderr and "nothing published" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".{MONTH}.lock"]  # no month, no
    # staged tree, no half of a month


def test_a_run_that_rendered_nothing_leaves_the_index_and_manifest(tmp_path, monkeypatch):
    month = tmp_path / MONTH
    month.mkdir()
    (month / "index.html").write_text("earlier index")
    (month / "manifest.json").write_text('{"earlier": true}')
    monkeypatch.setattr(runner, "render",
                        lambda job: Outcome(job.slug, "failed", 0.1, {"type": "X",
                                                                      "message": "kernel"}))
    content = runner.run(RunSettings(month=MONTH, params_dir=str(PARAMS), out_root=str(tmp_path),
                                     data_dir=str(REPO / "data"), draws=10),
                         regions="ngawi", jobs=1, progress=lambda message: None)
    assert content["failed"] == ["ngawi", "ringkasan"]
    assert (month / "index.html").read_text() == "earlier index"
    assert (month / "manifest.json").read_text() == '{"earlier": true}'
    kept = json.loads((month / "_failed" / "last-failed-run.json").read_text())
    assert kept["failed"] == ["ngawi", "ringkasan"]
    assert content["record"] == str(month / "_failed" / "last-failed-run.json")


def test_a_full_disk_while_keeping_a_failed_notebook_does_not_stop_the_run(tmp_path,
                                                                          monkeypatch):
    import papermill

    def half_run(template, output, **_):
        Path(output).write_text("{}")
        raise RuntimeError("a cell failed")

    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(papermill, "execute_notebook", half_run)
    monkeypatch.setattr(render_module.shutil, "copy", full)
    staging = tmp_path / f".staging-{MONTH}-0a1b2c3d"
    job = Job("ngawi", "Kabupaten Ngawi", "t.ipynb", {"month": MONTH},
              str(tmp_path / MONTH / "ngawi"), 60, "python3", str(staging / "_failed"),
              str(staging))
    outcome = render_module.render(job)
    assert outcome.status == "failed" and outcome.error["message"] == "a cell failed"
    assert outcome.error["kept_notebook"] == "not kept: No space left on device"
    assert not (staging / "ngawi").exists() and not (tmp_path / MONTH).exists()


HOSTILE_TITLE = "Sosialisasi [klik](javascript:alert(1)) **tebal** & 1. _x_"
HOSTILE_OWNER = "Pak ![x](http://x.example/a.png) # Kepala"
HOSTILE_FILE = "pendataan-kota-madiun-<img src=x onerror=alert(1)>-2019-12-kelurahan.csv"


@pytest.mark.slow
def test_a_report_from_hostile_files_holds_no_live_markup(tmp_path, cli):
    params, data = tmp_path / "params", tmp_path / "data"
    shutil.copytree(PARAMS, params, ignore=shutil.ignore_patterns("local"))
    shutil.copytree(REPO / "data", data)
    path = params / "scenarios" / "sosialisasi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: {id: Sosialisasi dan pendampingan pendaftaran,",
        f'owner: "{HOSTILE_OWNER}"\ntitle: {{id: "{HOSTILE_TITLE}",'), encoding="utf-8")
    shutil.copy(data / "pendataan" / "pendataan-kota-madiun-2019-11-kelurahan.csv",
                data / "pendataan" / HOSTILE_FILE)
    status, _, stderr = cli("report", "--region", "kota-madiun", "--out", tmp_path / "out",
                            "--params", params, "--data", data, "--draws", "50",
                            "--horizon", "24")
    assert status == 0, stderr
    folder = tmp_path / "out" / MONTH / "kota-madiun"
    page = (folder / "report.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    assert live_markup(body) == [] and fetched_resources(page) == []
    assert "Content-Security-Policy" in page.split("<body>", 1)[0]
    # the words are all there, as text
    for shown in ("Sosialisasi [klik](javascript:alert(1)) **tebal** &amp; 1. _x_",
                  "Pak ![x](http://x.example/a.png) # Kepala",
                  "&lt;img src=x onerror=alert(1)&gt;"):
        assert shown in page, shown
    briefing = (folder / "briefing" / "briefing.md").read_text(encoding="utf-8")
    assert "\\[klik\\](javascript:alert(1)) \\*\\*tebal\\*\\*" in briefing
    assert "<img" not in briefing


def in_session(sid: int) -> list[int]:
    """Live processes of the session ``sid`` (from /proc: Linux only)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_started_before_planning_go_when_the_plan_refuses_the_run(tmp_path):
    """`jamsos monthly` starts its workers (and their warm kernels) before it plans; bad
    input still exits 2 at once, and leaves no process behind."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "simulation", "monthly", "--regions", "kota-madiun,nowhere",
         "--jobs", "2", "--out", str(tmp_path), *QUICK], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2 and "nowhere" in stderr and "Traceback" not in stderr
    assert time.monotonic() - started < 30
    deadline = time.monotonic() + 10
    while in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert in_session(process.pid) == []  # no worker, warm process or kernel left
    assert list(tmp_path.iterdir()) == []


def test_a_run_expects_one_report_per_region_named_and_the_summary():
    from simulation.cli.reports import BRANCH_REPORTS, expected_reports

    assert expected_reports(None) == BRANCH_REPORTS == 7
    assert expected_reports("kota-madiun") == 2
    assert expected_reports(" ngawi, ,magetan ") == 3


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_started_before_a_run_that_goes_to_dask_are_released_at_once():
    from simulation.batch.workers import local_workers

    with local_workers(2, 2) as local:
        pids = {local.pool.submit(os.getpid).result(timeout=120) for _ in range(4)}
        local.release()  # what the run does when its plan chooses Dask
        assert local.pool is None
        deadline = time.monotonic() + 10
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in pids if alive(p)]  # gone before the run goes on
