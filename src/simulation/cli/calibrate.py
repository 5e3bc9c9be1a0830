"""jamsos calibrate: fit behaviour to the actuals and back-test the fit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, parse_month
from .options import (
    add_draw_options,
    add_params_option,
    check_input_folders,
    count_text,
    output_file,
    output_folder,
)

if TYPE_CHECKING:  # names in signatures only: imported where the command runs
    import pandas as pd



def add_parser(sub: argparse._SubParsersAction) -> None:
    fit = sub.add_parser(
        "calibrate", help="fit behaviour to the actuals and back-test the fit",
        description="Fit outside influence p, imitation q and the self-payer stop rate per "
                    "region to the actuals (pooled toward the branch-wide fit when a series "
                    "is short), write them to params/calibrated/ (which every scenario then "
                    "uses) and back-test: fit through month k, project k+1..k+6, MAPE against "
                    "a naive carry-forward forecast.")
    fit.add_argument("--regions", help="codes or slugs, comma-separated (default all with data)")
    fit.add_argument("--through", help="use actuals up to this month YYYY-MM (default all)")
    fit.add_argument("--actuals", default=defaults.ACTUALS_STORE,
                     help=f"the tidy store (default {defaults.ACTUALS_STORE})")
    fit.add_argument("--scenario", default=defaults.BASELINE,
                     help="the scenario that describes what happened (default baseline)")
    fit.add_argument("--out", type=output_folder,
                     help="folder for the calibrated parameters (default PARAMS/calibrated)")
    fit.add_argument("--no-backtest", action="store_true", help="skip the back-test")
    add_params_option(fit)
    fit.set_defaults(handler=run)

    replay = sub.add_parser(
        "hindcast", help="replay the policy in force and set it against the published counts",
        description="Replay the policy in force (the baseline) from the state the data show "
                    "at the end of the month before --start, taking nothing from later data, "
                    "and set the replay against every published point in "
                    "DATA/published/points.yaml: the model's value at the point's month, the "
                    "error, whether the replay's p10-p90 band holds it, and whether the point "
                    "checks the model or a parameter was taken from it; then, per region and "
                    "overall, the mean absolute error of the checked points and the share of "
                    "them inside the band.")
    replay.add_argument("--start", default=defaults.PROJECTION_START,
                        help=f"first replayed month YYYY-MM (default {defaults.PROJECTION_START})")
    replay.add_argument("--to", dest="end",
                        help="last replayed month YYYY-MM (default: the latest point)")
    add_draw_options(replay, draws=defaults.HINDCAST_DRAWS)
    replay.add_argument("--data", default=defaults.DATA_DIR,
                        help=f"data folder (default {defaults.DATA_DIR})")
    replay.add_argument("--out", type=output_file, help="also write the table to this CSV file")
    replay.add_argument("--markdown", action="store_true",
                        help="print the table as Markdown (for the README)")
    replay.set_defaults(handler=run_hindcast)


def run(args: argparse.Namespace) -> int:
    # fit against the shipped assumptions, not against an earlier calibration
    from ..calibration.backtest import backtest_fits
    from ..calibration.files import write_calibrated
    from ..calibration.fit import calibrate
    from ..calibration.hindcast import summary
    from ..intake.store import load_store
    from ..params import load_params, scenario_names

    params = load_params(args.params, include_local=False, include_calibrated=False)
    store = load_store(args.actuals)
    if store.empty:
        raise InputError(Problem(args.actuals, "", "(no rows)", "a store written by "
                                 "jamsos actuals import"))
    through = parse_month(args.through, "--through") if args.through else None
    [scenario] = scenario_names(params, args.scenario, "--scenario")[:1]
    regions = params.regions_from(args.regions)
    fits = calibrate(params, store, regions, through, scenario)
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
        tests = backtest_fits(params, store, fits, through, scenario)
        if len(tests):
            summary = tests.groupby("region")[["mape_model", "mape_naive"]].mean()
            print("\nback-test, 6 months ahead (mean over origins): model vs carry-forward")
            for code, row in summary.iterrows():
                print(f"{slugs[code]:<18}{row.mape_model:>8.1%}{row.mape_naive:>8.1%}")
    cutoff = format_month(through) if through else max(store.month)
    path = write_calibrated(fits, params, args.out or Path(args.params) /
                                        "calibrated", cutoff, args.actuals, tests)
    print(f"wrote {path}")
    return 0


def run_hindcast(args: argparse.Namespace) -> int:
    from ..calibration.hindcast import hindcast, summary
    from ..files import write_csv
    from ..intake.state import Observations
    from ..params import load_params

    check_input_folders(args.params, args.data)
    params = load_params(args.params)
    observations = Observations.read(args.data, params)
    end = parse_month(args.end, "--to") if args.end else None
    table = hindcast(params, observations, parse_month(args.start, "--start"), end,
                     args.draws, args.seed)
    if args.out:
        write_csv(table, args.out)
    print_rows(*hindcast_rows(table), args.markdown)
    print()
    print_rows(*summary_rows(summary(table), args.draws), args.markdown)
    return 0


def hindcast_rows(table: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    import pandas as pd

    header = ["date", "regions", "measure", "published", "replay p50 (p10-p90)", "error",
              "in band", "status"]
    rows = []
    for row in table.itertuples():
        about = "about " if row.approximate else ""
        replayed = "-" if pd.isna(row.model_p50) else (
            f"{count_text(row.model_p50)} ({count_text(row.model_p10)}-"
            f"{count_text(row.model_p90)})")
        error = "-" if pd.isna(row.error) else f"{row.error:+,.0f} ({row.error_share:+.1%})"
        band = "-" if pd.isna(row.model_p50) else ("yes" if row.in_band else "no")
        rows.append([row.date, row.regions, row.measure, about + count_text(row.published),
                     replayed, error, band, row.status])
    return header, rows


def summary_rows(table: pd.DataFrame, draws: int) -> tuple[list[str], list[list[str]]]:
    import pandas as pd

    header = ["checked points of", "points", "mean absolute error",
              f"inside the p10-p90 band ({draws} draws)"]
    rows = [[row.area, str(row.checked),
             "-" if pd.isna(row.mean_absolute_error) else f"{row.mean_absolute_error:.1%}",
             "-" if pd.isna(row.inside_band) else f"{row.inside_band:.0%}"]
            for row in table.itertuples()]
    return header, rows


def print_rows(header: list[str], rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for cells in rows:
            print("| " + " | ".join(str(c) for c in cells) + " |")
        return
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=False)]
    for cells in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
