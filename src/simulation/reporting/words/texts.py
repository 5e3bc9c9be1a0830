"""Words a reader sees in reports, in Bahasa Indonesia (default) and English."""

from __future__ import annotations

from .chart_texts import CHART_TEXTS
from .deck_texts import DECK_TEXTS
from .explorer_texts import EXPLORER_TEXTS
from .office_texts import OFFICE_TEXTS
from .province_texts import PROVINCE_TEXTS

TEXTS: dict[str, dict[str, str]] = {
    "report_title": {"id": "Perluasan kepesertaan BPU — {region}",
                     "en": "Extending BPU coverage — {region}"},
    "report_subtitle": {
        "id": "BPJS Ketenagakerjaan Kantor Cabang Madiun · laporan {month}",
        "en": "BPJS Ketenagakerjaan Madiun branch · report for {month}"},
    "summary_title": {"id": "Ringkasan enam daerah — {month}",
                      "en": "Six regions side by side — {month}"},
    "not_a_forecast": {
        "id": "Angka di bawah adalah rentang skenario untuk diskusi, bukan ramalan. Setiap "
              "asumsi tercantum beserta sumbernya di lampiran.",
        "en": "The figures below are scenario ranges for discussion, not a forecast. Every "
              "assumption is listed with its source in the appendix."},
    "not_a_forecast_short": {"id": "Skenario untuk diskusi, bukan ramalan.",
                             "en": "Scenarios for discussion, not a forecast."},
    "now_projected": {
        "id": "Angka \"saat ini\" adalah hasil model sejak data terakhir ({cutoff}), belum "
              "data aktual bulan ini.",
        "en": "\"Now\" is the model's estimate from the latest data ({cutoff}), not this "
              "month's actual count."},
    "now_observed": {"id": "Angka \"saat ini\" berasal dari data {cutoff}.",
                     "en": "\"Now\" comes from the data of {cutoff}."},
    "h_headline": {"id": "Ringkasan", "en": "Headline"},
    "h_regions": {"id": "Peserta aktif per daerah", "en": "Active participants by region"},
    "h_projection": {"id": "Proyeksi peserta aktif", "en": "Projected active participants"},
    "h_budget": {"id": "Anggaran per tahun APBD", "en": "Budget per APBD year"},
    "h_funnel": {"id": "Pendataan, verifikasi, kepesertaan",
                 "en": "Listing, verification, enrolment"},
    "h_difference": {"id": "Dibandingkan kebijakan yang berlaku",
                     "en": "Compared with the policy in force"},
    "h_appendix": {"id": "Lampiran: asumsi dan asal-usul angka",
                   "en": "Appendix: assumptions and provenance"},
    "active_now": {"id": "Peserta BPU aktif saat ini", "en": "Active BPU participants now"},
    "index_policy_budget": {"id": "Kebijakan yang berlaku (skema berjalan)",
                            "en": "Policy in force (schemes running)"},
    "index_new_money": {"id": "Tambahan: {scenario}", "en": "On top: {scenario}"},
    "index_left_out_note": {
        "id": "– : skenario itu tidak mengubah apa pun di daerah tersebut (misalnya skenario "
              "untuk kabupaten saja), jadi laporannya tidak menampilkannya.",
        "en": "– : the scenario changes nothing in that region (a scenario for the "
              "kabupaten only, say), so its report does not show it."},
    "left_out_note": {
        "id": "Tidak ditampilkan karena tidak mengubah apa pun di {region} (angkanya sama "
              "dengan kebijakan yang berlaku): {scenarios}.",
        "en": "Not shown because they change nothing in {region} (their numbers equal the "
              "policy in force): {scenarios}."},
    "protected_now": {"id": "Pekerja terlindungi saat ini", "en": "Protected workers now"},
    "protected_means": {"id": "peserta BPU aktif ditambah penerima upah yang iurannya dibayar "
                              "pemda", "en": "active BPU participants plus the wage earners "
                                             "whose contributions a government pays"},
    "coverage_now": {"id": "Cakupan pekerja informal", "en": "Coverage of informal workers"},
    "informal_workers": {"id": "Pekerja informal (perkiraan)",
                         "en": "Informal workers (estimate)"},
    "scenario": {"id": "Skenario", "en": "Scenario"},
    "region": {"id": "Daerah", "en": "Region"},
    "branch_name": {"id": "Cabang Madiun", "en": "Madiun branch"},
    "payer": {"id": "Pembayar", "en": "Payer"},
    "payer_apbd_kabkota": {"id": "APBD kabupaten/kota", "en": "APBD (regency/city)"},
    "payer_apbd_provinsi": {"id": "APBD provinsi", "en": "APBD (province)"},
    "payer_apbn": {"id": "APBN", "en": "APBN (national budget)"},
    "payer_dbhcht": {"id": "DBHCHT (cukai tembakau)", "en": "Tobacco excise funds (DBHCHT)"},
    "payer_csr": {"id": "CSR perusahaan", "en": "Company CSR"},
    "payer_baznas": {"id": "Baznas (zakat)", "en": "Baznas (zakat agency)"},
    "payer_worker": {"id": "Pekerja (iuran sendiri)", "en": "Workers (own contributions)"},
    "partial_year": {"id": "{year} ({months} bln)", "en": "{year} ({months} mo.)"},
    "scheme": {"id": "Skema", "en": "Scheme"},
    "package": {"id": "Paket", "en": "Package"},
    "payer_and_package": {"id": "Pembayar dan paket", "en": "Payer and package"},
    "explored": {"id": "skenario jelajah", "en": "explored scenario"},
    "policy_in_force": {"id": "kebijakan yang berlaku", "en": "policy in force"},
    "per_additional_worker_year": {"id": "Biaya per tambahan pekerja-tahun",
                                   "en": "Cost per additional worker-year"},
    "package_bpu_jkk_jkm": {"id": "BPU JKK + JKM", "en": "BPU JKK + JKM"},
    "package_bpu_jht": {"id": "BPU JKK + JKM + JHT", "en": "BPU JKK + JKM + JHT"},
    "package_pu_jkk_jkm": {"id": "Penerima upah (PU)", "en": "Wage earners (PU)"},
    "scheme_start": {"id": "Mulai", "en": "From"},
    "paid_months": {"id": "Bulan dibayar", "en": "Months paid"},
    "budget_not_published": {"id": "tidak terbit", "en": "not published"},
    "members_paid": {"id": "Peserta dibayar", "en": "Members paid for"},
    "quota": {"id": "Kuota", "en": "Quota"},
    "budget": {"id": "Anggaran", "en": "Budget"},
    "about": {"id": "sekitar", "en": "about"},
    "date": {"id": "Tanggal", "en": "Date"},
    "period": {"id": "Periode", "en": "Period"},
    "measure": {"id": "Ukuran", "en": "Measure"},
    "measure_active_bpu": {"id": "peserta BPU aktif", "en": "active BPU participants"},
    "measure_scheme_bpu": {"id": "peserta BPU dibayar skema",
                           "en": "BPU members paid by a scheme"},
    "measure_scheme_pu": {"id": "penerima upah dibayar skema",
                          "en": "wage earners paid by a scheme"},
    "measure_scheme_all": {"id": "peserta skema (BPU + PU)",
                           "en": "scheme members (BPU + PU)"},
    "measure_informal_workers": {"id": "pekerja informal", "en": "informal workers"},
    "measure_all_members": {"id": "peserta BPJS TK semua segmen (konteks, tidak dimodelkan)",
                            "en": "BPJS TK members of every segment (context, not modelled)"},
    "measure_group_members": {"id": "peserta satu kelompok (konteks, tidak dimodelkan)",
                              "en": "members of one group (context, not modelled)"},
    "measure_death_claims": {"id": "klaim kematian", "en": "death claims"},
    "measure_claims_paid_rp": {"id": "klaim dibayar", "en": "claims paid"},
    "measure_contributions_rp": {"id": "iuran dibayar pemda", "en": "contributions paid in"},
    "h_schemes": {"id": "Skema yang berjalan (kebijakan yang berlaku)",
                  "en": "Schemes in force (the policy in force)"},
    "no_scheme_known": {
        "id": "Tidak ada skema bantuan iuran daerah yang diketahui di sini (ASUMSI: tidak "
              "ditemukan dalam sumber yang diperiksa sampai November 2026).",
        "en": "No regional contribution scheme is known here (ASSUMPTION: none found in the "
              "sources checked up to November 2026)."},
    "h_points": {"id": "Angka yang pernah diterbitkan", "en": "Published figures"},
    "points_note": {
        "id": "Titik data dari sumber yang disebut; grafik proyeksi menandainya. Deret "
              "bulanan di antaranya adalah ILUSTRASI.",
        "en": "Data points from the sources named; the projection chart marks them. The "
              "monthly series between them is ILLUSTRATIVE."},
    "h_claims": {"id": "Klaim skema dibanding iuran yang dibayar",
                 "en": "The scheme's claims against the contributions paid in"},
    "claims_note": {
        "id": "Angka terbitan. Klaim kematian dan kecelakaan kerja dibayar BPJS "
              "Ketenagakerjaan, bukan APBD.",
        "en": "Published figures. Death and work-accident claims are paid by BPJS "
              "Ketenagakerjaan, not the APBD."},
    "achieved": {
        "id": "Yang dicapai skema daerah: sampai {month} skema menambah sekitar {difference} "
              "pekerja terlindungi (BPU dan penerima upah); tanpa skema hanya sekitar "
              "{without} (model dijalankan ulang sejak 2020 dengan dan tanpa skema, jalur "
              "tengah).",
        "en": "What the regional schemes achieved: by {month} they added about {difference} "
              "protected workers (BPU and wage earners); without them only about {without} "
              "(the model run again from 2020 with and without the schemes, central path)."},
    "h_sensitivity": {"id": "Kepekaan: getok tular peserta bersubsidi",
                      "en": "Sensitivity: word of mouth from subsidised members"},
    "sensitivity_note": {
        "id": "Tambahan peserta aktif pada {month} dibanding kebijakan yang berlaku (nilai "
              "tengah), bila peserta bersubsidi tidak dihitung atau dihitung penuh dalam "
              "getok tular (ASUMSI tanpa sumber), di samping angka tabel utama, yang "
              "mengacak bobot itu di seluruh rentangnya. Simulasi dan seed sama.",
        "en": "Additional active members by {month} against the policy in force (medians) "
              "when subsidised members count for nothing or fully in word of mouth "
              "(ASSUMPTION without a source), beside the main table's figure, which draws "
              "that weight over its whole range. The same draws and seed."},
    "weight_column": {"id": "bobot {weight}", "en": "weight {weight}"},
    "weight_main": {"id": "tabel utama (bobot {low}–{high} diacak)",
                    "en": "main table (weight drawn in {low}–{high})"},
    "wage_earner_package": {"id": "paket penerima upah (PU)", "en": "wage-earner package (PU)"},
    "paid_by_schemes_now": {
        "id": "Di antaranya {subsidised} dibayar skema daerah (APBD, DBHCHT, CSR, Baznas; "
              "lihat Skema yang berjalan).",
        "en": "Of them {subsidised} are paid for by the region's schemes (APBD, DBHCHT, CSR, "
              "Baznas; see Schemes in force)."},
    "wage_earners_paid_now": {
        "id": "Selain itu {wage_earners} penerima upah (pengurus RT/RW, perangkat desa, linmas, "
              "non-ASN dan sejenisnya) dibayar pemda dengan paket PU, di luar hitungan BPU.",
        "en": "Besides, the government pays a wage-earner package for {wage_earners} people "
              "(RT/RW officials, village officials, linmas, non-ASN staff and the like), "
              "outside the BPU count."},
    "published_marker": {"id": "angka terbit (sumber di lampiran)",
                         "en": "published figure (sources in the appendix)"},
    "published_scheme_bpu": {"id": "terbit: BPU dibayar skema",
                             "en": "published: BPU paid by a scheme"},
    "published_scheme_all": {"id": "terbit: seluruh peserta skema",
                             "en": "published: all scheme members"},
    "published_scheme_pu": {"id": "terbit: penerima upah dibayar skema",
                            "en": "published: wage earners paid by a scheme"},
    "payer_note": {
        "id": "Jumlah per tahun APBD per pembayar (median); tahun yang hanya sebagian masuk "
              "proyeksi ditandai jumlah bulannya, misalnya \"2026 (2 bln)\", dan hanya "
              "menghitung bulan itu. Setiap skema dibebankan kepada "
              "pembayarnya: APBD kabupaten/kota (bantuan iuran BPU, paket penerima upah, "
              "sosialisasi - ASUMSI: sosialisasi dibiayai pemda), DBHCHT (dana cukai "
              "tembakau yang dianggarkan dalam APBD), CSR perusahaan, Baznas. Pekerja: iuran "
              "yang dibayar peserta mandiri.",
        "en": "Amounts per APBD year and payer (median); a year only partly projected is "
              "marked with its months, e.g. \"2026 (2 mo.)\", and counts those months only. "
              "Each scheme is charged to its payer: the regency/city APBD (the BPU subsidy, "
              "the wage-earner package, outreach - ASSUMPTION: the local government pays for "
              "outreach), DBHCHT (tobacco-excise "
              "funds budgeted in the APBD), company CSR, Baznas. Workers: what self-paying "
              "members pay."},
    "active_end_year": {"id": "Aktif akhir APBD {year}", "en": "Active end of APBD {year}"},
    "active_end_horizon": {"id": "Aktif {month}", "en": "Active {month}"},
    "budget_year": {"id": "Anggaran APBD {year}", "en": "APBD {year} budget"},
    "running_cost": {"id": "Setahun berjalan (APBD {year})",
                     "en": "A running year (APBD {year})"},
    "illustrative_flag": {"id": "ILUSTRATIF", "en": "ILLUSTRATIVE"},
    "illustrative_index_note": {
        "id": "ILUSTRATIF: angka \"saat ini\" berasal dari deret bulanan ilustrasi di antara "
              "angka yang pernah diterbitkan, bukan data keanggotaan sebenarnya.",
        "en": "ILLUSTRATIVE: the \"now\" figures come from an illustrative monthly series "
              "between published figures, not real membership data."},
    "relief_index_note": {
        "id": "* Lebih rendah karena keringanan iuran pada tahun itu; lihat laporan daerah.",
        "en": "* Lower because of a contribution relief that year; see the region's report."},
    "year": {"id": "Tahun APBD", "en": "APBD year"},
    "subsidy": {"id": "Bantuan iuran", "en": "Contribution subsidy"},
    "outreach": {"id": "Sosialisasi", "en": "Outreach"},
    "total": {"id": "Jumlah", "en": "Total"},
    "workbook_link": {"id": "lembar kerja (Excel)", "en": "workbook (Excel)"},
    "h_limits": {"id": "Yang membatasi kepesertaan bersubsidi",
                 "en": "What limits subsidised enrolment"},
    "limits_note": {
        "id": "Per tahun APBD, yang paling sering menahan pendaftaran peserta bersubsidi: pagu "
              "(uang setahun sudah terikat untuk iuran peserta yang ada sampai Desember; "
              "dibayar bulan demi bulan), kuota (tempat penuh) atau daftar (semua yang lolos "
              "verifikasi "
              "sudah didaftarkan). Pagu hanya mencakup bantuan iuran BPU, bukan paket penerima "
              "upah atau sosialisasi.",
        "en": "Per APBD year, what most often held subsidised enrolment back: the cap (the "
              "year's money is committed to the members' contributions through December, "
              "paid month by month), the quota (the places were full) or the list (everyone "
              "verified was enrolled). The cap covers the BPU subsidy only, not the "
              "wage-earner package or outreach."},
    "limit_cap": {"id": "pagu", "en": "the cap"},
    "limit_cap_from": {"id": "pagu (terikat penuh sejak {month})",
                       "en": "the cap (fully committed from {month})"},
    "limit_quota": {"id": "kuota", "en": "the quota"},
    "limit_list": {"id": "daftar", "en": "the list"},
    "relief_note": {"id": "* Lebih rendah karena keringanan iuran: {reliefs}.",
                    "en": "* Lower because of a contribution relief: {reliefs}."},
    "no_cap": {"id": "tanpa pagu", "en": "no cap"},
    "listed": {"id": "Didata lurah/RT", "en": "Listed by lurah/RT"},
    "verified": {"id": "Lolos verifikasi", "en": "Passed verification"},
    "enrolled": {"id": "Didaftarkan (dibayar pemda)", "en": "Enrolled (paid by local gov.)"},
    "still_subsidised": {"id": "Masih dibayar lewat daftar lurah {month}",
                         "en": "Still paid through the lurah's lists {month}"},
    "already_covered": {"id": "Sudah terdaftar", "en": "Already covered"},
    "rejected": {"id": "Ditolak", "en": "Rejected"},
    "h_kelurahan": {"id": "Hasil pendataan per kelurahan ({month})",
                    "en": "Listing results by kelurahan ({month})"},
    "kelurahan_note": {
        "id": "Dari berkas {source}. Angka 1–4 disamarkan (\"<5\") untuk melindungi data "
              "pribadi; angka lain yang bisa dipakai untuk menghitungnya kembali ikut "
              "disamarkan (\"x\").{synthetic}",
        "en": "From {source}. Counts of 1–4 are shown as \"<5\" to protect personal data; "
              "other counts that would let a reader work them out are hidden too "
              "(\"x\").{synthetic}"},
    "synthetic_note": {"id": " DATA CONTOH SINTETIS, bukan hasil pendataan sebenarnya.",
                       "en": " SYNTHETIC SAMPLE DATA, not a real listing."},
    "variance_ok": {
        "id": "Jumlah peserta aktif {month} ({actual}) berada dalam rentang proyeksi dari data "
              "{origin} ({low}–{high}).",
        "en": "Active participants in {month} ({actual}) are within the range projected from "
              "the data of {origin} ({low}–{high})."},
    "variance_alert": {
        "id": "⚠ PERHATIAN: jumlah peserta aktif {month} ({actual}) di luar rentang proyeksi "
              "dari data {origin} ({low}–{high}). Periksa datanya, atau asumsi perilaku perlu "
              "dikalibrasi ulang.",
        "en": "⚠ ATTENTION: active participants in {month} ({actual}) fall outside the range "
              "projected from the data of {origin} ({low}–{high}). Check the data, or the "
              "behavioural assumptions need recalibrating."},
    "variance_illustrative": {
        "id": "Catatan: jumlah peserta aktif {month} ({actual}) di luar rentang proyeksi dari "
              "data {origin} ({low}–{high}). Data bulanan ini ILUSTRATIF (dibuat sebagai "
              "contoh), jadi selisih ini bukan tanda masalah; pemeriksaan ini baru berarti "
              "setelah data sebenarnya dimuat.",
        "en": "Note: active participants in {month} ({actual}) fall outside the range "
              "projected from the data of {origin} ({low}–{high}). This monthly series is "
              "ILLUSTRATIVE (made up as an example), so the gap is no sign of a problem; the "
              "check means something once real data are loaded."},
    "alert_basis": {"id": "(Dasar: data bulanan {store}, {months}; jenis: {kind}.)",
                    "en": "(Based on: the monthly data in {store}, {months}; kind: {kind}.)"},
    "alert_sources": {"id": "Sumber data: {sources}.", "en": "Data sources: {sources}."},
    "kind_illustrative_data": {"id": "ILUSTRATIF", "en": "ILLUSTRATIVE"},
    "kind_observed_data": {"id": "data teramati", "en": "observed"},
    "target": {"id": "target cabang", "en": "branch target"},
    "actuals_label": {"id": "data aktual", "en": "actuals"},
    "actuals_illustrative": {"id": "data aktual (ILUSTRATIF)", "en": "actuals (ILLUSTRATIVE)"},
    "h_fit": {"id": "Kalibrasi dan uji mundur (data sampai {month})",
              "en": "Calibration and back-test (data through {month})"},
    "fit_months": {"id": "Bulan data", "en": "Months of data"},
    "fit_stop": {"id": "Berhenti bayar / bulan", "en": "Stop rate / month"},
    "fit_mape": {"id": "Galat kalibrasi (MAPE)", "en": "Fit error (MAPE)"},
    "backtest_model": {"id": "Uji mundur 6 bln: model", "en": "6-month back-test: model"},
    "backtest_naive": {"id": "Uji mundur: angka bulan lalu",
                       "en": "Back-test: carry-forward"},
    "no_funnel": {"id": "Tidak ada skenario dengan bantuan iuran untuk daerah ini.",
                  "en": "No scenario with a contribution subsidy for this region."},
    "additional_active": {"id": "Tambahan peserta aktif {month}",
                          "en": "Additional active {month}"},
    "additional_public_cost": {"id": "Tambahan biaya pemda {first}–{last}",
                               "en": "Additional public cost {first}–{last}"},
    "additional_deaths": {"id": "Tambahan keluarga penerima santunan kematian",
                          "en": "Additional families receiving a death benefit"},
    "additional_benefits": {"id": "Tambahan manfaat JKM + JKK ke keluarga",
                            "en": "Additional JKM + JKK benefits to families"},
    "h_totals": {"id": "Jumlah dalam tiap skenario", "en": "Totals in each scenario"},
    "public_cost_total": {"id": "Biaya pemda", "en": "Public cost"},
    "totals_note": {
        "id": "Jumlah {first}–{last} dalam skenario itu sendiri (bukan selisih), nilai tengah. "
              "Perkiraan kematian memakai ASUMSI angka kematian peserta di lampiran.",
        "en": "Totals {first}–{last} in the scenario itself (not differences), central "
              "values. Expected deaths use the member death-rate ASSUMPTION in the appendix."},
    "cost_per_worker_year": {"id": "Biaya per tambahan pekerja-tahun",
                             "en": "Cost per additional worker-year"},
    "crowd_out": {"id": "Beralih dari iuran mandiri", "en": "Moved from self-paying"},
    "expected_deaths": {"id": "Perkiraan peserta meninggal", "en": "Expected deaths of members"},
    "benefits": {"id": "Perkiraan manfaat JKM + JKK (dengan beasiswa anak) ke keluarga",
                 "en": "Expected JKM + JKK benefits (with children's scholarships) to families"},
    "month_axis": {"id": "Bulan", "en": "Month"},
    "active_axis": {"id": "Peserta BPU aktif", "en": "Active BPU participants"},
    "rupiah_axis": {"id": "Rupiah per tahun APBD", "en": "Rupiah per APBD year"},
    "people_axis": {"id": "Orang", "en": "People"},
    "now_marker": {"id": "laporan", "en": "report"},
    "start_point": {"id": "titik awal ({month}, pembagian perkiraan)",
                    "en": "starting point ({month}, estimated split)"},
    "parameter": {"id": "Parameter", "en": "Parameter"},
    "value": {"id": "Nilai", "en": "Value"},
    "effective": {"id": "Berlaku sejak", "en": "Effective from"},
    "kind": {"id": "Jenis", "en": "Kind"},
    "source": {"id": "Sumber", "en": "Source"},
    "last_verified": {"id": "Terakhir diperiksa", "en": "Last verified"},
    "flag": {"id": "Catatan", "en": "Flag"},
    "stale": {"id": "PERLU DIPERIKSA ULANG", "en": "STALE: CHECK AGAIN"},
    "low_confidence": {"id": "KEYAKINAN RENDAH", "en": "LOW CONFIDENCE"},
    "kind_legal": {"id": "peraturan", "en": "law"},
    "kind_administrative": {"id": "administrasi", "en": "administrative"},
    "kind_statistic": {"id": "statistik resmi", "en": "official statistic"},
    "kind_assumption": {"id": "ASUMSI", "en": "ASSUMPTION"},
    "kind_published": {"id": "angka terbit", "en": "published"},
    "from_actuals": {"id": "Data bulanan {month} (data/actuals/actuals.csv)",
                     "en": "Monthly data of {month} (data/actuals/actuals.csv)"},
    "from_published": {"id": "Angka terbit {month} (lihat Angka yang pernah diterbitkan)",
                       "en": "Published figure of {month} (see Published figures)"},
    "change_reason": {"id": "Alasan", "en": "Reason"},
    "owner": {"id": "Penanggung jawab", "en": "Owner"},
    "owner_unnamed": {"id": "belum ditetapkan", "en": "not yet named"},
    "changes_of": {"id": "Perubahan skenario {scenario}", "en": "Changes of scenario {scenario}"},
    "no_changes": {"id": "Tidak ada perubahan (kebijakan yang berlaku).",
                   "en": "No changes (the policy in force)."},
    "run_facts": {"id": "Keterangan perhitungan", "en": "Run facts"},
    "data_cutoff": {"id": "Data terakhir", "en": "Data cut-off"},
    "draws": {"id": "Jumlah simulasi", "en": "Draws"},
    "seed": {"id": "Seed acak", "en": "Random seed"},
    "code_version": {"id": "Versi kode", "en": "Code version"},
    "params_hash": {"id": "Hash berkas parameter", "en": "Parameter files hash"},
    "scenario_start": {"id": "Proyeksi dimulai", "en": "Projection starts"},
    "horizon": {"id": "Akhir proyeksi", "en": "Horizon"},
    "status": {"id": "Status", "en": "Status"},
    "ok": {"id": "selesai", "en": "done"},
    "failed": {"id": "GAGAL", "en": "FAILED"},
    "kept_previous": {"id": "laporan sebelumnya dipertahankan",
                      "en": "previous report kept"},
    "report_link": {"id": "laporan", "en": "report"},
    "notebook_link": {"id": "notebook", "en": "notebook"},
    "briefing_link": {"id": "bahan paparan (PDF)", "en": "briefing (PDF)"},
    "summary_link": {"id": "Ringkasan enam daerah", "en": "Six-region summary"},
    "index_title": {"id": "Laporan bulanan BPU — {month}", "en": "Monthly BPU reports — {month}"},
    "generated_by": {"id": "Dibuat oleh jamsos {version}; parameter {hash}.",
                     "en": "Made by jamsos {version}; parameters {hash}."},
}


# every book of words; a key is in exactly one (tests/test_terms.py checks it)
BOOKS = (TEXTS, DECK_TEXTS, EXPLORER_TEXTS, CHART_TEXTS, OFFICE_TEXTS, PROVINCE_TEXTS)


def text(key: str, lang: str = "id", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    entry = next((book[key] for book in BOOKS if key in book), None)
    if entry is None:
        raise KeyError(key)
    return (entry.get(lang) or entry["id"]).format(**values)
