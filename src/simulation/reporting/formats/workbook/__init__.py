"""The Excel workbook beside each report."""
