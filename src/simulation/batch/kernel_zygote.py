"""The warm process kernels are forked from (run as ``python -m
simulation.batch.kernel_zygote SOCKET``; started by :mod:`.kernel_forks`).

It imports ipykernel and what the report templates import (pandas, matplotlib, python-pptx,
openpyxl, the package's reporting modules) once, then forks a kernel for each request on its
Unix socket. A forked kernel is a fresh ipykernel in a new session, in the report's folder
and with the environment the kernel manager gave it, whose modules are already loaded: the
report's first cell costs nothing, and no interpreter starts. Each kernel still runs alone
in its own process, so a cell's timeout, an interrupt or a crash is handled as for a kernel
started from scratch.

No thread runs here before a fork (a lock held by another thread would stay held in the
child): the accept loop wakes every second to see whether the process that started it is
still there, and exits when it is not. Forked kernels end when this process does (ipykernel's
parent poller, given this pid).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import socket
import sys
import traceback

from ..files import write_text_atomically

INLINE = "module://matplotlib_inline.backend_inline"  # what ipykernel sets when unset
PRELOADED = (  # the modules the templates in notebooks/templates/ import, and theirs
    "ipykernel.kernelapp",
    "simulation.reporting.content.alerts",
    "simulation.reporting.content.data",
    "simulation.reporting.design.charts",
    "simulation.reporting.formats.deck.briefing",
    "simulation.reporting.formats.explorer.page",
    "simulation.reporting.formats.page.display",
    "simulation.reporting.formats.powerpoint.deck",
    "simulation.reporting.formats.workbook.sheets",
)
WAKE_S = 1.0


def serve(path: str) -> None:
    parent = os.getppid()
    os.environ.setdefault("MPLBACKEND", INLINE)  # read when matplotlib is imported
    for name in PRELOADED:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels that end are reaped at once
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(socket.SOMAXCONN)  # a run's workers all ask at once when it starts
    listener.settimeout(WAKE_S)
    ready = json.dumps({"ready": os.getpid(), "mplbackend": os.environ["MPLBACKEND"]})
    # for the run's workers, which share this process (see kernel_forks.SharedForks)
    write_text_atomically(f"{path}.ready", ready + "\n")
    print(ready, flush=True)
    while os.getppid() == parent:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        with connection:
            try:  # a request cut short or a fork refused: that kernel starts cold, the next
                connection.settimeout(10)  # one is still served
                request = json.loads(_received(connection))
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    _become_kernel(request, connection)
                connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            except (OSError, ValueError):
                traceback.print_exc()
    listener.close()
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)  # the folder made for it


def _received(connection: socket.socket) -> bytes:
    chunks = []
    while not chunks or not chunks[-1].endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _become_kernel(request: dict, connection: socket.socket) -> None:
    """In the forked child: never returns."""
    zygote = os.getppid()
    try:
        connection.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel's own subprocesses
        os.setsid()  # its own process group: an interrupt reaches it alone
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(null)
        os.close(log)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = [sys.executable, *request["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=[*request["argv"],
                                          f"--IPKernelApp.parent_handle={zygote}"])
        code = 0
    except BaseException:  # noqa: BLE001 - a child must never return into the zygote's loop
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher: the cwd is not a place to import from
    serve(sys.argv[1])
