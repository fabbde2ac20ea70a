"""The room kept for the study planner before its script fills it in is about the planner's
filled height, on a phone and on a desktop, so the path below it does not jump at load.

The site is the kitchen fixture; nothing here depends on this handbook's own content."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ONE_LINE = 24  # px: a difference smaller than one line of text is not a visible jump


def _planner_height(browser, url: str, width: int, *, with_script: bool) -> float:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        if not with_script:
            page.route(lambda address: address.endswith("planner.js"), lambda route: route.abort())
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if with_script:
            page.wait_for_selector(".hb-planner input")
        return page.evaluate("document.querySelector('.hb-planner').getBoundingClientRect().height")
    finally:
        page.close()


@pytest.mark.parametrize("width", [412, 1280], ids=["phone", "desktop"])
def test_the_planner_fills_the_room_kept_for_it(browser, kitchen_url, width):
    url = kitchen_url + "path/"
    kept = _planner_height(browser, url, width, with_script=False)
    filled = _planner_height(browser, url, width, with_script=True)
    assert kept > 0, "no room kept for the planner before its script runs"
    assert abs(filled - kept) < ONE_LINE, f"kept {kept} px, filled {filled} px at {width} px wide"
