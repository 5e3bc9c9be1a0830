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
* Workers die with the run (see :mod:`.workers`). Ctrl-C stops within a second, publishes
  nothing more and records the run as interrupted in the manifest; a run in which no report
  succeeded leaves the month's manifest and index as they were.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..files import write_text_atomically
from ..months import format_month
from .manifest import manifest, write_index
from .plan import RunSettings, plan
from .publishing import month_lock, recover
from .render import Outcome, render
from .workers import start_watching


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
    interrupted = False
    with month_lock(month_dir):
        recover(month_dir)
        progress(f"jamsos: rendering {len(job_list)} report(s) for {format_month(run_plan.month)}"
                 f" with {workers} worker(s) into {month_dir}")
        try:
            _render_all(job_list, workers, outcomes, progress)
        except KeyboardInterrupt:  # stop now, publish nothing more, say so in the manifest
            interrupted = True
            recover(month_dir)  # the workers have stopped: tidy their staging folders
            progress("jamsos: interrupted; reports not yet published are left as they were")
        content = manifest(run_plan.settings, run_plan, outcomes, time.perf_counter() - started)
        if interrupted:
            content["interrupted"] = {
                "at": dt.datetime.now().isoformat(timespec="seconds"),
                "not_run": sorted(job.slug for job in job_list if job.slug not in outcomes)}
        if not interrupted and not any(o.status == "ok" for o in outcomes.values()):
            # a run that produced nothing leaves the month's manifest and index as they were
            _keep_aside(month_dir, content)
            progress(f"jamsos: no report rendered; {month_dir / 'index.html'} left as it was")
            return content
        write_text_atomically(month_dir / "manifest.json",
                              json.dumps(content, indent=2, ensure_ascii=False) + "\n")
        write_index(run_plan.settings, run_plan, content)
    if interrupted:
        raise KeyboardInterrupt
    progress(f"jamsos: index {month_dir / 'index.html'}")
    return content


def _render_all(job_list, workers: int, outcomes: dict[str, Outcome], progress) -> None:
    """Render every job, one at a time or in worker processes that die with this one."""
    if workers == 1:
        for k, job in enumerate(job_list, 1):
            outcomes[job.slug] = render(job)
            _report_progress(progress, k, len(job_list), outcomes[job.slug])
        return
    spawn = multiprocessing.get_context("spawn")
    stop = spawn.Event()
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn, initializer=start_watching,
                             initargs=(os.getpid(), stop)) as pool:
        futures = [pool.submit(render, job) for job in job_list]
        try:
            for k, future in enumerate(as_completed(futures), 1):
                outcome = future.result()
                outcomes[outcome.slug] = outcome
                _report_progress(progress, k, len(job_list), outcome)
        except KeyboardInterrupt:
            stop.set()  # workers exit within POLL_S, before publishing
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _keep_aside(month_dir: Path, content: dict) -> None:
    """The record of a run that produced nothing, beside the failed notebooks."""
    failed = month_dir / "_failed"
    failed.mkdir(parents=True, exist_ok=True)
    write_text_atomically(failed / "last-failed-run.json",
                          json.dumps(content, indent=2, ensure_ascii=False) + "\n")


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
