"""The browser's statuses, ratings and id rule have one owner: the progress schema and ids.py."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from handbook_engine.ids import ID_PATTERN, is_id
from handbook_engine.problems import DataError
from handbook_engine.reader_vocabulary import CORE_SCRIPT, STATUSES, reader_vocabulary
from handbook_engine.validate import build_handbook
from trees import SCHEMAS, write_data

MARKER_LINE = "  const VOCABULARY = /* handbook:vocabulary */ {};\n"


def _schemas(tmp_path, edit=None):
    folder = tmp_path / "data" / "schemas"
    shutil.copytree(SCHEMAS, folder)
    if edit:
        path = folder / "progress.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        edit(schema["$defs"])
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder


def _constants(script: str) -> dict:
    found = re.search(r"/\* handbook:vocabulary \*/ (.*);\n", script)
    assert found, script
    return json.loads(found.group(1))


def test_the_shipped_schema_labels_every_status_and_rating():
    vocabulary, problems = reader_vocabulary(SCHEMAS)
    assert problems == []
    assert list(vocabulary.statuses) == list(STATUSES)
    assert all(label and label != value for value, label in vocabulary.statuses.items())
    assert all(vocabulary.symbols[value] for value in STATUSES)
    assert [r.value for r in vocabulary.ratings] == [0, 1, 2, 3]
    assert all(r.name and r.description for r in vocabulary.ratings)


def test_relabelled_statuses_and_ratings_reach_the_handbook(tmp_path):
    def french(defs):
        defs["status"]["x-labels"]["done"] = "Terminé"
        defs["status"]["x-symbols"]["done"] = "✔"
        defs["rating"]["x-labels"]["3"] = "Autonome"
        defs["rating"]["x-descriptions"]["3"] = "Je le fais seul."

    data = write_data(tmp_path / "data")
    path = data / "schemas" / "progress.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    french(schema["$defs"])
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    reader = build_handbook(data).reader
    assert reader.statuses["done"] == "Terminé" and reader.symbols["done"] == "✔"
    assert (reader.ratings[3].name, reader.ratings[3].description) == (
        "Autonome",
        "Je le fais seul.",
    )


@pytest.mark.parametrize(
    ("edit", "field", "says"),
    [
        (
            lambda d: d["status"].update(enum=["todo", "doing", "finished", "skipped"]),
            "status",
            'enum must be ["todo", "doing", "done", "skipped"]; relabel, not rename',
        ),
        (
            lambda d: d["status"].update(enum=["doing", "todo", "done", "skipped"]),
            "status",
            'enum must be ["todo", "doing", "done", "skipped"]',
        ),
        (lambda d: d["rating"].update(enum=[1, 2, 3, 4, 5]), "rating", "enum must be [0, 1, 2, 3]"),
        (lambda d: d["status"]["x-symbols"].pop("doing"), "status", "x-symbols has none for doing"),
        (
            lambda d: d["rating"]["x-descriptions"].pop("0"),
            "rating",
            "x-descriptions has none for 0",
        ),
    ],
)
def test_a_vocabulary_the_browser_cannot_use_is_refused_with_file_line_and_field(
    tmp_path, edit, field, says
):
    folder = _schemas(tmp_path, edit)
    _, problems = reader_vocabulary(folder)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.field) == ("data/schemas/progress.schema.json", f"$defs.{field}")
    assert says in problem.message
    lines = (folder / "progress.schema.json").read_text(encoding="utf-8").splitlines()
    assert f'"{field}"' in lines[problem.line - 1]


def test_check_and_build_refuse_a_renamed_status_before_anything_is_rendered(tmp_path):
    data = write_data(tmp_path / "data")
    path = data / "schemas" / "progress.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["status"]["enum"][2] = "finished"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        build_handbook(data)
    assert "data/schemas/progress.schema.json:" in str(raised.value)
    assert "$defs.status: enum must be" in str(raised.value)


def test_a_missing_progress_schema_is_named(tmp_path):
    folder = _schemas(tmp_path)
    (folder / "progress.schema.json").unlink()
    _, problems = reader_vocabulary(folder)
    assert [str(p) for p in problems] == [
        "data/schemas/progress.schema.json:1: is missing or not UTF-8 text; "
        "restore it from the handbook's own"
    ]


def test_the_core_script_gets_the_vocabulary_written_in_once_and_again_the_same(tmp_path):
    vocabulary, _ = reader_vocabulary(SCHEMAS)
    script = tmp_path / CORE_SCRIPT
    script.parent.mkdir(parents=True)
    script.write_text(f"(() => {{\n{MARKER_LINE}  const ID = 1;\n}})();\n", encoding="utf-8")
    assert vocabulary.fill_script(tmp_path) == ""
    once = script.read_text(encoding="utf-8")
    # a second fill (a rebuild over the same folder) writes the same bytes
    assert vocabulary.fill_script(tmp_path) == ""
    assert script.read_text(encoding="utf-8") == once
    constants = _constants(once)
    assert constants == {
        "id": ID_PATTERN,
        "statuses": vocabulary.statuses,
        "boxes": vocabulary.symbols,
        "topRating": 3,
    }
    assert once.endswith("  const ID = 1;\n})();\n")


def test_the_written_id_rule_accepts_and_refuses_what_the_engine_does(tmp_path):
    vocabulary, _ = reader_vocabulary(SCHEMAS)
    pattern = re.compile(f"^{json.loads(vocabulary.script_constants())['id']}$")
    for candidate in ["a", "a-1", "ab-cd-ef", "a--b", "-a", "a-", "A", "a_b", "é", ""]:
        # JavaScript's `$` (no m flag) ends the string as the engine's full match does
        assert (pattern.fullmatch(candidate) is not None) == is_id(candidate), candidate


def test_a_label_cannot_close_a_script_element():
    vocabulary, _ = reader_vocabulary(SCHEMAS)
    hostile = type(vocabulary)(
        {**vocabulary.statuses, "done": "</script><script>alert(1)</script>"},
        vocabulary.symbols,
        vocabulary.ratings,
    )
    written = hostile.script_constants()
    assert "</" not in written
    assert json.loads(written)["statuses"]["done"] == "</script><script>alert(1)</script>"


def test_a_core_script_without_its_marker_is_named_and_no_script_is_fine(tmp_path):
    vocabulary, _ = reader_vocabulary(SCHEMAS)
    assert vocabulary.fill_script(tmp_path) == ""  # a fork with its own scripts
    script = tmp_path / CORE_SCRIPT
    script.parent.mkdir(parents=True)
    script.write_text("const STATUSES = {};\n", encoding="utf-8")
    problem = vocabulary.fill_script(tmp_path)
    assert problem.startswith(f"docs/{CORE_SCRIPT} must have exactly one line")
    assert script.read_text(encoding="utf-8") == "const STATUSES = {};\n"
    script.write_text(MARKER_LINE * 2, encoding="utf-8")
    assert vocabulary.fill_script(tmp_path).startswith(f"docs/{CORE_SCRIPT} must have")


def test_the_shipped_core_script_has_the_marker_and_no_copied_vocabulary():
    from trees import ROOT

    source = (ROOT / "docs" / CORE_SCRIPT).read_text(encoding="utf-8")
    assert source.count(MARKER_LINE) == 1
    # nothing the vocabulary owns is written out by hand
    vocabulary, _ = reader_vocabulary(SCHEMAS)
    for label in vocabulary.statuses.values():
        assert f'"{label}"' not in source, label
    assert ID_PATTERN not in source


def test_the_data_reference_lists_the_statuses_a_progress_file_may_hold():
    from handbook_engine.escape import md_text
    from handbook_engine.schema_reference import render_schema_reference
    from handbook_engine.schemas import Schemas

    vocabulary, _ = reader_vocabulary(SCHEMAS)
    page = render_schema_reference(Schemas(SCHEMAS).all()).markdown
    section = page[page.index("{ #progress }") :]
    statuses = ", ".join(f"{value} ({label})" for value, label in vocabulary.statuses.items())
    assert f"| `statuses` | no | object | {md_text(statuses)} |" in section
    assert "| `format` | no | " in section and "exactly handbook-progress" in section


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda d: d["status"].__setitem__("x-symbols", ["a"]), "x-symbols has none for todo"),
        (lambda d: d["rating"].__setitem__("x-descriptions", "0123"), "x-descriptions has none"),
        (lambda d: d["rating"]["x-descriptions"].__setitem__("2", " "), "has none for 2"),
    ],
    ids=["symbols-a-list", "descriptions-text", "description-blank"],
)
def test_symbols_and_descriptions_that_are_not_text_are_refused(tmp_path, edit, says):
    _, problems = reader_vocabulary(_schemas(tmp_path, edit))
    assert [says in p.message for p in problems] == [True], problems
