"""The shape of every YAML file in a params tree, as strict pydantic models.

Unknown keys, wrong types and missing keys are errors; :mod:`.reader` turns pydantic's
messages into :class:`~simulation.errors.Problem` objects with key paths.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator

from ..defaults import PACKAGES, PAYERS, SECTORS  # noqa: F401 - the schema's vocabulary

# unit -> (lowest allowed, highest allowed, must be a whole number, what it means)
UNITS: dict[str, tuple[float, float, bool, str]] = {
    "/1": (0.0, 1.0, False, "a share between 0 and 1"),
    "/month": (0.0, 1.0, False, "a monthly rate between 0 and 1"),
    "/year": (0.0, math.inf, False, "a yearly rate of at least 0"),
    "growth/year": (-1.0, math.inf, False, "a yearly growth rate above -1"),
    "rp": (0.0, math.inf, True, "a whole number of Rupiah, at least 0"),
    "rp/month": (0.0, math.inf, True, "a whole number of Rupiah a month, at least 0"),
    "rp/year": (0.0, math.inf, True, "a whole number of Rupiah a year, at least 0"),
    "person": (0.0, math.inf, True, "a whole number of people, at least 0"),
    "person/month": (0.0, math.inf, False, "a number of people a month, at least 0"),
    "month": (0.0, 120.0, True, "a whole number of months from 0 to 120"),
    "years": (0.0, 120.0, True, "a whole number of years from 0 to 120"),
    "multiple": (0.0, math.inf, False, "a multiple, at least 0"),
}
Kind = Literal["legal", "administrative", "statistic", "assumption"]
GROUPS = ("bpu", "pu")
Payer = Literal[PAYERS]  # type: ignore[valid-type]
LINE_STYLES = ("solid", "dashed", "dashdot", "dotted")
MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "<", ">", "h")


class StrictModel(BaseModel):
    """Forbids unknown keys and type coercion ("1" is not 1)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# markup, or characters that make a text read differently from what it is (bidirectional
# overrides, other controls); reports escape text anyway, but a params file holds no HTML
_NOT_PLAIN = re.compile(r"<\s*[a-zA-Z/!?]|[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
                        r"|[\x00-\x08\x0b-\x1f\x7f]")


def _plain_text(value: str) -> str:
    if _NOT_PLAIN.search(value):
        raise ValueError("plain text: no HTML tags (<...>), no bidirectional-override or "
                         "other control characters")
    return value


PlainText = Annotated[str, AfterValidator(_plain_text)]

# how long a text a reader sees may be: every page, slide and chart lays each one out, and a
# 100,000-character title made a briefing take minutes. The shipped params' longest are a
# 80-character title, a 239-character citation and a 674-character description.
MAX_SHORT_TEXT = 150  # titles, labels, names, owners
MAX_CITATION = 500  # reference titles and links
MAX_LONG_TEXT = 2_000  # descriptions, notes, reasons, sources
_TIERS = {MAX_SHORT_TEXT: "a title, label or name", MAX_CITATION: "a citation or link",
          MAX_LONG_TEXT: "a description, note or reason"}


def _at_most(limit: int) -> AfterValidator:
    def check(value: object) -> object:
        texts = [value] if isinstance(value, str) else [getattr(value, "id", ""),
                                                        getattr(value, "en", "")]
        longest = max(len(text) for text in texts)
        if longest > limit:
            raise ValueError(f"{_TIERS[limit]} of at most {limit:,} characters (this one has "
                             f"{longest:,})")
        return value
    return AfterValidator(check)


ShortText = Annotated[PlainText, _at_most(MAX_SHORT_TEXT)]
LongStr = Annotated[str, _at_most(MAX_LONG_TEXT)]


class LabelSpec(StrictModel):
    """A text a reader sees, in Bahasa Indonesia and English."""

    id: PlainText
    en: PlainText


# a reader-facing text: {id, en}, or one string where both languages read the same (a name,
# a citation such as "PP 44/2015, Lampiran II")
Wording = PlainText | LabelSpec


class ReferenceSpec(StrictModel):
    title: Annotated[Wording, _at_most(MAX_CITATION)]
    url: Annotated[str, _at_most(MAX_CITATION)] | None = None
    note: LongStr | None = None


class PlausibleSpec(StrictModel):
    min: float | None = None
    max: float | None = None


class ParameterSpec(StrictModel):
    description: LongStr
    label: Annotated[LabelSpec, _at_most(MAX_SHORT_TEXT)]
    unit: Literal[tuple(UNITS)]  # type: ignore[valid-type]
    kind: Kind
    reference: ReferenceSpec | list[ReferenceSpec]
    last_verified: dt.date
    confidence: Literal["high", "medium", "low"] | None = None
    plausible: PlausibleSpec | None = None
    null_means: ShortText | None = None
    note: LongStr | None = None
    # reliefs (relief_*) only: payers whose members the relief leaves out, and how many first
    # months a member who joins while it is in force pays in full
    excluded_payers: list[Payer] = []
    new_members_pay_full_months: int = 0
    sectors: list[Literal[SECTORS]] = []  # type: ignore[valid-type]  # empty: every sector
    values: dict[str, Any]


class RegionSpec(StrictModel):
    code: Annotated[str, _at_most(MAX_SHORT_TEXT)]
    slug: Annotated[str, _at_most(MAX_SHORT_TEXT)]  # its pattern: regions.slug_problem
    name: ShortText
    type: Literal["kota", "kabupaten"]
    kecamatan_count: int


class RegionFileSpec(StrictModel):
    reference: ReferenceSpec
    last_verified: dt.date
    regions: list[RegionSpec]


