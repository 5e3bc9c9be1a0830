"""The ``jamsos`` command line.

Exit status: 0 success; 2 bad input (each message names the file or option, the key, the
value and what was expected); 1 anything else (a bug: please report it with the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import __version__
from .errors import InputError, Problem
from .files import write_atomically, write_text_atomically
from .money import cost_table, parse_programmes
from .months import format_month, parse_month
from .params import ParamSet, check_warnings, load_params
from .projection import DEFAULT_START, ProjectionRequest, project
from .runner import (
    DEFAULT_REPORT_MONTH,
    DEFAULT_SCENARIOS,
    TEMPLATES,
    RunLocked,
    RunSettings,
    run,
)
from .scenarios import scenario_names

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_PARAMS = os.environ.get("JAMSOS_PARAMS", "params")
DEFAULT_ACTUALS = "data/actuals/actuals.csv"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"got {text!r}; expected a whole number") from None
    return value


def _draw_options(command: argparse.ArgumentParser, draws: int) -> None:
    """--draws, --seed and --params, shared by the commands that project."""
    command.add_argument("--draws", type=_positive_int, default=draws,
                         help=f"Monte Carlo draws; 1 gives the central path (default {draws})")
    command.add_argument("--seed", type=_positive_int, default=20191022,
                         help="random seed for the draws (default 20191022)")
    command.add_argument("--params", default=DEFAULT_PARAMS, help="params directory")


def _content_options(command: argparse.ArgumentParser) -> None:
    """What a report or briefing shows: month, language, scenarios, horizon, draws, data."""
    command.add_argument("--month", default=DEFAULT_REPORT_MONTH,
                         help=f"report month YYYY-MM (default {DEFAULT_REPORT_MONTH}, the "
                              "month of the shipped starting state)")
    command.add_argument("--lang", default="id", choices=("id", "en"),
                         help="language (default id, Bahasa Indonesia)")
    command.add_argument("--scenarios", default=DEFAULT_SCENARIOS,
                         help=f"scenarios to show (default {DEFAULT_SCENARIOS})")
    command.add_argument("--horizon", type=_positive_int, default=60,
                         help="months after the report month to project (default 60)")
    _draw_options(command, draws=500)
    command.add_argument("--data", default="data",
                         help="data folder: monthly actuals and pendataan aggregates "
                              "(default data)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jamsos",
        description="BPU enrolment and subsidy-budget scenarios for BPJS Ketenagakerjaan "
                    "Cabang Madiun (Kota Madiun, Kab. Madiun, Magetan, Ngawi, Ponorogo, "
                    "Pacitan).")
    parser.add_argument("--version", action="version", version=f"jamsos {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    proj = commands.add_parser(
        "project", help="project enrolment and budgets for scenarios",
        description="Project active BPU participants, coverage and budgets month by month "
                    "for one or more scenarios. Prints a summary, or writes a tidy CSV "
                    "(scenario, region, region_code, month, metric, p10, p50, p90) with --out.")
    proj.add_argument("--scenario", required=True,
                      help="scenario name, a comma-separated list, or 'all'")
    proj.add_argument("--regions", help="codes (35.77) or slugs (kota-madiun), "
                                        "comma-separated; default all six")
    proj.add_argument("--start", default=DEFAULT_START,
                      help=f"first projected month YYYY-MM (default {DEFAULT_START}); the "
                           "starting state is the end of the month before")
    proj.add_argument("--months", type=_positive_int, default=60,
                      help="months to project (default 60)")
    _draw_options(proj, draws=1)
    proj.add_argument("--against", default="baseline",
                      help="scenario that 'additional' metrics compare to (default baseline)")
    proj.add_argument("--out", help="write the tidy projection to this CSV file")
    proj.add_argument("--budget-out", help="write the APBD-year budget table to this CSV file")

    cost = commands.add_parser(
        "cost", help="cost of paying the contributions of N workers",
        description="What it costs to pay the BPU contributions of N workers from one month "
                    "to another (inclusive), under the regulation in force each month "
                    "(including reliefs).")
    cost.add_argument("--workers", type=_positive_int, required=True, help="number of workers")
    cost.add_argument("--from", dest="first", required=True, help="first month YYYY-MM")
    cost.add_argument("--to", dest="last", required=True, help="last month YYYY-MM (inclusive)")
    cost.add_argument("--income", type=_positive_int,
                      help="declared monthly income in Rupiah (default: the lowest allowed)")
    cost.add_argument("--programmes", default="jkk,jkm",
                      help="comma-separated programmes from jkk, jkm, jht (default jkk,jkm)")
    cost.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cost.add_argument("--params", default=DEFAULT_PARAMS, help="params directory")

    def report_options(command: argparse.ArgumentParser) -> None:
        _content_options(command)
        command.add_argument("--out", default="reports",
                             help="reports folder; output goes to OUT/YYYY-MM/ (default reports)")
        command.add_argument("--templates", default=str(TEMPLATES),
                             help="folder with district_report.ipynb and regional_summary.ipynb")
        command.add_argument("--timeout", type=_positive_int, default=600,
                             help="seconds a notebook cell may run (default 600)")

    one = commands.add_parser(
        "report", help="render one district report",
        description="Render one district's report for a month into OUT/YYYY-MM/<region>/ "
                    "(executed notebook, offline report.html, summary.json) and refresh the "
                    "month's index.html and manifest.json.")
    one.add_argument("--region", required=True, help="code (35.77) or slug (kota-madiun)")
    report_options(one)

    monthly = commands.add_parser(
        "monthly", help="render every district's report and the index for a month",
        description="The monthly batch: every region's report in parallel, the six-region "
                    "summary, OUT/YYYY-MM/index.html and manifest.json. A failing region does "
                    "not stop the others (exit status 1); a failed run never replaces a good "
                    "earlier report.")
    monthly.add_argument("--regions", help="codes or slugs, comma-separated (default all six)")
    monthly.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                         help="reports rendered at once (default: the number of cores)")
    report_options(monthly)

    deck = commands.add_parser(
        "briefing", help="write the briefing deck (16:9 PDF) for a regional head",
        description="Write a six-slide 16:9 PDF briefing for a bupati or wali kota: where "
                    "we stand, what each option delivers, what it costs the APBD, what it "
                    "means for families, steps and assumptions. Works offline.")
    deck.add_argument("--region", required=True, help="code (35.77) or slug (kota-madiun)")
    _content_options(deck)
    deck.add_argument("--out", help="PDF file (default briefing-<region>-<month>.pdf)")
    deck.add_argument("--png", help="also write slide-N.png and briefing.md into this folder")

    check_lists = commands.add_parser(
        "verify", help="verify and validate the lurah's lists (daftar awal)",
        description="Check lists of informal workers (CSV/XLSX) against the rules: 16-digit "
                    "NIK (spreadsheet-mangled ones rejected, never repaired), birth date from "
                    "the NIK, age bounds, official kelurahan names, duplicates within and "
                    "across lists, workers already active. Writes published aggregates per "
                    "kecamatan and kelurahan (counts below 5 suppressed) and a PRIVATE "
                    "follow-up file. No NIK, name or address is printed.")
    check_lists.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX lists")
    check_lists.add_argument("--region", default="kota-madiun",
                             help="region whose kelurahan list applies (default kota-madiun)")
    check_lists.add_argument("--month", help="listing month YYYY-MM for ages (default: this "
                                             "month)")
    check_lists.add_argument("--active-list", help="extract of active participants: a column "
                                                   "nik, or nik_hmac (HMAC-SHA256 hex)")
    check_lists.add_argument("--hmac-key-env", default="JAMSOS_NIK_KEY",
                             help="environment variable holding the HMAC key for a hashed "
                                  "active list (default JAMSOS_NIK_KEY)")
    check_lists.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                             help="map a header to a field (nik, name, kelurahan, address, "
                                  "job, birth_date); repeatable")
    check_lists.add_argument("--out", help="folder for published aggregates (default "
                                           "data/pendataan, where reports look for them)")
    check_lists.add_argument("--private-dir", default="data/private",
                             help="git-ignored folder for the follow-up file "
                                  "(default data/private)")
    check_lists.add_argument("--scenario-out",
                             help="also write a scenario YAML (building on bantuan-iuran) that "
                                  "takes its listing size and pass rate from this check")
    check_lists.add_argument("--params", default=DEFAULT_PARAMS, help="params directory")

    samples = commands.add_parser(
        "sample-lists", help="write SYNTHETIC daftar awal lists for demos and tests",
        description="Write one synthetic list per kelurahan of Kota Madiun, with a realistic "
                    "mix of mistakes. Every NIK and name is generated; files are named "
                    "SINTETIS-... and carry a SINTETIS column.")
    samples.add_argument("--out", required=True, help="folder to write into")
    samples.add_argument("--rows", type=_positive_int, default=40, help="rows per kelurahan")
    samples.add_argument("--month", default="2020-03", help="listing month (default 2020-03)")
    samples.add_argument("--seed", type=_positive_int, default=1, help="random seed")
    samples.add_argument("--params", default=DEFAULT_PARAMS, help="params directory")

    actuals_cmd = commands.add_parser("actuals", help="monthly actuals",
                                      description="Monthly actuals of active participants.")
    actuals_sub = actuals_cmd.add_subparsers(dest="actuals_command", required=True,
                                             metavar="SUBCOMMAND")
    importer = actuals_sub.add_parser(
        "import", help="validate files and add them to the tidy store",
        description="Read CSV/XLSX exports (Indonesian numbers such as 2.298, month names "
                    "such as 'Agustus 2019' or 'Agt-19', region names or codes; one sheet per "
                    "month or one row per region-month), validate them as a whole and add "
                    "them to the store. Re-importing the same file changes nothing; a "
                    "different value for a stored month needs --replace.")
    importer.add_argument("files", nargs="+", metavar="FILE")
    importer.add_argument("--store", default=DEFAULT_ACTUALS, help=f"tidy store (default "
                                                                    f"{DEFAULT_ACTUALS})")
    importer.add_argument("--source", help="source to record (default: the file's own "
                                           "source column, or the file name)")
    importer.add_argument("--kind", default="observed", choices=("observed", "illustrative"))
    importer.add_argument("--replace", action="store_true",
                          help="replace stored values that differ (corrections)")
    importer.add_argument("--params", default=DEFAULT_PARAMS, help="params directory")

    fit = commands.add_parser(
        "calibrate", help="fit behaviour to the actuals and back-test the fit",
        description="Fit outside influence p, imitation q and the self-payer stop rate per "
                    "region to the actuals (pooled toward the branch-wide fit when a series "
                    "is short), write them to params/calibrated/ (which every scenario then "
                    "uses) and back-test: fit through month k, project k+1..k+6, MAPE against "
                    "a naive carry-forward forecast.")
    fit.add_argument("--regions", help="codes or slugs, comma-separated (default all with data)")
    fit.add_argument("--through", help="use actuals up to this month YYYY-MM (default all)")
    fit.add_argument("--actuals", default=DEFAULT_ACTUALS, help="the tidy store")
    fit.add_argument("--scenario", default="baseline",
                     help="the scenario that describes what happened (default baseline)")
    fit.add_argument("--out", help="folder for the calibrated parameters (default "
                                   "PARAMS/calibrated)")
    fit.add_argument("--no-backtest", action="store_true", help="skip the back-test")
    fit.add_argument("--params", default=DEFAULT_PARAMS, help="params directory")

    params_cmd = commands.add_parser("params", help="work with parameter files",
                                     description="Work with parameter files.")
    params_sub = params_cmd.add_subparsers(dest="params_command", required=True,
                                           metavar="SUBCOMMAND")
    check = params_sub.add_parser(
        "check", help="validate a params tree",
        description="Validate every parameter, region and scenario file of a params tree. "
                    "Lists every problem and exits 2 if there is one; warnings (stale "
                    "sources, low confidence, implausible values) do not fail the check.")
    check.add_argument("directory", nargs="?", default=DEFAULT_PARAMS, help="params directory")
    check.add_argument("--max-age-days", type=_positive_int, default=365,
                       help="warn when a source was last verified longer ago (default 365)")
    check.add_argument("--no-local", action="store_true", help="ignore params/local/")
    return parser


# ---------------------------------------------------------------- commands


def _rupiah(amount: float) -> str:
    return f"Rp {amount:,.0f}"


def _count(amount: float) -> str:
    return f"{amount:,.0f}"


def print_summary(table: pd.DataFrame, budget: pd.DataFrame, request: ProjectionRequest,
                  params: ParamSet) -> None:
    """A readable summary: per scenario and region, the start, each December and the end."""
    end = format_month(request.start + request.months - 1)
    first = format_month(request.start - 1)
    print(f"Projection {format_month(request.start)} to {end}, {request.draws} draw(s), "
          f"seed {request.seed}, params hash {params.files_hash[:12]}")
    print("Active BPU participants (p50; p10-p90 in brackets when drawn), coverage of the "
          "informal pool, and APBD spend.\n")
    wide = table[table["metric"].isin(["active", "coverage", "additional_active"])]
    for scenario in request.scenarios:
        by_scenario = wide[wide["scenario"] == scenario]
        title = params.scenarios[scenario].title_en
        print(f"== {scenario}: {title}")
        header = (f"{'region':<18}{'active ' + first:>16}{'active ' + end:>26}"
                  f"{'coverage':>10}{'vs ' + request.against:>14}")
        print(header)
        for region, rows in by_scenario.groupby("region", sort=False):
            def value(metric: str, month: str, column: str = "p50",
                      _rows: pd.DataFrame = rows) -> float:
                hit = _rows[(_rows["metric"] == metric) & (_rows["month"] == month)]
                return float(hit[column].iloc[0])
            spread = ""
            if request.draws > 1:
                spread = (f" [{_count(value('active', end, 'p10'))}-"
                          f"{_count(value('active', end, 'p90'))}]")
            print(f"{region:<18}{_count(value('active', first)):>16}"
                  f"{_count(value('active', end)) + spread:>26}"
                  f"{value('coverage', end) * 100:>9.1f}%"
                  f"{'+' + _count(value('additional_active', end)):>14}")
        spend = budget[(budget["scenario"] == scenario)]
        if spend[["subsidy_rp_p50", "outreach_rp_p50"]].to_numpy().any():
            print(f"\n{'region':<18}{'year':>6}{'subsidy':>22}{'outreach':>20}{'cap':>22}"
                  f"{'cap binds':>12}")
            for row in spend.itertuples():
                if not (row.subsidy_rp_p50 or row.outreach_rp_p50):
                    continue
                cap = "-" if pd.isna(row.cap_rp) else _rupiah(row.cap_rp)
                binds = row.cap_binds_month if isinstance(row.cap_binds_month, str) else "-"
                print(f"{row.region:<18}{row.year:>6}{_rupiah(row.subsidy_rp_p50):>22}"
                      f"{_rupiah(row.outreach_rp_p50):>20}{cap:>22}{binds:>12}")
        print()


def cmd_project(args: argparse.Namespace) -> int:
    params = load_params(args.params)
    names = scenario_names(params, args.scenario)
    against = scenario_names(params, args.against, "--against")
    if len(against) != 1:
        raise InputError(Problem("--against", "", args.against, "exactly one scenario name"))
    request = ProjectionRequest(tuple(names), params.regions_from(args.regions),
                                parse_month(args.start, "--start"), args.months, args.draws,
                                args.seed, against[0])
    if len(names) > 1 or args.draws > 1000:
        print(f"jamsos: projecting {len(names)} scenario(s) x {len(request.regions)} region(s) "
              f"x {request.months} months x {request.draws} draw(s)...", file=sys.stderr)
    table, budget = project(params, request)
    if args.out:
        write_atomically(args.out, lambda tmp: table.to_csv(tmp, index=False))
        print(f"wrote {len(table):,} rows to {args.out}", file=sys.stderr)
    if args.budget_out:
        write_atomically(args.budget_out, lambda tmp: budget.to_csv(tmp, index=False))
        print(f"wrote {len(budget):,} rows to {args.budget_out}", file=sys.stderr)
    if not args.out:
        print_summary(table, budget, request, params)
    return EXIT_OK


def cmd_cost(args: argparse.Namespace) -> int:
    params = load_params(args.params)
    programmes = parse_programmes(args.programmes)
    first, last = parse_month(args.first, "--from"), parse_month(args.last, "--to")
    table = cost_table(params, args.workers, first, last, args.income, programmes)
    total = int(table["total_rp"].sum())
    if args.json:
        payload = {
            "workers": args.workers, "from": format_month(first), "to": format_month(last),
            "programmes": list(programmes), "total_rp": total,
            "months": json.loads(table.to_json(orient="records")),
        }
        print(json.dumps(payload, indent=2))
        return EXIT_OK
    print(f"{args.workers:,} worker(s), {', '.join(p.upper() for p in programmes)}, "
          f"{format_month(first)} to {format_month(last)}")
    print(f"{'month':<9}{'income':>16}{'relief':>8}{'per worker':>14}{'total':>20}")
    for row in table.itertuples():
        relief = f"{row.relief_share * 100:.0f}%" if row.relief_share else "-"
        print(f"{row.month:<9}{_rupiah(row.declared_income_rp):>16}{relief:>8}"
              f"{_rupiah(row.per_worker_rp):>14}{_rupiah(row.total_rp):>20}")
    print(f"{'total':<47}{_rupiah(total):>20}")
    return EXIT_OK


def cmd_params_check(args: argparse.Namespace) -> int:
    params = load_params(args.directory, include_local=not args.no_local)
    warnings = check_warnings(params, dt.date.today(), args.max_age_days)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{args.directory}: OK - {len(params.parameters)} parameters, {len(params.regions)} "
          f"regions, {len(params.kelurahan)} kelurahan, {len(params.scenarios)} scenarios "
          f"({', '.join(sorted(params.scenarios))}); {len(warnings)} warning(s)")
    return EXIT_OK


def _run_settings(args: argparse.Namespace) -> RunSettings:
    return RunSettings(month=args.month, lang=args.lang, scenarios=args.scenarios,
                       horizon_months=args.horizon, draws=args.draws, seed=args.seed,
                       params_dir=args.params, out_root=args.out, data_dir=args.data,
                       template_dir=args.templates,
                       timeout_s=args.timeout)


def cmd_briefing(args: argparse.Namespace) -> int:
    from . import briefing

    params = load_params(args.params)
    region = params.region(args.region, "--region")
    out = Path(args.out or f"briefing-{region.slug}-{args.month}.pdf")
    write_atomically(out, lambda tmp: briefing.write_for(
        args.params, region.slug, args.month, args.scenarios, args.horizon, args.draws,
        args.seed, args.lang, tmp, args.png, data_dir=args.data))
    print(out)
    return EXIT_OK


def _column_overrides(items: list[str]) -> dict[str, str]:
    from .pendataan import FIELDS

    overrides = {}
    for item in items:
        field_name, _, header = item.partition("=")
        if field_name not in FIELDS or not header:
            raise InputError(Problem("--column", "", item,
                                     f"FIELD=HEADER with FIELD one of {', '.join(FIELDS)}"))
        overrides[field_name] = header
    return overrides


def cmd_verify(args: argparse.Namespace) -> int:
    from . import pendataan

    params = load_params(args.params)
    region = params.region(args.region, "--region")
    official = tuple(k for k in params.kelurahan if k.region_code == region.code)
    if not official:
        raise InputError(Problem("--region", "", args.region, "a region whose kelurahan are "
                                 "listed in params/regions/kelurahan.yaml (kota-madiun)"))
    month = parse_month(args.month or dt.date.today().strftime("%Y-%m"), "--month")
    rules = pendataan.Rules(
        month, int(params.parameter("pendataan_min_age").central(region.code, month)),
        int(params.parameter("pendataan_max_age").central(region.code, month)),
        region.code, official)
    overrides = _column_overrides(args.column)
    lists = [pendataan.read_list(path, overrides) for path in args.files]
    plain, hashed, key = set(), set(), None
    if args.active_list:
        plain, hashed = pendataan.read_active_list(args.active_list)
        if hashed:
            secret = os.environ.get(args.hmac_key_env)
            if not secret:
                raise InputError(Problem(args.hmac_key_env, "", "(not set)", "the HMAC key "
                                         "of the hashed active list in this environment "
                                         "variable"))
            key = secret.encode()
    result = pendataan.verify(lists, rules, plain, hashed, key)
    out = Path(args.out or "data/pendataan")
    outputs = pendataan.write_outputs(result, official, month, region.slug, out,
                                      Path(args.private_dir),
                                      synthetic=all(item.synthetic for item in lists))
    t = outputs.totals
    print(f"{len(lists)} list(s), {t['listed']:,} rows, listing month {format_month(month)}:")
    print(f"  verified {t['verified']:,}  already covered {t['already_covered']:,}  "
          f"rejected {t['rejected']:,}  (pass rate {t['pass_rate']:.1%})")
    for reason, count in t["rejected_by_reason"].items():
        if count:
            print(f"    {reason:<24}{count:>8,}  {pendataan.REASONS[reason]}")
    print(f"  NIK registered outside {region.name} (counted, not an error): "
          f"{t['nik_region_outside']:,}")
    for path in outputs.published:
        print(f"published: {path}")
    for path in outputs.private:
        print(f"PRIVATE (do not share): {path}")
    if args.scenario_out:
        text_yaml = pendataan.scenario_yaml(t, region, month, [Path(p).name for p in args.files])
        write_text_atomically(args.scenario_out, text_yaml)
        print(f"scenario: {args.scenario_out}")
    return EXIT_OK


def cmd_sample_lists(args: argparse.Namespace) -> int:
    from . import synthetic

    params = load_params(args.params)
    month = parse_month(args.month, "--month")
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    paths = synthetic.write(synthetic.generate(kota, args.rows, month, args.seed), args.out)
    print(f"wrote {len(paths)} SYNTHETIC lists to {args.out}")
    return EXIT_OK


def cmd_actuals(args: argparse.Namespace) -> int:
    from . import actuals

    params = load_params(args.params)
    result = actuals.read_actuals(args.files, params, args.source, args.kind)
    store = actuals.load_store(args.store)
    merged, added, changed = actuals.merge_into_store(store, result.rows, args.replace)
    if added or changed:
        actuals.save_store(merged, args.store)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{args.store}: {added} month(s) added, {changed} replaced, "
          f"{len(result.rows) - added - changed} already there; {len(merged)} in all")
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    from . import actuals, calibration

    # fit against the shipped assumptions, not against an earlier calibration
    params = load_params(args.params, include_local=False, include_calibrated=False)
    store = actuals.load_store(args.actuals)
    if store.empty:
        raise InputError(Problem(args.actuals, "", "(no rows)", "a store written by "
                                 "jamsos actuals import"))
    through = parse_month(args.through, "--through") if args.through else None
    [scenario] = scenario_names(params, args.scenario, "--scenario")[:1]
    regions = params.regions_from(args.regions)
    fits = calibration.calibrate(params, store, regions, through, scenario)
    print(f"{'region':<18}{'months':>7}{'pooling w':>10}{'p /yr':>9}{'q /yr':>9}"
          f"{'stop /mo':>10}{'MAPE':>8}")
    slugs = {r.code: r.slug for r in params.regions}
    for item in fits:
        v = item.values
        print(f"{slugs[item.region]:<18}{item.months:>7}{item.weight:>10.2f}"
              f"{v['outside_influence_p']:>9.4f}{v['imitation_q']:>9.3f}"
              f"{v['self_payer_lapse_rate']:>10.3f}{item.mape:>8.1%}")
    tests = None
    if not args.no_backtest:
        data = store if through is None else store[store.month <= format_month(through)]
        frames = [calibration.backtest(params, data, params.region(item.region), scenario)
                  for item in fits]
        tests = pd.concat(frames, ignore_index=True) if frames else None
        if tests is not None and len(tests):
            summary = tests.groupby("region")[["mape_model", "mape_naive"]].mean()
            print("\nback-test, 6 months ahead (mean over origins): model vs carry-forward")
            for code, row in summary.iterrows():
                print(f"{slugs[code]:<18}{row.mape_model:>8.1%}{row.mape_naive:>8.1%}")
    cutoff = format_month(through) if through else max(store.month)
    path = calibration.write_calibrated(fits, params, args.out or Path(args.params) /
                                        "calibrated", cutoff, args.actuals, tests)
    print(f"wrote {path}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    manifest = run(_run_settings(args), regions=args.region, jobs=1, with_summary=False)
    return EXIT_FAILURE if manifest["failed"] else EXIT_OK


def cmd_monthly(args: argparse.Namespace) -> int:
    manifest = run(_run_settings(args), regions=args.regions, jobs=args.jobs)
    index = Path(args.out) / manifest["month"] / "index.html"
    print(index)
    if manifest["failed"]:
        print(f"jamsos: {len(manifest['failed'])} report(s) failed: "
              f"{', '.join(manifest['failed'])}; see {index.parent / 'manifest.json'}",
              file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


COMMANDS = {"project": cmd_project, "cost": cmd_cost, "params": cmd_params_check,
            "report": cmd_report, "monthly": cmd_monthly, "briefing": cmd_briefing,
            "verify": cmd_verify, "sample-lists": cmd_sample_lists, "actuals": cmd_actuals,
            "calibrate": cmd_calibrate}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        for problem in error.problems:
            print(f"jamsos: error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RunLocked as error:
        print(f"jamsos: error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("jamsos: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception:  # a bug, not a user mistake: keep the traceback for the report
        traceback.print_exc()
        print("jamsos: internal error (exit 1); please report it with the lines above",
              file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
