"""The speed goals, before and after, from one run of each (``make bench``).

"Before" is the code at ``BENCH_BASE`` (default: main just before the speed work), checked
out with ``git worktree`` beside this repository and run with this virtual environment
(``PYTHONPATH`` puts its ``src`` first); "after" is this working tree. Each row is
measured for both in this one run, on this machine, so the ratio compares like with like.

Rows: ``jamsos --help`` and ``jamsos cost`` as whole processes (``python -c pass`` is the
floor); the Monte Carlo projection (6 regions x 10,000 draws x 60 months) in one process;
the monthly batch (7 reports) at ``--jobs 2`` and ``--jobs 1``, with one report's time
inside its worker from the manifest; and ``pytest`` (skip with ``BENCH_TESTS=0``: it
takes the longest). The batch's ``summary.json`` files are compared with those of
``BENCH_SAME_AS`` (default: the last commit before the speed work changed anything the
reports compute): they must be identical for the same seed.

Environment: ``BENCH_BASE``, ``BENCH_SAME_AS``, ``BENCH_TESTS`` (1 or 0).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE = os.environ.get("BENCH_BASE", "07a007c")  # before the command line's lazy imports
SAME_AS = os.environ.get("BENCH_SAME_AS", "393474b")  # before anything computed changed
RUN_TESTS = os.environ.get("BENCH_TESTS", "1") != "0"
PYTHON = sys.executable
COST = ["cost", "--workers", "15000", "--from", "2026-01", "--to", "2026-12"]
MONTE_CARLO = """
import time
from pathlib import Path
from simulation.engine.inputs import ProjectionRequest
from simulation.engine.projection import project
from simulation.months import parse_month
from simulation.params import load_params
params = load_params(Path("params"), include_local=False)
request = ProjectionRequest(("kombinasi",), params.regions, parse_month("2026-11"), 60,
                            10_000, 1)
best = float("inf")
for _ in range(3):
    started = time.perf_counter()
    project(params, request)
    best = min(best, time.perf_counter() - started)
print(best)
"""


@dataclass
class Version:
    name: str
    root: Path
    seconds: dict[str, float | str] = field(default_factory=dict)
    batch: Path | None = None  # the --jobs 2 batch's month folder

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.root / "src"), "JAMSOS_LANG": "en",
                "MPLBACKEND": "Agg"}

    def run(self, args: list[str], cwd: Path | None = None, check: bool = True
            ) -> tuple[float, str]:
        started = time.perf_counter()
        done = subprocess.run([PYTHON, *args], cwd=cwd or self.root, env=self.env(),
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if check and done.returncode != 0:
            raise SystemExit(f"{self.name}: {' '.join(args)} failed:\n{done.stderr[-2000:]}")
        return seconds, done.stdout


def checkout(ref: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--force",
                    str(into), ref], check=True, capture_output=True)
    return into


def best(version: Version, args: list[str], repeats: int) -> float:
    return min(version.run(args)[0] for _ in range(repeats))


def batch(version: Version, out: Path, jobs: int) -> tuple[float, list[float], Path]:
    """Wall time of ``jamsos monthly`` and each district report's time in its worker."""
    seconds, _ = version.run(["-m", "simulation", "monthly", "--jobs", str(jobs),
                              "--out", str(out)])
    month = next(p for p in sorted(out.iterdir()) if p.is_dir() and p.name[:2] == "20")
    manifest = json.loads((month / "manifest.json").read_text(encoding="utf-8"))
    districts = [r["duration_s"] for slug, r in manifest["regions"].items()
                 if slug != "ringkasan"]
    return seconds, districts, month


