"""The page kit every generated page shares: Jinja templates, their filters, and page URLs.

Page layout lives in Jinja templates (templates/*.md.j2) so a writer can change a page without
touching Python. Escaping is the default: every `{{ value }}` is written as inert Markdown text
(`md`) unless a filter has already made it safe for where it goes: `code` for inline code,
`attr` for an HTML attribute, `mdattr` for an attribute of an element Python-Markdown parses
again, `href` for a link target, `safe_json` and `jsonld` for a script element. Macro output,
`relative(...)` page links and `raw` are the named exceptions; `raw` is for HTML that Python
built and escaped itself (the roadmap's SVG), and a test lists every use. Nothing contributed
reaches a page unescaped by a forgotten filter.
"""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .escape import attr, code_span, href, markdown_attr, md_text
from .exports import json_ld, safe_json
from .ids import resource_anchor, slug, topic_anchor
from .model import Resource

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    markdown: str
    source: str | None  # the data file (relative to data/) a reader edits to change this page
    title: str = ""  # plain text for <title> and the nav; the hook escapes it
    description: str = ""  # plain text for <meta name="description">
    in_nav: bool = True  # later pages of a long list are reached through their first page
    first_page: str = ""  # for a later page, the first: the nav shows it in that page's section


# A data block as the templates write it: safe_json leaves no "<" in its text. Material's instant
# navigation makes every script of the page's content anew without its type or id, so data would
# run as code (the policy refuses it) and be lost. What scripts read goes in the <head>, which it
# swaps element by element; JSON-LD, for crawlers (which load pages whole), goes at the end of the
# body, where it never holds up the first paint (overrides/main.html).
_DATA_BLOCK = re.compile(
    r'<script type="application/(ld\+)?json"(?: id="[a-z][a-z0-9-]*")?>[^<]*</script>\n?'
)


def split_data_blocks(markdown: str) -> tuple[str, str, str]:
    """The templates' `markdown` without its data blocks, the blocks scripts read, its JSON-LD."""
    data: list[str] = []
    linked: list[str] = []

    def set_aside(block: re.Match[str]) -> str:  # one reading of the text finds and removes
        (linked if block.group(1) else data).append(block.group(0))
        return ""

    return _DATA_BLOCK.sub(set_aside, markdown), "".join(data), "".join(linked)


def duration(total_minutes: int | None) -> str:
    """90 -> '1 h 30 min'; readers see hours and minutes, never a raw count."""
    if not total_minutes:
        return "0 min"
    hours, rest = divmod(total_minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def month(iso_date: str) -> str:
    """'2026-11-26' -> 'Nov 2026': when a person last confirmed a card, to the month."""
    return date.fromisoformat(iso_date).strftime("%b %Y")


def archived(url: str) -> str:
    """The Wayback Machine's copy of `url` (its own /web/<url> form; nothing is requested)."""
    return f"https://web.archive.org/web/{url}"


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier build, as Python keeps compiled modules: compiling is
    about a sixth of the engine's share of a build.

    An entry is used only while its template's text is unchanged (Jinja stores a checksum of the
    source) and while this module and Jinja are the ones that compiled it (their fingerprint is
    in the file name): the compiled code also depends on the environment's options. The folder
    is the user's own private one in the system's temporary directory (Jinja creates it 0700 and
    refuses one another user owns). Being outside the repository, nothing a pull request
    contains can be loaded as compiled code, and writing to it never wakes `mkdocs serve`."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # a full disk costs a compile next time, not a build
            super().dump_bytecode(bucket)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    fingerprint = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode())
    try:
        return _CompiledTemplates(pattern=f"handbook-{fingerprint.hexdigest()[:16]}-%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_compiled_templates(),
        # Autoescape makes macro output and filtered values Markup; `finalize` then writes
        # every other value as inert Markdown text, so escaping cannot be forgotten.
        autoescape=True,
        finalize=_inert,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The optimiser folds constant expressions when a template is compiled; our templates
        # have few, and skipping the pass makes compiling them a tenth cheaper (same pages).
        optimized=False,
    )
    env.filters.update(md=_safe(md_text), attr=_safe(attr), mdattr=_safe(markdown_attr))
    env.filters.update(href=_safe(href), jsonld=_safe(json_ld), safe_json=_safe(safe_json))
    env.filters.update(code=_safe(code_span), raw=_safe(str), slug=slug, duration=duration)
    env.filters.update(res_anchor=resource_anchor, topic_anchor=topic_anchor)
    env.filters.update(month=month, archived=archived, last_checked=last_checked)
    env.globals["relative"] = _safe(relative)
    env.tests["first_is"] = lambda values, value: bool(values) and values[0] == value
    return env


def _plain(value: object) -> object:
    # Autoescape hands filters Markup for some values (what `join` returns, say): the escaping
    # filters start again from the text itself, so nothing is escaped twice.
    return value.unescape() if isinstance(value, Markup) else value


def _safe(function: Callable[..., object]) -> Callable[..., Markup]:
    """A filter or global whose result is already safe where the template puts it."""
    return lambda value, *args: Markup(function(_plain(value), *args))  # noqa: S704 - escaped by it


def _inert(value: object) -> object:
    """What `{{ value }}` writes when nothing has made it safe: inert Markdown text."""
    return value if isinstance(value, Markup) else Markup(md_text(value))  # noqa: S704 - escaped here


def render_template(template: str, **context: object) -> str:
    return str(_environment().get_template(template).render(**context))


def macro(template: str, name: str) -> Callable[..., Markup]:
    """A macro of a template, to call from Python (it sees the environment's globals, no page's
    context)."""
    found: Callable[..., Markup] = getattr(_environment().get_template(template).module, name)
    return found


@cache
def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one docs page to another (both relative to docs/)."""
    here = [part for part in posixpath.dirname(from_page).split("/") if part]
    there = to_page.split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "/".join([".."] * (len(here) - shared) + there[shared:])


def last_checked(resource: Resource) -> str:
    """When a person last confirmed the resource (YYYY-MM-DD); the clock starts at `added`."""
    return resource.checked or resource.added


def clip(text: str, limit: int = 160) -> str:
    """A meta description: whole words, at most `limit` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_url(path: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a docs page, relative to the site root."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def url_between(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """The URL of one built page relative to another (both given as docs pages), for HTML
    attributes and JSON, which MkDocs does not rewrite as it does Markdown links."""
    here = [part for part in page_url(from_page, directory_urls).split("/")[:-1] if part]
    there = page_url(to_page, directory_urls).split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"
