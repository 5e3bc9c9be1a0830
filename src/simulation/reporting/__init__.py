"""Reporting: what a report, the index and the deck show, and how.

Content: :mod:`.settings`, :mod:`.data` (the projection and the only file reads),
:mod:`.headline`, :mod:`.sections`, :mod:`.provenance`, :mod:`.alerts`. Rendering:
:mod:`.texts` (id/en), :mod:`.formatting` (Babel), :mod:`.styles`, :mod:`.charts`,
:mod:`.htmlpage`, :mod:`.briefing`. For notebooks: :mod:`.display` and :mod:`.lab`.
"""
