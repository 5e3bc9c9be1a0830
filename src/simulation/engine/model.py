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
(imitation driven by self-payers and, with a weight, by subsidised members; the potential
used up by self-payers only); the subsidy pipeline (verified listings arrive after a lag
and move people into ``waiting``; they enrol up to the quota, the places the APBD
year's remaining budget pays through December and the places next year's budget keeps;
self-payers on the list (crowd-out) are at most their share of the people it is drawn
from; when the subsidy stops or shrinks a share keep paying themselves and the rest fall
into arrears and lapse).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

LIMITS = ("none", "list", "quota", "cap")  # what held subsidised enrolment back in a month
STOCKS = ("unreached", "reached", "waiting", "self_paying", "arrears", "subsidised", "lapsed")
FLOWS = ("listed", "verified", "new_enrolments", "reached_new", "outreach_enrolments",
         "bass_enrolments", "reregistrations", "lapses", "subsidy_enrolments", "crowd_out",
         "subsidy_exits", "subsidy_retained")
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
    budget_cap: np.ndarray  # Rupiah per APBD year; np.inf = no cap
    year_starts: np.ndarray  # (months,) True where the month is January
    # how much subsidised members count in word of mouth, against a self-payer's 1
    subsidised_imitation_weight: np.ndarray = field(
        default_factory=lambda: np.ones((1, 1, 1)))
    # a new member's first months at the regular rate while a relief says so (PP 49/2020)
    subsidy_full_cost: np.ndarray | None = None  # Rupiah per worker-month without relief
    new_member_full_months: np.ndarray | None = None  # (months,) whole months, 0 = none
    # next APBD year's cap and a place's full-year cost then: no one is enrolled now whom
    # next January's budget cannot keep (None: no such limit)
    next_year_cap: np.ndarray | None = None
    next_year_cost: np.ndarray | None = None

    @property
    def shape(self) -> tuple[int, int, int]:
        arrays = [getattr(self, f.name) for f in fields(self)]
        draws = max(np.shape(a)[0] for a in arrays if a is not None and np.ndim(a) >= 2)
        units = max(np.shape(a)[1] for a in arrays if a is not None and np.ndim(a) >= 2)
        return draws, units, int(np.shape(self.year_starts)[0])


@dataclass(frozen=True)
class ModelResult:
    """Arrays of shape (draws, units, months + 1); slot 0 is the starting state."""

    stocks: dict[str, np.ndarray]
    flows: dict[str, np.ndarray]
    subsidy_spend: np.ndarray  # Rupiah paid by the local government in the month
    cap_binds: np.ndarray  # True where the APBD budget, not the quota or the list, limited
    pool: np.ndarray
    limit: np.ndarray  # what limited subsidised enrolment: an index into LIMITS

    @property
    def active(self) -> np.ndarray:
        return self.stocks["self_paying"] + self.stocks["arrears"] + self.stocks["subsidised"]


def _month_major(array: np.ndarray) -> np.ndarray:
    """Inputs that vary by month as contiguous (months, draws, units), which makes the month
    loop fast; others (draws, units)."""
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


class _State:
    """The stocks of every draw and unit at the end of a month, updated in place.

    Arrears are kept by age (``a1``..``a3``: unpaid 1, 2, 3 months)."""

    def __init__(self, inputs: ModelInputs, size: tuple[int, int]):
        def start(array: np.ndarray) -> np.ndarray:
            return np.broadcast_to(np.asarray(array, float), size).copy()

        self.self_paying = start(inputs.initial_self_paying)
        self.subsidised = start(inputs.initial_subsidised)
        in_arrears = start(inputs.initial_arrears)
        self.unreached = start(inputs.initial_pool) - self.self_paying - self.subsidised \
            - in_arrears
        if np.any(self.unreached < -1e-6):
            raise ValueError("the starting active members exceed the starting pool")
        self.reached, self.lapsed, self.waiting = np.zeros(size), np.zeros(size), np.zeros(size)
        self.a1, self.a2, self.a3 = in_arrears / 3, in_arrears / 3, in_arrears / 3
        self.verified_self_payers = np.zeros(size)  # self-payers on the verified list (in S)
        self.was_on = np.zeros(size, dtype=bool)
        self.spent_this_year = np.zeros(size)

    def pool(self) -> np.ndarray:
        return (self.unreached + self.reached + self.waiting + self.self_paying + self.a1
                + self.a2 + self.a3 + self.subsidised + self.lapsed)

    def record(self, stocks: dict[str, np.ndarray], t: int) -> None:
        stocks["unreached"][t] = self.unreached
        stocks["reached"][t] = self.reached
        stocks["waiting"][t] = self.waiting
        stocks["self_paying"][t] = self.self_paying
        np.add(self.a1, self.a2, out=stocks["arrears"][t])
        stocks["arrears"][t] += self.a3
        stocks["subsidised"][t] = self.subsidised
        stocks["lapsed"][t] = self.lapsed


