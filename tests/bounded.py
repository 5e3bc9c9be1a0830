"""Running a jamsos command in a child process and measuring what it cost: the processor
time (user and system, of that process and any it started), the wall time and the peak
memory (resident set) of that process alone. The hardening tests hold each "bomb" input
under a time and memory budget with it: the time budget is processor time, the work the
command did, which does not grow when other tests share the cores (pytest runs in
parallel); a command that hangs instead runs into the timeout."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# the child runs the command line in-process, then reports its own peak RSS: RUSAGE_CHILDREN
# in the parent would be the peak of every child the test session ever waited for
_WRAPPER = """
import json, resource, sys
from simulation.cli.main import main
try:
    status = main(sys.argv[2:])
except SystemExit as stop:
    status = stop.code
used = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu_s = used.ru_utime + used.ru_stime + children.ru_utime + children.ru_stime
with open(sys.argv[1], "w", encoding="utf-8") as out:  # ru_maxrss: KiB on Linux
    json.dump({"status": status, "peak_mib": used.ru_maxrss / 1024, "cpu_s": cpu_s}, out)
sys.exit(status if isinstance(status, int) else 1)
"""
CEILING_BYTES = 6 * 1024 ** 3  # a regression fails the test instead of taking the machine


@dataclass(frozen=True)
class Measured:
    status: int
    output: str  # stdout and stderr together
    seconds: float  # wall time: grows with whatever else the machine runs
    peak_mib: float
    cpu_seconds: float  # processor time: the command's own work


def _ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CEILING_BYTES, CEILING_BYTES))


def run_bounded(argv: list[str], cwd: str | Path, env: dict | None = None,
                timeout_s: float = 90) -> Measured:
    """``jamsos ARGV`` in a child process in ``cwd``; its status, output, times and peak."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "measured.json"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _WRAPPER, str(report), *argv],
                              cwd=cwd, env={**os.environ, **(env or {})},
                              capture_output=True, text=True, timeout=timeout_s,
                              preexec_fn=_ceiling, check=False)
        seconds = time.perf_counter() - started
        measured = (json.loads(report.read_text(encoding="utf-8")) if report.is_file()
                    else {"peak_mib": float("nan"), "cpu_s": float("nan")})
    return Measured(done.returncode, done.stdout + done.stderr, seconds, measured["peak_mib"],
                    measured["cpu_s"])
