"""Writing a projection's tables: a CSV file, or a Parquet dataset partitioned by province.

``--out x.csv`` (any name not ending in ``.parquet``) writes a CSV atomically, as before.
``--out x.parquet`` (a new name or a dataset written before) writes a Parquet dataset, one
folder per province (``province=35/``), first into a hidden folder beside the target, then
moved into place: a failed run leaves no half dataset, and an existing one is
replaced only once the new one is complete. Only a folder that holds nothing but such a
dataset (or nothing) is ever replaced: ``--out ~/Documents`` must not delete documents.
Text cells are neutralised as in every CSV (a formula-looking text is a text).

pandas and pyarrow are imported where a table is written: ``jamsos --help`` starts without.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Problem
from . import messages
from .options import output_file

if TYPE_CHECKING:
    import pandas as pd

    from ..engine.inputs import ProjectionRequest

PARQUET = ".parquet"
PROVINCE = "province"
TOTAL = "total"
DATASET_EXPECTED = ("a new name, an empty folder or a Parquet dataset jamsos wrote (folders "
                    "province=.. of .parquet files); or a file name ending in .csv")


def is_dataset_path(value: str | Path) -> bool:
    """Whether ``--out`` names a Parquet dataset (a folder) rather than a CSV file: by its
    name only, so an existing folder given by mistake stays refused as before."""
    return str(value).rstrip("/" + os.sep).lower().endswith(PARQUET)


def output_target(value: str) -> str:
    """argparse type of --out and --budget-out: a CSV file to write (see
    :func:`~.options.output_file`: a folder is refused as before), or a Parquet dataset
    that may be replaced, in a folder we may write; checked when the command line is read
    (exit 2, before any work). Messages in the phrases :mod:`.options` uses."""
    if not is_dataset_path(value):
        return output_file(value)
    path = Path(value.rstrip("/" + os.sep))
    try:
        parent = path.absolute().parent
        usable = parent.is_dir()
    except OSError:  # a name too long, a loop: told as output_file tells it
        return output_file(value)
    if not usable:
        raise argparse.ArgumentTypeError(f"{value}: {parent} is not a folder; expected a "
                                         "folder to write into")
    if not os.access(parent, os.W_OK):
        raise argparse.ArgumentTypeError(f"{value}: {parent} is read-only; expected a path "
                                         "jamsos may write")
    try:
        replaceable_dataset(path, "")
    except InputError:
        raise argparse.ArgumentTypeError(f"{value} is a folder; expected "
                                         f"{DATASET_EXPECTED}") from None
    return value


def replaceable_dataset(path: Path, option: str) -> None:
    """Refuse (bad input) a dataset target that holds anything but a dataset jamsos wrote."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(found.st_mode) or not stat.S_ISDIR(found.st_mode):
        if stat.S_ISREG(found.st_mode) and path.suffix.lower() == PARQUET:
            return  # a single Parquet file of the same name: replaced by the dataset
        raise InputError(Problem(option or str(path), "", str(path), DATASET_EXPECTED))
    for entry in path.iterdir():
        partition = (entry.is_dir() and not entry.is_symlink()
                     and entry.name.startswith(f"{PROVINCE}=")
                     and all(f.is_file() and f.suffix == PARQUET for f in entry.iterdir()))
        if not partition:
            raise InputError(Problem(option or str(path), "", str(path), DATASET_EXPECTED))


def with_province(frame: pd.DataFrame, request: ProjectionRequest) -> pd.DataFrame:
    """``frame`` with a province column (a small run's tables have none): the first two
    digits of the region's code, ``total`` for the run's total."""
    if PROVINCE in frame.columns:
        return frame
    province = {r.slug: r.code[:2] for r in request.regions}
    out = frame.copy()
    out[PROVINCE] = out["region"].map(province).fillna(TOTAL)
    return out


def text_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as :func:`~simulation.files.neutralised_frame` makes it, categories too (a
    large run's text columns are categories, which that function leaves as they are)."""
    import pandas as pd

    from ..files import neutralised_frame

    out = frame.copy(deep=False)
    for column in frame.columns:
        if not isinstance(frame[column].dtype, pd.CategoricalDtype):
            continue
        categories = pd.DataFrame({"c": pd.Series(frame[column].cat.categories, dtype=object)})
        safe = neutralised_frame(categories)["c"]
        out[column] = (frame[column].cat.rename_categories(list(safe)) if safe.is_unique
                       else frame[column].astype(object))  # two texts made one: as text
    return neutralised_frame(out)


def write_table(frame: pd.DataFrame, path: str, request: ProjectionRequest, option: str,
                large: bool) -> None:
    """``frame`` to ``path``: a Parquet dataset or a CSV file (see the module)."""
    from ..files import write_csv

    if is_dataset_path(path):
        write_dataset(with_province(frame, request), Path(path.rstrip("/" + os.sep)), option)
        return
    if large and option == "--out":  # the budget table is small whatever the run
        messages.say(f"jamsos: {option} {path}: for a run this large, a Parquet dataset "
                     f"({option} NAME.parquet) is several times smaller and faster to read "
                     "and write")
    write_csv(text_safe(frame), path)


def write_dataset(frame: pd.DataFrame, path: Path, option: str) -> None:
    """A Parquet dataset partitioned by province, staged beside ``path`` and moved into
    place whole; an existing dataset at ``path`` is replaced only when the new one is."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    replaceable_dataset(path, option)
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        table = pa.Table.from_pandas(text_safe(frame), preserve_index=False)
        # one file per province, named the same in every run: a rerun replaces, never adds
        pq.write_to_dataset(table, staging, partition_cols=[PROVINCE],
                            basename_template="part-{i}.parquet",
                            existing_data_behavior="overwrite_or_ignore")
        _move_into_place(staging, path, option)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, path: Path, option: str) -> None:
    """Rename ``staging`` to ``path``; an old dataset there is moved aside first, and put
    back if the new one cannot take its place (a folder cannot be swapped in one rename)."""
    replaceable_dataset(path, option)  # again: the target may have changed while writing
    if not os.path.lexists(path):
        os.replace(staging, path)
        return
    aside = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.old")
    os.replace(path, aside)
    try:
        os.replace(staging, path)
    except BaseException:
        os.replace(aside, path)
        raise
    if aside.is_dir():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        aside.unlink(missing_ok=True)
