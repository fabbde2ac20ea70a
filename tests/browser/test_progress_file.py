"""Progress is never lost: importing a progress file, hostile files, and a browser that will not
store anything. Chromium against the real strict build.

Nothing here knows this handbook's content: resource, skill and competency ids are read from the
built pages, so a fork with other data passes unchanged. The hostile files are in
tests/fixtures/progress/ (the 2 MB one is made here, to keep the repository small)."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from pages import card_status, stored_progress
from playwright.sync_api import Page, expect
from trees import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "progress"
HEADER = {"format": "handbook-progress", "version": 1}
# Every status, rating and hours value a hostile file could try to smuggle in
PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"]


# --- helpers -------------------------------------------------------------------------------


def _skill_page(page: Page, site_url: str) -> str:
    """A page with resource cards: where the self-assessment's first "where to start" link goes."""
    page.goto(site_url + "you/self-assessment/")
    href = page.locator(".hb-start a[data-resource]").first.get_attribute("href")
    return urljoin(page.url, href).split("#")[0]


def _resource_ids(page: Page, site_url: str, n: int = 2) -> list[str]:
    page.goto(_skill_page(page, site_url))
    cards = page.locator(".hb-resource[data-resource]")
    return [cards.nth(i).get_attribute("data-resource") for i in range(n)]


def _set_status(page: Page, resource_id: str, status: str) -> None:
    card_status(page, resource_id).select_option(status)


def _upload(page: Page, data: object | bytes, name: str = "progress.json") -> None:
    buffer = data if isinstance(data, bytes) else json.dumps(data).encode()
    page.set_input_files(
        "#hb-import", {"name": name, "mimeType": "application/json", "buffer": buffer}
    )


def _message(page: Page):
    return page.locator(".hb-data-tools__message")


def _review(page: Page):
    return page.locator(".hb-import")


@pytest.fixture(autouse=True)
def _fail_fast(page: Page) -> None:
    page.set_default_timeout(10_000)


@pytest.fixture
def one_done(page: Page, site_url: str) -> tuple[str, str]:
    """Two resource ids of this site, the first marked done, the page then on you/progress/."""
    first, second = _resource_ids(page, site_url)
    _set_status(page, first, "done")
    page.goto(site_url + "you/progress/")
    assert stored_progress(page)["statuses"] == {first: "done"}
    return first, second


def test_the_import_label_is_as_tall_as_the_buttons_beside_it(page, kitchen_url):
    # "Import a file" is a label for the hidden file input, styled as a button (it was 50 px
    # tall beside buttons of 42)
    page.goto(kitchen_url + "you/progress/")
    tools = page.locator(".hb-data-tools > .md-button:visible")
    expect(tools).to_have_count(3)  # export, import, reset
    heights = tools.evaluate_all("(nodes) => nodes.map((n) => n.getBoundingClientRect().height)")
    assert max(heights) - min(heights) < 1, heights


# --- merge, replace, undo, cancel ----------------------------------------------------------


def test_import_shows_what_the_file_holds_and_merge_keeps_the_rest(page, one_done):
    first, second = one_done
    _upload(page, {**HEADER, "statuses": {second: "doing"}, "stages": {}, "hours": 7})
    expect(_review(page)).to_contain_text("1 resource status, 0 stage statuses, 0 ratings")
    expect(_review(page)).to_contain_text("7 h a week")
    expect(page.get_by_role("button", name="Merge")).to_be_focused()
    assert stored_progress(page)["statuses"] == {first: "done"}  # nothing changes before a choice
    page.keyboard.press("Enter")
    expect(_message(page)).to_contain_text("Imported (merged): 1 resource status")
    stored = stored_progress(page)
    assert stored["statuses"] == {first: "done", second: "doing"}
    assert stored["hours"] == 7
    expect(page.get_by_role("button", name="Undo import")).to_be_visible()
    assert page.console_errors == []


