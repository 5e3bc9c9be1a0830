"""Where private files (NIKs, names) may go: never a published or tracked folder, and only
readable by their owner."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

from .. import defaults
from ..errors import InputError, Problem

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _tracked_by_git(folder: Path) -> bool:
    """Whether git would offer a new file in ``folder`` for committing: inside a work tree
    and not ignored. False outside a repository or where git is absent."""
    git = shutil.which("git")
    existing = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    if git is None or existing is None:
        return False
    probe = folder / ".jamsos-private-probe"
    try:
        result = subprocess.run([git, "-C", str(existing), "check-ignore", "-q", str(probe)],
                                capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 1  # 0: ignored; 128: not a repository


def private_folder(value: str | Path, published: list[str | Path], option: str
                   ) -> Path:
    """The private folder, created with mode 0700; refused (exit 2) when it lies in a
    published folder (``published``, reports/, data/pendataan/) or where git tracks files."""
    folder = Path(value).resolve()
    for place in [*published, defaults.REPORTS_DIR, defaults.PENDATAAN_DIR]:
        if _inside(folder, Path(place).resolve()):
            raise InputError(Problem(option, "", str(value), f"a folder outside {place}, which "
                                     "is published: private files hold NIKs and names"))
    if _tracked_by_git(folder):
        raise InputError(Problem(option, "", str(value), "a folder git ignores (such as "
                                 f"{defaults.PRIVATE_DIR}): files here would show in git "
                                 "status and could be committed"))
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:  # readable by others: close it if it is ours
        with contextlib.suppress(PermissionError):
            os.chmod(folder, PRIVATE_FOLDER_MODE)
    return folder
