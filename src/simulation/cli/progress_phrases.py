"""The command line's progress lines and notes in Bahasa Indonesia.

They are written in English where they happen (the batch, the cluster, a command) and put in
the user's language as they are printed (:func:`.messages.say`), the way errors are. A line
no pattern knows is printed as it is. The paths, names and numbers in a line are kept."""

from __future__ import annotations

import re

_STATUS = {"ok": "selesai", "failed": "gagal", "timeout": "melewati batas waktu"}
_LABELS = {"reports": "laporan", "region chunks": "potongan daerah", "projection": "proyeksi"}


def _report_line(found: re.Match) -> str:
    status = _STATUS.get(found["status"], found["status"])
    return f"[{found['k']}/{found['n']}] {found['slug']} {status} ({found['s']} dtk){found['rest']}"


def _done_line(found: re.Match) -> str:
    label = _LABELS.get(found["label"], found["label"])
    return f"jamsos: {found['k']}/{found['n']} {label} selesai"


PROGRESS: tuple[tuple[re.Pattern, str | object], ...] = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in (
        (r"jamsos: rendering (?P<n>\d+) report\(s\) for (?P<month>\S+) with (?P<w>\d+) "
         r"worker\(s\)(?P<dask> on Dask)? into (?P<dir>.+)",
         lambda m: (f"jamsos: merender {m['n']} laporan untuk {m['month']} dengan {m['w']} "
                    f"proses{' di Dask' if m['dask'] else ''} ke {m['dir']}")),
        (r"jamsos: interrupted; nothing published, (?P<dir>.+) left as it was",
         r"jamsos: dihentikan; tidak ada yang diterbitkan, \g<dir> tetap seperti semula"),
        (r"jamsos: index (?P<path>.+)", r"jamsos: indeks \g<path>"),
        (r"jamsos: overview (?P<path>.+)", r"jamsos: ikhtisar \g<path>"),
        (r"jamsos: no report rendered; (?P<path>.+) left as it was; see (?P<record>.+)",
         r"jamsos: tidak ada laporan yang dirender; \g<path> tetap seperti semula; "
         r"lihat \g<record>"),
        (r"\[(?P<k>\d+)/(?P<n>\d+)\] (?P<slug>\S+) (?P<status>\w+) \((?P<s>[\d.]+) s\)"
         r"(?P<rest>.*)", _report_line),
        (r"jamsos: (?P<k>\d+)/(?P<n>\d+) (?P<label>[a-z ]+) done", _done_line),
        (r"jamsos: Dask dashboard at (?P<link>.+)", r"jamsos: dasbor Dask di \g<link>"),
        (r"jamsos: projecting (?P<s>\d+) scenario\(s\) x (?P<r>\d+) region\(s\) x "
         r"(?P<m>\d+) months x (?P<d>\d+) draw\(s\)\.\.\.",
         r"jamsos: memproyeksikan \g<s> skenario x \g<r> daerah x \g<m> bulan x \g<d> "
         r"undian..."),
        (r"jamsos: (?P<c>\d+) chunks of about (?P<r>\d+) regions(?P<on> on \S+)?",
         lambda m: (f"jamsos: {m['c']} potongan, masing-masing sekitar {m['r']} daerah"
                    f"{' di ' + m['on'][4:] if m['on'] else ''}")),
        (r"wrote (?P<rows>[\d,]+) rows to (?P<path>.+)",
         lambda m: f"menulis {m['rows'].replace(',', '.')} baris ke {m['path']}"),
        (r"jamsos: (?P<option>--[\w-]+) (?P<path>.+): for a run this large, a Parquet dataset "
         r"\((?P=option) NAME\.parquet\) is several times smaller and faster to read and write",
         r"jamsos: \g<option> \g<path>: untuk proyeksi sebesar ini, dataset Parquet "
         r"(\g<option> NAMA.parquet) beberapa kali lebih kecil dan lebih cepat dibaca dan ditulis"),
        (r"jamsos: a working folder in (?P<path>.+); cd there and run `jamsos monthly`",
         r"jamsos: folder kerja di \g<path>; masuk ke sana (cd) lalu jalankan `jamsos monthly`"),
    ))


def indonesian(line: str) -> str:
    """``line`` in Bahasa Indonesia where a pattern knows it, else as it is."""
    for pattern, replacement in PROGRESS:
        found = pattern.fullmatch(line)
        if found:
            return replacement(found) if callable(replacement) else found.expand(replacement)
    return line
