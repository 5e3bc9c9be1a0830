"""jamsos regions: the national table of Kemendagri codes, what --regions selects, and
updating the table from the official list."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path

from ..errors import InputError, Problem
from .options import REGIONS_HELP, add_params_option, check_input_folders


def add_parser(sub: argparse._SubParsersAction) -> None:
    regions = sub.add_parser(
        "regions", help="the national table of regions: list, or import the official list",
        description="Every province and kabupaten/kota with its Kemendagri code, from a "
                    "maintained copy of the current Kepmendagri (shipped with jamsos). "
                    "`jamsos regions list --regions jawa-timur` shows what a selection "
                    "holds; `jamsos regions import FILE...` replaces the table of this "
                    "working folder with a newer official list.")
    actions = regions.add_subparsers(dest="regions_action", required=True)
    listing = actions.add_parser("list", help="the regions a --regions selection holds",
                                 description="Show the regions a --regions selection holds, "
                                             "with where their figures come from.")
    listing.add_argument("--regions", help=REGIONS_HELP)
    add_params_option(listing)
    listing.set_defaults(handler=run_list)
    load = actions.add_parser(
        "import", help="update the table from the official list",
        description="Read the official list (a CSV or XLSX with kode and nama columns and "
                    "optionally penduduk, or the SQL dumps of the maintained open copy, e.g. "
                    "db/wilayah.sql and db/wilayah_penduduk.sql of github.com/cahyadsn/wilayah)"
                    ", check it (bad codes, duplicates, a kabupaten/kota without its "
                    "province) and compare it with the table in use: renamed and removed "
                    "regions are listed and need --accept-changes. Writes "
                    "params/regions/kemendagri.csv and kemendagri-source.yaml.")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.add_argument("--version", required=True,
                      help='the Kepmendagri it follows, e.g. "Kepmendagri No 300.2.2-2138 '
                           'Tahun 2025"')
    load.add_argument("--source-url", default="",
                      help="where the list was taken from (default: none recorded)")
    load.add_argument("--accept-changes", action="store_true",
                      help="write the table although regions were renamed or removed")
    add_params_option(load)
    load.set_defaults(handler=run_import)


def run_list(args: argparse.Namespace) -> int:
    from ..params import load_params
    from ..params.catalogue import load_catalogue
    from ..params.selection import select_regions

    check_input_folders(args.params)
    params = select_regions(load_params(args.params), args.regions)
    detailed = {r.code for r in load_params(args.params).regions}
    catalogue = load_catalogue(args.params).by_code()
    print(f"{'code':<7}{'slug':<34}{'name':<40}{'province':<24}figures")
    for region in params.regions:
        province = catalogue[region.code].province if region.code in catalogue else "-"
        figures = "params/ (detailed)" if region.code in detailed else "province (assumption)"
        print(f"{region.code:<7}{region.slug:<34}{region.name:<40}{province:<24}{figures}")
    print(f"{len(params.regions)} region(s)", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    import yaml

    from ..files import write_together
    from ..intake.kemendagri import read_official_lists
    from ..params.catalogue import (
        LOCAL_SOURCE,
        LOCAL_TABLE,
        build_catalogue,
        load_catalogue,
        table_text,
    )

    check_input_folders(args.params)
    rows, sources, notes = read_official_lists(args.files)
    current = load_catalogue(args.params)
    result = build_catalogue(rows, sources, current)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for code, old, new in result.renamed:
        print(f"renamed: {code} {old} -> {new} (slug kept)", file=sys.stderr)
    for region in result.removed:
        print(f"removed: {region.code} {region.name}", file=sys.stderr)
    for region in result.added:
        print(f"added: {region.code} {region.name} ({region.slug})", file=sys.stderr)
    if (result.renamed or result.removed) and not args.accept_changes:
        raise InputError(Problem(", ".join(args.files), "", f"{len(result.renamed)} renamed, "
                                 f"{len(result.removed)} removed",
                                 "the same regions as the table in use "
                                 f"({current.source}); check the list above and run again "
                                 "with --accept-changes"))
    table = table_text(result.regions)
    provenance = {
        "title": {"id": f"Kode wilayah administrasi pemerintahan sesuai {args.version}",
                  "en": f"Codes of government administrative areas per {args.version}"},
        "version": args.version, "url": args.source_url or None,
        "imported_from": [Path(f).name for f in args.files],
        "sha256": {Path(f).name: hashlib.sha256(Path(f).read_bytes()).hexdigest()
                   for f in args.files},
        "kind": "administrative", "last_verified": dt.date.today().isoformat(),
        "notes": notes,
    }
    root = Path(args.params)
    write_together([
        (root / LOCAL_TABLE, lambda tmp: Path(tmp).write_text(table, encoding="utf-8"), None),
        (root / LOCAL_SOURCE, lambda tmp: Path(tmp).write_text(
            yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False),
            encoding="utf-8"), None),
    ])
    provinces = len({r.province_code for r in result.regions})
    print(f"wrote {root / LOCAL_TABLE}: {provinces} provinces, {len(result.regions)} "
          "kabupaten/kota", file=sys.stderr)
    return 0

