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
* ``subsidised``  active with contributions paid through the lurah-list pipeline
* ``agency_paid`` active with contributions paid by a scheme that enrolled them in bulk from
                  an agency's list (farmer groups, kader lists): one sub-stock per scheme
* ``lapsed``      membership ended; may re-register

One month, in order: pool turnover and growth; arrears ageing and the end of membership;
self-payers stopping; re-registration; outreach reach and conversion; Bass diffusion
(imitation driven by self-payers and, with a weight, by subsidised members; the potential
used up by self-payers only); the subsidy pipeline (verified listings arrive after a lag
and move people into ``waiting``; they enrol up to the quota, the places the APBD
year's remaining budget pays through December and the places next year's budget keeps;
self-payers on the list (crowd-out) are at most their share of the people it is drawn
from; when the subsidy stops or shrinks a share keep paying themselves and the rest fall
into arrears and lapse); the agency-list schemes (each scheme's members follow the members
it pays for in the month: at the start of a paid period they are enrolled in bulk - last
period's members first (those who kept paying, then those still in arrears), then other
self-payers at most their share, then the lapsed and those never enrolled - and at its end
they leave under the same retention rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from . import steps as monthly
from .steps import EPS, State

LIMITS = ("none", "list", "quota", "cap")  # what held subsidised enrolment back in a month
STOCKS = ("unreached", "reached", "waiting", "self_paying", "arrears", "subsidised",
          "agency_paid", "lapsed")
FLOWS = ("listed", "verified", "new_enrolments", "reached_new", "outreach_enrolments",
         "bass_enrolments", "reregistrations", "lapses", "subsidy_enrolments", "crowd_out",
         "subsidy_exits", "subsidy_retained", "agency_enrolments", "agency_exits",
         "agency_retained")


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
    # verified workers listed before the first month, arriving in the projected months
    verified_pending: np.ndarray | None = None  # (D|1, U, months)
    # the rest of the starting state where a replay of history gave it (None: none)
    initial_reached: np.ndarray | None = None  # (D, U)
    initial_waiting: np.ndarray | None = None  # (D, U)
    initial_lapsed: np.ndarray | None = None  # (D, U)
    initial_arrears_ages: tuple | None = None  # 3 x (D, U) unpaid 1, 2, 3 months (None: even)
    initial_left_ages: tuple | None = None  # 3 x (D, U) of them, who left an agency list
    initial_former: np.ndarray | None = None  # (D, U) self-payers who left an agency list
    # agency-list schemes: the unit each belongs to, the members it pays for in each month
    # (0 outside its paid periods) and its members at the start
    scheme_unit: np.ndarray | None = None  # (S,) unit index
    scheme_relists: np.ndarray | None = None  # (S,) bool: re-enrols last period's members
    scheme_target: np.ndarray | None = None  # (D|1, S, months)
    initial_scheme_members: np.ndarray | None = None  # (D|1, S)

    @property
    def shape(self) -> tuple[int, int, int]:
        arrays = [getattr(self, f.name) for f in fields(self)
                  if not f.name.startswith(("scheme_", "initial_scheme"))
                  and not isinstance(getattr(self, f.name), tuple)]
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
    scheme_members: np.ndarray  # (draws, schemes, months + 1) members of each agency scheme
    # the end of the run's arrears by age, those of them who left an agency list, and the
    # self-payers who did: what a replay of history hands to a projection
    end: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def active(self) -> np.ndarray:
        return (self.stocks["self_paying"] + self.stocks["arrears"] + self.stocks["subsidised"]
                + self.stocks["agency_paid"])


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
    verified = np.moveaxis(np.broadcast_to(verified, (leading, units, months)), 2, 0)
    source = np.arange(months)[:, None] - np.asarray(lag, int).reshape(1, units)  # (T, U)
    gathered = verified[np.clip(source, 0, months - 1), :, np.arange(units)]  # (T, U, D|1)
    arrivals = np.zeros((months, leading, units))
    np.copyto(arrivals, gathered.transpose(0, 2, 1), where=(source >= 0)[:, None, :])
    return arrivals


def _sustainable(x: dict[str, np.ndarray], t: int) -> np.ndarray | float:
    """Places next January's budget keeps for a year (inf: no cap or none given)."""
    if "next_year_cap" not in x:
        return np.inf
    cap = _at(x["next_year_cap"], t)
    with np.errstate(invalid="ignore"):
        places = cap / np.maximum(_at(x["next_year_cost"], t), EPS)
    return np.where(np.isinf(cap), np.inf, places)


RELIEF_WINDOW = 12  # the most first months a relief can make a new member pay in full


def run_model(inputs: ModelInputs, every_month: bool = True) -> ModelResult:
    """Project all draws and units month by month (the loop is over months only).
    ``every_month=False`` keeps only the start and the end (slots 0 and 1): a replay of
    history needs nothing else, and writes a tenth of the memory."""
    return simulate(inputs, every_month)


def simulate(inputs: ModelInputs, every_month: bool = True, room: tuple[str, ...] = (),
             only: tuple[str, ...] | None = None) -> ModelResult:
    """:func:`run_model`, the same numbers. ``room``: these stocks and flows ("spend",
    "pool" too) are views of a (months + 1, draws, units + 1) array, the last unit left
    for a total (a metric that is one of them needs no copy of its own). ``only``: these
    stocks and flows ("spend" too) are the only ones kept, with the schemes' members (the
    result holds no others and no pool): all a comparison against a run reads."""
    draws, units, months = inputs.shape
    skip = ("verification_lag", "year_starts", "new_member_full_months", "scheme_unit",
            "scheme_relists",
            "scheme_target", "initial_scheme_members", "verified_pending", "initial_reached",
            "initial_waiting", "initial_lapsed", "initial_arrears_ages", "initial_left_ages",
            "initial_former")
    x = {f.name: _month_major(getattr(inputs, f.name)) for f in fields(inputs)
         if f.name not in skip and getattr(inputs, f.name) is not None}
    first_months = inputs.new_member_full_months
    if first_months is not None and "subsidy_full_cost" not in x:
        raise ValueError("new_member_full_months needs subsidy_full_cost")
    if ("next_year_cap" in x) != ("next_year_cost" in x):
        raise ValueError("next_year_cap and next_year_cost go together")
    st = State(inputs, (draws, units))

    slots = months + 1 if every_month else 2

    def output(name: str, dtype: type = float) -> np.ndarray:
        """(slots, draws, units) zeros: all of them, or one month written over each month."""
        if only is not None and name not in only:
            scratch = np.zeros((1, draws, units), dtype)
            return np.lib.stride_tricks.as_strided(scratch, (slots, draws, units),
                                                   (0, *scratch.strides[1:]))
        return np.zeros((slots, draws, units + (name in room)), dtype)[:, :, :units]

    stocks = {name: output(name) for name in STOCKS}
    flows = {name: output(name) for name in FLOWS}
    spend = output("spend")
    cap_binds = output("cap_binds", bool)
    limit = output("limit", np.int8)
    arrivals = verified_arrivals(inputs.listed, inputs.verification_pass_rate,
                                 inputs.verification_lag, (draws, units, months))
    if inputs.verified_pending is not None:
        arrivals = arrivals + np.moveaxis(np.asarray(inputs.verified_pending, float), 2, 0)
    schemes = st.scheme.shape[1]
    targets = (np.ascontiguousarray(np.moveaxis(np.asarray(inputs.scheme_target, float), 2, 0))
               if schemes else None)  # (months, D|1, S)
    members = np.empty((slots, draws, schemes))
    members[0] = st.scheme

    def put(name: str, slot: int, value) -> None:
        """A month's flow; +0 everywhere is there already in a month of its own (fresh
        zeros), and a page nothing is written to takes no memory."""
        if not every_month or np.asarray(value, float).view(np.int64).any():
            flows[name][slot] = value

    st.record(stocks, 0)
    joined_lately: list[np.ndarray] = []  # the last months' subsidised enrolments
    for t in range(months):
        step = t + 1
        slot = step if every_month else 1  # where this month is written
        pool = monthly.turnover(st, _at(x["pool_exit_rate"], t), _at(x["pool_entry_rate"], t))
        reregistered = monthly.age_arrears(st, _at(x["lapse_rate"], t),
                                    _at(x["reregistration_rate"], t), flows["lapses"][slot])
        newly_reached, converted = monthly.outreach(
            st, pool, _at(x["outreach_contacts"], t), _at(x["organic_reach_rate"], t),
            _at(x["outreach_conversion"], t))
        bass = monthly.bass(st, pool, _at(x["outside_influence"], t), _at(x["imitation"], t),
                     _at(x["potential_share"], t), _at(x["subsidised_imitation_weight"], t))

        quota = _at(x["subsidy_quota"], t)
        programme_on = np.broadcast_to(quota > 0, (draws, units))
        monthly.verification(st, programme_on, arrivals[t], _at(x["crowd_out_share"], t))
        if inputs.year_starts[t]:
            st.spent_this_year.fill(0.0)
        if not programme_on.any() and not st.subsidised.any():
            enrolled = dropped = retained = from_waiting = from_self = 0.0
        else:
            enrolled, dropped, retained, from_waiting, from_self = monthly.subsidy(
                st, programme_on, quota, _at(x["budget_cap"], t),
                _at(x["remaining_year_cost"], t), _at(x["retention_after_subsidy"], t),
                cap_binds[slot], _sustainable(x, t), limit[slot])
        put("subsidy_enrolments", slot, enrolled)
        # a month's enrolments are a new array that nothing changes afterwards
        joined_lately = [*joined_lately[-RELIEF_WINDOW:],
                         np.broadcast_to(enrolled, (draws, units))]
        np.multiply(st.subsidised, _at(x["subsidy_cost"], t), out=spend[slot])
        if first_months is not None and first_months[t] > 0:
            # members who joined in the last months pay those first months at full rate
            recent = sum(joined_lately[-int(first_months[t]):])
            np.minimum(recent, st.subsidised, out=recent)
            spend[slot] += recent * (_at(x["subsidy_full_cost"], t)
                                     - _at(x["subsidy_cost"], t))
        st.spent_this_year += spend[slot]
        if schemes:
            enrolled_bulk, joined, left, kept = monthly.agency_lists(
                st, targets[t], _at(x["retention_after_subsidy"], t),
                _at(x["crowd_out_share"], t))
            put("agency_enrolments", slot, enrolled_bulk)
            put("agency_exits", slot, left)
            put("agency_retained", slot, kept)
            members[slot] = st.scheme
        else:
            joined = 0.0

        st.record(stocks, slot)
        put("verified", slot, arrivals[t])
        put("listed", slot, _at(x["listed"], t))
        put("reached_new", slot, newly_reached)
        put("outreach_enrolments", slot, converted)
        put("bass_enrolments", slot, bass)
        put("reregistrations", slot, reregistered)
        put("crowd_out", slot, from_self)
        put("subsidy_exits", slot, dropped)
        put("subsidy_retained", slot, retained)
        put("new_enrolments", slot, converted + bass + reregistered + from_waiting + joined)

    def unit_major(array: np.ndarray) -> np.ndarray:
        return np.moveaxis(array, 0, -1)  # (draws, units, months + 1), a view

    if only is not None:  # a comparison's run: what it reads, nothing else
        stocks = {name: stocks[name] for name in only if name in stocks}
        flows, pool_total = {}, None
    elif "pool" in room:
        pool_total = np.empty((slots, draws, units + 1))[:, :, :units]
        np.add(0, stocks[STOCKS[0]], out=pool_total)  # as sum() adds: 0 + each in turn
        for name in STOCKS[1:]:
            pool_total += stocks[name]
    else:
        pool_total = sum(stocks.values())
    return ModelResult({k: unit_major(v) for k, v in stocks.items()},
                       {k: unit_major(v) for k, v in flows.items()},
                       unit_major(spend), unit_major(cap_binds),
                       None if pool_total is None else unit_major(pool_total),
                       unit_major(limit), unit_major(members),
                       {"arrears_ages": (st.a1, st.a2, st.a3),
                        "left_ages": (st.l1, st.l2, st.l3), "former": st.former})
