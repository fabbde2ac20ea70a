"""Files a browser opens as documents of their own, and the ones copied from docs/ as they are.

Pages built from Markdown come from the theme's templates, and the policy scan reads their tags.
A copied file (an SVG diagram, an XML file, an HTML page no template made) can be anything: a
namespace prefix, an entity, an attribute quirk can hide a tag from any tokenizer short of a
browser's. So a copied document is read as text, and anything in it that could run or send the
reader elsewhere is refused, whatever wraps it. Copied pages still get the policy as a second wall.
"""

from __future__ import annotations

import html
import re

# The suffixes GitHub Pages serves (by mime-db) as HTML, XHTML, SVG or XML, which browsers open
# as documents that can run script. Everything else is shown as text, drawn as an image or saved.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".xht"})
XML_PAGE_SUFFIXES = frozenset({".xhtml", ".xht"})  # parsed as XML: a tag must be closed
BARE_SUFFIXES = frozenset({".svg", ".xml", ".xsl", ".xslt", ".xsd", ".rng", ".mathml", ".mml"})
# served as SVG, yet compressed: no check can read it as the browser will
UNREADABLE_SUFFIXES = frozenset({".svgz"})
DOCUMENT_SUFFIXES = PAGE_SUFFIXES | BARE_SUFFIXES | UNREADABLE_SUFFIXES

_RUNS = re.compile(
    r"<(?:[^\s<>:]+:)?(?:script|foreignobject|iframe|object|embed)\b"  # any namespace prefix
    r"|<\?xml-stylesheet|<!entity|<!doctype[^>]*\[",  # a style sheet, entities that hide markup
    re.I,
)
_HANDLER = re.compile(r"""[\s"'/]on[^\s"'=<>/]*\s*=""", re.I)
_REFRESH = re.compile(r"""http-equiv\s*=\s*["']?\s*refresh""", re.I)
_DECLARED = re.compile(
    r"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)|<meta\b[^>]*?charset\s*=\s*["']?([^"'\s/>]*)""",
    re.I,
)
_SPACE_AND_CONTROLS = re.compile(r"[\x00-\x20]")
# an attribute's value, or an item of an animation's list of values, that starts with it
_JAVASCRIPT = re.compile(r"""[=;"']javascript:""", re.I)


def decode(raw: bytes) -> tuple[str, str | None]:
    """A document's text, and why it cannot be checked (None when it can): only UTF-8 that
    declares no other encoding is read here as a browser reads it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", "is UTF-16 text; save it as UTF-8"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "", "is not UTF-8 text; save it as UTF-8"
    declared = _DECLARED.search(text[:1024])  # where browsers look for it
    if declared and (declared.group(1) or declared.group(2) or "").lower() not in ("utf-8", "utf8"):
        return text, "declares an encoding other than UTF-8; save it as UTF-8 and declare utf-8"
    return text, None


def inspect_copied(document: str) -> list[str]:
    """What in a copied document could run or send the reader away: a script, a frame or an
    object, HTML inside SVG, a style sheet or entities, a handler, a refresh, a srcdoc, or a
    javascript: address in an attribute (entities decoded, spaces and controls removed)."""
    refused = []
    for pattern, what in (
        (_RUNS, "{!r}"),
        (_HANDLER, "an event-handler attribute {!r}"),
        (_REFRESH, "a refresh {!r}"),
    ):
        found = pattern.search(document)
        if found:
            refused.append(what.format(found.group().strip()))
    if "srcdoc" in document.lower():
        refused.append("an iframe's srcdoc")
    if _JAVASCRIPT.search(_SPACE_AND_CONTROLS.sub("", html.unescape(document))):
        refused.append("a javascript: address")
    return [f"{what} (a file copied as it is may run nothing)" for what in refused]
