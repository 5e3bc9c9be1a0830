"""The package's layers: imports run one way, with no cycle and no borrowed private names.

cli → batch → reporting → calibration → engine | intake → params → the foundation modules
(errors, defaults, months, files, cluster, deferred_imports). engine and intake stand side
by side and must not import each other. The walk reads every module's source with ast, so
an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "src" / "simulation"
FOUNDATION = {"simulation", "simulation.errors", "simulation.defaults", "simulation.months",
              "simulation.files", "simulation.cluster", "simulation.deferred_imports"}
RANKS = {"params": 1, "engine": 2, "intake": 2, "calibration": 3, "reporting": 4,
         "batch": 5, "cli": 6}
LARGEST_MODULE_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, name: str | None = None) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import in the file of module
    ``name`` (by default, the module at ``path``)."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            submodules = [n for n in names if f"{target}.{n}" in MODULES]
            found += [(f"{target}.{n}", [], node.lineno) for n in submodules]  # from . import x
            rest = [n for n in names if n not in submodules]
            if rest:
                found.append((target, rest, node.lineno))
    return [(t, n, line) for t, n, line in found if t.split(".")[0] == "simulation"]


def layer(module: str) -> str | None:
    """The sub-package a module belongs to, or None for the foundation and __main__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


def rank(module: str) -> int:
    if module in FOUNDATION:
        return 0
    if module == "simulation.__main__":
        return 99
    return RANKS[layer(module)]


def known(target: str) -> str:
    """The module an import names (``simulation.params`` for ``simulation.params.X``)."""
    while target not in MODULES and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


def test_every_module_belongs_to_a_layer_or_the_foundation():
    stray = [m for m in MODULES if m not in FOUNDATION and layer(m) is None
             and m != "simulation.__main__"]
    assert stray == [], f"modules outside the layers: {stray}"


def wrong_imports(module: str, path: Path) -> list[str]:
    """Imports of a module that go up a layer, or sideways into a peer layer."""
    wrong = []
    for target, _, line in imports_of(path, module):
        target = known(target)
        same_layer = layer(target) is not None and layer(target) == layer(module)
        within_foundation = module in FOUNDATION and target in FOUNDATION
        if not (same_layer or within_foundation) and rank(target) >= rank(module):
            wrong.append(f"line {line}: {target}")
    return wrong


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    assert wrong_imports(module, MODULES[module]) == [], f"{module} imports upward or sideways"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_is_imported_from_another_module(module):
    borrowed = [f"line {line}: {name} from {target}"
                for target, names, line in imports_of(MODULES[module])
                for name in names if name.startswith("_") and name != "__version__"]
    assert borrowed == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in a graph of imports (module -> modules it imports), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_there_is_no_import_cycle():
    graph = {m: {known(t) for t, _, _ in imports_of(p)} - {m} for m, p in MODULES.items()}
    assert find_cycle(graph) is None


def test_a_cycle_like_params_and_scenarios_importing_each_other_is_found():
    graph = {"params": {"scenarios", "errors"}, "scenarios": {"params"}, "errors": set()}
    assert find_cycle(graph) == ["params", "scenarios", "params"]


@pytest.mark.parametrize("module, source, wrong", [
    ("simulation.engine.model", "from ..reporting.design import charts\n",
     "simulation.reporting.design.charts"),
    ("simulation.engine.money", "from ..intake.store import load_store\n",
     "simulation.intake.store"),
    ("simulation.params.values", "def f():\n    from ..cli import main\n",
     "simulation.cli.main"),
])
def test_the_walk_catches_an_upward_or_sideways_import(tmp_path, module, source, wrong):
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert [w.split(": ")[1] for w in wrong_imports(module, path)] == [wrong]


def test_modules_stay_small():
    large = {m: n for m, p in MODULES.items()
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > LARGEST_MODULE_LINES}
    assert large == {}, f"split these modules: {large}"


