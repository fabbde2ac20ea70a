"""The quick "yes" for valid data (quick_schema.py): it accepts only what fastjsonschema accepts,
leaves every schema it cannot read exactly to fastjsonschema, and changes no problem's words."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from fastjsonschema.draft04 import DOLLAR_FINDER
from handbook_engine.loader import load_yaml
from handbook_engine.quick_schema import DOLLAR, compile_quick
from handbook_engine.schemas import Schemas, _for_python
from handbook_engine.validate import check
from trees import write_data, write_kitchen_data

VALUES: list[Any] = [
    "",
    "x",
    "book",
    "a" * 300,
    "https://example.org/x",
    "x\n",
    "a-b",
    "2026-01-01",
    0,
    1,
    -5,
    2020,
    10**9,
    True,
    False,
    None,
    1.5,
    2.0,
    [],
    ["a"],
    ["a", "a"],
    [1, True],
    {},
    {"a": 1},
]


def _fast_accepts(fast: Any, data: Any) -> bool:
    try:
        fast(copy.deepcopy(data))
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _mutated(data: Any, rng: random.Random) -> Any:
    """`data` with one to three values replaced, removed, repeated or added, anywhere in it."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        node = data
        while True:
            if isinstance(node, dict) and node:
                key = rng.choice(list(node))
                if isinstance(node[key], (dict, list)) and rng.random() < 0.6:
                    node = node[key]
                    continue
                choice = rng.random()
                if choice < 0.15:
                    del node[key]
                elif choice < 0.25:
                    node[f"extra{rng.randint(0, 3)}"] = copy.deepcopy(rng.choice(VALUES))
                else:
                    node[key] = copy.deepcopy(rng.choice(VALUES))
            elif isinstance(node, list) and node:
                index = rng.randrange(len(node))
                if isinstance(node[index], (dict, list)) and rng.random() < 0.6:
                    node = node[index]
                    continue
                choice = rng.random()
                if choice < 0.2:
                    node.append(copy.deepcopy(node[index]))
                elif choice < 0.35:
                    node.pop(index)
                else:
                    node[index] = copy.deepcopy(rng.choice(VALUES))
            break
    return data


def _samples(data: Path) -> dict[str, list[Any]]:
    """Valid files of the kitchen tree, by the schema that checks them."""
    found: dict[str, list[Any]] = {}
    for path in sorted(data.rglob("*.yml")):
        schema = "resource.schema.json" if path.parent.name == "resources" else None
        schema = schema or f"{path.stem}.schema.json"
        loaded, problems = load_yaml(path, path.name)
        assert problems == [], problems
        found.setdefault(schema, []).append(_plain(loaded))
    return found


def test_what_it_accepts_fastjsonschema_accepts(tmp_path):
    data = write_kitchen_data(tmp_path / "data")
    schemas = Schemas(data / "schemas")
    rng = random.Random(11)  # noqa: S311 - a fixed seed: the same values every run
    samples = _samples(data)
    assert len(samples) >= 8  # every data file the engine checks
    for name, valid in samples.items():
        readable = _for_python(schemas.raw(name))
        quick = compile_quick(readable)
        assert quick is not None, f"{name} should be read without compiling it"
        fast = fastjsonschema.compile(copy.deepcopy(readable))
        for value in valid:
            assert quick(value), name  # valid data never pays for compiling
        agreed = 0
        for _ in range(400):
            value = _mutated(rng.choice(valid), rng)
            accepted = quick(value)
            assert not accepted or _fast_accepts(fast, value), (name, value)
            agreed += accepted == _fast_accepts(fast, value)
        assert agreed >= 380, name  # it says "no" to little that is valid


