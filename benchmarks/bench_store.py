"""Benchmark of `jamsos actuals import` into a large store (360,000 rows, the size at which
the lost update showed every time): the lock, the store's rules on reading and writing, the
merge and the tenfold-jump check against the store, set against reading and writing the same
CSV with plain pandas in the same process."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pandas as pd

from simulation.cli import main

REPO = Path(__file__).resolve().parents[1]
ROWS = 360_000


def main_benchmark() -> None:
    shipped = pd.read_csv(REPO / "data" / "actuals" / "actuals.csv", dtype=str,
                          keep_default_na=False)
    filler = pd.DataFrame({"region": [f"99.{k % 6 + 1:02d}" for k in range(ROWS)],
                           "month": [f"{5000 + k // 72:04d}-{k // 6 % 12 + 1:02d}"
                                     for k in range(ROWS)],
                           "active": "5", "subsidised": "", "new": "", "lapsed": "",
                           "source": "filler", "kind": "illustrative"})
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "actuals.csv"
        pd.concat([shipped, filler]).to_csv(store, index=False)
        started = time.perf_counter()
        plain = pd.read_csv(store, dtype=str, keep_default_na=False)
        plain.to_csv(Path(folder) / "copy.csv", index=False)
        baseline_s = time.perf_counter() - started
        timings = []
        for name, value in (("Ngawi", 4000), ("Pacitan", 2600)):  # the first one warms up
            month = Path(folder) / f"{name}.csv"
            month.write_text(f"daerah,bulan,aktif\n{name},2026-11,{value}\n")
            started = time.perf_counter()
            status = main(["actuals", "import", str(month), "--store", str(store),
                           "--params", str(REPO / "params")])
            timings.append(time.perf_counter() - started)
            assert status == 0
        import_s = timings[-1]
    print(f"{len(plain):,}-row store: plain pandas read + write {baseline_s:.2f} s; "
          f"jamsos actuals import (lock, rules, merge, jumps, atomic write) {import_s:.2f} s "
          f"= {import_s / baseline_s:.1f}x")


if __name__ == "__main__":
    main_benchmark()
