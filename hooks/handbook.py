"""MkDocs hook: adapt build events to the handbook engine (load, validate, render).

Only events live here. Every module-level callable named `on_*` is taken by MkDocs as an event,
so helpers are prefixed `_`. `mkdocs serve` keeps this module alive across rebuilds: all state is
reset in `on_config`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.exports import atom_feed, resources_json
from handbook_engine.model import Handbook
from handbook_engine.problems import DataError
from handbook_engine.render import render_pages, render_skill_cards
from handbook_engine.validate import build_handbook
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.clear()  # the module survives rebuilds under `mkdocs serve`
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    data_dir = _data_dir(config)
    docs_pages = {f.src_uri for f in files if f.is_documentation_page()}
    try:
        handbook = build_handbook(data_dir, docs_pages)
    except DataError as error:
        raise PluginError(str(error)) from None
    _state["handbook"] = handbook

    for path, page in render_pages(handbook).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path} would hide a generated page of the same name; remove it"
            )
        generated = File.generated(config, path, content=page.markdown)
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
    # Glossary terms become tooltips wherever they appear (Material shows abbreviations' titles).
    return markdown + "\n\n" + _abbreviations()


def on_post_build(*, config: MkDocsConfig) -> None:
    # Machine-readable exports, written after MkDocs has filled site/.
    handbook = _handbook()
    site = Path(config.site_dir)
    (site / "resources.json").write_text(resources_json(handbook), encoding="utf-8")
    feed = atom_feed(handbook, site_url=config.site_url or "", title=config.site_name)
    (site / "feed.xml").write_text(feed, encoding="utf-8")
    schemas = site / "schemas"
    schemas.mkdir(exist_ok=True)
    for schema in sorted((_data_dir(config) / "schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)


def _abbreviations() -> str:
    cached = _state.get("abbreviations")
    if not isinstance(cached, str):
        cached = "\n".join(f"*[{t.term}]: {t.definition}" for t in _handbook().terms)
        _state["abbreviations"] = cached
    return cached
