"""Per-draw metrics of a model run and comparisons against a scenario (their percentiles:
:mod:`.quantiles`).

Every number here is computed with the same floating-point operations, in the same order,
as a plain expression over whole arrays would: sums over units and months add in numpy's
order for the layout such an expression gives (see :class:`_Metrics`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .model import ModelResult
from .steps import unit_sums

OUTREACH_PAYER = "apbd_kabkota"  # a campaign through lurah and RT is the local government's
WORKER = "worker"
COMPARED = ("active", "subsidy_rp", "agency_rp", "outreach_rp")  # what add_comparison reads
ORDER = ("pool", "active", "active_self_paying", "active_subsidised", "active_agency_list",
         "active_lurah_list", "in_arrears", "lapsed", "reached_not_enrolled",
         "verified_waiting", "unreached", "new_enrolments", "subsidy_enrolments", "crowd_out",
         "subsidy_exits", "listed", "verified", "expected_deaths", "subsidy_rp", "agency_rp",
         "outreach_rp", "contributions_rp", "benefits_rp", "cap_binds", "wage_earner_members",
         "wage_earner_rp", "coverage")
FLOW_METRICS = ("new_enrolments", "subsidy_enrolments", "crowd_out", "subsidy_exits", "listed",
                "verified")
STOCK_METRICS = {"active_agency_list": "agency_paid", "active_lurah_list": "subsidised",
                 "in_arrears": "arrears", "lapsed": "lapsed", "verified_waiting": "waiting",
                 "unreached": "unreached"}
# the model's outputs that are metrics as they stand: room for a total saves their copies
AS_THEY_STAND = (*STOCK_METRICS.values(), *FLOW_METRICS, "spend", "pool")


@dataclass(frozen=True)
class ScenarioRun:
    name: str
    result: ModelResult
    money: dict
    per_draw: dict[str, np.ndarray]  # metric -> (draws, units(+total), months + 1)
    # (item, payer) -> (draws, units(+total), APBD years) Rupiah: "subsidy" (the lurah-list
    # subsidy), "agency" (agency-list schemes), "wage_earner", "outreach", "worker"
    by_payer: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    # scheme name -> (draws, months + 1) members of each scheme in force or lifted
    scheme_members: dict[str, np.ndarray] = field(default_factory=dict)


def scheme_spend(members: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """(D, S, T+1) Rupiah each scheme pays in each month (slot 0: nothing projected)."""
    out = np.zeros(members.shape)
    out[:, :, 1:] = members[:, :, 1:] * cost[None]
    return out


class _Metrics:
    """Metric arrays as ``per_draw`` holds them, each in the memory layout of the plain
    expression's result (month-major where it comes from the model's outputs alone, else
    C-ordered), so that every sum over units or months adds in numpy's order for it. With
    a total: (D, U+1, T+1) arrays, the last unit the sum of the others."""

    def __init__(self, shape: tuple[int, int, int], with_total: bool):
        self.shape, self.with_total = shape, with_total
        self.arrays: dict[str, np.ndarray] = {}

    def target(self, name: str, month_major: bool) -> np.ndarray:
        """The (D, U, T+1) array to write the per-unit values of ``name`` into."""
        draws, units, slots = self.shape
        width = units + self.with_total
        self.arrays[name] = (np.empty((slots, draws, width)).transpose(1, 2, 0) if month_major
                             else np.empty((draws, width, slots)))
        return self[name]

    def copy(self, name: str, source: np.ndarray) -> None:
        """A metric that is a model output as it stands: that very array, or with a total
        the array the model left room for it in (else a copy)."""
        if not self.with_total:
            self.arrays[name] = source
        elif (room := _room(source)) is not None:
            self.arrays[name] = room
        else:
            np.copyto(self.target(name, True), source)

    def __getitem__(self, name: str) -> np.ndarray:
        """The per-unit values of a metric."""
        return self.arrays[name][:, : self.shape[1]]

    def add_totals(self) -> None:
        """Each metric's total: numpy's sum over units of its per-unit values (on either
        layout numpy adds +0 and then each unit in turn; see :func:`_unit_total`)."""
        if not self.with_total:
            return
        for name, array in self.arrays.items():
            _unit_total(array, self.shape[1], name == "cap_binds")


TOTAL_BLOCK = 1 << 19  # bytes of a metric summed at a time: the block stays in cache


def _unit_total(array: np.ndarray, units: int, largest: bool = False) -> None:
    """Write into unit ``units`` of a (D, U+1, T+1) array what ``np.add.reduce`` (or, with
    ``largest``, ``np.maximum.reduce``) over its first ``units`` units writes - +0 plus
    each unit in turn, the first unit for the largest - in cache-sized blocks along the
    outermost axis in memory: numpy's reduce runs one loop of U numbers per draw and month
    on month-major memory, much slower for the same additions (from 8 units on, that loop
    adds them pairwise: numpy's own reduce then)."""
    if units >= 8 and not array.strides[2] < array.strides[1]:  # numpy adds 8 at a time
        (np.maximum if largest else np.add).reduce(array[:, :units], axis=1,
                                                   out=array[:, units])
        return
    axis = int(np.argmax(array.strides))
    step = max(1, array.shape[axis] * TOTAL_BLOCK // max(array.nbytes, 1))
    for first in range(0, array.shape[axis], step):
        block = array[(slice(None),) * axis + (slice(first, first + step),)]
        total = block[:, units]
        if largest:
            np.copyto(total, block[:, 0])
        else:
            np.add(0.0, block[:, 0], out=total)
        for unit in range(1, units):
            (np.maximum if largest else np.add)(total, block[:, unit], out=total)


def _room(source: np.ndarray) -> np.ndarray | None:
    """The (D, U+1, T+1) array whose first U units a (D, U, T+1) model output is, where
    :func:`~.model.simulate` left room for a total (a view of month-major memory)."""
    owner = source.base
    draws, units, slots = source.shape
    if (owner is None or owner.shape != (slots, draws, units + 1) or owner.dtype != float
            or not owner.flags.c_contiguous
            or source.__array_interface__["data"][0] != owner.__array_interface__["data"][0]
            or source.strides != (owner.strides[1], owner.strides[2], owner.strides[0])):
        return None
    return owner.transpose(1, 2, 0)


def _monthly_product(out: np.ndarray, values: np.ndarray, rate: np.ndarray) -> None:
    """``values`` times a (D|1, U, T|1) monthly input, slot 0 times 0 (nothing projected)."""
    np.multiply(values[:, :, :1], 0.0, out=out[:, :, :1])
    np.multiply(values[:, :, 1:], rate, out=out[:, :, 1:])


def per_draw_metrics(result: ModelResult, money: dict, with_total: bool,
                     with_payers: bool = True
                     ) -> tuple[dict[str, np.ndarray], dict[tuple[str, str], np.ndarray]]:
    """Every metric per draw, unit (and the total) and month, and the Rupiah of each item
    by payer (empty unless ``with_payers``)."""
    return _per_draw(result, money, with_total, with_payers, ORDER)


def compared_metrics(result: ModelResult, money: dict, with_total: bool
                     ) -> dict[str, np.ndarray]:
    """The metrics :func:`add_comparison` reads of the run compared against, alone."""
    return _per_draw(result, money, with_total, False, COMPARED)[0]


def _per_draw(result: ModelResult, money: dict, with_total: bool, with_payers: bool,
              wanted: tuple[str, ...]
              ) -> tuple[dict[str, np.ndarray], dict[tuple[str, str], np.ndarray]]:
    """:func:`per_draw_metrics` of the ``wanted`` metrics (all of ORDER, or COMPARED)."""
    s = result.stocks
    draws, units, slots = s["self_paying"].shape  # a comparison's run keeps no pool
    m = _Metrics((draws, units, slots), with_total)
    sp, arrears, subsidised, agency_paid = (s["self_paying"], s["arrears"], s["subsidised"],
                                            s["agency_paid"])
    if wanted == ORDER:  # active's first sum is a metric: kept, a pass less
        first = m.target("active_self_paying", True)
        np.add(sp, arrears, out=first)
        out = m.target("active", True)
        np.add(first, subsidised, out=out)
    else:
        out = m.target("active", True)
        np.add(sp, arrears, out=out)
        out += subsidised
    out += agency_paid
    agency, pu = money["agency_schemes"], money["wage_earner_schemes"]
    out = m.target("agency_rp", False)  # the agency lists' spend: 0 + each scheme in turn
    out.fill(0.0)
    for k, unit in enumerate(agency.unit):
        out[:, unit, 1:] += result.scheme_members[:, k, 1:] * agency.cost[k]
    campaign = money["outreach_contacts"] * money["outreach_cost_per_contact"]
    outreach = m.target("outreach_rp", False)  # written in place: no copy of the draws
    outreach[:, :, 0] = 0.0
    outreach[:, :, 1:] = campaign
    if campaign.shape[0] < draws:  # one draw's: what the payers' sums read, summed once
        outreach = np.zeros((campaign.shape[0], units, slots))
        outreach[:, :, 1:] = campaign
    m.copy("subsidy_rp", result.subsidy_spend)  # the lurah-list subsidy: what a cap covers
    if wanted == COMPARED:
        m.add_totals()
        return {name: m.arrays[name] for name in ORDER if name in wanted}, {}

    m.copy("pool", result.pool)
    # every BPU member a scheme pays for: the lurah-list subsidy and agency lists
    np.add(subsidised, agency_paid, out=m.target("active_subsidised", True))
    for name, stock in STOCK_METRICS.items():
        m.copy(name, s[stock])
    np.add(s["reached"], s["waiting"], out=m.target("reached_not_enrolled", True))
    for name in FLOW_METRICS:
        m.copy(name, result.flows[name])
    _monthly_product(m.target("expected_deaths", False), m["active"], money["death_rate"])
    _monthly_product(m.target("contributions_rp", False), sp,
                     money["self_payer_contribution"])
    _monthly_product(m.target("benefits_rp", False), m["active"],
                     money["death_rate"] * (money["jkm_benefit"] + money["scholarship_per_death"])
                     + money["accident_rate"] * money["accident_cost"]
                     + money["fatal_accident_rate"] * (money["fatal_accident_benefit"]
                                                       + money["scholarship_per_death"]))
    np.copyto(m.target("cap_binds", True), result.cap_binds)
    # wage-earner (PU) members a government pays for: outside the informal pool, no
    # behaviour, as many as paid: the schemes in force and what a scenario adds (the lever)
    lever = money["wage_earner_members"]
    out = m.target("wage_earner_members", False)
    if pu.members.shape[0] == draws:  # the schemes' sums in place, then the rest added
        unit_sums(pu.members, pu.unit, units, out)  # (x + y is y + x, bit for bit)
        out[:, :, 0] += money["wage_earner_members_start"]
        out[:, :, 1:] += lever
    else:
        pu_members = unit_sums(pu.members, pu.unit, units)
        np.add(money["wage_earner_members_start"], pu_members[:, :, 0], out=out[:, :, 0])
        np.add(lever, pu_members[:, :, 1:], out=out[:, :, 1:])
    lever_rp = lever * money["wage_earner_package"]  # slot 0: nothing projected
    lever_rp = np.concatenate([np.zeros(lever_rp.shape[:2] + (1,)), np.broadcast_to(
        lever_rp, lever_rp.shape[:2] + (slots - 1,))], axis=2)
    pu_rp = scheme_spend(pu.members, pu.cost)
    pu_units = unit_sums(pu_rp, pu.unit, units)
    np.add(lever_rp, pu_units, out=m.target("wage_earner_rp", False))
    by_payer = (_by_payer(result, money, m, outreach, pu_rp, pu_units, lever_rp)
                if with_payers else {})
    m.add_totals()
    if with_total:
        by_payer = {key: np.concatenate([array, array.sum(axis=1, keepdims=True)], axis=1)
                    for key, array in by_payer.items()}
    coverage = np.empty_like(m.arrays["active"])  # in its layout, as a quotient is
    np.maximum(m.arrays["pool"], 1e-9, out=coverage)
    np.divide(m.arrays["active"], coverage, out=coverage)
    m.arrays["coverage"] = coverage
    return {name: m.arrays[name] for name in ORDER}, by_payer


def _by_payer(result: ModelResult, money: dict, metrics: _Metrics, outreach: np.ndarray,
              pu_rp: np.ndarray, pu_units: np.ndarray, lever_rp: np.ndarray
              ) -> dict[tuple[str, str], np.ndarray]:
    """(item, payer) -> (D, U, APBD years) Rupiah: each scheme's spend to its payer, the
    lurah-list subsidy to the payer in force each month, outreach to the local government,
    self-payers' own contributions to the worker; summed by APBD year (the projected months
    of each year, per draw) so that no month-by-month copy is kept. Inputs the same in
    every draw are summed once (``outreach``, ``lever_rp``: (D|1, U, T+1)); ``pu_units``:
    the wage-earner schemes' spend summed per unit."""
    draws, units, slots = result.pool.shape
    years = np.asarray(money["months"]) // 12
    starts = np.flatnonzero(np.r_[True, years[2:] != years[1:-1]]) + 1  # from slot 1
    out: dict[tuple[str, str], np.ndarray] = {}

    def add(item: str, payer: str, array: np.ndarray, of_units: list[int] | None = None
            ) -> None:
        """``array``: (D|1, U, T+1), or (D, len(of_units), T+1), those units' only."""
        if not np.any(array):
            return
        if of_units is None:
            array = np.broadcast_to(array, (array.shape[0], units, slots))
        yearly = np.add.reduceat(array[:, :, 1:], starts - 1, axis=2)
        if of_units is not None:  # other units pay nothing: 0 in each year
            mine, yearly = yearly, np.zeros((yearly.shape[0], units, len(starts)))
            yearly[:, of_units] = mine
        yearly = np.broadcast_to(yearly, (draws, units, len(starts)))
        key = (item, payer)
        out[key] = out[key] + yearly if key in out else yearly

    def by_month(item: str, payers: np.ndarray, spend: np.ndarray) -> None:
        """Spend whose payer may change by unit and month (a scenario's terms)."""
        for payer in sorted(set(payers.ravel())):
            chosen = payers == payer
            if chosen.all():
                add(item, payer, spend)  # one payer throughout: no copy
                continue
            mask = np.zeros((units, slots), dtype=bool)
            mask[:, 1:] = chosen
            add(item, payer, spend * mask[None])

    by_month("subsidy", np.asarray(money["payer_bpu"], dtype=object), result.subsidy_spend)
    agency = money["agency_schemes"]
    for payer in sorted(set(agency.payers)):
        mine = [k for k, p in enumerate(agency.payers) if p == payer]
        if len(mine) == len(agency.payers):  # every scheme: the agency lists' spend
            add("agency", payer, metrics["agency_rp"])
            continue
        touched = sorted({int(agency.unit[k]) for k in mine})  # the units it pays in
        spend = np.zeros((draws, len(touched), slots))
        for k in mine:
            spend[:, touched.index(agency.unit[k]), 1:] += (result.scheme_members[:, k, 1:]
                                                            * agency.cost[k])
        add("agency", payer, spend, touched)
    pu = money["wage_earner_schemes"]
    for payer in sorted(set(pu.payers)):
        mine = [k for k, p in enumerate(pu.payers) if p == payer]
        add("wage_earner", payer, pu_units if len(mine) == len(pu.payers)  # all: the sums
            else unit_sums(pu_rp[:, mine], pu.unit[mine], units))
    by_month("wage_earner", np.asarray(money["payer_pu"], dtype=object), lever_rp)
    add("outreach", OUTREACH_PAYER, outreach)
    add("worker", WORKER, metrics["contributions_rp"])
    return out


def scheme_member_series(result: ModelResult, money: dict, schemes: tuple, codes: tuple
                         ) -> dict[str, np.ndarray]:
    """(D, T+1) members of every scheme: agency-list and wage-earner schemes as followed;
    a lurah-list scheme, the subsidised stock of its region while it runs."""
    draws = result.pool.shape[0]
    out = {}
    agency, pu = money["agency_schemes"], money["wage_earner_schemes"]
    for k, name in enumerate(agency.names):
        out[name] = result.scheme_members[:, k]
    for k, name in enumerate(pu.names):
        out[name] = np.broadcast_to(pu.members[:, k], (draws, pu.members.shape[2]))
    months = money["months"]
    for scheme in schemes:
        if scheme.name in out or scheme.region_code not in codes:
            continue
        running = np.array([scheme.runs_in(m) for m in months])
        out[scheme.name] = result.stocks["subsidised"][:, codes.index(scheme.region_code)] \
            * running[None]
    return out


def add_comparison(run: dict[str, np.ndarray], baseline: dict[str, np.ndarray]) -> None:
    """Additional active workers and public cost per additional worker-year, per draw."""
    extra_active = run["active"] - baseline["active"]
    per_year = np.empty(extra_active.shape)  # first the baseline's public spend
    np.add(baseline["subsidy_rp"], baseline["agency_rp"], out=per_year)
    per_year += baseline["outreach_rp"]
    extra_cost = np.add(run["subsidy_rp"], run["agency_rp"])  # public spend, then the gap
    extra_cost += run["outreach_rp"]
    extra_cost -= per_year
    np.cumsum(extra_cost, axis=2, out=extra_cost)
    per_year[:, :, 0] = np.nan
    extra_worker_years = per_year[:, :, 1:]  # each number divided in its own place
    np.cumsum(extra_active[:, :, 1:], axis=2, out=extra_worker_years)
    extra_worker_years /= 12.0
    positive = extra_worker_years > 1e-6
    np.divide(extra_cost[:, :, 1:], extra_worker_years, out=extra_worker_years,
              where=positive)
    extra_worker_years[~positive] = np.nan
    run["additional_active"] = extra_active
    run["cost_per_additional_worker_year_rp"] = per_year
