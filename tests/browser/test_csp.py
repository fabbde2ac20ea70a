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
    search(page, "pacing")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
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


def test_the_browser_fetches_the_script_files_from_the_head_despite_the_policy(page, kitchen_url):
    # A policy in <meta> stops Chromium's look-ahead fetching; without the hints the script
    # files at the end of <body> were asked for only when the parser reached them. Each file is
    # fetched once, by its hint: a hint the script element could not use would fetch it twice.
    page.goto(kitchen_url + "catalogue/")
    page.wait_for_load_state("load")
    fetched = page.evaluate(
        """performance.getEntriesByType('resource')
             .map((e) => [new URL(e.name).pathname.split('/').pop(), e.initiatorType])
             .filter(([name]) => /^bundle\\..*\\.js$|^handbook\\.js$/.test(name))"""
    )
    assert sorted(initiator for _name, initiator in fetched) == ["link", "link"], fetched
    assert page.console_errors == []
