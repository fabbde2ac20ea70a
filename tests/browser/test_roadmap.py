"""The roadmap as a reader uses it, in Chromium on the kitchen fixture site: every node a link in
path order, the reader's statuses colouring it live, "you may skip" from the self-assessment,
keyboard, phone, dark mode, print widths, axe, and the standalone SVG download.

Ids and counts come from the fixture's own data (the `kitchen` model), so a fork passes too."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from handbook_engine.roadmap import GROUP_COLOURS
from pages import PHONE, all_violations, card_status, phone_scroll_width, store_progress
from playwright.sync_api import Page, expect
from trees import SCHEMAS

pytestmark = [pytest.mark.browser, pytest.mark.build]

ROADMAP = "roadmap/"


def _expected_order(kitchen) -> list[tuple[str, str]]:
    """(kind, id) of every node, in path order: each stage, its concepts, its resources."""
    order: list[tuple[str, str]] = []
    for stage in kitchen.stages:
        order.append(("stage", stage.id))
        order += [("concept", cid) for cid in stage.concepts]
        order += [("resource", rid) for rid in stage.resources]
    order += [("capstone", c.id) for c in kitchen.capstones]
    return order


def _node_keys(page: Page) -> list[tuple[str, str]]:
    return [
        (kind, value)
        for kind, value in page.eval_on_selector_all(
            ".hb-roadmap .hb-node",
            """(nodes) => nodes.map((n) => {
                const d = n.dataset;
                for (const kind of ['stage', 'concept', 'resource', 'capstone']) {
                    if (d[kind]) return [kind, d[kind]];
                }
                return ['questions', ''];
            })""",
        )
        if kind != "questions"
    ]


def _node(page: Page, kind: str, value: str):
    return page.locator(f'.hb-roadmap .hb-node[data-{kind}="{value}"]')


@pytest.fixture(autouse=True)
def _fail_fast(page: Page) -> None:
    page.set_default_timeout(10_000)


def test_every_node_is_a_link_in_path_order_and_leads_to_its_page(page, kitchen_url, kitchen):
    page.goto(kitchen_url + ROADMAP)
    assert _node_keys(page) == _expected_order(kitchen)
    resource = kitchen.stages[0].resources[0]
    _node(page, "resource", resource).click()
    expect(page).to_have_url(re.compile(rf"#res-{resource}$"))
    expect(page.locator(f"#res-{resource}")).to_be_visible()


def test_keyboard_users_tab_through_the_nodes_in_path_order(page, kitchen_url, kitchen):
    page.goto(kitchen_url + ROADMAP)
    nodes = page.locator(".hb-roadmap .hb-node")
    nodes.first.focus()
    seen = []
    for _ in range(nodes.count()):
        seen.append(page.evaluate("document.activeElement.getAttribute('data-label')"))
        page.keyboard.press("Tab")
    labels = [nodes.nth(i).get_attribute("data-label") for i in range(nodes.count())]
    assert seen == labels


def test_a_status_set_elsewhere_colours_its_node_live_and_after_a_reload(
    page, kitchen_url, kitchen
):
    stage = kitchen.stages[0]
    resource = stage.resources[0]
    page.goto(kitchen_url + ROADMAP)
    node = _node(page, "resource", resource)
    expect(node).to_have_attribute("data-status", "todo")
    fill_before = node.locator("rect").first.evaluate("(r) => getComputedStyle(r).fill")

    other = page.context.new_page()  # the reader changes it in another tab
    other.goto(kitchen_url + "catalogue/")
    card_status(other, resource).select_option("done")
    expect(node).to_have_attribute("data-status", "done")  # live, through the storage event
    expect(node).to_have_attribute("aria-label", re.compile(r": Done$"))
    assert node.locator("rect").first.evaluate("(r) => getComputedStyle(r).fill") != fill_before
    expect(_node(page, "stage", stage.id)).to_have_attribute(
        "data-status", "done" if len(stage.resources) == 1 else "doing"
    )
    page.reload()
    expect(node).to_have_attribute("data-status", "done")
    assert page.console_errors == []


def test_a_stage_the_self_assessment_rates_strong_may_be_skipped(page, kitchen_url, kitchen):
    stage = next(s for s in kitchen.stages if s.skills)
    page.goto(kitchen_url + ROADMAP)
    ratings = {sid: {c.id: 3 for c in kitchen.skill(sid).competencies} for sid in stage.skills}
    store_progress(page, ratings=ratings)
    node = _node(page, "stage", stage.id)
    expect(node).to_have_attribute("data-status", "may-skip")
    expect(node).to_have_attribute("aria-label", re.compile(r": You may skip$"))
    store_progress(page, stages={stage.id: "skipped"})
    expect(node).to_have_attribute("data-status", "skipped")


def test_a_capstone_node_follows_its_rubric(page, kitchen_url, kitchen):
    capstone = kitchen.capstones[0]
    page.goto(kitchen_url + ROADMAP)
    node = _node(page, "capstone", capstone.id)
    expect(node).to_have_attribute("data-status", "todo")
    store_progress(page, rubric={capstone.id: [capstone.rubric[0].id]})
    expect(node).to_have_attribute("data-status", "doing")
    store_progress(page, rubric={capstone.id: [item.id for item in capstone.rubric]})
    expect(node).to_have_attribute("data-status", "done")


def test_the_download_is_a_standalone_svg_with_the_readers_progress(page, kitchen_url, kitchen):
    resource = kitchen.stages[0].resources[0]
    page.goto(kitchen_url + ROADMAP)
    store_progress(page, statuses={resource: "doing"})
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the roadmap as SVG").click()
    assert download.value.suggested_filename == "roadmap.svg"
    # the file this test's own page just wrote, not input from elsewhere
    root = ET.fromstring(download.value.path().read_bytes())  # noqa: S314
    svg = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{svg}svg"
    assert root.find(f"{svg}style") is not None  # its colours travel with it
    links = list(root.iter(f"{svg}a"))
    assert len(links) == page.locator(".hb-roadmap .hb-node").count()
    xlink = "{http://www.w3.org/1999/xlink}href"
    assert all(a.get(xlink, "").startswith("http") for a in links)
    done = [a for a in links if a.get("data-resource") == resource]
    assert done and done[0].get("data-status") == "doing"


def test_the_roadmap_has_no_accessibility_violations_of_any_impact(page, kitchen_url, kitchen):
    page.goto(kitchen_url + ROADMAP)
    store_progress(page, statuses={kitchen.stages[0].resources[0]: "done"})
    assert all_violations(page) == []


def test_dark_mode_colours_the_nodes_from_the_palette(page, kitchen_url, kitchen):
    resource = kitchen.stages[0].resources[0]
    page.goto(kitchen_url + ROADMAP)
    store_progress(page, statuses={resource: "done"})
    rect = _node(page, "resource", resource).locator("rect").first
    expect(_node(page, "resource", resource)).to_have_attribute("data-status", "done")
    light = rect.evaluate("(r) => getComputedStyle(r).fill")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = rect.evaluate("(r) => getComputedStyle(r).fill")
    assert light != dark
    text = _node(page, "resource", resource).locator("text").first
    assert text.evaluate("(t) => getComputedStyle(t).fill") != "rgb(0, 0, 0)"


def test_on_a_phone_the_stages_stack_with_no_horizontal_scroll(browser, kitchen_url):
    assert phone_scroll_width(browser, kitchen_url + ROADMAP) <= PHONE["width"]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        tab.goto(kitchen_url + ROADMAP)
        lefts = tab.eval_on_selector_all(
            ".hb-roadmap__stage", "(items) => items.map((i) => i.getBoundingClientRect().left)"
        )
        assert len(set(lefts)) == 1  # one column
    finally:
        context.close()


@pytest.mark.parametrize("width", [718, 979], ids=["A4 portrait", "Letter landscape"])
def test_it_prints_within_the_page_width(browser, kitchen_url, width):
    """The printable width of A4 (210 mm) and landscape Letter (11 in) less 1 cm margins."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    try:
        tab = context.new_page()
        tab.emulate_media(media="print")
        tab.goto(kitchen_url + ROADMAP)
        right = tab.eval_on_selector_all(
            ".hb-roadmap__stage",
            "(items) => Math.max(...items.map((i) => i.getBoundingClientRect().right))",
        )
        assert right <= width
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_each_box_has_its_skill_groups_colour_as_the_legend_shows(page, kitchen_url, kitchen):
    page.goto(kitchen_url + ROADMAP)
    legend = page.locator(".hb-roadmap__groups li")
    expect(legend).to_have_text([s.title for s in kitchen.skills])
    fills = {}
    for i in range(1, len(kitchen.skills) + 1):
        stripe = page.locator(f'.hb-roadmap .hb-node[data-group="{i}"] .hb-node__group').first
        fills[i] = stripe.evaluate("(r) => getComputedStyle(r).fill")
        swatch = legend.nth(i - 1).evaluate(
            "(li) => getComputedStyle(li, '::before').backgroundColor"
        )
        assert swatch == fills[i]  # the legend's colour is the boxes'
    assert len(set(fills.values())) == len(fills)  # one colour per group
    outline = page.locator(".hb-roadmap .hb-node rect").first
    assert outline.evaluate("(r) => getComputedStyle(r).fill") != "rgb(0, 0, 0)"  # styled


def test_every_skill_group_the_schema_allows_has_a_colour_of_its_own(page, kitchen_url):
    allowed = json.loads((SCHEMAS / "skills.schema.json").read_text(encoding="utf-8"))
    groups = allowed["properties"]["skills"]["maxItems"]
    assert groups <= GROUP_COLOURS  # no two groups of a valid skills.yml share a colour
    page.goto(kitchen_url + ROADMAP)
    for scheme in ("default", "slate"):
        colours = page.evaluate(
            """([count, scheme]) => {
              document.body.setAttribute("data-md-color-scheme", scheme);
              const box = document.querySelector(".hb-roadmap");
              return Array.from({length: count}, (_, i) => {
                const probe = document.createElement("span");
                probe.dataset.group = String(i + 1);
                box.append(probe);
                const colour = getComputedStyle(probe).getPropertyValue("--hb-group").trim();
                probe.remove();
                return colour;
              });
            }""",
            [groups, scheme],
        )
        assert all(colours) and len(set(colours)) == groups, (scheme, colours)
