"""Errors a user can act on. The command line maps each class to an exit status.

:class:`JamsosError` is the base of every error the tool raises on purpose:
:class:`InputError` (bad input, exit 2: one message per problem, no traceback) and
:class:`RunLocked` (another run holds the month, exit 1). Anything else is a bug (exit 1,
with the traceback).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, what was found and what was expected."""

    source: str  # a file path, or "--option" for a command-line argument
    key: str  # key path inside the file, e.g. "jkk_rate.values.2020-01", or "" for the whole
    value: object
    expected: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.key}" if self.key else self.source
        return f"{where}: got {self.value!r}; expected {self.expected}"


class JamsosError(Exception):
    """Base class of the errors the tool raises on purpose (not bugs)."""


class InputError(JamsosError):
    """Bad input: one or more :class:`Problem` objects, all reported at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))


class RunLocked(JamsosError):
    """Another run holds the month's lock."""
