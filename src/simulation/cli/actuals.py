"""jamsos actuals import: monthly actuals into the tidy store."""

from __future__ import annotations

import argparse
import sys

from .. import defaults
from .options import add_params_option, output_file


def add_parser(sub: argparse._SubParsersAction) -> None:
    actuals_cmd = sub.add_parser("actuals", help="monthly actuals",
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
    importer.add_argument("--store", default=defaults.ACTUALS_STORE, type=output_file,
                          help=f"tidy store (default {defaults.ACTUALS_STORE})")
    importer.add_argument("--source", help="source to record (default: the file's own "
                                           "source column, or the file name)")
    importer.add_argument("--kind", default="observed", choices=("observed", "illustrative"),
                          help="observed figures, or an illustrative series that reports "
                               "label ILLUSTRATIVE (default observed)")
    importer.add_argument("--replace", action="store_true",
                          help="replace stored values that differ (corrections)")
    add_params_option(importer)
    importer.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..intake.actuals import read_actuals
    from ..intake.store import load_store, merge_into_store, save_store, store_lock
    from ..params import load_params

    params = load_params(args.params)
    with store_lock(args.store):  # the whole read-modify-write: no import is lost
        store = load_store(args.store)
        result = read_actuals(args.files, params, args.source, args.kind, store)
        merged, added, changed = merge_into_store(store, result.rows, args.replace)
        if added or changed:
            save_store(merged, args.store)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{args.store}: {added} month(s) added, {changed} replaced, "
          f"{len(result.rows) - added - changed} already there; {len(merged)} in all")
    return 0
