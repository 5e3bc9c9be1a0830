"""Verification and validation of the lurah's lists of informal workers (daftar awal).

Lists arrive as CSV or XLSX, the way kelurahan offices send them: header names that vary,
a byte-order mark, ``;`` separators, blank rows, merged title rows above the header, NIKs
mangled by a spreadsheet. Each rule has a reason code; a rejected row is referred to by file
and row number only. NIK, names and addresses never leave this module except into the
private follow-up file (see :func:`write_outputs`).
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError, Problem
from .months import format_month, month_of_year, parse_month, year_of
from .params import Kelurahan
from .tables import normalise_header, read_delimited

FIELDS = ("nik", "name", "kelurahan", "address", "job", "birth_date")
REQUIRED = ("nik", "name", "kelurahan")
HEADER_ALIASES = {
    "nik": {"nik", "nonik", "nomornik", "noktp", "nomorktp", "niknoktp", "nikktp",
            "nomorindukkependudukan", "nonikktp"},
    "name": {"nama", "namalengkap", "namapekerja", "namapeserta", "namasesuaiktp"},
    "kelurahan": {"kelurahan", "kel", "desakelurahan", "kelurahandesa", "namakelurahan"},
    "address": {"alamat", "alamatlengkap", "alamatdomisili", "alamatrumah"},
    "job": {"jenispekerjaan", "pekerjaan", "jenisusaha", "profesi"},
    "birth_date": {"tgllahir", "tanggallahir", "tgllhr", "tanggallhr"},
}
REASONS = {
    "missing_field": "a required field (NIK, name, kelurahan) is empty",
    "nik_scientific": "NIK written in scientific notation (e.g. 3.57701E+15) by a spreadsheet: "
                      "digits are lost and cannot be repaired",
    "nik_spreadsheet_number": "NIK stored as a number in the spreadsheet, which keeps only 15 "
                              "digits: it cannot be trusted",
    "nik_not_16_digits": "NIK is not exactly 16 digits (lost leading digits, typo)",
    "nik_bad_birth_date": "the birth date inside the NIK is impossible",
    "birth_date_mismatch": "the birth-date column disagrees with the NIK",
    "age_out_of_range": "age at the listing month outside the scheme's bounds",
    "unknown_kelurahan": "kelurahan not in the official list",
    "duplicate_in_list": "the same NIK appears earlier in the same list",
    "duplicate_across_lists": "the same NIK appears in another list",
}
ALREADY_COVERED = "already_covered"
SMALL = 5  # counts below this (and above 0) are suppressed in anything published
SYNTHETIC_LABEL = "SINTETIS (contoh buatan / synthetic sample)"
HEADER_SCAN_ROWS = 20


def normalise_place(text: object) -> str:
    """'Oro-Oro Ombo', 'oro oro ombo', 'Kel. Oro-oro Ombo.' → 'oro oro ombo'."""
    value = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    value = re.sub(r"[^a-z0-9]+", " ", value).strip()
    return re.sub(r"^(kelurahan|kel|desa|ds)\s+", "", value)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ListFile:
    """One list as read: canonical columns, the row number in the file, and flags."""

    source: str
    rows: pd.DataFrame  # columns: FIELDS present + "row" (1-based line/row in the file)
    numeric_nik: np.ndarray  # True where a spreadsheet stored the NIK as a number
    synthetic: bool = False  # the file says its rows are generated (a SINTETIS column)


def _mapping(headers: list[object], overrides: dict[str, str]) -> dict[int, str]:
    wanted = {normalise_header(v): k for k, v in overrides.items()}
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        if key in wanted:
            found[index] = wanted[key]
            continue
        for field_name, aliases in HEADER_ALIASES.items():
            if field_name in overrides:
                continue
            if key in aliases and field_name not in found.values():
                found[index] = field_name
    return found


def _find_header(table: list[list[object]], overrides: dict[str, str], source: str
                 ) -> tuple[int, dict[int, str]]:
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        mapping = _mapping(row, overrides)
        if "nik" in mapping.values() and len(mapping) >= 2:
            return index, mapping
    expected = ", ".join(sorted(HEADER_ALIASES["nik"]))
    raise InputError(Problem(source, "header", "(no NIK column in the first "
                             f"{HEADER_SCAN_ROWS} rows)",
                             f"a header row with a NIK column (one of: {expected}), or "
                             "--column nik=HEADER"))


def _read_xlsx_rows(path: Path) -> tuple[list[list[object]], list[list[bool]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    values, numeric = [], []
    for row in sheet.iter_rows():
        values.append([cell.value for cell in row])
        numeric.append([isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                        for cell in row])
    book.close()
    return values, numeric


def read_list(path: str | Path, overrides: dict[str, str] | None = None) -> ListFile:
    """Read one CSV/XLSX list into canonical columns; never converts the NIK to a number."""
    path = Path(path)
    source = path.name
    if not path.is_file():
        raise InputError(Problem(str(path), "", str(path), "an existing CSV or XLSX file"))
    overrides = overrides or {}
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table, numeric_cells = _read_xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        table = read_delimited(path, HEADER_SCAN_ROWS + 5)
        numeric_cells = [[False] * len(r) for r in table]
    else:
        raise InputError(Problem(str(path), "", suffix, "a .csv or .xlsx file"))
    header_index, mapping = _find_header(table, overrides, source)
    synthetic = any(normalise_header(h) == "sintetis" for h in table[header_index])
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        raise InputError([Problem(source, "header", f"(no {f} column)",
                                  f"a {f} column (e.g. {sorted(HEADER_ALIASES[f])[0]}) or "
                                  f"--column {f}=HEADER") for f in missing])
    records, numeric_flags = [], []
    nik_column = next(i for i, f in mapping.items() if f == "nik")
    for offset, row in enumerate(table[header_index + 1:], start=header_index + 2):
        if not any(str(v).strip() for v in row if v is not None):
            continue  # a blank row
        record = {"row": offset}
        for index, field_name in mapping.items():
            value = row[index] if index < len(row) else None
            record[field_name] = _cell_text(value)
        records.append(record)
        flags = numeric_cells[offset - 1] if offset - 1 < len(numeric_cells) else []
        numeric_flags.append(bool(flags[nik_column]) if nik_column < len(flags) else False)
    frame = pd.DataFrame(records, columns=["row", *[f for f in FIELDS if f in
                                                    mapping.values()]])
    for field_name in FIELDS:
        if field_name not in frame:
            frame[field_name] = ""
    return ListFile(source, frame.fillna(""), np.array(numeric_flags, dtype=bool), synthetic)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rules:
    listing_month: int
    min_age: int
    max_age: int
    region_code: str  # e.g. "35.77"
    kelurahan: tuple[Kelurahan, ...]


def _birth_from_nik(nik: pd.Series, listing_month: int) -> tuple[pd.Series, pd.Series,
                                                                  pd.Series]:
    """(birth date, valid, age in whole years) from the NIK's DDMMYY (women: day + 40)."""
    day = pd.to_numeric(nik.str[6:8], errors="coerce")
    month = pd.to_numeric(nik.str[8:10], errors="coerce")
    yy = pd.to_numeric(nik.str[10:12], errors="coerce")
    day = day.where(day <= 40, day - 40)
    listing_year = year_of(listing_month)
    century = np.where(yy > listing_year % 100, 1900, 2000)
    year = yy + century
    births = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}),
                            errors="coerce")
    valid = births.notna()
    listing_date = pd.Timestamp(listing_year, month_of_year(listing_month), 1)
    age = (listing_date.year - births.dt.year
           - ((births.dt.month > listing_date.month)
              | ((births.dt.month == listing_date.month) & (births.dt.day > 1))).astype(float))
    return births, valid, age


