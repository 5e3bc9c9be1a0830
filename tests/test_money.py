"""Contribution arithmetic against hand-computed figures from the regulation."""

from __future__ import annotations

import pytest

from simulation.engine.money import cost_table, monthly_rates, parse_programmes, whole_rupiah
from simulation.errors import InputError
from simulation.months import parse_month


def months(first: str, last: str) -> tuple[int, int]:
    return parse_month(first), parse_month(last)


def test_a_year_of_the_minimum_package_for_100_workers(params):
    table = cost_table(params, 100, *months("2019-01", "2019-12"))
    assert table["per_worker_rp"].tolist() == [16_800] * 12  # JKK 10,000 + JKM 6,800
    assert table["total_rp"].sum() == 100 * 16_800 * 12 == 20_160_000


def test_covid_relief_cuts_jkk_and_jkm_by_99_percent_from_august_2020_to_january_2021(params):
    table = cost_table(params, 1, *months("2020-07", "2021-02")).set_index("month")
    assert table.loc["2020-07", "per_worker_rp"] == 16_800
    for month in ("2020-08", "2020-09", "2020-10", "2020-11", "2020-12", "2021-01"):
        assert table.loc[month, "jkk_per_worker_rp"] == 100
        assert table.loc[month, "jkm_per_worker_rp"] == 68
    assert table.loc["2021-02", "per_worker_rp"] == 16_800
    assert table["total_rp"].sum() == 16_800 * 2 + 168 * 6 == 34_608


def test_jht_is_optional_and_not_relieved(params):
    rates = monthly_rates(params, parse_month("2019-08"))
    assert rates.total(("jkk", "jkm", "jht")) == 36_800  # BPJS TK Madiun's package with JHT
    relief = monthly_rates(params, parse_month("2020-09"))
    assert relief.jht == 20_000


def test_the_2026_discount_halves_jkk_and_jkm_from_april_to_december_for_a_worker(params):
    table = cost_table(params, 10, *months("2026-03", "2027-01"),
                       payer="worker").set_index("month")
    assert table.loc["2026-03", "per_worker_rp"] == 16_800
    assert table.loc["2026-04", "per_worker_rp"] == 8_400
    assert table.loc["2026-12", "per_worker_rp"] == 8_400
    assert table.loc["2027-01", "per_worker_rp"] == 16_800


def test_a_higher_declared_income_raises_jkk_only(params):
    rates = monthly_rates(params, parse_month("2022-01"), income=2_500_000)
    assert (rates.jkk, rates.jkm, rates.jht) == (25_000, 6_800, 50_000)


def test_amounts_round_half_up_to_whole_rupiah(params):
    assert whole_rupiah(0.5) == 1 and whole_rupiah(2.5) == 3  # round() would give 0 and 2
    rates = monthly_rates(params, parse_month("2022-01"), income=1_000_050)
    assert rates.jkk == 10_001  # 10,000.5 rounds up


def test_an_income_below_the_lowest_declared_income_is_refused(params):
    with pytest.raises(InputError, match=r"--income: got 900000; expected .*1,000,000"):
        monthly_rates(params, parse_month("2022-01"), income=900_000)


def test_a_month_before_the_regulation_is_refused_with_its_first_month(params):
    with pytest.raises(InputError, match="first value: 2015-07"):
        monthly_rates(params, parse_month("2014-12"))


def test_programmes_are_checked(params):
    assert parse_programmes("JKK, jkm") == ("jkk", "jkm")
    with pytest.raises(InputError, match="jkk, jkm, jht"):
        parse_programmes("jkk,jkp")


def test_the_end_month_may_not_come_before_the_start(params):
    with pytest.raises(InputError, match="--to: got '2020-01'; expected a month no earlier"):
        cost_table(params, 1, *months("2020-06", "2020-01"))


@pytest.mark.parametrize("payer", ["apbd_kabkota", "apbd_provinsi", "apbn"])
def test_the_2026_discount_leaves_out_a_package_paid_from_the_apbn_or_an_apbd(params, payer):
    # PP 50/2025: BPU whose JKK/JKM are paid from the APBN or an APBD are excluded
    table = cost_table(params, 15_000, *months("2026-01", "2026-12"), payer=payer)
    assert (table.per_worker_rp == 16_800).all() and (table.relief_share == 0).all()
    assert table.total_rp.sum() == 15_000 * 16_800 * 12 == 3_024_000_000


