"""Benchmark of national runs: whole `jamsos project --regions all` processes, timed, with
the peak memory of the process tree (the command, the local Dask scheduler's process and
its workers: resident memory summed over every process, sampled every 0.2 s).

Goals (one run each, on this machine):
  * 514 regions x 1,000 draws x 60 months to Parquet in under 3 minutes and 2 GB (before the
    chunks of regions: 5 min 11 s and 1.6 GB, in one process, to CSV);
  * 514 x N x 120 months for N = 1,000 and 2,000: time linear in the draws (ratio about 2,
    at most 2.3); with BENCH_NATIONAL_FULL=1 also N = 10,000 within 4 GB;
  * 514 x 1,000 x 60 on 2 workers at least 1.7 times as fast as on 1;
  * the 38 Jawa Timur reports (`jamsos monthly --regions jawa-timur`, on a local Dask
    cluster of 2 workers) no slower per report than the Madiun batch (`jamsos monthly`,
    --jobs 2): each report's time inside its worker, from the month's manifest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SAMPLE_S = 0.2
GB = 1024**3
FULL = os.environ.get("BENCH_NATIONAL_FULL") == "1"


@dataclass
class Measured:
    seconds: float
    peak_bytes: int
    processes: int  # most processes seen at once in the tree
    load: float  # the machine's 1-minute load average at the end: others' work slows a run

    def text(self) -> str:
        return (f"{self.seconds:6.1f} s, {self.peak_bytes / GB:4.2f} GB, "
                f"{self.processes} procs, load {self.load:3.1f}")


def tree_rss(root: psutil.Process) -> tuple[int, int]:
    """Resident bytes of a process and every descendant, and how many there are."""
    total, count = 0, 0
    try:
        family = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    for process in family:
        try:
            total += process.memory_info().rss
            count += 1
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # ended between the listing and the reading
    return total, count


def measure(args: list[str]) -> Measured:
    """One whole `jamsos project ARGS` process: wall time, peak RSS of its tree."""
    command = [sys.executable, "-m", "simulation", "project", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak, most = 0, 0
    while process.poll() is None:
        rss, count = tree_rss(root)
        peak, most = max(peak, rss), max(most, count)
        time.sleep(SAMPLE_S)
    took = time.perf_counter() - started
    err = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"jamsos project {' '.join(args)} failed ({process.returncode}):\n"
                         f"{err[-2000:]}")
    return Measured(took, peak, most, os.getloadavg()[0])


def row(label: str, value: str, goal: str, met: bool | None) -> None:
    verdict = "-" if met is None else ("met" if met else "NOT MET")
    print(f"  {label:<48}{value:>42}  {goal:<18}{verdict}")


def national(draws: int, months: int, out: Path, *extra: str) -> list[str]:
    return ["--regions", "all", "--draws", str(draws), "--months", str(months),
            "--out", str(out), *extra]


def monthly_per_report(out: Path, *args: str) -> tuple[float, float, int]:
    """A whole `jamsos monthly` run: wall seconds, mean seconds per district report (inside
    its worker, from the manifest) and how many reports."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "simulation", "monthly", "--month", "2026-10",
                           "--out", str(out), *args], cwd=REPO, capture_output=True,
                          text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"jamsos monthly {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    manifest = json.loads((out / "2026-10" / "manifest.json").read_text(encoding="utf-8"))
    districts = [r["duration_s"] for slug, r in manifest["regions"].items()
                 if slug != "ringkasan" and r.get("status") == "ok"]
    return took, sum(districts) / len(districts), len(districts)


def main() -> None:
    print(f"national runs, whole `jamsos project` processes, {os.cpu_count()} cores "
          f"(peak RSS: the process tree, sampled every {SAMPLE_S} s)")
    print(f"  {'run':<48}{'time, peak RSS, processes, load':>42}  {'goal':<18}met")
    with tempfile.TemporaryDirectory(prefix="bench-national-") as folder:
        out = Path(folder) / "national.parquet"

        first = measure(national(1000, 60, out))
        row("514 x 1,000 x 60 -> Parquet (default workers)",
            first.text(),
            "< 180 s, < 2 GB", first.seconds < 180 and first.peak_bytes < 2 * GB)

        by_draws = {n: measure(national(n, 120, out)) for n in (1000, 2000)}
        for n, found in by_draws.items():
            row(f"514 x {n:,} x 120 -> Parquet",
                found.text(), "", None)
        ratio = by_draws[2000].seconds / by_draws[1000].seconds
        row("  time 2,000 draws / 1,000 draws", f"{ratio:6.2f}x", "about 2 (<= 2.3)",
            ratio <= 2.3)
        if FULL:
            big = measure(national(10_000, 120, out))
            row("514 x 10,000 x 120 -> Parquet",
                big.text(), "< 4 GB",
                big.peak_bytes < 4 * GB)
        else:
            row("514 x 10,000 x 120 (BENCH_NATIONAL_FULL=1 runs it)", "skipped", "< 4 GB", None)

        workers = {n: measure(national(1000, 60, out, "--workers", str(n))) for n in (1, 2)}
        for n, found in workers.items():
            row(f"514 x 1,000 x 60 --workers {n}",
                found.text(), "", None)
        speedup = workers[1].seconds / workers[2].seconds
        row("  speed-up of 2 workers over 1", f"{speedup:6.2f}x", ">= 1.7x", speedup >= 1.7)

        madiun = monthly_per_report(Path(folder) / "madiun", "--jobs", "2")
        jatim = monthly_per_report(Path(folder) / "jatim", "--regions", "jawa-timur",
                                   "--workers", "2")
        for label, (took, each, count) in (("Madiun batch (jamsos monthly --jobs 2)", madiun),
                                           ("Jawa Timur batch (--regions jawa-timur)", jatim)):
            row(f"{label}", f"{count} reports, {took:6.1f} s, {each:5.1f} s/report", "", None)
        row("  per report, Jawa Timur / Madiun", f"{jatim[1] / madiun[1]:6.2f}x", "<= 1.0x",
            jatim[1] <= madiun[1])


if __name__ == "__main__":
    main()
