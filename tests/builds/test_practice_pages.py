"""The page contract the browser's practice features read, on the kitchen fixture site: concept
checks with their skill and answer, capstones with their rubric ids, drill placeholders, the
review page and its deck, capstone progress on the progress page and the path, and the practice
ids in resources.json. Every expected value comes from the kitchen's own data."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from handbook_engine.ids import slug
from handbook_engine.model import Handbook
from handbook_engine.validate import build_handbook
from trees import run_build, write_kitchen, write_project

pytestmark = pytest.mark.build


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(page: str, tag: str, css_class: str) -> list[dict[str, str | None]]:
    parser = _Elements()
    parser.feed(page)
    return [a for t, a in parser.found if t == tag and css_class in (a.get("class") or "").split()]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kitchen(kitchen_site) -> Handbook:
    return build_handbook(kitchen_site.project / "data")


def answer(check) -> int:
    return next(i for i, option in enumerate(check.options) if option.correct)


def test_the_kitchen_has_what_the_practice_features_need(kitchen):
    for skill in kitchen.skills:
        assert len([c for c in kitchen.checks if c.skill == skill.id]) >= 2, skill.id
    assert any(len(c.rubric) >= 3 for c in kitchen.capstones)
    assert len(kitchen.terms) >= 3 and len(kitchen.questions) >= 2
    assert any(answer(c) != 0 for c in kitchen.checks)  # the answer is not always A
    assert any("," in s.title and ";" in s.title for s in kitchen.stages)


def test_practice_page_checks_and_capstones_carry_their_data(kitchen_site, kitchen):
    page = read(kitchen_site.site, "practice/index.html")
    checks = elements(page, "div", "hb-check")
    assert [c["data-check"] for c in checks] == [
        c.id for s in kitchen.skills for c in kitchen.checks if c.skill == s.id
    ]
    by_id = {c.id: c for c in kitchen.checks}
    for found in checks:
        check = by_id[found["data-check"]]
        assert found["id"] == f"check-{check.id}"
        assert found["data-skill"] == check.skill
        assert found["data-answer"] == str(answer(check))
    capstones = elements(page, "div", "hb-capstone")
    assert {c["data-capstone"] for c in capstones} == {c.id for c in kitchen.capstones}
    for found in capstones:
        capstone = next(c for c in kitchen.capstones if c.id == found["data-capstone"])
        assert found["data-items"] == " ".join(item.id for item in capstone.rubric)
        assert found["data-title"] == capstone.title
        # the rubric stays a plain list, in the order of data-items
        block = page[page.index(f'data-capstone="{capstone.id}"') :]
        items = re.findall(r"<li>(.*?)</li>", block[: block.index("</ul>")], re.S)
        # as read: a glossary term in a point is marked up as an <abbr>
        words = [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in items]
        assert words == [item.text for item in capstone.rubric]
    assert [d["data-review"] for d in elements(page, "p", "hb-due")] == ["../you/review/"]


def test_question_block_has_points_due_and_drill_placeholders(kitchen_site, kitchen):
    page = read(kitchen_site.site, "practice/questions/index.html")
    found = {q["data-question"]: q for q in elements(page, "div", "hb-question")}
    assert set(found) == {q.id for q in kitchen.questions}
    for question in kitchen.questions:
        assert found[question.id]["data-points"] == str(len(question.points))
    assert [d["data-review"] for d in elements(page, "p", "hb-due")] == ["../../you/review/"]
    skills = [s.id for s in kitchen.skills if any(q.skill == s.id for q in kitchen.questions)]
    assert [p["data-skill"] for p in elements(page, "p", "hb-drill-score")] == skills
    # each group's score follows its heading
    for skill in skills:
        heading = page.index(f'id="questions-{skill}"')
        score = page.index(f'class="hb-drill-score" data-skill="{skill}"')
        first_question = page.index('class="hb-question"', heading)
        assert heading < score < first_question


def test_self_assessment_forms_list_their_checks_with_answers(kitchen_site, kitchen):
    page = read(kitchen_site.site, "you/self-assessment/index.html")
    forms = {f["data-skill"]: f for f in elements(page, "form", "hb-rating")}
    for skill in kitchen.skills:
        mine = [c for c in kitchen.checks if c.skill == skill.id]
        expected = " ".join(f"{c.id}:{answer(c)}" for c in mine) if mine else None
        assert forms[skill.id].get("data-checks") == expected, skill.id
    assert [d["data-review"] for d in elements(page, "p", "hb-due")] == ["../review/"]


def _deck(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="hb-deck">(.*?)</script>', page, re.S)
    assert found, "the review page has no deck"
    return json.loads(found.group(1))


def test_review_page_has_the_deck_and_its_placeholders(kitchen_site, kitchen):
    site = kitchen_site.site
    page = read(site, "you/review/index.html")
    assert re.search(r"<h1[^>]*>Review", page)
    assert "<title>Review - Kitchen handbook</title>" in page
    assert (
        '<p class="hb-needs-js">Review needs JavaScript; the glossary works without it, and so '
        "does the practice page.</p>" in page
    )
    assert elements(page, "div", "hb-review") == [
        {
            "class": "hb-review",
            "data-empty": "Your boxes are empty. Missed concept checks and interview answers you "
            "grade low come here; so do glossary terms you add.",
            "hidden": None,
        }
    ]
    assert elements(page, "p", "hb-due") == []  # the page shows its own count
    cards = _deck(page)["cards"]
    assert all(set(c) == {"key", "kind", "front", "back", "url", "skill"} for c in cards)
    keys = [c["key"] for c in cards]
    assert len(keys) == len(set(keys))
    by_key = {c["key"]: c for c in cards}
    for term in kitchen.terms:
        card = by_key[f"term-{slug(term.term)}"]
        assert card == {
            "key": f"term-{slug(term.term)}",
            "kind": "term",
            "front": term.term,
            "back": [term.definition],
            "url": f"../../glossary/#{slug(term.term)}",
            "skill": None,
        }
    for check in kitchen.checks:
        right = check.options[answer(check)]
        assert by_key[f"check-{check.id}"] == {
            "key": f"check-{check.id}",
            "kind": "check",
            "front": check.question,
            "back": [f"Answer: {right.text}", right.why],
            "url": f"../../practice/#check-{check.id}",
            "skill": check.skill,
        }
    for question in kitchen.questions:
        assert by_key[f"question-{question.id}"] == {
            "key": f"question-{question.id}",
            "kind": "question",
            "front": question.question,
            "back": list(question.points),
            "url": f"../../practice/questions/#q-{question.id}",
            "skill": question.skill,
        }
    assert len(cards) == len(kitchen.terms) + len(kitchen.checks) + len(kitchen.questions)
    # every card's URL reaches a page of the site and an element with its anchor
    for card in cards:
        target, _, anchor = card["url"].partition("#")
        built = (site / "you/review" / target / "index.html").resolve()
        assert f'id="{anchor}"' in built.read_text(encoding="utf-8"), card["url"]


def test_review_page_sits_between_self_assessment_and_print_in_the_nav(kitchen_site):
    home = read(kitchen_site.site, "index.html")
    nav = home[home.index("md-nav--primary") :]
    order = [nav.index(f'href="you/{name}/"') for name in ("self-assessment", "review", "print")]
    assert order == sorted(order)


def test_progress_page_lists_capstones_with_their_progress(kitchen_site, kitchen):
    page = read(kitchen_site.site, "you/progress/index.html")
    assert 'id="capstones"' in page
    found = elements(page, "p", "hb-capstone-progress")
    assert [p["data-capstone"] for p in found] == [c.id for c in kitchen.capstones]
    for capstone, p in zip(kitchen.capstones, found, strict=True):
        assert p["data-items"] == " ".join(item.id for item in capstone.rubric)
        assert p["data-label"] == capstone.title and "hidden" in p
        assert f'href="../../practice/#capstone-{capstone.id}"' in page
    assert [d["data-review"] for d in elements(page, "p", "hb-due")] == ["../review/"]


def test_the_last_stage_of_the_path_links_its_practice(kitchen_site, kitchen):
    page = read(kitchen_site.site, "path/index.html")
    last = kitchen.stages[-1]
    section = page[page.index(f'id="{last.id}"') :]
    earlier = page[: page.index(f'id="{last.id}"')]
    assert "Practise:" in section and "Practise:" not in earlier
    practise = section[
        section.index("Practise:") : section.index("</p>", section.index("Practise:"))
    ]
    for capstone in kitchen.capstones:
        assert f'href="../practice/#capstone-{capstone.id}"' in practise
    assert 'href="../practice/questions/"' in practise
    found = elements(section, "p", "hb-capstone-progress")
    assert [p["data-capstone"] for p in found] == [c.id for c in kitchen.capstones]
    assert [p["data-label"] for p in found] == [c.title for c in kitchen.capstones]


def test_resources_json_lists_practice_ids(kitchen_site, kitchen):
    document = json.loads(read(kitchen_site.site, "resources.json"))
    assert {"version", "skills", "stages", "resources", "redirects"} <= set(document)
    assert document["questions"] == [
        {"id": q.id, "skill": q.skill, "points": len(q.points)} for q in kitchen.questions
    ]
    assert document["checks"] == [
        {"id": c.id, "skill": c.skill, "options": len(c.options)} for c in kitchen.checks
    ]
    assert document["capstones"] == [
        {"id": c.id, "skill": c.skill, "rubric": [i.id for i in c.rubric]}
        for c in kitchen.capstones
    ]
    assert document["terms"] == sorted(slug(t.term) for t in kitchen.terms)


def test_a_site_without_practice_data_or_question_page_still_reviews(tmp_path):
    """The small tree: no questions, checks or capstones, no page with the question block."""
    project = write_project(tmp_path / "small")
    (project / "data" / "glossary.yml").write_text(
        "# yaml-language-server: $schema=schemas/glossary.schema.json\nterms:\n"
        "  - term: Roux\n    definition: Flour cooked in fat, the base of three mother sauces.\n",
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = read(result.site, "you/review/index.html")
    assert [c["key"] for c in _deck(page)["cards"]] == ["term-roux"]
    assert not (result.site / "practice").exists()
    path = read(result.site, "path/index.html")
    assert "Practise:" not in path and "hb-capstone-progress" not in path
    progress = read(result.site, "you/progress/index.html")
    assert 'id="capstones"' not in progress
    document = json.loads(read(result.site, "resources.json"))
    assert (document["questions"], document["checks"], document["capstones"]) == ([], [], [])


def test_questions_without_a_page_for_them_are_left_out_of_deck_and_path(tmp_path):
    """A fork with a question bank but no page showing it: nothing links to a page that is not
    there; the checks and capstones are still linked."""
    project = write_kitchen(tmp_path / "kitchen")
    (project / "docs/practice/questions.md").write_text("# Questions\n\nSoon.\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    cards = _deck(read(result.site, "you/review/index.html"))["cards"]
    assert {c["kind"] for c in cards} == {"term", "check"}
    path = read(result.site, "path/index.html")
    practise = path[path.index("Practise:") :]
    practise = practise[: practise.index("</p>")]
    assert "practice/questions/" not in practise and "#capstone-" in practise


def test_a_practice_page_without_concept_checks_says_only_what_it_has(tmp_path):
    """A fork with capstones and no checks.yml: the page, its description, its edit link and
    the progress page speak of capstones alone."""
    project = write_kitchen(tmp_path / "kitchen")
    (project / "data" / "checks.yml").unlink()
    capstones = build_handbook(project / "data").capstones
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = read(result.site, "practice/index.html")
    intro = page[page.index("Reading is not the same") :]
    intro = intro[: intro.index("</p>")]
    assert "capstones" in intro and "short questions" not in intro
    count = len(capstones)
    noun = "capstone" if count == 1 else "capstones"
    assert f'content="{count} {noun} with a rubric, by skill group."' in page
    assert "data/capstones.yml" in page and "data/checks.yml" not in page
    progress = read(result.site, "you/progress/index.html")
    assert "concept-check scores" not in progress and "your ratings are on" in progress
