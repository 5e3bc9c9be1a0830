"""Report helpers: locale formatting, headline numbers, charts, offline HTML."""

from __future__ import annotations

from dataclasses import replace

import matplotlib

matplotlib.use("agg")  # tests only; notebooks keep the inline backend

import pytest  # noqa: E402
from conftest import REPO  # noqa: E402

from simulation.engine.inputs import ProjectionRequest  # noqa: E402
from simulation.engine.projection import project  # noqa: E402
from simulation.errors import InputError  # noqa: E402
from simulation.months import parse_month  # noqa: E402
from simulation.reporting.content.data import ReportData  # noqa: E402
from simulation.reporting.content.headline import headline, headline_table  # noqa: E402
from simulation.reporting.content.provenance import provenance_table  # noqa: E402
from simulation.reporting.content.settings import settings_from  # noqa: E402
from simulation.reporting.design import charts  # noqa: E402
from simulation.reporting.design.styles import scenario_style  # noqa: E402
from simulation.reporting.design.web import fetched_resources
from simulation.reporting.formats.page.htmlpage import index_page  # noqa: E402
from simulation.reporting.words.formatting import (  # noqa: E402
    compact,
    compact_rupiah,
    month_name,
    number,
    percent,
    rupiah,
)


def test_numbers_money_and_months_follow_the_locale():
    assert rupiah(1_234_567) == "Rp 1.234.567"
    assert rupiah(1_234_567, "en") == "Rp 1,234,567"
    assert compact(3_763) == "3,8 ribu" and compact(3_763, "en") == "3.8 thousand"
    assert compact_rupiah(1_200_000_000) == "Rp 1,2 miliar"
    assert month_name(parse_month("2019-08")) == "Agustus 2019"
    assert month_name(parse_month("2019-08"), "en") == "August 2019"
    assert number(2298) == "2.298" and percent(0.125) == "12,5%"


@pytest.fixture(scope="module")
def kota(params):
    settings = settings_from(params, "2019-12", "baseline,bantuan-iuran", 24, 100, 7, "id")
    return ReportData.build(params, (params.region("kota-madiun"),), settings)


def test_headline_numbers_are_those_of_the_projection(params, kota):
    h = headline(kota, "kota-madiun")
    assert h["now"]["active"]["p50"] == 210 and h["now"]["from_data"]
    assert h["apbd_year"] == 2020 and h["horizon_end"] == "2021-12"
    table, _ = project(params, ProjectionRequest(("baseline", "bantuan-iuran"),
                                                 (params.region("kota-madiun"),),
                                                 parse_month("2020-01"), 24, 100, 7))
    expected = table[(table.scenario == "bantuan-iuran") & (table.metric == "active")
                     & (table.month == "2021-12")].iloc[0]
    [subsidy] = [s for s in h["scenarios"] if s["name"] == "bantuan-iuran"]
    assert subsidy["active_end_of_horizon"]["p50"] == round(expected.p50)
    # Kota Madiun's own scheme (params/schemes/) runs in every scenario: its 2020 budget,
    # Rp 1 miliar in the draft APBD 2020 (Antara Jatim 337916)
    assert subsidy["cap_rp"] == 1_000_000_000


def test_headline_table_speaks_indonesian_by_default(kota):
    columns = list(headline_table(kota, "kota-madiun").columns)
    assert columns[0] == "Skenario" and "Aktif akhir APBD 2020" in columns


def test_provenance_lists_every_parameter_with_kind_source_and_flags(params, kota):
    table = provenance_table(kota, "kota-madiun")
    assert len(table) == len(params.parameters)
    row = table[table["Parameter"] == "Diskon iuran 2026 (PP 50/2025)"].iloc[0]
    assert row["Jenis"] == "peraturan" and "KEYAKINAN RENDAH" not in row["Catatan"]
    relief = kota.params.parameter("relief_pp50_2025")
    doubtful = replace(kota, params=replace(kota.params, parameters={
        **kota.params.parameters, relief.name: replace(relief, confidence="low")}))
    row = provenance_table(doubtful, "kota-madiun").set_index("Parameter").loc[
        "Diskon iuran 2026 (PP 50/2025)"]
    assert "KEYAKINAN RENDAH" in row["Catatan"]
    informal = table[table["Parameter"] == "Pekerja informal (perkiraan)"].iloc[0]
    assert informal["Jenis"] == "ASUMSI" and informal["Nilai"] == "36.000 orang (31.000–41.000)"
    # a monthly rate says so, and a lag is in months
    lapse = table[table["Parameter"] == "Laju berhenti bayar mandiri"].iloc[0]
    assert lapse["Nilai"] == "5,00% / bulan (3,00%–8,00%)"
    lag = table[table["Parameter"] == "Jeda pendataan sampai kepesertaan"].iloc[0]
    assert lag["Nilai"] == "2 bulan"


