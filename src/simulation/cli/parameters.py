"""jamsos params check: validate a params tree."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .. import defaults
from ..params import check_warnings, load_params
from .options import whole_number


def add_parser(sub: argparse._SubParsersAction) -> None:
    params_cmd = sub.add_parser("params", help="work with parameter files",
                                description="Work with parameter files.")
    params_sub = params_cmd.add_subparsers(dest="params_command", required=True,
                                           metavar="SUBCOMMAND")
    check = params_sub.add_parser(
        "check", help="validate a params tree",
        description="Validate every parameter, region and scenario file of a params tree. "
                    "Lists every problem and exits 2 if there is one; warnings (stale "
                    "sources, low confidence, implausible values) do not fail the check.")
    check.add_argument("directory", nargs="?", default=defaults.PARAMS_DIR, help="params directory")
    check.add_argument("--max-age-days", type=whole_number, default=365,
                       help="warn when a source was last verified longer ago (default 365)")
    check.add_argument("--no-local", action="store_true", help="ignore params/local/")
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    params = load_params(args.directory, include_local=not args.no_local)
    warnings = check_warnings(params, dt.date.today(), args.max_age_days)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{args.directory}: OK - {len(params.parameters)} parameters, {len(params.regions)} "
          f"regions, {len(params.kelurahan)} kelurahan, {len(params.scenarios)} scenarios "
          f"({', '.join(sorted(params.scenarios))}); {len(warnings)} warning(s)")
    return 0
