"""Notebooks are committed clean, have a parameters cell, and stay thin."""

from __future__ import annotations

import ast

import nbformat
import pytest
from conftest import REPO

from simulation import defaults
from simulation.batch.plan import template_parameters

NOTEBOOKS = sorted(p for p in (REPO / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
TEMPLATES = REPO / "notebooks" / "templates"


def test_report_templates_and_the_analysts_workspace_are_apart():
    names = {p.relative_to(REPO / "notebooks").as_posix() for p in NOTEBOOKS}
    assert names >= {"templates/district_report.ipynb", "templates/regional_summary.ipynb",
                     "lab/scenario_lab.ipynb"}
    assert TEMPLATES == defaults.TEMPLATES_DIR


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
    # (the parameters cell is a list of assignments, one per parameter)
    assert all(len(c.source.splitlines()) <= 12 for c in code
               if "parameters" not in c.metadata.get("tags", []))
    assert not any("def " in c.source or "class " in c.source for c in code)


def test_report_templates_take_the_runner_parameters():
    district = template_parameters(TEMPLATES / "district_report.ipynb")
    assert {"region", "month", "scenarios", "horizon_months", "draws", "seed", "lang",
            "params_dir", "summary_path", "code_version"} <= set(district)
    summary = template_parameters(TEMPLATES / "regional_summary.ipynb")
    assert {"month", "lang", "params_dir", "summary_path"} <= set(summary)


def _defaults_of(path):
    """The parameters cell's values as Python (papermill reports them as source text)."""
    return {name: ast.literal_eval(found["default"])
            for name, found in template_parameters(path).items()}


@pytest.mark.parametrize("name", ["district_report.ipynb", "regional_summary.ipynb"])
def test_report_templates_default_to_what_the_runner_and_the_cli_use(name):
    found = _defaults_of(TEMPLATES / name)
    assert found["month"] == defaults.REPORT_MONTH
    assert found["scenarios"] == defaults.SCENARIOS
    assert found["horizon_months"] == defaults.HORIZON_MONTHS
    assert found["draws"] == defaults.REPORT_DRAWS
    assert found["seed"] == defaults.SEED
    assert found["lang"] == defaults.LANG
    assert (TEMPLATES / found["params_dir"]).resolve() == defaults.REPO_ROOT / "params"
    assert (TEMPLATES / found["data_dir"]).resolve() == defaults.REPO_ROOT / "data"


def test_the_scenario_lab_defaults_to_the_shared_horizon_and_seed_and_starts_from_the_data():
    lab = REPO / "notebooks" / "lab" / "scenario_lab.ipynb"
    found = _defaults_of(lab)
    assert found["start"] == ""  # the month after the latest actuals
    assert found["months"] == defaults.HORIZON_MONTHS
    assert found["draws"] == defaults.LAB_DRAWS and found["seed"] == defaults.SEED
    assert (lab.parent / found["params_dir"]).resolve() == defaults.REPO_ROOT / "params"
    assert (lab.parent / found["data_dir"]).resolve() == defaults.REPO_ROOT / "data"