def test_values_meaning_nothing_in_a_file_never_erase_the_readers_own(page, one_done):
    first, _ = one_done
    # "todo" and an empty answer are what a reset part looks like; a file may hold them, but a
    # merge must not read them as "forget what the reader did"
    _upload(page, {**HEADER, "statuses": {first: "todo"}, "answers": {"an-answer": ""}, "hours": 7})
    expect(_review(page)).to_contain_text("0 resource statuses")
    expect(_review(page)).not_to_contain_text("written answer")
    expect(_message(page)).to_have_text("")  # "Reading the file…" is over once it is shown
    page.get_by_role("button", name="Merge").click()
    expect(_message(page)).to_contain_text("Imported (merged)")
    assert stored_progress(page)["statuses"] == {first: "done"}
    assert stored_progress(page)["hours"] == 7


def test_hours_with_many_decimals_are_kept_to_two(page, one_done):
    _upload(page, {**HEADER, "hours": 33.333333333333336})  # what a script or a sum writes
    expect(_review(page)).to_contain_text("33.33 h a week for the planner")
    page.get_by_role("button", name="Merge").click()
    assert stored_progress(page)["hours"] == 33.33


def test_replace_drops_the_rest_and_undo_restores_it_exactly(page, one_done):
    _, second = one_done
    before = stored_progress(page)
    _upload(page, {**HEADER, "statuses": {second: "skipped"}})
    page.get_by_role("button", name="Replace").click()
    expect(_message(page)).to_contain_text("Imported (replaced)")
    assert stored_progress(page)["statuses"] == {second: "skipped"}
    assert stored_progress(page)["hours"] == before["hours"]
    undo = page.get_by_role("button", name="Undo import")
    undo.click()
    expect(_message(page)).to_contain_text("Import undone")
    assert stored_progress(page) == before
    expect(undo).to_be_hidden()


def test_undo_goes_with_the_next_change_and_cancel_changes_nothing(page, one_done):
    first, second = one_done
    _upload(page, {**HEADER, "statuses": {second: "done"}})
    expect(_review(page)).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    expect(_message(page)).to_contain_text("nothing changed")
    expect(_review(page)).to_be_hidden()
    assert stored_progress(page)["statuses"] == {first: "done"}

    _upload(page, {**HEADER, "statuses": {second: "done"}})
    page.get_by_role("button", name="Merge").click()
    undo = page.get_by_role("button", name="Undo import")
    expect(undo).to_be_visible()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset").click()
    expect(_message(page)).to_contain_text("Progress reset")
    expect(undo).to_be_hidden()
    assert stored_progress(page)["statuses"] == {}


# --- hostile files -------------------------------------------------------------------------

