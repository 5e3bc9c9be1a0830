"""Parameter files: strict loading of effective-dated, region-broken-down values.

A params tree holds YAML files (see ``params/README.md``)::

    regions/regions.yaml     the regions (Kemendagri code, slug, name)
    regions/kelurahan.yaml   kelurahan of a region, with kecamatan
    regulation/ regions/ assumptions/ policy/ calibrated/   parameter files
    scenarios/               overlays (see :mod:`simulation.scenarios`)
    local/                   private overrides, git-ignored: parameters there replace
                             the shipped ones of the same name; local/scenarios/ adds scenarios

Every problem found is collected and raised together as one :class:`InputError`
naming the file, the key path, the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError, Problem
from .months import format_month, parse_month

PARAMETER_DIRS = ("regulation", "regions", "assumptions", "policy")
OVERRIDE_DIRS = ("calibrated", "local")  # replace same-named parameters, in this order
REGION_FILES = ("regions.yaml", "kelurahan.yaml")
DEFAULT_KEY = "default"

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LabelSpec(_Strict):
    id: str
    en: str


class ReferenceSpec(_Strict):
    title: str
    url: str | None = None
    note: str | None = None


class PlausibleSpec(_Strict):
    min: float | None = None
    max: float | None = None


class ParameterSpec(_Strict):
    description: str
    label: LabelSpec
    unit: Literal[tuple(UNITS)]  # type: ignore[valid-type]
    kind: Kind
    reference: ReferenceSpec | list[ReferenceSpec]
    last_verified: dt.date
    confidence: Literal["high", "medium", "low"] | None = None
    plausible: PlausibleSpec | None = None
    null_means: str | None = None
    note: str | None = None
    values: dict[str, Any]


class RegionSpec(_Strict):
    code: str
    slug: str
    name: str
    type: Literal["kota", "kabupaten"]
    kecamatan_count: int


class RegionFileSpec(_Strict):
    reference: ReferenceSpec
    last_verified: dt.date
    regions: list[RegionSpec]


class KelurahanSpec(_Strict):
    code: str
    name: str
    kecamatan: str


class KelurahanFileSpec(_Strict):
    reference: ReferenceSpec
    last_verified: dt.date
    region: str
    kecamatan: dict[str, str]
    kelurahan: list[KelurahanSpec]


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
    title: str
    url: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        return f"{self.title} ({self.url})" if self.url else self.title


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

    def overlaid(self, entries: tuple[DatedEntry, ...]) -> Parameter:
        """A copy with scenario entries layered on top (stable sort keeps them last on ties)."""
        merged = tuple(sorted(self.entries + entries, key=lambda e: e.month))
        return replace(self, entries=merged)


@dataclass(frozen=True)
class Region:
    code: str
    slug: str
    name: str
    type: str
    kecamatan_count: int


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan_code: str
    kecamatan_name: str
    region_code: str


@dataclass(frozen=True)
class ParamSet:
    """Everything loaded from one params tree. Immutable: scenarios make copies."""

    root: str
    parameters: dict[str, Parameter]
    regions: tuple[Region, ...]
    kelurahan: tuple[Kelurahan, ...]
    scenarios: dict[str, Any] = field(default_factory=dict)  # name -> scenarios.Scenario
    files_hash: str = ""
    scenario_name: str = "baseline"

    def parameter(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise InputError(
                Problem(self.root, name, name, f"a parameter defined in {self.root}")
            ) from None

    def region(self, ident: str, source: str = "--regions") -> Region:
        """Find a region by Kemendagri code (``35.77``) or slug (``kota-madiun``)."""
        wanted = str(ident).strip().lower()
        for region in self.regions:
            if wanted in (region.code, region.slug):
                return region
        valid = ", ".join(f"{r.code} ({r.slug})" for r in self.regions)
        raise InputError(Problem(source, "", ident, f"one of the regions {valid}"))

    def regions_from(self, text: str | None, source: str = "--regions") -> tuple[Region, ...]:
        """Parse a comma-separated list of codes or slugs; all regions when empty."""
        if not text:
            return self.regions
        idents = [part for part in (p.strip() for p in text.split(",")) if part]
        problems, found = [], []
        for ident in idents:
            try:
                found.append(self.region(ident, source))
            except InputError as error:
                problems.extend(error.problems)
        if problems:
            raise InputError(problems)
        return tuple(dict.fromkeys(found))


# ---------------------------------------------------------------- loading


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; a params file must not."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.append(Problem(str(path), where, str(getattr(error, "problem", error)),
                                "valid YAML"))
    except UnicodeDecodeError as error:
        problems.append(Problem(str(path), "", str(error), "a UTF-8 text file"))
    return None


def pydantic_problems(error: ValidationError, source: str, prefix: str,
                      model: type[BaseModel]) -> list[Problem]:
    """Translate pydantic's errors into :class:`Problem` objects with key paths."""
    problems = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        key = ".".join([prefix, *loc] if prefix else loc)
        if item["type"] == "extra_forbidden":
            expected = f"no such key; known keys here: {', '.join(_known_keys(model, loc[:-1]))}"
        elif item["type"] == "missing":
            expected = "this key to be present"
            problems.append(Problem(source, key, "(missing)", expected))
            continue
        else:
            expected = item["msg"].replace("Input should be ", "").replace("Value error, ", "")
        problems.append(Problem(source, key, item.get("input"), expected))
    return problems


