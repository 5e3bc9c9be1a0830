"""Dask plumbing for national runs: projection chunks and monthly reports as tasks.

Runs go to an existing scheduler (``--scheduler`` or ``DASK_SCHEDULER_ADDRESS``), to a
``LocalCluster`` of worker processes, or stay in this process. dask and distributed are
imported inside the functions: the command line must start without them.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from simulation.errors import InputError, JamsosError, Problem

if TYPE_CHECKING:
    from distributed import Client

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
SCHEDULER_OPTION = "--scheduler"
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before telling the user
WORKER_WAIT = 20.0  # seconds for the first worker to join a scheduler without any
PROGRESS_EVERY = 2.0  # seconds between progress lines while tasks finish

ADDRESS_EXPECTED = "a Dask scheduler address like tcp://HOST:8786, tls://HOST:8786 or HOST:8786"
SCHEDULER_EXPECTED = ("the address of a running Dask scheduler (start one with `dask "
                      "scheduler`, workers with `dask worker tcp://HOST:8786`)")
# HOST is a name, an IPv4 address or a bracketed IPv6 address; PORT a number
_ADDRESS = re.compile(r"(?:(?:tcp|tls)://)?(?P<host>[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])"
                      r":(?P<port>[0-9]{1,5})")


def scheduler_address(option: str | None) -> tuple[str, str] | None:
    """The scheduler to use and where it was given: (address, "--scheduler" or the env var
    name); the option wins over the environment. None when neither gives one."""
    for source, given in ((SCHEDULER_OPTION, option),
                          (SCHEDULER_ENV, os.environ.get(SCHEDULER_ENV))):
        # an empty variable (`DASK_SCHEDULER_ADDRESS= jamsos ...`) means "not set"
        if given is None or (source == SCHEDULER_ENV and not given.strip()):
            continue
        address = given.strip()
        match = _ADDRESS.fullmatch(address)
        if not match or not 0 < int(match["port"]) < 65536:
            raise InputError(Problem(source, "", given, ADDRESS_EXPECTED))
        return address, source
    return None


def jamsos_version() -> str:
    """The version of jamsos this process runs; every worker must run the same."""
    import simulation

    version = getattr(simulation, "__version__", None)
    if version:
        return version
    from importlib.metadata import version as installed_version

    return installed_version("jamsos")


@contextmanager
def open_client(address: tuple[str, str] | None, *, local_workers: int | None,
                progress: Callable[[str], None]) -> Iterator[Client | None]:
    """A Dask client for a run: connected to ``address`` (from :func:`scheduler_address`) and
    checked before any work, or on a new LocalCluster of ``local_workers`` processes, or None
    (run in this process) when neither is asked for. Closed on leaving, however it is left."""
    if address is None and not local_workers:
        yield None
        return
    cluster = None
    if address is not None:
        client = _connect(*address)
    else:
        cluster, client = _local_cluster(local_workers)
    try:
        if address is not None:
            _check_workers(client, *address)
        link = _dashboard_link(client)
        if link:
            progress(f"jamsos: Dask dashboard at {link}")
        yield client
    finally:
        _close(client, cluster)


def _connect(address: str, source: str) -> Client:
    from distributed import Client

    _reachable(address, source)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as error:  # refused, timed out, unknown host, bad protocol
        raise InputError(Problem(source, "", address, SCHEDULER_EXPECTED)) from error


def _reachable(address: str, source: str) -> None:
    """A TCP or TLS scheduler's port answers: a refused connection is told at once (Dask's
    client would retry it until its timeout); anything else is left to the client."""
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        protocol, location = parse_address(address)
        if protocol not in ("tcp", "tls"):
            return
        host, port = parse_host_port(location)
    except ValueError:
        return  # the client names a malformed address in its own words
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as error:  # refused, unreachable, unknown host, timed out
        raise InputError(Problem(source, "", address, SCHEDULER_EXPECTED)) from error


def _local_cluster(workers: int) -> tuple[Any, Client]:
    import importlib.util

    from distributed import Client, LocalCluster

    # without bokeh there is no dashboard to show: ask for none rather than a page saying so.
    # The scheduler's HTTP server (health, metrics) runs either way: on a free port of this
    # machine only, not on 8787 of every interface (taken by a second run, with a warning)
    dashboard = "127.0.0.1:0" if importlib.util.find_spec("bokeh") else None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=dashboard, silence_logs=logging.ERROR,
                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    try:
        return cluster, Client(cluster)
    except BaseException:
        cluster.close()
        raise


def _check_workers(client: Client, address: str, source: str) -> None:
    """At least one worker, and every worker runs this version of jamsos: otherwise the
    first task would fail far from its cause, possibly after hours of work elsewhere."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError as error:
        raise InputError(Problem(
            source, "", address, f"a scheduler with at least one worker (none joined within "
            f"{WORKER_WAIT:g} s; start one with `dask worker {address}`)")) from error

    def probe() -> str | None:
        # nested, so cloudpickle ships it by value: it runs on a worker without jamsos too
        try:
            import simulation
        except ImportError:
            return None
        found = getattr(simulation, "__version__", None)
        if found:
            return found
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("jamsos")
        except PackageNotFoundError:
            return None

    wanted = jamsos_version()
    found = client.run(probe, on_error="return")
    wrong: dict[str, list[str]] = {}
    for worker, version in sorted(found.items()):
        if version != wanted:
            what = f"jamsos {version}" if isinstance(version, str) else "without jamsos"
            wrong.setdefault(what, []).append(worker)
    if wrong:
        expected = (f"a worker with jamsos {wanted} installed (pip install the same wheel on "
                    "every worker machine)")
        raise InputError([Problem(source, f"{address}: workers {what}", workers, expected)
                          for what, workers in wrong.items()])


