"""Every page carries a strict Content Security Policy, and the site still works under it."""

from __future__ import annotations

import re

from pages import html_pages, search
from playwright.sync_api import expect


def test_every_page_has_a_strict_policy_first_in_head(real_site):
    pages = html_pages(real_site.site)
    assert len(pages) > 20
    for path, page in pages.items():
        head = page[: page.index("</head>")]
        policies = re.findall(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head
        )
        assert len(policies) == 1, path
        policy = policies[0]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy
        assert head.index("Content-Security-Policy") < head.index("<script"), path


def _violations(page):
    return [m for m in page.console_errors if "Content Security Policy" in m or "Refused" in m]


def test_instant_navigation_search_palette_and_tabs_work_under_the_policy(page, site_url):
    page.goto(site_url)
    # instant navigation from the root into a page two levels down and back up
    page.locator(".md-tabs").get_by_role("link", name="Guides").click()
    expect(page).to_have_url(re.compile(r"/guides/product-strategy/$"))
    tabs = page.locator(".tabbed-labels label")
    tabs.nth(1).click()
    expect(page.locator(".tabbed-block").nth(1)).to_be_visible()
    page.locator(".md-nav--primary").get_by_role(
        "link", name="Tech fluency for ML PMs"
    ).first.click()
    expect(page).to_have_url(re.compile(r"/guides/tech-fluency/$"))
    page.locator(".md-tabs").get_by_role("link", name="Resource catalogue").click()
    page.locator(".hb-filters select[name=cost]").select_option("paid")
    expect(page.locator(".hb-filters__count")).to_contain_text("Showing")
    # search runs in a web worker, which the policy must allow
    search(page, "drift")
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
