"""The ``jamsos`` command line: the parser, and errors mapped to exit statuses.

Exit status: 0 success; 2 bad input (each message names the file or option, the key, the
value and what was expected), a path no file can be at, a folder that cannot be written
(full, read-only) or a run larger than the free memory; 130
interrupted (Ctrl-C); 1 anything else (a bug: please report it with the traceback).
Each command group lives in its own module with ``add_parser(sub)`` and ``run(args)``.
Messages are in Bahasa Indonesia or English (:mod:`.messages`: ``--lang``, else the locale).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from collections.abc import Sequence

from ..deferred_imports import defer_iri_grammar
from ..errors import InputError, RunLocked
from . import (
    actuals,
    calibrate,
    cost,
    lists,
    messages,
    parameters,
    project,
    regions,
    reports,
    workspace,
)
from .options import add_message_language

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
# a path no file can be at, typed by the user: a symlink loop, a path through a file, too long
PATH_ERRORS = {errno.ELOOP, errno.ENOTDIR, errno.ENAMETOOLONG}
SAY = {  # what main() itself says, in both languages
    "memory": {"en": "the run needs more memory than this machine has free; make it smaller "
                     "(fewer --draws, --months, scenarios or --regions) or free memory",
               "id": "proses ini memerlukan memori lebih dari yang tersedia di mesin ini; "
                     "perkecil (kurangi --draws, --months, skenario atau --regions) atau "
                     "kosongkan memori"},
    "path": {"en": "{where}: {why}; expected a path to a regular file or folder",
             "id": "{where}: {why}; seharusnya jalur ke berkas atau folder biasa"},
    "write": {"en": "cannot write {where}: {why}; earlier outputs are kept as they were",
              "id": "tidak dapat menulis {where}: {why}; keluaran sebelumnya tetap seperti "
                    "semula"},
    "interrupted": {"en": "jamsos: interrupted", "id": "jamsos: dihentikan"},
    "internal": {"en": "jamsos: internal error (exit 1); please report it with the lines above",
                 "id": "jamsos: kesalahan internal (status 1); mohon laporkan bersama "
                       "baris-baris di atas"},
    "a file": {"en": "a file", "id": "sebuah berkas"},
    "a path": {"en": "a path", "id": "sebuah jalur"},
}
OUT_OF_MEMORY = f"jamsos: error: {SAY['memory']['en']}"
COMMAND_GROUPS = (project, cost, reports, lists, actuals, calibrate, parameters, regions,
                  workspace)


class Parser(argparse.ArgumentParser):
    """argparse, with its messages in the language main() chose."""

    def error(self, message: str):
        lang = messages.current()
        usage = self.format_usage()
        if lang != "en" and usage.startswith(messages.USAGE["en"]):
            usage = messages.USAGE[lang] + usage[len(messages.USAGE["en"]):]
        text = messages.error_line(messages.usage_text(message, lang), lang, self.prog)
        self.exit(EXIT_BAD_INPUT, f"{usage}{text}\n")


class CodeVersion(argparse.Action):
    """--version: the version every output states (the package's, with the git commit in a
    checkout), worked out only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help=None):  # noqa: A002 - argparse's name
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from ..batch.plan import code_version

        print(f"jamsos {code_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="jamsos",
        description="BPU enrolment and subsidy-budget scenarios for BPJS Ketenagakerjaan "
                    "Cabang Madiun (Kota Madiun, Kab. Madiun, Magetan, Ngawi, Ponorogo, "
                    "Pacitan).")
    parser.add_argument("--version", action=CodeVersion,
                        help="print the code version (with the git commit in a checkout, as "
                             "every report states it) and exit")
    parser.add_argument("--lang", dest="message_lang", choices=messages.LANGUAGES,
                        help="language of messages, for any command (default: the command's "
                             "--lang, else the locale)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.add_parser(commands)
    for command in _leaves(parser):  # every command takes --lang
        if "--lang" not in command._option_string_actions:  # noqa: SLF001
            add_message_language(command)
    return parser


def _leaves(parser: argparse.ArgumentParser):
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]  # noqa: SLF001
    if not found:
        yield parser
    for action in found:
        for child in dict.fromkeys(action.choices.values()):
            yield from _leaves(child)


def main(argv: Sequence[str] | None = None) -> int:
    defer_iri_grammar()  # before anything imports nbformat (see the module)
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = messages.choose_language(argv, os.environ)
    token = messages.use(lang)
    try:
        return _run(argv, lang)
    finally:
        messages.reset(token)


def _run(argv: list[str], lang: str) -> int:
    args = build_parser().parse_args(argv)

    def error(text: str) -> None:
        print(messages.error_line(text, lang), file=sys.stderr)

    try:
        return args.handler(args)
    except InputError as problems:
        for problem in problems.problems:
            error(messages.problem_text(problem, lang))
        return EXIT_BAD_INPUT
    except RunLocked as held:
        error(messages.usage_text(str(held), lang))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(SAY["interrupted"][lang], file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except MemoryError:  # the size asked for, not a bug: say how to make it smaller
        error(SAY["memory"][lang])
        return EXIT_BAD_INPUT
    except OSError as failed:  # the machine, not the code: a full disk, a read-only folder
        why = messages.os_error(failed.strerror, lang)
        if failed.errno in PATH_ERRORS:
            error(SAY["path"][lang].format(where=failed.filename or SAY["a path"][lang], why=why))
            return EXIT_BAD_INPUT
        if failed.errno not in WRITE_ERRORS:
            raise
        error(SAY["write"][lang].format(where=failed.filename or SAY["a file"][lang], why=why))
        return EXIT_BAD_INPUT
    except Exception:  # a bug, not a user mistake: keep the traceback for the report
        traceback.print_exc()
        print(SAY["internal"][lang], file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
