"""pytest's settings that need code (the fixtures live in tests/conftest.py)."""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pyproject.toml's ``--dist loadgroup``: a test at a time to whichever pytest-xdist worker
    is free, except that nbval checks a notebook cell by cell in one kernel, in order, so every
    cell of a notebook goes to the same worker. (The notebook is told from the test's id:
    pytest 9.2 ignores the id suffix xdist_group marks rely on, pytest-xdist issue 1386.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    config.option.loadscopereorder = False  # the order is the workers' (below), notebooks too

    class Scheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else super()._split_scope(nodeid)

    return Scheduling(config, log)


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
