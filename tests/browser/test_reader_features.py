"""Reader features in Chromium: progress, export/import, filters, planner, self-assessment,
glossary tooltips, print, JavaScript off, accessibility."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files

import pytest
from handbook_engine.validate import build_handbook
from pages import PAGE_TEMPLATES
from playwright.sync_api import expect
from trees import ROOT

HANDBOOK = build_handbook(ROOT / "data")
TEMPLATES = PAGE_TEMPLATES


def _status(page, resource_id):
    return page.locator(f"#res-{resource_id} .hb-status select")


def test_status_survives_reload_and_instant_navigation(page, site_url):
    page.goto(site_url + "skills/product-strategy/")
    _status(page, "inspired").select_option("done")
    _status(page, "continuous-discovery-habits").select_option("doing")
    progress = page.locator(".hb-progress").first
    expect(progress).to_contain_text("1 of 17 done, 1 in progress")
    page.reload()
    expect(_status(page, "inspired")).to_have_value("done")
    # Material swaps the page in place: the features must come back without a reload
    page.locator(".md-tabs").get_by_role("link", name="Resource catalogue").click()
    expect(page).to_have_url(re.compile(r"/catalogue/$"))
    expect(_status(page, "inspired")).to_have_value("done")
    expect(_status(page, "continuous-discovery-habits")).to_have_value("doing")
    expect(page.locator("#res-inspired")).to_have_attribute("data-status", "done")
    assert page.console_errors == []


def test_export_then_import_in_a_fresh_browser(browser, page, site_url, tmp_path):
    page.goto(site_url + "path/")
    _status(page, "scrum-guide").select_option("done")
    page.locator(".hb-stage[data-stage=build-responsibly] .hb-stage__tools select").select_option(
        "skipped"
    )
    page.goto(site_url + "you/self-assessment/")
    page.locator("input[name=influencing-2][value='3']").check()
    page.goto(site_url + "you/progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export to a file").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "handbook-progress" and data["statuses"] == {"scrum-guide": "done"}
    assert data["stages"] == {"build-responsibly": "skipped"}
    assert data["ratings"]["influencing"][2] == 3

    fresh = browser.new_context().new_page()
    fresh.goto(site_url + "you/progress/")
    expect(fresh.locator(".hb-progress").first).to_contain_text("0 of 50 done")
    fresh.locator("#hb-import").set_input_files(str(exported))
    expect(fresh.locator(".hb-data-tools__message")).to_contain_text("Imported 1 resource statuses")
    expect(fresh.locator(".hb-progress").first).to_contain_text("1 of 50 done")
    fresh.goto(site_url + "you/self-assessment/")
    expect(fresh.locator("input[name=influencing-2][value='3']")).to_be_checked()
    fresh.context.close()


def test_import_of_a_foreign_file_changes_nothing_and_reset_clears(page, site_url, tmp_path):
    page.goto(site_url + "catalogue/")
    _status(page, "gdpr").select_option("done")
    page.goto(site_url + "you/progress/")
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": "world"}')
    page.locator("#hb-import").set_input_files(str(junk))
    expect(page.locator(".hb-data-tools__message")).to_contain_text("nothing changed")
    expect(page.locator(".hb-progress").first).to_contain_text("1 of 50 done")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset").click()
    expect(page.locator(".hb-progress").first).to_contain_text("0 of 50 done")


def test_unknown_and_broken_stored_state_never_crashes(page, site_url):
    page.goto(site_url + "catalogue/")
    _status(page, "inspired").select_option("done")
    keys = page.evaluate("Object.keys(localStorage)")
    (key,) = [k for k in keys if k.startswith("handbook.v1:")]
    stored = {
        "version": 1,
        "statuses": {
            "renamed-away": "done",
            "inspired": "done",
            "gdpr": "<img src=x onerror=alert(1)>",
            "Bad Id": "done",
        },
        "hours": "lots",
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(stored)])
    page.reload()
    expect(page.locator(".hb-progress").first).to_contain_text("1 of 50 done")
    page.evaluate("(k) => localStorage.setItem(k, '{not json')", key)
    page.reload()
    expect(page.locator(".hb-progress").first).to_contain_text("0 of 50 done")
    assert page.console_errors == []


def test_filters_change_the_count_and_the_url_and_the_url_restores_them(page, site_url):
    page.goto(site_url + "catalogue/")
    count = page.locator(".hb-filters__count")
    expect(count).to_have_text(f"Showing {len(HANDBOOK.resources)} of 50 resources.")
    page.locator(".hb-filters select[name=cost]").select_option("free")
    free = [r for r in HANDBOOK.resources if r.cost == "free"]
    expect(count).to_have_text(f"Showing {len(free)} of 50 resources.")
    expect(page).to_have_url(re.compile(r"\?cost=free$"))
    page.locator(".hb-filters select[name=kind]").select_option("book")
    free_books = [r for r in free if r.kind == "book"]
    expect(count).to_have_text(f"Showing {len(free_books)} of 50 resources.")
    shared = page.url
    assert "kind=book" in shared

    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator(".hb-filters select[name=kind]")).to_have_value("book")
    expect(other.locator(".hb-filters__count")).to_have_text(
        f"Showing {len(free_books)} of 50 resources."
    )
    visible = other.locator(".hb-resource:visible")
    expect(visible).to_have_count(len(free_books))


def test_text_skill_and_time_filters(page, site_url):
    page.goto(site_url + "catalogue/?skill=tech-fluency&text=experiments")
    expected = [
        r
        for r in HANDBOOK.resources
        if "tech-fluency" in r.skills
        and "experiments" in (f"{r.title} {' '.join(r.authors)} {r.why}".lower())
    ]
    expect(page.locator(".hb-resource:visible")).to_have_count(len(expected))
    page.goto(site_url + "catalogue/?max=1")
    short = [r for r in HANDBOOK.resources if r.minutes and r.minutes <= 60]
    untimed = [r for r in HANDBOOK.resources if not r.minutes]
    expect(page.locator(".hb-filters__count")).to_have_text(
        f"Showing {len(short)} of 50 resources ({len(untimed)} more state no time)."
    )


def test_planner_date_moves_when_hours_change(page, site_url):
    page.goto(site_url + "path/")
    total = page.locator(".hb-planner__total")
    hours = page.locator("#hb-hours")
    hours.fill("2")
    slow = total.text_content()
    hours.fill("20")
    expect(total).not_to_have_text(slow)
    fast = total.text_content()
    assert "At 20 h a week" in fast and "At 2 h a week" in slow

    def finish(text):
        return date.fromisoformat(
            page.evaluate(
                "(t) => new Date(Date.parse(t + ' 12:00')).toISOString().slice(0, 10)",
                re.search(r"finish around (.+?)\.", text).group(1),
            )
        )

    assert finish(fast) < finish(slow)
    timed = sum(
        r.minutes or 0 for s in HANDBOOK.stages for r in map(HANDBOOK.resource, s.resources)
    )
    assert f"{timed // 60} h" in fast
    # finishing a timed resource takes its time off
    _status(page, "udacity-ab-testing").select_option("done")
    expect(total).to_contain_text(f"{(timed - 24 * 60) // 60} h")


def test_self_assessment_chart_and_recommendation_follow_ratings(page, site_url):
    page.goto(site_url + "you/self-assessment/")
    result = page.locator(".hb-assessment")
    expect(result).to_contain_text("Rate a few competencies")
    page.locator("input[name=product-strategy-0][value='3']").check()
    page.locator("input[name=tech-fluency-0][value='1']").check()
    expect(result).to_contain_text("Your weakest group so far: Tech fluency (1.0 of 3)")
    bars = page.locator("svg.hb-chart rect.hb-chart__bar")
    expect(bars).to_have_count(4)
    assert float(bars.nth(0).get_attribute("width")) == 300
    assert float(bars.nth(3).get_attribute("width")) == 100
    expect(page.locator("svg.hb-chart")).to_have_attribute("role", "img")
    expect(page.locator(".hb-chart__table")).to_contain_text("Tech fluency1.01 of 7")
    links = result.locator("ol a")
    expect(links).to_have_count(3)
    first = links.first.get_attribute("data-resource")
    assert HANDBOOK.resource(first).skills[0] == "tech-fluency"
    page.locator("input[name=product-strategy-0][value='0']").check()
    expect(result).to_contain_text("Your weakest group so far: Product strategy (0.0 of 3)")


def test_glossary_term_shows_a_tooltip(page, site_url):
    page.goto(site_url + "guides/product-strategy/")
    term = next(t for t in HANDBOOK.terms if t.term == "RICE")
    abbr = page.locator("article abbr", has_text=re.compile(r"^RICE$")).first
    expect(abbr).to_be_attached()
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    expect(page.get_by_text(term.definition).first).to_be_visible()


def test_glossary_page_lists_terms_with_anchors(page, site_url):
    page.goto(site_url + "glossary/#a-b-test")
    expect(page.locator("h2#a-b-test")).to_be_visible()


def test_print_shows_statuses_as_checkboxes_without_controls(page, site_url):
    page.goto(site_url + "path/")
    _status(page, "inspired").select_option("done")
    page.goto(site_url + "you/print/")
    expect(page.locator("li[data-resource=inspired] .hb-box")).to_have_text("☑")
    expect(page.locator("li[data-resource=scrum-guide] .hb-box")).to_have_text("☐")
    page.emulate_media(media="print")
    expect(page.locator(".hb-print-button")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    page.goto(site_url + "catalogue/")
    expect(page.locator(".hb-status").first).to_be_hidden()


def test_without_javascript_every_resource_is_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "catalogue/")
    expect(tab.locator(".hb-resource")).to_have_count(len(HANDBOOK.resources))
    expect(tab.locator(".hb-resource:visible")).to_have_count(len(HANDBOOK.resources))
    expect(tab.locator(".hb-filters")).to_be_hidden()
    tab.goto(site_url + "you/self-assessment/")
    expect(tab.locator("fieldset.hb-competency")).to_have_count(
        sum(len(s.competencies) for s in HANDBOOK.skills)
    )
    context.close()


AXE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", TEMPLATES)
def test_no_serious_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.evaluate(AXE)
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
