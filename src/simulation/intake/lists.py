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
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from .spreadsheets import Sheet, find_header, normalise_header, read_sheets

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

    source: str  # where the list is, for messages: never a name a person typed
    rows: pd.DataFrame  # columns: FIELDS present + "row" (1-based line/row in the file)
    numeric_nik: np.ndarray  # True where a spreadsheet stored the NIK as a number
    synthetic: bool = False  # the file says its rows are generated (a SINTETIS column)
    name: str = ""  # file (and sheet) name: for the private follow-up file only


def read_lists(path: str | Path, overrides: dict[str, str] | None = None,
               label: str | None = None, name: str | None = None) -> list[ListFile]:
    """Every list in a CSV or XLSX file (each sheet with a NIK header is one list), in
    canonical columns; never converts the NIK to a number. ``label`` names the file in
    messages (default: its name; the command line says "list 2", since a file name may
    hold a NIK or a name), ``name`` in the private follow-up file (default: its name). A
    sheet with rows but no such header is refused with the sheets' numbers, rather than
    skipped."""
    source = label or Path(path).name
    name = name or Path(path).name
    overrides = overrides or {}
    found, headerless = [], []
    sheets = read_sheets(path, source)
    for sheet in sheets:
        header_index, mapping = find_header(
            sheet.rows, HEADER_ALIASES, lambda fields: "nik" in fields and len(fields) >= 2,
            HEADER_SCAN_ROWS, overrides)
        if header_index >= 0:
            private_name = f"{name} [{sheet.name}]" if sheet.name else name
            found.append(replace(_list_of(sheet, sheet.label(source), header_index, mapping),
                                 name=private_name))
        elif any(any(str(v).strip() for v in row if v is not None) for row in sheet.rows):
            headerless.append(sheet)
    expected = ", ".join(sorted(HEADER_ALIASES["nik"]))
    if headerless:  # cell contents never appear in a message: only where to look
        read = ", ".join(item.source for item in found) or "none"
        raise InputError([Problem(sheet.label(source), "header", f"(no NIK column in the "
                                  f"first {HEADER_SCAN_ROWS} rows)",
                                  f"a header row with a NIK column (one of: {expected}) or "
                                  f"--column nik=HEADER; lists read: {read}"
                                  + (f"; the workbook has {len(sheets)} sheets, counted "
                                     "from the left" if len(sheets) > 1 else ""))
                          for sheet in headerless])
    return found


def read_list(path: str | Path, overrides: dict[str, str] | None = None) -> ListFile:
    """The one list in a file (see :func:`read_lists`); a workbook of several is refused."""
    lists = read_lists(path, overrides)
    if len(lists) != 1:
        raise InputError(Problem("FILE", "", f"({len(lists)} lists)",
                                 "one list; use read_lists for a workbook of several sheets"))
    return lists[0]


def _list_of(sheet: Sheet, source: str, header_index: int, mapping: dict[int, str]
             ) -> ListFile:
    table = sheet.rows
    numeric_cells = sheet.numeric or [[False] * len(r) for r in table]
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
    if not records:
        raise InputError(Problem(source, f"rows after {header_index + 1}", "(none)",
                                 "at least one listed worker under the header"))
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


ACTIVE_ALIASES = {"nik": HEADER_ALIASES["nik"], "nik_hmac": {"nikhmac", "hmac", "nikhash"}}


def read_active_list(path: str | Path) -> tuple[set[str], set[str]]:
    """Plain NIKs (column nik) and/or salted hashes (column nik_hmac) of active participants:
    one column or several, CSV or XLSX, every sheet with such a header."""
    source = "--active-list"  # not its name: a file name may hold personal data
    plain: set[str] = set()
    hashed: set[str] = set()
    headers = 0
    for sheet in read_sheets(path, source):
        header_index, mapping = find_header(sheet.rows, ACTIVE_ALIASES, bool, HEADER_SCAN_ROWS)
        if header_index < 0:
            continue
        headers += 1
        for row in sheet.rows[header_index + 1:]:
            for index, field_name in mapping.items():
                value = _cell_text(row[index] if index < len(row) else None)
                if value:
                    (plain if field_name == "nik" else hashed).add(
                        value if field_name == "nik" else value.lower())
    if not headers:  # never quote the cells: a header-less list starts with a NIK and name
        raise InputError(Problem(source, "header", f"(no nik or nik_hmac column in the first "
                                 f"{HEADER_SCAN_ROWS} rows)", "a header row naming a column "
                                 "nik or nik_hmac"))
    if not plain and not hashed:
        raise InputError(Problem(source, "rows", "(none)", "at least one NIK or hash under the "
                                 "header"))
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
