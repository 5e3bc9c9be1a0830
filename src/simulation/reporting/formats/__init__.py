"""One sub-package per thing a report produces: :mod:`.page` (the HTML report and index),
:mod:`.deck` (the PDF briefing), :mod:`.powerpoint` (the editable deck), :mod:`.workbook`
(the Excel workbook) and :mod:`.explorer` (the offline what-if page and the JupyterLab
widgets). None imports another, and none computes a number."""
