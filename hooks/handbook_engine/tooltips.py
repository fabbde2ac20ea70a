"""Which glossary terms a page uses: each term found whole, the longest first where two start
at one place, as one scan of the page from left to right would find them.

A regular expression of every term does the same, but Python's matcher tries the whole
alternation at every character of a page (the catalogue is a quarter of a megabyte) and has to
be compiled for every page's own terms. `str.find` per term runs in C and is several times faster
for a glossary of tens of terms; the results are the same, term for term.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_WORD = re.compile(r"\w+")
# Looking for each term costs about 1/150 of splitting a page into words. Above this many terms,
# the page's words are collected once and only terms made of them are looked for: a term found
# whole is made of whole words of the page, so this drops no term that could be found.
MANY_TERMS = 150


def _is_word(char: str) -> bool:
    # what `\w` matches in a str pattern: a letter, digit or numeral of any script, or "_"
    return char.isalnum() or char == "_"


def terms_used(text: str, terms: Collection[str]) -> set[str]:
    """The `terms` found in `text` as whole words (no letter, digit or "_" on either side).

    As a scan does: from the left, the longest term that starts at a place wins and hides any
    term that starts inside it ("feature store" hides "store" there, not elsewhere)."""
    names: Collection[str] = terms
    if len(terms) > MANY_TERMS:
        words = set(_WORD.findall(text))
        names = [t for t in terms if all(w in words for w in _WORD.findall(t))]
    end_of_text = len(text)
    longest: dict[int, str] = {}  # where a whole term starts -> the longest that starts there
    for name in names:
        if not name:
            continue
        size = len(name)
        at = text.find(name)
        while at != -1:
            end = at + size
            if (
                (at == 0 or not _is_word(text[at - 1]))
                and (end == end_of_text or not _is_word(text[end]))
                and size > len(longest.get(at, ""))
            ):
                longest[at] = name
            at = text.find(name, at + 1)
    used: set[str] = set()
    reach = 0  # a term that starts before here lies inside one already found
    for at in sorted(longest):
        if at >= reach:
            used.add(longest[at])
            reach = at + len(longest[at])
    return used
