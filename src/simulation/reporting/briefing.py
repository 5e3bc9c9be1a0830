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
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ..engine.summaries import TOTAL_SLUG
from ..intake.suppression import TOTAL_LABEL
from ..months import parse_month
from ..params import BASELINE, featured_scenario
from . import payers
from .charts import month_axis
from .data import ReportData, load_report_data
from .formatting import compact, compact_rupiah, month_date, month_name, percent
from .headline import headline
from .provenance import owner_text, value_text
from .sections import observed_points
from .slide_fit import fit_within, keep_on_page
from .styles import report_style, scenario_style
from .texts import text

SLIDE_SIZE = (13.333, 7.5)  # inches, 16:9
DARK, MUTED = "#111111", "#555555"

KEY_ASSUMPTIONS = ("self_payer_lapse_rate", "retention_after_subsidy", "verification_pass_rate",
                   "potential_share")


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
    with report_style():
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
    lang = data.settings.lang
    figure, canvas = _slide()
    kind = "kabupaten" if region == TOTAL_SLUG else data.params.region(region).type
    canvas.add_patch(plt.Rectangle((0, 0.62), 1, 0.38, color="#1f3b5c"))
    canvas.text(0.05, 0.8, text("deck_title", lang), fontsize=44, color="#ffffff",
                fontweight="bold", va="center", linespacing=1.2)
    canvas.text(0.05, 0.48, h["region_name"], fontsize=48, fontweight="bold", color=DARK)
    for_head = text("deck_briefing_for", lang, head=text(f"deck_head_{kind}", lang),
                     month=month_name(parse_month(h["month"]), lang))
    canvas.text(0.05, 0.36, for_head, fontsize=26, color=DARK)
    canvas.text(0.05, 0.26, text("deck_branch", lang), fontsize=24, color=MUTED)
    markdown = (f"# {text('deck_title', lang).replace(chr(10), ' ')}\n\n**{h['region_name']}**"
                f"\n\n{for_head}\n\n{text('deck_branch', lang)}")
    return Slide(figure, markdown)


def _where_we_stand(data: ReportData, region: str, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s2_title", lang))
    active = h["now"]["active"]["p50"]
    big = compact(active, lang)
    left = (0.03, 0.05, 0.58, 0.8)  # the words keep clear of the chart on the right
    said = [canvas.text(0.05, 0.64, big, fontsize=60 if len(big) <= 9 else 44,
                        fontweight="bold", color=DARK)]
    active_line = text("deck_s2_active", lang)
    said.append(canvas.text(0.05, 0.56, active_line, fontsize=26, color=DARK))
    if h["now"]["illustrative"]:  # the big number rests on made-up monthly data
        flag = text("deck_s2_illustrative", lang)
        said.append(canvas.text(0.05, 0.535, textwrap.fill(flag, 48), fontsize=14, va="top",
                                fontweight="bold", color="#7a4a00"))
        active_line += f" ({flag})"
    said.append(canvas.text(0.05, 0.33, percent(h["now"]["coverage"], lang), fontsize=56,
                            fontweight="bold", color=DARK))
    coverage_line = text("deck_s2_coverage", lang, pool=compact(h["now"]["informal_workers"], lang))
    said.append(canvas.text(0.05, 0.28, textwrap.fill(coverage_line, 32), fontsize=22,
                            color=DARK, va="top"))
    cutoff = month_name(parse_month(h["now"]["data_cutoff"]), lang)
    note = text("now_observed" if h["now"]["from_data"] else "now_projected", lang,
                cutoff=cutoff)
    said.append(canvas.text(0.05, 0.1, textwrap.fill(note, 60), fontsize=14, color=MUTED))
    for artist in said:
        fit_within(figure, artist, left)
    chart = figure.add_axes((0.6, 0.2, 0.35, 0.55))
    rows = data.table[(data.table.region == region) & (data.table.metric == "active")
                      & (data.table.scenario == BASELINE)]
    months = [parse_month(m) for m in rows.month]
    shown = list(range(len(months)))
    dates = [month_date(months[k]) for k in shown]
    style = scenario_style(data.params.scenarios.get(BASELINE))
    chart.plot(dates, rows.p50.to_numpy()[shown], color=style["color"], linewidth=3,
               linestyle=style["linestyle"], label=data.scenario_title(BASELINE))
    months_seen, values_seen, key = observed_points(data, region)
    marker = {"marker": "*", "markersize": 22, "linestyle": "none"} if key == "start_point" \
        else {"marker": "o", "markersize": 5, "linewidth": 1.5}
    chart.plot([month_date(m) for m in months_seen], values_seen, color=DARK, **marker,
               label=text(key, lang, month=month_name(months_seen[-1], lang)
                          if months_seen else ""))
    chart.set_ylim(bottom=0)
    chart.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: compact(v, lang)))
    month_axis(chart, lang)
    chart.xaxis.set_major_locator(mdates.YearLocator(5))
    chart.tick_params(labelsize=13)
    chart.legend(loc="lower right", frameon=False, fontsize=12)
    chart.spines[["top", "right"]].set_visible(False)
    markdown = (f"## {text('deck_s2_title', lang)}\n\n- **{compact(active, lang)}** "
                f"{active_line}\n- **{percent(h['now']['coverage'], lang)}** "
                f"{coverage_line}\n\n_{note}_")
    return Slide(figure, markdown)


