"""The ``jamsos`` command line: the parser, and errors mapped to exit statuses.

Exit status: 0 success; 2 bad input (each message names the file or option, the key, the
value and what was expected), a path no file can be at, a folder that cannot be written
(full, read-only) or a run larger than the free memory; 130
interrupted (Ctrl-C); 1 anything else (a bug: please report it with the traceback).
Each command group lives in its own module with ``add_parser(sub)`` and ``run(args)``.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from ..errors import InputError, RunLocked
from . import actuals, calibrate, cost, lists, parameters, project, reports, workspace

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
# a path no file can be at, typed by the user: a symlink loop, a path through a file, too long
PATH_ERRORS = {errno.ELOOP, errno.ENOTDIR, errno.ENAMETOOLONG}
OUT_OF_MEMORY = ("jamsos: error: the run needs more memory than this machine has free; make "
                 "it smaller (fewer --draws, --months, scenarios or --regions) or free memory")
COMMAND_GROUPS = (project, cost, reports, lists, actuals, calibrate, parameters, workspace)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jamsos",
        description="BPU enrolment and subsidy-budget scenarios for BPJS Ketenagakerjaan "
                    "Cabang Madiun (Kota Madiun, Kab. Madiun, Magetan, Ngawi, Ponorogo, "
                    "Pacitan).")
    parser.add_argument("--version", action="version", version=f"jamsos {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except InputError as error:
        for problem in error.problems:
            print(f"jamsos: error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RunLocked as error:
        print(f"jamsos: error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("jamsos: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except MemoryError:  # the size asked for, not a bug: say how to make it smaller
        print(OUT_OF_MEMORY, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # the machine, not the code: a full disk, a read-only folder
        if error.errno in PATH_ERRORS:
            print(f"jamsos: error: {error.filename or 'a path'}: {error.strerror}; expected "
                  "a path to a regular file or folder", file=sys.stderr)
            return EXIT_BAD_INPUT
        if error.errno not in WRITE_ERRORS:
            raise
        where = error.filename or "a file"
        print(f"jamsos: error: cannot write {where}: {error.strerror}; earlier outputs are "
              "kept as they were", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception:  # a bug, not a user mistake: keep the traceback for the report
        traceback.print_exc()
        print("jamsos: internal error (exit 1); please report it with the lines above",
              file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
