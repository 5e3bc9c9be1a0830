"""Effective-dated values: what a parameter holds, from which month, for which region.

A value is a number or a ``{low, central, high}`` range, optionally by region (one key per
region slug or code, plus ``default``). Parsing checks each number against its unit and
collects every problem instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..errors import InputError, Problem
from ..months import format_month, parse_month
from .schema import UNITS, LabelSpec, ReferenceSpec

DEFAULT_KEY = "default"


@dataclass(frozen=True)
class Words:
    """A text a reader sees, in Bahasa Indonesia and English (the same for a name or a
    citation)."""

    id: str
    en: str

    @classmethod
    def of(cls, spec: str | LabelSpec) -> Words:
        return cls(spec, spec) if isinstance(spec, str) else cls(spec.id, spec.en)

    def in_(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class ValueRange:
    """A value with its uncertainty; ``low == central == high`` for a certain one.

    ``central is None`` means "no value" (e.g. no budget cap), allowed only where the
    parameter says what ``null`` means.
    """

    low: float | None
    central: float | None
    high: float | None

    @property
    def is_uncertain(self) -> bool:
        return self.central is not None and self.low != self.high


@dataclass(frozen=True)
class DatedEntry:
    """Values that hold from ``month`` on, by region code (or ``default``)."""

    month: int
    by_region: dict[str, ValueRange]
    origin: str = "baseline"  # "baseline" or the scenario that set it


@dataclass(frozen=True)
class Reference:
    title: Words
    url: str | None = None
    note: str | None = None

    def text(self, lang: str = "en") -> str:
        title = self.title.in_(lang)
        return f"{title} ({self.url})" if self.url else title

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    label_id: str
    label_en: str
    unit: str
    kind: str
    references: tuple[Reference, ...]
    last_verified: dt.date
    source_file: str
    entries: tuple[DatedEntry, ...]
    confidence: str | None = None
    plausible: tuple[float | None, float | None] = (None, None)
    null_means: str | None = None
    note: str | None = None
    excluded_payers: tuple[str, ...] = ()  # reliefs: payers whose members it leaves out
    new_members_pay_full_months: int = 0  # reliefs: first months a new member pays in full
    sectors: tuple[str, ...] = ()  # reliefs: the sectors it holds for (empty: every sector)

    def relieves(self, payer: str, sector: str) -> bool:
        """Whether a relief_* parameter can apply to a member paid by ``payer`` working in
        ``sector`` (its months and values aside)."""
        return payer not in self.excluded_payers and (not self.sectors or sector in self.sectors)

    def entry_at(self, region_code: str, month: int) -> tuple[DatedEntry, ValueRange] | None:
        """The entry in force for a region in a month: the latest one that starts no later
        than ``month`` and names the region or gives a default (later layers win ties)."""
        for entry in reversed(self.entries):
            if entry.month > month:
                continue
            value = entry.by_region.get(region_code, entry.by_region.get(DEFAULT_KEY))
            if value is not None:
                return entry, value
        return None

    def at(self, region_code: str, month: int) -> ValueRange:
        found = self.entry_at(region_code, month)
        if found is None:
            first = format_month(self.entries[0].month) if self.entries else "never"
            raise InputError(
                Problem(
                    self.source_file,
                    self.name,
                    f"no value in force for region {region_code} in {format_month(month)}",
                    f"a value effective from that month or earlier (first value: {first})",
                )
            )
        return found[1]

    def grid(self, region_codes: tuple[str, ...], months: tuple[int, ...] | range,
             missing: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(low, central, high) arrays of shape (regions, months); ``None`` becomes inf.

        Same rule as :meth:`entry_at`, resolved with one ``searchsorted`` per region. A month
        with no value in force is an error, or ``missing`` where one is given."""
        month_array = np.asarray(months, dtype=int)
        out = np.empty((3, len(region_codes), len(month_array)))
        for i, code in enumerate(region_codes):
            applicable = [(e.month, e.by_region.get(code, e.by_region.get(DEFAULT_KEY)))
                          for e in self.entries]
            applicable = [(m, v) for m, v in applicable if v is not None]
            starts = np.array([m for m, _ in applicable], dtype=int)
            index = np.searchsorted(starts, month_array, side="right") - 1
            if missing is None and (len(starts) == 0 or (index < 0).any()):
                first_gap = month_array[index < 0][0] if len(starts) else month_array[0]
                self.at(code, int(first_gap))  # raises the error naming the first value
            table = np.array([[np.inf if v.central is None else v.low,
                               np.inf if v.central is None else v.central,
                               np.inf if v.central is None else v.high]
                              for _, v in applicable] + [[missing] * 3])
            out[:, i, :] = table[index].T  # index -1 picks the "missing" row
        return out[0], out[1], out[2]

    def central(self, region_code: str, month: int) -> float | None:
        return self.at(region_code, month).central

    def changed_by(self, entries: tuple[DatedEntry, ...]) -> Parameter:
        """A copy with a scenario's entries laid on top, each holding from its month on for
        the regions it names (all, for a ``default``): a later value of the baseline gives
        way to it for those regions."""
        kept = []
        for base in self.entries:
            by_region = dict(base.by_region)
            for change in entries:
                if base.month <= change.month:
                    continue
                if DEFAULT_KEY in change.by_region:
                    by_region = {}
                    break
                for region, value in change.by_region.items():
                    if region in by_region or DEFAULT_KEY in by_region:
                        by_region[region] = value  # pinned: not the base's default
            if by_region:
                kept.append(replace(base, by_region=by_region))
        return replace(self, entries=tuple(kept)).overlaid(entries)

    def overlaid(self, entries: tuple[DatedEntry, ...]) -> Parameter:
        """A copy with scenario entries layered on top (stable sort keeps them last on ties)."""
        merged = tuple(sorted(self.entries + entries, key=lambda e: e.month))
        return replace(self, entries=merged)



