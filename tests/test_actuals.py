"""Monthly actuals: the importer's quirks and the store."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from simulation.engine.inputs import ProjectionRequest
from simulation.engine.projection import project
from simulation.errors import InputError
from simulation.intake.actuals import parse_count, parse_month_text, read_actuals, region_code
from simulation.intake.store import load_store, merge_into_store, save_store, with_observed_state
from simulation.months import parse_month


@pytest.mark.parametrize("text, value", [("2.298", 2298), ("2298", 2298), ("12.345.678", 12345678),
                                         (3128, 3128), (3128.0, 3128), ("", None), ("-", None)])
def test_indonesian_counts(text, value):
    assert parse_count(text, "f.csv", "row 2 active") == value


@pytest.mark.parametrize("text, why", [("1.234,5", "decimal comma"), ("2,298", "decimal comma"),
                                       ("2.29", "groups of three"), ("dua ribu", "groups")])
def test_ambiguous_counts_are_refused_with_a_reason(text, why):
    with pytest.raises(InputError, match=why):
        parse_count(text, "f.csv", "row 2 active")


@pytest.mark.parametrize("text", ["Agustus 2019", "Agt-19", "agu 2019", "AGUSTUS 2019",
                                  "08/2019", "2019-08", "Aug-19", dt.date(2019, 8, 22)])
def test_indonesian_months(text):
    assert parse_month_text(text, "f.csv", "row 2 month") == parse_month("2019-08")


def test_region_names_and_codes(params):
    assert region_code("Kab. Madiun", params, "f", "k") == "35.19"
    assert region_code("KOTA MADIUN", params, "f", "k") == "35.77"
    assert region_code("35.20", params, "f", "k") == "35.20"
    assert region_code("Magetan", params, "f", "k") == "35.20"
    with pytest.raises(InputError, match="ambiguous: Kabupaten Madiun .35.19. or Kota Madiun"):
        region_code("Madiun", params, "f", "k")


def test_a_csv_with_bom_semicolons_and_indonesian_formats(tmp_path, params):
    path = tmp_path / "ekspor.csv"
    path.write_text("Daerah;Bulan;Peserta Aktif;Peserta Baru\n"
                    "Kota Madiun;Agustus 2019;154;12\nKab. Madiun;Agt-19;1.128;\n"
                    "Magetan;Agustus 2019;1.016;\n;;;\n", encoding="utf-8-sig")
    result = read_actuals([path], params, kind="observed")
    rows = result.rows.set_index("region")
    assert rows.loc["35.19", "active"] == 1128 and rows.loc["35.77", "new"] == 12
    assert set(rows.month) == {"2019-08"} and (rows.source == "ekspor.csv").all()


def test_an_xlsx_with_one_sheet_per_month(tmp_path, params):
    path = tmp_path / "bulanan.xlsx"
    with pd.ExcelWriter(path) as writer:
        for sheet, value in (("Agustus 2019", "2.298"), ("Okt-19", "3.128")):
            pd.DataFrame({"Wilayah": ["Magetan"], "Aktif": [value]}).to_excel(
                writer, sheet_name=sheet, index=False)
    result = read_actuals([path], params)
    assert result.rows.sort_values("month").active.tolist() == [2298, 3128]
    assert any("no figure for 2019-09" in note for note in result.notes)  # a gap, reported


def test_impossible_and_contradictory_rows_are_refused_together(tmp_path, params):
    path = tmp_path / "salah.csv"
    path.write_text("daerah,bulan,aktif\nNgawi,2019-10,2487\nNgawi,2019-10,2500\n"
                    "Pacitan,2019-10,-5\nPonorogo,2019-10,2713\nPonorogo,2019-11,40000\n")
    with pytest.raises(InputError) as caught:
        read_actuals([path], params)
    message = str(caught.value)
    assert "35.21 2019-10: got '(2 rows)'; expected one row per region and month" in message
    assert "row 4 active: got -5; expected a count of 0 or more" in message
    assert "35.02 2019-11 active: got 40000; expected a plausible change from 2713" in message


def test_reimporting_changes_nothing_and_a_conflict_needs_replace(tmp_path, params):
    path = tmp_path / "a.csv"
    path.write_text("daerah,bulan,aktif\nNgawi,2019-10,2487\nNgawi,2019-11,2501\n")
    store_path = tmp_path / "actuals.csv"
    rows = read_actuals([path], params).rows
    merged, added, changed = merge_into_store(load_store(store_path), rows)
    save_store(merged, store_path)
    first = store_path.read_bytes()
    merged, added, changed = merge_into_store(load_store(store_path), rows)
    assert (added, changed) == (0, 0)
    save_store(merged, store_path)
    assert store_path.read_bytes() == first
    fix = tmp_path / "b.csv"
    fix.write_text("daerah,bulan,aktif\nNgawi,2019-11,2510\n")
    with pytest.raises(InputError, match="the stored value 2501 .*use --replace"):
        merge_into_store(load_store(store_path), read_actuals([fix], params).rows)
    merged, added, changed = merge_into_store(load_store(store_path),
                                              read_actuals([fix], params).rows, replace=True)
    assert (added, changed) == (0, 1) and len(merged) == 2


def test_a_projection_starts_from_the_latest_observed_state(params):
    store = pd.DataFrame({"region": ["35.77", "35.77"], "month": ["2020-10", "2020-11"],
                          "active": [3900, 3967], "subsidised": [3607, 3672], "new": pd.NA,
                          "lapsed": pd.NA, "source": "t", "kind": "test"})
    observed = with_observed_state(params, store)
    table, _ = project(observed, ProjectionRequest(("bantuan-iuran",), (params.region("35.77"),),
                                                   parse_month("2020-12"), 12, 1, 1))
    at_start = table[(table.month == "2020-11")].set_index("metric").p50
    assert at_start["active"] == 3967 and at_start["active_subsidised"] == 3672


def test_a_text_read_once_per_sheet_still_names_every_row_it_is_wrong_in(tmp_path, params):
    """Each region and month text is parsed once per sheet (a 200,000-row file took 13 s);
    a wrong one is still reported at each of its rows, and a right one everywhere."""
    path = tmp_path / "aktual.csv"
    path.write_text("daerah,bulan,aktif\nNowhere,2026-09,10\nNowhere,2026-09,11\n"
                    "Ngawi,2026-13,12\nNgawi,2026-13,13\nNgawi,2026-09,14\n"
                    "Kab. Ngawi,2026-10,15\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_actuals([path], params)
    said = {p.key for p in refused.value.problems}
    assert {k for k in said if k.endswith("region")} == {"row 2 region", "row 3 region"}
    assert {k for k in said if k.endswith("month")} == {"row 4 month", "row 5 month"}
    path.write_text("daerah,bulan,aktif\nNgawi,2026-09,14\nKab. Ngawi,2026-10,15\n"
                    "ngawi,Oktober 2026,15\n", encoding="utf-8")
    with pytest.raises(InputError) as twice:  # the same region and month from two texts
        read_actuals([path], params)
    assert "35.21 2026-10" in str(twice.value)
    path.write_text("daerah,bulan,aktif\nNgawi,2026-09,14\nKab. Ngawi,2026-10,15\n",
                    encoding="utf-8")
    rows = read_actuals([path], params).rows
    assert rows[["region", "month", "active"]].values.tolist() == [
        ["35.21", "2026-09", 14], ["35.21", "2026-10", 15]]
