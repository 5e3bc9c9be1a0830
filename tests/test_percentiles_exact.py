"""The fast percentiles give numpy's numbers exactly, bit for bit, whatever the draws."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from simulation.engine.quantiles import PERCENTILES, percentiles, percentiles_each


def bits(values: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(values, dtype=np.float64).view(np.int64)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.array_equal(bits(a), bits(b))


def sorted_reference(values: np.ndarray) -> np.ndarray:
    """p10, p50, p90 of each lane's numbers that are not NaN, lane by lane: sorted, then
    interpolated by index as low + (high - low) * fraction (NaN where there are none)."""
    lanes = np.moveaxis(values, 0, -1).reshape(-1, values.shape[0])
    out = np.full((len(PERCENTILES), lanes.shape[0]), np.nan)
    for j, lane in enumerate(lanes):
        kept = np.sort(lane[~np.isnan(lane)])
        if not len(kept):
            continue
        for k, q in enumerate(PERCENTILES):
            position = q / 100.0 * (len(kept) - 1)
            below = int(np.floor(position))
            above = min(below + 1, len(kept) - 1)
            out[k, j] = kept[below] + (kept[above] - kept[below]) * (position - below)
    return out.reshape(len(PERCENTILES), *values.shape[1:])


DRAWS = [1, 2, 3, 10, 11, 500, 501, 1000, 1001]


@pytest.mark.parametrize("draws", DRAWS)
def test_without_nan_they_are_np_percentile(draws):
    rng = np.random.default_rng(draws)
    values = rng.normal(size=(draws, 3, 7)) * 10.0 ** rng.integers(-3, 8, (draws, 3, 7))
    assert same_bits(percentiles(values), np.percentile(values, PERCENTILES, axis=0))


@pytest.mark.parametrize("draws", DRAWS)
def test_ties_zeros_infinities_and_a_negative_zero_are_np_percentile(draws):
    rng = np.random.default_rng(100 + draws)
    choices = np.array([0.0, 0.0, 1.0, 2.0, 2.0, 3.5, np.inf, -np.inf, -1.0])
    values = choices[rng.integers(0, len(choices), (draws, 4, 5))]
    with np.errstate(invalid="ignore"):  # inf - inf between two infinite neighbours
        for _ in range(2):
            expected = (np.repeat(values, 3, axis=0) if draws == 1  # the central path as is
                        else np.percentile(values, PERCENTILES, axis=0))
            assert same_bits(percentiles(values), expected)
            values[rng.random(values.shape) < 0.3] = -0.0  # a zero's sign is numpy's too


@pytest.mark.parametrize("draws", DRAWS)
def test_with_nan_they_are_the_sorted_numbers_interpolated(draws):
    rng = np.random.default_rng(200 + draws)
    values = rng.normal(size=(draws, 4, 6)) * 1e5
    values[rng.random(values.shape) < 0.25] = np.nan
    values[:, 0, 0] = np.nan  # a lane with no number
    values[1:, 1, 1] = np.nan  # a lane with one
    result = percentiles(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the all-NaN lane
        numpy_says = np.nanpercentile(values, PERCENTILES, axis=0)
    if draws == 1:
        assert same_bits(result, np.repeat(values, 3, axis=0))
        assert same_bits(result, numpy_says)
        return
    assert same_bits(result, sorted_reference(values))
    assert np.isnan(result[:, 0, 0]).all()
    # numpy interpolates from the upper number above the middle: the last bit may differ
    np.testing.assert_allclose(result, numpy_says, rtol=1e-12, atol=0)


def test_any_layout_and_shape_and_many_arrays_through_one_working_copy():
    rng = np.random.default_rng(7)
    month_major = np.ascontiguousarray(rng.normal(size=(9, 300, 4))).transpose(1, 2, 0)
    arrays = [month_major, rng.normal(size=(300,)), rng.normal(size=(300, 4, 9)),
              rng.normal(size=(301, 2)), month_major[:, :2, ::2], rng.normal(size=(1, 3))]
    for array, result in zip(arrays, percentiles_each(arrays), strict=True):
        expected = (np.repeat(array, 3, axis=0) if array.shape[0] == 1
                    else np.percentile(array, PERCENTILES, axis=0))
        assert same_bits(result, expected)
        assert same_bits(percentiles(array), expected)


def test_integers_are_np_percentile():
    values = np.random.default_rng(8).integers(-50, 50, (101, 3))
    assert same_bits(percentiles(values), np.percentile(values, PERCENTILES, axis=0))


@pytest.mark.parametrize("draws", DRAWS)
@pytest.mark.parametrize("constant", [0.0, 0.5, 0.95, 1.0])
def test_lanes_of_one_number_among_others_are_np_percentile(draws, constant):
    # lanes whose draws are all one number skip the selection: the same numbers still
    rng = np.random.default_rng(300 + draws)
    values = rng.normal(size=(draws, 6, 9)) * 10.0 ** rng.integers(-3, 8, (draws, 6, 9))
    same = rng.random((6, 9)) < constant
    values[:, same] = rng.choice([0.0, -0.0, 7.25, -3.0, np.inf], size=same.sum())
    with np.errstate(invalid="ignore"):  # an infinite lane: inf - inf
        expected = (np.repeat(values, 3, axis=0) if draws == 1
                    else np.percentile(values, PERCENTILES, axis=0))
        assert same_bits(percentiles(values), expected)
        assert same_bits(next(percentiles_each([values])), expected)
