"""The explorer's grid from stacked runs (engine.variants) gives exactly what a projection of
each combination on its own gives: every cell, and every array of every run, bit for bit."""

from __future__ import annotations

import weakref
from dataclasses import fields, replace

import numpy as np
import pytest
from conftest import PARAMS, REPO

from simulation.engine import variants
from simulation.engine.inputs import build_inputs
from simulation.engine.model import ModelResult
from simulation.engine.projection import replay_history, run_scenario
from simulation.engine.schemes import SchemeArrays
from simulation.engine.variants import run_variants
from simulation.params import BASELINE, apply_scenario
from simulation.reporting.content.data import load_report_data
from simulation.reporting.content.whatif_grid import (
    ADDED,
    PACKAGES,
    added_places,
    grid,
    option,
    with_added_places,
)

# on one pytest-xdist worker: its report data and grids made once, not once a worker
pytestmark = pytest.mark.xdist_group("whatif-variants")
DATA = REPO / "data"
REGIONS = ("kota-madiun", "pacitan")  # a lurah-list scheme in force, and none


@pytest.fixture(scope="module")
def data():
    """Two regions (so a total too), 50 draws, two years from October 2026."""
    return load_report_data(str(PARAMS), ",".join(REGIONS), "2026-10", "baseline,bantuan-iuran",
                            24, 50, 20191022, "id", None, str(DATA))


@pytest.fixture(scope="module")
def grids(data):
    return {region: grid(data, region) for region in REGIONS}


def reference(data, region, places, start, package, months):
    """The cell as each combination was computed before the grid was stacked."""
    added = added_places(data.params, region, start, places, package)
    return option(with_added_places(data, region, start, places, package), ADDED, region,
                  months, added=added)


@pytest.mark.parametrize("region", REGIONS)
def test_every_package_and_a_part_year_start_give_exactly_the_run_of_their_own(
        data, grids, region):
    found = grids[region]
    january, *later = found.starts
    assert january % 12 == 0 and later and all(s % 12 for s in later)  # part years too
    chosen = [(1000, january, package) for package in PACKAGES]
    chosen += [(15_000, later[-1], package) for package in PACKAGES]
    chosen += [(2500, later[0], "bpu_jht"), (7500, later[1], "pu_jkk_jkm")]
    for places, start, package in chosen:
        own = reference(data, region, places, start, package, found.months)
        assert found.cell(places, start, package) == own, (places, start, package)


@pytest.mark.parametrize("region", REGIONS)
def test_no_places_is_the_policy_in_force_in_every_cell(data, grids, region):
    found = grids[region]
    in_force = option(data, BASELINE, region, found.months)
    assert found.baseline == in_force
    assert all(found.cell(0, s, p) == in_force for s in found.starts for p in found.packages)


def equal(a, b, where: str, broadcast: bool = False) -> None:
    """Every array in ``a`` and ``b`` the same, bit for bit (NaN where NaN); ``broadcast``:
    a row shared by every draw may stand for the draws."""
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            equal(a[key], b[key], f"{where}[{key}]", broadcast)
    elif isinstance(a, tuple):
        assert len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            equal(x, y, f"{where}[{k}]", broadcast)
    elif isinstance(a, SchemeArrays):
        assert a.schemes == b.schemes, where
        for name in ("unit", "members", "cost"):
            equal(getattr(a, name), getattr(b, name), f"{where}.{name}", broadcast)
    elif isinstance(a, np.ndarray):
        if broadcast:
            shape = np.broadcast_shapes(a.shape, b.shape)
            a, b = np.broadcast_to(a, shape), np.broadcast_to(b, shape)
        assert a.shape == b.shape and a.dtype == b.dtype, where
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), where
    else:
        assert a == b, where


def same_run(stacked, own) -> None:
    assert stacked.name == own.name
    for f in fields(ModelResult):
        equal(getattr(stacked.result, f.name), getattr(own.result, f.name), f.name)
    equal(stacked.per_draw, own.per_draw, "per_draw")
    # an item a payer pays nothing for is left out, as in a run of its own (order aside)
    equal(dict(sorted(stacked.by_payer.items())), dict(sorted(own.by_payer.items())),
          "by_payer")
    equal(stacked.scheme_members, own.scheme_members, "scheme_members")
    equal(stacked.money, own.money, "money", broadcast=True)


