"""Benchmark of the what-if explorer: one update after a slider moves (300 draws: the levers
become a scenario, it is projected against the policy in force, the key numbers are
redrawn and the fan chart is drawn to PNG as JupyterLab's inline backend does), against a
plain projection of the policy in force in the same process; and the offline page's grid."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

import matplotlib.pyplot as plt

from simulation.reporting import charts, explorer_page
from simulation.reporting.data import load_report_data
from simulation.reporting.explorer_widgets import ExplorerApp

REPO = Path(__file__).resolve().parents[1]


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
    data = load_report_data(str(REPO / "params"), "ngawi", "2026-10", "baseline", 60, 100,
                            20191022, "id", None, str(REPO / "data"))
    started = time.perf_counter()
    cells = explorer_page.grid(data, "ngawi")
    grid_s = time.perf_counter() - started
    size = len(explorer_page.page(cells, data).encode())
    print(f"explorer.html grid: {len(cells['results'])} combinations x "
          f"{explorer_page.GRID_DRAWS} draws in {grid_s:.2f} s; page {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