# fixture -> what the reader is told (each also says that nothing changed)
REFUSED = {
    "visited-not-a-date.json": [
        "Nothing in that file can be used",
        "last visit (must be a past date, YYYY-MM-DD)",
    ],
    # the shape of a date, but no day of the calendar: it would show as "Invalid Date"
    "visited-not-a-day.json": [
        "Nothing in that file can be used",
        "last visit (must be a past date, YYYY-MM-DD)",
    ],
    # ids this site does not have (a group's ratings, stages): counted, never stored
    "unknown-rating-groups.json": [
        "Nothing in that file can be used",
        "2 ids not on this site",
    ],
    "unknown-stages.json": ["Nothing in that file can be used", "2 ids not on this site"],
    "nulls.json": [
        "Nothing in that file can be used",
        "resource statuses (not a list",
        "stage statuses: 1 with a malformed id or an unknown status",
        "ratings: 2 not 0 to 3",
        "hours (must be a number from 0.5 to 80)",
    ],
    "wrong-types.json": [
        "Nothing in that file can be used",
        "resource statuses (not a list",
        "stage statuses (not a list",
        "hours (must be a number from 0.5 to 80)",
    ],
    "arrays-for-objects.json": [
        "Nothing in that file can be used",
        "resource statuses (not a list",
        "stage statuses (not a list",
        "ratings (not a list by skill)",
        "hours (must be",
    ],
    "hours-true.json": ["Nothing in that file can be used", "hours (must be a number"],
    "hours-string.json": ["Nothing in that file can be used", "hours (must be a number"],
    "hours-out-of-range.json": [
        "Nothing in that file can be used",
        "resource statuses: 3 with a malformed id",
        "hours (must be",
    ],
    "deep-nesting.json": [
        "Nothing in that file can be used",
        "resource statuses (not a list",
        "stage statuses: 1 with a malformed id",
        "ratings: 1 not 0 to 3",
        "hours (must be",
    ],
    "prototype-names.json": [
        "Nothing in that file can be used",
        "resource statuses: 11 with a malformed id or an unknown status",
        "stage statuses: 3 with a malformed id",
        "hours (must be",
    ],
    # practice: answers, grades, check answers, review boxes and rubric ticks
    "practice-wrong-types.json": [
        "Nothing in that file can be used",
        "written answers: 4 with a malformed id or not text up to 20,000 characters",
        "answer grades: 4 with a malformed id or not a list of true or false",
        "concept check answers: 5 with a malformed id or not an option number",
        "review cards: 4 with a malformed id or not a box 1 to 5 with a due date",
        "rubric ticks: 4 with a malformed id or not a list of item ids",
    ],
    "practice-unknown-ids.json": ["Nothing in that file can be used", "7 ids not on this site"],
    # a day to come would hide every "New" mark until then
    "visited-in-the-future.json": [
        "Nothing in that file can be used",
        "last visit (must be a past date, YYYY-MM-DD)",
    ],
    "version-to-come.json": ["version “2” of the progress format, which this site cannot read"],
    "no-version.json": ["does not say which version of the progress format it uses"],
    # "1" read as version “1”, which this site cannot read: yet it writes version 1
    "version-as-text.json": ["gives its version as text, “1”, not as a number"],
    "not-json.txt": ["That file is not JSON"],
    "truncated.json": ["That file is not JSON"],
    "wrong-format.json": ["not a progress export of this handbook"],
    "no-format.json": ["not a progress export of this handbook"],
    "top-level-array.json": ["not a progress export of this handbook"],
}


def test_every_hostile_fixture_is_covered():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_file_changes_nothing_and_says_why(page, one_done, name):
    before = stored_progress(page)
    overall = page.locator(".hb-progress").first.text_content()
    page.set_input_files("#hb-import", str(FIXTURES / name))
    message = _message(page)
    expect(message).to_contain_text("nothing changed", ignore_case=True)
    for part in REFUSED[name]:
        expect(message).to_contain_text(part)
    expect(message).not_to_contain_text("Imported")
    expect(_review(page)).to_be_hidden()
    expect(page.locator(".hb-progress").first).to_have_text(overall)
    assert stored_progress(page) == before
    assert page.evaluate("({}).polluted === undefined && typeof ({}).toString === 'function'")
    assert page.console_errors == []


def test_a_file_over_one_megabyte_is_refused_before_it_is_read(page, one_done):
    before = stored_progress(page)
    padding = b" " * (2 * 1024 * 1024)
    _upload(page, b'{"format": "handbook-progress", "statuses": {}' + padding + b"}")
    expect(_message(page)).to_contain_text("over 1 MB")
    expect(_message(page)).to_contain_text("nothing changed")
    assert stored_progress(page) == before


