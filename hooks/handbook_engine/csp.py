"""The Content Security Policy: trust only the scripts we ship, and refuse a page with any other.

An inline script runs under the policy only when its SHA-256 is listed. The hashes listed are
those of the inline scripts the theme's and our own templates emit, recognised by their text:
each `<script>` of a template file becomes a pattern in which a Jinja `{{ ... }}` matches a
plain value. A page with any other inline script, an event-handler attribute, a script from
another host or a refresh to another address is refused at build time, naming the page, rather
than hashed and run (the policy used to hash every inline script it found, an attacker's too).
Data blocks (JSON, JSON-LD) are never executed and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}", re.S)
_HOLE = r"[^\"'\\<>]*"  # what a template value may put inside a script: no quote, no tag
_DATA_TYPES = {"application/json", "application/ld+json"}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD_START = re.compile(r"<meta charset=[^>]*>", re.I)
_SUSPECT = re.compile(r"<script|[\s/\"']on[a-z]+\s*=|http-equiv", re.I)

FIXED = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # Material sets style attributes; scripts stay strict
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def known_scripts(template_dirs: Iterable[Path]) -> list[re.Pattern[str]]:
    """A pattern for every inline script in the theme's template files (ours first)."""
    patterns = []
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            text = template.read_text(encoding="utf-8")
            for match in _TEMPLATE_SCRIPT.finditer(text):
                body = match.group("body")
                if "{%" in body:  # a script built by Jinja statements cannot be recognised
                    continue
                parts = _JINJA.split(body)
                patterns.append(re.compile(_HOLE.join(re.escape(p) for p in parts)))
    return patterns


class _Scan(HTMLParser):
    """Scripts, event handlers and refreshes of one page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.refused: list[str] = []
        self._in_script = False
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(f"an event-handler attribute <{tag} {name}={value!r}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("=")[2].strip(" '\"")
            if re.match(r"(?i)([a-z][a-z0-9+.-]*:|//|\\)", target):
                self.refused.append(f"a refresh to another address <meta content={target!r}>")
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            src = values.get("src")
            if src is not None:
                if re.match(r"(?i)([a-z][a-z0-9+.-]*:|//|\\)", src.strip()):
                    self.refused.append(f"a script from another address <script src={src!r}>")
            elif kind in _JS_TYPES:
                self._in_script = True
                self._body = []
            elif kind not in _DATA_TYPES:
                self.refused.append(f"a script of unknown type <script type={kind!r}>")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self.inline.append("".join(self._body))
            self._in_script = False


def inspect(page: str, known: list[re.Pattern[str]]) -> tuple[list[str], list[str]]:
    """(hashes of the page's known inline scripts, what in the page is refused)."""
    if not _SUSPECT.search(page):
        return [], []
    scan = _Scan()
    scan.feed(page)
    scan.close()
    hashes, refused = set(), list(scan.refused)
    for body in scan.inline:
        if any(pattern.fullmatch(body) for pattern in known):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
        else:
            shown = " ".join(body.split())[:80]
            refused.append(f"an inline script the theme does not emit <script>{shown}</script>")
    return sorted(hashes), refused


def policy(hashes: list[str]) -> str:
    # Chromium matches 'self' to the site's own files under file:// too: one policy serves the
    # published site and the offline copy.
    return "; ".join([FIXED[0], " ".join(["script-src 'self'", *hashes]), *FIXED[1:]])


def with_policy(page: str, hashes: list[str]) -> str:
    """The page with its policy as the first element after <meta charset>."""
    content = policy(hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    found = _HEAD_START.search(page)
    if not found:
        raise ValueError("page has no <meta charset>; cannot place the policy first")
    return page[: found.end()] + meta + page[found.end() :]
