"""The briefing deck as an editable PowerPoint (python-pptx), for Disnaker and Bappeda staff
who present from PowerPoint and adapt slides.

The same six slides and words as the PDF (:mod:`.briefing`), on a 16:9 template the office
can replace with its own (``--pptx-template``; the shipped one is plain). Charts are native
PowerPoint charts whose data can be edited, not pictures; text sits in text boxes that wrap
and shrink to fit their box.
"""

from __future__ import annotations

import zipfile
from contextlib import contextmanager
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt, lazyproperty
from xlsxwriter import Workbook

from .. import defaults
from ..errors import InputError, Problem
from ..files import neutralised, write_atomically
from ..months import parse_month
from ..params import BASELINE
from .data import ReportData
from .deck_words import (
    cost_words,
    family_words,
    options_words,
    standing_words,
    step_words,
    title_words,
)
from .formatting import month_name
from .headline import headline
from .sections import observed_points
from .texts import text

TEMPLATE = defaults.TEMPLATES_DIR / "briefing.pptx"
DARK, MUTED, BRAND = RGBColor(0x11, 0x11, 0x11), RGBColor(0x55, 0x55, 0x55), RGBColor(
    0x1F, 0x3B, 0x5C)
# what a template may expand to: python-pptx reads every part into memory, so a small file
# holding a huge member (a zip bomb) would take the machine; an office template with its
# pictures is a few MB, its XML compresses some 10 to 30 times
TEMPLATE_LIMITS = {"file": 64 * 2**20, "members": 2000, "member": 64 * 2**20,
                   "total": 128 * 2**20, "ratio": 100}


def open_template(path: str | Path | None) -> Presentation:
    """The office's template (or the shipped one): a .pptx with a 16:9 slide size and a
    layout with a title. Anything else is bad input naming the file and the reason."""
    path = Path(path) if path else TEMPLATE
    source = f"--pptx-template {path}"
    if path.suffix.lower() != ".pptx" or not path.is_file():
        raise InputError(Problem(source, "", path.name, "an existing PowerPoint file (.pptx)"))
    _check_expansion(path, source)
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


def _check_expansion(path: Path, source: str) -> None:
    """The template's zip, read from its directory before python-pptx unpacks anything:
    its size, members, each member's unpacked size and ratio, and their total, within
    :data:`TEMPLATE_LIMITS`. zipfile never unpacks more than a member's stated size (a
    member that says less fails its check), so the stated sizes bound the cost."""
    limits, size = TEMPLATE_LIMITS, path.stat().st_size
    if size > limits["file"]:
        raise InputError(Problem(source, "file size", _mib(size),
                                 f"a template of at most {_mib(limits['file'])}"))
    try:
        with zipfile.ZipFile(path) as packed:
            members = packed.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(Problem(source, "", path.name,
                                 "a PowerPoint file (.pptx) that PowerPoint can open")) from None
    if len(members) > limits["members"]:
        raise InputError(Problem(source, "parts", len(members),
                                 f"a template of at most {limits['members']:,} parts"))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits["member"] or (member.file_size > 2**20
                                                   and ratio > limits["ratio"]):
            raise InputError(Problem(
                source, "part", f"{_mib(member.file_size)} unpacked ({ratio:,.0f} times packed)",
                f"each part at most {_mib(limits['member'])} unpacked and at most "
                f"{limits['ratio']} times its packed size (not a zip bomb)"))
    total = sum(member.file_size for member in members)
    if total > limits["total"]:
        raise InputError(Problem(source, "unpacked size", _mib(total),
                                 f"a template of at most {_mib(limits['total'])} unpacked"))


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


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


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's writer of a chart's embedded workbook (PowerPoint's Edit Data), with
    xlsxwriter told to keep text as text: by default it writes a string starting with '='
    as a live formula and one that looks like a URL as a link."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _TextChartData(CategoryChartData):
    @lazyproperty
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)


def _chart_data(number_format: str, categories: list[str],
                series: list[tuple[str, list]]) -> CategoryChartData:
    """A chart's data whose every text (category, series name) is neutralised as in the
    XLSX and CSV outputs: it is written into the chart's workbook too."""
    chart_data = _TextChartData(number_format=number_format)
    chart_data.categories = [neutralised(c) for c in categories]
    for name, values in series:
        chart_data.add_series(neutralised(name), values)
    return chart_data


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
    words = title_words(data, region, h)
    slide = _slide(deck, None)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, width, Inches(2.85))
    band.fill.solid()
    band.fill.fore_color.rgb = BRAND
    band.line.fill.background()
    _box(slide, 0.6, 0.55, 11.5, 1.9, words["title"], 40, RGBColor(255, 255, 255), bold=True)
    _box(slide, 0.6, 3.3, 12, 0.9, words["region"], 44, bold=True)
    _box(slide, 0.6, 4.4, 12, 0.6, words["for_head"], 24)
    _box(slide, 0.6, 5.1, 12, 0.5, words["branch"], 20, MUTED)