def _known_keys(model: type[BaseModel], loc: list[str]) -> list[str]:
    current: Any = model
    for part in loc:
        if part.isdigit():
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            break
        annotation = info.annotation
        args = [a for a in getattr(annotation, "__args__", ()) if isinstance(a, type)]
        candidates = [a for a in [annotation, *args] if isinstance(a, type)
                      and issubclass(a, BaseModel)]
        if not candidates:
            break
        current = candidates[0]
    return list(getattr(current, "model_fields", {}))


def parse_value_node(node: Any, *, spec_unit: str, null_means: str | None, valid_regions: dict,
                     source: str, key: str, problems: list[Problem]) -> dict[str, ValueRange]:
    """One dated value: a number, a ``{low, central, high}`` range, or a mapping by region."""
    if isinstance(node, dict) and "central" not in node:
        if not node:
            problems.append(Problem(source, key, node, "a value or a mapping of region to value"))
            return {}
        by_region = {}
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
            value = _parse_single(sub, spec_unit, null_means, source, sub_key, problems)
            if value is not None:
                by_region[code] = value
        return by_region
    value = _parse_single(node, spec_unit, null_means, source, key, problems)
    return {DEFAULT_KEY: value} if value is not None else {}


def _region_list(valid_regions: dict) -> str:
    slugs = sorted({k for k in valid_regions if not k[0].isdigit()})
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
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or math.isnan(raw):
        problems.append(Problem(source, key, raw, meaning))
        return None
    if not low <= raw <= high or (whole and float(raw) != int(raw)):
        problems.append(Problem(source, key, raw, meaning))
        return None
    return float(raw)


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


def _references(spec_ref: ReferenceSpec | list[ReferenceSpec]) -> tuple[Reference, ...]:
    items = spec_ref if isinstance(spec_ref, list) else [spec_ref]
    return tuple(Reference(r.title, r.url, r.note) for r in items)


def _load_parameter_file(path: Path, valid_regions: dict,
                         problems: list[Problem]) -> dict[str, Parameter]:
    source = str(path)
    data = _read_yaml(path, problems)
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
        plausible = (spec.plausible.min, spec.plausible.max) if spec.plausible else (None, None)
        found[name] = Parameter(
            name=name, description=spec.description, label_id=spec.label.id,
            label_en=spec.label.en, unit=spec.unit, kind=spec.kind,
            references=_references(spec.reference), last_verified=spec.last_verified,
            source_file=source, entries=entries, confidence=spec.confidence,
            plausible=plausible, null_means=spec.null_means, note=spec.note,
        )
    return found


def _read_spec(path: Path, model: type[BaseModel], problems: list[Problem]) -> Any | None:
    """Read a YAML file and validate it against a pydantic model; None if it fails."""
    before = len(problems)
    data = _read_yaml(path, problems)
    if len(problems) > before:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, str(path), "", model))
        return None