def test_malformed_parts_are_named_and_skipped_the_rest_is_merged(page, one_done):
    first, second = one_done
    raw = (
        '{"format": "handbook-progress", "version": 1, "hours": true,'
        f' "statuses": {{"{second}": "doing", "{first}": "constructor", "__proto__": "done",'
        ' "not-on-this-site-at-all": "done", "toString": "done"},'
        ' "stages": [], "ratings": {"not-a-skill-here": {"some-competency": 2}}}'
    )
    _upload(page, raw.encode())
    review = _review(page)
    expect(review).to_contain_text("1 resource status, 0 stage statuses, 0 ratings")
    expect(review).to_contain_text("2 ids not on this site")
    expect(review).to_contain_text("resource statuses: 3 with a malformed id or an unknown status")
    expect(review).to_contain_text("stage statuses (not a list")
    expect(review).to_contain_text("hours (must be a number from 0.5 to 80)")
    before = stored_progress(page)
    page.get_by_role("button", name="Merge").click()
    expect(_message(page)).to_contain_text("Imported (merged)")
    stored = stored_progress(page)
    assert stored["statuses"] == {first: "done", second: "doing"}
    assert stored["hours"] == before["hours"] and stored["stages"] == before["stages"]
    assert stored["ratings"] == before["ratings"]


@pytest.mark.parametrize("name", PROTOTYPE_NAMES)
def test_inherited_names_are_never_statuses_or_ids(page, one_done, name):
    first, second = one_done
    raw = (
        '{"format": "handbook-progress", "version": 1,'
        f' "statuses": {{"{name}": "done", "{second}": "{name}"}},'
        f' "stages": {{"{name}": "done"}}, "ratings": {{"{name}": {{"a": 1}}}}}}'
    )
    _upload(page, raw.encode())
    expect(_message(page)).to_contain_text("Nothing in that file can be used")
    assert stored_progress(page)["statuses"] == {first: "done"}
    assert page.evaluate("({}).polluted === undefined && typeof ({}).toString === 'function'")
    assert page.console_errors == []


def test_inherited_names_in_storage_and_redirects_are_ignored(page, site_url, one_done):
    first, second = one_done
    hostile_redirects = json.dumps(
        {
            "constructor": first,
            "toString": "constructor",
            first: "__proto__",
            second: "valueOf",
            "valueOf": second,
        }
    )

    def inject(route):
        response = route.fetch()
        html = re.sub(
            r'<script type="application/json" id="hb-redirects">.*?</script>', "", response.text()
        )
        tag = f'<script type="application/json" id="hb-redirects">{hostile_redirects}</script>'
        route.fulfill(response=response, body=html.replace("</head>", tag + "</head>", 1))

    page.route(re.compile(r".*/you/progress/$"), inject)
    stored = stored_progress(page)
    stored["statuses"].update({"constructor": "done", "toString": "doing", second: "toString"})
    stored["stages"] = {"constructor": "done", "__proto__": "done"}
    stored["ratings"] = {"constructor": {"valueOf": 3}, "hasOwnProperty": [1]}
    page.evaluate(
        "(v) => { const k = Object.keys(localStorage).find((k) => k.startsWith('handbook.v'));"
        " localStorage.setItem(k, v); }",
        json.dumps(stored),
    )
    page.reload()
    expect(page.locator(".hb-progress").first).to_contain_text(re.compile(r"(?<!\d)1 of \d+ done"))
    # the next save writes back only what is well-formed
    _upload(page, {**HEADER, "statuses": {second: "doing"}})
    page.get_by_role("button", name="Merge").click()
    expect(_message(page)).to_contain_text("Imported (merged)")
    assert stored_progress(page)["statuses"] == {first: "done", second: "doing"}
    assert stored_progress(page)["stages"] == {} and stored_progress(page)["ratings"] == {}
    assert page.console_errors == []


# --- a browser that will not store anything ------------------------------------------------

REFUSE_STORAGE = {
    "full": "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
    "blocked": "Object.defineProperty(window, 'localStorage', { configurable: true,"
    " get() { throw new DOMException('Access is denied.', 'SecurityError'); } });",
}


