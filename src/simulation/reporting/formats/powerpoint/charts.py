"""The PowerPoint deck's native charts: each series in its scenario's colour of the
report's palette (:func:`..design.styles.scenario_style`), each data label written as text
the way the PDF deck says it ("3,0 ribu", "Rp 1,6 miliar"), the value axis in a unit that
needs no thousands separator. A chart's number formats are read in the viewer's locale, so
"Rp #,##0 juta" showed "Rp 1,600 juta" under en-US, which an Indonesian reader takes for
1,6 juta; text labels and separator-free ticks read the same everywhere.

The charts' data are written into each chart's workbook (PowerPoint's Edit Data) with every
text neutralised, as in the XLSX and CSV outputs.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Inches, Pt, lazyproperty
from xlsxwriter import Workbook

from ....files import neutralised
from ...content.data import ReportData
from ...content.office import ChartContent
from ...design.styles import scenario_style

DARK, MUTED = RGBColor(0x11, 0x11, 0x11), RGBColor(0x55, 0x55, 0x55)


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


def _chart_data(categories, series) -> CategoryChartData:
    """A chart's data whose every text (category, series name) is neutralised as in the
    XLSX and CSV outputs: it is written into the chart's workbook too. Numbers stay whole
    numbers without a format that a viewer's locale would group its own way."""
    chart_data = _TextChartData(number_format="0")
    chart_data.categories = [neutralised(c) for c in categories]
    for name, values in series:
        chart_data.add_series(neutralised(name), values)
    return chart_data


