"""Reading the spreadsheets people send: header names, header rows and delimited text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

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


def read_delimited(path: Path, sample_lines: int = 25) -> list[list[str]]:
    """All rows of a CSV-like file, blank lines kept (so row numbers are line numbers).

    Handles a byte-order mark, Windows-1252 exports, and ';', ',', tab or '|' separators
    (the one most frequent in the first lines)."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):  # latin-1 decodes any byte
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = "\n".join(text.splitlines()[:sample_lines])
    delimiter = max(DELIMITERS, key=sample.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))
