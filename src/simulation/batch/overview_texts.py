"""Words of the national overview (overview.html, overview.xlsx and the index's link to
them), in Bahasa Indonesia (default) and English, as :mod:`..reporting.words.texts` holds
the reports' own; the words both share (region, active BPU now, coverage...) come from
there."""

from __future__ import annotations

OVERVIEW_TEXTS: dict[str, dict[str, str]] = {
    "ov_title": {"id": "Ikhtisar nasional — {month}", "en": "National overview — {month}"},
    "ov_intro": {
        "id": "Setiap daerah yang dilaporkan bulan ini: peserta BPU aktif, cakupan pekerja "
              "informal, skema daerah, dan anggaran pemerintah tahun APBD {year} menurut "
              "kebijakan yang berlaku dan menurut skenario unggulan. Klik judul kolom untuk "
              "mengurutkan; klik lagi untuk membalik urutan.",
        "en": "Every region reported this month: active BPU participants, coverage of the "
              "informal workers, regional schemes, and the government budget of APBD year "
              "{year} under the policy in force and under the featured scenario. Click a "
              "column heading to sort; click again to reverse."},
    "ov_h_regions": {"id": "Per daerah", "en": "By region"},
    "ov_h_provinces": {"id": "Per provinsi (jumlah daerah di atas)",
                       "en": "By province (the regions above, added up)"},
    "ov_code": {"id": "Kode", "en": "Code"},
    "ov_province": {"id": "Provinsi", "en": "Province"},
    "ov_schemes": {"id": "Skema daerah", "en": "Regional schemes"},
    "ov_no_scheme": {"id": "tidak ada yang diketahui", "en": "none known"},
    "ov_scheme_published": {"id": "diketahui dari angka terbitan, tidak dimodelkan",
                            "en": "known from a published count, not modelled"},
    "ov_cost": {"id": "APBD {year}: {scenario}", "en": "APBD {year}: {scenario}"},
    "ov_assumed": {"id": "asumsi tingkat provinsi", "en": "province-level assumption"},
    "ov_branch_data": {"id": "data cabang", "en": "branch data"},
    "ov_basis": {"id": "Dasar angka", "en": "Basis of the figures"},
    "ov_assumed_note": {
        "id": "asumsi tingkat provinsi: daerah ini tidak memiliki data cabang sendiri. Jumlah "
              "pekerja informal dan peserta BPU aktifnya diturunkan dari penduduk daerah, "
              "angka provinsi (BPS) dan angka nasional peserta BPU, dengan rentang lebar; "
              "tidak ada data kelurahan dan tidak ada skema daerah yang diketahui (peserta "
              "yang dibayar skema daerah, jika ada, termasuk dalam jumlah BPU).",
        "en": "province-level assumption: the region has no branch data of its own. Its "
              "informal workers and active BPU participants are derived from its population, "
              "the province's figures (BPS) and the national BPU count, with wide ranges; "
              "no kelurahan data and no regional scheme are known (members a regional scheme "
              "pays for, if any, are inside the BPU count)."},
    "ov_published": {"id": "Angka terbitan", "en": "Published count"},
    "ov_source": {"id": "sumber", "en": "source"},
    "ov_published_note": {
        "id": "Angka terbitan: jumlah yang diterbitkan sumber yang disebut tentang daerah itu "
              "(misalnya peserta yang iurannya dibayar APBD), dengan bulan dan ukurannya; "
              "angka terbitan, tidak dimodelkan: model tidak memutar ulang angka ini, dan "
              "jumlah peserta BPU daerah itu tetap asumsi tingkat provinsi yang sudah "
              "termasuk peserta tersebut.",
        "en": "Published count: a count the source named published about the region (members "
              "whose contributions a regional budget pays, for instance), with its month and "
              "measure; published, not modelled: the model does not replay it, and the "
              "region's BPU count remains a province-level assumption that includes those "
              "members."},
    "ov_regions_count": {"id": "Jumlah daerah", "en": "Regions"},
    "ov_assumed_count": {"id": "Daerah dengan asumsi tingkat provinsi",
                         "en": "Regions on province-level assumptions"},
    "ov_total": {"id": "Semua daerah", "en": "All regions"},
    "ov_province_note": {
        "id": "Cakupan provinsi = jumlah peserta aktif ÷ jumlah pekerja informal daerahnya "
              "(hanya daerah dalam laporan ini, bukan seluruh provinsi bila tidak semua "
              "daerahnya dilaporkan).",
        "en": "A province's coverage = its regions' active participants ÷ their informal "
              "workers (only the regions in this report, not the whole province when not "
              "all of its regions were reported)."},
    "ov_left_out_note": {
        "id": "– pada kolom skenario: skenario itu tidak mengubah apa pun di daerah tersebut; "
              "jumlah per provinsi memakai angka kebijakan yang berlaku untuk daerah itu.",
        "en": "– in a scenario's column: the scenario changes nothing in that region; the "
              "province totals count the policy in force's figure for it."},
    "ov_no_numbers": {"id": "tanpa angka (laporan gagal)",
                      "en": "no figures (the report failed)"},
    "ov_link": {"id": "Ikhtisar nasional: setiap daerah dan setiap provinsi",
                "en": "National overview: every region and every province"},
    "ov_workbook": {"id": "tabel Excel", "en": "Excel table"},
    "ov_sheet_regions": {"id": "Daerah", "en": "Regions"},
    "ov_sheet_provinces": {"id": "Provinsi", "en": "Provinces"},
    "ov_sheet_notes": {"id": "Catatan", "en": "Notes"},
    "ov_report_file": {"id": "Laporan (berkas)", "en": "Report (file)"},
    "ov_status": {"id": "Status", "en": "Status"},
}


def say(key: str, lang: str = "id", **values: object) -> str:
    """The overview's text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    entry = OVERVIEW_TEXTS[key]
    return (entry.get(lang) or entry["id"]).format(**values)
