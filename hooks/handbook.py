"""MkDocs hook: adapt build events to the handbook engine (load, validate, render).

Only events live here. Every module-level callable named `on_*` is taken by MkDocs as an event,
so helpers are prefixed `_`. `mkdocs serve` keeps this module alive across rebuilds: all state
but the command is reset in `on_config`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook_engine.problems import DataError
from handbook_engine.site import ERROR_PAGES, Site, build_site, error_page
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.handbook")  # under mkdocs.* so --strict counts warnings

_command = {"name": "build"}  # set once per process by on_startup; survives rebuilds on purpose
_state: dict[str, Any] = {}


def _site() -> Site:
    site = _state.get("site")
    if not isinstance(site, Site):
        raise PluginError("the handbook was not built: on_files did not run")
    return site


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(100)  # run first: the offline plugin reads the polyfills in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.clear()
    offline = config.plugins.get("material/offline")
    if offline and offline.config.enabled:
        _state["offline"] = True
        # Material's offline copy would load its search-worker shim from a CDN; ship our own.
        config.extra["polyfills"] = ["javascripts/vendor/iframe-worker-shim.js"]
        # Instant navigation fetches pages, which a browser refuses under file://.
        features = config.theme.get("features", [])
        config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).parent
    docs_pages = {f.src_uri for f in files if f.is_documentation_page()}
    theme_dirs = [Path(d) for d in config.theme.dirs]
    try:
        site = build_site(
            project,
            docs_pages,
            theme_dirs,
            config.use_directory_urls,
            docs_dir=Path(config.docs_dir),
        )
    except DataError as error:
        if _command["name"] != "serve":
            raise PluginError(str(error)) from None
        # The preview shows the problems in the browser and reloads when they are fixed: every
        # page, the generated ones included, becomes the list (a warning would stop the build).
        print(error, file=sys.stderr, flush=True)
        _state["problems"] = error_page(error.problems)
        for path in ERROR_PAGES:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=_state["problems"][0]))
        return files
    _state["site"] = site
    config.extra["handbook_redirects"] = dict(site.handbook.redirects)
    for path, page in site.pages.items():
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
        source = project / "data" / page.source if page.source else None
        generated.edit_uri = (
            Path(os.path.relpath(source, config.docs_dir)).as_posix() if source else None
        )
        files.append(generated)
    site.sources.update((f.dest_uri, site.source_of(f.src_uri)) for f in files)
    log.info("handbook: %s", site.summary())
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "problems" in _state:
        return str(_state["problems"][0])
    try:
        return _site().page_markdown(markdown, page.file.src_uri, page.meta)
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "site" in _state:
        _site().record_anchors(page.file.src_uri, html)
    return html


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    if "site" in _state:
        problems = _site().anchor_problems()
        if problems:
            raise PluginError(str(DataError(problems)))
    return env


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if "problems" in _state and template_name == "404.html":
        return output.replace("<h1>404 - Not found</h1>", str(_state["problems"][1]))
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    if "site" not in _state:
        return
    # The policy is checked on every build; under `mkdocs serve` it is not written into pages,
    # because the preview's own live-reload script changes with every response. Tests that
    # prove escaping alone keeps data inert build without it (HANDBOOK_CSP=false).
    write = _command["name"] != "serve" and os.environ.get("HANDBOOK_CSP", "true") != "false"
    refused = _site().apply_policy(Path(config.site_dir), write=write)
    if refused:
        raise PluginError("\n".join(["Pages with scripts the handbook does not ship:", *refused]))
    _site().write_exports(Path(config.site_dir), config.site_url or "", config.site_name)
