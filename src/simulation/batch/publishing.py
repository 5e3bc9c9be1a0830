"""Publishing a month as one unit, the month lock, and recovery from a killed run.

A run never writes into the published month folder ``OUT/YYYY-MM``. Its workers finish
their reports inside a new month tree beside it, ``OUT/.staging-YYYY-MM-<id>``. When every
report has ended, the run brings over what it did not re-render from the published month
(:func:`assemble`: hard links, or copies where links fail; no file is ever modified in
place, so sharing one is safe), writes the new manifest and index into the tree, marks it
complete (``.complete``) and swaps it in (:func:`swap`): the old month is renamed to
``OUT/.old-YYYY-MM-<id>``, the new tree to ``OUT/YYYY-MM``, then the old one is deleted.

A kill at any instant therefore leaves the old month in place, or no month folder and
both trees beside it, or the new month in place. :func:`recover`, run under the lock at
the start of the next run, puts back the old month if the new tree is not complete, or
moves in the new one if it is, and deletes what is left over: the result is the whole old
or the whole new month. A Ctrl-C before the swap publishes nothing.

The lock is ``OUT/.YYYY-MM.lock`` (beside the month, since the month folder is replaced),
with ``OUT/.YYYY-MM.lock.owner`` naming its holder while it is held. Nothing of the lock is
ever inside the published month; the empty lock file stays beside it after a run (deleting
a file other processes may be opening to lock would let two runs hold the month at once).
Every path moved or deleted here is checked first to be the month folder or one of its
siblings of the names above, inside the output root.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import InputError, Problem, RunLocked
from ..files import write_text_atomically
from .plan import FAILED_FOLDER, MONTH_RECORDS
from .snapshot import pid_alive

COMPLETE = ".complete"  # in a staged month tree: everything is in it, it may be swapped in
MONTH_NAME = re.compile(r"\d{4}-\d{2}")


def _month_name(month_dir: Path) -> str:
    if not MONTH_NAME.fullmatch(month_dir.name):
        raise ValueError(f"not a month folder: {month_dir}")
    return month_dir.name


def _sibling(month_dir: Path, path: Path, kind: str) -> Path:
    """``path`` if it is ``OUT/.<kind>-YYYY-MM-<id>`` beside ``month_dir``; else ValueError
    (a bug: nothing outside the output root is moved or deleted)."""
    name = _month_name(month_dir)
    if (path.parent.resolve() != month_dir.parent.resolve()
            or not re.fullmatch(rf"\.{kind}-{name}-[0-9a-f]+", path.name)):
        raise ValueError(f"{path} is not a {kind} folder of {month_dir}")
    return path


def lock_files(month_dir: Path) -> tuple[Path, Path]:
    """The lock and the file naming its holder, beside the month folder."""
    name = _month_name(month_dir)
    return month_dir.with_name(f".{name}.lock"), month_dir.with_name(f".{name}.lock.owner")


@contextmanager
def month_lock(month_dir: Path):
    """Hold the month: a second run stops at once with who holds it. The lock is the
    operating system's (filelock: flock on POSIX, msvcrt on Windows), so a run that was
    killed releases it with its process and never blocks the month for good. The owner
    file is written (atomically) only while the lock is held, and named holder is only
    believed while its process lives: a killed run's stale one misleads no one."""
    path, owner = lock_files(month_dir)
    month_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise RunLocked(f"another run ({_holder(owner)}) is writing {month_dir}; wait for it "
                        f"to finish (lock file {path})") from None
    except OSError as error:  # a folder (or anything else) where the lock file goes
        kind = "(a folder)" if path.is_dir() else f"({error.strerror or error})"
        raise InputError(Problem(str(path), "", kind, f"a lock file jamsos can create beside "
                                 f"the month {month_dir}; remove or rename what is "
                                 "there")) from None
    try:
        write_text_atomically(owner, f"pid {os.getpid()} on {socket.gethostname()}, since "
                                     f"{dt.datetime.now().isoformat(timespec='seconds')}\n")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def _holder(owner: Path) -> str:
    try:
        said = owner.read_text(encoding="utf-8").strip()
    except OSError:
        return "another process"
    found = re.fullmatch(r"pid (\d+) on (\S+),.*", said)
    if not found or (found.group(2) == socket.gethostname()
                     and not pid_alive(int(found.group(1)))):
        return "another process"  # the file is a killed run's, not the holder's
    return said


