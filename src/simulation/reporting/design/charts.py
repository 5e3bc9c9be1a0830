"""Charts for reports: readable printed and projected, in the report's language.

Large type, labelled axes, numbers and months through Babel, and scenario styles (from the
scenario files, see :mod:`.styles`) that survive a black-and-white printout. ``draw_*``
draw the plain series of :mod:`..content.series` and :mod:`..content.listing`, computing
nothing; ``*_chart`` (the templates' calls) fetch those series and draw them. Every
figure carries its alt text (:func:`description`)."""

from __future__ import annotations

import math
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..content import series
from ..content.listing import kelurahan_series
from ..words.formatting import compact, compact_rupiah, month_date, month_name, month_short
from ..words.texts import text
from .slide_fit import keep_labels_inside
from .styles import report_style, scenario_style

# the parts of a budget bar above the lurah-list subsidy (drawn in the scenario's colour
# and pattern): white, edged in the scenario's colour, with patterns that neither a
# scenario file nor a spare style uses, so a grey printout cannot take a part for a
# scenario (rings, not dots; a grid with diagonals, not a cross)
PART_STYLES = {"agency": ("\\-", "agency_part"), "wage_earner": ("O", "wage_earner_package"),
               "outreach": ("/|", "outreach")}
PATTERN_INK = "#333333"  # the parts' patterns: the same grey whatever the scenario
SWATCH = {"handlelength": 2.6, "handleheight": 1.4}  # legend swatches large enough to show
# kecamatan are told apart by colour and hatch, like scenarios
KECAMATAN_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
KECAMATAN_HATCHES = ("", "//", "..", "xx", "\\\\")


def describe(fig: Figure, alt: str) -> Figure:
    """Give a figure its alt text (what a reader who cannot see it is told)."""
    fig.set_label(alt)
    return fig


def description(fig: Figure) -> str:
    """A figure's alt text: the one :func:`describe` gave it, else its axes' titles."""
    return fig.get_label() or " ".join(t for ax in fig.axes if (t := ax.get_title(loc="left")))


def _style(item: dict) -> dict:
    return scenario_style(item["definition"], item["order"])


def _places(count: int, k: int, groups: int, width: float) -> list[float]:
    """Where the k-th of ``groups`` bars side by side stands in each of ``count`` slots."""
    return [i + (k - (groups - 1) / 2) * width for i in range(count)]


def _bar_look(item: dict) -> dict:
    """A scenario's bar: its colour and pattern, edged in black."""
    style = _style(item)
    return {"facecolor": style["color"], "edgecolor": "#000000", "hatch": style["hatch"]}


def _people_axis(axis, lang: str) -> None:
    """Counts in words ('2 ribu', '2 thousand'): a few ticks, so long words never touch."""
    axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda v, _: compact(v, lang)))


def month_axis(ax, lang: str) -> None:
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=8))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: month_short(
        (date := mdates.num2date(v)).year * 12 + date.month - 1, lang)))


