"""Loading a params tree: parameter files, overrides, regions and scenarios, all checked.

A params tree holds YAML files (see ``params/README.md``)::

    regions/regions.yaml     the regions (Kemendagri code, slug, name)
    regions/kelurahan.yaml   kelurahan of a region, with kecamatan
    regulation/ regions/ assumptions/ policy/ calibrated/   parameter files
    schemes/                 schemes in force (see :mod:`.schemes`), laid into the parameters
    scenarios/               overlays (see :mod:`.scenarios`)
    local/                   private overrides, git-ignored: parameters there replace
                             the shipped ones of the same name; local/scenarios/ adds scenarios

Every problem found is collected and raised together as one :class:`InputError`
naming the file, the key path, the value and what was expected.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from .. import defaults
from ..errors import InputError, Problem
from ..months import format_month
from .paramset import ParamSet
from .reader import pydantic_problems, read_yaml
from .regions import OTHER_REGION_FILES, REGION_FILES, load_regions, region_index
from .scenarios import BASELINE, load_scenarios
from .schema import ParameterSpec
from .scheme_files import load_schemes
from .schemes import SCHEME_PARAMETERS, lay_schemes
from .values import Parameter, parse_entries, references_from

PARAMETER_DIRS = ("regulation", "regions", "assumptions", "policy")
OVERRIDE_DIRS = ("calibrated", "local")  # replace same-named parameters, in this order


def _load_parameter_file(path: Path, valid_regions: dict,
                         problems: list[Problem]) -> dict[str, Parameter]:
    source = str(path)
    data = read_yaml(path, problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(source, "", type(data).__name__,
                                "a mapping of parameter names to parameters"))
        return {}
    found = {}
    for name, raw in data.items():
        if not isinstance(name, str) or not name.isidentifier():
            problems.append(Problem(source, str(name), name,
                                    "a parameter name of letters, digits and underscores"))
            continue
        try:
            spec = ParameterSpec.model_validate(raw)
        except ValidationError as error:
            problems.extend(pydantic_problems(error, source, name, ParameterSpec))
            continue
        before = len(problems)
        entries = parse_entries(spec.values, unit=spec.unit, null_means=spec.null_means,
                                valid_regions=valid_regions, source=source,
                                key=f"{name}.values", origin="baseline", problems=problems)
        if len(problems) > before:
            continue
        if (spec.excluded_payers or spec.new_members_pay_full_months
                or spec.sectors) and not name.startswith("relief_"):
            problems.append(Problem(source, f"{name}.excluded_payers", spec.excluded_payers,
                                    "payer rules only on a relief_* parameter"))
            continue
        plausible = (spec.plausible.min, spec.plausible.max) if spec.plausible else (None, None)
        found[name] = Parameter(
            name=name, description=spec.description, label_id=spec.label.id,
            label_en=spec.label.en, unit=spec.unit, kind=spec.kind,
            references=references_from(spec.reference), last_verified=spec.last_verified,
            source_file=source, entries=entries, confidence=spec.confidence,
            plausible=plausible, null_means=spec.null_means, note=spec.note,
            excluded_payers=tuple(spec.excluded_payers),
            new_members_pay_full_months=spec.new_members_pay_full_months,
            sectors=tuple(spec.sectors),
        )
    return found


def override_problems(shipped: Parameter, override: Parameter) -> list[Problem]:
    """An override changes values, never what they mean: the same unit and kind, the same
    plausible bounds, and every value within them."""
    source, problems = override.source_file, []
    for attribute in ("unit", "kind"):
        if getattr(override, attribute) != getattr(shipped, attribute):
            problems.append(Problem(source, f"{override.name}.{attribute}",
                                    getattr(override, attribute),
                                    f"{getattr(shipped, attribute)!r}, as in "
                                    f"{shipped.source_file} (an override keeps the meaning)"))
    if override.plausible != (None, None) and override.plausible != shipped.plausible:
        problems.append(Problem(source, f"{override.name}.plausible", override.plausible,
                                f"no plausible bounds, or those of {shipped.source_file} "
                                f"{shipped.plausible}"))
    low, high = shipped.plausible
    for entry in override.entries:
        for region, value in entry.by_region.items():
            for number in {value.low, value.central, value.high} - {None}:
                if (low is not None and number < low) or (high is not None and number > high):
                    problems.append(Problem(
                        source, f"{override.name}.values.{format_month(entry.month)}.{region}",
                        number, f"a value within the plausible range {low}..{high} of "
                                f"{shipped.source_file}"))
    return problems


def _files_hash(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_params(root: str | Path = defaults.PARAMS_DIR, *, include_local: bool = True,
                include_calibrated: bool = True) -> ParamSet:
    """Load and validate a params tree; raise :class:`InputError` listing every problem."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(Problem(str(root), "", str(root),
                                 "a params directory (in a new folder, `jamsos init .` writes "
                                 "one; or give --params DIR)"))
    problems: list[Problem] = []
    regions, kelurahan = load_regions(root, problems)
    regions_file = str(root / "regions" / "regions.yaml")
    if any(p.source == regions_file for p in problems):  # every other file names regions:
        raise InputError(problems)  # only knock-on errors would follow
    valid_regions = region_index(regions)

    parameters: dict[str, Parameter] = {}
    used_files = [root / "regions" / name for name in REGION_FILES
                  if (root / "regions" / name).is_file()]
    for sub in PARAMETER_DIRS:
        for path in sorted((root / sub).glob("*.yaml")):
            if sub == "regions" and path.name in REGION_FILES:
                continue
            if sub == "regions" and path.name in OTHER_REGION_FILES:
                used_files.append(path)  # read by a national run: part of the hash
                continue
            used_files.append(path)
            for name, parameter in _load_parameter_file(path, valid_regions,
                                                        problems).items():
                if name in parameters:
                    problems.append(Problem(parameter.source_file, name, name,
                                            f"a name not already defined in "
                                            f"{parameters[name].source_file}"))
                parameters[name] = parameter
    local_dir = root / "local"
    for sub in OVERRIDE_DIRS:
        if (sub == "local" and not include_local) or (sub == "calibrated"
                                                       and not include_calibrated):
            continue
        for path in sorted((root / sub).glob("*.yaml")) if (root / sub).is_dir() else []:
            used_files.append(path)
            for name, parameter in _load_parameter_file(path, valid_regions,
                                                        problems).items():
                if name not in parameters:
                    problems.append(Problem(parameter.source_file, name, name,
                                            f"an override ({sub}/) of a parameter defined in "
                                            "the tree"))
                    continue
                broken = override_problems(parameters[name], parameter)
                if broken:
                    problems.extend(broken)
                    continue
                # the override's values lie over the shipped ones: regions it does not
                # name keep theirs; its own metadata (source, date) is what reports show
                parameters[name] = replace(parameter, entries=parameters[name].overlaid(
                    parameter.entries).entries)
    scheme_dirs = [root / "schemes"] + ([local_dir / "schemes"] if include_local else [])
    scheme_files = [p for d in scheme_dirs if d.is_dir() for p in sorted(d.glob("*.yaml"))]
    used_files.extend(scheme_files)
    schemes = ()
    missing = [n for n in SCHEME_PARAMETERS if n not in parameters]
    if scheme_files and missing and not problems:  # a parameter deleted from its file
        problems.extend(Problem(str(root), name, "(missing)", "a parameter defined in the "
                                "params tree: the scheme files need it") for name in missing)
    if not problems:  # schemes price their packages with the parameters
        schemes = load_schemes(scheme_files, parameters, valid_regions, problems)
        parameters = lay_schemes(parameters, schemes)
    scenario_dirs = [root / "scenarios"]
    if include_local:
        scenario_dirs.append(local_dir / "scenarios")
    scenario_files = [p for d in scenario_dirs if d.is_dir() for p in sorted(d.glob("*.yaml"))]
    if not scenario_files:
        problems.append(Problem(str(root / "scenarios"), "", "(no scenario files)",
                                f"at least {BASELINE}.yaml, the policy in force"))
    used_files.extend(scenario_files)
    scenarios = load_scenarios(scenario_files, parameters, valid_regions, problems)
    if problems:
        raise InputError(problems)
    return ParamSet(str(root), parameters, regions, kelurahan, scenarios,
                    _files_hash(used_files, root), schemes=schemes)


