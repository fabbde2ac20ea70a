"""This handbook's own pages in Chromium: its four groups on the home page, its guides, its
glossary, its split catalogue, and every page template checked for accessibility, console errors
and phone width. A fork deletes tests/content/ with the rest of this handbook's content."""

from __future__ import annotations

import re

import pytest
from handbook_engine.validate import build_handbook
from pages import PHONE, card_status, phone_scroll_width, search, serious_violations
from playwright.sync_api import expect
from trees import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.build]

# One page of each kind this handbook builds, its own group and guide among them.
PAGE_TEMPLATES = [
    "",
    "skills/product-strategy/",
    "catalogue/",
    "path/",
    "roadmap/",
    "glossary/",
    "guides/tech-fluency/",
    "playbook/interview-questions/",
    "you/progress/",
    "you/self-assessment/",
    "you/print/",
]


@pytest.fixture(scope="module")
def handbook():
    return build_handbook(ROOT / "data")


def test_home_cards_lead_to_the_four_skill_pages(page, site_url):
    page.goto(site_url)
    cards = page.locator(".hb-skill-cards > ul > li")
    expect(cards).to_have_count(4)
    expect(cards.nth(2)).to_contain_text("Influencing")
    cards.nth(2).get_by_role("link", name="Concepts and resources").click()
    # Material's anchor tracking may leave the home page's #section on the new address when
    # the click follows a scroll at once (its race, not ours): the page is what counts
    expect(page).to_have_url(re.compile(r"/skills/influencing/(#[\w-]+)?$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Influencing"))
    expect(page.locator("#res-storytelling-with-data")).to_be_visible()


@pytest.mark.parametrize("width", [1220, 1366, 1600])  # Material shows tabs from 1220 px
def test_every_tab_is_whole_on_a_desktop_screen(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url)
    tabs = page.locator(".md-tabs__list")
    # the list hides what does not fit, with no scroll bar: the last tab was cut to "Your progres"
    assert tabs.evaluate("(list) => list.scrollWidth <= list.clientWidth"), width
    expect(page.locator(".md-tabs__link").last).to_be_in_viewport(ratio=1)


def test_search_finds_storytelling_with_data(page, site_url):
    page.goto(site_url)
    search(page, "storytelling")
    expect(page.locator(".md-search-result")).to_contain_text("Storytelling")


def test_rice_in_the_strategy_guide_shows_its_definition(page, site_url, handbook):
    page.goto(site_url + "guides/product-strategy/")
    term = next(t for t in handbook.terms if t.term == "RICE")
    abbr = page.locator("article abbr", has_text=re.compile(r"^RICE$")).first
    expect(abbr).to_be_attached()
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    expect(page.get_by_text(term.definition).first).to_be_visible()


def test_glossary_a_b_test_anchor(page, site_url):
    page.goto(site_url + "glossary/#a-b-test")
    expect(page.locator("h2#a-b-test")).to_be_visible()


def test_guides_tab_leads_through_the_guides_to_tech_fluency(page, site_url):
    page.goto(site_url)
    page.locator(".md-tabs").get_by_role("link", name="Guides").click()
    expect(page).to_have_url(re.compile(r"/guides/product-strategy/$"))
    page.locator(".tabbed-labels label").nth(1).click()
    expect(page.locator(".tabbed-block").nth(1)).to_be_visible()
    page.locator(".md-nav--primary").get_by_role(
        "link", name="Tech fluency for ML PMs"
    ).first.click()
    expect(page).to_have_url(re.compile(r"/guides/tech-fluency/$"))
    assert page.console_errors == []


def test_split_catalogue_filters_count_every_resource(page, site_url, handbook):
    total = len(handbook.resources)
    free = [r for r in handbook.resources if r.cost == "free"]
    books = [r for r in free if r.kind == "book"]
    page.goto(site_url + "catalogue/")
    count = page.locator(".hb-filters__count")

    def said(shown: int) -> str:  # filters.js lists the first 40 results of a split catalogue
        return f"Showing {shown} of {total} resources" + (
            "; the first 40 are listed below." if shown > 40 else "."
        )

    expect(count).to_have_text(said(total))
    page.locator(".hb-filters select[name=cost]").select_option("free")
    expect(count).to_have_text(said(len(free)))
    page.locator(".hb-filters select[name=kind]").select_option("book")
    expect(count).to_have_text(said(len(books)))
    # a status set on a group's catalogue page shows on the skill page too
    first = handbook.resources_of("product-strategy")[0].id
    page.goto(site_url + "catalogue/product-strategy/")
    card_status(page, first).select_option("done")
    page.goto(site_url + "skills/product-strategy/")
    expect(card_status(page, first)).to_have_value("done")
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGE_TEMPLATES)
def test_no_serious_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", PAGE_TEMPLATES)
def test_page_has_no_console_errors(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGE_TEMPLATES)
def test_phone_width_has_no_horizontal_scroll(browser, site_url, path):
    assert phone_scroll_width(browser, site_url + path) <= PHONE["width"]