def _below(ax, anchor: float = -0.14) -> None:
    """The legend under the axes: two columns where its words are short enough."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, anchor), frameon=False,
              ncols=_columns(ax.get_legend_handles_labels()[1]))


def _columns(labels) -> int:
    return 2 if all(len(label) <= 48 for label in labels) else 1


def _title(ax, words: str, **options) -> None:
    """A title at the left, wrapped: one longer than its axes would run off the figure."""
    ax.set_title(textwrap.fill(words, options.pop("width", 72)), loc="left", **options)


def fan_chart(data, region: str, metric: str = "active") -> Figure:
    """Section 2: :func:`draw_fan` of :func:`.series.fan_series`."""
    return draw_fan(series.fan_series(data, region, metric))


def draw_fan(fan: dict) -> Figure:
    """p50 line and p10–p90 band per scenario, what was observed, the report month."""
    lang, bands = fan["lang"], fan["bands"]
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 7.5), layout="constrained")
        for item in fan["scenarios"]:
            rows = bands[bands.scenario == item["name"]]
            dates, style = [month_date(m) for m in rows.month], _style(item)
            ax.fill_between(dates, rows.p10, rows.p90, color=style["color"], alpha=0.15,
                            linewidth=0)
            ax.plot(dates, rows.p50, color=style["color"], linestyle=style["linestyle"],
                    linewidth=2.6, marker=style["marker"], markevery=12, markersize=7,
                    label=item["title"])
        ax.fill_between([], [], [], color="#999999", alpha=0.3, label=text("band", lang))
        _observed(ax, fan, lang)
        if fan["target"] is not None:
            ax.axhline(fan["target"], color="#000000", linewidth=1.5, linestyle=(0, (8, 4)),
                       label=f"{text('target', lang)}: {compact(fan['target'], lang)}")
        ax.axvline(month_date(fan["month"]), color="#000000", linewidth=1.2, linestyle=":")
        ax.annotate(f"{text('now_marker', lang)} {month_name(fan['month'], lang)}",
                    xy=(month_date(fan["month"]), 1.0), xycoords=("data", "axes fraction"),
                    xytext=(4, -4), textcoords="offset points", va="top", fontsize=12)
        ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.08)
        ax.set_xlabel(text("month_axis", lang))
        ax.set_ylabel(text("active_axis", lang))
        _title(ax, fan["title"])
        _people_axis(ax.yaxis, lang)
        month_axis(ax, lang)
        ax.grid(axis="y", alpha=0.3)
        _below(ax)
    return describe(fig, fan["alt"])


def _observed(ax, fan: dict, lang: str) -> None:
    """Monthly actuals (a line) and published counts (markers), else the start (a star)."""
    observed, key = fan["observed"], fan["observed_key"]
    if key in series.POINT_KEYS:  # dated points (a star each)
        for month, count in zip(observed["month"], observed["value"], strict=True):
            ax.plot([month_date(int(month))], [count], linestyle="none", marker="*",
                    markersize=16, color="#000000",
                    label=text(key, lang, month=month_name(int(month), lang)))
        return
    ax.plot([month_date(int(m)) for m in observed.month], observed["value"], color="#000000",
            linewidth=1.5, marker="o", markersize=4, label=text(key, lang))
    points = fan["published"]
    if len(points):
        ax.plot([month_date(int(m)) for m in points.month], points["value"], linestyle="none",
                marker="D", markersize=11, markerfacecolor="#ffffff", markeredgecolor="#000000",
                markeredgewidth=2, label=text("published_marker", lang), zorder=5)


def scheme_chart(data, region: str, replayed: dict | None = None) -> Figure | None:
    """:func:`draw_scheme` of :func:`.series.scheme_series` (None: no scheme runs)."""
    found = series.scheme_series(data, region, replayed)
    return None if found is None else draw_scheme(found)


def draw_scheme(scheme: dict) -> Figure:
    """Scheme members as the model re-run since 2020 has them, and each published count."""
    lang, lines, counts = scheme["lang"], scheme["lines"], scheme["counts"]
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
        dates = [month_date(int(m)) for m in lines.month]
        ax.plot(dates, lines.bpu, color="#E69F00", linewidth=2.6, label=text("replay_bpu", lang))
        ax.plot(dates, lines["all"], color="#000000", linewidth=2.6, linestyle="--",
                label=text("replay_all", lang))
        for measure, marker in (("scheme_bpu", "o"), ("scheme_pu", "s"), ("scheme_all", "D")):
            own = counts[counts.measure == measure]
            if not len(own):
                continue
            when = [month_date(int(m)) for m in own.month]
            # each count beside the re-run of the same count (a scheme or all of them)
            ax.vlines(when, own.published, own.replayed, color="#666666", linewidth=1.2, zorder=4)
            ax.plot(when, own.replayed, linestyle="none", marker=marker, markersize=5,
                    color="#000000", zorder=6)
            ax.plot(when, own.published, linestyle="none", marker=marker, markersize=11,
                    markerfacecolor="#ffffff", markeredgecolor="#000000",
                    markeredgewidth=2, label=text(f"published_{measure}", lang), zorder=5)
        if len(counts):
            ax.plot([], [], linestyle="none", marker="o", markersize=5, color="#000000",
                    label=text("replayed_count", lang))
        ax.set_ylim(bottom=0)
        ax.set_xlabel(text("month_axis", lang))
        ax.set_ylabel(text("people_axis", lang))
        _people_axis(ax.yaxis, lang)
        month_axis(ax, lang)
        ax.grid(axis="y", alpha=0.3)
        _title(ax, scheme["title"])
        _below(ax)
    return describe(fig, scheme["alt"])


def budget_chart(data, region: str) -> Figure:
    """Section 3: :func:`draw_budget` of :func:`.series.budget_series`."""
    return draw_budget(series.budget_series(data, region))


def draw_budget(budget: dict) -> Figure:
    """Public spend per year and scenario, stacked: the lurah-list BPU subsidy (against
    its cap, for the same months as the bar), the agency lists, the wage-earner package
    and outreach. Two legends: the scenarios (colour and pattern), and the parts and caps."""
    lang, bars, spans = budget["lang"], budget["bars"], budget["years"]
    scenarios = budget["scenarios"]
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 8.5), layout="constrained")
        width = 0.8 / max(len(scenarios), 1)
        drawn: set[str] = set()
        for k, item in enumerate(scenarios):
            rows = bars[bars.scenario == item["name"]].set_index("year").reindex(spans.year)
            x = _places(len(spans), k, len(scenarios), width)
            bottom = rows.subsidy.fillna(0).tolist()
            ax.bar(x, bottom, width, **_bar_look(item))
            drawn |= {"subsidy"} if any(bottom) else set()
            for part, (hatch, _) in PART_STYLES.items():
                values = rows[part].fillna(0).tolist()
                ax.bar(x, values, width, bottom=bottom, color="#ffffff",
                       edgecolor=_style(item)["color"], hatch=hatch, hatchcolor=PATTERN_INK,
                       linewidth=1.5)
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]  # stacked
                drawn |= {part} if any(values) else set()
            for xi, row in zip(x, rows.itertuples(), strict=True):
                if math.isfinite(row.cap_for_months):
                    full = row.months == 12
                    ends = (xi - width * 0.6, xi + width * 0.6)
                    ax.hlines(row.cap_for_months, *ends, color="#ffffff", linewidth=6,
                              zorder=4)  # a white edge: the line stands out on any bar
                    ax.hlines(row.cap_for_months, *ends, color="#000000", linewidth=3,
                              linestyle="solid" if full else (0, (2, 1)), zorder=5)
                    drawn.add("cap" if full else "cap_part")
        ax.set_xticks(range(len(spans)), list(spans.label))
        ax.set_xlabel(text("year", lang))
        ax.set_ylabel(text("rupiah_axis", lang))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: compact_rupiah(v, lang)))
        _title(ax, budget["title"])
        ax.grid(axis="y", alpha=0.3)
        _budget_legends(fig, ax, scenarios, drawn, lang)
    return describe(fig, budget["alt"])


def _budget_legends(fig, ax, scenarios: list[dict], drawn: set[str], lang: str) -> None:
    """The scenarios (each its colour and pattern) under the axes; then, apart, the parts
    of a bar (a neutral swatch with the part's own pattern) and the cap lines drawn."""
    if scenarios:
        ax.legend(handles=[Patch(**_bar_look(i), label=i["title"]) for i in scenarios],
                  title=text("legend_scenarios", lang), loc="upper left",
                  bbox_to_anchor=(0, -0.2), ncols=_columns(i["title"] for i in scenarios),
                  frameon=False, alignment="left", **SWATCH)
    parts = {"subsidy": Patch(facecolor="#888888", edgecolor="#000000",
                              label=text("subsidy_part", lang))}
    parts |= {part: Patch(facecolor="#ffffff", edgecolor=PATTERN_INK, hatch=hatch,
                          label=text(key, lang))
              for part, (hatch, key) in PART_STYLES.items()}
    parts["cap"] = Line2D([], [], color="#000000", linewidth=3,
                          label=text("cap_subsidy_only", lang))
    parts["cap_part"] = Line2D([], [], color="#000000", linewidth=3, linestyle=(0, (2, 1)),
                               label=text("cap_part_year", lang))
    handles = [handle for key, handle in parts.items() if key in drawn]
    if handles:
        fig.legend(handles=handles, title=text("legend_parts", lang),
                   loc="outside lower left", ncols=1, frameon=False, alignment="left",
                   **SWATCH)


def funnel_chart(data, region: str) -> Figure | None:
    """Section 4: :func:`draw_funnel` of :func:`.series.funnel_series` (None: no subsidy)."""
    found = series.funnel_series(data, region)
    return None if found is None else draw_funnel(found)


def draw_funnel(funnel: dict) -> Figure:
    """The flows over the projection (listed -> verified -> enrolled) as a funnel, and
    apart, in its own panel and on its own scale, the stock at the end: the lurah lists'
    members still paid then. Every bar and its label inside its panel."""
    lang, flows, stock = funnel["lang"], funnel["flows"], funnel["stock"]
    scenarios = funnel["scenarios"]
    stages = [text(s, lang) for s in series.STAGES]
    count, height = len(scenarios), 0.8 / len(scenarios)
    with report_style():
        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(11, 3.2 + 0.45 * (len(stages) + 1) * count),
            height_ratios=[len(stages), 1.6], layout="constrained")
        labels: dict = {top: [], bottom: []}
        for k, item in enumerate(scenarios):
            look, offset = _bar_look(item), (k - (count - 1) / 2) * height
            values = flows[flows.scenario == item["name"]][list(series.STAGES)].iloc[0]
            bars = top.barh([len(stages) - 1 - i + offset for i in range(len(stages))],
                            values.tolist(), height, label=item["title"], **look)
            labels[top] += top.bar_label(bars, [compact(v, lang) for v in values], padding=4,
                                         fontsize=12)
            value = float(stock[stock.scenario == item["name"]]["value"].iloc[0])
            bars = bottom.barh([offset], [value], height, **look)
            labels[bottom] += bottom.bar_label(bars, [compact(value, lang)], padding=4,
                                               fontsize=12)
        top.set_yticks(range(len(stages))[::-1], stages)
        _title(top, text("funnel_flows", lang, first=month_name(funnel["first"], lang),
                         last=month_name(funnel["last"], lang)), fontsize=14, width=85)
        bottom.set_yticks([0], [textwrap.fill(text(
            "still_paid_stock", lang, month=month_name(funnel["last"], lang)), 30)])
        _title(bottom, text("funnel_stock", lang, month=month_name(funnel["last"], lang)),
               fontsize=14, width=85)
        for ax in (top, bottom):
            _people_axis(ax.xaxis, lang)
            ax.set_xlim(0, max([*(b.get_width() for b in ax.patches), 1.0]) * 1.15)
            ax.grid(axis="x", alpha=0.3)
        bottom.set_xlabel(text("people_axis", lang))
        fig.suptitle(textwrap.fill(funnel["title"], 72), x=0.01, ha="left", fontsize=17)
        handles, names = top.get_legend_handles_labels()
        fig.legend(handles=handles, loc="outside lower center", ncols=_columns(names),
                   frameon=False)
        keep_labels_inside(fig, labels)
    return describe(fig, funnel["alt"])


