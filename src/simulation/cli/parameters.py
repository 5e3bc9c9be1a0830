"""jamsos params check: validate a params tree."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import defaults
from ..errors import InputError, Problem
from .options import check_input_folders, whole_number_in

if TYPE_CHECKING:  # names in signatures only: imported where the command runs
    from ..params import ParamSet



def add_parser(sub: argparse._SubParsersAction) -> None:
    params_cmd = sub.add_parser("params", help="work with parameter files",
                                description="Work with parameter files.")
    params_sub = params_cmd.add_subparsers(dest="params_command", required=True,
                                           metavar="SUBCOMMAND")
    check = params_sub.add_parser(
        "check", help="validate a params tree",
        description="Validate every parameter, region and scenario file of a params tree. "
                    "Lists every problem and exits 2 if there is one; warnings (stale "
                    "sources, low confidence, implausible values, a scenario that changes "
                    "nothing in the next --months, a subsidy list that grows faster than "
                    "places open) do not fail the check.")
    check.add_argument("directory", nargs="?", default=defaults.PARAMS_DIR, help="params directory")
    check.add_argument("--max-age-days", type=whole_number_in(0, 36_500), default=365,
                       help="warn when a source was last verified longer ago (default 365)")
    check.add_argument("--no-local", action="store_true", help="ignore params/local/")
    check.add_argument("--data", default=defaults.DATA_DIR,
                       help="data folder the scenarios are run from for the checks that need "
                            f"a run (default {defaults.DATA_DIR})")
    check.add_argument("--months", type=whole_number_in(1, defaults.MAX_MONTHS),
                       default=defaults.HORIZON_MONTHS,
                       help="months after the latest data that scenarios are checked over "
                            f"(default {defaults.HORIZON_MONTHS})")
    check.set_defaults(handler=run)


def run_warnings(params: ParamSet, data: str, months: int) -> list:
    """What shows only when the scenarios run (central path, every region) from the month
    after the latest data: idle scenarios and subsidy lists that cannot clear."""
    from ..engine.diagnostics import stuck_pipelines
    from ..engine.inputs import ProjectionRequest
    from ..engine.projection import run_scenarios
    from ..intake.state import Observations, observed_state
    from ..params import idle_scenarios, scenario_names

    observations = Observations.read(data, params)
    start = observations.start_month([r.code for r in params.regions])
    names = scenario_names(params, "all")
    request = ProjectionRequest(tuple(names), params.regions, start, months, 1,
                                defaults.SEED)
    runs = run_scenarios(observed_state(params, observations, start - 1), request)
    return [*idle_scenarios(params, names, start, start + months - 1),
            *stuck_pipelines(runs, request)]


def run(args: argparse.Namespace) -> int:
    from ..params import check_warnings, load_params
    from ..params.catalogue import load_catalogue
    from ..params.national import load_province_figures, load_published_counts, national_pool
    from ..params.selection import load_branches

    params = load_params(args.directory, include_local=not args.no_local)
    catalogue = load_catalogue(args.directory)  # the national table, branches and the
    branches = load_branches(args.directory, catalogue)  # province figures: read and checked
    national_pool(catalogue, load_province_figures(args.directory))
    known = catalogue.by_code()
    unknown = [Problem(str(Path(args.directory) / "regions" / "published-counts.yaml"),
                       f"counts.{index}.region", count.region,
                       "a kabupaten/kota code of the national table")
               for index, count in enumerate(load_published_counts(args.directory))
               if count.region not in known]
    if unknown:
        raise InputError(unknown)
    check_input_folders(data=args.data)  # the checks that run the scenarios read it
    warnings = [*check_warnings(params, dt.date.today(), args.max_age_days),
                *run_warnings(params, args.data, args.months)]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{args.directory}: OK - {len(params.parameters)} parameters, {len(params.regions)} "
          f"regions, {len(params.kelurahan)} kelurahan, {len(params.scenarios)} scenarios "
          f"({', '.join(sorted(params.scenarios))}); national table {len(catalogue.regions)} "
          f"kabupaten/kota, {len(branches)} branch(es); {len(warnings)} warning(s)")
    return 0
