"""The message catalogue's patterns: English phrases with numbers, names and paths in them,
as regular expressions (matched whole), with their Bahasa Indonesia.

In a template, a group named ``t_*`` is itself a phrase to translate (the match fails when
the catalogue does not know it), ``n_*`` a number written the English way (10,000 becomes
10.000), ``s_*`` a label (list 2, sheet 1, line 3), ``a_*`` a part of an argparse message;
other groups are copied as they are (file names, scenario and region names). A template
may be a function of the groups. Specific patterns come before general ones."""

from __future__ import annotations

import re

N = r"[\d,]+"  # a whole number written 10,000
SIZE = r"[\d,.]+ [KMG]iB"


def _compiled(rows) -> list:
    return [(re.compile(pattern, re.DOTALL), template) for pattern, template in rows]


def _lists_read(g: dict) -> str:
    return "daftar yang terbaca: " + ("tidak ada" if g["s_l"] == "none" else g["s_l"])


def _jump(g: dict) -> str:
    stored = " (tersimpan)" if g["stored"] else ""
    return (f"perubahan yang masuk akal dari {g['n']} peserta mandiri bulan sebelumnya"
            f"{stored} (bukan {g['k']} kali lipat)")


def _unique(g: dict) -> str:
    what = {"slug": "slug", "code": "kode", "name": "nama"}.get(g["a"], g["a"])
    return (f"{what} yang unik (tanpa membedakan huruf besar-kecil); regions.{g['i']} sudah "
            "memakainya")


def _slug_or_code(g: dict) -> str:
    hint = (" (tulis kode daerah dalam tanda kutip, mis. \"35.20\", atau gunakan slug)"
            if g["h"] else "")
    return f"slug daerah atau kode dalam tanda kutip{hint}"


def _schemes_there(g: dict) -> str:
    there = "tidak ada di sana" if g["l"] == "none there" else g["l"]
    return f"skema daerah-daerah angka itu di params/schemes/ ({there})"


_PYDANTIC_TYPES = {"integer": "bilangan bulat", "number": "angka", "string": "teks",
                   "boolean": "nilai benar/salah", "list": "daftar", "dictionary": "pemetaan",
                   "date": "tanggal", "datetime": "tanggal dan waktu", "tuple": "daftar",
                   "set": "himpunan"}
_PYDANTIC_DETAILS = {"": "", ", unable to parse string as an integer":
                     ", teks tidak dapat dibaca sebagai bilangan bulat",
                     ", got a number with a fractional part": ", didapat bilangan pecahan",
                     ", unable to parse string as a number":
                     ", teks tidak dapat dibaca sebagai angka",
                     " in the format YYYY-MM-DD": " dengan format YYYY-MM-DD",
                     ", input is too short": ", masukan terlalu pendek"}


def _pydantic_valid(g: dict) -> str | None:
    detail = _PYDANTIC_DETAILS.get(g["r"])
    return None if detail is None else f"{_PYDANTIC_TYPES[g['t']]} yang sah{detail}"


