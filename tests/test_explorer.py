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
from simulation.reporting.content.whatif import impossible, moved
from simulation.reporting.formats.explorer.widgets import ExplorerApp

# on one pytest-xdist worker: its grids made once, not once a worker
pytestmark = pytest.mark.xdist_group("explorer")
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
        app.quota[year].value, app.caps[year].value = 0, 0
    before = app.last
    assert before.active_end_of_year == before.baseline_end_of_year
    app.start.value = parse_month("2027-07")
    app.quota[2027].value = 4000
    app.listed.value = 9000  # about 4,200 pass verification
    after = app.last
    assert after.active_end_of_year["p50"] > before.active_end_of_year["p50"] + 500
    assert after.limits[2027] in ("quota", "list")
    # places x months x Rp 16,800 at most: July-December is six months (on top of what the
    # APBD already pays: Ngawi's village cover)
    added = (after.cost_by_payer[2027]["apbd_kabkota"]
             - before.cost_by_payer[2027].get("apbd_kabkota", 0))
    assert 0 < added <= 4000 * 6 * 16_800
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
    for year in app.quota:  # no places: what the APBD already pays (Ngawi's village cover)
        app.quota[year].value, app.caps[year].value = 0, 0
    in_force = app.last.cost_by_payer[2027]["apbd_kabkota"]
    for year in app.quota:  # the same 2,000 places every year, no cap
        app.quota[year].value, app.caps[year].value = 2000, 0
    cheap = app.last.cost_by_payer[2027]["apbd_kabkota"] - in_force
    app.package.value = "bpu_jht"  # JKK + JKM + JHT: Rp 36,800 a month, not 16,800
    dear = app.last.cost_by_payer[2027]["apbd_kabkota"] - in_force
    assert cheap > 0 and dear / cheap == pytest.approx(36_800 / 16_800, rel=0.02)
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
    app.caps[2027].value = 1_000_000  # less than one month of 5,000 places
    assert app.last is shown  # nothing was run
    # in the explorer's language (Indonesian here), with Indonesian number formats
    assert "membayar kurang dari sebulan untuk 5.000 tempat" in app.message.value
    assert "pays less" not in app.message.value
    english = impossible(app.levers(), app.explorer.lab.params, app.explorer.horizon_end,
                         "en")
    assert any("pays less than one month of 5,000 places" in why for why in english)
    assert app.quota[2027].min == 0  # a slider cannot go negative
    assert max(app.start.options, key=lambda o: o[1])[1] == app.explorer.horizon_end
    levers = moved(app.explorer.levers, start=app.explorer.horizon_end + 1)
    assert "after the horizon" in impossible(levers, app.explorer.lab.params,
                                             app.explorer.horizon_end)[0]


def test_saving_under_a_name_in_use_asks_for_another_and_keeps_the_file(app, tmp_path):
    app.quota[2027].value = 1000
    app.name.value, app.owner.value = "sosialisasi", "Bappeda"
    assert app.save() is None and "pilih nama lain" in app.saved.value  # "choose another"
    app.name.value = "kuota-1000"
    first = app.save()
    kept = first.read_text()
    app.quota[2027].value = 9000
    assert app.save() is None and "pilih nama lain" in app.saved.value
    assert first.read_text() == kept
    app.name.value, app.owner.value = "kuota-lain", " "
    assert app.save() is None and "penanggung jawab" in app.saved.value  # "who answers"
    assert "expected" not in app.saved.value and "got" not in app.saved.value


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


def test_where_a_lurah_list_scheme_runs_its_members_keep_their_package_and_payer(app):
    """Kota Madiun pays JKK + JKM for its lurah-list members: a scenario giving its lurah
    places the JHT package (or another payer) would move all of them, so the widgets refuse
    it and say why; wage earners (PU) are a group apart and may be added."""
    app.region.value = "kota-madiun"
    assert (app.package.value, app.payer.value) == ("bpu_jkk_jkm", "apbd_kabkota")
    assert "BPU JKK + JKM" in app.in_force.value  # the note under the controls
    shown = app.last
    app.package.value = "bpu_jht"
    assert app.last is shown and "memindahkan peserta yang sudah dibayar" in app.message.value
    app.package.value = "bpu_jkk_jkm"  # back to the scheme's: runs again
    assert app.message.value == "" and app.last is not shown
    shown = app.last
    app.payer.value = "dbhcht"
    assert app.last is shown and "memindahkan" in app.message.value
    app.payer.value = "apbd_kabkota"
    assert app.message.value == "" and app.last is not shown
    app.package.value = "pu_jkk_jkm"
    assert app.message.value == "" and app.last.cost_per_additional_worker_year_rp


def test_every_explorer_text_is_in_both_languages_and_indonesian_is_indonesian():
    import re

    from simulation.reporting.words.explorer_texts import EXPLORER_TEXTS

    for key, said in EXPLORER_TEXTS.items():
        assert set(said) == {"id", "en"} and said["id"].strip() and said["en"].strip(), key
        assert (set(re.findall(r"{(\w+)}", said["id"]))
                == set(re.findall(r"{(\w+)}", said["en"]))), key
        # "100 draw" was English in the Indonesian page: a run is "simulasi"
        words = re.sub(r"{\w+}", "", said["id"])
        assert not re.search(r"\b(draws?|places?|the|of|and)\b", words), key


