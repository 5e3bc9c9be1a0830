"""jamsos calibrate: fit behaviour to the actuals and back-test the fit."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import defaults
from ..calibration.backtest import backtest_fits
from ..calibration.files import write_calibrated
from ..calibration.fit import calibrate
from ..errors import InputError, Problem
from ..intake.store import load_store
from ..months import format_month, parse_month
from ..params import BASELINE, load_params, scenario_names
from .options import add_params_option


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
    fit.add_argument("--actuals", default=defaults.ACTUALS_STORE, help="the tidy store")
    fit.add_argument("--scenario", default=BASELINE,
                     help="the scenario that describes what happened (default baseline)")
    fit.add_argument("--out", help="folder for the calibrated parameters (default "
                                   "PARAMS/calibrated)")
    fit.add_argument("--no-backtest", action="store_true", help="skip the back-test")
    add_params_option(fit)
    fit.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # fit against the shipped assumptions, not against an earlier calibration
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
