"""jamsos report, monthly and briefing: render reports and decks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import defaults
from ..batch.plan import RunSettings, latest_data_month
from ..batch.runner import run as run_batch
from ..files import write_atomically
from ..params import load_params
from ..reporting import briefing, deck_pptx
from ..reporting.data import load_report_data
from .options import (
    add_content_options,
    add_report_options,
    output_file,
    output_folder,
    whole_number_in,
)


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
                    "summary, OUT/YYYY-MM/index.html and manifest.json. A failing region does "
                    "not stop the others (exit status 1); a failed run never replaces a good "
                    "earlier report.")
    monthly.add_argument("--regions", help="codes or slugs, comma-separated (default all six)")
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
    deck.add_argument("--out", type=output_file,
                      help="PDF file (default briefing-<region>-<month>.pdf); the editable "
                           "PowerPoint goes beside it as .pptx")
    deck.add_argument("--png", type=output_folder,
                      help="also write slide-N.png and briefing.md into this folder")
    for command in (one, monthly, deck):
        command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return {"report": _report, "monthly": _monthly, "briefing": _briefing}[args.command](args)


def run_settings(args: argparse.Namespace) -> RunSettings:
    return RunSettings(month=args.month, lang=args.lang, scenarios=args.scenarios,
                       horizon_months=args.horizon, draws=args.draws, seed=args.seed,
                       params_dir=args.params, out_root=args.out, data_dir=args.data,
                       template_dir=args.templates,
                       timeout_s=args.timeout, pptx_template=args.pptx_template)


def _briefing(args: argparse.Namespace) -> int:
    params = load_params(args.params)
    region = params.region(args.region, "--region")
    month = args.month or latest_data_month(args.data, params)
    out = Path(args.out or f"briefing-{region.slug}-{month}.pdf")
    deck_pptx.open_template(args.pptx_template)  # checked before any work
    data = load_report_data(args.params, region.slug, month, args.scenarios, args.horizon,
                            args.draws, args.seed, args.lang, None, args.data)
    slides = briefing.build(data, region.slug)
    write_atomically(out, lambda tmp: briefing.write(slides, tmp, args.png))
    editable = out.with_suffix(".pptx")
    deck_pptx.write(data, region.slug, editable, args.pptx_template)
    print(out)
    print(editable)
    return 0


def _report(args: argparse.Namespace) -> int:
    manifest = run_batch(run_settings(args), regions=args.region, jobs=1, with_summary=False)
    return _failures(manifest)


def _monthly(args: argparse.Namespace) -> int:
    manifest = run_batch(run_settings(args), regions=args.regions, jobs=args.jobs)
    print(Path(args.out) / manifest["month"] / "index.html")
    return _failures(manifest)


def _failures(manifest: dict) -> int:
    """Exit status 1 if a report failed, naming the file that records the run (the manifest,
    or _failed/last-failed-run.json when nothing was rendered)."""
    if not manifest["failed"]:
        return 0
    print(f"jamsos: {len(manifest['failed'])} report(s) failed: "
          f"{', '.join(manifest['failed'])}; see {manifest['record']}", file=sys.stderr)
    return 1
