"""Warm kernels (simulation.batch.kernel_forks): a kernel forked from the warm process runs a
notebook as a kernel started from scratch would (its folder, its environment, its own
process), already holding the report's modules; a cell that times out or kills its kernel
fails that report and leaves no process behind; the warm process ends with the process that
started it; and any other kernel starts as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import papermill
import pytest
from small_notebooks import write_notebook

from simulation.batch.kernel_forks import KernelForks, warm_kernels
from simulation.batch.render import _kernel_manager
from simulation.batch.snapshot import pid_alive

# on one pytest-xdist worker: its warm process started once, not once a worker
pytestmark = pytest.mark.xdist_group("kernel-forks")
POSIX = pytest.mark.skipif(os.name == "nt", reason="kernels are forked on POSIX only")


@pytest.fixture(scope="module")
def forks():
    with warm_kernels() as started:
        assert started.ready(), "the warm process did not start"
        yield started


def _run(forks: KernelForks | None, notebook: Path, folder: Path, timeout: int = 60):
    sockets = folder / "sockets"
    sockets.mkdir(exist_ok=True)
    return papermill.execute_notebook(
        str(notebook), str(folder / "out.ipynb"), kernel_name="python3", cwd=str(folder),
        progress_bar=False, execution_timeout=timeout,
        kernel_manager_class=_kernel_manager(str(sockets), True, forks))


def _gone(pid: int, within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


@POSIX
def test_a_forked_kernel_runs_in_its_folder_with_its_environment_and_warm(forks, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("JAMSOS_TEST_MARK", "seen")
    notebook = write_notebook(tmp_path / "nb.ipynb", """
        import json, os, sys
        facts = {"warm": "pandas" in sys.modules and "simulation.reporting.design.charts"
                         in sys.modules,
                 "cwd": os.getcwd(), "mark": os.environ.get("JAMSOS_TEST_MARK"),
                 "pid": os.getpid(), "parent": os.getppid()}
        open("facts.json", "w").write(json.dumps(facts))
        """, "import pandas as pd\nprint(pd.DataFrame({'a': [1, 2]}).a.sum())")
    executed = _run(forks, notebook, tmp_path)
    facts = json.loads((tmp_path / "facts.json").read_text())
    assert facts["warm"], "the kernel imported the report's modules itself: not forked warm"
    assert facts["cwd"] == str(tmp_path) and facts["mark"] == "seen"
    assert facts["parent"] == forks.ready()["ready"]  # forked by the warm process
    assert facts["pid"] != os.getpid()
    assert executed.cells[1].outputs[0]["text"].strip() == "3"
    assert _gone(facts["pid"]), "the kernel outlived its notebook"


@POSIX
def test_a_cell_that_times_out_fails_its_report_and_its_kernel_goes(forks, tmp_path):
    notebook = write_notebook(tmp_path / "nb.ipynb",
                         "import os; open('pid', 'w').write(str(os.getpid()))",
                         "import time; time.sleep(120)")
    started = time.monotonic()
    with pytest.raises(Exception, match="(?i)timed out|timeout"):
        _run(forks, notebook, tmp_path, timeout=3)
    assert time.monotonic() - started < 30
    assert _gone(int((tmp_path / "pid").read_text()))
    assert forks.process.poll() is None  # the warm process serves the next report
    _run(forks, write_notebook(tmp_path / "next.ipynb", "x = 1"), tmp_path)


@POSIX
def test_a_kernel_that_dies_fails_its_report_without_hanging(forks, tmp_path):
    notebook = write_notebook(tmp_path / "nb.ipynb", "import os, signal\nos.kill(os.getpid(), "
                                                "signal.SIGKILL)", "x = 1")
    started = time.monotonic()
    with pytest.raises(Exception, match="(?i)dead|died"):
        _run(forks, notebook, tmp_path)
    assert time.monotonic() - started < 60
    assert forks.process.poll() is None


@POSIX
def test_only_this_interpreters_standard_kernel_is_forked(forks, monkeypatch):
    standard = [sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"]
    backend = forks.ready()["mplbackend"]
    assert forks.serves(standard, {"MPLBACKEND": backend})
    assert forks.serves(standard, {})
    assert not forks.serves(standard, {"MPLBACKEND": "pdf"})  # imported with another
    assert not forks.serves(["/usr/bin/python3", *standard[1:]], {})  # another environment
    assert not forks.serves([sys.executable, "-m", "other_kernel", "-f", "c.json"], {})


@POSIX
def test_the_warm_process_ends_with_the_process_that_started_it(tmp_path):
    script = ("import json, os\nfrom simulation.batch.kernel_forks import KernelForks\n"
              "forks = KernelForks()\nready = forks.ready()\n"
              "print(json.dumps([ready['ready'], str(forks.folder)]), flush=True)\n"
              "os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    pid, folder = json.loads(done.stdout)
    assert _gone(pid), "the warm process outlived the process that started it"
    assert not Path(folder).exists()  # its socket's folder went with it


def test_without_a_warm_process_a_kernel_starts_cold(tmp_path):
    notebook = write_notebook(tmp_path / "nb.ipynb", """
        import sys
        open("warm", "w").write(str("simulation.reporting.design.charts" in sys.modules))
        """)
    _run(None, notebook, tmp_path)
    assert (tmp_path / "warm").read_text() == "False"


@POSIX
def test_a_lazy_warm_process_starts_with_the_first_kernel_asked_for():
    forks = KernelForks(eager=False)
    try:
        assert forks.process is None and forks.running()
        assert not forks.serves([sys.executable, "-m", "other_kernel"], {})  # starts nothing
        assert forks.process is None
        assert forks.serves([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"], {})
        assert forks.process is not None and forks.running()
    finally:
        forks.close()
    assert not forks.running() and not forks.folder.exists()


def test_where_processes_cannot_fork_kernels_start_cold_and_nothing_is_started(monkeypatch):
    from simulation.batch import kernel_forks

    monkeypatch.setattr(kernel_forks, "CAN_FORK", False)  # as on Windows
    forks = KernelForks()
    assert forks.process is None
    assert not forks.serves([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"], {})
    assert forks.process is None
    forks.close()


@POSIX
def test_a_request_cut_short_leaves_the_warm_process_serving(forks, tmp_path):
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(forks.path)
        connection.sendall(b"{not json\n")
        assert connection.recv(100) == b""  # refused: closed without an answer
    assert forks.process.poll() is None
    _run(forks, write_notebook(tmp_path / "next.ipynb", "x = 1"), tmp_path)


def _warm_of_this_worker() -> tuple[str, str, int, bool]:
    """In a worker: what its warm kernels are, where they fork from, and whether it started
    a warm process of its own."""
    from simulation.batch.kernel_forks import here

    forks = here()
    return type(forks).__name__, forks.path, forks.ready()["ready"], forks.process is not None


@POSIX
def test_a_runs_workers_fork_from_one_warm_process_that_ends_with_the_run():
    from simulation.batch.workers import local_workers

    with local_workers(2, expected_reports=2) as workers:
        warm = workers.warm
        seen = {workers.pool.submit(_warm_of_this_worker).result() for _ in range(6)}
        assert seen == {("SharedForks", warm.path, warm.process.pid, False)}
        assert warm.process.poll() is None
    assert _gone(warm.process.pid)
    assert not Path(warm.path).parent.exists()  # its folder goes with it


@POSIX
def test_a_kernel_is_ready_once_iopub_is_quiet_and_its_first_output_arrives(forks, tmp_path):
    """The client waits for the kernel's answer and a quiet IOPub, with its waits for
    silence cut short only while it does (see render.SETTLE_S); the first cell's output
    still arrives, run after run."""
    import asyncio

    manager_class = _kernel_manager(str(tmp_path), True, forks)

    async def ready_client():
        manager = manager_class(kernel_name="python3")
        await manager.start_kernel(cwd=str(tmp_path))
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            return type(client).__name__, client.iopub_channel.settling
        finally:
            client.stop_channels()
            await manager.shutdown_kernel()

    assert asyncio.run(ready_client()) == ("PromptClient", False)
    for k in range(5):
        executed = _run(forks, write_notebook(tmp_path / f"nb{k}.ipynb", f"print({k})"), tmp_path)
        assert executed.cells[0].outputs[0]["text"].strip() == str(k)


@POSIX
def test_a_worker_does_not_wait_for_a_shared_warm_process_that_died_while_importing():
    """The run's warm process killed before it is ready (and not yet reaped by the run: a
    zombie): a worker sharing it sees it gone at once and starts its kernels cold."""
    from simulation.batch.kernel_forks import SharedForks

    owner = KernelForks()
    try:
        owner.process.kill()
        time.sleep(0.5)  # dead, unreaped
        shared = SharedForks(owner.path, owner.process.pid)
        started = time.monotonic()
        assert shared.ready() is None
        assert not shared.serves([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"],
                                 {})
        assert time.monotonic() - started < 10  # not the minute a slow import may take
    finally:
        owner.close()


@POSIX
def test_kernels_asked_of_one_warm_process_all_at_once_are_all_forked(tmp_path):
    """Sixteen kernels asked at the same moment (a big run's workers when it starts) are
    all forked from the warm process: none is refused because its queue was full."""
    from concurrent.futures import ThreadPoolExecutor

    owner, kernels = KernelForks(), []
    try:
        assert owner.ready()

        def ask(k: int):
            return owner.start([sys.executable, "-m", "ipykernel_launcher", "-f",
                                str(tmp_path / f"kernel-{k}.json")], str(tmp_path),
                               dict(os.environ), str(tmp_path / f"kernel-{k}.log"))

        with ThreadPoolExecutor(16) as pool:
            kernels = list(pool.map(ask, range(16)))
        assert len({kernel.pid for kernel in kernels}) == 16
    finally:
        for kernel in kernels:
            kernel.kill()
        owner.close()
    assert all(_gone(kernel.pid) for kernel in kernels)
