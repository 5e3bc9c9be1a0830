"""The what-if explorer's logic: levers → a scenario document → a projection → key numbers.

A :class:`Levers` value holds what an analyst (or a regional head, through the offline page)
changes: places and money per APBD year, the start month, the package and the payer,
outreach, the listing and pass rate, and the main behavioural assumptions. It becomes the
same YAML document "Simpan sebagai skenario" writes, and that document is what runs, so a
saved scenario projects to exactly the numbers the explorer showed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import yaml

from ... import defaults
from ...engine.money import package_cost_grid
from ...engine.quantiles import percentiles
from ...errors import InputError, Problem
from ...files import write_text_atomically
from ...months import format_month, year_of
from ...params import BASELINE, ParamSet, apply_scenario, with_scenario
from ...params.schemes import PACKAGE_PROGRAMMES, payer_and_package, scheme_at
from ..words.formatting import month_name, number, rupiah
from ..words.texts import text
from .data import PROTECTED, ReportData
from .lab import Lab

PACKAGES = ("bpu_jkk_jkm", "bpu_jht", "pu_jkk_jkm")  # the last: the wage-earner package
BEHAVIOUR = ("outside_influence_p", "imitation_q", "self_payer_lapse_rate")
EXPLORED = "jelajah"  # the name of the scenario being explored, until it is saved


@dataclass(frozen=True)
class Levers:
    """What the explorer changes for one region; the rest comes from ``base``."""

    region: str  # slug
    base: str
    start: int  # the month the subsidy (or the outreach) starts
    quota: dict[int, int]  # APBD year -> places paid for
    budget_rp: dict[int, int | None]  # APBD year -> cap (None: none beyond the quota)
    package: str = "bpu_jkk_jkm"
    payer: str = "apbd_kabkota"
    contacts_per_month: int = 0
    listed: int = 0  # workers listed for the start (the pendataan)
    pass_rate: float = 0.47
    behaviour: dict[str, float] = field(default_factory=dict)  # name -> central value


@dataclass(frozen=True)
class Outcome:
    """The key numbers of a variant against the policy in force."""

    apbd_year: int
    active_end_of_year: dict[str, float]  # p10/p50/p90 active BPU members, variant
    baseline_end_of_year: dict[str, float]
    cost_by_payer: dict[int, dict[str, float]]  # APBD year -> payer -> Rupiah (p50)
    # per additional worker-year protected (wage earners count): see
    # :func:`cost_per_protected_worker_year`
    cost_per_additional_worker_year_rp: float | None
    limits: dict[int, str]  # APBD year -> "list" | "quota" | "cap" | "none"
    protected_end_of_year: dict[str, float] = field(default_factory=dict)  # p10/p50/p90
    baseline_protected_end_of_year: dict[str, float] = field(default_factory=dict)


def impossible(levers: Levers, params: ParamSet, horizon_end: int, lang: str = "en"
               ) -> list[str]:
    """Why these levers cannot make a scenario (empty: they can), in ``lang``: a negative
    number, a start after the horizon, a budget below one month of the places, or another
    package or payer for a lurah list whose members a scheme in force already pays for (a
    scenario's terms would move them all; the offline page adds places as a group of their
    own instead)."""
    why = []
    if levers.start > horizon_end:
        why.append(text("why_after_horizon", lang, start=month_name(levers.start, lang),
                        end=month_name(horizon_end, lang)))
    for year, places in levers.quota.items():
        if places < 0:
            why.append(text("why_negative_places", lang, year=year, places=number(places,
                                                                                   lang)))
        cap = levers.budget_rp.get(year)
        if cap is not None and places > 0:
            month = max(levers.start, year * 12)
            one_month = places * monthly_price(params, levers, month)
            if cap < one_month:
                why.append(text("why_budget_below_a_month", lang, year=year,
                                cap=rupiah(cap, lang), places=number(places, lang),
                                month=rupiah(one_month, lang)))
    if not 0 <= levers.pass_rate <= 1 or levers.contacts_per_month < 0 or levers.listed < 0:
        why.append(text("why_rates", lang))
    in_force = scheme_in_force(params, levers)
    if in_force is not None and levers.package != "pu_jkk_jkm" and in_force != (
            levers.payer, levers.package):
        payer, package = in_force
        why.append(text("why_moves_members", lang, region=params.region(levers.region).name,
                        package=text(f"package_{package}", lang),
                        payer=text(f"payer_{payer}", lang)))
    return why


def scheme_in_force(params: ParamSet, levers: Levers) -> tuple[str, str] | None:
    """(payer, package) of the lurah-list scheme the base scenario runs in the region at the
    start, or None where none runs (a subsidy the levers create may take any)."""
    based = apply_scenario(params, levers.base)
    code = based.region(levers.region).code
    if scheme_at(based.schemes, code, levers.start) is None:
        return None
    return payer_and_package(based.schemes, code, levers.start, based.terms)


def monthly_price(params: ParamSet, levers: Levers, month: int) -> float:
    """Rupiah a month for one place on the chosen package and payer (with the reliefs
    that payer gets)."""
    code = params.region(levers.region).code
    if levers.package == "pu_jkk_jkm":
        return params.parameter("pu_package_rp").central(code, month) or 0.0
    return float(package_cost_grid(params, [code], range(month, month + 1),
                                   PACKAGE_PROGRAMMES[levers.package],
                                   payer=levers.payer)[0, 0])


def document(levers: Levers, params: ParamSet, name: str = EXPLORED,
             title: dict | None = None, owner: str | None = None,
             reason: dict | None = None) -> dict:
    """The scenario file the levers make (bilingual texts, as every scenario file)."""
    slug, start = levers.region, levers.start
    lag = int(params.parameter("subsidy_lag_months").central(
        params.region(slug).code, start) or 0)
    why = reason or {"id": "diubah di penjelajah skenario", "en": "changed in the explorer"}
    first = max(start - lag, 0)
    years = sorted(levers.quota)
    quota_name = "wage_earner_quota" if levers.package == "pu_jkk_jkm" else "subsidy_quota"
    changes = {
        quota_name: {y: levers.quota[y] for y in years},
        "subsidy_budget_cap_rp": {y: levers.budget_rp.get(y) for y in years},
        "outreach_contacts_per_month": {years[0]: levers.contacts_per_month},
    }
    values = {name: {_month_of(y, start): {slug: v} for y, v in by_year.items()}
              for name, by_year in changes.items()}
    based = apply_scenario(params, levers.base)
    code = based.region(slug).code
    if levers.package != "pu_jkk_jkm":  # the listing for the start; then as the base lists
        after = based.parameter("subsidy_listed_per_month").central(code, first + 1) or 0
        values["subsidy_listed_per_month"] = {format_month(first): {slug: levers.listed},
                                              format_month(first + 1): {slug: after}}
        values["verification_pass_rate"] = {format_month(first): {slug: levers.pass_rate}}
    for parameter, central in levers.behaviour.items():  # only what was moved
        if abs(central - (based.parameter(parameter).central(code, start) or 0.0)) > 1e-9:
            values[parameter] = {format_month(start): {slug: _range(based, parameter, slug,
                                                                    start, central)}}
    # a copy of the reason per change: YAML would write one shared dict as &anchors
    body = {"changes": {k: {"reason": dict(why), "values": v} for k, v in values.items()}}
    if levers.package != "pu_jkk_jkm":
        body["subsidy_terms"] = {"reason": dict(why), "values": {format_month(start): {
            slug: {"payer": levers.payer, "package": levers.package}}}}
    described = _described(levers, params)
    return {"name": name, "title": title or {"id": name, "en": name}, "description": described,
            "builds_on": [levers.base], **({"owner": owner} if owner else {}), **body}


def _month_of(year: int, start: int) -> str:
    """The first month of an APBD year, or the start month within its first year."""
    return format_month(max(year * 12, start))


def _range(params: ParamSet, name: str, slug: str, month: int, central: float) -> dict:
    """A behavioural value moved to ``central``, its range moved with it (within bounds)."""
    value = params.parameter(name).at(params.region(slug).code, month)
    ratio = central / value.central if value.central else 1.0
    low, high = value.low * ratio, value.high * ratio
    top = 1.0 if params.parameter(name).unit in ("/1", "/month") else high
    return {"low": round(min(low, central), 6), "central": round(central, 6),
            "high": round(max(min(high, top), central), 6)}


def _described(levers: Levers, params: ParamSet) -> dict:
    """What the levers say, in both languages, for the report's list of changes."""
    name = params.region(levers.region).name
    said = {}
    for lang in ("id", "en"):
        start = month_name(levers.start, lang)
        places = ", ".join(f"{y}: {number(levers.quota[y], lang)}" for y in sorted(levers.quota))
        package = text(f"package_{levers.package}", lang)
        payer = text(f"payer_{levers.payer}", lang)
        contacts = number(levers.contacts_per_month, lang)
        base = params.scenarios[levers.base].title(lang)
        said[lang] = (f"Dari skenario \"{base}\", {name}: tempat yang dibiayai {places} "
                      f"mulai {start}, paket {package}, dibayar {payer}, {contacts} kontak "
                      "sosialisasi sebulan." if lang == "id" else
                      f"From scenario \"{base}\", {name}: places paid for {places} from "
                      f"{start}, package {package}, paid by {payer}, {contacts} outreach "
                      "contacts a month.")
    return said


