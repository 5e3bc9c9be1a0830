"""A table of bad inputs through every subcommand: each is refused with exit status 2 and a
message, never a traceback, never a NIK or name from the inputs, and nothing on disk
changes (the store, the params, the published aggregates, the reports, private files).

The inputs are this file's own (synthetic NIKs and names); the workspace is a copy of the
shipped params and data, and every command runs in it."""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_report_hardening import template_bomb

from simulation.cli import main

REPO = Path(__file__).resolve().parents[1]
NIK = "3577034507850001"  # synthetic: Kota Madiun, a woman born 5 July 1985
NAME = "Budi Rahasia Santoso"
OTHER_NIK = "3577031208900002"
PERSONAL = (NIK, NAME, OTHER_NIK, "Siti Contoh Rahasia")
GOOD_LIST = (f"NIK;Nama;Kelurahan;Alamat\n{NIK};{NAME};Klegen;Jl. Contoh 1\n"
             f"{OTHER_NIK};Siti Contoh Rahasia;Sukosari;Jl. Contoh 2\n")


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[Path], list[str]]  # the command line, given the workspace
    setup: Callable[[Path], None] = lambda ws: None
    says: str = ""  # a part of the message the user must see


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def scenario(ws: Path, name: str, body: str) -> None:
    write(ws / "params" / "scenarios" / f"{name}.yaml", body)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def laughs(ws: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write(ws / "params" / "assumptions" / "laughs.yaml", "\n".join(lines) + "\n")


def verify(*extra: str) -> Callable[[Path], list[str]]:
    return lambda ws: ["verify", "--month", "2026-10", *[a.format(ws=ws) for a in extra]]


def import_(*extra: str) -> Callable[[Path], list[str]]:
    return lambda ws: ["actuals", "import", *[a.format(ws=ws) for a in extra]]


def report(command: str, *extra: str) -> Callable[[Path], list[str]]:
    return lambda ws: [command, *[a.format(ws=ws) for a in extra]]


CALIBRATE_EMPTY = lambda ws: ["calibrate", "--actuals", f"{ws}/kosong/actuals/actuals.csv"]  # noqa: E731
BIG = "\n".join(["NIK;Nama;Kelurahan"] + [f"3577034507850{k:03d};X;Klegen"
                                          for k in range(1000)] * 201) + "\n"
CASES = [
    # params files
    Case("params: a .yaml that is a folder", report("params", "check", "params"),
         lambda ws: (ws / "params" / "assumptions" / "folder.yaml").mkdir(), "a folder"),
    Case("params: a broken symlink", report("params", "check", "params"),
         lambda ws: os.symlink(ws / "nowhere.yaml", ws / "params" / "policy" / "gone.yaml"),
         "a readable YAML file"),
    Case("params: a symlink loop", report("params", "check", "params"),
         lambda ws: os.symlink("loop.yaml", ws / "params" / "policy" / "loop.yaml"),
         "a readable YAML file"),
    Case("params: the integer 10**400", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "regulation" / "contributions.yaml",
                         "    2015-07: 0.01", f"    2015-07: {10 ** 400}"),
         "finite number"),
    Case("params: 20,000-deep nesting", report("params", "check", "params"),
         lambda ws: write(ws / "params" / "policy" / "deep.yaml",
                          "x: " + "[" * 20000 + "]" * 20000 + "\n"), "nested"),
    Case("params: billion laughs", report("params", "check", "params"), laughs,
         "aliases are expanded"),
    Case("params: an override changes a unit", report("params", "check", "params"),
         lambda ws: write(ws / "params" / "local" / "rate.yaml",
                          "jkk_rate:\n  description: x\n  label: {id: x, en: x}\n"
                          "  unit: rp/month\n  kind: legal\n  reference: {title: x}\n"
                          "  last_verified: 2026-01-01\n  values: {2020-01: 5000}\n"),
         "an override keeps the meaning"),
    Case("params: a slug and a code of one region", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "scenarios" / "sosialisasi.yaml",
                         "{default: 3000, kota-madiun: 800}",
                         '{default: 3000, kota-madiun: 800, "35.77": 900}'),
         "one key per region"),
    Case("params: HTML in a title", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "scenarios" / "sosialisasi.yaml",
                         "Sosialisasi dan pendampingan pendaftaran",
                         "<img src=x onerror=alert(1)>"), "no HTML tags"),
    Case("params: an RTL override in a name", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "regions" / "regions.yaml", "name: Kota Madiun",
                         'name: "Kota \\u202eMadiun"'), "bidirectional"),
    Case("params: no scenario files", report("params", "check", "params"),
         lambda ws: shutil.rmtree(ws / "params" / "scenarios"), "no scenario files"),
    # verify: the lurah's lists
    Case("verify: a list of a million rows", verify("{ws}/in/besar.csv"),
         lambda ws: write(ws / "in" / "besar.csv", BIG * 5), "at most 200,000 rows"),
    Case("verify: an empty .xlsx file", verify("{ws}/in/kosong.xlsx"),
         lambda ws: write(ws / "in" / "kosong.xlsx", b""), "an empty file"),
    Case("verify: a workbook with no rows", verify("{ws}/in/kosong.xlsx"),
         lambda ws: workbook(ws / "in" / "kosong.xlsx", {"Sheet1": []}), "no filled cell"),
    Case("verify: an HTML page named .xlsx", verify("{ws}/in/ekspor.xlsx"),
         lambda ws: write(ws / "in" / "ekspor.xlsx", f"<html><table><tr><td>{NIK}</td><td>"
                          f"{NAME}</td></tr></table></html>"), "HTML page"),
    Case("verify: a header-only list", verify("{ws}/in/kosong.csv"),
         lambda ws: write(ws / "in" / "kosong.csv", "NIK;Nama;Kelurahan\n"),
         "at least one listed worker"),
    Case("verify: a list without a header", verify("{ws}/in/tanpa.csv"),
         lambda ws: write(ws / "in" / "tanpa.csv", f"{NIK};{NAME};Klegen\n"), "NIK column"),
    Case("verify: a second sheet without a header", verify("{ws}/in/dua.xlsx"),
         lambda ws: workbook(ws / "in" / "dua.xlsx", {
             "Daftar": [["NIK", "Nama", "Kelurahan"], [NIK, NAME, "Klegen"]],
             "Tambahan": [[OTHER_NIK, "Siti Contoh Rahasia", "Sukosari"]]}), "sheet 2"),
    Case("verify: the same file twice", verify("{ws}/in/a.csv", "{ws}/in/a.csv"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "each list once"),
    Case("verify: a list above the size limit", verify("{ws}/in/besar.csv"),
         lambda ws: write(ws / "in" / "besar.csv", BIG), "at most 200,000 rows"),
    Case("verify: a missing --active-list", verify("{ws}/in/a.csv", "--active-list",
                                                   "{ws}/in/tidak-ada.csv"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "no such file"),
    Case("verify: an empty --active-list", verify("{ws}/in/a.csv", "--active-list",
                                                  "{ws}/in/aktif.csv"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST),
                     write(ws / "in" / "aktif.csv", "")), "an empty file"),
    Case("verify: a header-less --active-list", verify("{ws}/in/a.csv", "--active-list",
                                                       "{ws}/in/aktif.csv"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST),
                     write(ws / "in" / "aktif.csv", f"{NIK},{NAME}\n")), "nik or nik_hmac"),
    Case("verify: --out is a file", verify("{ws}/in/a.csv", "--out", "{ws}/in/a.csv"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "is a file"),
    Case("verify: --private-dir equal to --out", verify(
        "{ws}/in/a.csv", "--out", "{ws}/pub", "--private-dir", "{ws}/pub"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "published"),
    Case("verify: --private-dir inside reports/", verify(
        "{ws}/in/a.csv", "--private-dir", "{ws}/reports/rahasia"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "published"),
    Case("verify: --private-dir inside data/pendataan", verify(
        "{ws}/in/a.csv", "--private-dir", "{ws}/data/pendataan/rahasia"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "published"),
    Case("verify: the month verified before, without --replace", verify("{ws}/in/a.csv"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST),
                     write(ws / "data" / "pendataan" /
                           "pendataan-kota-madiun-2026-10-kelurahan.csv", "earlier\n")),
         "--replace"),
    Case("verify: a picture renamed .csv", verify("{ws}/in/foto.csv"),
         lambda ws: write(ws / "in" / "foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40),
         "binary content"),
    Case("verify: a truncated workbook", verify("{ws}/in/rusak.xlsx"),
         lambda ws: write(ws / "in" / "rusak.xlsx", workbook(
             ws / "in" / "utuh.xlsx", {"S": [["NIK", "Nama", "Kelurahan"],
                                            [NIK, NAME, "Klegen"]]}).read_bytes()[:900]),
         "Excel can open"),
    Case("verify: an OpenDocument sheet", verify("{ws}/in/daftar.ods"),
         lambda ws: write(ws / "in" / "daftar.ods", b"PK\x03\x04"), "a .csv or .xlsx file"),
    Case("verify: an unclosed quote", verify("{ws}/in/kutip.csv"),
         lambda ws: write(ws / "in" / "kutip.csv", f'NIK;Nama;Kelurahan\n{NIK};"{NAME};Klegen\n'
                          * 1 + "x" * 200_000), "quoted cells are closed"),
    Case("verify: a malformed --column", verify("{ws}/in/a.csv", "--column", "nik"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "FIELD=HEADER"),
    Case("verify: month 13", verify("{ws}/in/a.csv", "--month", "2026-13"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "YYYY-MM"),
    Case("params: a tab in YAML", report("params", "check", "params"),
         lambda ws: write(ws / "params" / "policy" / "tab.yaml", "x:\n\t- 1\n"),
         "valid YAML"),
    # actuals import
    Case("actuals: a sheet named after no month", import_("{ws}/in/bulan.xlsx"),
         lambda ws: workbook(ws / "in" / "bulan.xlsx", {"Rekap": [["Daerah", "Aktif"],
                                                                 ["Ngawi", 2600]]}),
         "a month such as"),
    Case("actuals: a store with an unknown kind", import_("{ws}/in/m.csv"),
         lambda ws: (write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2026-11,2600\n"),
                     write(ws / "data" / "actuals" / "actuals.csv",
                           (ws / "data" / "actuals" / "actuals.csv").read_text().replace(
                               ",illustrative\n", ",perkiraan\n", 1))), "one of observed"),
    Case("actuals: an empty .xlsx", import_("{ws}/in/kosong.xlsx"),
         lambda ws: write(ws / "in" / "kosong.xlsx", b""), "an empty file"),
    Case("actuals: a store with wrong columns", import_("{ws}/in/m.csv", "--store",
                                                        "{ws}/in/store.csv"),
         lambda ws: (write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2030-01,2600\n"),
                     write(ws / "in" / "store.csv", "a,b\n1,2\n")), "the columns"),
    Case("actuals: a store that is a folder", import_("{ws}/in/m.csv", "--store", "{ws}/in"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2030-01,2600\n"),
         "is a folder"),
    Case("actuals: one region-month in two files", import_("{ws}/in/a.csv", "{ws}/in/b.csv"),
         lambda ws: (write(ws / "in" / "a.csv", "daerah,bulan,aktif\nNgawi,2030-01,2600\n"),
                     write(ws / "in" / "b.csv", "daerah,bulan,aktif\nNgawi,2030-01,2600\n")),
         "one row per region and month"),
    Case("actuals: a tenfold jump against the store", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif\nPacitan,2026-11,999999\n"),
         "(stored)"),
    Case("actuals: subsidised above active", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif,dibayar pemda\n"
                          "Pacitan,2026-11,1000,2000\n"), "at most the 1000 active"),
    Case("actuals: a part of a region's name", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif\ngaw,2026-11,2600\n"),
         "the whole name"),
    Case("actuals: a store with a region-month twice", import_("{ws}/in/m.csv"),
         lambda ws: (write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2026-11,2600\n"),
                     write(ws / "data" / "actuals" / "actuals.csv",
                           (ws / "data" / "actuals" / "actuals.csv").read_text() +
                           "35.21,2019-10,2487,,,,dup,observed\n")), "repair"),
    # calibrate
    Case("calibrate: an empty store", CALIBRATE_EMPTY,
         lambda ws: write(ws / "kosong" / "actuals" / "actuals.csv", ""), "readable CSV"),
    Case("calibrate: a header-only store", CALIBRATE_EMPTY,
         lambda ws: write(ws / "kosong" / "actuals" / "actuals.csv",
                          "region,month,active,subsidised,new,lapsed,source,kind\n"),
         "a store written by jamsos actuals import"),
    # the national table and --regions
    Case("regions: an official list with a kabupaten but not its province",
         report("regions", "import", "{ws}/in/wilayah.csv", "--version", "v"),
         lambda ws: write(ws / "in" / "wilayah.csv", "kode,nama\n36.01,Kabupaten Pandeglang\n"),
         "a province 36 listed in the same file"),
    Case("regions: an official list with a code twice",
         report("regions", "import", "{ws}/in/wilayah.csv", "--version", "v"),
         lambda ws: write(ws / "in" / "wilayah.csv",
                          "kode,nama\n35,Jawa Timur\n35.77,Kota Madiun\n35.77,Kota Madiun\n"),
         "a code listed once"),
    Case("regions: a province with no kabupaten/kota", report("regions", "list", "--regions",
                                                              "37"),
         says="a province with kabupaten/kota in the national table"),
    Case("project: a misspelt province", report("project", "--regions", "jawa-timr"),
         says="nearest: jawa-timur"),
    Case("project: a province with no kabupaten/kota", report("project", "--regions", "37"),
         says="a province with kabupaten/kota in the national table"),
    Case("monthly: a province with no kabupaten/kota", report("monthly", "--regions", "37",
                                                              "--out", "{ws}/reports"),
         says="a province with kabupaten/kota in the national table"),
    Case("project: an unreachable scheduler", report("project", "--regions", "35.77",
                                                     "--scheduler", "tcp://127.0.0.1:9"),
         says="a running Dask scheduler"),
    # project, cost, briefing, sample lists
    Case("project: --regions ','", report("project", "--scenario", "baseline", "--regions",
                                          ","), says="comma-separated"),
    Case("project: --out is a folder", report("project", "--scenario", "baseline", "--out",
                                              "{ws}/params"), says="is a folder"),
    Case("project: --out equal to --budget-out", report(
        "project", "--scenario", "baseline", "--out", "{ws}/p.csv", "--budget-out",
        "{ws}/p.csv"), says="other than --out"),
    Case("project: --data that does not exist", report(
        "project", "--scenario", "baseline", "--data", "{ws}/tidak-ada"),
         says="an existing data folder"),
    Case("project: --draws 0", report("project", "--scenario", "baseline", "--draws", "0"),
         says="from 1 to 10,000"),
    Case("cost: --workers 10**30", report("cost", "--workers", str(10 ** 30), "--from",
                                          "2027-01", "--to", "2027-12"),
         says="from 0 to 10,000,000"),
    Case("briefing: --png is a file", report("briefing", "--region", "ngawi", "--png",
                                             "{ws}/data/README.md"), says="is a file"),
    Case("sample-lists: --out is a file", report("sample-lists", "--out",
                                                 "{ws}/data/README.md"), says="is a file"),
    # reports
    Case("report: --out is a file", report("report", "--region", "ngawi", "--out",
                                           "{ws}/data/README.md"), says="is a file"),
    Case("report: a part of a region's name", report("report", "--region", "gaw"),
         says="a region code or slug"),
    Case("monthly: --out is a file", report("monthly", "--out", "{ws}/data/README.md"),
         says="is a file"),
    Case("monthly: --data that does not exist", report("monthly", "--data", "{ws}/tidak-ada"),
         says="an existing data folder"),
    *(Case(f"monthly: {flag} {value}", report("monthly", flag, value), says="expected a whole")
      for flag, value in (("--draws", "0"), ("--draws", "-1"), ("--draws", "1000000000"),
                          ("--horizon", "0"), ("--horizon", "100000"), ("--seed", "-1"),
                          ("--timeout", "1"), ("--jobs", "0"))),
    # issue 20, second hardening pass: params files and region slugs
    *(Case(f"params: the region slug {slug}", report("params", "check", "params"),
           lambda ws, slug=slug: edit(ws / "params" / "regions" / "regions.yaml",
                                      "slug: pacitan,", f"slug: {slug},"), "regions.0.slug")
      for slug in ('".."', '"../../x"', '"/abs"', '""', "_failed", "ringkasan", "Pacitan")),
    Case("params: a slug another region has", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "regions" / "regions.yaml", "slug: pacitan,",
                         "slug: ngawi,"), "a unique slug (ignoring case)"),
    *(Case(f"params: a top-level x: 1 in {where}", report("params", "check", "params"),
           lambda ws, where=where: write(ws / "params" / where, (ws / "params" / where)
                                         .read_text(encoding="utf-8") + "\nx: 1\n"), "x: got")
      for where in ("policy/levers.yaml", "assumptions/claims.yaml", "regions/regions.yaml",
                    "scenarios/sosialisasi.yaml", "schemes/ngawi-dbhcht.yaml")),
    Case("params: a complex YAML key", report("params", "check", "params"),
         lambda ws: write(ws / "params" / "scenarios" / "sosialisasi.yaml",
                          (ws / "params" / "scenarios" / "sosialisasi.yaml")
                          .read_text(encoding="utf-8") + "\n? [a, b]\n: 1\n"),
         "a complex key"),
    *(Case(f"params: last_verified {day}", report("params", "check", "params"),
           lambda ws, day=day: edit(ws / "params" / "policy" / "levers.yaml",
                                    "last_verified: 2026-11-01", f"last_verified: {day}"),
           f"'{day}' is not a valid date") for day in ("2026-02-30", "2026-13-01")),
    Case("params: a month key 2026-02-30", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "scenarios" / "sosialisasi.yaml",
                         "      2027-01: {default: 3000", "      2026-02-30: {default: 3000"),
         "'2026-02-30' is not a valid date"),
    Case("params: an empty parameter file", report("params", "check", "params"),
         lambda ws: write(ws / "params" / "policy" / "levers.yaml", "# emptied\n"),
         "(an empty document)"),
    Case("params: a regions file that is a list", report("params", "check", "params"),
         lambda ws: write(ws / "params" / "regions" / "regions.yaml", "- 35.01\n- 35.02\n"),
         "a mapping with the keys"),
    Case("params: a named pipe x.yaml", report("params", "check", "{ws}/../pipa/params"),
         lambda ws: (shutil.copytree(ws / "params", ws.parent / "pipa" / "params"),
                     os.mkfifo(ws.parent / "pipa" / "params" / "policy" / "x.yaml")),
         "a regular file"),
    Case("params: a 100,000-character title", report("params", "check", "params"),
         lambda ws: edit(ws / "params" / "scenarios" / "sosialisasi.yaml",
                         "Sosialisasi dan pendampingan pendaftaran", "x" * 100_000),
         "at most 150 characters"),
    # (end of params cases)
    # issue 20: lists, actuals and private folders
    Case("verify: a NIK and a name as sheet names", verify("{ws}/in/lembar.xlsx"),
         lambda ws: workbook(ws / "in" / "lembar.xlsx", {
             "Daftar": [["NIK", "Nama", "Kelurahan"], [NIK, NAME, "Klegen"]],
             NIK: [["catatan"]], NAME: [["catatan"]]}), "sheet 3"),
    Case("verify: a NIK and a name in a list's file name", verify(f"{{ws}}/in/{NIK} {NAME}.csv"),
         lambda ws: write(ws / "in" / f"{NIK} {NAME}.csv", "no;nama\n1;x\n"), "list 1"),
    Case("verify: a named pipe as a list", verify("{ws}/../pipa.csv"),
         lambda ws: os.mkfifo(ws.parent / "pipa.csv"), "a named pipe"),
    Case("verify: a named pipe as --active-list", verify(
        "{ws}/in/a.csv", "--active-list", "{ws}/../aktif.xlsx"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST), os.mkfifo(ws.parent / "aktif.xlsx")),
         "a named pipe"),
    Case("verify: the same list through a hard link", verify("{ws}/in/a.csv", "{ws}/in/b.csv"),
         lambda ws: os.link(write(ws / "in" / "a.csv", GOOD_LIST), ws / "in" / "b.csv"),
         "each list once"),
    Case("verify: the same list through a symlink", verify("{ws}/in/a.csv", "{ws}/in/b.csv"),
         lambda ws: os.symlink(write(ws / "in" / "a.csv", GOOD_LIST), ws / "in" / "b.csv"),
         "each list once"),
    Case("verify: the same list spelled otherwise", verify("{ws}/in/a.csv",
                                                           "{ws}/in/../in/a.csv"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "each list once"),
    Case("verify: a copy of the same list", verify("{ws}/in/a.csv", "{ws}/in/salinan.csv"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST),
                     write(ws / "in" / "salinan.csv", GOOD_LIST)), "each list once"),
    Case("verify: --month 9999-12", verify("{ws}/in/a.csv", "--month", "9999-12"),
         lambda ws: write(ws / "in" / "a.csv", GOOD_LIST), "2000-01 to 2100-12"),
    Case("verify: a password-protected workbook", verify("{ws}/in/sandi.xlsx"),
         lambda ws: write(ws / "in" / "sandi.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                          + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le")
                          + b"\x00" * 600), "password"),
    Case("verify: a line of a million separators", verify("{ws}/in/koma.csv"),
         lambda ws: write(ws / "in" / "koma.csv", "NIK;Nama;Kelurahan\n" + ";" * 10**6 + "\n"),
         "lines of at most 10,000 characters"),
    Case("verify: 60 filled columns", verify("{ws}/in/lebar.csv"),
         lambda ws: write(ws / "in" / "lebar.csv", "NIK;Nama;Kelurahan" + ";x" * 57 + "\n"),
         "at most 50 columns"),
    Case("verify: --private-dir a shared folder (mode 1777)", verify(
        "{ws}/in/a.csv", "--private-dir", "{ws}/bersama"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST), (ws / "bersama").mkdir(),
                     os.chmod(ws / "bersama", 0o1777)), "mode 700"),
    Case("verify: --private-dir in a tree of published months", verify(
        "{ws}/in/a.csv", "--private-dir", "{ws}/situs/rahasia"),
         lambda ws: (write(ws / "in" / "a.csv", GOOD_LIST),
                     write(ws / "situs" / "2026-10" / "manifest.json", "{}")),
         "holds published reports"),
    Case("actuals: a NIK in the region column", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", f"daerah,bulan,aktif\n{NIK},2026-11,2600\n"),
         "not shown"),
    Case("actuals: a name in the region column", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", f"daerah,bulan,aktif\n{NAME},2026-11,2600\n"),
         "not shown"),
    Case("actuals: a NIK in the active column", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", f"daerah,bulan,aktif\nNgawi,2026-11,{NIK}\n"),
         "a count of at most 100,000,000"),
    Case("actuals: a sheet named with a NIK", import_("{ws}/in/bulan.xlsx"),
         lambda ws: workbook(ws / "in" / "bulan.xlsx", {NIK: [["Daerah", "Aktif"],
                                                             ["Ngawi", 2600]]}), "not shown"),
    Case("actuals: a named pipe", import_("{ws}/../pipa.csv"),
         lambda ws: os.mkfifo(ws.parent / "pipa.csv"), "a named pipe"),
    Case("actuals: a 20-digit count", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv",
                          "daerah,bulan,aktif\nNgawi,2026-11,12345678901234567890\n"),
         "a count of at most"),
    Case("project: a 20-digit count in the store", report("project", "--scenario", "baseline"),
         lambda ws: edit(ws / "data" / "actuals" / "actuals.csv", "35.01,2016-07,560,",
                         "35.01,2016-07,12345678901234567890,"), "line 2 active"),
    Case("actuals: a folder where the store's lock goes", import_("{ws}/in/m.csv"),
         lambda ws: (write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2026-11,2600\n"),
                     [(lock.unlink(missing_ok=True), lock.mkdir())
                      for lock in [ws / "data" / "actuals" / ".actuals.csv.lock"]]), "a lock file"),
    Case("report: a regular file where the month's folder goes", report(
        "report", "--region", "pacitan", "--month", "2026-10", "--out", "{ws}/reports"),
         lambda ws: write(ws / "reports" / "2026-10", "catatan\n"), "a month folder that is a "
         "folder"),
    Case("report: a folder where the month's lock goes", report(
        "report", "--region", "pacitan", "--month", "2026-10", "--out", "{ws}/reports"),
         lambda ws: (ws / "reports" / ".2026-10.lock").mkdir(parents=True), "a lock file"),
    Case("briefing: a folder where the month's lock goes", report(
        "briefing", "--region", "pacitan", "--month", "2026-10", "--out", "{ws}/reports"),
         lambda ws: (ws / "reports" / ".2026-10.lock").mkdir(parents=True), "a lock file"),
    Case("actuals: a store under a regular file", import_(
        "{ws}/in/m.csv", "--store", "{ws}/data/README.md/actuals.csv"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2026-11,2600\n"),
         "README.md"),
    Case("actuals: an Excel date in 1900", import_("{ws}/in/m.xlsx"),
         lambda ws: workbook(ws / "in" / "m.xlsx", {"Rekap": [
             ["Daerah", "Bulan", "Aktif"],
             ["Ngawi", datetime.datetime(1900, 1, 1), 2600]]}),
         "a month from 2000-01 to 2100-12"),
    Case("actuals: an Excel date in 9999", import_("{ws}/in/m.xlsx"),
         lambda ws: workbook(ws / "in" / "m.xlsx", {"Rekap": [
             ["Daerah", "Bulan", "Aktif"],
             ["Ngawi", datetime.datetime(9999, 12, 1), 2600]]}),
         "a month from 2000-01 to 2100-12"),
    Case("actuals: a header-only file", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif\n"), "at least one row"),
    Case("actuals: a column added to the store by hand", import_("{ws}/in/m.csv"),
         lambda ws: (write(ws / "in" / "m.csv", "daerah,bulan,aktif\nNgawi,2026-11,2600\n"),
                     write(ws / "data" / "actuals" / "actuals.csv", "".join(
                         line.rstrip("\n") + (",catatan\n" if k == 0 else ",x\n")
                         for k, line in enumerate((ws / "data" / "actuals" / "actuals.csv")
                                                  .read_text().splitlines(True))))),
         "only the columns"),
    Case("actuals: 20,000 rows of one region-month", import_("{ws}/in/m.csv"),
         lambda ws: write(ws / "in" / "m.csv", "daerah,bulan,aktif\n"
                          + "Ngawi,2026-11,2600\n" * 20_000), "and 19,997 more rows"),
    Case("actuals: a line of a million commas", import_("{ws}/in/koma.csv"),
         lambda ws: write(ws / "in" / "koma.csv", "daerah,bulan,aktif\n" + "," * 10**6 + "\n"),
         "lines of at most 10,000 characters"),
    # (end of intake cases)
    # issue 20: outputs, special files and limits of the command line
    # named pipes live beside the workspace (reading one to snapshot it would block); the
    # /dev/full case names an unknown scenario, so nothing would run if the check let it by
    Case("project: --out a named pipe", report("project", "--scenario", "baseline", "--out",
                                               "{ws}/../pipe.csv"),
         lambda ws: os.mkfifo(ws.parent / "pipe.csv"), "special file"),
    Case("project: --out a symlink to a named pipe", report(
        "project", "--scenario", "baseline", "--out", "{ws}/../link.csv"),
         lambda ws: (os.mkfifo(ws.parent / "pipe.csv"),
                     os.symlink(ws.parent / "pipe.csv", ws.parent / "link.csv")),
         "special file"),
    Case("project: --out /dev/full", report("project", "--scenario", "tidak-ada", "--out",
                                            "/dev/full"), says="special file"),
    Case("project: --out under a regular file", report(
        "project", "--scenario", "baseline", "--out", "{ws}/data/README.md/x.csv"),
         says="a path through a file"),
    Case("project: --budget-out a symlink loop", report(
        "project", "--scenario", "baseline", "--budget-out", "{ws}/loop.csv"),
         lambda ws: os.symlink("loop.csv", ws / "loop.csv"), "a symlink loop"),
    Case("project: --out a name too long", report(
        "project", "--scenario", "baseline", "--out", "{ws}/" + "a" * 300 + "/x.csv"),
         says="too long"),
    Case("monthly: --out a symlink loop", report("monthly", "--out", "{ws}/loop"),
         lambda ws: os.symlink("loop", ws / "loop"), "a symlink loop"),
    Case("monthly: --out a named pipe", report("monthly", "--out", "{ws}/../pipe"),
         lambda ws: os.mkfifo(ws.parent / "pipe"), "special file"),
    Case("init: /proc/x", report("init", "/proc/x"), says="jamsos init can create"),
    Case("init: under a regular file", report("init", "{ws}/data/README.md/kantor"),
         says="a path through a file"),
    # (end of output cases)
    # issue 20: reports, decks and the monthly run
    # a region renamed everywhere (params and published points) to a slug that would leave
    # or overwrite its folder: refused before anything is moved or deleted
    *(Case(f"{command}: region slug {slug!r}", report(command, *where),
           lambda ws, slug=slug: [
               f.write_text(f.read_text(encoding="utf-8").replace("pacitan-", "\0")
                            .replace("pacitan", slug).replace("\0", "pacitan-"),
                            encoding="utf-8")
               for f in [*(ws / "params").rglob("*.yaml"),
                         *(ws / "data" / "published").glob("*.yaml")]],
           repr(slug))
      for command, where, slug in (("report", ("--region", "35.01"), ".."),
                                   ("report", ("--region", "35.01"), "ringkasan"),
                                   ("report", ("--region", "35.01"), "_failed"),
                                   ("monthly", (), "Ngawi"))),
    *(Case(f"{command}: a --pptx-template that unpacks to 200 MiB",
           report(command, *region, "--pptx-template", "{ws}/in/bomb.pptx"),
           lambda ws: template_bomb(
               ws / "in" / "bomb.pptx", 200 * 2**20), "each part at most 64 MiB unpacked")
      for command, region in (("briefing", ("--region", "ngawi")), ("monthly", ()))),
    *(Case(f"{command}: 10,000 draws over 240 months", report(
        command, *(["--region", "ngawi"] if command == "briefing" else []), "--draws", "10000",
        "--horizon", "240"), says="draws x months in a report")
      for command in ("monthly", "briefing")),
    # (end of report cases)
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The shipped params and data, once per module."""
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(REPO / "params", root / "params",
                    ignore=shutil.ignore_patterns("local"))
    (root / "params" / "local").mkdir()
    shutil.copytree(REPO / "data", root / "data")
    (root / "reports").mkdir()
    return root


def snapshot(folder: Path) -> dict[str, str]:
    """Every file (and link) under ``folder`` with its content's hash; lock files aside."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.name.endswith(".lock") or path.is_dir():
            continue
        if path.exists() and not path.is_file():  # a named pipe: reading it would block
            found[str(path.relative_to(folder))] = "(special file)"
            continue
        try:
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            found[str(path.relative_to(folder))] = "(unreadable)"
    return found


def english_locale(monkeypatch) -> None:
    """Messages follow the locale (tests/test_cli_messages.py runs this table in Bahasa
    Indonesia): pin an English one, whatever the machine's."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse refuses an option before anything runs
        status = stop.code
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_input_is_refused_cleanly_and_changes_nothing(case, pristine, tmp_path,
                                                           monkeypatch, capsys):
    workspace = tmp_path / "ws"
    shutil.copytree(pristine, workspace, symlinks=True)
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("JAMSOS_PARAMS", str(workspace / "params"))
    english_locale(monkeypatch)  # the messages checked here are the English ones
    case.setup(workspace)
    before = snapshot(workspace)
    status, said = run(case.args(workspace), capsys)
    assert status == 2, said
    assert "Traceback" not in said
    assert "error" in said and case.says in said, said
    for personal in PERSONAL:
        assert personal not in said
    assert snapshot(workspace) == before  # nothing written, nothing half-written


def test_the_table_covers_every_subcommand():
    from simulation.cli.main import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    covered = {c.args(Path("/ws"))[0] for c in CASES}
    assert set(commands) - covered <= {"init", "hindcast"}, set(commands) - covered
    assert len(CASES) >= 50
