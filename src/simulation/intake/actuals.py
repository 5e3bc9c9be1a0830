"""Monthly actuals: what people really send, read strictly into one tidy store.

Rows go into the tidy store (:mod:`.store`). Imports are validated as a whole: Indonesian
number formats (``2.298``; a decimal comma in a count is refused), Indonesian month names
(``Agustus 2019``, ``Agt-19``), region names or codes; ambiguous values, duplicates,
negative counts and tenfold jumps are refused with the file, row and value. Re-importing
the same file changes nothing; a different value for a stored month is refused unless
``replace`` is asked for.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, parse_month
from ..params import ParamSet, Region
from .cells import described, shown_number
from .spreadsheets import find_header, read_sheets
from .store import COUNTS, MAX_COUNT, STORE_COLUMNS, self_paying_counts

HEADER_SCAN_ROWS = 15
MONTHS_ID = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agust": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "nop": 11, "desember": 12, "des": 12, "dec": 12,
}
COLUMN_ALIASES = {
    "region": {"region", "daerah", "wilayah", "kabupatenkota", "kabkota", "kotakabupaten",
               "kode", "kodewilayah"},
    "month": {"month", "bulan", "periode", "bulantahun", "tanggal"},
    "active": {"active", "aktif", "pesertaaktif", "jumlahpesertaaktif", "jumlahpeserta",
               "bpuaktif", "tkaktif"},
    "subsidised": {"subsidised", "subsidized", "dibayarpemda", "bantuaniuran", "iuranpemda",
                   "pesertapemda"},
    "new": {"new", "baru", "pesertabaru", "pendaftaranbaru", "daftarbaru"},
    "lapsed": {"lapsed", "nonaktif", "berhenti", "keluar", "pesertanonaktif"},
    "source": {"source", "sumber", "keterangan"},
}
JUMP_FACTOR = 10
FIRST_YEAR, LAST_YEAR = int(defaults.FIRST_MONTH[:4]), int(defaults.LAST_MONTH[:4])
MAX_PROBLEMS = 50  # one message line each: 200,000 bad rows must not make 200,000 lines
SHOWN_PLACES = 3


def parse_count(text: object, source: str, key: str) -> int | None:
    """'2.298' → 2298; '2298' → 2298; '' → None. Decimal commas and odd groupings refused."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    if isinstance(text, bool):
        raise InputError(Problem(source, key, text, "a whole number of people"))
    if isinstance(text, int):
        return _bounded(text, text, source, key)
    if isinstance(text, float):
        if abs(text) == float("inf") or not text.is_integer():
            raise InputError(Problem(source, key, shown_number(text),
                                     "a whole number of people"))
        return _bounded(int(text), text, source, key)
    value = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if value in ("", "-", "–"):
        return None
    if re.fullmatch(r"-?\d+", value):
        return _bounded(int(value), text, source, key)
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
        return _bounded(int(value.replace(".", "")), text, source, key)
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d+", value) or re.fullmatch(r"-?\d+,\d+", value):
        raise InputError(Problem(source, key, shown_number(text), "a whole number of people "
                                 "(this has a decimal comma, e.g. 1.234,5 means one thousand "
                                 "two hundred thirty-four and a half)"))
    raise InputError(Problem(source, key, shown_number(text), "a count written 2298 or 2.298 "
                             "(dots only between groups of three digits)"))


def _bounded(count: int, text: object, source: str, key: str) -> int:
    """A count no larger than any region's workforce: a 20-digit figure would overflow the
    store, and a 16-digit one is a NIK typed in the wrong column. The cell is quoted only if
    it cannot be a NIK or a name (:func:`shown_number`), and only when refused."""
    if abs(count) > MAX_COUNT:
        raise InputError(Problem(source, key, shown_number(text),
                                 f"a count of at most {MAX_COUNT:,}"))
    return count


