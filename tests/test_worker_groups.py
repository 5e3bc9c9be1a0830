"""The suite in parallel (conftest.py at the root): the tests of one ``xdist_group`` mark run on
one pytest-xdist worker, so a module fixture they share is made once, not once a worker, and
tests that start Dask clusters never start two at once; other tests go to whichever worker is
free."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from conftest import REPO


def root_conftest():
    spec = importlib.util.spec_from_file_location("root_conftest", REPO / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tests_group_is_its_functions_mark_else_its_modules():
    group_of = root_conftest().xdist_group_of
    assert group_of(REPO, "tests/test_monthly_national.py::test_a_worker_killed_mid_run_"
                          "still_publishes_a_complete_month") == "dask"  # the module's mark
    assert group_of(REPO, "tests/test_national_report.py::test_every_output_of_the_district_"
                          "template_renders_and_opens[id]") == "national-report"
    # marks on some functions of a module: those, and not the others
    assert group_of(REPO, "tests/test_project_national.py::test_jawa_timur_on_a_real_"
                          "scheduler_gives_the_numbers_of_this_process") == "dask"
    assert group_of(REPO, "tests/test_project_national.py::test_a_local_cluster_gives_the_"
                          "numbers_of_this_process") == "dask"
    unmarked = [name for name in _test_names(REPO / "tests/test_project_national.py")
                if group_of(REPO, f"tests/test_project_national.py::{name}") is None]
    assert unmarked and all("scheduler" not in name and "cluster" not in name
                            for name in unmarked), unmarked
    assert group_of(REPO, "tests/test_model.py::test_anything") is None
    assert group_of(REPO, "tests/no_such_file.py::test_anything") is None


def _test_names(path) -> list[str]:
    import ast

    return [node.name for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


def test_the_parallel_schedule_gives_a_group_one_scope_and_other_tests_their_own():
    """pytest-xdist sends a scope to one worker whole: a group's tests are one scope, a
    notebook's cells one, every other test its own (a turn on whichever worker is free)."""
    config = SimpleNamespace(getvalue={"dist": "loadgroup", "tx": ["2*popen"]}.get,
                             option=SimpleNamespace(), rootpath=REPO)
    scheduling = root_conftest().pytest_xdist_make_scheduler(config, None)
    scope = scheduling._split_scope
    national = [f"tests/test_monthly_national.py::{name}"
                for name in _test_names(REPO / "tests/test_monthly_national.py")]
    dask = {scope(nodeid) for nodeid in national} | {
        scope("tests/test_cluster.py::test_anything"),
        scope("tests/test_project_national.py::test_a_local_cluster_gives_the_numbers_of_"
              "this_process")}
    # under pytest 8, pytest-xdist still gives a marked test's id its group: the same scope
    dask.add(scope("tests/test_project_national.py::test_a_local_cluster_gives_the_numbers_"
                   "of_this_process@dask"))
    assert len(national) > 3 and len(dask) == 1
    report = {scope(f"tests/test_national_report.py::test_x[{lang}]") for lang in ("id", "en")}
    assert len(report) == 1 and report != dask
    free = ["tests/test_model.py::test_a", "tests/test_model.py::test_b",
            "tests/test_project_national.py::test_an_unknown_region"]
    assert [scope(nodeid) for nodeid in free] == free
    cells = {scope(f"notebooks/lab/explorer.ipynb::Cell {k}") for k in range(3)}
    assert cells == {"notebooks/lab/explorer.ipynb"}
