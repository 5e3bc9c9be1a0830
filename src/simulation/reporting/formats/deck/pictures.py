"""The deck's pages as PNG pictures (``briefing/slide-N.png``), drawn from its PDF.

pdfium (pypdfium2) draws a page of the finished PDF in about 0.04 s; drawing the slide's
figure again with matplotlib's Agg took 0.12 s a slide. The picture is then the page the
regional head sees, to the pixel of its own rendering: the same text, the same numbers.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2

PICTURE_DPI = 100  # a 13.33 x 7.5 in slide: 1,334 x 750 pixels


def page_pictures(pdf_path: str | Path, folder: str | Path, dpi: int = PICTURE_DPI
                  ) -> list[str]:
    """Each page of ``pdf_path`` as ``folder``/slide-N.png (N from 1); returns the names."""
    names = []
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            try:
                bitmap = page.render(scale=dpi / 72)
                try:
                    picture = bitmap.to_pil()
                    name = f"slide-{number}.png"
                    picture.save(Path(folder) / name)
                finally:
                    bitmap.close()
            finally:
                page.close()
            names.append(name)
    finally:
        document.close()
    return names
