"""The words the reader's browser uses, from one owner: statuses and ratings with their labels
(data/schemas/progress.schema.json) and the id rule (ids.py).

The browser's code gives each status and rating value a meaning (done and skipped finish a
resource; 3 is the top of the scale), so a schema may relabel them, say in another language, but
not change the values. The core script gets the vocabulary written into it at build time, in
place of the object after its `/* handbook:vocabulary */` marker: nothing is copied by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ids import ID_PATTERN
from .problems import Problem
from .schema_files import SchemaFileError, key_line, read_schema

PROGRESS_SCHEMA = "progress.schema.json"
CORE_SCRIPT = "javascripts/handbook.js"  # relative to the docs folder and to the built site
STATUSES = ("todo", "doing", "done", "skipped")
RATINGS = (0, 1, 2, 3)
_MARKER = re.compile(r"(/\* handbook:vocabulary \*/ )[^\n]*;")


@dataclass(frozen=True)
class Rating:
    value: int
    name: str
    description: str


@dataclass(frozen=True)
class ReaderVocabulary:
    statuses: dict[str, str]  # value -> label, in the schema's order (the order of a menu)
    symbols: dict[str, str]  # value -> the box printed beside a resource
    ratings: tuple[Rating, ...]

    def script_constants(self) -> str:
        """The object the core script reads its vocabulary from, as one line of JSON."""
        constants = {
            "id": ID_PATTERN,
            "statuses": self.statuses,
            "boxes": self.symbols,
            "topRating": self.ratings[-1].value,
        }
        # "</" cannot end a script element even if the script is ever inlined
        return json.dumps(constants, ensure_ascii=False).replace("</", "<\\/")

    def fill_script(self, folder: Path) -> str:
        """Write the vocabulary into `folder`'s copy of the core script; returns a problem, or
        "" (also when the folder has no such script: a fork may ship its own features)."""
        script = folder / CORE_SCRIPT
        if not script.is_file():
            return ""
        text = script.read_text(encoding="utf-8")
        filled, found = _MARKER.subn(lambda m: f"{m.group(1)}{self.script_constants()};", text)
        if found != 1:
            return (
                f"docs/{CORE_SCRIPT} must have exactly one line "
                "`const VOCABULARY = /* handbook:vocabulary */ {};` for the build to fill in"
            )
        script.write_text(filled, encoding="utf-8")
        return ""


def reader_vocabulary(folder: Path) -> tuple[ReaderVocabulary, list[Problem]]:
    """The vocabulary from the progress schema in `folder` (data/schemas), and a problem for
    each way it cannot serve the browser: file, line, field and what to do."""
    where = f"{folder.parent.name}/{folder.name}/{PROGRESS_SCHEMA}"
    try:
        text, schema = read_schema(folder / PROGRESS_SCHEMA)
    except SchemaFileError as error:
        return UNBUILT, [Problem(where, error.line, "", error.message)]
    defs = _mapping(schema, "$defs")
    status, rating = _mapping(defs, "status"), _mapping(defs, "rating")

    def problem(field: str, message: str) -> Problem:
        return Problem(where, key_line(text, field), f"$defs.{field}", message)

    problems = []
    for field, node, values, key in (
        ("status", status, STATUSES, "x-symbols"),
        ("rating", rating, RATINGS, "x-descriptions"),
    ):
        texts = _mapping(node, key)
        lacking = [str(v) for v in values if not _words(texts.get(str(v)))]
        if node.get("enum") != list(values):
            problems.append(problem(field, f"enum must be {_listed(values)}; relabel, not rename"))
        elif lacking:
            problems.append(problem(field, f"{key} has none for {', '.join(lacking)}"))
    if problems:
        return UNBUILT, problems
    labels, descriptions = rating.get("x-labels", {}), rating["x-descriptions"]
    return ReaderVocabulary(
        {v: str(status.get("x-labels", {}).get(v, v)) for v in STATUSES},
        {v: str(status["x-symbols"][v]) for v in STATUSES},
        tuple(Rating(v, str(labels.get(str(v), v)), str(descriptions[str(v)])) for v in RATINGS),
    ), []


def _mapping(node: dict[str, Any], key: str) -> dict[str, Any]:
    # a part of the schema that is not the mapping it should be reads as empty: reported below
    found = node.get(key)
    return found if isinstance(found, dict) else {}


def _words(text: object) -> bool:
    # a symbol or a description the reader can see: text that is not blank
    return isinstance(text, str) and bool(text.strip())


def _listed(values: tuple[object, ...]) -> str:
    # the browser's code gives each value a meaning (done and skipped finish a resource)
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


# what a handbook carries when the progress schema could not be read (a build then fails)
UNBUILT = ReaderVocabulary(
    {v: v for v in STATUSES},
    {v: "☐" for v in STATUSES},
    tuple(Rating(v, str(v), "") for v in RATINGS),
)
