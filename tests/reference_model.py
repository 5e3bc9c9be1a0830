"""A plain per-unit, per-draw Python loop of the model's equations.

Written from the docstring of ``simulation.model`` without numpy, it checks the vectorised
engine (tests/test_model.py) and is the baseline of the benchmark (benchmarks/).
"""

from __future__ import annotations

import math

import numpy as np


def _value(array, d: int, u: int, t: int | None = None) -> float:
    array = np.asarray(array, dtype=float)
    if array.ndim == 0:
        return float(array)
    d = d if array.shape[0] > 1 else 0
    u = u if array.shape[1] > 1 else 0
    if array.ndim == 2 or t is None:
        return float(array[d, u] if array.ndim == 2 else array[d, u, 0])
    return float(array[d, u, t if array.shape[2] > 1 else 0])


def run_loop(inputs) -> dict[str, np.ndarray]:
    """Return active, subsidised, lapsed and spend arrays (draws, units, months + 1)."""
    draws, units, months = inputs.shape
    out = {name: np.zeros((draws, units, months + 1))
           for name in ("active", "subsidised", "lapsed", "spend", "pool")}
    lags = np.broadcast_to(np.asarray(inputs.verification_lag, int), (units,))
    for d in range(draws):
        for u in range(units):
            v = lambda name, t=None, d=d, u=u: _value(getattr(inputs, name), d, u, t)  # noqa: E731
            pool = v("initial_pool")
            s = v("initial_self_paying")
            g = v("initial_subsidised")
            arrears0 = v("initial_arrears")
            un, r, lap = pool - s - g - arrears0, 0.0, 0.0
            a1 = a2 = a3 = arrears0 / 3
            w, c, spent, was_on = 0.0, 0.0, 0.0, False

            out["active"][d, u, 0] = s + g + arrears0
            out["subsidised"][d, u, 0] = g
            out["pool"][d, u, 0] = pool
            for t in range(months):
                total = un + r + w + s + a1 + a2 + a3 + g + lap
                keep = 1 - v("pool_exit_rate", t)
                entrants = total * v("pool_entry_rate", t)
                un, r, w, c, s, a1, a2, a3, g, lap = (
                    un * keep + entrants, r * keep, w * keep, c * keep, s * keep, a1 * keep,
                    a2 * keep, a3 * keep, g * keep, lap * keep)
                lap += a3
                a1, a2, a3 = 0.0, a1, a2
                stop = s * v("lapse_rate", t)
                s -= stop
                a1 += stop
                rereg = lap * v("reregistration_rate", t)
                lap -= rereg
                s += rereg
                total = un + r + w + s + a1 + a2 + a3 + g + lap
                campaign = 1 - math.exp(-v("outreach_contacts", t) / max(total, 1.0))
                reached_share = 1 - (1 - v("organic_reach_rate", t)) * (1 - campaign)
                newly = un * reached_share
                converted = un * campaign * v("outreach_conversion", t)
                un -= newly
                r += newly - converted
                s += converted
                potential = v("potential_share", t) * total
                at_risk = un + r
                headroom = max(potential - (s + a1 + a2 + a3), 0.0)
                talking = s + a1 + a2 + a3 + v("subsidised_imitation_weight", t) * g
                hazard = v("outside_influence", t) + v("imitation", t) * talking / max(
                    potential, 1e-12)
                hazard = min(max(hazard * min(1.0, headroom / max(at_risk, 1e-12)), 0.0), 1.0)
                s += (un + r) * hazard
                un, r = un * (1 - hazard), r * (1 - hazard)

                quota = v("subsidy_quota", t)
                on = quota > 0
                if was_on and not on:
                    r, w, c = r + w, 0.0, 0.0
                c = min(c, s)
                was_on = on
                source = t - int(lags[u])
                arrival = 0.0
                if source >= 0:
                    arrival = v("listed", source) * v("verification_pass_rate", source)
                not_active = un + r + lap
                free = s - c
                share_s = free / max(free + not_active, 1e-12)
                self_listed = min(arrival * min(v("crowd_out_share", t), share_s), free)
                c += self_listed
                listed_rest = min(arrival - self_listed, not_active)
                share = listed_rest / max(not_active, 1e-12)
                un, r, lap = un * (1 - share), r * (1 - share), lap * (1 - share)
                w += listed_rest
                if inputs.year_starts[t]:
                    spent = 0.0
                cap = v("budget_cap", t)
                remaining = max(v("remaining_year_cost", t), 1e-12)
                affordable = math.inf if math.isinf(cap) else max(cap - spent, 0.0) / remaining
                sustainable = math.inf
                if inputs.next_year_cap is not None:
                    next_cap = v("next_year_cap", t)
                    sustainable = (math.inf if math.isinf(next_cap)
                                   else next_cap / max(v("next_year_cost", t), 1e-12))
                target = min(quota, affordable, sustainable) if on else 0.0
                dropped = max(g - target, 0.0)
                kept = dropped * v("retention_after_subsidy", t)
                g -= dropped
                s += kept
                a1 += dropped - kept
                on_list = w + c
                enrolled = max(min(on_list, target - g), 0.0)
                taken = enrolled / max(on_list, 1e-12)
                s -= c * taken
                c -= c * taken
                w -= w * taken
                g += enrolled
                spend = g * v("subsidy_cost", t)
                spent += spend
                out["active"][d, u, t + 1] = s + a1 + a2 + a3 + g
                out["subsidised"][d, u, t + 1] = g
                out["lapsed"][d, u, t + 1] = lap
                out["spend"][d, u, t + 1] = spend
                out["pool"][d, u, t + 1] = un + r + w + s + a1 + a2 + a3 + g + lap
    return out
