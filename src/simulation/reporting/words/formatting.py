"""Numbers, money and months for the reader's locale, through Babel.

Bahasa Indonesia (``id``) by default: Rp 1.234.567; 1,2 miliar; Agustus 2019.
English (``en``) on request: Rp 1,234,567; 1.2 billion; August 2019.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from ...months import month_of_year, year_of

LOCALES = {"id": "id_ID", "en": "en_US"}


def locale(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LOCALES)}") from None


def number(value: float, lang: str = "id", digits: int = 0) -> str:
    """A count: 3.763 (id) or 3,763 (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(round(value, digits), format=pattern, locale=locale(lang))


def rupiah(value: float, lang: str = "id") -> str:
    """Whole Rupiah: Rp 1.234.567."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return "Rp " + number(round(value), lang)


def compact(value: float, lang: str = "id") -> str:
    """Rounded the way an official speaks: 3,8 ribu; 1,2 miliar (id) / 3.8 thousand (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) < 1000:
        return number(value, lang)
    return format_compact_decimal(value, format_type="long", fraction_digits=1,
                                  locale=locale(lang))


def compact_rupiah(value: float, lang: str = "id") -> str:
    """Rp 1,2 miliar."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return "Rp " + compact(value, lang)


def percent(share: float, lang: str = "id", digits: int = 1) -> str:
    """12,5% (id)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(share, format=pattern, locale=locale(lang))


def month_date(index: int) -> dt.date:
    return dt.date(year_of(index), month_of_year(index), 1)


def month_name(index: int, lang: str = "id") -> str:
    """Agustus 2019 (id) / August 2019 (en)."""
    return format_date(month_date(index), "MMMM yyyy", locale=locale(lang))


def month_short(index: int, lang: str = "id") -> str:
    """Agu 2019 (id) / Aug 2019 (en), for chart ticks."""
    return format_date(month_date(index), "MMM yyyy", locale=locale(lang))


def value_range(values: dict, lang: str = "id") -> str:
    """'1.234 (1.100–1.400)': the median with its p10–p90 band, or one number if certain."""
    if values["p10"] == values["p90"]:
        return number(values["p50"], lang)
    return (f"{number(values['p50'], lang)} ({number(values['p10'], lang)}–"
            f"{number(values['p90'], lang)})")


def date_text(value: str | dt.date, lang: str = "id") -> str:
    """A date as a reader writes it: '22 Agustus 2019', 'Mei 2019' or '2016' (from a
    date, or text written YYYY, YYYY-MM or YYYY-MM-DD)."""
    if isinstance(value, dt.date):
        return format_date(value, "d MMMM yyyy", locale=locale(lang))
    parts = str(value).split("-")
    if len(parts) == 3:
        return format_date(dt.date.fromisoformat(str(value)), "d MMMM yyyy", locale=locale(lang))
    if len(parts) == 2:
        return format_date(dt.date(int(parts[0]), int(parts[1]), 1), "MMMM yyyy",
                           locale=locale(lang))
    return str(value)


def shortened(words: str, limit: int) -> str:
    """At most ``limit`` characters: cut at a space where one is near, ending with '…'."""
    if len(words) <= limit:
        return words
    cut = words[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.8 else cut).rstrip() + "…"
