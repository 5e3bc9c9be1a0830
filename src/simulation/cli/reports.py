"""jamsos report, monthly and briefing: render reports and decks."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from .. import defaults
from ..errors import InputError, Problem
from ..months import parse_month
from . import messages
from .options import (
    REGIONS_HELP,
    add_cluster_options,
    add_content_options,
    add_report_options,
    check_input_folders,
    output_file,
    output_folder,
    whole_number_in,
)

if TYPE_CHECKING:  # names in signatures only: imported where the command runs
    from ..batch.plan import RunSettings


BRANCH_REPORTS = 7  # the default run: the branch's six districts and its summary
FAILED = {"en": "jamsos: {count} report(s) failed: {names}; see {record}",
          "id": "jamsos: {count} laporan gagal: {names}; lihat {record}"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    one = sub.add_parser(
        "report", help="render one district report",
        description="Render one district's report for a month into OUT/YYYY-MM/<region>/ "
                    "(executed notebook, offline report.html, summary.json, and the briefing "
                    "deck: briefing.pdf with briefing/slide-N.png and briefing.md) and "
                    "refresh the month's index.html and manifest.json.")
    one.add_argument("--region", required=True, help="code (35.77) or slug (kota-madiun)")
    add_report_options(one)

    monthly = sub.add_parser(
        "monthly", help="render every district's report and the index for a month",
        description="The monthly batch: every region's report in parallel, the six-region "
                    "summary (or, for regions beyond the branch, the national overview: "
                    "overview.html and overview.xlsx), OUT/YYYY-MM/index.html and "
                    "manifest.json. A failing region does not stop the others (exit status "
                    "1); a failed run never replaces a good earlier report. With --scheduler, "
                    "or more than 12 regions, the reports are Dask tasks; workers on other "
                    "machines need OUT on a shared filesystem at the same path.")
    monthly.add_argument("--regions", help=REGIONS_HELP)
    add_cluster_options(monthly)
    monthly.add_argument("--jobs", type=whole_number_in(1, defaults.MAX_JOBS),
                         default=min(os.cpu_count() or 1, defaults.MAX_JOBS),
                         help="reports rendered at once (default: the number of cores)")
    add_report_options(monthly)

    deck = sub.add_parser(
        "briefing", help="write the briefing deck (16:9 PDF) for a regional head",
        description="Write a six-slide 16:9 PDF briefing for a bupati or wali kota: where "
                    "we stand, what each option delivers, what it costs the APBD, what it "
                    "means for families, steps and assumptions. Works offline.")
    deck.add_argument("--region", required=True, help="code (35.77) or slug (kota-madiun)")
    add_content_options(deck)
    deck.add_argument("--out", type=deck_destination, default=defaults.REPORTS_DIR,
                      help="reports folder, as for report and monthly: the deck goes to "
                           "OUT/YYYY-MM/<region>/briefing-<region>-YYYY-MM.pdf (default "
                           f"{defaults.REPORTS_DIR}); or a file name ending in .pdf; the "
                           "editable PowerPoint goes beside it as .pptx")
    deck.add_argument("--png", type=output_folder,
                      help="also write slide-N.png and briefing.md into this folder")
    for command in (one, monthly, deck):
        command.set_defaults(handler=run)


def deck_destination(value: str) -> str:
    """argparse type of briefing's --out: a file ending in .pdf, else a reports folder."""
    return output_file(value) if value.lower().endswith(".pdf") else output_folder(value)


def run(args: argparse.Namespace) -> int:
    check_input_folders(args.params, args.data)
    return {"report": _report, "monthly": _monthly, "briefing": _briefing}[args.command](args)


def run_settings(args: argparse.Namespace) -> RunSettings:
    from ..batch.plan import RunSettings

    return RunSettings(month=args.month, lang=args.lang, scenarios=args.scenarios,
                       horizon_months=args.horizon, draws=args.draws, seed=args.seed,
                       params_dir=args.params, out_root=args.out, data_dir=args.data,
                       template_dir=args.templates,
                       timeout_s=args.timeout, pptx_template=args.pptx_template)


