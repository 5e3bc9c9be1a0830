"""Each hardening mechanism with its own inputs: escaping, the page's CSP and offline check,
neutralised formulas, private files, the store's lock and rules, every sheet read, strict
numbers and names, verify's all-or-nothing writes, and the smaller rules."""

from __future__ import annotations

import errno
import html
import multiprocessing
import os
import shutil
import stat
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import PARAMS, REPO
from openpyxl import Workbook

from simulation.errors import InputError, Problem, quoted
from simulation.files import write_csv
from simulation.intake import aggregates
from simulation.intake.lists import read_active_list, read_lists
from simulation.intake.store import load_store
from simulation.intake.verification import Rules, verify
from simulation.months import parse_month
from simulation.params import load_params
from simulation.params.reader import read_yaml
from simulation.reporting.design.web import CONTENT_SECURITY_POLICY, fetched_resources
from simulation.reporting.formats.page.htmlpage import page
from simulation.reporting.words.markup import inline, markdown_html, sanitise

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
           "[klik](javascript:alert(1))", "![x](http://x.example/a.png)",
           "<a href='javascript:alert(1)'>a</a>", "# judul palsu", "- daftar palsu",
           "<meta http-equiv=refresh content='0;url=http://x.example'>", "**tebal** & _miring_"]


