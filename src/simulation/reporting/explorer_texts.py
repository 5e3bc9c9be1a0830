"""Words of the offline explorer page (:mod:`.explorer_page`), in Bahasa Indonesia and
English; looked up through :func:`.texts.text` like every other text."""

EXPLORER_TEXTS: dict[str, dict[str, str]] = {
    "explorer_link": {"id": "bagaimana jika?", "en": "what if?"},
    "explorer_title": {"id": "Bagaimana jika? Bantuan iuran — {region}",
                       "en": "What if? Contribution subsidy — {region}"},
    "explorer_places": {"id": "Tempat yang dibiayai pemda", "en": "Places the government pays"},
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
        "id": "Pekerja terlindungi: peserta BPU aktif ditambah penerima upah yang iurannya "
              "dibayar pemda. Tanpa pagu: anggaran adalah biaya tempat yang terisi. "
              "Pendataan diasumsikan cukup untuk mengisi tempat (tingkat lolos verifikasi "
              "dari parameter). Angka tengah dengan rentang p10–p90.",
        "en": "Workers protected: active BPU participants plus wage earners whose "
              "contributions a government pays. No cap: the budget is what the filled "
              "places cost. The listing is assumed large enough to fill the places (pass "
              "rate from the parameters). Median with the p10–p90 range."},
}
