"""What the hand-written pages of docs/ ask of the data, checked by `handbook check` as the
build would, with the fix:

- a link to a resource card (`#res-<id>`) must name a resource that exists, or one renamed in
  data/redirects.yml (its card keeps the old anchor). A renamed or deleted resource file passes
  the data's own rules, yet every page linking to its card breaks the strict build with a
  warning that does not say what to do;
- a block a page asks for (`<!-- handbook:NAME -->`) must exist and have its data (the build's
  own rule, render.render_block, says why not);
- a page a `.nav.yml` names must be in docs/ or be one the data makes: practice.md, say, is made
  only while data/checks.yml or data/capstones.yml has entries.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .ids import BLOCK_MARKER, resource_anchor
from .loader import MarkedDict, MarkedList, load_yaml
from .model import Handbook
from .problems import Problem
from .render import render_block, render_pages
from .schema_reference import DATA_REFERENCE_PAGE
from .schema_words import closest

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
# where a Markdown or HTML link writes its target: [text](target "title"), [ref]: target, href=
_TARGETS = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+)"
    r"|\bhref\s*=\s*[\"'](?P<href>[^\"']+)"
)
_PREFIX = resource_anchor("")


def pages(docs: Path) -> set[str] | None:
    """The hand-written pages (relative to the docs folder), or None without a docs folder."""
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else None


def docs_problems(handbook: Handbook | None, docs_dir: Path, docs_pages: set[str]) -> list[Problem]:
    """Every card link and block in docs/ the data cannot give, with its fix (none while the
    data has problems of its own: which ids and blocks exist is not known yet)."""
    if handbook is None:
        return []
    known = {r.id for r in handbook.resources} | set(handbook.redirects)
    ids = sorted(r.id for r in handbook.resources)
    problems = []
    for page in sorted(p for p in docs_pages if p.endswith(".md")):
        try:
            text = (docs_dir / page).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs itself reports a page it cannot read
        for line, target in _link_targets(text):
            missing = _missing_card(page, target, docs_pages, known)
            if missing is not None:
                problems.append(Problem(f"docs/{page}", line, "", _fix(missing, ids)))
        problems += _block_problems(handbook, page, text)
    return problems + _nav_problems(handbook, docs_dir, docs_pages)


def _nav_problems(handbook: Handbook, docs_dir: Path, docs_pages: set[str]) -> list[Problem]:
    """Each page a hand-written .nav.yml names that neither docs/ nor the data gives."""
    made = {*render_pages(handbook), DATA_REFERENCE_PAGE}
    problems = []
    for nav_file in sorted(docs_dir.rglob(".nav.yml")):
        folder = nav_file.parent.relative_to(docs_dir).as_posix().removeprefix(".")
        shown = f"docs/{nav_file.relative_to(docs_dir).as_posix()}"
        data, _ = load_yaml(nav_file, shown)  # awesome-nav itself reports a file it cannot read
        entries = data.get("nav") if isinstance(data, MarkedDict) else None
        for line, target in _nav_pages(entries):
            page = posixpath.normpath(posixpath.join(folder, target))
            if page not in docs_pages and page not in made:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "nav",
                        f"'{target}' is neither a page in docs/ nor one "
                        "the data makes here; remove it, or add the data that makes it",
                    )
                )
    return problems


def _nav_pages(entries: object) -> list[tuple[int, str]]:
    """(line, page) of every page a nav list names by its file (not a folder, glob or link)."""
    found: list[tuple[int, str]] = []
    if not isinstance(entries, MarkedList):
        return found
    for line, entry in zip(entries.item_lines, entries, strict=True):
        for value in entry.values() if isinstance(entry, MarkedDict) else [entry]:
            if isinstance(value, MarkedList):
                found += _nav_pages(value)
            elif isinstance(value, str) and value.endswith(".md") and not _NOT_A_FILE.search(value):
                found.append((line, value))
    return found


_NOT_A_FILE = re.compile(r"[*?\[]|^[a-z][a-z0-9+.-]*:", re.I)  # a glob, or a URL with a scheme


def _block_problems(handbook: Handbook, page: str, text: str) -> list[Problem]:
    found = []
    for match in BLOCK_MARKER.finditer(text):  # the build replaces markers anywhere in a page
        try:
            render_block(match.group(1), handbook, base="../" * page.count("/"), here=page)
        except ValueError as error:
            line = text.count("\n", 0, match.start()) + 1
            found.append(Problem(f"docs/{page}", line, "", str(error)))
    return found


def _link_targets(text: str) -> list[tuple[int, str]]:
    """(line, target) of every link outside code blocks and code spans, which show links as
    text rather than make them."""
    found, fence = [], ""
    for number, row in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(row)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        for match in _TARGETS.finditer(_without_code_spans(row)):
            found.append((number, match.group("inline") or match.group("ref") or match["href"]))
    return found


def _without_code_spans(row: str) -> str:
    """`row` without its code spans, in one pass: a span runs from a string of backticks to the
    next string of the same length; a string with none after it is only text (CommonMark)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(row)]
    closer: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}  # length of a string of backticks -> the next one of that length
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        closer[i], seen[length] = seen.get(length), i
    kept, done, i = [], 0, 0
    while i < len(runs):
        j = closer[i]
        if j is None:
            i += 1
            continue
        kept.append(row[done : runs[i][0]])
        done, i = runs[j][1], j + 1
    return "".join([*kept, row[done:]])


def _missing_card(page: str, target: str, docs_pages: set[str], known: set[str]) -> str | None:
    """The id a link asks for when it points at a generated page's card that no resource has."""
    parts = urlsplit(target)
    fragment = unquote(parts.fragment)
    if parts.scheme or parts.netloc or not fragment.startswith(_PREFIX):
        return None  # another site's page, or not a card's anchor
    goes_to = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if not parts.path or goes_to in docs_pages:
        return None  # cards are only on generated pages: a hand-written heading may be res-...
    wanted = fragment.removeprefix(_PREFIX)
    return None if wanted in known else wanted


def _fix(missing: str, ids: list[str]) -> str:
    said = f"the link goes to #{_PREFIX}{missing}, but no resource has the id '{missing}'"
    new = closest(missing, ids)
    if new is None:
        return f"{said}: link to a resource that exists, or remove the link"
    # only a guess: a fork's leftover link to a resource it never had must not be told to redirect
    return (
        f"{said} (did you mean '{new}'?); if '{new}' is its new name, add '{missing}: {new}' under "
        "redirects in data/redirects.yml, which keeps old links and readers' saved progress "
        "working; if the resource was removed, link to another one or remove the link"
    )
