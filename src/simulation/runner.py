"""The report runner: papermill templates → reports/YYYY-MM/<region>/, safely.

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

import fcntl
import hashlib
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .errors import InputError, Problem
from .files import write_text_atomically
from .htmlpage import fetched_resources, index_page, notebook_page
from .months import format_month, parse_month
from .params import load_params
from .report import FIRST_REPORT_MONTH
from .scenarios import scenario_names
from .texts import text

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parents[1]
TEMPLATES = REPO_ROOT / "notebooks"
DISTRICT_TEMPLATE = "district_report.ipynb"
SUMMARY_TEMPLATE = "regional_summary.ipynb"
SUMMARY_FOLDER = "ringkasan"
DEFAULT_SCENARIOS = "baseline,sosialisasi,bantuan-iuran,kombinasi,bantuan-sementara"
DEFAULT_REPORT_MONTH = format_month(FIRST_REPORT_MONTH)
KERNEL = "python3"
REPORTED_PACKAGES = ("numpy", "pandas", "matplotlib", "papermill", "nbconvert", "nbformat",
                     "ipykernel", "babel", "pydantic", "pyyaml", "scipy")


class RunLocked(Exception):
    """Another run holds the month's lock."""


@dataclass(frozen=True)
class RunSettings:
    month: str
    lang: str = "id"
    scenarios: str = DEFAULT_SCENARIOS
    horizon_months: int = 60
    draws: int = 500
    seed: int = 20191022
    params_dir: str = "params"
    out_root: str = "reports"
    data_dir: str = "data"
    template_dir: str = str(TEMPLATES)
    timeout_s: int = 600
    kernel: str = KERNEL

    def notebook_parameters(self, code_version: str) -> dict:
        return {"month": self.month, "scenarios": self.scenarios,
                "horizon_months": self.horizon_months, "draws": self.draws, "seed": self.seed,
                "lang": self.lang, "params_dir": str(Path(self.params_dir).resolve()),
                "data_dir": str(Path(self.data_dir).resolve()), "code_version": code_version}


@dataclass(frozen=True)
class Job:
    slug: str
    name: str
    template: str
    parameters: dict
    destination: str  # the published folder
    timeout_s: int
    kernel: str
    failed_dir: str


@dataclass
class Outcome:
    slug: str
    status: str  # "ok" | "failed"
    duration_s: float
    error: dict | None = None
    outputs: dict = field(default_factory=dict)  # file name -> sha256


# ---------------------------------------------------------------- checks


def template_parameters(template: Path) -> dict:
    """The names (and defaults) of the ``parameters`` cell; an InputError if there is none."""
    import papermill

    if not template.is_file():
        raise InputError(Problem(str(template), "", str(template), "a notebook template"))
    found = papermill.inspect_notebook(str(template))
    if not found:
        raise InputError(Problem(str(template), "parameters", "(no cell tagged 'parameters')",
                                 "a code cell tagged 'parameters' holding the defaults"))
    return found


def check_parameters(template: Path, passed: dict) -> None:
    """Every passed parameter must exist in the template (papermill would only warn)."""
    known = template_parameters(template)
    unknown = sorted(set(passed) - set(known))
    if unknown:
        raise InputError([Problem(str(template), f"parameters.{name}", passed[name],
                                  f"a parameter of the template: {', '.join(sorted(known))}")
                          for name in unknown])


def code_version() -> str:
    """Package version, plus the git commit (and '-dirty') when run from a checkout."""
    try:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=PACKAGE_ROOT,
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return __version__
    described = commit.stdout.strip()
    return f"{__version__}+{described}" if commit.returncode == 0 and described else __version__


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- one report (worker)


def _ipc_kernel_manager(socket_dir: str):
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return os.path.join(socket_dir, "kernel")

    return IPCKernelManager


def publish(staged: Path, destination: Path) -> None:
    """Move a complete folder into place, keeping the old one until the new one is there."""
    previous = destination.with_name(f".old-{destination.name}-{uuid.uuid4().hex[:8]}")
    if destination.exists():
        os.replace(destination, previous)
    try:
        os.replace(staged, destination)
    except OSError:
        if previous.exists():
            os.replace(previous, destination)
        raise
    if previous.exists():
        shutil.rmtree(previous)


