"""Words on the charts (:mod:`..design.charts`): titles, legends, axes and alt texts, in
Bahasa Indonesia and English; looked up through :func:`.texts.text` like every other text.

Indonesian words only in the Indonesian charts: the model run again over past months is
"model dijalankan ulang" / "hitung ulang model", never "replay"."""

CHART_TEXTS: dict[str, dict[str, str]] = {
    # the projection (fan) chart
    "band": {"id": "rentang p10–p90 (80% simulasi di dalamnya)",
             "en": "p10–p90 range (80% of draws inside)"},
    # the schemes' members since 2020
    "h_hindcast": {"id": "Peserta skema: model dijalankan ulang sejak 2020, dan angka terbit",
                   "en": "Scheme members: the model re-run since 2020, and published figures"},
    "replay_bpu": {"id": "hitung ulang model: BPU dibayar skema",
                   "en": "model re-run: BPU paid by a scheme"},
    "replay_all": {"id": "hitung ulang model: BPU + penerima upah",
                   "en": "model re-run: BPU + wage earners"},
    "replayed_count": {"id": "hitung ulang model untuk hitungan yang sama",
                       "en": "model re-run for the same count"},
    # the budget chart: two legend groups, the parts of a bar and the caps
    "legend_scenarios": {"id": "Skenario (warna dan arsir)",
                         "en": "Scenario (colour and pattern)"},
    "legend_parts": {"id": "Bagian batang dan garis pagu",
                     "en": "Parts of a bar, and cap lines"},
    "subsidy_part": {"id": "bantuan iuran BPU lewat pendataan lurah (warna dan arsir skenario)",
                     "en": "BPU subsidy through the lurah's lists (the scenario's colour and "
                           "pattern)"},
    "agency_part": {"id": "skema daftar instansi (DBHCHT, CSR, Baznas, APBD)",
                    "en": "agency-list schemes (DBHCHT, CSR, Baznas, APBD)"},
    "cap_subsidy_only": {"id": "pagu bantuan iuran BPU setahun (hanya untuk bantuan iuran)",
                         "en": "BPU subsidy cap for a year (covers the subsidy only)"},
    "cap_part_year": {"id": "pagu untuk bulan yang sama: pagu setahun × bulan/12",
                      "en": "cap for the same months: the year's cap × months/12"},
    "year_span": {"id": "{year}\n{first}–{last}\n({months} bln)",
                  "en": "{year}\n{first}–{last}\n({months} mo.)"},
    # the funnel: flows over the projection, apart from the stock at its end
    "funnel_flows": {"id": "Alur {first}–{last}: jumlah orang selama periode",
                     "en": "Flows {first}–{last}: people over the period"},
    "funnel_stock": {"id": "Pada akhir {month}: bukan bagian dari alur di atas",
                     "en": "At the end of {month}: not part of the flows above"},
    "still_paid_stock": {"id": "Masih dibayar lewat daftar lurah {month} (jumlah pada akhir "
                               "bulan)",
                         "en": "Still paid through the lurah's lists {month} (count at the "
                               "month's end)"},
    "still_paid_short": {"id": "masih dibayar lewat daftar lurah {month}",
                         "en": "still paid through the lurah's lists {month}"},
    # the kelurahan chart
    "kecamatan_legend": {"id": "Kecamatan", "en": "Kecamatan (sub-district)"},
    "hidden_note": {"id": "{marker} = disembunyikan untuk melindungi data kecil, tidak "
                          "digambar: {names}.",
                    "en": "{marker} = hidden to protect small counts, not drawn: {names}."},
    # alt texts: what a reader without the picture is told (the chart's title first)
    "alt_fan": {"id": "{title}. Garis: nilai tengah tiap skenario; pita: rentang p10–p90; "
                      "{first} sampai {last}. Pada {last}: {ends}.",
                "en": "{title}. Lines: each scenario's median; bands: the p10–p90 range; "
                      "{first} to {last}. In {last}: {ends}."},
    "alt_scheme": {"id": "{title}. Garis: peserta skema menurut model yang dijalankan ulang; "
                         "pada {month} {bpu} BPU dibayar skema, {all} bersama penerima upah. "
                         "Penanda: angka terbit ({count}), masing-masing di samping hitungan "
                         "ulang model.",
                   "en": "{title}. Lines: scheme members as the re-run model has them; in "
                         "{month} {bpu} BPU paid by a scheme, {all} with the wage earners. "
                         "Markers: the published figures ({count}), each beside the model's "
                         "re-run."},
    "alt_budget": {"id": "{title}. Batang bertumpuk per skenario dan tahun APBD {years} "
                         "({scenarios}): bantuan iuran BPU, skema daftar instansi, paket "
                         "penerima upah dan sosialisasi.",
                   "en": "{title}. Stacked bars per scenario and APBD year {years} "
                         "({scenarios}): the BPU subsidy, agency-list schemes, the "
                         "wage-earner package and outreach."},
    "alt_budget_cap": {"id": " Garis hitam: pagu bantuan iuran BPU setahun ({caps}); untuk "
                             "tahun yang tidak penuh, pagu × bulan/12.",
                       "en": " Black lines: the BPU subsidy cap for a year ({caps}); for a "
                             "part year, the cap × months/12."},
    "alt_funnel": {"id": "{title}. {first}–{last}: {rows}.",
                   "en": "{title}. {first}–{last}: {rows}."},
    "alt_regional": {"id": "{title}. Peserta BPU aktif di {count} daerah: saat ini ({now}) "
                           "dan tiap skenario pada {month}.",
                     "en": "{title}. Active BPU participants in {count} regions: now ({now}) "
                           "and each scenario in {month}."},
    "alt_kelurahan": {"id": "{count} kelurahan digambar menurut jumlah lolos verifikasi; "
                            "terbanyak di antara yang digambar: {top} ({most}).",
                      "en": "{count} kelurahan drawn by the number who passed verification; "
                            "the most among those drawn: {top} ({most})."},
}