def test_the_appendix_shows_a_dated_schedule_where_a_value_changes_before_the_horizon(kota):
    table = provenance_table(kota, "kota-madiun")  # December 2019, 24 months
    covid = table[table["Parameter"] == "Keringanan iuran COVID-19 (PP 49/2020)"].iloc[0]
    assert covid["Nilai"] == "Juli 2015: 0,00% → Agustus 2020: 99,0% → Februari 2021: 0,00%"
    jkm = table[table["Parameter"] == "Manfaat JKM"].iloc[0]
    assert jkm["Nilai"] == "Rp 42.000.000" and jkm["Berlaku sejak"] == "Desember 2019"


def test_report_parameters_are_checked(params):
    with pytest.raises(InputError) as caught:
        settings_from(params, "2019-06", "baseline", 0, 10, 1, "jv")
    message = str(caught.value)
    assert "month: got '2019-06'; expected 2019-12 or later" in message
    assert "lang: got 'jv'" in message and "horizon_months: got 0" in message


def test_charts_have_labelled_axes_in_the_report_language(kota):
    figure = charts.fan_chart(kota, "kota-madiun")
    axis = figure.axes[0]
    assert axis.get_ylabel() == "Peserta BPU aktif" and axis.get_xlabel() == "Bulan"
    assert any("Bantuan iuran" in t.get_text() for t in axis.get_legend().get_texts())
    assert charts.budget_chart(kota, "kota-madiun").axes[0].get_xlabel() == "Tahun APBD"
    assert charts.funnel_chart(kota, "kota-madiun") is not None


def test_scenario_styles_differ_in_more_than_colour(params):
    styles = [scenario_style(s) for s in params.scenarios.values()]
    assert len({str(s["linestyle"]) for s in styles}) == len(styles)
    assert len({s["marker"] for s in styles}) == len(styles)


def test_fetched_resources_finds_what_a_browser_would_load_but_not_links():
    assert fetched_resources('<script src="https://cdn.example/x.js"></script>')
    assert fetched_resources('<link rel="stylesheet" href="//cdn.example/x.css">')
    assert fetched_resources("<style>body{background:url('http://x/y.png')}</style>")
    assert fetched_resources('<img src="http://x/y.png">')
    assert not fetched_resources('<a href="https://peraturan.go.id">PP 44/2015</a>')
    assert not fetched_resources('<img src="data:image/png;base64,AAAA">')


def test_the_index_marks_a_failed_region_and_keeps_its_link():
    rows = [{"slug": "ngawi", "name": "Kabupaten Ngawi", "status": "failed", "summary": None,
             "has_report": True}]
    page = index_page(parse_month("2019-12"), "id", rows, None, "0.1.0", "abc")
    assert "GAGAL (laporan sebelumnya dipertahankan)" in page
    assert 'href="ngawi/report.html"' in page and not fetched_resources(page)


def _store(rows, kind="observed"):
    import pandas as pd

    return pd.DataFrame([{"region": r, "month": m, "active": a, "subsidised": pd.NA,
                          "new": pd.NA, "lapsed": pd.NA, "source": "ekspor-maret.csv",
                          "kind": kind} for r, m, a in rows])


def test_a_report_starts_from_the_latest_actual_and_warns_when_it_falls_outside(params):
    settings = settings_from(params, "2020-03", "baseline", 12, 200, 3, "id")
    store = _store([("35.21", "2020-01", 2500), ("35.21", "2020-02", 2510),
                    ("35.21", "2020-03", 4000)])
    data = ReportData.build(params, (params.region("ngawi"),), settings, actuals=store)
    assert data.request.start == parse_month("2020-04")
    assert headline(data, "ngawi")["now"]["active"]["p50"] == 4000
    from simulation.reporting.content.alerts import variance_alert

    alert = variance_alert(data, "ngawi")
    assert alert.startswith("**⚠ PERHATIAN: jumlah peserta aktif Maret 2020 (4.000) di luar")
    assert "Februari 2020, Maret 2020; jenis: data teramati.)" in alert
    assert "Sumber data: ekspor-maret.csv." in alert
    calm = _store([("35.21", "2020-02", 2510), ("35.21", "2020-03", 2540)])
    quiet = ReportData.build(params, (params.region("ngawi"),), settings, actuals=calm)
    assert "berada dalam rentang" in variance_alert(quiet, "ngawi")


