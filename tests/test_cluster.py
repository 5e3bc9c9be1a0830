"""National runs on Dask: the same results on a real scheduler and workers as in one process,
in order; a worker killed mid-run costs no task; an unreachable scheduler, a scheduler
without workers, a worker without jamsos or with another version, and a malformed address
are each told in one message before any work; a user's error in a task reaches the caller
as itself; Ctrl-C leaves nothing running; and importing the module does not load distributed.
"""

from __future__ import annotations

import functools
import math
import operator
import socket
import subprocess
import sys
import threading
import time

import pytest
from conftest import REPO
from dask_processes import WITHOUT_JAMSOS, local_dask

from simulation import cluster
from simulation.cluster import (
    SCHEDULER_ENV,
    jamsos_version,
    open_client,
    run_tasks,
    scheduler_address,
)
from simulation.errors import InputError, Problem

pytestmark = pytest.mark.xdist_group("dask")

# another version of jamsos on a worker: the worker runs in the process that changed it
OTHER_VERSION = ["-c", "import simulation; simulation.__version__ = '0.0.1-other'; "
                 "from distributed.cli.dask_worker import main; import sys; "
                 "sys.argv[0] = 'dask-worker'; main()"]


@pytest.fixture(scope="module")
def dask_cluster():
    with local_dask(2) as processes:
        yield processes


@pytest.fixture
def client(dask_cluster):
    lines: list[str] = []
    with open_client((dask_cluster.address, "--scheduler"), local_workers=None,
                     progress=lines.append) as connected:
        yield connected


# tasks are nested functions and lambdas: cloudpickle ships them by value, so the workers
# need not import this test module
def slow_square(seconds: float):
    def square(x):
        time.sleep(seconds)
        return x * x
    return square


def refused(region):
    def check(item):
        if item == region:
            raise InputError(Problem("--regions", "", item, "a region of the params tree"))
        return item
    return check


def scheduler_tasks(client) -> int:
    return client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))


def test_tasks_on_a_scheduler_give_the_in_process_results_in_order(client):
    items = [20, 3, 15, 0, 7, 12, 1, 30, 5, 9]
    lines: list[str] = []
    assert client is not None and len(client.scheduler_info()["workers"]) == 2
    on_cluster = run_tasks(client, math.factorial, items, label="chunks", progress=lines.append)
    assert on_cluster == run_tasks(None, math.factorial, items, label="chunks",
                                   progress=lines.append)
    assert on_cluster == [math.factorial(i) for i in items]
    assert lines[-1] == "jamsos: 10/10 chunks done"
    # a broadcast value reaches every task whole, even a list (scatter would split it), and
    # under any name, even one of Client.map's own keywords ("workers")
    def scaled(x, *, workers, table):
        return x * workers + table[x % len(table)]

    local = {"workers": 3, "table": [100, 200, 300]}
    assert (run_tasks(client, scaled, items, label="regions", progress=lines.append,
                      broadcast=local) == [scaled(i, **local) for i in items])


def test_a_users_error_in_a_task_is_raised_as_itself_and_the_rest_cancelled(client):
    lines: list[str] = []
    started = time.monotonic()
    with pytest.raises(InputError) as raised:
        run_tasks(client, refused("ngawi"), ["pacitan", "ngawi", "magetan"] * 4,
                  label="reports", progress=lines.append)
    assert type(raised.value) is InputError
    assert str(raised.value) == ("--regions: got 'ngawi'; expected a region of the params tree")
    assert raised.value.problems == [Problem("--regions", "", "ngawi",
                                             "a region of the params tree")]
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 10
    while scheduler_tasks(client) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert scheduler_tasks(client) == 0


def test_a_bug_in_a_task_is_raised_as_itself_after_retries(client):
    with pytest.raises(ZeroDivisionError):
        run_tasks(client, functools.partial(operator.truediv, 1), [2, 0, 4], label="chunks",
                  progress=lambda line: None, retries=1)


def test_ctrl_c_cancels_every_task(client, monkeypatch):
    monkeypatch.setattr(cluster, "PROGRESS_EVERY", 0.0)  # a line, and so the interrupt, at once

    def interrupt(line):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as raised:
        run_tasks(client, slow_square(0.5), list(range(20)), label="chunks", progress=interrupt)
    # the traceback keeps run_tasks' futures alive, as it does while the command line ends:
    # the tasks must stop because they were cancelled, not because nobody holds them
    assert raised.traceback
    deadline = time.monotonic() + 3
    while scheduler_tasks(client) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert scheduler_tasks(client) == 0  # 20 tasks of 0.5 s on 2 workers would take 5 s


