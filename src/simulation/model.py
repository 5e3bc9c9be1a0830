"""The monthly stock-flow model of BPU enrolment, vectorised over (draws, units, months).

The model knows no files, no regions and no language: it takes numeric arrays and returns
numeric arrays. Every input is broadcastable to ``(draws, units, months)``; a size-1 axis
means "the same for all". Month ``t`` of the inputs drives the step from the end of
projected month ``t-1`` to the end of month ``t``; outputs have ``months + 1`` slots, slot 0
holding the starting state.

Stocks (their sum is the eligible pool in every month and draw):

* ``unreached``   not reached by outreach
* ``reached``     reached, not enrolled
* ``waiting``     verified for the subsidy and waiting for a place (not enrolled; they
                  wait for the free option rather than join on their own)
* ``self_paying`` active and paying their own contributions
* ``arrears``     active but unpaid for 1-3 months (still members: BPJS TK ends membership
                  after more than 3 months unpaid)
* ``subsidised``  active with contributions paid by the local government (APBD)
* ``lapsed``      membership ended; may re-register

One month, in order: pool turnover and growth; arrears ageing and the end of membership;
self-payers stopping; re-registration; outreach reach and conversion; Bass diffusion
(imitation driven by all active members, the potential used up by self-payers only); the
subsidy pipeline (verified listings arrive after a lag and move people into ``waiting``;
they enrol up to the quota, the budget still uncommitted in the APBD year and the places
a full year's budget sustains; a share of the verified are self-payers already
(crowd-out); when the subsidy stops or shrinks a share keep paying themselves and the
rest fall into arrears and lapse).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

STOCKS = ("unreached", "reached", "waiting", "self_paying", "arrears", "subsidised", "lapsed")
FLOWS = ("listed", "verified", "new_enrolments", "reached_new",
         "outreach_enrolments", "bass_enrolments",
         "reregistrations", "lapses", "subsidy_enrolments", "crowd_out", "subsidy_exits",
         "subsidy_retained")
_EPS = 1e-12


@dataclass(frozen=True)
class ModelInputs:
    """Numeric inputs; each array broadcasts to (draws, units) or (draws, units, months).

    Rates are monthly. Money is Rupiah.
    """

    initial_pool: np.ndarray  # (D, U) eligible informal workers at the start
    initial_self_paying: np.ndarray  # (D, U) active self-paying members at the start
    initial_subsidised: np.ndarray  # (D, U)
    initial_arrears: np.ndarray  # (D, U) members 1-3 months unpaid, split evenly over months
    pool_entry_rate: np.ndarray  # share of the pool entering (replacement + growth)
    pool_exit_rate: np.ndarray  # share of every stock leaving informal work
    outside_influence: np.ndarray  # Bass p, monthly
    imitation: np.ndarray  # Bass q, monthly
    potential_share: np.ndarray  # Bass m as a share of the pool
    organic_reach_rate: np.ndarray  # share of the unreached reached without a campaign
    outreach_contacts: np.ndarray  # campaign contacts in the month
    outreach_conversion: np.ndarray  # share of campaign-reached people who enrol at once
    lapse_rate: np.ndarray  # share of self-payers who stop paying
    reregistration_rate: np.ndarray  # share of the lapsed who re-register
    listed: np.ndarray  # people put on the subsidy list (daftar awal) in the month
    verification_pass_rate: np.ndarray
    verification_lag: np.ndarray  # (U,) whole months from listing to enrolment
    subsidy_quota: np.ndarray  # most people subsidised at once; 0 = no programme
    crowd_out_share: np.ndarray  # share of subsidy enrolments taken from self-payers
    retention_after_subsidy: np.ndarray  # share who keep paying when their subsidy stops
    subsidy_cost: np.ndarray  # Rupiah per subsidised worker in the month
    remaining_year_cost: np.ndarray  # Rupiah per worker from this month to December
    full_year_cost: np.ndarray  # Rupiah per worker for 12 months at the regular (no-relief) rate
    budget_cap: np.ndarray  # Rupiah per APBD year; np.inf = no cap
    year_starts: np.ndarray  # (months,) True where the month is January

    @property
    def shape(self) -> tuple[int, int, int]:
        draws = max(np.shape(getattr(self, f.name))[0] for f in fields(self)
                    if np.ndim(getattr(self, f.name)) >= 2)
        units = max(np.shape(getattr(self, f.name))[1] for f in fields(self)
                    if np.ndim(getattr(self, f.name)) >= 2)
        return draws, units, int(np.shape(self.year_starts)[0])


@dataclass(frozen=True)
class ModelResult:
    """Arrays of shape (draws, units, months + 1); slot 0 is the starting state."""

    stocks: dict[str, np.ndarray]
    flows: dict[str, np.ndarray]
    subsidy_spend: np.ndarray  # Rupiah paid by the local government in the month
    cap_binds: np.ndarray  # True where the APBD budget, not the quota or the list, limited
    pool: np.ndarray

    @property
    def active(self) -> np.ndarray:
        return self.stocks["self_paying"] + self.stocks["arrears"] + self.stocks["subsidised"]


def _month_major(array: np.ndarray) -> np.ndarray:
    """Inputs that vary by month as contiguous (months, draws, units); others (draws, units).

    Month-major storage keeps every per-month slice contiguous, which is what makes the
    month loop fast."""
    array = np.asarray(array, dtype=float)
    if array.ndim < 3:
        return array
    if array.shape[2] == 1:
        return np.ascontiguousarray(array[:, :, 0])
    return np.ascontiguousarray(np.moveaxis(array, 2, 0))


def _at(array: np.ndarray, t: int) -> np.ndarray:
    return array[t] if array.ndim == 3 else array


def verified_arrivals(listed: np.ndarray, pass_rate: np.ndarray, lag: np.ndarray,
                      shape: tuple[int, int, int]) -> np.ndarray:
    """(months, draws|1, units) people verified and ready in each month: those listed
    ``lag`` months earlier, times the pass rate of their listing month."""
    _, units, months = shape
    verified = np.asarray(listed, float) * np.asarray(pass_rate, float)
    leading = verified.shape[0] if verified.ndim == 3 else 1
    verified = np.broadcast_to(verified, (leading, units, months))
    source = np.arange(months)[None, None, :] - np.asarray(lag, int).reshape(1, units, 1)
    valid = source >= 0
    index = np.broadcast_to(np.clip(source, 0, months - 1), (verified.shape[0], units, months))
    arrivals = np.where(valid, np.take_along_axis(verified, index, axis=2), 0.0)
    return np.ascontiguousarray(np.moveaxis(arrivals, 2, 0))


def run_model(inputs: ModelInputs) -> ModelResult:
    """Project all draws and units month by month (the loop is over months only)."""
    draws, units, months = inputs.shape
    size = (draws, units)
    x = {f.name: _month_major(getattr(inputs, f.name)) for f in fields(inputs)
         if f.name not in ("verification_lag", "year_starts")}

    def start(array: np.ndarray) -> np.ndarray:
        return np.broadcast_to(np.asarray(array, float), size).copy()

    self_paying = start(inputs.initial_self_paying)
    subsidised = start(inputs.initial_subsidised)
    in_arrears = start(inputs.initial_arrears)
    unreached = start(inputs.initial_pool) - self_paying - subsidised - in_arrears
    if np.any(unreached < -1e-6):
        raise ValueError("the starting active members exceed the starting pool")
    reached, lapsed, waiting = np.zeros(size), np.zeros(size), np.zeros(size)
    a1, a2, a3 = in_arrears / 3, in_arrears / 3, in_arrears / 3  # unpaid 1, 2, 3 months
    verified_self_payers = np.zeros(size)  # self-payers on the verified list (still in S)
    was_on = np.zeros(size, dtype=bool)
    spent_this_year = np.zeros(size)

    slots = months + 1
    stocks = {name: np.empty((slots, draws, units)) for name in STOCKS}
    flows = {name: np.zeros((slots, draws, units)) for name in FLOWS}
    spend = np.zeros((slots, draws, units))
    cap_binds = np.zeros((slots, draws, units), dtype=bool)
    arrivals = verified_arrivals(inputs.listed, inputs.verification_pass_rate,
                                 inputs.verification_lag, (draws, units, months))

    def record(t: int) -> None:
        stocks["unreached"][t] = unreached
        stocks["reached"][t] = reached
        stocks["waiting"][t] = waiting
        stocks["self_paying"][t] = self_paying
        np.add(a1, a2, out=stocks["arrears"][t])
        stocks["arrears"][t] += a3
        stocks["subsidised"][t] = subsidised
        stocks["lapsed"][t] = lapsed

    record(0)
    for t in range(months):
        step = t + 1
        # 1. pool turnover and growth: leavers from every stock, entrants are unreached
        pool = unreached + reached + waiting + self_paying + a1 + a2 + a3 + subsidised + lapsed
        keep = 1.0 - _at(x["pool_exit_rate"], t)
        entrants = pool * _at(x["pool_entry_rate"], t)
        for stock in (unreached, reached, waiting, verified_self_payers, self_paying, a1, a2,
                      a3, subsidised, lapsed):
            stock *= keep
        unreached += entrants
        pool = pool * keep + entrants

        # 2. more than 3 months unpaid: membership ends
        flows["lapses"][step] = a3
        lapsed += a3
        a1, a2, a3 = a3, a1, a2
        a1.fill(0.0)

        # 3. self-payers who stop paying enter arrears
        np.multiply(self_paying, _at(x["lapse_rate"], t), out=a1)
        self_paying -= a1

        # 4. re-registration of lapsed workers
        reregistered = lapsed * _at(x["reregistration_rate"], t)
        lapsed -= reregistered
        self_paying += reregistered

        # 5. outreach: contacts spread at random over the pool reach 1 - exp(-contacts/pool)
        campaign_share = -np.expm1(-_at(x["outreach_contacts"], t) / np.maximum(pool, 1.0))
        not_organic = 1.0 - _at(x["organic_reach_rate"], t)
        newly_reached = unreached * (1.0 - not_organic * (1.0 - campaign_share))
        converted = unreached * campaign_share * _at(x["outreach_conversion"], t)
        unreached -= newly_reached
        reached += newly_reached - converted
        self_paying += converted

        # 6. Bass diffusion among those not yet reached or reached but not enrolled. Every
        # active member talks (imitation), but only self-payers use up the market potential
        # m: the subsidy reaches poor workers who would not have paid themselves.
        paying_or_arrears = self_paying + a1 + a2 + a3
        potential = _at(x["potential_share"], t) * pool
        at_risk = unreached + reached
        headroom = np.maximum(potential - paying_or_arrears, 0.0)
        hazard = (_at(x["outside_influence"], t) + _at(x["imitation"], t)
                  * (paying_or_arrears + subsidised) / np.maximum(potential, _EPS))
        hazard *= np.minimum(1.0, headroom / np.maximum(at_risk, _EPS))
        np.clip(hazard, 0.0, 1.0, out=hazard)
        bass = at_risk * hazard
        unreached -= unreached * hazard
        reached -= reached * hazard
        self_paying += bass

        # 7. subsidy. Verified workers come off the non-active stocks (or, for the
        # crowd-out share, are self-payers) and wait until quota and budget allow.
        quota = _at(x["subsidy_quota"], t)
        programme_on = np.broadcast_to(quota > 0, size)
        ending = was_on & ~programme_on  # the end of a programme voids its list
        if ending.any():
            reached += np.where(ending, waiting, 0.0)
            waiting = np.where(ending, 0.0, waiting)
            verified_self_payers = np.where(ending, 0.0, verified_self_payers)
        np.minimum(verified_self_payers, self_paying, out=verified_self_payers)
        was_on = programme_on
        arriving = arrivals[t]
        flows["verified"][step] = arriving
        flows["listed"][step] = _at(x["listed"], t)
        if arriving.any():
            self_listed = np.minimum(arriving * _at(x["crowd_out_share"], t),
                                     self_paying - verified_self_payers)
            verified_self_payers += self_listed
            not_active = unreached + reached + lapsed
            listed_rest = np.minimum(arriving - self_listed, not_active)
            kept_share = 1.0 - listed_rest / np.maximum(not_active, _EPS)
            unreached *= kept_share
            reached *= kept_share
            lapsed *= kept_share
            waiting += listed_rest

        if inputs.year_starts[t]:
            spent_this_year.fill(0.0)
        if not programme_on.any() and not subsidised.any():
            enrolled = dropped = retained = from_waiting = from_self = 0.0
        else:
            cap = _at(x["budget_cap"], t)
            # places the rest of this year's budget pays to December, and no more than a
            # whole year's budget sustains (so a mid-year start forces no cut in January)
            with np.errstate(invalid="ignore"):
                affordable = np.minimum(
                    np.maximum(cap - spent_this_year, 0.0)
                    / np.maximum(_at(x["remaining_year_cost"], t), _EPS),
                    cap / np.maximum(_at(x["full_year_cost"], t), _EPS))
            affordable = np.where(np.isinf(cap), np.inf, affordable)
            target = np.where(programme_on, np.minimum(quota, affordable), 0.0)
            on_list = waiting + verified_self_payers
            cap_binds[step] = programme_on & (affordable < np.minimum(
                quota, subsidised + on_list) - 1e-9)

            dropped = np.maximum(subsidised - target, 0.0)
            retained = dropped * _at(x["retention_after_subsidy"], t)
            subsidised -= dropped
            self_paying += retained
            a1 += dropped - retained

            enrolled = np.maximum(np.minimum(on_list, target - subsidised), 0.0)
            taken = enrolled / np.maximum(on_list, _EPS)
            from_self = verified_self_payers * taken
            from_waiting = waiting * taken
            verified_self_payers -= from_self
            waiting -= from_waiting
            self_paying -= from_self
            subsidised += enrolled

        np.multiply(subsidised, _at(x["subsidy_cost"], t), out=spend[step])
        spent_this_year += spend[step]

        record(step)
        flows["reached_new"][step] = newly_reached
        flows["outreach_enrolments"][step] = converted
        flows["bass_enrolments"][step] = bass
        flows["reregistrations"][step] = reregistered
        flows["subsidy_enrolments"][step] = enrolled
        flows["crowd_out"][step] = from_self
        flows["subsidy_exits"][step] = dropped
        flows["subsidy_retained"][step] = retained
        flows["new_enrolments"][step] = converted + bass + reregistered + from_waiting

    def unit_major(array: np.ndarray) -> np.ndarray:
        return np.moveaxis(array, 0, -1)  # (draws, units, months + 1), a view

    pool_total = sum(stocks.values())
    return ModelResult({k: unit_major(v) for k, v in stocks.items()},
                       {k: unit_major(v) for k, v in flows.items()},
                       unit_major(spend), unit_major(cap_binds), unit_major(pool_total))
