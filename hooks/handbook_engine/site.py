"""Everything one build needs, made once: the handbook, its pages, tooltips, policy and exports.

The MkDocs hook keeps one `Site` per build and wires events to it; nothing here imports MkDocs,
so another builder can drive the same object.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from . import csp, documents, html_tokens, taught_in
from .compact import compact_assets
from .exports import atom_feed, resources_json
from .ids import BLOCK_MARKER, resource_anchor
from .layout import Layout, layout
from .model import Handbook, Term
from .practice_pages import QUESTIONS_BLOCK
from .problems import DataError, Problem, printable
from .render import render_block, render_pages
from .schema_reference import DATA_REFERENCE_PAGE, render_schema_reference
from .templating import GeneratedPage, clip, page_url, split_data_blocks
from .tooltips import terms_used
from .validate import build_handbook, schemas_in_use

_FIRST_PARAGRAPH = re.compile(r"^(?![#!?=<>|`*\-\d\s\[:])(.+?)(?:\n\s*\n|\Z)", re.M | re.S)


@dataclass
class Site:
    project: Path
    handbook: Handbook
    layout: Layout
    pages: dict[str, GeneratedPage]
    directory_urls: bool
    known_scripts: list[re.Pattern[str]]
    anchors: dict[str, set[str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # built page -> the file it comes from

    @property
    def data_dir(self) -> Path:
        return self.project / "data"

    def summary(self) -> str:
        h = self.handbook
        groups = ", ".join(f"{s.id} {len(h.resources_of(s.id))}" for s in h.skills)
        return (
            f"{len(h.resources)} resources ({groups}), {len(h.stages)} stages, "
            f"{len(h.terms)} glossary terms"
        )

    # --- pages ------------------------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str, meta: MutableMapping[str, Any]) -> str:
        """A page's Markdown with its generated blocks, its escaped title and description, and
        the glossary terms it uses as tooltips (Material shows abbreviations' titles). The data
        blocks go to `meta["handbook_data"]` (JSON for scripts) and `meta["handbook_linked_data"]`
        (JSON-LD), which overrides/main.html writes in the head and at the end of the body."""
        depth = src_uri.count("/")
        # set on every page, so front matter never writes into the page's <head> or <body>
        meta["handbook_data"] = meta["handbook_linked_data"] = ""

        def set_data_aside(text: str) -> str:  # the templates' text, without its data blocks
            text, for_scripts, linked_data = split_data_blocks(text)
            meta["handbook_data"] += for_scripts
            meta["handbook_linked_data"] += linked_data
            return text

        def block(match: re.Match[str]) -> str:
            try:
                text = render_block(
                    match.group(1),
                    self.handbook,
                    base="../" * depth,
                    here=src_uri,
                    directory_urls=self.directory_urls,
                )
            except ValueError as error:
                raise ValueError(f"docs/{src_uri}: {error}") from None
            return set_data_aside(text)

        if src_uri in self.pages:  # a generated page is the templates' writing throughout
            markdown = set_data_aside(markdown)
        markdown = BLOCK_MARKER.sub(block, markdown)
        self._title_and_description(src_uri, markdown, meta)
        return markdown + "\n\n" + abbreviations(self.handbook.terms, markdown)

    def _title_and_description(
        self, src_uri: str, markdown: str, meta: MutableMapping[str, Any]
    ) -> None:
        # Material prints page.meta.title, page.meta.description and nav titles without escaping,
        # so data-driven values are set here, escaped, rather than left to be read from the page.
        generated = self.pages.get(src_uri)
        if generated is not None:
            meta["title"] = html.escape(generated.title)
            meta["description"] = html.escape(generated.description)
            return
        if not meta.get("description"):
            found = _FIRST_PARAGRAPH.search(markdown.split("\n", 1)[-1])
            if found:
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(found.group(1).split()))
                meta["description"] = html.escape(clip(re.sub(r"[*_`]", "", text)))

    def edit_uri(self, path: str, docs_dir: Path) -> str | None:
        """ "Edit this page" opens the data file a generated page is made from (relative to the
        docs folder, as MkDocs joins it to the repository's edit URL), or nothing."""
        page = self.pages[path]
        if not page.source:
            return None
        return Path(os.path.relpath(self.data_dir / page.source, docs_dir)).as_posix()

    def first_page_of(self, src_uri: str) -> str:
        """A later page of a long list: its first page, in whose section the nav shows it."""
        page = self.pages.get(src_uri)
        return page.first_page if page is not None else ""

    def source_of(self, src_uri: str) -> str:
        page = self.pages.get(src_uri)
        if page is not None:
            return f"data/{page.source}" if page.source else "generated by the handbook engine"
        return f"docs/{src_uri}"

    # --- anchors that data points at --------------------------------------------------------

    @cached_property
    def _pointed_at(self) -> set[str]:
        return taught_in.pages_pointed_at(self.handbook)

    def record_anchors(self, src_uri: str, page_html: str) -> None:
        if src_uri in self._pointed_at:
            self.anchors[src_uri] = html_tokens.element_ids(page_html)

    def anchor_problems(self) -> list[Problem]:
        """Every `taught_in` must name a section that exists: file, line and field if not."""
        verdict = taught_in.built_verdict(self.anchors)
        return taught_in.anchor_problems(self.handbook, self.data_dir, verdict)

    # --- after the build --------------------------------------------------------------------

    def apply_policy(self, site_dir: Path, *, write: bool) -> list[str]:
        """Check every built page against the policy; write the policy into each unless `write`
        is off. Returns what was refused, naming the page and the file it comes from."""
        refused = []
        for path in sorted(site_dir.rglob("*")):
            suffix = path.suffix.lower()  # a copied NOTES.HTML opens as a page all the same
            if suffix not in documents.DOCUMENT_SUFFIXES or not path.is_file():
                continue
            uri = path.relative_to(site_dir).as_posix()
            source = self.sources.get(uri, "a theme template or a file copied from docs/")
            # a file's name is anyone's: printed with its line breaks and control codes escaped
            where = f"  {printable(uri)} (from {printable(source)})"
            page, unreadable = documents.decode(path.read_bytes())
            if unreadable:  # its text is not what a browser would read: nothing to inspect
                refused.append(f"{where}: {unreadable}")
                continue
            copied = source.startswith("docs/") and not source.endswith(".md")
            hashes, bad = csp.inspect_document(suffix, page, self.known_scripts, copied=copied)
            refused += [f"{where}: {what}" for what in bad]
            if write and not bad and suffix in documents.PAGE_SUFFIXES:  # SVG, XML hold none
                xml = suffix in documents.XML_PAGE_SUFFIXES
                path.write_text(csp.with_policy(page, hashes, xml=xml), encoding="utf-8")
        return refused

    def finish(self, site_dir: Path, site_url: str, site_name: str, serving: bool) -> str:
        """After the pages are written: check the anchors data points at and every page against
        the policy, then write the exports, and the shipped scripts and styles without their
        comments. Returns what is wrong, or "" when nothing is."""
        anchors = self.anchor_problems()
        if anchors:
            return str(DataError(anchors))
        # `serve` checks the policy but does not write it: its live-reload script changes with
        # every response. HANDBOOK_CSP=false lets tests prove that escaping alone keeps data inert.
        write = not serving and os.environ.get("HANDBOOK_CSP", "true") != "false"
        refused = self.apply_policy(site_dir, write=write)
        if refused:
            return "\n".join(["Pages with scripts the handbook does not ship:", *refused])
        self.write_exports(site_dir, site_url, site_name)
        return self.ship_scripts(site_dir)

    def ship_scripts(self, folder: Path) -> str:
        """`folder`'s scripts and styles as readers get them: without their comments, the core
        script's vocabulary written in. Returns a problem, or ""."""
        compact_assets(folder)
        return self.handbook.reader.fill_script(folder)

    def write_exports(self, site_dir: Path, site_url: str, site_name: str) -> None:
        handbook = self.handbook
        (site_dir / "resources.json").write_text(resources_json(handbook), encoding="utf-8")
        home_pages = {
            r.id: page_url(self.layout.skill_page_of(r.skills[0], r.id), self.directory_urls)
            + f"#{resource_anchor(r.id)}"
            for r in handbook.resources
        }
        feed = atom_feed(handbook, site_url=site_url, title=site_name, pages=home_pages)
        (site_dir / "feed.xml").write_text(feed, encoding="utf-8")
        schemas = site_dir / "schemas"
        schemas.mkdir(exist_ok=True)
        for schema in sorted((self.data_dir / "schemas").glob("*.schema.json")):
            shutil.copyfile(schema, schemas / schema.name)


def build_site(
    project: Path,
    docs_pages: set[str],
    theme_dirs: Iterable[str | Path],
    directory_urls: bool,
    docs_dir: Path | None = None,
) -> Site:
    """The validated handbook and every generated page, or DataError listing every problem
    (`docs_dir`: where the hand-written pages are, docs/ of the project unless given)."""
    data_dir = project / "data"
    handbook = build_handbook(data_dir, docs_pages)
    built = pin_build_date(project, handbook)
    plan = layout(handbook)
    pages = render_pages(
        handbook,
        directory_urls=directory_urls,
        plan=plan,
        built=built,
        questions_page=block_page(docs_dir or project / "docs", docs_pages, QUESTIONS_BLOCK),
    )
    pages[DATA_REFERENCE_PAGE] = render_schema_reference(schemas_in_use(data_dir))
    scripts = csp.known_scripts(Path(d) for d in theme_dirs)
    return Site(project, handbook, plan, pages, directory_urls, scripts)


def block_page(docs_dir: Path, docs_pages: Iterable[str], name: str) -> str | None:
    """The first hand-written page (by path) that asks for the block <!-- handbook:NAME -->, or
    None: a fork may show the question bank anywhere, or nowhere."""
    for page in sorted(p for p in docs_pages if p.endswith(".md")):
        try:
            text = (docs_dir / page).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs itself reports a page it cannot read
        if any(found.group(1) == name for found in BLOCK_MARKER.finditer(text)):
            return page
    return None


def pin_build_date(project: Path, handbook: Handbook) -> date:
    """The build date, pinned in SOURCE_DATE_EPOCH for every part of the build."""
    # Pages are stamped with the build date (sitemap lastmod). Two builds of one commit must be
    # identical, so the date comes from the last commit, or from the newest resource without git.
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC).date()
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],  # noqa: S607 - git from PATH, fixed arguments
            cwd=project,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        stamp = ""
    if not stamp.isdigit():
        newest = max((r.added for r in handbook.resources), default="1970-01-01")
        stamp = str(int(datetime.fromisoformat(newest).replace(tzinfo=UTC).timestamp()))
    os.environ["SOURCE_DATE_EPOCH"] = stamp
    return datetime.fromtimestamp(int(stamp), UTC).date()


def abbreviations(terms: Iterable[Term], markdown: str) -> str:
    """Abbreviation lines for the glossary terms `markdown` uses, and only those, in the
    glossary's order (tooltips.py finds them in one left-to-right reading of the page)."""
    candidates = {t.term: t for t in terms}
    used = terms_used(markdown, candidates)
    if not used:
        return ""
    lines = []
    order = {name: i for i, name in enumerate(candidates)}  # the glossary's own order
    for name in sorted(used, key=order.__getitem__):
        # Material's tooltip puts the title into the page as HTML and Python-Markdown leaves
        # entities in attributes alone: escape twice so the browser's own decoding leaves text
        # that shows as typed ("<b>" stays "<b>", never bold).
        definition = html.escape(html.escape(candidates[name].definition, quote=False), quote=False)
        lines.append(f"*[{name}]: {definition}")
    # one block each: Python-Markdown re-splits a block of definitions once per line, which
    # costs the square of their number
    return "\n\n".join(lines)
