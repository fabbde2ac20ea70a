"""MkDocs hook: each build event handed to the engine's `Site` (handbook_engine.site). `mkdocs
serve` keeps this module across rebuilds: all state but the command resets in on_config."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from handbook_engine import collector
from handbook_engine.preview import ERROR_PAGES, error_page, offline_settings
from handbook_engine.problems import DataError
from handbook_engine.site import build_site
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.handbook")  # under mkdocs.* so --strict counts warnings

_command = {"name": "build"}  # set once per process by on_startup; survives rebuilds on purpose
_state: dict[str, Any] = {}  # "site" once the data is good; "problems" while `serve` shows them


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(100)  # run first: the offline plugin reads the polyfills in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    collector.before_build()  # what the last build left is collected before anything is frozen
    _state.clear()
    if (offline := config.plugins.get("material/offline")) and offline.config.enabled:
        features = config.theme.get("features", [])
        config.extra["polyfills"], config.theme["features"] = offline_settings(features)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = {f.src_uri for f in files if f.is_documentation_page()}
    project, docs_dir = Path(config.config_file_path).parent, Path(config.docs_dir)
    try:
        site = build_site(project, pages, config.theme.dirs, config.use_directory_urls, docs_dir)
    except DataError as error:
        if _command["name"] != "serve":
            raise PluginError(str(error)) from None
        # every page of the preview lists the problems (a warning would stop the build) until fixed
        print(error, file=sys.stderr, flush=True)
        _state["problems"] = error_page(error.problems)
        for path in [p for p in ERROR_PAGES if files.get_file_from_path(p) is None]:
            files.append(File.generated(config, path, content=_state["problems"][0]))
        return files
    _state["site"] = site
    config.extra["handbook_redirects"] = dict(site.handbook.redirects)
    for path, page in site.pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} would hide a generated page of that name; remove it")
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        generated = File.generated(config, path, content=page.markdown, inclusion=inclusion)
        generated.edit_uri = site.edit_uri(path, docs_dir)
        files.append(generated)
    site.sources.update((f.dest_uri, site.source_of(f.src_uri)) for f in files)
    log.info("handbook: %s", site.summary())
    collector.hold()  # what lives now lasts the build: no full collection need walk it again
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "problems" in _state:
        return str(_state["problems"][0])
    site, uri = _state["site"], page.file.src_uri
    if (first := files.get_file_from_path(site.first_page_of(uri))) and first.page:
        page.parent = first.page.parent  # a list's later page: its first page's tab and sidebar
    try:
        return str(site.page_markdown(markdown, uri, page.meta))
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "site" in _state:
        _state["site"].record_anchors(page.file.src_uri, html)
    return html


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if "problems" in _state and template_name == "404.html":
        return output.replace("<h1>404 - Not found</h1>", str(_state["problems"][1]))
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    if "site" in _state:
        serving, site_dir = _command["name"] == "serve", Path(config.site_dir)
        problems = _state["site"].finish(site_dir, config.site_url or "", config.site_name, serving)
        if problems:
            raise PluginError(problems)
