"""The what-if explorer: widgets driven as an analyst would, what it saves is what it ran,
and no control makes an impossible scenario or overwrites one."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import PARAMS, REPO

from simulation.errors import InputError
from simulation.months import parse_month
from simulation.params import load_params
from simulation.reporting.explorer import impossible, moved
from simulation.reporting.explorer_widgets import ExplorerApp

DATA = REPO / "data"


@pytest.fixture
def app(tmp_path):
    tree = tmp_path / "params"
    shutil.copytree(PARAMS, tree, ignore=shutil.ignore_patterns("local"))
    (tree / "local").mkdir()
    explorer = ExplorerApp.load(str(tree), "ngawi", data_dir=str(DATA), draws=300)
    explorer.base.value = "baseline"  # no kabupaten subsidy in force: the levers decide
    return explorer


def test_moving_a_control_changes_the_numbers_and_a_saved_scenario_projects_the_same(
        app, tmp_path, cli):
    app.listed.value = 0  # nobody listed, no places, no caps: the policy in force
    for year in app.quota:
        app.quota[year].value, app.budget[year].value = 0, 0
    before = app.last
    assert before.active_end_of_year == before.baseline_end_of_year
    app.start.value = parse_month("2027-07")
    app.quota[2027].value = 4000
    app.listed.value = 9000  # about 4,200 pass verification
    after = app.last
    assert after.active_end_of_year["p50"] > before.active_end_of_year["p50"] + 500
    assert after.limits[2027] in ("quota", "list")
    # places x months x Rp 16,800 at most: July-December is six months
    assert 0 < after.cost_by_payer[2027]["apbd_kabkota"] <= 4000 * 6 * 16_800
    app.name.value, app.owner.value = "kuota-4000-juli", "Bappeda Ngawi"
    app.title_id.value, app.title_en.value = "Kuota 4.000 mulai Juli", "4,000 places from July"
    path = app.save()
    assert path == tmp_path / "params" / "local" / "scenarios" / "kuota-4000-juli.yaml"
    status, _, _ = cli("params", "check", tmp_path / "params", "--data", DATA)
    assert status == 0
    out = tmp_path / "p.csv"
    status, _, _ = cli("project", "--scenario", "baseline,kuota-4000-juli", "--regions",
                       "ngawi", "--draws", "300", "--out", out, "--params",
                       tmp_path / "params", "--data", DATA)
    assert status == 0
    table = pd.read_csv(out)
    row = table[(table.scenario == "kuota-4000-juli") & (table.metric == "active")
                & (table.month == "2027-12")].iloc[0]
    for key in ("p10", "p50", "p90"):
        assert row[key] == pytest.approx(after.active_end_of_year[key], abs=0.01)


def test_the_package_and_payer_change_what_a_place_costs(app):
    for year in app.quota:  # the same 2,000 places every year, no cap
        app.quota[year].value, app.budget[year].value = 2000, 0
    cheap = app.last.cost_by_payer[2027]["apbd_kabkota"]
    app.package.value = "bpu_jht"  # JKK + JKM + JHT: Rp 36,800 a month, not 16,800
    dear = app.last.cost_by_payer[2027]["apbd_kabkota"]
    assert dear / cheap == pytest.approx(36_800 / 16_800, rel=0.02)
    app.payer.value = "dbhcht"
    assert set(app.last.cost_by_payer[2027]) >= {"dbhcht"}


def test_picking_another_region_runs_its_own_numbers(app):
    ngawi = app.last
    app.region.value = "kota-madiun"
    assert app.explorer.levers.region == "kota-madiun" and app.last is not ngawi
    # each region's own policy in force: Ngawi's DBHCHT list pays for about 15,600 in
    # December, Kota Madiun's schemes for about 10,800 BPU members in a pool a ninth the size
    assert ngawi.baseline_end_of_year["p50"] > 15_624
    assert 10_000 < app.last.baseline_end_of_year["p50"] < ngawi.baseline_end_of_year["p50"]
    assert app.explorer.last.regions[0].slug == "kota-madiun"


def test_an_impossible_combination_is_shown_not_run(app):
    app.quota[2027].value = 5000
    shown = app.last
    app.budget[2027].value = 1_000_000  # less than one month of 5,000 places
    assert app.last is shown  # nothing was run
    assert "pays less than one month of 5,000 places" in app.message.value
    assert app.quota[2027].min == 0  # a slider cannot go negative
    assert max(app.start.options, key=lambda o: o[1])[1] == app.explorer.horizon_end
    levers = moved(app.explorer.levers, start=app.explorer.horizon_end + 1)
    assert "after the horizon" in impossible(levers, app.explorer.lab.params,
                                             app.explorer.horizon_end)[0]


def test_saving_under_a_name_in_use_asks_for_another_and_keeps_the_file(app, tmp_path):
    app.quota[2027].value = 1000
    app.name.value, app.owner.value = "sosialisasi", "Bappeda"
    assert app.save() is None and "choose another" in app.saved.value
    app.name.value = "kuota-1000"
    first = app.save()
    kept = first.read_text()
    app.quota[2027].value = 9000
    assert app.save() is None and "choose another" in app.saved.value
    assert first.read_text() == kept
    app.name.value, app.owner.value = "kuota-lain", " "
    assert app.save() is None and "who answers" in app.saved.value


def test_a_saved_scenario_is_bilingual_and_renders_in_the_report_appendix(app, tmp_path):
    app.quota[2027].value = 3000
    app.package.value = "bpu_jht"
    app.name.value, app.owner.value = "jht-3000", "Dinas Tenaga Kerja"
    app.save()
    loaded = load_params(tmp_path / "params").scenarios["jht-3000"]
    assert "paket BPU JKK + JKM + JHT" in loaded.description.id
    assert "package BPU JKK + JKM + JHT" in loaded.description.en
    assert loaded.owner.id == "Dinas Tenaga Kerja"
    with pytest.raises(InputError):  # the explorer never writes a scenario it cannot load
        app.explorer.save(tmp_path / "params" / "local" / "scenarios", "Bad Name!",
                          {"id": "x", "en": "x"}, "x", {"id": "x", "en": "x"})


@pytest.fixture(scope="module")
def explorer_page_path(tmp_path_factory):
    from simulation.reporting import explorer_page
    from simulation.reporting.data import load_report_data

    data = load_report_data(str(PARAMS), "ngawi", "2026-10", "baseline", 60, 100, 20191022,
                            "id", None, str(DATA))
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    explorer_page.write(data, "ngawi", path)
    return path


def test_the_offline_page_holds_its_grid_and_loads_nothing(explorer_page_path):
    import json
    import re

    from simulation.reporting.htmlpage import fetched_resources

    page = explorer_page_path.read_text(encoding="utf-8")
    assert len(page.encode()) < 3 * 2**20
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    assert fetched_resources(page, inline_scripts=True) == []
    assert "Dihitung sebelumnya untuk kisi ini (84 pilihan, 100 draw), laporan Oktober 2026" \
        in page
    grid = json.loads(re.search(r"const GRID = (\{.*?\});\n", page).group(1).replace(
        "<\\/", "</"))
    nothing = grid["results"][0]  # no places: the policy in force
    assert nothing["more"] == "0" and nothing["active"] == grid["baseline_active"]
    thousand = grid["results"][len(grid["starts"]) * len(grid["packages"])]  # 1,000 places
    assert grid["places"][1] == "1.000" and thousand["more"].startswith("+")
    budget = float(thousand["budget"].split()[1].replace(",", "."))  # "Rp 201,6 juta"
    assert 0 < budget <= 1000 * 12 * 16_800 / 1e6  # Rupiah juta: at most a full year


def test_a_slider_moved_in_chromium_changes_the_numbers_and_nothing_is_fetched(
        explorer_page_path):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox"])
        page = browser.new_page()
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(explorer_page_path.as_uri())
        before = page.inner_text("#active-value")
        page.focus("#places")
        for _ in range(3):  # the keyboard moves the page's own slider, as a person would
            page.keyboard.press("ArrowRight")
        after = page.inner_text("#active-value")
        shown = page.inner_text("#places-shown")
        browser.close()
    assert before != after and shown == "15.000"
    assert errors == [] and [u for u in requests if not u.startswith("file:")] == []


REFUSED = {
    "another inline script": lambda page: page.replace("</main>", "<script>alert(1)</script>"
                                                       "</main>"),
    "a changed byte of its script": lambda page: page.replace("\nshow();\n",
                                                              "\nshow();alert(1);\n"),
    "'unsafe-inline' in its policy": lambda page: page.replace("script-src ",
                                                               "script-src 'unsafe-inline' "),
    "a nonce in its policy": lambda page: page.replace("script-src ", "script-src 'nonce-x' "),
    "an event handler": lambda page: page.replace("<body>", '<body onload="show()">'),
    "a script from a file": lambda page: page.replace("</main>", '<script src="x.js"></script>'
                                                      "</main>"),
    "its script with an attribute": lambda page: page.replace("<script>",
                                                              '<script type="module">'),
    "its policy after the script": lambda page: page.replace(
        '<meta http-equiv="Content-Security-Policy"', '<meta name="moved"').replace(
        "</body>", '<meta http-equiv="Content-Security-Policy" content="script-src '
        + page.split("script-src ")[1].split(";")[0] + '"></body>'),
}


@pytest.mark.parametrize("change", REFUSED, ids=list(REFUSED))
def test_the_publish_check_allows_only_the_one_script_the_pages_policy_lists(
        explorer_page_path, change):
    from simulation.reporting.htmlpage import fetched_resources

    page = explorer_page_path.read_text(encoding="utf-8")
    assert "'unsafe-inline'; style-src" not in page and "script-src 'sha256-" in page
    assert fetched_resources(page, inline_scripts=True) == []
    changed = REFUSED[change](page)
    assert changed != page
    assert fetched_resources(changed, inline_scripts=True) != []
    assert fetched_resources(page) != []  # a page of the report may hold no script at all


def test_chromium_refuses_to_run_the_explorers_script_once_a_byte_of_it_changes(
        explorer_page_path, tmp_path):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    changed = tmp_path / "explorer.html"
    changed.write_text(REFUSED["a changed byte of its script"](
        explorer_page_path.read_text(encoding="utf-8")), encoding="utf-8")
    shown = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox"])
        for path in (explorer_page_path, changed):
            page = browser.new_page()
            said = []
            page.on("console", lambda message, said=said: said.append(message.text))
            page.goto(path.as_uri())
            shown[path] = (page.inner_text("#active-value"), said)
        browser.close()
    assert shown[explorer_page_path][0] != ""  # the page's own script ran: the hash matches
    assert shown[changed][0] == ""  # the changed one did not
    assert any("Content Security Policy" in line for line in shown[changed][1])
