"""Which glossary terms a page uses: each term found whole, the longest first where two start
at one place, as one scan of the page from left to right would find them.

A regular expression of every term does the same, but Python's matcher tries the whole
alternation at every character of a page (the catalogue is a quarter of a megabyte) and has to
be compiled for every page's own terms. `str.find` per term runs in C and is several times faster
for a glossary of tens of terms; the results are the same, term for term.
"""

from __future__ import annotations

from collections.abc import Collection

# Splitting a page into words costs about what looking for 25 terms does. Above this many terms,
# the page's words are collected once and only terms made of them are looked for.
MANY_TERMS = 25


def _is_word(char: str) -> bool:
    # what `\w` matches in a str pattern: a letter, digit or numeral of any script, or "_"
    return char.isalnum() or char == "_"


# Runs of ASCII letters, digits and "_" as the words: every other byte (each byte of a character
# beyond ASCII too) becomes a space. A term found whole is bounded by no `\w` on either side, so
# each such run of the term is such a run of the page: no term that could be found is dropped.
_ASCII_WORDS = bytes(b if chr(b).isascii() and _is_word(chr(b)) else 32 for b in range(256))


def _words(text: str) -> set[bytes]:
    return set(text.encode("utf-8", "surrogatepass").translate(_ASCII_WORDS).split())


def terms_used(text: str, terms: Collection[str]) -> set[str]:
    """The `terms` found in `text` as whole words (no letter, digit or "_" on either side).

    As a scan does: from the left, the longest term that starts at a place wins and hides any
    term that starts inside it ("feature store" hides "store" there, not elsewhere)."""
    names: Collection[str] = terms
    if len(terms) > MANY_TERMS:
        words = _words(text)
        names = [t for t in terms if _words(t) <= words]
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
