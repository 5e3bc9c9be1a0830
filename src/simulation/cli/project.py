"""jamsos project: project enrolment and budgets for scenarios."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, parse_month
from . import messages
from .options import (
    REGIONS_HELP,
    add_cluster_options,
    add_draw_options,
    add_scenarios_option,
    check_input_folders,
    count_text,
    rupiah_text,
    whole_number_in,
)
from .results import output_target, write_table

if TYPE_CHECKING:  # names in signatures only: imported where the command runs
    import pandas as pd

    from ..engine.diagnostics import StuckPipeline
    from ..engine.inputs import ProjectionRequest
    from ..params import ParamSet

# a large run with fewer cells than this (regions x draws x months x scenarios, a few seconds
# of work) stays in this process unless --workers asks otherwise: a local cluster takes
# longer to start than it would save
CLUSTER_CELLS = 4_000_000
STUCK_SHOWN = 10  # stuck pipelines a large run names one by one


def add_parser(sub: argparse._SubParsersAction) -> None:
    proj = sub.add_parser(
        "project", help="project enrolment and budgets for scenarios",
        description="Project active BPU participants, coverage and budgets month by month "
                    "for one or more scenarios (without options: the baseline, the policy in "
                    "force, in every region from the month after the latest actuals). Prints "
                    "a summary, or writes a tidy CSV (scenario, region, region_code, month, "
                    "metric, p10, p50, p90) with --out. More than 12 regions run in chunks of "
                    "regions on Dask (a local cluster, or --scheduler), with totals per "
                    "province.")
    add_scenarios_option(proj, defaults.BASELINE, "scenarios to project (baseline: the policy in "
                                         "force)")
    proj.add_argument("--regions", help=REGIONS_HELP)
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
    add_cluster_options(proj)
    proj.add_argument("--against", default=defaults.BASELINE,
                      help="scenario that 'additional' metrics compare to (default baseline)")
    proj.add_argument("--out", type=output_target,
                      help="write the tidy projection to this CSV file, or to a Parquet dataset "
                           "(a folder, one sub-folder per province) when it ends in .parquet")
    proj.add_argument("--budget-out", type=output_target,
                      help="write the APBD-year budget table to this CSV file (or Parquet "
                           "dataset, as --out)")
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
            against = wide[(wide["scenario"] == request.against) & (wide["region"] == region)
                           & (wide["metric"] == "active") & (wide["month"] == end)]
            # the two medians shown, subtracted (as the report does); the per-draw median
            # of the differences where the compared scenario is not in the run
            gain = (round(value("active", end)) - round(float(against["p50"].iloc[0]))
                    if len(against) else value("additional_active", end))
            print(f"{region:<18}{count_text(value('active', first)):>16}"
                  f"{count_text(value('active', end)) + spread:>26}"
                  f"{value('coverage', end) * 100:>9.1f}%"
                  f"{signed_count(gain):>14}")
        spend = budget[(budget["scenario"] == scenario)]
        items = ["subsidy_rp_p50", "agency_rp_p50", "wage_earner_rp_p50", "outreach_rp_p50"]
        if spend[items].to_numpy().any():
            print(f"\n{'region':<18}{'year':>12}{'BPU subsidy':>20}{'agency lists':>20}"
                  f"{'wage earners':>20}{'outreach':>18}{'subsidy cap':>20}{'limited by':>26}")
            for row in spend.itertuples():
                if not any(getattr(row, item) for item in items):
                    continue
                # a part of a year (the first, the last) beside the cap for its months
                cap = ("-" if pd.isna(row.cap_rp)
                       else rupiah_text(round(row.cap_rp * row.months / 12)))
                year = str(row.year) if row.months == 12 else f"{row.year} ({row.months} mo)"
                limit = row.limit if isinstance(row.limit, str) else "-"
                if limit == "cap" and isinstance(row.cap_binds_month, str):
                    limit = f"cap, full from {row.cap_binds_month}"
                print(f"{row.region:<18}{year:>12}{rupiah_text(row.subsidy_rp_p50):>20}"
                      f"{rupiah_text(row.agency_rp_p50):>20}"
                      f"{rupiah_text(row.wage_earner_rp_p50):>20}"
                      f"{rupiah_text(row.outreach_rp_p50):>18}{cap:>20}{limit:>26}")
            print("(agency lists: the DBHCHT, CSR, Baznas and APBD lists of the schemes in "
                  "force; a report splits every year by payer. \"cap, full from\": from that "
                  "month the year's cap is committed to the members' contributions through "
                  "December, paid month by month; a year of fewer than 12 months shows the "
                  "spend and the cap of those months)")
        print()


def print_national_summary(table: pd.DataFrame, budget: pd.DataFrame,
                           request: ProjectionRequest, params: ParamSet, version: str) -> None:
    """The summary of a large run: per scenario, each province's total and the run's
    (sums of the regions' p50: a chunked run keeps no draws for percentiles of a sum)."""
    from collections import Counter

    from ..params.catalogue import load_catalogue

    end = format_month(request.start + request.months - 1)
    first = format_month(request.start - 1)
    print(f"Projection {format_month(request.start)} to {end}, {len(request.regions)} "
          f"regions, {request.draws} draw(s), seed {request.seed}, params hash "
          f"{params.files_hash[:12]}, code {version}")
    print("Active BPU participants and coverage of the informal pool per province: sums of "
          "the regions' p50 (no p10-p90 for a sum; each region's are in --out).")
    starts = Counter(starting_point(params, r.code, request.start - 1) for r in request.regions)
    print(f"Starting state (end of {first}): " + "; ".join(
        f"{count} region(s) from {where}" for where, count in starts.most_common()) + "\n")
    provinces = load_catalogue(params.root).provinces()
    names = {code: provinces.get(code, (code, code))[0]
             for code in sorted({r.code[:2] for r in request.regions})}
    wanted = ["active", "pool", "additional_active"]
    totals = table[table["region"].str.startswith("total") & table["metric"].isin(wanted)
                   & table["month"].isin([first, end])]
    values = totals.set_index(["scenario", "region", "metric", "month"])["p50"]
    for scenario in request.scenarios:
        print(f"== {scenario}: {params.scenarios[scenario].title_en}")
        print(f"{'province':<32}{'start ' + first:>16}{'active ' + end:>18}"
              f"{'coverage':>10}{'vs ' + request.against:>14}")
        rows = [(f"{code} {name}"[:31], f"total-{code}") for code, name in names.items()]
        for label, region in [*rows, ("all regions", "total")]:
            def p50(metric: str, month: str, _key: tuple = (scenario, region)) -> float:
                return float(values.get((*_key, metric, month), float("nan")))
            pool = p50("pool", end)
            coverage = p50("active", end) / pool * 100 if pool else float("nan")
            print(f"{label:<32}{count_text(p50('active', first)):>16}"
                  f"{count_text(p50('active', end)):>18}{coverage:>9.1f}%"
                  f"{signed_count(p50('additional_active', end)):>14}")
        spend = budget[(budget["scenario"] == scenario) & (budget["region"] == "total")]
        items = ["subsidy_rp_p50", "agency_rp_p50", "wage_earner_rp_p50", "outreach_rp_p50"]
        if len(spend) and spend[items].to_numpy().any():
            print(f"\n{'all regions':<18}{'year':>6}{'BPU subsidy':>20}{'agency lists':>20}"
                  f"{'wage earners':>20}{'outreach':>18}")
            for row in spend.itertuples():
                print(f"{'':<18}{row.year:>6}{rupiah_text(row.subsidy_rp_p50):>20}"
                      f"{rupiah_text(row.agency_rp_p50):>20}"
                      f"{rupiah_text(row.wage_earner_rp_p50):>20}"
                      f"{rupiah_text(row.outreach_rp_p50):>18}")
            print("(sums of the regions' p50; per province and region in --budget-out)")
        print()


def local_worker_settings(local: int | None):
    """Dask settings for the workers of a local cluster (none for a scheduler's): without
    Dask's MALLOC_TRIM_THRESHOLD_, which turns every numpy temporary into fresh pages (a
    chunk took 19 s of system time instead of 4), and without its 10 ms stack sampler."""
    if not local:
        return contextlib.nullcontext()
    import dask
    import distributed  # noqa: F401  (puts its defaults into dask.config)

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                            "distributed.worker.profile.enabled": False})


