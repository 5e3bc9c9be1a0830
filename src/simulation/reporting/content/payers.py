"""Who pays what, per APBD year: the schemes' payers, outreach, and workers paying for
themselves, as full-year amounts where the projection covers the whole year.

Outreach is counted to the local government (APBD kabupaten/kota): a campaign through lurah
and RT is its work (an assumption the appendix states).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...engine.metrics import WORKER
from ...months import year_of
from ..words.formatting import compact_rupiah
from ..words.texts import text
from .data import ReportData
from .limits import reliefs, year_label

GOVERNMENT_PAYERS = ("apbd_kabkota", "apbd_provinsi", "apbn", "dbhcht")


def amounts(data: ReportData, region: str, scenario: str) -> pd.DataFrame:
    """Long table: year, months covered, payer, item, rp (p50), for one scenario: every
    scheme's spend to its payer (several payers in a region and year are several rows)."""
    rows = data.payers[(data.payers.scenario == scenario) & (data.payers.region == region)]
    table = rows.rename(columns={"rp_p50": "rp"})[["year", "months", "payer", "item", "rp"]]
    return table[table.rp != 0].reset_index(drop=True)


def by_year_and_payer(data: ReportData, region: str, scenario: str) -> dict:
    """{year: {payer: Rupiah}} for the full APBD years from the year in focus (summary.json):
    what the scenario asks of each payer."""
    table = amounts(data, region, scenario)
    table = table[(table.months == 12) & (table.year >= data.settings.apbd_year)]
    out: dict[str, dict[str, int]] = {}
    for (year, payer), group in table.groupby(["year", "payer"]):
        out.setdefault(str(year), {})[payer] = int(group.rp.sum())
    return out


def government_total(data: ReportData, region: str, scenario: str, year: int) -> int:
    """What all governments pay in a year (every item but workers' own contributions and
    what a company's CSR or a zakat agency pays): the sum of the payer table's p50 of each
    government payer and item (:func:`~...engine.summaries.payer_budget`), taken from the
    run's per-draw sums, so a run needs no payer table for it (the explorer asks this for
    every cell)."""
    sums = [per_draw for (_, payer), per_draw in data.runs[scenario].by_payer.items()
            if payer in GOVERNMENT_PAYERS]  # each (draws, units, years)
    column = year - year_of(data.request.start)
    if not sums or not 0 <= column < sums[0].shape[2]:
        return 0
    lanes = np.stack([per_draw[:, data.unit(region), column] for per_draw in sums], axis=1)
    return sum(int(round(float(median))) for median in np.percentile(lanes, 50, axis=0))


def payer_table(data: ReportData, region: str) -> pd.DataFrame:
    """Section 3: per scenario and payer, the amount of each APBD year shown (p50), the
    partial first year marked with its months."""
    lang = data.settings.lang
    first_year = year_of(data.settings.month + 1)
    rows = []
    for name in data.settings.scenarios:
        table = amounts(data, region, name)
        table = table[table.year >= first_year]
        for payer in sorted(set(table.payer), key=payer_order):
            own = table[table.payer == payer].groupby(["year", "months"]).rp.sum()
            row = {text("scenario", lang): data.scenario_title(name),
                   text("payer", lang): text(f"payer_{payer}", lang)}
            for (year, months), amount in own.items():
                marked = " *" if reliefs(data, region, payer, year) else ""
                row[year_label(year, months, lang)] = compact_rupiah(amount, lang) + marked
            rows.append(row)
    frame = pd.DataFrame(rows)
    fixed = [text("scenario", lang), text("payer", lang)]
    years = sorted(c for c in frame.columns if c not in fixed)
    frame = frame.reindex(columns=fixed + years).fillna("–") if len(frame) else frame
    frame.attrs["note"] = relief_note(data, region)
    return frame


def relief_lowers(data: ReportData, region: str, scenario: str, year: int) -> bool:
    """Whether a contribution relief lowers what a government pays in ``year``."""
    table = amounts(data, region, scenario)
    paying = set(table[(table.year == year) & (table.payer != WORKER)].payer)
    return any(reliefs(data, region, payer, year) for payer in paying)


def relief_note(data: ReportData, region: str) -> str | None:
    """The footnote to the starred cells of :func:`payer_table`, or None."""
    first_year = year_of(data.settings.month + 1)
    found: dict[str, None] = {}
    for name in data.settings.scenarios:
        table = amounts(data, region, name)
        for (year, payer), _ in table[table.year >= first_year].groupby(["year", "payer"]):
            for relief in reliefs(data, region, payer, year):
                found[f"{relief}: {text(f'payer_{payer}', data.settings.lang).lower()}"] = None
    return text("relief_note", data.settings.lang, reliefs="; ".join(found)) if found else None


def payer_order(payer: str) -> tuple[int, str]:
    """Governments first, then others (CSR, Baznas), workers last."""
    return (2 if payer == WORKER else 0 if payer in GOVERNMENT_PAYERS else 1, payer)
