"""From a scenario-applied ParamSet and a request to the model's numeric inputs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month, year_of
from ..params import BASELINE, ParamSet, Region
from ..params.schemes import DEFAULT_PAYER, terms_grid
from .model import ModelInputs
from .money import (
    SUBSIDY_PACKAGE,
    new_member_full_months,
    package_cost_grid,
    subsidy_cost_grid,
)
from .sampling import Sampler
from .schemes import scheme_arrays, wage_earner_arrays
from .steps import unit_sums

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
    # replay the policy in force from the first sourced state to the month before the start,
    # for the stocks the data do not count (False: the data's counts alone, nobody reached
    # or lapsed yet - a clean world for a worked example)
    from_history: bool = True
    # the draws [first, stop) of the run's streams this request runs (None: all of them); a
    # run in chunks of draws gives every draw the numbers it has in a run in one piece
    draw_window: tuple[int, int] | None = None

    @property
    def window(self) -> slice | None:
        return None if self.draw_window is None else slice(*self.draw_window)

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


@dataclass(frozen=True)
class ReplayedState:
    """The end of a replay of history (the policy in force up to the month before a
    projection): every stock per draw, so a projection starts where the flows had taken
    them, not from a state with nobody lapsed or reached (which dips and recovers)."""

    replay_start: int  # the first replayed month: data dated before it say nothing newer
    pool: np.ndarray  # (D, U)
    self_paying: np.ndarray
    subsidised: np.ndarray
    reached: np.ndarray
    waiting: np.ndarray
    lapsed: np.ndarray
    scheme_members: np.ndarray  # (D, S) agency-list schemes, in the order of scheme_arrays
    arrears_ages: tuple  # 3 x (D, U) unpaid 1, 2, 3 months
    left_ages: tuple  # 3 x (D, U) of them, last period's members of an agency list
    former: np.ndarray  # (D, U) self-payers who left an agency list and kept paying

    @property
    def arrears(self) -> np.ndarray:
        return sum(self.arrears_ages)


def _counted_just_before(params: ParamSet, name: str, codes: tuple[str, ...], month: int
                         ) -> np.ndarray | None:
    """(U,) what the monthly actuals count in ``month`` itself (NaN where they are silent
    then), or None where they count nothing."""
    parameter = params.parameter(name)
    found = [parameter.entry_at(code, month) for code in codes]
    values = np.array([f[1].central if f is not None and f[0].month == month
                       and f[0].origin == "actuals" else np.nan for f in found], dtype=float)
    return None if np.isnan(values).all() else values


def _observed_since(params: ParamSet, name: str, codes: tuple[str, ...], month: int,
                    since: int) -> np.ndarray:
    """(U,) True where a parameter's value in force at ``month`` was set at or after
    ``since`` (data newer than what a replay from ``since`` started from)."""
    parameter = params.parameter(name)
    return np.array([(found := parameter.entry_at(code, month)) is not None
                     and found[0].month >= since for code in codes])


def build_inputs(params: ParamSet, request: ProjectionRequest,
                 replayed: ReplayedState | None = None) -> tuple[ModelInputs, dict]:
    """Model inputs for one scenario-applied ParamSet, plus money grids for reporting.

    The starting state is the end of the month before ``request.start``: the data's counts
    where the data say something, and, where a replay of history is given, every stock the
    data do not count (the reached, the lapsed, those waiting) from that replay."""
    codes = tuple(r.code for r in request.regions)
    months = tuple(range(request.start, request.start + request.months))
    sampler = Sampler(params, codes, months, request.draws, request.seed, request.window)
    per_month = 1.0 / 12.0

    turnover = sampler.grid("pool_turnover_rate") * per_month
    growth = sampler.grid("pool_growth_rate") * per_month
    before = request.start - 1  # the starting state is the end of the month before
    listed_before = _counted_just_before(params, "agency_list_bpu", codes, before)
    agency = scheme_arrays(params, codes, months, request.draws, request.seed,
                           observed=listed_before, window=request.window)
    wage_earner_schemes = wage_earner_arrays(params, codes, months, request.draws,
                                             request.seed, request.window)
    start = _starting_state(params, sampler, agency, listed_before, codes, before, replayed)

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

    inputs = ModelInputs(
        initial_pool=start["pool"],
        initial_self_paying=start["self_paying"],
        initial_subsidised=start["subsidised"],
        initial_arrears=start["arrears"],
        initial_reached=start.get("reached"),
        initial_waiting=start.get("waiting"),
        initial_lapsed=start.get("lapsed"),
        initial_arrears_ages=start.get("arrears_ages"),
        initial_left_ages=start.get("left_ages"),
        initial_former=start.get("former"),
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
        verified_pending=_pending_verified(params, sampler, codes, request.start),
        scheme_unit=agency.unit,
        scheme_relists=np.array([scheme.relists for scheme in agency.schemes], bool),
        scheme_target=agency.members[:, :, 1:],
        initial_scheme_members=start["scheme_members"],
    )
    # self-payers pay their own JKK + JKM (with the reliefs a worker of their sector gets:
    # transport workers have their own months) and some add JHT
    own = package_cost_grid(params, list(codes), projected, SUBSIDY_PACKAGE, payer="worker")
    own_transport = package_cost_grid(params, list(codes), projected, SUBSIDY_PACKAGE,
                                      payer="worker", sector="transport")
    transport = sampler.grid("self_payer_transport_share")
    own = (1.0 - transport) * own[None] + transport * own_transport[None]
    jht = package_cost_grid(params, list(codes), projected, ("jht",))
    death_lump_sum = sampler.grid("jkm_death_lump_sum_rp")
    money = {
        "months": (before, *months),  # the month of each slot of a result
        "package": package[None],
        "self_payer_contribution": own + sampler.grid("self_payer_jht_share") * jht[None],
        # wage earners a scenario pays for (the lever) and those of the schemes in force
        "wage_earner_members": sampler.grid("wage_earner_quota"),
        "wage_earner_members_start": sampler.start_value("wage_earner_quota", before),
        "wage_earner_package": sampler.grid("pu_package_rp"),
        "wage_earner_schemes": wage_earner_schemes,
        "agency_schemes": agency,
        "outreach_cost_per_contact": sampler.grid("outreach_cost_per_contact_rp"),
        "outreach_contacts": contacts,
        "death_rate": sampler.grid("death_rate") * per_month,
        "jkm_benefit": sampler.grid("jkm_benefit_rp"),
        # children's scholarships (PP 82/2019), counted in full when the member dies
        "scholarship_per_death": (sampler.grid("scholarship_children_per_death")
                                  * np.minimum(sampler.grid("scholarship_per_child_rp"),
                                               sampler.grid("scholarship_max_per_child_rp"))),
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
        # who pays the lurah-list subsidy, per region and month: the scenario's terms, the
        # scheme's payer, or the local government; the wage-earner lever: the government
        "payer_bpu": _payers(params, codes, projected),
        "payer_pu": np.full((len(codes), len(projected)), DEFAULT_PAYER, dtype=object),
    }
    return inputs, money


def _payers(params: ParamSet, codes: tuple[str, ...], months: range) -> np.ndarray:
    """(units, months) who pays the lurah-list subsidy."""
    terms = terms_grid(params.schemes, codes, months, params.terms)
    return np.array([[payer for payer, _ in row] for row in terms], dtype=object)


def _starting_state(params: ParamSet, sampler: Sampler, agency, listed_before, codes: tuple[
        str, ...], before: int, replayed: ReplayedState | None) -> dict[str, np.ndarray]:
    """Every stock at the end of month ``before``. The data give each region's self-payers
    (active less those a scheme pays) and the lurah-list members; agency-list schemes pay
    for their members then (the files, or the replay). Without a replay, starting members
    are taken to be in steady state: with a stop rate s, a share 3s/(1+3s) are 1-3 months in
    arrears. With one, its stocks are kept and its self-payers, arrears and lapsed scaled to
    the data's self-payers where the data are newer than the replay's start."""
    pool = sampler.start_value("informal_workers", before)
    self_paying = sampler.start_value("active_bpu", before)
    subsidised = sampler.start_value("subsidised_bpu", before)
    members = agency.members[:, :, 0]
    if replayed is None:
        stop = sampler.grid("self_payer_lapse_rate", (before,))[:, :, 0]
        arrears = self_paying * 3 * stop / (1 + 3 * stop)
        state = {"pool": pool, "self_paying": self_paying - arrears, "arrears": arrears,
                 "subsidised": subsidised, "scheme_members": members}
    else:
        newer = _observed_since(params, "active_bpu", codes, before, replayed.replay_start)
        paid_newer = _observed_since(params, "subsidised_bpu", codes, before,
                                     replayed.replay_start)
        replay_active = replayed.self_paying + replayed.arrears
        scale = np.where(newer & (replay_active > 0),
                         self_paying / np.maximum(replay_active, 1e-9), 1.0)
        # the agency lists' members: as the data count them where they do (scheme_arrays
        # scaled them), else the replay's
        listed_now = (~np.isnan(listed_before))[agency.unit] if listed_before is not None \
            else np.zeros(len(agency.unit), dtype=bool)
        state = {"pool": replayed.pool, "self_paying": replayed.self_paying * scale,
                 "arrears": replayed.arrears * scale, "lapsed": replayed.lapsed * scale,
                 "arrears_ages": tuple(age * scale for age in replayed.arrears_ages),
                 "left_ages": tuple(age * scale for age in replayed.left_ages),
                 "former": replayed.former * scale,
                 "subsidised": np.where(paid_newer, subsidised, replayed.subsidised),
                 "reached": replayed.reached, "waiting": replayed.waiting,
                 "scheme_members": np.where(listed_now[None, :], members,
                                            replayed.scheme_members)}
        no_replay_members = newer & (replay_active <= 0)  # the data see members, history none
        if no_replay_members.any():
            state["self_paying"] = np.where(no_replay_members, self_paying,
                                            state["self_paying"])
    listed = unit_sums(state["scheme_members"], agency.unit, len(codes))  # per unit
    if replayed is not None:
        state = _fit_in_pool(state, listed)
    counted = (state["self_paying"] + state["arrears"] + state["subsidised"] + listed
               + state.get("reached", 0.0) + state.get("waiting", 0.0)
               + state.get("lapsed", 0.0))
    too_many = np.broadcast_to(counted > state["pool"] + 1e-6,
                               np.broadcast_shapes(np.shape(counted), np.shape(state["pool"])))
    if too_many.any():
        unit = int(np.argwhere(too_many)[0][1])
        raise InputError(Problem(
            "params", "active_bpu", codes[unit],
            f"starting members in {format_month(before)} no more than the informal-worker "
            "pool (informal_workers); the members of its schemes and the self-payers of the "
            "data together exceed it"))
    return state


def _fit_in_pool(state: dict, listed: np.ndarray) -> dict:
    """Where the data's members and the replay's reached and lapsed exceed the pool, the
    reached and lapsed give way first (they are the replay's, the members are counted).
    ``listed``: (D, U) the agency lists' members."""
    counted = state["self_paying"] + state["arrears"] + state["subsidised"] + listed
    soft = state["reached"] + state["waiting"] + state["lapsed"]
    room = np.maximum(state["pool"] - counted, 0.0)
    keep = np.where(soft > room, room / np.maximum(soft, 1e-9), 1.0)
    return {**state, **{name: state[name] * keep for name in ("reached", "waiting", "lapsed")}}


def _pending_verified(params: ParamSet, sampler: Sampler, codes: tuple[str, ...],
                      start: int) -> np.ndarray | None:
    """(D|1, U, months) workers listed before ``start`` who are verified in a projected
    month (their listing month plus the lag): a projection from a later month carries
    them, never drops them. None when nobody was listed in those months."""
    lag = params.parameter("subsidy_lag_months").grid(codes, (start,))[1][:, 0].astype(int)
    longest = int(lag.max()) if len(lag) else 0
    if longest <= 0:
        return None
    earlier = tuple(range(start - longest, start))
    listed = sampler.grid("subsidy_listed_per_month", earlier)
    rate = sampler.grid("verification_pass_rate", earlier)
    product = listed * rate  # (D|1, U, months or 1 where the same every month)
    verified = np.broadcast_to(product, (product.shape[0], len(codes), longest))
    if not verified.any():
        return None
    pending = np.zeros((verified.shape[0], len(codes), len(sampler.months)))
    for k, month in enumerate(earlier):
        arrival = month + lag - start  # (U,) index of the projected month it arrives in
        for unit in np.flatnonzero((arrival >= 0) & (arrival < len(sampler.months))):
            pending[:, unit, arrival[unit]] += verified[:, unit, k]
    return pending if pending.any() else None


def _remaining_year_cost(cost: np.ndarray, first: int) -> np.ndarray:
    """Rupiah per worker from each month through December of its year (for the budget cap),
    from a (units, months) cost grid that starts at ``first`` and runs to a December."""
    remaining = np.zeros_like(cost)
    for j in range(cost.shape[1] - 1, -1, -1):
        month = first + j
        carry = remaining[:, j + 1] if j + 1 < cost.shape[1] and (month + 1) % 12 != 0 else 0.0
        remaining[:, j] = cost[:, j] + carry
    return remaining
