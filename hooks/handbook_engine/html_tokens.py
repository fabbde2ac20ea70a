"""A page's start tags as a browser's HTML tokenizer reads them, their attributes and ids: for
the policy's scan (csp.py) and the sections a built page has (taught_in.py).

Regular expressions find where each construct ends, following the tokenizer's states in the HTML
standard (https://html.spec.whatwg.org/multipage/parsing.html#tokenization): attributes (a quoted
value may hold ">"; quotes, "<", "=" and "`" in an unquoted value are part of it; no space is
needed after a quoted value), comments and their abrupt endings, bogus comments and doctypes, end
tags (which carry attributes too), and the elements whose content is text: RAWTEXT, RCDATA,
script data with its escape states, plaintext. Reading one of these wrongly would let a quote or
a comment of the scan's own invention hide a real tag that follows.

Which of those elements switches the tokenizer depends on the tree: inside SVG or MathML, a
select or a frameset, `<style>` or `<title>` may hold markup, and CDATA sections exist; inside
a select, a `<template>` decides whether "</select>" counts; an SVG script runs its text read as
markup; a reader with scripts off reads `<noscript>` as markup.
Rather than guess, such a place is reported as `Unsure` (unless the text holds no "<", which
reads alike either way); the reading then goes on as in HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

_SPACE = r"\t\n\f\r "  # what the tokenizer calls whitespace (a CR is a newline by then)
_TAG_NAME = rf"[a-zA-Z][^{_SPACE}/>]*+"
# An attribute: a name (its first character may be "="), then perhaps spaces, "=", spaces and a
# value; an unterminated quote matches no value, and what follows is read as names up to the
# next ">" (a browser reads the rest of the page as that value, so nothing after it is markup).
_NAME = rf"[^{_SPACE}/>][^{_SPACE}/>=]*+"
_VALUE = rf"""(?:"[^"]*+"|'[^']*+'|[^{_SPACE}>"'][^{_SPACE}>]*+)"""
_EQUALS = rf"[{_SPACE}]*+=[{_SPACE}]*+"
_ATTRIBUTE_TEXT = rf"{_NAME}(?:{_EQUALS}{_VALUE}?+)?+"
_ATTRIBUTE = re.compile(rf"(?P<name>{_NAME})(?:{_EQUALS}(?P<value>{_VALUE})?+)?+")
# What starts at a "<": a comment, a doctype or bogus comment, "</>", or a tag read whole.
# Possessive throughout, so a tag is read once, left to right; with no ">" the match still ends
# (at the end of the page) and `gt` is empty: the tag never closes. Any other "<" is text.
_MARKUP = (
    rf"<(?:(?P<comment>!--)|(?P<bogus>[!?]|/(?![a-zA-Z>]))|(?P<dropped>/>)"
    rf"|(?P<end>/)?(?P<name>{_TAG_NAME})"
    rf"(?P<attributes>(?:[{_SPACE}/]*+{_ATTRIBUTE_TEXT})*+)(?P<close>[{_SPACE}/]*+)(?P<gt>>)?)"
)
_RAWTEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes", "noscript"})  # scripts on
_RCDATA = frozenset({"textarea", "title"})
_TEXT_ELEMENTS = _RAWTEXT | _RCDATA | {"script", "plaintext"}
_FOREIGN = frozenset({"svg", "math"})
# Elements inside SVG or MathML whose content is HTML again
_INTEGRATION_POINTS = frozenset(
    {"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"}
)
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img"}
    | {"input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)
# Elements whose end tag changes what the reading knows of the tree, and whose start tag it must
# see for that or because their content is text: never passed over.
_TRACKED = _FOREIGN | _INTEGRATION_POINTS | {"select"}
_SPECIAL = _TEXT_ELEMENTS | _TRACKED | {"frameset", "template"}


@cache
def _skipping(
    attribute_start: str | None, named: frozenset[str], end_tags: bool = True
) -> re.Pattern[str]:
    """MARKUP after what the reading may pass over without a word to the caller: text, a "<"
    that starts nothing, an end tag without attributes that changes nothing (unless `end_tags`
    is off), and a start tag of no special or `named` name none of whose attributes' names
    starts with `attribute_start` (None: no start tag is passed over). Passing over them inside
    the expression is several times faster than a loop over every tag. Case is ignored for
    ASCII letters alone, as the tokenizer does ("ſ" is no "s" to it, as it is to Python's re.I)."""
    quiet_end = quiet_tag = ""
    if end_tags:
        tracked = "|".join(sorted(_TRACKED))
        quiet_end = rf"|</(?!(?ai:{tracked})[{_SPACE}/>]){_TAG_NAME}>"
    if attribute_start is not None:
        quiet = rf"(?!(?ai:{re.escape(attribute_start)})){_ATTRIBUTE_TEXT}"
        special = "|".join(sorted(_SPECIAL | named))
        quiet_tag = (
            rf"|<(?!(?ai:{special})[{_SPACE}/>]){_TAG_NAME}"
            rf"(?:[{_SPACE}/]*+{quiet})*+[{_SPACE}/]*+>"
        )
    return re.compile(rf"(?:[^<]++|<(?![a-zA-Z/!?]){quiet_end}{quiet_tag})*+{_MARKUP}")


_COMMENT_END = re.compile(r"--!?>")
_BEFORE_END = rf"(?=[{_SPACE}/>])"  # what ends an end tag's name
_ASCII_CASE = re.I | re.A  # the tokenizer lowers ASCII letters alone
_SCRIPT_DATA = re.compile(rf"<!--|</script{_BEFORE_END}", _ASCII_CASE)
_SCRIPT_ESCAPED = re.compile(rf"-->|</script{_BEFORE_END}|<script{_BEFORE_END}", _ASCII_CASE)
_SCRIPT_DOUBLE_ESCAPED = re.compile(rf"-->|</script{_BEFORE_END}", _ASCII_CASE)
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(name: str) -> str:
    """A tag's or attribute's name as the tokenizer keeps it: ASCII letters lowered, no other."""
    return name.translate(_LOWER)


def attributes(text: str) -> dict[str, str]:
    """A tag's attributes (its `Tag.attributes`) by name, values unquoted and decoded; of two
    alike, the first counts, as in a browser."""
    found: dict[str, str] = {}
    for attribute in _ATTRIBUTE.finditer(text):
        value = attribute["value"] or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(_lower(attribute["name"]), html.unescape(value))
    return found


def element_ids(page: str) -> set[str]:
    """The id of every element in a page: text that only looks like an attribute (in prose,
    escaped code, a comment, a script or another attribute) is none."""
    return {
        found
        for tag in read(page, "id")
        if isinstance(tag, Tag)
        if (found := attributes(tag.attributes).get("id"))
    }


class Tag(NamedTuple):
    name: str  # in lower case
    attributes: str  # the text of its attributes, for `attributes`
    text: str | None  # a script's text; None for other elements


class Unsure(NamedTuple):
    what: str  # the construct whose reading depends on the tree or on scripts being on


def read(
    page: str, attribute_start: str | None = "on", named: frozenset[str] = frozenset()
) -> Iterator[Tag | Unsure]:
    """The start tags of `page` in order, as a browser's tokenizer reads them: those of special
    or `named` names and those with an attribute whose name starts with `attribute_start` ("on":
    event handlers, "id"; None: every tag), and any construct whose reading depends on the tree."""
    # Enough of the tree to know whether a place may lie in SVG or MathML: the open svg and math
    # elements, the integration points in them, and the HTML elements opened inside those. An
    # end tag pops only the innermost, so an element a browser closes some other way keeps the
    # reading unsure; never is a place taken for plain HTML while a browser is still in SVG.
    open_foreign: list[str] = []
    in_select = False
    pos = 0
    while True:
        inside = bool(open_foreign) and open_foreign[-1] not in _FOREIGN  # HTML in SVG/MathML
        found = _skipping(None if inside else attribute_start, named, not inside).match(page, pos)
        if found is None:
            return
        if found["comment"]:
            pos = _comment_end(page, found.end())
        elif found["dropped"]:
            pos = found.end()
        elif found["bogus"]:  # to the next ">"
            if open_foreign and page.startswith("![CDATA[", found.start("bogus")):
                yield Unsure("a CDATA section inside SVG or MathML")
            pos = page.find(">", found.end() - 1) + 1 or -1
        elif found["gt"] is None:
            return  # a tag that never closes holds the rest of the page
        elif found["end"]:
            pos, name = found.end(), _lower(found["name"])
            in_select = in_select and name != "select"
            if open_foreign and open_foreign[-1] == name:
                open_foreign.pop()
        else:
            pos, name, text = found.end(), _lower(found["name"]), None
            closed = found["close"].endswith("/")
            if name in _TEXT_ELEMENTS:
                end = _text_end(page, pos, name)
                content = page[pos : end if end != -1 else len(page)]
                if name == "script" and open_foreign:  # SVG's runs: its text read as markup
                    yield Unsure("a <script> inside SVG or MathML")
                elif (open_foreign or in_select) and "<" in content:
                    yield Unsure(f"a <{name}> holding markup inside SVG, MathML or a select")
                elif name == "noscript" and "<" in content:  # markup when scripts are off
                    yield Unsure("markup inside <noscript>")
                text = content if name == "script" else None
                pos = end
            elif name == "frameset":
                yield Unsure("a <frameset>")
            elif name == "template" and in_select:  # its own "</select>" may be ignored or not
                yield Unsure("a <template> inside a select")
            elif _opens(name, closed, bool(open_foreign), inside):
                open_foreign.append(name)
            in_select = in_select or name == "select"
            if not inside or _wanted(name, found["attributes"], attribute_start, named):
                yield Tag(name, found["attributes"], text)
        if pos == -1:
            return  # a comment or an element's text that runs to the end of the page


def _opens(name: str, closed: bool, in_foreign: bool, inside: bool) -> bool:
    """Whether a start tag leaves open an element the reading tracks (`inside`: in HTML within
    SVG or MathML)."""
    if name in _FOREIGN or (in_foreign and not inside and name in _INTEGRATION_POINTS):
        return not closed  # an element of SVG or MathML heeds "/>"
    return inside and name not in _VOID  # HTML heeds it on void elements alone


def _wanted(name: str, text: str, attribute_start: str | None, named: frozenset[str]) -> bool:
    """Whether `read` hands on a tag it had to read in full (as `_skipping` would pass it)."""
    if attribute_start is None or name in _SPECIAL or name in named:
        return True
    return any(n.startswith(attribute_start) for n in attributes(text))


def _comment_end(page: str, start: int) -> int:
    """Where a comment whose text starts at `start` ends ("<!-->" and "<!--->" end at once)."""
    if page.startswith(">", start):
        return start + 1
    if page.startswith("->", start):
        return start + 2
    found = _COMMENT_END.search(page, start)
    return found.end() if found else -1


_TEXT_END = {n: re.compile(rf"</{n}{_BEFORE_END}", _ASCII_CASE) for n in _RAWTEXT | _RCDATA}


def _text_end(page: str, start: int, name: str) -> int:
    """Where the end tag of an element whose content is text starts (-1: there is none)."""
    if name == "plaintext":
        return -1
    if name == "script":
        return _script_end(page, start)
    found = _TEXT_END[name].search(page, start)
    return found.start() if found else -1


def _script_end(page: str, start: int) -> int:
    """Where a script's end tag starts. Inside "<!--", a "<script" makes a "</script" end only
    itself (the double-escaped state), and "-->" goes back to plain script data."""
    state, pos = "data", start
    while True:
        if state == "data":
            found = _SCRIPT_DATA.search(page, pos)
            if found is None or found.group()[1] == "/":
                return found.start() if found else -1
            state, pos = "escaped", found.start() + 2  # its dashes may end it at once: "<!-->"
        elif state == "escaped":
            found = _SCRIPT_ESCAPED.search(page, pos)
            if found is None or found.group()[1] == "/":
                return found.start() if found else -1
            state, pos = ("data" if found.group() == "-->" else "double"), found.end()
        else:
            found = _SCRIPT_DOUBLE_ESCAPED.search(page, pos)
            if found is None:
                return -1
            state, pos = ("data" if found.group() == "-->" else "escaped"), found.end()
