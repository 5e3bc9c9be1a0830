"""jamsos project: project enrolment and budgets for scenarios."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, parse_month
from .options import (
    add_draw_options,
    add_scenarios_option,
    check_input_folders,
    count_text,
    output_file,
    rupiah_text,
    whole_number_in,
)

if TYPE_CHECKING:  # names in signatures only: imported where the command runs
    import pandas as pd

    from ..engine.inputs import ProjectionRequest
    from ..params import ParamSet



def add_parser(sub: argparse._SubParsersAction) -> None:
    proj = sub.add_parser(
        "project", help="project enrolment and budgets for scenarios",
        description="Project active BPU participants, coverage and budgets month by month "
                    "for one or more scenarios (without options: the baseline, the policy in "
                    "force, in every region from the month after the latest actuals). Prints "
                    "a summary, or writes a tidy CSV (scenario, region, region_code, month, "
                    "metric, p10, p50, p90) with --out.")
    add_scenarios_option(proj, defaults.BASELINE, "scenarios to project (baseline: the policy in "
                                         "force)")
    proj.add_argument("--regions", help="codes (35.77) or slugs (kota-madiun), "
                                        "comma-separated; default all six")
    proj.add_argument("--start",
                      help="first projected month YYYY-MM (default: the month after the latest "
                           "actuals in --data); the starting state is what the data say at "
                           "the end of the month before, nothing later")
    proj.add_argument("--data", default=defaults.DATA_DIR,
                      help="data folder with monthly actuals and published points "
                           f"(default {defaults.DATA_DIR})")
    proj.add_argument("--months", "--horizon", dest="months",
                      type=whole_number_in(1, defaults.MAX_MONTHS),
                      default=defaults.HORIZON_MONTHS,
                      help=f"months to project (default {defaults.HORIZON_MONTHS}; --horizon "
                           "is the same)")
    add_draw_options(proj, draws=defaults.PROJECT_DRAWS)
    proj.add_argument("--against", default=defaults.BASELINE,
                      help="scenario that 'additional' metrics compare to (default baseline)")
    proj.add_argument("--out", type=output_file, help="write the tidy projection to this CSV file")
    proj.add_argument("--budget-out", type=output_file,
                      help="write the APBD-year budget table to this CSV file")
    proj.set_defaults(handler=run)


def print_summary(table: pd.DataFrame, budget: pd.DataFrame, request: ProjectionRequest,
                  params: ParamSet, version: str) -> None:
    """A readable summary: per scenario and region, the start, each December and the end."""
    import pandas as pd


    end = format_month(request.start + request.months - 1)
    first = format_month(request.start - 1)
    print(f"Projection {format_month(request.start)} to {end}, {request.draws} draw(s), "
          f"seed {request.seed}, params hash {params.files_hash[:12]}, code {version}")
    print("Active BPU participants (p50; p10-p90 in brackets when drawn), coverage of the "
          "informal pool, and APBD spend.")
    print(f"Starting state (end of {first}): " + "; ".join(
        f"{region.slug} {starting_point(params, region.code, request.start - 1)}"
        for region in request.regions) + "\n")
    wide = table[table["metric"].isin(["active", "coverage", "additional_active"])]
    for scenario in request.scenarios:
        by_scenario = wide[wide["scenario"] == scenario]
        title = params.scenarios[scenario].title_en
        print(f"== {scenario}: {title}")
        header = (f"{'region':<18}{'start ' + first:>16}{'active ' + end:>26}"
                  f"{'coverage':>10}{'vs ' + request.against:>14}")
        print(header)
        for region, rows in by_scenario.groupby("region", sort=False):
            def value(metric: str, month: str, column: str = "p50",
                      _rows: pd.DataFrame = rows) -> float:
                hit = _rows[(_rows["metric"] == metric) & (_rows["month"] == month)]
                return float(hit[column].iloc[0])
            spread = ""
            if request.draws > 1:
                spread = (f" [{count_text(value('active', end, 'p10'))}-"
                          f"{count_text(value('active', end, 'p90'))}]")
            print(f"{region:<18}{count_text(value('active', first)):>16}"
                  f"{count_text(value('active', end)) + spread:>26}"
                  f"{value('coverage', end) * 100:>9.1f}%"
                  f"{signed_count(value('additional_active', end)):>14}")
        spend = budget[(budget["scenario"] == scenario)]
        items = ["subsidy_rp_p50", "agency_rp_p50", "wage_earner_rp_p50", "outreach_rp_p50"]
        if spend[items].to_numpy().any():
            print(f"\n{'region':<18}{'year':>6}{'BPU subsidy':>20}{'agency lists':>20}"
                  f"{'wage earners':>20}{'outreach':>18}{'subsidy cap':>20}{'limited by':>26}")
            for row in spend.itertuples():
                if not any(getattr(row, item) for item in items):
                    continue
                cap = "-" if pd.isna(row.cap_rp) else rupiah_text(row.cap_rp)
                limit = row.limit if isinstance(row.limit, str) else "-"
                if limit == "cap" and isinstance(row.cap_binds_month, str):
                    limit = f"cap, full from {row.cap_binds_month}"
                print(f"{row.region:<18}{row.year:>6}{rupiah_text(row.subsidy_rp_p50):>20}"
                      f"{rupiah_text(row.agency_rp_p50):>20}"
                      f"{rupiah_text(row.wage_earner_rp_p50):>20}"
                      f"{rupiah_text(row.outreach_rp_p50):>18}{cap:>20}{limit:>26}")
            print("(agency lists: the DBHCHT, CSR, Baznas and APBD lists of the schemes in "
                  "force; a report splits every year by payer. \"cap, full from\": from that "
                  "month the year's cap is committed to the members' contributions through "
                  "December, paid month by month)")
        print()


def starting_point(params: ParamSet, code: str, month: int) -> str:
    """Where a region's starting members come from: 'actuals 2019-12' or 'the 2019-10
    figure in params/' when no data reach that month."""

    found = params.parameter("active_bpu").entry_at(code, month)
    if found is None:
        return "-"
    entry = found[0]
    if entry.origin == "actuals":
        return f"actuals {format_month(entry.month)}"
    where = "params/" if entry.origin == "baseline" else entry.origin
    return f"the {format_month(entry.month)} figure in {where}"


