"""The briefing deck for a bupati or wali kota: six 16:9 slides, one idea each.

Laid out with matplotlib (no LaTeX, no browser) and written with PdfPages; each slide can
also be saved as PNG, with a Markdown file of the same words, for pasting into a
ministry's own template. Numbers are rounded the way an official speaks ("3,8 ribu
pekerja", "Rp 1,2 miliar"); scenario colours and line styles are those of the HTML report.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ....params import BASELINE
from ...content.data import ReportData, load_report_data
from ...content.headline import headline
from ...content.sections import POINT_KEYS, PROVINCE_POINT
from ...content.slides import (
    cost_words,
    family_words,
    options_words,
    standing_series,
    standing_words,
    step_words,
    title_words,
)
from ...design.charts import month_axis
from ...design.slide_fit import fit_within, keep_on_page
from ...design.styles import report_style, scenario_style
from ...words.formatting import compact, month_date, month_name
from ...words.markup import escaped, inline
from ...words.texts import text
from .fonts import without_layout_tables
from .pictures import page_pictures

SLIDE_SIZE = (13.333, 7.5)  # inches, 16:9
DARK, MUTED = "#111111", "#555555"

@dataclass(frozen=True)
class Slide:
    figure: Figure
    markdown: str


def _slide(title: str | None = None) -> tuple[Figure, plt.Axes]:
    figure = plt.figure(figsize=SLIDE_SIZE)
    canvas = figure.add_axes((0, 0, 1, 1))
    canvas.set_axis_off()
    canvas.set_xlim(0, 1)
    canvas.set_ylim(0, 1)
    if title:
        canvas.text(0.05, 0.9, title, fontsize=40, fontweight="bold", color=DARK, va="center")
        canvas.plot([0.05, 0.95], [0.83, 0.83], color=DARK, linewidth=2)
    return figure, canvas


def _footer(canvas, data: ReportData, region_name: str, number: int) -> None:
    lang = data.settings.lang
    canvas.text(0.05, 0.035, f"{region_name} · {month_name(data.settings.month, lang)}",
                fontsize=13, color=MUTED)
    canvas.text(0.95, 0.035, str(number), fontsize=13, color=MUTED, ha="right")


def build(data: ReportData, region: str) -> list[Slide]:
    """The six slides for one region (slide 5 shows the kelurahan listing when there is one)."""
    h = headline(data, region)
    breakdown = data.listing(region)
    with report_style():  # every text made and measured in it: none is read as mathtext
        slides = [
            _title_slide(data, region, h),
            _where_we_stand(data, region, h),
            _what_options_deliver(data, h),
            _what_it_costs(data, h),
            _families(data, region, h, breakdown),
            _steps(data, h),
        ]
        for number, slide in enumerate(slides, 1):
            _footer(slide.figure.axes[0], data, h["region_name"], number)
            keep_on_page(slide.figure)
    return slides


def _title_slide(data: ReportData, region: str, h: dict) -> Slide:
    words = title_words(data, region, h)
    figure, canvas = _slide()
    canvas.add_patch(plt.Rectangle((0, 0.62), 1, 0.38, color="#1f3b5c"))
    canvas.text(0.05, 0.8, words["title"], fontsize=44, color="#ffffff",
                fontweight="bold", va="center", linespacing=1.2)
    canvas.text(0.05, 0.48, words["region"], fontsize=48, fontweight="bold", color=DARK)
    canvas.text(0.05, 0.36, words["for_head"], fontsize=26, color=DARK)
    canvas.text(0.05, 0.26, words["branch"], fontsize=24, color=MUTED)
    md = escaped(words)  # briefing.md: words from files stay text
    markdown = (f"# {md['title']}\n\n**{md['region']}**"
                f"\n\n{md['for_head']}\n\n{md['branch']}")
    return Slide(figure, markdown)


def _where_we_stand(data: ReportData, region: str, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s2_title", lang))
    words = standing_words(h, lang)
    left = (0.03, 0.05, 0.58, 0.8)  # the words keep clear of the chart on the right
    said = [canvas.text(0.05, 0.64, words["big"], fontsize=60 if len(words["big"]) <= 9 else 44,
                        fontweight="bold", color=DARK),
            canvas.text(0.05, 0.56, words["active"], fontsize=26, color=DARK)]
    active_line = words["active"]
    if words["flag"]:  # the big number rests on made-up monthly data
        said.append(canvas.text(0.05, 0.535, textwrap.fill(words["flag"], 48), fontsize=14,
                                va="top", fontweight="bold", color="#7a4a00"))
        active_line += f" ({words['flag']})"
    said.append(canvas.text(0.05, 0.33, words["coverage"], fontsize=56, fontweight="bold",
                            color=DARK))
    said.append(canvas.text(0.05, 0.28, textwrap.fill(words["coverage_line"], 32),
                            fontsize=22, color=DARK, va="top"))
    for artist in said:
        fit_within(figure, artist, left)
    # the note runs under the words and the chart alike, clear of the footer
    note = canvas.text(0.05, 0.1, textwrap.fill(words["note"], 112), fontsize=14,
                       color=MUTED, va="center")
    fit_within(figure, note, (0.03, 0.06, 0.97, 0.14))
    chart = figure.add_axes((0.6, 0.2, 0.35, 0.55))
    series = standing_series(data, region)
    style = scenario_style(data.params.scenarios.get(BASELINE))
    chart.plot([month_date(m) for m in series["months"]], series["projected"],
               color=style["color"], linewidth=3, linestyle=style["linestyle"],
               label=series["title"])
    marker = ({"marker": "*", "markersize": 22, "linestyle": "none"}
              if series["observed_key"] in POINT_KEYS
              else {"marker": "o", "markersize": 5, "linewidth": 1.5})
    assumed = series["observed_key"] == PROVINCE_POINT  # one assumed count, not data
    chart.plot([month_date(m) for m in series["observed_months"]], series["observed"],
               color=DARK, **marker, label=(textwrap.fill(series["observed_label"], 30)
                                            if assumed else series["observed_label"]))
    if assumed:  # the star clear of the axis, the legend under it where the line is not
        chart.margins(x=0.08, y=0.08)
    chart.set_ylim(bottom=0)
    chart.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: compact(v, lang)))
    month_axis(chart, lang)
    chart.xaxis.set_major_locator(mdates.YearLocator(5))
    chart.tick_params(labelsize=13)
    chart.legend(loc="lower left" if assumed else "lower right", frameon=False, fontsize=12)
    chart.spines[["top", "right"]].set_visible(False)
    md = escaped(words)
    markdown = (f"## {text('deck_s2_title', lang)}\n\n- **{md['big']}** "
                f"{inline(active_line)}\n- **{md['coverage']}** "
                f"{md['coverage_line']}\n\n_{md['note']}_")
    return Slide(figure, markdown)


def _what_options_deliver(data: ReportData, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s3_title", lang))
    words = options_words(h, lang)
    year_label, horizon = words["year_label"], words["horizon"]
    canvas.text(0.645, 0.76, year_label, fontsize=22, color=MUTED, ha="center")
    canvas.text(0.855, 0.76, horizon, fontsize=22, color=MUTED, ha="center")
    lines = [f"## {text('deck_s3_title', lang)}", "",
             f"| | {inline(year_label)} | {inline(horizon)} |", "|---|---|---|"]
    items = h["scenarios"]
    values = []
    step = min(0.12, 0.42 / max(len(items) - 1, 1))  # rows from 0.67 down to 0.25 at most
    for k, item in enumerate(items):
        y = 0.67 - k * step
        style = scenario_style(data.params.scenarios.get(item["name"]), k)
        canvas.plot([0.05, 0.09], [y, y], color=style["color"], linewidth=6,
                    linestyle=style["linestyle"])
        canvas.plot([0.07], [y], marker=style["marker"], color=style["color"], markersize=14)
        title = canvas.text(0.11, y, textwrap.fill(item["title"], 34), fontsize=19,
                            va="center", color=DARK, linespacing=1.1)
        fit_within(figure, title, (0.11, y - step / 2, 0.53, y + step / 2))
        year_value = compact(item["active_end_of_apbd_year"]["p50"], lang)
        end_value = compact(item["active_end_of_horizon"]["p50"], lang)
        for x, value in ((0.645, year_value), (0.855, end_value)):  # two columns, no touching
            shown = canvas.text(x, y, value, fontsize=27, fontweight="bold", va="center",
                                ha="center", color=DARK)
            fit_within(figure, shown, (x - 0.1, y - step / 2, x + 0.1, y + step / 2))
            values.append(shown)
        lines.append(f"| {inline(item['title'])} | {inline(year_value)} | {inline(end_value)} |")
    smallest = min((v.get_fontsize() for v in values), default=27)
    for value in values:  # one size for every figure, as in a table
        value.set_fontsize(smallest)
    note = words["note"]
    said = canvas.text(0.05, 0.07, textwrap.fill(note, 125), fontsize=13, color=MUTED,
                       va="bottom")
    fit_within(figure, said, (0.03, 0.065, 0.97, 0.19))  # clear of the rows and the footer
    lines += ["", f"_{inline(note)}_"]
    return Slide(figure, "\n".join(lines))


def _what_it_costs(data: ReportData, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s4_title", lang))
    words = cost_words(h, lang)
    lines = [f"## {text('deck_s4_title', lang)}", ""]
    canvas.text(0.05, 0.74, words["heading"], fontsize=22, color=MUTED)
    if words["nothing"]:  # no scenario asks a government for money that year
        canvas.text(0.05, 0.6, textwrap.fill(words["nothing"], 70), fontsize=24, color=DARK,
                    va="top")
        lines.append(inline(words["nothing"]))
    for k, said in enumerate(words["items"]):
        y = 0.63 - k * 0.15
        style = scenario_style(data.params.scenarios.get(said["item"]["name"]), k)
        canvas.plot([0.05, 0.09], [y, y], color=style["color"], linewidth=6,
                    linestyle=style["linestyle"])
        title = canvas.text(0.11, y + 0.03, said["title"], fontsize=16, va="center",
                            color=DARK)
        fit_within(figure, title, (0.11, y + 0.005, 0.58, y + 0.06))
        canvas.text(0.11, y - 0.022, said["amount"], fontsize=26, fontweight="bold",
                    va="center", color=DARK)
        canvas.text(0.11, y - 0.068, said["running"], fontsize=12, va="center", color=MUTED)
        right = said["right"]
        for n, line in enumerate(right):
            shown = canvas.text(0.6, y + 0.035 - n * 0.036, line, fontsize=13, va="center",
                                color=DARK if n == len(right) - 1 and said["per_worker"]
                                else MUTED)
            fit_within(figure, shown, (0.6, y + 0.017 - n * 0.036, 0.98, y + 0.053 - n * 0.036))
        md = escaped(said)
        lines.append(f"- **{md['title']}**: {md['amount']}; {md['running']}; "
                     + "; ".join(md["right"]))
    if words["relief"]:
        canvas.text(0.05, 0.1, words["relief"], fontsize=12, color=MUTED)
        lines += ["", f"_{inline(words['relief'])}_"]
    return Slide(figure, "\n".join(lines))


def _families(data: ReportData, region: str, h: dict, breakdown=None) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s5_title", lang))
    words = family_words(data, region, h, breakdown)
    canvas.text(0.05, 0.72, words["intro"], fontsize=24, color=DARK)
    deaths = canvas.text(0.05, 0.56, words["deaths"], fontsize=64, fontweight="bold",
                         color=DARK)
    fit_within(figure, deaths, (0.05, 0.5, 0.31, 0.7))  # '1,1 ribu' is wider than '2 ribu'
    canvas.text(0.32, 0.56, textwrap.fill(words["deaths_line"], 52), fontsize=20,
                color=DARK, va="bottom")
    canvas.text(0.32, 0.52, textwrap.fill(words["more"], 60), fontsize=17, color=MUTED,
                va="top")
    canvas.text(0.05, 0.32, words["benefits"], fontsize=56, fontweight="bold", color=DARK)
    canvas.text(0.05, 0.24, words["benefits_line"], fontsize=20, color=DARK)
    canvas.text(0.05, 0.185, words["assumption"], fontsize=13, color=MUTED, va="top")
    listing = canvas.text(0.05, 0.14, textwrap.fill(words["listing"], 125), fontsize=13,
                          color=MUTED, va="top")
    fit_within(figure, listing, (0.03, 0.065, 0.97, 0.145))  # clear of the footer
    md = escaped(words)
    markdown = (f"## {text('deck_s5_title', lang)}\n\n{md['intro']}\n\n"
                f"- **{md['deaths']}** {md['deaths_line']} ({md['more']})\n"
                f"- **{md['benefits']}** {md['benefits_line']}\n\n"
                f"_{md['assumption']}_\n\n_{md['listing']}_")
    return Slide(figure, markdown)


def _steps(data: ReportData, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s6_title", lang))
    words = step_words(data, h)
    steps = words["steps"]
    width = 0.9 / len(steps)
    for k, step in enumerate(steps):
        x = 0.05 + k * width
        canvas.add_patch(plt.Rectangle((x, 0.58), width - 0.02, 0.16, facecolor="#ffffff",
                                       edgecolor=DARK, linewidth=2))
        canvas.text(x + (width - 0.02) / 2, 0.66, textwrap.fill(f"{k + 1}. {step}", 16),
                    fontsize=16, ha="center", va="center", color=DARK, linespacing=1.15)
        if k < len(steps) - 1:
            canvas.annotate("", xy=(x + width, 0.66), xytext=(x + width - 0.02, 0.66),
                            arrowprops={"arrowstyle": "-|>", "color": DARK, "lw": 2})
    canvas.text(0.05, 0.48, words["heading"], fontsize=20, fontweight="bold", color=DARK)
    md = escaped(words)
    lines = [f"## {text('deck_s6_title', lang)}", "", " → ".join(md["steps"]), "",
             f"**{md['heading']}**"]
    for k, line in enumerate(words["assumptions"]):
        canvas.text(0.07, 0.41 - k * 0.055, "• " + line, fontsize=16, color=DARK)
        lines.append(f"- {inline(line)}")
    owner = canvas.text(0.05, 0.17, textwrap.fill(words["owners"], 150), fontsize=13,
                        color=MUTED)
    fit_within(figure, owner, (0.03, 0.145, 0.97, 0.21))
    said = canvas.text(0.05, 0.13, textwrap.fill(words["source"], 140), fontsize=12,
                       color=MUTED, va="top")
    fit_within(figure, said, (0.03, 0.065, 0.97, 0.135))  # clear of the footer
    lines += ["", md["owners"], "", f"_{md['source']}_"]
    return Slide(figure, "\n".join(lines))


def write(slides: list[Slide], pdf_path: str | Path, png_dir: str | Path | None = None
          ) -> None:
    """The deck as one PDF; with ``png_dir``, also slide-N.png and briefing.md there."""
    with (plt.rc_context({"pdf.fonttype": 42}), without_layout_tables(),
          PdfPages(str(pdf_path)) as pdf):
        for slide in slides:
            pdf.savefig(slide.figure)
    if png_dir is not None:
        folder = Path(png_dir)
        folder.mkdir(parents=True, exist_ok=True)
        parts = [f"{slide.markdown}\n\n![slide {number}]({name})\n" for number, (slide, name)
                 in enumerate(zip(slides, page_pictures(pdf_path, folder), strict=True), 1)]
        (folder / "briefing.md").write_text("\n---\n\n".join(parts), encoding="utf-8")
    for slide in slides:
        plt.close(slide.figure)


def write_beside(data: ReportData, region: str, pdf_path: str | Path) -> None:
    """The deck as ``pdf_path``, with slide-N.png and briefing.md in a ``briefing/`` folder
    beside it (what the monthly run publishes next to each report)."""
    write(build(data, region), pdf_path, Path(pdf_path).parent / "briefing")


def write_for(params_dir: str, region: str, month: str, scenarios: str, horizon_months: int,
              draws: int, seed: int, lang: str, pdf_path: str | Path,
              png_dir: str | Path | None = None, code_version: str | None = None,
              data_dir: str | Path | None = None) -> dict:
    """Compute and write one region's deck; returns its headline (as in summary.json)."""
    data = load_report_data(params_dir, region, month, scenarios, horizon_months, draws, seed,
                            lang, code_version, data_dir)
    slug = data.regions[0].slug
    write(build(data, slug), pdf_path, png_dir)
    return headline(data, slug)
