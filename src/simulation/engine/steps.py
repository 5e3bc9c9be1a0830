"""One month of the model, step by step: the state of every draw and unit, and the flows
that move people between its stocks (see :mod:`.model` for the order and what each stock
holds). Every step updates the state in place and returns the flows it made."""

from __future__ import annotations

import numpy as np

EPS = 1e-12


class State:
    """The stocks of every draw and unit at the end of a month, updated in place.

    Arrears are kept by age (``a1``..``a3``: unpaid 1, 2, 3 months), and of them, by age,
    those who left an agency list when its period ended (``l1``..``l3``): its next period
    names them again."""

    def __init__(self, inputs, size: tuple[int, int]):
        """``inputs``: the :class:`.model.ModelInputs` of the run."""
        def start(array: np.ndarray | None) -> np.ndarray:
            if array is None:
                return np.zeros(size)
            return np.broadcast_to(np.asarray(array, float), size).copy()

        draws, units = size
        self.self_paying = start(inputs.initial_self_paying)
        self.subsidised = start(inputs.initial_subsidised)
        in_arrears = start(inputs.initial_arrears)
        self.reached = start(inputs.initial_reached)
        self.waiting = start(inputs.initial_waiting)
        self.lapsed = start(inputs.initial_lapsed)
        self.units = units
        self.unit_of_scheme = (np.asarray(inputs.scheme_unit, int)
                               if inputs.scheme_unit is not None else np.zeros(0, int))
        schemes = len(self.unit_of_scheme)
        self.scheme = (np.broadcast_to(np.asarray(inputs.initial_scheme_members, float),
                                       (draws, schemes)).copy()
                       if inputs.initial_scheme_members is not None and schemes
                       else np.zeros((draws, schemes)))
        self.agency = self.per_unit(self.scheme)
        self.relists = (np.asarray(inputs.scheme_relists, bool)
                        if inputs.scheme_relists is not None
                        else np.ones(len(self.unit_of_scheme), bool))
        self.unreached = (start(inputs.initial_pool) - self.self_paying - self.subsidised
                          - in_arrears - self.reached - self.waiting - self.lapsed - self.agency)
        if np.any(self.unreached < -1e-6):
            raise ValueError("the starting active members exceed the starting pool")
        np.maximum(self.unreached, 0.0, out=self.unreached)
        if inputs.initial_arrears_ages is None:  # in steady state: evenly over the ages
            self.a1, self.a2, self.a3 = in_arrears / 3, in_arrears / 3, in_arrears / 3
        else:
            self.a1, self.a2, self.a3 = (start(age) for age in inputs.initial_arrears_ages)
        left = (inputs.initial_left_ages if inputs.initial_left_ages is not None
                else (None, None, None))
        self.l1, self.l2, self.l3 = (start(age) for age in left)
        self.verified_self_payers = np.zeros(size)  # self-payers on the verified list (in S)
        self.former = start(inputs.initial_former)  # self-payers who left an agency list
        self.was_on = np.zeros(size, dtype=bool)
        self.spent_this_year = np.zeros(size)

    def per_unit(self, per_scheme: np.ndarray) -> np.ndarray:
        """(D, U) sums of a (D, S) per-scheme array over each unit's schemes."""
        return unit_sums(per_scheme, self.unit_of_scheme, self.units)

    def pool(self) -> np.ndarray:
        return (self.unreached + self.reached + self.waiting + self.self_paying + self.a1
                + self.a2 + self.a3 + self.subsidised + self.agency + self.lapsed)

    def record(self, stocks: dict[str, np.ndarray], t: int) -> None:
        stocks["unreached"][t] = self.unreached
        stocks["reached"][t] = self.reached
        stocks["waiting"][t] = self.waiting
        stocks["self_paying"][t] = self.self_paying
        np.add(self.a1, self.a2, out=stocks["arrears"][t])
        stocks["arrears"][t] += self.a3
        stocks["subsidised"][t] = self.subsidised
        stocks["agency_paid"][t] = self.agency
        stocks["lapsed"][t] = self.lapsed