def _dashboard_link(client: Client) -> str | None:
    """The dashboard's address, or None when the scheduler serves none: a scheduler without
    a dashboard still answers on its HTTP port (health, metrics) and the client still makes
    a link of it, to a page that does not exist."""

    def serves_dashboard(dask_scheduler) -> bool:
        return bool(getattr(getattr(dask_scheduler, "http_application", None),
                            "applications", None))

    try:
        return client.dashboard_link if client.run_on_scheduler(serves_dashboard) else None
    except Exception:  # a link is a convenience: never fail a run for it
        return None


def _close(client: Client, cluster: Any) -> None:
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()


def run_tasks(client: Client | None, function: Callable[..., Any], items: Sequence, *,
              label: str, progress: Callable[[str], None], retries: int = 2,
              broadcast: dict[str, Any] | None = None) -> list:
    """``function(item, **broadcast)`` for every item, results in the order of ``items``.

    Without a client, one after another in this process. With one, as Dask tasks: each
    broadcast value is sent to every worker once, a worker that dies has its tasks run
    elsewhere (by Dask), and a task raising something other than a JamsosError is tried
    ``retries`` more times. A JamsosError in a task is raised here as itself and the other
    tasks are cancelled, as on Ctrl-C."""
    broadcast = broadcast or {}
    if client is None:
        return [function(item, **broadcast) for item in items]
    if not items:
        return []
    from distributed import as_completed

    # sent whole: scatter would split a list or a dict into a future per element
    shared = {name: client.scatter([value], broadcast=True)[0]
              for name, value in broadcast.items()}
    token, prefix = uuid.uuid4().hex, re.sub(r"[^A-Za-z0-9_]+", "_", label) or "task"
    keys = [f"jamsos-{prefix}-{token}-{index}" for index in range(len(items))]
    # the broadcast futures go in one argument, resolved on the worker: as keyword arguments
    # of map, a name like "workers" or "resources" would be taken by map itself
    futures = client.map(_returning_errors(function), items, [shared] * len(items), key=keys,
                         retries=retries, pure=False)
    position = {key: index for index, key in enumerate(keys)}
    results: list = [None] * len(items)
    done, next_report = 0, time.monotonic() + PROGRESS_EVERY
    try:
        for future in as_completed(futures):
            failed, value = future.result()  # a task's other exceptions are raised here
            if failed:
                raise _rebuilt(value)
            results[position[future.key]] = value
            done += 1
            if done == len(items) or time.monotonic() >= next_report:
                progress(f"jamsos: {done}/{len(items)} {label} done")
                next_report = time.monotonic() + PROGRESS_EVERY
    except BaseException:  # KeyboardInterrupt too: nothing must keep running on the cluster
        client.cancel(futures)
        raise
    return results


def _returning_errors(function: Callable[..., Any]) -> Callable[..., tuple[bool, Any]]:
    """``function`` as a task that returns a JamsosError instead of raising it: Dask retries
    whatever a task raises, and a user's mistake fails the same way every time."""

    def task(item, broadcast):
        from simulation.errors import JamsosError

        try:
            return False, function(item, **broadcast)
        except JamsosError as error:
            return True, error

    return task


def _rebuilt(error: JamsosError) -> JamsosError:
    """An error as it was raised on the worker. An unpickled InputError is built again from
    its problems: pickling keeps only the joined message as its argument."""
    return InputError(error.problems) if type(error) is InputError else error