def render(job: Job) -> Outcome:
    """Execute one template into a staging folder, export HTML, publish. Runs in a worker."""
    import papermill

    started = time.perf_counter()
    destination = Path(job.destination).resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    staged = destination.parent / f".tmp-{job.slug}-{uuid.uuid4().hex[:8]}"
    staged.mkdir()
    sockets = tempfile.mkdtemp(prefix="jamsos-k-")
    notebook = staged / "report.ipynb"
    try:
        parameters = {**job.parameters, "summary_path": str(staged / "summary.json")}
        if job.slug != SUMMARY_FOLDER:  # district reports also write their briefing deck
            parameters["deck_path"] = str(staged / "briefing.pdf")
        papermill.execute_notebook(
            job.template, str(notebook), parameters=parameters, kernel_name=job.kernel,
            cwd=str(staged), execution_timeout=job.timeout_s, progress_bar=False,
            log_output=False, kernel_manager_class=_ipc_kernel_manager(sockets))
        json.loads((staged / "summary.json").read_text(encoding="utf-8"))  # must be valid
        lang = job.parameters.get("lang", "id")
        title = (text("report_title", lang, region=job.name) if job.slug != SUMMARY_FOLDER
                 else job.name)
        page = notebook_page(notebook, title, lang)
        external = fetched_resources(page)
        if external:
            raise RuntimeError(f"the HTML page would fetch {external[0]!r} from the network")
        (staged / "report.html").write_text(page, encoding="utf-8")
        outputs = {p.name: _sha256(p) for p in sorted(staged.iterdir()) if p.is_file()}
        publish(staged, destination)
        return Outcome(job.slug, "ok", round(time.perf_counter() - started, 2), None, outputs)
    except Exception as error:  # one report failing must not stop the others
        failed = Path(job.failed_dir)
        if notebook.exists():
            failed.mkdir(parents=True, exist_ok=True)
            shutil.copy(notebook, failed / f"{job.slug}.ipynb")
        return Outcome(job.slug, "failed", round(time.perf_counter() - started, 2),
                       _describe(error))
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)


def _describe(error: Exception) -> dict:
    described = {"type": type(error).__name__, "message": str(error).strip()[-2000:]}
    for attribute in ("cell_index", "exec_count", "ename", "evalue"):
        if getattr(error, attribute, None) is not None:
            described[attribute] = getattr(error, attribute)
    return described


# ---------------------------------------------------------------- the monthly run


@contextmanager
def month_lock(month_dir: Path):
    month_dir.mkdir(parents=True, exist_ok=True)
    path = month_dir / ".lock"
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RunLocked(f"another run ({holder}) is writing {month_dir}; wait for it to "
                            f"finish (lock file {path})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(month_dir: Path) -> None:
    """Tidy what an interrupted run left (called under the lock): a report moved aside but
    not replaced goes back; staging folders and temporary files are removed."""
    for old in month_dir.glob(".old-*"):
        name = old.name[len(".old-"):].rsplit("-", 1)[0]
        if not (month_dir / name).exists():
            os.replace(old, month_dir / name)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for staged in month_dir.glob(".tmp-*"):
        shutil.rmtree(staged, ignore_errors=True)
    for temporary in month_dir.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)


