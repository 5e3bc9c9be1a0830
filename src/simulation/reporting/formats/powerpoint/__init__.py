"""The briefing deck as an editable PowerPoint file."""
