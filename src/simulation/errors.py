"""Errors a user can fix, with the place, the value and what was expected.

The command line turns an :class:`InputError` into one message per problem and exit
status 2, without a traceback. Everything else is a bug and exits 1.
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


class InputError(Exception):
    """Bad input: one or more :class:`Problem` objects, all reported at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))
