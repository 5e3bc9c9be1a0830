"""How data/actuals/illustrative.csv was made (re-run: python data/actuals/make_illustrative.py).

ILLUSTRATIVE, not observed: a monthly series from July 2016 to October 2026 that passes
through every published point in data/published/points.yaml, to exercise the importer,
calibration and the reports until real monthly exports arrive. Only the points are sourced;
everything between them is ours:
* 2016 to October 2019: the branch total moves geometrically between the published counts
  (3,350 in 2016, drawn at July; 9,429 in May 2019; about 10,000 in October 2019), split
  between regions in the October 2019 proportions of the `active_bpu` assumption; Kota
  Madiun + Kab. Madiun + Magetan pass through 2,298 (22 Aug 2019) and 3,128 (21 Oct 2019).
* November 2019 on: members paying themselves follow the engine's replay of the policy in
  force (central values) from the October 2019 count, with 2% seeded noise; Kota Madiun's subsidised
  members are interpolated between the published scheme counts (3,607 at the September
  2020 launch; 4,974 in July 2022; 5,000+ in September 2022; 16,524 in November 2024 and
  17,484 in 2025 less the wage earners of params/schemes/kota-madiun-pu.yaml) and held at
  the 2025 level after it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulation.engine.inputs import ProjectionRequest
from simulation.engine.projection import run_scenarios
from simulation.intake.published import load_points
from simulation.months import format_month, parse_month
from simulation.params import load_params

HERE = Path(__file__).resolve().parent
FIRST, OCTOBER_2019, LAST = parse_month("2016-07"), parse_month("2019-10"), parse_month("2026-10")
SOURCE = ("ILLUSTRATIVE series through the published points of data/published/points.yaml "
          "(see data/actuals/README.md)")


def geometric(month: int, anchors: list[tuple[int, float]]) -> float:
    """Interpolate between (month, value) anchors in logs (steady growth between them)."""
    months, values = zip(*anchors, strict=True)
    return float(np.exp(np.interp(month, months, np.log(values))))


def main() -> None:
    params = load_params(HERE.parents[1] / "params", include_local=False)
    points = load_points(HERE.parent / "published" / "points.yaml", params)
    branch = {int(r.month): float(r.value) for r in points.itertuples()
              if r.measure == "active_bpu" and len(r.regions) == len(params.regions)}
    trio = {int(r.month): float(r.value) for r in points.itertuples()
            if r.measure == "active_bpu" and len(r.regions) == 3}
    trio_codes = next(r.regions for r in points.itertuples() if len(r.regions) == 3)
    october = {r.code: params.parameter("active_bpu").central(r.code, OCTOBER_2019)
               for r in params.regions}
    total = sum(october.values())
    trio_total = sum(october[c] for c in trio_codes)

    # the replay starts in December 2019, when PP 82/2019's benefits begin (the model has no
    # benefit amounts before it); its starting state is the October 2019 count
    start = OCTOBER_2019 + 2
    request = ProjectionRequest(("baseline",), params.regions, start, LAST - start + 1, 1, 1)
    run = run_scenarios(params, request)["baseline"].per_draw
    self_paying = run["active"][0] - run["active_subsidised"][0]  # (units + 1, T + 1)

    wage_earners = params.parameter("wage_earner_quota")
    kota = params.region("kota-madiun").code
    scheme = []
    for r in points.itertuples():
        if r.measure in ("scheme_bpu", "scheme_all") and r.regions == (kota,):
            value = r.value - (wage_earners.central(kota, r.month) if r.measure == "scheme_all"
                               else 0)
            scheme.append((int(r.month), float(value)))
    scheme.append((LAST, scheme[-1][1]))

    rng = np.random.default_rng(20191022)
    rows = []
    for i, region in enumerate(params.regions):
        share = october[region.code] / total
        for month in range(FIRST, LAST + 1):
            subsidised = None
            if month <= OCTOBER_2019:
                value = geometric(month, sorted(branch.items())) * share
                if region.code in trio_codes and month >= min(trio):
                    trio_share = october[region.code] / trio_total
                    value = geometric(month, sorted(trio.items())) * trio_share
                elif region.code in trio_codes and month > max(m for m in branch if m < min(trio)):
                    # from the branch's May 2019 count to the trio's August count
                    may = max(m for m in branch if m < min(trio))
                    value = geometric(month, [(may, branch[may] * share),
                                              (min(trio), trio[min(trio)] * october[region.code]
                                               / trio_total)])
            else:
                slot = max(month - (start - 1), 0)  # November 2019: the October count
                value = self_paying[i, slot] * (1 + rng.normal(0, 0.02))
                if region.code == kota and month >= scheme[0][0]:
                    subsidised = round(float(np.interp(month, *zip(*scheme, strict=True))))
                    value += subsidised
            rows.append({"region": region.code, "month": format_month(month),
                         "active": round(value), "subsidised": subsidised, "new": None,
                         "lapsed": None, "source": SOURCE, "kind": "illustrative"})
    frame = pd.DataFrame(rows)
    frame["subsidised"] = frame["subsidised"].astype("Int64")
    fix_rounding(frame, points, params)
    frame.to_csv(HERE / "illustrative.csv", index=False)
    print(f"wrote {len(frame)} rows to {HERE / 'illustrative.csv'}")


def fix_rounding(frame: pd.DataFrame, points: pd.DataFrame, params) -> None:
    """Rounding each region may miss a multi-region total by a person or two: put the
    difference on the largest region so every published total is met exactly."""
    for r in points.itertuples():
        if r.measure != "active_bpu":
            continue
        rows = frame[(frame.month == format_month(int(r.month)))
                     & frame.region.isin(r.regions)]
        gap = int(r.value) - int(rows.active.sum())
        if gap:
            frame.loc[rows.active.idxmax(), "active"] += gap


if __name__ == "__main__":
    main()
