"""Planning a run: settings checked, templates checked, one job per report.

Before anything executes, a template must have a cell tagged ``parameters`` holding every
parameter passed (papermill alone only warns), and the month, language, scenarios and
regions must be valid.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__, defaults
from ..errors import InputError, Problem
from ..intake.state import Observations
from ..months import format_month
from ..params import ParamSet, featured_scenario, load_params, scenario_names
from ..reporting.deck_pptx import open_template
from ..reporting.settings import check_month_and_language
from ..reporting.texts import text

DISTRICT_TEMPLATE = "district_report.ipynb"
SUMMARY_TEMPLATE = "regional_summary.ipynb"
SUMMARY_FOLDER = "ringkasan"
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


@dataclass(frozen=True)
class RunPlan:
    """What a run will do, checked before any kernel starts."""

    jobs: tuple[Job, ...]
    settings: RunSettings  # with the month resolved
    params: ParamSet
    month: int
    month_dir: Path
    inputs: dict  # params hash and template hashes, for the manifest
    version: str
    featured: str | None  # the scenario the index's budget column shows


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
    if problems:
        raise InputError(problems)


def plan(settings: RunSettings, regions: str | None, with_summary: bool) -> RunPlan:
    """Validate everything that can be checked before running; build the jobs."""
    check_limits(settings)
    if not Path(settings.data_dir).is_dir():
        raise InputError(Problem("--data", "", settings.data_dir, "an existing data folder"))
    params = load_params(settings.params_dir)
    if settings.month is None:
        settings = replace(settings, month=latest_data_month(settings.data_dir, params))
    month = check_month_and_language(settings.month, settings.lang, "--month", "--lang")
    names = scenario_names(params, settings.scenarios, "--scenarios")
    chosen = params.regions_from(regions)
    template_dir = Path(settings.template_dir)
    version = code_version()
    base = settings.notebook_parameters(version)
    month_dir = Path(settings.out_root).resolve() / format_month(month)
    failed_dir = str(month_dir / "_failed")
    district = template_dir / DISTRICT_TEMPLATE
    jobs = []
    template = str(Path(settings.pptx_template).resolve()) if settings.pptx_template else ""
    open_template(template or None)  # a template PowerPoint cannot use stops the run here
    for region in chosen:
        parameters = {**base, "region": region.slug, "pptx_template": template}
        check_parameters(district, {**parameters, "summary_path": "", "deck_path": "",
                                    "workbook_path": "", "pptx_path": "", "explorer_path": ""})
        jobs.append(Job(region.slug, region.name, str(district.resolve()), parameters,
                        str(month_dir / region.slug), settings.timeout_s, settings.kernel,
                        failed_dir))
    if with_summary:
        summary_template = template_dir / SUMMARY_TEMPLATE
        check_parameters(summary_template, {**base, "summary_path": "", "workbook_path": ""})
        jobs.append(Job(SUMMARY_FOLDER, text("summary_link", settings.lang),
                        str(summary_template.resolve()), base,
                        str(month_dir / SUMMARY_FOLDER), settings.timeout_s, settings.kernel,
                        failed_dir))
    inputs = {"params_hash": params.files_hash,
              "templates": {Path(j.template).name: sha256(Path(j.template)) for j in jobs}}
    return RunPlan(tuple(jobs), settings, params, month, month_dir, inputs, version,
                   featured_scenario(params, names))