class KelurahanSpec(StrictModel):
    code: Annotated[str, _at_most(MAX_SHORT_TEXT)]
    name: ShortText
    kecamatan: ShortText


class KelurahanFileSpec(StrictModel):
    reference: ReferenceSpec
    last_verified: dt.date
    region: Annotated[str, _at_most(MAX_SHORT_TEXT)]
    kecamatan: dict[Annotated[str, _at_most(MAX_SHORT_TEXT)], ShortText]
    kelurahan: list[KelurahanSpec]


class ChangeSpec(StrictModel):
    reason: Annotated[LabelSpec, _at_most(MAX_LONG_TEXT)]
    values: dict[str, object]
    reference: ReferenceSpec | None = None


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #RRGGBB (0 black .. 1 white)."""
    channels = [int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


class DisplaySpec(StrictModel):
    """How charts draw a scenario, and whether the index and the deck feature it."""

    colour: str
    line: Literal[LINE_STYLES] | list[float] = "solid"  # type: ignore[valid-type]
    marker: Literal[MARKERS] = "o"  # type: ignore[valid-type]
    hatch: str = ""
    featured: bool = False

    @field_validator("colour")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise ValueError("a colour written #RRGGBB, e.g. #0072B2")
        contrast = 1.05 / (_luminance(value) + 0.05)
        if contrast < 2.0:
            raise ValueError(f"a colour dark enough to see on white paper and in grey print "
                             f"(contrast with white at least 2:1; this one has "
                             f"{contrast:.1f}:1), e.g. #0072B2")
        return value

    @field_validator("hatch")
    @classmethod
    def _hatch(cls, value: str) -> str:
        if not re.fullmatch(r"[/\\|\-+xoO.*]{0,4}", value):
            raise ValueError("up to four of the hatch marks / \\ | - + x o O . *")
        return value


class TermsSpec(StrictModel):
    """Who pays a BPU subsidy, and which package: JKK + JKM (Rp 16,800 a month at the
    lowest income) or JKK + JKM + JHT."""

    payer: Payer
    package: Literal["bpu_jkk_jkm", "bpu_jht"]


class TermsChangeSpec(StrictModel):
    reason: Annotated[LabelSpec, _at_most(MAX_LONG_TEXT)]
    values: dict[str, dict[str, TermsSpec]]


class ScenarioSpec(StrictModel):
    name: ShortText
    title: Annotated[LabelSpec, _at_most(MAX_SHORT_TEXT)]
    description: Annotated[LabelSpec, _at_most(MAX_LONG_TEXT)]
    owner: Annotated[Wording, _at_most(MAX_SHORT_TEXT)] | None = None  # None: not yet named
    builds_on: list[ShortText] = []
    without_schemes: bool = False  # the counterfactual: no scheme in params/schemes/ ran
    display: DisplaySpec | None = None
    changes: dict[str, ChangeSpec] = {}
    subsidy_terms: TermsChangeSpec | None = None  # payer and package from a month on


class CountRangeSpec(StrictModel):
    """An uncertain count or amount: our range around a central value."""

    low: int
    central: int
    high: int


class MonthRangeSpec(StrictModel):
    """An uncertain month, written YYYY-MM: our range around a central month."""

    low: str
    central: str
    high: str


class ShareRangeSpec(StrictModel):
    """An uncertain share: our range around a central value."""

    low: float
    central: float
    high: float


Count = int | CountRangeSpec
Month = str | MonthRangeSpec


class PeriodSpec(StrictModel):
    """Paid months within an APBD year, and how many members the scheme pays for then."""

    start: Month
    end: Month
    quota: Count


class SchemeYearSpec(StrictModel):
    """One APBD year of a scheme: places, money, the months it pays, listing, and where each
    number comes from."""

    quota: Count | None = None  # None only where periods give it
    budget_rp: Count | None  # None: no cap beyond the quota
    start: Month | None = None  # first paid month within the year (a P-APBD start)
    end: Month | None = None  # last paid month within the year (default December)
    periods: list[PeriodSpec] = []  # several paid periods, each with its own size
    listed: int = 0  # people put on the list for this year's start (BPU schemes)
    listed_per_month: Count = 0  # monthly listing updates after the start (BPU schemes)
    kind: Kind
    source: Annotated[Wording, _at_most(MAX_LONG_TEXT)]
    reason: LongStr | None = None  # why a budget below one month of the quota is right


class SchemeSpec(StrictModel):
    """A scheme that pays contributions for a group of workers in one region."""

    name: ShortText
    title: Annotated[LabelSpec, _at_most(MAX_SHORT_TEXT)]
    region: Annotated[str, _at_most(MAX_SHORT_TEXT)]
    payer: Payer
    group: Literal[GROUPS]  # type: ignore[valid-type]
    package: Annotated[str, _at_most(MAX_SHORT_TEXT)]
    # how members join: lurah_list (listed by RT and lurah, verified, enrolled up to the
    # quota; BPU only) or agency_list (enrolled in bulk from an agency's list: farmer
    # groups, e-RDKK, kader lists; always so for wage earners)
    enrolment: Literal["lurah_list", "agency_list"] | None = None
    sector: Literal[SECTORS] = "other"  # type: ignore[valid-type]
    eligibility: list[ShortText] = []
    pass_rate: float | ShareRangeSpec | None = None  # share of the listed who pass
    kind: Kind
    reference: ReferenceSpec | list[ReferenceSpec]
    last_verified: dt.date
    confidence: Literal["high", "medium", "low"]
    note: LongStr | None = None
    continues: bool = False  # the last year's quota and budget hold on (the policy in force)
    years: dict[int, SchemeYearSpec]