PATTERNS = _compiled([
    # the command line, the run, reports
    (rf"a whole number from (?P<n_a>-?{N}) to (?P<n_b>{N})",
     "bilangan bulat dari {n_a} sampai {n_b}"),
    (rf"a whole number from (?P<n_a>{N}) to (?P<n_b>{N}), at most active",
     "bilangan bulat dari {n_a} sampai {n_b}, paling banyak sejumlah peserta aktif"),
    (r"a month from (?P<a>\d{4}-\d{2}) to (?P<b>\d{4}-\d{2})", "bulan dari {a} sampai {b}"),
    (r"a month no earlier than (?P<o>--\w+) (?P<m>\S+)",
     "bulan yang tidak lebih awal dari {o} {m}"),
    (r"a month no earlier than the start (?P<m>\S+)",
     "bulan yang tidak lebih awal dari awalnya, {m}"),
    (rf"a number of months, 1 to (?P<n_n>{N})", "jumlah bulan, 1 sampai {n_n}"),
    (rf"1 to (?P<n_n>{N}) draws", "1 sampai {n_n} simulasi"),
    (rf"1 to (?P<n_n>{N}) months", "1 sampai {n_n} bulan"),
    (rf"fewer draws for this many regions and months \(at most (?P<n_n>{N})\)",
     "simulasi lebih sedikit untuk daerah dan bulan sebanyak ini (paling banyak {n_n})"),
    (rf"at most (?P<n_n>{N}) draws x months in a report \(e\.g\. (?P<n_d>{N}) draws over 60 "
     r"months\): a report keeps every draw in memory",
     "paling banyak {n_n} simulasi x bulan dalam satu laporan (mis. {n_d} simulasi selama 60 "
     "bulan): laporan menyimpan setiap simulasi di memori"),
    (r"(?P<m>\d{4}-\d{2}) or later \(the first month with a starting state\)",
     "{m} atau sesudahnya (bulan pertama yang memiliki keadaan awal)"),
    (r"a parameter of the template: (?P<l>[^;]*)", "parameter templat: {l}"),
    (r"a plain folder name \(no '/', '\\', '\.\.' or leading '\.'\) for a folder directly "
     r"inside (?P<d>[^;]*)", "nama folder biasa (tanpa '/', '\\', '..' atau '.' di depan) untuk "
                          "folder langsung di dalam {d}"),
    (r"a name other than (?P<l>[^;]*) \(reserved in a month folder\)",
     "nama selain {l} (dicadangkan dalam folder bulan)"),
    (r"a name of its own \(ignoring case\), not that of (?P<o>[^;]*)",
     "nama tersendiri (tanpa membedakan huruf besar-kecil), bukan nama {o}"),
    (rf"a template of at most (?P<s>{SIZE}) unpacked", "templat paling besar {s} setelah dibuka"),
    (rf"a template of at most (?P<n_n>{N}) parts", "templat dengan paling banyak {n_n} bagian"),
    (rf"a template of at most (?P<s>{SIZE})", "templat paling besar {s}"),
    (rf"each part at most (?P<s>{SIZE}) unpacked and at most (?P<r>\d+) times its packed size "
     r"\(not a zip bomb\)", "setiap bagian paling besar {s} setelah dibuka dan paling banyak {r} "
                            "kali ukuran terkemasnya (bukan bom zip)"),
    (rf"a declared income of at least Rp (?P<n_n>{N}) \(the lowest declared income in force "
     r"in (?P<m>\S+)\)", "penghasilan yang dilaporkan paling sedikit Rp {n_n} (penghasilan "
                         "terendah yang berlaku pada {m})"),
    (r"at least (?P<n>\d+) months of actuals for a region",
     "sedikitnya {n} bulan data aktual untuk satu daerah"),
    (r"starting members in (?P<m>\S+) no more than the informal-worker pool "
     r"\(informal_workers\); the members of its schemes and the self-payers of the data "
     r"together exceed it", "peserta awal pada {m} tidak lebih dari jumlah pekerja informal "
                            "(informal_workers); peserta skema-skemanya dan peserta mandiri "
                            "menurut data bersama-sama melebihinya"),
    # lists, actuals, the store, spreadsheets
    (r"each list once \(this is also (?P<s_x>[^;]*)\): every row would count as a duplicate",
     "setiap daftar sekali saja (ini juga {s_x}): setiap baris akan terhitung ganda"),
    (r"the whole name or code of one of the regions (?P<l>[^;]*)",
     "nama lengkap atau kode salah satu daerah {l}"),
    (rf"a count of at most (?P<n_n>{N})", "jumlah paling banyak {n_n}"),
    (r"one region; this is ambiguous: (?P<l>[^;]*)", "satu daerah; ini ambigu: {l}"),
    (r"at most the (?P<n>\d+) active participants \(those a government pays for are among "
     r"the active\)", "paling banyak {n} peserta aktif (yang dibayar pemerintah termasuk "
                      "peserta aktif)"),
    (r"a plausible change from (?P<n>\d+) self-paying members the month before"
     r"(?P<stored> \(stored\))? \(not (?P<k>\d+)x\)", _jump),
    (r"a header row with a NIK column \(one of: (?P<l>[^)]*)\) or --column nik=HEADER",
     "baris judul dengan kolom NIK (salah satu dari: {l}) atau --column nik=HEADER"),
    (r"lists read: (?P<s_l>[^;]*)", _lists_read),
    (r"the workbook has (?P<n>\d+) sheets, counted from the left",
     "buku kerja berisi {n} lembar, dihitung dari kiri"),
    (r"a (?P<f>\w+) column \(e\.g\. (?P<e>[^)]*)\) or --column (?P=f)=HEADER",
     "kolom {f} (mis. {e}) atau --column {f}=HEADER"),
    (r"FIELD=HEADER with FIELD one of (?P<l>[^;]*)",
     "FIELD=HEADER dengan FIELD salah satu dari {l}"),
    (r"a folder outside (?P<d>[^;]*), which holds published reports: private files hold NIKs "
     r"and names", "folder di luar {d}, yang memuat laporan terbitan: berkas pribadi memuat "
                   "NIK dan nama"),
    (r"a folder outside (?P<d>[^;]*), which is published: private files hold NIKs and names",
     "folder di luar {d}, yang diterbitkan: berkas pribadi memuat NIK dan nama"),
    (r"a folder git ignores \(such as (?P<d>[^)]*)\): files here would show in git status "
     r"and could be committed", "folder yang diabaikan git (seperti {d}): berkas di sini "
                                "akan tampak di git status dan bisa ikut di-commit"),
    (r"a region whose kelurahan are listed in params/regions/kelurahan\.yaml \((?P<l>[^;]*)\)",
     "daerah yang kelurahannya tercantum di params/regions/kelurahan.yaml ({l})"),
    (rf"at most (?P<n_n>{N}) rows in one file", "paling banyak {n_n} baris dalam satu berkas"),
    (rf"a file of at most (?P<n_n>{N}) MiB", "berkas paling besar {n_n} MiB"),
    (rf"a workbook of at most (?P<n_n>{N}) parts", "buku kerja dengan paling banyak {n_n} bagian"),
    (rf"a workbook that unzips to at most (?P<n_n>{N}) MiB",
     "buku kerja yang setelah dibuka (unzip) paling besar {n_n} MiB"),
    (rf"at most (?P<n_n>{N}) cells, empty formatted ones and, twice, those of a sheet that "
     r"does not state its size", "paling banyak {n_n} sel, termasuk sel kosong berformat dan, "
                                 "dua kali, sel lembar yang tidak menyatakan ukurannya"),
    (rf"at most (?P<n_n>{N}) columns", "paling banyak {n_n} kolom"),
    (rf"at most (?P<n_n>{N}) filled cells in one file",
     "paling banyak {n_n} sel terisi dalam satu berkas"),
    (rf"lines of at most (?P<n_n>{N}) characters", "baris paling panjang {n_n} karakter"),
    (r"the columns (?P<c>\S+)", "kolom {c}"),
    (r"only the columns (?P<c>\S+)", "hanya kolom {c}"),
    (r"a readable CSV store with the columns (?P<c>\S+)",
     "berkas simpanan CSV yang dapat dibaca, dengan kolom {c}"),
    (r"repair (?P<f>[^;]+) by hand \(or restore it with `git checkout -- (?P=f)`\) and import "
     r"again", "perbaiki {f} secara manual (atau pulihkan dengan `git checkout -- {f}`) lalu "
               "impor lagi"),
    (r"a lock file jamsos can create beside the store (?P<p>[^;]*)",
     "berkas kunci yang dapat dibuat jamsos di samping berkas simpanan {p}"),
    (r"a lock file jamsos can create beside the month (?P<p>[^;]*)",
     "berkas kunci yang dapat dibuat jamsos di samping folder bulan {p}"),
    (r"the stored value (?P<v>\S+) \(from (?P<s>[^;]*)\)", "nilai tersimpan {v} (dari {s})"),
    # published points
    (r"no schemes for the measure (?P<m>\S+) \(only for (?P<l>[^)]*)\)",
     "tanpa skema untuk ukuran {m} (hanya untuk {l})"),
    (r"a scheme of the point's regions in params/schemes/ \((?P<l>[^;]*)\)", _schemes_there),
    (r"a scheme of the group (?P<g>\S+) counts \((?P<n>\S+) pays for (?P<k>\S+) members\)",
     "skema dari kelompok yang dihitung {g} ({n} membayar peserta {k})"),
    # parameter files
    (r"no plausible bounds, or those of (?P<f>\S+) (?P<b>[^;]*)",
     "tanpa batas kewajaran, atau batas dari {f} {b}"),
    (r"at least (?P<b>[\w-]+)\.yaml, the policy in force",
     "sedikitnya {b}.yaml, kebijakan yang berlaku"),
    (r"(?P<v>[^;]+), as in (?P<f>\S+) \(an override keeps the meaning\)",
     "{v}, seperti di {f} (penimpaan tetap mempertahankan maknanya)"),
    (r"a value within the plausible range (?P<lo>\S+)\.\.(?P<hi>\S+) of (?P<f>\S+)",
     "nilai dalam rentang kewajaran {lo}..{hi} dari {f}"),
    (r"a name not already defined in (?P<f>[^;]+)", "nama yang belum didefinisikan di {f}"),
    (r"an override \((?P<s>[^)]*)/\) of a parameter defined in the tree",
     "penimpaan ({s}/) atas parameter yang didefinisikan di pohon params"),
    (r"one of the scenarios (?P<l>[^;]*)", "salah satu skenario {l}"),
    (r"scenarios of (?P<r>[^;]+)", "skenario dari {r}"),
    (r"one of the regions (?P<l>[^;]*)", "salah satu daerah {l}"),
    (r"a region code or slug, a province \(35 or jawa-timur\), a branch \((?P<b>[^)]*)\) or "
     r"all(?:; nearest: (?P<n>.*))?", lambda g: "kode atau slug daerah, provinsi (35 atau "
     f"jawa-timur), kantor cabang ({g['b']}) atau all"
     + (f"; yang terdekat: {g['n']}" if g["n"] else "")),
    (r"a scheduler with at least one worker \(none joined within (?P<s>[\d.]+) s; start one "
     r"with `dask worker (?P<a>[^`]*)`\)", "scheduler dengan sedikitnya satu worker (tidak "
     "ada yang bergabung dalam {s} detik; jalankan satu dengan `dask worker {a}`)"),
    (r"a worker with jamsos (?P<v>\S+) installed \(pip install the same wheel on every "
     r"worker machine\)", "worker dengan jamsos {v} terpasang (pasang wheel yang sama di "
     "setiap mesin worker dengan pip install)"),
    (r"a reports folder every Dask worker sees at the same path \(a shared filesystem mounted "
     r"alike on every worker machine\); they do not see (?P<p>.*)", "folder laporan yang "
     "terlihat oleh setiap worker Dask di jalur yang sama (sistem berkas bersama yang dipasang "
     "sama di setiap mesin worker); mereka tidak melihat {p}"),
    (r"a province (?P<p>\d\d) listed in the same file",
     "provinsi {p} yang tercantum di berkas yang sama"),
    (r"the name (?P<n>'[^']*') that (?P<f>.+) gives for (?P<c>[\d.]+)",
     "nama {n} yang diberikan {f} untuk {c}"),
    (r"the same regions as the table in use \((?P<f>[^)]*)\); check the list above and run "
     r"again with --accept-changes", "daerah yang sama dengan tabel yang dipakai ({f}); periksa "
     "daftar di atas lalu jalankan lagi dengan --accept-changes"),
    (r"a unique (?P<a>code|slug); line (?P<n_l>\d+) has it already",
     lambda g: f"{'kode' if g['a'] == 'code' else 'slug'} yang unik; baris {g['n_l']} sudah "
     "memakainya"),
    (r"a kabupaten/kota code of the national table; nearest: (?P<n>.*)",
     "kode kabupaten/kota dari tabel nasional; yang terdekat: {n}"),
    (r"a province with kabupaten/kota in the national table \((?P<f>[^)]*)\): (?P<l>.*)",
     "provinsi yang mempunyai kabupaten/kota di tabel nasional ({f}): {l}"),
    (r"one or more of (?P<l>[^;]*), comma-separated", "satu atau lebih dari {l}, dipisah koma"),
    (r"a parameter defined in (?P<r>[^;]+)", "parameter yang didefinisikan di {r}"),
    (rf"a readable YAML file of at most (?P<n_n>{N}) KiB \(a regular file, not a pipe, socket "
     r"or device\)", "berkas YAML yang dapat dibaca, paling besar {n_n} KiB (berkas biasa, "
                     "bukan pipe, soket atau perangkat)"),
    (r"a mapping with the keys (?P<l>[^;]*)", "pemetaan dengan kunci {l}"),
    (r"no such key; known keys here: (?P<l>[^;]*)",
     "tanpa kunci ini; kunci yang dikenal di sini: {l}"),
    (r"a valid (?P<t>integer|number|string|boolean|list|dictionary|date|datetime|tuple|set)"
     r"(?P<r>,.*| in the format YYYY-MM-DD)?", _pydantic_valid),
    (r"(?P<l>'[^']*'(?:, '[^']*')*) or (?P<r>'[^']*')", "{l} atau {r}"),
    (r"(?P<c>greater|less) than or equal to (?P<v>\S+)",
     lambda g: f"lebih {'besar' if g['c'] == 'greater' else 'kecil'} dari atau sama dengan "
               f"{g['v']}"),
    (r"(?P<c>greater|less) than (?P<v>\S+)",
     lambda g: f"lebih {'besar' if g['c'] == 'greater' else 'kecil'} dari {g['v']}"),
    (rf"(?P<t_tier>a title, label or name|a citation or link|a description, note or reason) "
     rf"of at most (?P<n_n>{N}) characters \(this one has (?P<n_m>{N})\)",
     "{t_tier} paling panjang {n_n} karakter (yang ini {n_m})"),
    (r"a colour dark enough to see on white paper and in grey print \(contrast with white at "
     r"least 2:1; this one has (?P<n_c>[\d.]+):1\), e\.g\. #0072B2",
     "warna yang cukup gelap agar terlihat di kertas putih dan cetakan abu-abu (kontras "
     "dengan putih paling sedikit 2:1; yang ini {n_c}:1), mis. #0072B2"),
    (r"a slug of lower-case ASCII letters and digits, words joined by single hyphens, "
     r"starting with a letter, at most (?P<n>\d+) characters \(e\.g\. kota-madiun\); not one "
     r"of the reserved names (?P<l>[^;]*)",
     "slug dari huruf kecil ASCII dan angka, kata-kata disambung satu tanda hubung, diawali "
     "huruf, paling panjang {n} karakter (mis. kota-madiun); bukan salah satu nama yang "
     "dicadangkan {l}"),
    (r"a slug that is not a reserved name \((?P<l>[^;]*)\)",
     "slug yang bukan nama yang dicadangkan ({l})"),
    (r"one of the region codes (?P<l>[^;]*)", "salah satu kode daerah {l}"),
    (r"a unique (?P<a>\w+) \(ignoring case\); regions\.(?P<i>\d+) has it already", _unique),
    (r"a code (?P<r>\S+)\.KK\.NNNN", "kode {r}.KK.NNNN"),
    (r"the kecamatan listed for (?P<k>\S+)", "kecamatan yang tercantum untuk {k}"),
    (r"a scenario named (?P<b>'[^']*') \(the status quo\)",
     "skenario bernama {b} (kondisi saat ini)"),
    (r"the file name without \.yaml \((?P<s>[^;]*)\)", "nama berkas tanpa .yaml ({s})"),
    (r"no cycle of scenarios building on each other \(here (?P<c>[^;]*)\)",
     "tanpa lingkaran skenario yang saling membangun (di sini {c})"),
    (r"a known region: (?P<l>[^;]*)", "daerah yang dikenal: {l}"),
    (r"one of the packages (?P<l>[^;]*)", "salah satu paket {l}"),
    (r"a package of the (?P<g>\S+) group \((?P<f>[^)]*)\): (?P<p>\S+) is for (?P<k>\S+) "
     r"members", "paket kelompok {g} ({f}): {p} untuk peserta {k}"),
    (r"periods that do not overlap \(one ends (?P<m>\S+)\)",
     "periode yang tidak tumpang-tindih (salah satunya berakhir {m})"),
    (r"no second lurah-list BPU scheme in a region while another runs there "
     r"\((?P<x>[^)]*)\)", "tanpa skema BPU kedua dari daftar lurah di satu daerah selama skema "
                          "lain berjalan di sana ({x})"),
    (rf"at least one month of the quota \((?P<n_q>{N}) x the package = Rp (?P<n_c>{N})\), or "
     r"a reason: saying why it is lower", "sedikitnya satu bulan kuota ({n_q} x paket = Rp "
                                          "{n_c}), atau reason: yang menjelaskan mengapa lebih "
                                          "rendah"),
    (r"a month of (?P<y>\d{4}) \(a paid period lies within its APBD year\)",
     "bulan pada tahun {y} (periode yang dibayar berada di dalam tahun APBD-nya)"),
    (rf"members no more than the region's informal-worker pool \((?P<n_n>{N}) in (?P<m>\S+), "
     r"informal_workers in (?P<f>[^)]*)\)", "peserta tidak lebih dari jumlah pekerja informal "
                                            "daerah itu ({n_n} pada {m}, informal_workers di "
                                            "{f})"),
    (rf"the region's schemes together paying for no more than its informal-worker pool "
     rf"\((?P<n_n>{N}) in (?P<m>\S+), informal_workers in (?P<f>[^;]*); (?P<s>[^)]*)\)",
     "skema-skema daerah itu bersama-sama membayar tidak lebih dari jumlah pekerja informalnya "
     "({n_n} pada {m}, informal_workers di {f}; {s})"),
    (r"a value effective from that month or earlier \(first value: (?P<f>\S+)\)",
     "nilai yang berlaku sejak bulan itu atau sebelumnya (nilai pertama: {f})"),
    (r"a region slug or quoted code(?P<h> \(write region codes in quotes, e\.g\. \"35\.20\", "
     r"or use the slug\))?", _slug_or_code),
    (r"'default' or a known region: (?P<l>[^;]*)", "'default' atau daerah yang dikenal: {l}"),
    (r"one key per region \((?P<x>\S+) names the same region\)",
     "satu kunci per daerah ({x} menyebut daerah yang sama)"),
    # general forms last
    (r"(?P<t_m>[^;]+), as a finite number", "{t_m}, sebagai bilangan terhingga"),
    (r"(?P<t_what>[^;]+), at least 0", "{t_what}, paling sedikit 0"),
    (r"one of (?P<l>[^;]*)", "salah satu dari {l}"),
])