def test_a_gap_in_illustrative_data_is_a_note_that_says_so_not_an_alarm(params):
    from simulation.reporting.content.alerts import variance_alert

    settings = settings_from(params, "2020-03", "baseline", 12, 200, 3, "id")
    store = _store([("35.21", "2020-02", 2510), ("35.21", "2020-03", 4000)], "illustrative")
    data = ReportData.build(params, (params.region("ngawi"),), settings, actuals=store)
    note = variance_alert(data, "ngawi")
    assert "PERHATIAN" not in note and "⚠" not in note and not note.startswith("**")
    assert "di luar rentang" in note and "jenis: ILUSTRATIF" in note
    assert "actuals.csv" in note and "ekspor-maret.csv" not in note


def test_the_appendix_shows_the_calibration_fit_when_there_is_one(params, params_copy):
    import json

    from simulation.reporting.content.provenance import fit_table

    (params_copy / "calibrated").mkdir(exist_ok=True)
    (params_copy / "calibrated" / "fit.json").write_text(json.dumps({
        "data_through": "2022-12", "fits": [{"region": "35.21", "months": 38, "weight": 0.76,
                                             "used": {"outside_influence_p": 0.015,
                                                      "imitation_q": 0.11,
                                                      "self_payer_lapse_rate": 0.05},
                                             "mape_in_sample": 0.061}],
        "backtest": [{"region": "35.21", "origin": "2020-03", "months_ahead": 6,
                      "mape_model": 0.055, "mape_naive": 0.033}]}))
    settings = settings_from(params, "2019-12", "baseline", 12, 50, 3, "id")
    data = ReportData.build(params, (params.region("ngawi"),), settings,
                            params_dir=str(params_copy))
    table = fit_table(data)
    row = table.iloc[0]
    assert row["Daerah"] == "Kabupaten Ngawi" and row["Galat kalibrasi (MAPE)"] == "6,1%"
    assert row["Uji mundur 6 bln: model"] == "5,5%" and table.attrs["through"] == "Desember 2022"
    nowhere = ReportData.build(params, (params.region("ngawi"),), settings,
                               params_dir=str(params_copy.parent / "nowhere"))
    assert fit_table(nowhere) is None


def test_the_branch_chart_shows_actuals_projection_and_the_target(params):
    settings = settings_from(params, "2019-12", "baseline,kombinasi", 24, 50, 3, "id")
    data = ReportData.build(params, params.regions, settings)
    legend = [t.get_text() for t in charts.fan_chart(data, "total").axes[0].get_legend()
              .get_texts()]
    assert "target cabang: 32 ribu" in legend
    assert not any("target" in t.get_text() for t in charts.fan_chart(data, "pacitan").axes[0]
                   .get_legend().get_texts())


REPO_DATA = REPO / "data"


@pytest.fixture(scope="module")
def kota_2026(params):
    from simulation.intake.state import Observations

    observations = Observations.read(REPO_DATA, params)
    settings = settings_from(params, "2026-10", "baseline,sosialisasi", 26, 1, 3, "id")
    return ReportData.build(params, (params.region("kota-madiun"),), settings,
                            actuals=observations.actuals, points=observations.points,
                            data_dir=str(REPO_DATA))


def test_the_payer_table_shows_full_year_amounts_per_payer(kota_2026):
    from simulation.reporting.content import payers

    table = payers.payer_table(kota_2026, "kota-madiun")
    # November 2026 to December 2028: two months of 2026, then full years
    assert list(table.columns) == ["Skenario", "Pembayar", "2026 (2 bln)", "2027", "2028"]
    by_year = payers.by_year_and_payer(kota_2026, "kota-madiun", "baseline")
    assert set(by_year) == {"2027", "2028"}
    # 9,582 BPU at Rp 16,800 and 7,902 wage earners at Rp 11,800, twelve months (median
    # draw: the 2026 sizes are ranges around those); the water company's 1,184 from its CSR
    assert by_year["2027"]["apbd_kabkota"] == pytest.approx(
        12 * (9_582 * 16_800 + 7_902 * 11_800), rel=0.03)
    assert by_year["2027"]["csr"] == 12 * 1_184 * 16_800
    assert by_year["2027"]["worker"] > 0  # self-payers' own contributions
    rows = table[table["Skenario"] == "Kebijakan yang berlaku"]
    assert rows["Pembayar"].tolist() == ["APBD kabupaten/kota", "CSR perusahaan",
                                         "Pekerja (iuran sendiri)"]


