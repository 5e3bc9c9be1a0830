"""jamsos cost: what paying the contributions of N workers costs, month by month."""

from __future__ import annotations

import argparse
import json

from ..engine.money import cost_table, parse_programmes
from ..months import format_month, parse_month
from ..params import load_params
from .options import add_params_option, rupiah_text, whole_number


def add_parser(sub: argparse._SubParsersAction) -> None:
    cost = sub.add_parser(
        "cost", help="cost of paying the contributions of N workers",
        description="What it costs to pay the BPU contributions of N workers from one month "
                    "to another (inclusive), under the regulation in force each month "
                    "(including reliefs).")
    cost.add_argument("--workers", type=whole_number, required=True, help="number of workers")
    cost.add_argument("--from", dest="first", required=True, help="first month YYYY-MM")
    cost.add_argument("--to", dest="last", required=True, help="last month YYYY-MM (inclusive)")
    cost.add_argument("--income", type=whole_number,
                      help="declared monthly income in Rupiah (default: the lowest allowed)")
    cost.add_argument("--programmes", default="jkk,jkm",
                      help="comma-separated programmes from jkk, jkm, jht (default jkk,jkm)")
    cost.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_params_option(cost)
    cost.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
        return 0
    print(f"{args.workers:,} worker(s), {', '.join(p.upper() for p in programmes)}, "
          f"{format_month(first)} to {format_month(last)}")
    print(f"{'month':<9}{'income':>16}{'relief':>8}{'per worker':>14}{'total':>20}")
    for row in table.itertuples():
        relief = f"{row.relief_share * 100:.0f}%" if row.relief_share else "-"
        print(f"{row.month:<9}{rupiah_text(row.declared_income_rp):>16}{relief:>8}"
              f"{rupiah_text(row.per_worker_rp):>14}{rupiah_text(row.total_rp):>20}")
    print(f"{'total':<47}{rupiah_text(total):>20}")
    return 0
