"""pytest's settings that need code (the fixtures live in tests/conftest.py)."""

from __future__ import annotations

import ast
import functools
import os
from pathlib import Path

import pytest


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pyproject.toml's ``--dist loadgroup``: a test at a time to whichever pytest-xdist worker
    is free, except for tests that must share one worker: every cell of a notebook (nbval
    checks them in order in one kernel), and the tests of one ``xdist_group`` mark (a module
    whose tests share an expensive module fixture, made once instead of once a worker; the
    tests that start Dask clusters, one cluster at a time). pytest 9.2 ignores the id suffix
    that pytest-xdist gives marked tests (pytest-xdist issue 1386), so the groups are read
    from the test files' own marks (:func:`xdist_group_of`)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    config.option.loadscopereorder = False  # the order is the workers' (below), notebooks too
    root = config.rootpath

    class Scheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path.endswith(".ipynb"):
                return path
            group = xdist_group_of(root, nodeid)
            return f"xdist_group {group}" if group else nodeid

    return Scheduling(config, log)


def xdist_group_of(root, nodeid: str) -> str | None:
    """The ``xdist_group`` a test is marked with: on its function or class, else in its
    module's ``pytestmark`` (None: no group, or a mark given by other means)."""
    if nodeid.rfind("@") > nodeid.rfind("]"):  # pytest 8: pytest-xdist's "@group" suffix
        nodeid = nodeid[:nodeid.rfind("@")]
    path, _, names = nodeid.partition("::")
    name = names.split("::", 1)[0].split("[", 1)[0]
    marks = _xdist_group_marks(str(root / path)) if path.endswith(".py") else {}
    return marks.get(name, marks.get(""))


@functools.cache
def _xdist_group_marks(path: str) -> dict[str, str]:
    """{function or class name: group} of a test file's xdist_group marks ("" for a
    module-wide one), read from its syntax tree without importing it."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), path)
    except (OSError, SyntaxError):
        return {}

    def group(node: ast.AST) -> str | None:
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "xdist_group"):
                named = [*call.args[:1], *(k.value for k in call.keywords if k.arg == "name")]
                if named and isinstance(named[0], ast.Constant):
                    return str(named[0].value)
        return None

    marks: dict[str, str] = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign)
                and any(getattr(t, "id", None) == "pytestmark" for t in node.targets)):
            found = group(node.value)
            if found:
                marks[""] = found
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found = next(filter(None, map(group, node.decorator_list)), None)
            if found:
                marks[node.name] = found
    return marks


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """In parallel, the long tests first, so that the short ones even out the workers' ends:
    one test that renders the shared monthly batch (tests/conftest.py), then the slow tests
    that do without it (while one worker renders it the other runs them), then the slow tests
    that read it, then the rest in their usual order. (Each worker collects and sorts alike;
    in one process the order is the usual one.)"""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return

    def uses_batch(item) -> bool:
        return "batch" in getattr(item, "fixturenames", ())

    first = next((k for k, item in enumerate(items) if uses_batch(item)), None)

    def rank(k: int) -> int:
        item = items[k]
        if k == first:
            return 0
        if item.get_closest_marker("slow"):
            return 2 if uses_batch(item) else 1
        return 3

    items[:] = [items[k] for k in sorted(range(len(items)), key=rank)]
