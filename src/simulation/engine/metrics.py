"""Per-draw metrics of a model run, comparisons against a scenario, and percentiles."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .model import ModelResult

PERCENTILES = (10, 50, 90)
OUTREACH_PAYER = "apbd_kabkota"  # a campaign through lurah and RT is the local government's
WORKER = "worker"


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


def per_draw_metrics(result: ModelResult, money: dict, with_total: bool,
                     with_payers: bool = True
                     ) -> tuple[dict[str, np.ndarray], dict[tuple[str, str], np.ndarray]]:
    """Every metric per draw, unit (and the total) and month, and the Rupiah of each item
    by payer (empty unless ``with_payers``)."""
    s = result.stocks
    draws, units, slots = result.pool.shape

    def monthly(array: np.ndarray) -> np.ndarray:
        """Put a (D|1, U, T|1) money input on the (D, U, T+1) grid; slot 0 is 0."""
        out = np.zeros((draws, units, slots))
        out[:, :, 1:] = np.broadcast_to(array, (array.shape[0], units, slots - 1)) \
            if array.shape[2] == 1 else array
        return out

    paying_self = s["self_paying"]
    active = result.active
    agency, pu = money["agency_schemes"], money["wage_earner_schemes"]
    agency_rp = scheme_spend(result.scheme_members, agency.cost)
    pu_members = pu.members  # (D|1, P, T+1): the same in every draw unless a size is ours
    pu_rp = scheme_spend(pu_members, pu.cost)
    metrics = {
        "pool": result.pool,
        "active": active,
        "active_self_paying": s["self_paying"] + s["arrears"],
        # every BPU member a scheme pays for: the lurah-list subsidy and agency lists
        "active_subsidised": s["subsidised"] + s["agency_paid"],
        "active_agency_list": s["agency_paid"],
        "active_lurah_list": s["subsidised"],
        "in_arrears": s["arrears"],
        "lapsed": s["lapsed"],
        "reached_not_enrolled": s["reached"] + s["waiting"],
        "verified_waiting": s["waiting"],
        "unreached": s["unreached"],
        "new_enrolments": result.flows["new_enrolments"],
        "subsidy_enrolments": result.flows["subsidy_enrolments"],
        "crowd_out": result.flows["crowd_out"],
        "subsidy_exits": result.flows["subsidy_exits"],
        "listed": result.flows["listed"],
        "verified": result.flows["verified"],
        "expected_deaths": active * monthly(money["death_rate"]),
        "subsidy_rp": result.subsidy_spend,  # the lurah-list subsidy: what a cap covers
        "agency_rp": _to_units(agency_rp, agency.unit, units),  # the agency lists' spend
        "outreach_rp": monthly(money["outreach_contacts"] * money["outreach_cost_per_contact"]),
        "contributions_rp": paying_self * monthly(money["self_payer_contribution"]),
        "benefits_rp": active * monthly(
            money["death_rate"] * (money["jkm_benefit"] + money["scholarship_per_death"])
            + money["accident_rate"] * money["accident_cost"]
            + money["fatal_accident_rate"] * (money["fatal_accident_benefit"]
                                              + money["scholarship_per_death"])),
        "cap_binds": result.cap_binds.astype(float),
    }
    # wage-earner (PU) members a government pays for: outside the informal pool, no
    # behaviour, as many as paid: the schemes in force and what a scenario adds (the lever)
    lever = monthly(money["wage_earner_members"])
    lever[:, :, 0] = np.broadcast_to(money["wage_earner_members_start"], (draws, units))
    lever_rp = lever * monthly(money["wage_earner_package"])
    lever_rp[:, :, 0] = 0.0
    metrics["wage_earner_members"] = lever + _to_units(pu_members, pu.unit, units)
    metrics["wage_earner_rp"] = lever_rp + _to_units(pu_rp, pu.unit, units)
    by_payer = (_by_payer(result, money, metrics, agency_rp, pu_rp, lever_rp) if with_payers
                else {})
    if with_total:
        for name, array in metrics.items():
            total = array.sum(axis=1, keepdims=True)
            if name == "cap_binds":
                total = array.max(axis=1, keepdims=True)
            metrics[name] = np.concatenate([array, total], axis=1)
        by_payer = {key: np.concatenate([array, array.sum(axis=1, keepdims=True)], axis=1)
                    for key, array in by_payer.items()}
    metrics["coverage"] = metrics["active"] / np.maximum(metrics["pool"], 1e-9)
    return metrics, by_payer


def _to_units(per_scheme: np.ndarray, scheme_unit: np.ndarray, units: int) -> np.ndarray:
    """(D|1, U, T+1) sums of a (D|1, S, T+1) per-scheme array over each unit's schemes."""
    out = np.zeros((per_scheme.shape[0], units, per_scheme.shape[2]))
    for k, unit in enumerate(scheme_unit):
        out[:, unit] += per_scheme[:, k]
    return out


