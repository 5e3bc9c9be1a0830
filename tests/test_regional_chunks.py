"""A projection in chunks of regions: each region's percentiles are those of one run with
every region (to the last bit), the totals are the sums of the regions' p50 and nothing
more, and a small run (the Madiun branch) is the run in one piece, byte for byte."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from conftest import PARAMS

from simulation import defaults
from simulation.engine.chunked import project_in_chunks
from simulation.engine.inputs import ProjectionRequest
from simulation.engine.regional import (
    NOT_ADDITIVE,
    combine,
    project_by_regions,
    region_chunks,
    regions_per_chunk,
    run_region_chunk,
)
from simulation.months import parse_month
from simulation.params import load_params
from simulation.params.selection import select_regions

JATIM = "35.01,35.03,35.09,35.78,35.77,35.10,35.22,35.05"
SCENARIOS = tuple(defaults.SCENARIOS.split(","))
PERCENTILE_COLUMNS = ("p10", "p50", "p90")


def request_for(params, draws: int = 50, months: int = 24) -> ProjectionRequest:
    return ProjectionRequest(SCENARIOS, params.regions, parse_month("2026-11"), months, draws)


@pytest.fixture(scope="module")
def jatim():
    params = select_regions(load_params(PARAMS, include_local=False), JATIM)
    request = request_for(params)
    whole = project_in_chunks(params, request)
    chunks = region_chunks(request, 3)
    parts = [run_region_chunk(c, params=params, request=request) for c in chunks]
    return params, request, whole, chunks, parts, combine(parts, request)


def regions_only(table: pd.DataFrame) -> pd.DataFrame:
    return (table[table["region_code"] != ""].drop(columns="province", errors="ignore")
            .reset_index(drop=True))


def test_chunks_cover_every_region_once_in_order_and_none_alone(jatim):
    _, request, _, chunks, _, _ = jatim
    assert [len(c) for c in chunks] == [3, 2, 3]
    assert [code for chunk in chunks for code in chunk] == JATIM.split(",")
    many = replace(request, regions=request.regions * 3)  # 24 regions
    assert min(len(c) for c in region_chunks(many, 5)) >= 2
    assert len(region_chunks(many, 64, at_least=6)) == 6


def test_each_regions_rows_from_chunks_of_three_equal_those_of_one_run(jatim):
    _, _, whole, _, _, chunked = jatim
    one, many = regions_only(whole.table), regions_only(chunked.table)
    assert len(one) == len(many) == 8 * 29 * 25 * len(SCENARIOS)
    for column in ("scenario", "region", "region_code", "month", "metric"):
        assert one[column].tolist() == many[column].tolist()
    for column in PERCENTILE_COLUMNS:
        assert np.array_equal(one[column].to_numpy(), many[column].to_numpy(), equal_nan=True)
    # and the budget, region by region, year by year
    budget = chunked.budget[~chunked.budget["region"].str.startswith("total")]
    pd.testing.assert_frame_equal(
        whole.budget[whole.budget["region"] != "total"].reset_index(drop=True),
        budget.drop(columns="province").reset_index(drop=True), check_dtype=False)


def test_the_order_of_the_chunks_changes_nothing(jatim):
    _, request, _, _, parts, chunked = jatim
    backwards = combine(parts[::-1], request)
    pd.testing.assert_frame_equal(backwards.table, chunked.table, check_exact=True)
    pd.testing.assert_frame_equal(backwards.budget, chunked.budget, check_exact=True)


def test_a_province_total_is_the_sum_of_its_regions_p50_and_has_no_spread(jatim):
    _, _, _, _, _, chunked = jatim
    table = chunked.table
    regions = table[table["region_code"] != ""]
    total = table[table["region"] == "total-35"]
    assert (regions["province"] == "35").all() and (total["province"] == "35").all()
    assert set(total["metric"]) == set(regions["metric"]) - NOT_ADDITIVE
    assert total["p10"].isna().all() and total["p90"].isna().all()
    checked = 0
    for (scenario, metric), rows in total.groupby(["scenario", "metric"]):
        mine = regions[(regions["scenario"] == scenario) & (regions["metric"] == metric)]
        # by hand: 8 regions x 25 months, summed over regions month by month
        by_hand = mine["p50"].to_numpy().reshape(8, 25).sum(axis=0)
        order = np.argsort(mine["month"].to_numpy()[:25])
        assert rows["month"].tolist() == sorted(mine["month"].unique())
        assert np.allclose(rows["p50"].to_numpy(), by_hand[order], rtol=1e-12, atol=0.006)
        checked += 1
    assert checked == len(SCENARIOS) * 26
    active = total[(total["metric"] == "active") & (total["scenario"] == "baseline")]
    assert active["p50"].iloc[0] > 100_000  # eight Jawa Timur regions: real people
    # one province: the run's total is the province's
    run_total = table[table["region"] == "total"]
    assert (run_total["province"] == "total").all()
    assert np.array_equal(run_total["p50"].to_numpy(), total["p50"].to_numpy())


def test_budget_totals_are_sums_of_the_regions_p50(jatim):
    _, _, _, _, _, chunked = jatim
    budget = chunked.budget
    regions = budget[~budget["region"].str.startswith("total")]
    total = budget[budget["region"] == "total-35"]
    for row in total.itertuples():
        mine = regions[(regions["scenario"] == row.scenario) & (regions["year"] == row.year)]
        assert len(mine) == 8
        assert row.subsidy_rp_p50 == mine["subsidy_rp_p50"].sum()
        assert row.worker_rp_p50 == mine["worker_rp_p50"].sum() > 0
        assert pd.isna(row.subsidy_rp_p10) and pd.isna(row.worker_rp_p90)
    assert len(total) == len(SCENARIOS) * 3  # 2026 (2 months), 2027, 2028 (10 months)


def test_the_madiun_default_run_is_the_run_in_one_piece_byte_for_byte():
    params = select_regions(load_params(PARAMS, include_local=False), None)
    assert len(params.regions) == 6
    request = request_for(params, draws=30, months=12)
    direct = project_in_chunks(params, request)
    through = project_by_regions(params, request)
    assert through.table.to_csv(index=False) == direct.table.to_csv(index=False)
    assert through.budget.to_csv(index=False) == direct.budget.to_csv(index=False)
    assert "province" not in through.table.columns
    # its total is still a percentile of the summed draws, with its spread
    total = through.table[(through.table["region"] == "total")
                          & (through.table["metric"] == "active")]
    assert (total["p10"] < total["p90"]).iloc[-1]


def test_chunks_hold_a_few_hundred_megabytes_whatever_the_run(jatim):
    _, request, _, _, _, _ = jatim
    assert regions_per_chunk(replace(request, draws=1000, months=60)) == 12
    assert regions_per_chunk(replace(request, draws=1000, months=120)) == 6
    assert regions_per_chunk(replace(request, draws=10_000, months=120)) == 2
    assert regions_per_chunk(replace(request, draws=1, months=12)) == 64


def test_the_cell_guard_applies_to_a_chunk_of_a_large_run(jatim):
    from simulation.engine.regional import validate
    from simulation.errors import InputError

    _, request, _, _, _, _ = jatim
    national = replace(request, regions=request.regions * 64, draws=10_000, months=120)
    with pytest.raises(InputError):  # 512 regions at once would not fit
        national.validate()
    validate(national)  # in chunks of two regions, each does
    with pytest.raises(InputError, match="--months"):
        validate(replace(national, months=0))
