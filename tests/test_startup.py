"""The command line answers at once: `jamsos --help` imports none of the heavy libraries the
commands use (they are imported inside the commands that need them)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import REPO

HEAVY = ("papermill", "nbformat", "nbconvert", "matplotlib", "pandas", "numpy", "openpyxl",
         "pptx", "ipywidgets", "pydantic", "scipy", "babel")


def imported_by(*args: str) -> set[str]:
    """Every module ``python -X importtime -m simulation ARGS`` imports."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "simulation", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize("args", [("--help",), ("project", "--help"), ("monthly", "--help"),
                                  ("cost", "--help"), ("briefing", "--help")])
def test_help_imports_no_heavy_library(args):
    modules = imported_by(*args)
    assert "simulation.cli.main" in modules  # the walk sees the command line itself
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"`jamsos {' '.join(args)}` imports {heavy[:10]}"


def test_the_check_sees_a_heavy_import():
    assert "pandas" in imported_by("cost", "--workers", "1", "--from", "2026-01", "--to",
                                   "2026-01")


def test_the_iri_grammar_is_deferred_until_an_iri_is_checked():
    """nbformat's import no longer compiles rfc3987_syntax's grammar (1.5 s in every
    process that renders); a caller that checks an IRI still gets the real check."""
    script = textwrap.dedent("""
        import sys
        from simulation.deferred_imports import defer_iri_grammar
        assert defer_iri_grammar()
        import nbformat, jsonschema
        nbformat.validate(nbformat.v4.new_notebook())
        assert getattr(sys.modules["rfc3987_syntax"], "__file__", None) is None, "loaded"
        checker = jsonschema.FormatChecker()
        validator = jsonschema.Draft7Validator({"format": "iri"}, format_checker=checker)
        assert validator.is_valid("https://example.org/ä")
        assert not validator.is_valid("not an iri")
        assert sys.modules["rfc3987_syntax"].__file__.endswith("__init__.py")
        assert not defer_iri_grammar()  # once is enough
        print("ok")
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


def test_a_report_worker_imports_no_library_only_its_kernels_use():
    """A batch worker unpickles its Job and imports what renders a report (papermill,
    nbconvert); pandas, matplotlib, python-pptx and openpyxl are its kernels' (forked warm,
    see simulation.batch.kernel_forks): importing them in every worker cost a second each."""
    script = textwrap.dedent("""
        import pickle, sys
        from simulation.deferred_imports import defer_iri_grammar
        defer_iri_grammar()
        from simulation.batch.plan import Job
        import simulation.batch.render
        print(sorted({m.split(".")[0] for m in sys.modules}
                     & {"pandas", "matplotlib", "pptx", "openpyxl", "scipy", "ipykernel"}))
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
