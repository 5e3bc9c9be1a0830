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
        "id": "pekerja informal terlindungi",
        "en": "informal workers protected",
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
    "deck_s3_people": {
        "id": "pekerja",
        "en": "workers",
    },
    "deck_s4_title": {
        "id": "Berapa biayanya bagi APBD",
        "en": "What it costs the APBD",
    },
    "deck_s4_per_worker": {
        "id": "per tambahan pekerja-tahun terlindungi",
        "en": "per additional protected worker-year",
    },
    "deck_s4_cap": {
        "id": "pagu bantuan iuran BPU {cap}, habis {month}",
        "en": "BPU subsidy cap {cap}, used up in {month}",
    },
    "deck_s4_cap_only": {
        "id": "pagu bantuan iuran BPU {cap}",
        "en": "BPU subsidy cap {cap}",
    },
    "deck_s4_no_cap": {
        "id": "tanpa pagu",
        "en": "no cap",
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
        "id": "perkiraan manfaat JKM + JKK sampai ke keluarga",
        "en": "expected JKM + JKK benefits reaching families",
    },
    "deck_s5_more": {
        "id": "{extra} lebih banyak daripada kebijakan yang berlaku",
        "en": "{extra} more than the policy in force",
    },
    "deck_s5_kelurahan": {
        "id": "Rincian per kecamatan/kelurahan tersedia setelah hasil pendataan "
              "diverifikasi.",
        "en": "A breakdown by kecamatan/kelurahan follows once the pendataan is verified.",
    },
    "deck_s5_listing": {
        "id": "Pendataan {month}: {verified} pekerja lolos verifikasi di {count} kelurahan;"
              " terbanyak di {top}.",
        "en": "Listing of {month}: {verified} workers passed verification in {count} "
              "kelurahan; most in {top}.",
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
