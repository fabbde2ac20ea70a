"""The shipped copies of the handbook's own scripts and stylesheets, without their comments.

The sources explain themselves at length; a phone need not download that. The built copies in
`javascripts/` and `stylesheets/` (not their subfolders: vendored code keeps its notices) lose:
- in a script, comments that fill whole lines (`// ...` lines, and `/* ... */` blocks that
  begin and end a line), except inside a template literal spread over lines;
- in a stylesheet, every comment outside a string.
`/*! ... */` is kept in both, by convention a notice that must ship. A comment after code on the
same line of a script stays: telling it from a regular expression or a string needs a parser.
"""

from __future__ import annotations

import re
from pathlib import Path

FOLDERS = {"javascripts": ".js", "stylesheets": ".css"}
_LINE_COMMENT = re.compile(r"[ \t]*//")
_BLOCK_START = re.compile(r"[ \t]*/\*(?!!)")


def compact_script(text: str) -> str:
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    in_template = False  # inside a template literal spread over lines: its lines are text
    i = 0
    while i < len(lines):
        line = lines[i]
        if not in_template and _LINE_COMMENT.match(line):
            i += 1
            continue
        if not in_template and _BLOCK_START.match(line):
            end = _block_end(lines, i)
            if end is not None:
                i = end + 1
                continue
        kept.append(line)
        in_template ^= line.count("`") % 2 == 1
        i += 1
    return "".join(kept)


def _block_end(lines: list[str], start: int) -> int | None:
    """The last line of the comment block opening `lines[start]`, if the block ends its line
    (code after `*/` on the same line keeps the whole block); None otherwise."""
    opening = lines[start].index("/*")
    for n in range(start, len(lines)):
        line = lines[n].rstrip()
        closes = line.find("*/", opening + 2 if n == start else 0)
        if closes != -1:
            return n if closes == len(line) - 2 else None
    return None


def compact_stylesheet(text: str) -> str:
    out: list[str] = []
    i, quote = 0, ""
    while i < len(text):
        char = text[i]
        if quote:
            out.append(char)
            if char == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            out.append(char)
        elif text.startswith("/*", i) and not text.startswith("/*!", i):
            end = text.find("*/", i + 2)
            if end == -1:
                return text  # an unclosed comment: leave the file to the browser's own rules
            i = end + 2
            continue
        else:
            out.append(char)
        i += 1
    # the lines a comment filled are left empty: drop them
    return "".join(line for line in "".join(out).splitlines(keepends=True) if line.strip())


def compact_assets(site_dir: Path) -> None:
    """Rewrite the built scripts and stylesheets without their comments."""
    for folder, suffix in FOLDERS.items():
        for path in sorted((site_dir / folder).glob(f"*{suffix}")):
            text = path.read_text(encoding="utf-8")
            compact = compact_script(text) if suffix == ".js" else compact_stylesheet(text)
            if compact != text:
                path.write_text(compact, encoding="utf-8")