def test_a_cap_is_committed_from_a_month_never_said_to_run_out(params):
    """Item 5 of the reader issue: the cap's money is committed in January and paid over
    the year; the limits table says so, per APBD year, with a part year labelled."""
    from simulation.intake.state import Observations
    from simulation.reporting.content.limits import limits_table

    observations = Observations.read(REPO_DATA, params)
    settings = settings_from(params, "2026-10", "baseline,bantuan-iuran", 26, 1, 3, "id")
    data = ReportData.build(params, (params.region("ngawi"),), settings,
                            actuals=observations.actuals, points=observations.points,
                            data_dir=str(REPO_DATA))
    table = limits_table(data, "ngawi")
    assert list(table.columns) == ["Skenario", "2026 (2 bln)", "2027", "2028"]
    row = table.iloc[0]
    assert row["Skenario"] == data.scenario_title("bantuan-iuran")
    assert row["2027"] == "pagu (terikat penuh sejak Januari 2027)"
    assert row["2028"] == "pagu (terikat penuh sejak Januari 2028)"
    assert row["2026 (2 bln)"] == "–"  # no programme before 2027
    assert not any("habis" in str(v) for v in table.to_numpy().ravel())


def test_the_sensitivity_run_varies_the_word_of_mouth_weight(kota_2026):
    from simulation.reporting.content.history import word_of_mouth_sensitivity

    table = word_of_mouth_sensitivity(kota_2026, "kota-madiun")
    main = "tabel utama (bobot 0,0–1,0 diacak)"
    assert list(table.columns) == ["Skenario", "bobot 0,0", main, "bobot 1,0"]
    assert table["Skenario"].tolist() == ["Sosialisasi dan pendampingan pendaftaran"]
    assert len(set(table.iloc[0, 1:])) == 3  # the weight matters
    # the middle column is section 5's own number: the same draws, the same median
    additional = kota_2026.value("sosialisasi", "additional_active", "kota-madiun",
                                 kota_2026.settings.horizon_end)["p50"]
    assert table.loc[0, main] == number(additional)


def test_what_the_schemes_achieved_is_the_replay_against_the_counterfactual(kota_2026):
    from simulation.reporting.content.history import achieved

    result = achieved(kota_2026, "kota-madiun")
    assert result["month"] == "2026-10"
    assert result["difference"] == result["with"] - result["without"]
    assert result["with"] > 17_000 and result["without"] < 1_000


def test_a_report_from_before_the_replay_has_nothing_to_replay(params):
    from simulation.reporting.content.history import achieved
    from simulation.reporting.design import charts

    settings = settings_from(params, "2019-12", "baseline", 12, 1, 3, "id")
    early = ReportData.build(params, (params.region("kota-madiun"),), settings)
    assert achieved(early, "kota-madiun") is None
    assert charts.scheme_chart(early, "kota-madiun") is None


def test_the_scenario_lab_speaks_briefly_and_formats_its_tables():
    from simulation.reporting.content.lab import Lab

    lab = Lab.load(str(REPO / "params"), "pacitan", months=24, draws=30,
                   data_dir=str(REPO / "data"))
    lab.variant("kuota-6000", "bantuan-iuran", "subsidy_quota", {"2027-01": 6000})
    shown = repr(lab)
    assert len(shown) < 200 and "pacitan" in shown and "variants: kuota-6000" in shown
    assert len(repr(lab.params)) < 200
    styled = lab.compare(["baseline", "bantuan-iuran", "kuota-6000"])
    page = styled.to_html()
    assert "146320.88" not in page and "nan" not in page.lower()
    numbers = lab.compare(["baseline", "bantuan-iuran"], formatted=False)
    subsidy = numbers.loc[numbers.scenario == "bantuan-iuran", "subsidy Rp"].iloc[0]
    assert f"Rp {subsidy:,.0f}" in page  # the same number, with separators
    assert "–" in page  # no cost per additional worker-year for the baseline
    assert numbers.loc[numbers.scenario == "bantuan-iuran", "limited by (last year)"].iloc[0] \
        == "cap"


