"""Planning a run: settings checked, templates checked, inputs copied, one job per report.

Before anything executes, a template must have a cell tagged ``parameters`` holding every
parameter passed (papermill alone only warns), and the month, language, scenarios and
regions must be valid. The params and data folders are copied once (see :mod:`.snapshot`)
and every job reads the copy. Every job's destination is checked to be a folder of its own
directly inside the month folder before anything on disk is touched: a slug such as ``..``
must never let the run move or delete anything else.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__, defaults
from ..errors import InputError, Problem
from ..months import format_month
from ..params import ParamSet, featured_scenario, load_params, scenario_names
from ..params.selection import select_regions
from ..reporting.content.settings import check_month_and_language, report_size_problem
from ..reporting.words.texts import text
from .snapshot import snapshot_inputs, tree_hash

DISTRICT_TEMPLATE = "district_report.ipynb"
SUMMARY_TEMPLATE = "regional_summary.ipynb"
SUMMARY_FOLDER = "ringkasan"
FAILED_FOLDER = "_failed"  # notebooks of failed reports, and the record of a run that failed
OVERVIEW_FILES = ("overview.html", "overview.xlsx")  # a run beyond the branch: see .overview
# what a run writes beside the reports (never carried over from the published month)
MONTH_RECORDS = ("index.html", "manifest.json", *OVERVIEW_FILES)
# names in a month folder that are not a report's (compared ignoring case)
RESERVED_NAMES = frozenset({SUMMARY_FOLDER, FAILED_FOLDER, *MONTH_RECORDS})
KERNEL = "python3"


@dataclass(frozen=True)
class RunSettings:
    month: str | None = None  # None: the latest month the data folder's actuals cover
    lang: str = "id"
    scenarios: str = defaults.SCENARIOS
    horizon_months: int = defaults.HORIZON_MONTHS
    draws: int = defaults.REPORT_DRAWS
    seed: int = defaults.SEED
    params_dir: str = defaults.PARAMS_DIR
    out_root: str = defaults.REPORTS_DIR
    data_dir: str = defaults.DATA_DIR
    template_dir: str = str(defaults.TEMPLATES_DIR)
    timeout_s: int = defaults.TIMEOUT_S
    kernel: str = KERNEL
    pptx_template: str | None = None  # None: the shipped plain 16:9 template

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
    staging_dir: str  # the run's new month tree: the finished report goes to <slug> inside


@dataclass(frozen=True)
class RunPlan:
    """What a run will do, checked before any kernel starts."""

    jobs: tuple[Job, ...]
    settings: RunSettings  # with the month resolved
    params: ParamSet
    month: int
    month_dir: Path
    inputs: dict  # params, data and template hashes, for the manifest
    version: str
    featured: str | None  # the scenario the index's budget column shows
    staging_dir: Path  # the new month tree, beside the month folder (made under the lock)
    snapshot: Path  # the private copy of params and data the jobs read; the run removes it
    # a selection beyond the default branch gets the national overview, not the summary
    overview: bool = False
    detailed_codes: tuple[str, ...] = ()  # regions with figures of their own, in tree order


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
        commit = subprocess.run(["git", "describe", "--always", "--dirty"],
                                cwd=defaults.PACKAGE_ROOT, capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return __version__
    described = commit.stdout.strip()
    return f"{__version__}+{described}" if commit.returncode == 0 and described else __version__


def latest_data_month(data_dir: str | Path, params: ParamSet) -> str:
    """The latest month the actuals cover for every region (else the shipped default)."""
    from ..intake.state import Observations  # pandas: not in a worker that only unpickles Job

    latest = Observations.read(data_dir, params).latest_month([r.code for r in params.regions])
    return defaults.REPORT_MONTH if latest is None else format_month(latest)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_limits(settings: RunSettings) -> None:
    """The run's numbers within the limits the command line states (see defaults)."""
    limits = (("--draws", settings.draws, 1, defaults.MAX_DRAWS),
              ("--months", settings.horizon_months, 1, defaults.MAX_MONTHS),
              ("--seed", settings.seed, 0, defaults.MAX_SEED),
              ("--timeout", settings.timeout_s, defaults.MIN_TIMEOUT_S, defaults.MAX_TIMEOUT_S))
    problems = [Problem(option, "", value, f"a whole number from {low:,} to {high:,}")
                for option, value, low, high in limits
                if not isinstance(value, int) or not low <= value <= high]
    if not problems and settings.draws * settings.horizon_months > defaults.MAX_REPORT_DRAW_MONTHS:
        problems.append(report_size_problem("--draws", settings.draws, settings.horizon_months))
    if problems:
        raise InputError(problems)