def parse_month_text(text: object, source: str, key: str) -> int:
    """'Agustus 2019', 'Agt-19', 'agu 2019', '08/2019', '2019-08', an Excel date → month."""
    between = f"a month from {defaults.FIRST_MONTH} to {defaults.LAST_MONTH}"
    if isinstance(text, (dt.date, dt.datetime, pd.Timestamp)):  # an Excel date cell
        if not FIRST_YEAR <= text.year <= LAST_YEAR:
            raise InputError(Problem(source, key, f"{text.year:04d}-{text.month:02d}", between))
        return text.year * 12 + text.month - 1
    value = str(text).strip().lower()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", value)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", value)
        if match:
            month, year = int(match.group(1)), int(match.group(2))
        else:
            match = re.fullmatch(r"([a-z]+)\.?[\s\-/']*(\d{2}|\d{4})", value)
            if not match or match.group(1) not in MONTHS_ID:
                raise InputError(Problem(source, key, shown_month(text), "a month such as "
                                         "'Agustus 2019', 'Agt-19' or '2019-08'"))
            month = MONTHS_ID[match.group(1)]
            year = int(match.group(2))
            year += 2000 if year < 100 else 0
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(Problem(source, key, shown_month(text), between))
    return year * 12 + month - 1


def shown_month(text: object) -> object:
    """A month cell or sheet name, quoted only if its words are month names and it has
    few digits: a sheet may be named with a NIK or a person's name."""
    value = str(text).strip().lower()
    words = re.findall(r"[a-z]+", value)
    if len(value) <= 24 and sum(c.isdigit() for c in value) <= 8 and all(
            word in MONTHS_ID for word in words) and re.fullmatch(r"[a-z0-9\s./'-]*", value):
        return text
    return described(text)


def _simple(text: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]", " ", str(text).lower())).strip()


@functools.lru_cache(maxsize=1024)  # asked for every row of an import: 200,000 times
def _names_of(region: Region) -> frozenset[str]:
    """Every whole name of one region, simplified: 'Kota Madiun', 'Kab. Madiun', 'Kabupaten
    Ngawi', 'Ngawi', 'ngawi', '35.21', '3521'."""
    place = _simple(re.sub(r"^(Kabupaten|Kota)\s+", "", region.name))
    prefixes = (("kabupaten", "kab") if region.type == "kabupaten"
                else ("kota", "kodya", "kotamadya"))
    return frozenset({region.code, region.code.replace(".", ""), region.slug,
                      _simple(region.slug), _simple(region.name), place,
                      *(f"{p} {place}" for p in prefixes)})


def region_code(text: object, params: ParamSet, source: str, key: str) -> str:
    """A region by code, slug or whole name; never a part of a name ('Kota' or 'gaw' is
    refused), and a bare 'Madiun' is ambiguous (the kota or the kabupaten)."""
    value = str(text).strip()
    simple = _simple(value)
    matches = [r for r in params.regions if value in _names_of(r) or simple in _names_of(r)]
    if len(matches) == 1:
        return matches[0].code
    if matches:  # a whole name of regions: safe to show
        options = " or ".join(f"{r.name} ({r.code})" for r in matches)
        raise InputError(Problem(source, key, text, f"one region; this is ambiguous: {options}"))
    valid = ", ".join(f"{r.name} ({r.code})" for r in params.regions)
    raise InputError(Problem(source, key, _shown_region(value, params),
                             f"the whole name or code of one of the regions {valid}"))


def _shown_region(value: str, params: ParamSet) -> object:
    """An unknown region cell, quoted only if it is a part of a known region's name or code
    ('gaw', 'Kota'): anything else may be a NIK or a name typed in the wrong column."""
    part = _simple(value)
    known = [name for region in params.regions for name in _names_of(region)]
    if part and len(value) <= 40 and any(part in name for name in known):
        return value
    return described(value)


# ---------------------------------------------------------------- reading files


def _sheets(path: Path) -> list[tuple[str, str, list[list]]]:
    """(name, where for messages, cells) of each sheet: a sheet is named by its number."""
    return [(sheet.name, sheet.label(path.name), _padded(sheet.rows))
            for sheet in read_sheets(path, str(path)) if sheet.rows]


