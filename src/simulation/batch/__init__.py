"""The monthly run: :mod:`.plan` (checks and jobs), :mod:`.render` (one report in a
worker), :mod:`.publishing` (atomic publishing, recovery, the month lock),
:mod:`.manifest` (manifest.json, index.html) and :mod:`.runner` (the run)."""