def signed_count(amount: float) -> str:
    """+1,234 / -5 / 0: a difference, its sign once."""
    return f"{amount:+,.0f}" if round(amount) else "0"


def run(args: argparse.Namespace) -> int:
    from ..engine.chunked import project_in_chunks
    from ..engine.inputs import ProjectionRequest
    from ..files import write_csv
    from ..intake.state import Observations, observed_state
    from ..params import idle_scenarios, load_params, scenario_names

    if args.out and args.budget_out and Path(args.out).resolve() == Path(
            args.budget_out).resolve():
        raise InputError(Problem("--budget-out", "", args.budget_out,
                                 "a file other than --out (one would overwrite the other)"))
    check_input_folders(args.params, args.data)
    params = load_params(args.params)
    names = scenario_names(params, args.scenarios, "--scenarios")
    against = scenario_names(params, args.against, "--against")
    if len(against) != 1:
        raise InputError(Problem("--against", "", args.against, "exactly one scenario name"))
    regions = params.regions_from(args.regions)
    observations = Observations.read(args.data, params)
    if args.start:
        start = parse_month(args.start, "--start")
    else:
        start = observations.start_month([r.code for r in regions])
    params = observed_state(params, observations, start - 1)
    request = ProjectionRequest(tuple(names), regions, start, args.months, args.draws,
                                args.seed, against[0])
    if len(names) > 1 or args.draws > 1000:
        print(f"jamsos: projecting {len(names)} scenario(s) x {len(request.regions)} region(s) "
              f"x {request.months} months x {request.draws} draw(s)...", file=sys.stderr)
    first, last = request.start, request.start + request.months - 1
    for warning in idle_scenarios(params, names, first, last):
        print(f"warning: {warning}", file=sys.stderr)
    # in chunks of draws: the largest run the options accept fits in a few hundred MB
    projection = project_in_chunks(params, request)
    table, budget = projection.table, projection.budget
    for stuck in projection.stuck:
        print(f"warning: {stuck}", file=sys.stderr)
    if args.out:
        write_csv(table, args.out)
        print(f"wrote {len(table):,} rows to {args.out}", file=sys.stderr)
    if args.budget_out:
        write_csv(budget, args.budget_out)
        print(f"wrote {len(budget):,} rows to {args.budget_out}", file=sys.stderr)
    if not args.out:
        from ..batch.plan import code_version  # the version every output states

        print_summary(table, budget, request, params, code_version())
    return 0
