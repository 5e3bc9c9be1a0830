"""What holds subsidised enrolment back each APBD year (the cap, the quota or the list),
and which years a contribution relief makes cheaper for a payer."""

from __future__ import annotations

import pandas as pd

from ...engine.metrics import WORKER
from ...engine.money import DEFAULT_SECTOR
from ...engine.summaries import TOTAL_SLUG
from ...months import parse_month, year_of
from ...params.schema import SECTORS
from ..words.formatting import month_name
from ..words.texts import text
from .data import ReportData


def limits_table(data: ReportData, region: str) -> pd.DataFrame:
    """Per scenario with a subsidy programme, per APBD year shown: 'pagu (terikat penuh sejak
    Januari 2027)', 'kuota', 'daftar' or '–' (no programme that year). Empty for the branch,
    where each region has its own limit."""
    lang = data.settings.lang
    if region == TOTAL_SLUG:
        return pd.DataFrame()
    first_year = year_of(data.settings.month + 1)
    budget = data.budget[(data.budget.region == region) & (data.budget.year >= first_year)]
    rows = []
    for name in data.settings.scenarios:
        own = budget[budget.scenario == name]
        if own.limit.isna().all():
            continue
        row = {text("scenario", lang): data.scenario_title(name)}
        for item in own.itertuples():
            row[year_label(item.year, item.months, lang)] = limit_text(item, lang)
        rows.append(row)
    frame = pd.DataFrame(rows).fillna("–")
    frame.attrs["note"] = text("limits_note", lang)
    return frame


def limit_text(row, lang: str) -> str:
    """One budget row's limit in words."""
    if not isinstance(row.limit, str):
        return "–"
    if row.limit == "cap" and isinstance(row.cap_binds_month, str):
        return text("limit_cap_from", lang,
                    month=month_name(parse_month(row.cap_binds_month), lang))
    return text(f"limit_{row.limit}", lang)


def year_label(year: int, months: int, lang: str) -> str:
    return str(year) if months == 12 else text("partial_year", lang, year=year, months=months)


def reliefs(data: ReportData, region: str, payer: str, year: int) -> list[str]:
    """Labels of the contribution reliefs that lower what ``payer`` pays in ``year``, with
    their months ('Diskon iuran 2026 (PP 50/2025), April–Desember 2026')."""
    lang = data.settings.lang
    code = (data.params.region(region).code if region != TOTAL_SLUG
            else data.regions[0].code)
    out = []
    # self-payers work in every sector (a share in transport); a scheme's members in theirs
    sectors = SECTORS if payer == WORKER else (DEFAULT_SECTOR,)
    for parameter in data.params.parameters.values():
        if not parameter.name.startswith("relief_") or not any(
                parameter.relieves(payer, sector) for sector in sectors):
            continue
        months = [m for m in range(year * 12, year * 12 + 12)
                  if (found := parameter.entry_at(code, m)) and (found[1].central or 0) > 0]
        if months:
            label = parameter.label_en if lang == "en" else parameter.label_id
            span = (month_name(months[0], lang) if len(months) == 1 else
                    f"{month_name(months[0], lang).split()[0]}–{month_name(months[-1], lang)}")
            out.append(f"{label}, {span}")
    return out
