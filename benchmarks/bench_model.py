"""Benchmark of the engine (``make bench``; not part of the tests).

Times, best of several runs in this process:
1. a deterministic projection of the shipped scenarios (6 regions x 60 months);
2. a Monte Carlo run, 6 regions x 10,000 draws x 60 months: the engine alone, and the whole
   projection (sampling, engine, percentiles), with where its time goes;
3. a large deterministic run, 83,000 villages x 120 months (synthetic inputs);
4. the plain per-unit Python loop of the same equations (tests/reference_model.py) against
   the vectorised engine on one small case, and the ratio.
Targets (2-core machine): Monte Carlo under 1 s, 83,000 villages under 3 s.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from reference_model import run_loop  # noqa: E402

from simulation.engine import projection as projection_module  # noqa: E402
from simulation.engine.inputs import ProjectionRequest, build_inputs  # noqa: E402
from simulation.engine.model import ModelInputs, run_model  # noqa: E402
from simulation.engine.projection import project  # noqa: E402
from simulation.months import parse_month  # noqa: E402
from simulation.params import apply_scenario, load_params  # noqa: E402


def best_of(repeats: int, action) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


# the steps of a projection, as projection.py calls them, and what to call each in the report
STAGES = {"replay_history": "replay", "build_inputs": "sampling", "simulate": "engine",
          "per_draw_metrics": "per-draw metrics", "compared_metrics": "per-draw metrics",
          "scheme_member_series": "per-draw metrics", "add_comparison": "comparison",
          "tidy": "percentiles+tidy", "annual_budget": "budget"}


@contextmanager
def stage_times(into: dict[str, float]):
    """Add the seconds spent in each step of a projection to ``into`` (a step inside another,
    such as the replay's own sampling and engine run, counts for the outer one)."""
    originals = {name: getattr(projection_module, name) for name in STAGES}
    depth = [0]

    def timed(name, original):
        def call(*args, **kwargs):
            if depth[0]:
                return original(*args, **kwargs)
            depth[0] += 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                into[STAGES[name]] += time.perf_counter() - started
                depth[0] -= 1
        return call

    for name, original in originals.items():
        setattr(projection_module, name, timed(name, original))
    try:
        yield into
    finally:
        for name, original in originals.items():
            setattr(projection_module, name, original)


def projection_with_stages(params, request, repeats: int) -> tuple[float, dict[str, float]]:
    """The best of ``repeats`` projections, and where its time went."""
    best = (float("inf"), {})
    for _ in range(repeats):
        stages: dict[str, float] = defaultdict(float)
        with stage_times(stages):
            started = time.perf_counter()
            project(params, request)
            seconds = time.perf_counter() - started
        best = min(best, (seconds, dict(stages)), key=lambda pair: pair[0])
    seconds, stages = best
    stages["other"] = seconds - sum(stages.values())
    return seconds, stages


def synthetic_inputs(draws: int, units: int, months: int, seed: int = 1) -> ModelInputs:
    """Village-like inputs: every flow switched on, a subsidy in half the units."""
    rng = np.random.default_rng(seed)

    def per_unit(low: float, high: float) -> np.ndarray:
        return rng.uniform(low, high, (draws, units, 1))

    pool = rng.uniform(300, 3000, (draws, units))
    return ModelInputs(
        initial_pool=pool, initial_self_paying=pool * 0.01,
        initial_subsidised=np.zeros((draws, units)), initial_arrears=np.zeros((draws, units)),
        pool_entry_rate=per_unit(0.002, 0.005), pool_exit_rate=per_unit(0.002, 0.004),
        outside_influence=per_unit(0.0004, 0.0017), imitation=per_unit(0.008, 0.025),
        potential_share=per_unit(0.3, 0.5), organic_reach_rate=per_unit(0.002, 0.01),
        outreach_contacts=per_unit(0, 30), outreach_conversion=per_unit(0, 0.05),
        lapse_rate=per_unit(0.03, 0.08), reregistration_rate=per_unit(0.002, 0.01),
        listed=np.where(np.arange(months) % 12 == 2, 1.0, 0.0)[None, None, :]
        * pool[:1, :, None] * 0.1, verification_pass_rate=per_unit(0.4, 0.6),
        verification_lag=rng.integers(0, 4, units),
        subsidy_quota=np.where(rng.random((1, units, 1)) < 0.5, pool[:1, :, None] * 0.05, 0.0),
        crowd_out_share=per_unit(0.02, 0.15), retention_after_subsidy=per_unit(0.15, 0.4),
        subsidy_cost=np.full((1, 1, 1), 16_800.0),
        remaining_year_cost=16_800.0 * (12 - np.arange(months) % 12)[None, None, :],
        budget_cap=np.where(rng.random((1, units, 1)) < 0.5, np.inf, pool[:1, :, None] * 8_000),
        year_starts=np.arange(months) % 12 == 0,
    )


def main() -> None:
    print(f"numpy {np.__version__}, {os.cpu_count()} cores")
    params = load_params(REPO / "params", include_local=False)
    start = parse_month("2026-11")  # the month after the shipped data: APBD 2027 ahead
    scenarios = tuple(sorted(params.scenarios))

    deterministic = ProjectionRequest(scenarios, params.regions, start, 60, 1, 1)
    seconds = best_of(5, lambda: project(params, deterministic))
    print(f"deterministic projection, {len(scenarios)} scenarios x 6 regions x 60 months: "
          f"{seconds:.3f} s")

    monte_carlo = ProjectionRequest(("kombinasi",), params.regions, start, 60, 10_000, 1)
    inputs, _ = build_inputs(apply_scenario(params, "kombinasi"), monte_carlo)
    engine = best_of(5, lambda: run_model(inputs))
    print(f"Monte Carlo engine, 6 regions x 10,000 draws x 60 months: {engine:.3f} s "
          f"(target < 1 s)")
    whole, stages = projection_with_stages(params, monte_carlo, 3)
    print(f"Monte Carlo projection incl. sampling, baseline run and percentiles of every metric: "
          f"{whole:.3f} s")
    print("  of which " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds
                                    in stages.items()))

    villages = synthetic_inputs(1, 83_000, 120)
    large = best_of(3, lambda: run_model(villages))
    print(f"83,000 villages x 120 months, deterministic engine: {large:.3f} s (target < 3 s)")

    small = synthetic_inputs(50, 6, 60)
    loop_seconds = best_of(3, lambda: run_loop(small))
    vector_seconds = best_of(20, lambda: run_model(small))
    result, reference = run_model(small), run_loop(small)
    assert np.allclose(result.active, reference["active"], rtol=1e-10)
    print(f"same equations, 50 draws x 6 units x 60 months: plain Python loop "
          f"{loop_seconds * 1000:.0f} ms, vectorised {vector_seconds * 1000:.1f} ms, "
          f"ratio {loop_seconds / vector_seconds:.0f}x")
    monte_carlo_inputs = synthetic_inputs(10_000, 6, 60)
    synthetic_engine = best_of(3, lambda: run_model(monte_carlo_inputs))
    per_cell = loop_seconds / 300
    print(f"10,000 draws x 6 units x 60 months (synthetic): vectorised {synthetic_engine:.3f} s; "
          f"plain loop extrapolated {per_cell * 60_000:.0f} s "
          f"({per_cell * 60_000 / synthetic_engine:.0f}x)")


if __name__ == "__main__":
    main()
