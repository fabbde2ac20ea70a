"""Stage 2: schema and cross-file rules, every problem reported at once with file and line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from handbook_engine.problems import DataError
from handbook_engine.rules import minutes
from handbook_engine.same_work import SAME_TITLE_LIMIT
from handbook_engine.schema_words import Suggestions
from handbook_engine.titles import title_key
from handbook_engine.validate import build_handbook, check
from trees import SCHEMAS, resource_yaml, run_cli, write_data

# the values a resource's kind and cost may take, in the order of the schema that write_data
# copies into each tree (a fork may add one)
_RESOURCE = json.loads((SCHEMAS / "resource.schema.json").read_text(encoding="utf-8"))
KINDS = ", ".join(_RESOURCE["properties"]["kind"]["enum"])
COSTS = ", ".join(_RESOURCE["properties"]["cost"]["enum"])
LEVELS = ", ".join(_RESOURCE["properties"]["level"]["enum"])


def _problems(data: Path) -> list[str]:
    handbook, problems = check(data)
    assert (handbook is None) == bool(problems)
    return [str(p) for p in problems]


def test_small_tree_becomes_a_model(tmp_path):
    handbook = build_handbook(write_data(tmp_path / "data"))
    assert [r.id for r in handbook.resources] == ["hosting-talk", "sauce-book"]
    talk = handbook.resource("hosting-talk")
    assert talk.skills == ("hosting", "cooking") and talk.minutes == 45 and talk.tags == ()
    assert handbook.stages[0].resources == ("sauce-book", "hosting-talk")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"kind": "bok"},
            f"data/resources/bad.yml:4: kind: 'bok' is not one of {KINDS} (did you mean 'book'?)",
        ),
        (
            {"cost": "gratis"},
            f"data/resources/bad.yml:10: cost: 'gratis' is not one of {COSTS}",
        ),
        ({"title": None}, "data/resources/bad.yml:2: title: required field is missing"),
        (
            {"tittle": "x"},
            "data/resources/bad.yml:18: tittle: unknown field (did you mean "
            "'title'?); allowed: title, url, kind, authors, skills, topic, cost, level, time, "
            "year, tags, why, added, checked",
        ),
        (
            {"time": "6 hours"},
            "data/resources/bad.yml:12: time: '6 hours' is not a duration such "
            "as 6h, 45min or 1h30min (after hours, minutes under 60) (did you mean '6h'?)",
        ),
        (
            {"time": "1h60min"},  # it would show as "2 h": say so where it is written
            "data/resources/bad.yml:12: time: '1h60min' is not a duration such "
            "as 6h, 45min or 1h30min (after hours, minutes under 60) (did you mean '2h'?)",
        ),
        (
            {"time": "3h30"},
            "data/resources/bad.yml:12: time: '3h30' is not a duration such "
            "as 6h, 45min or 1h30min (after hours, minutes under 60) (did you mean '3h30min'?)",
        ),
        (
            {"time": "an afternoon"},  # no guess where none is clear
            "data/resources/bad.yml:12: time: 'an afternoon' is not a duration such "
            "as 6h, 45min or 1h30min (after hours, minutes under 60)",
        ),
        (
            {"time": 90},
            "data/resources/bad.yml:12: time: must be text, not a number 90; a number has no "
            "unit: 90 minutes is '1h30min', hours '90h'",
        ),
        (
            {"year": '"2019"'},
            "data/resources/bad.yml:13: year: must be a whole number, not text '2019'",
        ),
        (
            {"added": "2026-02-30"},
            "data/resources/bad.yml:17: added: '2026-02-30' is not a real date",
        ),
        (
            {"level": ""},  # `level:` with nothing after it
            "data/resources/bad.yml:11: level: is empty; give one of " + LEVELS,
        ),
        (
            {"time": ""},
            "data/resources/bad.yml:12: time: is empty; give a duration such as 6h, 45min or "
            "1h30min (after hours, minutes under 60)",
        ),
        (
            {"year": ""},
            "data/resources/bad.yml:13: year: is empty; give a whole number",
        ),
        (
            {"added": "9999-12-31"},
            "data/resources/bad.yml:17: added: '9999-12-31' is after today; give the day it "
            "happened",
        ),
        (
            {"why": "Short."},
            "data/resources/bad.yml:16: why: too short (6 characters; at least 40)",
        ),
        (
            {"url": "javascript:alert(1)"},
            "data/resources/bad.yml:3: url: 'javascript:alert(1)' "
            "must be an address starting http:// or https:// (those letters in lower case), "
            "without spaces",
        ),
        (  # what a capital scheme is told: the pattern, as editors read it, is case-sensitive
            {"url": "HTTPS://example.org/bad"},
            "data/resources/bad.yml:3: url: 'HTTPS://example.org/bad' must be an address "
            "starting http:// or https:// (those letters in lower case), without spaces",
        ),
        (
            {"url": "https://user:pw@example.org/x"},
            "data/resources/bad.yml:3: url: URL must not contain a user name or password",
        ),
        (
            {"url": "https://example.org/bad?utm_medium=email"},
            "data/resources/bad.yml:3: url: URL carries the tracking parameter 'utm_medium'; "
            "remove it, the address works without it",
        ),
        (
            {"url": "http://localhost/x"},
            "data/resources/bad.yml:3: url: URL needs a public host name such as example.org",
        ),
        (
            {"authors": [{"Cook": "Ada"}]},  # `- Cook: Ada`: the colon made a mapping
            "data/resources/bad.yml:6: authors[0]: a colon and a space made this a mapping: put "
            'the whole value in quotes, "Cook: Ada"',
        ),
        (
            {"skills": [{"id": "cooking"}]},  # `- id: cooking`, as skills.yml writes a group
            "data/resources/bad.yml:8: skills[0]: a colon and a space made this a mapping: "
            "write '- cooking', not '- id: cooking'",
        ),
        (  # at the repeat's own line (the list starts on line 14)
            {"tags": ["sauces", "stocks", "sauces"]},
            "data/resources/bad.yml:17: tags[2]: 'sauces' is already listed above; keep one",
        ),
        (
            {"skills": ["cookin"]},
            "data/resources/bad.yml:8: skills[0]: unknown skill group "
            "'cookin' (did you mean 'cooking'?); groups: cooking, hosting",
        ),
        (
            {"topic": "service"},
            "data/resources/bad.yml:9: topic: 'service' is a topic of hosting: add hosting to "
            "skills, or choose a topic of cooking; topics: sauces",
        ),
        (
            {"topic": "sauce"},
            "data/resources/bad.yml:9: topic: 'sauce' is not a topic of cooking (did you mean "
            "'sauces'?); topics: sauces",
        ),
        (
            {"tags": ["Sauces"]},
            "data/resources/bad.yml:15: tags[0]: 'Sauces' is not an id: use "
            "lower-case letters, digits and single hyphens, e.g. getting-started "
            "(as an id: 'sauces')",
        ),
        (  # a group written as its title
            {"skills": ["Fine Cooking"]},
            "data/resources/bad.yml:8: skills[0]: 'Fine Cooking' is not an id: use lower-case "
            "letters, digits and single hyphens, e.g. getting-started (as an id: "
            "'fine-cooking')",
        ),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) else None,
)
def test_resource_mistakes_name_file_line_field_and_fix(tmp_path, fields, expected):
    data = write_data(tmp_path / "data")
    fields = {"url": "https://example.org/bad", **fields}
    (data / "resources" / "bad.yml").write_text(resource_yaml(**fields))
    assert expected in _problems(data)


def test_every_problem_is_reported_at_once(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "resources" / "a.yml").write_text(resource_yaml(kind="bok", url="https://e.org/a"))
    (data / "resources" / "b.yml").write_text(resource_yaml(cost="?", url="https://e.org/b"))
    (data / "glossary.yml").write_text("terms: []\n")
    problems = _problems(data)
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == [
        "data/glossary.yml",
        "data/resources/a.yml",
        "data/resources/b.yml",
    ]
    with pytest.raises(DataError) as raised:
        build_handbook(data)
    assert str(raised.value).startswith("3 problems in the handbook data:\n  data/glossary.yml:1:")


def test_a_date_may_be_tomorrow_somewhere_but_no_later(tmp_path):
    tomorrow, later = (str(date.today() + timedelta(days=n)) for n in (1, 2))
    data = write_data(tmp_path / "data", {"sauce-book": resource_yaml(added=tomorrow)})
    assert _problems(data) == []
    data = write_data(tmp_path / "data", {"sauce-book": resource_yaml(checked=later)})
    [problem] = _problems(data)
    assert problem.startswith("data/resources/sauce-book.yml:")
    assert problem.endswith(f"checked: '{later}' is after today; give the day it happened")


def test_a_publication_year_may_be_this_year_but_no_later(tmp_path):
    this_year = (date.today() + timedelta(days=1)).year  # the same day of grace as dates
    data = write_data(tmp_path / "data", {"sauce-book": resource_yaml(year=this_year)})
    assert _problems(data) == []
    data = write_data(tmp_path / "data", {"sauce-book": resource_yaml(year=this_year + 1)})
    [problem] = _problems(data)
    assert problem == (
        f"data/resources/sauce-book.yml:13: year: {this_year + 1} is after this year; give the "
        "year the edition you link came out"
    )


def test_a_resource_is_checked_after_it_is_added(tmp_path):
    data = write_data(
        tmp_path / "data",
        {"sauce-book": resource_yaml(added="2026-03-01", checked="2025-03-01")},
    )
    [problem] = _problems(data)
    assert problem.startswith("data/resources/sauce-book.yml:")
    assert problem.endswith(
        "checked: '2025-03-01' is before the resource was added (2026-03-01); fix one of the two"
    )


def test_same_url_in_another_form_is_a_duplicate(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "resources" / "copy.yml").write_text(
        resource_yaml(title="Copied Sauces", url="http://www.example.org/sauce-book/#ingredients")
    )
    assert _problems(data) == [
        "data/resources/sauce-book.yml:3: url: this URL is already used by "
        "data/resources/copy.yml:3"
    ]


def test_cross_file_references_must_resolve(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "path.yml").write_text(
        "stages:\n"
        "  - id: one\n    title: One\n    goal: A goal that is long enough to pass.\n"
        "    concepts: [pacingg]\n    resources: [sauce-bok, hosting-talk]\n"
        "  - id: one\n    title: Two\n    goal: A goal that is long enough to pass.\n"
        "    resources: [hosting-talk]\n"
    )
    assert _problems(data) == [
        "data/path.yml:5: stages[0].concepts[0]: unknown concept 'pacingg' (did you mean "
        "'pacing'?)",
        "data/path.yml:6: stages[0].resources[0]: no resource data/resources/sauce-bok.yml "
        "(did you mean 'sauce-book'?)",
        "data/path.yml:7: stages[1].id: stage id 'one' is already used at line 2",
        "data/path.yml:10: stages[1].resources[0]: 'hosting-talk' is already in stage at line 2",
    ]


def test_duplicate_ids_in_skills_and_terms(tmp_path):
    data = write_data(tmp_path / "data")
    skills = (data / "skills.yml").read_text().replace("id: pacing", "id: mise-en-place")
    (data / "skills.yml").write_text(skills)
    (data / "glossary.yml").write_text(
        "terms:\n  - term: A/B test\n    definition: Two variants.\n"
        "  - term: a b test\n    definition: The same anchor.\n"
    )
    problems = _problems(data)
    assert (
        "data/skills.yml:27: skills[1].concepts[0].id: concept id 'mise-en-place' is already "
        "used at line 12" in problems
    )
    assert (
        "data/glossary.yml:4: terms[1].term: 'a b test' is already defined at line 2 (terms "
        "that differ only in case or punctuation share an anchor)" in problems
    )


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("The-Mom-Test", "rename it the-mom-test.yml"),
        ("mom_test", "rename it mom-test.yml"),
        ("kurs-für-pms", "e.g. storytelling-with-data.yml"),  # no guess for other letters
        ("constructor", None),  # a name every browser object has: said so, no rename
        ("", "e.g. storytelling-with-data.yml"),  # ".yml": a dot file, yet no one else's
        (".", "e.g. storytelling-with-data.yml"),  # "..yml"
        (".hidden", "rename it hidden.yml"),
        ("con", None),  # a device name: Windows cannot check out data/resources/con.yml
        ("lpt1", None),
    ],
)
def test_a_file_name_that_is_no_id_is_told_the_name_to_use(tmp_path, name, fix):
    data = write_data(tmp_path / "data")
    (data / "resources" / f"{name}.yml").write_text(
        resource_yaml(title="The Mom Test", url="https://example.org/mom-test")
    )
    [problem] = _problems(data)
    assert problem.startswith(f"data/resources/{name}.yml:1: the file name is the resource id: ")
    if fix:
        assert problem.endswith(f"; {fix}")
    else:
        assert (
            "is a name every browser object already has; e.g." in problem
            or "is a device name on Windows, where its file cannot be checked out; e.g." in problem
        )


def test_file_names_and_shapes(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "resources" / "Bad Name.yml").write_text(resource_yaml())
    (data / "resources" / "other.yaml").write_text(resource_yaml())
    (data / "resources" / "list.yml").write_text("- a\n- b\n")
    (data / "resources" / "books").mkdir()  # a folder of resources nobody would read
    (data / "resources" / "books" / "roux-book.yml").write_text(resource_yaml())
    (data / "resources" / ".git").mkdir()  # hidden: not data
    (data / "resources" / ".draft.YML").write_text(resource_yaml())  # hidden, yet YAML: data
    (data / "resources" / "drafts").mkdir()  # empty: nothing to move, only to remove
    (data / "resources" / "sauce-book.yml~").write_text(resource_yaml())  # an editor's backup
    problems = _problems(data)
    assert problems == [
        "data/resources/.draft.YML:1: only .yml files belong here",
        "data/resources/Bad Name.yml:1: the file name is the resource id: lower-case letters, "
        "digits and single hyphens; rename it bad-name.yml",
        "data/resources/books:1: resources live directly in data/resources/; move its files up",
        "data/resources/drafts:1: resources live directly in data/resources/; remove the empty "
        "folder",
        "data/resources/list.yml:1: the file must be a mapping of fields, not a list",
        "data/resources/other.yaml:1: only .yml files belong here (rename it to .yml)",
        "data/resources/sauce-book.yml~:1: only .yml files belong here (an editor's backup copy, "
        "it seems: delete it)",
    ]


def test_guides_must_exist_when_docs_are_known(tmp_path):
    data = write_data(tmp_path / "data")
    skills = (
        (data / "skills.yml")
        .read_text()
        .replace("    title: Cooking\n", "    title: Cooking\n    guide: guides/cooking.md\n")
    )
    (data / "skills.yml").write_text(skills)
    assert _problems(data) == []  # without docs nothing can be said about guides
    _handbook, problems = check(data, {"index.md"})
    assert [str(p) for p in problems] == [
        "data/skills.yml:5: skills[0].guide: no page docs/guides/cooking.md exists"
    ]


@pytest.mark.parametrize(("text", "value"), [("45min", 45), ("6h", 360), ("1h30min", 90)])
def test_minutes(text, value):
    assert minutes(text) == value


def test_redirects_keep_old_ids_pointing_at_current_ones(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "redirects.yml").write_text("redirects:\n  old-sauce: sauce-book\n")
    handbook = build_handbook(data)
    assert handbook.redirects == {"old-sauce": "sauce-book"}
    assert handbook.old_ids("sauce-book") == ["old-sauce"]


def test_redirect_mistakes(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "redirects.yml").write_text(
        "redirects:\n  hosting-talk: sauce-book\n  gone: sauce-bok\n  older: gone\n"
    )
    assert _problems(data) == [
        "data/redirects.yml:2: redirects.hosting-talk: 'hosting-talk' is a current resource; "
        "an id is never reused",
        "data/redirects.yml:3: redirects.gone: no resource data/resources/sauce-bok.yml "
        "(did you mean 'sauce-book'?)",
        "data/redirects.yml:4: redirects.older: 'gone' is itself renamed; point to the id it "
        "has now",
    ]


@pytest.mark.parametrize(
    ("competencies", "expected"),
    [
        (  # what a fork keeps from the handbook it copied: a group it does not have
            "baking: [knead-the-dough]",
            "competencies.baking: unknown skill group 'baking'; a group without saved ratings "
            "needs no entry: delete it",
        ),
        (  # two positions for one competency would fold two saved ratings into one
            "cooking: [plan-a-service, plan-a-service]",
            "competencies.cooking[1]: 'plan-a-service' is already listed above; keep one",
        ),
    ],
    ids=["group-of-another-handbook", "repeated-competency"],
)
def test_saved_positions_name_a_group_here_and_each_competency_once(
    tmp_path, competencies, expected
):
    data = write_data(tmp_path / "data")
    (data / "redirects.yml").write_text(f"redirects: {{}}\ncompetencies:\n  {competencies}\n")
    assert _problems(data) == [f"data/redirects.yml:3: {expected}"]


@pytest.mark.parametrize(
    ("title", "other"),
    [
        ("The Sauce Book", "the sauce book"),
        ("The Sauce Book", "Sauce Book: Everything About Sauces"),
        ("The Sauce Book", "The Sauce-Book!"),
        ("The Sauce Book", "Sauce book (2nd edition)"),
    ],
)
def test_near_identical_titles_are_flagged_naming_both_files(tmp_path, title, other):
    data = write_data(tmp_path / "data")
    (data / "resources" / "zz-copy.yml").write_text(
        resource_yaml(title=other, url="https://example.org/another-address")
    )
    assert _problems(data) == [
        "data/resources/zz-copy.yml:2: title: nearly the same title as "
        "data/resources/sauce-book.yml:2; if it is the same work, keep one file; if it is "
        "another edition or another work, give its `year` or its `authors`"
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"year": 2024},  # another edition, by the same author
        {"authors": ["Stanford University"], "kind": "course", "year": None},  # another work
    ],
    ids=["another-edition", "another-work"],
)
def test_a_title_shared_by_works_that_say_they_differ_is_allowed(tmp_path, fields):
    data = write_data(tmp_path / "data")
    (data / "resources" / "zz-other.yml").write_text(
        resource_yaml(title="The Sauce Book", url="https://example.org/another-address", **fields)
    )
    assert _problems(data) == []


@pytest.mark.parametrize(
    "fields",
    [{"year": None}, {"authors": None}, {"authors": ["Ada Saucier", "Ben Host"], "year": 2020}],
    ids=["no-year", "no-authors", "an-author-in-common"],
)
def test_a_title_shared_without_a_difference_stated_is_still_refused(tmp_path, fields):
    data = write_data(tmp_path / "data")
    (data / "resources" / "zz-copy.yml").write_text(
        resource_yaml(title="The Sauce Book", url="https://example.org/another-address", **fields)
    )
    assert [p.split(": ", 2)[1] for p in _problems(data)] == ["title"]


@pytest.mark.parametrize(
    "why",
    [
        "Every mother sauce with the mistakes beginners make, one chapter each.",
        "every mother sauce with the mistakes\n  beginners make,   one chapter each.",
    ],
    ids=["as-copied", "case-and-spaces"],
)
def test_a_copied_why_is_refused_in_the_newer_file(tmp_path, why):
    data = write_data(tmp_path / "data")
    (data / "resources" / "sauce-book.yml").write_text(
        resource_yaml(why="Every mother sauce with the mistakes beginners make, one chapter each.")
    )
    (data / "resources" / "zz-copy.yml").write_text(
        resource_yaml(
            title="Knife Skills",
            url="https://example.org/knife-skills",
            why=why,
            added="2026-01-05",
        )
    )
    assert _problems(data) == [
        "data/resources/zz-copy.yml:16: why: the same text as data/resources/sauce-book.yml:16; "
        "say in your own words why a reader should spend time on this work"
    ]


def test_whys_that_share_a_sentence_are_each_their_own(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "resources" / "zz-other.yml").write_text(
        resource_yaml(
            title="Knife Skills",
            url="https://example.org/knife-skills",
            why="Every mother sauce with the mistakes beginners make, one chapter each. Knives.",
        )
    )
    assert _problems(data) == []


def test_list_items_written_without_dashes_are_told_to_take_them(tmp_path):
    data = write_data(tmp_path / "data")
    text = resource_yaml().replace("  - Ada Saucier", "  Ada Saucier\n  Bo Baker")
    (data / "resources" / "sauce-book.yml").write_text(text)
    assert _problems(data) == [
        "data/resources/sauce-book.yml:5: authors: must be a list, not text 'Ada Saucier Bo "
        "Baker'; start each item's line with '- '"
    ]


def test_an_entry_written_as_text_is_told_the_fields_it_takes(tmp_path):
    data = write_data(tmp_path / "data")
    with (data / "path.yml").open("a") as path:
        path.write("    pages:\n      - guides/sauces.md\n")
    assert _problems(data) == [
        "data/path.yml:10: stages[0].pages[0]: must be a mapping of fields, not text "
        "'guides/sauces.md'; its fields: title, page"
    ]


def test_different_titles_are_not_flagged():
    assert title_key("Storytelling with Data") != title_key("Storytelling with Dates")
    assert title_key("A/B Testing") == "b testing" or title_key("A/B Testing") == "a b testing"


def test_a_value_only_the_fast_validator_refuses_is_still_an_error(tmp_path, monkeypatch):
    from handbook_engine.schemas import Schemas

    schemas = Schemas(write_data(tmp_path / "data") / "schemas")
    name = "resource.schema.json"
    # the explaining validator, made to see nothing wrong: the fast one's refusal must stand
    monkeypatch.setattr(type(schemas._explainer(name)), "iter_errors", lambda *_a, **_k: iter(()))
    found = schemas.errors(name, {"title": 1})
    assert len(found) == 1 and found[0][1].startswith("does not match the schema: ")
    assert "must contain" in found[0][1]  # fastjsonschema's own words, not a traceback


def _checks_yaml(*options: str, concept: str = "mise-en-place") -> str:
    return (
        "# yaml-language-server: $schema=schemas/checks.schema.json\n"
        "checks:\n"
        "  - id: first-check\n"
        f"    concept: {concept}\n"
        "    question: What do you set out before the first pan gets hot?\n"
        "    options:\n" + "".join(options)
    )


def _option(text: str, correct: bool | None = None) -> str:
    flag = f"        correct: {str(correct).lower()}\n" if correct is not None else ""
    return f"      - text: {text}\n{flag}        why: Because a calm service starts before it.\n"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            [_option("Everything"), _option("Nothing")],
            "data/checks.yml:6: checks[0].options: 0 options are marked correct: true; "
            "exactly one must be",
        ),
        (
            [_option("Everything", True), _option("Nothing", True)],
            "data/checks.yml:6: checks[0].options: 2 options are marked correct: true; "
            "exactly one must be",
        ),
        (
            [_option("Everything", True), _option("Nothing", False)],
            None,
        ),
    ],
)
def test_a_check_has_exactly_one_correct_option(tmp_path, options, expected):
    data = write_data(tmp_path / "data")
    (data / "checks.yml").write_text(_checks_yaml(*options), encoding="utf-8")
    problems = _problems(data)
    assert problems == ([expected] if expected else [])
    if expected is None:
        check_ = build_handbook(data).checks[0]
        assert [o.correct for o in check_.options] == [True, False]
        assert check_.skill == "cooking"  # the concept's group


def test_a_check_must_name_a_concept_that_exists(tmp_path):
    data = write_data(tmp_path / "data")
    text = _checks_yaml(_option("Everything", True), _option("Nothing"), concept="mise-en-plas")
    (data / "checks.yml").write_text(text, encoding="utf-8")
    assert _problems(data) == [
        "data/checks.yml:4: checks[0].concept: unknown concept 'mise-en-plas' (did you mean "
        "'mise-en-place'?)"
    ]


def test_a_value_left_to_fill_in_is_not_mistaken_for_a_typo(tmp_path):
    # `handbook new` writes TODO where a value is still missing: "did you mean 'tool'?" misleads
    data = write_data(tmp_path / "data", {"sauce-book": resource_yaml(kind="TODO")})
    assert _problems(data) == [
        f"data/resources/sauce-book.yml:4: kind: 'TODO' is not one of {KINDS} (fill in the TODO)"
    ]
    # nor an id pattern's example, nor "too short", where the whole value is still to be written
    todo = resource_yaml(skills=["TODO"], topic="TODO", why="TODO")
    data = write_data(tmp_path / "data", {"sauce-book": todo})
    assert _problems(data) == [
        "data/resources/sauce-book.yml:8: skills[0]: is still TODO; replace it with one of the "
        "ids its comment lists",
        "data/resources/sauce-book.yml:9: topic: is still TODO; replace it with one of the ids "
        "its comment lists",
        "data/resources/sauce-book.yml:16: why: is still TODO; write text of at least 40 "
        "characters",
    ]


def test_the_data_reference_documents_only_the_optional_files_a_handbook_has(tmp_path):
    from handbook_engine.schema_reference import render_schema_reference
    from handbook_engine.validate import OPTIONAL, schemas_in_use

    data = write_data(tmp_path / "data")  # skills, path, glossary and resources only
    page = render_schema_reference(schemas_in_use(data)).markdown
    for schema in OPTIONAL.values():
        assert f"`{schema}`" not in page
    for always in ("resource", "skills", "path", "glossary", "progress"):
        assert f"`{always}.schema.json`" in page
    (data / "questions.yml").write_text("questions: []\n", encoding="utf-8")
    page = render_schema_reference(schemas_in_use(data)).markdown
    assert "`questions.schema.json`, for `data/questions.yml`" in page


def test_files_and_folders_in_data_that_nothing_reads_are_named(tmp_path):
    # a resource saved one folder too high, or in a misspelt folder, would never be shown
    data = write_data(tmp_path / "data")
    (data / "working-backwards.yml").write_text(resource_yaml())
    (data / "resource").mkdir()
    (data / "resource" / "roux-book.yml").write_text(resource_yaml())
    (data / "Glossary.YAML").write_text("terms: []\n")
    (data / "README.md").write_text("What each file holds.\n")  # not data: left alone
    (data / ".gitkeep").write_text("")
    (data / ".cache").mkdir()
    read_here = (
        "the files read here are skills.yml, path.yml, glossary.yml, questions.yml, checks.yml, "
        "capstones.yml, redirects.yml, review.yml"
    )
    assert _problems(data) == [
        "data/Glossary.YAML:1: the handbook reads no file of this name, so nothing in it would "
        "be shown (did you mean 'glossary.yml'?); a resource is a file of its own in "
        f"data/resources/, and {read_here}",
        "data/resource:1: the handbook reads no folder of this name (did you mean 'resources'?); "
        "a resource is a file of its own in data/resources/",
        "data/working-backwards.yml:1: the handbook reads no file of this name, so nothing in it "
        f"would be shown; a resource is a file of its own in data/resources/, and {read_here}",
    ]


def _hostile_file_names() -> list[str]:
    lines = (Path(__file__).parents[1] / "fixtures" / "hostile-file-names.txt").read_text("utf-8")
    return [
        line.encode("ascii", "backslashreplace").decode("unicode_escape")
        for line in lines.splitlines()
        if line and not line.startswith("#")
    ]


@pytest.mark.parametrize("name", _hostile_file_names())
def test_a_hostile_file_name_prints_as_one_line_of_plain_text(tmp_path, name):
    data = write_data(tmp_path / "data")
    (data / "resources" / f"{name}.yml").write_text(resource_yaml())
    (data / f"{name}.yml").write_text("terms: []\n")
    problems = _problems(data)
    assert len(problems) == 2, problems
    for problem in problems:
        assert problem.isprintable(), problem  # escaped: "\n", "\x1b", "\u202e", ...
        assert problem.startswith(("data/resources/", "data/")), problem
    with pytest.raises(DataError) as raised:
        build_handbook(data)
    assert len(str(raised.value).splitlines()) == 1 + len(problems)


def test_an_id_renamed_in_skills_yml_alone_is_said_first_then_each_place_that_names_it(tmp_path):
    data = write_data(tmp_path / "data")
    skills = data / "skills.yml"
    skills.write_text(skills.read_text(encoding="utf-8").replace("id: cooking", "id: cookery"))
    problems = _problems(data)
    assert problems[0] == (
        "data/skills.yml:3: skills[0].id: no other file names the skill group 'cookery', while "
        "3 places name 'cooking', which nothing defines: if you renamed 'cooking', rename it "
        "in those places too (listed below), or keep 'cooking'"
    )
    assert len(problems) == 4
    assert all("unknown skill group 'cooking'" in p for p in problems[1:])
    with pytest.raises(DataError) as raised:  # a build lists them in the same order
        build_handbook(data)
    assert str(raised.value).splitlines()[1].strip() == problems[0]


def test_a_topic_renamed_in_skills_yml_alone_is_said_first(tmp_path):
    data = write_data(
        tmp_path / "data",
        {"sauce-book-2": resource_yaml(title="Mother Sauces", url="https://example.org/m")},
    )
    skills = data / "skills.yml"
    skills.write_text(skills.read_text(encoding="utf-8").replace("id: sauces", "id: sauce"))
    problems = _problems(data)
    assert problems[0].startswith(
        "data/skills.yml:8: skills[0].topics[0].id: no other file names the topic 'sauce', while "
        "2 places name 'sauces'"
    )
    assert [p.split(":")[0] for p in problems[1:]] == [
        "data/resources/sauce-book-2.yml",
        "data/resources/sauce-book.yml",
    ]


def test_an_id_misspelt_in_one_place_is_that_place_s_problem_alone(tmp_path):
    data = write_data(tmp_path / "data")
    path = data / "path.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("skills: [cooking]", "skills: [cookin]")
    )
    assert _problems(data) == [
        "data/path.yml:6: stages[0].skills[0]: unknown skill group 'cookin' (did you mean "
        "'cooking'?)"
    ]


def test_a_resource_s_cross_file_problems_come_with_its_own_in_one_run(tmp_path):
    # a wrong level (a field no cross-file rule reads) no longer hides an unknown skill group
    bad = resource_yaml(
        title="Knife Skills",
        url="https://example.org/knife-skills",
        level="expert",
        skills=["cookin"],
        time="2 hours",
    )
    data = write_data(tmp_path / "data", {"bad": bad})
    problems = _problems(data)
    assert [p.split(": ", 2)[1] for p in problems] == ["skills[0]", "level", "time"]
    assert "unknown skill group 'cookin' (did you mean 'cooking'?)" in problems[0]


def test_a_resource_whose_read_fields_are_wrong_is_not_checked_across_files(tmp_path):
    # its skills list itself is wrong: what the rules across files would say is left for later
    data = write_data(tmp_path / "data", {"bad": resource_yaml(skills=[], topic="nowhere")})
    assert [p.split(": ", 2)[1] for p in _problems(data)] == ["skills"]


def test_a_topic_is_not_judged_against_a_group_that_does_not_exist(tmp_path):
    # after a rename, "a topic of modelling: add modelling" would send the writer the wrong way
    bad = resource_yaml(
        title="Table Talk", url="https://example.org/t", skills=["hosting", "cookin"]
    )
    problems = _problems(write_data(tmp_path / "data", {"bad": bad}))
    assert [p.split(": ", 2)[1] for p in problems] == ["skills[1]"]  # not its topic, sauces


def test_glossary_terms_in_other_scripts_are_each_their_own(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "glossary.yml").write_text(
        "terms:\n  - term: витрина\n    definition: Набор моделей для одной команды.\n"
        "  - term: модель\n    definition: SQL-запрос, сохранённый как таблица.\n"
        "  - term: 品質\n    definition: データがどれだけ信頼できるか。\n"
        "  - term: 系譜\n    definition: データがどこから来たか。\n",
        encoding="utf-8",
    )
    assert _problems(data) == []


def test_a_name_with_accents_is_told_its_id_without_them(tmp_path):
    data = write_data(tmp_path / "data", {"bad": resource_yaml(tags=["Qualité"])})
    assert any(
        "'Qualité' is not an id" in p and "(as an id: 'qualite')" in p for p in _problems(data)
    )


def test_counts_in_messages_agree_with_their_number(tmp_path):
    data = write_data(tmp_path / "data")
    path = data / "path.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[sauce-book, hosting-talk]", "[]"))
    assert "data/path.yml:8: stages[0].resources: needs at least 1 item" in _problems(data)
    done = run_cli("check", "--data", write_data(tmp_path / "good"), cwd=tmp_path)
    assert done.stdout.startswith("OK: 2 resources, 2 skill groups, 1 stage, 1 glossary term ")


@pytest.mark.parametrize("name", _hostile_file_names())
def test_a_hostile_value_quoted_in_a_message_prints_as_plain_text(tmp_path, name):
    # messages that quote the writer's text ("put the whole value in quotes, ...") escape it as
    # a file name is escaped: no line break, no carriage return, no reordering mark
    text = resource_yaml(title="Knife Skills", url="https://example.org/knife-skills")
    value = json.dumps(name)  # a YAML double-quoted string: its escapes are read as characters
    text = text.replace("authors:\n  - Ada Saucier", f"authors:\n  - {value}: Marty")
    text = text.replace("skills:\n  - cooking", f"skills:\n  - id: {value}")
    problems = _problems(write_data(tmp_path / "data", {"bad": text}))
    assert problems
    for problem in problems:
        assert problem.isprintable(), problem


def test_an_absurdly_long_duration_is_a_problem_not_a_traceback(tmp_path):
    for time in ("9" * 309 + " h", "9" * 400 + "min"):
        bad = resource_yaml(title="Knife Skills", url="https://example.org/knife", time=time)
        [problem] = _problems(write_data(tmp_path / time[-3:] / "data", {"bad": bad}))
        assert problem.startswith("data/resources/bad.yml:12: time: ")


def test_a_line_quoted_from_the_file_keeps_its_direction_marks_escaped(tmp_path):
    text = resource_yaml(title="Knife Skills", url="https://example.org/knife-skills")
    text = text.replace("cost: paid\n", "cost: paid\n\u202e0 smelborp dnuof ,KO\n")
    problems = _problems(write_data(tmp_path / "data", {"bad": text}))
    assert problems and all(p.isprintable() and "\\u202e" in p for p in problems), problems


def test_many_works_of_one_title_are_compared_a_bounded_number_of_times(tmp_path):
    # works that share a title but name other makers are each compared with the earlier ones;
    # past SAME_TITLE_LIMIT a title must tell its work apart (a pull request of thousands of
    # same titles made the check run for minutes)
    extra = SAME_TITLE_LIMIT + 2
    files = {
        f"sauce-{i:03d}": resource_yaml(
            url=f"https://example.org/sauce/{i}",
            authors=[f"Cook Number{i}"],
            why=f"Sauce {i}. " * 8,
        )
        for i in range(extra)
    }
    problems = _problems(write_data(tmp_path / "data", files))
    assert len(problems) == extra + 1 - SAME_TITLE_LIMIT  # with sauce-book: those past it
    assert all(
        f"{SAME_TITLE_LIMIT} other resources have nearly this title; give one that tells this "
        "work apart" in p
        for p in problems
    ), problems


def test_every_wrong_reference_is_told_and_the_first_ones_get_a_guess(tmp_path):
    # a guess looks through every id: past a budget per check, problems come without one
    data = write_data(tmp_path / "data")
    wrong = [f"sauce-bok-{i}" for i in range(250)]
    path = data / "path.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "[sauce-book, hosting-talk]", f"[{', '.join(wrong)}]"
        )
    )
    problems = [p for p in _problems(data) if "no resource data/resources/sauce-bok-" in p]
    assert len(problems) == len(wrong)
    guessed = [p for p in problems if p.endswith("(did you mean 'sauce-book'?)")]
    assert len(guessed) == Suggestions().left
