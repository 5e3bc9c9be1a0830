"""Report helpers: locale formatting, headline numbers, charts, offline HTML."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")  # tests only; notebooks keep the inline backend

import pytest  # noqa: E402

from simulation import charts  # noqa: E402
from simulation.errors import InputError  # noqa: E402
from simulation.formatting import (  # noqa: E402
    compact,
    compact_rupiah,
    month_name,
    number,
    percent,
    rupiah,
)
from simulation.htmlpage import fetched_resources, index_page  # noqa: E402
from simulation.months import parse_month  # noqa: E402
from simulation.projection import ProjectionRequest, project  # noqa: E402
from simulation.report import (  # noqa: E402
    ReportData,
    headline,
    headline_table,
    provenance_table,
    settings_from,
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
    assert subsidy["cap_rp"] == 907_200_000


def test_headline_table_speaks_indonesian_by_default(kota):
    columns = list(headline_table(kota, "kota-madiun").columns)
    assert columns[0] == "Skenario" and "Aktif akhir APBD 2020" in columns


def test_provenance_lists_every_parameter_with_kind_source_and_flags(params, kota):
    table = provenance_table(kota, "kota-madiun")
    assert len(table) == len(params.parameters)
    row = table[table["Parameter"] == "Diskon iuran 2026 (PP 50/2025)"].iloc[0]
    assert row["Jenis"] == "peraturan" and "KEYAKINAN RENDAH" in row["Catatan"]
    informal = table[table["Parameter"] == "Pekerja informal (perkiraan)"].iloc[0]
    assert informal["Jenis"] == "ASUMSI" and informal["Nilai"] == "36.000 (31.000–41.000)"


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


def test_scenario_styles_differ_in_more_than_colour():
    styles = [charts.scenario_style(n) for n in charts.SCENARIO_STYLES]
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
