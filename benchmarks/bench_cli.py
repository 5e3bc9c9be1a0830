"""Benchmark of the command line as a person feels it: whole processes of `jamsos --help`,
`jamsos cost` and `jamsos project --scenarios baseline`, set against `python -c pass` (the
floor every process pays), median of five runs each."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 5
COMMANDS = {
    "python -c pass (the floor)": [sys.executable, "-c", "pass"],
    "jamsos --help": [sys.executable, "-m", "simulation", "--help"],
    "jamsos cost --workers 15000 --from 2026-01 --to 2026-12":
        [sys.executable, "-m", "simulation", "cost", "--workers", "15000", "--from", "2026-01",
         "--to", "2026-12"],
    "jamsos project --scenarios baseline":
        [sys.executable, "-m", "simulation", "project", "--scenarios", "baseline"],
}


def seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    print(f"command line, whole processes (median of {RUNS})")
    floor = None
    for label, command in COMMANDS.items():
        took = seconds(command)
        floor = took if floor is None else floor
        print(f"  {label:<58}{took:6.2f} s  ({took / floor:5.1f}x the floor)")


if __name__ == "__main__":
    main()