@dataclass
class Explorer:
    """One region's explorer: the lab it runs in, the levers, the last outcome."""

    lab: Lab
    levers: Levers
    last: ReportData | None = None

    @classmethod
    def load(cls, params_dir: str, region: str, base: str = defaults.SUBSIDY_SCENARIO,
             data_dir: str | None = None, draws: int = defaults.LAB_DRAWS,
             lang: str = defaults.LANG) -> Explorer:
        lab = Lab.load(params_dir, region, draws=draws, lang=lang, data_dir=data_dir)
        return cls(lab, initial_levers(lab, base))

    @property
    def horizon_end(self) -> int:
        return self.lab.start + self.lab.months - 1

    def run(self, levers: Levers) -> Outcome:
        """Project the levers' scenario against the policy in force; bad levers are bad
        input saying why."""
        why = impossible(levers, self.lab.params, self.horizon_end, self.lab.lang)
        if why:
            raise InputError([Problem("explorer", "levers", levers.region, w) for w in why])
        self.levers = levers
        base = self.lab.params
        self.lab.params = with_scenario(base, document(levers, base), "explorer")
        try:
            self.last = self.lab.run([BASELINE, EXPLORED])
        finally:
            self.lab.params = base
        return outcome(self.last, levers.region)

    def save(self, folder: str | Path, name: str, title: dict, owner: str,
             reason: dict) -> Path:
        """Write the explored scenario as ``folder/name.yaml``; an existing name is refused
        (choose another), never overwritten."""
        path = Path(folder) / f"{name}.yaml"
        problems, lang = [], self.lab.lang
        if not name.replace("-", "").isalnum() or not name.islower():
            problems.append(Problem("name", "", name, text("why_bad_name", lang)))
        if name in self.lab.params.scenarios or path.exists():
            problems.append(Problem("name", "", name, text("why_name_in_use", lang,
                                                           name=name)))
        if not owner.strip():
            problems.append(Problem("owner", "", owner, text("why_no_owner", lang)))
        if problems:
            raise InputError(problems)
        content = document(self.levers, self.lab.params, name, title, owner.strip(), reason)
        with_scenario(self.lab.params, content, str(path))  # checked before it is written
        path.parent.mkdir(parents=True, exist_ok=True)
        header = ("# Written by the jamsos explorer; `jamsos params check` checks it and "
                  "`jamsos report --scenarios` shows it.\n")
        write_text_atomically(path, header + yaml.safe_dump(content, sort_keys=False,
                                                            allow_unicode=True, width=100))
        return path


