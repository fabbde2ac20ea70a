"""Ids and text that cannot hide: what the schemas' patterns and the rules refuse, and how.

Each case is a value that passed `handbook check` before this file existed (Python's `$`
matches before a final newline; JSON Schema takes 2020.0 as an integer; a name every browser
object has passed the id pattern; a file named `..yml` was skipped as hidden)."""

from __future__ import annotations

import json

import pytest
from handbook_engine.rules import term_problem
from handbook_engine.validate import check
from trees import resource_yaml, write_data


def _problems(data) -> list[str]:
    handbook, problems = check(data)
    assert (handbook is None) == bool(problems)
    return [str(p) for p in problems]


def _raw_resource(**fields: object) -> str:
    """A resource as JSON (valid YAML) so that any character can be written exactly."""
    values: dict[str, object] = {
        "title": "The Sauce Book",
        "url": "https://example.org/sauce-book",
        "kind": "book",
        "authors": ["Ada Saucier"],
        "skills": ["cooking"],
        "topic": "sauces",
        "cost": "paid",
        "level": "beginner",
        "why": "Every mother sauce with the mistakes beginners make, one chapter each.",
        "added": "2026-01-02",
    }
    values.update(fields)
    return json.dumps(values, indent=1)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"tags": ["discovery\n"]}, "tags[0]: 'discovery\\n' is not an id"),
        ({"topic": "sauces\n"}, "topic: 'sauces\\n' is not an id"),
        ({"added": "2026-01-02\n"}, "added: '2026-01-02\\n' is not a date"),
        ({"time": "6h\n"}, "time: '6h\\n' is not a duration"),
        ({"year": 2020.0}, "year: must be a whole number, not a number 2020.0"),
        ({"title": "Sauces\u202eskoob"}, "title: 'Sauces\\u202eskoob' must be one line"),
        ({"authors": ["Ada\u200bSaucier"]}, "authors[0]: 'Ada\\u200bSaucier' must be one line"),
        ({"kind": "article", "url": "https://example.org/"}, "url: a article lives on a page"),
        ({"kind": "talk", "url": "https://example.org"}, "url: a talk lives on a page"),
    ],
    ids=[
        "tag-newline",
        "topic-newline",
        "date-newline",
        "time-newline",
        "year-float",
        "bidi",
        "zero-width",
        "article-site-root",
        "talk-site-root",
    ],
)
def test_values_that_hide_something_are_refused_with_file_line_and_field(
    tmp_path, fields, expected
):
    data = write_data(tmp_path / "data", {"sauce-book": _raw_resource(**fields)})
    problems = _problems(data)
    assert any(
        p.startswith("data/resources/sauce-book.yml:") and expected in p for p in problems
    ), problems


def test_a_book_may_live_at_its_own_site_root(tmp_path):
    data = write_data(
        tmp_path / "data", {"sauce-book": resource_yaml(url="https://sauce-book.example.org/")}
    )
    assert _problems(data) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zz\n.yml", "the file name is the resource id: lower-case letters"),
        ("..yml", "the file name is the resource id: lower-case letters"),
        (".hidden.yml", "the file name is the resource id: lower-case letters"),
        ("constructor.yml", "'constructor' is a name every browser object already has"),
    ],
    ids=["newline", "dot-dot", "hidden", "constructor"],
)
def test_file_names_that_are_not_ids_are_errors_not_twins_or_skips(tmp_path, name, expected):
    data = write_data(tmp_path / "data")
    (data / "resources" / name).write_text(resource_yaml(url="https://example.org/other"))
    problems = _problems(data)
    assert any(expected in p for p in problems), problems


def test_ids_that_every_browser_object_has_are_refused_everywhere(tmp_path):
    data = write_data(tmp_path / "data")
    skills = (data / "skills.yml").read_text().replace("id: mise-en-place", "id: constructor")
    (data / "skills.yml").write_text(skills)
    path = (data / "path.yml").read_text().replace("[mise-en-place]", "[constructor]")
    path = path.replace("id: first-steps", "id: constructor")
    (data / "path.yml").write_text(path)
    problems = _problems(data)
    assert any(
        p.startswith("data/skills.yml:")
        and "concepts[0].id: 'constructor' is a name every browser object" in p
        for p in problems
    ), problems
    assert any(
        p.startswith("data/path.yml:")
        and "stages[0].id: 'constructor' is a name every browser object" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("a\\ <script>alert(document.domain)</script>", "without \\, <, >"),
        ("x > y", "without \\, <, >"),
        ("The", "'The' is a common word"),
        ("and", "'and' is a common word"),
        # Markdown's placeholders for the blocks it has set aside: a term matching one would
        # replace a code block or a table with the placeholder's own text
        ("wzxhzdk", "a word Markdown uses for its own placeholders"),
        ("klzzwxh:3", "a word Markdown uses for its own placeholders"),
        ("zz1337820767766393qq", "a word Markdown uses for its own placeholders"),  # footnotes
        ("qq3936677670287331zz", "a word Markdown uses for its own placeholders"),
        ("2020", "'2020' has no letter"),
    ],
    ids=[
        "backslash-script",
        "angle",
        "the",
        "and",
        "placeholder",
        "placeholder-number",
        "footnote-backlink",
        "footnote-space",
        "digits",
    ],
)
def test_glossary_terms_that_could_break_out_or_tooltip_everything_are_refused(
    tmp_path, term, expected
):
    data = write_data(tmp_path / "data")
    (data / "glossary.yml").write_text(
        f"terms:\n  - term: {json.dumps(term)}\n    definition: A term a contributor tried.\n"
    )
    problems = _problems(data)
    assert any(
        p.startswith("data/glossary.yml:2: terms[0].term: ") and expected in p for p in problems
    ), problems