def _padded(rows: list[list]) -> list[list]:
    """Rows of differing lengths (trailing empty cells are dropped), padded to the widest
    (plain lists: a pandas row lookup per row took most of a 200,000-row import)."""
    width = max(len(row) for row in rows)
    return [[*row, *[None] * (width - len(row))] for row in rows]


def _header(rows: list[list]) -> tuple[int, dict[int, str]]:
    return find_header(rows[:HEADER_SCAN_ROWS], COLUMN_ALIASES,
                       lambda fields: {"region", "active"} <= fields, HEADER_SCAN_ROWS)


@dataclass(frozen=True)
class ImportResult:
    rows: pd.DataFrame  # tidy, validated
    notes: list[str]  # gaps and other things reported, not refused


def read_actuals(paths: list[str | Path], params: ParamSet, source: str | None = None,
                 kind: str = "observed", stored: pd.DataFrame | None = None) -> ImportResult:
    """Read and validate files; every problem is collected into one InputError. With the
    ``stored`` rows, a month is also checked against the stored months beside it."""
    problems: list[Problem] = []
    records = []
    for path in map(Path, paths):
        try:
            sheets = _sheets(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        before = (len(records), len(problems))
        for sheet_name, where, sheet_rows in sheets:
            header_index, mapping = _header(sheet_rows)
            parsed: dict = {}  # each region and month text parsed once per sheet
            if header_index < 0:
                problems.append(Problem(where, "header", f"(none in the first "
                                        f"{HEADER_SCAN_ROWS} rows)", "a header row with a "
                                        "region column (daerah/wilayah) and an active column "
                                        "(aktif)"))
                continue
            sheet_month = None
            if "month" not in mapping.values():
                try:
                    sheet_month = parse_month_text(sheet_name, where, "sheet name")
                except InputError as error:
                    problems.extend(error.problems)
                    continue
            for offset in range(header_index + 1, len(sheet_rows)):
                cells = sheet_rows[offset]
                if all(str(c).strip() in ("", "nan", "None") for c in cells):
                    continue
                row = {field_name: cells[column] for column, field_name in mapping.items()}
                key = f"row {offset + 1}"
                recorded = (where if sheet_month is None  # a month's name: safe to record
                            else f"{path.name} [{sheet_name}]")
                try:
                    records.append(_record(row, sheet_month, params, where, key, source, kind,
                                           recorded, parsed))
                except InputError as error:
                    problems.extend(error.problems)
        if (len(records), len(problems)) == before:  # a header and nothing under it
            problems.append(Problem(path.name, "rows", "(none)", "at least one row of figures "
                                    "under the header"))
    rows = pd.DataFrame(records, columns=[*STORE_COLUMNS, "_where"])
    notes = _check(rows, problems, stored) if len(rows) else []
    if problems:
        raise InputError(_summarised(problems))
    return ImportResult(rows.drop(columns="_where").drop_duplicates(ignore_index=True), notes)


def _summarised(problems: list[Problem]) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems and a count of the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("(this import)", "", f"({rest:,} more problems "
                                              "not shown)", "the problems above corrected "
                                              "first; the rest are of the same kinds")]


def _places(wheres: list[str]) -> str:
    """Where one region-month is found: the first few places and how many more."""
    shown = "; ".join(wheres[:SHOWN_PLACES])
    more = len(wheres) - SHOWN_PLACES
    return shown + (f"; and {more:,} more rows" if more > 0 else "")