def _load_regions(root: Path, problems: list[Problem]) -> tuple[tuple[Region, ...],
                                                                tuple[Kelurahan, ...]]:
    regions_path = root / "regions" / "regions.yaml"
    if not regions_path.is_file():
        problems.append(Problem(str(regions_path), "", "(missing)", "a regions file"))
        return (), ()
    source = str(regions_path)
    spec = _read_spec(regions_path, RegionFileSpec, problems)
    if spec is None:
        return (), ()
    regions = []
    for index, item in enumerate(spec.regions):
        if not _is_region_code(item.code):
            problems.append(Problem(source, f"regions.{index}.code", item.code,
                                    "a Kemendagri code like 35.77"))
        regions.append(Region(item.code, item.slug, item.name, item.type, item.kecamatan_count))
    for attr in ("code", "slug"):
        seen = [getattr(r, attr) for r in regions]
        for value in {v for v in seen if seen.count(v) > 1}:
            problems.append(Problem(source, f"regions.*.{attr}", value, f"a unique {attr}"))

    kelurahan: list[Kelurahan] = []
    kel_path = root / "regions" / "kelurahan.yaml"
    if kel_path.is_file():
        kel_source = str(kel_path)
        kel_spec = _read_spec(kel_path, KelurahanFileSpec, problems)
        if kel_spec is None:
            return tuple(regions), ()
        codes = {r.code for r in regions}
        if kel_spec.region not in codes:
            problems.append(Problem(kel_source, "region", kel_spec.region,
                                    f"one of the region codes {', '.join(sorted(codes))}"))
        for index, item in enumerate(kel_spec.kelurahan):
            kec_code = item.code.rsplit(".", 1)[0]
            if not item.code.startswith(kel_spec.region + ".") or item.code.count(".") != 3:
                problems.append(Problem(kel_source, f"kelurahan.{index}.code", item.code,
                                        f"a code {kel_spec.region}.KK.NNNN"))
                continue
            if kec_code not in kel_spec.kecamatan or kel_spec.kecamatan[kec_code] != item.kecamatan:
                problems.append(Problem(kel_source, f"kelurahan.{index}.kecamatan", item.kecamatan,
                                        f"the kecamatan listed for {kec_code}"))
                continue
            kelurahan.append(Kelurahan(item.code, item.name, kec_code, item.kecamatan,
                                       kel_spec.region))
    return tuple(regions), tuple(kelurahan)


def _is_region_code(code: str) -> bool:
    parts = code.split(".")
    return len(parts) == 2 and all(len(p) == 2 and p.isdigit() for p in parts)


def _files_hash(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_params(root: str | Path = "params", *, include_local: bool = True,
                include_calibrated: bool = True) -> ParamSet:
    """Load and validate a params tree; raise :class:`InputError` listing every problem."""
    from .scenarios import load_scenarios  # scenarios build on parameters, not the reverse

    root = Path(root)
    if not root.is_dir():
        raise InputError(Problem(str(root), "", str(root), "a params directory"))
    problems: list[Problem] = []
    regions, kelurahan = _load_regions(root, problems)
    valid_regions = {r.code: r.code for r in regions} | {r.slug: r.code for r in regions}

    parameters: dict[str, Parameter] = {}
    used_files = [root / "regions" / name for name in REGION_FILES
                  if (root / "regions" / name).is_file()]
    for sub in PARAMETER_DIRS:
        for path in sorted((root / sub).glob("*.yaml")):
            if sub == "regions" and path.name in REGION_FILES:
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
                # the override's values lie over the shipped ones: regions it does not
                # name keep theirs; its own metadata (source, date) is what reports show
                parameters[name] = replace(parameter, entries=parameters[name].overlaid(
                    parameter.entries).entries)
    scenario_dirs = [root / "scenarios"]
    if include_local:
        scenario_dirs.append(local_dir / "scenarios")
    scenario_files = [p for d in scenario_dirs if d.is_dir() for p in sorted(d.glob("*.yaml"))]
    used_files.extend(scenario_files)
    scenarios = load_scenarios(scenario_files, parameters, valid_regions, problems)
    if problems:
        raise InputError(problems)
    return ParamSet(str(root), parameters, regions, kelurahan, scenarios,
                    _files_hash(used_files, root))


# ---------------------------------------------------------------- warnings


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