def parse_value_node(node: Any, *, spec_unit: str, null_means: str | None, valid_regions: dict,
                     source: str, key: str, problems: list[Problem]) -> dict[str, ValueRange]:
    """One dated value: a number, a ``{low, central, high}`` range, or a mapping by region."""
    if isinstance(node, dict) and "central" not in node:
        if not node:
            problems.append(Problem(source, key, node, "a value or a mapping of region to value"))
            return {}
        by_region, named_as = {}, {}
        for region_key, sub in node.items():
            sub_key = f"{key}.{region_key}"
            if not isinstance(region_key, str):
                hint = " (write region codes in quotes, e.g. \"35.20\", or use the slug)"
                problems.append(Problem(source, sub_key, region_key,
                                        f"a region slug or quoted code{hint}"))
                continue
            code = DEFAULT_KEY if region_key == DEFAULT_KEY else valid_regions.get(region_key)
            if code is None:
                problems.append(Problem(source, sub_key, region_key,
                                        "'default' or a known region: "
                                        + _region_list(valid_regions)))
                continue
            if code in named_as:  # a slug and a code of one region: which one holds?
                problems.append(Problem(source, sub_key, region_key,
                                        f"one key per region ({named_as[code]} names the same "
                                        "region)"))
                continue
            named_as[code] = region_key
            value = _parse_single(sub, spec_unit, null_means, source, sub_key, problems)
            if value is not None:
                by_region[code] = value
        return by_region
    value = _parse_single(node, spec_unit, null_means, source, key, problems)
    return {DEFAULT_KEY: value} if value is not None else {}


def _region_list(valid_regions: dict) -> str:
    slugs = sorted({k for k in valid_regions if not k[:1].isdigit()})
    return ", ".join(slugs)


def _parse_single(node: Any, unit: str, null_means: str | None, source: str, key: str,
                  problems: list[Problem]) -> ValueRange | None:
    low_bound, high_bound, whole, meaning = UNITS[unit]
    if node is None:
        if null_means:
            return ValueRange(None, None, None)
        problems.append(Problem(source, key, None, meaning))
        return None
    if isinstance(node, dict):
        unknown = set(node) - {"low", "central", "high"}
        if unknown:
            problems.append(Problem(source, f"{key}.{sorted(unknown)[0]}", node[sorted(unknown)[0]],
                                    "only the keys low, central, high in a range"))
            return None
        parts = {}
        for name in ("low", "central", "high"):
            raw = node.get(name, node["central"])
            number = _number(raw, low_bound, high_bound, whole, meaning, source,
                             f"{key}.{name}", problems)
            if number is None:
                return None
            parts[name] = number
        if not parts["low"] <= parts["central"] <= parts["high"]:
            problems.append(Problem(source, key, node, "low <= central <= high"))
            return None
        return ValueRange(parts["low"], parts["central"], parts["high"])
    number = _number(node, low_bound, high_bound, whole, meaning, source, key, problems)
    return None if number is None else ValueRange(number, number, number)


def _number(raw: Any, low: float, high: float, whole: bool, meaning: str, source: str, key: str,
            problems: list[Problem]) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        problems.append(Problem(source, key, raw, meaning))
        return None
    try:
        value = float(raw)
    except OverflowError:  # an integer beyond any float, e.g. 10**400
        value = math.inf
    if not math.isfinite(value):
        problems.append(Problem(source, key, raw, f"{meaning}, as a finite number"))
        return None
    if not low <= value <= high or (whole and not value.is_integer()):
        problems.append(Problem(source, key, raw, meaning))
        return None
    return value


def parse_entries(values: dict, *, unit: str, null_means: str | None, valid_regions: dict,
                  source: str, key: str, origin: str, problems: list[Problem]
                  ) -> tuple[DatedEntry, ...]:
    """Parse a ``values:`` mapping of ``YYYY-MM`` to value nodes."""
    entries = []
    if not values:
        problems.append(Problem(source, key, values,
                                "at least one dated value, e.g. 2020-01: 0.01"))
    for month_text, node in values.items():
        entry_key = f"{key}.{month_text}"
        try:
            month = parse_month(month_text, source, entry_key)
        except InputError as error:
            problems.extend(error.problems)
            continue
        by_region = parse_value_node(node, spec_unit=unit, null_means=null_means,
                                     valid_regions=valid_regions, source=source, key=entry_key,
                                     problems=problems)
        if by_region:
            entries.append(DatedEntry(month, by_region, origin))
    return tuple(sorted(entries, key=lambda e: e.month))


def references_from(spec_ref: ReferenceSpec | list[ReferenceSpec]) -> tuple[Reference, ...]:
    items = spec_ref if isinstance(spec_ref, list) else [spec_ref]
    return tuple(Reference(Words.of(r.title), r.url, r.note) for r in items)


