"""Real Dask processes on this machine for the tests (a helper, not a test module).

:func:`local_dask` starts a ``dask scheduler`` and ``dask worker`` processes, as a user would
on a cluster, waits until the workers have joined and stops every one of them on leaving,
also when a test fails: each process leads a process group of its own (a worker's nanny
and the worker it starts), and the whole group is killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

DASK = Path(sys.executable).with_name("dask")
STARTUP = 60.0  # seconds for the scheduler to write its file and the workers to join
# a worker that cannot import jamsos: `import simulation` fails when sys.modules holds None.
# With worker_python_args, workers run without a nanny: a nanny starts its worker in a new
# (spawned) process, which would not inherit the change.
WITHOUT_JAMSOS = ["-c", "import sys; sys.modules['simulation'] = None; "
                  "from distributed.cli.dask_worker import main; "
                  "sys.argv[0] = 'dask-worker'; main()"]


@dataclass
class DaskProcesses:
    """A running scheduler and its workers."""

    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen]
    # worker address -> its process, as the scheduler knows them
    by_address: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: Path = Path()

    def kill(self, process: subprocess.Popen) -> None:
        """Kill a process and what it started (a worker's nanny and worker) at once."""
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def log(self, name: str) -> str:
        """The end of a process's output ("scheduler", "worker-0"...), for failure messages."""
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.is_file() else ""


def _start(command: Sequence[str], log: Path, env: dict[str, str] | None,
           cwd: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=cwd, env=env,
                                start_new_session=True)


def _scheduler_file(path: Path, scheduler: subprocess.Popen, logs: Path) -> str:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if scheduler.poll() is not None:
            raise RuntimeError("dask scheduler ended:\n"
                               + (logs / "scheduler.log").read_text(errors="replace"))
        with suppress(FileNotFoundError, json.JSONDecodeError, KeyError):
            return json.loads(path.read_text())["address"]  # may be half written: try again
        time.sleep(0.1)
    raise RuntimeError(f"dask scheduler wrote no {path} within {STARTUP:g} s")


@contextmanager
def local_dask(workers: int = 2, worker_env: dict[str, str] | None = None,
               worker_python_args: Sequence[str] | None = None) -> Iterator[DaskProcesses]:
    """A scheduler on 127.0.0.1 (a free port) and ``workers`` workers of one thread each.

    ``worker_env`` is added to the workers' environment; ``worker_python_args`` replaces
    ``dask worker`` by ``python ARGS`` (e.g. :data:`WITHOUT_JAMSOS`), run without a nanny.
    """
    from distributed import Client

    with tempfile.TemporaryDirectory(prefix="jamsos-dask-") as folder:
        logs = Path(folder)
        env = {**os.environ, **(worker_env or {})}
        started: list[subprocess.Popen] = []
        try:
            scheduler = _start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                "--no-dashboard", "--scheduler-file",
                                str(logs / "scheduler.json")],
                               logs / "scheduler.log", None, logs)
            started.append(scheduler)
            address = _scheduler_file(logs / "scheduler.json", scheduler, logs)
            launcher = ([sys.executable, *worker_python_args] if worker_python_args
                        else [str(DASK), "worker"])
            options = ["--nthreads", "1", "--no-dashboard", "--local-directory", folder]
            options += ["--no-nanny"] if worker_python_args else ["--nworkers", "1"]
            for index in range(workers):
                started.append(_start([*launcher, address, *options, "--name", f"w{index}"],
                                      logs / f"worker-{index}.log", env, logs))
            processes = DaskProcesses(address, scheduler, started[1:], logs=logs)
            if workers:
                with Client(address, timeout=30) as client:
                    try:
                        client.wait_for_workers(workers, timeout=STARTUP)
                    except TimeoutError as error:
                        tails = "\n".join(processes.log(f"worker-{i}") for i in range(workers))
                        raise RuntimeError(f"dask workers did not join:\n{tails}") from error
                    names = {info["name"]: worker
                             for worker, info in client.scheduler_info(n_workers=-1)
                             ["workers"].items()}
                processes.by_address = {names[f"w{i}"]: p
                                        for i, p in enumerate(processes.workers)}
            yield processes
        finally:
            for process in reversed(started):  # workers first: no reconnection attempts
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            for process in started:
                process.wait(timeout=30)
