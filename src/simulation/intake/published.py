"""Published counts: dated data points, each with its source (``data/published/points.yaml``).

They are not a monthly series: a point is what one source printed on one date (a year, a
month or a day), for one region or several together, of one measure. Loading is strict: a
point without a source, of an unknown region or measure, or with an impossible date is
refused, naming the file, the point and the key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ValidationError

from ..errors import InputError, Problem
from ..params import ParamSet
from ..params.reader import pydantic_problems, read_spec
from ..params.schema import LabelSpec, ReferenceSpec, StrictModel

MEASURES = {
    "active_bpu": "all active BPU participants of the regions, whoever pays",
    "scheme_bpu": "BPU members the schemes pay for (all of the regions', or those named)",
    "scheme_pu": "wage-earner members the schemes pay for (all, or those named)",
    "scheme_all": "all members of the schemes, BPU and wage earners (all, or those named)",
    "informal_workers": "informal workers, the pool BPU members come from",
    "all_members": "BPJS Ketenagakerjaan members of every segment (not modelled: context)",
    "group_members": "members of one named group no scheme of the model pays for (context)",
}
SCHEME_MEASURES = ("scheme_bpu", "scheme_pu", "scheme_all")
COLUMNS = ["id", "date", "month", "precision", "regions", "measure", "value", "approximate",
           "schemes", "source_id", "source_en", "confidence", "used_for", "note"]


class PublishedSpec(StrictModel):
    """What every published figure carries: its value and where and how sure it is."""

    id: str
    value: int
    approximate: bool = False
    source: ReferenceSpec
    kind: Literal["published"]
    confidence: Literal["high", "medium", "low"]
    last_verified: dt.date


class PointSpec(PublishedSpec):
    date: str
    regions: list[str]
    measure: Literal[tuple(MEASURES)]  # type: ignore[valid-type]
    schemes: list[str] = []  # a scheme measure counting only these schemes (params/schemes/)
    used_for: str | None = None  # what a parameter took from it; None: only checked
    note: str | None = None


class PointsFileSpec(BaseModel):
    points: list[dict]


@dataclass(frozen=True)
class When:
    month: int  # the month index the point is drawn at
    precision: str  # "day", "month" or "year" (a year is drawn at its July)


def parse_date(text: str, source: str, key: str) -> When:
    """'2016' (drawn at July), '2019-05' or '2019-08-22'."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(text).strip())
    if match:
        year = int(match.group(1))
        month = int(match.group(2) or 7)
        try:
            dt.date(year, month, int(match.group(3) or 1))
            if 2000 <= year <= 2100:
                precision = "day" if match.group(3) else "month" if match.group(2) else "year"
                return When(year * 12 + month - 1, precision)
        except ValueError:
            pass
    raise InputError(Problem(source, key, text, "a date written YYYY, YYYY-MM or YYYY-MM-DD"))


def _document(path: Path, model: type[BaseModel]) -> BaseModel | None:
    """A file read strictly against its model; None when there is no file."""
    if not path.is_file():
        return None
    problems: list[Problem] = []
    document = read_spec(path, model, problems)
    if document is None:
        raise InputError(problems)
    return document


def _sources(reference: ReferenceSpec) -> dict[str, str]:
    """The source in both languages: columns ``source_id`` and ``source_en``."""
    url = f" ({reference.url})" if reference.url else ""
    title = reference.title
    return {f"source_{lang}": (title if isinstance(title, str) else getattr(title, lang)) + url
            for lang in ("id", "en")}


