"""Strict loading of the params tree: every mistake names file, key, value and expectation."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO

from simulation.errors import InputError
from simulation.months import parse_month
from simulation.params import apply_scenario, check_warnings, load_params
from simulation.params.schemes import BPU, PU, central_members

JKK = "regulation/contributions.yaml"


def edit(tree, relative: str, old: str, new: str) -> None:
    path = tree / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(tree) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_params(tree)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_tree_loads_with_six_regions_and_27_kelurahan(params):
    assert [r.slug for r in params.regions] == [
        "pacitan", "ponorogo", "kabupaten-madiun", "magetan", "ngawi", "kota-madiun"]
    assert params.region("35.20").name == "Kabupaten Magetan"  # not 35.22 (Bojonegoro)
    assert len(params.kelurahan) == 27
    assert {k.kecamatan_name for k in params.kelurahan} == {"Kartoharjo", "Manguharjo", "Taman"}
    assert {"baseline", "sosialisasi", "bantuan-iuran", "kombinasi",
            "tanpa-skema-daerah"} <= set(params.scenarios)


def test_every_parameter_names_its_source_and_estimates_say_assumption(params):
    for parameter in params.parameters.values():
        assert parameter.references and parameter.references[0].title
        assert parameter.label_id and parameter.label_en and parameter.description
        if any(v.is_uncertain for e in parameter.entries for v in e.by_region.values()):
            assert parameter.kind in ("assumption", "administrative"), parameter.name
    assert params.parameter("informal_workers").kind == "assumption"
    assert params.parameter("jkk_rate").kind == "legal"


def test_a_rate_above_one_names_file_key_value_and_expectation(params_copy):
    edit(params_copy, JKK, "    2015-07: 0.01\n", "    2015-07: 1.5\n")
    [message] = problems_of(params_copy)
    assert message == (f"{params_copy / JKK}: jkk_rate.values.2015-07: got 1.5; "
                       "expected a share between 0 and 1")


def test_a_negative_count_and_an_unknown_region_are_both_reported(params_copy):
    edit(params_copy, "regions/figures.yaml", "      pacitan: 1672", "      pacitan: -5")
    edit(params_copy, "regions/figures.yaml", "      kota-madiun: 195175", "      bogor: 195175")
    messages = problems_of(params_copy)
    assert any("active_bpu.values.2019-10.pacitan: got -5.0; expected a whole number of people"
               in m or "active_bpu.values.2019-10.pacitan: got -5; expected a whole number"
               in m for m in messages), messages
    assert any("population_sp2020.values.2020-09.bogor: got 'bogor'; expected 'default' or a "
               "known region" in m for m in messages), messages


def test_an_unquoted_region_code_is_explained(params_copy):
    edit(params_copy, "regions/figures.yaml", "      magetan: 670812", "      35.20: 670812")
    [message] = problems_of(params_copy)
    assert "population_sp2020.values.2020-09.35.2: got 35.2" in message
    assert 'write region codes in quotes' in message


def test_an_unknown_key_lists_the_known_ones(params_copy):
    edit(params_copy, JKK, "  unit: /1\n  kind: legal\n", "  unit: /1\n  kind: legal\n  sorce: x\n")
    [message] = problems_of(params_copy)
    assert "jkk_rate.sorce: got 'x'; expected no such key; known keys here: description" in message


def test_a_wrong_kind_a_missing_field_and_a_bad_month(params_copy):
    edit(params_copy, JKK, "  kind: legal\n", "  kind: law\n")
    edit(params_copy, JKK, "  description: Death-benefit (JKM) contribution of a BPU participant, "
         "a flat amount a month.\n", "")
    edit(params_copy, JKK, "    2015-07: 0.02\n", "    2015-7: 0.02\n")
    messages = problems_of(params_copy)
    assert any("jkk_rate.kind: got 'law'; expected 'legal', 'administrative'" in m
               for m in messages), messages
    assert any("jkm_contribution_rp.description: got '(missing)'; expected this key to be present"
               in m for m in messages), messages
    assert any("jht_rate.values.2015-7: got '2015-7'; expected a month written YYYY-MM" in m
               for m in messages), messages


def test_a_range_must_be_ordered_and_rupiah_whole(params_copy):
    edit(params_copy, "assumptions/behaviour.yaml", "{low: 0.1, central: 0.2, high: 0.3}",
         "{low: 0.3, central: 0.2, high: 0.1}")
    edit(params_copy, JKK, "    2015-07: 6800\n", "    2015-07: 6800.5\n")
    messages = problems_of(params_copy)
    assert any("imitation_q.values.2015-07: got {'low': 0.3" in m and "low <= central <= high"
               in m for m in messages), messages
    assert any("jkm_contribution_rp.values.2015-07: got 6800.5; expected a whole number of Rupiah"
               in m for m in messages), messages


def test_duplicate_keys_are_an_error_not_silently_the_last(params_copy):
    edit(params_copy, JKK, "    2015-07: 0.01\n", "    2015-07: 0.01\n    2015-07: 0.02\n")
    [message] = problems_of(params_copy)
    assert "duplicate key '2015-07'" in message and JKK in message


def test_a_null_is_allowed_only_where_the_parameter_says_what_it_means(params_copy):
    edit(params_copy, JKK, "    2015-07: 0.01\n", "    2015-07: null\n")
    [message] = problems_of(params_copy)
    assert "jkk_rate.values.2015-07: got None" in message


def test_scenario_mistakes_are_reported(params_copy):
    (params_copy / "scenarios" / "salah.yaml").write_text(textwrap.dedent("""\
        name: salah
        title: {id: Salah, en: Wrong}
        description: {id: "A scenario with mistakes.", en: "A scenario with mistakes."}
        owner: test
        builds_on: [tidak-ada]
        changes:
          subsidy_kuota:
            reason: {id: "typo", en: "typo"}
            values: {2020-01: 5}
    """), encoding="utf-8")
    messages = problems_of(params_copy)
    assert any("salah.yaml: changes.subsidy_kuota: got 'subsidy_kuota'; expected the name of a "
               "parameter" in m for m in messages), messages
    assert any("salah.yaml: builds_on: got 'tidak-ada'" in m for m in messages), messages


def test_a_scenario_file_name_must_match_its_name(params_copy):
    (params_copy / "scenarios" / "sosialisasi.yaml").rename(
        params_copy / "scenarios" / "kampanye.yaml")
    messages = problems_of(params_copy)
    assert any("kampanye.yaml: name: got 'sosialisasi'; expected the file name" in m
               for m in messages)


def test_a_scenario_overlays_a_copy_and_leaves_the_baseline_alone(params):
    quota = params.parameter("subsidy_quota")
    applied = apply_scenario(params, "bantuan-iuran")
    january_2027 = parse_month("2027-01")
    assert applied.parameter("subsidy_quota").central("35.01", january_2027) == 5000
    assert applied.parameter("subsidy_quota").central("35.01", january_2027 - 1) == 0
    # Kota Madiun's own scheme runs on, in the baseline and under the scenario alike
    assert applied.parameter("subsidy_quota").central("35.77", january_2027) == 9582
    assert params.parameter("subsidy_quota") is quota
    assert quota.central("35.01", january_2027) == 0


def test_a_later_default_supersedes_an_earlier_region_value(params):
    applied = apply_scenario(params, "sosialisasi")
    contacts = applied.parameter("outreach_contacts_per_month")
    assert contacts.central("35.77", parse_month("2028-12")) == 800
    assert contacts.central("35.21", parse_month("2028-12")) == 3000
    assert contacts.central("35.77", parse_month("2029-01")) == 0


def test_scenarios_build_on_others(params):
    combined = {c.parameter for c in params.scenarios["kombinasi"].changes}
    assert {"outreach_contacts_per_month", "subsidy_quota", "subsidy_budget_cap_rp"} <= combined
    temporary = apply_scenario(params, "bantuan-sementara").parameter("subsidy_quota")
    assert temporary.central("35.01", parse_month("2028-12")) == 5000
    assert temporary.central("35.01", parse_month("2029-01")) == 0
    assert temporary.central("35.77", parse_month("2029-01")) == 9582


def test_a_scenario_change_holds_from_its_month_over_later_baseline_values(params_copy):
    # the baseline's scheme raises Kota Madiun's quota year by year; a scenario that sets it
    # from 2021 holds from then on, and leaves the other regions' later values alone
    (params_copy / "scenarios" / "beku.yaml").write_text(textwrap.dedent("""\
        name: beku
        title: {id: Kuota dibekukan, en: Quota frozen}
        description: {id: "Kuota Kota Madiun 4.000 sejak 2021.", en: "Quota 4,000 from 2021."}
        owner: tests
        changes:
          subsidy_quota:
            reason: {id: "frozen", en: "frozen"}
            values: {2021-01: {kota-madiun: 4000}}
    """), encoding="utf-8")
    loaded = load_params(params_copy)
    frozen = apply_scenario(loaded, "beku").parameter("subsidy_quota")
    assert loaded.parameter("subsidy_quota").central("35.77", parse_month("2024-06")) == 9250
    assert frozen.central("35.77", parse_month("2024-06")) == 4000
    assert frozen.central("35.77", parse_month("2020-10")) == 4500
    assert frozen.central("35.01", parse_month("2024-06")) == 0


def test_the_counterfactual_lifts_every_scheme_out(params):
    without = apply_scenario(params, "tanpa-skema-daerah")
    assert without.schemes == ()
    assert without.parameter("subsidy_quota").central("35.77", parse_month("2025-06")) == 0
    assert without.lifted_schemes == params.schemes  # history: what ran before the report
    # the engine follows agency-list and wage-earner schemes itself: with them, 7,902 wage
    # earners and Ponorogo's DBHCHT lists; without them, none
    june_2025 = parse_month("2025-06")
    assert central_members(params.schemes, "35.77", june_2025, PU) == 7902
    assert central_members(params.schemes, "35.02", june_2025, BPU) == 5200 + 23825 + 3200
    assert central_members(without.schemes, "35.02", june_2025, BPU) == 0


def test_local_overrides_replace_a_parameter_and_unknown_ones_are_refused(params_copy):
    local = params_copy / "local"
    local.mkdir()
    source = (params_copy / "policy" / "levers.yaml").read_text(encoding="utf-8")
    block = source[source.index("subsidy_lag_months:"):source.index("subsidy_quota:")]
    (local / "mine.yaml").write_text(block.replace("2015-07: 2", "2015-07: 4"), encoding="utf-8")
    assert load_params(params_copy).parameter("subsidy_lag_months").central("35.77", 24240) == 4
    assert load_params(params_copy, include_local=False).parameter(
        "subsidy_lag_months").central("35.77", 24240) == 2
    (local / "typo.yaml").write_text(block.replace("subsidy_lag_months:", "subsidy_lags:"),
                                     encoding="utf-8")
    [message] = problems_of(params_copy)
    assert "typo.yaml: subsidy_lags" in message and "an override (local/)" in message


def test_regions_are_found_by_code_or_slug_and_unknown_ones_list_the_valid(params):
    assert params.region("kota-madiun") == params.region("35.77")
    assert [r.slug for r in params.regions_from("35.19, magetan")] == ["kabupaten-madiun",
                                                                       "magetan"]
    with pytest.raises(InputError) as caught:
        params.regions_from("35.22,kota-madiun")
    message = str(caught.value)
    assert "--regions: got '35.22'; expected one of the regions 35.01 (pacitan)" in message


def test_warnings_flag_stale_sources_low_confidence_and_implausible_values(params):
    assert check_warnings(params, dt.date(2026, 11, 25)) == [
        w for w in check_warnings(params, dt.date(2026, 11, 25)) if "low confidence" in w.message]
    stale = check_warnings(params, dt.date(2028, 1, 1))
    assert any(w.key == "jkk_rate" and "last verified 2026-11-01" in w.message for w in stale)
    lapse = params.parameter("self_payer_lapse_rate")
    odd = replace(params, parameters={**params.parameters, "self_payer_lapse_rate": replace(
        lapse, plausible=(None, 0.04))})
    assert any("self_payer_lapse_rate.values.2015-07.default" in w.key
               and "outside the plausible range" in w.message
               for w in check_warnings(odd, dt.date(2026, 11, 25)))


INVALID = sorted((Path(__file__).parent / "fixtures" / "invalid_params").glob("*.yaml"))


def fixture_header(path: Path) -> tuple[str, list[str]]:
    """A fixture's ``# into: FOLDER`` and its ``# expect: WORDS`` lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    into = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("# into:"))
    expect = [line.split(":", 1)[1].strip() for line in lines if line.startswith("# expect:")]
    return into, expect


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_an_invalid_file_is_refused_with_a_message_naming_what_is_wrong(params_copy, fixture):
    into, expect = fixture_header(fixture)
    assert expect, f"{fixture.name} says nothing it expects"
    target = params_copy / into / fixture.name
    shutil.copy(fixture, target)
    messages = problems_of(params_copy)
    mine = [m for m in messages if str(target) in m]
    assert mine, f"no message names {target}: {messages}"
    for words in expect:
        assert any(words in m for m in mine), f"{words!r} not in {mine}"


def english_texts(node, path=""):
    """Every string under an ``en`` key of a loaded YAML document, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                yield f"{path}.en", value
            else:
                yield from english_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from english_texts(value, f"{path}[{k}]")


def test_english_texts_say_million_and_billion_not_juta_and_miliar():
    """An English reader meets 'Rp 750 million' everywhere, never 'Rp 750 juta'."""
    import re

    import yaml

    indonesian = re.compile(r"\b(juta|miliar|ribu)\b")
    found = [f"{path.relative_to(REPO)}{where}: {said}"
             for folder in (REPO / "params", REPO / "data")
             for path in sorted(folder.rglob("*.yaml"))
             for where, said in english_texts(yaml.safe_load(path.read_text(encoding="utf-8")))
             if indonesian.search(said)]
    assert found == []
