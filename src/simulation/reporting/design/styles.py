"""How scenarios and figures look: every chart and the briefing deck share these.

A scenario's colour, line style, marker and hatch come from the ``display`` block of its
file, so a print in black and white still tells scenarios apart; a scenario without one
(a lab variant) takes the next of a few spare styles.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib.pyplot as plt

from ...params import Scenario

# spare styles for scenarios without a display block: colour-blind-safe colours dark
# enough for white paper (Okabe-Ito, Tol), and dashes and markers the shipped files do not
# use; combined so that the first 36 spares all differ, in grey print too
_SPARE_COLOURS = ("#D55E00", "#56B4E9", "#882255", "#117733", "#332288", "#AA4499")
_SPARE_DASHES = ((0, (3, 1)), (0, (1, 2)), (0, (6, 2)), (0, (4, 1, 1, 1, 1, 1)),
                 (0, (8, 2, 2, 2)), (0, (2, 4)))
_SPARE_MARKERS = ("P", "X", "*", "<", ">", "h")
_SPARE_HATCHES = ("++", "xx", "..", "oo", "||", "**")


def spare_style(order: int) -> dict:
    """The ``order``-th spare style: colour, dash, marker and hatch."""
    n = len(_SPARE_COLOURS)
    cycle, step = divmod(order, n)
    return {"color": _SPARE_COLOURS[step], "linestyle": _SPARE_DASHES[(step + cycle) % n],
            "marker": _SPARE_MARKERS[cycle % n], "hatch": _SPARE_HATCHES[(step + cycle) % n]}

# text.parse_math off: words from files (a title 'US$2 dan US$3') are drawn as written,
# never read as mathtext, which drops the dollars or fails on a stray backslash; no chart
# of ours uses mathtext
RC = {"font.size": 14, "axes.titlesize": 17, "axes.labelsize": 15, "xtick.labelsize": 13,
      "ytick.labelsize": 13, "legend.fontsize": 12, "axes.spines.top": False,
      "axes.spines.right": False, "figure.dpi": 100, "savefig.dpi": 150,
      "text.parse_math": False}


def scenario_style(scenario: Scenario | None, order: int = 0) -> dict:
    """Colour, line style, marker and hatch of a scenario, as matplotlib keywords."""
    display = scenario.display if scenario is not None else None
    if display is None:
        return spare_style(order)
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
