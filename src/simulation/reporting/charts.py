"""Charts for reports: readable printed and projected, in the report's language.

Large type, labelled axes, numbers and months through Babel, and scenario styles (from the
scenario files, see :mod:`.styles`) that survive a black-and-white printout.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ..engine.summaries import TOTAL_SLUG
from ..intake.suppression import PRIMARY, SECONDARY
from ..months import parse_month
from ..params import BASELINE
from .data import ReportData
from .formatting import compact, compact_rupiah, month_date, month_name, month_short
from .history import published_points, replayed_points, scheme_replay
from .sections import funnel, observed_points
from .styles import report_style, scenario_style
from .texts import text


def _people_axis(ax, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: compact(v, lang)))


def month_axis(ax, lang: str) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _: month_short(_month_index(mdates.num2date(v)), lang)))


def _month_index(date) -> int:
    return date.year * 12 + date.month - 1


def fan_chart(data: ReportData, region: str, metric: str = "active") -> Figure:
    """Section 2: p50 line and p10–p90 band per scenario, the report month, the data point."""
    lang, s = data.settings.lang, data.settings
    table = data.table[(data.table.region == region) & (data.table.metric == metric)]
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 7.5), layout="constrained")
        for order, name in enumerate(s.scenarios):
            rows = table[table.scenario == name]
            dates = [month_date(parse_month(m)) for m in rows.month]
            style = scenario_style(data.params.scenarios.get(name), order)
            ax.fill_between(dates, rows.p10, rows.p90, color=style["color"], alpha=0.15,
                            linewidth=0)
            ax.plot(dates, rows.p50, color=style["color"], linestyle=style["linestyle"],
                    linewidth=2.6, marker=style["marker"], markevery=12, markersize=7,
                    label=data.scenario_title(name))
        ax.fill_between([], [], [], color="#999999", alpha=0.3, label=text("band", lang))
        _start_points(ax, data, region, lang)
        if region == TOTAL_SLUG and len(data.regions) == len(data.params.regions):
            target = data.params.parameter("branch_bpu_target").entry_at("default", s.month)
            if target is not None:
                ax.axhline(target[1].central, color="#000000", linewidth=1.5,
                           linestyle=(0, (8, 4)),
                           label=f"{text('target', lang)}: {compact(target[1].central, lang)}")
        ax.axvline(month_date(s.month), color="#000000", linewidth=1.2, linestyle=":")
        ax.annotate(f"{text('now_marker', lang)} {month_name(s.month, lang)}",
                    xy=(month_date(s.month), 1.0), xycoords=("data", "axes fraction"),
                    xytext=(4, -4), textcoords="offset points", va="top", fontsize=12)
        ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.08)
        ax.set_xlabel(text("month_axis", lang))
        ax.set_ylabel(text("active_axis", lang))
        ax.set_title(text("h_projection", lang) + f" — {data.region_name(region)}",
                     loc="left")
        _people_axis(ax, lang)
        month_axis(ax, lang)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, frameon=False)
    return fig


def _start_points(ax, data: ReportData, region: str, lang: str) -> None:
    """Monthly actuals where known (a line), else the sourced starting figure (a star)."""
    months, values, key = observed_points(data, region)
    if key == "start_point":
        for month, value in zip(months, values, strict=True):
            ax.plot([month_date(month)], [value], linestyle="none", marker="*", markersize=16,
                    color="#000000", label=text(key, lang, month=month_name(month, lang)))
        return
    ax.plot([month_date(m) for m in months], values, color="#000000", linewidth=1.5,
            marker="o", markersize=4, label=text(key, lang))
    _published_markers(ax, data, region, lang, ("active_bpu",))


def _published_markers(ax, data: ReportData, region: str, lang: str,
                       measures: tuple[str, ...]) -> None:
    """The published counts about exactly this region (or the whole branch), as markers."""
    points = published_points(data, region, measures)
    if len(points):
        ax.plot([month_date(int(m)) for m in points.month], points.value, linestyle="none",
                marker="D", markersize=11, markerfacecolor="#ffffff", markeredgecolor="#000000",
                markeredgewidth=2, label=text("published_marker", lang), zorder=5)


def scheme_chart(data: ReportData, region: str, replayed: dict | None = None
                 ) -> Figure | None:
    """The schemes' members as the replay of the policy in force since 2020 has them,
    against every published count of them (markers): the hindcast, drawn. ``replayed``:
    what :func:`.history.replays` computed, if the caller has it already."""
    replay = scheme_replay(data, region, replayed)
    if replay is None:
        return None
    lang = data.settings.lang
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
        dates = [month_date(m) for m in replay.month]
        ax.plot(dates, replay.bpu, color="#E69F00", linewidth=2.6,
                label=text("replay_bpu", lang))
        ax.plot(dates, replay.bpu + replay.wage_earners, color="#000000", linewidth=2.6,
                linestyle="--", label=text("replay_all", lang))
        counts = replayed_points(data, region, replayed)
        for measure, marker in (("scheme_bpu", "o"), ("scheme_pu", "s"), ("scheme_all", "D")):
            own = counts[counts.measure == measure]
            if not len(own):
                continue
            when = [month_date(int(m)) for m in own.month]
            # each count beside the replay of the same count (a scheme or all of them)
            ax.vlines(when, own.published, own.replayed, color="#666666", linewidth=1.2,
                      zorder=4)
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
        _people_axis(ax, lang)
        month_axis(ax, lang)
        ax.grid(axis="y", alpha=0.3)
        ax.set_title(text("h_hindcast", lang) + f" — {data.region_name(region)}", loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, frameon=False)
    return fig


def budget_chart(data: ReportData, region: str) -> Figure:
    """Section 3: public spend per year and scenario, stacked: the lurah-list BPU subsidy
    (against its cap, which covers it alone), the agency-list schemes (DBHCHT, CSR...), the
    wage-earner package, and outreach."""
    lang, s = data.settings.lang, data.settings
    first_year = (s.month + 1) // 12
    budget = data.budget[(data.budget.region == region) & (data.budget.year >= first_year)]
    items = ["subsidy_rp_p50", "agency_rp_p50", "wage_earner_rp_p50", "outreach_rp_p50"]
    spenders = [n for n in s.scenarios
                if budget[budget.scenario == n][items].to_numpy().sum() > 0]
    years = sorted(budget.year.unique())
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 7), layout="constrained")
        width = 0.8 / max(len(spenders), 1)
        handles, drawn = [], set()
        for k, name in enumerate(spenders):
            rows = budget[budget.scenario == name].set_index("year").reindex(years)
            x = np.arange(len(years)) + (k - (len(spenders) - 1) / 2) * width
            style = scenario_style(data.params.scenarios.get(name), s.scenarios.index(name))
            subsidy = rows.subsidy_rp_p50.fillna(0).to_numpy()
            agency = rows.agency_rp_p50.fillna(0).to_numpy()
            wage_earner = rows.wage_earner_rp_p50.fillna(0).to_numpy()
            outreach = rows.outreach_rp_p50.fillna(0).to_numpy()
            ax.bar(x, subsidy, width, color=style["color"], edgecolor="#000000",
                   hatch=style["hatch"])
            ax.bar(x, agency, width, bottom=subsidy, color="#f2f2f2",
                   edgecolor=style["color"], hatch="xx", linewidth=1.5)
            ax.bar(x, wage_earner, width, bottom=subsidy + agency, color="#d9d9d9",
                   edgecolor=style["color"], hatch="oo", linewidth=1.5)
            ax.bar(x, outreach, width, bottom=subsidy + agency + wage_earner, color="#ffffff",
                   edgecolor=style["color"], hatch="--", linewidth=1.5)
            drawn |= {item for item, values in (("subsidy", subsidy), ("agency", agency),
                                                ("pu", wage_earner), ("outreach", outreach))
                      if values.any()}
            caps = rows.cap_rp.to_numpy(dtype=float)
            for xi, cap in zip(x, caps, strict=True):
                if np.isfinite(cap):
                    ax.hlines(cap, xi - width / 2, xi + width / 2, color="#000000", linewidth=2.5)
                    drawn.add("cap")
            # the scenario's own swatch: its colour and edge, whatever parts its bars have
            handles.append(Patch(facecolor="#ffffff", edgecolor=style["color"], linewidth=3,
                                 label=data.scenario_title(name)))
        # then what each part of a bar is (only the parts drawn)
        parts = {
            "subsidy": Patch(facecolor="#888888", edgecolor="#000000",
                             label=text("subsidy_part", lang)),
            "agency": Patch(facecolor="#f2f2f2", edgecolor="#555555", hatch="xx",
                            label=text("agency_part", lang)),
            "pu": Patch(facecolor="#d9d9d9", edgecolor="#555555", hatch="oo",
                        label=text("wage_earner_package", lang)),
            "outreach": Patch(facecolor="#ffffff", edgecolor="#555555", hatch="--",
                              label=text("outreach", lang)),
            "cap": Line2D([], [], color="#000000", linewidth=2.5,
                          label=text("cap_subsidy_only", lang)),
        }
        handles += [handle for key, handle in parts.items() if key in drawn]
        months = budget.groupby("year").months.max()
        ax.set_xticks(np.arange(len(years)), [
            str(y) if months[y] == 12 else text("partial_year", lang, year=y, months=months[y])
            for y in years])
        ax.set_xlabel(text("year", lang))
        ax.set_ylabel(text("rupiah_axis", lang))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: compact_rupiah(v, lang)))
        ax.set_title(text("h_budget", lang) + f" — {data.region_name(region)}",
                     loc="left")
        ax.grid(axis="y", alpha=0.3)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2,
                  frameon=False)
    return fig


def funnel_chart(data: ReportData, region: str) -> Figure | None:
    """Section 4: listed → verified → enrolled → still subsidised, per subsidy scenario."""
    lang = data.settings.lang
    table = funnel(data, region)
    if table.empty:
        return None
    steps = [text("listed", lang), text("verified", lang), text("enrolled", lang),
             text("still_subsidised", lang, month=month_name(data.settings.horizon_end, lang))]
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 2 + 0.45 * len(steps) * len(table)),
                               layout="constrained")
        height = 0.8 / len(table)
        for k, row in enumerate(table.itertuples()):
            values = [row.listed, row.verified, row.enrolled, row.subsidised_at_end]
            y = np.arange(len(steps))[::-1] + (k - (len(table) - 1) / 2) * height
            style = scenario_style(data.params.scenarios.get(row.scenario),
                                   data.settings.scenarios.index(row.scenario))
            bars = ax.barh(y, values, height, color=style["color"], edgecolor="#000000",
                           hatch=style["hatch"], label=row.title)
            ax.bar_label(bars, [compact(v, lang) for v in values], padding=4, fontsize=12)
        ax.set_yticks(np.arange(len(steps))[::-1], steps)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: compact(v, lang)))
        ax.set_xlabel(text("people_axis", lang))
        ax.set_xlim(right=table[["listed", "verified"]].to_numpy().max() * 1.2)
        ax.set_title(text("h_funnel", lang) + f" — {data.region_name(region)}",
                     loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)
    return fig


def regional_chart(data: ReportData) -> Figure:
    """Regional summary: active now and at the horizon per scenario, region by region."""
    lang, s = data.settings.lang, data.settings
    slugs = [r.slug for r in data.regions]
    with report_style():
        fig, ax = plt.subplots(figsize=(12, 7.5), layout="constrained")
        names = [BASELINE + "@now", *s.scenarios]
        width = 0.8 / len(names)
        for k, name in enumerate(names):
            now = name.endswith("@now")
            scenario = BASELINE if now else name
            month = s.month if now else s.horizon_end
            values = [data.value(scenario, "active", slug, month)["p50"] for slug in slugs]
            x = np.arange(len(slugs)) + (k - (len(names) - 1) / 2) * width
            if now:
                ax.bar(x, values, width, color="#ffffff", edgecolor="#000000",
                       label=f"{text('active_now', lang)} ({month_name(month, lang)})")
            else:
                style = scenario_style(data.params.scenarios.get(name), k)
                ax.bar(x, values, width, color=style["color"], edgecolor="#000000",
                       hatch=style["hatch"],
                       label=f"{data.scenario_title(name)} ({month_name(month, lang)})")
        ax.set_xticks(np.arange(len(slugs)), [r.name.replace("Kabupaten ", "Kab. ")
                                              for r in data.regions], rotation=15)
        ax.set_ylabel(text("active_axis", lang))
        _people_axis(ax, lang)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, frameon=False)
        ax.set_title(text("summary_title", lang, month=month_name(s.month, lang)), loc="left")
    return fig


# kecamatan are told apart by colour and hatch, like scenarios
KECAMATAN_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
KECAMATAN_HATCHES = ("", "//", "..", "xx", "\\\\")


def kelurahan_chart(table, lang: str, title: str) -> Figure:
    """Verified workers per kelurahan, sorted; small counts drawn short and marked <5, cells
    hidden to protect them (x) not drawn."""
    shown = table[table.code.fillna("") != ""].copy()
    # "<5" drawn short, "x" (hidden so that "<5" cannot be worked out) not drawn at all
    small = shown.verified.astype(str).str.startswith("<")
    shown["value"] = np.where(small, 2.0, pd.to_numeric(shown.verified, errors="coerce"))
    shown["value"] = shown["value"].fillna(0.0)
    shown = shown.sort_values("value")
    kecamatan = sorted(shown.kecamatan.unique())
    with report_style():
        fig, ax = plt.subplots(figsize=(11, 0.32 * len(shown) + 2), layout="constrained")
        shown["y"] = np.arange(len(shown))
        for k, name in enumerate(kecamatan):
            part = shown[shown.kecamatan == name]
            bars = ax.barh(part.y, part.value, color=KECAMATAN_COLOURS[k % len(KECAMATAN_COLOURS)],
                           edgecolor="#000000", hatch=KECAMATAN_HATCHES[k % 5], label=name)
            ax.bar_label(bars, [v if str(v) in (PRIMARY, SECONDARY) else compact(float(v), lang)
                                for v in part.verified], padding=3, fontsize=11)
        ax.set_yticks(shown.y, shown.kelurahan)
        ax.set_xlabel(text("verified", lang))
        ax.tick_params(axis="y", labelsize=11)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=3, frameon=False,
                  title="Kecamatan")
        ax.set_title(title, loc="left")
    return fig

