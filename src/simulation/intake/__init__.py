"""Intake: what arrives from outside, read strictly into tidy tables.

:mod:`.spreadsheets` (one CSV/XLSX reader, one header finder), :mod:`.lists` (the lurah's
lists and the active list), :mod:`.verification` (the rules), :mod:`.aggregates` (what a
verification publishes), :mod:`.synthetic` (generated sample lists), :mod:`.actuals` (the
importer) and :mod:`.store` (the tidy store of actuals).
"""
