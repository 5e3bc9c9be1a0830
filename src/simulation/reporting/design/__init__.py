"""What the formats share about how things look: the palette and line styles, the charts
(drawn from content, never computing it), slide fitting and the style and security policy
of every published page."""
