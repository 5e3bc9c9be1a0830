"""Words of the explorers (the offline page and the JupyterLab widgets), in Bahasa Indonesia
and English; looked up through :func:`.texts.text` like every other text."""

EXPLORER_TEXTS: dict[str, dict[str, str]] = {
    "explorer_link": {"id": "bagaimana jika?", "en": "what if?"},
    # the JupyterLab explorer's controls
    "ctl_region": {"id": "daerah", "en": "region"},
    "ctl_base": {"id": "skenario dasar", "en": "base scenario"},
    "ctl_start": {"id": "mulai", "en": "start"},
    "ctl_package": {"id": "paket", "en": "package"},
    "ctl_payer": {"id": "pembayar", "en": "payer"},
    "ctl_places": {"id": "tempat {year}", "en": "places {year}"},
    "ctl_budget": {"id": "pagu {year} (Rp)", "en": "cap {year} (Rp)"},
    "ctl_contacts": {"id": "kontak sosialisasi / bulan", "en": "outreach contacts / month"},
    "ctl_listed": {"id": "pekerja didata", "en": "workers listed"},
    "ctl_pass_rate": {"id": "tingkat lolos verifikasi", "en": "verification pass rate"},
    "ctl_no_cap": {"id": "Pagu 0 berarti tanpa pagu selain kuota.",
                   "en": "A cap of 0 means none beyond the places."},
    "ctl_save": {"id": "Simpan sebagai skenario", "en": "Save as scenario"},
    "ctl_name": {"id": "nama", "en": "name"},
    "ctl_owner": {"id": "penanggung jawab", "en": "owner"},
    "ctl_title": {"id": "judul ({language})", "en": "title ({language})"},
    "ctl_reason": {"id": "alasan ({language})", "en": "reason ({language})"},
    "ctl_in_force": {
        "id": "Skema daftar lurah yang berjalan di {region} membayar {package} dari {payer}. "
              "Tempat dari daftar lurah di sini memakai paket dan pembayar itu, agar peserta "
              "yang sudah dibayar tidak dipindahkan; paket penerima upah (PU) menambah "
              "peserta di luar daftar itu. Tempat tambahan dengan paket lain: lihat halaman "
              "\"bagaimana jika?\" laporan.",
        "en": "The lurah-list scheme running in {region} pays {package} from {payer}. Places "
              "on the lurah list here use that package and payer, so that no member already "
              "paid for is moved; the wage-earner (PU) package adds members outside that "
              "list. More places on another package: see the report's \"what if?\" page."},
    "widget_protected": {"id": "Pekerja terlindungi akhir APBD {year}",
                         "en": "Workers protected, end of APBD {year}"},
    # why levers cannot make a scenario (the JupyterLab explorer shows them)
    "why_after_horizon": {"id": "mulai {start} sesudah akhir proyeksi ({end})",
                          "en": "start {start} is after the horizon ({end})"},
    "why_negative_places": {"id": "{year}: jumlah tempat tidak boleh negatif ({places})",
                            "en": "{year}: places cannot be negative ({places})"},
    "why_budget_below_a_month": {
        "id": "{year}: pagu {cap} membayar kurang dari sebulan untuk {places} tempat ({month})",
        "en": "{year}: a budget of {cap} pays less than one month of {places} places "
              "({month})"},
    "why_rates": {"id": "pendataan, tingkat lolos dan kontak harus 0 atau lebih (tingkat "
                        "paling tinggi 1)",
                  "en": "the listing, pass rate and contacts must be 0 or more (a rate at "
                        "most 1)"},
    "why_moves_members": {
        "id": "skema daftar lurah {region} membayar {package} dari {payer}: paket atau "
              "pembayar lain akan memindahkan peserta yang sudah dibayar",
        "en": "{region}'s lurah-list scheme pays {package} from {payer}: another package or "
              "payer would move the members it already pays for"},
    "why_bad_name": {"id": "nama dari huruf kecil, angka dan tanda hubung, mis. "
                           "kuota-7000-juli",
                     "en": "a name of lower-case letters, digits and hyphens, e.g. "
                           "kuota-7000-juli"},
    "why_name_in_use": {"id": "nama {name} sudah dipakai skenario lain; pilih nama lain",
                        "en": "the name {name} is in use; choose another"},
    "why_no_owner": {"id": "siapa penanggung jawab skenario ini",
                     "en": "who answers for the scenario"},
    # the offline page
    "explorer_title": {"id": "Bagaimana jika? Bantuan iuran — {region}",
                       "en": "What if? Contribution subsidy — {region}"},
    "explorer_option": {"id": "Pilihan", "en": "Option"},
    "explorer_option_places": {"id": "Tempat tambahan (atur dengan penggeser)",
                               "en": "More places (set with the sliders)"},
    "explorer_option_scenario": {"id": "Skenario laporan: {title}",
                                 "en": "Report scenario: {title}"},
    "explorer_places": {"id": "Tempat tambahan dibiayai pemda",
                        "en": "More places the government pays"},
    "explorer_start": {"id": "Mulai", "en": "Starting"},
    "explorer_package": {"id": "Paket tempat tambahan", "en": "New places' package"},
    "explorer_active": {"id": "Pekerja terlindungi akhir {year}",
                        "en": "Workers protected, end of {year}"},
    "explorer_more": {"id": "Dibanding kebijakan yang berlaku",
                      "en": "Compared with the policy in force"},
    "explorer_budget": {"id": "Anggaran pemerintah APBD {year}",
                        "en": "Government budget, APBD {year}"},
    "explorer_per_worker": {"id": "Biaya per tambahan pekerja-tahun terlindungi",
                            "en": "Cost per additional worker-year protected"},
    "explorer_limit": {"id": "Yang membatasi bantuan iuran {year}",
                       "en": "What limits the subsidy in {year}"},
    "explorer_limit_places": {"id": "jumlah tempat tambahan",
                              "en": "the number of places added"},
    "explorer_limit_pool": {"id": "pekerja informal yang belum terlindungi",
                            "en": "the informal workers not yet protected"},
    "explorer_added_group": {"id": "Tempat tambahan (penjelajah skenario)",
                             "en": "More places (scenario explorer)"},
    "explorer_precomputed": {
        "id": "Dihitung sebelumnya untuk kisi ini ({size} pilihan, {draws} simulasi, sama "
              "dengan laporan), laporan {month}, dari data sampai {cutoff}. Skenario untuk "
              "diskusi, bukan ramalan.",
        "en": "Precomputed for this grid ({size} choices, {draws} draws, as in the report), "
              "report for {month}, from the data through {cutoff}. Scenarios for discussion, "
              "not a forecast."},
    "explorer_chart": {"id": "Grafik pekerja terlindungi per bulan: pilihan ini dan kebijakan "
                              "yang berlaku",
                       "en": "Chart of workers protected by month: this choice and the policy "
                             "in force"},
    "explorer_baseline": {"id": "kebijakan yang berlaku", "en": "policy in force"},
    "explorer_chosen": {"id": "pilihan ini", "en": "this choice"},
    "explorer_in_force": {
        "id": "Peserta yang sudah dibayar kebijakan yang berlaku tetap pada paket dan "
              "pembayarnya: {package}, {payer}. Paket yang dipilih hanya untuk tempat "
              "tambahan.",
        "en": "Members the policy in force already pays for keep their package and payer: "
              "{package}, {payer}. The package chosen is for the new places only."},
    "explorer_note": {
        "id": "Tempat tambahan di atas kebijakan yang berlaku, sebagai kelompok tersendiri "
              "dengan paket pilihan, dibayar pemda: terisi pada bulan mulai dari daftar "
              "pekerja informal yang belum terlindungi (paket BPU) atau dari penerima upah "
              "(paket PU), dan tetap dibayar sampai akhir proyeksi. Pekerja terlindungi: "
              "peserta BPU aktif ditambah penerima upah yang iurannya dibayar pemerintah. "
              "Biaya per tambahan pekerja-tahun: tambahan belanja pemerintah sampai akhir "
              "proyeksi dibagi tambahan pekerja-tahun terlindungi. Skenario laporan "
              "menunjukkan angka laporan. Angka tengah dengan rentang p10–p90.",
        "en": "Places on top of the policy in force, as a group of their own on the package "
              "chosen, paid by the local government: filled in the starting month from the "
              "informal workers not yet protected (BPU packages) or from wage earners (the PU "
              "package), and paid for to the end of the projection. Workers protected: active "
              "BPU participants plus wage earners whose contributions a government pays. "
              "Cost per additional worker-year: the extra government spending to the end of "
              "the projection over the extra worker-years protected. A report scenario shows "
              "the report's numbers. Median with the p10–p90 range."},
}
