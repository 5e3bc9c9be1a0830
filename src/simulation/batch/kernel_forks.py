"""Kernels that start warm: forked from a process that has imported what reports import.

A report's kernel used to start an interpreter, import ipykernel, then import pandas,
matplotlib and the package in its first cell: about 2.5 s of every report, paid again for
each. A :class:`KernelForks` keeps one warm process (:mod:`.kernel_zygote`) and forks each
kernel from it: a run's local workers share the run's (:class:`SharedForks`), a Dask worker
or a run of one report at a time keeps its own. The kernel manager sees a process it can
poll, signal and kill as it would one it started. Only the standard kernel command of this very
interpreter is forked (``python -m ipykernel_launcher ...``, the same matplotlib backend);
any other kernel, or a warm process that is gone, starts as before.

The warm process exits when the process that started it does (it looks every second), and
its kernels follow it; :meth:`KernelForks.close` ends it at once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .snapshot import SOCKETS_PREFIX, private_temporary

KERNEL_MODULE = "ipykernel_launcher"
CAN_FORK = hasattr(os, "fork") and hasattr(socket, "AF_UNIX")  # not on Windows: cold kernels
READY_TIMEOUT_S = 60


class ForkedKernel:
    """The part of :class:`subprocess.Popen` a kernel provisioner uses, for a kernel forked
    by the warm process (not a child of this one: its end is seen by the pid going away,
    since the warm process reaps its children at once)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # its exit status went to the warm process
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class KernelForks:
    """One warm process for this worker; :meth:`start` forks a kernel from it. ``eager``:
    the process starts now (it imports while the caller does other work); else when the
    first kernel is asked for (a run whose reports need no kernel starts none)."""

    def __init__(self, eager: bool = True) -> None:
        self.folder: Path | None = None
        self.process: subprocess.Popen | None = None
        self._ready: dict | None = None
        if eager:
            self.warm_up()

    def warm_up(self) -> None:
        """Start the warm process now, where kernels can be forked (it imports while the
        caller does other work)."""
        if CAN_FORK:
            self.launch()

    def launch(self) -> subprocess.Popen:
        """The warm process, started if it was not."""
        if self.process is None:
            self.folder = private_temporary(SOCKETS_PREFIX)  # pid in the name: see snapshot
            with open(self.folder / "zygote.log", "ab") as log:  # the child dups it
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "simulation.batch.kernel_zygote", self.path],
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                    cwd=str(self.folder))
        return self.process

    @property
    def path(self) -> str:
        return str(self.folder / "zygote") if self.folder else ""

    def running(self) -> bool:
        """Not started yet, or started and not ended."""
        return self.process is None or self.process.poll() is None

    def ready(self) -> dict | None:
        """The warm process's first line (its pid and matplotlib backend) once it has
        imported everything; None if it failed."""
        process = self.launch()
        if self._ready is None and process.stdout is not None:
            line = process.stdout.readline()  # blocks until imported or dead
            self._ready = json.loads(line) if line.strip() else {}
        return self._ready or None

    def serves(self, cmd: list[str], env: dict[str, str] | None) -> bool:
        """Whether ``cmd`` is this interpreter's standard kernel, with the matplotlib
        backend the warm process imported matplotlib with."""
        standard = (CAN_FORK and len(cmd) >= 3 and cmd[1:3] == ["-m", KERNEL_MODULE]
                    and _same_path(cmd[0], sys.executable))
        if not standard or not self.running():
            return False
        ready = self.ready()
        wanted = (env or os.environ).get("MPLBACKEND") or None
        return ready is not None and wanted in (None, ready["mplbackend"])

    def start(self, cmd: list[str], cwd: str | None, env: dict[str, str] | None,
              log: str) -> ForkedKernel:
        request = {"argv": cmd[3:], "cwd": cwd or os.getcwd(), "env": dict(env or os.environ),
                   "log": log}
        with _connected(self.path) as connection:
            connection.sendall(json.dumps(request).encode() + b"\n")
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = connection.recv(4096)
                if not chunk:
                    raise OSError("the warm kernel process closed the connection")
                answer += chunk
        return ForkedKernel(int(json.loads(answer)["pid"]))

    def close(self) -> None:
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _connected(path: str) -> socket.socket:
    """A connection to the warm process at ``path``. Its queue of waiting connections can
    be full for a moment when many workers ask at once (a socket with a timeout is then
    refused at once, not queued): that is tried again until :data:`READY_TIMEOUT_S`."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(READY_TIMEOUT_S)
        try:
            connection.connect(path)
            return connection
        except (BlockingIOError, ConnectionRefusedError):
            connection.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)
        except BaseException:
            connection.close()
            raise


class SharedForks(KernelForks):
    """A warm process another process started (a run's, for all its workers: one process
    importing everything instead of one per worker), used here: kernels are forked from
    it, and it is left to its owner. It is ready once it has written its ready file."""

    def __init__(self, path: str, pid: int) -> None:
        super().__init__(eager=False)
        self.folder, self._socket, self._pid = Path(path).parent, path, pid

    @property
    def path(self) -> str:
        return self._socket

    def launch(self) -> None:  # never started here
        return None

    def running(self) -> bool:
        """Alive, and not a zombie its owner has not reaped yet (one that died while it
        imported must not keep a worker waiting for it)."""
        import psutil

        try:
            return psutil.Process(self._pid).status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False

    def ready(self) -> dict | None:
        """Its ready line once it is ready; None if it has died (for good) or is still not
        ready after :data:`READY_TIMEOUT_S` (asked again for the next kernel)."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        while self._ready is None:
            try:
                self._ready = json.loads(Path(f"{self._socket}.ready").read_text("utf-8"))
            except (OSError, ValueError):
                if not self.running():
                    self._ready = {}
                elif time.monotonic() > deadline:
                    return None
                else:
                    time.sleep(0.02)
        return self._ready or None

    def close(self) -> None:  # its owner ends it
        return None


def share_here(path: str, pid: int) -> KernelForks:
    """Use the warm process at ``path`` (pid ``pid``) as this process's warm kernels."""
    _WARM[os.getpid()] = forks = SharedForks(path, pid)
    return forks


_WARM: dict[int, KernelForks] = {}  # a process's own warm kernels, by pid (not a fork's)


def start_here(eager: bool = True) -> KernelForks:
    """This process's warm kernels, started if they are not running (``eager``: now; a
    worker starts them when it starts, so that they import while the run plans)."""
    forks = here()
    if forks is None or not forks.running():
        forks = _WARM[os.getpid()] = KernelForks(eager)
    elif eager:
        forks.warm_up()
    return forks


def here() -> KernelForks | None:
    """This process's warm kernels, if it started any; else None (kernels start cold)."""
    return _WARM.get(os.getpid())


@contextmanager
def warm_kernels(eager: bool = True) -> Iterator[KernelForks]:
    """Warm kernels in this process for the block, ended after it; those already running
    here (an outer block's) are used and left running."""
    running = here()
    forks = start_here(eager)
    if forks is running:  # an outer block's: it ends them
        yield forks
        return
    try:
        yield forks
    finally:
        _WARM.pop(os.getpid(), None)
        forks.close()


def _same_path(a: str, b: str) -> bool:
    """The same path (a link to the same binary may be another environment's)."""
    return Path(a).absolute() == Path(b).absolute()
