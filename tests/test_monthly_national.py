"""The monthly batch on a real Dask scheduler and workers (tests/dask_processes.py): the
same reports as a run on this machine's own worker processes, published with the national
overview; a worker killed mid-run costs nothing; a scheduler that cannot serve the run is
bad input before the month is touched.

Three regions at 50 draws over 12 months: Kota Madiun (the branch's own figures and
schemes), Trenggalek and Surabaya (province-level assumptions)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PARAMS, REPO
from dask_processes import WITHOUT_JAMSOS, local_dask

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

MONTH = "2026-10"
REGIONS = "35.77,35.03,35.78"
SLUGS = ("kota-madiun", "trenggalek", "kota-surabaya")
SMALL = ["--month", MONTH, "--draws", "50", "--horizon", "12", "--params", str(PARAMS),
         "--lang", "id"]


def environment() -> dict[str, str]:
    """This environment without a scheduler address: a run uses Dask only when told."""
    return {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}


def monthly(out: Path, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulation", "monthly", "--regions", REGIONS,
                           "--out", str(out), *SMALL, *more], capture_output=True, text=True,
                          cwd=REPO, timeout=600, env=environment())


def summaries(month: Path) -> dict[str, dict]:
    return {slug: json.loads((month / slug / "summary.json").read_text(encoding="utf-8"))
            for slug in SLUGS}


def month_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_complete(out: Path) -> None:
    """Three reports, the overview (linked from the index), a manifest with no failure,
    and nothing half-written, hidden or left beside the month."""
    month = out / MONTH
    for slug in SLUGS:
        for name in ("report.html", "summary.json", "briefing.pdf", "explorer.html"):
            assert (month / slug / name).is_file(), (slug, name)
    manifest = json.loads((month / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"] == []
    assert {slug: manifest["regions"][slug]["status"] for slug in SLUGS} == dict.fromkeys(
        SLUGS, "ok")
    assert not (month / "ringkasan").exists()  # beyond the branch: the overview instead
    page = (month / "overview.html").read_text(encoding="utf-8")
    for slug in SLUGS:
        assert f'href="{slug}/report.html"' in page
    assert "asumsi tingkat provinsi" in page and (month / "overview.xlsx").is_file()
    assert 'href="overview.html"' in (month / "index.html").read_text(encoding="utf-8")
    assert not list(month.rglob(".*"))  # no inputs copy, no attempt's folder, no marker
    assert sorted(p.name for p in out.iterdir()) == [f".{MONTH}.lock", MONTH]


@pytest.fixture(scope="module")
def local_run(tmp_path_factory) -> Path:
    """The run on this machine's own worker processes (no scheduler): the reference."""
    out = tmp_path_factory.mktemp("local")
    done = monthly(out, "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert "di Dask" not in done.stderr  # --lang id: the progress lines are Indonesian too
    return out


@pytest.fixture(scope="module")
def dask_cluster():
    with local_dask(2) as processes:
        yield processes


def test_a_run_on_a_scheduler_publishes_the_same_reports_and_the_overview(
        tmp_path, local_run, dask_cluster):
    started = time.monotonic()
    done = monthly(tmp_path, "--scheduler", dask_cluster.address)
    assert done.returncode == 0, done.stderr + dask_cluster.log("worker-0")
    assert "di Dask" in done.stderr and "3/3 laporan selesai" in done.stderr
    assert_complete(tmp_path)
    assert summaries(tmp_path / MONTH) == summaries(local_run / MONTH)
    print(f"3 reports on 2 Dask workers: {time.monotonic() - started:.1f} s")


def _staged_attempts(out: Path) -> list[Path]:
    """Files an attempt has written so far in the run's staged tree."""
    return [p for p in out.glob(f".staging-{MONTH}-*/.tmp-*/*") if p.is_file()]


def test_a_worker_killed_mid_run_still_publishes_a_complete_month(tmp_path, local_run):
    from distributed import Client

    with local_dask(2) as processes, Client(processes.address, timeout=30) as watcher:
        run = subprocess.Popen([sys.executable, "-m", "simulation", "monthly", "--regions",
                                REGIONS, "--out", str(tmp_path), *SMALL, "--scheduler",
                                processes.address], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=REPO, env=environment())
        try:
            deadline, victim = time.monotonic() + 120, None
            while victim is None and time.monotonic() < deadline and run.poll() is None:
                busy = {w: keys for w, keys in watcher.processing().items()
                        if any(str(k).startswith("jamsos-reports") for k in keys)}
                if busy and _staged_attempts(tmp_path):  # a report half written
                    victim = sorted(busy)[0]
                else:
                    time.sleep(0.2)
            assert victim is not None, "no report was being rendered"
            processes.kill(processes.by_address[victim])
            stdout, stderr = run.communicate(timeout=600)
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
    assert run.returncode == 0, stderr
    assert_complete(tmp_path)
    assert summaries(tmp_path / MONTH) == summaries(local_run / MONTH)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def earlier_month(tmp_path) -> Path:
    """A published month of an earlier run, to be left exactly as it is."""
    month = tmp_path / MONTH
    (month / "kota-madiun").mkdir(parents=True)
    (month / "kota-madiun" / "report.html").write_text("earlier report")
    (month / "index.html").write_text("earlier index")
    (month / "manifest.json").write_text('{"earlier": true}')
    return month


def test_an_unreachable_scheduler_exits_2_and_leaves_the_month_untouched(tmp_path,
                                                                        earlier_month):
    before = month_bytes(earlier_month)
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    done = monthly(tmp_path, "--scheduler", address)
    assert done.returncode == 2, done.stderr
    assert "--scheduler: " in done.stderr and f"'{address}'" in done.stderr
    assert "Traceback" not in done.stderr
    assert "dask scheduler" in done.stderr  # how to start one
    assert month_bytes(earlier_month) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [MONTH]  # not even a lock taken


def test_workers_without_jamsos_are_bad_input_before_any_work(tmp_path, earlier_month):
    before = month_bytes(earlier_month)
    with local_dask(1, worker_python_args=WITHOUT_JAMSOS) as processes:
        done = monthly(tmp_path, "--scheduler", processes.address)
    assert done.returncode == 2, done.stderr
    assert "without jamsos" in done.stderr and "Traceback" not in done.stderr
    assert month_bytes(earlier_month) == before
    assert not list(tmp_path.glob(".staging-*"))


def test_an_unknown_region_names_the_nearest_before_any_work(tmp_path, earlier_month):
    before = month_bytes(earlier_month)
    done = subprocess.run([sys.executable, "-m", "simulation", "monthly", "--regions",
                           "jawa-timor", "--out", str(tmp_path), *SMALL, "--scheduler",
                           f"tcp://127.0.0.1:{free_port()}"], capture_output=True, text=True,
                          cwd=REPO, timeout=600, env=environment())
    assert done.returncode == 2, done.stderr
    assert "jawa-timor" in done.stderr and "jawa-timur" in done.stderr  # the nearest match
    assert month_bytes(earlier_month) == before


def test_only_a_scheduler_or_more_than_twelve_district_reports_go_to_dask(monkeypatch):
    """The default run keeps its own worker processes; a larger batch starts a local Dask
    cluster of --workers (else --jobs) processes, never more than it has reports."""
    from contextlib import contextmanager
    from types import SimpleNamespace

    from simulation import cluster
    from simulation.batch import on_dask

    opened: list[tuple] = []

    @contextmanager
    def recorded(address, *, local_workers, progress):
        opened.append((address, local_workers))
        yield "client"

    monkeypatch.setattr(cluster, "open_client", recorded)

    def batch(districts: int, summary: bool = False):
        jobs = [SimpleNamespace(slug=f"r{k}") for k in range(districts)]
        return SimpleNamespace(jobs=jobs + ([SimpleNamespace(slug="ringkasan")] if summary
                                            else []))

    def client(run_plan, scheduler=None, workers=None, jobs=2):
        with on_dask.cluster_for(run_plan, scheduler, workers, jobs, print) as found:
            return found

    assert client(batch(6, summary=True)) is None and opened == []  # the default run
    assert client(batch(12)) is None and opened == []
    assert client(batch(13)) == "client" and opened[-1] == (None, 2)  # --jobs
    assert client(batch(38), workers=4) == "client" and opened[-1] == (None, 4)
    scheduler = ("tcp://10.0.0.1:8786", "--scheduler")
    assert client(batch(1), scheduler=scheduler) == "client"
    assert opened[-1] == (scheduler, None)  # the scheduler's own workers
