"""The Content Security Policy: trust only the scripts we ship, and refuse a page with any other.

An inline script runs under the policy only when its SHA-256 is listed. The hashes listed are
those of the inline scripts the theme's and our own templates emit, recognised by their text:
each `<script>` of a template file becomes a pattern in which a Jinja `{{ ... }}` matches a
plain value. A page with any other inline script, an event-handler attribute, a script from
another host, a refresh to another address or an iframe with a document of its own (`srcdoc`)
is refused at build time, naming the page, rather than hashed and run (the policy used to hash
every inline script it found, an attacker's too).
Data blocks (JSON, JSON-LD) are never executed and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from . import documents, html_tokens

_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}", re.S)
# What a template value may put inside a script: no quote, no tag, no backslash, and no address
# of another site (no scheme's colon, no //): a redirect script must not take the reader away.
# No tab or newline either: a URL parser drops them, so "/<tab>/evil.example" is "//evil.example".
_HOLE = r"(?:[^\"'\\<>:/\t\n\r]|/(?!/))*"
_DATA_TYPES = {"application/json", "application/ld+json"}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# A page's <meta charset> as the first thing in its <head>: the policy goes right after it, so
# nothing before it (a script, a comment the meta hides in) escapes the policy.
_POLICY_PLACE = re.compile(
    r"\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!doctype[^>\[]*>\s*)?(?:<html\b[^>]*>\s*)?"
    r"(?:<head\b[^>]*>\s*)?<meta charset=[^>]*>",
    re.I,
)

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
        for template in _html_files(Path(folder)):
            text = template.read_text(encoding="utf-8")
            for match in _TEMPLATE_SCRIPT.finditer(text):
                body = match.group("body")
                if "{%" in body:  # a script built by Jinja statements cannot be recognised
                    continue
                parts = _JINJA.split(body)
                patterns.append(re.compile(_HOLE.join(re.escape(p) for p in parts)))
    return patterns


def _html_files(folder: Path) -> list[Path]:
    """The template files under `folder`, sorted, leaving out hidden folders: the theme's
    `.icons` holds some 14,000 SVG files and no template. Fewer templates can only mean fewer
    trusted scripts, so a script from a skipped folder is refused, never let through."""
    found = []
    for top, folders, files in os.walk(folder):  # like rglob: into no linked folder
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [os.path.join(top, name) for name in files if name.endswith(".html")]
    return sorted(map(Path, found))


_READ_TAGS = frozenset({"meta", "script", "iframe"})  # tags whose attributes are always read
_OFF_SITE = re.compile(r"(?i)([a-z][a-z0-9+.-]*:|[/\\]{2}|\\)")
_URL_TRIM = "".join(map(chr, range(0x21)))  # controls and spaces, stripped from a URL's start


def _off_site(url: str) -> bool:
    # Browsers drop tabs and newlines inside a URL ("java&#9;script:" is "javascript:"), strip
    # controls and spaces from its start, and read "\" as "/" ("/\\evil.example" is "//...").
    return _OFF_SITE.match(re.sub(r"[\t\n\r]", "", url).lstrip(_URL_TRIM)) is not None


# A refresh's content as browsers read it (HTML's "shared declarative refresh steps"): a delay,
# then `;` or `,`, then the address, with or without `url=`, quoted or not.
_REFRESH = re.compile(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)", re.I | re.S)


def refresh_target(content: str) -> str:
    """Where `<meta http-equiv=refresh content=...>` sends the reader ("" for a reload)."""
    match = _REFRESH.match(content)
    target = match.group(1).strip() if match else ""
    if target[:1] in ("'", '"'):
        target = target[1:].split(target[0], 1)[0]
    return target


class _Scan(NamedTuple):
    inline: list[str]  # bodies of inline scripts
    refused: list[str]


def _scan(page: str) -> _Scan:
    """What one page runs and what in it is refused."""
    found = _Scan([], [])
    # handed on: tags of those names and with an "on..." attribute, and what cannot be read
    for tag in html_tokens.read(page, "on", _READ_TAGS):
        if isinstance(tag, html_tokens.Unsure):
            doubt = "which browsers read in more than one way; take it out"
            found.refused.append(f"{tag.what}, {doubt}")
            break
        _inspect_tag(tag, html_tokens.attributes(tag.attributes), found)
    return found


def _inspect_tag(tag: html_tokens.Tag, attrs: dict[str, str], found: _Scan) -> None:
    """Note what one tag runs or refuses."""
    name, inline, refused = tag.name, found.inline, found.refused
    refused += [
        f"an event-handler attribute <{name} {key}={value!r}>"
        for key, value in attrs.items()
        if key.startswith("on")
    ]
    if name == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        target = refresh_target(attrs.get("content", ""))
        if _off_site(target):
            refused.append(f"a refresh to another address <meta content={target!r}>")
    if name == "iframe" and "srcdoc" in attrs:
        # a document of its own, which runs under this page's policy and escapes this scan
        shown = " ".join(attrs["srcdoc"].split())[:80]
        refused.append(f"an iframe with a document of its own <iframe srcdoc={shown!r}>")
    if name != "script":
        return
    kind = attrs.get("type", "").strip().lower()
    if "src" in attrs:
        if _off_site(attrs["src"]):
            refused.append(f"a script from another address <script src={attrs['src']!r}>")
    elif kind in _JS_TYPES:
        inline.append(tag.text or "")
    elif kind not in _DATA_TYPES:
        refused.append(f"a script of unknown type <script type={kind!r}>")


class Inspection(NamedTuple):
    hashes: list[str]  # of the page's known inline scripts, for the policy
    refused: list[str]  # what in the page the policy refuses


def inspect(page: str, known: list[re.Pattern[str]]) -> Inspection:
    """What the policy of one page must list, and what in the page it refuses."""
    bodies, refused = _scan(page)
    hashes = set()
    for body in bodies:
        if any(pattern.fullmatch(body) for pattern in known):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
        else:
            shown = " ".join(body.split())[:80]
            refused.append(f"an inline script the theme does not emit <script>{shown}</script>")
    return Inspection(sorted(hashes), refused)


def inspect_document(
    suffix: str, text: str, known: list[re.Pattern[str]], *, copied: bool
) -> Inspection:
    """The verdict on one built file a browser opens as a document (documents.py's suffixes);
    `copied`: a file from docs/ as it is, which no template made."""
    suffix = suffix.lower()
    if suffix in documents.UNREADABLE_SUFFIXES:
        return Inspection([], ["is compressed, so no check can read it; save it as .svg"])
    if suffix in documents.BARE_SUFFIXES:
        return Inspection([], documents.inspect_copied(text))
    found = inspect(text, known)
    if copied:
        found.refused.extend(documents.inspect_copied(text))
    if not _POLICY_PLACE.match(text):
        found.refused.append(
            "has no <meta charset> first in its <head>, where the policy must follow it; add one"
        )
    return found


def policy(hashes: list[str]) -> str:
    # Chromium matches 'self' to the site's own files under file:// too: one policy serves the
    # published site and the offline copy.
    return "; ".join([FIXED[0], " ".join(["script-src 'self'", *hashes]), *FIXED[1:]])


def with_policy(page: str, hashes: list[str], *, xml: bool = False) -> str:
    """The page with its policy right after <meta charset>, before anything it governs (`xml`:
    an XHTML page, where the tag must be closed)."""
    found = _POLICY_PLACE.match(page)
    if not found:
        raise ValueError("page has no <meta charset> first; cannot place the policy first")
    end = " />" if xml else ">"
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}"{end}'
    return page[: found.end()] + meta + page[found.end() :]
