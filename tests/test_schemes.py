"""Every scheme in force: agency lists paid for part of a year, several schemes and payers in
one region, their members carried into the APBD years ahead, and uncertain sizes sampled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, simple_inputs

from simulation.engine.inputs import ProjectionRequest, build_inputs
from simulation.engine.model import run_model
from simulation.engine.projection import run_scenarios
from simulation.engine.schemes import scheme_members
from simulation.engine.summaries import payer_budget
from simulation.intake.state import Observations, observed_state
from simulation.months import parse_month
from simulation.reporting.content.alerts import variance_alert
from simulation.reporting.content.data import ReportData
from simulation.reporting.content.settings import settings_from

DATA = REPO / "data"


def months(first: str, count: int) -> list[int]:
    return list(range(parse_month(first), parse_month(first) + count))


def run(params, regions: str, start: str, count: int, scenarios=("baseline",), draws=1,
        **kwargs):
    request = ProjectionRequest(tuple(scenarios), params.regions_from(regions),
                                parse_month(start), count, draws, 7, **kwargs)
    return run_scenarios(params, request), request


def test_ponorogos_tobacco_excise_lists_are_paid_for_the_months_of_each_allocation(params):
    runs, request = run(params, "ponorogo", "2025-01", 12)
    members = runs["baseline"].per_draw["active_agency_list"][0, 0, 1:]
    baznas = 3_200  # Baznas pays for contract teachers all year
    assert members[:2].tolist() == [baznas] * 2  # January-February: no DBHCHT month
    assert members[2:9].tolist() == pytest.approx([29_025 + baznas] * 7)  # March-September
    assert members[9:].tolist() == pytest.approx([41_930 + baznas] * 3)  # with the kader
    paid = payer_budget(runs, request).set_index(["item", "payer"]).rp_p50
    # 5,200 + 23,825 for 10 months, 12,905 kader for 3: Rp 5.53 miliar ("Rp 5,5 miliar")
    assert paid[("agency", "dbhcht")] == (29_025 * 10 + 12_905 * 3) * 16_800 == 5_526_612_000
    assert paid[("agency", "baznas")] == baznas * 12 * 16_800


def test_ngawis_list_is_enrolled_in_bulk_and_leaves_when_its_months_end(params):
    runs, _ = run(params, "ngawi", "2024-07", 7)
    members = runs["baseline"].per_draw["active_agency_list"][0, 0, 1:]
    # August-December 2024 (suara.ngawikab.go.id); none in July or January
    assert members.tolist() == [0] + [10_796] * 5 + [0]
    flows = runs["baseline"].result.flows
    assert flows["agency_enrolments"][0, 0, 2] == pytest.approx(10_796)
    left, kept = flows["agency_exits"][0, 0, 7], flows["agency_retained"][0, 0, 7]
    retention = params.parameter("retention_after_subsidy").central("35.21", parse_month(
        "2025-01"))
    # in January the members still in informal work leave the list (a few left that month)
    assert left == pytest.approx(10_796, rel=0.005) and kept == pytest.approx(left * retention)


def test_at_the_end_of_a_period_members_keep_paying_or_fall_into_arrears_and_come_back():
    # 100 members paid in months 1-6, none in 7-8, 100 again from month 9; a quarter keep
    # paying themselves. The list names last period's members first: the 25 who kept paying
    # and the 75 still in arrears (two months unpaid) are the 100 enrolled in month 9.
    target = np.array([100.0] * 6 + [0.0] * 2 + [100.0] * 4)[None, None, :]
    result = run_model(simple_inputs(
        scheme_unit=np.array([0]), scheme_target=target,
        initial_scheme_members=np.zeros((1, 1)),
        retention_after_subsidy=np.full((1, 1, 1), 0.25)))
    stocks = result.stocks
    assert result.scheme_members[0, 0].tolist() == [0] + [100] * 6 + [0] * 2 + [100] * 4
    assert stocks["self_paying"][0, 0, 7] == pytest.approx(125)
    assert stocks["arrears"][0, 0, 7] == pytest.approx(75)
    assert result.active[0, 0, 8] == pytest.approx(200)  # still members in arrears
    assert stocks["self_paying"][0, 0, 9] == pytest.approx(100)  # the 25 are back on the list
    assert stocks["arrears"][0, 0, 9] == pytest.approx(0)
    assert stocks["lapsed"][0, 0, 12] == pytest.approx(0)
    # the pool is kept: nobody counted twice
    assert result.pool[0, 0].tolist() == pytest.approx([1_000] * 13)


def test_several_schemes_with_different_payers_run_in_one_region(params):
    runs, request = run(params, "kota-madiun", "2025-01", 12)
    paid = payer_budget(runs, request)
    rows = {(r.item, r.payer): r.rp_p50 for r in paid.itertuples() if r.year == 2025}
    assert rows[("agency", "csr")] == 1_184 * 16_800 * 12  # the water company
    assert rows[("wage_earner", "apbd_kabkota")] == 7_902 * 11_800 * 12
    assert rows[("subsidy", "apbd_kabkota")] > 1_800_000_000  # the lurah lists: 9,582 places
    assert ("agency", "apbd_kabkota") not in rows


@pytest.mark.parametrize("region, payer, members", [
    ("ponorogo", "dbhcht", 5_200 + 23_825 + 12_905),
    ("ngawi", "dbhcht", 15_624),
    ("pacitan", "dbhcht", 2_980),
    ("magetan", "dbhcht", 1_192),
])
def test_the_kabupatens_schemes_are_carried_into_apbd_2027_with_their_payer(params, region,
                                                                            payer, members):
    observations = Observations.read(DATA, params)
    state = observed_state(params, observations, parse_month("2026-10"))
    runs, request = run(state, region, "2026-11", 14)
    paid = payer_budget(runs, request)
    y2027 = paid[(paid.year == 2027) & (paid.item == "agency") & (paid.payer == payer)]
    assert len(y2027) == 1 and y2027.rp_p50.iloc[0] > 0
    scheme = [s for s in params.schemes if s.region_code == params.region(region).code
              and s.payer == payer]
    december = parse_month("2027-12")
    assert sum(s.members_at(december) for s in scheme) == members
    slot = december - (request.start - 1)
    assert runs["baseline"].per_draw["active_agency_list"][0, 0, slot] >= members


def test_a_projection_from_january_carries_the_list_made_before_it(params):
    # bantuan-iuran lists 8,000 per kabupaten in November 2026, verified two months later:
    # a projection from January 2027 enrols them as one from November 2026 does, and spends
    # Pacitan's Rp 750 juta (not Rp 13-16 juta as when the listing was dropped)
    later, _ = run(params, "pacitan", "2027-01", 12, ("baseline", "bantuan-iuran"))
    earlier, _ = run(params, "pacitan", "2026-11", 14, ("baseline", "bantuan-iuran"))
    spent_later = later["bantuan-iuran"].per_draw["subsidy_rp"][0, 0, 1:].sum()
    spent_earlier = earlier["bantuan-iuran"].per_draw["subsidy_rp"][0, 0, 3:].sum()
    assert spent_later > 700_000_000
    assert spent_later == pytest.approx(spent_earlier, rel=0.02)


@pytest.mark.parametrize("region", ["kabupaten-madiun", "magetan", "ngawi"])
def test_the_baseline_starts_steady_from_the_data(params, region):
    # the starting state carries the stocks a replay of history gives (the lapsed, the
    # reached): self-payers grow or hold month on month, no 5-6% fall and recovery in 2027
    observations = Observations.read(DATA, params)
    state = observed_state(params, observations, parse_month("2026-10"))
    runs, _ = run(state, region, "2026-11", 26)
    paying = runs["baseline"].result.stocks["self_paying"][0, 0]
    change = np.diff(paying) / paying[:-1]
    if region == "kabupaten-madiun":  # no scheme: nothing but behaviour moves it
        assert change.min() > -0.005, change.min()
    start = paying[0]
    assert paying[12] > 0.97 * start  # a year on, not below where the data left it


def test_sizes_and_months_that_are_ours_are_sampled_and_a_draw_keeps_its_size(params):
    [magetan] = [s for s in params.schemes if s.name == "magetan-dbhcht"]
    drawn = scheme_members(magetan, tuple(months("2025-01", 36)), 400, 7)
    july_2025, july_2026 = 6, 18
    sizes = drawn[:, july_2025]
    assert sizes.min() >= 0 and sizes.max() <= 2_384  # from none to twice the 2024 size
    assert 0.8 * 1_192 < np.median(sizes) < 1.2 * 1_192
    assert np.unique(np.round(sizes)).size > 100
    # a continued year keeps its draw's size: 2026 repeats 2025
    paid = (drawn[:, july_2025] > 0) & (drawn[:, july_2026] > 0)
    np.testing.assert_allclose(drawn[paid, july_2025], drawn[paid, july_2026])
    # the months are drawn too: some draws start in June, others in August
    paying = (drawn[:, :12] > 0).any(axis=1)
    assert set(np.argmax(drawn[:, :12] > 0, axis=1)[paying]) == {5, 6, 7}


def test_the_scholarship_is_counted_in_what_families_receive(params):
    request = ProjectionRequest(("baseline",), (params.region("ngawi"),),
                                parse_month("2027-01"), 1)
    _, money = build_inputs(params, request)
    # 0.1 child a death x Rp 25 juta (central), under the Rp 87 juta a child can get
    assert money["scholarship_per_death"].ravel()[0] == pytest.approx(2_500_000)


def test_the_monthly_note_compares_with_a_band_that_holds_the_schemes_uncertainty(params):
    observations = Observations.read(DATA, params)
    settings = settings_from(params, "2026-10", "baseline", 12, 200, 3, "id")
    data = ReportData.build(params, params.regions, settings, actuals=observations.actuals,
                            points=observations.points, data_dir=str(DATA))
    notes = {region.slug: variance_alert(data, region.slug) for region in params.regions}
    # the lists are as big as September's count says: October holds no scheme surprise where
    # the lists are most of the members (elsewhere the illustrative self-payers wobble by 2%
    # a month, more than a month of the model moves: a note that says the data are
    # illustrative, not an alarm)
    for slug in ("ponorogo", "magetan"):
        assert "berada dalam rentang proyeksi" in notes[slug], (slug, notes[slug])
    assert not any(note.startswith("**") for note in notes.values())  # no alarm


def test_before_a_period_starts_the_band_holds_every_size_and_month_we_allow(params):
    # from January 2026 (no DBHCHT month yet), Ponorogo's April: the 2026 allocation may
    # have started (January-May) with 2,600-23,825 vulnerable workers and 0-16,800 kader
    runs, request = run(params, "ponorogo", "2026-01", 4, draws=300)
    april = runs["baseline"].per_draw["active_agency_list"][:, 0, -1]
    p10, p50, p90 = np.percentile(april, [10, 50, 90])
    assert p90 - p10 > 10_000
    assert p90 <= 5_200 + 23_825 + 16_800 + 3_600  # the highs of every list
    assert p10 >= 3_200  # Baznas pays all year


def test_a_region_without_a_known_scheme_says_so_and_one_with_schemes_lists_them(params):
    from simulation.reporting.content.history import schemes_table

    settings = settings_from(params, "2026-10", "baseline", 12, 1, 3, "id")
    data = ReportData.build(params, params.regions, settings)
    assert schemes_table(data, "kabupaten-madiun").empty  # the report says none is known
    table = schemes_table(data, "ponorogo")
    row = table[(table["Skema"] == "DBHCHT Ponorogo: kader KB, kader posyandu, guru ngaji")
                & (table["Tahun APBD"] == 2026)].iloc[0]
    # our assumption shows its range of months and members
    assert row["Bulan dibayar"] == "Maret (Januari–Mei)–Desember"
    assert row["Peserta dibayar"] == "12.905 (0–16.800)" and row["Jenis"] == "ASUMSI"
    assert row["Pembayar"] == "DBHCHT (cukai tembakau)"


def test_a_projection_from_a_replayed_month_continues_the_replay(params):
    # the replay hands over arrears by age, last period's members in arrears and those who
    # kept paying: restarting in February 2025 (no data) follows the uninterrupted run
    whole, request = run(params, "ponorogo,ngawi,pacitan", "2020-01", 68)
    restart, _ = run(params, "ponorogo,ngawi,pacitan", "2025-02", 7)  # to August
    slot = parse_month("2025-08") - (request.start - 1)
    continuous = whole["baseline"].per_draw["active"][0, :3, slot]
    restarted = restart["baseline"].per_draw["active"][0, :3, -1]
    np.testing.assert_allclose(restarted, continuous, rtol=0.002)


def test_the_lists_keep_the_size_the_data_count_where_the_data_and_a_draw_agree(params):
    observations = Observations.read(DATA, params)
    # October 2026 counts 45,130 on Ponorogo's lists: the rest of the period and APBD 2027
    # (the scheme kept at its latest size) pay for that many, whatever the draw's size was
    counted = observed_state(params, observations, parse_month("2026-10"))
    runs, request = run(counted, "ponorogo", "2026-11", 14, draws=200)
    lists = runs["baseline"].per_draw["active_agency_list"][:, 0]
    december_2027 = parse_month("2027-12") - (request.start - 1)
    assert np.median(lists[:, 2]) == pytest.approx(45_130)
    assert np.median(lists[:, december_2027]) == pytest.approx(45_130, rel=0.01)
    state = observed_state(params, observations, parse_month("2026-02"))
    # February 2026: only Baznas pays (3,200 counted); the 2026 DBHCHT lists start between
    # January and May: draws that started them early are not shrunk to 3,200
    runs, request = run(state, "ponorogo", "2026-03", 10, draws=200)
    december = runs["baseline"].per_draw["active_agency_list"][:, 0, -1]
    assert np.median(december) > 30_000
    # a blank count of scheme members says nothing: the lists stay as drawn
    actuals = observations.actuals.copy()
    actuals.loc[(actuals.region == "35.02") & (actuals.month == "2026-10"),
                "subsidised"] = pd.NA
    blank = observed_state(params, Observations(actuals, observations.points),
                           parse_month("2026-10"))
    runs, _ = run(blank, "ponorogo", "2026-11", 2)
    assert runs["baseline"].per_draw["active_agency_list"][0, 0, -1] == pytest.approx(45_130)


def test_a_new_list_does_not_take_other_members_in_arrears():
    # 90 members in arrears (not on any list) and a scheme starting in month 1 for 100:
    # they stay members in arrears and lapse; the list comes from those not yet members
    result = run_model(simple_inputs(
        initial_self_paying=np.array([[100.0]]), initial_arrears=np.array([[90.0]]),
        scheme_unit=np.array([0]), scheme_target=np.full((1, 1, 12), 100.0),
        initial_scheme_members=np.zeros((1, 1))))
    assert result.stocks["arrears"][0, 0, 1] == pytest.approx(60)  # 30 lapsed, none listed
    assert result.scheme_members[0, 0, 1] == pytest.approx(100)
    assert result.flows["agency_enrolments"][0, 0, 1] == pytest.approx(100)


def test_calibration_fits_those_paying_themselves_not_the_lists_members():
    from simulation.calibration.fit import self_paying_members

    result = run_model(simple_inputs(
        scheme_unit=np.array([0]), scheme_target=np.full((1, 1, 12), 300.0),
        initial_scheme_members=np.zeros((1, 1))))
    assert result.active[0, 0, 1] == pytest.approx(400)  # 100 self-payers + 300 listed
    assert self_paying_members(result)[0, 0, 1] == pytest.approx(100)