@pytest.mark.parametrize("draws", [50, 1])  # the report's draws, and the central path
@pytest.mark.parametrize("package", PACKAGES)
def test_a_stacked_run_cut_into_variants_is_each_variants_own_run_array_by_array(
        data, monkeypatch, draws, package):
    request = replace(data.request, scenarios=(BASELINE,), draws=draws)
    starts = (request.start + 2, request.start + 8, request.start + 2)
    added = [added_places(data.params, "kota-madiun", start, places, package)
             for start, places in zip(starts, (1000, 15_000, 2500), strict=True)]
    params = replace(data.params, schemes=(*data.params.schemes, added[0]))
    replayed = replay_history(params, request)
    # room for two variants a run: one run of two, then one of one
    monkeypatch.setattr(variants, "STACK_BYTES", 2 * variants.STACK_BYTES
                        // variants.variants_per_run(draws, 3, request.months))
    assert variants.variants_per_run(draws, 3, request.months) == 2
    stacked = list(run_variants(data.params, BASELINE, request, replayed, True, added, ADDED))
    assert len(stacked) == len(added)
    for scheme, run in zip(added, stacked, strict=True):
        with_it = replace(data.params, schemes=(*data.params.schemes, scheme))
        own = run_scenario(with_it, BASELINE, request, replay_history(with_it, request), True,
                           label=ADDED)
        same_run(run, own)


@pytest.mark.parametrize("package", ["bpu_jkk_jkm", "pu_jkk_jkm"])
def test_variants_differ_in_the_added_groups_members_alone(data, package):
    """What stacking rests on: the history replayed, every model input and every money
    grid are the same whatever the new places' start and number, but the added group's
    members."""
    request = replace(data.request, scenarios=(BASELINE,))
    built = []
    for start, places in ((request.start + 2, 1000), (request.start + 11, 15_000)):
        scheme = added_places(data.params, "kota-madiun", start, places, package)
        params = apply_scenario(replace(data.params, schemes=(*data.params.schemes, scheme)),
                                BASELINE)
        replayed = replay_history(params, request)
        built.append((replayed, *build_inputs(params, request, replayed)))
    (replay_a, inputs_a, money_a), (replay_b, inputs_b, money_b) = built
    for f in fields(replay_a):
        equal(getattr(replay_a, f.name), getattr(replay_b, f.name), f.name)
    holder = "wage_earner_schemes" if package == "pu_jkk_jkm" else "agency_schemes"
    column = money_a[holder].names.index(ADDED)
    for f in fields(inputs_a):
        if f.name != "scheme_target":
            equal(getattr(inputs_a, f.name), getattr(inputs_b, f.name), f.name)
    for key in money_a:
        if key != holder:
            equal(money_a[key], money_b[key], key)
    a, b = money_a[holder], money_b[holder]
    assert a.schemes != b.schemes  # the added group's years
    equal(a.cost, b.cost, "cost")
    others = [k for k in range(a.members.shape[1]) if k != column]
    equal(a.members[:, others], b.members[:, others], "members")
    assert not np.array_equal(a.members[:, column], b.members[:, column])
    if holder == "agency_schemes":
        equal(inputs_a.scheme_target, a.members[:, :, 1:], "scheme_target")
        equal(inputs_b.scheme_target, b.members[:, :, 1:], "scheme_target")


def test_schemes_that_differ_in_more_than_their_years_do_not_run_stacked(data):
    request = replace(data.request, scenarios=(BASELINE,))
    added = [added_places(data.params, "kota-madiun", request.start + 2, 1000, package)
             for package in ("bpu_jkk_jkm", "bpu_jht")]
    with pytest.raises(ValueError, match="more than their years"):
        next(run_variants(data.params, BASELINE, request, None, True, added, ADDED))


def test_a_stacked_run_goes_once_its_last_variant_is_let_go(data, monkeypatch):
    """Memory holds one stacked run at a time: nothing but its variants keeps it, so it is
    gone before the next one runs."""
    request = replace(data.request, scenarios=(BASELINE,))
    added = [added_places(data.params, "kota-madiun", request.start + 2, places, "bpu_jht")
             for places in (1000, 2500)]
    monkeypatch.setattr(variants, "STACK_BYTES", 1)  # one variant a run
    alive_when_run, model_run, gone = [], variants.run_model, None

    def run_model(inputs):
        alive_when_run.append(gone is not None and gone() is not None)
        return model_run(inputs)

    monkeypatch.setattr(variants, "run_model", run_model)
    runs = run_variants(data.params, BASELINE, request, None, True, added, ADDED)
    first = next(runs)
    stacked = first.result.pool
    while stacked.base is not None:
        stacked = stacked.base
    gone = weakref.ref(stacked)
    del first, stacked
    next(runs)
    assert alive_when_run == [False, False]
