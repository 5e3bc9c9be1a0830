"""Published counts as data points, the illustrative series through them, and the hindcast."""

from __future__ import annotations

import shutil
import textwrap

import pandas as pd
import pytest
from conftest import REPO

from simulation.calibration.hindcast import hindcast, mean_absolute_error_share
from simulation.errors import InputError
from simulation.intake.published import load_points
from simulation.intake.state import Observations, observed_state
from simulation.months import format_month, parse_month

DATA = REPO / "data"
POINT = """\
points:
  - id: test-point
    date: "2024-11"
    regions: [kota-madiun]
    measure: scheme_all
    value: 16524
    source: {title: "A newspaper"}
    kind: published
    confidence: medium
    last_verified: 2026-11-27
"""


@pytest.fixture(scope="module")
def observations(params):
    return Observations.read(DATA, params)


def test_every_shipped_point_is_published_with_a_source(observations):
    points = observations.points
    assert len(points) == 10
    assert points.source_id.str.len().min() > 10 and points.source_en.str.len().min() > 10
    assert set(points.measure) == {"active_bpu", "scheme_bpu", "scheme_all"}
    branch_2019 = points[points.id == "branch-2019-10"].iloc[0]
    assert branch_2019.approximate and len(branch_2019.regions) == 6


@pytest.mark.parametrize("edit, words", [
    (lambda text: text.replace('    source: {title: "A newspaper"}\n', ""),
     "points.0.source: got '(missing)'; expected the source that published this figure"),
    (lambda text: text.replace('title: "A newspaper"', 'title: "  "'),
     "points.0.source.title: got '  '; expected the title of the source"),
    (lambda text: text.replace("[kota-madiun]", "[bogor]"),
     "points.0.regions: got 'bogor'; expected a known region"),
    (lambda text: text.replace('"2024-11"', '"2024-13"'),
     "points.0.date: got '2024-13'; expected a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    (lambda text: text.replace("kind: published", "kind: estimate"),
     "points.0.kind: got 'estimate'; expected 'published'"),
    (lambda text: text.replace("scheme_all", "members"),
     "points.0.measure: got 'members'"),
])
def test_a_point_without_a_source_or_with_a_wrong_value_is_refused(params, tmp_path, edit,
                                                                    words):
    path = tmp_path / "points.yaml"
    path.write_text(edit(POINT), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_points(path, params)
    assert any(words in str(p) and str(path) in str(p) for p in caught.value.problems), \
        caught.value.problems


def test_the_illustrative_series_passes_through_every_published_point(params, observations):
    actuals = observations.actuals
    assert (actuals.kind == "illustrative").all()
    assert actuals.month.max() == "2026-10"
    wage_earners = params.parameter("wage_earner_quota")
    for point in observations.points.itertuples():
        rows = actuals[(actuals.month == format_month(point.month))
                       & actuals.region.isin(point.regions)]
        assert len(rows) == len(point.regions), point.id
        if point.measure == "active_bpu":
            value = rows.active.sum()
        else:
            value = rows.subsidised.sum()
            if point.measure == "scheme_all":
                value += wage_earners.central(point.regions[0], point.month)
        assert value == point.value, point.id


def test_a_projection_from_2026_starts_from_the_schemes_real_size(params, observations):
    # December 2025: 17,484 published members less 8,750 wage earners = 8,734 BPU members
    state = observed_state(params, observations, parse_month("2025-12"))
    assert state.parameter("subsidised_bpu").central("35.77", parse_month("2025-12")) == 8734
    assert params.parameter("subsidised_bpu").central("35.77", parse_month("2025-12")) == 0
    # what the data knew by then, nothing later
    assert state.parameter("subsidised_bpu").central("35.77", parse_month("2026-10")) == 8734


def test_the_starting_state_takes_nothing_from_later_data(params, observations):
    early = observed_state(params, observations, parse_month("2019-12"))
    cut = Observations(observations.actuals[observations.actuals.month <= "2019-12"],
                       observations.points[observations.points.month <= parse_month("2019-12")])
    same = observed_state(params, cut, parse_month("2019-12"))
    for name in ("active_bpu", "subsidised_bpu"):
        for region in params.regions:
            month = parse_month("2019-12")
            assert early.parameter(name).central(region.code, month) == \
                same.parameter(name).central(region.code, month)


@pytest.fixture(scope="module")
def replay(params, observations):
    return hindcast(params, observations)


def test_the_hindcast_sets_the_replay_against_every_point(replay, observations):
    assert replay.id.tolist() == observations.points.id.tolist()
    before = replay[replay.date < "2020"]
    assert set(before.status) == {"before the replay", "the starting state"}
    checked = replay[replay.status == "checked"]
    assert set(checked.id) == {"kota-madiun-2020-09", "kota-madiun-2022-07",
                               "kota-madiun-2022-09"}
    used = replay[replay.status == "used for a parameter"]
    assert set(used.id) == {"kota-madiun-2024-11", "kota-madiun-2025-12"}


def test_hindcast_errors_are_the_replay_less_the_published_value(replay):
    row = replay[replay.id == "kota-madiun-2022-07"].iloc[0]
    assert row.error == row.model_p50 - 4974
    assert row.error_share == pytest.approx(row.error / 4974, abs=1e-4)
    checked = replay[replay.status == "checked"]
    assert mean_absolute_error_share(replay) == pytest.approx(checked.error_share.abs().mean())
    # the replay is close to what was published, but not made to fit: within 10%
    assert checked.error_share.abs().max() < 0.10


def test_the_hindcast_ignores_data_after_its_start(params, observations, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    store = data / "actuals" / "actuals.csv"
    frame = pd.read_csv(store, dtype=str, keep_default_na=False)
    later = frame.month > "2019-12"  # nonsense after the start (no scheme pays: the store's rules)
    frame.loc[later, "active"], frame.loc[later, "subsidised"] = "1", ""
    frame.to_csv(store, index=False)
    changed = hindcast(params, Observations.read(data, params))
    pd.testing.assert_frame_equal(changed, hindcast(params, observations))


def test_the_hindcast_command_prints_the_table(cli, tmp_path):
    out = tmp_path / "hindcast.csv"
    status, stdout, _ = cli("hindcast", "--params", REPO / "params", "--data", DATA,
                            "--markdown", "--out", out)
    assert status == 0
    assert "| 2022-07 | Kota Madiun | scheme_bpu | 4,974 |" in stdout
    assert "mean absolute error of the 3 checked point(s)" in stdout
    assert len(pd.read_csv(out)) == 10


def test_the_hindcast_refuses_an_end_before_its_start(cli):
    status, _, stderr = cli("hindcast", "--params", REPO / "params", "--data", DATA,
                            "--start", "2023-01", "--to", "2022-01")
    assert status == 2 and "--to: got '2022-01'; expected a month no earlier than" in stderr


def test_points_file_example_in_this_test_loads(params, tmp_path):
    path = tmp_path / "points.yaml"
    path.write_text(textwrap.dedent(POINT), encoding="utf-8")
    [point] = load_points(path, params).itertuples()
    assert point.month == parse_month("2024-11") and point.regions == ("35.77",)


def test_the_schemes_published_claims_load_and_a_wrong_region_is_refused(params, tmp_path):
    from simulation.intake.published import load_claims

    claims = load_claims(DATA / "published" / "claims.yaml", params)
    paid = claims[claims.measure == "claims_paid_rp"].value.iloc[0]
    paid_in = claims[claims.measure == "contributions_rp"].value.iloc[0]
    assert round(paid / paid_in, 2) == 2.07  # "about 206%" of what the city pays in
    bad = tmp_path / "claims.yaml"
    bad.write_text((DATA / "published" / "claims.yaml").read_text().replace(
        "region: kota-madiun", "region: surabaya", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"claims\.0\.region: got 'surabaya'"):
        load_claims(bad, params)
