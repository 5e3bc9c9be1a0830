"""Options several commands share, so that each reads and behaves the same everywhere."""

from __future__ import annotations

import argparse
import errno
import os
import stat
from pathlib import Path

from .. import defaults
from ..errors import InputError, Problem

# what a missing params or data folder message says: how to get one
NEW_FOLDER = "in a new folder, `jamsos init .` writes params/, data/ and notebooks/"


def whole_number(text: str) -> int:
    """argparse type: a whole number (range checks name the option later, with exit 2)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"got {text!r}; expected a whole number") from None


def whole_number_in(low: int, high: int):
    """argparse type: a whole number from ``low`` to ``high``, checked when the command line
    is read, so that a typo stops the run before any work (exit 2)."""
    def parse(text: str) -> int:
        value = whole_number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"got {text!r}; expected a whole number from "
                                             f"{low:,} to {high:,}")
        return value

    parse.__name__ = "whole number"  # what argparse calls the type in its messages
    return parse


def add_params_option(command: argparse.ArgumentParser) -> None:
    default = os.environ.get("JAMSOS_PARAMS", defaults.PARAMS_DIR)
    command.add_argument("--params", default=default,
                         help=f"params directory (default {default}; or set JAMSOS_PARAMS)")


REGIONS_HELP = ("codes (35.77) or slugs (kota-madiun), a province (35 or jawa-timur), a branch "
                "(cabang-madiun) or all, comma-separated (default: the default branch in "
                "params/regions/branches.yaml, Cabang Madiun's six regions)")


def add_cluster_options(command: argparse.ArgumentParser) -> None:
    """Where the work runs: an existing Dask scheduler, or local worker processes."""
    command.add_argument("--scheduler", metavar="tcp://HOST:8786",
                         help="run on this Dask scheduler (default: $DASK_SCHEDULER_ADDRESS; "
                              "without either, a large run starts a local Dask cluster)")
    command.add_argument("--workers", type=whole_number_in(1, 256), metavar="N",
                         help="worker processes of the local Dask cluster (default: one per "
                              "core)")


def add_message_language(command: argparse.ArgumentParser) -> None:
    """--lang for a command whose output has no language of its own: the messages'."""
    command.add_argument("--lang", choices=defaults.LANGUAGES, default=None,
                         help="language of messages: id (Bahasa Indonesia) or en (default: "
                              "the locale, id when LC_ALL, LC_MESSAGES or LANG starts with "
                              "id, e.g. id_ID.UTF-8; else en)")


def check_input_folders(params: str | None = None, data: str | None = None) -> None:
    """The params and data folders a command reads exist, or one message per missing folder
    saying how to get one (exit 2), before any work."""
    problems = []
    if params is not None and not Path(params).is_dir():
        problems.append(Problem("--params", "", params, "a params directory "
                                f"({NEW_FOLDER}; or give --params DIR)"))
    if data is not None and not Path(data).is_dir():
        problems.append(Problem("--data", "", data, "an existing data folder "
                                f"({NEW_FOLDER}; or give --data DIR)"))
    if problems:
        raise InputError(problems)


def add_scenarios_option(command: argparse.ArgumentParser, default: str, what: str) -> None:
    """--scenarios, the same in every command; --scenario is an alias kept for old scripts."""
    command.add_argument("--scenarios", "--scenario", dest="scenarios", default=default,
                         metavar="NAMES",
                         help=f"{what}: a name, a comma-separated list, or 'all' (default "
                              f"{default}); --scenarios is the preferred spelling, --scenario "
                              "the same")


def add_draw_options(command: argparse.ArgumentParser, draws: int) -> None:
    """--draws, --seed and --params, shared by the commands that project."""
    command.add_argument("--draws", type=whole_number_in(1, defaults.MAX_DRAWS), default=draws,
                         help=f"Monte Carlo draws; 1 gives the central path (default {draws})")
    command.add_argument("--seed", type=whole_number_in(0, defaults.MAX_SEED),
                         default=defaults.SEED,
                         help=f"random seed for the draws (default {defaults.SEED})")
    add_params_option(command)


