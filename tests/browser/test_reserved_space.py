"""What the scripts fill in takes the room kept for it before they run, so the page below does
not jump at load: the catalogue's filters, the path's planner, the review box of a first visit,
the progress page's data tools, the roadmap's tools and the self-assessment's concept-check
scores, on phones from 360 px wide to a desktop.

The self-assessment's result is not here: its height follows the reader's own ratings.
The site is the kitchen fixture; nothing here depends on this handbook's own content."""

from __future__ import annotations

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
}


def _height(browser, url: str, selector: str, width: int, *, with_scripts: bool) -> float:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        if not with_scripts:  # the handbook's own scripts only: the theme's still run
            page.route(lambda address: "/javascripts/" in address, lambda route: route.abort())
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if with_scripts:
            page.wait_for_selector(f"{selector}:not([hidden])")
        else:
            assert page.locator(selector).first.get_attribute("hidden") is not None
        return page.evaluate(
            "(s) => document.querySelector(s).getBoundingClientRect().height", selector
        )
    finally:
        page.close()


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
