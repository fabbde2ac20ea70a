"""The page kit every generated page shares: Jinja templates, their filters, and page URLs.

Page layout lives in Jinja templates (templates/*.md.j2) so a writer can change a page without
touching Python. Templates see the model and these filters: `md` (text made inert), `attr`,
`mdattr` (an attribute of an element Python-Markdown parses again), `href` and `duration`.
Nothing contributed reaches a page without one of them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jinja2

from .escape import attr, href, markdown_attr, md_text
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


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - Markdown out; templates escape each value with md/attr
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, attr=attr, mdattr=markdown_attr, href=href, slug=slug)
    env.filters.update(duration=duration)
    env.filters.update(res_anchor=resource_anchor, topic_anchor=topic_anchor)
    env.filters.update(month=month, archived=archived, last_checked=last_checked)
    env.filters.update(jsonld=json_ld, safe_json=safe_json)
    env.globals["relative"] = relative
    env.tests["first_is"] = lambda values, value: bool(values) and values[0] == value
    return env


def render_template(template: str, **context: object) -> str:
    return _environment().get_template(template).render(**context)


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