@pytest.mark.parametrize("why", sorted(REFUSE_STORAGE))
def test_a_change_that_cannot_be_saved_is_told_at_once_on_a_skill_page(page, site_url, why):
    skill_page = _skill_page(page, site_url)
    page.add_init_script(REFUSE_STORAGE[why])
    page.goto(skill_page)
    first = page.locator(".hb-resource[data-resource]").first.get_attribute("data-resource")
    select = card_status(page, first)  # below the page's concepts: the reader scrolls to it
    select.select_option("done")
    warning = page.get_by_role("status").filter(has_text="could not be saved")
    expect(warning).to_be_visible()
    expect(warning).to_have_text(
        f"Your change could not be saved in this browser: storage is {why}."
    )
    expect(select).to_have_value("todo")  # what the reader sees is what is kept


@pytest.mark.parametrize("why", sorted(REFUSE_STORAGE))
def test_an_import_that_cannot_be_saved_never_says_imported(page, site_url, why):
    first, second = _resource_ids(page, site_url)
    page.add_init_script(REFUSE_STORAGE[why])
    page.goto(site_url + "you/progress/")
    overall = page.locator(".hb-progress").first.text_content()
    _upload(page, {**HEADER, "statuses": {first: "done", second: "done"}})
    page.get_by_role("button", name="Merge").click()
    expect(_message(page)).to_have_text(
        f"The import could not be saved in this browser: storage is {why}. Nothing changed."
    )
    expect(page.locator(".hb-progress").first).to_have_text(overall)
    expect(page.get_by_role("button", name="Undo import")).to_be_hidden()
    expect(_message(page)).not_to_contain_text("Imported")


# --- ratings by competency id --------------------------------------------------------------


def _competencies(page, kitchen_url) -> tuple[str, list[str]]:
    page.goto(kitchen_url + "you/self-assessment/")
    form = page.locator("form.hb-rating[data-skill]").first
    ids = [f.get_attribute("data-competency") for f in form.locator("fieldset.hb-competency").all()]
    return form.get_attribute("data-skill"), ids


def _expect_radios(page, ratings: dict[str, int | None]) -> None:
    for competency, value in ratings.items():
        if value is None:
            for radio in page.locator(f'fieldset[data-competency="{competency}"] input').all():
                expect(radio).not_to_be_checked()
        else:
            expect(
                page.locator(f'input[name="competency-{competency}"][value="{value}"]')
            ).to_be_checked()


def test_version_1_file_with_ratings_by_position_imports_by_the_recorded_order(
    page, kitchen_url, kitchen
):
    skill, ids = _competencies(page, kitchen_url)
    # redirects.yml records the order the ratings were saved in; it is not the form's order
    order = list(kitchen.rating_positions[skill])
    assert sorted(order) == sorted(ids) and order != ids
    positions = [2, None, 3]
    page.goto(kitchen_url + "you/progress/")
    _upload(page, {**HEADER, "statuses": {}, "stages": {}, "ratings": {skill: positions}})
    expect(_review(page)).to_contain_text("2 ratings")
    page.get_by_role("button", name="Merge").click()
    expect(_message(page)).to_contain_text("Imported (merged)")
    by_id = {c: v for c, v in zip(order, positions, strict=True) if v is not None}
    assert stored_progress(page)["ratings"] == {skill: by_id}  # moved to ids at once, in that order

    page.goto(kitchen_url + "you/self-assessment/")
    _expect_radios(page, dict(zip(order, positions, strict=True)))
    page.locator(f'input[name="competency-{order[1]}"][value="0"]').check()
    expect(page.locator(".hb-chart__table")).to_contain_text(f"3 of {len(ids)}")
    assert stored_progress(page)["ratings"] == {skill: {**by_id, order[1]: 0}}
    assert page.console_errors == []


def test_ratings_kept_by_position_in_storage_move_to_ids_when_the_page_opens(
    page, kitchen_url, kitchen
):
    skill, _ids = _competencies(page, kitchen_url)
    order = list(kitchen.rating_positions[skill])
    key = f"handbook.v1:{re.sub(r'^https?://[^/]+', '', kitchen_url)}"
    stored = {"version": 1, "hours": 9, "ratings": {skill: [1, 3, None]}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(stored)])
    page.reload()
    _expect_radios(page, dict(zip(order, [1, 3, None], strict=True)))
    assert stored_progress(page)["ratings"] == {skill: {order[0]: 1, order[1]: 3}}
    assert stored_progress(page)["hours"] == 9  # the move keeps everything else
    assert page.console_errors == []


