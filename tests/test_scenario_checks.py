"""What the checks say about a new scenario: the README's example works, and a scenario
that shows nothing, a list that cannot clear and look-alike styles are warned about."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import PARAMS, REPO

from simulation.params import load_params
from simulation.params.schema import _luminance
from simulation.reporting.design.styles import scenario_style

DATA = REPO / "data"


def readme_scenario() -> dict:
    """The 'Adding a scenario' example of the README, as a scenario built on its base."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Adding a scenario")[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    base = yaml.safe_load((PARAMS / "scenarios" / "bantuan-iuran.yaml").read_text())
    base.update(yaml.safe_load(block))
    base.update(name="bantuan-magetan", display={"colour": "#332288", "line": [3, 1, 1, 1],
                                                 "marker": "P"})
    return base


@pytest.fixture
def tree(tmp_path):
    target = tmp_path / "params"
    shutil.copytree(PARAMS, target, ignore=shutil.ignore_patterns("local"))
    (target / "scenarios").mkdir(exist_ok=True)
    return target


def write_scenario(tree, content: dict) -> None:
    path = tree / "scenarios" / f"{content['name']}.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def test_the_readme_example_checks_clean_and_changes_magetan(tree, cli):
    write_scenario(tree, readme_scenario())
    status, out, err = cli("params", "check", tree, "--data", DATA)
    assert status == 0 and "bantuan-magetan" in out
    assert "bantuan-magetan" not in err  # no warning about it
    status, out, err = cli("project", "--scenario", "baseline,bantuan-magetan", "--regions",
                           "magetan,ngawi", "--params", tree, "--data", DATA)
    assert status == 0 and "warning" not in err
    magetan = re.search(r"== bantuan-magetan.*?\nmagetan +[\d,]+ +[\d,]+ +[\d.]+% +([+-][\d,]+)",
                        out, re.S)
    assert magetan and int(magetan.group(1).replace(",", "")) > 1000
    ngawi = re.search(r"== bantuan-magetan.*?\nngawi +[\d,]+ +[\d,]+ +[\d.]+% +(\S+)", out, re.S)
    assert ngawi.group(1) == "0"  # only Magetan lists and pays


def test_a_list_that_cannot_clear_is_warned_about(tree, cli):
    copied = yaml.safe_load((PARAMS / "scenarios" / "bantuan-iuran.yaml").read_text())
    copied.update(name="daftar-panjang", display={"colour": "#332288", "line": "dashed",
                                                  "marker": "h"})
    copied["changes"]["subsidy_listed_per_month"]["values"] = {"2026-11": 10000,
                                                               "2026-12": 300}
    write_scenario(tree, copied)
    status, _, err = cli("params", "check", tree, "--data", DATA)
    assert status == 0
    warned = [line for line in err.splitlines() if "daftar-panjang" in line]
    assert len(warned) == 6 and all("still wait for a place" in w for w in warned)
    assert any("magetan" in w and "3,720 places" in w for w in warned)


def test_a_scenario_whose_changes_start_after_the_horizon_is_warned_about(tree, cli):
    late = {"name": "terlambat", "title": {"id": "Terlambat", "en": "Late"},
            "description": {"id": "Mulai 2040.", "en": "Starts in 2040."},
            "display": {"colour": "#332288", "line": "dotted", "marker": ">"},
            "changes": {"subsidy_quota": {"reason": {"id": "x", "en": "x"},
                                          "values": {"2040-01": 100}}}}
    write_scenario(tree, late)
    status, _, err = cli("project", "--scenario", "terlambat", "--regions", "pacitan",
                         "--params", tree, "--data", DATA)
    assert status == 0
    assert ("scenario terlambat changes nothing between 2026-11 and 2031-10: its first "
            "change is 2040-01") in err
    status, _, err = cli("project", "--scenario", "terlambat", "--regions", "pacitan",
                         "--months", "200", "--params", tree, "--data", DATA)
    assert "terlambat" not in err


def test_a_copied_display_is_warned_about(tree):
    copied = yaml.safe_load((PARAMS / "scenarios" / "sosialisasi.yaml").read_text())
    copied["name"] = "sosialisasi-salinan"
    write_scenario(tree, copied)
    import datetime as dt

    from simulation.params import check_warnings

    warnings = [str(w) for w in check_warnings(load_params(tree), dt.date(2026, 11, 27))]
    assert any("scenario sosialisasi-salinan is drawn like sosialisasi" in w for w in warnings)


def test_spare_styles_differ_for_many_scenarios_and_show_on_white():
    styles = [scenario_style(None, order) for order in range(36)]
    looks = {(s["color"], str(s["linestyle"]), s["marker"]) for s in styles}
    assert len(looks) == 36
    # in grey print only dash and marker remain: those differ too
    assert len({(str(s["linestyle"]), s["marker"]) for s in styles}) == 36
    assert all(1.05 / (_luminance(s["color"]) + 0.05) >= 2.0 for s in styles)
