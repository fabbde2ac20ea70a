"""Reading built pages the way a reader sees them."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


class _Text(HTMLParser):
    """Visible text of the page's main content (the <article>), without scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join("".join(parser.parts).split())


def html_pages(site: Path) -> dict[str, str]:
    """Every built HTML page except the 404 page, keyed by its path in the site."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
        if p.name != "404.html"
    }


def anchors(page: str, prefix: str) -> list[str]:
    return re.findall(rf'id="{re.escape(prefix)}([a-z0-9-]+)"', page)


def title(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    return html.unescape(match.group(1)) if match else ""


_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")


class _Live(HTMLParser):
    """Collects markup that would run or inject: scripts, event handlers, javascript: URLs."""

    DATA_TYPES = ("application/json", "application/ld+json")

    def __init__(self, allowed_tags: set[str] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and values.get("type") not in self.DATA_TYPES:
            self.found.append(f"<script {values}>")
        if self.allowed_tags is not None and tag not in self.allowed_tags:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value!r}")
            plain = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in _URL_ATTRIBUTES and plain.startswith(("javascript:", "data:")):
                self.found.append(f"{tag} {name}={value!r}")


def live_markup(page: str, allowed_tags: set[str] | None = None) -> list[str]:
    """Every element or attribute in `page` that would execute or that is not in `allowed_tags`."""
    parser = _Live(allowed_tags)
    parser.feed(page)
    return parser.found


# One page of each kind the handbook builds: what browser checks walk through.
PAGE_TEMPLATES = [
    "",
    "skills/product-strategy/",
    "catalogue/",
    "path/",
    "glossary/",
    "guides/tech-fluency/",
    "playbook/interview-questions/",
    "you/progress/",
    "you/self-assessment/",
    "you/print/",
]


def search(page, text: str) -> None:
    """Type into Material's search as a reader does, once its worker has loaded the index."""
    from playwright.sync_api import expect

    page.locator(".md-search__input").click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(
        "Initializing search", timeout=15000
    )
    page.keyboard.type(text, delay=20)


def listed(site: Path, folder: str, prefix: str = "res-") -> list[str]:
    """Anchors on a page and on its continuation pages (`folder`/, `folder`/2/, ...), so a
    list split over pages counts as one."""
    found: list[str] = []
    for path in sorted((site / folder).rglob("index.html")):
        rest = path.relative_to(site / folder).parent.as_posix()
        if rest == "." or rest.isdigit():
            found += anchors(path.read_text(encoding="utf-8"), prefix)
    return found
