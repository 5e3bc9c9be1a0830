"""Synthetic daftar awal lists for tests and demos. Every NIK and name here is made up.

Each file is named ``SINTETIS-...`` and carries a column ``SINTETIS`` saying the row is
generated; NIKs are built like real ones (region, birth date, serial) from a seeded
generator so that the rules have something real-looking to check, with a realistic mix of
the mistakes kelurahan offices make.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from ..files import neutralised_frame
from ..months import month_of_year, year_of
from ..params import Kelurahan

FIRST = ["Sri", "Siti", "Budi", "Agus", "Joko", "Dwi", "Tri", "Eko", "Wahyu", "Sumarni",
         "Suparmi", "Slamet", "Bambang", "Endang", "Yuli", "Rina", "Heru", "Sugeng", "Lilik",
         "Nur", "Puji", "Dedi", "Ani", "Wati", "Kusno", "Parno", "Tutik", "Darmi", "Yanto"]
LAST = ["Wahyuni", "Rahayu", "Santoso", "Purnomo", "Lestari", "Setiawan", "Handayani",
        "Susanto", "Widodo", "Hartono", "Utami", "Prasetyo", "Suryani", "Kurniawan",
        "Mulyani", "Saputra", "Wulandari", "Hidayat", "Astuti", "Nugroho"]
JOBS = ["Pedagang pasar", "Tukang becak", "Ojek", "Buruh tani", "Warung makan", "Penjahit",
        "Tukang cukur", "Pedagang kaki lima", "Pengrajin", "Nelayan", "Tukang parkir"]
MARK = "ya - data buatan (synthetic)"
ERROR_RATES = {"scientific": 0.02, "lost_digit": 0.01, "dup_in_list": 0.02,
               "dup_across": 0.01, "unknown_kelurahan": 0.01, "birth_mismatch": 0.02,
               "bad_date": 0.005, "missing_name": 0.01, "too_old_or_young": 0.03,
               "other_region": 0.05, "spelling_variant": 0.2}


def _variant(name: str, rng: np.random.Generator) -> str:
    choice = rng.integers(0, 4)
    if choice == 0:
        return name.upper()
    if choice == 1:
        return name.lower().replace("-", " ")
    if choice == 2:
        return name + "."
    return "Kel. " + name.title()


def generate(kelurahan: tuple[Kelurahan, ...], rows_per_list: int, listing_month: int,
             seed: int = 1) -> dict[str, pd.DataFrame]:
    """One synthetic list per kelurahan: {file stem: table with office-style headers}."""
    rng = np.random.default_rng(seed)
    listing = dt.date(year_of(listing_month), month_of_year(listing_month), 1)
    lists: dict[str, pd.DataFrame] = {}
    serial = 0
    previous: list[str] = []
    for kel in kelurahan:
        rows = []
        for _ in range(rows_per_list):
            serial += 1
            age = int(rng.integers(19, 64))
            if rng.random() < ERROR_RATES["too_old_or_young"]:
                age = int(rng.choice([15, 16, 70, 74]))
            birth = listing - dt.timedelta(days=int(age * 365.25 + rng.integers(30, 330)))
            woman = rng.random() < 0.5
            day = birth.day + (40 if woman else 0)
            kecamatan = kel.kecamatan_code.replace(".", "")
            if rng.random() < ERROR_RATES["other_region"]:
                kecamatan = rng.choice(["351901", "352004", "350201"])
            nik = f"{kecamatan}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial % 10000:04d}"
            if rng.random() < ERROR_RATES["bad_date"]:
                nik = nik[:8] + "13" + nik[10:]
            stated = birth.strftime("%d-%m-%Y")
            if rng.random() < ERROR_RATES["birth_mismatch"]:
                stated = (birth + dt.timedelta(days=40)).strftime("%d-%m-%Y")
            shown_nik = nik
            if rng.random() < ERROR_RATES["scientific"]:
                shown_nik = f"{float(nik):.5E}"  # what a spreadsheet shows: 3.57701E+15
            elif rng.random() < ERROR_RATES["lost_digit"]:
                shown_nik = nik[1:]
            place = kel.name
            if rng.random() < ERROR_RATES["spelling_variant"]:
                place = _variant(kel.name, rng)
            if rng.random() < ERROR_RATES["unknown_kelurahan"]:
                place = "Kelurahan Antah Berantah"
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if rng.random() < ERROR_RATES["missing_name"]:
                name = ""
            rows.append({"NIK": shown_nik, "Nama Lengkap": name, "Tgl Lahir": stated,
                         "Alamat": f"Jl. Contoh {rng.integers(1, 99)} RT {rng.integers(1, 20):02d}",
                         "Kelurahan": place, "Jenis Pekerjaan": rng.choice(JOBS),
                         "SINTETIS": MARK})
            if rng.random() < ERROR_RATES["dup_in_list"]:
                rows.append(dict(rows[-1]))
            if previous and rng.random() < ERROR_RATES["dup_across"]:
                copy = dict(rows[-1])
                copy["NIK"] = previous[int(rng.integers(0, len(previous)))]
                rows.append(copy)
            previous.append(nik)
        table = pd.DataFrame(rows)
        table.insert(0, "No", range(1, len(table) + 1))
        lists[f"SINTETIS-daftar-awal-{kel.name.lower().replace(' ', '-')}"] = table
    return lists


def write(lists: dict[str, pd.DataFrame], folder: str | Path, xlsx_every: int = 9) -> list[Path]:
    """Write lists the way offices send them: most CSV with ';' and a BOM and a title row,
    every ``xlsx_every``-th as XLSX (NIK as text)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k, (stem, table) in enumerate(lists.items()):
        if xlsx_every and k % xlsx_every == xlsx_every - 1:
            path = folder / f"{stem}.xlsx"
            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                neutralised_frame(table).to_excel(writer, index=False, startrow=2)
                sheet = writer.sheets["Sheet1"]
                sheet["A1"] = f"DAFTAR AWAL PEKERJA INFORMAL - {stem} (SINTETIS)"
                for row in sheet.iter_rows(min_row=4, min_col=2, max_col=2):
                    for cell in row:
                        cell.number_format = "@"
        else:
            path = folder / f"{stem}.csv"
            body = neutralised_frame(table).to_csv(index=False, sep=";")
            title = f"DAFTAR AWAL PEKERJA INFORMAL;{stem};(SINTETIS)\n;;\n"
            path.write_text(title + body + ";;\n", encoding="utf-8-sig")
        written.append(path)
    return written
