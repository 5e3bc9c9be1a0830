"""Small notebooks for the tests of kernels and papermill engines: code cells on the
python3 kernel."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat


def write_notebook(path: Path, *cells: str) -> Path:
    """A notebook of ``cells`` (each dedented) at ``path``, on the python3 kernel."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(textwrap.dedent(c)) for c in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, path)
    return path
