"""Notebooks are committed clean, have a parameters cell, and stay thin."""

from __future__ import annotations

import nbformat
import pytest
from conftest import REPO

from simulation.runner import template_parameters

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"district_report.ipynb", "regional_summary.ipynb",
                                           "scenario_lab.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {index} has outputs: strip them"
            assert cell.execution_count is None, f"{path.name} cell {index} has a count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_have_a_parameters_cell_and_little_code(path):
    assert template_parameters(path)
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    # thin: logic lives in src/simulation; a cell is a few calls, no function definitions
    assert all(len(c.source.splitlines()) <= 12 for c in code)
    assert not any("def " in c.source or "class " in c.source for c in code)


def test_report_templates_take_the_runner_parameters():
    district = template_parameters(REPO / "notebooks" / "district_report.ipynb")
    assert {"region", "month", "scenarios", "horizon_months", "draws", "seed", "lang",
            "params_dir", "summary_path", "code_version"} <= set(district)
    summary = template_parameters(REPO / "notebooks" / "regional_summary.ipynb")
    assert {"month", "lang", "params_dir", "summary_path"} <= set(summary)