@pytest.mark.parametrize("term", ["IT", "OR"])
def test_an_abbreviation_in_capitals_is_no_common_word(tmp_path, term):
    # tooltips match a term as written: "IT" marks the department, never the word "it"
    data = write_data(tmp_path / "data")
    (data / "glossary.yml").write_text(
        f"terms:\n  - term: {term}\n    definition: Capitals that stand for something else.\n"
    )
    assert _problems(data) == []


def test_a_concept_may_not_take_a_fixed_section_anchor(tmp_path):
    data = write_data(tmp_path / "data")
    skills = (data / "skills.yml").read_text().replace("id: mise-en-place", "id: resources")
    (data / "skills.yml").write_text(skills)
    (data / "path.yml").write_text(
        (data / "path.yml").read_text().replace("[mise-en-place]", "[resources]")
    )
    problems = _problems(data)
    assert any(
        "concepts[0].id: 'resources' is the anchor of a fixed section" in p for p in problems
    ), problems


@pytest.mark.parametrize("taken", ["topic-sauces", "res-sauce-book"])
def test_a_concept_or_stage_may_not_take_the_anchor_of_a_topic_or_a_card(tmp_path, taken):
    # the skill page lists the topic and the card under those anchors, the path page the card
    data = write_data(tmp_path / "data")
    skills = (data / "skills.yml").read_text().replace("id: mise-en-place", f"id: {taken}")
    (data / "skills.yml").write_text(skills)
    path = (data / "path.yml").read_text().replace("[mise-en-place]", f"[{taken}]")
    (data / "path.yml").write_text(path.replace("id: first-steps", f"id: {taken}"))
    problems = _problems(data)
    for where in ("data/skills.yml:12: skills[0].concepts[0].id", "data/path.yml:3: stages[0].id"):
        assert f"{where}: '{taken}' starts like the anchors of resource cards and topics" in [
            p.split(" (res-")[0] for p in problems
        ], problems


def test_too_many_resources_are_refused_before_any_is_read(tmp_path, monkeypatch):
    from handbook_engine import rules

    monkeypatch.setattr(rules, "MAX_RESOURCES", 1)
    data = write_data(tmp_path / "data")
    assert _problems(data) == [
        "data/resources:1: 2 resource files; the engine is measured up to 1 "
        "(benchmarks/RESULTS.md). Split the handbook or raise the limit after measuring."
    ]


@pytest.mark.parametrize("term", ["AMP", "Ampere", "F1 score", "p-value", "Amplitude"])
def test_terms_that_only_resemble_a_refused_one_are_kept(term):
    assert term_problem(term) is None


@pytest.mark.parametrize(
    ("icon", "expected"),
    [
        ("material-chef-hat", None),
        ("fontawesome-solid-utensils", None),
        ("octicons-rocket-24", None),
        ("material-chef-hatt", "the theme has no icon 'material-chef-hatt'; find one"),
        ("fontawesome-regular-chef-hat", "the theme has no icon"),
    ],
)
def test_a_skill_icon_must_be_one_the_theme_has(tmp_path, icon, expected):
    # an unknown one would show on the home page as its shortcode, in text
    data = write_data(tmp_path / "data")
    skills = (data / "skills.yml").read_text()
    (data / "skills.yml").write_text(
        skills.replace("    title: Cooking\n", f"    title: Cooking\n    icon: {icon}\n", 1)
    )
    problems = _problems(data)
    if expected is None:
        assert problems == []
    else:
        [problem] = problems
        assert problem.startswith(f"data/skills.yml:5: skills[0].icon: {expected}")
        assert problem.endswith("mkdocs-material/reference/icons-emojis/#search")
