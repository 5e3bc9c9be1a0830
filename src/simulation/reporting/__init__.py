"""Reporting: what a region's report says, and the formats that lay it out.

- :mod:`.content`: what a report says, every labelled number computed once from the
  projection (:mod:`.content.data`), and nothing about how it looks;
- :mod:`.words`: the texts in Bahasa Indonesia and English, number formats (Babel) and
  Markdown/HTML escaping;
- :mod:`.design`: the palette, the charts and the web style every format shares;
- :mod:`.formats`: one sub-package per thing produced (the HTML page, the PDF deck, the
  PowerPoint deck, the workbook, the explorer). A format lays content out; it neither
  computes a number nor imports another format (tests/test_layers.py checks both).
"""
