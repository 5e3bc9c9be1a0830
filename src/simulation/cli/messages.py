"""Messages in the user's language: Bahasa Indonesia or English.

An error is a :class:`~simulation.errors.Problem` (source, key, value, expected), written in
English where it is raised. Here it is put in its language's frame, "SOURCE: KEY: got VALUE;
expected EXPECTED" or "SOURCE: KEY: didapat VALUE; seharusnya EXPECTED", and its
``expected`` phrase is looked up in the catalogue (:mod:`.phrases`: a dict of constant
phrases and regular expressions for the ones with numbers, names and paths in them). A phrase
the catalogue does not know stays English inside the Indonesian frame. argparse's own
messages (a missing or unknown option) get the same treatment.

The language: ``--lang`` when the command line gives it (every command has it, and
``jamsos --lang id COMMAND`` too), else the locale (LC_ALL, LC_MESSAGES, LANG, the first one
set: ``id*`` such as id_ID.UTF-8 is Indonesian), else English.
"""

from __future__ import annotations

import locale
import os
import re
import sys
from collections.abc import Mapping, Sequence
from contextvars import ContextVar, Token

from ..errors import Problem, quoted
from .phrases import (
    ARGPARSE,
    LABELS,
    OS_ERRORS,
    PATTERNS,
    PHRASES,
    VALUE_PATTERNS,
    VALUES,
    WHOLE_KEYS,
)
from .progress_phrases import indonesian

LANGUAGES = ("id", "en")
ERROR = {"id": "kesalahan", "en": "error"}
USAGE = {"id": "penggunaan: ", "en": "usage: "}
_INDONESIAN = re.compile(r"(id([_.@-]|$)|indonesian)", re.IGNORECASE)
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_current: ContextVar[str | None] = ContextVar("jamsos_message_language", default=None)


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """``--lang`` from the command line if given (the last one, as argparse reads it), else
    the locale's language."""
    given = None
    words = list(argv)
    for k, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and k + 1 < len(words):
            given = words[k + 1]
        elif word.startswith("--lang="):
            given = word.split("=", 1)[1]
    if given in LANGUAGES:
        return given
    return locale_language(environ)


def locale_language(environ: Mapping[str, str]) -> str:
    """'id' under an Indonesian locale, else 'en'. The first of LC_ALL, LC_MESSAGES and
    LANG that is set decides (as for any POSIX program); without them (Windows), the
    process's locale."""
    for name in _LOCALE_VARIABLES:
        if environ.get(name):
            return "id" if _INDONESIAN.match(environ[name]) else "en"
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "id" if _INDONESIAN.match(name) else "en"


def use(lang: str) -> Token:
    return _current.set(lang)


def reset(token: Token) -> None:
    _current.reset(token)


def current() -> str:
    """The language main() chose, or the locale's (the parser used on its own)."""
    return _current.get() or locale_language(os.environ)


def say(line: str, file=None) -> None:
    """A progress line or note on standard error (or ``file``), in the user's language."""
    print(indonesian(line) if current() == "id" else line, file=file or sys.stderr, flush=True)


# -- the catalogue -----------------------------------------------------------------------


def translate(phrase: str) -> str | None:
    """The Indonesian of an English ``expected`` phrase, or None when the catalogue does
    not know it. A phrase made of parts joined by '; ' is known when every part is."""
    phrase = phrase.strip()
    if phrase in PHRASES:
        return PHRASES[phrase]
    filled = _first_filled(PATTERNS, phrase)
    if filled is not None:
        return filled
    parts = phrase.split("; ")
    if len(parts) > 1:
        done = [translate(part) for part in parts]
        if all(done):
            return "; ".join(done)  # type: ignore[arg-type]
    return None


def knows(phrase: str) -> bool:
    return translate(phrase) is not None


def _fill(template, found: re.Match) -> str | None:
    """The template with the match's groups: ``t_*`` translated as phrases and ``a_*`` as
    argparse messages (None if one is unknown), ``n_*`` numbers written the Indonesian way,
    ``s_*`` as labels, others as they are."""
    groups = {}
    for name, value in found.groupdict(default="").items():
        if name.startswith(("t_", "a_")):
            value = ((translate if name.startswith("t_") else argparse_message)(value)
                     if value else "")
            if value is None:
                return None
        elif name.startswith("n_"):
            value = number(value)
        elif name.startswith("s_"):
            value = label(value)
        groups[name] = value
    return template(groups) if callable(template) else template.format(**groups)


def number(text: str) -> str:
    """10,000 -> 10.000 and 1.5 -> 1,5 (a number written the English way, as messages are)."""
    if re.fullmatch(r"[\d,.]+", text):
        return text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def label(text: str) -> str:
    """Where a problem is ("list 2 (FILE argument 2) sheet 1", "line 3, column 5", "row 2
    active") in Indonesian; a file name or key path stays as it is."""
    for pattern, replacement in WHOLE_KEYS:
        found = pattern.fullmatch(text)
        if found:
            return found.expand(replacement)
    for pattern, replacement in LABELS:
        text = pattern.sub(replacement, text)
    return text


def value_text(value: object, lang: str) -> str:
    """The value as the message quotes it; a description the code wrote in parentheses
    ("(a folder)", "(no such file)") in Indonesian when the catalogue has it."""
    if lang == "id" and isinstance(value, str):
        known = _value_words(value)
        if known is not None:
            return quoted(known)
    return quoted(value)


def _value_words(value: str) -> str | None:
    if value in VALUES:
        return VALUES[value]
    if value.startswith("(") and value.endswith(")") and value[1:-1] in OS_ERRORS:
        return f"({OS_ERRORS[value[1:-1]]})"
    if value in OS_ERRORS:
        return OS_ERRORS[value]
    for pattern, template in VALUE_PATTERNS:
        found = pattern.fullmatch(value)
        if found:
            return _fill(template, found)
    return None


# -- frames ------------------------------------------------------------------------------


def problem_text(problem: Problem, lang: str) -> str:
    """One problem in its language's frame (English: exactly ``str(problem)``)."""
    if lang != "id":
        return str(problem)
    key = label(problem.key) if problem.key else ""
    where = f"{label(problem.source)}: {key}" if key else label(problem.source)
    expected = translate(problem.expected) or problem.expected
    return f"{where}: didapat {value_text(problem.value, lang)}; seharusnya {expected}"


def error_line(text: str, lang: str, prog: str = "jamsos") -> str:
    return f"{prog}: {ERROR[lang]}: {text}"


def usage_text(message: str, lang: str) -> str:
    """One of argparse's messages ("argument --draws: got '0'; expected ...", "the
    following arguments are required: --region") in the language."""
    if lang != "id":
        return message
    translated = argparse_message(message)
    return translated if translated is not None else message


def argparse_message(message: str) -> str | None:
    """The Indonesian of an argparse message, or None when the catalogue does not know it."""
    return _first_filled(ARGPARSE, message)


def _first_filled(patterns, said: str) -> str | None:
    """The template of the first pattern that matches all of ``said`` and fills."""
    for pattern, template in patterns:
        found = pattern.fullmatch(said)
        if found:
            filled = _fill(template, found)
            if filled is not None:
                return filled
    return None


def os_error(strerror: str | None, lang: str) -> str:
    """The operating system's words for an error ("No space left on device")."""
    if lang == "id" and strerror in OS_ERRORS:
        return OS_ERRORS[strerror]
    return strerror or ""
