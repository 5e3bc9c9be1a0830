"""The HTML report page (a rendered notebook), the month's index, and the notebook
display helpers."""
