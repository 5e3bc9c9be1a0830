"""Writing files so that a failure never leaves a half-written file in place of a good one."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, Problem


def write_atomically(path: str | Path, write: Callable[[str], object]) -> None:
    """Call ``write(temporary_path)`` on a file beside ``path``, then move it into place.

    The temporary file (``.NAME.XXXXXXXX.tmp``) is removed if writing fails; a missing
    folder is bad input naming the path."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(Problem(str(path), "", str(path.parent), "an existing folder"))
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(str(temporary))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(path: str | Path, content: str) -> None:
    write_atomically(path, lambda temporary: Path(temporary).write_text(content,
                                                                        encoding="utf-8"))
