"""`handbook render --out DIR`: the handbook as plain Markdown that builds without the hook.

Every generated page and every hand-written page is written as the hook would hand it to MkDocs
(blocks filled in, glossary tooltips appended, title and description in the front matter), and
mkdocs.yml is copied without `hooks:` and `watch:`; the core script gets its vocabulary written
in, and the scripts and styles lose their comments, as the hook's build ships them. `mkdocs
build` in DIR then needs MkDocs, Material and awesome-nav only, and any other generator that
reads Markdown with front matter can start from the same tree. What the hook adds after a build
(the Content Security Policy in every page, resources.json, feed.xml and the schemas) is not
part of the tree.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from .site import build_site

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_TOP_KEY = re.compile(r"^([A-Za-z_]+):")


class TreeError(Exception):
    """The tree cannot be written (a folder that is not empty, a front matter that is not YAML)."""


def _split_front_matter(text: str, shown: str) -> tuple[dict[str, Any], str]:
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as error:
        raise TreeError(f"{shown}: the front matter is not YAML ({error})") from None
    if not isinstance(meta, dict):
        raise TreeError(f"{shown}: the front matter must be a mapping")
    return meta, text[found.end() :]


def _front_matter(meta: dict[str, Any]) -> str:
    # JSON is YAML: every value written as JSON reads back as the same value
    lines = [f"{json.dumps(str(key))}: {json.dumps(value)}" for key, value in meta.items()]
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n\n" if lines else ""


def _config_without_hooks(config: str, not_in_nav: list[str], redirects: dict[str, str]) -> str:
    """mkdocs.yml without `hooks:` and `watch:`; what the hook set at build time written in."""
    out: list[str] = []
    skipping = False
    for line in config.splitlines():
        key = _TOP_KEY.match(line)
        if key:
            skipping = key.group(1) in ("hooks", "watch")
        elif not line.strip() or line.startswith((" ", "\t", "-", "#")):
            pass  # a continuation of the key above (or a blank line or comment)
        if not skipping:
            out.append(line)
    text = "\n".join(out) + "\n"
    if not_in_nav:
        text += "not_in_nav: |\n" + "".join(f"  /{path}\n" for path in not_in_nav)
    if redirects:
        line = f"  handbook_redirects: {json.dumps(redirects, sort_keys=True)}\n"
        extra = re.search(r"^extra:[ \t]*\n", text, re.M)
        if extra:
            text = text[: extra.end()] + line + text[extra.end() :]
        else:
            text += "extra:\n" + line
    return text


def write_static_tree(project: Path, out: Path) -> int:
    """Write `project` as a plain MkDocs project into `out` (new or empty); returns page count."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise TreeError(f"{out} is not an empty folder; give a new or empty one")
    if out.resolve().is_relative_to((project / "docs").resolve()):
        # its pages would be read as hand-written ones by the next build, and hide the generated
        raise TreeError(f"{out} is inside the project's docs/; give a folder outside it")
    docs = project / "docs"
    docs_pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    site = build_site(project, docs_pages, theme_dirs=[], directory_urls=True)
    target = out / "docs"
    shutil.copytree(docs, target)
    unfilled = site.ship_scripts(target)  # as the hook's build ships them
    if unfilled:
        raise TreeError(unfilled)
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", out / "overrides")
    for path, page in site.pages.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(page.markdown, encoding="utf-8")
    written = 0
    for md in sorted(target.rglob("*.md")):
        src_uri = md.relative_to(target).as_posix()
        meta, body = _split_front_matter(md.read_text(encoding="utf-8"), f"docs/{src_uri}")
        try:
            markdown = site.page_markdown(body, src_uri, meta)
        except ValueError as error:  # an unknown <!-- handbook:... --> block
            raise TreeError(str(error)) from None
        md.write_text(_front_matter(meta) + markdown, encoding="utf-8")
        written += 1
    hidden = sorted(path for path, page in site.pages.items() if not page.in_nav)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        _config_without_hooks(config, hidden, dict(site.handbook.redirects)), encoding="utf-8"
    )
    return written
