"""Words of the offline explorer page (:mod:`.explorer_page`), in Bahasa Indonesia and
English; looked up through :func:`.texts.text` like every other text."""

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
    "explorer_title": {"id": "Bagaimana jika? Bantuan iuran — {region}",
                       "en": "What if? Contribution subsidy — {region}"},
    "explorer_places": {"id": "Tempat tambahan dibiayai pemda",
                        "en": "More places the government pays"},
    "explorer_start": {"id": "Mulai", "en": "Starting"},
    "explorer_package": {"id": "Paket", "en": "Package"},
    "explorer_active": {"id": "Pekerja terlindungi akhir {year}",
                        "en": "Workers protected, end of {year}"},
    "explorer_more": {"id": "Dibanding kebijakan yang berlaku",
                      "en": "Compared with the policy in force"},
    "explorer_budget": {"id": "Anggaran pemerintah APBD {year}",
                        "en": "Government budget, APBD {year}"},
    "explorer_per_worker": {"id": "Biaya per tambahan pekerja-tahun",
                            "en": "Cost per additional worker-year"},
    "explorer_limit": {"id": "Yang membatasi kepesertaan {year}",
                       "en": "What limits enrolment in {year}"},
    "explorer_precomputed": {
        "id": "Dihitung sebelumnya untuk kisi ini ({size} pilihan, {draws} draw), laporan "
              "{month}, dari data sampai {cutoff}. Skenario untuk diskusi, bukan ramalan.",
        "en": "Precomputed for this grid ({size} choices, {draws} draws), report for "
              "{month}, from the data through {cutoff}. Scenarios for discussion, not a "
              "forecast."},
    "explorer_baseline": {"id": "kebijakan yang berlaku", "en": "policy in force"},
    "explorer_chosen": {"id": "pilihan ini", "en": "this choice"},
    "explorer_note": {
        "id": "Tempat tambahan di atas kebijakan yang berlaku; pagu (bila ada) dinaikkan "
              "sebesar biaya perubahan itu setahun, dan pendataan cukup untuk mengisinya "
              "(tingkat lolos verifikasi dari parameter). Pekerja terlindungi: peserta BPU "
              "aktif ditambah penerima upah yang iurannya dibayar pemda. Angka tengah dengan "
              "rentang p10–p90.",
        "en": "Places on top of the policy in force; a cap (where there is one) is raised by "
              "what the change costs in a year, and the listing is large enough to fill "
              "them (pass rate from the parameters). Workers protected: active BPU "
              "participants plus wage earners whose contributions a government pays. "
              "Median with the p10–p90 range."},
}
