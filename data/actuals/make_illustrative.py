"""How data/actuals/illustrative.csv was made (re-run: python data/actuals/make_illustrative.py).

ILLUSTRATIVE, not observed: a monthly series consistent with the few sourced points of the
project's domain notes, to exercise the importer, calibration and the reports until real
monthly exports arrive. Sourced anchors (BPJS TK Cabang Madiun, 2019; Kota Madiun news):
* Kota Madiun + Kab. Madiun + Magetan: 2,298 active on 22 Aug 2019, 3,128 on 21 Oct 2019;
* about 10,000 active across the six regions in October 2019;
* Kota Madiun's subsidised scheme: 3,607 enrolled at launch (revised 2020 budget; the
  launch month, October 2020, is our assumption), 4,974 in July 2022, 5,000+ in Sep 2022.
Everything between the anchors is ours: the October 2019 split between regions is the
`active_bpu` assumption; other months follow the engine's baseline (central values) with
2% seeded noise; Kota Madiun's subsidised count is interpolated between its anchors.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulation.months import format_month, parse_month
from simulation.params import load_params
from simulation.engine.inputs import ProjectionRequest
from simulation.engine.projection import run_scenarios

HERE = Path(__file__).resolve().parent
SOURCE = ("ILLUSTRATIVE series built from BPJS TK Cabang Madiun figures of Aug/Oct 2019 and "
          "Kota Madiun scheme figures 2020-2022 (see data/actuals/README.md)")


def main() -> None:
    params = load_params(HERE.parents[1] / "params", include_local=False)
    start, last = parse_month("2019-11"), parse_month("2022-12")
    request = ProjectionRequest(("baseline",), params.regions, start, last - start + 1, 1, 1)
    base = run_scenarios(params, request)["baseline"].per_draw["active"][0]  # (units+1, T+1)
    rng = np.random.default_rng(20191022)
    rows = []
    for i, region in enumerate(params.regions):
        october = params.parameter("active_bpu").central(region.code, parse_month("2019-10"))
        august = october * 2298 / 3128 if region.slug in ("kota-madiun", "kabupaten-madiun",
                                                           "magetan") else None
        for month in range(parse_month("2019-08"), last + 1):
            if month < parse_month("2019-10"):
                if august is None:
                    continue
                value = august + (october - august) * (month - parse_month("2019-08")) / 2
            elif month == parse_month("2019-10"):
                value = october
            else:
                slot = min(max(month - (start - 1), 0), base.shape[1] - 1)
                value = base[i, slot] * (1 + rng.normal(0, 0.02))
            subsidised = None
            if region.slug == "kota-madiun" and month >= parse_month("2020-10"):
                anchors = [(parse_month("2020-10"), 3607), (parse_month("2022-07"), 4974),
                           (parse_month("2022-09"), 5000), (last, 5000)]
                subsidised = round(float(np.interp(month, *zip(*anchors, strict=True))))
                value += subsidised
            rows.append({"region": region.code, "month": format_month(month),
                         "active": round(value), "subsidised": subsidised, "new": None,
                         "lapsed": None, "source": SOURCE, "kind": "illustrative"})
    frame = pd.DataFrame(rows)
    frame["subsidised"] = frame["subsidised"].astype("Int64")
    frame.to_csv(HERE / "illustrative.csv", index=False)
    print(f"wrote {len(frame)} rows to {HERE / 'illustrative.csv'}")


if __name__ == "__main__":
    main()
