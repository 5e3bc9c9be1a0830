"""The lurah's lists of informal workers (daftar awal) and the branch's active list, read
as offices send them: header names that vary, a byte-order mark, ``;`` separators, blank
rows, title rows above the header, NIKs a spreadsheet turned into numbers. Cell contents
never appear in an error message: only the file, row and column.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from .spreadsheets import find_header, normalise_header, read_delimited

FIELDS = ("nik", "name", "kelurahan", "address", "job", "birth_date")
REQUIRED = ("nik", "name", "kelurahan")
HEADER_SCAN_ROWS = 20
HEADER_ALIASES = {
    "nik": {"nik", "nonik", "nomornik", "noktp", "nomorktp", "niknoktp", "nikktp",
            "nomorindukkependudukan", "nonikktp"},
    "name": {"nama", "namalengkap", "namapekerja", "namapeserta", "namasesuaiktp"},
    "kelurahan": {"kelurahan", "kel", "desakelurahan", "kelurahandesa", "namakelurahan"},
    "address": {"alamat", "alamatlengkap", "alamatdomisili", "alamatrumah"},
    "job": {"jenispekerjaan", "pekerjaan", "jenisusaha", "profesi"},
    "birth_date": {"tgllahir", "tanggallahir", "tgllhr", "tanggallhr"},
}
@dataclass(frozen=True)
class ListFile:
    """One list as read: canonical columns, the row number in the file, and flags."""

    source: str
    rows: pd.DataFrame  # columns: FIELDS present + "row" (1-based line/row in the file)
    numeric_nik: np.ndarray  # True where a spreadsheet stored the NIK as a number
    synthetic: bool = False  # the file says its rows are generated (a SINTETIS column)


def _read_xlsx_rows(path: Path) -> tuple[list[list[object]], list[list[bool]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    values, numeric = [], []
    for row in sheet.iter_rows():
        values.append([cell.value for cell in row])
        numeric.append([isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                        for cell in row])
    book.close()
    return values, numeric


def read_list(path: str | Path, overrides: dict[str, str] | None = None) -> ListFile:
    """Read one CSV/XLSX list into canonical columns; never converts the NIK to a number."""
    path = Path(path)
    source = path.name
    if not path.is_file():
        raise InputError(Problem(str(path), "", str(path), "an existing CSV or XLSX file"))
    overrides = overrides or {}
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table, numeric_cells = _read_xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        table = read_delimited(path, HEADER_SCAN_ROWS + 5)
        numeric_cells = [[False] * len(r) for r in table]
    else:
        raise InputError(Problem(str(path), "", suffix, "a .csv or .xlsx file"))
    header_index, mapping = find_header(
        table, HEADER_ALIASES, lambda fields: "nik" in fields and len(fields) >= 2,
        HEADER_SCAN_ROWS, overrides)
    if header_index < 0:
        expected = ", ".join(sorted(HEADER_ALIASES["nik"]))
        raise InputError(Problem(source, "header", "(no NIK column in the first "
                                 f"{HEADER_SCAN_ROWS} rows)",
                                 f"a header row with a NIK column (one of: {expected}), or "
                                 "--column nik=HEADER"))
    synthetic = any(normalise_header(h) == "sintetis" for h in table[header_index])
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        raise InputError([Problem(source, "header", f"(no {f} column)",
                                  f"a {f} column (e.g. {sorted(HEADER_ALIASES[f])[0]}) or "
                                  f"--column {f}=HEADER") for f in missing])
    records, numeric_flags = [], []
    nik_column = next(i for i, f in mapping.items() if f == "nik")
    for offset, row in enumerate(table[header_index + 1:], start=header_index + 2):
        if not any(str(v).strip() for v in row if v is not None):
            continue  # a blank row
        record = {"row": offset}
        for index, field_name in mapping.items():
            value = row[index] if index < len(row) else None
            record[field_name] = _cell_text(value)
        records.append(record)
        flags = numeric_cells[offset - 1] if offset - 1 < len(numeric_cells) else []
        numeric_flags.append(bool(flags[nik_column]) if nik_column < len(flags) else False)
    frame = pd.DataFrame(records, columns=["row", *[f for f in FIELDS if f in
                                                    mapping.values()]])
    for field_name in FIELDS:
        if field_name not in frame:
            frame[field_name] = ""
    return ListFile(source, frame.fillna(""), np.array(numeric_flags, dtype=bool), synthetic)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def column_overrides(items: list[str], source: str = "--column") -> dict[str, str]:
    """``FIELD=HEADER`` items (a header the aliases do not know) as field -> header."""
    overrides = {}
    for item in items:
        field_name, _, header = item.partition("=")
        if field_name not in FIELDS or not header:
            raise InputError(Problem(source, "", item,
                                     f"FIELD=HEADER with FIELD one of {', '.join(FIELDS)}"))
        overrides[field_name] = header
    return overrides


def nik_hmac(nik: str, key: bytes) -> str:
    """HMAC-SHA256 of a NIK, hex: how the branch shares its participant list without NIKs."""
    return hmac.new(key, nik.encode(), hashlib.sha256).hexdigest()


def read_active_list(path: str | Path) -> tuple[set[str], set[str]]:
    """Plain NIKs (column nik) and/or salted hashes (column nik_hmac) of active participants."""
    item = Path(path)
    frame = (pd.read_excel(item, dtype=str) if item.suffix.lower() in (".xlsx", ".xlsm")
             else pd.read_csv(item, dtype=str, sep=None, engine="python",
                              encoding="utf-8-sig"))
    columns = {normalise_header(c): c for c in frame.columns}
    plain = (set(frame[columns["nik"]].dropna().str.strip()) if "nik" in columns else set())
    hashed = (set(frame[columns["nikhmac"]].dropna().str.strip().str.lower())
              if "nikhmac" in columns else set())
    if not plain and not hashed:
        raise InputError(Problem(item.name, "header", list(frame.columns)[:5],
                                 "a column nik or nik_hmac"))
    return plain, hashed


@dataclass(frozen=True)
class ActiveMembers:
    """Who is already covered: plain NIKs, and/or HMACs with the key that made them."""

    niks: set[str] = field(default_factory=set)
    hmacs: set[str] = field(default_factory=set)
    key: bytes | None = None


def load_active_members(path: str | Path | None, key_variable: str,
                        environ: Mapping[str, str] = os.environ) -> ActiveMembers:
    """The active list at ``path`` (none: nobody); a hashed list needs its HMAC key in the
    environment variable ``key_variable``."""
    if path is None:
        return ActiveMembers()
    plain, hashed = read_active_list(path)
    key = None
    if hashed:
        secret = environ.get(key_variable)
        if not secret:
            raise InputError(Problem(key_variable, "", "(not set)", "the HMAC key of the "
                                     "hashed active list in this environment variable"))
        key = secret.encode()
    return ActiveMembers(plain, hashed, key)
