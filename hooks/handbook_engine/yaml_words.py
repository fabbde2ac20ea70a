"""YAML mistakes in plain words: the line a contributor must fix and how.

libyaml names its parser's states ("did not find expected key while parsing a block mapping");
a contributor needs the mistake and the fix. Some mistakes parse without error and read as
something else (a list item swallowed by the one above, a value cut short by ` #`, curly
quotes kept as text): those are named here too.
"""

from __future__ import annotations

import re

import yaml

UNCLOSED = "a quote opens here and never closes; close it at the end of the value"
TAB = "a tab; YAML indents with spaces"
LIST_INDENT = "this list item is indented differently from the items above it; line the dashes up"
INDENT = (
    "this line is indented differently from the fields around it; line it up with the field "
    "above (YAML indents with spaces, two per level)"
)
# (problem text, context text or "", use the context's line, plain words)
_PLAIN = (
    ("cannot start any token", "", False, None),  # decided by the character: see below
    (
        "could not find expected ':'",
        "simple key",
        True,
        "a colon needs a space after it: write `kind: book`, not `kind:book`",
    ),
    ("did not find expected key", "block mapping", False, INDENT),  # or see _after_value
    ("tab character", "", False, TAB),  # libyaml: "found a tab character that violates ..."
    (
        "sequence entries are not allowed",
        "",
        False,
        "a list cannot start on its field's line: put each `- item` on a line of its own below "
        "the field, indented by two spaces",
    ),
    (
        "did not find expected ','",  # or ']', or '}'
        "while parsing a flow",
        True,
        "a [ or { opened on this line never closes: close it with ] or }, or write one "
        "`- item` per line below the field",
    ),
    ("did not find expected '-' indicator", "", False, LIST_INDENT),
    (
        "mapping values are not allowed",
        "",
        False,
        "a colon and a space inside a value: put the whole value in quotes, e.g. "
        'title: "Inspired: How to Create Tech Products"',
    ),
    ("found unexpected end of stream", "quoted scalar", True, UNCLOSED),
)
# `title: 'Lenny's Podcast'`: the value's own quote mark closed it, and text follows
_QUOTE_CLOSED_EARLY = re.compile(r"""\s*(?:-\s+)?(?:[^\s"'#:-][^:#]*:\s+)?(["']).*\1$""")
# a line that is a field (`name:`, `name: value`) or a list item (`- value`), not a bare value
_FIELD_OR_ITEM = re.compile(r"\s*(?:-(?:\s|$)|#|[^:#]*:(?:\s|$))")
_FIELD_WITH_VALUE = re.compile(r"""\s*(?:-\s+)?[^\s"'#:-][^:#]*:\s+(\S.*)$""")


# `kind book` or `kind = book`: a field's name and its value without the colon between them
_NO_COLON = re.compile(r"\s*([^\s=]+)\s*=?\s*(.*?)\s*$")
_DASH_NO_SPACE = re.compile(r"\s*-([^\s-].*?)\s*$")  # `  -"Bill Carr"`: an item, missing a space
# a field or list item whose value starts with a double quote: `title: "...`, `  - "...`
_QUOTED_VALUE = re.compile(r'\s*(?:-\s+|[^\s"#:][^:#]*:\s+)"')


def _row(text: str, line: int) -> str:
    rows = text.splitlines()
    return rows[line - 1] if 0 < line <= len(rows) else ""


def _indented_more(text: str, line: int) -> bool:
    """Whether line `line` (1-based) is indented deeper than the line before it."""
    rows = text.splitlines()
    if not 1 < line <= len(rows):
        return False
    indent = len(rows[line - 1]) - len(rows[line - 1].lstrip(" "))
    before = rows[line - 2]
    return indent > len(before) - len(before.lstrip(" "))


