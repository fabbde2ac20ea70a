"""The JSON Schemas in data/schemas/: load them and validate data against them (schema_words.py
says what a problem means).

The schema files are written for contributors' editors, which read `pattern` as ECMAScript: there
`$` matches only at the very end. Python's `$` also matches before a final newline, so a value
such as "discovery\\n" would pass here and nowhere else. Patterns are therefore translated once,
when a schema is loaded, before either validator sees them.

Validators live in a `Schemas` object made for one check or build, never in a process-wide cache:
`mkdocs serve` must see an edited schema on the next rebuild.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .quick_schema import Check, compile_quick
from .schema_files import (
    REF_KEYS,
    SchemaFile,
    SchemaFileError,
    path_line,
    pointed,
    read_schema,
    walk_strings,
)
from .schema_words import Location, describe

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


def python_pattern(pattern: str) -> str:
    """An ECMAScript `pattern` as Python reads it: an unescaped `$` outside a class is `\\Z`."""
    out = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


def _for_python(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: python_pattern(value)
            if key == "pattern" and isinstance(value, str)
            else _for_python(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_for_python(item) for item in node]
    return node


def _has_float(data: Any) -> bool:
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, float):
            return True
        if isinstance(node, dict):
            stack += node.values()
        elif isinstance(node, list):
            stack += node
    return False


class Schemas:
    """The schemas of one data folder, compiled on first use for this check or build only."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._files: dict[str, SchemaFile] = {}
        self._quick: dict[str, Check | None] = {}
        self._fast: dict[str, Callable[[Any], Any]] = {}
        self._slow: dict[str, Draft202012Validator] = {}

    def raw(self, name: str) -> dict[str, Any]:
        """The schema as its file gives it (what the reference page and exports show)."""
        return self._file(name).schema

    def text(self, name: str) -> str:
        """The schema file's text, for the line of a key."""
        return self._file(name).text

    def _file(self, name: str) -> SchemaFile:
        if name not in self._files:
            self._files[name] = read_schema(self.folder / name)
        return self._files[name]

    def all(self) -> dict[str, dict[str, Any]]:
        return {p.name: self.raw(p.name) for p in sorted(self.folder.glob("*.schema.json"))}

    def _accepts(self, name: str, data: Any) -> bool:
        # valid without compiling the schema first (quick_schema.py); any other answer, and a
        # schema it cannot read exactly, goes on to fastjsonschema
        if name not in self._quick:
            self._quick[name] = compile_quick(_for_python(self.raw(name)))
        quick = self._quick[name]
        try:
            return quick is not None and quick(data)
        except (TypeError, ValueError):  # a value it cannot compare: fastjsonschema decides
            return False

    def _fast_check(self, name: str) -> Callable[[Any], Any]:
        # compiled to Python: tens of times faster than jsonschema for the common case, valid data
        if name not in self._fast:
            try:
                compiled = fastjsonschema.compile(_for_python(copy.deepcopy(self.raw(name))))
            except fastjsonschema.JsonSchemaDefinitionException:
                self._explainer(name)  # says where the schema is wrong
                raise
            self._fast[name] = compiled
        return self._fast[name]

    def _explainer(self, name: str) -> Draft202012Validator:
        # imported here: only data with problems needs jsonschema's explanations
        from jsonschema import Draft202012Validator, validators
        from jsonschema.exceptions import SchemaError

        if name not in self._slow:
            try:
                Draft202012Validator.check_schema(self.raw(name))
            except SchemaError as error:
                steps = [str(step) for step in error.absolute_path]
                raise SchemaFileError(
                    self.folder / name,
                    path_line(self.text(name), steps),
                    f"is not a valid JSON Schema at {'.'.join(steps) or 'the top'}: "
                    f"{error.message}",
                ) from None
            # YAML's 2020.0 is not the whole number 2020: JSON Schema would accept it, we do not
            checker = Draft202012Validator.TYPE_CHECKER.redefine(
                "integer", lambda _checker, value: type(value) is int
            )
            strict = validators.extend(  # type: ignore[no-untyped-call]
                Draft202012Validator, type_checker=checker
            )
            self._slow[name] = strict(_for_python(self.raw(name)))
        return self._slow[name]

    def diagnose(self) -> SchemaFileError | None:
        """The schema file behind a failure no data explains, and where: one JSON Schema cannot
        read, a reference to nothing, a pattern Python cannot compile. None when all are sound."""
        for path in sorted(self.folder.glob("*.json")):
            try:
                self._explainer(path.name)
                text, schema = self.text(path.name), self.raw(path.name)
                for steps, key, target in walk_strings(schema, REF_KEYS):
                    if not pointed(schema, target):
                        where = path_line(text, [*steps, key])
                        raise SchemaFileError(path, where, f"{key} {target!r} points at nothing")
                for steps, key, pattern in walk_strings(schema, ["pattern"]):
                    try:
                        re.compile(python_pattern(pattern))
                    except re.error as error:
                        where = path_line(text, [*steps, key])
                        raise SchemaFileError(
                            path, where, f"pattern {pattern!r} cannot be read here: {error}"
                        ) from None
            except SchemaFileError as error:
                return error
        return None

    def errors(self, name: str, data: Any) -> list[tuple[Location, str]]:
        """Every problem of `data` against schema `name`, as (location, message) pairs."""
        try:
            if not self._accepts(name, data):
                self._fast_check(name)(data)
        except fastjsonschema.JsonSchemaException as rejected:
            found = [pair for e in self._explainer(name).iter_errors(data) for pair in describe(e)]
            # the two validators must never disagree in the reader's favour: a reject stays one
            return found or [((), f"does not match the schema: {rejected}")]
        if _has_float(data):
            return [pair for e in self._explainer(name).iter_errors(data) for pair in describe(e)]
        return []
