"""Warnings that do not stop a run: stale sources, low confidence, implausible values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..months import format_month
from .paramset import ParamSet


@dataclass(frozen=True)
class ParamWarning:
    source: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.key}: {self.message}"


def check_warnings(params: ParamSet, as_of: dt.date, max_age_days: int = 365
                   ) -> list[ParamWarning]:
    """Implausible values (outside a parameter's ``plausible`` range), stale sources, low
    confidence (parameters and schemes), and scenarios that charts would draw alike."""
    warnings = look_alikes(params)
    dated = [(p.source_file, p.name, p.name, p) for p in params.parameters.values()]
    dated += [(s.source_file, "last_verified", s.name, s) for s in params.schemes]
    for source, key, name, item in dated:  # parameters and schemes: stale or doubtful
        age = (as_of - item.last_verified).days
        if age > max_age_days:
            warnings.append(ParamWarning(
                source, key,
                f"last verified {item.last_verified.isoformat()}, {age} days before "
                f"{as_of.isoformat()} (older than {max_age_days} days): check the source again"))
        if item.confidence == "low":
            warnings.append(ParamWarning(
                source, name,
                "low confidence: " + (item.note or "check the source before relying on it")))
    for parameter in params.parameters.values():
        low, high = parameter.plausible
        for entry in parameter.entries:
            for region, value in entry.by_region.items():
                for number in {value.low, value.central, value.high} - {None}:
                    if (low is not None and number < low) or (high is not None and number > high):
                        warnings.append(ParamWarning(
                            parameter.source_file,
                            f"{parameter.name}.values.{format_month(entry.month)}.{region}",
                            f"{number:g} is outside the plausible range {low}..{high}"))
    return warnings


def idle_scenarios(params: ParamSet, names: list[str], first: int, last: int
                   ) -> list[ParamWarning]:
    """Scenarios whose own changes all start after ``last``: within the months shown they
    are the scenario they build on (or the baseline), which a reader would not guess."""
    warnings = []
    for name in names:
        scenario = params.scenarios[name]
        own = [entry.month for change in scenario.changes for entry in change.entries
               if entry.origin == name]
        if own and min(own) > last:
            warnings.append(ParamWarning(
                scenario.source_file, "changes",
                f"scenario {name} changes nothing between {format_month(first)} and "
                f"{format_month(last)}: its first change is {format_month(min(own))}; "
                f"start it earlier or project further (--months)"))
    return warnings


def look_alikes(params: ParamSet) -> list[ParamWarning]:
    """Scenarios whose display (colour, line, marker) repeats another's: a copied file keeps
    its original's, and charts could not tell the two apart."""
    seen: dict[tuple, str] = {}
    warnings = []
    for name in sorted(params.scenarios):
        display = params.scenarios[name].display
        if display is None:
            continue
        look = (display.colour.lower(), str(display.line), display.marker)
        if look in seen:
            warnings.append(ParamWarning(
                params.scenarios[name].source_file, "display",
                f"scenario {name} is drawn like {seen[look]} (colour {display.colour}, line "
                f"{display.line}, marker {display.marker}): give it its own colour, line "
                f"and marker, or drop display to take a spare style"))
        else:
            seen[look] = name
    return warnings
