"""The office's PowerPoint template, checked before any work: a .pptx that opens, of 16:9
slides, with a layout that has a title, and no zip bomb. python-pptx alone (no matplotlib):
the monthly run checks the template while it plans."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pptx import Presentation

from .... import defaults
from ....errors import InputError, Problem

TEMPLATE = defaults.TEMPLATES_DIR / "briefing.pptx"
# what a template may expand to: python-pptx reads every part into memory, so a small file
# holding a huge member (a zip bomb) would take the machine; an office template with its
# pictures is a few MB, its XML compresses some 10 to 30 times
TEMPLATE_LIMITS = {"file": 64 * 2**20, "members": 2000, "member": 64 * 2**20,
                   "total": 128 * 2**20, "ratio": 100}


def open_template(path: str | Path | None) -> Presentation:
    """The office's template (or the shipped one): a .pptx with a 16:9 slide size and a
    layout with a title. Anything else is bad input naming the file and the reason."""
    path = Path(path) if path else TEMPLATE
    source = f"--pptx-template {path}"
    if path.suffix.lower() != ".pptx" or not path.is_file():
        raise InputError(Problem(source, "", path.name, "an existing PowerPoint file (.pptx)"))
    _check_expansion(path, source)
    try:
        deck = Presentation(str(path))
    except Exception:  # python-pptx raises several kinds for a file that is not a deck
        raise InputError(Problem(source, "", path.name,
                                 "a PowerPoint file (.pptx) that PowerPoint can open")) from None
    ratio = deck.slide_width / deck.slide_height
    if abs(ratio - 16 / 9) > 0.02:
        raise InputError(Problem(source, "slide size", f"{ratio:.2f}:1",
                                 "a 16:9 slide size (Design > Slide Size > Widescreen)"))
    if slide_layout(deck, with_title=True) is None:
        raise InputError(Problem(source, "layouts", [layout.name for layout in
                                                     deck.slide_layouts],
                                 "a slide layout with a title placeholder (e.g. Title Only)"))
    return deck


def _check_expansion(path: Path, source: str) -> None:
    """The template's zip, read from its directory before python-pptx unpacks anything:
    its size, members, each member's unpacked size and ratio, and their total, within
    :data:`TEMPLATE_LIMITS`. zipfile never unpacks more than a member's stated size (a
    member that says less fails its check), so the stated sizes bound the cost."""
    limits, size = TEMPLATE_LIMITS, path.stat().st_size
    if size > limits["file"]:
        raise InputError(Problem(source, "file size", _mib(size),
                                 f"a template of at most {_mib(limits['file'])}"))
    try:
        with zipfile.ZipFile(path) as packed:
            members = packed.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(Problem(source, "", path.name,
                                 "a PowerPoint file (.pptx) that PowerPoint can open")) from None
    if len(members) > limits["members"]:
        raise InputError(Problem(source, "parts", len(members),
                                 f"a template of at most {limits['members']:,} parts"))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits["member"] or (member.file_size > 2**20
                                                   and ratio > limits["ratio"]):
            raise InputError(Problem(
                source, "part", f"{_mib(member.file_size)} unpacked ({ratio:,.0f} times packed)",
                f"each part at most {_mib(limits['member'])} unpacked and at most "
                f"{limits['ratio']} times its packed size (not a zip bomb)"))
    total = sum(member.file_size for member in members)
    if total > limits["total"]:
        raise InputError(Problem(source, "unpacked size", _mib(total),
                                 f"a template of at most {_mib(limits['total'])} unpacked"))


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def slide_layout(deck, with_title: bool):
    """'Title Only' where the template has it, else the first layout with (or without) a
    title placeholder and nothing else to fill."""
    layouts = list(deck.slide_layouts)
    named = [lay for lay in layouts if lay.name.lower() == ("title only" if with_title
                                                             else "blank")]
    if named:
        return named[0]
    for lay in layouts:
        kinds = {ph.placeholder_format.idx for ph in lay.placeholders} - {10, 11, 12}
        if (kinds == {0}) if with_title else not kinds:
            return lay
    return None
