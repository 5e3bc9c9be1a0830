"""The baseline is the policy in force: Kota Madiun's schemes as they ran, the law by payer,
and the model checked against what is known."""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulation.engine.inputs import ProjectionRequest, build_inputs
from simulation.engine.money import package_cost_grid
from simulation.engine.projection import run_scenarios
from simulation.months import parse_month
from simulation.params import DatedEntry, ValueRange, apply_scenario
from simulation.reporting.content.settings import settings_from


def test_kota_madiuns_scheme_runs_in_the_baseline_as_published(params):
    quota = params.parameter("subsidy_quota")
    assert quota.central("35.77", parse_month("2020-08")) == 0
    assert quota.central("35.77", parse_month("2020-09")) == 4500  # launched 9 Sep 2020
    assert quota.central("35.77", parse_month("2025-06")) == 9582  # published for 2025
    assert quota.central("35.77", parse_month("2030-01")) == 9582  # it runs on
    assert quota.at("35.77", parse_month("2026-10")).low == 8591  # our 2026 range
    assert quota.central("35.01", parse_month("2026-10")) == 0  # Pacitan: agency lists only
    [bpu] = [s for s in params.schemes if s.group == "bpu" and not s.by_agency_list]
    assert (bpu.payer, bpu.package, bpu.region_code) == ("apbd_kabkota", "bpu_jkk_jkm", "35.77")
    assert "dtks" in bpu.eligibility and bpu.year(2020).start == parse_month("2020-09")


def test_the_wage_earner_package_starts_with_its_launch_in_october_2023(params):
    # listing from July 2023, launched on 2 October 2023 (Antara Jatim 735801)
    [pu] = [s for s in params.schemes if s.name == "kota-madiun-pu"]
    assert pu.members_at(parse_month("2023-09")) == 0
    assert pu.members_at(parse_month("2023-10")) == 7500
    assert pu.members_at(parse_month("2025-06")) == 7902


def test_a_2026_apbd_package_costs_the_full_amount_and_a_self_payer_gets_the_discount(params):
    # PP 50/2025 leaves out BPU paid from an APBD: Kota Madiun pays Rp 16,800 in 2026,
    # a worker paying herself Rp 8,400 from April
    request = ProjectionRequest(("baseline",), (params.region("kota-madiun"),),
                                parse_month("2026-01"), 12)
    inputs, _ = build_inputs(params, request)
    assert inputs.subsidy_cost[0, 0].tolist() == [16_800] * 12
    months = range(parse_month("2026-01"), parse_month("2026-12") + 1)
    worker = package_cost_grid(params, ["35.77"], months, payer="worker")[0]
    assert worker.tolist() == [16_800] * 3 + [8_400] * 9


def test_the_jkk_death_benefit_is_48_months_of_income_plus_funeral_and_periodic(params):
    request = ProjectionRequest(("baseline",), (params.region("ngawi"),),
                                parse_month("2027-01"), 1)
    _, money = build_inputs(params, request)
    # max(48 x Rp 1 juta, JKM's Rp 20 juta) + Rp 10 juta funeral + Rp 12 juta periodic
    assert money["fatal_accident_benefit"].ravel()[0] == 48_000_000 + 10_000_000 + 12_000_000


def test_the_death_rate_follows_the_published_claims(params):
    rate = params.parameter("death_rate").at("35.77", parse_month("2027-01"))
    # about 80 claims in 23 months on 4,500 members (0.93%/yr); 43 in 8 months on 15,000
    # (0.43%/yr)
    assert rate.low == pytest.approx(0.004) and rate.high == pytest.approx(0.009)
    assert pytest.approx(0.0093, abs=1e-4) == 80 / 4_500 * 12 / 23


def test_a_year_after_a_subsidy_ends_about_14_percent_of_those_it_covered_are_covered(params):
    # Banerjee et al. (2021): coverage fell from over 8x to about 2x the control group, so
    # (2 - 1) / (8 - 1) = 14% of the extra coverage stayed; spillovers reached both arms, so
    # the check follows the subsidised people alone (word of mouth switched off)
    def fixed(p, name, value):
        parameter = p.parameter(name)
        entry = DatedEntry(parameter.entries[0].month, {"default": ValueRange(value, value,
                                                                              value)})
        return replace(p, parameters={**p.parameters, name: replace(parameter,
                                                                    entries=(entry,))})

    quiet = params
    for name in ("imitation_q", "outside_influence_p", "reregistration_rate"):
        quiet = fixed(quiet, name, 0.0)
    request = ProjectionRequest(("baseline", "bantuan-sementara"), (params.region("pacitan"),),
                                parse_month("2026-11"), 40)
    extra = run_scenarios(quiet, request)["bantuan-sementara"].per_draw["additional_active"]
    end = parse_month("2028-12") - (request.start - 1)
    kept = extra[0, 0, end + 12] / extra[0, 0, end]
    assert 0.10 <= kept <= 0.18, kept


def test_crowd_out_at_kota_madiuns_launch_is_bounded_by_the_self_payers_share(params):
    # 2020: 3,760 verified from a pool of 36,000 with about 210 self-payers: at most about
    # 210 / 36,000 = 0.6% of the list, some 22 people, not 5% (188)
    request = ProjectionRequest(("baseline",), (params.region("kota-madiun"),),
                                parse_month("2020-01"), 12)
    flows = run_scenarios(params, request)["baseline"].result.flows
    moved = flows["crowd_out"][0, 0].sum()
    assert 0 < moved < 40


@pytest.mark.parametrize("month, year", [("2026-06", 2026), ("2026-07", 2027),
                                         ("2026-10", 2027), ("2026-12", 2027),
                                         ("2027-01", 2027)])
def test_from_july_a_report_speaks_of_the_next_apbd_year(params, month, year):
    settings = settings_from(params, month, "baseline", 12, 1, 1, "id")
    assert settings.apbd_year == year


def test_the_counterfactual_shows_what_the_schemes_achieved(params):
    request = ProjectionRequest(("baseline", "tanpa-skema-daerah"),
                                (params.region("kota-madiun"),), parse_month("2020-01"), 82)
    runs = run_scenarios(params, request)
    now = parse_month("2026-10") - (request.start - 1)
    with_schemes = runs["baseline"].per_draw["active_subsidised"][0, 0, now]
    without = runs["tanpa-skema-daerah"].per_draw
    assert with_schemes > 8_000
    assert without["active_subsidised"][0, 0, now] == 0
    assert without["wage_earner_members"][0, 0, now] == 0
    assert apply_scenario(params, "tanpa-skema-daerah").schemes == ()