def link_tree(source: Path, target: Path) -> None:
    """Bring ``source`` (a file or folder) to ``target``: hard links where the file system
    allows them, copies elsewhere. Files already at the target are kept (this run's own);
    anything but regular files and folders is left out."""
    if source.is_symlink():
        return
    if source.is_file():
        if not target.exists():
            try:
                os.link(source, target)
            except OSError:  # another device, or a file system without hard links
                shutil.copy2(source, target)
        return
    if source.is_dir():
        target.mkdir(exist_ok=True)
        for entry in source.iterdir():
            link_tree(entry, target / entry.name)


def assemble(staging: Path, month_dir: Path, keep_index: bool) -> None:
    """Complete the staged tree with what this run did not render from the published month:
    other regions' folders, earlier failed notebooks, any other file; the index and the
    manifest only when ``keep_index`` (a run that rendered nothing)."""
    _sibling(month_dir, staging, "staging")
    if not month_dir.is_dir():
        return
    for entry in month_dir.iterdir():
        if entry.name.startswith("."):  # locks and temporaries of older versions
            continue
        if entry.name in MONTH_RECORDS and not keep_index:  # the run wrote its own
            continue
        new = staging / entry.name
        if new.exists() and not (new.is_dir() and entry.name == FAILED_FOLDER):
            continue  # re-rendered by this run
        link_tree(entry, new)


def mark_complete(staging: Path) -> None:
    write_text_atomically(staging / COMPLETE, "complete\n")


def swap(staging: Path, month_dir: Path) -> None:
    """Put a complete staged tree in the month's place (see the module's docstring)."""
    _sibling(month_dir, staging, "staging")
    if not (staging / COMPLETE).is_file():
        raise RuntimeError(f"{staging} is not complete")
    aside = _sibling(month_dir, month_dir.with_name(
        f".old-{month_dir.name}-{staging.name.rsplit('-', 1)[1]}"), "old")
    with _interrupts_deferred():  # the two renames, without a Ctrl-C between them
        if month_dir.exists():
            os.replace(month_dir, aside)
        os.replace(staging, month_dir)
    (month_dir / COMPLETE).unlink(missing_ok=True)
    if aside.exists():
        shutil.rmtree(aside)


@contextmanager
def _interrupts_deferred():
    pending = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *caught: pending.append(caught))
    except ValueError:  # not the main thread: there is nothing to defer
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending:
            raise KeyboardInterrupt


def recover(month_dir: Path) -> None:
    """Tidy what an interrupted run left (called under the lock): the whole old or the whole
    new month in place, no staged or old tree beside it, no temporaries inside."""
    name = _month_name(month_dir)
    out = month_dir.parent

    def ours(kind: str) -> list[Path]:  # only names a run makes: nothing else is touched
        return sorted(p for p in out.glob(f".{kind}-{name}-*")
                      if re.fullmatch(rf"\.{kind}-{name}-[0-9a-f]+", p.name))

    staged = {p.name.rsplit("-", 1)[1]: p for p in ours("staging")}
    for old in ours("old"):
        if not month_dir.exists():  # killed between the two renames of a swap
            new = staged.get(old.name.rsplit("-", 1)[1])
            if new is not None and (new / COMPLETE).is_file():
                os.replace(new, month_dir)  # forward: the new month was complete
            else:
                os.replace(old, month_dir)  # back
                continue
        shutil.rmtree(old, ignore_errors=True)
    for new in ours("staging"):
        shutil.rmtree(new, ignore_errors=True)
    if month_dir.is_dir():
        (month_dir / COMPLETE).unlink(missing_ok=True)
        _recover_inside(month_dir)


def _recover_inside(month_dir: Path) -> None:
    """What earlier versions, which published each report into the month folder, left."""
    for old in month_dir.glob(".old-*"):
        name = old.name[len(".old-"):].rsplit("-", 1)[0]
        if name not in ("", ".", "..") and not (month_dir / name).exists():
            os.replace(old, month_dir / name)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for staged in month_dir.glob(".tmp-*"):
        shutil.rmtree(staged, ignore_errors=True)
    for temporary in month_dir.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)
    for lock in (".lock", ".lock.owner"):  # the lock lived inside the month then
        (month_dir / lock).unlink(missing_ok=True)
