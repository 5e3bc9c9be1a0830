"""The national overview's figures: a row per region from its report's summary.json (active
BPU now, informal workers, coverage, the APBD-year budgets of the policy in force and of the
featured scenario, the counts published about it), a row per province summing its
regions, and the total (see :mod:`.overview`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..months import parse_month
from ..params import BASELINE
from ..params.national import COUNT_MEASURES
from ..reporting.words.formatting import month_name, number
from ..reporting.words.texts import text
from .overview_texts import say

HTML_FILE, BOOK_FILE = "overview.html", "overview.xlsx"


@dataclass(frozen=True)
class OverviewRegion:
    """A region of the overview, as the parameters describe it."""

    slug: str
    name: str
    code: str
    province_code: str
    province: str
    assumed: bool  # its figures are province-level assumptions (not the branch's data)
    schemes: tuple[str, ...] = ()  # titles of the regional schemes known, in the language
    status: str = "ok"  # this run's outcome: "ok" or "failed"


@dataclass(frozen=True)
class Published:
    """A count published about a region outside the tree, as its report's summary.json
    gives it (``province_level.published_counts``): context the model does not replay."""

    count: int
    month: int | None  # None: not a YYYY-MM month
    measure: str  # active_bpu | scheme_members (another word is shown as it is)
    source: str  # the source's title, in the report's language
    url: str | None  # only an http(s) address


@dataclass(frozen=True)
class Row:
    """A region with the numbers its summary.json gives (None: not there)."""

    region: OverviewRegion
    has_report: bool
    assumed: bool  # as the report says (summary.json's now.province_level), else the params
    active: int | None = None
    informal: int | None = None
    coverage: float | None = None
    baseline_rp: int | None = None
    featured_rp: int | None = None  # None also where the scenario changes nothing
    featured_shown: bool = False
    illustrative: bool = False
    baseline_relief: bool = False  # a contribution relief lowers the budget shown
    featured_relief: bool = False
    published: tuple[Published, ...] = ()  # oldest first


@dataclass(frozen=True)
class ProvinceTotal:
    code: str
    name: str
    regions: int
    assumed: int
    active: int
    informal: int
    baseline_rp: int
    featured_rp: int  # the policy in force's figure where the scenario changes nothing

    @property
    def coverage(self) -> float | None:
        return self.active / self.informal if self.informal else None


@dataclass(frozen=True)
class Overview:
    month: int
    lang: str
    apbd_year: int | None
    baseline_title: str
    featured: str | None  # None: only the policy in force (no other featured scenario)
    featured_title: str
    rows: tuple[Row, ...]
    provinces: tuple[ProvinceTotal, ...]
    total: ProvinceTotal


def _read_summary(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _month(value: object) -> int | None:
    try:
        return parse_month(str(value))
    except (InputError, ValueError):
        return None


def _published(summary: dict) -> tuple[Published, ...]:
    """The published counts of a summary.json (``province_level.published_counts``), each
    with a whole count of 0 or more; anything else is left out."""
    said = summary.get("province_level")
    items = said.get("published_counts") if isinstance(said, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        count, url = item.get("count"), item.get("url")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            continue
        url = url if isinstance(url, str) and url.startswith(("https://", "http://")) else None
        found.append(Published(count, _month(item.get("month")), str(item.get("measure", "")),
                               str(item.get("source") or ""), url))
    return tuple(sorted(found, key=lambda p: (p.month is None, p.month or 0)))


def published_text(found: Published, lang: str) -> str:
    """A published count as the reports write it, with what it counts and its month:
    "82.093 (peserta yang iurannya dibayar skema daerah, Desember 2025)"."""
    measure = (text(f"published_measure_{found.measure}", lang)
               if found.measure in COUNT_MEASURES else found.measure)
    month = month_name(found.month, lang) if found.month is not None else "–"
    return f"{number(found.count, lang)} ({measure}, {month})"


def schemes_text(row: Row, lang: str) -> str:
    """The regional schemes the parameters know; where there is none, whether a published
    count of a scheme's members makes one known (though not modelled)."""
    if row.region.schemes:
        return "; ".join(row.region.schemes)
    counted = any(p.measure == "scheme_members" for p in row.published)
    return say("ov_scheme_published" if counted else "ov_no_scheme", lang)


def _row(region: OverviewRegion, summary: dict | None, featured: str | None,
         has_report: bool) -> Row:
    if not summary:
        return Row(region, has_report, region.assumed)
    now = summary.get("now") or {}
    said = now.get("province_level")
    by_name = {s.get("name"): s for s in summary.get("scenarios") or [] if isinstance(s, dict)}

    def budget(name: str | None) -> int | None:
        found = by_name.get(name)
        return ((found.get("budget_apbd_year_rp") or {}).get("total")
                if found is not None else None)

    def relief(name: str | None) -> bool:
        return bool((by_name.get(name) or {}).get("relief_lowers_apbd_year"))

    return Row(region, has_report, said if isinstance(said, bool) else region.assumed,
               (now.get("active") or {}).get("p50"),
               now.get("informal_workers"), now.get("coverage"), budget(BASELINE),
               budget(featured), featured in by_name, bool(now.get("illustrative")),
               relief(BASELINE), relief(featured), _published(summary))


def _sum(values: Iterable[int | None]) -> int:
    return sum(v for v in values if v is not None)


def _total(code: str, name: str, rows: list[Row]) -> ProvinceTotal:
    return ProvinceTotal(
        code, name, len(rows), sum(r.assumed for r in rows),
        _sum(r.active for r in rows), _sum(r.informal for r in rows),
        _sum(r.baseline_rp for r in rows),
        _sum(r.featured_rp if r.featured_shown else r.baseline_rp for r in rows))


def build(month_dir: Path, month: int, regions: Iterable[OverviewRegion], lang: str,
          featured: str | None) -> Overview:
    """The overview of ``regions`` from their ``month_dir/<slug>/summary.json`` (a region
    without one has a row without numbers), rows in code order."""
    featured = None if featured == BASELINE else featured
    rows, summaries = [], []
    for region in sorted(regions, key=lambda r: (r.code, r.slug)):
        folder = month_dir / region.slug
        summary = _read_summary(folder / "summary.json")
        summaries += [summary] if summary else []
        rows.append(_row(region, summary, featured, (folder / "report.html").is_file()))
    titles: dict[str, str] = {}
    for summary in summaries:
        for item in summary.get("scenarios") or []:
            if isinstance(item, dict) and isinstance(item.get("title"), str):
                titles.setdefault(item.get("name"), item["title"])
    apbd_year = next((s["apbd_year"] for s in summaries if isinstance(s.get("apbd_year"), int)),
                     None)
    by_province: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        by_province.setdefault((row.region.province_code, row.region.province), []).append(row)
    provinces = tuple(_total(code, name, members)
                      for (code, name), members in sorted(by_province.items()))
    return Overview(month, lang, apbd_year, titles.get(BASELINE, text("policy_in_force", lang)),
                    featured, titles.get(featured, featured or ""), tuple(rows), provinces,
                    _total("", say("ov_total", lang), rows))
