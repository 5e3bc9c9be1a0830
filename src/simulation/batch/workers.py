"""Worker processes that die with the run that started them.

A worker ignores Ctrl-C (the run decides what happens, once, without six tracebacks) and
watches two things from a thread: whether its parent is still the process that started it,
and whether the run asked it to stop. Either way it exits at once, before publishing
anything; its kernel follows (ipykernel's own parent poller ends a kernel whose parent has
gone). A kill -9 of the run therefore leaves no worker publishing without the month's lock.
"""

from __future__ import annotations

import os
import signal
import threading
from multiprocessing.synchronize import Event

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


def start_worker(parent_pid: int, stop: Event) -> None:
    """ProcessPoolExecutor initializer: :func:`start_watching`, and this worker's warm
    kernels (:mod:`.kernel_forks`), which import while the first report is planned."""
    from ..deferred_imports import defer_iri_grammar
    from .kernel_forks import start_here

    defer_iri_grammar()  # before the first report's task imports nbformat
    start_watching(parent_pid, stop)
    start_here()


def may_publish() -> bool:
    """In a worker: the run that started it is alive and has not asked it to stop. In the
    run's own process (one report at a time): always."""
    if not _watch:
        return True
    stop = _watch["stop"]
    return os.getppid() == _watch["parent"] and not stop.is_set()  # type: ignore[attr-defined]