def initial_levers(lab: Lab, base: str) -> Levers:
    """The levers as ``base`` sets them for the lab's region in the APBD year in focus."""
    params = apply_scenario(lab.params, base)
    code = params.region(lab.region).code
    first_year = year_of(lab.start) + (1 if lab.start % 12 >= 6 else 0)
    years = [y for y in range(first_year, first_year + 3)
             if y * 12 <= lab.start + lab.months - 1]
    start = max(lab.start, first_year * 12)

    def central(name: str, month: int) -> float:
        return params.parameter(name).central(code, month) or 0.0

    caps = {y: params.parameter("subsidy_budget_cap_rp").central(code, y * 12) for y in years}
    payer, package = payer_and_package(params.schemes, code, start, params.terms)
    return Levers(
        region=lab.region, base=base, start=start, package=package, payer=payer,
        quota={y: int(central("subsidy_quota", y * 12)) for y in years},
        budget_rp={y: None if caps[y] is None else int(caps[y]) for y in years},
        contacts_per_month=int(central("outreach_contacts_per_month", start)),
        listed=int(max(central("subsidy_listed_per_month", m) for m in range(
            lab.start, start + 1))),
        pass_rate=round(central("verification_pass_rate", start), 4),
        behaviour={name: round(central(name, start), 6) for name in BEHAVIOUR})


