"""Practice as a reader does it, in Chromium on the kitchen fixture site: interview drills
answered first and graded, concept checks feeding the self-assessment, capstone rubrics shown in
progress and on the path, and the review queue (Leitner boxes), by mouse and by keyboard, at
390 px, with JavaScript off, and through a progress file.

Ids and texts come from the fixture's own data (the `kitchen` model), so a fork passes too."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import jsonschema
import pytest
from handbook_engine.ids import slug
from pages import PHONE, all_violations, phone_scroll_width, store_progress, stored_progress
from playwright.sync_api import Page, expect
from trees import SCHEMAS

pytestmark = [pytest.mark.browser, pytest.mark.build]

PRACTICE_PAGES = ["practice/", "practice/questions/", "you/review/"]
OPTION = "ABCDEFGHIJ"


def _day(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def _answer_index(check) -> int:
    return next(i for i, option in enumerate(check.options) if option.correct)


def _first_check(kitchen):
    """The fixture's first concept check, its right option and a wrong one."""
    check = kitchen.checks[0]
    right = _answer_index(check)
    return check, right, (right + 1) % len(check.options)


def _tally(page, kitchen, check):
    """The score line above the first check of `check`'s group, and the group's checks."""
    group = [c for c in kitchen.checks if c.skill == check.skill]
    return page.locator(f"#check-{group[0].id}").locator("xpath=preceding-sibling::p[1]"), group


@pytest.fixture(autouse=True)
def _fail_fast(page: Page) -> None:
    page.set_default_timeout(10_000)


# --- interview drills ------------------------------------------------------------------------


def test_a_drill_is_answered_first_then_revealed_graded_and_kept(page, kitchen_url, kitchen):
    question = kitchen.questions[0]
    page.goto(kitchen_url + "practice/questions/")
    drill = page.locator(f"#q-{question.id}")
    answer = drill.get_by_label("Your answer")
    expect(drill.locator(".hb-drill__question")).to_have_text(question.question)
    expect(drill.locator("details li").first).to_be_hidden()  # the points wait for the answer

    answer.fill("Clarify the goal first, then pick a metric.")
    drill.locator("summary").click()
    ticks = drill.get_by_role("checkbox")
    expect(ticks).to_have_count(len(question.points))
    ticks.first.check()
    total = len(question.points)
    expect(drill.locator(".hb-drill__score")).to_have_text(f"You covered 1 of {total} points.")
    group = page.locator(f'.hb-drill-score[data-skill="{question.skill}"]')
    expect(group).to_contain_text(f"1 of {total} points")
    page.wait_for_function(
        "() => Object.values(localStorage).some((v) => v.includes('Clarify the goal first'))"
    )

    page.reload()
    expect(answer).to_have_value("Clarify the goal first, then pick a metric.")
    expect(drill.locator("input[data-point]").first).to_be_checked()  # inside the closed fold
    assert stored_progress(page)["grades"][question.id] == [True] + [False] * (total - 1)
    assert page.console_errors == []


def test_a_point_is_ticked_by_a_tap_on_its_words(browser, kitchen_url, kitchen):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    question = kitchen.questions[0]
    page.goto(kitchen_url + "practice/questions/")
    drill = page.locator(f"#q-{question.id}")
    drill.locator("summary").tap()
    point = drill.locator("details li").first
    box = point.get_by_role("checkbox")
    size = box.bounding_box()
    assert min(size["width"], size["height"]) >= 16  # the browser's own box was 13 px
    assert point.bounding_box()["height"] >= 24  # WCAG 2.5.8: targets of 24 px or more
    point.get_by_text(question.points[0][:20]).tap()
    expect(box).to_be_checked()
    page.goto(kitchen_url + "practice/")
    capstone = page.locator(".hb-capstone").first
    item = capstone.locator("li:has(input[data-item])").first
    item.locator("label").tap(position={"x": 200, "y": 8})  # on the words, right of the box
    expect(item.get_by_role("checkbox")).to_be_checked()
    context.close()


def test_an_answer_graded_low_goes_to_review_and_graded_up_leaves_it(page, kitchen_url, kitchen):
    question = next(q for q in kitchen.questions if len(q.points) >= 2)
    page.goto(kitchen_url + "practice/questions/")
    drill = page.locator(f"#q-{question.id}")
    drill.locator("summary").click()
    ticks = drill.get_by_role("checkbox")
    ticks.first.check()  # 1 of 2 or more: less than half only when there are 3 or more
    ticks.first.uncheck()  # none covered
    key = f"question-{question.id}"
    expect(drill.locator(".hb-drill__score")).to_contain_text("You covered 0 of")
    assert stored_progress(page)["boxes"][key] == {"box": 1, "due": _day(1)}
    for i in range(len(question.points)):
        ticks.nth(i).check()
    expect(drill.locator(".hb-drill__score")).to_contain_text(
        f"You covered {len(question.points)} of"
    )
    assert key not in stored_progress(page)["boxes"]


