"""Display helpers for notebooks: headings, Markdown, charts and tables in a line each."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display
from matplotlib.figure import Figure

from .texts import text


def heading(key: str, lang: str, level: int = 2, **values: object) -> None:
    display(Markdown(f"{'#' * level} {text(key, lang, **values)}"))


def markdown(content: str) -> None:
    display(Markdown(content))


def figure(fig: Figure | None) -> None:
    """Show a chart once and release it (no reliance on the inline backend's auto-display)."""
    if fig is None:
        return
    display(fig)
    plt.close(fig)


def table(frame: pd.DataFrame) -> None:
    """A table without the index, escaped, readable in the HTML export."""
    if frame.empty:
        return
    display(HTML(frame.to_html(index=False, escape=True, border=0)))
