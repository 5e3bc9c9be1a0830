"""Words of the office formats (the workbook and the PowerPoint deck), in Bahasa Indonesia
and English; looked up through :func:`.texts.text` like every other text."""

OFFICE_TEXTS: dict[str, dict[str, str]] = {
    # the workbook's sheets and columns
    "xl_budget": {"id": "Anggaran", "en": "Budget"},
    "xl_projection": {"id": "Proyeksi bulanan", "en": "Monthly projection"},
    "xl_funnel": {"id": "Pendataan", "en": "Listing"},
    "xl_appendix": {"id": "Lampiran", "en": "Appendix"},
    "xl_caveats": {"id": "Ilustratif dan asumsi", "en": "Illustrative and assumed"},
    "xl_months": {"id": "Bulan tercakup", "en": "Months covered"},
    "xl_rupiah_p50": {"id": "Rupiah (median)", "en": "Rupiah (median)"},
    "xl_active_p10": {"id": "Aktif p10", "en": "Active p10"},
    "xl_active_p50": {"id": "Aktif p50", "en": "Active p50"},
    "xl_active_p90": {"id": "Aktif p90", "en": "Active p90"},
    "xl_subsidised_p50": {"id": "Dibayar skema p50", "en": "Paid by a scheme p50"},
    "xl_coverage_p50": {"id": "Cakupan p50", "en": "Coverage p50"},
    "xl_actuals": {"id": "Peserta aktif \"saat ini\" (data bulanan)",
                   "en": "Active participants \"now\" (monthly data)"},
    "xl_what": {"id": "Angka", "en": "Figure"},
    "xl_why": {"id": "Keterangan dan sumber", "en": "Note and source"},
    # the PowerPoint charts' value axes: values shown in thousands, millions... without a
    # thousands separator, which the viewer's locale would read its own way
    "ppt_unit_people_0": {"id": "orang", "en": "people"},
    "ppt_unit_people_1": {"id": "ribu orang", "en": "thousand people"},
    "ppt_unit_people_2": {"id": "juta orang", "en": "million people"},
    "ppt_unit_rp_0": {"id": "Rupiah", "en": "Rupiah"},
    "ppt_unit_rp_1": {"id": "Rp ribu", "en": "Rp thousand"},
    "ppt_unit_rp_2": {"id": "Rp juta", "en": "Rp million"},
    "ppt_unit_rp_3": {"id": "Rp miliar", "en": "Rp billion"},
    "ppt_unit_rp_4": {"id": "Rp triliun", "en": "Rp trillion"},
    # a slide with nothing to chart says so
    "ppt_no_projection": {"id": "Belum ada proyeksi untuk daerah ini.",
                          "en": "There is no projection for this region yet."},
    "ppt_no_options": {"id": "Tidak ada skenario untuk dibandingkan.",
                       "en": "There is no scenario to compare."},
}
