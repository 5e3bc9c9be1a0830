"""Reading an official list of Kemendagri codes for ``jamsos regions import``.

Two shapes are read: a table (CSV or XLSX) with a code column (``kode``/``code``), a name
column (``nama``/``name``) and optionally a population column (``penduduk``/``total``/
``population``); or the SQL dump the maintained open copy of the Kepmendagri publishes
(``INSERT INTO wilayah ... VALUES ('35.77','Kota Madiun'), ...``; a population dump adds
male, female and total counts). Rows of every level may be mixed: provinces, kabupaten/
kota, kecamatan (counted) and desa/kelurahan (ignored).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import InputError, Problem
from .spreadsheets import find_header, read_sheets, regular_file

MAX_SQL_BYTES = 64 * 2**20  # the full dump with every desa is about 10 MiB
ALIASES = {"code": {"kode", "code", "kodewilayah", "kodekemendagri"},
           "name": {"nama", "name", "namawilayah"},
           "population": {"penduduk", "population", "total", "jumlahpenduduk"}}
# ('35.77','Kota Madiun') or ('35.77','Kota Madiun','99077','102656','201733')
SQL_ROW = re.compile(r"\(\s*'([0-9.]{1,13})'\s*,\s*'((?:[^'\\]|''|\\.){0,200})'"
                     r"(?:\s*,\s*'?(\d{1,12})'?\s*,\s*'?(\d{1,12})'?\s*,\s*'?(\d{1,12})'?)?\s*\)")


def read_official_list(path: str | Path, source: str) -> list[tuple[str, str, int | None]]:
    """(code, name, population or None) for every row of the file."""
    path = Path(path)
    if path.suffix.lower() == ".sql":
        return _sql_rows(path, source)
    rows: list[tuple[str, str, int | None]] = []
    for sheet in read_sheets(path, source):
        start, mapping = find_header(sheet.rows, ALIASES, lambda f: {"code", "name"} <= f, 10)
        if start < 0:
            raise InputError(Problem(sheet.label(source), "header", "(not found)",
                                     "a header row with kode/code and nama/name columns"))
        column = {field: index for index, field in mapping.items()}
        for number, cells in enumerate(sheet.rows[start + 1:], start=start + 2):
            found = {f: cells[i] for f, i in column.items() if i < len(cells)}
            code = str(found.get("code") or "").strip()
            if not code:
                continue
            rows.append((code, str(found.get("name") or ""),
                         _population(found.get("population"), sheet.label(source), number)))
    return rows


def _population(value: object, source: str, row: int) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).replace(".", "").replace(",", "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise InputError(Problem(source, f"row {row}: population", value,
                                 "a whole number of people"))
    return int(text)


def _sql_rows(path: Path, source: str) -> list[tuple[str, str, int | None]]:
    try:
        regular_file(path, source, "a regular .sql file")
        size = path.stat().st_size
        if size > MAX_SQL_BYTES:
            raise InputError(Problem(source, "", f"({size / 2**20:.0f} MiB)",
                                     f"a file of at most {MAX_SQL_BYTES // 2**20} MiB"))
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(Problem(source, "", f"({error.strerror})",
                                 "a readable .sql file")) from None
    rows = [(code, name.replace("''", "'").replace("\\'", "'"),
             int(total) if total else None)
            for code, name, _, _, total in SQL_ROW.findall(text)]
    if not rows:
        raise InputError(Problem(source, "", "(no rows)", "INSERT rows like "
                                 "('35.77','Kota Madiun')"))
    return rows


def read_official_lists(paths: list[str]
                        ) -> tuple[list[tuple[str, str, int | None]], str, list[str]]:
    """The rows of one or more files (the code list and a population list, say), joined by
    code: a code listed in several files is one row, its population from the file giving
    one. The first file's names stand; a later file's name for the same code must agree, or
    differ only by a typo (then noted): a rename between two versions must not slip
    through. Returns the rows, the sources and the notes."""
    merged: dict[str, list] = {}
    notes: list[str] = []
    duplicates: list[tuple[str, str, int | None]] = []
    for path in paths:
        seen_here: set[str] = set()
        for code, name, population in read_official_list(path, path):
            if code in seen_here:  # twice in one file: build_catalogue names it
                duplicates.append((code, name, population))
                continue
            seen_here.add(code)
            if code not in merged:
                merged[code] = [code, name, population, path]
                continue
            known = merged[code]
            if _comparable(name) != _comparable(known[1]):
                if SequenceMatcher(None, _comparable(name), _comparable(known[1])).ratio() > 0.9:
                    notes.append(f"{path}: {code} is {name!r} there; kept {known[1]!r} "
                                 f"from {known[3]}")
                else:
                    raise InputError(Problem(path, code, name, f"the name {known[1]!r} "
                                             f"that {known[3]} gives for {code}"))
            if known[2] is None:
                known[2] = population
    rows = [(c, n, p) for c, n, p, _ in merged.values()] + duplicates
    return rows, ", ".join(paths), notes


def _comparable(name: str) -> str:
    """A name as compared between two lists: spacing, case and "Kab"/"Kab." for
    "Kabupaten" aside."""
    words = " ".join(name.split()).lower()
    return re.sub(r"^kab\.?\s+", "kabupaten ", words)
