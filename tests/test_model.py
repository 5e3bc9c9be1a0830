"""The stock-flow engine on hand-computed cases, properties, and the loop reference."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import simple_inputs
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_model import run_loop

from simulation.engine.model import ModelInputs, run_model


def month_values(values: list[float]) -> np.ndarray:
    return np.array(values, dtype=float)[None, None, :]


def test_a_self_payer_who_stops_paying_stays_a_member_for_three_months():
    result = run_model(simple_inputs(lapse_rate=np.full((1, 1, 1), 0.1)))
    active, lapsed = result.active[0, 0], result.stocks["lapsed"][0, 0]
    # 10 stop in month 1, 9 in month 2, 8.1 in month 3: all still members
    assert active[1:4] == pytest.approx([100, 100, 100])
    assert lapsed[1:4] == pytest.approx([0, 0, 0])
    # month 4: the first 10 have more than 3 months unpaid and lapse
    assert lapsed[4] == pytest.approx(10)
    assert active[4] == pytest.approx(90)
    assert result.stocks["self_paying"][0, 0, 4] == pytest.approx(100 * 0.9**4)


def test_verified_listing_enrols_after_the_lag_up_to_the_quota():
    listed = month_values([1000] + [0] * 11)
    result = run_model(simple_inputs(listed=listed, verification_pass_rate=np.full((1, 1, 1), 0.47),
                                     verification_lag=np.array([2]),
                                     subsidy_quota=np.full((1, 1, 1), 400.0)))
    subsidised = result.stocks["subsidised"][0, 0]
    assert subsidised[1:3] == pytest.approx([0, 0])
    assert subsidised[3] == pytest.approx(400)  # 470 verified, 400 places
    assert subsidised[12] == pytest.approx(400)
    assert result.subsidy_spend[0, 0, 3] == pytest.approx(400 * 16800)


def test_budget_cap_binds_in_april_when_a_second_listing_arrives():
    # the cap is Rp 15,120,000 (75 worker-years); 60 enrol in January. In April 60 more are
    # verified: Jan-Mar spent 3 x 60 x 16,800 = 3,024,000, so the 12,096,000 left pays
    # 12,096,000 / (9 x 16,800) = 80 places to December, below the quota of 100
    listed = month_values([60, 0, 0, 60] + [0] * 8)
    result = run_model(simple_inputs(listed=listed, subsidy_quota=np.full((1, 1, 1), 100.0),
                                     budget_cap=np.full((1, 1, 1), 15_120_000.0)))
    subsidised = result.stocks["subsidised"][0, 0]
    assert subsidised[1:4] == pytest.approx([60, 60, 60])
    assert subsidised[4:13] == pytest.approx([80] * 9)
    assert result.cap_binds[0, 0, 1:4].tolist() == [False, False, False]
    assert result.cap_binds[0, 0, 4:13].all()
    assert result.subsidy_spend[0, 0, 1:].sum() == pytest.approx(15_120_000)  # all of it


@pytest.mark.parametrize("quota, enrolled, binds", [(1_100, 1_100, False),
                                                    (1_300, 201_600_000 / 159_600, True)])
def test_the_cap_binds_only_when_the_years_money_runs_out(quota, enrolled, binds):
    # Rp 201.6 juta a year; a relief halves the package from August, so the year costs
    # 7 x 16,800 + 5 x 8,400 = 159,600 a place: 1,100 places leave money unspent (no cap
    # flag); 1,300 do not fit and the cap pays 201,600,000 / 159,600 = 1,263 of them
    cost = month_values([16_800] * 7 + [8_400] * 5)
    remaining = np.cumsum(cost[:, :, ::-1], axis=2)[:, :, ::-1]
    result = run_model(simple_inputs(
        listed=month_values([2_000] + [0] * 11), subsidy_quota=np.full((1, 1, 1), quota),
        budget_cap=np.full((1, 1, 1), 201_600_000.0), subsidy_cost=cost,
        remaining_year_cost=remaining, initial_pool=np.array([[10_000.0]])))
    assert result.stocks["subsidised"][0, 0, 12] == pytest.approx(enrolled)
    assert result.cap_binds[0, 0, 1:13].any() == binds
    spent = result.subsidy_spend[0, 0, 1:13].sum()
    assert spent == pytest.approx(quota * 159_600 if not binds else 201_600_000)


@pytest.mark.parametrize("self_payers, crowded_out", [(100.0, 10.0), (10.0, 2.0)])
def test_crowd_out_takes_no_more_self_payers_than_their_share_of_the_listed(self_payers,
                                                                           crowded_out):
    # 200 verified in January with a crowd-out share of 5%: with 100 self-payers among
    # 1,000 people (10%) the list holds 200 x 5% = 10 of them; with 10 among 1,000 (1%),
    # only 200 x 1% = 2, not 10
    result = run_model(simple_inputs(
        initial_self_paying=np.array([[self_payers]]), listed=month_values([200] + [0] * 11),
        subsidy_quota=np.full((1, 1, 1), 1_000.0), crowd_out_share=np.full((1, 1, 1), 0.05)))
    assert result.flows["crowd_out"][0, 0, 1] == pytest.approx(crowded_out)
    assert result.flows["subsidy_enrolments"][0, 0, 1] == pytest.approx(200)


@pytest.mark.parametrize("weight, enrolments", [(0.0, 15.0), (0.5, 22.5), (1.0, 30.0)])
def test_subsidised_members_count_in_word_of_mouth_with_their_weight(weight, enrolments):
    # q (S + w G) / m x (m - S) / at-risk share: potential m = 0.4 x 1,000 = 400, S = 100
    # self-payers, G = 100 subsidised, 800 at risk with 300 of headroom:
    # 0.2 x (100 + 100 w) / 400 x 300/800 x 800 = 15 (1 + w)
    result = run_model(simple_inputs(
        initial_subsidised=np.array([[100.0]]), initial_pool=np.array([[1_000.0]]),
        subsidy_quota=np.full((1, 1, 1), 100.0), imitation=np.full((1, 1, 1), 0.2),
        subsidised_imitation_weight=np.full((1, 1, 1), weight), months=1))
    assert result.flows["bass_enrolments"][0, 0, 1] == pytest.approx(enrolments)


def test_members_who_join_during_a_relief_pay_their_first_two_months_in_full():
    # PP 49/2020: the package costs Rp 168 under the relief, Rp 16,800 in full; 100 join in
    # month 1: months 1 and 2 cost 100 x 16,800, month 3 on 100 x 168
    result = run_model(simple_inputs(
        listed=month_values([100] + [0] * 11), subsidy_quota=np.full((1, 1, 1), 100.0),
        subsidy_cost=np.full((1, 1, 1), 168.0), subsidy_full_cost=np.full((1, 1, 1), 16_800.0),
        new_member_full_months=np.full(12, 2)))
    assert result.subsidy_spend[0, 0, 1:5].tolist() == pytest.approx(
        [1_680_000, 1_680_000, 16_800, 16_800])


def test_the_year_budget_anticipates_a_cost_rise_later_in_the_year():
    # a cap of 100 worker-years at Rp 16,800, but from July the package costs Rp 33,600
    # (a relief ending, say): committing to December, January can afford
    # 20,160,000 / (6 x 16,800 + 6 x 33,600) = 66.67 places, and the year's spend is the cap
    cost = month_values([16_800] * 6 + [33_600] * 6)
    remaining = np.cumsum(cost[:, :, ::-1], axis=2)[:, :, ::-1]
    result = run_model(simple_inputs(
        listed=month_values([100] + [0] * 11), subsidy_quota=np.full((1, 1, 1), 100.0),
        budget_cap=np.full((1, 1, 1), 20_160_000.0), subsidy_cost=cost,
        remaining_year_cost=remaining))
    subsidised = result.stocks["subsidised"][0, 0]
    assert subsidised[1:13] == pytest.approx([20_160_000 / 302_400] * 12)
    assert result.cap_binds[0, 0, 1:13].all()
    assert result.subsidy_spend[0, 0, 1:].sum() == pytest.approx(20_160_000)


def test_when_the_subsidy_stops_a_quarter_keep_paying_and_the_rest_lapse_after_three_months():
    quota = month_values([100] * 6 + [0] * 6)
    result = run_model(simple_inputs(listed=month_values([100] + [0] * 11), subsidy_quota=quota,
                                     retention_after_subsidy=np.full((1, 1, 1), 0.25)))
    stocks = result.stocks
    assert stocks["subsidised"][0, 0, 6] == pytest.approx(100)
    assert stocks["subsidised"][0, 0, 7] == pytest.approx(0)
    assert stocks["self_paying"][0, 0, 7] == pytest.approx(125)
    assert result.active[0, 0, 9] == pytest.approx(200)  # 75 in arrears are still members
    assert stocks["lapsed"][0, 0, 10] == pytest.approx(75)
    assert result.active[0, 0, 10] == pytest.approx(125)


def test_outreach_reaches_one_minus_exp_of_contacts_per_pool_and_converts_some():
    result = run_model(simple_inputs(outreach_contacts=np.full((1, 1, 1), 1000.0),
                                     outreach_conversion=np.full((1, 1, 1), 0.04), months=1))
    reached_share = 1 - np.exp(-1.0)  # 1,000 contacts over a pool of 1,000
    assert result.flows["reached_new"][0, 0, 1] == pytest.approx(900 * reached_share)
    assert result.stocks["self_paying"][0, 0, 1] == pytest.approx(100 + 900 * reached_share
                                                                  * 0.04)


def test_bass_outside_influence_adds_p_times_the_remaining_potential():
    # m = 0.4 x 1,000 = 400, A = 100: new = p (m - A) = 0.01 x 300 = 3
    result = run_model(simple_inputs(outside_influence=np.full((1, 1, 1), 0.01), months=1))
    assert result.flows["bass_enrolments"][0, 0, 1] == pytest.approx(3)
    # imitation: q A / m (m - A) = 0.2 x 100/400 x 300 = 15
    result = run_model(simple_inputs(imitation=np.full((1, 1, 1), 0.2), months=1))
    assert result.flows["bass_enrolments"][0, 0, 1] == pytest.approx(15)


def test_more_starting_members_than_pool_is_refused():
    with pytest.raises(ValueError, match="exceed the starting pool"):
        run_model(simple_inputs(initial_self_paying=np.array([[2000.0]])))


def random_inputs(rng: np.random.Generator, draws: int, units: int, months: int,
                  stopping: bool = True) -> ModelInputs:
    """Random but plausible inputs; ``stopping=False`` keeps each programme on once started."""
    def rate(high: float, shape=(draws, units, 1)) -> np.ndarray:
        return rng.uniform(0, high, shape)

    pool = rng.uniform(1_000, 50_000, (draws, units))
    inputs = ModelInputs(
        initial_pool=pool, initial_self_paying=pool * rng.uniform(0, 0.1, (draws, units)),
        initial_subsidised=np.zeros((draws, units)), initial_arrears=np.zeros((draws, units)),
        pool_entry_rate=rate(0.01), pool_exit_rate=rate(0.01),
        outside_influence=rate(0.003), imitation=rate(0.05),
        potential_share=rng.uniform(0.2, 0.6, (draws, units, 1)),
        organic_reach_rate=rate(0.02), outreach_contacts=rate(3000, (1, units, months)),
        outreach_conversion=rate(0.06), lapse_rate=rate(0.1), reregistration_rate=rate(0.02),
        listed=rate(2000, (1, units, months)) * (rng.random((1, units, months)) < 0.2),
        verification_pass_rate=rate(1.0), verification_lag=rng.integers(0, 4, units),
        subsidy_quota=np.where(
            (rng.random((1, units, months)) < 0.8) if stopping
            else (np.arange(months) >= rng.integers(0, months, (1, units, 1))),
            rng.uniform(0, 0.3, (1, units, 1)) * pool.min(axis=0)[None, :, None], 0.0),
        crowd_out_share=rate(0.2), retention_after_subsidy=rate(1.0),
        subsidy_cost=np.full((1, 1, months), 16800.0),
        remaining_year_cost=16800.0 * (12 - np.arange(months) % 12)[None, None, :],
        budget_cap=np.where(rng.random((1, units, 1)) < 0.5, np.inf,
                            rng.uniform(1e7, 1e9, (1, units, 1))),
        year_starts=np.arange(months) % 12 == 0,
        subsidised_imitation_weight=rate(1.0),
    )
    return ModelInputs(**{**inputs.__dict__, "next_year_cap": inputs.budget_cap,
                          "next_year_cost": np.full((1, 1, 1), 12 * 16800.0)})


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_stocks_sum_to_the_pool_and_never_go_negative(seed):
    rng = np.random.default_rng(seed)
    inputs = random_inputs(rng, draws=3, units=4, months=36)
    result = run_model(inputs)
    growth = np.broadcast_to(1 - inputs.pool_exit_rate + inputs.pool_entry_rate, (3, 4, 36))
    expected_pool = inputs.initial_pool[:, :, None] * np.cumprod(
        np.concatenate([np.ones((3, 4, 1)), growth], axis=2), axis=2)
    total = sum(result.stocks.values())
    assert np.allclose(total, expected_pool, rtol=1e-9)
    for name, stock in result.stocks.items():
        assert stock.min() > -1e-6, name


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(1.0, 3.0))
def test_more_quota_never_means_fewer_active(seed, factor):
    """For programmes that keep running once started (a programme that stops sends its
    members into arrears and lapse, which is a different question) and quotas up to 30% of
    the pool (with a quota near the whole pool, enrolling verified self-payers can leave a
    fraction of a person fewer active: an edge the model does not cover), and subsidised
    members who talk as much as self-payers (with a lower weight, moving a self-payer onto
    the subsidy quietens them: fewer can join by word of mouth)."""
    rng = np.random.default_rng(seed)
    inputs = random_inputs(rng, draws=2, units=3, months=36, stopping=False)
    inputs = ModelInputs(**{**inputs.__dict__, "subsidised_imitation_weight": np.ones((1, 1, 1))})
    more = ModelInputs(**{**inputs.__dict__, "subsidy_quota": inputs.subsidy_quota * factor})
    assert np.all(run_model(more).active >= run_model(inputs).active - 1e-6)


def test_vectorised_engine_matches_the_plain_loop():
    inputs = random_inputs(np.random.default_rng(7), draws=3, units=4, months=30)
    vectorised = run_model(inputs)
    loop = run_loop(inputs)
    assert np.allclose(vectorised.active, loop["active"], rtol=1e-10)
    assert np.allclose(vectorised.stocks["subsidised"], loop["subsidised"], rtol=1e-10)
    assert np.allclose(vectorised.stocks["lapsed"], loop["lapsed"], rtol=1e-10)
    assert np.allclose(vectorised.subsidy_spend, loop["spend"], rtol=1e-10)
