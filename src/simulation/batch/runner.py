"""The monthly run: papermill templates → reports/YYYY-MM/<region>/, safely.

* Before executing, a template must have a cell tagged ``parameters`` holding every
  parameter passed (papermill alone only warns); every destination is checked to be a
  folder of its own inside the month folder.
* The params and data folders are copied once (:mod:`.snapshot`); every report reads the
  copy, and the manifest records its hashes.
* Each report runs with an explicit kernel, working directory and execution timeout, in a
  worker process; kernels talk over IPC sockets in a private folder, so parallel kernels
  never race for TCP ports.
* The month is published as one unit (:mod:`.publishing`): reports, summary, index and
  manifest are put together in a new month tree beside the month folder and swapped in at
  the end. A killed or interrupted run publishes nothing; the next run's :func:`recover`
  leaves the whole old or the whole new month.
* One region failing does not stop the others; its earlier report is kept, the index marks
  it and the run exits 1. A run that rendered nothing keeps the month's index and manifest
  and records itself in ``_failed/last-failed-run.json``.
* A lock beside the month folder stops two runs from writing the same month at once.
* Workers die with the run (see :mod:`.workers`). Ctrl-C stops within a second and
  publishes nothing.
* With a Dask scheduler, or more than twelve district reports, the reports are Dask tasks
  instead (see :mod:`.on_dask`: the reports folder must then be on a filesystem every
  worker sees); the rest of the run is the same.
* A run beyond the default branch gets the national overview (:mod:`.overview`) instead of
  the branch summary; a month that has one gets it rebuilt by every run.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import as_completed
from pathlib import Path

from ..files import write_text_atomically
from ..months import format_month
from .manifest import manifest, month_regions, write_index
from .on_dask import cluster_for, render_on_dask, tidy_staging, worker_count
from .overview_model import HTML_FILE, OverviewRegion
from .plan import FAILED_FOLDER, RunPlan, RunSettings, plan
from .publishing import assemble, mark_complete, month_lock, recover, swap
from .render import Outcome, render
from .snapshot import clean_stale_temporaries
from .workers import PAGE_WRITER, LocalWorkers, local_workers

FAILED_RECORD = "last-failed-run.json"  # in _failed/: the record of a run that rendered nothing


def run(settings: RunSettings, regions: str | None = None, jobs: int | None = None,
        with_summary: bool = True, progress: Callable[[str], None] | None = None,
        scheduler: tuple[str, str] | None = None, workers: int | None = None,
        local: LocalWorkers | None = None) -> dict:
    """Render the reports of a month; returns the manifest (``failed`` lists failures;
    ``record`` is where this run's record was written, not part of the file).

    ``scheduler`` (from :func:`simulation.cluster.scheduler_address`) renders on that Dask
    cluster; ``workers`` sizes the local Dask cluster of a run of more than twelve district
    reports (default ``jobs``). ``local``: the workers the command started before the run
    (:func:`.workers.local_workers`); without, the run starts ``jobs`` of them once planned
    (at most one per report; one: this process, one report at a time)."""
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    clean_stale_temporaries()  # what killed runs left in the temporary folder
    run_plan = plan(settings, regions, with_summary)
    try:  # a scheduler that cannot serve the run is bad input, before the month is touched
        with cluster_for(run_plan, scheduler, workers, jobs, progress) as client:
            if client is not None and local is not None:
                local.release()  # started before the plan chose Dask
            if client is not None or local is not None:
                return _run(run_plan, progress, client, local)
            size = max(1, min(jobs or os.cpu_count() or 1, len(run_plan.jobs)))
            with local_workers(size, eager=False) as started:  # kernels when needed
                return _run(run_plan, progress, None, started)
    finally:
        shutil.rmtree(run_plan.staging_dir, ignore_errors=True)  # unless swapped in
        shutil.rmtree(run_plan.snapshot, ignore_errors=True)


def _run(run_plan: RunPlan, progress: Callable[[str], None], client=None,
         local: LocalWorkers | None = None) -> dict:
    job_list = run_plan.jobs
    month_dir, staging = run_plan.month_dir, run_plan.staging_dir
    workers = (worker_count(client) if client is not None
               else max(1, min(local.size if local else 1, len(job_list))))
    outcomes: dict[str, Outcome] = {}
    started = time.perf_counter()
    with month_lock(month_dir):
        recover(month_dir)
        staging.mkdir()
        where = " on Dask" if client is not None else ""
        progress(f"jamsos: rendering {len(job_list)} report(s) for {format_month(run_plan.month)}"
                 f" with {workers} worker(s){where} into {month_dir}")
        try:
            if client is None:
                _render_all(job_list, local, workers, outcomes, progress)
            else:
                render_on_dask(client, run_plan, outcomes, progress,
                               lambda k, n, outcome: _report_progress(progress, k, n, outcome))
        except KeyboardInterrupt:
            progress(f"jamsos: interrupted; nothing published, {month_dir} left as it was")
            raise
        tidy_staging(staging)  # the workers' inputs, and what a killed attempt half wrote
        content = manifest(run_plan.settings, run_plan, outcomes, time.perf_counter() - started)
        rendered = any(o.status == "ok" for o in outcomes.values())
        if rendered:
            record = month_dir / "manifest.json"
            assemble(staging, month_dir, keep_index=False)
            write_text_atomically(staging / record.name, _json(content))
            if run_plan.overview or (month_dir / HTML_FILE).is_file():
                from . import overview  # its workbook: pandas, openpyxl (national runs)

                overview.write(staging, run_plan.month, overview_regions(run_plan, staging,
                                                                        outcomes),
                               run_plan.settings.lang, run_plan.featured, run_plan.version)
            write_index(run_plan.settings, run_plan, content, staging)
        else:  # a run that produced nothing leaves the month's manifest and index as they were
            record = month_dir / FAILED_FOLDER / FAILED_RECORD
            (staging / FAILED_FOLDER).mkdir(exist_ok=True)
            write_text_atomically(staging / FAILED_FOLDER / FAILED_RECORD, _json(content))
            assemble(staging, month_dir, keep_index=True)
        mark_complete(staging)
        swap(staging, month_dir)
    if rendered:
        progress(f"jamsos: index {month_dir / 'index.html'}")
        if (month_dir / HTML_FILE).is_file():
            progress(f"jamsos: overview {month_dir / HTML_FILE}")
    else:
        progress(f"jamsos: no report rendered; {month_dir / 'index.html'} left as it was; "
                 f"see {record}")
    return {**content, "record": str(record)}


def overview_regions(run_plan: RunPlan, month_dir: Path,
                     outcomes: dict[str, Outcome]) -> list[OverviewRegion]:
    """Every region of the month (``month_dir``, the staged tree): this run's, and those an
    earlier run left (named by their summary.json), with their province, schemes and
    whether their figures are province-level assumptions."""
    from ..params.catalogue import load_catalogue

    params, lang = run_plan.params, run_plan.settings.lang
    catalogue = load_catalogue(params.root).by_code()
    found = month_regions(run_plan, month_dir)
    regions = []
    for slug, (code, name) in found.items():
        place = catalogue.get(code)
        schemes = tuple(dict.fromkeys(getattr(s, f"title_{lang}", s.title_id)
                                      for s in params.schemes if s.region_code == code))
        outcome = outcomes.get(slug)
        regions.append(OverviewRegion(
            slug, name, code, place.province_code if place else code[:2],
            place.province if place else code[:2], code not in run_plan.detailed_codes,
            schemes, outcome.status if outcome is not None else "ok"))
    return regions


def _json(content: dict) -> str:
    return json.dumps(content, indent=2, ensure_ascii=False) + "\n"


def _render_all(job_list, local: LocalWorkers | None, workers: int,
                outcomes: dict[str, Outcome], progress) -> None:
    """Render every job, one at a time in this process or in ``local``'s ``workers`` worker
    processes (which die with this one)."""
    if local is None or local.pool is None:
        for k, job in enumerate(job_list, 1):
            outcomes[job.slug] = render(job)
            _report_progress(progress, k, len(job_list), outcomes[job.slug])
        return
    futures = [local.pool.submit(render, job) for job in job_list]
    try:
        for k, future in enumerate(as_completed(futures), 1):
            outcome = future.result()
            outcomes[outcome.slug] = outcome
            _report_progress(progress, k, len(job_list), outcome)
            if len(job_list) - k == workers - 1:
                _warm_page_writer()  # a worker is idle for good: its core is free
    except KeyboardInterrupt:
        local.stop.set()  # workers exit within POLL_S, before publishing
        local.pool.shutdown(wait=True, cancel_futures=True)
        raise


def _warm_page_writer() -> None:
    """Import what writes the index (nbconvert, a second) while the last reports render,
    not after them; a failure here is write_index's to report, when it imports it."""
    with contextlib.suppress(Exception):  # only a warm-up
        importlib.import_module(PAGE_WRITER)


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
