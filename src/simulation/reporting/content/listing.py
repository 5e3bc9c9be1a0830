"""The published kelurahan listing (pendataan aggregates) read as counts: what the
kelurahan chart draws, which kelurahan have the most verified workers, and what is hidden.

A published count is text: "37", "1.234" (a thousands separator), "<5" (a small count,
1 to 4) or "x" (hidden so that no "<5" can be worked out). Read as a number without care,
"1.234" becomes 1.234 and every "<5" and "x" becomes nothing, which ranked hidden
kelurahan last although the published row says more: Rejomulyo's 43 listed, none
already covered and fewer than 5 rejected leave at least 39 verified, more than Klegen's
37. Here each kelurahan's verified count is an interval the published row implies (the
count itself where it is published) and the ranking goes by what each is known to reach.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ...intake.suppression import PRIMARY, SECONDARY, SMALL, TOTAL_LABEL
from ..words.texts import text

SMALL_BAR = 2.0  # how long a "<5" bar is drawn: short, and labelled "<5"
COUNT = re.compile(r"^\d{1,3}(?:([.,\s\u00a0])\d{3})?(?:\1\d{3})*$|^\d+$")
PARTS = ("already_covered", "rejected")  # listed = verified + these, row by row


def count_of(cell: object) -> int | None:
    """A published count as a whole number: '37' -> 37, '1.234' or '1,234' -> 1234; None
    for '<5', 'x', an empty cell or anything that is not a count."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, (int, float)):
        return int(cell)
    words = str(cell).strip()
    if not COUNT.match(words):
        return None
    return int(re.sub(r"\D", "", words))


def bounds_of(cell: object) -> tuple[float, float]:
    """What a published cell says a count lies within: the count itself, 1 to 4 for '<5',
    anything from 0 for 'x' or text that is no count."""
    found = count_of(cell)
    if found is not None:
        return float(found), float(found)
    if str(cell).strip() == PRIMARY:
        return 1.0, float(SMALL - 1)
    return 0.0, math.inf


def counts(listing: pd.DataFrame) -> pd.DataFrame:
    """One row per named kelurahan (not the unknown row, not the totals), in the file's
    order: kecamatan, kelurahan, ``shown`` (the verified cell as published, the table's
    text), ``value`` (the count where published, else NaN), ``small`` ("<5"), ``hidden``
    ("x", or no count), and ``at_least``/``at_most``: the verified count the row implies
    (listed - already covered - rejected where the cell is hidden)."""
    named = listing[listing.code.fillna("").astype(str).str.strip() != ""]
    named = named[named.kecamatan != TOTAL_LABEL]
    rows = []
    for row in named.itertuples():
        shown = "" if pd.isna(row.verified) else str(row.verified).strip()
        low, high = bounds_of(shown)
        if count_of(shown) is None:  # hidden or small: what the rest of the row allows
            listed = bounds_of(getattr(row, "listed", None))
            parts = [bounds_of(getattr(row, p, None)) for p in PARTS]
            low = max(low, listed[0] - sum(p[1] for p in parts))
            high = min(high, listed[1] - sum(p[0] for p in parts))
        rows.append({"kecamatan": row.kecamatan, "kelurahan": row.kelurahan, "shown": shown,
                     "value": float(count_of(shown)) if count_of(shown) is not None
                     else math.nan,
                     "small": shown == PRIMARY,
                     "hidden": shown != PRIMARY and count_of(shown) is None,
                     "at_least": max(low, 0.0), "at_most": high})
    return pd.DataFrame(rows, columns=["kecamatan", "kelurahan", "shown", "value", "small",
                                       "hidden", "at_least", "at_most"])


def ranked(listing: pd.DataFrame) -> pd.DataFrame:
    """:func:`counts`, most verified workers first: by the count each kelurahan is known
    to reach (its published count, or the least its published row allows), then by the
    most it may have, then by name. A kelurahan is never ranked below one known to have
    fewer."""
    table = counts(listing)
    order = table.assign(name=table.kelurahan.astype(str).str.casefold()).sort_values(
        ["at_least", "at_most", "name"], ascending=[False, False, True], kind="stable")
    return table.loc[order.index].reset_index(drop=True)


def top_kelurahan(listing: pd.DataFrame, count: int = 3) -> list[str]:
    """The kelurahan with the most verified workers, most first (slide 5's "terbanyak").

    Ranked by :func:`ranked`; the ``count`` first, and those tied with the last of them
    (the same least count) as long as that makes at most twice ``count`` names: naming
    one of several equals would say it has more than the others; fewer names where more
    are tied. Empty when nothing verified is known, or when more than twice ``count``
    share the first place."""
    table = ranked(listing)
    table = table[table.at_least > 0]
    if not len(table):
        return []
    last = table.at_least.iloc[min(count, len(table)) - 1]
    chosen = table[table.at_least >= last]
    if len(chosen) > 2 * count:
        chosen = table[table.at_least > last]
    return list(chosen.kelurahan)


def drawn(listing: pd.DataFrame) -> pd.DataFrame:
    """What the kelurahan chart draws, shortest bar first: every published count (its
    bar and its label, the table's text) and every "<5" (a short bar labelled "<5");
    never a hidden cell, which would look like a zero."""
    table = counts(listing)
    table = table[~table.hidden].copy()
    table["length"] = table.value.where(~table.small, SMALL_BAR)
    table["label"] = table.shown
    table["name"] = table.kelurahan.astype(str).str.casefold()
    table = table.sort_values(["length", "name"], ascending=[True, False], kind="stable")
    return table.drop(columns="name").reset_index(drop=True)


def hidden_kelurahan(listing: pd.DataFrame) -> list[str]:
    """The kelurahan whose verified count is hidden ("x"): named under the chart, not
    drawn (a kelurahan's name is public; its count is what is protected)."""
    table = counts(listing)
    return list(table[table.hidden].kelurahan)


def kelurahan_series(listing: pd.DataFrame, lang: str, title: str) -> dict:
    """Everything the kelurahan chart shows: the bars (:func:`drawn`), the hidden
    kelurahan and the note naming them, its title and its alt text."""
    bars, hidden = drawn(listing), hidden_kelurahan(listing)
    note = (text("hidden_note", lang, names=", ".join(hidden), marker=SECONDARY)
            if hidden else "")
    longest = bars[bars.length == bars.length.max()] if len(bars) else bars
    alt = " ".join(part for part in (
        f"{title}.",
        text("alt_kelurahan", lang, count=len(bars),
             top=", ".join(longest.kelurahan[::-1]) or "–",
             most=longest.label.iloc[0] if len(longest) else "–"),
        note) if part)
    return {"bars": bars, "hidden": hidden, "note": note, "title": title, "alt": alt,
            "lang": lang}
