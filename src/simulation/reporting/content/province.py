"""What a report says about a region outside the tree: its informal workers and BPU counts
are province-level assumptions (BPS province figures applied to the Kemendagri population,
the national BPU rate; :mod:`...params.national`), it has no monthly data, kelurahan
listing or modelled regional scheme, and its "now" is the model's estimate. A count
published about it (params/regions/published-counts.yaml) is shown with its source as
context the model does not replay; a count of a regional scheme's members says that a
scheme is known there, though not modelled.

Every function here returns None (or the words a region with figures of its own has) for a
region of the tree, so a Madiun report reads exactly as before."""

from __future__ import annotations

import pandas as pd

from ...engine.summaries import TOTAL_SLUG
from ...months import format_month, parse_month
from ...params import BASELINE
from ...params.national import NATIONAL, PublishedCount, load_published_counts
from ..words.formatting import month_name, number, percent
from ..words.markup import inline, markdown_text
from ..words.texts import text
from .data import ReportData

# parameters that count a region's own scheme members: for a region without a known
# scheme their zero means "none known", not a count anyone made
SCHEME_COUNTS = ("subsidised_bpu", "agency_list_bpu", "wage_earner_quota")
BRANCH_ONLY = ("branch_bpu_target",)  # the Madiun branch's own figures: not this region's


def applies(data: ReportData, region: str) -> bool:
    """Whether the region's figures are province-level assumptions (a region's own report;
    never the branch total)."""
    return region != TOTAL_SLUG and data.province_level(region)


def facts(data: ReportData, region: str) -> dict:
    """The pieces of the province-level statement, in the report's language (computed once
    per report and region): region, province, population, where the employment rate and
    the informal share come from, the national BPU rate, the survey round, the ranges, and
    the references (the province figures' and the Kemendagri table's)."""
    key = ("province", region)
    if key not in data.memo:
        data.memo[key] = _facts(data, region)
    return dict(data.memo[key])


def _facts(data: ReportData, region: str) -> dict:
    lang = data.settings.lang
    figures, catalogue = data.province_figures()
    place = catalogue.by_code()[data.params.region(region).code]
    newest = max((p for p in figures.bpu_points if p.get("informal_workers")),
                 key=lambda p: str(p["month"]))
    province = place.province_code
    share = figures.informal_share.get(province,
                                       newest["informal_workers"] / float(newest["employed"]))

    def origin(found: bool) -> str:
        return (place.province if found
                else text("province_fallback", lang, province=place.province))

    title = catalogue.provenance.get("title") if isinstance(catalogue.provenance, dict) else None
    kemendagri = ([title.get(lang) or title.get("id")] if isinstance(title, dict) else []) or [
        catalogue.source]
    code, month = place.code, data.settings.month
    pool = data.params.parameter("informal_workers").at(code, month)
    bpu = data.params.parameter("active_bpu").at(code, month)
    own = (province in figures.employed) + (province in figures.informal_share)
    kind = {2: "own", 1: "mixed", 0: "national"}[own]
    return {
        "region": data.region_name(region), "province": place.province,
        "figures": text(f"province_figures_{kind}", lang, province=place.province),
        "population": number(place.population, lang),
        "employed_from": origin(province in figures.employed),
        "share_from": origin(province in figures.informal_share),
        "share": percent(share, lang),
        "rate": percent(figures.national_bpu_rate(), lang),
        "round": month_name(parse_month(str(newest["month"])), lang),
        **{f"{name}{end}": number(getattr(value, part), lang)
           for name, value in (("pool", pool), ("bpu", bpu))
           for end, part in (("", "central"), ("_low", "low"), ("_high", "high"))},
        "references": [r.text(lang) for r in figures.references] + kemendagri,
        "last_verified": figures.last_verified,
    }


def published_counts(data: ReportData, region: str) -> tuple[PublishedCount, ...]:
    """The counts published about the region (params/regions/published-counts.yaml),
    oldest first; none for a region of the tree or the branch total."""
    if not applies(data, region):
        return ()
    key = ("published", region)
    if key not in data.memo:
        code = data.params.region(region).code
        data.memo[key] = tuple(sorted((c for c in load_published_counts(data.params.root)
                                       if c.region == code), key=lambda c: c.month))
    return data.memo[key]


def published_summary(data: ReportData, region: str) -> list[dict]:
    """The published counts for summary.json (and so the national overview), in the
    report's language: month (YYYY-MM), measure, count, note, source and its url."""
    lang = data.settings.lang
    return [{"month": format_month(c.month), "measure": c.measure, "count": c.count,
             "note": c.note.in_(lang), "source": c.reference.title.in_(lang),
             "url": c.reference.url} for c in published_counts(data, region)]


def _scheme_count(data: ReportData, region: str) -> dict | None:
    """The newest published count of a regional scheme's members, as the words of a
    sentence (count, measure, month, the published figures' heading); None if none."""
    found = [c for c in published_counts(data, region) if c.measure == "scheme_members"]
    if not found:
        return None
    lang, newest = data.settings.lang, found[-1]
    return {"region": data.region_name(region), "count": number(newest.count, lang),
            "measure": text("published_measure_scheme_members", lang),
            "month": month_name(newest.month, lang), "heading": text("h_points", lang)}


def _statement(data: ReportData, region: str, markdown: bool) -> str:
    """The province-level statement; where a scheme is known from a published count, its
    second sentence says so instead of "no regional scheme is known"."""
    lang, f, counted = data.settings.lang, facts(data, region), _scheme_count(data, region)
    say = markdown_text if markdown else text
    if counted is None:
        return say("province_statement", lang, region=f["region"], figures=f["figures"])
    return say("province_statement_counted", lang, figures=f["figures"], **counted)


