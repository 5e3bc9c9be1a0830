"""The monthly run: papermill templates → reports/YYYY-MM/<region>/, safely.

* Before executing, a template must have a cell tagged ``parameters`` holding every
  parameter passed (papermill alone only warns).
* Each report runs with an explicit kernel, working directory and execution timeout, in a
  worker process; kernels talk over IPC sockets in a private folder, so parallel kernels
  never race for TCP ports.
* A report is written to a temporary folder beside its destination and moved into place
  only when complete (notebook, HTML, summary.json): a failed or interrupted run never
  replaces the last good report.
* One region failing does not stop the others; the index marks it and the run exits 1.
* A lock on the month folder stops two runs from writing the same month at once.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

from ..files import write_text_atomically
from ..months import format_month
from .manifest import manifest, write_index
from .plan import RunSettings, plan
from .publishing import month_lock, recover
from .render import Outcome, render


def run(settings: RunSettings, regions: str | None = None, jobs: int | None = None,
        with_summary: bool = True, progress: Callable[[str], None] | None = None) -> dict:
    """Render the reports of a month; returns the manifest (``failed`` lists failures)."""
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    run_plan = plan(settings, regions, with_summary)
    job_list = run_plan.jobs
    month_dir = run_plan.month_dir
    workers = max(1, min(jobs or os.cpu_count() or 1, len(job_list)))
    outcomes: dict[str, Outcome] = {}
    started = time.perf_counter()
    with month_lock(month_dir):
        recover(month_dir)
        progress(f"jamsos: rendering {len(job_list)} report(s) for {format_month(run_plan.month)}"
                 f" with {workers} worker(s) into {month_dir}")
        if workers == 1:
            for k, job in enumerate(job_list, 1):
                outcomes[job.slug] = render(job)
                _report_progress(progress, k, len(job_list), outcomes[job.slug])
        else:
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
                futures = [pool.submit(render, job) for job in job_list]
                for k, future in enumerate(as_completed(futures), 1):
                    outcome = future.result()
                    outcomes[outcome.slug] = outcome
                    _report_progress(progress, k, len(job_list), outcome)
        content = manifest(run_plan.settings, run_plan, outcomes, time.perf_counter() - started)
        write_text_atomically(month_dir / "manifest.json",
                              json.dumps(content, indent=2, ensure_ascii=False) + "\n")
        write_index(run_plan.settings, run_plan, content)
    progress(f"jamsos: index {month_dir / 'index.html'}")
    return content


def _report_progress(progress, k: int, total: int, outcome: Outcome) -> None:
    detail = "" if outcome.status == "ok" else f": {_short(outcome.error)}"
    progress(f"[{k}/{total}] {outcome.slug} {outcome.status} ({outcome.duration_s:.1f} s){detail}")


def _short(error: dict | None) -> str:
    if not error:
        return ""
    if "ename" in error:
        cell = f"cell {error.get('cell_index', error.get('exec_count', '?'))}: "
        return f"{cell}{error['ename']}: {error.get('evalue', '')}"[:300]
    return f"{error['type']}: {error['message']}"[:300]