# matplotlib's line styles of the palette, in PowerPoint's dashes (a grey print tells the
# lines apart as the report's charts do)
DASHES = {"solid": MSO_LINE_DASH_STYLE.SOLID, "dashed": MSO_LINE_DASH_STYLE.DASH,
          "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT, "dotted": MSO_LINE_DASH_STYLE.ROUND_DOT}


def _look(data: ReportData, scenario: str | None) -> tuple[RGBColor, object]:
    """A scenario's colour and dash in the report's palette (what was observed: dark and
    solid, as in the PDF deck)."""
    if scenario is None:
        return DARK, MSO_LINE_DASH_STYLE.SOLID
    order = (data.settings.scenarios.index(scenario) if scenario in data.settings.scenarios
             else 0)
    style = scenario_style(data.params.scenarios.get(scenario), order)
    dash = style["linestyle"]
    return (RGBColor.from_string(style["color"].lstrip("#").upper()),
            DASHES.get(dash, MSO_LINE_DASH_STYLE.DASH) if isinstance(dash, str)
            else MSO_LINE_DASH_STYLE.DASH)


def add_chart(slide, data: ReportData, content: ChartContent, kind, place: tuple[float, ...]):
    """A native chart of ``content`` at ``place`` (left, top, width, height in inches): each
    series in its scenario's colour, each data label the words the PDF deck says, the value
    axis in a unit that needs no thousands separator. None when there is nothing to chart
    (``content.empty`` says why, for the slide to say)."""
    left, top, width, height = place
    if content.empty is not None or not content.categories or not content.series:
        return None
    chart_data = _chart_data(content.categories, [(s.name, s.values) for s in content.series])
    chart = slide.shapes.add_chart(kind, Inches(left), Inches(top), Inches(width),
                                   Inches(height), chart_data).chart
    _axes(chart, content)
    line = kind == XL_CHART_TYPE.LINE
    if not line:
        chart.plots[0].gap_width = GAP
        chart.category_axis.tick_labels.font.size = Pt(13)
    for shown, said in zip(chart.plots[0].series, content.series, strict=True):
        colour, dash = _look(data, said.scenario)
        if line:
            _line_series(shown, said, colour, dash)
        else:
            shown.invert_if_negative = False
            shown.format.fill.solid()
            shown.format.fill.fore_color.rgb = colour
            shown.format.line.color.rgb = colour
    size, lines = (12.0, 1) if line else _label_fit(content, width)
    for shown, said in zip(chart.plots[0].series, content.series, strict=True):
        for k, label in enumerate(said.labels):
            if label:
                _label(shown.points[k], "\n".join(stacked(label, lines)), size,
                       XL_LABEL_POSITION.ABOVE if line else XL_LABEL_POSITION.OUTSIDE_END)
    return chart


GAP = 60  # between groups of columns, in % of a column's width


def _label_fit(content: ChartContent, width: float) -> tuple[float, int]:
    """The size (points) and lines of the columns' labels: the fewest lines (one, number
    over unit, or one word a line) whose widest fits its column at 12 points, else the
    arrangement that fits at the largest size (at least 8), so neighbouring labels never
    touch (the plot is some 80% of the chart's width; a bold character some 0.75 em)."""
    columns = len(content.categories) * (len(content.series) + GAP / 100)
    column = width * 0.8 / columns * 72
    labels = [label for s in content.series for label in s.labels if label]
    fits = []
    for lines in (1, 2, 3):
        widest = max((len(part) for label in labels for part in stacked(label, lines)),
                     default=1)
        fits.append((min(12.0, column / (0.75 * widest)), -lines))
    size, lines = max(fits)  # the largest size; on a tie, the fewest lines
    return max(8.0, size), -lines


def _line_series(shown, said, colour: RGBColor, dash) -> None:
    shown.smooth = False
    shown.marker.style = XL_MARKER_STYLE.STAR if said.markers_only else (
        XL_MARKER_STYLE.CIRCLE if said.scenario is None else XL_MARKER_STYLE.NONE)
    if said.scenario is None:
        shown.marker.size = 14 if said.markers_only else 5
        shown.marker.format.fill.solid()
        shown.marker.format.fill.fore_color.rgb = colour
        shown.marker.format.line.color.rgb = colour
    if said.markers_only:
        shown.format.line.fill.background()
    else:
        shown.format.line.color.rgb = colour
        shown.format.line.width = Pt(3 if said.scenario is not None else 1.5)
        shown.format.line.dash_style = dash


def stacked(words: str, lines: int) -> list[str]:
    """A label in at most ``lines`` lines: 'Rp 3,2 miliar *' in two is 'Rp 3,2' over
    'miliar *' (the number, then its unit), in three 'Rp', '3,2', 'miliar *'."""
    if lines == 1:
        return [words]
    found = re.match(r"^(.*\d)\s+(\D.*)$", words)
    if found is None:
        return [words]
    if lines == 2:
        return [found.group(1), found.group(2)]
    return [*found.group(1).split(" "), found.group(2)]


def _label(point, words: str, size: float, position) -> None:
    """A point's data label as text: the same in every viewer's locale."""
    label = point.data_label
    write_text(label.text_frame, words, size, DARK, bold=True)
    label.position = position


def _axes(chart, content: ChartContent) -> None:
    """A legend below, no title, readable ticks, and the value axis from zero in the
    content's unit: whole numbers with no separator ('0,,' shows 1.600.000.000 as 1600,
    titled 'Rp juta'), so no viewer's locale can read 1,600 as one point six."""
    chart.has_title = False
    chart.has_legend, chart.legend.position = True, XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.minimum_scale = 0
    labels = axis.tick_labels
    labels.number_format, labels.number_format_is_linked = "0" + "," * content.scale, False
    labels.font.size = chart.category_axis.tick_labels.font.size = Pt(11)
    axis.has_title = True
    write_text(axis.axis_title.text_frame, content.axis_title, 11, MUTED)


def write_text(frame, words: str, size: float, colour: RGBColor, bold: bool = False,
               align=None) -> None:
    """``words`` as the frame's only text, a paragraph a line, each one run in the given
    size, weight and colour."""
    frame.clear()
    for k, line in enumerate(words.split("\n")):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = colour
