"""The tidy store of monthly actuals (``data/actuals/actuals.csv``), one row per region and
month, and what the model takes from it::

    region,month,active,subsidised,new,lapsed,source,kind
    35.77,2019-10,210,,,,BPJS TK Cabang Madiun press statement,illustrative

``kind`` is ``observed`` or ``illustrative``.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock, Timeout

from ..errors import InputError, Problem, RunLocked
from ..files import not_regular, write_csv
from ..months import parse_month
from ..params import DatedEntry, ParamSet, ValueRange
from ..params.schemes import BPU, PU, central_members, scheme_at
from .cells import shown_label, shown_number

STORE_COLUMNS = ["region", "month", "active", "subsidised", "new", "lapsed", "source", "kind"]
COUNTS = ("active", "subsidised", "new", "lapsed")


KINDS = ("observed", "illustrative")
LOCK_WAIT_S = 120  # another import of the same store finishes in seconds
MAX_REPORTED = 20  # per rule: a broken store is repaired from the first lines shown
# a count above Indonesia's whole informal workforce is a typo or a NIK in the wrong
# column; 20 digits would overflow the store's integers
MAX_COUNT = 100_000_000


def load_store(path: str | Path) -> pd.DataFrame:
    """The store (empty when there is none yet); a store that breaks its rules is refused
    with what to repair, never merged into."""
    path = Path(path)
    expected = f"a readable CSV store with the columns {','.join(STORE_COLUMNS)}"
    _under_folders(path)
    if not path.exists():
        return pd.DataFrame(columns=STORE_COLUMNS)
    try:
        kind = not_regular(os.stat(path).st_mode)  # a pipe would be waited on for ever
        if kind is not None:
            raise InputError(Problem(str(path), "", f"({kind})", expected))
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError,
            pd.errors.EmptyDataError) as error:
        raise InputError(Problem(str(path), "", f"({type(error).__name__})", expected)) from None
    check_store(frame, str(path))
    for name in COUNTS:
        frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Int64")
    return frame[STORE_COLUMNS]


def check_store(frame: pd.DataFrame, source: str) -> None:
    """The store's rules: its columns, one row per region and month, YYYY-MM months, whole
    counts of 0 or more, subsidised at most active, and a known kind."""
    repair = (f"; repair {source} by hand (or restore it with `git checkout -- {source}`) "
              "and import again")
    missing = [c for c in STORE_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(Problem(source, "columns", [shown_label(c) for c in frame.columns[:10]],
                                 f"the columns {','.join(STORE_COLUMNS)}" + repair))
    extra = [c for c in frame.columns if c not in STORE_COLUMNS]
    if extra:  # dropped on the next write: whatever was typed there would be lost unseen
        raise InputError(Problem(source, "columns", [shown_label(c) for c in extra[:10]],
                                 f"only the columns {','.join(STORE_COLUMNS)}" + repair))
    problems = []
    text = frame.astype(str)
    for key in text[text.duplicated(["region", "month"], keep=False)].groupby(
            ["region", "month"]).groups:
        problems.append(Problem(source, f"{key[0]} {key[1]}", "(more than one row)",
                                "one row per region and month" + repair))
    # float64 even when empty: an empty text column stays text through to_numeric, and
    # pandas' pyarrow-backed strings have no arithmetic
    counts = frame[list(COUNTS)].apply(pd.to_numeric, errors="coerce").astype("float64")
    whole = counts.notna() & (counts >= 0) & (counts % 1 == 0) & (counts <= MAX_COUNT)
    rules = {
        "region": (_breaks(text.region, r"\d{2}\.\d{2}"), "a region code like 35.77"),
        "month": (_breaks(text.month, r"\d{4}-(0[1-9]|1[0-2])"), "YYYY-MM"),
        "kind": (~text.kind.isin(KINDS), f"one of {', '.join(KINDS)}"),
        "active": (~whole.active, f"a whole number from 0 to {MAX_COUNT:,}"),
        "subsidised": ((counts.subsidised > counts.active)
                       | (_breaks(text.subsidised, r"\s*") & ~whole.subsidised),
                       f"a whole number from 0 to {MAX_COUNT:,}, at most active"),
        **{name: (_breaks(text[name], r"\s*") & ~whole[name],
                  f"a whole number from 0 to {MAX_COUNT:,}") for name in ("new", "lapsed")},
    }
    for column, (broken, expected) in rules.items():
        for index in broken[broken].index[:MAX_REPORTED]:
            problems.append(Problem(source, f"line {index + 2} {column}",
                                    shown_number(text.at[index, column]), expected + repair))
    if problems:
        raise InputError(problems)


def _under_folders(path: Path) -> None:
    """Refuse a store path that runs through a file (``data/README.md/actuals.csv``): it
    could never be created, and the lock beside it neither."""
    for place in path.parents:
        if os.path.lexists(place):
            if not place.is_dir():
                raise InputError(Problem(str(path), "", f"(inside {place}, a file)",
                                         "a store path whose folders are folders"))
            return


def _breaks(cells: pd.Series, pattern: str) -> pd.Series:
    """Where a text column does not match ``pattern`` in full; each distinct value is tested
    once (a store of 360,000 rows has a few thousand)."""
    rule = re.compile(pattern)
    return cells.isin([value for value in cells.unique() if not rule.fullmatch(str(value))])


@contextmanager
def store_lock(path: str | Path):
    """Hold the store for a whole read-modify-write: a second import waits its turn
    (filelock: the operating system's lock, released if the holder dies)."""
    path = Path(path)
    _under_folders(path)
    lock_path = path.with_name(f".{path.name}.lock")
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=LOCK_WAIT_S)
    except Timeout:
        raise RunLocked(f"another import has held {path} for {LOCK_WAIT_S} s; try again when "
                        "it has finished") from None
    except OSError as error:  # a folder (or anything else) where the lock file goes
        kind = "(a folder)" if lock_path.is_dir() else f"({error.strerror or error})"
        raise InputError(Problem(str(lock_path), "", kind, f"a lock file jamsos can create "
                                 f"beside the store {path}; remove or rename what is "
                                 "there")) from None
    try:
        yield
    finally:
        lock.release()


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
    """Write the store atomically, after checking its rules once more."""
    check_store(frame.astype(object).where(frame.notna(), "").astype(str), str(path))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_csv(frame, path)


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
    """Params whose starting membership follows the actuals: ``active_bpu`` the self-payers
    (active less those a scheme pays), ``subsidised_bpu`` the lurah-list scheme's members
    (those a scheme pays less what the agency-list schemes pay for then, central values of
    the files) and ``agency_list_bpu`` the rest; a projection starting after an observed
    month starts from what was observed."""
    if store.empty:
        return params
    parameters = dict(params.parameters)
    months = [parse_month(m) for m in store.month]
    paid = paid_by_scheme(store)
    lurah = [lurah_list_members(params, region, month, float(value)) or 0.0
             for region, month, value in zip(store.region, months, paid, strict=True)]
    # the agency lists' members only where the row counts scheme members (a blank is silent)
    counted = pd.to_numeric(store.subsidised, errors="coerce").notna()
    agency = [value - part if known else np.nan
              for value, part, known in zip(paid, lurah, counted, strict=True)]
    for name, values in (("active_bpu", self_paying_counts(store)), ("subsidised_bpu", lurah),
                         ("agency_list_bpu", agency)):
        entries = tuple(
            DatedEntry(month, {region: ValueRange(float(v), float(v), float(v))}, "actuals")
            for region, month, v in zip(store.region, months, values, strict=True)
            if pd.notna(v))
        parameters[name] = parameters[name].overlaid(entries)
    return replace(params, parameters=parameters)


def lurah_list_members(params: ParamSet, code: str, month: int, value: float,
                       measure: str = "scheme_bpu", schemes: tuple[str, ...] = ()
                       ) -> float | None:
    """What a published scheme count of one region says of the lurah-list scheme's members:
    the count less the members the agency-list schemes it covers pay for then (central
    values of the files) and, for a count of all groups, the wage earners. None where no
    lurah-list scheme runs then, or the count names schemes without it."""
    pipeline = scheme_at(params.schemes, code, month)
    if pipeline is None or (schemes and pipeline.name not in schemes):
        return None
    named = schemes or None
    value -= central_members(params.schemes, code, month, BPU, named)
    if measure == "scheme_all":
        value -= central_members(params.schemes, code, month, PU, named)
        if not schemes:
            value -= params.parameter("wage_earner_quota").central(code, month) or 0.0
    return max(value, 0.0)
