"""Hostile strings in every text field run nothing in a real browser, with or without the CSP.

The sites of tests/builds/test_hostile_input.py (every corpus string in every field, in batches
of 12) are built without the per-page Content Security Policy (HANDBOOK_CSP=false, as the offline
copy ships), and the first batch also with it. Chromium loads pages with an init script that
turns alert, confirm, prompt and print into a marker (`window.__pwned`), hovers every glossary
tooltip, and searches for payload words. Nothing may run, and no event handler, srcdoc or
javascript:/data: URL may appear in the live DOM, tooltips and search results included. A site
with every string as a resource of its own has a split catalogue, whose result list the browser
draws from index.json: it is filtered for payload words the same way."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from chromium import serve
from pages import html_pages, search
from playwright.sync_api import Browser, Page, expect
from trees import write_project

_spec = importlib.util.spec_from_file_location(
    "hostile_input", Path(__file__).resolve().parents[1] / "builds" / "test_hostile_input.py"
)
assert _spec and _spec.loader
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

BATCH_NAMES = [f"batch{k}" for k in range(len(hostile.BATCHES))]
# A page load takes about 0.2 s, so not every page of all ten sites fits the time budget.
# Every page of the first batch (every field; script, handler, URL and polyglot payloads) is
# loaded with the policy and without it. The glossary tooltips of the other batches are hovered
# on their home page, which names every term HBT<i> whose definition is hostile string i.
SWEEPS = [("csp", "batch0"), ("no-csp", "batch0")]
TOOLTIPS = [("no-csp", name) for name in BATCH_NAMES[1:]]
SEARCH_QUERIES = ("onerror", "<img src=x onerror=alert(1)>", "javascript", "padded")


def _ids(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{mode}-{name}" for mode, name in pairs]


MARKER = """
window.__pwned = false;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = () => { window.__pwned = true; };
}
"""

# Every element and attribute in the live DOM (tooltips included) that would run or navigate.
LIVE_DOM = """() => {
  const found = [];
  const urls = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const plain = a.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (a.name.startsWith("on") || a.name === "srcdoc") {
        found.push(`<${el.localName} ${a.name}=${a.value}>`);
      } else if (urls.includes(a.name) && /^(javascript|data|vbscript):/.test(plain)) {
        found.push(`<${el.localName} ${a.name}=${a.value}>`);
      }
    }
    const inData = el.closest("article, .md-tooltip2, .md-search-result");
    if (el.localName === "script" && !el.src && !/json/.test(el.type) && inData) {
      found.push(`<script> ${el.textContent.slice(0, 60)}`);
    }
  }
  return {pwned: window.__pwned === true || window.__pwned === 1, found};
}"""


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The swept batches built with and without the policy, served from one 127.0.0.1 server."""
    root = tmp_path_factory.mktemp("hostile-pages")
    batch = dict(zip(BATCH_NAMES, hostile.BATCHES, strict=True))
    sites = sorted(set(SWEEPS + TOOLTIPS))
    hostile.build_all(root, {f"csp/{n}": batch[n] for mode, n in sites if mode == "csp"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_CSP", "false")  # run_build passes os.environ to MkDocs
        hostile.build_all(root, {f"no-csp/{n}": batch[n] for mode, n in sites if mode != "csp"})
    for mode, name in sites:
        page = (root / mode / name / "site" / "index.html").read_text(encoding="utf-8")
        assert ("Content-Security-Policy" in page) == (mode == "csp")
    url, server = serve(root)
    yield url, root
    server.shutdown()


@pytest.fixture
def marked_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MARKER)
    tab = context.new_page()
    tab.dialogs = []  # type: ignore[attr-defined]

    def _dialog(dialog) -> None:
        tab.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    tab.on("dialog", _dialog)
    yield tab
    context.close()


def _live(page: Page, where: str, known: set[str] | None = None) -> list[str]:
    """What runs or could run now; `known` holds findings already reported on this page."""
    state = page.evaluate(LIVE_DOM)
    known = set() if known is None else known
    problems = [f"{where}: {item}" for item in state["found"] if item not in known]
    known.update(state["found"])
    if state["pwned"] or page.dialogs:  # type: ignore[attr-defined]
        problems.append(f"{where}: EXECUTED {page.dialogs}")  # type: ignore[attr-defined]
        page.evaluate("window.__pwned = false")
        page.dialogs.clear()  # type: ignore[attr-defined]
    return problems


_MARK_ABBRS = """() => {
  const seen = new Set();
  let count = 0;
  for (const abbr of document.querySelectorAll("article abbr[title]")) {
    if (!seen.has(abbr.title)) {
      seen.add(abbr.title);
      abbr.dataset.hbHover = String(count++);
    }
  }
  return count;
}"""


def _hover_tooltips(page: Page, where: str) -> tuple[int, list[str]]:
    """Hover one of each glossary abbreviation on the page, as a reader does."""
    problems: list[str] = []
    known: set[str] = set()
    count = page.evaluate(_MARK_ABBRS)  # Material drops `title` once a tooltip is mounted
    for k in range(count):
        abbr = page.locator(f'[data-hb-hover="{k}"]')
        abbr.hover(force=True, timeout=3000)
        page.wait_for_timeout(50)
        problems += _live(page, f"{where} hovering <abbr> {abbr.inner_text()!r}", known)
    return count, problems


def _tooltips_of_home_page(page: Page, server: str, mode: str, name: str) -> list[str]:
    page.goto(f"{server}{mode}/{name}/site/", wait_until="load")
    hovered, found = _hover_tooltips(page, f"{mode}/{name}/index.html")
    assert hovered >= len(hostile.BATCHES[BATCH_NAMES.index(name)])
    return found


@pytest.mark.browser
@pytest.mark.parametrize(("mode", "name"), SWEEPS, ids=_ids(SWEEPS))
def test_every_page_runs_nothing_and_tooltips_stay_text(
    marked_page: Page, hostile_sites: tuple[str, Path], mode: str, name: str
):
    server, root = hostile_sites
    problems: list[str] = []
    pages = sorted(html_pages(root / mode / name / "site"))
    batch = hostile.BATCHES[BATCH_NAMES.index(name)]
    assert {f"skills/s{i}/index.html" for i, _ in batch} | hostile.GENERATED <= set(pages)
    for path in pages:
        url = f"{server}{mode}/{name}/site/{path.removesuffix('index.html')}"
        marked_page.goto(url, wait_until="load")
        problems += _live(marked_page, f"{mode}/{name}/{path}")
    problems += _tooltips_of_home_page(marked_page, server, mode, name)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.browser
@pytest.mark.parametrize(("mode", "name"), TOOLTIPS, ids=_ids(TOOLTIPS))
def test_glossary_tooltips_stay_text(
    marked_page: Page, hostile_sites: tuple[str, Path], mode: str, name: str
):
    server, _ = hostile_sites
    problems = _live(marked_page, "blank") + _tooltips_of_home_page(marked_page, server, mode, name)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["csp", "no-csp"])
