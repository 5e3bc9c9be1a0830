"""Verification and validation of listed workers: one reason code per rule.

A rejected row is referred to by file and row number only; the NIK stays in a column that
only the private follow-up file receives (see :mod:`.aggregates`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..months import month_of_year, year_of
from ..params import Kelurahan, ParamSet, Region
from .actuals import MONTHS_ID
from .lists import REQUIRED, ListFile, nik_hmac

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
def normalise_place(text: object) -> str:
    """'Oro-Oro Ombo', 'oro oro ombo', 'Kel. Oro-oro Ombo.' → 'oro oro ombo'."""
    value = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    value = re.sub(r"[^a-z0-9]+", " ", value).strip()
    return re.sub(r"^(kelurahan|kel|desa|ds)\s+", "", value)


@dataclass(frozen=True)
class Rules:
    listing_month: int
    min_age: int
    max_age: int
    region_code: str  # e.g. "35.77"
    kelurahan: tuple[Kelurahan, ...]


def official_kelurahan(params: ParamSet, region: Region, source: str = "--region"
                       ) -> tuple[Kelurahan, ...]:
    """The official kelurahan of a region; bad input if the params list none for it."""
    official = params.kelurahan_of(region)
    if not official:
        listed = {k.region_code for k in params.kelurahan}
        slugs = ", ".join(r.slug for r in params.regions if r.code in listed)
        raise InputError(Problem(source, "", region.slug, "a region whose kelurahan are "
                                 f"listed in params/regions/kelurahan.yaml ({slugs})"))
    return official


def rules_for(params: ParamSet, region: Region, month: int, source: str = "--region") -> Rules:
    """The rules in force for a region's lists in a listing month (age bounds from params)."""
    official = official_kelurahan(params, region, source)
    return Rules(month, int(params.parameter("pendataan_min_age").central(region.code, month)),
                 int(params.parameter("pendataan_max_age").central(region.code, month)),
                 region.code, official)


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
    for number, item in enumerate(lists):
        frame = item.rows.copy()
        frame.insert(0, "file", item.name or item.source)  # the private file's column
        frame["_list"] = number  # two lists never share a number, whatever their names
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
    sixteen = nik.str.fullmatch(r"[0-9]{16}")  # ASCII digits: not full-width or Arabic-Indic
    reasons["nik_not_16_digits"] = ~sixteen & ~scientific & (raw_nik != "")
    births, valid_birth, age = _birth_from_nik(nik.where(sixteen, "0" * 16),
                                               rules.listing_month)
    reasons["nik_bad_birth_date"] = sixteen & ~valid_birth
    stated = pd.to_datetime(rows["birth_date"].map(_numeric_date).where(rows["birth_date"] != ""),
                            errors="coerce", dayfirst=True, format="mixed")
    reasons["birth_date_mismatch"] = (sixteen & valid_birth & stated.notna()
                                      & (stated.dt.normalize() != births.dt.normalize()))
    reasons["age_out_of_range"] = (sixteen & valid_birth
                                   & ((age < rules.min_age) | (age > rules.max_age)))

    codes, names = match_kelurahan(rows["kelurahan"], rules.kelurahan)
    reasons["unknown_kelurahan"] = (codes == "") & (rows["kelurahan"].astype(str).str.strip()
                                                    != "")

    usable = sixteen
    first_in_file = ~(usable & rows.assign(_n=nik).duplicated(["_list", "_n"], keep="first"))
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


def _numeric_date(text: object) -> str:
    """'5 Mei 1980', '05-Agt-1980' → '5-5-1980', '05-8-1980': Indonesian month names as
    numbers, so that the date is read day first like any other."""
    words = re.sub(r"[\s/.,-]+", "-", str(text).strip().lower()).split("-")
    return "-".join(str(MONTHS_ID.get(word, word)) for word in words)


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


def reason_flags(result: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per reason code (all codes, in order)."""
    flags = result.reasons.str.get_dummies(sep=";").astype(bool)
    return flags.reindex(columns=list(REASONS), fill_value=False)
