"""`handbook new`: the file it writes, and what it refuses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from handbook_engine import cli, newresource
from handbook_engine.validate import check
from trees import write_data

# {kind}, {cost} and {level}: the values the tree's schema allows, in its order (see `_one_of`)
GOLDEN = """\
# yaml-language-server: $schema=../schemas/resource.schema.json
title: "Les Sauces Mères: a “Field” Guide"
url: "https://example.net/sauces?edition=2"
kind: TODO  # one of: {kind}
# authors: TODO  # people or organisations who made it, in the order the work gives, each on \
a line '  - Name'; leave out only when the work names no one and you cannot confirm who
skills:  # one or more of: cooking, hosting; the first is the home group
  - TODO
topic: TODO  # a topic of one of the resource's skill groups; cooking: sauces; hosting: service
cost: TODO  # one of: {cost}
level: TODO  # one of: {level}
# time: TODO  # the work's own stated duration or an estimate from its length; leave out if \
unknown (e.g. 6h, 45min, 1h30min)
# year: TODO  # Year of publication of the edition you link; not a year to come.
# tags: TODO  # A few lower-case keywords (letters, digits, hyphens).
# why: In your own words: why a reader of this handbook should spend time on it and what to \
take from it. Plain text.
why: >-
  TODO
added: "ADDED"
# checked: TODO  # The date someone last opened the work and confirmed that the why still \
holds, YYYY-MM-DD. Leave it out until then: the review clock starts at added.
"""


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_data(tmp_path / "data")


def _new(*args: str) -> int:
    return cli.main(["new", "--data", "data", *args])


def _one_of(data: Path, field: str) -> str:
    """The values the tree's resource schema allows for `field`, in its order (a fork may add
    one), as `handbook new` lists them."""
    schema = json.loads((data / "schemas" / "resource.schema.json").read_text(encoding="utf-8"))
    return ", ".join(schema["properties"][field]["enum"])


def _stamped(template: str, before: dt.date, after: dt.date) -> set[str]:
    """The template with `added` set to the day the file was written (either side of midnight)."""
    return {template.replace("ADDED", day.isoformat()) for day in (before, after)}


def test_writes_every_field_in_schema_order(data: Path, capsys: pytest.CaptureFixture[str]):
    title = "Les Sauces Mères: a “Field” Guide"
    before = dt.date.today()
    assert _new("--title", title, "--url", "https://example.net/sauces?edition=2") == 0
    after = dt.date.today()
    path = data / "resources" / "les-sauces-meres-a-field-guide.yml"
    golden = GOLDEN.format(**{f: _one_of(data, f) for f in ("kind", "cost", "level")})
    assert path.read_text(encoding="utf-8") in _stamped(golden, before, after)
    out = capsys.readouterr().out
    assert "data/resources/les-sauces-meres-a-field-guide.yml" in out
    assert "now edit it, then run: handbook check" in out


def test_known_values_are_filled_and_placeholders_fail_the_check(data: Path):
    args = ["--title", "Knife Skills", "--url", "https://example.net/knives", "--kind", "video"]
    assert _new(*args, "--skill", "hosting", "--skill", "cooking", "--cost", "free") == 0
    text = (data / "resources" / "knife-skills.yml").read_text(encoding="utf-8")
    assert "kind: video  #" in text
    assert "skills:  #" in text and "  - hosting\n  - cooking\n" in text
    assert "topic: TODO  # a topic of one of the resource's skill groups; hosting: service;" in text
    _handbook, problems = check(data)
    fields = sorted(p.field for p in problems if p.path.endswith("knife-skills.yml"))
    assert fields == ["level", "topic", "why"]
    # once the placeholders are replaced and the optional fields uncommented, the file is valid
    filled = (
        text.replace("# authors: TODO", "authors:\n  - Ada Knife  #")
        .replace("topic: TODO", "topic: service")
        .replace("level: TODO", "level: beginner")
        .replace("# time: TODO", "time: 45min")
        .replace("# year: TODO", "year: 2024")
        .replace("# tags: TODO", "tags: [knives]")
        .replace("  TODO\n", "  Twelve short lessons on holding and sharpening a knife safely.\n")
    )
    (data / "resources" / "knife-skills.yml").write_text(filled, encoding="utf-8")
    _handbook, problems = check(data)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/sauce-book/",  # same work as sauce-book.yml, once normalised
        "http://www.example.org/sauce-book?utm_source=newsletter",
    ],
)
def test_refuses_a_url_another_resource_uses(
    data: Path, url: str, capsys: pytest.CaptureFixture[str]
):
    assert _new("--title", "Another Sauce Book", "--url", url) == 1
    assert "already used by data/resources/sauce-book.yml:3" in capsys.readouterr().out
    assert not (data / "resources" / "another-sauce-book.yml").exists()


def test_refuses_an_existing_file(data: Path, capsys: pytest.CaptureFixture[str]):
    (data / "resources" / "the-sauce-book.yml").write_text("kept\n", encoding="utf-8")
    assert _new("--title", "The Sauce Book!", "--url", "https://example.net/new-sauce") == 1
    assert "data/resources/the-sauce-book.yml already exists" in capsys.readouterr().out
    assert (data / "resources" / "the-sauce-book.yml").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file", "URL scheme must be http or https"),
        ("https://localhost/page", "URL needs a public host name"),
        ("https://example.org/a page", "URL contains whitespace"),
        ("https://user:pw@example.org/", "must not contain a user name or password"),
    ],
)
def test_refuses_a_bad_url(data: Path, url: str, message: str, capsys: pytest.CaptureFixture[str]):
    assert _new("--title", "Bad Address", "--url", url) == 1
    assert message in capsys.readouterr().out
    assert not (data / "resources" / "bad-address.yml").exists()


def test_refuses_a_value_the_schema_does_not_allow(data: Path, capsys: pytest.CaptureFixture[str]):
    assert _new("--title", "A Talk", "--url", "https://example.net/talk", "--kind", "bok") == 1
    assert f"kind: 'bok' is not one of: {_one_of(data, 'kind')}" in capsys.readouterr().out


def test_every_wrong_choice_is_named_in_one_run(data: Path, capsys: pytest.CaptureFixture[str]):
    # three mistakes, three lines, each with the nearest choice: not three runs to find them
    given = ["--kind", "bok", "--skill", "cookin", "--topic", "zzz"]
    assert _new("--title", "A Talk", "--url", "https://example.net/talk", *given) == 1
    out = capsys.readouterr().out
    assert f"kind: 'bok' is not one of: {_one_of(data, 'kind')} (did you mean 'book'?)" in out
    assert "skills: cookin not in data/skills.yml (did you mean 'cooking'?);" in out
    assert "topic: 'zzz' is not one of: " in out
    assert not (data / "resources" / "a-talk.yml").exists()


def test_needs_title_and_url_together_or_a_terminal(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    assert _new("--title", "Only a title") == 1
    assert "give both --title and --url" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert _new() == 1
    assert "not in a terminal" in capsys.readouterr().out


def test_slugs():
    assert newresource.slugify("Inspired: How to Create Tech Products") == (
        "inspired-how-to-create-tech-products"
    )
    assert newresource.slugify("  Ça va -- très bien!  ") == "ca-va-tres-bien"
    long = newresource.slugify("word " * 40)
    assert len(long) <= newresource.MAX_SLUG and not long.endswith("-")
    assert long.startswith("word-word")
    assert newresource.slugify("日本語") == ""


def test_prompts(data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    answers = iter(
        [
            "",  # title is needed: asked again
            "Hosting for Beginners",
            "https://example.org/sauce-book",  # taken by sauce-book.yml: asked again
            "not a url",
            "https://example.net/hosting-101",
            "bok",  # not a kind: asked again
            "course",
            "hosting, baking",  # baking is no skill group: asked again
            "hosting, cooking",
            "roux",  # not a topic of hosting or cooking: asked again
            "service",
            "",  # cost left for later
            "beginner",
        ]
    )
    questions: list[str] = []

    def fake_input(question: str) -> str:
        questions.append(question)
        return next(answers)

    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    before = dt.date.today()
    assert _new() == 0
    after = dt.date.today()
    text = (data / "resources" / "hosting-for-beginners.yml").read_text(encoding="utf-8")
    assert 'title: "Hosting for Beginners"\nurl: "https://example.net/hosting-101"\n' in text
    assert "kind: course  #" in text
    assert "  - hosting\n  - cooking\n" in text
    assert "topic: service  #" in text
    assert f"cost: TODO  # one of: {_one_of(data, 'cost')}\n" in text
    assert "level: beginner  #" in text
    assert any(line in text for line in _stamped('added: "ADDED"', before, after))
    assert questions[0].startswith("Title")
    assert any(q.startswith(f"Kind ({_one_of(data, 'kind')})") for q in questions)
    assert "Topic (service, sauces): " in questions
    out = capsys.readouterr().out
    assert "this is needed" in out
    assert "already used by data/resources/sauce-book.yml:3" in out
    assert f"'bok' is not one of: {_one_of(data, 'kind')}" in out
    assert "not a skill group: baking" in out
    assert "'roux' is not one of: service, sauces" in out
    assert "now edit it, then run: handbook check" in out


def test_prompts_stop_cleanly(data: Path, monkeypatch: pytest.MonkeyPatch):
    def no_more(question: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_more)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert _new() == 1
    assert sorted(p.name for p in (data / "resources").iterdir()) == [
        "hosting-talk.yml",
        "sauce-book.yml",
    ]


def test_refuses_a_tracking_parameter_naming_it(data: Path, capsys: pytest.CaptureFixture[str]):
    url = "https://example.net/knife-skills?utm_campaign=spring"
    assert _new("--title", "Knife Skills", "--url", url) == 1
    assert "tracking parameter 'utm_campaign'; remove it" in capsys.readouterr().out
    assert not (data / "resources" / "knife-skills.yml").exists()


@pytest.mark.parametrize("command", ["check", "new", "links", "review"])
def test_a_command_run_from_another_folder_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command
):
    # from inside data/resources/, say: data/ there is not the handbook's, and no file of the
    # handbook is missing, so nothing may tell the contributor to restore one
    monkeypatch.chdir(tmp_path)
    assert cli.main([command]) == 1
    assert capsys.readouterr().out == (
        f"handbook {command}: data/ holds no handbook data (it has no schemas/ folder); run it "
        "from the project's folder or give --data\n"
    )


def test_a_title_in_another_script_gets_its_file_name_from_id(
    data: Path, capsys: pytest.CaptureFixture[str]
):
    title, url = "Машинное обучение для менеджеров", "https://example.net/ml-managers"
    assert _new("--title", title, "--url", url) == 1
    assert "file names use the letters a to z and digits, and it has none; give one with --id" in (
        capsys.readouterr().out
    )
    assert _new("--title", title, "--url", url, "--id", "Bad Id") == 1
    assert "--id 'Bad Id': use lower-case letters, digits and single hyphens" in (
        capsys.readouterr().out
    )
    assert _new("--title", title, "--url", url, "--id", "ml-for-managers") == 0
    written = (data / "resources" / "ml-for-managers.yml").read_text(encoding="utf-8")
    assert f'title: "{title}"' in written


def test_a_title_longer_than_the_schema_allows_is_refused_before_writing(
    data: Path, capsys: pytest.CaptureFixture[str]
):
    schema = json.loads((data / "schemas" / "resource.schema.json").read_text(encoding="utf-8"))
    limit = schema["properties"]["title"]["maxLength"]
    before = sorted(p.name for p in (data / "resources").iterdir())
    title = "Sauces " * (limit // 7 + 1)
    assert _new("--title", title, "--url", "https://example.net/long") == 1
    assert f"characters, at most {limit}; drop its subtitle" in capsys.readouterr().out
    assert sorted(p.name for p in (data / "resources").iterdir()) == before


def test_a_title_or_id_that_names_a_windows_device_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str]
):
    url = "https://example.net/con"
    assert _new("--title", "Con", "--url", url) == 1
    assert "the file name con.yml from the title: 'con' is a device name on Windows" in (
        capsys.readouterr().out
    )
    assert _new("--title", "Con", "--url", url, "--id", "nul") == 1
    assert "--id 'nul': 'nul' is a device name on Windows" in capsys.readouterr().out
    assert not (data / "resources" / "con.yml").exists()
