"""`taught_in` links (data/skills.yml) must name a section their page has: one rule, used by
the build with the ids of the built pages, and by `handbook check` with the sections a page's
own Markdown shows, so a contributor hears of a wrong anchor before a build does."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .ids import BLOCK_MARKER
from .loader import line_of, load_yaml
from .model import Competency, Concept, Handbook
from .problems import Problem, reading_order
from .schema_words import field_name

Location = tuple[str | int, ...]
# (page, anchor) -> what is wrong with the link, or None when nothing is (or it cannot be told)
Verdict = Callable[[str, str], str | None]


_KINDS = ("concepts", "competencies")  # the lists of a skill whose entries have a taught_in


def links(handbook: Handbook) -> list[tuple[Location, str]]:
    """Every `taught_in` link, with where it is in data/skills.yml."""
    found: list[tuple[Location, str]] = []
    for i, skill in enumerate(handbook.skills):
        for kind in _KINDS:
            entries: Sequence[Concept | Competency] = getattr(skill, kind)
            found += [
                (("skills", i, kind, j, "taught_in"), entry.taught_in)
                for j, entry in enumerate(entries)
                if entry.taught_in
            ]
    return found


def pages_pointed_at(handbook: Handbook) -> set[str]:
    """The pages some `taught_in` names: the only ones whose anchors are looked up."""
    return {_split(link)[0] for _, link in links(handbook)}


def anchor_problems(handbook: Handbook, data_dir: Path, verdict: Verdict) -> list[Problem]:
    """A problem (file, line, field) for every `taught_in` the verdict finds wrong."""
    wrong = _judged(links(handbook), verdict)
    if not wrong:
        return []
    data, _ = load_yaml(data_dir / "skills.yml", "data/skills.yml")
    return _problems(data, wrong)


def _judged(found: list[tuple[Location, str]], verdict: Verdict) -> list[tuple[Location, str]]:
    """The links the verdict finds wrong, each with what it says of it."""
    return [(where, said) for where, link in found if (said := verdict(*_split(link)))]


def _problems(data: object, wrong: list[tuple[Location, str]]) -> list[Problem]:
    return [
        Problem("data/skills.yml", line_of(data, where), field_name(where), said)
        for where, said in wrong
    ]


def _links_as_written(data: object, docs_pages: set[str]) -> list[tuple[Location, str]]:
    """The `taught_in` links of data/skills.yml as it stands, when other problems keep the
    handbook from being built: only links to pages of docs/ (the schema and the cross-file
    rules speak of the others, and no other file is ever opened)."""
    found: list[tuple[Location, str]] = []
    skills = data.get("skills") if isinstance(data, dict) else None
    for i, skill in enumerate(skills if isinstance(skills, list) else []):
        for kind in _KINDS:
            entries = skill.get(kind) if isinstance(skill, dict) else None
            for j, entry in enumerate(entries if isinstance(entries, list) else []):
                link = entry.get("taught_in") if isinstance(entry, dict) else None
                if isinstance(link, str) and _split(link)[0] in docs_pages:
                    found.append((("skills", i, kind, j, "taught_in"), link))
    return found


def _split(link: str) -> tuple[str, str]:
    page, _, anchor = link.partition("#")
    return page, anchor


def _missing(page: str, anchor: str) -> str:
    return (
        f"docs/{page} has no section #{anchor}; "
        "give the heading { #" + anchor + " } or point at one it has"
    )


# --- the build: the ids of the built pages ------------------------------------------------


def built_verdict(anchors: dict[str, set[str]]) -> Verdict:
    """Judged by the ids of the built pages (`anchors`: page -> ids, for every page built)."""

    def verdict(page: str, anchor: str) -> str | None:
        if page not in anchors:
            return (
                f"docs/{page} is not part of the built site (exclude_docs or a hidden name "
                f"leaves it out), so #{anchor} cannot be reached; point at a page the site has"
            )
        return None if anchor in anchors[page] else _missing(page, anchor)

    return verdict


# --- handbook check: the sections a page's Markdown shows -----------------------------------
# Without a build, check cannot know every id the build will give: a site may slugify headings
# its own way, and extensions and snippets add sections. So it compares letters and digits
# alone, with accents, case, spaces and punctuation set aside, and refuses an anchor only when
# no heading, tab or given id of the page could produce it. A typo is caught; an id the build
# may give is never refused; the build, which reads the built pages, has the last word.

# a heading also in a list item, a definition or a quote, and "##Title" (Python-Markdown needs no
# space); every pattern is linear: no two parts of one can match the same text
_HEADING = re.compile(r"^[ \t>*+:.\d-]*#+(.*)$", re.M)
_SETEXT = re.compile(r"^[ \t>]*([^ \t>\n][^\n]*)\n[ \t>]*(?:=+|-+)[ \t]*$", re.M)
_HTML_HEADING = re.compile(r"<h[1-6]\b[^<>\n]*>([^<\n]*)", re.I)  # <h2 markdown>: md_in_html
_TAB = re.compile(r'^[ \t>]*===[!+]*[ \t]+"([^"\n]*)"', re.M)  # content tabs get ids too
_TABBED_ID = re.compile(r"__tabbed_\d+_\d+")  # a tab's id when tabbed has no slugify
_GIVEN_ID = re.compile(r"""\{[^{}\n#]*#([\w-]+)|\bid\s*=\s*["']?([^"'\s>{}]+)""")
# what a heading shows of its Markdown: no attribute list, icon shortcode, tag, entity, image,
# footnote or link target
_NOT_SHOWN = re.compile(
    r"\{[^{}\n]*\}\s*$|:[\w+-]+:|<[^<>\n]*>|&#?\w+;|!\[[^\[\]\n]*\](?:\([^()\n]*\))?"
    r"|\[\^[^\[\]\n]*\]|\]\([^()\n]*\)|\]\[[^\[\]\n]*\]"
)
_COUNTED = re.compile(r"_\d+$")  # "_1": toc numbers the second heading of a name so
_INCLUDE = "--8<--"  # pymdownx.snippets: sections from another file


def _key(text: str, *, ascii_only: bool = False) -> str:
    folded = unicodedata.normalize("NFKD", text)
    if ascii_only:  # toc's own slugify drops what NFKD leaves outside ASCII (ß, ø, Greek...)
        folded = folded.encode("ascii", "ignore").decode()
    folded = folded.casefold()
    return "".join(c for c in folded if c.isalnum())


@dataclass(frozen=True)
class Sections:
    """What a docs page's Markdown shows: ids given outright, and the keys of its titles."""

    ids: frozenset[str]
    keys: frozenset[str]  # "" when a title has nothing toc keeps: its id is "_1", "_2"...
    tabs: frozenset[str] = frozenset()

    def could_give(self, anchor: str) -> bool:
        if anchor in self.ids or (self.tabs and _TABBED_ID.fullmatch(anchor)):
            return True
        keys = {_key(unquote(anchor)), _key(_COUNTED.sub("", anchor))}
        # tabbed's combine_header_slug: the heading's id, then the tab's
        heads = self.keys | {_key(i) for i in self.ids}
        combined = any(k.endswith(t) and k[: -len(t)] in heads for k in keys for t in self.tabs)
        return combined or not self.keys.isdisjoint(keys - {""} if anchor[:1] != "_" else keys)


def markdown_sections(text: str) -> Sections | None:
    """The sections of a docs page's Markdown, or None when they cannot be told from it (a
    generated block's come from data; an included snippet's are in another file)."""
    if BLOCK_MARKER.search(text) or _INCLUDE in text:
        return None
    tabs = _TAB.findall(text)
    titles = _HEADING.findall(text) + _SETEXT.findall(text) + _HTML_HEADING.findall(text) + tabs
    titles += [t.strip(" \t#") for t in titles]  # "## Title ##": the closing hashes go
    ids = {a or b for a, b in _GIVEN_ID.findall(text)}
    shown = titles + [_NOT_SHOWN.sub("", t) for t in titles]
    keys = {_key(t, ascii_only=a) for t in shown for a in (False, True)}
    tab_keys = {_key(t, ascii_only=a) for t in tabs for a in (False, True)} - {""}
    return Sections(frozenset(ids), frozenset(keys), frozenset(tab_keys))


def markdown_verdict(docs_dir: Path) -> Verdict:
    """Judged by the docs pages' Markdown, as `handbook check` reads them."""
    read: dict[str, Sections | None] = {}

    def verdict(page: str, anchor: str) -> str | None:
        if page not in read:
            try:  # as MkDocs reads pages: UTF-8, a byte-order mark allowed
                text = (docs_dir / page).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):  # the build reports an unreadable page
                text = None
            read[page] = None if text is None else markdown_sections(text)
        sections = read[page]
        return None if sections is None or sections.could_give(anchor) else _missing(page, anchor)

    return verdict


def check_sections(
    handbook: Handbook | None,
    data_dir: Path,
    docs_dir: Path,
    docs_pages: set[str],
    reported: Sequence[Problem] = (),
) -> list[Problem]:
    """`handbook check`'s part of the rule: the `reported` problems and the anchors', sorted.
    With the handbook unbuilt (`reported` says why), the links are read from data/skills.yml as
    written, so a wrong anchor is told in the same run as the other problems; a field already
    reported is not reported twice."""
    verdict = markdown_verdict(docs_dir)
    if handbook is not None:
        return reading_order([*reported, *anchor_problems(handbook, data_dir, verdict)])
    data, _ = load_yaml(data_dir / "skills.yml", "data/skills.yml")
    wrong = _judged(_links_as_written(data, docs_pages), verdict)
    taken = {(p.path, p.field) for p in reported}
    found = [p for p in _problems(data, wrong) if (p.path, p.field) not in taken]
    return reading_order([*reported, *found])
