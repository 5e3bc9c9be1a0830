"""Words on the briefing deck's slides (:mod:`.briefing`), in Bahasa Indonesia and English;
looked up through :func:`.texts.text` like every other text."""

DECK_TEXTS: dict[str, dict[str, str]] = {
    "deck_branch": {
        "id": "BPJS Ketenagakerjaan Kantor Cabang Madiun",
        "en": "BPJS Ketenagakerjaan, Madiun branch",
    },
    "deck_title": {
        "id": "Perlindungan jaminan sosial\nbagi pekerja informal",
        "en": "Social security protection\nfor informal workers",
    },
    "deck_briefing_for": {
        "id": "Bahan paparan untuk {head} · {month}",
        "en": "Briefing for the {head} · {month}",
    },
    "deck_head_kota": {
        "id": "Wali Kota",
        "en": "Mayor",
    },
    "deck_head_kabupaten": {
        "id": "Bupati",
        "en": "Regent",
    },
    "deck_s2_title": {
        "id": "Di mana kita sekarang",
        "en": "Where we stand",
    },
    "deck_s2_active": {
        "id": "peserta BPU aktif",
        "en": "active BPU participants",
    },
    "deck_s2_protected": {
        "id": "Pekerja terlindungi: {protected}, termasuk {wage_earners} penerima upah yang "
              "iurannya dibayar pemda.",
        "en": "Protected workers: {protected}, including {wage_earners} wage earners whose "
              "contributions a government pays.",
    },
    "deck_s2_coverage": {
        "id": "dari sekitar {pool} pekerja informal",
        "en": "of about {pool} informal workers",
    },
    "deck_s3_title": {
        "id": "Apa hasil tiap pilihan",
        "en": "What each option delivers",
    },
    "deck_s3_year": {
        "id": "akhir {year}",
        "en": "end of {year}",
    },
    "deck_s3_note": {
        "id": "Peserta BPU aktif, nilai tengah (median) proyeksi. Rentang dan setiap asumsi "
              "beserta sumbernya ada di laporan lengkap daerah ini.",
        "en": "Active BPU participants, the projection's central value (median). Ranges and every "
              "assumption with its source are in this region's full report.",
    },
    "deck_s4_title": {
        "id": "Berapa biayanya bagi APBD",
        "en": "What it costs the APBD",
    },
    "deck_s4_per_worker": {
        "id": "per tambahan pekerja-tahun",
        "en": "per additional worker-year",
    },
    "deck_s2_illustrative": {
        "id": "ILUSTRATIF: dari deret bulanan contoh, bukan data sebenarnya",
        "en": "ILLUSTRATIVE: from a sample monthly series, not real data",
    },
    "deck_s4_cap": {
        "id": "pagu {cap}, hanya untuk bantuan iuran BPU",
        "en": "cap {cap}, for the BPU subsidy only",
    },
    "deck_s4_limit": {
        "id": "{year}: dibatasi {limit}",
        "en": "{year}: limited by {limit}",
    },
    "deck_s4_running": {
        "id": "setahun berjalan (APBD {year}): {amount}",
        "en": "a running year (APBD {year}): {amount}",
    },
    "deck_s4_more": {
        "id": "APBD {year}: {amount} dibanding kebijakan yang berlaku",
        "en": "APBD {year}: {amount} against the policy in force",
    },
    "deck_s4_nothing": {
        "id": "Tidak ada skenario yang meminta dana pemerintah pada APBD {year}.",
        "en": "No scenario asks a government for money in APBD {year}.",
    },
    "deck_s4_no_cap": {
        "id": "tanpa pagu",
        "en": "no cap",
    },
    "deck_s4_relief": {
        "id": "* lebih rendah karena keringanan iuran tahun itu",
        "en": "* lower because of a contribution relief that year",
    },
    "deck_s5_title": {
        "id": "Artinya bagi keluarga",
        "en": "What it means for families",
    },
    "deck_s5_line": {
        "id": "Sampai {month}, dengan {scenario}:",
        "en": "Until {month}, with {scenario}:",
    },
    "deck_s5_deaths": {
        "id": "perkiraan keluarga peserta yang meninggal menerima santunan JKM Rp 42 juta",
        "en": "families of members expected to die receive the Rp 42 million JKM benefit",
    },
    "deck_s5_benefits": {
        "id": "perkiraan manfaat JKM + JKK (dengan beasiswa anak) sampai ke keluarga",
        "en": "expected JKM + JKK benefits (with children's scholarships) reaching families",
    },
    "deck_s5_more": {
        "id": "kebijakan yang berlaku: {base}; {extra} keluarga lebih banyak karena skenario ini",
        "en": "policy in force: {base}; {extra} more families because of this scenario",
    },
    "deck_s5_death_rate": {
        "id": "ASUMSI angka kematian peserta {rate}; santunan JKM Rp 42 juta per kematian, "
              "ditambah beasiswa anak (sampai Rp 87 juta per anak, ASUMSI rata-ratanya) "
              "(PP 82/2019).",
        "en": "ASSUMPTION: member death rate {rate}; the JKM benefit is Rp 42 million a death, "
              "plus children's scholarships (up to Rp 87 million a child; their average is an "
              "ASSUMPTION) (PP 82/2019).",
    },
    "deck_s5_kelurahan": {
        "id": "Rincian per kecamatan/kelurahan tersedia setelah hasil pendataan "
              "diverifikasi.",
        "en": "A breakdown by kecamatan/kelurahan follows once the pendataan is verified.",
    },
    "deck_s5_listing": {
        "id": "Pendataan {month}: {verified} pekerja lolos verifikasi di {count} kelurahan;"
              " terbanyak (menurut angka yang diterbitkan) di {top}.",
        "en": "Listing of {month}: {verified} workers passed verification in {count} "
              "kelurahan; most (by the published figures) in {top}.",
    },
    "deck_s6_title": {
        "id": "Langkah dan asumsi",
        "en": "Steps and assumptions",
    },
    "deck_steps": {
        "id": "Sosialisasi|Pendataan oleh lurah/RT|Verifikasi & validasi|Pendaftaran "
              "peserta|Pembayaran iuran APBD",
        "en": "Outreach|Listing by lurah/RT|Verification & validation|Enrolment|APBD pays "
              "contributions",
    },
    "deck_assumptions": {
        "id": "Asumsi utama (perkiraan, bukan data resmi)",
        "en": "Key assumptions (estimates, not official data)",
    },
    "deck_source": {
        "id": "Sumber: PP 44/2015, PP 82/2019, PP 49/2020; BPJS Ketenagakerjaan Cabang "
              "Madiun 2019; perhitungan jamsos {version} (parameter {hash}).",
        "en": "Sources: PP 44/2015, PP 82/2019, PP 49/2020; BPJS Ketenagakerjaan Madiun "
              "branch 2019; jamsos {version} calculation (parameters {hash}).",
    },
}
