"""Reading the spreadsheets people send: header names, header rows and delimited text."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..files import not_regular

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
# what a file expands to: a 1.5 MB workbook of 150,000 rows x 300 columns took 13 min and
# 1 GB, one 49 MiB line of commas 18 GB; lists and exports have a dozen filled columns
# openpyxl reads some 100,000 cells a second, and twice where a sheet does not state its size
MAX_COLUMNS = 50
MAX_CELLS = 2_000_000  # 200,000 rows of 10 columns: about 20 s
MAX_LINE_CHARS = 10_000
MAX_UNZIPPED_BYTES = 128 * 2**20  # a workbook of MAX_CELLS cells unzips to about 80 MiB
MAX_MEMBERS = 1_000  # parts inside a workbook: a few per sheet
SPLIT = "split the file (a list by kecamatan), or delete the columns and rows not needed"
_CELL_TAGS = (b"<c ", b"<c>", b"<c/", b":c ", b":c>", b":c/")  # with or without a prefix
TEXT_SUFFIXES = (".csv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Sheet:
    """One table of a file: a sheet of a workbook (``name``) or a whole CSV (``name`` '')."""

    name: str
    rows: list[list[object]]
    numeric: list[list[bool]] | None = None  # workbooks: cells stored as numbers
    number: int = 1  # the sheet's place in its workbook (1: the first)

    def label(self, source: str) -> str:
        """Where the sheet is, for messages: by number, since a sheet's name may be
        anything a person typed (a NIK or a name)."""
        return f"{source} sheet {self.number}" if self.name else source


def checked_file(path: str | Path, source: str) -> Path:
    """A CSV or XLSX file that exists, is a readable file and is not beyond the limits."""
    path = Path(path)
    expected = "an existing CSV or XLSX file"
    try:
        if not path.exists():
            raise InputError(Problem(source, "", "(no such file)", expected))
        if path.is_dir():
            raise InputError(Problem(source, "", "(a folder)", expected))
        regular_file(path, source, "a regular CSV or XLSX file")
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


def regular_file(path: Path, source: str, expected: str) -> None:
    """Refuse a pipe, device or socket before opening it: reading a pipe waits for ever.
    (A symlink to a regular file is a regular file.)"""
    kind = not_regular(os.stat(path).st_mode)
    if kind is not None:
        raise InputError(Problem(source, "", f"({kind})", expected))


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
        _not_a_workbook(path, head, source)
    damaged = "an .xlsx workbook Excel can open; save it again from Excel, or as CSV"
    _check_archive(path, source, damaged)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors: a damaged workbook
        raise InputError(Problem(source, "", f"({type(error).__name__})", damaged)) from None
    sheets, count, cells = [], 0, 0
    try:
        for number, worksheet in enumerate(book.worksheets, start=1):
            where = f"sheet {number}"
            if (worksheet.max_row or 0) > MAX_ROWS:  # the stated size, before reading
                raise InputError(_too_many(source))
            worksheet.reset_dimensions()  # else every row is padded to the stated width
            values, numeric = [], []
            for row in worksheet.iter_rows(values_only=True):
                count += 1
                if count > MAX_ROWS:
                    raise InputError(_too_many(source))
                kept = _trimmed(list(row), lambda v: v is None or v == "")
                cells = _counted(kept, cells, source, f"{where} row {len(values) + 1}")
                values.append(kept)
                numeric.append([isinstance(v, (int, float)) and not isinstance(v, bool)
                                for v in kept])
            sheets.append(Sheet(worksheet.title, values, numeric, number))
    except InputError:
        raise
    except Exception as error:  # a sheet's XML broken half-way
        raise InputError(Problem(source, "", f"({type(error).__name__})", damaged)) from None
    finally:
        book.close()
    return sheets


def _not_a_workbook(path: Path, head: bytes, source: str) -> None:
    """Say what a file named .xlsx is instead: an HTML export, a password-protected or an
    old workbook (both OLE containers), or something else."""
    if head[:1] == b"<":
        found = "(an HTML page saved with an .xlsx name, as some systems export)"
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():  # at most 50 MiB
            raise InputError(Problem(source, "", "(a password-protected workbook)",
                                     "a workbook saved without a password: open it in Excel, "
                                     "remove the password (File, Info, Protect Workbook) and "
                                     "save it as .xlsx, or as CSV"))
        found = "(an old Excel 97-2003 .xls file)"
    else:
        found = "(not an Excel workbook)"
    raise InputError(Problem(source, "", found, "an .xlsx workbook: open the file in "
                             "Excel or LibreOffice and save it as .xlsx, or as CSV"))


def _check_archive(path: Path, source: str, damaged: str) -> None:
    """What the workbook unzips to, from the zip's directory alone: every read of a part
    stops at its stated size, so the stated sizes bound the work."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(Problem(source, "", f"({type(error).__name__})", damaged)) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(Problem(source, "", f"({len(members):,} parts inside)",
                                 f"a workbook of at most {MAX_MEMBERS:,} parts; save it again "
                                 "from Excel, or as CSV"))
    unzipped = sum(member.file_size for member in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise InputError(Problem(source, "", f"(unzips to {unzipped / 2**20:,.0f} MiB)",
                                 f"a workbook that unzips to at most "
                                 f"{MAX_UNZIPPED_BYTES // 2**20} MiB; {SPLIT}"))
    cost = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in members:
                cells, sized = _cell_tags(archive, member)
                cost += cells if sized else 2 * cells  # unsized: openpyxl reads it twice
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
        raise InputError(Problem(source, "", f"({type(error).__name__})", damaged)) from None
    if cost > MAX_CELLS:
        raise InputError(Problem(source, "", f"(about {cost:,} cells to read)",
                                 f"at most {MAX_CELLS:,} cells, empty formatted ones and, twice, "
                                 f"those of a sheet that does not state its size; {SPLIT}"))


def _cell_tags(archive, member) -> tuple[int, bool]:
    """(cell elements, whether a size is stated) of one part, counted in its bytes at C
    speed, before openpyxl parses a single cell."""
    count, tail, sized = 0, b"", False
    with archive.open(member) as stream:
        while chunk := stream.read(2**22):
            window = tail[-2:] + chunk  # a 3-byte tag cut between chunks is counted once
            count += sum(window.count(tag) for tag in _CELL_TAGS)
            sized = sized or b"dimension ref" in tail + chunk
            tail = chunk[-16:]
    return count, sized


def _trimmed(row: list, empty: Callable[[object], bool]) -> list:
    """A row without its empty cells at the end (exports pad rows to the widest one)."""
    end = len(row)
    while end and empty(row[end - 1]):
        end -= 1
    return row if end == len(row) else row[:end]


def _counted(row: list, cells: int, source: str, key: str) -> int:
    """The running count of cells with one row more; refused beyond the limits."""
    if len(row) > MAX_COLUMNS:
        raise InputError(Problem(source, key, f"({len(row):,} filled columns)",
                                 f"at most {MAX_COLUMNS} columns; {SPLIT}"))
    cells += len(row)
    if cells > MAX_CELLS:
        raise InputError(Problem(source, "", f"(more than {MAX_CELLS:,} cells)",
                                 f"at most {MAX_CELLS:,} filled cells in one file; {SPLIT}"))
    return cells


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
    unclosed = Problem(source, "", "(a quoted cell never closed)", "a CSV file whose quoted "
                       "cells are closed; save it again from the spreadsheet")
    long = next((n for n, line in enumerate(lines, 1) if len(line) > MAX_LINE_CHARS), 0)
    if long:  # one line of millions of separators would be millions of cells
        if sum(line.count('"') for line in lines[:long - 1]) % 2:
            raise InputError(unclosed)  # the long line is the rest of the file in a quote
        raise InputError(Problem(source, f"line {long}", f"({len(lines[long - 1]):,} "
                                 "characters)", f"lines of at most {MAX_LINE_CHARS:,} "
                                 f"characters; {SPLIT}"))
    sample = "\n".join(lines[:sample_lines])
    del lines
    counts = {d: sample.count(d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=counts.get) if any(counts.values()) else ";"
    rows, cells = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            row = _trimmed(row, lambda v: not v.strip())
            cells = _counted(row, cells, source, f"row {len(rows) + 1}")
            rows.append(row)
    except csv.Error as error:  # e.g. a quote never closed: say where, not what
        raise InputError(Problem(source, "", f"({error})", "a CSV file whose quoted cells are "
                                 "closed; save it again from the spreadsheet")) from None
    return rows