def _by_payer(result: ModelResult, money: dict, metrics: dict, agency_rp: np.ndarray,
              pu_rp: np.ndarray, lever_rp: np.ndarray) -> dict[tuple[str, str], np.ndarray]:
    """(item, payer) -> (D, U, APBD years) Rupiah: each scheme's spend to its payer, the
    lurah-list subsidy to the payer in force each month, outreach to the local government,
    self-payers' own contributions to the worker; summed by APBD year (the projected months
    of each year, per draw) so that no month-by-month copy is kept."""
    draws, units, slots = result.pool.shape
    years = np.asarray(money["months"]) // 12
    starts = np.flatnonzero(np.r_[True, years[2:] != years[1:-1]]) + 1  # from slot 1
    out: dict[tuple[str, str], np.ndarray] = {}

    def add(item: str, payer: str, array: np.ndarray) -> None:
        if not np.any(array):
            return
        array = np.broadcast_to(array, (array.shape[0], units, slots))
        yearly = np.add.reduceat(array[:, :, 1:], starts - 1, axis=2)
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
    for arrays, spend, item in ((money["agency_schemes"], agency_rp, "agency"),
                                (money["wage_earner_schemes"], pu_rp, "wage_earner")):
        for payer in sorted(set(arrays.payers)):
            mine = [k for k, p in enumerate(arrays.payers) if p == payer]
            add(item, payer, _to_units(spend[:, mine], arrays.unit[mine], units))
    by_month("wage_earner", np.asarray(money["payer_pu"], dtype=object), lever_rp)
    add("outreach", OUTREACH_PAYER, metrics["outreach_rp"])
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
    public = run["subsidy_rp"] + run["agency_rp"] + run["outreach_rp"]
    public_base = baseline["subsidy_rp"] + baseline["agency_rp"] + baseline["outreach_rp"]
    extra_cost = np.cumsum(public - public_base, axis=2)
    extra_worker_years = np.cumsum(extra_active[:, :, 1:], axis=2) / 12.0
    per_year = np.full(extra_active.shape, np.nan)
    positive = extra_worker_years > 1e-6
    per_year[:, :, 1:] = np.where(positive, extra_cost[:, :, 1:]
                                  / np.where(positive, extra_worker_years, 1.0), np.nan)
    run["additional_active"] = extra_active
    run["cost_per_additional_worker_year_rp"] = per_year


def percentiles(array: np.ndarray) -> np.ndarray:
    """p10, p50, p90 over the draws axis (axis 0), ignoring NaN (numpy's linear method).

    numpy's nanpercentile loops in Python over every cell when NaN are present; sorting
    once (NaN sort last) and interpolating by index is the same arithmetic, vectorised."""
    draws = array.shape[0]
    if draws == 1:
        return np.repeat(array, len(PERCENTILES), axis=0)
    if not np.isnan(array).any():
        return np.percentile(array, PERCENTILES, axis=0)
    ordered = np.sort(array, axis=0)
    valid = (~np.isnan(ordered)).sum(axis=0)
    result = np.full((len(PERCENTILES), *array.shape[1:]), np.nan)
    for k, q in enumerate(PERCENTILES):
        position = q / 100.0 * np.maximum(valid - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        low = np.take_along_axis(ordered, below[None], axis=0)[0]
        high = np.take_along_axis(ordered, above[None], axis=0)[0]
        result[k] = np.where(valid > 0, low + (high - low) * (position - below), np.nan)
    return result