def add_content_options(command: argparse.ArgumentParser) -> None:
    """What a report or briefing shows: month, language, scenarios, horizon, draws, data."""
    command.add_argument("--month",
                         help="report month YYYY-MM (default: the latest month the actuals in "
                              "--data cover for every region)")
    command.add_argument("--lang", default=defaults.LANG, choices=defaults.LANGUAGES,
                         help="language of the output and, when given, of messages "
                              "(default id, Bahasa Indonesia)")
    add_scenarios_option(command, defaults.SCENARIOS, "scenarios to show")
    command.add_argument("--months", "--horizon", dest="horizon",
                         type=whole_number_in(1, defaults.MAX_MONTHS),
                         default=defaults.HORIZON_MONTHS,
                         help="months after the report month to project "
                              f"(default {defaults.HORIZON_MONTHS}; --horizon is the same)")
    add_draw_options(command, draws=defaults.REPORT_DRAWS)
    command.add_argument("--data", default=defaults.DATA_DIR,
                         help="data folder: monthly actuals and pendataan aggregates "
                              f"(default {defaults.DATA_DIR})")
    command.add_argument("--pptx-template",
                         help="the office's PowerPoint template (16:9 .pptx) for "
                              "briefing.pptx (default: the shipped plain one)")


def add_report_options(command: argparse.ArgumentParser) -> None:
    """What a rendered report needs beyond its content: where it goes, templates, timeout."""
    add_content_options(command)
    command.add_argument("--out", default=defaults.REPORTS_DIR, type=output_folder,
                         help="reports folder; output goes to OUT/YYYY-MM/ "
                              f"(default {defaults.REPORTS_DIR})")
    command.add_argument("--templates", default=str(defaults.TEMPLATES_DIR),
                         help="folder with district_report.ipynb and regional_summary.ipynb "
                              "(default: the shipped notebooks/templates)")
    command.add_argument("--timeout",
                         type=whole_number_in(defaults.MIN_TIMEOUT_S, defaults.MAX_TIMEOUT_S),
                         default=defaults.TIMEOUT_S,
                         help=f"seconds a notebook cell may run (default {defaults.TIMEOUT_S})")


def rupiah_text(amount: float) -> str:
    """Rupiah for a terminal table (reports use Babel and the reader's language)."""
    return f"Rp {amount:,.0f}"


def count_text(amount: float) -> str:
    return f"{amount:,.0f}"


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(".")


# what a path can be that no file can be written at: named in the message, exit 2
_PATH_FAULTS = {errno.ELOOP: "a symlink loop", errno.ENOTDIR: "a path through a file",
                errno.ENAMETOOLONG: "a name too long for the file system"}


def _existing(value: str) -> os.stat_result | None:
    """What ``value`` names, following symlinks (None: nothing yet); a path no file can
    be written at (a symlink loop, under a regular file, too long) is refused here."""
    try:
        return os.stat(value)
    except FileNotFoundError:
        return None
    except OSError as error:
        fault = _PATH_FAULTS.get(error.errno, error.strerror or "an unusable path")
        raise argparse.ArgumentTypeError(f"{value} is {fault}; expected a path jamsos may "
                                         "write") from None


def output_file(value: str) -> str:
    """An option naming a file to write: a regular file or a new name, somewhere we may
    write. Checked when the command line is read, so a bad path stops the run before any
    work (exit 2). A device, pipe or socket (or a symlink to one) is refused: writing
    replaces the destination, and replacing /dev/full or a FIFO breaks the machine."""
    found = _existing(value)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise argparse.ArgumentTypeError(f"{value} is a folder; expected a file to write")
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise argparse.ArgumentTypeError(f"{value} is a special file (a device, pipe or "
                                         "socket); expected a regular file or a new name")
    path = Path(value)
    where = path if found is not None else _nearest_existing(path.parent)
    if not os.access(where, os.W_OK):
        raise argparse.ArgumentTypeError(f"{value}: {where} is read-only; expected a path "
                                         "jamsos may write")
    return value


def output_folder(value: str) -> str:
    """An option naming a folder to write into: not a file, and somewhere we may write."""
    found = _existing(value)
    if found is not None and stat.S_ISREG(found.st_mode):
        raise argparse.ArgumentTypeError(f"{value} is a file; expected a folder to write into")
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise argparse.ArgumentTypeError(f"{value} is a special file (a device, pipe or "
                                         "socket); expected a folder to write into")
    where = _nearest_existing(Path(value))
    if not where.is_dir():  # a new folder under a file, a device or a pipe
        raise argparse.ArgumentTypeError(f"{value}: {where} is not a folder; expected a "
                                         "folder to write into")
    if not os.access(where, os.W_OK):
        raise argparse.ArgumentTypeError(f"{value}: {where} is read-only; expected a folder "
                                         "jamsos may write")
    return value
