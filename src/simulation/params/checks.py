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
    """Implausible values (outside a parameter's ``plausible`` range) and stale sources."""
    warnings = []
    for parameter in params.parameters.values():
        age = (as_of - parameter.last_verified).days
        if age > max_age_days:
            warnings.append(ParamWarning(
                parameter.source_file, parameter.name,
                f"last verified {parameter.last_verified.isoformat()}, {age} days before "
                f"{as_of.isoformat()} (older than {max_age_days} days): check the source again"))
        if parameter.confidence == "low":
            warnings.append(ParamWarning(
                parameter.source_file, parameter.name,
                "low confidence: " + (parameter.note or "check the source before relying on it")))
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
