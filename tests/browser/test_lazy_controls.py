"""Status controls on a long list are made only for the cards near the screen (a control is
seven elements; made for every card at once they held up a phone at load), and yet a reader
finds one on every card they reach: by scrolling, by a link to the card, by Tab.

The site is the kitchen fixture with 80 more resources in its first stage, so its path page is
a long list; nothing here depends on this handbook's own content."""

from __future__ import annotations

import re

import pytest
import yaml
from chromium import serve
from pages import card_status, store_progress, stored_progress
from playwright.sync_api import expect
from trees import add_resources, run_build, write_kitchen

pytestmark = [pytest.mark.browser, pytest.mark.build]

EXTRA = 80
CONTROL_ELEMENTS = 7  # label, span, select and its four options


@pytest.fixture(scope="module")
def long_path(tmp_path_factory) -> tuple[str, list[str]]:
    """The long path page's address and its cards' ids in page order."""
    root = tmp_path_factory.mktemp("long-path")
    project = write_kitchen(root / "project")
    data = project / "data"
    extra = add_resources(data, EXTRA)
    path = yaml.safe_load((data / "path.yml").read_text(encoding="utf-8"))
    path["stages"][0]["resources"] += extra
    (data / "path.yml").write_text(yaml.safe_dump(path, sort_keys=False), encoding="utf-8")
    result = run_build(project, root / "site")
    assert result.returncode == 0, result.output
    url, server = serve(result.site)
    ids = [rid for stage in path["stages"] for rid in stage["resources"]]
    yield url + "path/", ids
    server.shutdown()


def _control(page, rid):
    return page.locator(f"#res-{rid} .hb-status select")


def _open(page, url):
    """Load the page and wait until it has settled (scripts run, nothing left to fetch)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".hb-planner input")).to_be_visible()


def test_far_cards_have_no_control_after_load(page, long_path):
    url, ids = long_path
    _open(page, url)
    expect(_control(page, ids[0])).to_be_visible()  # the cards on screen have theirs
    page.wait_for_timeout(500)  # and nothing goes on building the rest in the background
    cards = page.locator(".hb-resource[data-resource]")
    expect(cards).to_have_count(len(ids))
    made = page.locator(".hb-resource .hb-status").count()
    assert 0 < made < len(ids) / 3, made
    expect(page.locator(f"#res-{ids[-1]} .hb-status")).to_have_count(0)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    static = page.evaluate(
        "fetch(location.href).then((r) => r.text()).then((t) =>"
        " new DOMParser().parseFromString(t, 'text/html').getElementsByTagName('*').length)"
    )
    # what the scripts added is well below a control on every card
    assert elements - static < len(ids) * CONTROL_ELEMENTS / 2, (elements, static)
    assert page.console_errors == []


def test_scrolling_to_a_far_card_gives_it_a_control_that_saves(page, long_path):
    url, ids = long_path
    _open(page, url)
    far = ids[-1]
    page.keyboard.press("End")  # the reader jumps to the end of the page
    expect(_control(page, far)).to_be_visible()
    _control(page, far).select_option("done")
    assert stored_progress(page)["statuses"] == {far: "done"}
    expect(page.locator(f"#res-{far}")).to_have_attribute("data-status", "done")
    page.reload()
    page.locator(f"#res-{far}").scroll_into_view_if_needed()
    expect(_control(page, far)).to_have_value("done")
    title = page.locator(f"#res-{far} .hb-resource__title a").inner_text()
    expect(_control(page, far)).to_have_accessible_name(f"Status of {title}")
    assert page.console_errors == []


def test_a_status_saved_before_the_card_is_reached_shows_on_its_control(page, browser, long_path):
    url, ids = long_path
    far, farther = ids[-3], ids[-1]
    _open(page, url)
    store_progress(page, statuses={far: "doing"})  # stored, then the page loads again
    expect(_control(page, ids[0])).to_be_visible()
    expect(page.locator(f"#res-{far} .hb-status")).to_have_count(0)
    expect(page.locator(f"#res-{far}")).to_have_attribute("data-status", "doing")
    # another tab of the handbook saves a status for a card this tab has not reached yet
    other = page.context.new_page()
    other.goto(f"{url}#res-{farther}")
    _control(other, farther).select_option("skipped")
    expect(page.locator(f"#res-{farther}")).to_have_attribute("data-status", "skipped")
    expect(page.locator(f"#res-{farther} .hb-status")).to_have_count(0)
    page.locator(f"#res-{far}").scroll_into_view_if_needed()
    expect(_control(page, far)).to_have_value("doing")
    page.locator(f"#res-{farther}").scroll_into_view_if_needed()
    expect(_control(page, farther)).to_have_value("skipped")
    assert page.console_errors == []


def test_a_link_to_a_far_card_gives_it_a_working_control(page, long_path):
    url, ids = long_path
    far, other = ids[-1], ids[-2]
    page.goto(f"{url}#res-{far}")  # a link from another site, or a bookmark
    expect(_control(page, far)).to_be_in_viewport()
    _control(page, far).select_option("doing")
    # a link on the page to where the card is listed in its group (instant navigation, as
    # Material follows a link between pages); there it is far down its page too
    page.goto(url)
    page.locator(f"#res-{other} .hb-resource__more a").first.click()
    expect(page).to_have_url(re.compile(rf"/skills/cooking/(\d+/)?#res-{other}$"))
    expect(_control(page, other)).to_be_in_viewport()
    _control(page, other).select_option("done")
    assert stored_progress(page)["statuses"] == {far: "doing", other: "done"}
    assert page.console_errors == []


def test_tab_reaches_every_card_control_in_order(page, long_path):
    url, ids = long_path
    _open(page, url)
    page.locator(f"#res-{ids[0]} .hb-resource__title a").focus()
    # Tab on through the list, well past the cards whose controls were made at load (stage
    # headings and their links come between the cards)
    reached: list[str] = []
    for _ in range(len(ids) * 8):
        page.keyboard.press("Tab")
        card, tag = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.closest('.hb-resource')?.dataset.resource ?? null, e.tagName]; })()"
        )
        if tag == "SELECT" and card is not None:
            # a card's control comes after its own links and before the next card's
            assert card == ids[len(reached)], (card, reached[-3:])
            reached.append(card)
            if len(reached) == len(ids):
                break
    assert reached == ids


def test_the_catalogue_words_filter_reads_the_cards_not_their_controls(page, kitchen_url, kitchen):
    # some cards have a control by the time the filters start, others not yet: the words of a
    # control ("Not started", "Done", ...) must match no card, or they would match only some
    total = len(kitchen.resources)
    page.goto(kitchen_url + "catalogue/")
    select = card_status(page, kitchen.resources[0].id)
    label = select.locator("option").first.inner_text()
    page.locator(".hb-filters input[name=text]").fill(label)
    expect(page.locator(".hb-filters__count")).to_have_text(f"Showing 0 of {total} resources.")
    page.locator(".hb-filters input[name=text]").fill(kitchen.resources[-1].title)
    expect(page.locator(".hb-filters__count")).to_have_text(f"Showing 1 of {total} resources.")
