"""jamsos cost: what paying the contributions of N workers costs, month by month."""

from __future__ import annotations

import argparse
import json

from .. import defaults
from ..months import format_month, parse_month
from .options import add_params_option, rupiah_text, whole_number_in


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..defaults import DEFAULT_PACKAGE, DEFAULT_PAYER, PACKAGES, PAYERS, SECTORS

    cost = sub.add_parser(
        "cost", help="cost of paying the contributions of N workers",
        description="What it costs a payer to pay the contributions of N workers from one "
                    "month to another (inclusive), under the regulation in force each month: "
                    "reliefs apply by payer (PP 50/2025 leaves out members paid through the "
                    "APBN or an APBD, tobacco-excise funds (dbhcht) included: they are budgeted "
                    "in the APBD), by sector (PP 50/2025 gives transport workers January 2026 "
                    "to March 2027, others April to December 2026) and, for members who joined "
                    "while PP 49/2020 ran, from their third month.")
    cost.add_argument("--workers", type=whole_number_in(0, defaults.MAX_WORKERS), required=True,
                      help="number of workers")
    cost.add_argument("--from", dest="first", required=True, help="first month YYYY-MM")
    cost.add_argument("--to", dest="last", required=True, help="last month YYYY-MM (inclusive)")
    cost.add_argument("--income", type=whole_number_in(0, 10**12),
                      help="declared monthly income in Rupiah: picks the bracket JKK and JHT "
                           "are computed on (default: the lowest bracket)")
    cost.add_argument("--payer", default=DEFAULT_PAYER, choices=PAYERS,
                      help=f"who pays (default {DEFAULT_PAYER}, the local government)")
    cost.add_argument("--package", default=DEFAULT_PACKAGE, choices=tuple(PACKAGES),
                      help="bpu_jkk_jkm (JKK + JKM, Rp 16,800 at the lowest bracket), bpu_jht "
                           "(with JHT, Rp 36,800) or pu_jkk_jkm (the wage-earner package); "
                           f"default {DEFAULT_PACKAGE}")
    cost.add_argument("--sector", default="other", choices=SECTORS,
                      help="the workers' sector: transport (ojek and online drivers, couriers, "
                           "drivers) has its own relief months; default other")
    cost.add_argument("--programmes",
                      help="instead of --package: comma-separated BPU programmes from jkk, "
                           "jkm, jht (default: those of --package)")
    cost.add_argument("--joined",
                      help="the month the workers joined, YYYY-MM (default: members from "
                           "before any relief); who joined while PP 49/2020 ran pays the "
                           "first two months in full")
    cost.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_params_option(cost)
    cost.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..engine.money import cost_table, parse_programmes
    from ..params import load_params

    params = load_params(args.params)
    programmes = parse_programmes(args.programmes) if args.programmes else None
    first, last = parse_month(args.first, "--from"), parse_month(args.last, "--to")
    joined = parse_month(args.joined, "--joined") if args.joined else None
    table = cost_table(params, args.workers, first, last, args.income, programmes,
                       payer=args.payer, package=args.package, joined=joined,
                       sector=args.sector)
    total = int(table["total_rp"].sum())
    if args.json:
        payload = {
            "workers": args.workers, "from": format_month(first), "to": format_month(last),
            "payer": args.payer, "package": args.package, "sector": args.sector,
            "programmes": list(programmes) if programmes else None, "total_rp": total,
            "months": json.loads(table.to_json(orient="records")),
        }
        print(json.dumps(payload, indent=2))
        return 0
    paid_for = ", ".join(p.upper() for p in programmes) if programmes else args.package
    sector = ", transport sector" if args.sector == "transport" else ""
    print(f"{args.workers:,} worker(s), {paid_for}, paid by {args.payer}{sector}, "
          f"{format_month(first)} to {format_month(last)}")
    print(f"{'month':<9}{'bracket':>16}{'relief':>8}{'per worker':>14}{'total':>20}")
    for row in table.itertuples():
        relief = f"{row.relief_share * 100:.0f}%" if row.relief_share else "-"
        bracket = "-" if pd.isna(row.declared_income_rp) else rupiah_text(row.declared_income_rp)
        print(f"{row.month:<9}{bracket:>16}{relief:>8}"
              f"{rupiah_text(row.per_worker_rp):>14}{rupiah_text(row.total_rp):>20}")
    print(f"{'total':<47}{rupiah_text(total):>20}")
    return 0
