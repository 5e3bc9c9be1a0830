"""The monthly batch on Dask: a run with a scheduler (``--scheduler`` or
``DASK_SCHEDULER_ADDRESS``), or with more than :data:`LOCAL_REPORT_LIMIT` district reports,
renders its reports as Dask tasks (:mod:`simulation.cluster`): on that scheduler's workers,
or on a local cluster of ``--workers`` (else ``--jobs``) processes. A smaller run without a
scheduler keeps its worker processes (:mod:`.runner`).

Everything else is the run's as ever: the month lock, the staged month tree, the month
published as one unit at the end, failed reports recorded, exit statuses. Each task renders
one report into the run's staged tree (:func:`.render.render_task`), so:

* **Workers on other machines need the reports folder (``--out``) on a shared filesystem,
  mounted at the same path** as on the machine that runs ``jamsos monthly``, and jamsos of
  the same version installed (checked before any work). The run copies what the reports
  read (its copy of params and data, the templates) into the staged tree
  (``.inputs/``, removed before publishing), and checks that every worker sees it there
  before any task starts: otherwise bad input (exit 2), nothing published.
* A worker killed mid-run loses nothing: Dask runs its task again on another worker; each
  attempt renders into a folder of its own and replaces an earlier attempt's report whole,
  and what a killed attempt left half-written is removed before publishing.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Problem
from .plan import SUMMARY_FOLDER, Job, RunPlan
from .render import Outcome, render_task

if TYPE_CHECKING:
    from distributed import Client

LOCAL_REPORT_LIMIT = 12  # district reports a run renders in its own worker processes
INPUTS_FOLDER = ".inputs"  # in the staged tree: what the workers read (never published)
TOKEN_FILE = "run-token"
SHARED_EXPECTED = ("a reports folder every Dask worker sees at the same path (a shared "
                   "filesystem mounted alike on every worker machine)")


def uses_dask(run_plan: RunPlan, scheduler: tuple[str, str] | None) -> bool:
    """Whether the run renders on Dask: a scheduler given, or a batch too large for one
    machine's worker processes to be the obvious choice."""
    districts = sum(1 for job in run_plan.jobs if job.slug != SUMMARY_FOLDER)
    return scheduler is not None or districts > LOCAL_REPORT_LIMIT


@contextmanager
def cluster_for(run_plan: RunPlan, scheduler: tuple[str, str] | None, workers: int | None,
                jobs: int | None, progress: Callable[[str], None]) -> Iterator[Client | None]:
    """A Dask client for the run, checked before any work (an unreachable scheduler, or
    workers without jamsos, is an InputError), or None when the run keeps its own worker
    processes."""
    if not uses_dask(run_plan, scheduler):
        yield None
        return
    from ..cluster import open_client

    local = None if scheduler else max(1, min(workers or jobs or os.cpu_count() or 1,
                                              len(run_plan.jobs)))
    with open_client(scheduler, local_workers=local, progress=progress) as client:
        yield client


def worker_count(client: Client) -> int:
    return len(client.scheduler_info(n_workers=-1).get("workers", {}))


def share_inputs(run_plan: RunPlan) -> tuple[tuple[Job, ...], str]:
    """Copy what the reports read into ``<staged tree>/.inputs`` (on the shared filesystem)
    and return the jobs reading that copy, with a token the workers must see there."""
    shared = run_plan.staging_dir / INPUTS_FOLDER
    shutil.copytree(run_plan.snapshot, shared, symlinks=True)  # params/ and data/
    templates = shared / "templates"
    templates.mkdir()
    moved: dict[str, str] = {}
    for job in run_plan.jobs:
        for path in (job.template, job.parameters.get("pptx_template") or ""):
            if path and path not in moved:
                copy = templates / f"{len(moved)}-{Path(path).name}"
                shutil.copyfile(path, copy)
                moved[path] = str(copy)
    token = uuid.uuid4().hex
    (shared / TOKEN_FILE).write_text(token, encoding="utf-8")
    jobs = []
    for job in run_plan.jobs:
        parameters = {**job.parameters, "params_dir": str(shared / "params"),
                      "data_dir": str(shared / "data")}
        if parameters.get("pptx_template"):
            parameters["pptx_template"] = moved[parameters["pptx_template"]]
        jobs.append(replace(job, template=moved[job.template], parameters=parameters))
    return tuple(jobs), token


def read_token(path: str) -> str | None:
    """On a worker: the run's token, if this machine sees the run's staged tree."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return None


def check_shared(client: Client, run_plan: RunPlan, token: str) -> None:
    """Every worker sees the staged tree at the same path (the token this run wrote):
    otherwise an InputError naming the workers, before any task starts."""
    path = str(run_plan.staging_dir / INPUTS_FOLDER / TOKEN_FILE)
    found = client.run(read_token, path, on_error="return")
    blind = sorted(worker for worker, seen in found.items() if seen != token)
    if blind:
        raise InputError(Problem("--out", f"workers {', '.join(blind)}",
                                 run_plan.settings.out_root,
                                 f"{SHARED_EXPECTED}; they do not see {run_plan.staging_dir}"))


def render_on_dask(client: Client, run_plan: RunPlan, outcomes: dict[str, Outcome],
                   progress: Callable[[str], None],
                   report: Callable[[int, int, Outcome], None]) -> None:
    """Render every job as a Dask task into the staged tree; ``outcomes`` by slug."""
    from ..cluster import run_tasks

    jobs, token = share_inputs(run_plan)
    check_shared(client, run_plan, token)
    results = run_tasks(client, render_task, list(jobs), label="reports", progress=progress)
    for k, outcome in enumerate(results, 1):
        outcomes[outcome.slug] = outcome
        report(k, len(results), outcome)


def tidy_staging(staging: Path) -> None:
    """Remove what no published month holds from the staged tree: the workers' inputs and
    any half-written folder an attempt left (a worker killed mid-report)."""
    for entry in staging.iterdir():
        if entry.name.startswith("."):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