def outcome(data: ReportData, region: str) -> Outcome:
    """The key numbers of :data:`EXPLORED` against the baseline in ``data``."""
    year = data.settings.apbd_year
    end_of_year = min(year * 12 + 11, data.settings.horizon_end)
    budget = data.budget[(data.budget.scenario == EXPLORED) & (data.budget.region == region)]
    paid = data.payers[(data.payers.scenario == EXPLORED) & (data.payers.region == region)]
    by_payer: dict[int, dict[str, float]] = {int(y): {} for y in budget.year}
    for row in paid.itertuples():
        spent = by_payer.setdefault(int(row.year), {})
        spent[row.payer] = spent.get(row.payer, 0.0) + float(row.rp_p50)
    per_worker = cost_per_protected_worker_year(data, EXPLORED, region)
    return Outcome(
        apbd_year=year,
        active_end_of_year=data.value(EXPLORED, "active", region, end_of_year),
        baseline_end_of_year=data.value(BASELINE, "active", region, end_of_year),
        cost_by_payer=by_payer,
        protected_end_of_year=data.value(EXPLORED, PROTECTED, region, end_of_year),
        baseline_protected_end_of_year=data.value(BASELINE, PROTECTED, region, end_of_year),
        cost_per_additional_worker_year_rp=per_worker,
        limits={int(r.year): (r.limit if isinstance(r.limit, str) else "none")
                for r in budget.itertuples()})


# ------------------------------------------------------------ workers protected

PUBLIC_SPEND = ("subsidy_rp", "agency_rp", "outreach_rp", "wage_earner_rp")


def _protected(data: ReportData, scenario: str, region: str) -> np.ndarray:
    """(draws, months + 1) workers protected per draw: active BPU members (self-paying, in
    arrears or paid for) plus the wage earners whose package a government pays."""
    per_draw, unit = data.runs[scenario].per_draw, data.unit(region)
    return sum(np.broadcast_to(per_draw[m][:, unit], per_draw["active"][:, unit].shape)
               for m in PROTECTED)


def _bands(values: np.ndarray) -> dict[str, float]:
    return dict(zip(("p10", "p50", "p90"), percentiles(values[:, None])[:, 0], strict=True))


def protected_path(data: ReportData, scenario: str, region: str, months) -> list[float]:
    """The median workers protected at the end of each of ``months`` (a chart's line)."""
    slots = [data.slot(m) for m in months]
    return [float(v) for v in percentiles(_protected(data, scenario, region)[:, slots])[1]]


def cost_per_protected_worker_year(data: ReportData, scenario: str, region: str,
                                   last: int | None = None, against: str = BASELINE
                                   ) -> float | None:
    """Median Rupiah of public spend a scenario adds per additional worker-year protected,
    from the projection's start to ``last`` (the horizon): for every package, the wage
    earners it pays for counted as workers and their package as spend (the engine's
    ``cost_per_additional_worker_year_rp`` counts BPU members only; where a scenario adds
    no wage earners the two agree). None where it adds no worker-years."""
    last = data.settings.horizon_end if last is None else last
    unit, window = data.unit(region), slice(1, data.slot(last) + 1)
    own, base = data.runs[scenario].per_draw, data.runs[against].per_draw

    def spend(per_draw: dict) -> np.ndarray:
        return sum(per_draw[m][:, unit, window].sum(axis=1) for m in PUBLIC_SPEND)

    years = (_protected(data, scenario, region)[:, window]
             - _protected(data, against, region)[:, window]).sum(axis=1) / 12.0
    positive = years > 1e-6
    ratio = np.where(positive, (spend(own) - spend(base)) / np.where(positive, years, 1.0),
                     np.nan)
    if not positive.any():
        return None
    return float(_bands(ratio)["p50"])


def moved(levers: Levers, **changes: object) -> Levers:
    """The levers with some values changed (what a control does)."""
    return replace(levers, **changes)