def test_with_javascript_off_every_question_shows_its_points_folded(browser, kitchen_url, kitchen):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(kitchen_url + "practice/questions/")
        for question in kitchen.questions:
            fold = tab.locator(f"#q-{question.id} details")
            expect(fold.locator("summary")).to_have_text(question.question)
            expect(fold.locator("li")).to_have_count(len(question.points))
            assert fold.get_attribute("open") is None
        expect(tab.locator("textarea")).to_have_count(0)
    finally:
        context.close()


# --- concept checks ----------------------------------------------------------------------------


def test_a_concept_check_says_right_or_wrong_and_feeds_the_self_assessment(
    page, kitchen_url, kitchen
):
    check, right, wrong = _first_check(kitchen)
    page.goto(kitchen_url + "practice/")
    box = page.locator(f"#check-{check.id}")
    options = box.get_by_role("radio")
    expect(options).to_have_count(len(check.options))
    expect(box.locator("details")).not_to_have_attribute("open", "")

    options.nth(wrong).check()
    result = box.locator(".hb-check__result")
    expect(result).to_contain_text(f"Not quite: the answer is {OPTION[right]}")
    expect(box.locator("details")).to_have_attribute("open", "")
    assert stored_progress(page)["boxes"][f"check-{check.id}"] == {"box": 1, "due": _day(1)}

    options.nth(right).check()
    expect(result).to_have_text("Right.")
    tally, group = _tally(page, kitchen, check)
    expect(tally).to_contain_text(f"1 of {len(group)} right, 1 answered")

    page.goto(kitchen_url + "you/self-assessment/")
    form = page.locator(f'form.hb-rating[data-skill="{check.skill}"]')
    expect(form.locator("xpath=following-sibling::p[1]")).to_have_text(
        f"Concept checks for this group: 1 of {len(group)} right, 1 answered."
    )
    row = page.locator(".hb-chart__table tr", has_text=kitchen.skill(check.skill).title)
    expect(row).to_contain_text(f"1 of {len(group)} right, 1 answered")
    assert page.console_errors == []


def test_a_stored_check_answer_is_shown_only_when_the_check_has_it(page, kitchen_url, kitchen):
    check, right, wrong = _first_check(kitchen)
    page.goto(kitchen_url + "practice/")
    box = page.locator(f"#check-{check.id}")
    result = box.locator(".hb-check__result")
    # storage (a tampered one, or a file from another version of the check) may hold any 0 to 9
    store_progress(page, checks={check.id: len(check.options)})
    box.scroll_into_view_if_needed()
    expect(box.get_by_role("radio")).to_have_count(len(check.options))
    expect(result).to_have_text("")
    tally, group = _tally(page, kitchen, check)
    expect(tally).to_contain_text(f"0 of {len(group)} right, 0 answered")
    # a miss whose card is no longer in the boxes is not said to be in the review queue
    store_progress(page, checks={check.id: wrong}, boxes={})
    box.scroll_into_view_if_needed()
    expect(result).to_have_text(f"Not quite: the answer is {OPTION[right]}.")
    assert page.console_errors == []


# --- capstones ---------------------------------------------------------------------------------


def test_capstone_ticks_show_on_the_practice_page_progress_and_path(page, kitchen_url, kitchen):
    capstone = kitchen.capstones[0]
    total = len(capstone.rubric)
    page.goto(kitchen_url + "practice/")
    box = page.locator(f'.hb-capstone[data-capstone="{capstone.id}"]')
    ticks = box.get_by_role("checkbox")
    expect(ticks).to_have_count(total)
    ticks.nth(0).check()
    ticks.nth(2).check()
    expect(box.locator(".hb-capstone__score")).to_have_text(
        f"Your artifact meets 2 of {total} points."
    )
    assert stored_progress(page)["rubric"][capstone.id] == [
        capstone.rubric[0].id,
        capstone.rubric[2].id,
    ]
    for where in ("you/progress/", "path/"):
        page.goto(kitchen_url + where)
        line = page.locator(f'.hb-capstone-progress[data-capstone="{capstone.id}"]')
        expect(line).to_have_text(f"2 of {total} rubric points met")


# --- the review queue --------------------------------------------------------------------------


