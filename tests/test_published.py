"""Published counts as data points, the illustrative series through them, and the hindcast."""

from __future__ import annotations

import re
import shutil
import sys
import textwrap

import pandas as pd
import pytest
from conftest import REPO

from simulation.calibration.hindcast import hindcast, mean_absolute_error_share, summary
from simulation.errors import InputError
from simulation.intake.published import load_points
from simulation.intake.state import Observations, observed_state
from simulation.months import format_month, parse_month
from simulation.params import load_params

sys.path.insert(0, str(REPO / "data" / "actuals"))
from make_illustrative import holds_the_point, scheme_series_value  # noqa: E402  (its own rule)

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
    assert len(points) >= 50
    assert points.source_id.str.len().min() > 10 and points.source_en.str.len().min() > 10
    assert set(points.measure) == {"active_bpu", "scheme_bpu", "scheme_pu", "scheme_all",
                                   "informal_workers", "all_members", "group_members"}
    branch_2019 = points[points.id == "branch-2019-10"].iloc[0]
    assert branch_2019.approximate and len(branch_2019.regions) == 6
    # at least four regions have counts of their own, each with its source
    single = points[points.regions.map(len) == 1]
    assert {c for r in single.regions for c in r} == {"35.01", "35.02", "35.19", "35.20",
                                                      "35.21", "35.77"}


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
    (lambda text: text.replace("    measure: scheme_all\n",
                               "    measure: scheme_all\n    schemes: [ngawi-dbhcht]\n"),
     "points.0.schemes: got 'ngawi-dbhcht'; expected a scheme of the point's regions"),
    (lambda text: text.replace("    measure: scheme_all\n",
                               "    measure: scheme_pu\n    schemes: [kota-madiun-bpu]\n"),
     "points.0.schemes: got 'kota-madiun-bpu'; expected a scheme of the group scheme_pu "
     "counts (kota-madiun-bpu pays for BPU members)"),
    (lambda text: text.replace("    measure: scheme_all\n",
                               "    measure: active_bpu\n    schemes: [kota-madiun-bpu]\n"),
     "points.0.schemes: got ['kota-madiun-bpu']; expected no schemes for the measure "
     "active_bpu"),
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
    """Every point of a measure the series holds: active BPU members, and the members the
    schemes pay for (less the agency-list schemes a point does not name, plus the wage
    earners it counts, at the scheme files' central sizes). Where two points of a region
    fall in one month the series passes between them."""
    actuals = observations.actuals
    assert (actuals.kind == "illustrative").all()
    assert actuals.month.max() == "2026-10"
    points = observations.points
    points = points[points.measure.isin(["active_bpu", "scheme_bpu", "scheme_all"])]
    checked = 0
    for (month, regions, measure), same in points.groupby(["month", "regions", "measure"]):
        rows = actuals[(actuals.month == format_month(month)) & actuals.region.isin(regions)]
        assert len(rows) == len(regions), same.id.tolist()
        said = []
        same = same[[measure == "active_bpu" or holds_the_point(params, regions[0], point)
                     for point in same.itertuples()]]
        for point in same.itertuples():
            if measure == "active_bpu":
                said.append(rows.active.sum())
            else:
                said.append(scheme_series_value(params, regions[0], month,
                                                float(rows.subsidised.sum()), point))
        low, high = same.value.min(), same.value.max()
        for point, value in zip(same.itertuples(), said, strict=True):
            assert low - 1 <= value <= high + 1, (point.id, value)
            if len(same) == 1:
                assert abs(value - point.value) <= 1, (point.id, value)  # rounding
        checked += len(same)
    assert checked >= 40


def test_the_illustrative_series_has_no_month_that_falls_and_comes_back(observations):
    """A count of one agency's list (Kota Madiun's water company: 1,184 members in
    September 2024) once bent the city's whole series down to it for a month."""
    actuals = observations.actuals.sort_values(["region", "month"])
    for region, rows in actuals.groupby("region"):
        for column in ("active", "subsidised"):
            values = rows[column].fillna(0).to_numpy(dtype=float)
            for k in range(1, len(values) - 1):
                around = min(values[k - 1], values[k + 1])
                assert values[k] >= 0.8 * around, (region, rows.month.iloc[k], column)


def test_a_projection_from_2026_starts_from_the_schemes_real_size(params, observations):
    # December 2025: 9,582 BPU members of the lurah-list scheme (17,484 less 7,902 wage
    # earners; the water company's CSR list is named apart)
    state = observed_state(params, observations, parse_month("2025-12"))
    assert state.parameter("subsidised_bpu").central("35.77", parse_month("2025-12")) == 9582
    assert params.parameter("subsidised_bpu").central("35.77", parse_month("2025-12")) == 0
    # Ponorogo has no lurah-list scheme: its members are the agency lists', from the files
    assert state.parameter("subsidised_bpu").central("35.02", parse_month("2025-12")) == 0
    # what the data knew by then, nothing later
    assert state.parameter("subsidised_bpu").central("35.77", parse_month("2026-10")) == 9582


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
    used = replay[replay.status == "used for a parameter"]
    assert len(checked) + len(used) >= 15  # the floor
    # checked points in at least three regions, used ones in five
    assert checked.regions.nunique() >= 3 and used.regions.nunique() >= 5
    assert set(used.id) >= {"kota-madiun-2020-09-verified", "kota-madiun-2024-11",
                            "ponorogo-2025-09", "ngawi-2024-10", "magetan-2024-07",
                            "pacitan-2024-07"}
    assert set(replay[replay.measure == "all_members"].status) == {"not modelled (context)"}


def test_hindcast_errors_are_the_replay_less_the_published_value(replay):
    row = replay[replay.id == "kota-madiun-2022-07"].iloc[0]
    assert row.error == row.model_p50 - 4974
    assert row.error_share == pytest.approx(row.error / 4974, abs=1e-4)
    assert row.in_band == (row.model_p10 <= 4974 <= row.model_p90)
    checked = replay[replay.status == "checked"]
    assert mean_absolute_error_share(replay) == pytest.approx(checked.error_share.abs().mean())
    assert checked.model_p10.le(checked.model_p50).all()
    assert checked.model_p50.le(checked.model_p90).all()


def test_the_hindcast_summary_gives_error_and_band_coverage_per_region_and_overall(replay):
    table = summary(replay)
    overall = table[table.area == "overall"].iloc[0]
    checked = replay[replay.status == "checked"]
    assert overall.checked == len(checked)
    assert overall.inside_band == pytest.approx(checked.in_band.astype(bool).mean())
    kota = table[table.area == "Kota Madiun"].iloc[0]
    mine = checked[checked.regions == "Kota Madiun"]
    assert kota.checked == len(mine) > 10
    assert kota.mean_absolute_error == pytest.approx(mine.error_share.abs().mean())
    # the bands carry our uncertainty over scheme sizes, listing and behaviour: a Kota
    # Madiun count is held in most draws' band, not in a band of +-1%
    assert (mine.model_p90 - mine.model_p10).median() > 0.1 * mine.published.median()


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
    assert "| checked points of | points | mean absolute error | inside the p10-p90 band" \
        in stdout
    assert re.search(r"\| overall \| \d+ \| \d+\.\d% \| \d+% \|", stdout)
    assert len(pd.read_csv(out)) == len(load_points(DATA / "published" / "points.yaml",
                                                    load_params(REPO / "params")))


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