def _where_we_stand(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s2_title", lang))
    words = standing_words(h, lang)
    _box(slide, 0.5, 1.5, 6.5, 1.0, words["big"], 54, bold=True)
    _box(slide, 0.5, 2.55, 6.5, 0.5, words["active"], 22)
    if words["flag"]:
        _box(slide, 0.5, 3.05, 6.5, 0.5, words["flag"], 13, RGBColor(0x7A, 0x4A, 0x00),
             bold=True)
    _box(slide, 0.5, 3.7, 6.5, 1.0, words["coverage"], 48, bold=True)
    _box(slide, 0.5, 4.7, 6.0, 0.9, words["coverage_line"], 20)
    _box(slide, 0.5, 6.2, 6.5, 0.5, words["note"], 13, MUTED)
    rows = data.table[(data.table.region == region) & (data.table.metric == "active")
                      & (data.table.scenario == BASELINE)]
    projected = {parse_month(m): round(v) for m, v in zip(rows.month, rows.p50, strict=True)}
    months_seen, values_seen, key = observed_points(data, region)
    seen = {m: round(v) for m, v in zip(months_seen, values_seen, strict=True)}
    months = list(range(min([*seen, *projected]), max(projected) + 1))
    series = [(data.scenario_title(BASELINE), [projected.get(m) for m in months])]
    if seen:
        label = text(key, lang, month=month_name(months_seen[-1], lang))
        series.append((label, [seen.get(m) for m in months]))
    chart_data = _chart_data("#,##0", [month_name(m, lang) for m in months], series)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE, Inches(7.2), Inches(1.5), Inches(5.6),
                                   Inches(4.8), chart_data).chart
    _axes(chart, "#,##0")
    chart.value_axis.minimum_scale = 0


def _options(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s3_title", lang))
    words = options_words(h, lang)
    chart_data = _chart_data("#,##0", [item["title"] for item in h["scenarios"]], [
        (words["year_label"], [item["active_end_of_apbd_year"]["p50"]
                               for item in h["scenarios"]]),
        (words["horizon"], [item["active_end_of_horizon"]["p50"] for item in h["scenarios"]])])
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
    _box(slide, 0.5, 6.4, 12.3, 0.5, words["note"], 12, MUTED)


def _costs(deck, data, region, h, width) -> None:
    lang, year = data.settings.lang, h["apbd_year"]
    slide = _slide(deck, text("deck_s4_title", lang))
    words = cost_words(h, lang)
    spenders = [said["item"] for said in words["items"]]
    chart_data = _chart_data('"Rp "#,##0', [item["title"] for item in spenders], [
        (text("budget_year", lang, year=year),
         [item["budget_apbd_year_rp"]["total"] for item in spenders]),
        (text("running_cost", lang, year=h["running_year"]),
         [item["government_running_year_rp"] for item in spenders])])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.4),
                                   Inches(7.4), Inches(5.2), chart_data).chart
    _axes(chart, RUPIAH_MILLIONS[lang])
    chart.value_axis.minimum_scale = 0
    lines = ["\n".join([f"{said['title']}: {said['amount']}", *said["right"]])
             for said in words["items"]]
    _box(slide, 8.2, 1.5, 4.6, 5.0, "\n\n".join(lines) or text("deck_s4_no_cap", lang), 13)
    if words["relief"]:
        _box(slide, 0.5, 6.6, 12, 0.35, words["relief"], 11, MUTED)


def _families(deck, data, region, h, width) -> None:
    slide = _slide(deck, text("deck_s5_title", data.settings.lang))
    words = family_words(data, region, h, data.listing(region))
    _box(slide, 0.5, 1.4, 12.3, 0.6, words["intro"], 22)
    # '1,1 ribu' is wider than '2 ribu': a smaller size keeps it inside its 3.2-inch box
    _box(slide, 0.5, 2.1, 3.2, 1.1, words["deaths"], 54 if len(words["deaths"]) <= 6 else 42,
         bold=True)
    _box(slide, 3.9, 2.1, 8.9, 0.8, words["deaths_line"], 18)
    _box(slide, 3.9, 2.9, 8.9, 0.6, words["more"], 15, MUTED)
    _box(slide, 0.5, 3.7, 12.3, 1.0, words["benefits"], 48, bold=True)
    _box(slide, 0.5, 4.7, 12.3, 0.5, words["benefits_line"], 18)
    _box(slide, 0.5, 5.4, 12.3, 0.4, words["assumption"], 12, MUTED)
    _box(slide, 0.5, 5.85, 12.3, 0.8, words["listing"], 12, MUTED)


def _steps(deck, data, region, h, width) -> None:
    slide = _slide(deck, text("deck_s6_title", data.settings.lang))
    words = step_words(data, h)
    steps = words["steps"]
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
    _box(slide, 0.5, 3.0, 12.3, 0.5, words["heading"], 18, bold=True)
    _box(slide, 0.7, 3.5, 12, 2.0, "\n".join(f"• {line}" for line in words["assumptions"]), 15)
    _box(slide, 0.5, 5.7, 12.3, 0.4, words["owners"], 11, MUTED)
    _box(slide, 0.5, 6.1, 12.3, 0.6, words["source"], 10, MUTED)


def write(data: ReportData, region: str, path: str | Path,
          template: str | Path | None = None) -> Path:
    """Build the deck and write it atomically as ``path``."""
    deck = build(data, region, template)
    write_atomically(path, lambda temporary: deck.save(str(temporary)))
    return Path(path)
