"""Benchmark of the what-if explorer: one update after a slider moves (300 draws: the levers
become a scenario, it is projected against the policy in force, the key numbers are
redrawn and the fan chart is drawn to PNG as JupyterLab's inline backend does), against a
plain projection of the policy in force in the same process; and the offline page's grid at
the report's draws (CPU time beside wall time: other work on the machine slows the wall)."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

import matplotlib.pyplot as plt

from simulation.reporting.content import whatif_grid
from simulation.reporting.content.data import load_report_data
from simulation.reporting.design import charts
from simulation.reporting.formats.explorer import page as explorer_page
from simulation.reporting.formats.explorer.widgets import ExplorerApp

REPO = Path(__file__).resolve().parents[1]
REPORT_DRAWS = 500  # what the monthly reports run; the grid takes the report's draws and seed


def main() -> None:
    app = ExplorerApp.load(str(REPO / "params"), "ngawi", data_dir=str(REPO / "data"),
                           draws=300)
    app.base.value = "baseline"
    timings, plain = [], []
    for places in range(1000, 11_000, 500):  # twenty moves of the 2027 places slider
        started = time.perf_counter()
        app.quota[2027].value = places
        figure = charts.fan_chart(app.explorer.last, "ngawi")  # what JupyterLab then draws
        figure.savefig(io.BytesIO(), format="png")
        plt.close(figure)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        app.explorer.lab.run(["baseline"])
        plain.append(time.perf_counter() - started)
    update, baseline = statistics.median(timings), statistics.median(plain)
    print(f"explorer update at 300 draws: median {update:.3f} s, slowest "
          f"{max(timings):.3f} s (a plain projection of the policy in force: "
          f"{baseline:.3f} s; the update is {update / baseline:.1f}x)")
    for region in ("ngawi", "kota-madiun"):  # a kabupaten, and a city with a lurah-list scheme
        data = load_report_data(str(REPO / "params"), region, "2026-10",
                                "baseline,sosialisasi,bantuan-iuran,kombinasi", 60,
                                REPORT_DRAWS, 20191022, "id", None, str(REPO / "data"))
        started, cpu = time.perf_counter(), time.process_time()
        found = whatif_grid.grid(data, region)
        grid_s, grid_cpu = time.perf_counter() - started, time.process_time() - cpu
        size = len(explorer_page.page(found, data).encode())
        projected = sum(1 for p in found.places if p) * len(found.starts) * len(found.packages)
        print(f"explorer.html grid, {region}: {len(found.cells)} combinations "
              f"({projected} projected, the rest the policy in force) + "
              f"{len(found.scenarios)} report scenarios x {found.draws} draws (the report's) "
              f"in {grid_s:.2f} s ({grid_cpu:.2f} s CPU); page {size / 1024:.0f} KiB")

if __name__ == "__main__":
    main()
