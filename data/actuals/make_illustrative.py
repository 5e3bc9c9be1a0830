"""How data/actuals/illustrative.csv was made (re-run: python data/actuals/make_illustrative.py).

ILLUSTRATIVE, not observed: a monthly series from July 2016 to October 2026 that passes
through every published point of a modelled measure in data/published/points.yaml, to
exercise the importer, calibration and the reports until real monthly exports arrive. Only
the points are sourced; everything between them is ours:
* 2016 to October 2019: the branch total moves geometrically between the published counts
  (3,350 in 2016, drawn at July; 9,429 in May 2019; about 10,000 in October 2019), split
  between regions in the October 2019 proportions of the `active_bpu` assumption; Kota
  Madiun + Kab. Madiun + Magetan pass through 2,298 (22 Aug 2019) and 3,128 (21 Oct 2019).
* November 2019 on: the engine's replay of the policy in force (central values) from the
  October 2019 count gives each region's self-payers (with 2% seeded noise) and the members
  every scheme pays for (the lurah-list scheme as enrolled, the agency lists as the scheme
  files give them).
* Then each region's series is bent to its own published points: the members the schemes
  pay for by a factor interpolated (in logs) between the points that count them, held
  before the first and back to the scheme files' sizes within a year after the last; the
  self-payers likewise (held after the last) between the points of all
  active BPU members (Pacitan's 503 in May 2017 and 20,886 in December 2025), with no bend
  at the months a multi-region count fixes. Where two points of a region fall in one month,
  the series passes between them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from simulation.engine.inputs import ProjectionRequest
from simulation.engine.projection import run_scenarios
from simulation.intake.published import load_points
from simulation.months import format_month, parse_month
from simulation.params import BASELINE, load_params
from simulation.params.schemes import BPU, PU, central_members

HERE = Path(__file__).resolve().parent
FIRST, OCTOBER_2019, LAST = parse_month("2016-07"), parse_month("2019-10"), parse_month("2026-10")
RELAX_MONTHS = 12  # after a region's last scheme count the series returns to the files' sizes
SOURCE = ("ILLUSTRATIVE series through the published points of data/published/points.yaml "
          "(see data/actuals/README.md)")


def geometric(month: int, anchors: list[tuple[int, float]]) -> float:
    """Interpolate between (month, value) anchors in logs (steady growth between them)."""
    months, values = zip(*sorted(anchors), strict=True)
    return float(np.exp(np.interp(month, months, np.log(values))))


def holds_the_point(params, code: str, point) -> bool:
    """Whether the series can say what a scheme point counts: not when the point names only
    agency lists of a region whose lurah-list scheme it leaves out (the series' ``subsidised``
    mixes them; Kota Madiun's water company, 1,184 in 2024, is not the city's scheme)."""
    named = tuple(point.schemes)
    lurah_lists = [s.name for s in params.schemes
                   if s.region_code == code and not s.by_agency_list]
    return not named or not lurah_lists or any(name in named for name in lurah_lists)


def scheme_series_value(params, code: str, month: int, subsidised: float, point) -> float:
    """What the series says of a scheme point: the BPU members the schemes pay (the series'
    ``subsidised``) less the agency-list schemes the point does not name, plus the wage
    earners it counts (central values of the scheme files)."""
    named = tuple(point.schemes) or None
    value = 0.0
    if point.measure in ("scheme_bpu", "scheme_all"):
        value = subsidised
        if named:
            value -= central_members(params.schemes, code, month, BPU, exclude=named)
    if point.measure in ("scheme_pu", "scheme_all"):
        value += central_members(params.schemes, code, month, PU, named)
        if not named:
            value += params.parameter("wage_earner_quota").central(code, month) or 0.0
    return value


def main() -> None:
    params = load_params(HERE.parents[1] / "params", include_local=False)
    points = load_points(HERE.parent / "published" / "points.yaml", params)
    codes = [r.code for r in params.regions]
    branch = {int(r.month): float(r.value) for r in points.itertuples()
              if r.measure == "active_bpu" and len(r.regions) == len(codes)}
    trio = {int(r.month): float(r.value) for r in points.itertuples()
            if r.measure == "active_bpu" and len(r.regions) == 3}
    trio_codes = next(r.regions for r in points.itertuples() if len(r.regions) == 3)
    october = {c: params.parameter("active_bpu").central(c, OCTOBER_2019) for c in codes}
    total = sum(october.values())
    trio_total = sum(october[c] for c in trio_codes)

    # the replay starts in December 2019, when PP 82/2019's benefits begin; its starting
    # state is the October 2019 count
    start = OCTOBER_2019 + 2
    request = ProjectionRequest((BASELINE,), params.regions, start, LAST - start + 1, 1, 1)
    run = run_scenarios(params, request)[BASELINE]
    self_paying = run.per_draw["active"][0] - run.per_draw["active_subsidised"][0]
    paid = run.per_draw["active_subsidised"][0]

    rng = np.random.default_rng(20191022)
    months = range(FIRST, LAST + 1)
    series: dict[str, dict[int, list[float]]] = {}
    for i, code in enumerate(codes):
        share = october[code] / total
        rows = {}
        for month in months:
            if month <= OCTOBER_2019:
                value = geometric(month, list(branch.items())) * share
                if code in trio_codes and month >= min(trio):
                    value = geometric(month, list(trio.items())) * october[code] / trio_total
                elif code in trio_codes and month > max(m for m in branch if m < min(trio)):
                    may = max(m for m in branch if m < min(trio))  # May 2019 to August
                    value = geometric(month, [(may, branch[may] * share),
                                              (min(trio), trio[min(trio)] * october[code]
                                               / trio_total)])
                rows[month] = [value, 0.0]
            else:
                slot = max(month - (start - 1), 0)  # November 2019: the October count
                rows[month] = [self_paying[i, slot] * (1 + rng.normal(0, 0.02)),
                               float(paid[i, slot])]
        series[code] = rows
    bend_to_points(series, points, params)
    frame = pd.DataFrame([
        {"region": code, "month": format_month(month), "active": round(sum(values)),
         "subsidised": round(values[1]) if values[1] else None, "new": None, "lapsed": None,
         "source": SOURCE, "kind": "illustrative"}
        for code, rows in series.items() for month, values in rows.items()])
    frame["subsidised"] = frame["subsidised"].astype("Int64")
    fix_rounding(frame, points)
    frame.to_csv(HERE / "illustrative.csv", index=False)
    print(f"wrote {len(frame)} rows to {HERE / 'illustrative.csv'}")


def bend_to_points(series: dict, points: pd.DataFrame, params) -> None:
    """Scale each region's scheme members, then its self-payers, to pass through its own
    points (factors interpolated in logs between them; 1 at months a multi-region count
    fixes, so those still hold)."""
    fixed = defaultdict(set)  # region -> months a multi-region count constrains
    for r in points[points.regions.map(len) > 1].itertuples():
        for code in r.regions:
            fixed[code].add(int(r.month))
    for code, rows in series.items():
        paid_targets = defaultdict(list)
        for r in points[points.regions.map(lambda x, c=code: x == (c,))].itertuples():
            if r.measure not in ("scheme_bpu", "scheme_all"):
                continue  # wage earners alone: the series does not hold them
            if not holds_the_point(params, code, r):
                continue
            month, subsidised = int(r.month), rows[int(r.month)][1]
            # the factor on `subsidised` that makes the series say the point's value
            counted = scheme_series_value(params, code, month, subsidised, r)
            paid_targets[month].append((subsidised + r.value - counted) / subsidised)
        _bend(rows, 1, {m: float(np.mean(v)) for m, v in paid_targets.items()}, set(),
              back_in=RELAX_MONTHS)
        active_targets = defaultdict(list)
        for r in points[(points.measure == "active_bpu")
                        & points.regions.map(lambda x, c=code: x == (c,))].itertuples():
            self_payers, subsidised = rows[int(r.month)]
            active_targets[int(r.month)].append((r.value - subsidised) / self_payers)
        _bend(rows, 0, {m: float(np.mean(v)) for m, v in active_targets.items()}, fixed[code])


def _bend(rows: dict[int, list[float]], column: int, factors: dict[int, float],
          fixed: set[int], back_in: int | None = None) -> None:
    """Multiply ``rows[month][column]`` by factors interpolated in logs between the anchor
    months (held before the first and after the last, or back to 1 ``back_in`` months after
    the last); 1 at the ``fixed`` months."""
    if not factors:
        return
    anchors = {**{m: 1.0 for m in fixed}, **factors}
    if back_in:
        anchors[max(anchors) + back_in] = 1.0
    months = sorted(anchors)
    logs = np.log([anchors[m] for m in months])
    for month, values in rows.items():
        values[column] *= float(np.exp(np.interp(month, months, logs)))


def fix_rounding(frame: pd.DataFrame, points: pd.DataFrame) -> None:
    """Rounding each region may miss a multi-region total by a person or two: put the
    difference on the largest region so every published total is met exactly."""
    for r in points.itertuples():
        if r.measure != "active_bpu" or len(r.regions) == 1:
            continue
        rows = frame[(frame.month == format_month(int(r.month)))
                     & frame.region.isin(r.regions)]
        gap = int(r.value) - int(rows.active.sum())
        if gap:
            frame.loc[rows.active.idxmax(), "active"] += gap


if __name__ == "__main__":
    main()