def test_the_appendix_names_where_a_laid_over_value_comes_from(kota_2026):
    table = provenance_table(kota_2026, "kota-madiun").set_index("Parameter")
    quota = table.loc["Kuota bantuan iuran"]
    assert quota["Nilai"] == "9.582 orang (8.591–10.210)" and quota["Jenis"] == "ASUMSI"
    assert quota["Sumber"].startswith("Bantuan iuran JKK + JKM Pemkot Madiun (BPU) (2026): ")
    listing = table.loc["Pekerja didata per bulan"]  # laid two months before its year
    assert listing["Sumber"].startswith("Bantuan iuran JKK + JKM Pemkot Madiun (BPU) (2026)")
    # the starting self-payers: not the headline's "Peserta BPU aktif" (all BPU members)
    assert "Peserta BPU aktif" not in table.index
    active = table.loc["Peserta BPU mandiri (membayar sendiri)"]
    assert active["Jenis"] == "ILUSTRATIF" and "data/actuals/actuals.csv" in active["Sumber"]
    # a value of the parameter file keeps the file's kind and source
    assert table.loc["Tarif iuran JKK", "Sumber"].startswith("PP 44/2015")


def test_the_branch_total_is_drawn_only_where_every_region_reported(params):
    import pandas as pd

    from simulation.reporting.content.sections import observed_points

    settings = settings_from(params, "2019-12", "baseline", 12, 10, 3, "id")
    rows = [(r.code, month, 100) for r in params.regions for month in ("2019-10", "2019-11")]
    rows += [(r.code, "2019-12", 100) for r in params.regions[:3]]  # half the regions only
    store = pd.DataFrame([{"region": r, "month": m, "active": a, "subsidised": pd.NA,
                           "new": pd.NA, "lapsed": pd.NA, "source": "t", "kind": "observed"}
                          for r, m, a in rows])
    data = ReportData.build(params, params.regions, settings, actuals=store)
    months, values, _ = observed_points(data, "total")
    assert months == [parse_month("2019-10"), parse_month("2019-11")]
    assert values == [600.0, 600.0]  # not a drop to 300 in December


def test_section_five_keeps_differences_and_totals_apart(kota_2026):
    from simulation.reporting.content.sections import difference_table, totals_table

    differences = difference_table(kota_2026, "kota-madiun")
    assert all(c.startswith(("Skenario", "Tambahan", "Biaya per tambahan"))
               for c in differences.columns), list(differences.columns)
    baseline = differences.iloc[0]
    assert baseline["Tambahan keluarga penerima santunan kematian"] == "0"
    totals = totals_table(kota_2026, "kota-madiun")
    assert "Perkiraan peserta meninggal" in totals.columns and "(bukan selisih)" in \
        totals.attrs["note"]


def test_the_budget_chart_legend_names_only_what_is_drawn(params):
    settings = settings_from(params, "2026-10", "baseline,sosialisasi", 24, 20, 3, "id")
    data = ReportData.build(params, (params.region("pacitan"),), settings)
    figure = charts.budget_chart(data, "pacitan")
    # two groups: the scenarios under the axes, the parts of a bar (and caps) apart
    scenarios = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    parts = [t.get_text() for t in figure.legends[0].get_texts()]
    # in Pacitan the policy in force pays agency lists (DBHCHT, fishers, tappers) and the
    # campaign adds outreach: no lurah-list subsidy part, no cap in the legend
    assert scenarios == ["Kebijakan yang berlaku", "Sosialisasi dan pendampingan pendaftaran"]
    assert parts == ["skema daftar instansi (DBHCHT, CSR, Baznas, APBD)", "Sosialisasi"]


def test_what_governments_pay_is_the_payer_tables_medians_summed():
    """government_total reads the runs' per-draw sums: the number the payer table's p50
    column sums to, for every region, the branch's total, every scenario and year (and
    nothing for a year the projection does not reach)."""
    from simulation.reporting.content.data import load_report_data
    from simulation.reporting.content.payers import GOVERNMENT_PAYERS, government_total

    data = load_report_data(str(REPO / "params"), None, "2026-10",
                            "baseline,sosialisasi,bantuan-iuran,kombinasi,bantuan-sementara",
                            36, 60, 11, "id", None, str(REPO / "data"))
    table = data.payers[data.payers.payer.isin(GOVERNMENT_PAYERS)]
    years = range(data.settings.apbd_year - 1, data.settings.apbd_year + 5)
    checked = 0
    for scenario in data.settings.scenarios:
        for region in [*(r.slug for r in data.regions), "total"]:
            for year in years:
                rows = table[(table.scenario == scenario) & (table.region == region)
                             & (table.year == year)]
                assert government_total(data, region, scenario, year) == int(
                    rows.rp_p50.sum()), (scenario, region, year)
                checked += bool(len(rows))
    assert checked > 100  # most cells pay something: the check compares real amounts
    assert government_total(data, "ponorogo", "baseline", data.settings.apbd_year + 10) == 0