# ------------------------------------------------------------ the offline page's grid

GRID_DRAWS = 100  # the report's draws in these tests: the grid takes the report's own
GRID_REPORTS = {"kota-madiun": "baseline,sosialisasi,bantuan-iuran",  # a lurah-list scheme
                "ngawi": "baseline,bantuan-iuran",  # a kabupaten, DBHCHT lists, Rp 750 juta
                "magetan": "baseline"}  # a DBHCHT list that ends in December, before a start


@pytest.fixture(scope="module")
def grids():
    """Each region's report data and its explorer grid, computed once."""
    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.content.whatif_grid import grid

    out = {}
    for region, scenarios in GRID_REPORTS.items():
        data = load_report_data(str(PARAMS), region, "2026-10", scenarios, 60, GRID_DRAWS,
                                20191022, "id", None, str(DATA))
        out[region] = (data, grid(data, region))
    return out


@pytest.mark.parametrize("region", GRID_REPORTS)
def test_no_places_added_is_exactly_the_policy_in_force(grids, region):
    from simulation.params import BASELINE
    from simulation.reporting.content.data import PROTECTED
    from simulation.reporting.content.payers import government_total

    data, found = grids[region]
    end = found.apbd_year * 12 + 11
    in_force = data.value(BASELINE, PROTECTED, region, end)
    report_budget = government_total(data, region, BASELINE, found.apbd_year)
    assert found.draws == data.request.draws == GRID_DRAWS
    assert found.baseline.protected == in_force and found.baseline.budget_rp == report_budget
    for start in found.starts:
        for package in found.packages:
            nothing = found.cell(0, start, package)
            assert nothing.protected == in_force and nothing.more == 0
            assert nothing.budget_rp == report_budget  # Rp 3 miliar in Kota Madiun, not 5.1
            assert nothing.path == found.baseline.path


@pytest.mark.parametrize("region", GRID_REPORTS)
def test_more_places_never_protect_fewer_workers_nor_cost_less(grids, region):
    _, found = grids[region]
    for start in found.starts:
        for package in found.packages:
            options = [found.cell(p, start, package) for p in found.places]
            for fewer, more in zip(options, options[1:], strict=False):
                for band in ("p10", "p50", "p90"):
                    assert more.protected[band] >= fewer.protected[band], (start, package)
                assert more.more >= fewer.more and more.budget_rp > fewer.budget_rp
            for places, added in zip(found.places[1:], options[1:], strict=True):
                assert added.more > 0.9 * places, (places, start, package)
                assert added.per_worker_rp is not None and added.per_worker_rp > 0
                assert min(added.path) >= 0 and added.protected["p10"] > 0


@pytest.mark.parametrize("region", GRID_REPORTS)
def test_starting_later_never_protects_more_by_the_end_of_the_year(grids, region):
    """The reader issue's "with 5,000 places, starting later gives more workers": new
    places draw on people the lists never had, so an earlier start protects at least as
    many by December (Magetan's January start once re-enrolled the tobacco farmers who had
    left its DBHCHT list and paid themselves, adding nobody)."""
    _, found = grids[region]
    for places in found.places[1:]:
        for package in found.packages:
            gains = [found.cell(places, start, package).more for start in found.starts]
            pairs = zip(gains, gains[1:], strict=False)
            assert all(later <= earlier + 0.5 for earlier, later in pairs), (places, package,
                                                                              gains)


def test_the_new_places_package_leaves_the_members_already_paid_for_where_they_are(grids):
    """Kota Madiun's lurah list keeps its JKK + JKM package and payer whatever package the
    new places take: its spend and members are the policy in force's, draw by draw, and
    1,000 places from January on JHT cost 1,000 x 12 x Rp 36,800 more, not a dearer package
    for the 8,750 the city already pays."""
    import numpy as np

    from simulation.params import BASELINE
    from simulation.reporting.content.whatif_grid import ADDED, with_added_places

    data, found = grids["kota-madiun"]
    assert found.in_force == ("apbd_kabkota", "bpu_jkk_jkm")
    january = found.starts[0]
    assert january == found.apbd_year * 12
    added = with_added_places(data, "kota-madiun", january, 1000, "bpu_jht")
    own, base = added.runs[ADDED].per_draw, added.runs[BASELINE].per_draw
    assert np.array_equal(own["subsidy_rp"], base["subsidy_rp"])
    members = added.runs[ADDED].scheme_members[ADDED][:, added.slot(january):]
    assert np.allclose(members, 1000)
    paid = added.payers[(added.payers.year == found.apbd_year)
                        & (added.payers.item == "subsidy")]
    assert set(paid.payer) == {"apbd_kabkota"}
    extra = {p: found.cell(1000, january, p).budget_rp - found.baseline.budget_rp
             for p in found.packages}
    assert extra["bpu_jkk_jkm"] == pytest.approx(1000 * 12 * 16_800, rel=0.01)
    assert extra["bpu_jht"] == pytest.approx(1000 * 12 * 36_800, rel=0.01)
    assert extra["pu_jkk_jkm"] == pytest.approx(1000 * 12 * 11_800, rel=0.01)


