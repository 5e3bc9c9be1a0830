"""The engine: numbers only. It knows no files, no notebooks and no language.

:mod:`.model` (the stock-flow model), :mod:`.money` (contributions in whole Rupiah),
:mod:`.sampling` (draws), :mod:`.inputs` (parameters to model inputs), :mod:`.metrics`
(per-draw metrics), :mod:`.quantiles` (their percentiles), :mod:`.summaries` (tidy tables),
:mod:`.projection` (running scenarios), :mod:`.chunked` (a large run in chunks of draws),
:mod:`.variants` (variants of one scenario stacked along the draws axis, one model run) and
:mod:`.schemes`, :mod:`.steps`, :mod:`.diagnostics` (their parts).
"""
