"""Projections through the params tree: golden budget case, comparisons, uncertainty."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from simulation.engine.inputs import ProjectionRequest
from simulation.engine.projection import project, run_scenarios
from simulation.engine.summaries import annual_budget
from simulation.errors import InputError
from simulation.months import parse_month
from simulation.params import load_params

REQUIRED_METRICS = {"active", "active_self_paying", "active_subsidised", "lapsed", "coverage",
                    "new_enrolments", "subsidy_rp", "outreach_rp", "contributions_rp"}

NEUTRAL = """\
name: uji-netral
title: {id: Uji netral, en: Neutral test}
description:
  id: Semua arus perilaku dimatikan dan tanpa skema; hanya subsidi uji yang menggerakkan orang.
  en: Every behavioural flow off and no scheme, so that only the test's subsidy moves people.
owner: tests
without_schemes: true
changes:
  outside_influence_p: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  imitation_q: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  self_payer_lapse_rate: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  reregistration_rate: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  organic_reach_rate: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  pool_growth_rate: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  pool_turnover_rate: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  crowd_out_share: {reason: {id: "switched off", en: "switched off"}, values: {2015-07: 0}}
  verification_pass_rate: {reason: {id: "all pass", en: "all pass"}, values: {2015-07: 1}}
  subsidy_lag_months: {reason: {id: "no lag", en: "no lag"}, values: {2015-07: 0}}
"""

CAP = """\
name: uji-pagu
title: {id: Uji pagu, en: Cap test}
description:
  id: 60 didata Januari dan 60 April; kuota 100; pagu 75 pekerja-tahun.
  en: 60 listed in January and 60 in April; quota 100; a cap of 75 worker-years.
owner: tests
builds_on: [uji-netral]
changes:
  subsidy_listed_per_month:
    reason: {id: "two listings", en: "two listings"}
    values: {2022-01: 60, 2022-02: 0, 2022-04: 60, 2022-05: 0}
  subsidy_quota: {reason: {id: "quota", en: "quota"}, values: {2022-01: 100}}
  subsidy_budget_cap_rp:
    reason: {id: "75 x 12 x 16.800", en: "75 x 12 x 16,800"}
    values: {2022-01: 15120000}
