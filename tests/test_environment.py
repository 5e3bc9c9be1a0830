"""environment.yml (conda users) lists the same dependencies as pyproject.toml."""

from __future__ import annotations

import re

import tomllib
import yaml
from conftest import REPO


def _normalise(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_and_pyproject_list_the_same_dependencies():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = {_normalise(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        declared |= {_normalise(r) for r in extra}
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = {_normalise(d) for d in environment["dependencies"] if isinstance(d, str)}
    conda = {(name, spec) for name, spec in conda if name not in ("python", "pip")}
    assert conda == declared, {"only in environment.yml": conda - declared,
                               "only in pyproject.toml": declared - conda}


def test_python_versions_agree():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    assert f"python{project['requires-python']}" in environment["dependencies"]