def load_points(path: str | Path, params: ParamSet) -> pd.DataFrame:
    """The published points as a tidy table (one row a point); an InputError lists every
    problem. A missing file is an empty table."""
    path = Path(path)
    document = _document(path, PointsFileSpec)
    if document is None:
        return pd.DataFrame(columns=COLUMNS)
    problems: list[Problem] = []
    rows, seen = [], set()
    for index, raw in enumerate(document.points):
        before = len(problems)
        spec = _point(raw, path, index, problems)
        if spec is None:
            continue
        key = f"points.{index}"
        if spec.id in seen:
            problems.append(Problem(str(path), f"{key}.id", spec.id, "an id not used before"))
        seen.add(spec.id)
        codes = []
        for region in spec.regions:
            code = params.region_index.get(region)
            if code is None:
                problems.append(Problem(str(path), f"{key}.regions", region,
                                        "a known region slug or code"))
            codes.append(code)
        if spec.value < 0:
            problems.append(Problem(str(path), f"{key}.value", spec.value, "a count of 0 or more"))
        problems.extend(_scheme_problems(spec, codes, params, str(path), key))
        if not all(text.strip() for text in _sources(spec.source).values()):
            problems.append(Problem(str(path), f"{key}.source.title", spec.source.title,
                                    "the title of the source that published the figure"))
        try:
            when = parse_date(spec.date, str(path), f"{key}.date")
        except InputError as error:
            problems.extend(error.problems)
            continue
        if len(problems) > before:
            continue
        rows.append({"id": spec.id, "date": spec.date, "month": when.month,
                     "precision": when.precision, "regions": tuple(codes),
                     "measure": spec.measure, "value": spec.value,
                     "approximate": spec.approximate, "schemes": tuple(spec.schemes),
                     **_sources(spec.source),
                     "confidence": spec.confidence, "used_for": spec.used_for,
                     "note": spec.note})
    if problems:
        raise InputError(problems)
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("month", ignore_index=True)


def _scheme_problems(spec: PointSpec, codes: list[str | None], params: ParamSet, source: str,
                     key: str) -> list[Problem]:
    """A point naming schemes counts a scheme measure, of schemes known in its regions whose
    group the measure counts."""
    if not spec.schemes:
        return []
    if spec.measure not in SCHEME_MEASURES:
        return [Problem(source, f"{key}.schemes", spec.schemes,
                        f"no schemes for the measure {spec.measure} (only for "
                        f"{', '.join(SCHEME_MEASURES)})")]
    known = {s.name: s for s in params.schemes}
    groups = {"scheme_bpu": ("bpu",), "scheme_pu": ("pu",), "scheme_all": ("bpu", "pu")}
    problems = []
    for name in spec.schemes:
        scheme = known.get(name)
        if scheme is None or scheme.region_code not in codes:
            mine = sorted(s.name for s in params.schemes if s.region_code in codes)
            problems.append(Problem(source, f"{key}.schemes", name,
                                    "a scheme of the point's regions in params/schemes/ ("
                                    + (", ".join(mine) or "none there") + ")"))
        elif scheme.group not in groups[spec.measure]:
            problems.append(Problem(source, f"{key}.schemes", name,
                                    f"a scheme of the group {spec.measure} counts "
                                    f"({name} pays for {scheme.group.upper()} members)"))
    return problems


def _point(raw: object, path: Path, index: int, problems: list[Problem]) -> PointSpec | None:
    if isinstance(raw, dict) and "source" not in raw:
        problems.append(Problem(str(path), f"points.{index}.source", "(missing)",
                                "the source that published this figure (a point without "
                                "one is refused)"))
        return None
    try:
        return PointSpec.model_validate(raw)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, str(path), f"points.{index}", PointSpec))
        return None


CLAIM_MEASURES = ("death_claims", "claims_paid_rp", "contributions_rp")
CLAIM_COLUMNS = ["id", "region", "period_id", "period_en", "measure", "value", "approximate",
                 "source_id", "source_en", "confidence"]


class ClaimSpec(PublishedSpec):
    region: str
    period: LabelSpec  # the period in id and en
    measure: Literal[CLAIM_MEASURES]  # type: ignore[valid-type]


class ClaimsFileSpec(BaseModel):
    claims: list[ClaimSpec]


def load_claims(path: str | Path, params: ParamSet) -> pd.DataFrame:
    """Published claims and contributions of a scheme (one row each); strict like points."""
    path = Path(path)
    document = _document(path, ClaimsFileSpec)
    if document is None:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    problems: list[Problem] = []
    rows = []
    for index, spec in enumerate(document.claims):
        code = params.region_index.get(spec.region)
        if code is None:
            problems.append(Problem(str(path), f"claims.{index}.region", spec.region,
                                    "a known region slug or code"))
            continue
        rows.append({"id": spec.id, "region": code, "period_id": spec.period.id,
                     "period_en": spec.period.en, "measure": spec.measure, "value": spec.value,
                     "approximate": spec.approximate, **_sources(spec.source),
                     "confidence": spec.confidence})
    if problems:
        raise InputError(problems)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)