def _after_value(text: str, line: int, column: int) -> tuple[int, str] | None:
    """What YAML found after a complete value (a block mapping's "expected key"), when it is not
    an indent: text after a closing quote, after a [list], or a list under `field: value`."""
    row = _row(text, line)
    before = row[:column]
    if _QUOTE_CLOSED_EARLY.match(before):
        return line, (
            "a quote mark inside the value ends it early: put a value holding ' in double "
            "quotes, one holding \" in single quotes (or write '' for each ' inside single quotes)"
        )
    value = _FIELD_WITH_VALUE.match(before)
    if value and value.group(1).startswith(("[", "{")):
        return line, (
            "a value starting with [ or { is read as a list or mapping: write the value bare "
            "(a URL as https://...), or put it all in quotes"
        )
    # `authors: []` and then `  - Ada`: the list below a field whose value is on its own line
    rows = text.splitlines()
    above = [n for n in range(line - 1) if rows[n].strip() and not rows[n].lstrip().startswith("#")]
    field = _FIELD_WITH_VALUE.match(rows[above[-1]]) if above else None
    if row.lstrip().startswith("- ") and field and not field.group(1).startswith("#"):
        return above[-1] + 1, (
            f"this field has the value {field.group(1).split(' #')[0].strip()!r} on its own line "
            "and a list below it: remove the value after the colon so the items are its list"
        )
    # `authors:` over `  "Ada"` and `  "Grace"`: list items written without their "- "
    bare = [n for n in [*above, line - 1] if not _FIELD_OR_ITEM.match(rows[n])]
    first = next((n for n in reversed(above) if n not in bare), None)
    if bare and bare[-1] == line - 1 and first is not None and rows[first].rstrip().endswith(":"):
        start = min(n for n in bare if n > first)
        item = rows[start].lstrip()
        indent = rows[start][: -len(item)]
        return start + 1, (
            f"a list's items each start with '- ': write `{indent}- {item}`, and the same on "
            "each item's line below it"
        )
    return None


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line before line `before` whose value opens a double quote it never closes.
    Its quote runs on to the next quote in the file, so the parser stops somewhere else."""
    for number, row in enumerate(text.splitlines()[:before], start=1):
        if _QUOTED_VALUE.match(row) and row.replace('\\"', "").count('"') % 2:
            return number
    return None


def _no_colon_words(row: str) -> str:
    if item := _DASH_NO_SPACE.match(row):
        return f"a list item needs a space after its dash: write `- {item.group(1)}`"
    found = _NO_COLON.match(row)
    name, rest = found.group(1, 2) if found else ("name", "value")
    return (
        f"this line has no colon: if it is a field, write `{name}: {rest}`; if it continues the "
        "text above, indent it as that text is"
    )


def plain_words(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line and a message in plain words for a YAML syntax error."""
    problem, context = str(error.problem or ""), str(error.context or "")
    mark = error.problem_mark or error.context_mark
    unclosed = _unclosed_quote(text, mark.line + 1 if mark else 0)
    if unclosed is not None:
        return unclosed, UNCLOSED
    for needle, where, at_context, words in _PLAIN:
        if needle in problem and where in context:
            mark = (error.context_mark if at_context else None) or error.problem_mark
            line = mark.line + 1 if mark else 1
            if words is None:  # a character that cannot start a token: a tab, most often
                row = (
                    text.splitlines()[mark.line]
                    if mark and mark.line < text.count("\n") + 1
                    else ""
                )
                if mark is None or "\t" not in row[: mark.column + 1]:
                    break
                words = TAB
            if needle.startswith("could not find") and ":" not in _row(text, line):
                words = _no_colon_words(_row(text, line))
            # `kind: book` then `  cost: paid` is an indent; `  definition: a: b`, a colon
            first_colon = mark is not None and _row(text, line).find(": ") == mark.column
            if needle.startswith("mapping values") and _indented_more(text, line) and first_colon:
                words = INDENT
            if words in (INDENT, LIST_INDENT) and mark is not None:
                line, words = _after_value(text, line, mark.column) or (line, words)
            return line, str(words)
    mark = error.problem_mark or error.context_mark
    what = " ".join(part for part in (context, problem) if part)
    return (mark.line + 1 if mark else 1), f"YAML syntax error: {what}"


def _plain(node: yaml.Node) -> bool:
    # an unquoted, unfolded scalar (style None, or "" from libyaml): the one kind of value that
    # runs on over lines and stops at a comment without saying so
    return type(node) is yaml.ScalarNode and not node.style


def swallowed_item(item: yaml.Node, lines: list[str]) -> tuple[int, str] | None:
    """A list item that swallowed the next one, which no parser reports: a "- " indented more
    than the item above continues that item's text (`- a` over `   - b` is one value "a - b").
    Returns the line to fix (1-based) and what to do."""
    first, last = item.start_mark.line, item.end_mark.line
    if not _plain(item) or last == first:
        return None
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        if lines[number].lstrip().startswith("- "):
            return number + 1, (
                f"this '- ' is indented more than the item on line {first + 1}, so YAML reads "
                f"the two as one value {item.value!r}; indent every '- ' of the list alike"
            )
    return None


# ` #` then a word: a comment to YAML, but to a writer the rest of the value ("#1 Bestseller").
# A comment as `handbook new` writes one has a space after the `#` and is left alone.
_COMMENT_RIGHT_AFTER = re.compile(r"\s+#\S")


_CURLY = ("\u201c\u201d", "\u2018\u2019")  # “…” and ‘…’, the quotes word processors type


def misread(value: yaml.Node, lines: list[str]) -> tuple[int, str] | None:
    """A plain value YAML reads otherwise than its writer meant: cut short by a ` #`, or
    wrapped in curly quotes that YAML keeps as text. Returns the line to fix and what to do."""
    if not _plain(value) or value.end_mark.line >= len(lines):
        return None
    text = value.value
    if len(text) > 1 and any(text[0] == pair[0] and text[-1] == pair[1] for pair in _CURLY):
        return value.start_mark.line + 1, (
            f"{text!r} is wrapped in curly quotes, which YAML keeps as part of the value: remove "
            'them, or put the whole value in straight quotes ("...") if they belong to it'
        )
    rest = lines[value.end_mark.line][value.end_mark.column :]
    if not _COMMENT_RIGHT_AFTER.match(rest):
        return None
    return value.end_mark.line + 1, (
        f"YAML reads ' {rest.lstrip()}' as a comment, so the value stops at {value.value!r}: "
        "put the whole value in quotes to keep it"
    )