class Live(HTMLParser):
    """What in a page could run or load: elements, event handlers, scriptable links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "meta", "base", "link", "form"):
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or value.startswith(("javascript:", "http:", "https:",
                                                          "//")):
                self.found.append(f"{tag} {name}={value}")


def live_markup(fragment: str) -> list[str]:
    parser = Live()
    parser.feed(fragment)
    return parser.found


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_from_files_shows_as_text_and_never_as_markup(hostile):
    rendered = markdown_html(f"Skenario: {inline(hostile)}")
    assert live_markup(rendered) == []
    assert rendered.count("<p>") == 1 and "<h1" not in rendered and "<li" not in rendered
    visible = html.unescape(rendered.replace("<p>", "").replace("</p>", "")).strip()
    assert visible == f"Skenario: {' '.join(hostile.split())}"


def test_a_value_keeps_the_spaces_around_it():
    assert markdown_html(f"a{inline(' DATA CONTOH.')}") == "<p>a DATA CONTOH.</p>\n"


def test_the_sanitiser_keeps_charts_and_tables_and_drops_anything_live():
    kept = ('<h2 id="1.-Ringkasan">1. Ringkasan</h2><table class="dataframe"><tr '
            'style="text-align: right;"><td colspan="2">5</td></tr></table>'
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart">')
    clean = sanitise(kept + "<script>alert(1)</script><img src=x onerror=alert(1)>"
                     '<a href="javascript:alert(1)">x</a><iframe src="http://x.example">')
    assert 'id="1.-Ringkasan"' in clean and 'colspan="2"' in clean
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in clean
    assert live_markup(clean) == [] and "alert" not in clean.replace("alert(1)</", "")


@pytest.mark.parametrize("markup", [
    '<img srcset="http://x.example/a.png 1x">', '<meta http-equiv="refresh" content="0;url='
    'http://x.example">', '<div style="background:url(//x.example/a.png)">',
    "<style>body{background:url( 'https://x.example/a.png')}</style>",
    "<style>@import 'http://x.example/a.css';</style>",
    "<script>new Image().src = 'ht' + 'tp://x.example'</script>",
    '<video poster="https://x.example/p.png">', '<div onmouseover="fetch(1)">',
    '<link rel="stylesheet" href="https://x.example/a.css">',
])
def test_the_offline_check_finds_every_way_a_page_could_load_or_run(markup):
    assert fetched_resources(f"<p>ok</p>{markup}") != []


def test_inline_images_and_links_are_not_network_loads():
    assert fetched_resources('<img src="data:image/png;base64,AA=="><a href="https://'
                             'bpjsketenagakerjaan.go.id">situs</a><a href="#x">x</a>') == []


def test_every_page_forbids_network_loads_by_its_own_policy():
    built = page("<b>judul</b>", "<p>isi</p>", "id")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'\
        in built
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "img-src data:" in \
        CONTENT_SECURITY_POLICY and "script-src" not in CONTENT_SECURITY_POLICY
    assert "<title>&lt;b&gt;judul&lt;/b&gt;</title>" in built


# ------------------------------------------------------------ spreadsheets and private files

FORMULAS = ['=HYPERLINK("http://x.example","Klik")', "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
            "+1+1", "\t=1", "\r=1"]


def test_every_csv_cell_that_starts_like_a_formula_gets_a_quote(tmp_path):
    frame = pd.DataFrame({"kelurahan": FORMULAS, "count": range(len(FORMULAS)),
                          "=bad header": "x"})
    write_csv(frame, tmp_path / "out.csv")
    back = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert list(back.columns) == ["kelurahan", "count", "'=bad header"]
    assert all(cell.startswith("'") for cell in back.kelurahan) and len(back) == len(FORMULAS)
    assert back["count"].tolist() == [str(k) for k in range(len(FORMULAS))]  # numbers stay


@pytest.fixture(scope="module")
def rules(params):
    return Rules(parse_month("2020-03"), 18, 65, "35.77",
                 tuple(k for k in params.kelurahan if k.region_code == "35.77"))


def test_the_private_follow_up_file_neutralises_formulas_and_is_owner_only(tmp_path, rules):
    cells = FORMULAS[:-1]  # a lone CR in a CSV file is a line break, not a cell
    rows = ["NIK;Nama;Kelurahan"] + [f"=1+{k};Nama {k};{kel}" for k, kel in enumerate(cells)]
    (tmp_path / "daftar.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = verify(read_lists(tmp_path / "daftar.csv"), rules)
    private = tmp_path / "rahasia"
    private.mkdir(mode=0o700)
    outputs = aggregates.write_outputs(result, rules.kelurahan, rules.listing_month,
                                       "kota-madiun", tmp_path / "pub", private)
    follow_up = pd.read_csv(outputs.private[0], dtype=str, keep_default_na=False)
    assert len(follow_up) == len(cells)
    for column in ("kelurahan_listed", "nik"):
        assert all(cell.startswith("'") for cell in follow_up[column]), follow_up[column]
    assert stat.S_IMODE(outputs.private[0].stat().st_mode) == 0o600


def test_a_private_folder_is_created_owner_only_and_never_where_git_tracks(tmp_path, cli):
    from simulation.intake.private import private_folder

    made = private_folder(tmp_path / "baru" / "rahasia", [tmp_path / "pub"], "--private-dir")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the tracked-folder rule cannot be checked")
    repo = tmp_path / "kantor"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("/rahasia/\n")
    with pytest.raises(InputError, match="a folder git ignores"):
        private_folder(repo / "data" / "tindak-lanjut", [], "--private-dir")
    assert private_folder(repo / "rahasia", [], "--private-dir").is_dir()


def test_verify_writes_all_of_its_files_or_none(tmp_path, rules, monkeypatch):
    (tmp_path / "daftar.csv").write_text("NIK;Nama;Kelurahan\n3577031508800001;A;Klegen\n"
                                         "3577031508800002;B;Planet\n", encoding="utf-8")
    result = verify(read_lists(tmp_path / "daftar.csv"), rules)
    out, private = tmp_path / "pub", tmp_path / "rahasia"
    out.mkdir()
    private.mkdir()
    earlier = out / "pendataan-kota-madiun-2020-03-kelurahan.csv"
    earlier.write_text("earlier good result\n")

    def full_disk(frame, **_):
        if "nik" in frame.columns:  # the private file: the disk fills up half-way
            def fail(path):
                Path(path).write_text("3577031508800002,")
                raise OSError(errno.ENOSPC, "No space left on device", path)
            return fail
        return lambda path: frame.to_csv(path, index=False)

    monkeypatch.setattr(aggregates, "csv_writer", full_disk)
    with pytest.raises(OSError):
        aggregates.write_outputs(result, rules.kelurahan, rules.listing_month, "kota-madiun",
                                 out, private, replace=True)
    assert earlier.read_text() == "earlier good result\n"
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]  # no temporaries left
    assert list(private.iterdir()) == []


def test_a_written_scenario_counts_the_lists_and_names_none(params_copy, params):
    """A list's file name may hold a NIK or a name: the scenario verify writes counts the
    lists and loads as a valid scenario."""
    region = params.region("kota-madiun")
    totals = {"listed": 100, "already_covered": 10, "verified": 60}
    text = aggregates.scenario_yaml(totals, region, parse_month("2026-10"), 2)
    (params_copy / "scenarios" / "bantuan-iuran-pendataan.yaml").write_text(text)
    loaded = load_params(params_copy).scenarios["bantuan-iuran-pendataan"]
    assert "dari 2 daftar Kota Madiun" in loaded.description.id
    assert "of 2 list(s) of Kota Madiun" in loaded.description.en


def test_every_sheet_with_a_header_is_read(tmp_path):
    book = Workbook()
    book.active.title = "Kartoharjo"
    book.active.append(["NIK", "Nama", "Kelurahan"])
    book.active.append(["3577031508800001", "A", "Klegen"])
    second = book.create_sheet("Taman")
    second.append(["DAFTAR AWAL"])
    second.append(["No. NIK", "Nama Lengkap", "Kel."])
    second.append(["3577031508800002", "B", "Taman"])
    second.append(["3577031508800003", "C", "Taman"])
    book.save(tmp_path / "dua.xlsx")
    lists = read_lists(tmp_path / "dua.xlsx")
    # messages say "sheet N" (a sheet's name may be a NIK); the private file names it
    assert [(item.source, item.name, len(item.rows)) for item in lists] == [
        ("dua.xlsx sheet 1", "dua.xlsx [Kartoharjo]", 1),
        ("dua.xlsx sheet 2", "dua.xlsx [Taman]", 2)]
    assert lists[1].rows.row.tolist() == [3, 4]  # rows as the sheet numbers them


def test_lists_in_utf16_and_windows_1252_and_single_column_active_lists(tmp_path):
    text = "NIK;Nama;Kelurahan\n3577031508800001;Sri Rahayu;Oro-oro Ombo\n"
    (tmp_path / "utf16.csv").write_bytes(text.encode("utf-16"))
    (tmp_path / "ansi.csv").write_bytes(text.replace("Sri", "Sr\u00ed").encode("cp1252"))
    for name in ("utf16.csv", "ansi.csv"):
        assert read_lists(tmp_path / name)[0].rows.nik.tolist() == ["3577031508800001"]
    (tmp_path / "hmac.csv").write_text("nik_hmac\n" + "ab" * 32 + "\n" + "cd" * 32 + "\n")
    assert read_active_list(tmp_path / "hmac.csv") == (set(), {"ab" * 32, "cd" * 32})
    (tmp_path / "nik.csv").write_text("nik\n3577031508800001\n", encoding="cp1252")
    assert read_active_list(tmp_path / "nik.csv") == ({"3577031508800001"}, set())


def test_full_width_digits_and_indonesian_birth_dates(tmp_path, rules):
    full_width = "３５７７０３１５０８８０００１"
    rows = ["NIK;Nama;Kelurahan;Tgl Lahir", f"{full_width};A;Klegen;",
            "3577031508800002;B;Klegen;15 Agustus 1980", "3577031508800003;C;Klegen;5 Mei 1980"]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = verify(read_lists(tmp_path / "d.csv"), rules)
    assert result.reasons.tolist() == ["nik_not_16_digits", "", "birth_date_mismatch"]


def test_files_of_one_name_in_two_folders_are_told_apart(tmp_path, cli, params):
    for folder, serial in (("kartoharjo", 1), ("taman", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "daftar.csv").write_text(
            f"NIK;Nama;Kelurahan\n357703150880000{serial};X;Planet\n", encoding="utf-8")
    status, _, _ = cli("verify", tmp_path / "kartoharjo" / "daftar.csv",
                       tmp_path / "taman" / "daftar.csv", "--month", "2020-03", "--out",
                       tmp_path / "pub", "--private-dir", tmp_path / "rahasia",
                       "--params", PARAMS)
    assert status == 0
    follow_up = pd.read_csv(next((tmp_path / "rahasia").glob("*.csv")), dtype=str)
    assert sorted(follow_up.file) == sorted([str(tmp_path / "kartoharjo" / "daftar.csv"),
                                             str(tmp_path / "taman" / "daftar.csv")])


# ------------------------------------------------------------------------ the store


def _import(store: str, region: str, value: int, barrier) -> None:
    from simulation.cli import main

    data = Path(store).parent / f"{region}.csv"
    data.write_text(f"daerah,bulan,aktif\n{region},2026-11,{value}\n")
    barrier.wait()
    raise SystemExit(main(["actuals", "import", str(data), "--store", store,
                           "--params", str(PARAMS)]))


@pytest.mark.skipif(os.name == "nt", reason="forks two importers at the same moment")
def test_imports_at_the_same_time_lose_nothing(tmp_path):
    shipped = pd.read_csv(REPO / "data" / "actuals" / "actuals.csv", dtype=str,
                          keep_default_na=False)
    # a large store widens the read-modify-write window, as in the 360k-row case
    filler = pd.DataFrame({"region": [f"99.{k % 6 + 1:02d}" for k in range(120_000)],
                           "month": [f"{5000 + k // 72:04d}-{k // 6 % 12 + 1:02d}"
                                     for k in range(120_000)],
                           "active": "5", "subsidised": "", "new": "", "lapsed": "",
                           "source": "filler", "kind": "illustrative"})
    store = tmp_path / "actuals.csv"
    pd.concat([shipped, filler]).to_csv(store, index=False)
    latest = {code: int(shipped[shipped.region == code].active.iloc[-1])
              for code in ("35.01", "35.21", "35.02", "35.20")}
    context = multiprocessing.get_context("fork")
    codes = {"Pacitan": "35.01", "Ngawi": "35.21", "Ponorogo": "35.02", "Magetan": "35.20"}
    for pair in (("Pacitan", "Ngawi"), ("Ponorogo", "Magetan")):
        barrier = context.Barrier(2)  # both read the store at the same moment
        workers = [context.Process(target=_import, args=(str(store), name,
                                                         latest[codes[name]] + 3, barrier))
                   for name in pair]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(300)
        assert [w.exitcode for w in workers] == [0, 0]
    final = load_store(store)
    added = final[final.month == "2026-11"]
    assert sorted(added.region) == ["35.01", "35.02", "35.20", "35.21"]
    assert len(final) == len(shipped) + len(filler) + 4


# ------------------------------------------------------------------------ params


def test_an_override_keeps_kind_and_bounds_as_well_as_unit(params_copy):
    local = params_copy / "local"
    local.mkdir()
    (local / "q.yaml").write_text(
        "imitation_q:\n  description: x\n  label: {id: x, en: x}\n  unit: /year\n"
        "  kind: legal\n  reference: {title: x}\n  last_verified: 2026-01-01\n"
        "  plausible: {max: 5.0}\n  values: {2020-01: 1.9}\n")
    with pytest.raises(InputError) as caught:
        load_params(params_copy)
    message = str(caught.value)
    assert "imitation_q.kind: got 'legal'; expected 'assumption'" in message
    assert "imitation_q.plausible: got (None, 5.0)" in message
    assert "imitation_q.values.2020-01.default: got 1.9; expected a value within" in message


def test_a_merge_key_is_read_and_explicit_keys_win(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    problems: list[Problem] = []
    assert read_yaml(path, problems)["other"] == {"x": 1, "y": 3} and problems == []


def test_one_bad_scenario_is_reported_once_without_knock_on_errors(params_copy):
    (params_copy / "scenarios" / "sosialisasi.yaml").write_text("name: sosialisasi\n")
    with pytest.raises(InputError) as caught:
        load_params(params_copy)
    assert all("sosialisasi.yaml" in str(p.source) for p in caught.value.problems)


def test_a_cycle_is_reported_once_naming_the_whole_cycle(params_copy):
    path = params_copy / "scenarios" / "sosialisasi.yaml"
    path.write_text(path.read_text().replace("name: sosialisasi\n",
                                             "name: sosialisasi\nbuilds_on: [kombinasi]\n"))
    with pytest.raises(InputError) as caught:
        load_params(params_copy)
    cycles = [p for p in caught.value.problems if "cycle" in p.expected]
    assert len(cycles) == 1 and "kombinasi -> sosialisasi -> kombinasi" in cycles[0].expected


def test_a_value_quoted_in_a_message_is_short_whatever_its_size():
    nested: list = ["x"] * 9
    for _ in range(9):
        nested = [nested] * 9
    assert len(quoted(nested)) <= 200 and len(quoted("y" * 10_000)) <= 200
    assert quoted(10 ** 5000) == "(int too large to show)"
    assert len(str(Problem("f", "k", nested, "x"))) < 260


def test_every_file_permission_is_kept_when_a_store_is_replaced(tmp_path):
    store = tmp_path / "actuals.csv"
    shutil.copy(REPO / "data" / "actuals" / "actuals.csv", store)
    os.chmod(store, 0o644)
    frame = load_store(store)
    write_csv(frame, store)
    assert load_store(store).equals(frame)


def test_an_unreadable_file_is_named_with_the_reason(tmp_path, monkeypatch):
    """(As root every file is readable, so the operating system's refusal is simulated.)"""
    from simulation.intake.spreadsheets import checked_file

    path = tmp_path / "daftar.csv"
    path.write_text("NIK;Nama;Kelurahan\n")
    yaml_path = tmp_path / "p.yaml"
    yaml_path.write_text("x: 1\n")

    def refused(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refused)
    with pytest.raises(InputError, match=r"daftar.csv: got '\(Permission denied\)'"):
        checked_file(path, "daftar.csv")
    problems: list[Problem] = []
    assert read_yaml(yaml_path, problems) is None
    assert "(Permission denied)" in str(problems[0]) and "a readable YAML file" in str(
        problems[0])


def test_a_workbook_of_over_1000_parts_or_a_file_of_over_2_million_cells_is_refused(tmp_path):
    """Two limits of what a list may cost that the bombs do not reach: the parts inside a
    workbook (read from the zip's directory, before any part is opened) and the filled
    cells of a whole file (counted as rows are read)."""
    import zipfile

    from simulation.errors import InputError
    from simulation.intake import spreadsheets

    parts = tmp_path / "daftar.xlsx"
    with zipfile.ZipFile(parts, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for k in range(spreadsheets.MAX_MEMBERS):
            archive.writestr(f"xl/media/p{k}.bin", b"")
    with pytest.raises(InputError) as raised:
        spreadsheets.read_sheets(parts, "daftar.xlsx")
    assert "1,001 parts inside" in str(raised.value)
    assert "a workbook of at most 1,000 parts" in str(raised.value)
    cells = spreadsheets.MAX_CELLS - 2
    assert spreadsheets._counted(["a", "b"], cells, "daftar.csv", "row 9") == cells + 2
    with pytest.raises(InputError) as raised:
        spreadsheets._counted(["a", "b", "c"], cells, "daftar.csv", "row 10")
    assert "at most 2,000,000 filled cells in one file" in str(raised.value)
