"""Display helpers for notebooks: headings, Markdown, charts and tables in a line each.

Every text shown goes out as sanitised HTML with the values from files escaped (see
:mod:`.markup`): a scenario title or a file name can never become markup in a report."""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from matplotlib.figure import Figure

from ...design.charts import description
from ...words.markup import markdown_html, markdown_text, sanitise
from ...words.texts import text


def heading(key: str, lang: str, level: int = 2, number: int | None = None,
            **values: object) -> None:
    """A heading, numbered where the template gives its section a ``number``."""
    prefix = f"{number}. " if number is not None else ""
    words = html.escape(prefix + text(key, lang, **values))
    anchor = words.replace(" ", "-")  # as nbconvert names heading anchors: print CSS uses it
    display(HTML(sanitise(f'<h{level} id="{anchor}">{words}</h{level}>')))


def section(key: str, lang: str, content: str | None, level: int = 3,
            **values: object) -> None:
    """A heading and its Markdown (composed by the package); nothing without content."""
    if content:
        heading(key, lang, level=level, **values)
        markdown(content)


def markdown(content: str) -> None:
    """Markdown the package composed (values from files already escaped), as safe HTML."""
    display(HTML(markdown_html(content)))


def note(key: str, lang: str, **values: object) -> None:
    """A paragraph of :mod:`.texts` with its values (numbers, names, file names) escaped."""
    markdown(markdown_text(key, lang, **values))


def figure(fig: Figure | None, alt: str | None = None) -> None:
    """Show a chart once, as an inline PNG with its alt text, and release it (no reliance
    on the inline backend's auto-display, whose image has no alt text: nbconvert then
    writes "No description has been provided for this image").

    The alt text is ``alt``, else the chart's own (:func:`..design.charts.description`:
    its title and a line of what it shows, in the report's language)."""
    if fig is None:
        return
    words = alt or description(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight",
                facecolor="#ffffff")
    plt.close(fig)
    display(HTML(image_html(buffer.getvalue(), words)))


def image_html(png: bytes, alt: str) -> str:
    """An <img> of a PNG embedded as data (the page's policy allows images from data:
    only), its alt text escaped, sanitised like every other output."""
    data = base64.b64encode(png).decode("ascii")
    words = html.escape(" ".join(alt.split()), quote=True)
    return sanitise(f'<img src="data:image/png;base64,{data}" alt="{words}">')


_LONG_WORD = re.compile(r"\S{30,}")  # a web address, mostly: wider than a column may be


def _cell(value: object) -> object:
    """A cell's text escaped, with a line-break opportunity (<wbr>, no character: a copied
    address stays whole) after each slash of a long word, so a source's web address wraps
    in its column instead of widening the table past the page."""
    if not isinstance(value, str):
        return value
    return _LONG_WORD.sub(lambda word: word.group(0).replace("/", "/<wbr>"),
                          html.escape(value, quote=False))


def table(frame: pd.DataFrame) -> None:
    """A table without the index, escaped, readable in the HTML export; its footnote
    (``frame.attrs["note"]``, for cells marked *) under it."""
    if frame.empty:
        return
    note_text = frame.attrs.get("note")
    footnote = f'<p class="muted">{html.escape(note_text)}</p>' if note_text else ""
    shown = frame.map(_cell).rename(columns=lambda name: html.escape(str(name), quote=False))
    display(HTML(shown.to_html(index=False, escape=False, border=0) + footnote))
