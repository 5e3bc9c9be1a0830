"""Text from files inside Markdown and HTML: always text, never markup.

A scenario title, an owner, a description, a file name or a region name comes from a file
someone else wrote. Three layers keep it inert: every such value is escaped where it is put
into Markdown (:func:`inline`, :func:`markdown_text`); Markdown is rendered with raw HTML
escaped and then sanitised (:func:`markdown_html`); and a published page is sanitised once
more against an allowlist and carries a Content-Security-Policy that forbids any network
load (:mod:`.htmlpage`).
"""

from __future__ import annotations

import re

import mistune
import nh3

from .texts import text

# characters that start Markdown markup inside a line: emphasis, code, links and images,
# tables, headings, HTML; a backslash escapes each (CommonMark "backslash escapes")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~<>&])")
# and what starts a block at the beginning of a line: a heading, a list, a quote, a rule
_BLOCK_START = re.compile(r"^(\s*)([#=+-]|\d+(?=[.)](?:\s|$)))")
# Unicode bidirectional overrides can make a name read differently from what it is
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def inline(value: object) -> str:
    """``value`` as literal text inside a Markdown line: no markup, no HTML, one line.

    Every ASCII punctuation mark that could start markup gets a backslash (CommonMark's
    escapes), so the text reads the same once rendered and HTML stays text."""
    flat = re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", str(value)))  # one line, spaces kept
    return _BLOCK_START.sub(_unblock, _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat))


def _unblock(match: re.Match) -> str:
    spaces, start = match.groups()  # "1." needs its dot escaped, "#" or "-" itself
    return f"{spaces}{start}\\" if start[0].isdigit() else f"{spaces}\\{start}"


def escaped(words: object) -> object:
    """:func:`inline` applied to every text in a dict or list of texts (numbers kept)."""
    if isinstance(words, str):
        return inline(words)
    if isinstance(words, dict):
        return {key: escaped(value) for key, value in words.items()}
    if isinstance(words, (list, tuple)):
        return [escaped(value) for value in words]
    return words


def markdown_text(key: str, lang: str, **values: object) -> str:
    """A text of :mod:`.texts` (trusted Markdown) with every value escaped by :func:`inline`."""
    return text(key, lang, **{name: inline(value) for name, value in values.items()})


_RENDER = mistune.create_markdown(escape=True, plugins=["strikethrough"])

# what a report page may hold: the elements nbconvert and pandas write, images only inline
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"main", "section"}
ALLOWED_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "*": {"class", "id"},
                      "img": {"src", "alt", "width", "height"},
                      "a": {"href"}, "tr": {"style"}}
URL_SCHEMES = {"data"}  # links inside the page (#...) and inline images; nothing else


def sanitise(fragment: str) -> str:
    """An HTML fragment with every script, event handler, frame, form, meta refresh and
    non-inline resource removed (nh3, the Python binding of the ammonia sanitiser)."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, filter_style_properties={"text-align"},
                     link_rel=None, strip_comments=True)


def markdown_html(content: str) -> str:
    """Markdown (ours, with values escaped) as sanitised HTML: raw HTML shows as text and a
    ``javascript:`` link is no link."""
    return sanitise(_RENDER(content))
