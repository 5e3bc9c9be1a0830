"""The command line: contract columns, readable output, exit status 2 on bad input."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import PARAMS

from simulation.cli import build_parser, main


def test_project_writes_the_tidy_csv(cli, tmp_path):
    out = tmp_path / "proyeksi.csv"
    status, stdout, _ = cli("project", "--scenario", "baseline,bantuan-iuran", "--regions",
                            "35.77,ngawi", "--start", "2020-01", "--months", "24", "--params",
                            PARAMS, "--out", out)
    assert status == 0
    table = pd.read_csv(out)
    assert list(table.columns[:8]) == ["scenario", "region", "region_code", "month", "metric",
                                       "p10", "p50", "p90"]
    assert set(table.scenario) == {"baseline", "bantuan-iuran"}
    assert set(table.region) == {"kota-madiun", "ngawi", "total"}
    assert table.month.min() == "2019-12" and table.month.max() == "2021-12"
    assert {"active", "coverage", "subsidy_rp", "outreach_rp", "contributions_rp",
            "new_enrolments", "lapsed", "active_self_paying", "active_subsidised"} <= set(
        table.metric)
    assert stdout == ""


def test_project_prints_a_summary_with_every_scenario_and_region(cli):
    status, stdout, _ = cli("project", "--scenario", "all", "--months", "36", "--params", PARAMS)
    assert status == 0
    for name in ("baseline", "sosialisasi", "bantuan-iuran", "kombinasi", "bantuan-sementara"):
        assert f"== {name}:" in stdout
    for region in ("pacitan", "ponorogo", "kabupaten-madiun", "magetan", "ngawi", "kota-madiun",
                   "total"):
        assert region in stdout
    assert "Rp 750,000,000" in stdout  # the kabupaten cap in the budget table


def test_project_summary_subtracts_the_medians_it_prints_and_labels_part_years(cli):
    """One label, one number: "vs baseline" is the scenario's printed median less the
    baseline's; a year cut by the horizon says how many months it has and stands beside
    the cap of those months."""
    status, stdout, _ = cli("project", "--scenarios", "baseline,bantuan-iuran", "--regions",
                            "ngawi", "--months", "60", "--draws", "50", "--params", PARAMS)
    assert status == 0

    def active_line(scenario: str) -> list[str]:
        block = stdout.split(f"== {scenario}:")[1]
        return next(line for line in block.splitlines() if line.startswith("ngawi ")).split()

    def whole(text: str) -> int:
        return int(text.replace(",", "").replace("+", ""))

    baseline, scenario = active_line("baseline"), active_line("bantuan-iuran")
    assert whole(scenario[-1]) == whole(scenario[2]) - whole(baseline[2])
    budget = stdout.split("== bantuan-iuran:")[1]
    last = next(line for line in budget.splitlines() if line.startswith("ngawi ")
                and line.split()[1] == "2031")
    months = int(re.search(r"2031 \((\d+) mo\)", last).group(1))
    assert months < 12  # the horizon ends within 2031
    assert f"Rp {750_000_000 * months // 12:,}" in last  # Rp 750 juta a year, pro rata
    assert any(line.split()[1] == "2027" and "Rp 750,000,000" in line
               for line in budget.splitlines() if line.startswith("ngawi "))


def test_budget_out_has_one_row_per_scenario_region_and_year(cli, tmp_path):
    out = tmp_path / "anggaran.csv"
    status, _, _ = cli("project", "--scenario", "bantuan-iuran", "--regions", "kota-madiun",
                       "--start", "2020-01", "--months", "36", "--params", PARAMS, "--out",
                       tmp_path / "p.csv",
                       "--budget-out", out)
    assert status == 0
    budget = pd.read_csv(out)
    assert budget.year.tolist() == [2020, 2021, 2022]
    assert (budget.subsidy_rp_p50 <= budget.cap_rp).all()


@pytest.mark.parametrize("args, message", [
    (["--scenario", "kampanye"], "--scenarios: got 'kampanye'; expected one of the scenarios"),
    (["--scenarios", "baseline,kampanye"],
     "--scenarios: got 'kampanye'; expected one of the scenarios"),
    (["--scenario", "baseline", "--regions", "bojonegoroo"],
     "--regions: got 'bojonegoroo'; expected a region code or slug, a province (35 or "
     "jawa-timur), a branch (cabang-madiun) or all; nearest: bojonegoro"),
    (["--scenario", "baseline", "--start", "Jan 2020"],
     "--start: got 'Jan 2020'; expected a month written YYYY-MM"),
    (["--scenario", "baseline", "--months", "0"],
     "argument --months/--horizon: got '0'; expected a whole number from 1 to 240"),
    (["--scenario", "baseline", "--draws", "0"],
     "argument --draws: got '0'; expected a whole number from 1 to 10,000"),
    (["--scenario", "baseline", "--params", "/nonexistent"],
     "--params: got '/nonexistent'; expected a params directory"),
    (["--scenario", "baseline", "--against", "all"], "--against: got 'all'; expected exactly one"),
])
def test_project_bad_input_exits_2_naming_the_problem(cli, args, message):
    if "--params" not in args:
        args = [*args, "--params", str(PARAMS)]
    status, stdout, stderr = cli("project", *args)
    assert status == 2
    assert message in stderr
    assert "Traceback" not in stderr and stdout == ""


def test_a_failed_run_never_replaces_a_good_output(cli, tmp_path, params_copy):
    out = tmp_path / "proyeksi.csv"
    assert cli("project", "--scenario", "baseline", "--months", "12", "--params", params_copy,
               "--out", out)[0] == 0
    good = out.read_bytes()
    figures = params_copy / "regions" / "figures.yaml"
    figures.write_text(figures.read_text().replace("kota-madiun: 210", "kota-madiun: -210"))
    status, _, stderr = cli("project", "--scenario", "baseline", "--months", "12", "--params",
                            params_copy, "--out", out)
    assert status == 2 and "active_bpu.values.2019-10.kota-madiun: got -210" in stderr
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_output_into_a_missing_folder_is_bad_input(cli, tmp_path):
    status, _, stderr = cli("project", "--scenario", "baseline", "--months", "12", "--params",
                            PARAMS, "--out", tmp_path / "tidak" / "ada.csv")
    assert status == 2 and "expected an existing folder" in stderr


def test_cost_prints_a_table_and_json_with_the_hand_computed_total(cli):
    status, stdout, _ = cli("cost", "--workers", "3763", "--from", "2020-06", "--to", "2020-12",
                            "--params", PARAMS)
    assert status == 0
    # 3,763 verified workers: June-July at 16,800, August-December at 168 (PP 49/2020)
    total = 3763 * (2 * 16_800 + 5 * 168)
    assert f"Rp {total:,}" in stdout
    status, stdout, _ = cli("cost", "--workers", "100", "--from", "2019-01", "--to", "2019-12",
                            "--json", "--params", PARAMS)
    payload = json.loads(stdout)
    assert payload["total_rp"] == 20_160_000 and len(payload["months"]) == 12
    assert payload["months"][0]["per_worker_rp"] == 16_800


def test_cost_with_jht_and_a_higher_income(cli):
    status, stdout, _ = cli("cost", "--workers", "1", "--from", "2022-01", "--to", "2022-01",
                            "--income", "2000000", "--programmes", "jkk,jkm,jht", "--json",
                            "--params", PARAMS)
    assert json.loads(stdout)["total_rp"] == 20_000 + 6_800 + 40_000


@pytest.mark.parametrize("args, message", [
    (["--workers", "-1", "--from", "2020-01", "--to", "2020-02"],
     "argument --workers: got '-1'; expected a whole number from 0"),
    (["--workers", "5", "--from", "2020-02", "--to", "2020-01"], "--to: got '2020-01'"),
    (["--workers", "5", "--from", "2020-01", "--to", "2020-02", "--income", "500000"],
     "--income: got 500000; expected a declared income of at least Rp 1,000,000"),
    (["--workers", "5", "--from", "2020-01", "--to", "2020-02", "--programmes", "jkn"],
     "--programmes: got 'jkn'"),
])
def test_cost_bad_input_exits_2(cli, args, message):
    status, _, stderr = cli("cost", *args, "--params", PARAMS)
    assert status == 2 and message in stderr and "Traceback" not in stderr


def test_params_check_passes_on_the_shipped_tree(cli):
    status, stdout, stderr = cli("params", "check", PARAMS, "--no-local")
    assert status == 0 and "OK - " in stdout and "6 scenarios" in stdout
    # the schemes whose figures are mostly ours say so
    assert "magetan-dbhcht.yaml: magetan-dbhcht: low confidence: Nothing was found for 2025" \
        in stderr


def test_params_check_lists_every_problem_and_exits_2(cli, params_copy):
    contributions = params_copy / "regulation" / "contributions.yaml"
    text = contributions.read_text().replace("    2015-07: 0.01\n", "    2015-07: 1.01\n")
    contributions.write_text(text.replace("  unit: rp/month\n", "  unit: rupiah\n", 1))
    status, stdout, stderr = cli("params", "check", params_copy)
    assert status == 2 and stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert "jkk_rate.values.2015-07: got 1.01; expected a share between 0 and 1" in lines[0]
    assert "jkm_contribution_rp.unit: got 'rupiah'" in lines[1]


def commands_of(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command path (("project",), ("params", "check"), …) with its parser."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands_of(sub, (*path, name))


WHAT_EACH_SAYS = {  # a phrase of each command's own description
    (): "BPU enrolment and subsidy-budget scenarios",
    ("project",): "writes a tidy CSV",
    ("cost",): "(inclusive)",
    ("regions",): "from a maintained copy of the current Kepmendagri",
    ("regions", "list"): "the regions a --regions selection holds, with where their figures",
    ("regions", "import"): "renamed and removed regions are listed and need --accept-changes",
    ("report",): "offline report.html",
    ("monthly",): "a failed run never replaces a good",
    ("briefing",): "16:9 PDF briefing",
    ("verify",): "No NIK, name or address is printed",
    ("sample-lists",): "Every NIK and name is generated",
    ("actuals",): "Monthly actuals",
    ("actuals", "import"): "needs --replace",
    ("calibrate",): "back-test",
    ("hindcast",): "taking nothing from later data",
    ("params",): "Work with parameter files",
    ("params", "check"): "exits 2 if there is one",
    ("init",): "run inside it renders the reports",
}


def test_every_subcommand_explains_itself_and_each_of_its_options(cli, capsys):
    found = dict(commands_of(build_parser()))
    assert set(found) == set(WHAT_EACH_SAYS), "a command without a test of its help text"
    for path, parser in found.items():
        status, out, _ = cli(*path, "--help")
        assert status == 0
        shown = " ".join(out.split())  # argparse wraps lines
        assert shown.startswith(f"usage: {' '.join(('jamsos', *path))}"), path
        assert " ".join(WHAT_EACH_SAYS[path].split()) in shown, path
        for action in parser._actions:
            if action.help == argparse.SUPPRESS or not action.option_strings:
                continue
            assert action.help, f"{path}: {action.option_strings} has no help text"
            assert action.option_strings[-1] in shown, (path, action.option_strings)


def test_the_installed_console_script_propagates_the_exit_status(tmp_path):
    jamsos = shutil.which("jamsos") or str(
        __import__("pathlib").Path(sys.executable).with_name("jamsos"))
    done = subprocess.run([jamsos, "cost", "--workers", "1", "--from", "2020-01", "--to",
                           "2019-01", "--params", str(PARAMS)], capture_output=True, text=True)
    assert done.returncode == 2 and "jamsos: error: --to" in done.stderr
    done = subprocess.run([sys.executable, "-m", "simulation", "cost", "--workers", "2",
                           "--from", "2020-01", "--to", "2020-01", "--json", "--params",
                           str(PARAMS)], capture_output=True, text=True)
    assert done.returncode == 0 and json.loads(done.stdout)["total_rp"] == 33_600


@pytest.mark.parametrize("args, total", [
    (["--from", "2025-01", "--to", "2025-12"], 3_024_000_000),  # 15,000 x 16,800 x 12
    (["--from", "2026-01", "--to", "2026-12"], 3_024_000_000),  # an APBD pays in full
    (["--from", "2026-01", "--to", "2026-12", "--payer", "worker"], 1_890_000_000),
    (["--from", "2025-01", "--to", "2025-12", "--package", "pu_jkk_jkm"], 2_124_000_000),
    (["--from", "2025-01", "--to", "2025-12", "--package", "bpu_jht"], 6_624_000_000),
])
def test_cost_by_payer_and_package(cli, args, total):
    status, stdout, _ = cli("cost", "--workers", "15000", *args, "--json", "--params", PARAMS)
    assert status == 0 and json.loads(stdout)["total_rp"] == total


def test_cost_refuses_an_unknown_payer_or_package(capsys):
    for option, value in (("--payer", "bupati"), ("--package", "bpu_all")):
        with pytest.raises(SystemExit) as exit_info:
            main(["cost", "--workers", "1", "--from", "2025-01", "--to", "2025-01", option,
                  value, "--params", str(PARAMS)])
        assert exit_info.value.code == 2
        assert f"invalid choice: '{value}'" in capsys.readouterr().err


def _options(parser, path=()):
    """(command, option, action) for every option of every subcommand."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _options(child, (*path, name))
        elif action.option_strings and action.dest != "help":
            yield " ".join(path), action.option_strings[-1], action


