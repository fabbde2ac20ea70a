"""A page's start tags as a browser's HTML tokenizer reads them, for the policy's scan (csp.py).

Regular expressions find where each construct ends, following the tokenizer's states in the HTML
standard (https://html.spec.whatwg.org/multipage/parsing.html#tokenization): attributes (a quoted
value may hold ">"; quotes, "<", "=" and "`" in an unquoted value are part of it; no space is
needed after a quoted value), comments and their abrupt endings, bogus comments and doctypes, end
tags (which carry attributes too), and the elements whose content is text: RAWTEXT, RCDATA,
script data with its escape states, plaintext. Reading one of these wrongly would let a quote or
a comment of the scan's own invention hide a real tag that follows.

Which of those elements switches the tokenizer depends on the tree: inside SVG or MathML, a
select or a frameset, `<style>` or `<title>` may hold markup, and CDATA sections exist. Rather
than guess, such a place is reported as `Unsure`; the reading then goes on as in HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

_SPACE = r"\t\n\f\r "  # what the tokenizer calls whitespace (a CR is a newline by then)
_VALUE = rf"""(?:"[^"]*+"|'[^']*+'|[^{_SPACE}>"'][^{_SPACE}>]*+)"""
# A name (its first character may be "="), then perhaps spaces, "=", spaces and a value; an
# unterminated quote matches no value, and what follows is read as names up to the next ">"
# (a browser reads the rest of the page as that value, so nothing after it is markup anyway).
_ATTRIBUTE_TEXT = rf"[^{_SPACE}/>][^{_SPACE}/>=]*+(?:[{_SPACE}]*+=[{_SPACE}]*+{_VALUE}?+)?+"
ATTRIBUTE = re.compile(
    rf"(?P<name>[^{_SPACE}/>][^{_SPACE}/>=]*+)"
    rf"(?:[{_SPACE}]*+=[{_SPACE}]*+(?P<value>{_VALUE})?+)?+"
)
# What starts at a "<": a comment, a doctype or bogus comment, "</>", or a tag read whole.
# Possessive throughout, so a tag is read once, left to right; with no ">" the match still ends
# (at the end of the page) and `gt` is empty: the tag never closes. Any other "<" is text.
_MARKUP = (
    rf"<(?:(?P<comment>!--)|(?P<bogus>[!?]|/(?![a-zA-Z>]))|(?P<dropped>/>)"
    rf"|(?P<end>/)?(?P<name>[a-zA-Z][^{_SPACE}/>]*+)"
    rf"(?P<attributes>(?:[{_SPACE}/]*+{_ATTRIBUTE_TEXT})*+)(?P<close>[{_SPACE}/]*+)(?P<gt>>)?)"
)
# Names whose start tag the reading must see: their content is text, they change which
# elements are, or the policy reads their attributes whatever they are.
SPECIAL = frozenset(
    {"meta", "script", "iframe", "style", "xmp", "noembed", "noframes", "noscript", "textarea"}
    | {"title", "plaintext", "svg", "math", "select", "frameset", "foreignobject", "desc"}
    | {"mi", "mo", "mn", "ms", "mtext", "annotation-xml"}
)
_TRACKED_END = "svg|math|select|foreignobject|desc|title|mi|mo|mn|ms|mtext|annotation-xml"


@cache
def _skipping(attribute_start: str | None) -> re.Pattern[str]:
    """MARKUP after what the reading may pass over without a word to the caller: text, a "<"
    that starts nothing, an end tag without attributes that changes nothing, and a start tag of
    no special name none of whose attributes' names starts with `attribute_start` (None: no
    start tag is passed over). Passing over them inside the expression is several times faster
    than a loop over every tag."""
    quiet_tag = ""
    if attribute_start is not None:
        quiet = rf"(?!(?i:{re.escape(attribute_start)})){_ATTRIBUTE_TEXT}"
        special = "|".join(sorted(SPECIAL))
        quiet_tag = (
            rf"|<(?!(?i:{special})[{_SPACE}/>])[a-zA-Z][^{_SPACE}/>]*+"
            rf"(?:[{_SPACE}/]*+{quiet})*+[{_SPACE}/]*+>"
        )
    return re.compile(
        rf"(?:[^<]++|<(?![a-zA-Z/!?])"
        rf"|</(?!(?i:{_TRACKED_END})[{_SPACE}/>])[a-zA-Z][^{_SPACE}/>]*+>{quiet_tag})*+{_MARKUP}"
    )


_COMMENT_END = re.compile(r"--!?>")
_BEFORE_END = rf"(?=[{_SPACE}/>])"  # what ends an end tag's name
_SCRIPT_DATA = re.compile(rf"<!--|</script{_BEFORE_END}", re.I)
_SCRIPT_ESCAPED = re.compile(rf"-->|</script{_BEFORE_END}|<script{_BEFORE_END}", re.I)
_SCRIPT_DOUBLE_ESCAPED = re.compile(rf"-->|</script{_BEFORE_END}", re.I)

RAWTEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes", "noscript"})  # scripts on
RCDATA = frozenset({"textarea", "title"})
_TEXT_ELEMENTS = RAWTEXT | RCDATA | {"script", "plaintext"}
_FOREIGN = frozenset({"svg", "math"})
# Elements inside SVG or MathML whose content is HTML again: an end tag of an outer element may
# or may not close them, so while one is open the reading stays unsure about the tree.
_INTEGRATION_POINTS = frozenset(
    {"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"}
)


class Tag(NamedTuple):
    name: str  # in lower case
    attributes: str  # the text of its attributes, for ATTRIBUTE
    text: str | None  # a script's text; None for other elements


class Unsure(NamedTuple):
    what: str  # the construct whose reading depends on the tree or on scripts being on


def read(page: str, attribute_start: str | None = "on") -> Iterator[Tag | Unsure]:
    """The start tags of `page` in order, as a browser's tokenizer reads them: those of special
    names and those with an attribute whose name starts with `attribute_start` ("on": event
    handlers, "id"; None: every one), and any construct whose reading depends on the tree."""
    open_foreign: list[str] = []  # open svg and math elements, and integration points in them
    in_select = False
    pos, next_construct = 0, _skipping(attribute_start)
    while found := next_construct.match(page, pos):
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
            pos, name = found.end(), found["name"].lower()
            in_select = in_select and name != "select"
            if open_foreign and open_foreign[-1] == name:
                open_foreign.pop()
        else:
            pos, name, text = found.end(), found["name"].lower(), None
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
            elif not found["close"].endswith("/") and (
                name in _FOREIGN or (open_foreign and name in _INTEGRATION_POINTS)
            ):
                open_foreign.append(name)
            in_select = in_select or name == "select"
            yield Tag(name, found["attributes"], text)
        if pos == -1:
            return  # a comment or an element's text that runs to the end of the page


def _comment_end(page: str, start: int) -> int:
    """Where a comment whose text starts at `start` ends ("<!-->" and "<!--->" end at once)."""
    if page.startswith(">", start):
        return start + 1
    if page.startswith("->", start):
        return start + 2
    found = _COMMENT_END.search(page, start)
    return found.end() if found else -1


_TEXT_END = {name: re.compile(rf"</{name}{_BEFORE_END}", re.I) for name in RAWTEXT | RCDATA}


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