def test_a_merge_never_erases_ratings_the_file_leaves_empty(page, kitchen_url, kitchen):
    skill, ids = _competencies(page, kitchen_url)
    order = list(kitchen.rating_positions[skill])
    for competency, value in zip(ids, [1, 2, 3], strict=True):
        page.locator(f'input[name="competency-{competency}"][value="{value}"]').check()
    mine = {c: v for c, v in zip(ids, [1, 2, 3], strict=True)}
    page.goto(kitchen_url + "you/progress/")
    # an empty list, a list of nulls, and one rating by position with junk around it
    for ratings, changed in (
        ([], {}),
        ([None, None, None], {}),
        ([0, {"a": 1}, "3", None, 7], {order[0]: 0}),
    ):
        _upload(page, {**HEADER, "hours": 6, "ratings": {skill: ratings}})
        page.get_by_role("button", name="Merge").click()
        expect(_message(page)).to_contain_text("Imported (merged)")
        mine = {**mine, **changed}
        assert stored_progress(page)["ratings"] == {skill: mine}
    expect(_message(page)).to_contain_text("1 rating and 6 h a week")
    assert page.console_errors == []


def test_hours_survive_every_other_change(page, kitchen_url, kitchen):
    page.goto(kitchen_url + "path/")
    page.locator("#hb-hours").fill("10")
    stage = kitchen.stages[0].id
    page.locator(f".hb-stage[data-stage={stage}] .hb-stage__tools select").select_option("done")
    page.reload()
    expect(page.locator("#hb-hours")).to_have_value("10")
    expect(page.locator(".hb-planner__total")).to_contain_text("At 10 h a week")
    assert stored_progress(page)["hours"] == 10


def test_an_import_keeps_what_another_tab_saved_meanwhile(page, kitchen_url, kitchen):
    first, second = (r.id for r in kitchen.resources[:2])
    page.goto(kitchen_url + "you/progress/")  # open before the other tab saves
    other = page.context.new_page()
    other.goto(kitchen_url + "catalogue/")
    card_status(other, first).select_option("done")
    _upload(page, {**HEADER, "statuses": {second: "doing"}})
    page.get_by_role("button", name="Merge").click()
    expect(_message(page)).to_contain_text("Imported (merged)")
    assert stored_progress(page)["statuses"] == {first: "done", second: "doing"}
    # a change in the first tab keeps the other tab's too
    page.goto(kitchen_url + "catalogue/")
    card_status(other, second).select_option("skipped")
    card_status(page, first).select_option("doing")
    assert stored_progress(page)["statuses"] == {first: "doing", second: "skipped"}
    other.close()


def test_stage_ids_not_on_this_site_are_left_out_and_counted(page, kitchen_url, kitchen):
    stage = kitchen.stages[0].id
    page.goto(kitchen_url + "you/progress/")
    _upload(page, {**HEADER, "stages": {stage: "done", "no-such-stage": "done"}})
    expect(_review(page)).to_contain_text("1 stage status")
    expect(_review(page)).to_contain_text("1 id not on this site")
    page.get_by_role("button", name="Merge").click()
    assert stored_progress(page)["stages"] == {stage: "done"}


def test_a_direction_mark_in_the_file_name_cannot_turn_the_sentence_around(page, kitchen_url):
    page.goto(kitchen_url + "you/progress/")
    name = "my-progress\u202enosj.exe"
    _upload(page, {**HEADER, "hours": 6}, name=name)
    expect(_review(page).locator("bdi")).to_have_text(name)
    expect(_review(page).locator("p").first).to_contain_text("holds 0 resource statuses")
