"""`taught_in` links (data/skills.yml) must name a section their page has: one rule, used by
the build with the ids of the built pages, and by `handbook check` with the ids a page's own
Markdown gives, so a contributor hears of a wrong anchor before a build does."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import markdown
import yaml
from markdown.extensions.toc import slugify, slugify_unicode

from .loader import line_of, load_yaml
from .model import Competency, Concept, Handbook
from .problems import Problem
from .render import BLOCK_MARKER
from .schema_words import field_name

ID_ATTRIBUTE = re.compile(r"""\sid=["']?([^"'\s>]+)""")
Location = tuple[str | int, ...]


def links(handbook: Handbook) -> list[tuple[Location, str]]:
    """Every `taught_in` link, with where it is in data/skills.yml."""
    found: list[tuple[Location, str]] = []
    for i, skill in enumerate(handbook.skills):
        items: list[tuple[str, Sequence[Concept | Competency]]] = [
            ("concepts", skill.concepts),
            ("competencies", skill.competencies),
        ]
        for kind, entries in items:
            found += [
                (("skills", i, kind, j, "taught_in"), entry.taught_in)
                for j, entry in enumerate(entries)
                if entry.taught_in
            ]
    return found


def pages_pointed_at(handbook: Handbook) -> set[str]:
    """The pages some `taught_in` names: the only ones whose anchors are looked up."""
    return {link.partition("#")[0] for _, link in links(handbook)}


def anchor_problems(
    handbook: Handbook, data_dir: Path, anchors: Mapping[str, set[str] | None]
) -> list[Problem]:
    """A problem (file, line, field) for every `taught_in` whose page has no such anchor;
    `anchors[page]` None means the page's anchors are not known here, so it is not judged."""
    wrong = []
    for where, link in links(handbook):
        page, _, anchor = link.partition("#")
        known = anchors.get(page, set())
        if known is not None and anchor not in known:
            wrong.append((where, page, anchor))
    if not wrong:
        return []
    data, _ = load_yaml(data_dir / "skills.yml", "data/skills.yml")
    return [
        Problem(
            "data/skills.yml",
            line_of(data, where),
            field_name(where),
            f"docs/{page} has no section #{anchor}; "
            "give the heading { #" + anchor + " } or point at one it has",
        )
        for where, page, anchor in wrong
    ]


# A page is read with the Markdown extensions of mkdocs.yml, for the ids of headings (toc,
# attr_list) and raw HTML and for the blocks that can hold a heading (admonitions, tabs...).
# When they cannot be loaded here, Material's usual set stands in. A build may slugify headings
# its own way (a toc `slugify` only MkDocs resolves), so a heading's id under toc's Unicode rule
# and with "_" counts too: check refuses an anchor only when no common rule gives it, and the
# build, which reads the built pages, has the last word.
DEFAULT_EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition", "def_list"]
DEFAULT_EXTENSIONS += ["footnotes", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml read as data: its tags (!ENV, !!python/name:...) are MkDocs' to resolve."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def markdown_reader(mkdocs_yml: Path | None = None) -> markdown.Markdown:
    """A Markdown reader with the extensions mkdocs.yml lists, or with DEFAULT_EXTENSIONS."""
    if mkdocs_yml is None or not mkdocs_yml.is_file():
        return markdown.Markdown(extensions=DEFAULT_EXTENSIONS)
    try:
        settings = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), _Loader)  # noqa: S506
        names, configs = [], {}
        for entry in settings.get("markdown_extensions") or []:
            name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
            names.append(name)
            configs[name] = {k: v for k, v in (config or {}).items() if v is not None}
        names += [] if "toc" in names else ["toc"]  # the ids of headings, with no toc listed
        reader = markdown.Markdown(extensions=names, extension_configs=configs)
        reader.convert("# Heading\n")
        return reader
    except Exception:  # an extension or a setting not usable here: the build will judge
        return markdown.Markdown(extensions=DEFAULT_EXTENSIONS)


def markdown_anchors(text: str, reader: markdown.Markdown | None = None) -> set[str] | None:
    """The ids a docs page's Markdown gives its sections, or None for a page with a generated
    block (its ids come from data and are only known to a build)."""
    if BLOCK_MARKER.search(text):
        return None
    reader = reader or markdown_reader()
    found = set(ID_ATTRIBUTE.findall(reader.reset().convert(text)))
    titles: list[str] = []
    tokens = list(getattr(reader, "toc_tokens", []))
    while tokens:
        token = tokens.pop()
        if token["id"] == slugify(token["name"], "-"):  # not an id the page gives itself
            titles.append(token["name"])
        tokens += token["children"]
    found.update(
        rule(title, separator)
        for title in titles
        for rule in (slugify, slugify_unicode)
        for separator in ("-", "_")
    )
    return found


def docs_anchors(
    handbook: Handbook, docs_dir: Path, mkdocs_yml: Path | None = None
) -> dict[str, set[str] | None]:
    """The anchors of every docs page a `taught_in` names, read from its Markdown."""
    reader = markdown_reader(mkdocs_yml)
    anchors: dict[str, set[str] | None] = {}
    for page in sorted(pages_pointed_at(handbook)):
        path = docs_dir / page
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        anchors[page] = None if text is None else markdown_anchors(text, reader)
    return anchors


def check_sections(handbook: Handbook, data_dir: Path, docs_dir: Path) -> list[Problem]:
    """`handbook check`'s part of the rule: the anchors read from the docs pages' Markdown,
    with the extensions of the mkdocs.yml beside docs/."""
    mkdocs_yml = docs_dir.resolve().parent / "mkdocs.yml"
    return anchor_problems(handbook, data_dir, docs_anchors(handbook, docs_dir, mkdocs_yml))
