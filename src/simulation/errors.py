"""Errors a user can act on. The command line maps each class to an exit status.

:class:`JamsosError` is the base of every error the tool raises on purpose:
:class:`InputError` (bad input, exit 2: one message per problem, no traceback) and
:class:`RunLocked` (another run holds the month, exit 1). Anything else is a bug (exit 1,
with the traceback).
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

# a value quoted in a message is cut short: a file can hold a huge or deeply shared value
# (a YAML "billion laughs"), and a message must never take long or leak much
_QUOTE = reprlib.Repr()  # Python 3.11 takes no keyword arguments here
_QUOTE.maxlevel, _QUOTE.maxstring, _QUOTE.maxother, _QUOTE.maxlong = 2, 160, 160, 80
_QUOTE.maxtuple = _QUOTE.maxlist = _QUOTE.maxdict = _QUOTE.maxset = 6
MAX_QUOTED = 200


def quoted(value: object) -> str:
    """``repr(value)``, at most a couple of hundred characters, whatever the value is."""
    try:
        shown = repr(value) if _small(value) else _QUOTE.repr(value)
    except (ValueError, RecursionError, OverflowError):  # e.g. an int of 5,000 digits
        return f"({type(value).__name__} too large to show)"
    return shown if len(shown) <= MAX_QUOTED else shown[:MAX_QUOTED - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, what was found and what was expected."""

    source: str  # a file path, or "--option" for a command-line argument
    key: str  # key path inside the file, e.g. "jkk_rate.values.2020-01", or "" for the whole
    value: object
    expected: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.key}" if self.key else self.source
        return f"{where}: got {quoted(self.value)}; expected {self.expected}"


def _small(value: object, budget: int = 500) -> bool:
    """Whether a value has at most ``budget`` parts (shared parts counted each time)."""
    pending = [value]
    while pending:
        budget -= 1
        if budget < 0:
            return False
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            pending.extend(item)
    return True


class JamsosError(Exception):
    """Base class of the errors the tool raises on purpose (not bugs)."""


class InputError(JamsosError):
    """Bad input: one or more :class:`Problem` objects, all reported at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # rebuilt from its problems in another process (a Dask worker)
        return (type(self), (self.problems,))


class RunLocked(JamsosError):
    """Another run holds the month's lock."""
