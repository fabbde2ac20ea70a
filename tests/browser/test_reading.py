"""A reader in Chromium: the home page, navigation, search, palettes and a phone-sized screen."""

from __future__ import annotations

import re

import pytest
from pages import PAGE_TEMPLATES, search
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


TEMPLATES = PAGE_TEMPLATES


def test_home_cards_lead_to_skill_pages(page, site_url):
    page.goto(site_url)
    cards = page.locator(".hb-skill-cards > ul > li")
    expect(cards).to_have_count(4)
    expect(cards.nth(2)).to_contain_text("Influencing")
    cards.nth(2).get_by_role("link", name="Concepts and resources").click()
    expect(page).to_have_url(re.compile(r"/skills/influencing/$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Influencing"))
    expect(page.locator("#res-storytelling-with-data")).to_be_visible()


def test_search_finds_a_resource(page, site_url):
    page.goto(site_url)
    search(page, "storytelling")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15000)
    expect(page.locator(".md-search-result")).to_contain_text("Storytelling")


def test_palette_toggle_switches_to_dark_and_back(page, site_url):
    page.goto(site_url)
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    for _ in range(3):  # auto -> light -> dark (or the other way round): one of them is slate
        page.locator("form[data-md-component=palette] label:visible").first.click()
        if body.get_attribute("data-md-color-scheme") != scheme:
            break
    assert {scheme, body.get_attribute("data-md-color-scheme")} == {"default", "slate"}


@pytest.mark.parametrize("path", TEMPLATES)
def test_page_has_no_console_errors(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []


@pytest.mark.parametrize("path", TEMPLATES)
def test_phone_width_has_no_horizontal_scroll(browser, site_url, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + path)
    width = tab.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= PHONE["width"]


def test_phone_menu_opens_the_navigation(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url)
    tab.locator("label.md-header__button[for=__drawer]").click()
    expect(tab.locator(".md-nav--primary").get_by_text("Learning path").first).to_be_visible()
    context.close()
