"""Instant navigation: Material swaps a new page into the one on screen without reloading it.
A page reached that way from another depth of the site (the home page, a page two folders down)
must work as it does when loaded whole: its feature script loads from the site's root, its data
is there, and the reader's progress is read and saved under the same key."""

from __future__ import annotations

import re

from pages import card_status
from playwright.sync_api import expect

# The article's text without the cards' status controls, which are made as cards come near
# the screen: how many there are depends on where the reader is, not on how the page came.
_TEXT = """() => { let text = document.querySelector(".md-content").innerText;
    for (const control of document.querySelectorAll(".md-content .hb-resource .hb-status"))
        text = text.replace(control.innerText, "");
    return text.replace(/\\n+/g, "\\n"); }"""


def _settled_text(page) -> str:
    """The article's text once the page's scripts have filled it in (the same 3 times running)."""
    last, same = None, 0
    for _ in range(40):
        text = page.evaluate(_TEXT)
        same = same + 1 if text == last else 0
        if same == 3:
            return text
        last = text
        page.wait_for_timeout(150)
    raise AssertionError("the page kept changing")


def _tab(page, name: str) -> None:
    page.locator(".md-tabs").get_by_role("link", name=name, exact=True).click()


def _sidebar(page, name: str) -> None:
    page.locator(".md-nav--primary").get_by_role("link", name=name, exact=True).first.click()


def _content_link(page, name: str) -> None:
    page.locator(".md-content").get_by_role("link", name=name, exact=True).first.click()


def test_pages_reached_from_the_home_page_work_as_when_loaded_whole(page, kitchen_url):
    routes = [  # (page, the clicks that reach it from the home page)
        ("roadmap/", [(_content_link, "roadmap")]),
        ("path/", [(_content_link, "learning path")]),
        ("catalogue/", [(_tab, "Resource catalogue")]),
        ("you/review/", [(_tab, "Your progress"), (_sidebar, "Review")]),
        ("you/self-assessment/", [(_tab, "Your progress"), (_sidebar, "Self-assessment")]),
    ]
    for path, clicks in routes:
        page.goto(kitchen_url + path)
        whole = _settled_text(page)
        page.goto(kitchen_url)
        page.evaluate("window.__not_reloaded = true")
        for click, name in clicks:
            click(page, name)
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        assert page.evaluate("window.__not_reloaded"), "the page was loaded whole"
        assert _settled_text(page) == whole, path
    # no script of the page's data is run as code (the policy would refuse it, in the console)
    assert page.console_errors == []


def test_a_status_set_after_instant_navigation_is_kept(page, kitchen_url, kitchen):
    first = kitchen.stages[0].resources[0]
    page.goto(kitchen_url)
    page.evaluate("window.__not_reloaded = true")
    _content_link(page, "learning path")
    expect(page).to_have_url(re.compile(r"/path/$"))
    assert page.evaluate("window.__not_reloaded"), "the page was loaded whole"
    card_status(page, first).select_option("done")
    page.reload()
    expect(card_status(page, first)).to_have_value("done")
