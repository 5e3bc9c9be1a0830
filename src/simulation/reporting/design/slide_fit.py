"""Keeping words where they belong: a slide's inside their own box and on the page, a
bar chart's labels inside their axes.

Text on a slide is placed in figure fractions, but its width depends on the words (a long
scenario title, an English label, a large number). After layout each text is measured with
the renderer and, where it overflows, made smaller step by step and, at the smallest size,
wrapped onto more lines.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.text import Text

from ..words.formatting import shortened

PAGE = (0.02, 0.02, 0.98, 0.98)  # the margin every text keeps from the page edge
SMALLEST = 9.0  # points: still readable on a projector
# a slide's longest words are about 200 characters; each fitting step measures the text
# again, so a longer one (a 100,000-character title) is cut first, or fitting takes minutes
LONGEST = 400


def fits(figure: Figure, artist: Text, box: tuple[float, float, float, float]) -> bool:
    """Whether the text's drawn extent lies inside ``box`` (x0, y0, x1, y1, figure fraction)."""
    renderer = figure.canvas.get_renderer()
    extent = artist.get_window_extent(renderer).transformed(figure.transFigure.inverted())
    x0, y0, x1, y1 = box
    tolerance = 1e-4
    return (extent.x0 >= x0 - tolerance and extent.x1 <= x1 + tolerance
            and extent.y0 >= y0 - tolerance and extent.y1 <= y1 + tolerance)


def _cut(artist: Text) -> None:
    """Text beyond :data:`LONGEST` characters cut to it, with an ellipsis."""
    artist.set_text(shortened(artist.get_text(), LONGEST))


def fit_within(figure: Figure, artist: Text, box: tuple[float, float, float, float] = PAGE
               ) -> None:
    """Shrink the text until it fits ``box``; at the smallest size, wrap it narrower. Text
    longer than :data:`LONGEST` characters is cut to that length with an ellipsis first."""
    _cut(artist)
    while not fits(figure, artist, box):
        size = artist.get_fontsize()
        if size > SMALLEST:
            artist.set_fontsize(max(size * 0.92, SMALLEST))
            continue
        words = artist.get_text()
        longest = max(len(line) for line in words.splitlines()) if words else 0
        if longest <= 12:
            return  # nothing narrower to try: a test of the PDF will say so
        artist.set_text(textwrap.fill(" ".join(words.split()), int(longest * 0.85)))


def keep_on_page(figure: Figure) -> None:
    """Every visible text of the slide (charts' labels included) inside the page margin."""
    for artist in figure.findobj(Text):  # cut before drawing: a draw measures every character
        _cut(artist)
    figure.draw_without_rendering()  # legends and tick labels are placed by a draw
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text().strip():
            fit_within(figure, artist, PAGE)


def collisions(figure: Figure) -> list[tuple[str, str]]:
    """Pairs of words on the slide's canvas (its first axes) that overlap each other or a
    chart on the slide: what a reader would see run into each other."""
    figure.draw_without_rendering()  # places and measures every text; no pixels needed
    renderer = figure.canvas.get_renderer()
    canvas, *charts = figure.axes
    said = [(t.get_text(), t.get_window_extent(renderer)) for t in canvas.texts
            if t.get_visible() and t.get_text().strip()]
    found = [(a[0], b[0]) for i, a in enumerate(said) for b in said[i + 1:]
             if _overlap(a[1], b[1])]
    for chart in charts:
        area = chart.get_tightbbox(renderer)
        found += [(words, "chart") for words, extent in said if _overlap(extent, area)]
    return found


def _overlap(a, b, slack: float = 1.0) -> bool:
    return (a.x0 < b.x1 - slack and b.x0 < a.x1 - slack
            and a.y0 < b.y1 - slack and b.y0 < a.y1 - slack)


def keep_labels_inside(fig: Figure, labels: dict) -> None:
    """Widen each axes' range until every bar label ({axes: [texts]}) ends inside it."""
    for _ in range(4):
        fig.draw_without_rendering()
        moved = False
        for ax, texts in labels.items():
            box = ax.get_window_extent()
            right = max((t.get_window_extent().x1 for t in texts), default=box.x1)
            if right > box.x1 - 4:
                low, high = ax.get_xlim()
                ax.set_xlim(low, high + (right - box.x1 + 12) * (high - low) / box.width * 1.2)
                moved = True
        if not moved:
            # laid out for what it shows: saving it need not lay it out again (the same
            # positions, a layout pass less)
            fig.set_layout_engine("none")
            return