def regional_chart(data) -> Figure:
    """The regional summary: :func:`draw_regional` of :func:`.series.regional_series`."""
    return draw_regional(series.regional_series(data))


def draw_regional(regional: dict) -> Figure:
    """Active now and at the horizon per scenario, region by region."""
    lang, values = regional["lang"], regional["values"]
    regions = values.drop_duplicates("region")
    groups = [("now", None), *((i["name"], i) for i in regional["scenarios"])]
    with report_style():
        fig, ax = plt.subplots(figsize=(12, 7.5), layout="constrained")
        width = 0.8 / len(groups)
        for k, (name, item) in enumerate(groups):
            heights = values[values.series == name].set_index("region").reindex(
                regions.region)["value"]
            x = _places(len(regions), k, len(groups), width)
            if item is None:
                ax.bar(x, heights, width, color="#ffffff", edgecolor="#000000",
                       label=f"{text('active_now', lang)} "
                             f"({month_name(regional['month'], lang)})")
            else:
                ax.bar(x, heights, width, **_bar_look(item), label=(
                    f"{item['title']} ({month_name(regional['horizon_end'], lang)})"))
        ax.set_xticks(range(len(regions)), [n.replace("Kabupaten ", "Kab. ")
                                                for n in regions.name], rotation=15)
        ax.set_ylabel(text("active_axis", lang))
        _people_axis(ax.yaxis, lang)
        ax.grid(axis="y", alpha=0.3)
        _below(ax, -0.16)
        _title(ax, regional["title"])
    return describe(fig, regional["alt"])


