"""Scenarios: overlays that change named parameters for some regions and months.

A scenario file names only what it changes; applying it returns a new
:class:`~simulation.params.ParamSet` and never touches the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError, Problem
from .params import (
    DatedEntry,
    LabelSpec,
    Parameter,
    ParamSet,
    ReferenceSpec,
    _read_spec,
    _Strict,
    parse_entries,
)

BASELINE = "baseline"


class ChangeSpec(_Strict):
    reason: str
    values: dict[str, object]
    reference: ReferenceSpec | None = None


class ScenarioSpec(_Strict):
    name: str
    title: LabelSpec
    description: str
    owner: str
    builds_on: list[str] = []
    changes: dict[str, ChangeSpec] = {}


@dataclass(frozen=True)
class Change:
    parameter: str
    reason: str
    entries: tuple[DatedEntry, ...]
    reference: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    title_id: str
    title_en: str
    description: str
    owner: str
    source_file: str
    changes: tuple[Change, ...]  # own changes plus those of the scenarios it builds on
    builds_on: tuple[str, ...] = ()

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id


def load_scenarios(paths: list[Path], parameters: dict[str, Parameter],
                   valid_regions: dict, problems: list[Problem]) -> dict[str, Scenario]:
    scenarios: dict[str, Scenario] = {}
    for path in paths:
        source = str(path)
        spec = _read_spec(path, ScenarioSpec, problems)
        if spec is None:
            continue
        if spec.name != path.stem:
            problems.append(Problem(source, "name", spec.name,
                                    f"the file name without .yaml ({path.stem!r})"))
            continue
        if spec.name in scenarios and "local" not in path.parts:
            problems.append(Problem(source, "name", spec.name, "a scenario name not yet used"))
            continue
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
                ref = change.reference.title + (f" ({change.reference.url})"
                                                if change.reference.url else "")
            changes.append(Change(param_name, change.reason, entries, ref))
        scenarios[spec.name] = Scenario(spec.name, spec.title.id, spec.title.en,
                                        spec.description, spec.owner, source, tuple(changes),
                                        tuple(spec.builds_on))
    scenarios = _resolve_bases(scenarios, problems)
    if paths and BASELINE not in scenarios and not any(
            p.source == str(path) for p in problems for path in paths):
        problems.append(Problem(str(paths[0].parent), "", sorted(scenarios),
                                f"a scenario named {BASELINE!r} (the status quo)"))
    return scenarios


def _resolve_bases(scenarios: dict[str, Scenario], problems: list[Problem]
                   ) -> dict[str, Scenario]:
    """Prepend the changes of the scenarios each one builds on (theirs first, its own win)."""
    resolved: dict[str, Scenario] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> Scenario | None:
        if name in resolved:
            return resolved[name]
        scenario = scenarios[name]
        inherited: list[Change] = []
        for base in scenario.builds_on:
            if base in chain or base == name:
                problems.append(Problem(scenario.source_file, "builds_on", base,
                                        "no cycle of scenarios building on each other"))
                return None
            if base not in scenarios:
                problems.append(Problem(scenario.source_file, "builds_on", base,
                                        f"one of the scenarios {', '.join(sorted(scenarios))}"))
                return None
            base_scenario = resolve(base, (*chain, name))
            if base_scenario is None:
                return None
            inherited.extend(base_scenario.changes)
        resolved[name] = replace(scenario, changes=(*inherited, *scenario.changes))
        return resolved[name]

    for name in scenarios:
        resolve(name, ())
    return resolved


def scenario_names(params: ParamSet, text: str, source: str = "--scenario") -> list[str]:
    """Parse ``NAME[,NAME…]`` or ``all``; unknown names are bad input listing the valid ones."""
    if text.strip() == "all":
        names = sorted(params.scenarios, key=lambda n: (n != BASELINE, n))
        return names
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in params.scenarios]
    if unknown or not names:
        valid = ", ".join(sorted(params.scenarios)) + ", all"
        raise InputError([Problem(source, "", n, f"one of the scenarios {valid}")
                          for n in (unknown or [text])])
    return list(dict.fromkeys(names))


def apply_scenario(params: ParamSet, name: str) -> ParamSet:
    """A copy of ``params`` with the scenario's changes layered over the baseline."""
    scenario_names(params, name)
    scenario: Scenario = params.scenarios[name]
    parameters = dict(params.parameters)
    for change in scenario.changes:
        parameters[change.parameter] = parameters[change.parameter].overlaid(change.entries)
    return replace(params, parameters=parameters, scenario_name=name)




def with_change(params: ParamSet, name: str, base: str | None, parameter: str, values: dict,
                reason: str = "scenario lab", owner: str = "scenario lab") -> ParamSet:
    """A copy of ``params`` holding scenario ``name``: ``base``'s changes (or an existing
    ``name``'s, to add one more change) plus ``parameter`` set to dated ``values``.

    ``values`` is what a scenario file's ``values:`` holds, e.g. ``{"2020-06": 6000}`` or
    ``{"2020-06": {"default": 0, "kota-madiun": 6000}}``; it is validated the same way."""
    problems: list[Problem] = []
    source = f"scenario {name}"
    if parameter not in params.parameters:
        raise InputError(Problem(source, "parameter", parameter,
                                 "the name of a parameter defined in the params tree"))
    target = params.parameters[parameter]
    valid_regions = ({r.code: r.code for r in params.regions}
                     | {r.slug: r.code for r in params.regions})
    entries = parse_entries({str(k): v for k, v in values.items()}, unit=target.unit,
                            null_means=target.null_means, valid_regions=valid_regions,
                            source=source, key=f"changes.{parameter}.values", origin=name,
                            problems=problems)
    if problems:
        raise InputError(problems)
    start_from = name if name in params.scenarios and base is None else base or BASELINE
    scenario_names(params, start_from, "base")
    previous: Scenario = params.scenarios[start_from]
    scenario = Scenario(name, name, name, f"{previous.description} Changed: {parameter}.",
                        owner, source, (*previous.changes, Change(parameter, reason, entries)),
                        (start_from,))
    return replace(params, scenarios={**params.scenarios, name: scenario})