def plan(settings: RunSettings, regions: str | None, with_summary: bool
         ) -> tuple[list[Job], dict]:
    """Validate everything that can be checked before running; build the jobs."""
    params = load_params(settings.params_dir)
    month = parse_month(settings.month, "--month")
    if month < FIRST_REPORT_MONTH:
        raise InputError(Problem("--month", "", settings.month,
                                 f"{format_month(FIRST_REPORT_MONTH)} or later (the first month "
                                 "with a starting state)"))
    if settings.lang not in ("id", "en"):
        raise InputError(Problem("--lang", "", settings.lang, "id or en"))
    scenario_names(params, settings.scenarios, "--scenarios")
    chosen = params.regions_from(regions)
    template_dir = Path(settings.template_dir)
    version = code_version()
    base = settings.notebook_parameters(version)
    month_dir = Path(settings.out_root).resolve() / format_month(month)
    failed_dir = str(month_dir / "_failed")
    district = template_dir / DISTRICT_TEMPLATE
    jobs = []
    for region in chosen:
        parameters = {**base, "region": region.slug}
        check_parameters(district, {**parameters, "summary_path": "", "deck_path": ""})
        jobs.append(Job(region.slug, region.name, str(district.resolve()), parameters,
                        str(month_dir / region.slug), settings.timeout_s, settings.kernel,
                        failed_dir))
    if with_summary:
        summary_template = template_dir / SUMMARY_TEMPLATE
        check_parameters(summary_template, {**base, "summary_path": ""})
        jobs.append(Job(SUMMARY_FOLDER, text("summary_link", settings.lang),
                        str(summary_template.resolve()), base,
                        str(month_dir / SUMMARY_FOLDER), settings.timeout_s, settings.kernel,
                        failed_dir))
    inputs = {"params_hash": params.files_hash,
              "templates": {Path(j.template).name: _sha256(Path(j.template)) for j in jobs}}
    return jobs, {"params": params, "month": month, "month_dir": month_dir, "inputs": inputs,
                  "version": version}


def run(settings: RunSettings, regions: str | None = None, jobs: int | None = None,
        with_summary: bool = True, progress: Callable[[str], None] | None = None) -> dict:
    """Render the reports of a month; returns the manifest (``failed`` lists failures)."""
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    job_list, context = plan(settings, regions, with_summary)
    month_dir: Path = context["month_dir"]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(job_list)))
    outcomes: dict[str, Outcome] = {}
    started = time.perf_counter()
    with month_lock(month_dir):
        recover(month_dir)
        progress(f"jamsos: rendering {len(job_list)} report(s) for {format_month(context['month'])}"
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
        manifest = _manifest(settings, context, outcomes, time.perf_counter() - started)
        write_text_atomically(month_dir / "manifest.json",
                          json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        _write_index(settings, context, manifest)
    progress(f"jamsos: index {month_dir / 'index.html'}")
    return manifest


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


def _packages() -> dict:
    found = {"python": platform.python_version()}
    for name in REPORTED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def _manifest(settings: RunSettings, context: dict, outcomes: dict[str, Outcome],
              seconds: float) -> dict:
    month_dir: Path = context["month_dir"]
    previous = {}
    if (month_dir / "manifest.json").is_file():
        try:
            previous = json.loads((month_dir / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
    regions = dict(previous.get("regions", {}))
    for slug, outcome in outcomes.items():
        entry = asdict(outcome)
        entry.pop("slug")
        if outcome.status == "failed" and slug in regions and regions[slug].get("outputs"):
            entry["outputs"] = regions[slug]["outputs"]  # the earlier good report is kept
            entry["kept_previous"] = True
        regions[slug] = entry
    return {
        "month": format_month(context["month"]),
        "settings": {k: v for k, v in asdict(settings).items() if k != "template_dir"},
        "code_version": context["version"],
        "packages": _packages(),
        "inputs": context["inputs"],
        "duration_s": round(seconds, 2),
        "regions": dict(sorted(regions.items())),
        "failed": sorted(slug for slug, o in outcomes.items() if o.status != "ok"),
    }


def _write_index(settings: RunSettings, context: dict, manifest: dict) -> None:
    month_dir: Path = context["month_dir"]
    rows = []
    for region in context["params"].regions:
        folder = month_dir / region.slug
        entry = manifest["regions"].get(region.slug)
        if entry is None and not folder.exists():
            continue
        summary_file = folder / "summary.json"
        summary = (json.loads(summary_file.read_text(encoding="utf-8"))
                   if summary_file.is_file() else None)
        rows.append({"slug": region.slug, "name": region.name,
                     "status": (entry or {}).get("status", "ok"), "summary": summary,
                     "has_report": (folder / "report.html").is_file()})
    summary_href = (f"{SUMMARY_FOLDER}/report.html"
                    if (month_dir / SUMMARY_FOLDER / "report.html").is_file() else None)
    write_text_atomically(month_dir / "index.html",
                      index_page(context["month"], settings.lang, rows, summary_href,
                                 context["version"], context["inputs"]["params_hash"]))