def kelurahan_chart(listing, lang: str, title: str) -> Figure:
    """The listing: :func:`draw_kelurahan` of :func:`.listing.kelurahan_series`."""
    return draw_kelurahan(kelurahan_series(listing, lang, title))


def draw_kelurahan(kelurahan: dict) -> Figure:
    """Verified workers per kelurahan, largest at the top; a "<5" drawn short and
    labelled "<5"; a hidden cell ("x") never drawn (it would look like a zero): the
    hidden kelurahan are named in a note under the chart."""
    lang, bars = kelurahan["lang"], kelurahan["bars"]
    note = textwrap.fill(kelurahan["note"], 95) if kelurahan["note"] else ""
    lines = note.count("\n") + 1 if note else 0
    kecamatan = sorted(bars.kecamatan.unique())
    with report_style():
        fig, (ax, below) = plt.subplots(
            2, 1, figsize=(11, 0.32 * len(bars) + 2.4 + 0.3 * lines),
            height_ratios=[max(len(bars), 1), 0.1 + lines * 0.9], layout="constrained")
        labels = []
        for k, name in enumerate(kecamatan):
            mine = bars[bars.kecamatan == name]  # its index: the row the bar stands in
            drawn = ax.barh(list(mine.index), mine.length,
                            color=KECAMATAN_COLOURS[k % len(KECAMATAN_COLOURS)],
                            edgecolor="#000000", hatch=KECAMATAN_HATCHES[k % 5], label=name)
            labels += ax.bar_label(drawn, list(mine.label), padding=3, fontsize=11)
        ax.set_yticks(range(len(bars)), bars.kelurahan)
        ax.set_ylim(-0.6, max(len(bars), 1) - 0.4)
        ax.set_xlim(0, max([*bars.length, 1.0]) * 1.12)
        ax.set_xlabel(text("verified", lang))
        ax.tick_params(axis="y", labelsize=11)
        if len(kecamatan):  # beside the bars: below them are the axis and the note
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
                      title=text("kecamatan_legend", lang), alignment="left")
        _title(ax, kelurahan["title"])
        below.set_axis_off()
        if note:
            below.text(0, 1, note, transform=below.transAxes, va="top", ha="left",
                       fontsize=12)
        keep_labels_inside(fig, {ax: labels})
    return describe(fig, kelurahan["alt"])
