"""The national overview of a month: ``overview.html`` and ``overview.xlsx`` beside the
reports, for a run beyond the default branch (a 38-region "summary" notebook would be
unreadable).

Built from what the district reports wrote (each folder's ``summary.json``: active BPU now,
informal workers, coverage, the scenarios' APBD-year budgets) and from the parameters (the
region's province, its schemes, whether its figures are province-level assumptions). The
page has a row per region, linked to its report, and a row per province summing its
regions; a click on a column heading sorts a table (a small script of our own, allowed by
its hash in the page's Content-Security-Policy; every text is escaped). The workbook has
the same two tables as real numbers (see :mod:`.overview_book`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..files import write_atomically, write_text_atomically
from ..reporting.design.web import fetched_resources
from .overview_book import workbook
from .overview_model import BOOK_FILE, HTML_FILE, Overview, OverviewRegion, build
from .overview_page import page_html

__all__ = ["BOOK_FILE", "HTML_FILE", "Overview", "OverviewRegion", "build", "page_html",
           "workbook", "write"]


def write(month_dir: Path, month: int, regions: Iterable[OverviewRegion], lang: str,
          featured: str | None, version: str = "") -> Overview:
    """Write ``overview.html`` and ``overview.xlsx`` into ``month_dir`` (the staged month
    tree): each atomically; a page that would load or run anything else is refused."""
    found = build(month_dir, month, regions, lang, featured)
    page = page_html(found, version)
    external = fetched_resources(page, inline_scripts=True)
    if external:  # a bug: nothing in the overview may fetch or run anything
        raise RuntimeError(f"the overview would fetch or run {external[0]!r}")
    write_text_atomically(month_dir / HTML_FILE, page)
    book = workbook(found)
    write_atomically(month_dir / BOOK_FILE, lambda temporary: book.save(temporary))
    return found
