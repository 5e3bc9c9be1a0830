"""Writing files so that a failure never leaves a half-written file in place of a good one."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, Problem

if TYPE_CHECKING:  # pandas is imported where a frame is written: params loading needs none
    import pandas as pd

# what a path is when it is not a regular file: reading a pipe waits for ever, and replacing
# a device or a pipe (as root) breaks the machine
_NOT_REGULAR = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                (stat.S_ISBLK, "a device"))


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file ("a named pipe",
    "a folder", ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")


def write_atomically(path: str | Path, write: Callable[[str], object],
                     mode: int | None = None) -> None:
    """Call ``write(temporary_path)`` on a file beside ``path``, then move it into place.

    The temporary file (``.NAME.XXXXXXXX.tmp``) is removed if writing fails; a missing
    folder is bad input naming the path. ``mode`` (e.g. 0o600 for a private file) is the
    file's from its creation."""
    write_together([(path, write, mode)])


def write_together(writes: list[tuple[str | Path, Callable[[str], object], int | None]]
                   ) -> None:
    """Several files, all or none: each ``(path, write, mode)`` is written to a temporary
    beside its path, and only when every one is complete are they moved into place. A full
    disk or an error half-way leaves every earlier file as it was. Only a regular file (or
    a new name) is ever replaced: a symlink to a regular file is replaced by the file (what
    it points to is left alone), a device, pipe or socket never (see :func:`replaceable`)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, write, mode in writes:
            path = Path(path)
            replaceable(path)
            temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
            staged.append((temporary, path))
            if mode is not None:
                os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
            write(str(temporary))
        for _, path in staged:  # again: the destination may have changed while writing
            replaceable(path)
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def replaceable(path: Path) -> None:
    """Refuse (bad input) a destination that is not a regular file or a new name in an
    existing folder: as root, replacing /dev/full or a named pipe breaks the machine."""
    try:
        found = os.stat(path)  # follows symlinks: a link to /proc/self/fd/1 is refused too
    except FileNotFoundError:
        found = None
    except OSError as error:  # a symlink loop, a path through a file, a name too long
        raise InputError(Problem(str(path), "", error.strerror,
                                 "a path to a regular file in an existing folder")) from None
    kind = None if found is None else not_regular(found.st_mode)
    if kind is not None:
        raise InputError(Problem(str(path), "", kind if kind == "a folder" else
                                 f"a special file ({kind})", "a regular file or a new name"))
    if not path.parent.is_dir():
        raise InputError(Problem(str(path), "", str(path.parent), "an existing folder"))


def write_text_atomically(path: str | Path, content: str) -> None:
    write_atomically(path, lambda temporary: Path(temporary).write_text(content,
                                                                        encoding="utf-8"))


# a cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets,
# which can run commands or leak data (OWASP "CSV injection"): such text gets a leading quote
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A cell value that a spreadsheet shows as text: a quote before a formula start."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _one_line(value: object) -> object:
    return " ".join(value.splitlines()) if isinstance(value, str) else value


def neutralised_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and column names are all :func:`neutralised`, each on one
    line: a line break inside a cell reads as a new row to many CSV readers (pandas writes
    a lone CR unquoted), so it becomes a space."""
    import pandas
    texts = [c for c in frame.columns if frame[c].dtype == object
             or isinstance(frame[c].dtype, pandas.StringDtype)]
    safe = frame.copy()
    for column in texts:  # each distinct value once: a store has few among 360,000 rows
        fixed = {value: _one_line(neutralised(value)) for value in safe[column].unique()
                 if isinstance(value, str)}
        changed = {value: safe_value for value, safe_value in fixed.items()
                   if safe_value != value}
        if changed:
            safe[column] = safe[column].replace(changed)
    safe.columns = [neutralised(c) for c in frame.columns]
    return safe


def csv_writer(frame: pd.DataFrame, **to_csv: object) -> Callable[[str], None]:
    """What writes ``frame`` as a CSV any spreadsheet opens safely (formulas neutralised)."""
    safe = neutralised_frame(frame)
    return lambda path: safe.to_csv(path, index=False, **to_csv)


def write_csv(frame: pd.DataFrame, path: str | Path, mode: int | None = None,
              **to_csv: object) -> None:
    """:func:`csv_writer`, written atomically."""
    write_atomically(path, csv_writer(frame, **to_csv), mode)
