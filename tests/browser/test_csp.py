"""Every page carries a strict Content Security Policy, and the site still works under it
(the kitchen fixture site)."""

from __future__ import annotations

import re

import pytest
from pages import html_pages, search, strict_policy_problems
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.build]


def test_every_page_has_a_strict_policy_before_any_script(kitchen_site):
    assert len(html_pages(kitchen_site.site)) > 10
    assert strict_policy_problems(kitchen_site.site) == []


def _violations(page):
    return [m for m in page.console_errors if "Content Security Policy" in m or "Refused" in m]


def test_instant_navigation_search_palette_and_tabs_work_under_the_policy(page, kitchen_url):
    page.goto(kitchen_url)
    # instant navigation from the root into a page two levels down and back up
    page.locator(".md-tabs").get_by_role("link", name="Guides").click()
    expect(page).to_have_url(re.compile(r"/guides/sauces/$"))
    tabs = page.locator(".tabbed-labels label")
    tabs.nth(1).click()
    expect(page.locator(".tabbed-block").nth(1)).to_be_visible()
    page.locator(".md-nav--primary").get_by_role("link", name="Service for cooks").first.click()
    expect(page).to_have_url(re.compile(r"/guides/service/$"))
    page.locator(".md-tabs").get_by_role("link", name="Resource catalogue").click()
    page.locator(".hb-filters select[name=cost]").select_option("paid")
    expect(page.locator(".hb-filters__count")).to_contain_text("Showing")
    # search runs in a web worker, which the policy must allow
    search(page, "pacing")  # returns once results show
    page.keyboard.press("Escape")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    for _ in range(3):  # auto -> light -> dark: within three clicks the scheme changes
        page.locator("form[data-md-component=palette] label:visible").first.click()
        if body.get_attribute("data-md-color-scheme") != before:
            break
    assert body.get_attribute("data-md-color-scheme") != before
    assert _violations(page) == []
    assert page.console_errors == []


_WHEN_SCRIPTS_RUN = """
for (const name of ["document$", "handbook"]) {  // what Material's bundle and ours define
  Object.defineProperty(window, name, { configurable: true, set(value) {
    (window.__ran ??= []).push([name, document.readyState]);
    Object.defineProperty(window, name, { value, writable: true, configurable: true });
  } });
}
"""


def test_the_script_files_run_in_order_once_the_page_is_parsed(page, kitchen_url):
    # A policy in <meta> stops Chromium fetching ahead, and a script file the parser meets
    # already downloaded (from the cache: a reload, a new tab, a link from elsewhere) runs
    # before the page is painted. Deferred, the text comes first: both files run once the page
    # is parsed, the bundle before ours, and each is fetched once.
    page.add_init_script(_WHEN_SCRIPTS_RUN)
    for path in ("catalogue/", "catalogue/"):  # the second load takes the files from the cache
        page.goto(kitchen_url + path)
        page.wait_for_load_state("load")
        ran = page.evaluate("window.__ran")
        assert ran == [["document$", "interactive"], ["handbook", "interactive"]], ran
    fetched = page.evaluate(
        """performance.getEntriesByType('resource')
             .map((e) => new URL(e.name).pathname.split('/').pop())
             .filter((name) => /^bundle\\..*\\.js$|^handbook\\.js$/.test(name))"""
    )
    assert len(fetched) == len(set(fetched)) == 2, fetched  # the two files, each once
    expect(page.locator(".hb-filters__count")).to_contain_text("Showing")  # and they work
    assert page.console_errors == []