def _turnover(st: _State, exit_rate: np.ndarray, entry_rate: np.ndarray) -> np.ndarray:
    """Step 1: leavers from every stock; entrants join the unreached. Returns the pool."""
    pool = st.pool()
    keep = 1.0 - exit_rate
    entrants = pool * entry_rate
    for stock in (st.unreached, st.reached, st.waiting, st.verified_self_payers,
                  st.self_paying, st.a1, st.a2, st.a3, st.subsidised, st.lapsed):
        stock *= keep
    st.unreached += entrants
    return pool * keep + entrants


def _age_arrears(st: _State, lapse_rate: np.ndarray, rereg_rate: np.ndarray,
                 lapses: np.ndarray) -> np.ndarray:
    """Steps 2-4: over 3 months unpaid ends membership (written into ``lapses``); stopping
    self-payers enter arrears; lapsed workers re-register. Returns the re-registrations."""
    lapses[...] = st.a3
    st.lapsed += st.a3
    st.a1, st.a2, st.a3 = st.a3, st.a1, st.a2
    st.a1.fill(0.0)
    np.multiply(st.self_paying, lapse_rate, out=st.a1)
    st.self_paying -= st.a1
    reregistered = st.lapsed * rereg_rate
    st.lapsed -= reregistered
    st.self_paying += reregistered
    return reregistered


