"""Fonts embedded in the deck's PDF without their OpenType layout tables.

matplotlib embeds each font as a subset made with fontTools, keeping the GSUB, GPOS, GDEF
and kern tables. A PDF never uses them: the glyphs are already shaped and placed when the
page is drawn, and viewers draw the glyphs they are given. Subsetting those tables is most
of the work, about 0.3 s per font (DejaVu Sans, bold, and its ligatures: three per deck);
without them it takes 0.03 s. The glyphs, their widths and the text a reader copies are
the same (the tests read the deck's text and check the tables are gone).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern")


@contextmanager
def without_layout_tables() -> Iterator[None]:
    """Within the block, fontTools subsets drop :data:`LAYOUT_TABLES` (where this fontTools
    has the class default matplotlib's options start from; otherwise nothing changes). It
    changes that default for the whole process: not for threads that subset fonts for
    something else meanwhile (a kernel or a command writes one deck at a time)."""
    from fontTools.subset import Options

    default = getattr(Options, "_drop_tables_default", None)
    if not isinstance(default, list):
        yield
        return
    Options._drop_tables_default = [*default, *LAYOUT_TABLES]
    try:
        yield
    finally:
        Options._drop_tables_default = default
