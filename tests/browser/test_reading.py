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


def test_a_table_wider_than_a_phone_fades_at_the_edge_it_continues_past(page, kitchen_url):
    # the theme's wrapper scrolls a wide table, with nothing on the screen to say so
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(kitchen_url + "you/self-assessment/")
    page.wait_for_load_state("networkidle")
    wraps = page.locator(".md-typeset__scrollwrap")
    fades = (
        "(e) => ['--hb-fade-left', '--hb-fade-right']"
        ".map((p) => parseFloat(getComputedStyle(e).getPropertyValue(p)))"
    )
    extra = wraps.evaluate_all("(ws) => ws.map((w) => w.scrollWidth - w.clientWidth)")
    wide = [i for i, e in enumerate(extra) if e > 60]
    fits = [i for i, e in enumerate(extra) if e <= 16]  # its own padding: the table fits
    assert wide and fits, extra
    table = wraps.nth(wide[0])
    left, right = table.evaluate(fades)
    assert left == 0 and right > 20  # more to the right
    table.evaluate("(e) => { e.scrollLeft = (e.scrollWidth - e.clientWidth) / 2; }")
    page.wait_for_timeout(100)  # the timeline follows the scroll in the next frame
    assert all(f > 20 for f in table.evaluate(fades))  # more on both sides
    table.evaluate("(e) => { e.scrollLeft = e.scrollWidth; }")
    page.wait_for_timeout(100)
    left, right = table.evaluate(fades)
    assert left > 20 and right == 0
    for i in fits:  # a table that fits is never faded
        assert wraps.nth(i).evaluate(fades) == [0, 0]


def test_keys_see_where_they_are_on_every_form_control(page, kitchen_url):
    # the theme takes the outline off every input
    page.goto(kitchen_url + "you/self-assessment/")
    page.locator(".hb-rating input[type=radio]").first.focus()
    page.keyboard.press("ArrowRight")  # a key moved the focus: it is shown
    focused = page.locator(".hb-rating input[type=radio]:focus")
    expect(focused).to_have_css("outline-style", "solid")
    page.goto(kitchen_url + "you/progress/")
    page.get_by_role("button", name="Export to a file").focus()
    page.keyboard.press("Tab")  # onto the file input behind "Import a file"
    expect(page.locator("input[type=file]")).to_be_focused()
    expect(page.locator("label[for=hb-import]")).to_have_css("outline-style", "solid")
    expect(page.get_by_role("button", name="Reset")).to_have_css("outline-style", "none")


def test_a_page_title_carries_no_permalink_mark(page, kitchen_url):
    # the page's address is the title's permalink; the hidden mark took a line of its own on
    # phones when the title nearly filled one
    marks = 0
    for path in KITCHEN_TEMPLATES:
        page.goto(kitchen_url + path)
        expect(page.locator(".md-content h1").first).to_be_visible()
        for mark in page.locator(".md-content h1 .headerlink").all():
            marks += 1
            expect(mark).to_have_css("display", "none")
    assert marks > 0  # the theme writes one into most titles
