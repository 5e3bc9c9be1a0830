"""The briefing deck for a regional head as PDF, PNG slides and Markdown."""