def work_cells(request: ProjectionRequest) -> int:
    runs = len(set(request.scenarios) | {request.against})
    return len(request.regions) * request.draws * (request.months + 1) * runs


def stuck_lines(stuck: list[StuckPipeline], large: bool) -> list[str]:
    """The warnings of stuck pipelines: each one, or for a large run the first few and a
    count of the rest (hundreds of lines would hide everything else)."""
    lines = [str(found) for found in stuck]
    if not large or len(lines) <= STUCK_SHOWN:
        return lines
    regions = len({found.region for found in stuck})
    return [*lines[:STUCK_SHOWN], f"... and {len(lines) - STUCK_SHOWN:,} more stuck pipelines "
            f"({len(lines):,} in {regions:,} regions in all; run those regions alone to see "
            "each)"]


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
    from ..cluster import scheduler_address
    from ..engine.inputs import ProjectionRequest
    from ..engine.regional import is_large, validate
    from ..intake.state import Observations, observed_state
    from ..params import idle_scenarios, load_params, scenario_names
    from ..params.selection import select_regions

    if args.out and args.budget_out and Path(args.out).resolve() == Path(
            args.budget_out).resolve():
        raise InputError(Problem("--budget-out", "", args.budget_out,
                                 "a file other than --out (one would overwrite the other)"))
    address = scheduler_address(args.scheduler)  # a malformed address stops before any work
    check_input_folders(args.params, args.data)
    params = load_params(args.params)
    names = scenario_names(params, args.scenarios, "--scenarios")
    against = scenario_names(params, args.against, "--against")
    if len(against) != 1:
        raise InputError(Problem("--against", "", args.against, "exactly one scenario name"))
    observations = Observations.read(args.data, params)  # data name the tree's regions
    params = select_regions(params, args.regions)
    regions = params.regions
    if args.start:
        start = parse_month(args.start, "--start")
    else:
        start = observations.start_month([r.code for r in regions])
    params = observed_state(params, observations, start - 1)
    request = ProjectionRequest(tuple(names), regions, start, args.months, args.draws,
                                args.seed, against[0])
    validate(request)  # before a cluster starts
    large = is_large(request)
    if large or len(names) > 1 or args.draws > 1000:
        messages.say(f"jamsos: projecting {len(names)} scenario(s) x {len(request.regions)} "
                     f"region(s) x {request.months} months x {request.draws} draw(s)...")
    first, last = request.start, request.start + request.months - 1
    for warning in idle_scenarios(params, names, first, last):
        print(f"warning: {warning}", file=sys.stderr)
    projection = _projection(params, request, address, args.workers, large)
    table, budget = projection.table, projection.budget
    for line in stuck_lines(projection.stuck, large):
        print(f"warning: {line}", file=sys.stderr)
    if args.out:
        write_table(table, args.out, request, "--out", large)
        messages.say(f"wrote {len(table):,} rows to {args.out}")
    if args.budget_out:
        write_table(budget, args.budget_out, request, "--budget-out", large)
        messages.say(f"wrote {len(budget):,} rows to {args.budget_out}")
    if not args.out:
        from ..batch.plan import code_version  # the version every output states

        if large:
            print_national_summary(table, budget, request, params, code_version())
        else:
            print_summary(table, budget, request, params, code_version())
    return 0


