"""jamsos init: a working folder for a new office, from what the package ships."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .. import defaults
from ..errors import InputError, Problem
from . import messages
from .options import output_folder

LEFT_OUT = shutil.ignore_patterns("private", "__pycache__", ".ipynb_checkpoints", "*.pyc")
README = """# jamsos working folder

Written by `jamsos init`. Run the commands from this folder:

* `jamsos monthly` renders the month's reports into `reports/` (open
  `reports/YYYY-MM/index.html` in a browser);
* `jamsos params check` checks every file in `params/`;
* `jamsos project --scenarios all` prints the scenarios side by side (`jamsos project`
  alone: the policy in force).

`params/` holds every number the model uses, with its source (see `params/README.md`);
put your own scenarios in `params/local/scenarios/`. `data/` holds the monthly actuals
(`data/actuals/actuals.csv`: the shipped series is ILLUSTRATIVE until you import real
figures with `jamsos actuals import`), the published counts and the listing aggregates.
`notebooks/templates/` holds the report notebooks and `briefing.pptx`, the PowerPoint
template (replace it with your office's own 16:9 template, or pass `--pptx-template`).
`notebooks/lab/scenario_lab.ipynb` is the analysts' scenario lab and
`notebooks/lab/explorer.ipynb` the what-if explorer (`jupyter lab`); each report folder
also holds `explorer.html`, the explorer for a meeting, offline.

Folder kerja jamsos: jalankan `jamsos monthly` di folder ini untuk membuat laporan bulanan.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser(
        "init", help="write a working folder for a new office",
        description="Write DIR with params/, data/ (the shipped sample data: illustrative "
                    "actuals, published counts, synthetic listing results), notebooks/ "
                    "(report templates, the PowerPoint template, the scenario lab) and a "
                    "short README; `jamsos monthly` run inside it renders the reports.")
    init.add_argument("directory", type=output_folder, help="a new or empty folder")
    init.set_defaults(handler=run)


def _write_folder(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("params", "data", "notebooks"):
        shutil.copytree(defaults.shipped(folder), target / folder, ignore=LEFT_OUT,
                        dirs_exist_ok=True)
    for private in (target / "params" / "local").glob("*"):  # never another office's own
        if private.name != "README.md":
            shutil.rmtree(private) if private.is_dir() else private.unlink()
    (target / "reports").mkdir(exist_ok=True)
    (target / "README.md").write_text(README, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    target = Path(args.directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(Problem(str(target), "", "a file" if not target.is_dir()
                                 else "a folder with files in it",
                                 "a new or empty folder (jamsos init never overwrites)"))
    made = [] if target.exists() else [p for p in (target, *target.parents)
                                         if not p.exists()]
    try:
        _write_folder(target)
    except OSError as error:  # e.g. /proc/x: a folder no file can be written in
        # leave nothing behind: the folders made here, or the files put in the empty one
        if made:
            shutil.rmtree(made[-1], ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else \
                    child.unlink(missing_ok=True)
        raise InputError(Problem(str(target), "", error.strerror or str(error),
                                 "a folder jamsos init can create and write")) from None
    messages.say(f"jamsos: a working folder in {target}; cd there and run `jamsos monthly`",
                 file=sys.stdout)
    return 0
