"""The ``jamsos`` command line: the parser, and errors mapped to exit statuses.

Exit status: 0 success; 2 bad input (each message names the file or option, the key, the
value and what was expected); 1 anything else (a bug: please report it with the traceback).
Each command group lives in its own module with ``add_parser(sub)`` and ``run(args)``.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from ..errors import InputError, RunLocked
from . import actuals, calibrate, cost, lists, parameters, project, reports, workspace

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
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
