"""What every page the reports publish shares: the style sheet, the Content-Security-Policy,
the hash by which the one inline script a page may carry runs, and the check of what a page
would fetch or run when opened (the publish check and the tests use it).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 17px; line-height: 1.45;
       color: #111; margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 30px; margin: 0.2em 0; } h2 { font-size: 24px; margin-top: 1.6em;
     border-bottom: 2px solid #333; padding-bottom: 4px; } h3 { font-size: 19px; }
table { border-collapse: collapse; margin: 12px 0 20px; font-size: 15px; }
th, td { border: 1px solid #999; padding: 5px 9px; text-align: left; vertical-align: top; }
th { background: #eee; } tr:nth-child(even) td { background: #fafafa; }
img { max-width: 100%; height: auto; }
.jp-OutputPrompt, .jp-InputPrompt, .prompt, .anchor-link { display: none; }
.status-failed { color: #a00000; font-weight: bold; }
.muted { color: #555; font-size: 14px; }
.wide { overflow-x: auto; } table.index { font-size: 14px; }
table.index th { text-align: center; } .links { font-size: 13px; }
main.full { max-width: 1500px; padding: 20px 16px 40px; }
.flag { font-size: 12px; font-weight: bold; color: #7a4a00; white-space: nowrap; }
pre { white-space: pre-wrap; }
@page { margin: 12mm 11mm 14mm; }
@media print {
  body { font-size: 10.5pt; line-height: 1.35; } main, main.full { max-width: none; padding: 0; }
  h1 { font-size: 18pt; } h2 { font-size: 14pt; break-before: page; break-after: avoid; }
  h2[id^="1."] { break-before: auto; } h3 { font-size: 12pt; break-after: avoid; }
  p { orphans: 3; widows: 3; }
  /* a chart is never split, and never taller than a page of A4 or F4 */
  img { break-inside: avoid; max-height: 245mm; object-fit: contain; }
  .jp-OutputArea-output, .output_png { break-inside: avoid; }
  table, table.index { font-size: 8pt; width: 100%; }
  th, td { padding: 2px 4px; } tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .wide { overflow: visible; } a { color: inherit; }
}
"""

# what a page may load: its own inline styles and inline (data:) images, nothing else; no
# script, no frame, no form, no base URL. A meta refresh is not covered by CSP: the body is
# sanitised (:func:`.markup.sanitise`) and :func:`fetched_resources` checks for one.
CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                           "font-src data:; base-uri 'none'; form-action 'none'")
_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "action", "formaction", "background",
                       "codebase", "cite", "longdesc", "manifest", "ping", "xlink:href"}
_CSS_URL = re.compile(r"""(?:url\(|@import)\s*["']?\s*(?!data:)([^"')\s]+)""",
                      re.IGNORECASE)


# what a policy may say about scripts: nothing runs but an inline script whose hash it lists
_SCRIPT_DIRECTIVES = ("default-src", "script-src", "script-src-elem", "script-src-attr")
_HASH_SOURCE = re.compile(r"'sha256-[A-Za-z0-9+/]+={0,2}'")
_UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'",
           "'wasm-unsafe-eval'")
_HEAD_TAGS = ("html", "head", "meta", "title", "style", "script", "noscript", "template",
              "base", "link")


def script_source(script: str) -> str:
    """The CSP source that allows exactly this inline script (its UTF-8 text's sha256), and
    no other: a changed byte and the browser refuses to run it."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _script_hashes(policy: str) -> tuple[set[str], bool]:
    """The script hashes a policy lists, and whether it lets more run (a keyword such as
    'unsafe-inline', a nonce, a host for scripts)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:  # a browser obeys the first of a repeated directive
            directives.setdefault(words[0].lower(), words[1:])
    looser = False
    for name in _SCRIPT_DIRECTIVES:
        for source in directives.get(name, []):
            plain = source.lower()
            if plain == "'none'" or _HASH_SOURCE.fullmatch(source):
                continue
            # default-src may name what other kinds of content load, not how scripts run
            looser = looser or name != "default-src" or plain in _UNSAFE or plain.startswith(
                "'nonce-")
    listed = next((directives[name] for name in ("script-src-elem", "script-src",
                                                  "default-src") if name in directives), [])
    return {s for s in listed if _HASH_SOURCE.fullmatch(s)}, looser


class _ResourceFinder(HTMLParser):
    """Everything in a page that a browser would load or run by itself (links are not)."""

    def __init__(self, inline_scripts: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        # the explorer page's own script is allowed: one whose hash the page's policy lists
        self.inline_scripts = inline_scripts
        self._in_style = False
        self._script: list[str] | None = None  # the text of an inline script being read
        self._policies: list[set[str]] = []  # each policy's script hashes (all must allow)
        self._in_head = True  # a policy in a meta tag counts only in the head

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        where = self.get_starttag_text()[:120]
        own_script = tag == "script" and self.inline_scripts and not values
        if tag in ("script", "iframe", "frame", "object", "embed", "base", "applet",
                   "link") and not own_script:
            self.found.append(where)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append(where)
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            hashes, looser = _script_hashes(values.get("content", ""))
            if looser:
                self.found.append(where)  # a policy that lets other scripts run
            if self._in_head:
                self._policies.append(hashes)
        self._in_head = self._in_head and tag in _HEAD_TAGS  # anything else opens the body
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(where)  # an event handler is script
            elif name in _LOADING_ATTRIBUTES or (name == "href" and tag != "a"):
                if _loads(value, name == "srcset"):
                    self.found.append(where)
            elif (_runs_script(name, value)
                  or (name == "style" and _CSS_URL.search(value))):
                self.found.append(where)
        self._in_style = tag == "style"
        self._script = [] if own_script else None

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_URL.search(data):
            self.found.append(data[:120])
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        self._in_head = self._in_head and tag != "head"
        if tag == "script" and self._script is not None:
            source = script_source("".join(self._script))
            if not self._policies or any(source not in hashes for hashes in self._policies):
                self.found.append(f"<script> {source[1:20]}… not listed in the page's policy")
            self._script = None

    def close(self) -> None:
        super().close()
        if self._script is not None:  # a script left open runs to the end of the page
            self.found.append("<script> not closed")


def _runs_script(name: str, value: str) -> bool:
    return name == "href" and value.strip().lower().startswith(("javascript:", "vbscript:"))


def _loads(value: str, is_list: bool) -> bool:
    """A URL (or srcset list) that loads anything other than inline data or a fragment."""
    for candidate in re.split(r",\s+", value) if is_list else [value]:
        url = candidate.strip().split(" ")[0].strip().lower()
        if url and not url.startswith(("data:", "#")):
            return True
    return False


def fetched_resources(page: str, inline_scripts: bool = False) -> list[str]:
    """What the page would fetch or run when opened: scripts (``inline_scripts``: all but
    an inline script, without attributes, whose sha256 the page's own policy lists), a
    policy that lets other scripts run, frames, event handlers, a meta refresh, any
    non-inline src/srcset/data/poster, CSS url() or @import."""
    finder = _ResourceFinder(inline_scripts)
    finder.feed(page)
    finder.close()
    return finder.found