def summaries(month: Path) -> dict[str, dict]:
    """Each report's summary.json, without the code version (it names the commit)."""
    found = {}
    for path in sorted(month.glob("*/summary.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        content.pop("code_version", None)
        found[path.parent.name] = content
    return found


def differences(a: dict, b: dict, prefix: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(set(a) | set(b))
        return [d for k in keys for d in differences(a.get(k), b.get(k), f"{prefix}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        pairs = enumerate(zip(a, b, strict=True))
        return [d for i, (x, y) in pairs for d in differences(x, y, f"{prefix}[{i}]")]
    return [] if a == b else [f"{prefix}: {a!r} -> {b!r}"]


def breakdown(month: Path, slug: str) -> list[tuple[str, float]]:
    """Seconds per cell of one executed report (papermill records them), named by the
    cell's first line."""
    notebook = json.loads((month / slug / "report.ipynb").read_text(encoding="utf-8"))
    rows = []
    for cell in notebook["cells"]:
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if cell["cell_type"] == "code" and duration is not None:
            first = "".join(cell["source"]).splitlines()[0][:60]
            rows.append((first, float(duration)))
    total = float(notebook["metadata"]["papermill"]["duration"])
    manifest = json.loads((month / "manifest.json").read_text(encoding="utf-8"))
    worker = float(manifest["regions"][slug]["duration_s"])
    cells = sum(seconds for _, seconds in rows)
    return [*rows, ("(kernel start and shutdown: the notebook less its cells)", total - cells),
            ("(HTML page, checks and hashes: the worker less the notebook)", worker - total),
            ("(the whole report in its worker)", worker)]


def measure(version: Version, scratch: Path) -> None:
    s = version.seconds
    print(f"[{version.name}] command line ...", flush=True)
    s["floor"] = best(version, ["-c", "pass"], 5)
    s["help"] = best(version, ["-m", "simulation", "--help"], 5)
    s["cost"] = best(version, ["-m", "simulation", *COST], 3)
    print(f"[{version.name}] Monte Carlo ...", flush=True)
    s["monte_carlo"] = float(version.run(["-c", MONTE_CARLO])[1].split()[-1])
    print(f"[{version.name}] monthly batch, --jobs 2 and --jobs 1 ...", flush=True)
    s["batch2"], _, version.batch = batch(version, scratch / f"{version.name}-j2", 2)
    s["batch1"], districts, _ = batch(version, scratch / f"{version.name}-j1", 1)
    s["report_mean"], s["report_max"] = statistics.mean(districts), max(districts)
    if RUN_TESTS:
        print(f"[{version.name}] test suite ...", flush=True)
        seconds, _ = version.run(["-m", "pytest", "-q", "-p", "no:cacheprovider"],
                                 check=False)
        s["tests"] = seconds


def main() -> None:
    print(f"before: {BASE}; after: this working tree; {os.cpu_count()} cores", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="jamsos-bench-"))
    trees = []
    try:
        before = Version(f"before ({BASE})", checkout(BASE, scratch / "before"))
        trees.append(before.root)
        after = Version("after", REPO)
        for version in (before, after):
            measure(version, scratch)
        same = Version(f"outputs of {SAME_AS}", checkout(SAME_AS, scratch / "same"))
        trees.append(same.root)
        print(f"[{same.name}] monthly batch, --jobs 2 ...", flush=True)
        _, _, same.batch = batch(same, scratch / "same-j2", 2)
        report(before, after, same)
    finally:
        for tree in trees:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                            str(tree)], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


def report(before: Version, after: Version, same: Version) -> None:
    rows = [("python -c pass (the floor)", "floor", ""),
            ("jamsos --help", "help", "< 0.5 s"),
            ("jamsos " + " ".join(COST), "cost", "< 1.5 s"),
            ("one district report in its worker, mean (--jobs 1)", "report_mean", "< 5 s"),
            ("one district report in its worker, slowest (--jobs 1)", "report_max", "< 5 s"),
            ("jamsos monthly, 7 reports, --jobs 2", "batch2", "< 25 s"),
            ("jamsos monthly, 7 reports, --jobs 1", "batch1", ""),
            ("Monte Carlo projection, 6 x 10,000 x 60, whole", "monte_carlo", "< 1 s")]
    if RUN_TESTS:
        rows.append(("pytest, the whole suite", "tests", "< 3 min"))
    print(f"\n{'what':58} {'goal':>9} {'before':>9} {'after':>9} {'after/before':>13}")
    for label, key, goal in rows:
        b, a = before.seconds[key], after.seconds[key]
        print(f"{label:58} {goal:>9} {b:8.2f}s {a:8.2f}s {a / b:12.2f}x")
    for version in (before, after):
        speedup = version.seconds["batch1"] / version.seconds["batch2"]
        print(f"{version.name}: --jobs 2 is {speedup:.2f}x faster than --jobs 1 (goal >= 1.7x)")
    print("\none report (kota-madiun), seconds per notebook cell, after:")
    for name, seconds in breakdown(after.batch, "kota-madiun"):
        print(f"  {seconds:6.2f}  {name}")
    for other in (same, before):
        found = differences(summaries(other.batch), summaries(after.batch))
        verdict = "identical" if not found else f"{len(found)} values differ, e.g. {found[:3]}"
        print(f"summary.json of every report, {other.name} vs after: {verdict}")


if __name__ == "__main__":
    main()
