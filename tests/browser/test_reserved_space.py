"""What the scripts fill in takes the room kept for it before they run, so the page below does
not jump at load: the catalogue's filters, the path's planner, the review box of a first visit,
the progress page's data tools, the roadmap's tools, and the self-assessment's result and
concept-check scores, on phones from 360 px wide to a desktop.

The site is the kitchen fixture; nothing here depends on this handbook's own content."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.browser

ONE_LINE = 24  # px: a difference smaller than one line of text is not a visible jump

BLOCKS = {
    "filters": ("catalogue/", ".hb-filters"),
    "planner": ("path/", ".hb-planner"),
    "review": ("you/review/", ".hb-review"),
    "data tools": ("you/progress/", ".hb-data-tools"),
    "roadmap tools": ("roadmap/", ".hb-roadmap-tools"),
    "concept-check score": ("you/self-assessment/", ".hb-check-score"),
    "self-assessment result": ("you/self-assessment/", ".hb-assessment"),
}
OWN_SCRIPTS = re.compile(r"/(?<!assets/)javascripts/")  # the theme's are under assets/


@contextmanager
def _loaded(browser, url: str, width: int, *, ours: bool = True, theme: bool = True):
    """`url` loaded at `width`, with or without the handbook's own scripts and the theme's."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        if not ours:
            page.route(OWN_SCRIPTS, lambda route: route.abort())
        if not theme:
            page.route("**/assets/javascripts/*.js", lambda route: route.abort())
        page.goto(url)
        page.wait_for_load_state("networkidle")
        yield page
    finally:
        page.close()


def _height(browser, url: str, selector: str, width: int, *, with_scripts: bool) -> float:
    # without scripts: the handbook's own only, the theme's still run
    with _loaded(browser, url, width, ours=with_scripts) as page:
        if with_scripts:
            page.wait_for_selector(f"{selector}:not([hidden])")
        else:
            assert page.locator(selector).first.get_attribute("hidden") is not None
        return page.evaluate(
            "(s) => document.querySelector(s).getBoundingClientRect().height", selector
        )


# one width in each step of the room kept (handbook.css): small and mid-size phones, a large
# phone, a phone on its side and a desktop
@pytest.mark.parametrize("width", [360, 390, 412, 540, 1280])
@pytest.mark.parametrize("block", BLOCKS)
def test_a_block_fills_the_room_kept_for_it(browser, kitchen_url, block, width):
    path, selector = BLOCKS[block]
    kept = _height(browser, kitchen_url + path, selector, width, with_scripts=False)
    filled = _height(browser, kitchen_url + path, selector, width, with_scripts=True)
    assert kept > 0, f"no room kept for the {block} before its script runs"
    assert abs(filled - kept) < ONE_LINE, (
        f"{block}: kept {kept} px, filled {filled} px at {width} px"
    )


def test_a_first_visit_s_self_assessment_reads_the_same_before_and_after_its_script(
    browser, kitchen_url
):
    # The build writes a first visit's result (prompt and table) so that it takes its room from
    # the first paint; the script then fills the same cells. Different words would wrap
    # differently, and the page below would jump.
    def words(with_scripts: bool) -> list[str]:
        url = kitchen_url + "you/self-assessment/"
        with _loaded(browser, url, 412, ours=with_scripts) as page:
            if with_scripts:
                page.wait_for_selector(".hb-assessment:not([hidden])")
            return page.locator(".hb-assessment__advice, .hb-chart__table tr").evaluate_all(
                "(nodes) => nodes.map((n) => n.textContent.replace(/\\s+/g, ' ').trim())"
            )

    before, after = words(with_scripts=False), words(with_scripts=True)
    assert len(before) > 2  # the prompt, the table's head and a row per group
    assert before == after


@pytest.mark.parametrize("width", [360, 1280])
def test_the_theme_s_table_wrapper_does_not_move_the_self_assessment(browser, kitchen_url, width):
    # The theme wraps each table in a scrolling box once its script runs, after the first paint;
    # the box has margins of its own. The result's table takes that room from the start.
    def room(theme_runs: bool) -> tuple[float, bool]:
        url = kitchen_url + "you/self-assessment/"
        with _loaded(browser, url, width, ours=False, theme=theme_runs) as page:
            return page.evaluate(
                "() => [document.querySelector('.hb-rating').getBoundingClientRect().top"
                " - document.querySelector('.hb-assessment').getBoundingClientRect().top,"
                " Boolean(document.querySelector('.hb-assessment .md-typeset__scrollwrap'))]"
            )

    (before, wrapped_before), (after, wrapped_after) = room(False), room(True)
    assert (wrapped_before, wrapped_after) == (False, True)
    assert abs(after - before) < 1, f"the ratings moved by {after - before} px at {width} px"
