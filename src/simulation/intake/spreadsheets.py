"""Reading the spreadsheets people send: header names, header rows and delimited text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem

DELIMITERS = (";", ",", "\t", "|")


def normalise_header(text: object) -> str:
    """'No. NIK' → 'nonik', 'Peserta Aktif' → 'pesertaaktif': for matching header aliases."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def header_mapping(cells: Sequence[object], aliases: dict[str, set[str]],
                   overrides: dict[str, str] | None = None) -> dict[int, str]:
    """Column index -> field for one row of cells: a header named by ``overrides``
    (field -> header) wins; otherwise the first cell matching one of a field's aliases."""
    overrides = overrides or {}
    wanted = {normalise_header(v): k for k, v in overrides.items()}
    found: dict[int, str] = {}
    for index, header in enumerate(cells):
        key = normalise_header(header)
        if not key:
            continue
        if key in wanted:
            found[index] = wanted[key]
            continue
        for field_name, names in aliases.items():
            if field_name in overrides:
                continue
            if key in names and field_name not in found.values():
                found[index] = field_name
    return found


def find_header(rows: Sequence[Sequence[object]], aliases: dict[str, set[str]],
                accept: Callable[[set[str]], bool], scan_rows: int,
                overrides: dict[str, str] | None = None) -> tuple[int, dict[int, str]]:
    """The header row: the first of the first ``scan_rows`` rows whose mapped fields
    ``accept`` takes (title rows above the header are common); ``(-1, {})`` if none."""
    for index, cells in enumerate(rows[:scan_rows]):
        mapping = header_mapping(cells, aliases, overrides)
        if accept(set(mapping.values())):
            return index, mapping
    return -1, {}


# what one file may hold: a kabupaten's whole listing is some tens of thousands of rows;
# a million rows took 28 s and 1.4 GB, so larger files are refused with these limits named
MAX_FILE_BYTES = 50 * 2**20
MAX_ROWS = 200_000
TEXT_SUFFIXES = (".csv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Sheet:
    """One table of a file: a sheet of a workbook (``name``) or a whole CSV (``name`` '')."""

    name: str
    rows: list[list[object]]
    numeric: list[list[bool]] | None = None  # workbooks: cells stored as numbers

    def label(self, source: str) -> str:
        return f"{source} [{self.name}]" if self.name else source


def checked_file(path: str | Path, source: str) -> Path:
    """A CSV or XLSX file that exists, is a readable file and is not beyond the limits."""
    path = Path(path)
    expected = "an existing CSV or XLSX file"
    try:
        if not path.exists():
            raise InputError(Problem(source, "", "(no such file)", expected))
        if path.is_dir():
            raise InputError(Problem(source, "", "(a folder)", expected))
        if path.suffix.lower() not in TEXT_SUFFIXES + WORKBOOK_SUFFIXES:
            raise InputError(Problem(source, "", path.suffix or "(no suffix)",
                                     "a .csv or .xlsx file"))
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as error:  # unreadable, a symlink loop, a vanished network share
        raise InputError(Problem(source, "", f"({error.strerror})", expected)) from None
    if size == 0:
        raise InputError(Problem(source, "", "(an empty file)", "a header row and data rows"))
    if size > MAX_FILE_BYTES:
        raise InputError(Problem(source, "", f"({size / 2**20:.0f} MiB)", "a file of at most "
                                 f"{MAX_FILE_BYTES // 2**20} MiB; split the list by kecamatan"))
    return path


def read_sheets(path: str | Path, source: str) -> list[Sheet]:
    """Every table of a CSV or XLSX file, cells as found (no conversion); refused with a
    reason for a file that is not what its name says, or beyond :data:`MAX_ROWS` rows."""
    path = checked_file(path, source)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        sheets = _workbook_sheets(path, source)
    else:
        sheets = [Sheet("", read_delimited(path, source=source))]
    if not any(any(_filled(cell) for cell in row) for sheet in sheets for row in sheet.rows):
        raise InputError(Problem(source, "", "(no filled cell)", "a header row and data rows"))
    return sheets


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _workbook_sheets(path: Path, source: str) -> list[Sheet]:
    from openpyxl import load_workbook

    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"PK"):
        if head[:1] == b"<":
            found = "(an HTML page saved with an .xlsx name, as some systems export)"
        elif head.startswith(b"\xd0\xcf\x11\xe0"):
            found = "(an old Excel 97-2003 .xls file)"
        else:
            found = "(not an Excel workbook)"
        raise InputError(Problem(source, "", found, "an .xlsx workbook: open the file in "
                                 "Excel or LibreOffice and save it as .xlsx, or as CSV"))
    damaged = "an .xlsx workbook Excel can open; save it again from Excel, or as CSV"
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors: a damaged workbook
        raise InputError(Problem(source, "", f"({type(error).__name__})", damaged)) from None
    sheets, count = [], 0
    try:
        for worksheet in book.worksheets:
            values, numeric = [], []
            for row in worksheet.iter_rows(values_only=True):
                count += 1
                if count > MAX_ROWS:
                    raise InputError(_too_many(source))
                values.append(list(row))
                numeric.append([isinstance(v, (int, float)) and not isinstance(v, bool)
                                for v in row])
            sheets.append(Sheet(worksheet.title, values, numeric))
    except InputError:
        raise
    except Exception as error:  # a sheet's XML broken half-way
        raise InputError(Problem(source, "", f"({type(error).__name__})", damaged)) from None
    finally:
        book.close()
    return sheets


def _too_many(source: str) -> Problem:
    return Problem(source, "", f"(more than {MAX_ROWS:,} rows)",
                   f"at most {MAX_ROWS:,} rows in one file; split the list by kecamatan")


def read_delimited(path: Path, sample_lines: int = 25, source: str | None = None
                   ) -> list[list[str]]:
    """All rows of a CSV-like file, blank lines kept (so row numbers are line numbers).

    Handles a byte-order mark, UTF-16 and Windows-1252 exports, and ';', ',', tab or '|'
    separators (the one most frequent in the first lines; none: one column)."""
    source = source or path.name
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in raw[:4096]:
        encodings = ("utf-16-le",) if raw[1:4096:2].count(0) > len(raw[1:4096:2]) / 2 else ()
    else:
        encodings = ("utf-8-sig", "cp1252", "latin-1")  # latin-1 decodes any byte
    text = None
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise InputError(Problem(source, "", "(binary content)", "a CSV text file (UTF-8, "
                                 "UTF-16 or Windows-1252), or an .xlsx workbook"))
    lines = text.splitlines()
    if len(lines) > MAX_ROWS + 1:
        raise InputError(_too_many(source))
    sample = "\n".join(lines[:sample_lines])
    counts = {d: sample.count(d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=counts.get) if any(counts.values()) else ";"
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:  # e.g. a quote never closed: say where, not what
        raise InputError(Problem(source, "", f"({error})", "a CSV file whose quoted cells are "
                                 "closed; save it again from the spreadsheet")) from None
