"""From a scenario-applied ParamSet and a request to the model's numeric inputs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import defaults
from ..errors import InputError, Problem
from ..months import year_of
from ..params import BASELINE, ParamSet, Region
from ..params.schemes import BPU, PU, terms_grid
from .model import ModelInputs
from .money import (
    SUBSIDY_PACKAGE,
    new_member_full_months,
    package_cost_grid,
    subsidy_cost_grid,
)
from .sampling import Sampler

MAX_CELLS = 2_000_000_000  # draws x units x months x metrics guard against a typo like --draws 1e9


@dataclass(frozen=True)
class ProjectionRequest:
    scenarios: tuple[str, ...]
    regions: tuple[Region, ...]
    start: int
    months: int
    draws: int = 1
    seed: int = defaults.SEED
    against: str = BASELINE  # the scenario that "additional" and "cost per additional" compare to

    def validate(self) -> None:
        problems = []
        if not 1 <= self.months <= defaults.MAX_MONTHS:
            problems.append(Problem("--months", "", self.months,
                                    f"a number of months, 1 to {defaults.MAX_MONTHS}"))
        if not 1 <= self.draws <= defaults.MAX_DRAWS:
            problems.append(Problem("--draws", "", self.draws,
                                    f"1 to {defaults.MAX_DRAWS:,} draws"))
        if self.seed < 0:
            problems.append(Problem("--seed", "", self.seed, "a seed of 0 or more"))
        cells_per_draw = (len(self.regions) + 1) * (self.months + 1) * 24
        if self.draws * cells_per_draw > MAX_CELLS:
            problems.append(Problem("--draws", "", self.draws,
                                    "fewer draws for this many regions and months "
                                    f"(at most {MAX_CELLS // cells_per_draw:,})"))
        if problems:
            raise InputError(problems)


def build_inputs(params: ParamSet, request: ProjectionRequest) -> tuple[ModelInputs, dict]:
    """Model inputs for one scenario-applied ParamSet, plus money grids for reporting."""
    codes = tuple(r.code for r in request.regions)
    months = tuple(range(request.start, request.start + request.months))
    sampler = Sampler(params, codes, months, request.draws, request.seed)
    per_month = 1.0 / 12.0

    turnover = sampler.grid("pool_turnover_rate") * per_month
    growth = sampler.grid("pool_growth_rate") * per_month
    before = request.start - 1  # the starting state is the end of the month before
    pool0 = sampler.start_value("informal_workers", before)
    active0 = sampler.start_value("active_bpu", before)
    subsidised0 = sampler.start_value("subsidised_bpu", before)
    too_many = np.broadcast_to(active0 + subsidised0 > pool0, np.broadcast_shapes(
        active0.shape, subsidised0.shape, pool0.shape))
    if too_many.any():
        unit = int(np.argwhere(too_many)[0][1])
        raise InputError(Problem("params", "active_bpu", codes[unit],
                                 "starting members no more than the informal-worker pool"))

    # the package is priced once, from the first month through December of the last year,
    # for the payer of each region's scheme (a relief may leave that payer out)
    through_december = range(months[0], (year_of(months[-1]) + 1) * 12)
    to_december = subsidy_cost_grid(params, list(codes), through_december)
    package = to_december[:, : len(months)]
    remaining = _remaining_year_cost(to_december, months[0])[:, : len(months)]
    projected = range(months[0], months[-1] + 1)
    # the regular rate, priced once through next January: the projected months (a new
    # member's first months) and each month's next January (a full year's cost then)
    januaries = tuple((year_of(m) + 1) * 12 for m in months)
    regular = subsidy_cost_grid(params, list(codes), range(months[0], januaries[-1] + 1),
                                relief=False)
    full_rate = regular[:, : len(months)]
    next_cost = 12.0 * regular[:, [j - months[0] for j in januaries]]
    next_cap = sampler.grid("subsidy_budget_cap_rp", januaries)
    contacts = sampler.grid("outreach_contacts_per_month")
    budget_cap = sampler.grid("subsidy_budget_cap_rp")
    lapse = sampler.grid("self_payer_lapse_rate")
    lag = sampler.grid("subsidy_lag_months")
    if lag.shape[0] > 1 or lag.shape[2] > 1:
        raise InputError(Problem("params", "subsidy_lag_months", "varies by draw or month",
                                 "one whole number of months per region"))

    # starting members are taken to be in steady state: with a stop rate s, a share 3s/(1+3s)
    # of them are 1-3 months in arrears (so a projection has no start-up transient)
    stop0 = sampler.grid("self_payer_lapse_rate", (before,))[:, :, 0]
    arrears0 = active0 * 3 * stop0 / (1 + 3 * stop0)
    inputs = ModelInputs(
        initial_pool=pool0,
        initial_self_paying=active0 - arrears0,
        initial_subsidised=subsidised0,
        initial_arrears=arrears0,
        pool_entry_rate=np.maximum(turnover + growth, 0.0),
        pool_exit_rate=turnover + np.maximum(-growth, 0.0),
        outside_influence=sampler.grid("outside_influence_p") * per_month,
        imitation=sampler.grid("imitation_q") * per_month,
        potential_share=sampler.grid("potential_share"),
        organic_reach_rate=sampler.grid("organic_reach_rate"),
        outreach_contacts=contacts,
        outreach_conversion=sampler.grid("outreach_conversion"),
        lapse_rate=lapse,
        reregistration_rate=sampler.grid("reregistration_rate"),
        listed=sampler.grid("subsidy_listed_per_month"),
        verification_pass_rate=sampler.grid("verification_pass_rate"),
        verification_lag=lag[0, :, 0].astype(int),
        subsidy_quota=sampler.grid("subsidy_quota"),
        crowd_out_share=sampler.grid("crowd_out_share"),
        retention_after_subsidy=sampler.grid("retention_after_subsidy"),
        subsidy_cost=package[None],
        remaining_year_cost=remaining[None],
        budget_cap=budget_cap,
        year_starts=np.array([m % 12 == 0 for m in months]),
        subsidised_imitation_weight=sampler.grid("subsidised_imitation_weight"),
        subsidy_full_cost=full_rate[None],
        new_member_full_months=new_member_full_months(params, projected),
        next_year_cap=next_cap,
        next_year_cost=next_cost[None],
    )
    # self-payers pay their own JKK + JKM (with the reliefs a worker gets) and some add JHT
    own = package_cost_grid(params, list(codes), projected, SUBSIDY_PACKAGE, payer="worker")
    jht = package_cost_grid(params, list(codes), projected, ("jht",))
    death_lump_sum = sampler.grid("jkm_death_lump_sum_rp")
    money = {
        "package": package[None],
        "self_payer_contribution": own[None] + sampler.grid("self_payer_jht_share") * jht[None],
        "wage_earner_members": sampler.grid("wage_earner_quota"),
        "wage_earner_members_start": sampler.start_value("wage_earner_quota", before),
        "wage_earner_package": sampler.grid("pu_package_rp"),
        "outreach_cost_per_contact": sampler.grid("outreach_cost_per_contact_rp"),
        "outreach_contacts": contacts,
        "death_rate": sampler.grid("death_rate") * per_month,
        "jkm_benefit": sampler.grid("jkm_benefit_rp"),
        "accident_rate": sampler.grid("work_accident_rate") * per_month,
        "accident_cost": sampler.grid("work_accident_care_cost_rp"),
        "fatal_accident_rate": sampler.grid("fatal_work_accident_rate") * per_month,
        # JKK death: 48 x declared income, never less than JKM's death lump sum, plus the
        # funeral and the periodic benefit (PP 44/2015 as amended by PP 82/2019)
        "fatal_accident_benefit": (np.maximum(sampler.grid("jkk_death_income_multiple")
                                              * sampler.grid("lowest_declared_income_rp"),
                                              death_lump_sum)
                                   + sampler.grid("jkk_death_funeral_rp")
                                   + sampler.grid("jkk_death_periodic_rp")),
        "budget_cap": budget_cap,
        # who pays, per region and month: the scheme's payer, or the local government
        "payer_bpu": _payers(params, codes, projected, BPU),
        "payer_pu": _payers(params, codes, projected, PU),
    }
    return inputs, money


def _payers(params: ParamSet, codes: tuple[str, ...], months: range, group: str) -> np.ndarray:
    """(units, months) who pays a group's subsidy: the scheme's payer, or the default."""
    terms = terms_grid(params.schemes, codes, months, group, params.terms)
    return np.array([[payer for payer, _ in row] for row in terms], dtype=object)


def _remaining_year_cost(cost: np.ndarray, first: int) -> np.ndarray:
    """Rupiah per worker from each month through December of its year (for the budget cap),
    from a (units, months) cost grid that starts at ``first`` and runs to a December."""
    remaining = np.zeros_like(cost)
    for j in range(cost.shape[1] - 1, -1, -1):
        month = first + j
        carry = remaining[:, j + 1] if j + 1 < cost.shape[1] and (month + 1) % 12 != 0 else 0.0
        remaining[:, j] = cost[:, j] + carry
    return remaining
