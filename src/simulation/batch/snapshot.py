"""What one run reads, read once; and the temporary folders a killed run leaves behind.

A run copies the params folder and the data folder into a private temporary folder
(``jamsos-in-<pid>-*``, mode 0700, outside every output tree) before any report starts, and
every notebook reads the copy: an ``actuals import --replace`` during the run cannot give
the summary new figures and the districts old ones. The manifest records a hash of the copy.

Temporary folders carry the pid of the process that made them (``jamsos-in-<pid>-*`` for
the inputs, ``jamsos-k-<pid>-*`` for kernel sockets), so the next run removes those whose
process has gone (kill -9 runs no clean-up) and never another live run's.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from ..errors import InputError, Problem

INPUTS_PREFIX = "jamsos-in-"
SOCKETS_PREFIX = "jamsos-k-"
OWNED = re.compile(rf"(?:{INPUTS_PREFIX}|{SOCKETS_PREFIX})(\d+)-[^/\\]+")
# kernel socket folders of versions before the pid was in the name: removed once a day old
# (no run lasts that long: a notebook cell times out within 24 h)
UNNAMED_SOCKETS = re.compile(rf"{SOCKETS_PREFIX}[a-z0-9_]{{8}}")
UNNAMED_AGE_S = 86_400
PRIVATE_DATA = "private"  # personal lists: no report reads them, so they are not copied


def private_temporary(prefix: str) -> Path:
    """A new 0700 folder in the system's temporary folder, named with this process's pid."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs; when unsure, yes (nothing is then removed)."""
    if pid <= 0:
        return True
    if os.name == "nt":  # os.kill would terminate it there
        try:
            import psutil
        except ImportError:
            return True
        return psutil.pid_exists(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process
        return True
    return True


def clean_stale_temporaries(folder: str | Path | None = None) -> list[Path]:
    """Remove this user's ``jamsos-in-*`` and ``jamsos-k-*`` folders whose process has gone
    (and older versions' ``jamsos-k-XXXXXXXX`` a day old)."""
    removed = []
    root = Path(folder or tempfile.gettempdir())
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = OWNED.fullmatch(entry.name)
        unnamed = found is None and UNNAMED_SOCKETS.fullmatch(entry.name) is not None
        if not (found or unnamed) or (found and int(found.group(1)) == os.getpid()):
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not entry.is_dir() or entry.is_symlink():
            continue
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue  # another user's: not ours to judge
        if (time.time() - info.st_mtime > UNNAMED_AGE_S if unnamed
                else not pid_alive(int(found.group(1)))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _copy_tree(source: Path, target: Path, skip: frozenset[str] = frozenset()) -> None:
    """Regular files and folders (through symbolic links, each real folder once); hidden
    names (locks, temporaries) and special files (a FIFO would block) are left out; a link
    that leads nowhere is copied as a link, so the loader reports it as it would have."""
    seen: set[str] = set()
    pending = [(source, target, skip)]
    while pending:
        here, there, leave = pending.pop()
        real = os.path.realpath(here)
        if real in seen:
            continue
        seen.add(real)
        there.mkdir(parents=True, exist_ok=True)
        for entry in sorted(here.iterdir()):
            if entry.name.startswith(".") or entry.name in leave:
                continue
            if entry.is_dir():
                pending.append((entry, there / entry.name, frozenset()))
            elif entry.is_file():
                shutil.copyfile(entry, there / entry.name)
            elif entry.is_symlink():
                os.symlink(os.readlink(entry), there / entry.name)


def snapshot_inputs(params_dir: str | Path, data_dir: str | Path) -> Path:
    """A private copy of the params and data folders (``params/``, ``data/`` inside); the
    caller removes it. A failure half-way removes it here."""
    for option, folder in (("--params", params_dir), ("--data", data_dir)):
        if not Path(folder).is_dir():
            raise InputError(Problem(option, "", str(folder), "an existing folder"))
    root = private_temporary(INPUTS_PREFIX)
    try:
        _copy_tree(Path(params_dir), root / "params")
        _copy_tree(Path(data_dir), root / "data", frozenset({PRIVATE_DATA}))
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return root


def tree_hash(folder: Path) -> str:
    """sha256 over every file's path (relative, with /) and content, in path order."""
    digest = hashlib.sha256()
    files = sorted((p for p in folder.rglob("*") if p.is_file()),
                   key=lambda p: p.relative_to(folder).as_posix())
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
