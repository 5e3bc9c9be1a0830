"""Worker processes that die with the run that started them, started before it plans.

A worker ignores Ctrl-C (the run decides what happens, once, without six tracebacks) and
watches two things from a thread: whether its parent is still the process that started it,
and whether the run asked it to stop. Either way it exits at once, before publishing
anything. The workers' kernels are forked from one warm process the run started, which
ends with the run, and they follow it (ipykernel's own parent poller ends a kernel whose
parent has gone). A kill -9 of the run therefore leaves no worker publishing without the
month's lock, and no kernel.

:func:`local_workers` starts them (or, for one report at a time, this process's warm
kernels) before the command imports the runner and plans the run: spawning, importing and
warming take a few seconds a worker, which then overlap the run's own.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.synchronize import Event
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kernel_forks import KernelForks

POLL_S = 0.2
_watch: dict[str, object] = {}  # this worker's parent pid and stop event (set once, at start)


def start_watching(parent_pid: int, stop: Event) -> None:
    """ProcessPoolExecutor initializer: ignore Ctrl-C, and exit when the parent is gone or
    the run sets ``stop``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch.update(parent=parent_pid, stop=stop)

    def watch() -> None:
        while not stop.wait(POLL_S):
            if os.getppid() != parent_pid:
                break
        os._exit(1)  # no clean-up that could publish: the next run's recover() tidies up

    threading.Thread(target=watch, name="jamsos-parent-watch", daemon=True).start()


def start_worker(parent_pid: int, stop: Event, warm: tuple[str, int] | None = None) -> None:
    """ProcessPoolExecutor initializer: :func:`start_watching`, and this worker's warm
    kernels (:mod:`.kernel_forks`): forked from the run's warm process at ``warm`` (its
    socket and pid), else from one of the worker's own, which imports while the first
    report is planned."""
    from ..deferred_imports import defer_iri_grammar
    from .kernel_forks import share_here, start_here

    defer_iri_grammar()  # before the first report's task imports nbformat
    start_watching(parent_pid, stop)
    if warm is not None:
        share_here(*warm)
    else:
        start_here()


def may_publish() -> bool:
    """In a worker: the run that started it is alive and has not asked it to stop. In the
    run's own process (one report at a time): always."""
    if not _watch:
        return True
    stop = _watch["stop"]
    return os.getppid() == _watch["parent"] and not stop.is_set()  # type: ignore[attr-defined]


PAGE_WRITER = "simulation.reporting.formats.page.htmlpage"  # nbconvert: a second to import


def load_renderer() -> None:
    """A worker's first task: import what renders a report and writes its page, before
    there is one."""
    importlib.import_module("simulation.batch.render")
    importlib.import_module(PAGE_WRITER)


@dataclass
class LocalWorkers:
    """Worker processes for one run (``pool``, with the ``stop`` their watchers obey), or
    none: one report at a time in this process, with its warm kernels."""

    size: int
    pool: ProcessPoolExecutor | None = None
    stop: Event | None = None
    warm: KernelForks | None = None  # the warm process the workers fork kernels from

    def release(self) -> None:
        """End the worker processes and their warm process now, idle ones at once (the run
        goes to Dask: they would hold their memory until it ends)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.warm is not None:
            self.warm.close()
            self.warm = None


@contextmanager
def local_workers(size: int, expected_reports: int | None = None, eager: bool = True
                  ) -> Iterator[LocalWorkers]:
    """Up to ``size`` workers, ``expected_reports`` of them (at most ``size``) spawned now;
    the pool adds the others if the run has more reports. A run that fails before
    rendering (bad input) stops them at once. One: this process, with warm kernels started
    now if ``eager``, else for the first report that starts a kernel."""
    if size <= 1:
        from .kernel_forks import warm_kernels

        with warm_kernels(eager):
            yield LocalWorkers(1)
        return
    from .kernel_forks import KernelForks

    spawn = multiprocessing.get_context("spawn")
    stop = spawn.Event()
    warm: KernelForks | None = None
    pool: ProcessPoolExecutor | None = None
    try:
        # one warm process for all the workers: it imports what reports import once, not
        # once a worker (two seconds of a core each while the run starts); none if it
        # cannot start (the workers then start their own)
        try:
            warm = KernelForks()
        except OSError:
            warm = None
        shared = ((warm.path, warm.process.pid)
                  if warm is not None and warm.process is not None else None)
        pool = ProcessPoolExecutor(max_workers=size, mp_context=spawn,
                                   initializer=start_worker,
                                   initargs=(os.getpid(), stop, shared))
        for _ in range(min(size, expected_reports or size)):
            pool.submit(load_renderer)
        yield LocalWorkers(size, pool, stop, warm)
    except BaseException:
        stop.set()  # the workers exit within POLL_S, whatever they are doing
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
        if warm is not None:
            warm.close()