def test_a_due_card_is_reviewed_by_keyboard_and_moves_up_a_box(page, kitchen_url, kitchen):
    check = kitchen.checks[0]
    page.goto(kitchen_url + "practice/")
    store_progress(page, boxes={f"check-{check.id}": {"box": 2, "due": _day(-1)}})
    due = page.locator(".hb-due")
    expect(due).to_have_text("1 card due for review today")

    due.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"you/review/$"))
    review = page.locator(".hb-review")
    expect(review.locator(".hb-review__status")).to_have_text(re.compile(r"^1 card due today"))
    expect(review.locator(".hb-review__front")).to_have_text(check.question)
    show = review.get_by_role("button", name="Show the answer")
    show.focus()
    page.keyboard.press("Enter")
    right = check.options[_answer_index(check)]
    expect(review.locator(".hb-review__back")).to_contain_text(f"Answer: {right.text}")
    expect(review.locator(".hb-review__back")).to_be_focused()
    page.keyboard.press("2")  # I knew it
    expect(review.locator(".hb-review__status")).to_contain_text("Nothing due today")
    assert stored_progress(page)["boxes"][f"check-{check.id}"] == {"box": 3, "due": _day(4)}
    expect(page.locator(".hb-due")).to_be_hidden()
    assert page.console_errors == []


def test_a_card_this_site_no_longer_has_leaves_the_boxes_and_the_count(page, kitchen_url):
    page.goto(kitchen_url + "practice/")
    store_progress(page, boxes={"term-gone-from-the-glossary": {"box": 1, "due": _day(-3)}})
    expect(page.locator(".hb-due")).to_have_text("1 card due for review today")
    page.locator(".hb-due").get_by_role("link").click()
    expect(page.locator(".hb-review__status")).to_contain_text("Your boxes are empty")
    assert stored_progress(page)["boxes"] == {}
    page.goto(kitchen_url + "practice/")
    expect(page.locator(".hb-due")).to_be_hidden()
    assert page.console_errors == []


def test_a_card_not_known_goes_back_to_box_one_for_tomorrow(page, kitchen_url, kitchen):
    question = kitchen.questions[0]
    page.goto(kitchen_url + "you/review/")
    store_progress(page, boxes={f"question-{question.id}": {"box": 4, "due": _day(0)}})
    review = page.locator(".hb-review")
    expect(review.get_by_role("button", name="Show the answer")).to_be_visible()
    page.keyboard.press("Space")  # nothing focused: the page's own keys
    expect(review.locator(".hb-review__back")).to_contain_text(question.points[0])
    page.keyboard.press("1")  # not yet
    assert stored_progress(page)["boxes"][f"question-{question.id}"] == {"box": 1, "due": _day(1)}
    expect(review.locator(".hb-review__status")).to_contain_text("Nothing due today")


def test_glossary_terms_join_the_review_ten_at_a_time(page, kitchen_url, kitchen):
    page.goto(kitchen_url + "you/review/")
    review = page.locator(".hb-review")
    expect(review.locator(".hb-review__status")).to_have_text(
        "Your boxes are empty. Missed concept checks and interview answers you grade low come "
        "here; so do glossary terms you add."
    )
    terms = len(kitchen.terms)
    add = review.get_by_role("button", name=re.compile("glossary terms to review"))
    add.click()
    shown = min(terms, 10)
    expect(review.locator(".hb-review__status")).to_contain_text(
        f"{shown} card{'s' if shown != 1 else ''} due today"
    )
    deck = json.loads(page.locator("#hb-deck").text_content())["cards"]
    first = next(card for card in deck if card["kind"] == "term")  # the deck's own order
    expect(review.locator(".hb-review__front")).to_have_text(first["front"])
    assert len(stored_progress(page)["boxes"]) == shown


# --- the progress file ---------------------------------------------------------------------------


