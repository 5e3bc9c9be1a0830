"""Scenarios: overlays that change named parameters for some regions and months.

A scenario file names only what it changes; applying it returns a new
:class:`~simulation.params.ParamSet` and never touches the baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..defaults import BASELINE  # noqa: F401 - the policy in force's name
from ..errors import Problem
from .reader import read_spec
from .schema import DisplaySpec, ScenarioSpec
from .terms import TermsChange, parse_terms
from .values import DatedEntry, Parameter, Words, parse_entries

# a scenario name goes into comma-separated --scenario lists and file names; "all" means every
SCENARIO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}\Z")
SCENARIO_NAME_EXPECTED = ("a name of up to 60 ASCII letters, digits, hyphens and underscores, "
                          "not 'all' (which --scenario reads as every scenario)")


@dataclass(frozen=True)
class ScenarioDisplay:
    """How charts draw a scenario (colour, line, marker, hatch) and whether the index and the
    deck feature it. ``line`` is a matplotlib style name or a dash pattern."""

    colour: str
    line: str | tuple[float, ...]
    marker: str
    hatch: str
    featured: bool = False

    @classmethod
    def from_spec(cls, spec: DisplaySpec) -> ScenarioDisplay:
        line = spec.line if isinstance(spec.line, str) else tuple(spec.line)
        return cls(spec.colour, line, spec.marker, spec.hatch, spec.featured)


@dataclass(frozen=True)
class Change:
    parameter: str
    reason: Words
    entries: tuple[DatedEntry, ...]
    reference: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    title_id: str
    title_en: str
    description: Words
    owner: Words | None  # None: not yet named
    source_file: str
    changes: tuple[Change, ...]  # own changes plus those of the scenarios it builds on
    builds_on: tuple[str, ...] = ()
    display: ScenarioDisplay | None = None
    without_schemes: bool = False  # own, or of a scenario it builds on
    terms: tuple[TermsChange, ...] = ()  # payer and package: own plus those built on

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id


def load_scenarios(paths: list[Path], parameters: dict[str, Parameter],
                   valid_regions: dict, problems: list[Problem]) -> dict[str, Scenario]:
    scenarios: dict[str, Scenario] = {}
    failed: set[str] = set()  # files refused already: no knock-on "builds_on" errors
    for path in paths:
        source = str(path)
        spec = read_spec(path, ScenarioSpec, problems)
        if spec is None:
            failed.add(path.stem)
            continue
        if spec.name != path.stem:
            problems.append(Problem(source, "name", spec.name,
                                    f"the file name without .yaml ({path.stem!r})"))
            continue
        if not SCENARIO_NAME.match(spec.name) or spec.name.lower() == "all":
            problems.append(Problem(source, "name", spec.name, SCENARIO_NAME_EXPECTED))
            continue
        if spec.name in scenarios and "local" not in path.parts:
            problems.append(Problem(source, "name", spec.name, "a scenario name not yet used"))
            continue
        scenarios[spec.name] = scenario_from_spec(spec, source, parameters, valid_regions,
                                                  problems)
    scenarios = _resolve_bases(scenarios, problems, failed)
    if paths and BASELINE not in scenarios and not any(
            p.source == str(path) for p in problems for path in paths):
        problems.append(Problem(str(paths[0].parent), "", sorted(scenarios),
                                f"a scenario named {BASELINE!r} (the status quo)"))
    return scenarios


def scenario_from_spec(spec: ScenarioSpec, source: str, parameters: dict[str, Parameter],
                       valid_regions: dict, problems: list[Problem]) -> Scenario:
    """One scenario with its own changes (not yet those of the scenarios it builds on)."""
    changes = []
    for param_name, change in spec.changes.items():
        key = f"changes.{param_name}"
        parameter = parameters.get(param_name)
        if parameter is None:
            problems.append(Problem(source, key, param_name,
                                    "the name of a parameter defined in the params tree"))
            continue
        entries = parse_entries(change.values, unit=parameter.unit,
                                null_means=parameter.null_means, valid_regions=valid_regions,
                                source=source, key=f"{key}.values", origin=spec.name,
                                problems=problems)
        ref = None
        if change.reference:
            ref = Words.of(change.reference.title).en + (
                f" ({change.reference.url})" if change.reference.url else "")
        changes.append(Change(param_name, Words.of(change.reason), entries, ref))
    terms = ()
    if spec.subsidy_terms is not None:
        terms = (TermsChange(Words.of(spec.subsidy_terms.reason), parse_terms(
            spec.subsidy_terms.values, valid_regions, source, "subsidy_terms.values",
            spec.name, problems)),)
    display = ScenarioDisplay.from_spec(spec.display) if spec.display else None
    return Scenario(spec.name, spec.title.id, spec.title.en, Words.of(spec.description),
                    Words.of(spec.owner) if spec.owner else None, source, tuple(changes),
                    tuple(spec.builds_on), display, spec.without_schemes, terms)


def _resolve_bases(scenarios: dict[str, Scenario], problems: list[Problem],
                   failed: set[str] = frozenset()) -> dict[str, Scenario]:
    """Prepend the changes of the scenarios each one builds on (theirs first, its own win).
    A cycle is reported once, naming it whole; a base whose own file was refused is not
    reported again."""
    resolved: dict[str, Scenario] = {}
    cycles: set[frozenset[str]] = set()

    def resolve(name: str, chain: tuple[str, ...]) -> Scenario | None:
        if name in resolved:
            return resolved[name]
        scenario = scenarios[name]
        inherited: list[Change] = []
        inherited_terms: list[TermsChange] = []
        without = scenario.without_schemes
        for base in scenario.builds_on:
            if base in chain or base == name:
                cycle = (*chain[chain.index(base):], name, base) if base in chain else (name,
                                                                                        name)
                if frozenset(cycle) not in cycles:
                    cycles.add(frozenset(cycle))
                    problems.append(Problem(scenario.source_file, "builds_on", base,
                                            "no cycle of scenarios building on each other "
                                            f"(here {' -> '.join(cycle)})"))
                return None
            if base not in scenarios:
                if base not in failed:
                    problems.append(Problem(scenario.source_file, "builds_on", base,
                                            "one of the scenarios "
                                            f"{', '.join(sorted(scenarios))}"))
                return None
            base_scenario = resolve(base, (*chain, name))
            if base_scenario is None:
                return None
            inherited.extend(base_scenario.changes)
            inherited_terms.extend(base_scenario.terms)
            without = without or base_scenario.without_schemes
        resolved[name] = replace(scenario, changes=(*inherited, *scenario.changes),
                                 without_schemes=without,
                                 terms=(*inherited_terms, *scenario.terms))
        return resolved[name]

    for name in scenarios:
        resolve(name, ())
    return resolved