VALUE_PATTERNS = _compiled([  # what the code says it found, with a number in it
    (rf"\(more than (?P<n_n>{N}) (?P<w>rows|cells)\)",
     lambda g: f"(lebih dari {g['n_n']} {'baris' if g['w'] == 'rows' else 'sel'})"),
    (r"\((?P<n_n>[\d,.]+) (?P<u>[KMG]iB|bytes)\)",
     lambda g: f"({g['n_n']} {'bita' if g['u'] == 'bytes' else g['u']})"),
    (rf"\(a text of (?P<n_n>{N}) characters, not shown\)",
     "(teks {n_n} karakter, tidak ditampilkan)"),
    (rf"\(a number of (?P<n_n>{N}) digits, not shown\)", "(angka {n_n} digit, tidak ditampilkan)"),
    (rf"\((?P<n_n>{N}) filled columns\)", "({n_n} kolom terisi)"),
    (rf"\((?P<n_n>{N}) characters\)", "({n_n} karakter)"),
    (rf"\((?P<n_n>{N}) rows\)", "({n_n} baris)"),
    (rf"\((?P<n_n>{N}) lists\)", "({n_n} daftar)"),
    (rf"\((?P<n_n>{N}) parts inside\)", "({n_n} bagian di dalamnya)"),
    (rf"\(unzips to (?P<n_n>{N}) MiB\)", "(setelah dibuka {n_n} MiB)"),
    (r"\(no (?P<f>\w+) column\)", "(tidak ada kolom {f})"),
    (r"\(a (?P<t>mapping|list|text|true/false|number|null|date)\)",
     lambda g: "(" + {"mapping": "pemetaan", "list": "daftar", "text": "teks",
                      "true/false": "nilai benar/salah", "number": "angka", "null": "null",
                      "date": "tanggal"}[g["t"]] + ")"),
])