def test_an_imported_check_answer_the_check_has_no_option_for_is_left_out(
    page, kitchen_url, kitchen
):
    check = kitchen.checks[0]
    page.goto(kitchen_url + "you/progress/")
    before = stored_progress(page)
    file = {"format": "handbook-progress", "version": 1, "checks": {check.id: len(check.options)}}
    page.set_input_files(
        "#hb-import",
        {"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(file).encode()},
    )
    message = page.locator(".hb-data-tools__message")
    expect(message).to_contain_text("Nothing in that file can be used. Ignored: 1 id not on this")
    assert stored_progress(page) == before


def test_practice_travels_in_the_progress_file_and_an_old_file_still_merges(
    page, kitchen_url, kitchen
):
    question, check, capstone = kitchen.questions[0], kitchen.checks[0], kitchen.capstones[0]
    practice = {
        "answers": {question.id: "My answer"},
        "grades": {question.id: [True] * len(question.points)},
        "checks": {check.id: _answer_index(check)},
        "boxes": {f"check-{check.id}": {"box": 2, "due": _day(3)}},
        "rubric": {capstone.id: [capstone.rubric[0].id]},
    }
    page.goto(kitchen_url + "you/progress/")
    store_progress(page, **practice)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export to a file").click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    for part, values in practice.items():
        assert exported[part] == values
    # the file is what the published progress schema describes, part by part
    schema = json.loads((SCHEMAS / "progress.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, schema, cls=jsonschema.Draft202012Validator)

    old = {"format": "handbook-progress", "version": 1, "statuses": {}, "hours": 6}
    page.set_input_files(
        "#hb-import",
        {"name": "old.json", "mimeType": "application/json", "buffer": json.dumps(old).encode()},
    )
    page.get_by_role("button", name="Merge").click()
    expect(page.locator(".hb-data-tools__message")).to_contain_text("Imported (merged)")
    stored = stored_progress(page)
    for part, values in practice.items():
        assert stored[part] == values  # an old file leaves practice as it was

    page.evaluate("localStorage.clear()")
    page.reload()
    page.set_input_files(
        "#hb-import",
        {
            "name": "new.json",
            "mimeType": "application/json",
            "buffer": json.dumps(exported).encode(),
        },
    )
    expect(page.locator(".hb-import")).to_contain_text("1 written answer")
    expect(page.locator(".hb-import")).to_contain_text("1 review card")
    page.get_by_role("button", name="Replace").click()
    stored = stored_progress(page)
    for part, values in practice.items():
        assert stored[part] == values
    expect(page.locator(f'.hb-capstone-progress[data-capstone="{capstone.id}"]')).to_have_text(
        f"1 of {len(capstone.rubric)} rubric points met"
    )


# --- for everyone ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", PRACTICE_PAGES)
def test_practice_pages_have_no_accessibility_violations_of_any_impact(
    page, kitchen_url, kitchen, path
):
    page.goto(kitchen_url + path)
    # every control on screen: a graded drill, an answered check, a card with its answer shown
    store_progress(
        page,
        boxes={f"term-{slug(kitchen.terms[0].term)}": {"box": 1, "due": _day(0)}},
        checks={kitchen.checks[0].id: 0},
        grades={kitchen.questions[0].id: [True]},
    )
    if path == "you/review/":
        page.get_by_role("button", name="Show the answer").click()
    else:
        page.locator("details").first.evaluate("(d) => { d.open = true; }")
    assert all_violations(page) == []


@pytest.mark.parametrize("path", PRACTICE_PAGES)
def test_practice_pages_fit_a_phone(browser, kitchen_url, path):
    assert phone_scroll_width(browser, kitchen_url + path) <= PHONE["width"]


def test_a_concept_check_is_answered_by_keyboard_alone(page, kitchen_url, kitchen):
    check = kitchen.checks[0]
    page.goto(kitchen_url + "practice/")
    box = page.locator(f"#check-{check.id}")
    # the options become radio buttons once the script has started (in a task after load)
    expect(box.get_by_role("radio")).to_have_count(len(check.options))
    box.locator("p a").first.focus()  # the concept link just before the options
    page.keyboard.press("Tab")
    expect(box.get_by_role("radio").first).to_be_focused()
    page.keyboard.press("Space")
    expect(box.locator(".hb-check__result")).not_to_be_empty()
    page.keyboard.press("ArrowDown")
    expect(box.get_by_role("radio").nth(1)).to_be_checked()
    assert stored_progress(page)["checks"][check.id] == 1


def test_a_rubric_point_with_a_glossary_term_reads_as_one_line_of_words(browser, kitchen_url):
    # The point's label is a flex row (box, words): its text and <abbr> once became columns
    # side by side, so the words read out of order and a phone page scrolled sideways.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(kitchen_url + "practice/")
    term = page.locator(".hb-capstone li label abbr").first
    term.scroll_into_view_if_needed()
    before, after, word = term.evaluate(
        """(abbr) => {
            const rects = (node) => { const r = document.createRange(); r.selectNodeContents(node);
                                     return Array.from(r.getClientRects()); };
            const last = rects(abbr.previousSibling).at(-1), next = rects(abbr.nextSibling)[0];
            const box = abbr.getBoundingClientRect();
            return [last, next, box].map((r) => ({ top: r.top, left: r.left, right: r.right }));
        }"""
    )
    # in reading order: the term on the line where the words before it end, the words after it
    # going on from it on that line (or on the next one)
    assert abs(word["top"] - before["top"]) < 2 and word["left"] >= before["right"] - 1
    assert after["top"] > word["top"] + 2 or after["left"] >= word["right"] - 1
    context.close()
