"""MkDocs hook: adapt build events to the handbook engine (load, validate, render).

Only events live here. Every module-level callable named `on_*` is taken by MkDocs as an event,
so helpers are prefixed `_`. `mkdocs serve` keeps this module alive across rebuilds: all state is
reset in `on_config`.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.csp import with_csp
from handbook_engine.exports import atom_feed, resources_json
from handbook_engine.model import Handbook
from handbook_engine.problems import DataError
from handbook_engine.render import (
    Layout,
    clip,
    layout,
    page_url,
    render_pages,
    render_schema_reference,
    render_skill_cards,
)
from handbook_engine.validate import build_handbook
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.handbook")  # under mkdocs.* so --strict counts warnings

_MARKER = re.compile(r"<!--\s*handbook:([a-z-]+)\s*-->")
_state: dict[str, object] = {}


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "data"


def _handbook() -> Handbook:
    handbook = _state.get("handbook")
    assert isinstance(handbook, Handbook), "on_files has not run"
    return handbook


# --- events ---------------------------------------------------------------------------------


@event_priority(100)  # run first: the offline plugin reads the polyfills in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.clear()  # the module survives rebuilds under `mkdocs serve`
    if _offline(config):
        # Material's offline copy would load its search-worker shim from a CDN; ship our own.
        config.extra["polyfills"] = ["javascripts/vendor/iframe-worker-shim.js"]
        # Instant navigation fetches pages, which a browser refuses under file://.
        features = config.theme.get("features", [])
        config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    data_dir = _data_dir(config)
    docs_pages = {f.src_uri for f in files if f.is_documentation_page()}
    try:
        handbook = build_handbook(data_dir, docs_pages)
    except DataError as error:
        raise PluginError(str(error)) from None
    _state["handbook"] = handbook
    # Renamed ids reach every page (overrides/main.html) so saved progress follows a rename.
    config.extra["handbook_redirects"] = dict(handbook.redirects)
    _pin_build_date(Path(config.config_file_path).parent, handbook)

    plan = layout(handbook)
    _state["layout"] = plan  # the feed links each resource to the page this layout puts it on
    pages = render_pages(handbook, directory_urls=config.use_directory_urls, plan=plan)
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in (data_dir / "schemas").glob("*.schema.json")
    }
    pages["contribute/data-reference.md"] = render_schema_reference(schemas)
    _state["pages"] = pages
    for path, page in pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path} would hide a generated page of the same name; remove it"
            )
        generated = File.generated(
            config,
            path,
            content=page.markdown,
            inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        # "Edit this page" opens the data file the page is made from, not a file that isn't there.
        generated.edit_uri = (
            Path(os.path.relpath(data_dir / page.source, config.docs_dir)).as_posix()
            if page.source
            else None
        )
        files.append(generated)

    per_skill = ", ".join(f"{s.id} {len(handbook.resources_of(s.id))}" for s in handbook.skills)
    log.info(
        "handbook: %d resources (%s), %d stages, %d glossary terms",
        len(handbook.resources),
        per_skill,
        len(handbook.stages),
        len(handbook.terms),
    )
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Hand-written pages may ask for a generated block with <!-- handbook:NAME -->.
    depth = page.file.src_uri.count("/")

    def _block(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "skill-cards":
            return render_skill_cards(_handbook(), base="../" * depth)
        log.warning("%s: unknown block <!-- handbook:%s -->", page.file.src_uri, name)
        return match.group(0)

    markdown = _MARKER.sub(_block, markdown)
    _set_title_and_description(page, markdown)
    # Glossary terms become tooltips wherever they appear (Material shows abbreviations' titles).
    return markdown + "\n\n" + _abbreviations()


def on_post_build(*, config: MkDocsConfig) -> None:
    # Machine-readable exports and the Content Security Policy, after MkDocs has filled site/.
    handbook = _handbook()
    site = Path(config.site_dir)
    if _csp_enabled(config):
        for page in site.rglob("*.html"):
            page.write_text(with_csp(page.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "resources.json").write_text(resources_json(handbook), encoding="utf-8")
    plan = _state["layout"]
    assert isinstance(plan, Layout)
    home_pages = {
        r.id: page_url(plan.skill_page_of(r.skills[0], r.id), config.use_directory_urls)
        + f"#res-{r.id}"
        for r in handbook.resources
    }
    feed = atom_feed(
        handbook, site_url=config.site_url or "", title=config.site_name, pages=home_pages
    )
    (site / "feed.xml").write_text(feed, encoding="utf-8")
    schemas = site / "schemas"
    schemas.mkdir(exist_ok=True)
    for schema in sorted((_data_dir(config) / "schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)


def _pin_build_date(project: Path, handbook: Handbook) -> None:
    # Pages are stamped with the build date (sitemap lastmod). Two builds of one commit must be
    # identical, so the date comes from the last commit, or from the newest resource without git.
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
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


def _csp_enabled(config: MkDocsConfig) -> bool:
    # The offline copy runs from file://, where 'self' means nothing; tests compare with and
    # without a policy through HANDBOOK_CSP=false.
    return not _offline(config) and os.environ.get("HANDBOOK_CSP", "true").lower() != "false"


def _offline(config: MkDocsConfig) -> bool:
    """Whether this build is the copy that works from disk (Material's offline plugin is on)."""
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


_FIRST_PARAGRAPH = re.compile(r"^(?![#!?=<>|`*\-\d\s\[:])(.+?)(?:\n\s*\n|\Z)", re.M | re.S)


def _set_title_and_description(page: Page, markdown: str) -> None:
    # Material prints page.meta.title, page.meta.description and nav titles without escaping,
    # so data-driven values are set here, escaped, rather than left to be read from the page.
    generated = _state["pages"].get(page.file.src_uri)  # type: ignore[union-attr]
    if generated is not None:
        page.meta["title"] = html.escape(generated.title)
        page.meta["description"] = html.escape(generated.description)
        return
    if not page.meta.get("description"):
        found = _FIRST_PARAGRAPH.search(markdown.split("\n", 1)[-1])
        if found:
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(found.group(1).split()))
            text = re.sub(r"[*_`]", "", text)
            page.meta["description"] = html.escape(clip(text))


def _abbreviations() -> str:
    cached = _state.get("abbreviations")
    if not isinstance(cached, str):
        # Material's tooltip puts the title attribute into the page as HTML, and Python-Markdown
        # leaves entities in attributes alone: escape twice so the browser's own decoding
        # leaves text that shows as typed ("<b>" stays "<b>", never bold).
        cached = "\n".join(
            f"*[{t.term}]: {html.escape(html.escape(t.definition, quote=False), quote=False)}"
            for t in _handbook().terms
        )
        _state["abbreviations"] = cached
    return cached
