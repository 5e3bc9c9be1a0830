"""An import that costs a second and a half for a check the tool never makes, deferred.

nbformat validates notebooks with jsonschema, and jsonschema imports ``rfc3987_syntax``
(installed with JupyterLab) to check the "iri" formats. That import compiles a grammar:
about 1.5 s in every process that renders or reads a notebook (``jamsos monthly``, each of
its workers), before any work. Notebook schemas have no "iri" format, so the grammar is
never used here. :func:`defer_iri_grammar` puts a stand-in in its place whose check loads
the real module on first use: nothing changes for a caller that does check an IRI.
"""

from __future__ import annotations

import importlib.util
import sys
import types

IRI_GRAMMAR = "rfc3987_syntax"


def defer_iri_grammar() -> bool:
    """Defer ``rfc3987_syntax`` until its first check; False where it is already imported
    (or jsonschema is, which has imported it), or not installed."""
    if IRI_GRAMMAR in sys.modules or "jsonschema" in sys.modules:
        return False
    spec = importlib.util.find_spec(IRI_GRAMMAR)
    if spec is None or spec.loader is None:
        return False
    stand_in = types.ModuleType(IRI_GRAMMAR, "loads rfc3987_syntax when first used")

    def real() -> types.ModuleType:
        if sys.modules.get(IRI_GRAMMAR) is stand_in:  # as an import would: module first
            module = importlib.util.module_from_spec(spec)
            sys.modules[IRI_GRAMMAR] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules[IRI_GRAMMAR] = stand_in
                raise
        return sys.modules[IRI_GRAMMAR]

    def is_valid_syntax(*args: object, **kwargs: object) -> bool:
        return real().is_valid_syntax(*args, **kwargs)

    def __getattr__(name: str) -> object:  # any other public name: the real module's
        if name.startswith("__"):  # what import machinery and tools probe for
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]
    sys.modules[IRI_GRAMMAR] = stand_in
    return True