def unit_sums(per_scheme: np.ndarray, scheme_unit: np.ndarray, units: int,
              out: np.ndarray | None = None) -> np.ndarray:
    """(D, U, ...) sums of a (D, S, ...) per-scheme array over each unit's schemes (into
    ``out`` if given): +0 plus each scheme's in scheme order, the numbers a product with a
    0/1 scheme-to-unit matrix gives, without BLAS, whose threads wait on a core that
    another process holds (several ms a product on a loaded machine)."""
    if out is None:
        out = np.zeros((per_scheme.shape[0], units, *per_scheme.shape[2:]))
    else:
        out.fill(0.0)
    for k, unit in enumerate(scheme_unit):
        out[:, unit] += per_scheme[:, k]
    return out


def turnover(st: State, exit_rate: np.ndarray, entry_rate: np.ndarray) -> np.ndarray:
    """Step 1: leavers from every stock; entrants join the unreached. Returns the pool."""
    pool = st.pool()
    keep = 1.0 - exit_rate
    entrants = pool * entry_rate
    for stock in (st.unreached, st.reached, st.waiting, st.verified_self_payers, st.former,
                  st.self_paying, st.a1, st.a2, st.a3, st.l1, st.l2, st.l3, st.subsidised,
                  st.lapsed):
        stock *= keep
    if st.scheme.shape[1]:
        st.scheme *= np.broadcast_to(keep, st.agency.shape)[:, st.unit_of_scheme]
        st.agency = st.per_unit(st.scheme)
    st.unreached += entrants
    return pool * keep + entrants


def age_arrears(st: State, lapse_rate: np.ndarray, rereg_rate: np.ndarray,
                 lapses: np.ndarray) -> np.ndarray:
    """Steps 2-4: over 3 months unpaid ends membership (written into ``lapses``); stopping
    self-payers enter arrears; lapsed workers re-register. Returns the re-registrations."""
    lapses[...] = st.a3
    st.lapsed += st.a3
    st.a1, st.a2, st.a3 = st.a3, st.a1, st.a2
    st.a1.fill(0.0)
    st.l1, st.l2, st.l3 = st.l3, st.l1, st.l2  # last period's members age with them
    st.l1.fill(0.0)
    np.multiply(st.self_paying, lapse_rate, out=st.a1)
    st.self_paying -= st.a1
    st.former *= 1.0 - lapse_rate
    reregistered = st.lapsed * rereg_rate
    st.lapsed -= reregistered
    st.self_paying += reregistered
    return reregistered


