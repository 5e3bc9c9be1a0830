"""The explorer in JupyterLab: ipywidgets controls over :mod:`.explorer`.

    from simulation.reporting.formats.explorer.widgets import ExplorerApp
    ExplorerApp.load("../../params", "ngawi", data_dir="../../data").show()

Every control shows its range (and, for an assumption, its source); a change reprojects
(about 0.1 s at 300 draws) and redraws the fan chart and the key numbers. A combination that
would make an impossible scenario is not run: the reason is shown instead, in the explorer's
language. Where a lurah-list scheme already runs, its package and payer stay (a note says
so): a scenario cannot give new lurah-list places another package without moving its
members; the report's offline page adds places on another package as a group of their own.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

from ....errors import InputError
from ....params.schema import PAYERS
from ...content.whatif import (
    PACKAGES,
    Explorer,
    Levers,
    Outcome,
    initial_levers,
    moved,
    scheme_in_force,
)
from ...design import charts
from ...words.formatting import compact_rupiah, month_name, rupiah, value_range
from ...words.texts import text

PLACES_MAX = 30_000
BUDGET_MAX_RP = 20_000_000_000


class ExplorerApp:
    """The controls, the output area and the save box of one region's explorer."""

    def __init__(self, explorer: Explorer, local_scenarios: str | Path):
        self.explorer = explorer
        self.local_scenarios = Path(local_scenarios)
        self.lang = explorer.lab.lang
        levers = explorer.levers
        lab = explorer.lab
        months = range(lab.start, explorer.horizon_end + 1)
        style = {"description_width": "190px"}
        layout, wide = widgets.Layout(width="560px"), widgets.Layout(width="460px")
        say = self.say
        self.region = widgets.Dropdown(options=[(r.name, r.slug) for r in lab.params.regions],
                                       value=levers.region, description=say("ctl_region"),
                                       style=style, layout=wide)
        self.base = widgets.Dropdown(options=sorted(lab.params.scenarios), value=levers.base,
                                     description=say("ctl_base"), style=style, layout=wide)
        self.start = widgets.Dropdown(options=[(month_name(m, self.lang), m) for m in months],
                                      value=levers.start, description=say("ctl_start"),
                                      style=style, layout=wide)
        self.package = widgets.Dropdown(
            options=[(text(f"package_{p}", self.lang), p) for p in PACKAGES],
            value=levers.package, description=say("ctl_package"), style=style, layout=wide)
        self.payer = widgets.Dropdown(options=[(text(f"payer_{p}", self.lang), p)
                                               for p in PAYERS if p != "worker"],
                                      value=levers.payer, description=say("ctl_payer"),
                                      style=style, layout=wide)
        self.quota = {y: widgets.IntSlider(value=v, min=0, max=PLACES_MAX, step=100,
                                           description=say("ctl_places", year=y), style=style,
                                           layout=layout)
                      for y, v in levers.quota.items()}
        self.caps = {y: widgets.BoundedIntText(value=0 if v is None else v, min=0,
                                                 max=BUDGET_MAX_RP,
                                                 description=say("ctl_budget", year=y),
                                                 style={"description_width": "110px"})
                       for y, v in levers.budget_rp.items()}
        self.contacts = widgets.IntSlider(value=levers.contacts_per_month, min=0, max=20_000,
                                          step=100, description=say("ctl_contacts"),
                                          style=style, layout=layout)
        self.listed = widgets.IntSlider(value=levers.listed, min=0, max=50_000, step=500,
                                        description=say("ctl_listed"), style=style,
                                        layout=layout)
        self.pass_rate = widgets.FloatSlider(value=levers.pass_rate, min=0.0, max=1.0,
                                             step=0.01, description=say("ctl_pass_rate"),
                                             style=style, layout=layout)
        self.behaviour = {name: self._assumption(name, value, style, layout)
                          for name, value in levers.behaviour.items()}
        self.message = widgets.HTML()
        self.in_force = widgets.HTML(self.in_force_note(self.levers()))
        self.numbers = widgets.HTML()
        self.chart = widgets.Output()
        self.name = widgets.Text(description=say("ctl_name"), placeholder="kuota-7000-juli",
                                 style=style)
        self.owner = widgets.Text(description=say("ctl_owner"), placeholder="Bappeda Ngawi",
                                  style=style)
        self.title_id = widgets.Text(description=say("ctl_title", language="id"), style=style,
                                     layout=layout)
        self.title_en = widgets.Text(description=say("ctl_title", language="en"), style=style,
                                     layout=layout)
        self.reason_id = widgets.Text(description=say("ctl_reason", language="id"), style=style,
                                      layout=layout)
        self.reason_en = widgets.Text(description=say("ctl_reason", language="en"), style=style,
                                      layout=layout)
        self.save_button = widgets.Button(description=say("ctl_save"),
                                          button_style="primary",
                                          layout=widgets.Layout(width="220px"))
        self.saved = widgets.HTML()
        self.last: Outcome | None = None
        self._quiet = False  # while the controls are set from a new region's levers
        for control in self.controls():
            control.observe(lambda _: self.update(), names="value")
        self.region.observe(lambda change: self.switch_region(change["new"]), names="value")
        self.save_button.on_click(lambda _: self.save())

    @classmethod
    def load(cls, params_dir: str, region: str, data_dir: str | None = None,
             draws: int | None = None, lang: str = "id") -> ExplorerApp:
        options = {"draws": draws} if draws else {}
        explorer = Explorer.load(params_dir, region, data_dir=data_dir, lang=lang, **options)
        return cls(explorer, Path(params_dir) / "local" / "scenarios")

    def say(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def in_force_note(self, levers: Levers) -> str:
        """Which package and payer the region's lurah-list scheme keeps (empty: none runs)."""
        found = scheme_in_force(self.explorer.lab.params, levers)
        if found is None:
            return ""
        payer, package = found
        note = self.say("ctl_in_force", region=self.explorer.lab.params.region(
            levers.region).name, package=self.say(f"package_{package}"),
                        payer=self.say(f"payer_{payer}"))
        return f'<span style="font-size:12px;color:#555">{html.escape(note)}</span>'

    def _assumption(self, name: str, value: float, style: dict, layout) -> widgets.FloatSlider:
        """A slider over an assumption's plausible span, its range and source beside it."""
        parameter = self.explorer.lab.params.parameter(name)
        code = self.explorer.lab.params.region(self.explorer.levers.region).code
        shipped = parameter.at(code, self.explorer.levers.start)
        top = parameter.plausible[1] or max(shipped.high * 2, value * 2)
        label = parameter.label_en if self.lang == "en" else parameter.label_id
        slider = widgets.FloatSlider(value=value, min=0.0, max=top, step=top / 200,
                                     readout_format=".3f", description=label[:28], style=style,
                                     layout=layout, tooltip=label)
        source = parameter.references[0].title.in_(self.lang) if parameter.references else ""
        slider.help = widgets.HTML(  # shown under the slider
            f'<span style="font-size:12px;color:#555">{html.escape(label)}: '
            f"{shipped.low:g}–{shipped.high:g} ({html.escape(self.say(f'kind_{parameter.kind}'))}; "
            f"{html.escape(str(source))[:140]})</span>")
        return slider

    def controls(self) -> list:
        return [self.base, self.start, self.package, self.payer, *self.quota.values(),
                *self.caps.values(), self.contacts, self.listed, self.pass_rate,
                *self.behaviour.values()]

    def levers(self) -> Levers:
        return moved(
            self.explorer.levers, base=self.base.value, start=self.start.value,
            package=self.package.value, payer=self.payer.value,
            quota={y: w.value for y, w in self.quota.items()},
            budget_rp={y: (w.value or None) for y, w in self.caps.items()},
            contacts_per_month=self.contacts.value, listed=self.listed.value,
            pass_rate=self.pass_rate.value,
            behaviour={name: w.value for name, w in self.behaviour.items()})

    def switch_region(self, slug: str) -> Outcome | None:
        """Another region: its own levers as the base scenario sets them, then a run."""
        lab = self.explorer.lab
        code = lab.params.region(slug).code
        moved_lab = replace(lab, region=slug, start=lab.observations.start_month([code]),
                            last=None)
        self.explorer = Explorer(moved_lab, initial_levers(moved_lab, self.base.value))
        levers = self.explorer.levers
        self._quiet = True
        try:
            self.start.value, self.package.value = levers.start, levers.package
            self.payer.value, self.contacts.value = levers.payer, levers.contacts_per_month
            self.listed.value, self.pass_rate.value = levers.listed, levers.pass_rate
            for year, slider in self.quota.items():
                slider.value = levers.quota.get(year, 0)
                self.caps[year].value = levers.budget_rp.get(year) or 0
            for name, slider in self.behaviour.items():
                slider.value = levers.behaviour[name]
        finally:
            self._quiet = False
        return self.update()

    def update(self) -> Outcome | None:
        """Reproject with the controls' values; an impossible combination says why."""
        if self._quiet:
            return None
        self.in_force.value = self.in_force_note(self.levers())
        try:
            self.last = self.explorer.run(self.levers())
        except InputError as error:
            self.message.value = "".join(
                f'<p style="color:#a00000">⚠ {html.escape(p.expected)}</p>'
                for p in error.problems)
            return None
        self.message.value = ""
        self.numbers.value = numbers_html(self.last, self.lang)
        self.chart.clear_output(wait=True)
        with self.chart:
            figure = charts.fan_chart(self.explorer.last, self.explorer.levers.region)
            display(figure)
            plt.close(figure)
        return self.last

    def save(self):
        """Write the scenario; a name already in use, or no owner, says so and writes
        nothing."""
        try:
            path = self.explorer.save(
                self.local_scenarios, self.name.value.strip(),
                {"id": self.title_id.value or self.name.value,
                 "en": self.title_en.value or self.name.value}, self.owner.value,
                {"id": self.reason_id.value or "-", "en": self.reason_en.value or "-"})
        except InputError as error:
            self.saved.value = "".join(
                f'<p style="color:#a00000">⚠ {html.escape(p.expected)}</p>'
                for p in error.problems)
            return None
        self.saved.value = f"<p>✓ {html.escape(str(path))}</p>"
        return path

    def show(self) -> None:
        rows = [self.region, self.base, self.start, self.package, self.payer, self.in_force]
        rows += [widgets.HBox([self.quota[y], self.caps[y]]) for y in self.quota]
        rows += [widgets.HTML(f'<span style="font-size:12px;color:#555">'
                              f'{html.escape(self.say("ctl_no_cap"))}</span>'),
                 self.contacts, self.listed, self.pass_rate]
        rows += [widgets.VBox([w, w.help]) for w in self.behaviour.values()]
        save = widgets.VBox([widgets.HBox([self.name, self.owner]), self.title_id,
                             self.title_en, self.reason_id, self.reason_en, self.save_button,
                             self.saved])
        display(widgets.VBox([*rows, self.message, self.numbers, self.chart, save]))
        self.update()


def numbers_html(result: Outcome, lang: str) -> str:
    """The key numbers as a small table (escaped)."""
    year = result.apbd_year
    protected = text("widget_protected", lang, year=year)
    rows = [(f"{protected} ({text('explored', lang)})",
             value_range(result.protected_end_of_year, lang)),
            (f"{protected} ({text('policy_in_force', lang)})",
             value_range(result.baseline_protected_end_of_year, lang))]
    for budget_year, payers in sorted(result.cost_by_payer.items()):
        spent = "; ".join(f"{text(f'payer_{p}', lang)} {compact_rupiah(v, lang)}"
                          for p, v in payers.items() if v)
        limit = result.limits.get(budget_year, "none")
        limited = "" if limit == "none" else f" · {text(f'limit_{limit}', lang)}"
        rows.append((f"APBD {budget_year}", f"{spent or '–'}{limited}"))
    per_worker = result.cost_per_additional_worker_year_rp
    rows.append((text("per_additional_worker_year", lang),
                 "–" if per_worker is None else rupiah(per_worker, lang)))
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                   for k, v in rows)
    return f'<table class="explorer-numbers">{body}</table>'