def test_a_worker_paying_for_2026_gets_the_discount_from_april(params):
    table = cost_table(params, 15_000, *months("2026-01", "2026-12"), payer="worker")
    assert table.total_rp.sum() == 15_000 * (3 * 16_800 + 9 * 8_400) == 1_890_000_000


@pytest.mark.parametrize("payer", ["apbd_kabkota", "dbhcht"])
def test_tobacco_excise_funds_are_paid_through_the_apbd_and_get_no_2026_discount(params, payer):
    # PP 50/2025 leaves out BPU paid through the APBN or an APBD; DBHCHT is a transfer the
    # region budgets and pays through its APBD (PMK 72/2024): Ponorogo's 29,025 cost the
    # full Rp 16,800 in 2026
    table = cost_table(params, 29_025, *months("2026-01", "2026-12"), payer=payer)
    assert (table.per_worker_rp == 16_800).all() and (table.relief_share == 0).all()
    assert table.total_rp.sum() == 29_025 * 16_800 * 12 == 5_851_440_000


@pytest.mark.parametrize("payer", ["csr", "baznas"])
def test_a_company_or_a_zakat_agency_paying_gets_the_2026_discount(params, payer):
    table = cost_table(params, 1, *months("2026-03", "2026-04"), payer=payer)
    assert table.per_worker_rp.tolist() == [16_800, 8_400]


def test_transport_workers_get_the_discount_from_january_2026_to_march_2027(params):
    # PP 50/2025: transport January 2026 - March 2027, other sectors April - December 2026
    transport = cost_table(params, 1, *months("2025-12", "2027-04"), payer="worker",
                           sector="transport")
    other = cost_table(params, 1, *months("2025-12", "2027-04"), payer="worker")
    assert transport.per_worker_rp.tolist() == [16_800] + [8_400] * 15 + [16_800]
    assert other.per_worker_rp.tolist() == [16_800] * 4 + [8_400] * 9 + [16_800] * 4
    # a government paying for transport workers pays in full, as for any other sector
    paid = cost_table(params, 1, *months("2026-01", "2026-12"), payer="dbhcht",
                      sector="transport")
    assert (paid.per_worker_rp == 16_800).all()


def test_who_joined_during_the_covid_relief_paid_the_first_two_months_in_full(params):
    # PP 49/2020 Pasal 13: joined September 2020: September and October at Rp 16,800,
    # then the 99% relief (Rp 100 JKK + Rp 68 JKM = Rp 168) until January 2021
    joined = parse_month("2020-09")
    table = cost_table(params, 1, *months("2020-09", "2021-02"), joined=joined)
    assert table.per_worker_rp.tolist() == [16_800, 16_800, 168, 168, 168, 16_800]
    before = cost_table(params, 1, *months("2020-09", "2020-10"))  # a member since before
    assert before.per_worker_rp.tolist() == [168, 168]


def test_the_income_bracket_is_capped_at_the_highest_and_jht_follows_it(params):
    # JKK is 1% of the bracket: at most Rp 207,000 (bracket Rp 20,700,000); JHT 2% of it
    rates = monthly_rates(params, parse_month("2025-01"), income=30_000_000)
    assert (rates.income, rates.jkk, rates.jkm, rates.jht) == (20_700_000, 207_000, 6_800,
                                                               414_000)
    table = cost_table(params, 2, *months("2025-01", "2025-01"), income=30_000_000,
                       package="bpu_jht")
    assert table.per_worker_rp.iloc[0] == 207_000 + 6_800 + 414_000


def test_the_packages_cost_what_the_schemes_pay(params):
    jan = months("2025-01", "2025-01")
    assert cost_table(params, 1, *jan).per_worker_rp.iloc[0] == 16_800
    assert cost_table(params, 1, *jan, package="bpu_jht").per_worker_rp.iloc[0] == 36_800
    assert cost_table(params, 1, *jan, package="pu_jkk_jkm").per_worker_rp.iloc[0] == 11_800