def _what_options_deliver(data: ReportData, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s3_title", lang))
    year_label = text("deck_s3_year", lang, year=h["apbd_year"])
    horizon = month_name(parse_month(h["horizon_end"]), lang)
    canvas.text(0.645, 0.76, year_label, fontsize=22, color=MUTED, ha="center")
    canvas.text(0.855, 0.76, horizon, fontsize=22, color=MUTED, ha="center")
    lines = [f"## {text('deck_s3_title', lang)}", "",
             f"| | {year_label} | {horizon} |", "|---|---|---|"]
    items = h["scenarios"]
    values = []
    step = min(0.12, 0.48 / max(len(items) - 1, 1))  # rows from 0.67 down to 0.19 at most
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
        lines.append(f"| {item['title']} | {year_value} | {end_value} |")
    smallest = min((v.get_fontsize() for v in values), default=27)
    for value in values:  # one size for every figure, as in a table
        value.set_fontsize(smallest)
    note = f"{text('deck_s3_note', lang)} {text('not_a_forecast_short', lang)}"
    canvas.text(0.05, 0.1, textwrap.fill(note, 125), fontsize=13, color=MUTED, va="center")
    lines += ["", f"_{note}_"]
    return Slide(figure, "\n".join(lines))


def _what_it_costs(data: ReportData, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s4_title", lang))
    year = h["apbd_year"]
    lines = [f"## {text('deck_s4_title', lang)}", ""]
    spenders = [i for i in h["scenarios"] if i["budget_apbd_year_rp"]["total"] > 0]
    payers_seen = sorted({payer for item in spenders
                          for payer in item.get("budget_by_year_and_payer_rp", {})
                          .get(str(year), {}) if payer != payers.WORKER})
    paid_by = ", ".join(text(f"payer_{p}", lang) for p in payers_seen)
    canvas.text(0.05, 0.74, text("budget_year", lang, year=year)
                + (f" · {paid_by}" if paid_by else ""), fontsize=22, color=MUTED)
    for k, item in enumerate(spenders[:4]):
        y = 0.63 - k * 0.15
        style = scenario_style(data.params.scenarios.get(item["name"]), k)
        canvas.plot([0.05, 0.09], [y, y], color=style["color"], linewidth=6,
                    linestyle=style["linestyle"])
        title = canvas.text(0.11, y + 0.03, item["title"], fontsize=16, va="center",
                            color=DARK)
        fit_within(figure, title, (0.11, y + 0.005, 0.58, y + 0.06))
        amount = compact_rupiah(item["budget_apbd_year_rp"]["total"], lang) + (
            " *" if item["relief_lowers_apbd_year"] else "")
        canvas.text(0.11, y - 0.022, amount, fontsize=26, fontweight="bold", va="center",
                    color=DARK)
        running = text("deck_s4_running", lang, year=h["running_year"],
                       amount=compact_rupiah(item["government_running_year_rp"], lang))
        canvas.text(0.11, y - 0.068, running, fontsize=12, va="center", color=MUTED)
        right = []
        if item["limit_apbd_year"]:  # a subsidy programme runs that year
            right += [cap_line(item, lang), text(
                "deck_s4_limit", lang, year=year,
                limit=text(f"limit_{item['limit_apbd_year']}", lang))]
        per_worker = item["cost_per_additional_worker_year_rp"]
        if per_worker:
            right.append(f"{compact_rupiah(per_worker, lang)} "
                         f"{text('deck_s4_per_worker', lang)}")
        for n, line in enumerate(right):
            said = canvas.text(0.6, y + 0.035 - n * 0.036, line, fontsize=13, va="center",
                               color=DARK if n == len(right) - 1 and per_worker else MUTED)
            fit_within(figure, said, (0.6, y + 0.017 - n * 0.036, 0.98, y + 0.053 - n * 0.036))
        lines.append(f"- **{item['title']}**: {amount}; {running}; " + "; ".join(right))
    if any(i["relief_lowers_apbd_year"] for i in spenders[:4]):
        canvas.text(0.05, 0.1, text("deck_s4_relief", lang), fontsize=12, color=MUTED)
        lines += ["", f"_{text('deck_s4_relief', lang)}_"]
    return Slide(figure, "\n".join(lines))


def cap_line(item: dict, lang: str) -> str:
    """'pagu bantuan iuran BPU Rp 750 juta (hanya untuk bantuan iuran)', or 'tanpa pagu'."""
    if not item["cap_rp"]:
        return text("deck_s4_no_cap", lang)
    return text("deck_s4_cap", lang, cap=compact_rupiah(item["cap_rp"], lang))


def _families(data: ReportData, region: str, h: dict, breakdown=None) -> Slide:
    lang, s = data.settings.lang, data.settings
    figure, canvas = _slide(text("deck_s5_title", lang))
    featured = featured_scenario(data.params, s.scenarios)
    chosen = next((i for i in h["scenarios"] if i["name"] == featured),
                  max(h["scenarios"], key=lambda i: i["active_end_of_horizon"]["p50"]))
    first, last = s.month + 1, s.horizon_end
    deaths = data.cumulative(chosen["name"], "expected_deaths", region, first, last)["p50"]
    base_deaths = data.cumulative(BASELINE, "expected_deaths", region, first, last)["p50"]
    benefits = data.cumulative(chosen["name"], "benefits_rp", region, first, last)["p50"]
    intro = text("deck_s5_line", lang, month=month_name(last, lang), scenario=chosen["title"])
    canvas.text(0.05, 0.72, intro, fontsize=24, color=DARK)
    canvas.text(0.05, 0.56, compact(deaths, lang), fontsize=64, fontweight="bold", color=DARK)
    canvas.text(0.32, 0.56, textwrap.fill(text("deck_s5_deaths", lang), 52), fontsize=20,
                color=DARK, va="bottom")
    # the total above, and beside it how much of it the scenario adds: both labelled
    more = text("deck_s5_more", lang, base=compact(base_deaths, lang),
                extra=compact(max(deaths - base_deaths, 0), lang))
    canvas.text(0.32, 0.52, textwrap.fill(more, 60), fontsize=17, color=MUTED, va="top")
    canvas.text(0.05, 0.32, compact_rupiah(benefits, lang), fontsize=56, fontweight="bold",
                color=DARK)
    canvas.text(0.05, 0.24, text("deck_s5_benefits", lang), fontsize=20, color=DARK)
    code = h["region_code"] or data.regions[0].code
    rate = data.params.parameter("death_rate")
    assumption = text("deck_s5_death_rate", lang, rate=value_text(
        rate.at(code, s.month), rate.unit, rate.null_means, lang))
    canvas.text(0.05, 0.185, assumption, fontsize=13, color=MUTED, va="top")
    listing = text("deck_s5_kelurahan", lang) if breakdown is None else listing_line(breakdown,
                                                                                 lang)
    canvas.text(0.05, 0.14, textwrap.fill(listing, 110), fontsize=13, color=MUTED, va="top")
    markdown = (f"## {text('deck_s5_title', lang)}\n\n{intro}\n\n- **{compact(deaths, lang)}** "
                f"{text('deck_s5_deaths', lang)} ({more})\n- **{compact_rupiah(benefits, lang)}** "
                f"{text('deck_s5_benefits', lang)}\n\n_{assumption}_\n\n_{listing}_")
    return Slide(figure, markdown)


def listing_line(breakdown, lang: str) -> str:
    """'Pendataan November 2019: 971 lolos verifikasi di 27 kelurahan; terbanyak: …'."""
    shown = breakdown[breakdown.code.fillna("") != ""]
    numbers = pd.to_numeric(shown.verified, errors="coerce").fillna(0)
    top = shown.assign(n=numbers).sort_values("n", ascending=False).kelurahan.head(3)
    total = breakdown[breakdown.kecamatan == TOTAL_LABEL].verified
    verified = pd.to_numeric(total, errors="coerce").iloc[0] if len(total) else float("nan")
    synthetic = " " + text("synthetic_note", lang).strip() if "SINTETIS" in str(
        breakdown.get("data", pd.Series([""])).iloc[0]) else ""
    return text("deck_s5_listing", lang, month=month_name(breakdown.attrs["listing_month"], lang),
                 verified=compact(verified, lang) if verified == verified else "–",
                 count=len(shown),
                 top=", ".join(top)) + synthetic


def _steps(data: ReportData, h: dict) -> Slide:
    lang = data.settings.lang
    figure, canvas = _slide(text("deck_s6_title", lang))
    steps = text("deck_steps", lang).split("|")
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
    canvas.text(0.05, 0.48, text("deck_assumptions", lang), fontsize=20, fontweight="bold",
                color=DARK)
    lines = [f"## {text('deck_s6_title', lang)}", "", " → ".join(steps), "",
             f"**{text('deck_assumptions', lang)}**"]
    code = h["region_code"] or data.regions[0].code
    for k, name in enumerate(KEY_ASSUMPTIONS):
        parameter = data.params.parameter(name)
        value = parameter.at(code, data.settings.month)
        label = parameter.label_en if lang == "en" else parameter.label_id
        line = f"{label}: {value_text(value, parameter.unit, parameter.null_means, lang, 0)}"
        canvas.text(0.07, 0.41 - k * 0.055, "• " + line, fontsize=16, color=DARK)
        lines.append(f"- {line}")
    owners = sorted({owner_text(data.params.scenarios[n], lang) for n in data.settings.scenarios})
    owner_line = f"{text('owner', lang)}: {'; '.join(owners)}"
    owner = canvas.text(0.05, 0.17, textwrap.fill(owner_line, 150), fontsize=13, color=MUTED)
    fit_within(figure, owner, (0.03, 0.145, 0.97, 0.21))
    source = text("deck_source", lang, version=data.settings.code_version,
                   hash=data.params.files_hash[:12])
    said = canvas.text(0.05, 0.13, textwrap.fill(source, 140), fontsize=12, color=MUTED,
                       va="top")
    fit_within(figure, said, (0.03, 0.065, 0.97, 0.135))  # clear of the footer
    lines += ["", owner_line, "", f"_{source}_"]
    return Slide(figure, "\n".join(lines))


def write(slides: list[Slide], pdf_path: str | Path, png_dir: str | Path | None = None
          ) -> None:
    """The deck as one PDF; with ``png_dir``, also slide-N.png and briefing.md there."""
    with plt.rc_context({"pdf.fonttype": 42}), PdfPages(str(pdf_path)) as pdf:
        for slide in slides:
            pdf.savefig(slide.figure)
    if png_dir is not None:
        folder = Path(png_dir)
        folder.mkdir(parents=True, exist_ok=True)
        parts = []
        for number, slide in enumerate(slides, 1):
            name = f"slide-{number}.png"
            slide.figure.savefig(folder / name, dpi=100)
            parts.append(f"{slide.markdown}\n\n![slide {number}]({name})\n")
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