def month_folder(out_root: str | Path, month: int) -> Path:
    """OUT/YYYY-MM, resolved (a symbolic-link loop is bad input, not a traceback)."""
    try:
        root = Path(out_root).resolve()
    except (OSError, RuntimeError):
        raise InputError(Problem("--out", "", str(out_root), "a folder path that resolves "
                                 "(no symbolic-link loop)")) from None
    month_dir = root / format_month(month)
    if month_dir.is_symlink():  # replacing it would replace the link, not the month
        raise InputError(Problem("--out", "", str(month_dir), "a month folder that is a "
                                 "folder, not a symbolic link"))
    if month_dir.exists() and not month_dir.is_dir():  # a file of someone's: never moved
        raise InputError(Problem("--out", "", str(month_dir), "a month folder that is a "
                                 "folder (remove or rename the file of that name)"))
    return month_dir


def check_destinations(month_dir: Path, jobs: list[Job],
                       others: tuple[tuple[str, str], ...] = ()) -> None:
    """Each job's destination is a folder of its own directly inside the month folder, not a
    reserved name (the summary's is the summary job's alone), not hidden, and shared with no
    other job nor any of the ``others`` (name, slug: regions not rendered now) even ignoring
    case: an InputError before anything is touched otherwise."""
    problems = []
    taken = {slug.casefold(): f"{name} ({slug!r})" for name, slug in others}
    for job in jobs:
        destination = Path(job.destination)
        reserved = RESERVED_NAMES - ({SUMMARY_FOLDER} if job.template.endswith(
            SUMMARY_TEMPLATE) and job.slug == SUMMARY_FOLDER else set())
        plain = (job.slug not in ("", ".", "..") and "/" not in job.slug
                 and "\\" not in job.slug and Path(job.slug).name == job.slug
                 and not job.slug.startswith(".") and job.slug == job.slug.strip())
        inside = (plain and destination.parent == month_dir and destination.name == job.slug
                  and destination.resolve().parent == month_dir.resolve())
        if not inside:
            problems.append(Problem("region slug", job.name, job.slug,
                                    f"a plain folder name (no '/', '\\', '..' or leading "
                                    f"'.') for a folder directly inside {month_dir}"))
        elif job.slug.casefold() in {n.casefold() for n in reserved}:
            problems.append(Problem("region slug", job.name, job.slug,
                                    f"a name other than {', '.join(sorted(reserved))} "
                                    "(reserved in a month folder)"))
        elif job.slug.casefold() in taken:
            problems.append(Problem("region slug", job.name, job.slug,
                                    f"a name of its own (ignoring case), not that of "
                                    f"{taken[job.slug.casefold()]}"))
        taken.setdefault(job.slug.casefold(), f"{job.name} ({job.slug!r})")
    if problems:
        raise InputError(problems)


