"""Where private files (NIKs, names) may go: never a published or tracked folder, and only
readable by their owner.

A private folder is new (created with mode 0700) or already private: an existing folder
that others may read or write is refused, never changed (it may be someone's shared
folder). It lies in no output tree: not the ones the command writes, not reports/ or
data/pendataan/, and not a folder holding a published month (YYYY-MM/manifest.json). It
lies in no git work tree unless git ignores it. The work tree is found by its ``.git``
folder or file, so a missing git does not hide it; without git the ignore rules cannot be
evaluated in full, and only a folder the top-level ``.gitignore`` names literally and
anchored (``/data/private/``, as shipped) counts as ignored.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

from .. import defaults
from ..errors import InputError, Problem

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
_MONTH_FOLDER = re.compile(r"\d{4}-\d{2}")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _work_tree(folder: Path) -> Path | None:
    """The git work tree holding ``folder``: the nearest folder above with a ``.git``."""
    for place in (folder, *folder.parents):
        if os.path.lexists(place / ".git"):
            return place
    return None


def _git_ignores(folder: Path, tree: Path) -> bool | None:
    """Whether git ignores a new file in ``folder``; None where git cannot say (absent, or
    refusing the repository, e.g. one owned by another user)."""
    git = shutil.which("git")
    existing = next((p for p in (folder, *folder.parents) if p.is_dir()), tree)
    if git is None:
        return None
    probe = folder / ".jamsos-private-probe"
    try:
        result = subprocess.run([git, "-C", str(existing), "check-ignore", "-q", str(probe)],
                                capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return {0: True, 1: False}.get(result.returncode)


def _listed_in_gitignore(folder: Path, tree: Path) -> bool:
    """Without git: whether the work tree's top-level .gitignore names ``folder`` or a
    folder above it inside the tree by an anchored literal line, and nothing re-includes
    a part of it."""
    try:
        lines = (tree / ".gitignore").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    relative = folder.relative_to(tree).parts
    prefixes = {"/" + "/".join(relative[:n]) for n in range(1, len(relative) + 1)}
    rules = [line.strip() for line in lines]
    named = any(rule.rstrip("/") in prefixes for rule in rules
                if rule.startswith("/") and not re.search(r"[*?\[\\]", rule))
    reincluded = any(rule.startswith("!") for rule in rules)  # cannot be judged: refuse
    return named and not reincluded


def _tracked(folder: Path) -> bool:
    """Whether files in ``folder`` could end up in a commit."""
    tree = _work_tree(folder)
    if tree is None:
        return False
    ignored = _git_ignores(folder, tree)
    if ignored is None:
        ignored = _listed_in_gitignore(folder, tree)
    return not ignored


def _published_month_tree(folder: Path) -> Path | None:
    """A folder above (or at) ``folder`` that holds a published month: a report tree
    written by `jamsos monthly --out` wherever it was told."""
    for place in (folder, *folder.parents):
        if _MONTH_FOLDER.fullmatch(place.name) and (place / "manifest.json").is_file():
            return place.parent
        try:
            months = [p for p in place.iterdir() if _MONTH_FOLDER.fullmatch(p.name)]
        except OSError:
            continue
        if any((month / "manifest.json").is_file() for month in months[:500]):
            return place
    return None


def private_folder(value: str | Path, published: list[str | Path], option: str) -> Path:
    """The private folder, created with mode 0700; refused (exit 2) when it lies in an
    output tree (``published``, reports/, data/pendataan/, a folder of published months),
    where git could commit its files, or when it exists and others may read or write it."""
    folder = Path(value).resolve()
    for place in [*published, defaults.REPORTS_DIR, defaults.PENDATAAN_DIR]:
        if _inside(folder, Path(place).resolve()):
            raise InputError(Problem(option, "", str(value), f"a folder outside {place}, which "
                                     "is published: private files hold NIKs and names"))
    tree = _published_month_tree(folder)
    if tree is not None:
        raise InputError(Problem(option, "", str(value), f"a folder outside {tree}, which "
                                 "holds published reports: private files hold NIKs and names"))
    if _tracked(folder):
        raise InputError(Problem(option, "", str(value), "a folder git ignores (such as "
                                 f"{defaults.PRIVATE_DIR}): files here would show in git "
                                 "status and could be committed"))
    if folder.exists():
        _already_private(folder, value, option)
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    return folder


def _already_private(folder: Path, value: str | Path, option: str) -> None:
    """An existing folder is used only if it is already its owner's alone: it is never
    changed (a shared folder stays shared for everyone else who uses it)."""
    status = folder.stat()
    if os.name == "nt" or not stat.S_ISDIR(status.st_mode):
        return  # Windows keeps access in ACLs, not mode bits; a file is refused elsewhere
    if status.st_mode & 0o077:
        raise InputError(Problem(option, "", f"{value} (mode {stat.S_IMODE(status.st_mode):o})",
                                 "a new folder, or one only its owner may open (mode 700): "
                                 "others may read or write this one; name a new folder, or "
                                 "run chmod 700 on it if it is yours alone"))
    if status.st_uid != os.getuid():
        raise InputError(Problem(option, "", str(value), "a new folder, or one of your own: "
                                 "this one belongs to another user"))