@pytest.mark.parametrize(
    ("schema", "value", "expected"),
    [
        ({"type": "integer"}, True, False),  # true is not a number
        ({"type": "integer"}, 2.0, False),  # fastjsonschema says yes; jsonschema explains it
        ({"type": ["integer", "boolean"]}, True, True),
        ({"type": "number"}, 1.5, True),
        ({"enum": [1]}, True, False),
        ({"enum": [True]}, 1, False),
        ({"enum": ["a", None]}, None, True),
        ({"uniqueItems": True}, [1, True], True),  # different values to JSON
        ({"uniqueItems": True}, [{"a": [1]}, {"a": [1]}], False),
        ({"minLength": 2}, 5, True),  # length applies to text only
        ({"pattern": "^a$"}, "a\n", False),  # `$` is the very end, as editors read it
        ({"pattern": "^a"}, "ab", True),
        ({"required": ["a"]}, {"b": 1}, False),
        ({"required": ["a"]}, [], True),
        ({"properties": {"a": {"type": "string"}}}, {"a": 1}, False),
        ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2}, False),
        ({"additionalProperties": {"type": "string"}}, {"b": "x"}, True),
        ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"A": 1}, False),
        ({"items": {"type": "string"}, "maxItems": 2}, ["a", "b", "c"], False),
        ({"items": False}, [], True),
        ({"minimum": 1, "maximum": 3}, 4, False),
        ({"minimum": 1}, "0", True),
        (
            {"$defs": {"n": {"type": "object", "properties": {"next": {"$ref": "#/$defs/n"}}}}}
            | {"$ref": "#/$defs/n"},
            {"next": {"next": {"next": 1}}},
            False,
        ),
    ],
)
def test_each_keyword_as_fastjsonschema_reads_it(schema, value, expected):
    quick = compile_quick(_for_python(schema))
    assert quick is not None
    assert quick(value) is expected
    if expected:
        assert _fast_accepts(fastjsonschema.compile(_for_python(schema)), value)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "email"},
        {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        {"properties": {"a": {"type": "string", "default": "x"}}},  # fills data in
        {"type": "thing"},
        {"pattern": "("},
        {"minLength": "2"},
        {"$ref": "other.schema.json#/$defs/x"},
        {"$ref": "#/$defs/missing"},
        {"required": ["a"], "additionalProperties": False},  # fastjsonschema refuses the schema
        {"items": [{"type": "string"}]},
        {"enum": [[1]]},
        False,
    ],
)
def test_a_schema_it_cannot_read_exactly_goes_to_fastjsonschema(schema):
    assert compile_quick(schema) is None


def test_the_end_of_text_is_found_as_fastjsonschema_finds_it():
    assert DOLLAR.pattern == DOLLAR_FINDER.pattern


def test_problems_are_worded_as_before_and_an_edited_schema_counts(tmp_path):
    data = write_data(tmp_path / "data")
    assert check(data)[1] == []
    resource = data / "resources" / "sauce-book.yml"
    valid = resource.read_text(encoding="utf-8")
    resource.write_text(valid.replace("kind: book", "kind: bok"), encoding="utf-8")
    # every kind the tree's schema allows, in its order
    resources = json.loads((data / "schemas" / "resource.schema.json").read_text("utf-8"))
    kinds = ", ".join(resources["properties"]["kind"]["enum"])
    assert [str(p) for p in check(data)[1]] == [
        f"data/resources/sauce-book.yml:4: kind: 'bok' is not one of {kinds} (did you mean 'book'?)"
    ]
    resource.write_text(valid, encoding="utf-8")
    # a schema edited between two checks (as under `mkdocs serve`) is read again
    schema = data / "schemas" / "glossary.schema.json"
    schema.write_text(schema.read_text().replace('"maxLength": 60', '"maxLength": 3'), "utf-8")
    assert [p.field for p in check(data)[1]] == ["terms[0].term"]


def test_a_quick_check_that_cannot_compare_leaves_the_answer_to_fastjsonschema(tmp_path):
    schemas = Schemas(write_data(tmp_path / "data") / "schemas")

    def cannot_compare(_value: Any) -> bool:
        raise TypeError("'<' not supported")

    schemas._quick["glossary.schema.json"] = cannot_compare
    valid = {"terms": [{"term": "Roux", "definition": "Flour cooked in fat, for sauces."}]}
    assert schemas.errors("glossary.schema.json", valid) == []
    assert schemas.errors("glossary.schema.json", {"terms": "Roux"}) == [
        (("terms",), "must be a list, not text 'Roux'; start each item's line with '- '")
    ]
