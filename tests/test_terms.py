"""A scenario may change who pays a BPU subsidy and with which package, from a month on."""

from __future__ import annotations

import pytest

from simulation.engine.money import subsidy_cost_grid
from simulation.errors import InputError
from simulation.months import parse_month
from simulation.params import apply_scenario, load_params

JHT = """name: iuran-jht
title: {id: Bantuan iuran dengan JHT, en: Subsidy with JHT}
description:
  id: Paket JKK + JKM + JHT mulai Juli 2027.
  en: The JKK + JKM + JHT package from July 2027.
builds_on: [bantuan-iuran]
subsidy_terms:
  reason: {id: usulan, en: proposal}
  values:
    2027-07: {ngawi: {payer: apbd_kabkota, package: bpu_jht}}
    2028-01: {default: {payer: dbhcht, package: bpu_jkk_jkm}}
"""


@pytest.fixture
def with_jht(params_copy):
    (params_copy / "scenarios" / "iuran-jht.yaml").write_text(JHT, encoding="utf-8")
    return load_params(params_copy)


def test_the_package_a_scenario_sets_prices_every_subsidised_month(with_jht):
    applied = apply_scenario(with_jht, "iuran-jht")
    months = range(parse_month("2027-06"), parse_month("2027-08"))
    # lowest declared income Rp 1,000,000: JKK 1% + JKM Rp 6,800 = 16,800; + JHT 2% = 36,800
    assert subsidy_cost_grid(applied, ["35.21", "35.01"], months).tolist() == [
        [16_800, 36_800], [16_800, 16_800]]
    base = apply_scenario(with_jht, "bantuan-iuran")
    assert subsidy_cost_grid(base, ["35.21"], months).tolist() == [[16_800, 16_800]]


def test_a_later_default_applies_to_every_region_from_its_month(with_jht):
    from simulation.params.schemes import payer_and_package

    applied = apply_scenario(with_jht, "iuran-jht")
    assert payer_and_package(applied.schemes, "35.21", parse_month("2027-12"),
                             terms=applied.terms) == ("apbd_kabkota", "bpu_jht")
    assert payer_and_package(applied.schemes, "35.77", parse_month("2028-01"),
                             terms=applied.terms) == ("dbhcht", "bpu_jkk_jkm")


def test_terms_are_checked_like_every_other_value(params_copy):
    bad = JHT.replace("package: bpu_jht", "package: bpu_lengkap").replace(
        "ngawi:", "bojonegoro:")
    (params_copy / "scenarios" / "iuran-jht.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_params(params_copy)
    message = str(caught.value)
    assert "subsidy_terms.values.2027-07.bojonegoro.package" in message
    assert "'bpu_jkk_jkm' or 'bpu_jht'" in message
