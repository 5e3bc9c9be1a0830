"""ParamSet: everything loaded from one params tree, immutable (scenarios make copies)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError, Problem
from .regions import Kelurahan, Region, region_index
from .scenarios import Scenario
from .schemes import Scheme
from .terms import DatedTerms
from .values import Parameter


@dataclass(frozen=True)
class ParamSet:
    """Parameters, regions, kelurahan and scenarios of one params tree."""

    root: str
    parameters: dict[str, Parameter]
    regions: tuple[Region, ...]
    kelurahan: tuple[Kelurahan, ...]
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    files_hash: str = ""
    scenario_name: str = "baseline"
    schemes: tuple[Scheme, ...] = ()  # the schemes in force, laid into the parameters
    terms: tuple[DatedTerms, ...] = ()  # payer and package the applied scenario sets
    lifted_schemes: tuple[Scheme, ...] = ()  # schemes the applied scenario lifts: history

    def __repr__(self) -> str:  # the full contents run to tens of thousands of characters
        return (f"ParamSet({self.root!r}: {len(self.parameters)} parameters, "
                f"{len(self.regions)} regions, {len(self.scenarios)} scenarios, "
                f"{len(self.schemes)} schemes, hash {self.files_hash[:12]})")

    @property
    def region_index(self) -> dict[str, str]:
        return region_index(self.regions)

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
        if not idents:
            valid = ", ".join(r.slug for r in self.regions)
            raise InputError(Problem(source, "", text, f"one or more of {valid}, "
                                     "comma-separated"))
        problems, found = [], []
        for ident in idents:
            try:
                found.append(self.region(ident, source))
            except InputError as error:
                problems.extend(error.problems)
        if problems:
            raise InputError(problems)
        return tuple(dict.fromkeys(found))

    def kelurahan_of(self, region: Region) -> tuple[Kelurahan, ...]:
        return tuple(k for k in self.kelurahan if k.region_code == region.code)
