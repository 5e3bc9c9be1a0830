"""What a verification publishes (counts per kecamatan and kelurahan with a row of totals,
small counts suppressed so that subtraction cannot undo it) and the private follow-up file,
plus a scenario sized by the listing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .. import defaults
from ..errors import InputError, Problem
from ..files import csv_writer, write_together
from ..months import format_month, parse_month
from ..params import Kelurahan
from .private import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE
from .suppression import TOTAL_LABEL, complementary_suppression, published
from .verification import ALREADY_COVERED, reason_flags

SYNTHETIC_LABEL = "SINTETIS (contoh buatan / synthetic sample)"


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


def with_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Kelurahan rows (``row_kind`` 'detail'), one row per kecamatan ('group') and the grand
    total ('total'): every sum that a published file shows or implies."""
    numbers = [c for c in table.columns if c not in ("kecamatan", "kelurahan", "code", "data")]
    detail = table.assign(row_kind="detail")
    groups = table.groupby("kecamatan", sort=True)[numbers].sum().reset_index()
    groups = groups.assign(kelurahan="", code="", row_kind="group")
    total = pd.DataFrame([{**groups[numbers].sum().to_dict(), "kecamatan": TOTAL_LABEL,
                           "kelurahan": "", "code": "", "row_kind": "total"}])
    frame = pd.concat([detail, groups, total], ignore_index=True)
    frame["data"] = table["data"].iloc[0] if "data" in table and len(table) else ""
    return frame


@dataclass
class VerificationOutputs:
    published: list[Path] = field(default_factory=list)
    private: list[Path] = field(default_factory=list)


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
                  synthetic: bool = False, replace: bool = False,
                  also: tuple[tuple[Path, Callable[[str], object]], ...] = ()
                  ) -> VerificationOutputs:
    """Published aggregates (small counts suppressed) and the private follow-up file (mode
    0600), plus ``also`` (e.g. a scenario file), all written or none.

    ``synthetic``: the inputs were generated samples; every published row says so. Earlier
    results of the same region and month are kept unless ``replace``."""
    stem = f"pendataan-{region_slug}-{format_month(month)}"
    outputs = VerificationOutputs()
    kelurahan_csv = out_dir / f"{stem}-kelurahan.csv"
    kecamatan_csv = out_dir / f"{stem}-kecamatan.csv"
    private_csv = private_dir / f"{stem}-tindak-lanjut.csv"
    targets = [kelurahan_csv, kecamatan_csv, private_csv, *(path for path, _ in also)]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not replace:
        raise InputError(Problem(existing[0], "", f"{len(existing)} earlier output(s) of "
                                 f"{region_slug} {format_month(month)}",
                                 "a region and month not yet verified; add --replace to "
                                 "write over the earlier results"))
    table = aggregates(result, official)
    table["data"] = SYNTHETIC_LABEL if synthetic else "pendataan"
    frame = with_totals(table)
    counts = [c for c in table.columns if c not in ("kecamatan", "kelurahan", "code", "data")]
    shown = published(frame, complementary_suppression(frame, "kecamatan", counts))
    follow_up = result[result.status != "verified"][
        ["file", "row", "kelurahan_listed", "kelurahan", "status", "reasons", "nik"]]
    out_dir.mkdir(parents=True, exist_ok=True)
    private_dir.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    write_together([
        (kelurahan_csv, csv_writer(shown[shown.row_kind != "group"].drop(columns="row_kind")),
         None),
        (kecamatan_csv, csv_writer(shown[shown.row_kind != "detail"].drop(
            columns=["row_kind", "kelurahan", "code"])), None),
        (private_csv, csv_writer(follow_up), PRIVATE_FILE_MODE),
        *((path, writer, None) for path, writer in also)])
    outputs.published += [kelurahan_csv, kecamatan_csv]
    outputs.private.append(private_csv)
    return outputs


def scenario_yaml(total: dict, region, month: int, list_count: int) -> str:
    """A scenario overlay taking listing size and pass rate from this verification, with its
    texts in both languages and no owner yet (reports say "belum ditetapkan"). The lists are
    counted, never named: a file name may hold a NIK or a name."""
    base = defaults.SUBSIDY_SCENARIO
    listed = total["listed"] - total["already_covered"]
    rate = total["verified"] / listed if listed else 0.0
    month_text = format_month(month)
    document = {
        "name": f"{base}-pendataan",
        "title": {"id": f"Bantuan iuran, hasil pendataan {month_text}",
                  "en": f"Subsidy, listing of {month_text}"},
        "description": {
            "id": f"{base} dengan jumlah pekerja didata dan tingkat lolos verifikasi dari "
                  f"{list_count} daftar {region.name} yang diperiksa {month_text}.",
            "en": f"{base} with the listing size and verification pass rate of "
                  f"{list_count} list(s) of {region.name} checked on {month_text}."},
        "builds_on": [base],
        "changes": {
            "subsidy_listed_per_month": {
                "reason": {"id": f"{listed} pekerja didata (belum terdaftar) pada {month_text}",
                           "en": f"{listed} workers listed (not already covered) in "
                                 f"{month_text}"},
                "values": {month_text: {region.slug: listed}}},
            "verification_pass_rate": {
                "reason": {"id": f"{total['verified']} dari {listed} lolos verifikasi",
                           "en": f"{total['verified']} of {listed} passed verification"},
                "values": {month_text: {region.slug: round(rate, 4)}}},
        },
    }
    header = (f"# Written by jamsos verify from {list_count} list(s); counts only, no personal "
              f"data.\n# Add 'owner: <who answers for it>' once someone takes it on.\n")
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


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