def test_every_optional_option_states_its_default():
    import argparse

    from simulation.cli.main import build_parser

    silent = [f"{command} {option}" for command, option, action in _options(build_parser())
              if not action.required and action.default is not argparse.SUPPRESS
              and not isinstance(action, (argparse._StoreTrueAction, argparse._VersionAction))
              and "default" not in (action.help or "")
              and option not in ("--out", "--budget-out", "--png", "--scenario-out")]
    assert silent == []


def test_the_horizon_has_one_name_and_the_other_as_an_alias():
    from simulation.cli.main import build_parser

    parser = build_parser()
    for words in (["project", "--scenario", "baseline"], ["report", "--region", "pacitan"],
                  ["monthly"], ["briefing", "--region", "pacitan"]):
        for name in ("--months", "--horizon"):
            args = parser.parse_args([*words, name, "24"])
            assert getattr(args, "months", getattr(args, "horizon", None)) == 24, (words, name)
    report = next(a for c, o, a in _options(parser) if c == "report" and o == "--horizon")
    assert report.option_strings == ["--months", "--horizon"]


def test_report_help_says_it_writes_the_deck(capsys):
    from simulation.cli.main import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--help"])
    assert "briefing.pdf" in " ".join(capsys.readouterr().out.split())


def test_project_says_where_its_start_comes_from_and_signs_once(cli, tmp_path):
    status, out, _ = cli("project", "--scenario", "baseline,tanpa-skema-daerah", "--regions",
                         "kota-madiun", "--start", "2020-01", "--months", "24", "--data",
                         tmp_path)  # a data folder without actuals
    assert status == 0
    assert "Starting state (end of 2019-12): kota-madiun the 2019-10 figure in params/" in out
    assert "start 2019-12" in out and "+-" not in out
    without = re.search(r"== tanpa-skema-daerah.*?\nkota-madiun .* (-[\d,]+)\n", out, re.S)
    assert without and int(without.group(1).replace(",", "")) < 0
    status, out, _ = cli("project", "--scenario", "baseline", "--regions", "kota-madiun")
    assert "kota-madiun actuals 2026-10" in out


