"""Parameters: strict loading of effective-dated, region-broken-down values and scenarios.

One concept per module: :mod:`.schema` (file shapes), :mod:`.reader` (strict YAML),
:mod:`.values` (dated values and their parsing), :mod:`.regions`, :mod:`.paramset`,
:mod:`.scenarios` (scenario files), :mod:`.overlays` (applying them), :mod:`.checks`
(warnings) and :mod:`.loader`.
"""

from .checks import ParamWarning, check_warnings, idle_scenarios
from .loader import load_params
from .overlays import (
    apply_scenario,
    featured_scenario,
    scenario_names,
    with_change,
    with_scenario,
)
from .paramset import ParamSet
from .regions import Kelurahan, Region
from .scenarios import BASELINE, Scenario
from .values import DEFAULT_KEY, DatedEntry, Parameter, ValueRange

__all__ = ["BASELINE", "DEFAULT_KEY", "DatedEntry", "Kelurahan", "ParamSet", "ParamWarning",
           "Parameter", "Region", "Scenario", "ValueRange", "apply_scenario", "check_warnings",
           "featured_scenario", "idle_scenarios", "load_params", "scenario_names",
           "with_change", "with_scenario"]
