"""A contributor who edits data/schemas/ by hand, to add a kind or reword a label, gets a
problem with the schema file and the line to look at, from `check` and from the build alike,
never a traceback and never a check that passes while the build fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from handbook_engine import cli
from handbook_engine.problems import DataError
from handbook_engine.validate import build_handbook, check
from trees import resource_yaml, write_data

RESOURCE = "resource.schema.json"


def _schema(data: Path) -> tuple[Path, dict]:
    path = data / "schemas" / RESOURCE
    return path, json.loads(path.read_text(encoding="utf-8"))


def _new_kind(kind: dict) -> str:
    # a value the schema does not have yet, whatever a fork has added
    return next(v for v in ("webinar", "screencast", "masterclass") if v not in kind["enum"])


def _line_of(path: Path, needle: str, after: str = "") -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle, text.index(after) if after else 0)].count("\n") + 1


def _problems(data: Path) -> list[str]:
    handbook, problems = check(data)
    assert handbook is None
    return [str(p) for p in problems]


def test_a_new_kind_with_its_label_is_usable_at_once(tmp_path):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    kind = schema["properties"]["kind"]
    new = _new_kind(kind)
    kind["enum"].append(new)
    kind["x-labels"][new] = "Live session"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    (data / "resources" / "sauce-book.yml").write_text(resource_yaml(kind=new), encoding="utf-8")
    handbook = build_handbook(data)
    assert handbook.vocabulary["kind"][new] == "Live session"
    assert [r.kind for r in handbook.resources if r.id == "sauce-book"] == [new]


def test_a_new_kind_without_a_label_names_the_schema_line_and_the_fix(tmp_path):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    new = _new_kind(schema["properties"]["kind"])
    schema["properties"]["kind"]["enum"].append(new)
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    line = _line_of(path, '"x-labels"', after='"kind":')
    expected = (
        f"data/schemas/{RESOURCE}:{line}: kind: x-labels has no label for {new}; "
        f'add "{new}": "<what readers see>" to it'
    )
    # review.yml names kinds: they stay known while one label is missing, so the label is the
    # one problem (it was one beside a false "not one of the kinds" for every kind review.yml names)
    kinds = schema["properties"]["kind"]["enum"][:2]
    review = "default: 24\nkinds:\n" + "".join(f"  {k}: 12\n" for k in kinds)
    (data / "review.yml").write_text(review, encoding="utf-8")
    assert _problems(data) == [expected]
    with pytest.raises(DataError, match="x-labels has no label for"):
        build_handbook(data)


def test_a_label_for_no_value_is_named_with_the_value_it_may_mean(tmp_path):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    labels = schema["properties"]["kind"]["x-labels"]
    first = schema["properties"]["kind"]["enum"][0]
    labels[first + "s"] = labels[first]  # a typo beside the right one
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    line = _line_of(path, '"x-labels"', after='"kind":')
    [problem] = [p for p in _problems(data) if "x-labels names" in p]
    assert problem.startswith(f"data/schemas/{RESOURCE}:{line}: kind: x-labels names {first}s")
    assert f"did you mean '{first}'" in problem
    assert problem.endswith("not in its enum; fix or remove the label")


def test_a_schema_that_is_not_json_names_its_line(tmp_path):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    text = json.dumps(schema, indent=2)
    # the usual slip: a comma after the last item of a list
    broken = text.replace('"added"\n  ]', '"added",\n  ]', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    line = _line_of(path, "]", after='"added",')
    [problem] = _problems(data)
    assert problem.startswith(f"data/schemas/{RESOURCE}:{line}: is not valid JSON: ")
    assert "look for a comma after the last item or a missing quote" in problem


@pytest.mark.parametrize("content", [None, b"\xff\xfe{}"], ids=["missing", "not-utf8"])
def test_a_missing_or_unreadable_schema_is_named(tmp_path, content):
    data = write_data(tmp_path / "data")
    path, _ = _schema(data)
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    assert _problems(data) == [
        f"data/schemas/{RESOURCE}:1: is missing or not UTF-8 text; restore it from the "
        "handbook's own"
    ]


def test_a_schema_json_schema_cannot_read_names_the_key(tmp_path):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    schema["properties"]["title"]["type"] = "strng"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    line = _line_of(path, '"type": "strng"')
    [problem] = _problems(data)
    assert problem.startswith(
        f"data/schemas/{RESOURCE}:{line}: is not a valid JSON Schema at properties.title.type: "
    )
    with pytest.raises(DataError, match="is not a valid JSON Schema"):
        build_handbook(data)


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["forms", "--project", "."],
        ["new", "--data", "data", "--title", "A Sauce Primer", "--url", "https://example.com/p"],
    ],
    ids=["check", "forms", "new"],
)
def test_every_command_that_reads_a_broken_schema_names_its_line(
    tmp_path, monkeypatch, capsys, command
):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    path.write_text(json.dumps(schema, indent=2).replace("{", "{,", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(command) == 1
    shown = capsys.readouterr()
    assert f"data/schemas/{RESOURCE}:1: is not valid JSON" in shown.out + shown.err


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"book": ""}, "kind: x-labels gives book no words; write what readers see"),
        ({"book": 3}, "kind: x-labels gives book no words; write what readers see"),
        (["Book"], 'kind: enum must be a list and x-labels a mapping, {"value": "Label"}'),
    ],
    ids=["empty", "number", "list"],
)
def test_labels_readers_could_not_read_are_refused_at_their_line(tmp_path, labels, expected):
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    kind = schema["properties"]["kind"]
    kind["x-labels"] = {**kind["x-labels"], **labels} if isinstance(labels, dict) else labels
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    line = _line_of(path, '"x-labels"', after='"kind":')
    assert f"data/schemas/{RESOURCE}:{line}: {expected}" in _problems(data)


def _edit(field: str, key: str, value: object):
    return lambda schema: schema["properties"][field].__setitem__(key, value)


# Schema files that JSON reads but no validator can use, each with what `check` says of it.
# A reference outside the file would make the checker fetch an address or read a local file.
ODD_SCHEMAS = {
    "properties-a-list": (
        lambda schema: schema.__setitem__("properties", [1]),
        "is not a valid JSON Schema at properties: [1] is not of type 'object'",
    ),
    "enum-not-a-list": (_edit("cost", "enum", "free"), "is not a valid JSON Schema at"),
    "pattern-python-cannot-read": (_edit("title", "pattern", "^\\p{L}"), "is not a 'regex'"),
    "ref-to-nothing": (_edit("title", "$ref", "#/$defs/nope"), "$ref '#/$defs/nope' points at"),
    "ref-to-an-address": (
        _edit("title", "$ref", "https://example.org/x.json"),
        "$ref 'https://example.org/x.json' points outside the file",
    ),
    "ref-to-a-local-file": (
        _edit("title", "$ref", "file:///etc/passwd"),
        "$ref 'file:///etc/passwd' points outside the file",
    ),
}


@pytest.mark.parametrize("name", sorted(ODD_SCHEMAS))
def test_a_schema_no_validator_can_use_is_named_not_a_traceback(tmp_path, name):
    edit, expected = ODD_SCHEMAS[name]
    data = write_data(tmp_path / "data")
    path, schema = _schema(data)
    edit(schema)
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    problems = _problems(data)
    assert problems and all(p.startswith(f"data/schemas/{RESOURCE}:") for p in problems)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"maxLength": NaN}', ":1: NaN is not a JSON number; write a number"),
        ("[" * 100_000 + "]" * 100_000, ":1: nests too deeply to read; restore it"),
    ],
    ids=["nan", "deep"],
)
def test_what_only_python_reads_as_json_is_refused(tmp_path, text, expected):
    data = write_data(tmp_path / "data")
    path, _ = _schema(data)
    path.write_text(text, encoding="utf-8")
    assert _problems(data) == [f"data/schemas/{RESOURCE}{expected}"]
