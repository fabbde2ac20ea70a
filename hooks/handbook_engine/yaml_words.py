"""YAML mistakes in plain words: the line a contributor must fix and how.

libyaml names its parser's states ("did not find expected key while parsing a block mapping");
a contributor needs the mistake and the fix. Some mistakes parse without error and read as
something else (a list item swallowed by the one above): those are named here too.
"""

from __future__ import annotations

import re

import yaml

UNCLOSED = "a quote opens here and never closes; close it at the end of the value"
# (problem text, context text or "", use the context's line, plain words)
_PLAIN = (
    ("cannot start any token", "", False, None),  # decided by the character: see below
    (
        "could not find expected ':'",
        "simple key",
        True,
        "a colon needs a space after it: write `kind: book`, not `kind:book`",
    ),
    (
        "did not find expected key",
        "block mapping",
        False,
        "this line is indented differently from the fields around it; line it up with the field "
        "above (YAML indents with spaces, two per level)",
    ),
    (
        "did not find expected '-' indicator",
        "",
        False,
        "this list item is indented differently from the items above it; line the dashes up",
    ),
    (
        "mapping values are not allowed",
        "",
        False,
        "a colon and a space inside a value: put the whole value in quotes, e.g. "
        'title: "Inspired: How to Create Tech Products"',
    ),
    ("found unexpected end of stream", "quoted scalar", True, UNCLOSED),
)


# `kind book` or `kind = book`: a field's name and its value without the colon between them
_NO_COLON = re.compile(r"\s*([^\s=]+)\s*=?\s*(.*?)\s*$")
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


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line before line `before` whose value opens a double quote it never closes.
    Its quote runs on to the next quote in the file, so the parser stops somewhere else."""
    for number, row in enumerate(text.splitlines()[:before], start=1):
        if _QUOTED_VALUE.match(row) and row.replace('\\"', "").count('"') % 2:
            return number
    return None


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
                words = "a tab; YAML indents with spaces"
            if needle.startswith("could not find") and ":" not in _row(text, line):
                found = _NO_COLON.match(_row(text, line))
                name, rest = found.group(1, 2) if found else ("name", "value")
                words = (
                    f"this line has no colon: if it is a field, write `{name}: {rest}`; if it "
                    "continues the text above, indent it as that text is"
                )
            if needle.startswith("mapping values") and _indented_more(text, line):
                words = _PLAIN[2][3]  # `kind: book` then `  cost: paid`: an indent, not a colon
            return line, str(words)
    mark = error.problem_mark or error.context_mark
    what = " ".join(part for part in (context, problem) if part)
    return (mark.line + 1 if mark else 1), f"YAML syntax error: {what}"


def swallowed_item(item: yaml.Node, lines: list[str]) -> tuple[int, str] | None:
    """A list item that swallowed the next one, which no parser reports: a "- " indented more
    than the item above continues that item's text (`- a` over `   - b` is one value "a - b").
    Returns the line to fix (1-based) and what to do."""
    first, last = item.start_mark.line, item.end_mark.line
    if type(item) is not yaml.ScalarNode or item.style or last == first:
        return None  # only a plain value (style None, or "" from libyaml) runs on unmarked
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        if lines[number].lstrip().startswith("- "):
            return number + 1, (
                f"this '- ' is indented more than the item on line {first + 1}, so YAML reads "
                f"the two as one value {item.value!r}; indent every '- ' of the list alike"
            )
    return None
