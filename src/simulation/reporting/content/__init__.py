"""What a region's report says: the projection it is computed from (:mod:`.data`), its
headline, sections, payers, limits, history and provenance, the deck's words and the
explorer's what-if grid; every labelled number once, for every format to lay out."""