"""


@pytest.fixture
def test_params(params_copy):
    scenarios = params_copy / "scenarios"
    (scenarios / "uji-netral.yaml").write_text(NEUTRAL, encoding="utf-8")
    (scenarios / "uji-pagu.yaml").write_text(CAP, encoding="utf-8")
    (scenarios / "tanpa-tuas.yaml").write_text(textwrap.dedent("""\
        name: tanpa-tuas
        title: {id: Tanpa tuas, en: No levers}
        description: {id: Sosialisasi dan subsidi nol., en: Outreach and subsidy at zero.}
        owner: tests
        changes:
          outreach_contacts_per_month: {reason: {id: "zero", en: "zero"}, values: {2020-01: 0}}
          subsidy_quota:
            reason: {id: "zero where no scheme runs", en: "zero where no scheme runs"}
            values: {2020-01: {pacitan: 0, ponorogo: 0, kabupaten-madiun: 0, magetan: 0, ngawi: 0}}
          subsidy_listed_per_month:
            reason: {id: "zero where no scheme runs", en: "zero where no scheme runs"}
            values: {2020-01: {pacitan: 0, ponorogo: 0, kabupaten-madiun: 0, magetan: 0, ngawi: 0}}
    """), encoding="utf-8")
    return load_params(params_copy)


def request(params, scenarios, regions="kota-madiun", **kwargs) -> ProjectionRequest:
    kwargs.setdefault("start", parse_month("2020-01"))
    kwargs.setdefault("months", 60)
    return ProjectionRequest(tuple(scenarios), params.regions_from(regions), **kwargs)


def series(table, scenario, metric, region="kota-madiun", column="p50"):
    rows = table[(table.scenario == scenario) & (table.metric == metric)
                 & (table.region == region)]
    return rows.set_index("month")[column]


def test_next_years_budget_keeps_enrolment_to_what_it_can_pay_without_a_cut(test_params):
    # a cap of Rp 15,120,000 this year and next (75 worker-years): in April the 12,096,000
    # left would pay 80 places to December, but next January's budget keeps only 75, so 75
    # enrol and the year's money does not run out: the cap is not flagged
    req = request(test_params, ["uji-pagu"], start=parse_month("2022-01"), months=12,
                  against="uji-netral", from_history=False)
    table, budget = project(test_params, req)
    subsidised = series(table, "uji-pagu", "active_subsidised")
    assert subsidised["2021-12"] == 0
    assert subsidised["2022-01":"2022-03"].tolist() == [60, 60, 60]
    assert subsidised["2022-04":"2022-12"].tolist() == [75] * 9
    [year] = budget.to_dict("records")
    assert year["subsidy_rp_p50"] == 3 * 60 * 16_800 + 9 * 75 * 16_800 == 14_364_000
    assert year["cap_rp"] == 15_120_000 and year["cap_binds_month"] is None
    assert series(table, "uji-pagu", "additional_active")["2022-12"] == 75
    assert series(table, "uji-pagu", "cost_per_additional_worker_year_rp")["2022-12"] == 201_600


def test_the_cap_binds_in_april_2022_when_the_years_money_runs_out(test_params, params_copy):
    # with a larger budget next year, the 12,096,000 left in April pays 80 places to
    # December (12,096,000 / (9 x 16,800)): the year spends all of it and the cap binds
    (params_copy / "scenarios" / "uji-pagu-naik.yaml").write_text(CAP.replace(
        "name: uji-pagu", "name: uji-pagu-naik").replace(
        "values: {2022-01: 15120000}", "values: {2022-01: 15120000, 2023-01: 100000000}"),
        encoding="utf-8")
    params = load_params(params_copy)
    req = request(params, ["uji-pagu-naik"], start=parse_month("2022-01"), months=12,
                  against="uji-netral", from_history=False)
    table, budget = project(params, req)
    subsidised = series(table, "uji-pagu-naik", "active_subsidised")
    assert subsidised["2022-04":"2022-12"].tolist() == [80] * 9
    year = budget[budget.year == 2022].iloc[0]
    assert year.subsidy_rp_p50 == 3 * 60 * 16_800 + 9 * 80 * 16_800 == 15_120_000
    assert year.cap_binds_month == "2022-04"
    # 15,120,000 over (3 x 60 + 9 x 80) / 12 = 75 extra worker-years
    assert series(table, "uji-pagu-naik", "cost_per_additional_worker_year_rp")["2022-12"] \
        == 201_600


def test_zero_outreach_and_zero_subsidy_give_exactly_the_baseline(test_params):
    table, _ = project(test_params, request(test_params, ["baseline", "tanpa-tuas"],
                                            regions="", draws=50))
    base = table[table.scenario == "baseline"].drop(columns="scenario").reset_index(drop=True)
    none = table[table.scenario == "tanpa-tuas"].drop(columns="scenario").reset_index(drop=True)
    assert base.equals(none)


def test_the_tidy_table_has_the_contract_columns_metrics_and_a_branch_total(params):
    table, _ = project(params, request(params, ["bantuan-iuran"], regions="35.77,35.01",
                                       months=24))
    assert list(table.columns) == ["scenario", "region", "region_code", "month", "metric",
                                   "p10", "p50", "p90"]
    assert set(table.metric) >= REQUIRED_METRICS
    assert set(table.region) == {"kota-madiun", "pacitan", "total"}
    active = {r: series(table, "bantuan-iuran", "active", r) for r in ("kota-madiun", "pacitan",
                                                                       "total")}
    assert active["kota-madiun"]["2019-12"] == 210  # the starting state, end of the month before
    assert (active["total"] - active["kota-madiun"] - active["pacitan"]).abs().max() < 0.02
    coverage = series(table, "bantuan-iuran", "coverage")
    pool = series(table, "bantuan-iuran", "pool")
    assert coverage["2021-12"] == pytest.approx(active["kota-madiun"]["2021-12"] / pool["2021-12"],
                                                rel=1e-4)


def test_the_same_seed_gives_the_same_numbers_and_another_seed_other_numbers(params):
    first, _ = project(params, request(params, ["kombinasi"], draws=200, seed=1))
    again, _ = project(params, request(params, ["kombinasi"], draws=200, seed=1))
    other, _ = project(params, request(params, ["kombinasi"], draws=200, seed=2))
    assert first.equals(again)
    assert not first[["p10", "p90"]].equals(other[["p10", "p90"]])


def test_percentiles_are_ordered_and_spread_when_drawn(params):
    table, _ = project(params, request(params, ["sosialisasi"], regions="", draws=300))
    ordered = table.dropna(subset=["p50"])
    assert (ordered.p10 <= ordered.p50 + 1e-9).all() and (ordered.p50 <= ordered.p90 + 1e-9).all()
    active = table[(table.metric == "active") & (table.month == "2024-12")
                   & (table.region == "total")].iloc[0]
    assert active.p10 < active.p50 < active.p90


def test_one_draw_is_the_central_path(params):
    central, _ = project(params, request(params, ["baseline"], draws=1))
    pool = series(central, "baseline", "pool")
    assert pool["2019-12"] == 36_000  # the central informal-worker estimate


def test_the_scenario_runs_share_draws_so_differences_are_not_noise(params):
    runs = run_scenarios(params, request(params, ["baseline", "sosialisasi"], draws=100,
                                         start=parse_month("2027-01"), months=24))
    base, campaign = runs["baseline"].per_draw, runs["sosialisasi"].per_draw
    np.testing.assert_allclose(base["pool"], campaign["pool"], rtol=1e-12)
    assert (campaign["additional_active"][:, :, -1] > 0).all()


def test_impossible_requests_are_bad_input(params):
    with pytest.raises(InputError, match="--months: got 0"):
        project(params, request(params, ["baseline"], months=0))
    with pytest.raises(InputError, match="active_bpu: got .no value in force for region "
                                         "35.77 in 2019-08"):
        project(params, request(params, ["baseline"], start=parse_month("2019-09")))


def test_budget_years_are_summed_per_draw(params):
    later = {"draws": 100, "start": parse_month("2026-11"), "months": 26}
    runs = run_scenarios(params, request(params, ["bantuan-iuran"], regions="pacitan", **later))
    budget = annual_budget(runs, request(params, ["bantuan-iuran"], regions="pacitan", **later))
    y2027 = budget[budget.year == 2027].iloc[0]
    per_draw = runs["bantuan-iuran"].per_draw["subsidy_rp"][:, 0, 3:15].sum(axis=1)
    assert y2027.subsidy_rp_p50 == int(round(np.percentile(per_draw, 50)))
    assert y2027.subsidy_rp_p90 <= y2027.cap_rp  # the cap covers the lurah-list subsidy
    # Pacitan's DBHCHT list is paid apart, in full (PP 50/2025 leaves out APBD money)
    agency = runs["bantuan-iuran"].per_draw["agency_rp"][:, 0, 3:15].sum(axis=1)
    assert y2027.agency_rp_p50 == int(round(np.percentile(agency, 50))) > 0


def test_fast_percentiles_match_numpy_including_nan():
    from simulation.engine.quantiles import percentiles

    rng = np.random.default_rng(3)
    values = rng.normal(size=(501, 4, 7))
    values[rng.random(values.shape) < 0.2] = np.nan
    values[:, 0, 0] = np.nan
    expected = np.nanpercentile(values[:, 1:, :], [10, 50, 90], axis=0)
    result = percentiles(values)
    np.testing.assert_allclose(result[:, 1:, :], expected, rtol=1e-12)
    assert np.isnan(result[:, 0, 0]).all()
    clean = rng.normal(size=(200, 3, 2))
    np.testing.assert_allclose(percentiles(clean), np.percentile(clean, [10, 50, 90], axis=0))


@pytest.mark.parametrize("regions", ["pacitan", "kota-madiun,pacitan,ngawi"])
def test_a_run_in_chunks_of_draws_is_the_run_in_one_piece(params, regions):
    # the largest accepted run holds ~24 GB of per-draw numbers in one piece: `project` runs
    # it in chunks, and every chunk size must give the same table, budget and warnings
    from simulation.engine.chunked import project_in_chunks
    from simulation.engine.diagnostics import stuck_pipelines
    from simulation.engine.summaries import tidy

    names = ["baseline", "bantuan-iuran", "kombinasi"]
    whole = request(params, names, regions=regions, draws=23, start=parse_month("2026-11"),
                    months=30, against="sosialisasi")
    runs = run_scenarios(params, whole)
    table, budget = tidy(runs, whole), annual_budget(runs, whole)
    stuck = [str(s) for s in stuck_pipelines(runs, whole)]
    for chunk in (23, 5, 1):
        chunked = project_in_chunks(params, whole, chunk_draws=chunk)
        assert chunked.table.to_csv() == table.to_csv(), chunk
        assert chunked.budget.to_csv() == budget.to_csv(), chunk
        assert [str(s) for s in chunked.stuck] == stuck


def test_a_chunk_of_one_draw_among_many_is_not_the_central_path(params):
    one = request(params, ["baseline"], regions="pacitan", draws=1, months=12)
    central = project(params, one)[0]
    chunked = project_in_chunks_of(params, request(params, ["baseline"], regions="pacitan",
                                                   draws=9, months=12), chunk_draws=1)
    spread = chunked.table[chunked.table.metric == "active"]
    assert (spread.p90 > spread.p10).any()
    assert not central.equals(chunked.table)


def project_in_chunks_of(params, whole, chunk_draws):
    from simulation.engine.chunked import project_in_chunks

    return project_in_chunks(params, whole, chunk_draws=chunk_draws)


def test_the_per_draw_store_spills_to_a_nameless_file_and_reads_back_every_draw(tmp_path):
    from simulation.engine.chunked import DrawStore

    rng = np.random.default_rng(5)
    whole = rng.normal(size=(11, 3, 4))
    for spill in (0, 10**9):  # a file, then memory
        store = DrawStore(11, (3, 4), spill_bytes=spill)
        assert (store.file is not None) == (spill == 0)
        for first in range(0, 11, 4):
            store.put("a", first, whole[first:first + 4])
            store.put("b", first, -whole[first:first + 4])
        np.testing.assert_array_equal(store.get("a"), whole)
        np.testing.assert_array_equal(store.get("b", 3, 9), -whole[3:9])
        store.close()


@pytest.mark.parametrize("month_major", [True, False])
def test_a_total_over_units_is_numpys_sum_bit_for_bit(month_major):
    # totals are summed in cache-sized blocks: numpy's reduce over the units, number for
    # number, on either layout a metric has (signed zeros, NaN, 1 to 9 units)
    from simulation.engine.metrics import _unit_total

    rng = np.random.default_rng(11)
    for units in range(1, 10):
        draws, slots = 300, 13
        values = rng.normal(size=(draws, units, slots)) * 10.0 ** rng.integers(
            -8, 12, (draws, units, slots))
        pick = rng.random(values.shape)
        values[pick < 0.2] = -0.0
        values[pick > 0.99] = np.nan
        values[:, :, 0] = -0.0  # a month of negative zeros only
        for largest in (False, True):
            if largest:
                values = (pick < 0.5).astype(float)
            arrays = [np.empty((slots, draws, units + 1)).transpose(1, 2, 0) if month_major
                      else np.empty((draws, units + 1, slots)) for _ in range(2)]
            for array in arrays:
                array[:, :units] = values
            (np.maximum if largest else np.add).reduce(arrays[0][:, :units], axis=1,
                                                       out=arrays[0][:, units])
            _unit_total(arrays[1], units, largest)
            assert np.array_equal(arrays[0].view(np.int64), arrays[1].view(np.int64))


def test_sums_per_unit_are_the_product_with_the_assignment_bit_for_bit():
    from simulation.engine.steps import unit_sums

    def assignment(scheme_unit: np.ndarray, units: int) -> np.ndarray:
        """(schemes, units) 1 where a scheme belongs to a unit."""
        out = np.zeros((len(scheme_unit), units))
        out[np.arange(len(scheme_unit)), scheme_unit] = 1.0
        return out

    rng = np.random.default_rng(12)
    scheme_unit = np.array([5, 3, 4, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2])
    values = rng.normal(size=(400, 13)) * 10.0 ** rng.integers(-6, 9, (400, 13))
    values[rng.random(values.shape) < 0.2] = 0.0
    expected = values @ assignment(scheme_unit, 7)
    assert np.array_equal(unit_sums(values, scheme_unit, 7).view(np.int64),
                          expected.view(np.int64))