def _outreach(st: _State, pool: np.ndarray, contacts: np.ndarray, organic: np.ndarray,
              conversion: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Step 5: contacts spread at random over the pool reach 1 - exp(-contacts/pool); a
    share of those reached by the campaign enrol at once. Returns (reached, converted)."""
    campaign_share = -np.expm1(-contacts / np.maximum(pool, 1.0))
    newly_reached = st.unreached * (1.0 - (1.0 - organic) * (1.0 - campaign_share))
    converted = st.unreached * campaign_share * conversion
    st.unreached -= newly_reached
    st.reached += newly_reached - converted
    st.self_paying += converted
    return newly_reached, converted


def _bass(st: _State, pool: np.ndarray, p: np.ndarray, q: np.ndarray,
          potential_share: np.ndarray, subsidised_weight: np.ndarray) -> np.ndarray:
    """Step 6: Bass diffusion among the unreached and the reached. Self-payers talk
    (imitation) and subsidised members with a weight of their own; only self-payers use
    up the market potential m: the subsidy reaches poor workers who would not have paid
    themselves. Returns the enrolments."""
    paying_or_arrears = st.self_paying + st.a1 + st.a2 + st.a3
    potential = potential_share * pool
    at_risk = st.unreached + st.reached
    headroom = np.maximum(potential - paying_or_arrears, 0.0)
    talking = paying_or_arrears + subsidised_weight * st.subsidised
    hazard = p + q * talking / np.maximum(potential, _EPS)
    hazard *= np.minimum(1.0, headroom / np.maximum(at_risk, _EPS))
    np.clip(hazard, 0.0, 1.0, out=hazard)
    bass = at_risk * hazard
    st.unreached -= st.unreached * hazard
    st.reached -= st.reached * hazard
    st.self_paying += bass
    return bass


def _verification(st: _State, programme_on: np.ndarray, arriving: np.ndarray,
                  crowd_out_share: np.ndarray) -> None:
    """Step 7a: the end of a programme voids its list; verified workers come off the
    non-active stocks or, for the crowd-out share, are self-payers, and wait. Self-payers
    are never more of the list than they are of the people it is drawn from."""
    ending = st.was_on & ~programme_on
    if ending.any():
        st.reached += np.where(ending, st.waiting, 0.0)
        st.waiting = np.where(ending, 0.0, st.waiting)
        st.verified_self_payers = np.where(ending, 0.0, st.verified_self_payers)
    np.minimum(st.verified_self_payers, st.self_paying, out=st.verified_self_payers)
    st.was_on = programme_on
    if arriving.any():
        free_self_payers = st.self_paying - st.verified_self_payers
        not_active = st.unreached + st.reached + st.lapsed
        self_payer_share = free_self_payers / np.maximum(free_self_payers + not_active, _EPS)
        self_listed = np.minimum(arriving * np.minimum(crowd_out_share, self_payer_share),
                                 free_self_payers)
        st.verified_self_payers += self_listed
        listed_rest = np.minimum(arriving - self_listed, not_active)
        kept_share = 1.0 - listed_rest / np.maximum(not_active, _EPS)
        st.unreached *= kept_share
        st.reached *= kept_share
        st.lapsed *= kept_share
        st.waiting += listed_rest


def _subsidy(st: _State, programme_on: np.ndarray, quota: np.ndarray, cap: np.ndarray,
             remaining_year_cost: np.ndarray, retention: np.ndarray, cap_binds: np.ndarray,
             sustainable: np.ndarray | float, limit: np.ndarray) -> tuple:
    """Step 7b: enrol the waiting up to the quota, the places the APBD year's money still
    pays through December, and the ``sustainable`` places next year's budget keeps (so a
    late enrolment forces no cut in January); when the target falls, a share keep paying
    themselves and the rest fall into arrears. The cap binds only where this year's money
    runs out before the quota or the list does. Writes ``cap_binds`` and ``limit`` (which
    of list, quota and money held enrolment back); returns (enrolled, dropped, retained,
    from_waiting, from_self)."""
    with np.errstate(invalid="ignore"):
        affordable = (np.maximum(cap - st.spent_this_year, 0.0)
                      / np.maximum(remaining_year_cost, _EPS))
    affordable = np.where(np.isinf(cap), np.inf, affordable)
    target = np.where(programme_on, np.minimum(np.minimum(quota, affordable), sustainable),
                      0.0)
    on_list = st.waiting + st.verified_self_payers
    # this year's money binds where it is what stops enrolment short of the quota or list
    cap_binds[...] = (programme_on
                      & (affordable < np.minimum(quota, st.subsidised + on_list) - 1e-9)
                      & (affordable <= sustainable + 1e-6))

    dropped = np.maximum(st.subsidised - target, 0.0)
    retained = dropped * retention
    st.subsidised -= dropped
    st.self_paying += retained
    st.a1 += dropped - retained

    enrolled = np.maximum(np.minimum(on_list, target - st.subsidised), 0.0)
    taken = enrolled / np.maximum(on_list, _EPS)
    from_self = st.verified_self_payers * taken
    from_waiting = st.waiting * taken
    st.verified_self_payers -= from_self
    st.waiting -= from_waiting
    st.self_paying -= from_self
    st.subsidised += enrolled
    # LIMITS: none (no programme), list (all enrolled), quota, else money
    np.add(quota > np.minimum(affordable, sustainable) + 1e-6, 2, out=limit, casting="unsafe")
    limit[st.subsidised < target - 1e-6] = 1
    limit *= programme_on
    return enrolled, dropped, retained, from_waiting, from_self


def _sustainable(x: dict[str, np.ndarray], t: int) -> np.ndarray | float:
    """Places next January's budget keeps for a year (inf: no cap or none given)."""
    if "next_year_cap" not in x:
        return np.inf
    cap = _at(x["next_year_cap"], t)
    with np.errstate(invalid="ignore"):
        places = cap / np.maximum(_at(x["next_year_cost"], t), _EPS)
    return np.where(np.isinf(cap), np.inf, places)


