"""Contributed text is text: make it inert before it reaches Markdown or HTML.

Every character that could open Markdown, HTML, attr_list, abbreviation or pymdown-extensions
syntax becomes a numeric character reference. The browser shows it as the same character; no
Markdown processor reads it as syntax.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_MARKUP = re.compile(r"[\\`*_{}\[\]()<>&#+!|~=^:\"]")


def md_text(value: object) -> str:
    """Inline Markdown that shows `value` literally, folded onto one line."""
    text = " ".join(str(value).split())
    return _MARKUP.sub(lambda m: f"&#{ord(m.group())};", text)


_CODE_SAFE = re.compile(r"[\w.\[\]/<>-]+")


def code_span(value: object) -> str:
    """`value` as inline code when it is a plain name (a field, a file); else as inert text,
    since inside a code span a character reference would show as typed."""
    text = str(value)
    return f"`{text}`" if _CODE_SAFE.fullmatch(text) else md_text(text)


def attr(value: object) -> str:
    """A value for a double-quoted HTML attribute."""
    return html.escape(str(value), quote=True)


def markdown_attr(value: object) -> str:
    """A value for a double-quoted attribute of an element Python-Markdown parses again (one
    with a `markdown` attribute, or inside one): it decodes the value once and writes back the
    entities it finds as they are, so the value is escaped twice to reach the browser as typed
    ("&#9;" stays those four characters, never a tab)."""
    return attr(attr(value))


def href(url: str) -> str:
    """A validated http(s) URL made safe inside Markdown's (...) link syntax."""
    return quote(url, safe="/:?#[]@!$&*+,;=%~-._")
