"""The message catalogue's constant part: English ``expected`` phrases (as the code writes
them where it raises a Problem) and their Bahasa Indonesia, the values the code describes in
parentheses, and the operating system's words for its errors. The phrases with numbers,
names and paths in them are regular expressions in :mod:`.phrase_patterns`; a phrase made
of parts joined by "; " is translated part by part."""

from __future__ import annotations

from .phrase_patterns import ARGPARSE, LABELS, PATTERNS, VALUE_PATTERNS, WHOLE_KEYS

__all__ = ["ARGPARSE", "LABELS", "OS_ERRORS", "PATTERNS", "PHRASES", "VALUES", "VALUE_PATTERNS",
           "WHOLE_KEYS"]

_NEW_FOLDER = "di folder baru, `jamsos init .` membuat params/, data/ dan notebooks/"
_AGENCY = "skema yang mendaftarkan dari daftar instansi"

PHRASES: dict[str, str] = {
    # folders, files and paths
    "an existing folder": "folder yang sudah ada",
    "an existing data folder": "folder data yang sudah ada",
    "an existing data folder (with actuals/actuals.csv; `jamsos init DIR` writes one)":
        "folder data yang sudah ada (berisi actuals/actuals.csv; `jamsos init FOLDER` "
        "membuatnya)",
    "an existing data folder (in a new folder, `jamsos init .` writes params/, data/ and "
    "notebooks/; or give --data DIR)":
        f"folder data yang sudah ada ({_NEW_FOLDER}; atau beri --data FOLDER)",
    "a params directory (in a new folder, `jamsos init .` writes one; or give --params DIR)":
        "folder params (di folder baru, `jamsos init .` membuatnya; atau beri --params FOLDER)",
    "a params directory (in a new folder, `jamsos init .` writes params/, data/ and "
    "notebooks/; or give --params DIR)":
        f"folder params ({_NEW_FOLDER}; atau beri --params FOLDER)",
    "a region folder that is a folder, not a file or a symbolic link":
        "folder daerah yang berupa folder, bukan berkas atau tautan simbolik",
    "a month folder that is a folder, not a symbolic link":
        "folder bulan yang berupa folder, bukan tautan simbolik",
    "every APBD year from the first to the last (a year the scheme paid nobody says quota: 0; "
    "a missing one would silently be none)":
        "setiap tahun APBD dari yang pertama sampai yang terakhir (tahun ketika skema tidak "
        "membayar siapa pun ditulis quota: 0; tahun yang hilang diam-diam dianggap nol)",
    "a month folder that is a folder (remove or rename the file of that name)":
        "folder bulan yang berupa folder (hapus atau ganti nama berkas bernama itu)",
    "a folder path that resolves (no symbolic-link loop)":
        "jalur folder yang dapat ditelusuri (tanpa putaran tautan simbolik)",
    "a regular file or a new name": "berkas biasa atau nama baru",
    "a path to a regular file in an existing folder":
        "jalur ke berkas biasa di dalam folder yang sudah ada",
    "a path to a regular file or folder": "jalur ke berkas atau folder biasa",
    "a folder to write into": "folder untuk ditulisi",
    "a file to write": "berkas untuk ditulis",
    "a path jamsos may write": "jalur yang boleh ditulis jamsos",
    "a folder jamsos may write": "folder yang boleh ditulisi jamsos",
    "a new or empty folder (jamsos init never overwrites)":
        "folder baru atau kosong (jamsos init tidak pernah menimpa)",
    "a folder jamsos init can create and write":
        "folder yang dapat dibuat dan ditulisi jamsos init",
    "a file other than --out (one would overwrite the other)":
        "berkas selain --out (yang satu akan menimpa yang lain)",
    # the command line
    "a whole number": "bilangan bulat",
    "exactly one scenario name": "tepat satu nama skenario",
    "a seed of 0 or more": "seed 0 atau lebih",
    "one whole number of months per region": "satu bilangan bulat jumlah bulan per daerah",
    "a month written YYYY-MM, e.g. 2020-01": "bulan yang ditulis YYYY-MM, mis. 2020-01",
    "YYYY-MM": "YYYY-MM",
    "'id' or 'en'": "'id' atau 'en'",
    "a comma-separated list of jkk, jkm, jht (e.g. jkk,jkm)":
        "daftar jkk, jkm, jht yang dipisah koma (mis. jkk,jkm)",
    "a number of workers of at least 0": "jumlah pekerja paling sedikit 0",
    "no --income with the wage-earner package pu_jkk_jkm (a flat amount a month)":
        "tanpa --income untuk paket penerima upah pu_jkk_jkm (jumlah tetap per bulan)",
    # the monthly run and reports
    "a notebook template": "templat notebook",
    "a code cell tagged 'parameters' holding the defaults":
        "sel kode bertanda 'parameters' yang memuat nilai bawaan",
    "published points to set the replay against":
        "angka terbitan sebagai pembanding hasil simulasi ulang",
    "an existing PowerPoint file (.pptx)": "berkas PowerPoint (.pptx) yang sudah ada",
    "a PowerPoint file (.pptx) that PowerPoint can open":
        "berkas PowerPoint (.pptx) yang dapat dibuka PowerPoint",
    "a 16:9 slide size (Design > Slide Size > Widescreen)":
        "ukuran slide 16:9 (Design > Slide Size > Widescreen)",
    "a slide layout with a title placeholder (e.g. Title Only)":
        "tata letak slide dengan tempat judul (mis. Title Only)",
    "a name of lower-case letters, digits and hyphens, e.g. kuota-7000-juli":
        "nama dari huruf kecil, angka dan tanda hubung, mis. kuota-7000-juli",
    "a name no scenario has yet; choose another":
        "nama yang belum dipakai skenario mana pun; pilih nama lain",
    "who answers for the scenario": "penanggung jawab skenario",
    # actuals and the store
    "a store written by jamsos actuals import":
        "berkas simpanan yang ditulis oleh jamsos actuals import",
    "a count written 2298 or 2.298 (dots only between groups of three digits)":
        "jumlah yang ditulis 2298 atau 2.298 (titik hanya di antara kelompok tiga angka)",
    "the problems above corrected first": "masalah di atas diperbaiki dahulu",
    "the rest are of the same kinds": "sisanya sejenis",
    "a whole number of people": "bilangan bulat jumlah orang",
    "a whole number of people (this has a decimal comma, e.g. 1.234,5 means one thousand "
    "two hundred thirty-four and a half)":
        "bilangan bulat jumlah orang (ini memakai koma desimal, mis. 1.234,5 berarti seribu "
        "dua ratus tiga puluh empat setengah)",
    "the number of active participants": "jumlah peserta aktif",
    "at least one row of figures under the header":
        "sedikitnya satu baris angka di bawah baris judul",
    "one row per region and month in one import":
        "satu baris per daerah dan bulan dalam satu kali impor",
    "one row per region and month": "satu baris per daerah dan bulan",
    "a month such as 'Agustus 2019', 'Agt-19' or '2019-08'":
        "bulan seperti 'Agustus 2019', 'Agt-19' atau '2019-08'",
    "a header row with a region column (daerah/wilayah) and an active column (aktif)":
        "baris judul dengan kolom daerah (daerah/wilayah) dan kolom peserta aktif (aktif)",
    "a count of 0 or more": "jumlah 0 atau lebih",
    "check the figure, or correct the earlier month with --replace":
        "periksa angkanya, atau perbaiki bulan sebelumnya dengan --replace",
    "a region code like 35.77": "kode daerah seperti 35.77",
    "a store path whose folders are folders":
        "jalur berkas simpanan yang folder-foldernya memang folder",
    "remove or rename what is there": "hapus atau ganti nama apa yang ada di sana",
    "use --replace to correct it": "gunakan --replace untuk memperbaikinya",
    # the lurah's lists
    "a region and month not yet verified": "daerah dan bulan yang belum diverifikasi",
    "add --replace to write over the earlier results":
        "tambahkan --replace untuk menimpa hasil sebelumnya",
    "one list": "satu daftar",
    "use read_lists for a workbook of several sheets":
        "gunakan read_lists untuk buku kerja dengan beberapa lembar",
    "at least one listed worker under the header":
        "sedikitnya satu pekerja terdaftar di bawah baris judul",
    "a header row naming a column nik or nik_hmac":
        "baris judul yang memuat kolom nik atau nik_hmac",
    "at least one NIK or hash under the header":
        "sedikitnya satu NIK atau hash di bawah baris judul",
    "the HMAC key of the hashed active list in this environment variable":
        "kunci HMAC daftar peserta aktif yang di-hash, dalam variabel lingkungan ini",
    "the HMAC key in the environment variable named by --hmac-key-env":
        "kunci HMAC dalam variabel lingkungan yang disebut --hmac-key-env",
    "at least one list file": "sedikitnya satu berkas daftar",
    "a new folder, or one only its owner may open (mode 700): others may read or write "
    "this one; name a new folder, or run chmod 700 on it if it is yours alone":
        "folder baru, atau folder yang hanya dapat dibuka pemiliknya (mode 700): orang lain "
        "dapat membaca atau menulis folder ini; sebutkan folder baru, atau jalankan chmod 700 "
        "padanya bila folder itu milik Anda sendiri",
    "a new folder, or one of your own: this one belongs to another user":
        "folder baru, atau folder milik Anda sendiri: folder ini milik pengguna lain",
    # spreadsheets
    "a CSV file whose quoted cells are closed": "berkas CSV yang sel berkutipnya ditutup",
    "save it again from the spreadsheet": "simpan ulang dari aplikasi lembar kerja",
    "an .xlsx workbook: open the file in Excel or LibreOffice and save it as .xlsx, or as "
    "CSV": "buku kerja .xlsx: buka berkas itu di Excel atau LibreOffice lalu simpan sebagai "
           ".xlsx, atau sebagai CSV",
    "a header row and data rows": "baris judul dan baris data",
    "split the list by kecamatan": "pecah daftar per kecamatan",
    "save it again from Excel, or as CSV": "simpan ulang dari Excel, atau sebagai CSV",
    "split the file (a list by kecamatan), or delete the columns and rows not needed":
        "pecah berkas (satu daftar per kecamatan), atau hapus kolom dan baris yang tidak "
        "diperlukan",
    "a CSV text file (UTF-8, UTF-16 or Windows-1252), or an .xlsx workbook":
        "berkas teks CSV (UTF-8, UTF-16 atau Windows-1252), atau buku kerja .xlsx",
    "a .csv or .xlsx file": "berkas .csv atau .xlsx",
    "an existing CSV or XLSX file": "berkas CSV atau XLSX yang sudah ada",
    "a regular CSV or XLSX file": "berkas CSV atau XLSX biasa",
    "an .xlsx workbook Excel can open": "buku kerja .xlsx yang dapat dibuka Excel",
    "a workbook saved without a password: open it in Excel, remove the password (File, "
    "Info, Protect Workbook) and save it as .xlsx, or as CSV":
        "buku kerja yang disimpan tanpa kata sandi: buka di Excel, hapus kata sandinya (File, "
        "Info, Protect Workbook) lalu simpan sebagai .xlsx, atau sebagai CSV",
    # published points
    "a date written YYYY, YYYY-MM or YYYY-MM-DD":
        "tanggal yang ditulis YYYY, YYYY-MM atau YYYY-MM-DD",
    "the source that published this figure (a point without one is refused)":
        "sumber yang menerbitkan angka ini (angka tanpa sumber ditolak)",
    "an id not used before": "id yang belum pernah dipakai",
    "the title of the source that published the figure":
        "judul sumber yang menerbitkan angka itu",
    "a known region slug or code": "slug atau kode daerah yang dikenal",
    # parameter files
    "a mapping of parameter names to parameters": "pemetaan nama parameter ke parameter",
    "a parameter name of letters, digits and underscores":
        "nama parameter dari huruf, angka dan garis bawah",
    "payer rules only on a relief_* parameter": "aturan pembayar hanya pada parameter relief_*",
    "a parameter defined in the params tree: the scheme files need it":
        "parameter yang didefinisikan di pohon params: berkas skema memerlukannya",
    "the name of a parameter defined in the params tree":
        "nama parameter yang didefinisikan di pohon params",
    "a YAML mapping of keys to values": "pemetaan YAML dari kunci ke nilai",
    "valid YAML": "YAML yang sah",
    "a UTF-8 text file": "berkas teks UTF-8",
    "YAML nested at most a few hundred levels":
        "YAML yang bersarang paling dalam beberapa ratus tingkat",
    "a text in both languages, written {id: <Bahasa Indonesia>, en: <English>}":
        "teks dalam dua bahasa, ditulis {id: <Bahasa Indonesia>, en: <English>}",
    "a mapping of keys to values": "pemetaan kunci ke nilai",
    "a key written as text (in quotes when it looks like a number or date)":
        "kunci yang ditulis sebagai teks (dalam tanda kutip bila tampak seperti angka atau "
        "tanggal)",
    "this key to be present": "kunci ini ada",
    "a regions file": "berkas daerah",
    "a Kemendagri code like 35.77": "kode Kemendagri seperti 35.77",
    "a name of up to 60 ASCII letters, digits, hyphens and underscores, not 'all' (which "
    "--scenario reads as every scenario)":
        "nama dari paling banyak 60 huruf ASCII, angka, tanda hubung dan garis bawah, bukan "
        "'all' (yang dibaca --scenario sebagai semua skenario)",
    "a scenario name not yet used": "nama skenario yang belum dipakai",
    "'default' or a region named once (slug or code)":
        "'default' atau daerah yang disebut sekali (slug atau kode)",
    "at least one dated value, e.g. 2020-01: 0.01":
        "sedikitnya satu nilai bertanggal, mis. 2020-01: 0.01",
    "a value or a mapping of region to value": "nilai atau pemetaan daerah ke nilai",
    "only the keys low, central, high in a range":
        "hanya kunci low, central, high dalam suatu rentang",
    "low <= central <= high": "low <= central <= high (rendah <= tengah <= tinggi)",
    "plain text: no HTML tags (<...>), no bidirectional-override or other control "
    "characters": "teks biasa: tanpa tag HTML (<...>), tanpa karakter pembalik arah teks "
                  "atau karakter kendali lain",
    "a colour written #RRGGBB, e.g. #0072B2": "warna yang ditulis #RRGGBB, mis. #0072B2",
    "up to four of the hatch marks / \\ | - + x o O . *":
        "paling banyak empat tanda arsir / \\ | - + x o O . *",
    "a title, label or name": "judul, label atau nama",
    "a citation or link": "kutipan atau tautan",
    "a description, note or reason": "uraian, catatan atau alasan",
    # units of parameters
    "a share between 0 and 1": "proporsi antara 0 dan 1",
    "a monthly rate between 0 and 1": "laju bulanan antara 0 dan 1",
    "a yearly rate of at least 0": "laju tahunan paling sedikit 0",
    "a yearly growth rate above -1": "laju pertumbuhan tahunan di atas -1",
    "a whole number of Rupiah, at least 0": "bilangan bulat Rupiah, paling sedikit 0",
    "a whole number of Rupiah a month, at least 0":
        "bilangan bulat Rupiah per bulan, paling sedikit 0",
    "a whole number of Rupiah a year, at least 0":
        "bilangan bulat Rupiah per tahun, paling sedikit 0",
    "a whole number of people, at least 0": "bilangan bulat jumlah orang, paling sedikit 0",
    "a number of people a month, at least 0": "jumlah orang per bulan, paling sedikit 0",
    "a whole number of months from 0 to 120": "bilangan bulat jumlah bulan dari 0 sampai 120",
    "a whole number of years from 0 to 120": "bilangan bulat jumlah tahun dari 0 sampai 120",
    "a multiple, at least 0": "kelipatan, paling sedikit 0",
    "a whole number of people a month": "bilangan bulat jumlah orang per bulan",
    "a whole number of Rupiah (or null: no cap)":
        "bilangan bulat Rupiah (atau null: tanpa pagu)",
    # schemes
    "agency_list for a wage-earner (PU) scheme: its members are named by the government, "
    "not listed by the lurah":
        "agency_list untuk skema penerima upah (PU): pesertanya ditetapkan pemerintah, bukan "
        "didata lurah",
    "no pass_rate for a scheme enrolling from an agency's list (its list is verified "
    "before the SK names the members)":
        f"tanpa pass_rate untuk {_AGENCY} (daftarnya diverifikasi sebelum SK menetapkan "
        "pesertanya)",
    "at least one APBD year": "sedikitnya satu tahun APBD",
    "either periods or start/end/quota, not both":
        "periods atau start/end/quota, tidak keduanya",
    "the members paid for (or periods, each with its quota)":
        "peserta yang dibayari (atau periods, masing-masing dengan kuotanya)",
    "a share above 0, at most 1 (a range: low <= central <= high)":
        "proporsi di atas 0, paling besar 1 (rentang: low <= central <= high)",
    "an APBD year from 2000 to 2100": "tahun APBD dari 2000 sampai 2100",
    "no lurah listing for a scheme enrolling from an agency's list (its members are named "
    "by the government)": f"tanpa pendataan lurah untuk {_AGENCY} (pesertanya ditetapkan "
                          "pemerintah)",
    "no lurah listing for a scheme enrolling from an agency's list (set enrolment: "
    "lurah_list for a scheme listed by RT and lurah)":
        f"tanpa pendataan lurah untuk {_AGENCY} (tulis enrolment: lurah_list untuk skema "
        "yang didata RT dan lurah)",
    "one month (a range of months is for schemes enrolling from an agency's list)":
        "satu bulan (rentang bulan hanya untuk skema yang mendaftarkan dari daftar instansi)",
    "a scheme enrolling from an agency's list says enrolment: agency_list":
        f"{_AGENCY} menulis enrolment: agency_list",
    "jamsos project takes more": "jamsos project menerima lebih",
    "a Dask scheduler address like tcp://HOST:8786, tls://HOST:8786 or HOST:8786":
        "alamat scheduler Dask seperti tcp://HOST:8786, tls://HOST:8786 atau HOST:8786",
    "the address of a running Dask scheduler (start one with `dask scheduler`, workers with "
    "`dask worker tcp://HOST:8786`)":
        "alamat scheduler Dask yang sedang berjalan (jalankan dengan `dask scheduler`, worker "
        "dengan `dask worker tcp://HOST:8786`)",
    "a new name, an empty folder or a Parquet dataset jamsos wrote (folders province=.. of "
    ".parquet files); or a file name ending in .csv":
        "nama baru, folder kosong atau dataset Parquet yang ditulis jamsos (folder province=.. "
        "berisi berkas .parquet); atau nama berkas berakhiran .csv",
    "a list of counts": "daftar angka",
    "region, month (YYYY-MM), measure, count, note {id, en}, reference {title {id, en}, url} "
    "and last_verified": "region, month (YYYY-MM), measure, count, note {id, en}, reference "
    "{title {id, en}, url} dan last_verified",
    # the national table of regions, its import and --regions
    "INSERT rows like ('35.77','Kota Madiun')": "baris INSERT seperti ('35.77','Kota Madiun')",
    "a header row with kode/code and nama/name columns":
        "baris judul dengan kolom kode/code dan nama/name",
    "a readable .sql file": "berkas .sql yang dapat dibaca",
    "rows with codes like 35.77 and their names": "baris berkode seperti 35.77 beserta namanya",
    "a Kemendagri kabupaten/kota code like 35.77": "kode kabupaten/kota Kemendagri seperti 35.77",
    "kabupaten or kota": "kabupaten atau kota",
    "a name of 1 to 100 characters": "nama sepanjang 1 sampai 100 karakter",
    "a name starting with Kabupaten or Kota": "nama yang diawali Kabupaten atau Kota",
    "whole numbers": "bilangan bulat",
    "a code listed once (it is listed twice)": "kode yang tercantum sekali (tercantum dua kali)",
    "a Kemendagri code: 35, 35.77, 35.77.01 or 35.77.01.1001":
        "kode Kemendagri: 35, 35.77, 35.77.01 atau 35.77.01.1001",
    "province figures: informal_share, employed and national_bpu":
        "angka provinsi: informal_share, employed dan national_bpu",
    "a list of branches": "daftar kantor cabang",
    "one or more region codes or slugs, a province, a branch or all, comma-separated":
        "satu atau lebih kode atau slug daerah, provinsi, kantor cabang atau all, dipisah koma",
    "slug, name and a list of regions": "slug, nama dan daftar daerah",
    "a kabupaten/kota code of the national table": "kode kabupaten/kota dari tabel nasional",
}

