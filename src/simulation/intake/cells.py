"""What of a cell a message may show. A file sent by mistake (a lurah's list given to
`actuals import`) holds NIKs and names, so a cell is quoted only when it cannot be one:
short number-like text, or a part of a known name. Anything else is described."""

from __future__ import annotations

import math
import re

MAX_SHOWN_DIGITS = 12  # a NIK has 16; no count or code here has more than 12
_NUMBER_LIKE = re.compile(r"[-+0-9.,/\s\u00a0\u2013]{0,24}")


def digits_of(value: object) -> int:
    if isinstance(value, float) and math.isfinite(value):
        value = int(value)
    return sum(ch.isdigit() for ch in str(value))


def described(value: object) -> str:
    """A cell not shown: what kind of thing it is and how long."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"(a number of {digits_of(value)} digits, not shown)"
    text = str(value).strip()
    if text and all(ch.isdigit() or ch in " .-" for ch in text):
        return f"(a number of {digits_of(text)} digits, not shown)"
    return f"(a text of {len(text)} characters, not shown)"


def shown_number(value: object) -> object:
    """The cell itself if it is number-like with at most :data:`MAX_SHOWN_DIGITS` digits
    ('2.298', '1.234,5', '-3'), else its description."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return value if digits_of(value) <= MAX_SHOWN_DIGITS else described(value)
    text = str(value)
    if _NUMBER_LIKE.fullmatch(text) and digits_of(text) <= MAX_SHOWN_DIGITS:
        return value
    return described(value)


def shown_label(value: object) -> object:
    """A header or column name typed by hand: shown if it is a short plain word."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_ .-]{0,30}", text) and digits_of(text) <= 4:
        return value
    return described(value)
