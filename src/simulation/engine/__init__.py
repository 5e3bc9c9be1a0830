"""The engine: numbers only. It knows no files, no notebooks and no language.

:mod:`.model` (the stock-flow model), :mod:`.money` (contributions in whole Rupiah),
:mod:`.sampling` (draws), :mod:`.inputs` (parameters to model inputs), :mod:`.metrics`
(per-draw metrics and percentiles), :mod:`.summaries` (tidy tables) and
:mod:`.projection` (running scenarios).
"""
