"""Benchmark of `jamsos verify` on a city-sized list (about 100,000 synthetic rows)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from simulation.intake.aggregates import write_outputs
from simulation.intake.lists import read_list
from simulation.intake.synthetic import generate, write
from simulation.intake.verification import Rules, verify
from simulation.months import parse_month
from simulation.params import load_params

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    params = load_params(REPO / "params", include_local=False)
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    month = parse_month("2020-03")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        paths = write(generate(kota, 3_704, month, seed=1), folder)
        print(f"generated and wrote {len(paths)} synthetic lists: "
              f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        lists = [read_list(p) for p in paths]
        read_s = time.perf_counter() - started
        rows = sum(len(item.rows) for item in lists)
        started = time.perf_counter()
        result = verify(lists, Rules(month, 18, 65, "35.77", kota))
        verify_s = time.perf_counter() - started
        started = time.perf_counter()
        write_outputs(result, kota, month, "kota-madiun", Path(folder) / "out",
                      Path(folder) / "private")
        write_s = time.perf_counter() - started
    print(f"{rows:,} rows: read {read_s:.2f} s (CSV and XLSX), rules {verify_s:.2f} s, "
          f"outputs {write_s:.2f} s, total {read_s + verify_s + write_s:.2f} s")


if __name__ == "__main__":
    main()
