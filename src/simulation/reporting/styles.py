"""How scenarios and figures look: every chart and the briefing deck share these.

A scenario's colour, line style, marker and hatch come from the ``display`` block of its
file, so a print in black and white still tells scenarios apart; a scenario without one
(a lab variant) takes the next of a few spare styles.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib.pyplot as plt

from ..params import Scenario

# spare colour-blind-safe (Okabe-Ito) colours, dashes and markers for undecorated scenarios
_SPARE = [("#56B4E9", (0, (3, 1)), "P"), ("#D55E00", (0, (1, 2)), "X"),
          ("#F0E442", (0, (6, 2)), "*")]

RC = {"font.size": 14, "axes.titlesize": 17, "axes.labelsize": 15, "xtick.labelsize": 13,
      "ytick.labelsize": 13, "legend.fontsize": 12, "axes.spines.top": False,
      "axes.spines.right": False, "figure.dpi": 100, "savefig.dpi": 150}


def scenario_style(scenario: Scenario | None, order: int = 0) -> dict:
    """Colour, line style, marker and hatch of a scenario, as matplotlib keywords."""
    display = scenario.display if scenario is not None else None
    if display is None:
        colour, dash, marker = _SPARE[order % len(_SPARE)]
        return {"color": colour, "linestyle": dash, "marker": marker, "hatch": "++"}
    line = display.line if isinstance(display.line, str) else (0, display.line)
    return {"color": display.colour, "linestyle": line, "marker": display.marker,
            "hatch": display.hatch}


@contextmanager
def report_style():
    """Our sizes for the figures made inside; restores only the keys it set (plt.rc_context
    would also restore ``interactive``, switching off a notebook's inline display when
    pyplot's backend is first resolved inside it)."""
    previous = {key: plt.rcParams[key] for key in RC}
    plt.rcParams.update(RC)
    try:
        yield
    finally:
        plt.rcParams.update(previous)
