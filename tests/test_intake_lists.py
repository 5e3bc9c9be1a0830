"""Verification of the lurah's lists: every rule, spreadsheet quirks, privacy."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from conftest import PARAMS
from openpyxl import Workbook

from simulation.errors import InputError
from simulation.intake.aggregates import with_totals
from simulation.intake.lists import nik_hmac, read_list
from simulation.intake.suppression import (
    TOTAL_LABEL,
    complementary_suppression,
    exposed_cells,
    published,
)
from simulation.intake.synthetic import MARK, generate
from simulation.intake.synthetic import write as write_synthetic
from simulation.intake.verification import Rules, match_kelurahan, verify
from simulation.months import parse_month
from simulation.params import load_params

HEADER = "No;No. NIK;Nama Lengkap;Tgl Lahir;Alamat;Kelurahan;Jenis Pekerjaan"


def nik(day=15, month=8, year=1980, serial=1, kecamatan="357701", woman=False) -> str:
    return f"{kecamatan}{day + (40 if woman else 0):02d}{month:02d}{year % 100:02d}{serial:04d}"


@pytest.fixture(scope="module")
def rules(params):
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    return Rules(parse_month("2020-03"), 18, 65, "35.77", kota)


def write_csv(path, rows: list[str], title: bool = True) -> None:
    lines = (["DAFTAR AWAL PEKERJA INFORMAL KELURAHAN;;;", ";;;"] if title else [])
    lines += [HEADER, *rows, ";;;;;;", ""]
    path.write_text("\n".join(lines), encoding="utf-8-sig")


def status_of(result: pd.DataFrame, row: int, file: str | None = None) -> tuple[str, str]:
    hit = result[result.row == row]
    if file:
        hit = hit[hit.file == file]
    return hit.status.iloc[0], hit.reasons.iloc[0]


CASES = [  # (line in the CSV, expected status, expected reasons)
    (f"1;{nik(serial=1)};Sri Rahayu;15-08-1980;Jl. A;Oro-Oro Ombo;Penjahit", "verified", ""),
    (f"2;{nik(serial=2)};;15-08-1980;Jl. A;Klegen;Penjahit", "rejected", "missing_field"),
    ("3;3.57701E+15;Budi;15-08-1980;Jl. A;Klegen;Ojek", "rejected", "nik_scientific"),
    (f"4;{nik(serial=4)[1:]};Joko;15-08-1980;Jl. A;Klegen;Ojek", "rejected",
     "nik_not_16_digits"),
    (f"5;{nik(day=32, serial=5)};Agus;;Jl. A;Klegen;Ojek", "rejected", "nik_bad_birth_date"),
    (f"6;{nik(serial=6, woman=True)};Siti;15-08-1980;Jl. A;nambangan lor.;Warung", "verified",
     ""),
    (f"7;{nik(serial=7, woman=True)};Ani;16-08-1980;Jl. A;Klegen;Warung", "rejected",
     "birth_date_mismatch"),
    (f"8;{nik(year=2005, serial=8)};Dwi;15-08-2005;Jl. A;Klegen;Ojek", "rejected",
     "age_out_of_range"),
    (f"9;{nik(year=1950, serial=9)};Slamet;;Jl. A;Klegen;Ojek", "rejected", "age_out_of_range"),
    (f"10;{nik(serial=10)};Tri;;Jl. A;Bogor Tengah;Ojek", "rejected", "unknown_kelurahan"),
    (f"11;{nik(serial=1)};Sri R.;;Jl. A;Oro-oro Ombo;Penjahit", "rejected",
     "duplicate_in_list"),
    (f"12;{nik(serial=12, kecamatan='351901')};Eko;;Jl. A;KEL. KANIGORO;Tani", "verified", ""),
]


@pytest.fixture
def checked(tmp_path, rules):
    first = tmp_path / "kartoharjo.csv"
    write_csv(first, [line for line, _, _ in CASES])
    second = tmp_path / "taman.csv"
    write_csv(second, [f"1;{nik(serial=6, woman=True)};Siti;;Jl. B;Taman;Warung",
                       f"2;{nik(serial=20)};Wati;;Jl. B;Taman;Warung"], title=False)
    lists = [read_list(first), read_list(second)]
    return verify(lists, rules, active_niks={nik(serial=20)})


@pytest.mark.parametrize("index", range(len(CASES)))
def test_every_rule_has_its_reason_code(checked, index):
    _, status, reasons = CASES[index]
    row = 4 + index  # two title rows and the header come first
    assert status_of(checked, row, "kartoharjo.csv") == (status, reasons)


def test_duplicates_across_lists_and_already_active_workers(checked):
    assert status_of(checked, 2, "taman.csv") == ("rejected", "duplicate_across_lists")
    assert status_of(checked, 3, "taman.csv") == ("already_covered", "")


def test_a_nik_registered_elsewhere_is_counted_not_rejected(checked):
    row = checked[(checked.file == "kartoharjo.csv") & (checked.row == 15)].iloc[0]
    assert row.status == "verified" and row.nik_region_outside
    assert row.kelurahan == "Kanigoro"


def test_kelurahan_spelling_variants_match_the_official_names(rules):
    listed = pd.Series(["Oro-Oro Ombo", "oro oro ombo", "Nambangan Lor.", "KEL. MADIUN LOR",
                        "Manisrejo ", "Nambangan Kidol", "Bogor"])
    codes, names = match_kelurahan(listed, rules.kelurahan)
    assert list(names) == ["Oro-oro Ombo", "Oro-oro Ombo", "Nambangan Lor", "Madiun Lor",
                           "Manisrejo", "Nambangan Kidul", ""]
    assert codes.iloc[0] == "35.77.01.1001"


def test_a_hashed_active_list_matches_without_sharing_niks(tmp_path, rules):
    path = tmp_path / "list.csv"
    write_csv(path, [f"1;{nik(serial=30)};Yuli;;Jl. C;Taman;Ojek"])
    key = b"kunci-rahasia-cabang"
    result = verify([read_list(path)], rules, active_hmacs={nik_hmac(nik(serial=30), key)},
                    hmac_key=key)
    assert result.status.tolist() == ["already_covered"]
    with pytest.raises(InputError, match="HMAC key"):
        verify([read_list(path)], rules, active_hmacs={"abc"})


def test_xlsx_with_a_title_row_and_a_nik_stored_as_a_number(tmp_path, rules):
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR AWAL KELURAHAN PANDEAN"])
    sheet.append([])
    sheet.append(["NIK", "NAMA", "Kelurahan"])
    sheet.append([nik(serial=40), "Rina", "Pandean"])
    sheet.append([int(nik(serial=41)), "Heru", "Pandean"])  # typed as a number
    path = tmp_path / "pandean.xlsx"
    book.save(path)
    result = verify([read_list(path)], rules)
    assert result.status.tolist() == ["verified", "rejected"]
    assert result.reasons.tolist()[1] == "nik_spreadsheet_number"
    assert result.row.tolist() == [4, 5]


def test_columns_can_be_mapped_and_a_missing_nik_column_is_explained(tmp_path, rules):
    path = tmp_path / "odd.csv"
    path.write_text(f"Nomor KTP Pekerja,Nama,Kel\n{nik(serial=50)},Lilik,Taman\n")
    with pytest.raises(InputError, match=r"odd.csv: header: got .*no NIK column.*--column "
                                         r"nik=HEADER"):
        read_list(path)
    result = verify([read_list(path, {"nik": "Nomor KTP Pekerja"})], rules)
    assert result.status.tolist() == ["verified"]


def _kecamatan_of_two(rejected_a: int) -> pd.DataFrame:
    # Sukosari's row: 41 listed, 39 verified, 0 covered, so 2 rejected - hidden as <5
    table = pd.DataFrame({"kecamatan": ["K", "K"], "kelurahan": ["A", "B"], "code": ["1", "2"],
                          "listed": [39 + rejected_a, 42], "verified": [39, 37],
                          "already_covered": [0, 0], "rejected": [rejected_a, 5],
                          "data": ["t", "t"]})
    return with_totals(table)


COUNTS = ["listed", "verified", "already_covered", "rejected"]


def test_a_small_count_cannot_be_recovered_by_subtraction():
    frame = _kecamatan_of_two(2)
    hidden = complementary_suppression(frame, "kecamatan", COUNTS)
    shown = published(frame, hidden)
    a = shown.iloc[0]
    assert a.rejected == "<5"
    # listed - verified - covered no longer gives it: one of them is hidden too ("x")
    assert "x" in (a.listed, a.verified, a.already_covered)
    # nor does the kecamatan's rejected minus kelurahan B's
    assert "x" in (shown.iloc[1].rejected, shown[shown.row_kind == "group"].iloc[0].rejected)
    assert exposed_cells(frame, hidden, "kecamatan", COUNTS) == []
    # primary suppression alone would give it away: the audit says which cell
    primary = hidden & frame[COUNTS].apply(lambda c: c.between(1, 4))
    exposed = exposed_cells(frame, primary, "kecamatan", COUNTS)
    assert [cell for cell, *_ in exposed] == [(0, "rejected")]
    assert exposed[0][1] == exposed[0][2] == 2  # exactly the hidden value


def test_totals_add_up_and_nothing_is_hidden_without_a_small_count():
    frame = _kecamatan_of_two(7)
    hidden = complementary_suppression(frame, "kecamatan", COUNTS)
    assert not hidden.to_numpy().any()
    total = frame[frame.row_kind == "total"].iloc[0]
    assert total.listed == 46 + 42 and total.rejected == 12 and total.kecamatan == TOTAL_LABEL


def test_a_realistic_listing_leaves_no_hidden_cell_computable(tmp_path, rules):
    from simulation.intake.aggregates import aggregates

    inputs = tmp_path / "in"
    write_synthetic(generate(rules.kelurahan, 30, parse_month("2020-03"), seed=7), inputs)
    result = verify([read_list(p) for p in sorted(inputs.iterdir())], rules)
    table = aggregates(result, rules.kelurahan).assign(data="t")
    frame = with_totals(table)
    counts = [c for c in table.columns if c not in ("kecamatan", "kelurahan", "code", "data")]
    hidden = complementary_suppression(frame, "kecamatan", counts)
    small = frame[counts].apply(lambda c: c.between(1, 4))
    assert small.to_numpy().sum() > 20 and (hidden | ~small).all().all()
    assert exposed_cells(frame, hidden, "kecamatan", counts) == []


def test_the_published_files_carry_totals_and_no_small_count(tmp_path, params, cli):
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    inputs = tmp_path / "in"
    write_synthetic(generate(kota, 30, parse_month("2020-03"), seed=7), inputs)
    status, _, _ = cli("verify", *sorted(inputs.iterdir()), "--month", "2020-03", "--out",
                       tmp_path / "out", "--private-dir", tmp_path / "private",
                       "--params", PARAMS)
    assert status == 0
    for path in (tmp_path / "out").glob("*.csv"):
        shown = pd.read_csv(path, dtype=str)
        assert shown.kecamatan.iloc[-1] == TOTAL_LABEL, path.name
        numbers = shown.drop(columns=[c for c in ("kecamatan", "kelurahan", "code", "data")
                                      if c in shown])
        values = [int(v) for v in numbers.to_numpy().ravel() if v not in ("<5", "x")]
        assert not any(1 <= v <= 4 for v in values), path.name
        assert numbers.isin(["x"]).to_numpy().any(), path.name  # complementary cells


def test_synthetic_lists_say_so(params):
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    lists = generate(kota[:2], 30, parse_month("2020-03"), seed=3)
    assert all(stem.startswith("SINTETIS-") for stem in lists)
    assert all((table["SINTETIS"] == MARK).all() for table in lists.values())


def test_no_nik_or_name_reaches_published_files_or_the_terminal(tmp_path, params, cli):
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    inputs = tmp_path / "in"
    lists = generate(kota, 25, parse_month("2020-03"), seed=11)
    write_synthetic(lists, inputs)
    everyone = pd.concat(lists.values())
    niks = set(everyone["NIK"][everyone["NIK"].str.fullmatch(r"\d{16}")])
    names = set(everyone["Nama Lengkap"]) - {""}
    addresses = set(everyone["Alamat"])
    assert len(niks) > 500 and len(names) > 100
    out, private = tmp_path / "reports" / "pendataan", tmp_path / "private"
    status, stdout, stderr = cli("verify", *sorted(inputs.iterdir()), "--month", "2020-03",
                                 "--out", out, "--private-dir", private, "--scenario-out",
                                 tmp_path / "reports" / "scenario.yaml", "--params", PARAMS)
    assert status == 0
    published = [p.read_text(encoding="utf-8") for p in (tmp_path / "reports").rglob("*")
                 if p.is_file()]
    for text in [stdout, stderr, *published]:
        assert not any(n in text for n in niks)
        assert not any(n in text for n in names)
        assert not any(a in text for a in addresses)
    follow_up = next(private.glob("*tindak-lanjut.csv")).read_text()
    assert any(n in follow_up for n in niks)  # the private file is where they belong


def test_the_verified_counts_feed_a_scenario(tmp_path, params, cli):
    kota = tuple(k for k in params.kelurahan if k.region_code == "35.77")
    inputs = tmp_path / "in"
    write_synthetic(generate(kota, 20, parse_month("2020-03"), seed=5), inputs)
    tree = tmp_path / "params"
    shutil.copytree(PARAMS, tree, ignore=shutil.ignore_patterns("local"))
    scenario = tree / "scenarios" / "bantuan-iuran-pendataan.yaml"
    status, stdout, _ = cli("verify", *sorted(inputs.iterdir()), "--month", "2020-03", "--out",
                            tmp_path / "out", "--private-dir", tmp_path / "private",
                            "--scenario-out", scenario, "--params", PARAMS)
    assert status == 0
    verified = int(re.search(r"verified ([\d,]+)", stdout).group(1).replace(",", ""))
    loaded = load_params(tree)
    changes = {c.parameter: c for c in loaded.scenarios["bantuan-iuran-pendataan"].changes}
    rate = changes["verification_pass_rate"].entries[0].by_region["35.77"].central
    listed = changes["subsidy_listed_per_month"].entries[0].by_region["35.77"].central
    assert rate == pytest.approx(verified / listed, abs=1e-4)