def verify(lists: list[ListFile], rules: Rules, active_niks: set[str] | None = None,
           active_hmacs: set[str] | None = None, hmac_key: bytes | None = None
           ) -> pd.DataFrame:
    """One row per listed worker: file, row, kelurahan code and name, status, reasons.

    ``status`` is 'verified', 'already_covered' or 'rejected'; ``reasons`` lists every rule
    a rejected row breaks (';'-separated). The NIK is kept in a column ``nik`` for the
    private follow-up file only."""
    frames = []
    for item in lists:
        frame = item.rows.copy()
        frame.insert(0, "file", item.source)
        frame["numeric_nik"] = item.numeric_nik if len(item.numeric_nik) else False
        frames.append(frame)
    if not frames:
        raise InputError(Problem("FILE", "", "(none)", "at least one list file"))
    rows = pd.concat(frames, ignore_index=True)
    nik = rows["nik"].astype(str).str.strip().str.replace(r"[\s.\-']", "", regex=True)
    raw_nik = rows["nik"].astype(str).str.strip()
    reasons = pd.DataFrame(False, index=rows.index, columns=list(REASONS))

    for name in REQUIRED:
        reasons["missing_field"] |= rows[name].astype(str).str.strip() == ""
    scientific = raw_nik.str.contains(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$", regex=True)
    reasons["nik_scientific"] = scientific
    reasons["nik_spreadsheet_number"] = rows["numeric_nik"].astype(bool) & ~scientific
    sixteen = nik.str.fullmatch(r"\d{16}")
    reasons["nik_not_16_digits"] = ~sixteen & ~scientific & (raw_nik != "")
    births, valid_birth, age = _birth_from_nik(nik.where(sixteen, "0" * 16),
                                               rules.listing_month)
    reasons["nik_bad_birth_date"] = sixteen & ~valid_birth
    stated = pd.to_datetime(rows["birth_date"].where(rows["birth_date"] != ""), errors="coerce",
                            dayfirst=True, format="mixed")
    reasons["birth_date_mismatch"] = (sixteen & valid_birth & stated.notna()
                                      & (stated.dt.normalize() != births.dt.normalize()))
    reasons["age_out_of_range"] = (sixteen & valid_birth
                                   & ((age < rules.min_age) | (age > rules.max_age)))

    codes, names = match_kelurahan(rows["kelurahan"], rules.kelurahan)
    reasons["unknown_kelurahan"] = (codes == "") & (rows["kelurahan"].astype(str).str.strip()
                                                    != "")

    usable = sixteen
    first_in_file = ~(usable & rows.assign(_n=nik).duplicated(["file", "_n"], keep="first"))
    reasons["duplicate_in_list"] = usable & ~first_in_file
    across = usable & first_in_file & nik.where(usable & first_in_file).duplicated(keep="first")
    reasons["duplicate_across_lists"] = across

    rejected = reasons.any(axis=1)
    covered = pd.Series(False, index=rows.index)
    if active_niks:
        covered |= nik.isin(active_niks)
    if active_hmacs:
        if hmac_key is None:
            raise InputError(Problem("--active-list", "nik_hmac", "(hashed list)",
                                     "the HMAC key in the environment variable named by "
                                     "--hmac-key-env"))
        covered |= nik.map(lambda n: nik_hmac(n, hmac_key)).isin(active_hmacs)
    covered &= ~rejected
    status = np.where(rejected, "rejected", np.where(covered, ALREADY_COVERED, "verified"))
    reason_text = _reason_text(reasons)
    return pd.DataFrame({
        "file": rows["file"], "row": rows["row"], "kelurahan_code": codes,
        "kelurahan_listed": rows["kelurahan"], "kelurahan": names, "status": status,
        "reasons": reason_text, "nik_region_outside": sixteen & ~nik.str.startswith(
            rules.region_code.replace(".", "")),
        "nik": nik,
    })


def _reason_text(reasons: pd.DataFrame) -> pd.Series:
    text = pd.Series("", index=reasons.index)
    for name in reasons.columns:
        flag = reasons[name]
        text = text.where(~flag, text + np.where(text == "", "", ";") + name)
    return text


def match_kelurahan(listed: pd.Series, official: tuple[Kelurahan, ...]
                    ) -> tuple[pd.Series, pd.Series]:
    """Official code and name per row; '' where nothing matches closely enough."""
    by_name = {normalise_place(k.name): k for k in official}
    cache: dict[str, Kelurahan | None] = {}

    def find(text: str) -> Kelurahan | None:
        key = normalise_place(text)
        if key not in cache:
            match = by_name.get(key) or by_name.get(key.replace(" ", ""))
            if match is None:
                squeezed = {n.replace(" ", ""): k for n, k in by_name.items()}
                match = squeezed.get(key.replace(" ", ""))
            if match is None and key:
                close = difflib.get_close_matches(key, list(by_name), n=2, cutoff=0.88)
                if len(close) == 1:
                    match = by_name[close[0]]
            cache[key] = match
        return cache[key]

    found = listed.astype(str).map(find)
    return (found.map(lambda k: k.code if k else ""), found.map(lambda k: k.name if k else ""))


def nik_hmac(nik: str, key: bytes) -> str:
    """HMAC-SHA256 of a NIK, hex: how the branch shares its participant list without NIKs."""
    return hmac.new(key, nik.encode(), hashlib.sha256).hexdigest()


def read_active_list(path: str | Path) -> tuple[set[str], set[str]]:
    """Plain NIKs (column nik) and/or salted hashes (column nik_hmac) of active participants."""
    item = Path(path)
    frame = (pd.read_excel(item, dtype=str) if item.suffix.lower() in (".xlsx", ".xlsm")
             else pd.read_csv(item, dtype=str, sep=None, engine="python",
                              encoding="utf-8-sig"))
    columns = {normalise_header(c): c for c in frame.columns}
    plain = (set(frame[columns["nik"]].dropna().str.strip()) if "nik" in columns else set())
    hashed = (set(frame[columns["nikhmac"]].dropna().str.strip().str.lower())
              if "nikhmac" in columns else set())
    if not plain and not hashed:
        raise InputError(Problem(item.name, "header", list(frame.columns)[:5],
                                 "a column nik or nik_hmac"))
    return plain, hashed


# ---------------------------------------------------------------- aggregates and outputs


def reason_flags(result: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per reason code (all codes, in order)."""
    flags = result.reasons.str.get_dummies(sep=";").astype(bool)
    return flags.reindex(columns=list(REASONS), fill_value=False)


def aggregates(result: pd.DataFrame, official: tuple[Kelurahan, ...]) -> pd.DataFrame:
    """Counts per kelurahan (with kecamatan): listed, verified, already covered, rejected by
    reason; rows whose kelurahan matched nothing form one row 'tidak dikenal'."""
    unknown = "(tidak dikenal / unknown)"
    counts = pd.DataFrame({
        "code": result.kelurahan_code, "listed": 1,
        "verified": result.status == "verified",
        ALREADY_COVERED: result.status == ALREADY_COVERED,
        "rejected": result.status == "rejected",
        **{f"rejected_{r}": flag for r, flag in reason_flags(result).items()},
        "nik_region_outside": result.nik_region_outside,
    }).groupby("code").sum().astype(int)
    places = pd.DataFrame([{"kecamatan": k.kecamatan_name, "kelurahan": k.name, "code": k.code}
                           for k in official] + [{"kecamatan": unknown, "kelurahan": unknown,
                                                  "code": ""}])
    table = places.join(counts, on="code").fillna(0)
    numbers = [c for c in table.columns if c not in ("kecamatan", "kelurahan", "code")]
    table[numbers] = table[numbers].astype(int)
    return table[(table.code != "") | (table.listed > 0)].reset_index(drop=True)


def suppress(table: pd.DataFrame) -> pd.DataFrame:
    """Counts from 1 to 4 become '<5' (published tables never show small counts)."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_integer_dtype(out[column]):
            values = out[column]
            out[column] = values.astype(str).where(~values.between(1, SMALL - 1), f"<{SMALL}")
    return out


@dataclass
class VerificationOutputs:
    published: list[Path] = field(default_factory=list)
    private: list[Path] = field(default_factory=list)
    totals: dict = field(default_factory=dict)


def totals(result: pd.DataFrame) -> dict:
    reasons = {r: int(flag.sum()) for r, flag in reason_flags(result).items()}
    listed = len(result)
    verified = int((result.status == "verified").sum())
    return {"listed": listed, "verified": verified,
            "already_covered": int((result.status == ALREADY_COVERED).sum()),
            "rejected": int((result.status == "rejected").sum()),
            "rejected_by_reason": reasons,
            "nik_region_outside": int(result.nik_region_outside.sum()),
            "pass_rate": round(verified / listed, 4) if listed else None}


def write_outputs(result: pd.DataFrame, official: tuple[Kelurahan, ...], month: int,
                  region_slug: str, out_dir: Path, private_dir: Path,
                  synthetic: bool = False) -> VerificationOutputs:
    """Published aggregates (small counts suppressed) and the private follow-up file.

    ``synthetic``: the inputs were generated samples; every published row says so."""
    stem = f"pendataan-{region_slug}-{format_month(month)}"
    out_dir.mkdir(parents=True, exist_ok=True)
    private_dir.mkdir(parents=True, exist_ok=True)
    outputs = VerificationOutputs(totals=totals(result))
    table = aggregates(result, official)
    table["data"] = SYNTHETIC_LABEL if synthetic else "pendataan"
    kelurahan_csv = out_dir / f"{stem}-kelurahan.csv"
    suppress(table).to_csv(kelurahan_csv, index=False)
    kecamatan = table.drop(columns=["kelurahan", "code", "data"]).groupby("kecamatan",
                                                                          sort=True).sum()
    kecamatan["data"] = table["data"].iloc[0]
    kecamatan_csv = out_dir / f"{stem}-kecamatan.csv"
    suppress(kecamatan.reset_index()).to_csv(kecamatan_csv, index=False)
    outputs.published += [kelurahan_csv, kecamatan_csv]
    follow_up = result[result.status != "verified"][
        ["file", "row", "kelurahan_listed", "kelurahan", "status", "reasons", "nik"]]
    private_csv = private_dir / f"{stem}-tindak-lanjut.csv"
    follow_up.to_csv(private_csv, index=False)
    outputs.private.append(private_csv)
    return outputs


def scenario_yaml(total: dict, region, month: int, files: list[str]) -> str:
    """A scenario overlay taking listing size and pass rate from this verification."""
    name = "bantuan-iuran-pendataan"
    listed = total["listed"] - total["already_covered"]
    rate = total["verified"] / listed if listed else 0.0
    month_text = format_month(month)
    return (
        f"# Written by jamsos verify from {len(files)} list(s); counts only, no personal data.\n"
        f"name: {name}\n"
        f"title: {{id: \"Bantuan iuran, hasil pendataan {month_text}\", "
        f"en: \"Subsidy, listing of {month_text}\"}}\n"
        f"description: >-\n  bantuan-iuran with the listing size and verification pass rate "
        f"of {region.name}'s lists checked on {month_text} ({', '.join(files[:3])}"
        f"{', ...' if len(files) > 3 else ''}).\n"
        f"owner: jamsos verify (check and take ownership)\n"
        f"builds_on: [bantuan-iuran]\n"
        f"changes:\n"
        f"  subsidy_listed_per_month:\n"
        f"    reason: \"{listed} workers listed (not already covered) in {month_text}\"\n"
        f"    values:\n      {month_text}: {{{region.slug}: {listed}}}\n"
        f"  verification_pass_rate:\n"
        f"    reason: \"{total['verified']} of {listed} passed verification\"\n"
        f"    values:\n      {month_text}: {{{region.slug}: {rate:.4f}}}\n")


def latest_aggregates(folder: str | Path, region_slug: str, month: int) -> pd.DataFrame | None:
    """The newest published kelurahan table for a region at or before ``month``."""
    found = []
    for path in Path(folder).glob(f"pendataan-{region_slug}-*-kelurahan.csv"):
        match = re.search(r"-(\d{4}-\d{2})-kelurahan\.csv$", path.name)
        if match:
            listing = parse_month(match.group(1))
            if listing <= month:
                found.append((listing, path))
    if not found:
        return None
    listing, path = max(found)
    table = pd.read_csv(path, dtype=str)
    table.attrs["listing_month"] = listing
    table.attrs["source"] = path.name
    return table
