"""A calibration on disk: params/calibrated/behaviour.yaml (lies over the assumptions, by
region) and fit.json (the fit and the back-test, which reports show)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import yaml

from ..months import format_month
from ..params import ParamSet
from .fit import FITTED, POOLING_MONTHS, Fit


def write_calibrated(fits: list[Fit], params: ParamSet, folder: str | Path, cutoff: str,
                     store_path: str, backtests: pd.DataFrame | None = None,
                     today: dt.date | None = None) -> Path:
    """params/calibrated/behaviour.yaml (lies over the assumptions, by region) + fit.json."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    slugs = {r.code: r.slug for r in params.regions}
    mape = "; ".join(f"{slugs[f.region]} {f.mape:.1%}" for f in fits)
    document = {}
    for name in FITTED:
        base = params.parameter(name)
        default = next(e.by_region["default"] for e in reversed(base.entries)
                       if "default" in e.by_region)
        low_ratio, high_ratio = default.low / default.central, default.high / default.central
        values = {}
        for fit in fits:
            central = fit.values[name]
            high = central * high_ratio
            if base.unit in ("/1", "/month"):
                high = min(high, 1.0)
            values[slugs[fit.region]] = {"low": round(central * low_ratio, 6),
                                         "central": round(central, 6),
                                         "high": round(max(high, central), 6)}
        document[name] = {
            "description": f"{base.description.strip()} Calibrated to monthly actuals.",
            "label": {"id": f"{base.label_id} (kalibrasi)", "en": f"{base.label_en} (calibrated)"},
            "unit": base.unit,
            "kind": "assumption",
            "reference": {"title": {
                "id": f"jamsos calibrate, {store_path}, data sampai {cutoff}; ditarik ke hasil "
                      f"seluruh cabang dengan bobot n/(n+{POOLING_MONTHS})",
                "en": f"jamsos calibrate, {store_path}, data through {cutoff}; pooled toward "
                      f"the branch-wide fit with weight n/(n+{POOLING_MONTHS})"},
                          "note": f"in-sample MAPE of self-paying members: {mape}"},
            "last_verified": dt.date.fromisoformat(today.isoformat()),  # no YAML anchors
            "values": {format_month(base.entries[0].month): values},
        }
    path = folder / "behaviour.yaml"
    header = (f"# Written by jamsos calibrate on {today.isoformat()} from {store_path} (data "
              f"through {cutoff}).\n# Re-run jamsos calibrate rather than editing by hand.\n")
    path.write_text(header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True,
                                            width=100), encoding="utf-8")
    report = {
        "written": today.isoformat(), "actuals": store_path, "data_through": cutoff,
        "fits": [{"region": f.region, "months": f.months, "weight": f.weight,
                  "own": f.own, "pooled": f.pooled, "used": f.values, "mape_in_sample": f.mape}
                 for f in fits],
        "backtest": [] if backtests is None else backtests.to_dict("records"),
    }
    (folder / "fit.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return path


def read_fit(path: str | Path) -> dict | None:
    """The content of a fit.json, or None when there is none."""
    path = Path(path)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
