"""Calendar months as plain integers, so that month arithmetic vectorises.

A month is ``year * 12 + (month - 1)``; ``2020-01`` is 24240. APBD (regional budget)
years are calendar years.
"""

from __future__ import annotations

import re

from .errors import InputError, Problem

_MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: object, source: str = "month", key: str = "") -> int:
    """Parse ``YYYY-MM`` into a month index; anything else is an :class:`InputError`."""
    match = _MONTH_PATTERN.match(str(text).strip()) if isinstance(text, str) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InputError(Problem(source, key, text, "a month written YYYY-MM, e.g. 2020-01"))
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def format_month(index: int) -> str:
    """Month index back to ``YYYY-MM``."""
    year, month0 = divmod(int(index), 12)
    return f"{year:04d}-{month0 + 1:02d}"


def year_of(index: int) -> int:
    return int(index) // 12


def month_of_year(index: int) -> int:
    """1 for January ... 12 for December."""
    return int(index) % 12 + 1
