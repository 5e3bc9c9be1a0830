"""The briefing deck as an editable PowerPoint (python-pptx), for Disnaker and Bappeda staff
who present from PowerPoint and adapt slides.

The same six slides and words as the PDF (:mod:`.briefing`), on a 16:9 template the office
can replace with its own (``--pptx-template``; the shipped one is plain). Charts are native
PowerPoint charts whose data can be edited, not pictures; text sits in text boxes that wrap
and shrink to fit their box.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from .. import defaults
from ..engine.summaries import TOTAL_SLUG
from ..errors import InputError, Problem
from ..files import write_atomically
from ..months import parse_month
from ..params import BASELINE, featured_scenario
from .briefing import KEY_ASSUMPTIONS, cap_line, listing_line
from .data import ReportData
from .formatting import compact, compact_rupiah, month_name, percent
from .headline import headline
from .provenance import owner_text, value_text
from .sections import observed_points
from .texts import text

TEMPLATE = defaults.TEMPLATES_DIR / "briefing.pptx"
DARK, MUTED, BRAND = RGBColor(0x11, 0x11, 0x11), RGBColor(0x55, 0x55, 0x55), RGBColor(
    0x1F, 0x3B, 0x5C)


def open_template(path: str | Path | None) -> Presentation:
    """The office's template (or the shipped one): a .pptx with a 16:9 slide size and a
    layout with a title. Anything else is bad input naming the file and the reason."""
    path = Path(path) if path else TEMPLATE
    source = f"--pptx-template {path}"
    if path.suffix.lower() != ".pptx" or not path.is_file():
        raise InputError(Problem(source, "", path.name, "an existing PowerPoint file (.pptx)"))
    try:
        deck = Presentation(str(path))
    except Exception:  # python-pptx raises several kinds for a file that is not a deck
        raise InputError(Problem(source, "", path.name,
                                 "a PowerPoint file (.pptx) that PowerPoint can open")) from None
    ratio = deck.slide_width / deck.slide_height
    if abs(ratio - 16 / 9) > 0.02:
        raise InputError(Problem(source, "slide size", f"{ratio:.2f}:1",
                                 "a 16:9 slide size (Design > Slide Size > Widescreen)"))
    if _layout(deck, with_title=True) is None:
        raise InputError(Problem(source, "layouts", [layout.name for layout in
                                                     deck.slide_layouts],
                                 "a slide layout with a title placeholder (e.g. Title Only)"))
    return deck


def _layout(deck, with_title: bool):
    """'Title Only' where the template has it, else the first layout with (or without) a
    title placeholder and nothing else to fill."""
    layouts = list(deck.slide_layouts)
    named = [lay for lay in layouts if lay.name.lower() == ("title only" if with_title
                                                             else "blank")]
    if named:
        return named[0]
    for lay in layouts:
        kinds = {ph.placeholder_format.idx for ph in lay.placeholders} - {10, 11, 12}
        if (kinds == {0}) if with_title else not kinds:
            return lay
    return None


def build(data: ReportData, region: str, template: str | Path | None = None) -> Presentation:
    deck = open_template(template)
    h = headline(data, region)
    width = deck.slide_width
    for draw in (_title, _where_we_stand, _options, _costs, _families, _steps):
        draw(deck, data, region, h, width)
    for number, slide in enumerate(deck.slides, 1):
        _box(slide, 0.5, 7.0, 9.0, 0.35, f"{h['region_name']} · "
             f"{month_name(data.settings.month, data.settings.lang)}", 11, MUTED)
        _box(slide, 12.0, 7.0, 0.8, 0.35, str(number), 11, MUTED, align=PP_ALIGN.RIGHT)
    return deck


def _slide(deck, title: str | None):
    layout = _layout(deck, with_title=title is not None) or _layout(deck, with_title=True)
    slide = deck.slides.add_slide(layout)
    if slide.shapes.title is not None:
        if title is None:
            slide.shapes.title.element.getparent().remove(slide.shapes.title.element)
        else:
            shape = slide.shapes.title
            shape.left, shape.top, shape.width, shape.height = (Inches(0.5), Inches(0.35),
                                                                Inches(12.3), Inches(0.9))
            shape.text = title
            _style(shape.text_frame, 36, DARK, bold=True)
            shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    return slide


def _style(frame, size: float, colour, bold: bool = False) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint shrinks what overflows
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = colour


def _box(slide, left, top, width, height, words: str, size: float, colour=DARK,
         bold: bool = False, align=PP_ALIGN.LEFT):
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = Emu(0)
    for k, line in enumerate(words.split("\n")):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.text, paragraph.alignment = line, align
    _style(frame, size, colour, bold)
    return shape


RUPIAH_MILLIONS = {"id": '"Rp "#,##0,," juta"', "en": '"Rp "#,##0,," million"'}


def _axes(chart, number_format: str) -> None:
    """A legend below, no title, readable ticks, and the value axis in the given format."""
    chart.has_title = False
    chart.has_legend, chart.legend.position = True, XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    chart.value_axis.has_major_gridlines = True
    labels = chart.value_axis.tick_labels
    labels.number_format, labels.number_format_is_linked = number_format, False
    labels.font.size = chart.category_axis.tick_labels.font.size = Pt(11)


def _title(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, None)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, width, Inches(2.85))
    band.fill.solid()
    band.fill.fore_color.rgb = BRAND
    band.line.fill.background()
    _box(slide, 0.6, 0.55, 11.5, 1.9, text("deck_title", lang), 40, RGBColor(255, 255, 255),
         bold=True)
    kind = "kabupaten" if region == TOTAL_SLUG else data.params.region(region).type
    _box(slide, 0.6, 3.3, 12, 0.9, h["region_name"], 44, bold=True)
    _box(slide, 0.6, 4.4, 12, 0.6, text("deck_briefing_for", lang,
                                         head=text(f"deck_head_{kind}", lang),
                                         month=month_name(parse_month(h["month"]), lang)), 24)
    _box(slide, 0.6, 5.1, 12, 0.5, text("deck_branch", lang), 20, MUTED)


def _where_we_stand(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s2_title", lang))
    _box(slide, 0.5, 1.5, 6.5, 1.0, compact(h["now"]["active"]["p50"], lang), 54, bold=True)
    _box(slide, 0.5, 2.55, 6.5, 0.5, text("deck_s2_active", lang), 22)
    if h["now"]["illustrative"]:
        _box(slide, 0.5, 3.05, 6.5, 0.5, text("deck_s2_illustrative", lang), 13,
             RGBColor(0x7A, 0x4A, 0x00), bold=True)
    _box(slide, 0.5, 3.7, 6.5, 1.0, percent(h["now"]["coverage"], lang), 48, bold=True)
    _box(slide, 0.5, 4.7, 6.0, 0.9, text("deck_s2_coverage", lang, pool=compact(
        h["now"]["informal_workers"], lang)), 20)
    cutoff = month_name(parse_month(h["now"]["data_cutoff"]), lang)
    _box(slide, 0.5, 6.2, 6.5, 0.5, text("now_observed" if h["now"]["from_data"]
                                         else "now_projected", lang, cutoff=cutoff), 13, MUTED)
    rows = data.table[(data.table.region == region) & (data.table.metric == "active")
                      & (data.table.scenario == BASELINE)]
    projected = {parse_month(m): round(v) for m, v in zip(rows.month, rows.p50, strict=True)}
    months_seen, values_seen, key = observed_points(data, region)
    seen = {m: round(v) for m, v in zip(months_seen, values_seen, strict=True)}
    months = list(range(min([*seen, *projected]), max(projected) + 1))
    chart_data = CategoryChartData(number_format="#,##0")
    chart_data.categories = [month_name(m, lang) for m in months]
    chart_data.add_series(data.scenario_title(BASELINE), [projected.get(m) for m in months])
    if seen:
        label = text(key, lang, month=month_name(months_seen[-1], lang))
        chart_data.add_series(label, [seen.get(m) for m in months])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE, Inches(7.2), Inches(1.5), Inches(5.6),
                                   Inches(4.8), chart_data).chart
    _axes(chart, "#,##0")
    chart.value_axis.minimum_scale = 0


def _options(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s3_title", lang))
    year_label = text("deck_s3_year", lang, year=h["apbd_year"])
    horizon = month_name(parse_month(h["horizon_end"]), lang)
    chart_data = CategoryChartData(number_format="#,##0")
    chart_data.categories = [item["title"] for item in h["scenarios"]]
    chart_data.add_series(year_label, [item["active_end_of_apbd_year"]["p50"]
                                       for item in h["scenarios"]])
    chart_data.add_series(horizon, [item["active_end_of_horizon"]["p50"]
                                    for item in h["scenarios"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.5), Inches(1.4),
                                   Inches(12.3), Inches(4.9), chart_data).chart
    _axes(chart, "#,##0")
    chart.value_axis.minimum_scale = 0
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "#,##0", False
    plot.data_labels.font.size = Pt(12)
    chart.category_axis.tick_labels.font.size = Pt(13)
    chart.category_axis.reverse_order = True  # the first scenario on top, as in the table
    _box(slide, 0.5, 6.4, 12.3, 0.5, f"{text('deck_s3_note', lang)} "
         f"{text('not_a_forecast_short', lang)}", 12, MUTED)


def _costs(deck, data, region, h, width) -> None:
    lang, year = data.settings.lang, h["apbd_year"]
    slide = _slide(deck, text("deck_s4_title", lang))
    spenders = [i for i in h["scenarios"] if i["budget_apbd_year_rp"]["total"] > 0][:4]
    chart_data = CategoryChartData(number_format='"Rp "#,##0')
    chart_data.categories = [item["title"] for item in spenders]
    chart_data.add_series(text("budget_year", lang, year=year),
                          [item["budget_apbd_year_rp"]["total"] for item in spenders])
    chart_data.add_series(text("running_cost", lang, year=h["running_year"]),
                          [item["government_running_year_rp"] for item in spenders])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.4),
                                   Inches(7.4), Inches(5.2), chart_data).chart
    _axes(chart, RUPIAH_MILLIONS[lang])
    chart.value_axis.minimum_scale = 0
    lines = []
    for item in spenders:
        said = [f"{item['title']}: {compact_rupiah(item['budget_apbd_year_rp']['total'], lang)}"
                + (" *" if item["relief_lowers_apbd_year"] else "")]
        if item["limit_apbd_year"]:
            said += [cap_line(item, lang), text("deck_s4_limit", lang, year=year, limit=text(
                f"limit_{item['limit_apbd_year']}", lang))]
        if item["cost_per_additional_worker_year_rp"]:
            said.append(f"{compact_rupiah(item['cost_per_additional_worker_year_rp'], lang)} "
                        f"{text('deck_s4_per_worker', lang)}")
        lines.append("\n".join(said))
    _box(slide, 8.2, 1.5, 4.6, 5.0, "\n\n".join(lines) or text("deck_s4_no_cap", lang), 13)
    if any(i["relief_lowers_apbd_year"] for i in spenders):
        _box(slide, 0.5, 6.6, 12, 0.35, text("deck_s4_relief", lang), 11, MUTED)


def _families(deck, data, region, h, width) -> None:
    lang, s = data.settings.lang, data.settings
    slide = _slide(deck, text("deck_s5_title", lang))
    featured = featured_scenario(data.params, s.scenarios)
    chosen = next((i for i in h["scenarios"] if i["name"] == featured),
                  max(h["scenarios"], key=lambda i: i["active_end_of_horizon"]["p50"]))
    first, last = s.month + 1, s.horizon_end
    deaths = data.cumulative(chosen["name"], "expected_deaths", region, first, last)["p50"]
    base = data.cumulative(BASELINE, "expected_deaths", region, first, last)["p50"]
    benefits = data.cumulative(chosen["name"], "benefits_rp", region, first, last)["p50"]
    _box(slide, 0.5, 1.4, 12.3, 0.6, text("deck_s5_line", lang, month=month_name(last, lang),
                                          scenario=chosen["title"]), 22)
    _box(slide, 0.5, 2.1, 3.2, 1.1, compact(deaths, lang), 54, bold=True)
    _box(slide, 3.9, 2.1, 8.9, 0.8, text("deck_s5_deaths", lang), 18)
    _box(slide, 3.9, 2.9, 8.9, 0.6, text("deck_s5_more", lang, base=compact(base, lang),
                                         extra=compact(max(deaths - base, 0), lang)), 15, MUTED)
    _box(slide, 0.5, 3.7, 12.3, 1.0, compact_rupiah(benefits, lang), 48, bold=True)
    _box(slide, 0.5, 4.7, 12.3, 0.5, text("deck_s5_benefits", lang), 18)
    code = h["region_code"] or data.regions[0].code
    rate = data.params.parameter("death_rate")
    _box(slide, 0.5, 5.4, 12.3, 0.4, text("deck_s5_death_rate", lang, rate=value_text(
        rate.at(code, s.month), rate.unit, rate.null_means, lang)), 12, MUTED)
    breakdown = data.listing(region)
    listing = (text("deck_s5_kelurahan", lang) if breakdown is None
               else listing_line(breakdown, lang))
    _box(slide, 0.5, 5.85, 12.3, 0.8, listing, 12, MUTED)


def _steps(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s6_title", lang))
    steps = text("deck_steps", lang).split("|")
    step_width = 12.3 / len(steps)
    for k, step in enumerate(steps):
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE,
                                       Inches(0.5 + k * step_width), Inches(1.5),
                                       Inches(step_width - 0.2), Inches(1.1))
        shape.fill.solid()
        shape.fill.fore_color.rgb = BRAND
        frame = shape.text_frame
        frame.text = f"{k + 1}. {step}"
        frame.margin_left = frame.margin_right = Inches(0.08)
        _style(frame, 14, RGBColor(255, 255, 255), bold=True)
        shape.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    _box(slide, 0.5, 3.0, 12.3, 0.5, text("deck_assumptions", lang), 18, bold=True)
    code = h["region_code"] or data.regions[0].code
    lines = []
    for name in KEY_ASSUMPTIONS:
        parameter = data.params.parameter(name)
        label = parameter.label_en if lang == "en" else parameter.label_id
        value = value_text(parameter.at(code, data.settings.month), parameter.unit,
                           parameter.null_means, lang, 0)
        lines.append(f"• {label}: {value}")
    _box(slide, 0.7, 3.5, 12, 2.0, "\n".join(lines), 15)
    owners = sorted({owner_text(data.params.scenarios[n], lang) for n in data.settings.scenarios})
    _box(slide, 0.5, 5.7, 12.3, 0.4, f"{text('owner', lang)}: {'; '.join(owners)}", 11, MUTED)
    _box(slide, 0.5, 6.1, 12.3, 0.6, text("deck_source", lang,
                                          version=data.settings.code_version,
                                          hash=data.params.files_hash[:12]), 10, MUTED)


def write(data: ReportData, region: str, path: str | Path,
          template: str | Path | None = None) -> Path:
    """Build the deck and write it atomically as ``path``."""
    deck = build(data, region, template)
    write_atomically(path, lambda temporary: deck.save(str(temporary)))
    return Path(path)
