"""What a run leaves beside the reports: manifest.json and index.html."""

from __future__ import annotations

import html
import json
import platform
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..files import write_text_atomically
from ..months import format_month
from .overview_model import BOOK_FILE, HTML_FILE
from .overview_texts import say
from .plan import SUMMARY_FOLDER, RunPlan, RunSettings
from .render import Outcome

REPORTED_PACKAGES = ("numpy", "pandas", "matplotlib", "papermill", "nbconvert", "nbformat",
                     "ipykernel", "babel", "pydantic", "pyyaml", "scipy")


def _packages() -> dict:
    found = {"python": platform.python_version()}
    for name in REPORTED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def manifest(settings: RunSettings, run_plan: RunPlan, outcomes: dict[str, Outcome],
             seconds: float) -> dict:
    """manifest.json: settings, versions, input hashes, and every region's outcome (an earlier
    good report kept when this run failed it)."""
    month_dir = run_plan.month_dir
    previous = {}
    if (month_dir / "manifest.json").is_file():
        try:
            previous = json.loads((month_dir / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
    regions = dict(previous.get("regions", {}))
    templates = {job.slug: Path(job.template).name for job in run_plan.jobs}
    for slug, outcome in outcomes.items():
        entry = asdict(outcome)
        entry.pop("slug")
        if outcome.status == "failed" and slug in regions and regions[slug].get("outputs"):
            entry["outputs"] = regions[slug]["outputs"]  # the earlier good report is kept
            entry["inputs"] = regions[slug].get("inputs")  # and what it was made from
            entry["kept_previous"] = True
        else:  # what this output was made from: another region's re-run leaves it as is
            template = templates.get(slug)
            entry["inputs"] = {
                "params_hash": run_plan.inputs["params_hash"],
                "data_hash": run_plan.inputs["data_hash"],  # of the copy every job read
                "template": template,
                "template_hash": run_plan.inputs["templates"].get(template),
                "code_version": run_plan.version,
            }
        regions[slug] = entry
    return {
        "month": format_month(run_plan.month),
        "settings": {k: v for k, v in asdict(settings).items() if k != "template_dir"},
        "code_version": run_plan.version,
        "packages": _packages(),
        "last_run_inputs": run_plan.inputs,  # each output's own are under regions
        "duration_s": round(seconds, 2),
        "regions": dict(sorted(regions.items())),
        "failed": sorted(slug for slug, o in outcomes.items() if o.status != "ok"),
    }


def write_index(settings: RunSettings, run_plan: RunPlan, manifest: dict,
                month_dir: Path) -> None:
    """``month_dir``/index.html (the staged month tree): every region's headline numbers
    and links (from summary.json files)."""
    from ..reporting.formats.page.htmlpage import index_page  # nbconvert: see runner

    rows = []
    for slug, (_, name) in month_regions(run_plan, month_dir).items():
        folder = month_dir / slug
        entry = manifest["regions"].get(slug)
        if entry is None and not folder.exists():
            continue
        summary_file = folder / "summary.json"
        summary = (json.loads(summary_file.read_text(encoding="utf-8"))
                   if summary_file.is_file() else None)
        rows.append({"slug": slug, "name": name,
                     "status": (entry or {}).get("status", "ok"), "summary": summary,
                     "has_report": (folder / "report.html").is_file(),
                     "has_explorer": (folder / "explorer.html").is_file()})
    summary_href = (f"{SUMMARY_FOLDER}/report.html"
                    if (month_dir / SUMMARY_FOLDER / "report.html").is_file() else None)
    # the parameter hashes the published outputs were made from (more than one after a
    # re-run of some regions with changed parameters)
    hashes = sorted({(entry.get("inputs") or {}).get("params_hash") or ""
                     for entry in manifest["regions"].values()} - {""})
    page = index_page(run_plan.month, settings.lang, rows, summary_href, run_plan.version,
                      ", ".join(h[:12] for h in hashes) or run_plan.inputs["params_hash"][:12],
                      run_plan.featured)
    if (month_dir / HTML_FILE).is_file():
        page = with_overview_link(page, settings.lang)
    write_text_atomically(month_dir / "index.html", page)


def with_overview_link(page: str, lang: str) -> str:
    """The index with a line linking to the month's national overview (page and workbook),
    above the regions' table."""
    link = (f'<p><b><a href="{HTML_FILE}">{html.escape(say("ov_link", lang))}</a></b> · '
            f'<a href="{BOOK_FILE}">{html.escape(say("ov_workbook", lang))}</a></p>\n')
    table = page.find('<div class="wide">')
    at = table if table >= 0 else page.rindex("</main>")
    return page[:at] + link + page[at:]


def month_regions(run_plan: RunPlan, month_dir: Path) -> dict[str, tuple[str, str]]:
    """slug -> (code, name) of every region of the month: this run's, and those whose
    reports an earlier run left in ``month_dir`` (named by their summary.json); the default
    branch's regions first in the params tree's order, then the others by code."""
    found = {r.slug: (r.code, r.name) for r in run_plan.params.regions}
    for folder in sorted(month_dir.iterdir()) if month_dir.is_dir() else ():
        if (folder.name in found or folder.name.startswith((".", "_"))
                or folder.name == SUMMARY_FOLDER or not (folder / "summary.json").is_file()):
            continue
        try:
            summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            found[folder.name] = (str(summary["region_code"]), str(summary["region_name"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a region's report
    order = {code: k for k, code in enumerate(run_plan.detailed_codes)}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[1][0], len(order)),
                                                        item[1][0])))
