"""Who pays a BPU subsidy and with which package, as a scenario may change them from a month
on (``subsidy_terms`` in a scenario file): the payer's reliefs and the package's price then
follow in every cost."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, Problem
from ..months import parse_month
from .values import DEFAULT_KEY, Words


@dataclass(frozen=True)
class DatedTerms:
    """From ``month`` on: (payer, package) by region code, or ``default`` for the others."""

    month: int
    by_region: dict[str, tuple[str, str]]
    origin: str  # the scenario that set them


@dataclass(frozen=True)
class TermsChange:
    reason: Words
    entries: tuple[DatedTerms, ...]


def parse_terms(values: dict, valid_regions: dict, source: str, key: str, origin: str,
                problems: list[Problem]) -> tuple[DatedTerms, ...]:
    """``{YYYY-MM: {region or default: {payer, package}}}`` as dated terms (validated)."""
    entries = []
    for month_text, by_region in values.items():
        try:
            month = parse_month(month_text, source, f"{key}.{month_text}")
        except InputError as error:
            problems.extend(error.problems)
            continue
        found: dict[str, tuple[str, str]] = {}
        for region_key, spec in by_region.items():
            code = DEFAULT_KEY if region_key == DEFAULT_KEY else valid_regions.get(region_key)
            if code is None or code in found:
                problems.append(Problem(source, f"{key}.{month_text}.{region_key}", region_key,
                                        "'default' or a region named once (slug or code)"))
                continue
            found[code] = (spec.payer, spec.package)
        entries.append(DatedTerms(month, found, origin))
    return tuple(sorted(entries, key=lambda e: e.month))


def terms_at(terms: tuple[DatedTerms, ...], region_code: str, month: int
             ) -> tuple[str, str] | None:
    """The (payer, package) a scenario set for a region by ``month``, or None."""
    chosen = None
    for entry in terms:
        if entry.month > month:
            break
        chosen = entry.by_region.get(region_code, entry.by_region.get(DEFAULT_KEY, chosen))
    return chosen
