"""The scenario lab: copy a scenario, change a value, run, compare — in a notebook.

    lab = Lab.load("../../params", "pacitan", months=60, data_dir="../../data")
    lab.variant("kuota-6000", "bantuan-iuran", "subsidy_quota", {"2027-01": 6000})
    lab.compare(["baseline", "bantuan-iuran", "kuota-6000"])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ... import defaults
from ...errors import InputError
from ...intake.state import Observations
from ...months import format_month, parse_month
from ...params import BASELINE, ParamSet, load_params, scenario_names, with_change
from ...params.selection import select_regions
from ..words.formatting import number, rupiah
from .data import ReportData
from .provenance import owner_text
from .settings import ReportSettings


@dataclass
class Lab:
    params: ParamSet
    region: str
    start: int
    months: int
    draws: int
    seed: int
    lang: str = "en"
    observations: Observations = field(default_factory=lambda: Observations(
        pd.DataFrame(), pd.DataFrame()), repr=False)
    last: ReportData | None = field(default=None, repr=False)

    @classmethod
    def load(cls, params_dir: str, region: str, start: str | None = None,
             months: int = defaults.HORIZON_MONTHS, draws: int = defaults.LAB_DRAWS,
             seed: int = defaults.SEED, lang: str = "en", data_dir: str | None = None) -> Lab:
        """The lab for a region; it starts from the data in ``data_dir`` (actuals and
        published counts) at the month before ``start``, by default the month after the
        latest actuals."""
        params = load_params(params_dir)
        observations = Observations.read(data_dir, params)  # data name the tree's regions
        try:
            slug = params.region(region, "region").slug
        except InputError:  # a kabupaten/kota outside the tree: filled from province figures
            params = _outside_the_tree(params, region)
            slug = params.regions[0].slug
        if start:
            first = parse_month(start, "start")
        else:
            first = observations.start_month([params.region(slug).code])
        return cls(params, slug, first, int(months), int(draws), int(seed), lang,
                   observations)

    def __repr__(self) -> str:
        variants = [n for n, s in self.params.scenarios.items()
                    if not s.source_file.endswith(".yaml")]
        return (f"Lab({self.region}, {format_month(self.start)} + {self.months} months, "
                f"{self.draws} draws, seed {self.seed}; {len(self.params.scenarios)} "
                f"scenarios" + (f", variants: {', '.join(variants)}" if variants else "") + ")")

    def scenarios(self) -> pd.DataFrame:
        return pd.DataFrame([{"name": s.name, "title": s.title(self.lang),
                              "owner": owner_text(s, self.lang),
                              "builds_on": ", ".join(s.builds_on),
                              "changes": ", ".join(dict.fromkeys(c.parameter
                                                                 for c in s.changes))}
                             for s in self.params.scenarios.values()])

    def parameters(self) -> pd.DataFrame:
        code = self.params.region(self.region).code
        rows = []
        for p in self.params.parameters.values():
            found = p.entry_at(code, self.start)
            rows.append({"name": p.name, "label": p.label_en, "unit": p.unit, "kind": p.kind,
                         "value": None if found is None else found[1].central,
                         "range": None if found is None or not found[1].is_uncertain
                         else f"{found[1].low:g}-{found[1].high:g}"})
        return pd.DataFrame(rows)

    def variant(self, name: str, base: str, parameter: str, values: dict) -> Lab:
        """A new scenario ``name``: ``base`` with ``parameter`` set to ``values`` by month."""
        self.params = with_change(self.params, name, base, parameter, values)
        return self

    def change(self, name: str, parameter: str, values: dict) -> Lab:
        """One more change to an existing lab scenario."""
        self.params = with_change(self.params, name, None, parameter, values)
        return self

    def run(self, names: list[str]) -> ReportData:
        chosen = scenario_names(self.params, ",".join(names), "names")
        ordered = (BASELINE, *[n for n in chosen if n != BASELINE])
        settings = ReportSettings(self.start - 1, ordered, self.months, self.draws, self.seed,
                                  self.lang)
        self.last = ReportData.build(self.params, (self.params.region(self.region),), settings,
                                     start=self.start, actuals=self.observations.actuals,
                                     points=self.observations.points)
        return self.last

    @property
    def table(self) -> pd.DataFrame:
        return self.last.table if self.last is not None else pd.DataFrame()

    def compare(self, names: list[str], formatted: bool = True):
        """Per scenario at the horizon: active, additional vs baseline, public cost, and
        what limited enrolment. Shown formatted (a pandas Styler: thousands separators,
        Rupiah, "–" for none); ``formatted=False`` (or ``.data``) gives the numbers."""
        data = self.run(names)
        end = data.settings.horizon_end
        first = data.request.start
        rows = []
        for name in data.settings.scenarios:
            active = data.value(name, "active", self.region, end)
            cost = data.cumulative(name, "subsidy_rp", self.region, first, end)["p50"]
            outreach = data.cumulative(name, "outreach_rp", self.region, first, end)["p50"]
            budget = data.budget[(data.budget.scenario == name)
                                 & (data.budget.region == self.region)]
            binds = budget.cap_binds_month.dropna()
            limits = budget.limit.dropna()
            rows.append({
                "scenario": name,
                f"active {format_month(end)} (p50)": round(active["p50"]),
                "p10": round(active["p10"]), "p90": round(active["p90"]),
                "additional vs baseline": round(data.value(name, "additional_active",
                                                           self.region, end)["p50"]),
                "subsidy Rp": round(cost), "outreach Rp": round(outreach),
                "cost per additional worker-year Rp": data.value(
                    name, "cost_per_additional_worker_year_rp", self.region, end)["p50"],
                "cap first binds": binds.iloc[0] if len(binds) else None,
                "limited by (last year)": limits.iloc[-1] if len(limits) else None,
            })
        table = pd.DataFrame(rows)
        return table.style.format(self._formats(table), na_rep="–").hide(axis="index") \
            if formatted else table

    def _formats(self, table: pd.DataFrame) -> dict:
        """How each column of :meth:`compare` reads, in the lab's language."""
        out = {}
        for column in table.columns:
            if column.endswith("Rp"):
                out[column] = lambda v: rupiah(v, self.lang)
            elif column.startswith("additional"):
                out[column] = lambda v: f"{'+' if v > 0 else ''}{number(v, self.lang)}"
            elif pd.api.types.is_numeric_dtype(table[column]):
                out[column] = lambda v: number(v, self.lang)
        return out


def _outside_the_tree(params: ParamSet, region: str) -> ParamSet:
    """The parameters for one kabupaten/kota outside the tree (its explorer lists only it);
    anything else the tree does not know is refused as :meth:`ParamSet.region` refuses it."""
    try:
        selected = select_regions(params, region, "region")
    except InputError:
        selected = None
    if selected is None or len(selected.regions) != 1:
        params.region(region, "region")  # raises, naming the regions of the tree
    return selected