VALUES: dict[str, str] = {  # what the code says it found, in parentheses
    "(a folder)": "(sebuah folder)", "(a named pipe)": "(sebuah named pipe)",
    "(a socket)": "(sebuah soket)", "(a device)": "(sebuah perangkat)",
    "(not a regular file)": "(bukan berkas biasa)", "(no such file)": "(berkas tidak ada)",
    "(an empty file)": "(berkas kosong)", "(no filled cell)": "(tidak ada sel terisi)",
    "(none)": "(tidak ada)", "(missing)": "(tidak ada)", "(no rows)": "(tidak ada baris)",
    "(no points)": "(tidak ada angka)", "(no suffix)": "(tanpa akhiran)",
    "(the same list again)": "(daftar yang sama lagi)", "(binary content)": "(isi biner)",
    "(a quoted cell never closed)": "(sel berkutip yang tidak pernah ditutup)",
    "(a password-protected workbook)": "(buku kerja berkata sandi)",
    "(an HTML page saved with an .xlsx name, as some systems export)":
        "(halaman HTML yang disimpan dengan nama .xlsx, seperti ekspor sebagian sistem)",
    "(no NIK column in the first 20 rows)": "(tidak ada kolom NIK di 20 baris pertama)",
    "(no nik or nik_hmac column in the first 20 rows)":
        "(tidak ada kolom nik atau nik_hmac di 20 baris pertama)",
    "(no scenario files)": "(tidak ada berkas skenario)",
    "(an empty document)": "(dokumen kosong)", "(nested too deeply)": "(bersarang terlalu dalam)",
    "(more than one row)": "(lebih dari satu baris)", "(not set)": "(belum diisi)",
    "(empty)": "(kosong)", "(this import)": "(impor ini)", "(hashed list)": "(daftar ter-hash)",
    "(no cell tagged 'parameters')": "(tidak ada sel bertanda 'parameters')",
    "a folder with files in it": "folder yang berisi berkas", "a file": "sebuah berkas",
}

OS_ERRORS: dict[str, str] = {  # strerror, which the C library writes in English
    "No such file or directory": "berkas atau folder tidak ada",
    "Permission denied": "izin ditolak",
    "Too many levels of symbolic links": "terlalu banyak tingkat tautan simbolik",
    "Is a directory": "berupa folder", "Not a directory": "bukan folder",
    "File name too long": "nama berkas terlalu panjang",
    "No space left on device": "ruang penyimpanan habis",
    "Read-only file system": "sistem berkas hanya-baca",
    "Disk quota exceeded": "kuota disk terlampaui",
    "Operation not permitted": "operasi tidak diizinkan",
    "Directory not empty": "folder tidak kosong", "File exists": "berkas sudah ada",
}