def test_the_wage_earner_package_has_a_cost_per_worker_protected(grids):
    _, found = grids["kota-madiun"]
    for places in found.places[1:]:
        for start in found.starts:
            pu = found.cell(places, start, "pu_jkk_jkm")
            assert pu.more == places  # wage earners: as many as paid for, outside the pool
            assert pu.per_worker_rp == pytest.approx(12 * 11_800, rel=0.001)


@pytest.mark.parametrize("region", GRID_REPORTS)
def test_the_explorer_shows_the_reports_own_scenarios_with_the_reports_numbers(grids, region):
    from simulation.reporting.content.data import PROTECTED
    from simulation.reporting.content.headline import headline

    data, found = grids[region]
    said = {item["name"]: item for item in headline(data, region)["scenarios"]}
    names = [name for name, _, _ in found.scenarios]
    assert names == [n for n in data.shown_scenarios(region) if n != "baseline"]
    for name, title, option in found.scenarios:
        assert title == said[name]["title"]
        assert option.budget_rp == said[name]["budget_apbd_year_rp"]["total"]
        assert option.per_worker_rp == pytest.approx(
            said[name]["cost_per_additional_worker_year_rp"], abs=1)
        assert option.protected == data.value(name, PROTECTED, region,
                                                      found.apbd_year * 12 + 11)
    if region == "ngawi":  # the report's Rp 750 juta proposal is one of the choices
        proposal = dict((n, o) for n, _, o in found.scenarios)["bantuan-iuran"]
        assert 700e6 < proposal.budget_rp - found.baseline.budget_rp <= 750e6
        assert proposal.limit.startswith("pagu")
    else:  # the kabupaten's proposal changes nothing in Kota Madiun: not offered there
        assert "bantuan-iuran" not in names


@pytest.fixture(scope="module")
def explorer_page_path(grids, tmp_path_factory):
    from simulation.reporting.formats.explorer import page as explorer_page

    data, found = grids["ngawi"]
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    path.write_text(explorer_page.page(found, data), encoding="utf-8")
    return path


def test_the_offline_page_holds_its_grid_and_loads_nothing(explorer_page_path):
    import json
    import re

    from simulation.reporting.design.web import fetched_resources

    page = explorer_page_path.read_text(encoding="utf-8")
    assert len(page.encode()) < 3 * 2**20
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    assert fetched_resources(page, inline_scripts=True) == []
    assert ("Dihitung sebelumnya untuk kisi ini (85 pilihan, 100 simulasi, sama dengan "
            "laporan), laporan Oktober 2026") in page
    assert not re.search(r"\bdraws?\b", page)  # no English in the Indonesian page
    grid = json.loads(re.search(r"const GRID = (\{.*?\});\n", page).group(1).replace(
        "<\\/", "</"))
    nothing = grid["results"][0]  # no places: the policy in force
    assert nothing["more"] == "0" and nothing["active"] == grid["baseline_active"]
    thousand = grid["results"][len(grid["starts"]) * len(grid["packages"])]  # 1,000 places
    assert grid["places"][1] == "1.000" and thousand["more"].startswith("+")
    assert thousand["per_worker"].startswith("Rp ")
    assert not any(r["more"].startswith("-") for r in grid["results"])
    assert [s["title"] for s in grid["scenarios"]] == [
        "Bantuan iuran JKK + JKM oleh pemda kabupaten"]
    assert "Skenario laporan: Bantuan iuran JKK + JKM oleh pemda kabupaten" in page


def test_a_scenario_title_cannot_end_or_bend_the_pages_script(grids):
    from dataclasses import replace

    from simulation.reporting.design.web import fetched_resources
    from simulation.reporting.formats.explorer import page as explorer_page

    data, found = grids["ngawi"]
    hostile = "</script><script>alert(1)</script><!-- <b onmouseover=x>"
    bent = replace(found, scenarios=tuple((n, hostile, o) for n, _, o in found.scenarios))
    page = explorer_page.page(bent, data)
    assert fetched_resources(page, inline_scripts=True) == []
    assert hostile not in page and "<b onmouseover" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page  # shown as text in the choice


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
        page.select_option("#option", "1")  # the report's own scenario: its numbers
        proposal = page.inner_text("#budget-value"), page.inner_text("#limit-value")
        locked = page.is_disabled("#places")
        browser.close()
    assert before != after and shown == "15.000"
    # APBD 2027 of Ngawi's proposal: the DBHCHT list (Rp 1,57 miliar), the village cover
    # (about Rp 1 miliar) and the Rp 750 juta cap of the kabupaten subsidy
    assert proposal[0] == "Rp 3,3 miliar" and proposal[1].startswith("pagu") and locked
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
    from simulation.reporting.design.web import fetched_resources

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
