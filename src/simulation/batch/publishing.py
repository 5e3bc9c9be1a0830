"""Putting a finished report in place, and the month lock.

A report is written to a temporary folder beside its destination and moved into place only
when complete: a failed or interrupted run never replaces the last good report. A lock on
the month folder stops two runs from writing the same month at once; :func:`recover` tidies
what an interrupted run left.
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import RunLocked


def publish(staged: Path, destination: Path) -> None:
    """Move a complete folder into place, keeping the old one until the new one is there."""
    previous = destination.with_name(f".old-{destination.name}-{uuid.uuid4().hex[:8]}")
    if destination.exists():
        os.replace(destination, previous)
    try:
        os.replace(staged, destination)
    except OSError:
        if previous.exists():
            os.replace(previous, destination)
        raise
    if previous.exists():
        shutil.rmtree(previous)


@contextmanager
def month_lock(month_dir: Path):
    """Hold the month: a second run stops at once with who holds it. The lock is the
    operating system's (filelock: flock on POSIX, msvcrt on Windows), so a run that was
    killed releases it with its process and never blocks the month for good."""
    month_dir.mkdir(parents=True, exist_ok=True)
    path = month_dir / ".lock"
    owner = month_dir / ".lock.owner"  # beside the lock: Windows keeps a locked file shut
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        try:
            holder = owner.read_text(encoding="utf-8").strip() or "another process"
        except OSError:
            holder = "another process"
        raise RunLocked(f"another run ({holder}) is writing {month_dir}; wait for it to "
                        f"finish (lock file {path})") from None
    try:
        owner.write_text(f"pid {os.getpid()}", encoding="utf-8")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def recover(month_dir: Path) -> None:
    """Tidy what an interrupted run left (called under the lock): a report moved aside but
    not replaced goes back; staging folders and temporary files are removed."""
    for old in month_dir.glob(".old-*"):
        name = old.name[len(".old-"):].rsplit("-", 1)[0]
        if not (month_dir / name).exists():
            os.replace(old, month_dir / name)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for staged in month_dir.glob(".tmp-*"):
        shutil.rmtree(staged, ignore_errors=True)
    for temporary in month_dir.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)
