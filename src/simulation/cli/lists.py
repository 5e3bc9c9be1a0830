"""jamsos verify and sample-lists: the lurah's lists of informal workers."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, parse_month
from .options import add_params_option, output_file, output_folder, whole_number_in


def add_parser(sub: argparse._SubParsersAction) -> None:
    check_lists = sub.add_parser(
        "verify", help="verify and validate the lurah's lists (daftar awal)",
        description="Check lists of informal workers (CSV/XLSX) against the rules: 16-digit "
                    "NIK (spreadsheet-mangled ones rejected, never repaired), birth date from "
                    "the NIK, age bounds, official kelurahan names, duplicates within and "
                    "across lists, workers already active. Writes published aggregates per "
                    "kecamatan and kelurahan (counts below 5 suppressed) and a PRIVATE "
                    "follow-up file. No NIK, name or address is printed.")
    check_lists.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX lists")
    check_lists.add_argument("--region", default=defaults.LIST_REGION,
                             help="region whose kelurahan list applies "
                                  f"(default {defaults.LIST_REGION})")
    check_lists.add_argument("--month", help="listing month YYYY-MM for ages (default: this "
                                             "month)")
    check_lists.add_argument("--active-list", help="extract of active participants: a column "
                                                   "nik, or nik_hmac (HMAC-SHA256 hex) "
                                                   "(default: none, no check against them)")
    check_lists.add_argument("--hmac-key-env", default="JAMSOS_NIK_KEY",
                             help="environment variable holding the HMAC key for a hashed "
                                  "active list (default JAMSOS_NIK_KEY)")
    check_lists.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                             help="map a header to a field (nik, name, kelurahan, address, "
                                  "job, birth_date); repeatable (default: the headers found)")
    check_lists.add_argument("--out", type=output_folder,
                             help=f"folder for published aggregates (default "
                                  f"{defaults.PENDATAAN_DIR}, where reports look for them)")
    check_lists.add_argument("--private-dir", default=defaults.PRIVATE_DIR, type=output_folder,
                             help="git-ignored folder for the follow-up file "
                                  "(default data/private)")
    check_lists.add_argument("--replace", action="store_true",
                             help="write over an earlier verification of the same region and "
                                  "month (default: keep it and stop)")
    check_lists.add_argument("--scenario-out", type=output_file,
                             help="also write a scenario YAML (building on "
                                  f"{defaults.SUBSIDY_SCENARIO}) that "
                                  "takes its listing size and pass rate from this check")
    add_params_option(check_lists)

    samples = sub.add_parser(
        "sample-lists", help="write SYNTHETIC daftar awal lists for demos and tests",
        description="Write one synthetic list per kelurahan of Kota Madiun, with a realistic "
                    "mix of mistakes. Every NIK and name is generated; files are named "
                    "SINTETIS-... and carry a SINTETIS column.")
    samples.add_argument("--out", required=True, type=output_folder, help="folder to write into")
    samples.add_argument("--rows", type=whole_number_in(1, defaults.MAX_SAMPLE_ROWS), default=40,
                         help="rows per kelurahan (default 40)")
    samples.add_argument("--month", default="2020-03", help="listing month (default 2020-03)")
    samples.add_argument("--region", default=defaults.LIST_REGION,
                         help=f"region whose kelurahan get lists (default {defaults.LIST_REGION})")
    samples.add_argument("--seed", type=whole_number_in(0, defaults.MAX_SEED), default=1,
                         help="random seed (default 1)")
    add_params_option(samples)
    for command in (check_lists, samples):
        command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return _verify(args) if args.command == "verify" else _sample_lists(args)


def _verify(args: argparse.Namespace) -> int:
    from ..intake.aggregates import scenario_yaml, totals, write_outputs
    from ..intake.lists import column_overrides, load_active_members, read_lists
    from ..intake.private import private_folder
    from ..intake.verification import REASONS, rules_for, verify
    from ..params import load_params

    params = load_params(args.params)
    region = params.region(args.region, "--region")
    month = listing_month(args.month or dt.date.today().strftime("%Y-%m"))
    out = Path(args.out or defaults.PENDATAAN_DIR)
    private_dir = private_folder(args.private_dir, [out], "--private-dir")
    rules = rules_for(params, region, month)
    overrides = column_overrides(args.column)
    lists = [item for path, label, name in list_labels(args.files)
             for item in read_lists(path, overrides, label, name)]
    active = load_active_members(args.active_list, args.hmac_key_env)
    result = verify(lists, rules, active.niks, active.hmacs, active.key)
    t = totals(result)
    also = ()
    if args.scenario_out:
        text_yaml = scenario_yaml(t, region, month, len(args.files))
        also = ((Path(args.scenario_out),
                 lambda tmp: Path(tmp).write_text(text_yaml, encoding="utf-8")),)
    outputs = write_outputs(result, rules.kelurahan, month, region.slug, out, private_dir,
                            synthetic=all(item.synthetic for item in lists),
                            replace=args.replace, also=also)
    print(f"{len(lists)} list(s), {t['listed']:,} rows, listing month {format_month(month)}:")
    print(f"  verified {t['verified']:,}  already covered {t['already_covered']:,}  "
          f"rejected {t['rejected']:,}  (pass rate {t['pass_rate']:.1%})")
    for reason, count in t["rejected_by_reason"].items():
        if count:
            print(f"    {reason:<24}{count:>8,}  {REASONS[reason]}")
    print(f"  NIK registered outside {region.name} (counted, not an error): "
          f"{t['nik_region_outside']:,}")
    for path in outputs.published:
        print(f"published: {path}")
    for path in outputs.private:
        print(f"PRIVATE (do not share): {path}")
    if args.scenario_out:
        print(f"scenario: {args.scenario_out}")
    return 0


def listing_month(text: str) -> int:
    """``--month``, within the months the intake accepts anywhere."""
    month = parse_month(text, "--month")
    first, last = parse_month(defaults.FIRST_MONTH), parse_month(defaults.LAST_MONTH)
    if not first <= month <= last:
        raise InputError(Problem("--month", "", text, f"a month from {defaults.FIRST_MONTH} "
                                 f"to {defaults.LAST_MONTH}"))
    return month


def list_labels(files: list[str]) -> list[tuple[str, str, str]]:
    """Each list file with its label in messages ("list 2": a file name may hold a NIK or
    a name) and its name in the private follow-up file (the name, or the path as given
    where two files share a name). The same file twice (by another path, a link, or a
    copy) is refused: every row would count as a duplicate."""
    seen: dict[object, int] = {}
    labels = [f"list {number} (FILE argument {number})" for number in range(1, len(files) + 1)]
    for number, name in enumerate(files, start=1):
        for identity in _identities(name):
            if identity in seen:
                raise InputError(Problem(labels[number - 1], "", "(the same list again)",
                                         f"each list once (this is also {labels[seen[identity]]}"
                                         "): every row would count as a duplicate"))
            seen[identity] = number - 1
    names = [Path(f).name for f in files]
    return [(f, label, Path(f).name if names.count(Path(f).name) == 1 else f)
            for f, label in zip(files, labels, strict=True)]


def _identities(name: str) -> list[object]:
    """What makes two paths one list: the same file (device and inode: hard links, symlinks,
    paths spelled otherwise) or the same bytes. Anything unreadable or not a regular file is
    left for the reader to refuse; a pipe is never opened."""
    from ..intake.spreadsheets import MAX_FILE_BYTES

    try:
        status = os.stat(name)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return []
        digest = hashlib.sha256()
        with open(name, "rb") as handle:
            for block in iter(lambda: handle.read(2**20), b""):
                digest.update(block)
    except OSError:
        return []
    return [("file", status.st_dev, status.st_ino), ("content", digest.hexdigest())]


def _sample_lists(args: argparse.Namespace) -> int:
    from ..intake import synthetic
    from ..intake.verification import official_kelurahan
    from ..params import load_params

    params = load_params(args.params)
    month = parse_month(args.month, "--month")
    region = params.region(args.region, "--region")
    official = official_kelurahan(params, region)
    paths = synthetic.write(synthetic.generate(official, args.rows, month, args.seed), args.out)
    print(f"wrote {len(paths)} SYNTHETIC lists to {args.out}")
    return 0
