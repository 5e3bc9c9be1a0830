"""Shared fixtures: the shipped params tree, a writable copy of it, and the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from filelock import FileLock

from simulation.cli import main
from simulation.engine.model import ModelInputs
from simulation.params import load_params

REPO = Path(__file__).resolve().parents[1]
PARAMS = REPO / "params"


# the monthly batch the end-to-end tests share: a region with a scheme and one without
REGIONS = "kota-madiun,pacitan"
QUICK = ["--draws", "100", "--horizon", "24", "--params", str(PARAMS)]


def jamsos(*args: str) -> subprocess.CompletedProcess:
    """``python -m simulation ARGS`` in the repository, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "simulation", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=600)


def shared_folder(tmp_path_factory) -> Path:
    """A folder of this test session that every pytest-xdist worker sees: the parent of the
    workers' own temporary folders (without xdist, the session's temporary folder)."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    """One rendered monthly batch (October 2026, Kota Madiun and Pacitan) for every test
    that reads published outputs: (the output folder, the finished process). Rendered once
    per test session: under pytest-xdist the first worker to ask renders it (holding a lock
    beside the workers' folders) and the others read what it rendered and how it ended."""
    shared = shared_folder(tmp_path_factory)
    out, record = shared / "batch-reports", shared / "batch-process.json"
    with FileLock(str(shared / "batch.lock")):
        if not record.is_file():
            out.mkdir()
            done = jamsos("monthly", "--regions", REGIONS, "--out", str(out), "--jobs", "2",
                          *QUICK)
            record.write_text(json.dumps({"args": done.args, "returncode": done.returncode,
                                          "stdout": done.stdout, "stderr": done.stderr}),
                              encoding="utf-8")
        done = subprocess.CompletedProcess(**json.loads(record.read_text(encoding="utf-8")))
    assert done.returncode == 0, done.stderr
    return out, done


@pytest.fixture(scope="session")
def params():
    return load_params(PARAMS, include_local=False)


@pytest.fixture
def params_copy(tmp_path):
    """A private copy of the shipped params tree (without params/local/) to break or extend."""
    target = tmp_path / "params"
    shutil.copytree(PARAMS, target, ignore=shutil.ignore_patterns("local"))
    return target


@pytest.fixture
def cli(capsys):
    """Run ``jamsos ARGS`` in-process; returns (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        try:
            status = main([str(a) for a in args])
        except SystemExit as stop:  # argparse refuses an option before anything runs
            status = stop.code
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def simple_inputs(**overrides) -> ModelInputs:
    """One draw, one unit, 12 months, every flow off unless switched on by an override."""
    months = overrides.pop("months", 12)
    values = dict(
        initial_pool=np.array([[1000.0]]), initial_self_paying=np.array([[100.0]]),
        initial_subsidised=np.array([[0.0]]), initial_arrears=np.array([[0.0]]),
        pool_entry_rate=np.zeros((1, 1, 1)),
        pool_exit_rate=np.zeros((1, 1, 1)), outside_influence=np.zeros((1, 1, 1)),
        imitation=np.zeros((1, 1, 1)), potential_share=np.full((1, 1, 1), 0.4),
        organic_reach_rate=np.zeros((1, 1, 1)), outreach_contacts=np.zeros((1, 1, 1)),
        outreach_conversion=np.zeros((1, 1, 1)), lapse_rate=np.zeros((1, 1, 1)),
        reregistration_rate=np.zeros((1, 1, 1)), listed=np.zeros((1, 1, 1)),
        verification_pass_rate=np.ones((1, 1, 1)), verification_lag=np.array([0]),
        subsidy_quota=np.zeros((1, 1, 1)), crowd_out_share=np.zeros((1, 1, 1)),
        retention_after_subsidy=np.zeros((1, 1, 1)),
        subsidy_cost=np.full((1, 1, 1), 16800.0),
        remaining_year_cost=np.full((1, 1, months), 16800.0) * np.arange(12, 12 - months, -1),
        budget_cap=np.full((1, 1, 1), np.inf),
        year_starts=np.array([m % 12 == 0 for m in range(months)]),
    )
    values.update(overrides)
    return ModelInputs(**values)
