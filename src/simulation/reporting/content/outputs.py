"""The names of a report's files, as the batch publishes them and the page links them."""

from __future__ import annotations


def workbook_name(region: str, month: str) -> str:
    """jamsos-kota-madiun-2026-10.xlsx: a name that still says what it is once downloaded."""
    return f"jamsos-{region}-{month}.xlsx"
