"""Interview drills and concept checks on a long page get their answer box, tick boxes and
options only near the screen (made for all ~80 drills at load, they held up a phone), and yet a
reader who scrolls to one finds it filled from their progress, and the scores above count every
drill, set up or not.

The site is the kitchen fixture with 80 more interview questions in one group, so its questions
page is long; nothing here depends on this handbook's own content."""

from __future__ import annotations

import pytest
import yaml
from chromium import serve
from pages import store_progress, stored_progress
from playwright.sync_api import expect
from trees import run_build, write_kitchen

pytestmark = [pytest.mark.browser, pytest.mark.build]

EXTRA = 80


@pytest.fixture(scope="module")
def long_questions(tmp_path_factory) -> tuple[str, list[dict]]:
    """The long questions page's address and the questions of the group made long, in order."""
    root = tmp_path_factory.mktemp("long-questions")
    project = write_kitchen(root / "project")
    source = project / "data" / "questions.yml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    first = data["questions"][0]
    data["questions"] += [
        {
            **first,
            "id": f"extra-question-{i:02d}",
            "question": f"Extra question {i:02d}?",
            "points": list(first["points"]),
        }
        for i in range(EXTRA)
    ]
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_build(project, root / "site")
    assert result.returncode == 0, result.output
    url, server = serve(result.site)
    group = [q for q in data["questions"] if q["skill"] == first["skill"]]
    yield url + "practice/questions/", group
    server.shutdown()


def _drill(page, question: dict):
    return page.locator(f'.hb-question[data-question="{question["id"]}"]')


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_far_drills_are_set_up_only_when_scrolled_to(page, long_questions):
    url, group = long_questions
    _open(page, url)
    expect(_drill(page, group[0]).locator("textarea")).to_be_visible()
    page.wait_for_timeout(500)  # nothing goes on setting up the rest in the background
    made = page.locator(".hb-question textarea").count()
    assert 0 < made < len(group) / 2, made
    far = _drill(page, group[-1])
    expect(far.locator("textarea")).to_have_count(0)
    far.scroll_into_view_if_needed()
    expect(far.locator("textarea")).to_be_visible()
    expect(far.locator("input[data-point]")).to_have_count(len(group[-1]["points"]))
    assert page.console_errors == []


def test_a_far_drill_shows_its_saved_answer_and_the_score_counts_it_before(page, long_questions):
    url, group = long_questions
    far = group[-1]
    points = len(far["points"])
    _open(page, url)
    store_progress(
        page,
        answers={far["id"]: "Start again from a fresh yolk."},
        grades={far["id"]: [True] + [False] * (points - 1)},
    )
    page.wait_for_load_state("networkidle")
    drill = _drill(page, far)
    expect(drill.locator("textarea")).to_have_count(0)  # not set up yet
    score = page.locator(f'.hb-drill-score[data-skill="{far["skill"]}"]')
    percent = int(100 / points + 0.5)  # as the page rounds
    expect(score).to_have_text(
        f"Your score here: 1 of {points} points ({percent}%) on 1 of {len(group)} questions graded."
    )
    drill.scroll_into_view_if_needed()
    expect(drill.locator("textarea")).to_have_value("Start again from a fresh yolk.")
    expect(drill.locator("input[data-point]").first).to_be_checked()
    expect(drill.locator(".hb-drill__score")).to_have_text(f"You covered 1 of {points} points.")
    # and it saves like any other
    drill.locator("textarea").fill("Whisk the split sauce into a new yolk, slowly.")
    drill.locator("textarea").blur()  # leaving the box saves at once
    assert (
        stored_progress(page)["answers"][far["id"]]
        == "Whisk the split sauce into a new yolk, slowly."
    )
    assert page.console_errors == []