_FAULTS = {"a file": "sebuah berkas", "a folder": "sebuah folder",
           "a special file (a device, pipe or socket)":
               "berkas khusus (perangkat, pipe atau soket)",
           "a symlink loop": "putaran tautan simbolik",
           "a path through a file": "jalur yang melewati sebuah berkas",
           "a name too long for the file system": "nama yang terlalu panjang untuk sistem berkas",
           "an unusable path": "jalur yang tidak dapat dipakai"}
_FAULT = "|".join(re.escape(fault) for fault in _FAULTS)
_TYPES = {"whole number": "bilangan bulat", "int": "bilangan bulat", "float": "angka"}


def _locked(g: dict) -> str:
    who = "" if g["h"] == "another process" else f" ({g['h']})"
    return (f"proses lain{who} sedang menulis {g['d']}; tunggu sampai selesai (berkas kunci "
            f"{g['p']})")


ARGPARSE = _compiled([  # whole messages: argparse's, the options' own checks, a held lock
    (r"argument (?P<a>[^:]+): (?P<a_rest>.*)", "argumen {a}: {a_rest}"),
    (r"got (?P<v>.*); expected (?P<t_e>.*)", "didapat {v}; seharusnya {t_e}"),
    (rf"(?P<v>.*) is (?P<f>{_FAULT}); expected (?P<t_e>.*)",
     lambda g: f"{g['v']} adalah {_FAULTS[g['f']]}; seharusnya {g['t_e']}"),
    (r"(?P<v>.*): (?P<w>.*) is read-only; expected (?P<t_e>.*)",
     "{v}: {w} hanya-baca; seharusnya {t_e}"),
    (r"(?P<v>.*): (?P<w>.*) is not a folder; expected (?P<t_e>.*)",
     "{v}: {w} bukan folder; seharusnya {t_e}"),
    (r"invalid choice: (?P<v>.*) \(choose from (?P<c>.*)\)",
     "pilihan tidak sah: {v} (pilih dari {c})"),
    (r"invalid (?P<t>.+) value: (?P<v>.*)",
     lambda g: f"nilai {_TYPES.get(g['t'], g['t'])} tidak sah: {g['v']}"),
    (r"expected one argument", "perlu satu nilai"),
    (r"expected at most one argument", "paling banyak satu nilai"),
    (r"expected at least one argument", "perlu sedikitnya satu nilai"),
    (r"expected (?P<n>\d+) arguments?", "perlu {n} nilai"),
    (r"the following arguments are required: (?P<l>.*)", "argumen berikut wajib diisi: {l}"),
    (r"unrecognized arguments: (?P<l>.*)", "argumen tidak dikenal: {l}"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.*)", "opsi ambigu: {o} bisa berarti {m}"),
    (r"one of the arguments (?P<l>.*) is required", "salah satu argumen {l} wajib diisi"),
    (r"not allowed with argument (?P<a>.*)", "tidak boleh bersama argumen {a}"),
    (r"ignored explicit argument (?P<v>.*)", "argumen eksplisit diabaikan: {v}"),
    (r"another run \((?P<h>.*)\) is writing (?P<d>.*); wait for it to finish \(lock file "
     r"(?P<p>.*)\)", _locked),
])

LABELS = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"\blist (\d+) \(FILE argument \1\)", r"daftar \1 (argumen FILE ke-\1)"),
    (r"(\)|\.xlsx|\.xlsm|\.XLSX) sheet (\d+)\b", r"\1 lembar \2"),
    (r"(\.csv|\.xlsx|\.xlsm|\.CSV|\.XLSX) row (\d+)\b", r"\1 baris \2"),
    (r"; and ([\d,]+) more rows$",
     lambda found: f"; dan {found.group(1).replace(',', '.')} baris lagi"),
)]

WHOLE_KEYS = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"line (\d+), column (\d+)", r"baris \1, kolom \2"),
    (r"(?:line|row) (\d+)", r"baris \1"),
    (r"(?:line|row) (\d+) (\w+)", r"baris \1 \2"),
    (r"rows after (\d+)", r"baris setelah \1"),
    (r"rows", "baris"), (r"header", "baris judul"), (r"sheet name", "nama lembar"),
    (r"columns", "kolom"), (r"part", "bagian"), (r"region slug", "slug daerah"),
)]