def _projection(params: ParamSet, request: ProjectionRequest, address: tuple[str, str] | None,
                workers: int | None, large: bool):
    """The projection: a large run in chunks of regions, as Dask tasks on the scheduler
    (--scheduler) or on a local cluster of --workers processes (default one per core); a
    small one in one piece, here or, with --scheduler, as one task on the cluster."""
    from ..cluster import open_client, run_tasks
    from ..engine.regional import combine, project_by_regions, region_parts, run_in_one_piece

    say = messages.say
    local = None  # a small run, or a large one of a few seconds, stays in this process
    if address is None and large and (workers or work_cells(request) >= CLUSTER_CELLS):
        local = workers or os.cpu_count() or 1
    with local_worker_settings(local), open_client(address, local_workers=local,
                                                   progress=say) as client:
        if not large:
            if client is None:
                return project_by_regions(params, request)
            return run_tasks(client, run_in_one_piece, [request], label="projection",
                             progress=say, broadcast={"params": params})[0]

        def run_chunks(function, chunks, broadcast):
            say(f"jamsos: {len(chunks)} chunks of about {len(request.regions) // len(chunks)} "
                f"regions{' on ' + address[0] if address else ''}")
            return run_tasks(client, function, chunks, label="region chunks", progress=say,
                             broadcast=broadcast)

        threads = sum(client.nthreads().values()) if client is not None else 1
        parts = region_parts(params, request, run_chunks, workers=threads)
    # put together once the local workers are gone, with the memory they held
    return combine(parts, request)
