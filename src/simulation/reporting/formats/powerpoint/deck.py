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
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches

from ....files import write_atomically
from ...content.data import ReportData
from ...content.headline import headline
from ...content.office import ChartContent, cost_chart, options_chart, standing_chart
from ...content.slides import (
    cost_words,
    family_words,
    options_words,
    standing_words,
    step_words,
    title_words,
)
from ...words.formatting import month_name
from ...words.texts import text
from . import charts
from .charts import DARK, MUTED
from .template import open_template, slide_layout

BRAND = RGBColor(0x1F, 0x3B, 0x5C)


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
    layout = (slide_layout(deck, with_title=title is not None)
              or slide_layout(deck, with_title=True))
    slide = deck.slides.add_slide(layout)
    if slide.shapes.title is not None:
        if title is None:
            slide.shapes.title.element.getparent().remove(slide.shapes.title.element)
        else:
            shape = slide.shapes.title
            shape.left, shape.top, shape.width, shape.height = (Inches(0.5), Inches(0.35),
                                                                Inches(12.3), Inches(0.9))
            _style(shape.text_frame, title, 36, DARK, bold=True)
    return slide


def _style(frame, words: str, size: float, colour, bold: bool = False,
           align=PP_ALIGN.LEFT) -> None:
    """``words`` in a frame that wraps, and shrinks what overflows its box."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint shrinks what overflows
    charts.write_text(frame, words, size, colour, bold, align)


def _box(slide, left, top, width, height, words: str, size: float, colour=DARK,
         bold: bool = False, align=PP_ALIGN.LEFT):
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = Emu(0)
    _style(frame, words, size, colour, bold, align)
    return shape


def _chart(slide, data: ReportData, content: ChartContent, kind, place) -> None:
    """The chart of ``content`` at ``place`` (inches); a slide with nothing to chart says
    so in words, in the deck's language, where the chart would be."""
    left, top, width, height = place
    if charts.add_chart(slide, data, content, kind, place) is None:
        _box(slide, left, top + height / 3, width, 1.2, content.empty or "", 20, MUTED)


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
    _chart(slide, data, standing_chart(data, region, h), XL_CHART_TYPE.LINE,
           (7.2, 1.5, 5.6, 4.8))


def _options(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s3_title", lang))
    words = options_words(h, lang)
    _chart(slide, data, options_chart(data, h), XL_CHART_TYPE.COLUMN_CLUSTERED,
           (0.5, 1.4, 12.3, 4.9))
    _box(slide, 0.5, 6.4, 12.3, 0.5, words["note"], 12, MUTED)


def _costs(deck, data, region, h, width) -> None:
    lang = data.settings.lang
    slide = _slide(deck, text("deck_s4_title", lang))
    words = cost_words(h, lang)
    _chart(slide, data, cost_chart(data, h), XL_CHART_TYPE.COLUMN_CLUSTERED,
           (0.5, 1.4, 7.4, 5.2))
    lines = ["\n".join([f"{said['title']}: {said['amount']}",
                        *([said["more"]] if said["more"] else []), *said["right"]])
             for said in words["items"]]
    if lines:
        _box(slide, 8.2, 1.5, 4.6, 5.0, "\n\n".join(lines), 13)
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
        frame.margin_left = frame.margin_right = Inches(0.08)
        _style(frame, f"{k + 1}. {step}", 14, RGBColor(255, 255, 255), bold=True,
               align=PP_ALIGN.CENTER)
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
