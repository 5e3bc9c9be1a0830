"""The tidy store of monthly actuals (``data/actuals/actuals.csv``), one row per region and
month, and what the model takes from it::

    region,month,active,subsidised,new,lapsed,source,kind
    35.77,2019-10,210,,,,BPJS TK Cabang Madiun press statement,illustrative

``kind`` is ``observed`` or ``illustrative``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from ..files import write_atomically
from ..months import parse_month
from ..params import DatedEntry, ParamSet, ValueRange

STORE_COLUMNS = ["region", "month", "active", "subsidised", "new", "lapsed", "source", "kind"]
COUNTS = ("active", "subsidised", "new", "lapsed")


def load_store(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        return pd.DataFrame(columns=STORE_COLUMNS)
    frame = pd.read_csv(path, dtype={"region": str, "month": str, "source": str, "kind": str},
                        keep_default_na=False, na_values={c: [""] for c in COUNTS})
    for name in COUNTS:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
    return frame[STORE_COLUMNS]


def merge_into_store(store: pd.DataFrame, new: pd.DataFrame, replace: bool = False
                     ) -> tuple[pd.DataFrame, int, int]:
    """(merged store, rows added, rows changed); conflicts refused unless ``replace``."""
    current = store.set_index(["region", "month"])
    problems, added, changed = [], 0, 0
    rows = []
    for record in new.to_dict("records"):
        key = (record["region"], record["month"])
        if key in current.index:
            stored = current.loc[key]
            same = all(_same(stored[c], record[c]) for c in COUNTS)
            if same:
                continue
            if not replace:
                problems.append(Problem(record["source"], f"{key[0]} {key[1]} active",
                                        record["active"], f"the stored value {stored['active']} "
                                        f"(from {stored['source']}); use --replace to correct it"))
                continue
            changed += 1
            current = current.drop(key)
        else:
            added += 1
        rows.append(record)
    if problems:
        raise InputError(problems)
    merged = pd.concat([current.reset_index(), pd.DataFrame(rows, columns=STORE_COLUMNS)],
                       ignore_index=True)
    for name in COUNTS:
        merged[name] = pd.to_numeric(merged[name], errors="coerce").astype("Int64")
    merged = merged.sort_values(["region", "month"], ignore_index=True)[STORE_COLUMNS]
    return merged, added, changed


def _same(a, b) -> bool:
    a_missing, b_missing = pd.isna(a), pd.isna(b)
    return (a_missing and b_missing) or (not a_missing and not b_missing and int(a) == int(b))


def save_store(frame: pd.DataFrame, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda temporary: frame.to_csv(temporary, index=False))


def series(store: pd.DataFrame, region: str, column: str = "active") -> pd.Series:
    """A count by month index for one region code (sorted; missing values dropped)."""
    rows = store[store.region == region]
    values = pd.to_numeric(rows[column], errors="coerce").astype(float).to_numpy()
    return pd.Series(values, index=[parse_month(m) for m in rows.month]).sort_index().dropna()


def paid_by_scheme(store: pd.DataFrame) -> pd.Series:
    """Members a local government pays for, row by row (missing: none)."""
    return pd.to_numeric(store.subsidised, errors="coerce").fillna(0)


def self_paying_counts(store: pd.DataFrame) -> pd.Series:
    """Members paying themselves, row by row: active minus those a scheme pays for. p, q and
    the stop rate describe self-payers; a subsidy's launch is not behaviour."""
    return pd.to_numeric(store.active, errors="coerce") - paid_by_scheme(store)


def behavioural(store: pd.DataFrame) -> pd.DataFrame:
    """The store as self-payers only: active minus subsidised, subsidised set to missing."""
    return store.assign(active=self_paying_counts(store), subsidised=pd.NA)


def self_paying(store: pd.DataFrame, region: str) -> pd.Series:
    """Observed self-paying members of one region code, by month index."""
    return series(behavioural(store), region)


def with_observed_state(params: ParamSet, store: pd.DataFrame) -> ParamSet:
    """Params whose starting membership (active_bpu, subsidised_bpu) follows the actuals:
    a projection starting after an observed month starts from what was observed."""
    if store.empty:
        return params
    parameters = dict(params.parameters)
    for name, values in (("active_bpu", self_paying_counts(store)),
                         ("subsidised_bpu", paid_by_scheme(store))):
        entries = tuple(
            DatedEntry(parse_month(month), {region: ValueRange(float(v), float(v), float(v))},
                       "actuals")
            for region, month, v in zip(store.region, store.month, values, strict=True)
            if pd.notna(v))
        parameters[name] = parameters[name].overlaid(entries)
    return replace(params, parameters=parameters)