def plan(settings: RunSettings, regions: str | None, with_summary: bool) -> RunPlan:
    """Validate everything that can be checked before running; copy the inputs; build the
    jobs. The caller removes ``snapshot`` (here on failure)."""
    check_limits(settings)
    if not Path(settings.data_dir).is_dir():
        raise InputError(Problem("--data", "", settings.data_dir, "an existing data folder"))
    snapshot = snapshot_inputs(settings.params_dir, settings.data_dir)
    try:
        return _plan(settings, regions, with_summary, snapshot)
    except InputError as error:  # name the user's files, not the copy's
        shutil.rmtree(snapshot, ignore_errors=True)
        raise InputError([replace(p, source=_as_given(p.source, snapshot, settings))
                          for p in error.problems]) from None
    except BaseException:
        shutil.rmtree(snapshot, ignore_errors=True)
        raise


def _as_given(source: str, snapshot: Path, settings: RunSettings) -> str:
    for copy, given in (("params", settings.params_dir), ("data", settings.data_dir)):
        inside = str(snapshot / copy)
        if source == inside or source.startswith(inside + os.sep):
            return str(Path(given) / source[len(inside):].lstrip(os.sep))
    return source


def _plan(settings: RunSettings, regions: str | None, with_summary: bool,
          snapshot: Path) -> RunPlan:
    params_copy, data_copy = snapshot / "params", snapshot / "data"
    tree = load_params(params_copy)
    if settings.month is None:
        settings = replace(settings, month=latest_data_month(data_copy, tree))
    month = check_month_and_language(settings.month, settings.lang, "--month", "--lang")
    names = scenario_names(tree, settings.scenarios, "--scenarios")
    detailed = tuple(r.code for r in tree.regions)  # the default branch's own figures
    params = select_regions(tree, regions)  # its regions are the selection
    chosen = params.regions
    # the branch summary only for the branch's regions: a 38-region "summary" would be
    # unreadable, and regions outside it have province-level figures (the overview instead)
    overview = with_summary and not {r.code for r in chosen} <= set(detailed)
    with_summary = with_summary and not overview
    template_dir = Path(settings.template_dir)
    version = code_version()
    # every notebook reads the copy, never the live folders
    base = replace(settings, params_dir=str(params_copy),
                   data_dir=str(data_copy)).notebook_parameters(version)
    month_dir = month_folder(settings.out_root, month)
    staging_dir = month_dir.with_name(f".staging-{month_dir.name}-{uuid.uuid4().hex[:8]}")
    failed_dir = str(staging_dir / FAILED_FOLDER)
    district = template_dir / DISTRICT_TEMPLATE
    jobs = []
    template = str(Path(settings.pptx_template).resolve()) if settings.pptx_template else ""
    from ..reporting.formats.powerpoint.template import open_template  # python-pptx

    open_template(template or None)  # a template PowerPoint cannot use stops the run here
    # the same names for every region: checked once (a national run has 514 regions)
    check_parameters(district, {**base, "region": "", "pptx_template": template,
                                "summary_path": "", "deck_path": "", "workbook_path": "",
                                "pptx_path": "", "explorer_path": ""})
    for region in chosen:
        parameters = {**base, "region": region.slug, "pptx_template": template}
        jobs.append(Job(region.slug, region.name, str(district.resolve()), parameters,
                        str(month_dir / region.slug), settings.timeout_s, settings.kernel,
                        failed_dir, str(staging_dir)))
    if with_summary:
        summary_template = template_dir / SUMMARY_TEMPLATE
        check_parameters(summary_template, {**base, "summary_path": "", "workbook_path": ""})
        jobs.append(Job(SUMMARY_FOLDER, text("summary_link", settings.lang),
                        str(summary_template.resolve()), base,
                        str(month_dir / SUMMARY_FOLDER), settings.timeout_s, settings.kernel,
                        failed_dir, str(staging_dir)))
    check_destinations(month_dir, jobs, tuple((r.name, r.slug) for r in tree.regions
                                              if r not in chosen))
    inputs = {"params_hash": params.files_hash, "data_hash": tree_hash(data_copy),
              "templates": {Path(j.template).name: sha256(Path(j.template)) for j in jobs}}
    return RunPlan(tuple(jobs), settings, params, month, month_dir, inputs, version,
                   featured_scenario(params, names), staging_dir, snapshot, overview, detailed)