@pytest.mark.parametrize("make, words", [
    ("file", ["project", "--scenario", "baseline", "--budget-out", "{dir}"]),
    ("folder", ["briefing", "--region", "pacitan", "--out", "{file}"]),
    ("file", ["hindcast", "--out", "{dir}"]),
    ("file", ["actuals", "import", "x.csv", "--store", "{dir}"]),
    ("folder", ["monthly", "--out", "{file}"]),
    ("folder", ["report", "--region", "pacitan", "--out", "{file}"]),
    ("folder", ["briefing", "--region", "pacitan", "--png", "{file}"]),
    ("folder", ["verify", "x.csv", "--private-dir", "{file}"]),
    ("folder", ["sample-lists", "--out", "{file}"]),
    ("folder", ["calibrate", "--out", "{file}"]),
    ("folder", ["init", "{file}"]),
])
def test_an_output_path_of_the_wrong_kind_is_exit_2_naming_it(tmp_path, capsys, make, words):
    from simulation.cli.main import main

    folder, file = tmp_path / "a-folder", tmp_path / "a-file.txt"
    folder.mkdir()
    file.write_text("keep me")
    args = [w.format(dir=folder, file=file) for w in words]
    with pytest.raises(SystemExit) as stopped:
        main(args)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "Traceback" not in err
    named = str(folder) if make == "file" else str(file)
    assert named in err and ("is a folder" in err or "is a file" in err), err
    assert file.read_text() == "keep me" and not any(folder.iterdir())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write to read-only folders")