def test_the_engine_knows_no_files_notebooks_or_language():
    forbidden = {"pathlib", "os", "open", "nbformat", "papermill", "babel", "matplotlib"}
    for module, path in MODULES.items():
        if layer(module) != "engine":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in (node.names if isinstance(node, ast.Import)
                                  else [ast.alias(node.module or "")])}
        calls = {node.func.id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert not (imported | calls) & forbidden, module


# reporting: words ← content ← design ← formats; a format lays content out and no more
REPORTING_RANKS = {"words": 0, "content": 1, "design": 2, "formats": 3}
# what computing a number from the projection looks like: calling ReportData's lookups or
# a percentile, or reaching into its arrays and tables (a widget's .value is no lookup)
COMPUTING_CALLS = {"value", "cumulative", "cumulative_gain", "percentiles", "percentile",
                   "quantile", "median"}
COMPUTING_PARTS = {"per_draw", "runs", "budget", "payers", "table"}
COMPUTING_PACKAGES = ("simulation.engine", "simulation.calibration", "simulation.intake",
                      "numpy")


def reporting_part(module: str) -> tuple[str, ...]:
    """('formats', 'deck') for simulation.reporting.formats.deck.briefing; () outside."""
    parts = module.split(".")
    return tuple(parts[2:4]) if parts[:2] == ["simulation", "reporting"] else ()


def reporting_rank(module: str) -> int | None:
    part = reporting_part(module)
    return REPORTING_RANKS.get(part[0]) if part else None


REPORTING = sorted(m for m in MODULES if reporting_rank(m) is not None)
LAYOUT = sorted(m for m in REPORTING if reporting_part(m)[0] in ("design", "formats"))


def test_every_reporting_module_is_in_a_part():
    stray = [m for m in MODULES if m.startswith("simulation.reporting.")
             and reporting_rank(m) is None]
    assert stray == [], f"reporting modules outside words/content/design/formats: {stray}"


@pytest.mark.parametrize("module", REPORTING)
def test_reporting_imports_run_from_formats_to_design_to_content_to_words(module):
    wrong = []
    for target, _, line in imports_of(MODULES[module], module):
        target = known(target)
        rank = reporting_rank(target)
        if rank is not None and rank > reporting_rank(module):
            wrong.append(f"line {line}: {target}")
    assert wrong == [], f"{module} imports a higher part of reporting"


@pytest.mark.parametrize("module", sorted(m for m in REPORTING
                                          if reporting_part(m)[0] == "formats"))
def test_no_format_imports_another_format(module):
    own = reporting_part(module)
    others = [f"line {line}: {known(t)}" for t, _, line in imports_of(MODULES[module], module)
              if reporting_part(known(t))[:1] == ("formats",) and len(reporting_part(known(t))) > 1
              and reporting_part(known(t)) != own]
    assert others == [], f"{module} imports another format"


def computing_in(path: Path, module: str) -> list[str]:
    """Where a module reaches into the projection: an import of the engine, calibration,
    intake or numpy, or a ReportData lookup (``.value(``, ``.cumulative(``, ``.budget``...)."""
    found = [f"line {line}: imports {t}" for t, _, line in imports_of(path, module)
             if known(t).startswith(COMPUTING_PACKAGES)]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            found += [f"line {node.lineno}: imports {n}" for n in names
                      if n.split(".")[0] == "numpy"]
        elif isinstance(node, ast.Attribute) and node.attr in COMPUTING_PARTS:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in COMPUTING_CALLS):
            found.append(f"line {node.lineno}: .{node.func.attr}()")
    return found


@pytest.mark.parametrize("module", LAYOUT)
def test_no_format_or_chart_computes_a_number(module):
    """Formats and charts take what content computed; one label, one number."""
    assert computing_in(MODULES[module], module) == []


def test_the_computing_check_finds_a_lookup_and_numpy(tmp_path):
    path = tmp_path / "module.py"
    path.write_text("import numpy as np\n\ndef f(data, slider):\n    slider.value = 1\n"
                    "    return data.value('a') + data.budget.rp.sum()\n", encoding="utf-8")
    found = computing_in(path, "simulation.reporting.formats.deck.briefing")
    assert sorted(found) == ["line 1: imports numpy", "line 5: .budget", "line 5: .value()"]