def outreach(st: State, pool: np.ndarray, contacts: np.ndarray, organic: np.ndarray,
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


def bass(st: State, pool: np.ndarray, p: np.ndarray, q: np.ndarray,
          potential_share: np.ndarray, subsidised_weight: np.ndarray) -> np.ndarray:
    """Step 6: Bass diffusion among the unreached and the reached. Self-payers talk
    (imitation) and subsidised members with a weight of their own; only self-payers use
    up the market potential m: the subsidy reaches poor workers who would not have paid
    themselves. Returns the enrolments."""
    paying_or_arrears = st.self_paying + st.a1 + st.a2 + st.a3
    potential = potential_share * pool
    at_risk = st.unreached + st.reached
    headroom = np.maximum(potential - paying_or_arrears, 0.0)
    talking = paying_or_arrears + subsidised_weight * (st.subsidised + st.agency)
    hazard = p + q * talking / np.maximum(potential, EPS)
    hazard *= np.minimum(1.0, headroom / np.maximum(at_risk, EPS))
    np.clip(hazard, 0.0, 1.0, out=hazard)
    bass = at_risk * hazard
    st.unreached -= st.unreached * hazard
    st.reached -= st.reached * hazard
    st.self_paying += bass
    return bass


def verification(st: State, programme_on: np.ndarray, arriving: np.ndarray,
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
        self_payer_share = free_self_payers / np.maximum(free_self_payers + not_active, EPS)
        self_listed = np.minimum(arriving * np.minimum(crowd_out_share, self_payer_share),
                                 free_self_payers)
        st.verified_self_payers += self_listed
        listed_rest = np.minimum(arriving - self_listed, not_active)
        kept_share = 1.0 - listed_rest / np.maximum(not_active, EPS)
        st.unreached *= kept_share
        st.reached *= kept_share
        st.lapsed *= kept_share
        st.waiting += listed_rest


def subsidy(st: State, programme_on: np.ndarray, quota: np.ndarray, cap: np.ndarray,
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
                      / np.maximum(remaining_year_cost, EPS))
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
    taken = enrolled / np.maximum(on_list, EPS)
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


def agency_lists(st: State, target: np.ndarray, retention: np.ndarray,
            crowd_out_share: np.ndarray) -> tuple[np.ndarray, ...]:
    """Step 8: each agency-list scheme's members follow the members it pays for this month.
    Above it, members leave: a share keep paying themselves, the rest fall into arrears.
    Below it (the start of a paid period, or members who left informal work), the agency's
    list fills the places at once: first last period's members, whose names the list
    carries again (those who kept paying themselves, then those still in arrears), then
    other self-payers at most their share of the people it draws on (and the crowd-out
    share), then the lapsed and those never enrolled; other members in arrears are not on
    it. Returns (enrolled, of them newly active, left, kept paying) per unit."""
    where = st.unit_of_scheme
    target = np.broadcast_to(target, st.scheme.shape)
    left = np.maximum(st.scheme - target, 0.0)
    st.scheme -= left
    # a sum of zeros is +0: in most months no period ends, no sum is taken, and the
    # members per unit stay what turnover's sum gave
    ending = left.any()
    left_unit = st.per_unit(left) if ending else np.zeros(st.agency.shape)
    kept = left_unit * np.broadcast_to(retention, st.agency.shape)
    st.self_paying += kept
    st.former += kept
    st.a1 += left_unit - kept
    st.l1 += left_unit - kept

    need = np.maximum(target - st.scheme, 0.0)
    need_unit = st.per_unit(need) if need.any() else np.zeros(st.agency.shape)
    if not need_unit.any():
        if ending:
            st.agency = st.per_unit(st.scheme)
        return np.zeros_like(need_unit), np.zeros_like(need_unit), left_unit, kept
    # last period's members come back first on lists that name them again (every real list:
    # the same sums, without a copy); a group new to everyone takes none of them first
    relisting = need_unit if st.relists.all() else st.per_unit(need * st.relists)
    former = np.minimum(st.former, np.maximum(st.self_paying - st.verified_self_payers, 0.0))
    from_former = np.minimum(relisting, former)
    arrears = st.l1 + st.l2 + st.l3  # last period's members still in arrears
    from_arrears = np.minimum(relisting - from_former, arrears)
    rest = need_unit - from_former - from_arrears
    free_self = np.maximum(st.self_paying - st.verified_self_payers - from_former, 0.0)
    not_active = st.unreached + st.reached + st.lapsed
    self_share = free_self / np.maximum(free_self + not_active, EPS)
    from_self = np.minimum(rest * np.minimum(crowd_out_share, self_share), free_self)
    from_inactive = np.minimum(rest - from_self, not_active)
    enrolled = from_former + from_arrears + from_self + from_inactive
    st.former -= from_former
    st.self_paying -= from_former + from_self
    taken = from_arrears / np.maximum(arrears, EPS)  # the same share of each age
    for in_arrears, listed in ((st.a1, st.l1), (st.a2, st.l2), (st.a3, st.l3)):
        back = listed * taken
        in_arrears -= back
        listed -= back
    inactive_kept = 1.0 - from_inactive / np.maximum(not_active, EPS)
    st.unreached *= inactive_kept
    st.reached *= inactive_kept
    st.lapsed *= inactive_kept
    filled = enrolled / np.maximum(need_unit, EPS)  # below 1 only if the pool runs dry
    st.scheme += need * filled[:, where]
    st.agency = st.per_unit(st.scheme)
    return enrolled, from_inactive, left_unit, kept