def test_a_read_only_output_folder_is_exit_2(tmp_path, capsys):
    from simulation.cli.main import main

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(SystemExit) as stopped:
            main(["project", "--scenario", "baseline", "--out", str(locked / "p.csv")])
        assert stopped.value.code == 2 and "read-only" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("command", [["project"], ["report", "--region", "pacitan"],
                                     ["monthly"], ["briefing", "--region", "pacitan"]])
def test_every_command_that_shows_scenarios_takes_scenarios_and_the_old_alias(command, capsys):
    parser = build_parser()
    for option in ("--scenarios", "--scenario"):
        assert parser.parse_args([*command, option, "baseline,sosialisasi"]).scenarios == (
            "baseline,sosialisasi")
    assert parser.parse_args([*command, "--scenarios", "all"]).scenarios == "all"
    with pytest.raises(SystemExit):
        parser.parse_args([*command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--scenarios is the preferred spelling, --scenario the same" in shown


def test_project_without_options_projects_the_policy_in_force(cli):
    from simulation.batch.plan import code_version

    status, out, err = cli("project", "--months", "12")
    assert status == 0, err
    assert re.findall(r"^== (\S+):", out, re.M) == ["baseline"]
    assert "kota-madiun actuals 2026-10" in out  # from the latest actuals, every region
    assert f"code {code_version()}" in out.splitlines()[0]  # the version reports state
    status, out, _ = cli("project", "--scenarios", "baseline,sosialisasi", "--months", "12")
    assert status == 0 and re.findall(r"^== (\S+):", out, re.M) == ["baseline", "sosialisasi"]


def test_the_version_is_the_one_every_output_states(cli):
    from simulation.batch.plan import code_version

    status, out, _ = cli("--version")
    assert status == 0 and out.strip() == f"jamsos {code_version()}"


def test_a_standalone_briefing_goes_beside_the_month_reports_not_into_the_current_folder(
        cli, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from simulation.batch.plan import code_version

    monkeypatch.chdir(tmp_path)
    status, out, err = cli("briefing", "--region", "pacitan", "--month", "2026-10",
                           "--draws", "20", "--months", "12", "--params", PARAMS, "--data",
                           PARAMS.parent / "data")
    assert status == 0, err
    folder = Path("reports") / "2026-10" / "pacitan"
    deck = folder / "briefing-pacitan-2026-10.pdf"
    assert out.split() == [str(deck.resolve()), str(deck.with_suffix(".pptx").resolve())]
    assert sorted(p.name for p in folder.iterdir()) == [deck.name, deck.with_suffix(".pptx").name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]  # nothing in the cwd
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [".2026-10.lock",
                                                                         "2026-10"]
    assert not list((tmp_path / "reports" / "2026-10").rglob(".*"))  # no lock inside
    text = " ".join(page.extract_text() for page in PdfReader(deck).pages)
    assert f"jamsos {code_version()}" in " ".join(text.split())


@pytest.mark.parametrize("command", [["monthly"], ["report", "--region", "ngawi"],
                                     ["briefing", "--region", "ngawi"], ["project"],
                                     ["hindcast"]])
def test_a_folder_without_params_or_data_says_how_to_get_them(command, cli, tmp_path,
                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JAMSOS_PARAMS", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    status, _, err = cli(*command)
    assert status == 2 and "Traceback" not in err
    lines = err.splitlines()
    assert any(line.startswith("jamsos: error: --params: got 'params'") and "jamsos init" in line
               and "--params DIR" in line for line in lines), err
    assert any(line.startswith("jamsos: error: --data: got 'data'") and "jamsos init" in line
               and "--data DIR" in line for line in lines), err
    assert list(tmp_path.iterdir()) == []


def test_a_standalone_briefing_never_writes_through_a_link_or_over_a_file(cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    month = tmp_path / "reports" / "2026-10"
    month.mkdir(parents=True)
    (month / "pacitan").symlink_to(elsewhere)
    (month / "ngawi").write_text("a file where the region's folder goes")
    for region in ("pacitan", "ngawi"):
        status, _, err = cli("briefing", "--region", region, "--month", "2026-10", "--out",
                             tmp_path / "reports", "--draws", "20", "--params", PARAMS)
        assert status == 2 and "not a file or a symbolic link" in err and "Traceback" not in err
    assert list(elsewhere.iterdir()) == []
