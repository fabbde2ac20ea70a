"""A reader in Chromium on the kitchen fixture site: the home page, navigation, search,
palettes and a phone-sized screen."""

from __future__ import annotations

import re

import pytest
from pages import PHONE, phone_scroll_width, search
from playwright.sync_api import expect
from trees import KITCHEN_TEMPLATES

pytestmark = [pytest.mark.browser, pytest.mark.build]


def test_home_cards_lead_to_skill_pages(page, kitchen_url, kitchen):
    page.goto(kitchen_url)
    cards = page.locator(".hb-skill-cards > ul > li")
    expect(cards).to_have_count(len(kitchen.skills))
    skill = kitchen.skills[-1]
    expect(cards.last).to_contain_text(skill.title)
    cards.last.get_by_role("link", name="Concepts and resources").click()
    expect(page).to_have_url(re.compile(rf"/skills/{skill.id}/$"))
    expect(page.locator("h1")).to_have_text(re.compile(rf"^{re.escape(skill.title)}"))
    expect(page.locator(f"#res-{kitchen.resources_of(skill.id)[0].id}")).to_be_visible()


def test_search_finds_a_resource(page, kitchen_url, kitchen):
    title = kitchen.resources_of(kitchen.skills[-1].id)[-1].title
    word = max(re.findall(r"[A-Za-z]+", title), key=len)
    page.goto(kitchen_url)
    search(page, word.lower())
    expect(page.locator(".md-search-result")).to_contain_text(word)


def test_palette_toggle_switches_to_dark_and_back(page, kitchen_url):
    page.goto(kitchen_url)
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    for _ in range(3):  # auto -> light -> dark (or the other way round): one of them is slate
        page.locator("form[data-md-component=palette] label:visible").first.click()
        if body.get_attribute("data-md-color-scheme") != scheme:
            break
    assert {scheme, body.get_attribute("data-md-color-scheme")} == {"default", "slate"}


@pytest.mark.parametrize("path", KITCHEN_TEMPLATES)
def test_page_has_no_console_errors(page, kitchen_url, path):
    page.goto(kitchen_url + path)
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []


@pytest.mark.parametrize("path", KITCHEN_TEMPLATES)
def test_phone_width_has_no_horizontal_scroll(browser, kitchen_url, path):
    assert phone_scroll_width(browser, kitchen_url + path) <= PHONE["width"]


def test_phone_menu_opens_the_navigation(browser, kitchen_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(kitchen_url)
    tab.locator("label.md-header__button[for=__drawer]").click()
    expect(tab.locator(".md-nav--primary").get_by_text("Learning path").first).to_be_visible()
    context.close()
