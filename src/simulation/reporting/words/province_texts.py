"""Words of a report for a region outside the tree, whose informal workers and BPU counts
are filled from province figures (:mod:`...params.national`), in Bahasa Indonesia and
English; looked up through :func:`.texts.text` like every other text."""

PROVINCE_TEXTS: dict[str, dict[str, str]] = {
    "report_subtitle_province": {
        "id": "BPJS Ketenagakerjaan · laporan {month} · angka daerah: ASUMSI tingkat provinsi",
        "en": "BPJS Ketenagakerjaan · report for {month} · regional figures: province-level "
              "ASSUMPTIONS"},
    "report_subtitle_national": {"id": "BPJS Ketenagakerjaan · laporan {month}",
                                 "en": "BPJS Ketenagakerjaan · report for {month}"},
    "province_index_flag": {"id": "ASUMSI PROVINSI", "en": "PROVINCE ASSUMPTION"},
    "province_index_note": {
        "id": "ASUMSI PROVINSI: di daerah bertanda ini, jumlah pekerja informal dan peserta BPU "
              "adalah ASUMSI tingkat provinsi (angka BPS provinsi diterapkan pada penduduk "
              "Kemendagri; tidak ada skema daerah yang diketahui, jadi jumlah BPU sudah "
              "termasuk peserta yang dibayar skema daerah, bila ada). Angka \"saat ini\"-nya "
              "adalah perkiraan model, bukan data; sumbernya di laporan daerah itu.",
        "en": "PROVINCE ASSUMPTION: in a region so marked, the informal workers and BPU counts "
              "are province-level ASSUMPTIONS (BPS province figures applied to the Kemendagri "
              "population; no regional scheme is known, so the BPU count includes any members "
              "a regional scheme pays for). Its \"now\" is the model's estimate, not data; "
              "the sources are in the region's report."},
    "province_flag": {"id": "PERKIRAAN MODEL dari ASUMSI tingkat provinsi, bukan data",
                      "en": "MODEL ESTIMATE from province-level ASSUMPTIONS, not data"},
    "now_province": {
        "id": "Angka \"saat ini\" adalah perkiraan model, bukan data: {region} tidak punya data "
              "bulanan, dan titik awalnya adalah ASUMSI tingkat provinsi ({month}).",
        "en": "\"Now\" is the model's estimate, not data: {region} has no monthly data, and "
              "its starting point is a province-level ASSUMPTION ({month})."},
    "province_statement": {
        "id": "Jumlah pekerja informal dan peserta BPU {region} adalah ASUMSI tingkat "
              "provinsi: {figures} diterapkan pada jumlah penduduk Kemendagri. "
              "Tidak ada skema daerah yang diketahui untuk {region}; jumlah BPU sudah termasuk "
              "peserta yang iurannya dibayar skema daerah, bila ada.",
        "en": "{region}'s informal workers and BPU counts are province-level ASSUMPTIONS: "
              "{figures} applied to the Kemendagri population. No regional "
              "scheme is known for {region}; the BPU count includes any members a regional "
              "scheme pays for."},
    "province_not_here": {
        "id": "Tidak ada data bulanan, hasil pendataan kelurahan, skema daerah atau angka "
              "terbitan tentang {region} dalam jamsos; bagian yang bergantung padanya tidak "
              "ditampilkan. Skenario disusun untuk Cabang Madiun: di sini berlaku nilai "
              "bawaannya (misalnya ukuran kampanye sebuah kabupaten), belum disesuaikan "
              "dengan {region}.",
        "en": "jamsos holds no monthly data, kelurahan listing, regional scheme or published "
              "figure about {region}; the parts that rest on them are left out. The scenarios "
              "were written for the Madiun branch: here their default values apply (a "
              "kabupaten's campaign size, for instance), not yet fitted to {region}."},
    "province_statement_counted": {
        "id": "Jumlah pekerja informal dan peserta BPU {region} adalah ASUMSI tingkat "
              "provinsi: {figures} diterapkan pada jumlah penduduk Kemendagri. "
              "Skema daerah untuk {region} hanya diketahui dari angka terbitan ({count} "
              "{measure}, {month}) dan tidak dimodelkan; jumlah BPU sudah termasuk pesertanya, "
              "jadi jumlah awal peserta BPU adalah ASUMSI model.",
        "en": "{region}'s informal workers and BPU counts are province-level ASSUMPTIONS: "
              "{figures} applied to the Kemendagri population. A regional scheme is known "
              "for {region} only from a published count ({count} {measure}, {month}) and is "
              "not modelled; the BPU count includes its members, so the BPU start count is "
              "the model's ASSUMPTION."},
    "province_not_here_counted": {
        "id": "Tidak ada data bulanan, hasil pendataan kelurahan atau skema daerah yang "
              "dimodelkan tentang {region} dalam jamsos; bagian yang bergantung padanya tidak "
              "ditampilkan. Angka terbitan tentang {region} ada di lampiran sebagai konteks, "
              "tidak dimodelkan. Skenario disusun untuk Cabang Madiun: di sini berlaku nilai "
              "bawaannya (misalnya ukuran kampanye sebuah kabupaten), belum disesuaikan "
              "dengan {region}.",
        "en": "jamsos holds no monthly data, kelurahan listing or modelled regional scheme "
              "about {region}; the parts that rest on them are left out. The counts published "
              "about {region} are in the appendix as context, not modelled. The scenarios "
              "were written for the Madiun branch: here their default values apply (a "
              "kabupaten's campaign size, for instance), not yet fitted to {region}."},
    "province_decline": {
        "id": "Perilaku peserta (mendaftar, berhenti membayar) memakai ASUMSI yang disusun untuk "
              "Cabang Madiun; dengan asumsi itu, dari jumlah awal menurut rasio nasional, "
              "kebijakan yang berlaku turun ke {end} pada {month}. Penurunan itu hasil asumsi "
              "tersebut, bukan hasil pengamatan di {region}.",
        "en": "Members' behaviour (joining, stopping payment) uses ASSUMPTIONS set for the "
              "Madiun branch; with them, from a start at the national rate, the policy in force "
              "falls to {end} by {month}. That fall follows from those assumptions, not from "
              "anything observed in {region}."},
    "province_method": {
        "id": "Pekerja informal = penduduk {region} menurut Kemendagri ({population} jiwa) × "
              "penduduk bekerja per penduduk ({employed_from}) × porsi pekerja informal "
              "({share_from}: {share}), BPS Sakernas {round}: {pool} orang (rentang ASUMSI "
              "{pool_low}–{pool_high}). Peserta BPU aktif = pekerja informal × peserta BPU "
              "aktif per pekerja informal secara nasional ({rate}, {round}): {bpu} orang "
              "(rentang ASUMSI {bpu_low}–{bpu_high}).",
        "en": "Informal workers = {region}'s population as listed by Kemendagri ({population}) "
              "× employed persons per resident ({employed_from}) × the informal share of the "
              "employed ({share_from}: {share}), BPS Sakernas {round}: {pool} people (ASSUMED "
              "range {pool_low}–{pool_high}). Active BPU participants = informal workers × "
              "active BPU participants per informal worker nationally ({rate}, {round}): {bpu} "
              "people (ASSUMED range {bpu_low}–{bpu_high})."},
    "province_figures_own": {"id": "angka BPS {province}", "en": "BPS figures for {province}"},
    "province_figures_national": {
        "id": "angka BPS nasional (angka {province} tidak ditemukan)",
        "en": "national BPS figures (none found for {province})"},
    "province_figures_mixed": {
        "id": "angka BPS {province} dan nasional (sebagian angka {province} tidak ditemukan)",
        "en": "BPS figures for {province} and national ones (some were not found for "
              "{province})"},
    "province_fallback": {"id": "angka nasional; angka {province} tidak ditemukan",
                          "en": "the national figure; none found for {province}"},
    "h_province": {"id": "Asal angka {region}: ASUMSI tingkat provinsi",
                   "en": "Where {region}'s figures come from: province-level ASSUMPTIONS"},
    "province_sources": {"id": "Sumber", "en": "Sources"},
    "no_scheme_province": {
        "id": "Tidak ada skema daerah yang diketahui untuk {region} (tidak ada dalam "
              "parameter jamsos). Jumlah peserta BPU sudah termasuk peserta yang iurannya "
              "dibayar skema daerah, bila ada.",
        "en": "No regional scheme known for {region} (none is in jamsos's parameters). The "
              "BPU count includes any members a regional scheme pays for."},
    "no_points_province": {"id": "Tidak ada angka terbitan tentang {region} dalam data jamsos.",
                           "en": "No published figure about {region} in jamsos's data."},
    "published_points_province": {
        "id": "Angka terbitan tentang {region} dalam data jamsos, sebagai konteks: model tidak "
              "memutar ulang angka ini (tidak ada skema daerah yang dimodelkan untuk "
              "{region}), dan jumlah awal peserta BPU tetap ASUMSI tingkat provinsi.",
        "en": "Counts published about {region} in jamsos's data, as context: the model does "
              "not replay them (no regional scheme is modelled for {region}), and the BPU "
              "start count remains a province-level ASSUMPTION."},
    "published_point": {"id": "**{count}** {measure}, {month} ({marker}): {note} Sumber: "
                              "{source}",
                        "en": "**{count}** {measure}, {month} ({marker}): {note} Source: "
                              "{source}"},
    "published_not_modelled": {"id": "angka terbitan, tidak dimodelkan",
                               "en": "published, not modelled"},
    "published_measure_scheme_members": {"id": "peserta yang iurannya dibayar skema daerah",
                                         "en": "members whose contributions a regional "
                                               "scheme pays"},
    "published_measure_active_bpu": {"id": "peserta BPU aktif",
                                     "en": "active BPU participants"},
    "scheme_counted_province": {
        "id": "Namun, skema daerah untuk {region} diketahui dari angka terbitan: {count} "
              "{measure} ({month}; lihat \"{heading}\" di bawah). Skema itu tidak "
              "dimodelkan, jadi jumlah awal peserta BPU (yang sudah termasuk peserta seperti "
              "itu) adalah ASUMSI model.",
        "en": "A regional scheme for {region} is known, however, from a published count: "
              "{count} {measure} ({month}; see \"{heading}\" below). It is not modelled, so "
              "the BPU start count (which includes such members) is the model's ASSUMPTION."},
    "no_scheme_value_counted": {
        "id": "Skema daerah untuk {region} hanya diketahui dari angka terbitan ({count}, "
              "{month}; lihat \"{heading}\"), tidak dimodelkan: nol di sini; jumlah BPU sudah "
              "termasuk pesertanya",
        "en": "A regional scheme for {region} is known only from a published count ({count}, "
              "{month}; see \"{heading}\"), not modelled: zero here; the BPU count includes "
              "its members"},
    "kind_province": {"id": "ASUMSI (tingkat provinsi)", "en": "ASSUMPTION (province level)"},
    "from_province": {
        "id": "Angka provinsi diterapkan pada {region}: lihat \"Asal angka {region}\" di atas",
        "en": "Province figures applied to {region}: see \"Where {region}'s figures come "
              "from\" above"},
    "default_for_region": {"id": "Tidak ada angka untuk {region}; nilai bawaan parameter "
                                 "({source})",
                           "en": "No figure for {region}; the parameter's default ({source})"},
    "no_figure_for_region": {"id": "Tidak ada angka untuk {region}; tidak dipakai di sini",
                             "en": "No figure for {region}; not used here"},
    "no_scheme_value": {
        "id": "Tidak ada skema daerah yang diketahui untuk {region}; jumlah BPU sudah termasuk "
              "peserta yang dibayar skema daerah, bila ada",
        "en": "No regional scheme known for {region}; the BPU count includes any members a "
              "regional scheme pays for"},
    "province_cutoff": {"id": "tidak ada data daerah (ASUMSI tingkat provinsi, {month})",
                        "en": "no regional data (province-level ASSUMPTION, {month})"},
    "province_point": {"id": "ASUMSI tingkat provinsi ({month}), bukan data",
                       "en": "province-level ASSUMPTION ({month}), not data"},
    "deck_branch_province": {"id": "BPJS Ketenagakerjaan · angka daerah: ASUMSI tingkat provinsi",
                             "en": "BPJS Ketenagakerjaan · regional figures: province-level "
                                   "ASSUMPTIONS"},
    "deck_s5_no_listing": {"id": "Tidak ada hasil pendataan kelurahan untuk daerah ini.",
                           "en": "There is no kelurahan listing for this region."},
    "deck_source_province": {
        "id": "Sumber: PP 44/2015, PP 82/2019, PP 49/2020; ASUMSI tingkat provinsi dari BPS "
              "Sakernas {round} ({province}), penduduk Kemendagri dan peserta BPU nasional; "
              "perhitungan jamsos {version} (parameter {hash}).",
        "en": "Sources: PP 44/2015, PP 82/2019, PP 49/2020; province-level ASSUMPTIONS from "
              "BPS Sakernas {round} ({province}), the Kemendagri population and the national "
              "BPU count; jamsos {version} calculation (parameters {hash})."},
    "explorer_precomputed_province": {
        "id": "Dihitung sebelumnya untuk kisi ini ({size} pilihan, {draws} simulasi, sama "
              "dengan laporan), laporan {month}, dari ASUMSI tingkat provinsi ({cutoff}), "
              "bukan data daerah. Skenario untuk diskusi, bukan ramalan.",
        "en": "Precomputed for this grid ({size} choices, {draws} draws, as in the report), "
              "report for {month}, from province-level ASSUMPTIONS ({cutoff}), not regional "
              "data. Scenarios for discussion, not a forecast."},
    "xl_province": {"id": "Pekerja informal dan peserta BPU (ASUMSI tingkat provinsi)",
                    "en": "Informal workers and BPU counts (province-level ASSUMPTIONS)"},
}
