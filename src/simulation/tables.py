"""Reading the spreadsheets people send: header names and delimited text as it comes."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

DELIMITERS = (";", ",", "\t", "|")


def normalise_header(text: object) -> str:
    """'No. NIK' → 'nonik', 'Peserta Aktif' → 'pesertaaktif': for matching header aliases."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


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
