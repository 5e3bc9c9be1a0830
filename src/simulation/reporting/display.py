"""Display helpers for notebooks: headings, Markdown, charts and tables in a line each."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display
from matplotlib.figure import Figure

from .texts import text


def heading(key: str, lang: str, level: int = 2, number: int | None = None,
            **values: object) -> None:
    """A heading, numbered where the template gives its section a ``number``."""
    prefix = f"{number}. " if number is not None else ""
    display(Markdown(f"{'#' * level} {prefix}{html.escape(text(key, lang, **values))}"))


def markdown(content: str) -> None:
    display(Markdown(content))


def figure(fig: Figure | None) -> None:
    """Show a chart once and release it (no reliance on the inline backend's auto-display)."""
    if fig is None:
        return
    display(fig)
    plt.close(fig)


def table(frame: pd.DataFrame) -> None:
    """A table without the index, escaped, readable in the HTML export; its footnote
    (``frame.attrs["note"]``, for cells marked *) under it."""
    if frame.empty:
        return
    note = frame.attrs.get("note")
    footnote = f'<p class="muted">{html.escape(note)}</p>' if note else ""
    display(HTML(frame.to_html(index=False, escape=True, border=0) + footnote))