def _briefing(args: argparse.Namespace) -> int:
    from ..batch.plan import code_version, latest_data_month, month_folder
    from ..batch.publishing import month_lock, recover
    from ..params import load_params
    from ..reporting.content.data import load_report_data
    from ..reporting.formats.deck import briefing
    from ..reporting.formats.powerpoint import deck as deck_pptx

    params = load_params(args.params)
    region = params.region(args.region, "--region")
    month = args.month or latest_data_month(args.data, params)
    deck_pptx.open_template(args.pptx_template)  # checked before any work
    in_reports = not args.out.lower().endswith(".pdf")
    month_dir = month_folder(args.out, parse_month(month, "--month")) if in_reports else None
    month = month_dir.name if month_dir is not None else month
    if month_dir is not None:
        _region_folder(month_dir, region.slug)  # checked before any work, and again below
    data = load_report_data(args.params, region.slug, month, args.scenarios, args.horizon,
                            args.draws, args.seed, args.lang, code_version(), args.data)
    slides = briefing.build(data, region.slug)
    if month_dir is None:
        out = Path(args.out)
        _write_deck(data, slides, region.slug, out, args)
    else:  # beside the month's reports, under its lock, as a run publishes
        out = month_dir / region.slug / f"briefing-{region.slug}-{month}.pdf"
        with month_lock(month_dir):
            recover(month_dir)  # what a killed run left, before writing into the month
            _region_folder(month_dir, region.slug).mkdir(parents=True, exist_ok=True)
            _write_deck(data, slides, region.slug, out, args)
    print(out)
    print(out.with_suffix(".pptx"))
    return 0


def _region_folder(month_dir: Path, slug: str) -> Path:
    """OUT/YYYY-MM/<region>, a folder (or nothing yet), never a link leading elsewhere."""
    folder = month_dir / slug
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise InputError(Problem("--out", "", str(folder), "a region folder that is a "
                                 "folder, not a file or a symbolic link"))
    return folder


def _write_deck(data, slides, slug: str, out: Path, args: argparse.Namespace) -> None:
    from ..files import write_atomically
    from ..reporting.formats.deck import briefing
    from ..reporting.formats.powerpoint import deck as deck_pptx

    write_atomically(out, lambda tmp: briefing.write(slides, tmp, args.png))
    deck_pptx.write(data, slug, out.with_suffix(".pptx"), args.pptx_template)


def _report(args: argparse.Namespace) -> int:
    from ..batch.workers import local_workers

    with local_workers(1) as local:  # its warm kernel imports while the run plans
        from ..batch.runner import run as run_batch

        manifest = run_batch(run_settings(args), regions=args.region, jobs=1,
                             with_summary=False, progress=messages.say, local=local)
    return _failures(manifest)


def _monthly(args: argparse.Namespace) -> int:
    from ..batch.workers import local_workers
    from ..cluster import scheduler_address

    scheduler = scheduler_address(args.scheduler)  # a malformed address: before any work
    # this machine's workers start now, so that they import while the run plans (none with a
    # scheduler; a run of more than twelve district reports goes to Dask and leaves them)
    size = 0 if scheduler else args.jobs or os.cpu_count() or 1
    with (local_workers(size, expected_reports(args.regions)) if size
          else nullcontext()) as local:
        from ..batch.runner import run as run_batch

        manifest = run_batch(run_settings(args), regions=args.regions, jobs=args.jobs,
                             progress=messages.say, scheduler=scheduler,
                             workers=args.workers, local=local)
    print(Path(args.out) / manifest["month"] / "index.html")
    return _failures(manifest)


def expected_reports(regions: str | None) -> int:
    """How many reports a run will likely render, before its regions are looked up: one
    per region named, plus the summary; the branch's six and its summary by default."""
    named = [part for part in (regions or "").split(",") if part.strip()]
    return len(named) + 1 if named else BRANCH_REPORTS


def _failures(manifest: dict) -> int:
    """Exit status 1 if a report failed, naming the file that records the run (the manifest,
    or _failed/last-failed-run.json when nothing was rendered)."""
    if not manifest["failed"]:
        return 0
    said = FAILED[messages.current()]
    print(said.format(count=len(manifest["failed"]), names=", ".join(manifest["failed"]),
                      record=manifest["record"]), file=sys.stderr)
    return 1