def test_a_worker_killed_mid_run_costs_no_task():
    with local_dask(2) as processes:
        victim = processes.workers[0]
        with open_client((processes.address, "--scheduler"), local_workers=None,
                         progress=print) as client:
            killed_at: list[float] = []
            killer = threading.Timer(0.8, lambda: (processes.kill(victim),
                                                   killed_at.append(time.monotonic())))
            killer.start()
            try:
                results = run_tasks(client, slow_square(0.4), list(range(12)), label="chunks",
                                    progress=print)
                finished_at = time.monotonic()
            finally:
                killer.join()
            assert victim.poll() is not None and killed_at[0] < finished_at - 1  # mid-run
            assert results == [i * i for i in range(12)]
            assert len(client.scheduler_info()["workers"]) == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_told_in_a_message_within_seconds():
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(InputError) as raised, open_client(
            (address, "DASK_SCHEDULER_ADDRESS"), local_workers=None, progress=print):
        pytest.fail("connected to a scheduler nobody runs")
    assert time.monotonic() - started < 15
    message = str(raised.value)
    assert message.startswith(f"DASK_SCHEDULER_ADDRESS: got '{address}'; expected")
    assert "dask scheduler" in message and "dask worker" in message


def test_a_scheduler_without_workers_is_refused(monkeypatch):
    monkeypatch.setattr(cluster, "WORKER_WAIT", 1.0)
    with local_dask(0) as processes, pytest.raises(InputError) as raised, open_client(
            (processes.address, "--scheduler"), local_workers=None, progress=print):
        pytest.fail("a run started without a worker")
    assert "a scheduler with at least one worker" in str(raised.value)
    assert processes.address in str(raised.value)


@pytest.mark.parametrize("python_args, found", [(WITHOUT_JAMSOS, "workers without jamsos"),
                                                (OTHER_VERSION, "workers jamsos 0.0.1-other")])
def test_a_worker_without_this_jamsos_is_refused_before_any_work(python_args, found):
    with local_dask(1, worker_python_args=python_args) as processes:
        [worker] = processes.by_address
        with pytest.raises(InputError) as raised, open_client(
                (processes.address, "--scheduler"), local_workers=None, progress=print):
            pytest.fail("a run started on a worker without this jamsos")
    message = str(raised.value)
    assert message == (f"--scheduler: {processes.address}: {found}: got ['{worker}']; expected "
                       f"a worker with jamsos {jamsos_version()} installed (pip install the "
                       "same wheel on every worker machine)")


def test_the_option_wins_over_the_environment_and_either_may_be_absent(monkeypatch):
    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    assert scheduler_address(None) is None
    monkeypatch.setenv(SCHEDULER_ENV, " tcp://10.0.0.5:8786 ")
    assert scheduler_address(None) == ("tcp://10.0.0.5:8786", "DASK_SCHEDULER_ADDRESS")
    assert scheduler_address("head-node:8786") == ("head-node:8786", "--scheduler")
    assert scheduler_address("tls://[::1]:8786") == ("tls://[::1]:8786", "--scheduler")
    monkeypatch.setenv(SCHEDULER_ENV, "")
    assert scheduler_address(None) is None


@pytest.mark.parametrize("address", ["head-node", "http://head-node:8786", "tcp://head-node",
                                     "tcp://head-node:port", "head-node:99999", "tcp://:8786",
                                     "ucx://head-node:8786", ""])
def test_a_malformed_address_is_refused(monkeypatch, address):
    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    with pytest.raises(InputError) as raised:
        scheduler_address(address)
    assert str(raised.value) == (f"--scheduler: got {address!r}; expected a Dask scheduler "
                                 "address like tcp://HOST:8786, tls://HOST:8786 or HOST:8786")
    monkeypatch.setenv(SCHEDULER_ENV, address or "   x")
    with pytest.raises(InputError, match=f"^{SCHEDULER_ENV}: got "):
        scheduler_address(None)


def test_without_a_scheduler_or_local_workers_the_run_stays_in_this_process():
    with open_client(None, local_workers=None, progress=print) as client:
        assert client is None
        assert run_tasks(client, math.factorial, [3, 4], label="chunks", progress=print) == [6,
                                                                                          24]


def test_a_local_cluster_runs_the_tasks_and_closes(capsys):
    with open_client(None, local_workers=2, progress=print) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        assert run_tasks(client, math.factorial, [5, 6, 7], label="regions",
                         progress=print) == [120, 720, 5040]
    assert client.status == "closed"


def test_importing_the_module_loads_no_distributed():
    done = subprocess.run([sys.executable, "-c", "import simulation.cluster, sys; "
                           "print('distributed' in sys.modules, 'dask' in sys.modules)"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.stdout.split() == ["False", "False"], done.stderr