def test_search_for_payload_words_runs_nothing(
    marked_page: Page, hostile_sites: tuple[str, Path], mode: str
):
    server, _ = hostile_sites
    problems: list[str] = []
    for query in SEARCH_QUERIES:
        marked_page.goto(f"{server}{mode}/batch0/site/", wait_until="load")
        search(marked_page, query)
        problems += _live(marked_page, f"{mode} search {query!r}")
    # open the first result: Material highlights the query on the page it lands on
    marked_page.locator(".md-search-result__item a").first.click()
    marked_page.wait_for_load_state("load")
    problems += _live(marked_page, f"{mode} search result {marked_page.url}")
    assert problems == [], "\n".join(problems[:40])


@pytest.fixture(scope="module")
def hostile_catalogue(tmp_path_factory) -> Iterator[str]:
    """Every corpus string as the title, authors and why of a resource of its own: more
    resources than one catalogue page holds, so the catalogue is split and filters.js draws its
    results from index.json. Built without the policy: escaping alone must keep them text."""
    root = tmp_path_factory.mktemp("hostile-catalogue")
    project = write_project(root / "project")
    for i, s in enumerate(hostile.STRINGS):
        hostile.write_yaml(
            project / "data" / "resources" / f"r{i}.yml",
            "../schemas/resource.schema.json",
            {
                "title": f"{hostile.line_value(i, s)} (entry {i})",
                "url": f"https://example.org/hostile/r{i}",
                "kind": "article",
                "authors": [hostile.line_value(i, s)],
                "skills": ["cooking"],
                "topic": "sauces",
                "cost": "free",
                "level": "beginner",
                "why": f"{s}{hostile.PAD}, entry {i}",
                "added": "2026-01-02",
            },
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_CSP", "false")
        built = hostile.run_build(project, root / "site")
    assert built.returncode == 0, built.output
    url, server = serve(root / "site")
    yield url
    server.shutdown()


@pytest.mark.browser
def test_split_catalogue_results_of_payload_words_run_nothing(
    marked_page: Page, hostile_catalogue: str
):
    marked_page.goto(hostile_catalogue + "catalogue/", wait_until="load")
    assert marked_page.locator(".hb-filters[data-index]").count() == 1  # the split catalogue
    box = marked_page.locator(".hb-filters input[name=text]")
    results = marked_page.locator(".hb-results li")
    problems = _live(marked_page, "catalogue")
    for query in ("script", "onerror", "javascript", "svg", "iframe", "padded"):
        box.fill(query)
        expect(results.first).to_be_visible()
        problems += _live(marked_page, f"catalogue results for {query!r}")
    assert problems == [], "\n".join(problems[:40])
    # and each payload is shown as the text it is, in the title and in who made it
    box.fill("onerror=alert")
    payload = "<img src=x onerror=alert(1)>"
    entry = f"{payload} (entry {hostile.STRINGS.index(payload)})"
    expect(results.filter(has_text=entry)).to_contain_text(f"{entry} by {payload} · ")


@pytest.mark.browser
def test_catalogue_links_carrying_hostile_values_run_nothing(marked_page: Page, kitchen_url: str):
    # every filter of the catalogue's address set to each corpus string: what the page echoes
    # back stays text, and no direction mark turns its sentence around
    names = ("text", "skill", "kind", "cost", "level", "topic", "tag", "checked", "max")
    problems = _live(marked_page, "blank")
    for i, value in enumerate(hostile.STRINGS):
        query = urlencode(dict.fromkeys(names, value))
        marked_page.goto(f"{kitchen_url}catalogue/?{query}", wait_until="load")
        expect(marked_page.locator(".hb-filters__count")).to_contain_text("Showing")
        problems += _live(marked_page, f"catalogue link with string {i}")
        echoed = marked_page.locator(".hb-filters__count").inner_text()
        if re.search("[\\u202a-\\u202e\\u2066-\\u2069]", echoed):
            problems.append(f"catalogue link with string {i}: a direction mark in {echoed!r}")
    assert problems == [], "\\n".join(problems[:40])
