"""Words and number formats in Bahasa Indonesia and English, and escaping for Markdown and
HTML: what every other part of reporting says things with."""