def _not_here(data: ReportData, region: str) -> str:
    key = "province_not_here_counted" if published_counts(data, region) else "province_not_here"
    return markdown_text(key, data.settings.lang, region=data.region_name(region))


def starting_month(data: ReportData, region: str) -> int | None:
    """The month of the province-level BPU count in force at the report month."""
    code = data.params.region(region).code
    found = data.params.parameter("active_bpu").entry_at(code, data.settings.month)
    return found[0].month if found and found[0].origin == NATIONAL else None


def statement(data: ReportData, region: str) -> str | None:
    """The plain statement (summary.json, the workbook, the deck): the pool and the BPU
    counts are province-level assumptions; no regional scheme is known (or one is known
    only from a published count, not modelled)."""
    if not applies(data, region):
        return None
    return _statement(data, region, markdown=False)


def headline_note(data: ReportData, region: str) -> str:
    """Section 1's paragraph, Markdown: the statement, what the report has not, and why
    the policy in force falls where it does."""
    lang, f, s = data.settings.lang, facts(data, region), data.settings
    said = [_statement(data, region, markdown=True), _not_here(data, region)]
    now, end = (round(data.value(BASELINE, "active", region, m)["p50"])
                for m in (s.month, s.horizon_end))
    if end < now:  # a start at the national rate, behaviour assumed as for the branch
        said.append(markdown_text("province_decline", lang, region=f["region"],
                                  end=number(end, lang), month=month_name(s.horizon_end, lang)))
    return " ".join(said)


def now_note(data: ReportData, region: str) -> str:
    """"Now" is the model's estimate, from a province-level assumption (plain text)."""
    lang, month = data.settings.lang, starting_month(data, region)
    return text("now_province", lang, region=data.region_name(region),
                month=month_name(month, lang) if month else "–")


def sources_text(data: ReportData, region: str) -> str | None:
    """The appendix's account, Markdown: how the pool and the BPU counts were made, what
    the report has not, and the references; None for a region with figures of its own."""
    if not applies(data, region):
        return None
    lang, f = data.settings.lang, facts(data, region)
    values = {k: v for k, v in f.items() if k not in ("references", "last_verified")}
    lines = [" ".join([_statement(data, region, markdown=True),
                       markdown_text("province_method", lang, **values),
                       _not_here(data, region)]),
             "", f"{text('province_sources', lang)}:", ""]
    lines += [f"- {inline(reference)}" for reference in f["references"]]
    return "\n".join(lines)


def subtitle_key(data: ReportData, region: str) -> str:
    return "report_subtitle_province" if applies(data, region) else "report_subtitle"


def no_scheme_text(data: ReportData, region: str) -> str:
    """What the schemes section says where no scheme is known (Markdown)."""
    lang = data.settings.lang
    if not applies(data, region):
        return markdown_text("no_scheme_known", lang)
    said = markdown_text("no_scheme_province", lang, region=data.region_name(region))
    counted = _scheme_count(data, region)  # known from a published count, not modelled
    return said if counted is None else " ".join(
        [said, markdown_text("scheme_counted_province", lang, **counted)])


def points_note(data: ReportData, region: str, points: pd.DataFrame) -> str:
    """What the published figures' section says above its table (Markdown); for a region
    outside the tree without points, each count published about it with its source, as
    context the model does not replay (or that there is none)."""
    lang = data.settings.lang
    if not applies(data, region) or len(points):
        return markdown_text("points_note", lang)
    name, counts = data.region_name(region), published_counts(data, region)
    if not counts:
        return markdown_text("no_points_province", lang, region=name)
    items = [markdown_text("published_point", lang, count=number(c.count, lang),
                           measure=text(f"published_measure_{c.measure}", lang),
                           month=month_name(c.month, lang),
                           marker=text("published_not_modelled", lang), note=c.note.in_(lang),
                           source=c.reference.text(lang)) for c in counts]
    return "\n".join([markdown_text("published_points_province", lang, region=name), "",
                       *(f"- {item}" for item in items)])


def appendix_origin(data: ReportData, region: str, parameter, found) -> tuple[str, str] | None:
    """Kind and source of a parameter's row in the appendix of a province-level region
    where they differ from the parameter file's own: a value filled from the province
    figures, a scheme count that is zero because no scheme is known, a region-specific
    value taken from the default; None otherwise (and for every region of the tree)."""
    if not applies(data, region):
        return None
    lang, name = data.settings.lang, data.region_name(region)
    if found is not None and found[0].origin == NATIONAL:
        return text("kind_province", lang), text("from_province", lang, region=name)
    if parameter.name in SCHEME_COUNTS:
        counted = _scheme_count(data, region)
        return text("kind_assumption", lang), (
            text("no_scheme_value", lang, region=name) if counted is None
            else text("no_scheme_value_counted", lang, **counted))
    if found is None:  # a figure of the tree's regions only (their census population)
        return "–", text("no_figure_for_region", lang, region=name)
    code = data.params.region(region).code
    own = any(set(e.by_region) - {"default"} for e in parameter.entries)
    if own and code not in found[0].by_region:
        source = "; ".join(r.text(lang) for r in parameter.references) or "–"
        return (text("kind_assumption", lang),
                text("default_for_region", lang, region=name, source=source))
    return None


def last_verified(data: ReportData, region: str, found):
    """When the province figures were last checked, for a value filled from them."""
    if found is None or found[0].origin != NATIONAL or not applies(data, region):
        return None
    return facts(data, region)["last_verified"]


def left_out_of_appendix(data: ReportData, region: str, parameter) -> bool:
    """A branch-wide parameter (the branch's target) means nothing in a province-level
    region's appendix."""
    return applies(data, region) and parameter.name in BRANCH_ONLY
