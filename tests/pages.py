"""Reading built pages the way a reader sees them."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from html.parser import HTMLParser
from importlib.resources import files
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


# --- in Chromium: checks every built site gets, the fixture's and this handbook's own ---------

PHONE = {"width": 390, "height": 844}


def phone_scroll_width(browser, url: str) -> int:
    """How wide `url` lays out on a phone-sized touch screen (more than PHONE's: it scrolls)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        tab.goto(url)
        return int(tab.evaluate("document.documentElement.scrollWidth"))
    finally:
        context.close()


@cache
def _axe() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def serious_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Serious and critical axe-core findings (WCAG 2.1 A/AA and best practice) on a page."""
    page.wait_for_load_state("networkidle")
    page.evaluate(_axe())
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def all_violations(page) -> list[str]:
    """axe-core findings of any impact, minor included: the bar for new pages."""
    return serious_violations(page, ("minor", "moderate", "serious", "critical"))


def stored_progress(page) -> dict:
    """The progress this site keeps in localStorage, parsed ({} when nothing is stored)."""
    text = page.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('handbook.v'))"
        ".map((k) => localStorage.getItem(k))[0] || '{}'"
    )
    return json.loads(text)


def store_progress(page, **parts: object) -> None:
    """Lay `parts` over the stored progress (the page must have loaded once) and reload."""
    page.evaluate(
        """(parts) => {
            const key = Object.keys(localStorage).find((k) => k.startsWith('handbook.v'));
            const state = JSON.parse(localStorage.getItem(key));
            localStorage.setItem(key, JSON.stringify({...state, ...parts}));
        }""",
        parts,
    )
    page.reload()


def card_status(page, resource_id: str):
    """A resource card's status control as a reader reaches it: the card scrolled into view
    first, since a card's control is made only once the card comes near the screen."""
    card = page.locator(f'.hb-resource[data-resource="{resource_id}"]')
    card.scroll_into_view_if_needed()
    return card.locator(".hb-status select")


def search(page, text: str):
    """Type into Material's search as a reader does and return the results once they show.

    The worker may still be building its index on a loaded machine, so the search is closed, the
    field clicked and the query typed again (as a reader would) for up to about 45 s before the
    search is said to have failed, with what the page showed.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    field = page.locator(".md-search__input")
    results = page.locator(".md-search-result__item")
    field.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(
        "Initializing search", timeout=15000
    )
    opened = page.locator("#__search")  # the theme's toggle: its result list is hidden while off
    for _ in range(3):
        # Once seen on a loaded machine: "4 matching documents" and no result shown. The theme
        # opens its results only when the field's focus changes to true, so a field still focused
        # after the results closed keeps them shut: close the search and click the field again,
        # as a reader would.
        page.keyboard.press("Escape")
        field.blur()
        field.click()
        try:
            expect(opened).to_be_checked(timeout=3000)
        except AssertionError:
            continue
        field.fill("")
        page.keyboard.type(text, delay=20)  # Material searches on key events, not on fill()
        try:
            results.first.wait_for(state="visible", timeout=10000)
            return results
        except PlaywrightTimeout:
            continue
    meta = page.locator(".md-search-result__meta").inner_text()
    shown = opened.is_checked()  # what to look at if this happens again
    box = results.first.bounding_box() if results.count() else None
    raise AssertionError(
        f"no search results for {text!r}: {meta!r}; {results.count()} items, the first at "
        f"{box}; results open: {shown}"
    )


def listed(site: Path, folder: str, prefix: str = "res-") -> list[str]:
    """Anchors on a page and on its continuation pages (`folder`/, `folder`/2/, ...), so a
    list split over pages counts as one."""
    found: list[str] = []
    for path in sorted((site / folder).rglob("index.html")):
        rest = path.relative_to(site / folder).parent.as_posix()
        if rest == "." or rest.isdigit():
            found += anchors(path.read_text(encoding="utf-8"), prefix)
    return found


def strict_policy_problems(site: Path) -> list[str]:
    """Pages of a built site without exactly one strict Content Security Policy in <head>,
    placed before any script."""
    problems = []
    for path, page in html_pages(site).items():
        head = page[: page.index("</head>")]
        policies = re.findall(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head
        )
        if len(policies) != 1:
            problems.append(f"{path}: {len(policies)} policies")
            continue
        policy = policies[0]
        if not (
            "script-src 'self'" in policy
            and "'unsafe-inline'" not in policy.split(";")[1]
            and "object-src 'none'" in policy
            and "base-uri 'self'" in policy
            and head.index("Content-Security-Policy") < head.index("<script")
        ):
            problems.append(f"{path}: {policy}")
    return problems


def rendered(site: Path, data: Path) -> set[str]:
    """The resources of `data` found in every place they belong in the built `site`: on each of
    their skill pages once, once in the catalogue, on the path exactly when a stage names them,
    in resources.json and in the search index."""
    import json

    from handbook_engine.validate import build_handbook

    handbook = build_handbook(data)
    catalogue = [
        a
        for p in site.glob("catalogue/**/index.html")
        for a in anchors(p.read_text(encoding="utf-8"), "res-")
    ]
    assert len(catalogue) == len(set(catalogue)), "a resource is in the catalogue twice"
    path_page = anchors((site / "path/index.html").read_text(encoding="utf-8"), "res-")
    exported = {
        r["id"]
        for r in json.loads((site / "resources.json").read_text(encoding="utf-8"))["resources"]
    }
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    searchable = " ".join(
        d["title"] + " " + d["text"]
        for d in index["docs"]
        if d["location"].startswith("catalogue/")
    )
    skill_pages = {s.id: listed(site, f"skills/{s.id}") for s in handbook.skills}
    staged = {rid for stage in handbook.stages for rid in stage.resources}
    found = set()
    for r in handbook.resources:
        everywhere = (
            all(skill_pages[sid].count(r.id) == 1 for sid in r.skills)
            and catalogue.count(r.id) == 1
            and (r.id in path_page) == (r.id in staged)
            and r.id in exported
            and (r.title in searchable or html.escape(r.title, quote=False) in searchable)
        )
        if everywhere:
            found.add(r.id)
    return found


_COUNTS = re.compile(r"handbook: (\d+) resources \(([^)]*)\), (\d+) stages, (\d+) glossary terms")


def counts_line(output: str, files: int) -> dict[str, int]:
    """The build's `handbook: N resources (group n, ...)` line: N must be `files`; returns the
    count per group."""
    match = _COUNTS.search(output)
    assert match, output
    assert int(match.group(1)) == files
    per_skill = dict(part.rsplit(" ", 1) for part in match.group(2).split(", "))
    assert all(n.isdigit() for n in per_skill.values())
    return {k: int(v) for k, v in per_skill.items()}


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_identical(first_site: Path, second_site: Path) -> None:
    """Two builds are byte for byte the same, and their compressed sitemaps hold the same,
    non-empty list of pages."""
    import gzip

    first, second = site_files(first_site), site_files(second_site)
    assert sorted(first) == sorted(second)
    for name in ("sitemap.xml.gz", "resources.json", "feed.xml", "search/search_index.json"):
        assert name in first, name
    assert [name for name in first if first[name] != second[name]] == []
    # the sitemap's dates and the gzip header come from the pinned build date, not the clock
    one, two = (gzip.decompress(files["sitemap.xml.gz"]) for files in (first, second))
    assert one == two
    assert one == first["sitemap.xml"]
    assert one.count(b"<loc>") >= len(html_pages(first_site)) > 0