def _record(row: dict, sheet_month: int | None, params: ParamSet, where: str, key: str,
            source: str | None, kind: str, recorded: str = "", parsed: dict | None = None
            ) -> dict:
    """One row's values; ``parsed`` keeps the region and month of each text already read
    (a text that fails is read again, so that its problem names its own row)."""
    problems = []
    values: dict = {"_where": f"{where} {key}"}
    parsed = {} if parsed is None else parsed
    for name, parse in (("region", lambda v: region_code(v, params, where, f"{key} region")),
                        ("month", lambda v: format_month(parse_month_text(v, where,
                                                                          f"{key} month")))):
        try:
            values[name] = (_parsed_once(parsed, name, row[name], parse) if name in row
                            else format_month(sheet_month))
        except InputError as error:
            problems.extend(error.problems)
    for name in COUNTS:
        try:
            count = parse_count(row.get(name), where, f"{key} {name}")
            if count is not None and count < 0:
                raise InputError(Problem(where, f"{key} {name}", count, "a count of 0 or more"))
            values[name] = count
        except InputError as error:
            problems.extend(error.problems)
    if not problems and values["active"] is None:
        problems.append(Problem(where, f"{key} active", "(empty)", "the number of active "
                                "participants"))
    if not problems and (values["subsidised"] or 0) > values["active"]:
        problems.append(Problem(where, f"{key} subsidised", values["subsidised"],
                                f"at most the {values['active']} active participants (those a "
                                "government pays for are among the active)"))
    if problems:
        raise InputError(problems)
    values["source"] = source or str(row.get("source") or recorded or where).strip()
    values["kind"] = kind
    return values


def _parsed_once(parsed: dict, name: str, text: object, parse) -> object:
    """``parse(text)``, kept in ``parsed`` for a text (a string or number) that parses: a
    200,000-row file names a few regions and months over and over."""
    if not isinstance(text, str | int | float):
        return parse(text)
    seen = (name, type(text), text)  # 1, 1.0 and True are different texts
    if seen not in parsed:
        parsed[seen] = parse(text)
    return parsed[seen]


def _check(rows: pd.DataFrame, problems: list[Problem], stored: pd.DataFrame | None
           ) -> list[str]:
    notes = []
    for (region, month), group in rows.groupby(["region", "month"]):
        if len(group) > 1:  # two files or rows for one month: which is right is not ours to say
            places = _places(group["_where"].tolist())
            problems.append(Problem(places, f"{region} {month}", f"({len(group):,} rows)",
                                    "one row per region and month in one import"))
    clean = rows.drop_duplicates(["region", "month"]).sort_values(["region", "month"])
    for region, group in clean.groupby("region"):
        months = [parse_month(m) for m in group["month"]]
        missing = sorted(set(range(months[0], months[-1] + 1)) - set(months))
        if missing:
            notes.append(f"{region}: no figure for {', '.join(format_month(m) for m in missing)}"
                         " (gap reported, not filled)")
    beside = pd.DataFrame(columns=STORE_COLUMNS) if stored is None else stored
    beside = beside[~beside.set_index(["region", "month"]).index.isin(
        clean.set_index(["region", "month"]).index)]  # a replaced month is not a neighbour
    problems.extend(_jumps(pd.concat([beside.assign(_new=False, _where=""),
                                      clean.assign(_new=True)], ignore_index=True)))
    return notes


def _jumps(rows: pd.DataFrame) -> list[Problem]:
    """Tenfold rises or falls between consecutive months of self-paying members, for every
    row marked ``_new`` (its neighbours may be stored rows). A subsidised scheme's launch is
    a real jump, so what people pay themselves is compared."""
    problems = []
    touched = rows[rows["_new"].astype(bool)].region.unique()  # other regions cannot jump
    ordered = rows[rows.region.isin(touched)].sort_values(["region", "month"])
    for region, group in ordered.groupby("region"):
        months = [parse_month(m) for m in group["month"]]
        active = self_paying_counts(group).astype(float).tolist()
        new = group["_new"].astype(bool).tolist()
        where = group["_where"].tolist()
        for k in range(1, len(active)):
            before, after = active[k - 1], active[k]
            if not (new[k] or new[k - 1]) or months[k] - months[k - 1] != 1 or before <= 0:
                continue
            if after / before >= JUMP_FACTOR or after / before <= 1 / JUMP_FACTOR:
                stored = "" if new[k - 1] else " (stored)"
                problems.append(Problem(where[k] or where[k - 1], f"{region} "
                                        f"{group['month'].iloc[k]} active", int(after),
                                        f"a plausible change from {int(before)} self-paying "
                                        f"members the month before{stored} (not "
                                        f"{JUMP_FACTOR}x); check the figure, or correct the "
                                        "earlier month with --replace"))
    return problems
