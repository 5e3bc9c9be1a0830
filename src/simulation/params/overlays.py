"""Applying scenarios: a copy of the baseline with a scenario's changes laid over it, never
a change to the baseline itself; and the scenario lab's one-line variants."""

from __future__ import annotations

from dataclasses import replace

from pydantic import ValidationError

from ..errors import InputError, Problem
from .paramset import ParamSet
from .reader import pydantic_problems
from .scenarios import BASELINE, Change, Scenario, scenario_from_spec
from .schema import ScenarioSpec
from .values import Words, parse_entries


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
    schemes, lifted = params.schemes, params.lifted_schemes
    if scenario.without_schemes:  # lift every scheme's values out of the policy in force
        parameters = {key: replace(p, entries=tuple(e for e in p.entries
                                                    if not e.origin.startswith("scheme:")))
                      for key, p in parameters.items()}
        schemes, lifted = (), params.schemes + params.lifted_schemes
    for change in scenario.changes:
        parameters[change.parameter] = parameters[change.parameter].changed_by(change.entries)
    terms = tuple(sorted((e for change in scenario.terms for e in change.entries),
                         key=lambda e: e.month))
    return replace(params, parameters=parameters, scenario_name=name, schemes=schemes,
                   terms=terms, lifted_schemes=lifted)


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
    entries = parse_entries({str(k): v for k, v in values.items()}, unit=target.unit,
                            null_means=target.null_means, valid_regions=params.region_index,
                            source=source, key=f"changes.{parameter}.values", origin=name,
                            problems=problems)
    if problems:
        raise InputError(problems)
    start_from = name if name in params.scenarios and base is None else base or BASELINE
    scenario_names(params, start_from, "base")
    previous: Scenario = params.scenarios[start_from]
    description = Words(f"{previous.description.id} Diubah: {parameter}.",
                        f"{previous.description.en} Changed: {parameter}.")
    change = Change(parameter, Words.of(reason), entries)
    scenario = Scenario(name, name, name, description, Words.of(owner), source,
                        (*previous.changes, change),
                        (start_from,), without_schemes=previous.without_schemes)
    return replace(params, scenarios={**params.scenarios, name: scenario})


def with_scenario(params: ParamSet, document: dict, source: str) -> ParamSet:
    """A copy of ``params`` holding the scenario ``document`` describes, checked exactly as
    a scenario file with that content would be (what the explorer saves is what it ran)."""
    problems: list[Problem] = []
    try:
        spec = ScenarioSpec.model_validate(document)
    except ValidationError as error:
        raise InputError(pydantic_problems(error, source, "", ScenarioSpec)) from None
    own = scenario_from_spec(spec, source, params.parameters, params.region_index, problems)
    bases = [params.scenarios.get(name) for name in own.builds_on]
    if None in bases:
        problems.append(Problem(source, "builds_on", list(own.builds_on),
                                f"scenarios of {params.root}"))
    if problems:
        raise InputError(problems)
    scenario = replace(own, changes=(*[c for b in bases for c in b.changes], *own.changes),
                       terms=(*[t for b in bases for t in b.terms], *own.terms),
                       without_schemes=own.without_schemes or any(b.without_schemes
                                                                  for b in bases))
    return replace(params, scenarios={**params.scenarios, spec.name: scenario})


def featured_scenario(params: ParamSet, names: tuple[str, ...] | list[str]) -> str | None:
    """The first of ``names`` whose file marks it ``display.featured`` (the index's budget
    column and the deck's families slide show it), or None."""
    for name in names:
        display = params.scenarios[name].display
        if display is not None and display.featured:
            return name
    return None