def run_model(inputs: ModelInputs) -> ModelResult:
    """Project all draws and units month by month (the loop is over months only)."""
    draws, units, months = inputs.shape
    skip = ("verification_lag", "year_starts", "new_member_full_months")
    x = {f.name: _month_major(getattr(inputs, f.name)) for f in fields(inputs)
         if f.name not in skip and getattr(inputs, f.name) is not None}
    first_months = inputs.new_member_full_months
    if first_months is not None and "subsidy_full_cost" not in x:
        raise ValueError("new_member_full_months needs subsidy_full_cost")
    if ("next_year_cap" in x) != ("next_year_cost" in x):
        raise ValueError("next_year_cap and next_year_cost go together")
    st = _State(inputs, (draws, units))

    slots = months + 1
    stocks = {name: np.empty((slots, draws, units)) for name in STOCKS}
    flows = {name: np.zeros((slots, draws, units)) for name in FLOWS}
    spend = np.zeros((slots, draws, units))
    cap_binds = np.zeros((slots, draws, units), dtype=bool)
    limit = np.zeros((slots, draws, units), dtype=np.int8)
    arrivals = verified_arrivals(inputs.listed, inputs.verification_pass_rate,
                                 inputs.verification_lag, (draws, units, months))

    st.record(stocks, 0)
    for t in range(months):
        step = t + 1
        pool = _turnover(st, _at(x["pool_exit_rate"], t), _at(x["pool_entry_rate"], t))
        reregistered = _age_arrears(st, _at(x["lapse_rate"], t),
                                    _at(x["reregistration_rate"], t), flows["lapses"][step])
        newly_reached, converted = _outreach(
            st, pool, _at(x["outreach_contacts"], t), _at(x["organic_reach_rate"], t),
            _at(x["outreach_conversion"], t))
        bass = _bass(st, pool, _at(x["outside_influence"], t), _at(x["imitation"], t),
                     _at(x["potential_share"], t), _at(x["subsidised_imitation_weight"], t))

        quota = _at(x["subsidy_quota"], t)
        programme_on = np.broadcast_to(quota > 0, (draws, units))
        _verification(st, programme_on, arrivals[t], _at(x["crowd_out_share"], t))
        if inputs.year_starts[t]:
            st.spent_this_year.fill(0.0)
        if not programme_on.any() and not st.subsidised.any():
            enrolled = dropped = retained = from_waiting = from_self = 0.0
        else:
            enrolled, dropped, retained, from_waiting, from_self = _subsidy(
                st, programme_on, quota, _at(x["budget_cap"], t),
                _at(x["remaining_year_cost"], t), _at(x["retention_after_subsidy"], t),
                cap_binds[step], _sustainable(x, t), limit[step])
        flows["subsidy_enrolments"][step] = enrolled
        np.multiply(st.subsidised, _at(x["subsidy_cost"], t), out=spend[step])
        if first_months is not None and first_months[t] > 0:
            # members who joined in the last months pay those first months at full rate
            recent = flows["subsidy_enrolments"][max(step - int(first_months[t]) + 1, 1):
                                                 step + 1].sum(axis=0)
            np.minimum(recent, st.subsidised, out=recent)
            spend[step] += recent * (_at(x["subsidy_full_cost"], t)
                                     - _at(x["subsidy_cost"], t))
        st.spent_this_year += spend[step]

        st.record(stocks, step)
        flows["verified"][step] = arrivals[t]
        flows["listed"][step] = _at(x["listed"], t)
        flows["reached_new"][step] = newly_reached
        flows["outreach_enrolments"][step] = converted
        flows["bass_enrolments"][step] = bass
        flows["reregistrations"][step] = reregistered
        flows["crowd_out"][step] = from_self
        flows["subsidy_exits"][step] = dropped
        flows["subsidy_retained"][step] = retained
        flows["new_enrolments"][step] = converted + bass + reregistered + from_waiting

    def unit_major(array: np.ndarray) -> np.ndarray:
        return np.moveaxis(array, 0, -1)  # (draws, units, months + 1), a view

    pool_total = sum(stocks.values())
    return ModelResult({k: unit_major(v) for k, v in stocks.items()},
                       {k: unit_major(v) for k, v in flows.items()},
                       unit_major(spend), unit_major(cap_binds), unit_major(pool_total),
                       unit_major(limit))
