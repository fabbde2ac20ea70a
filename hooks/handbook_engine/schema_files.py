"""Reading a schema file, and pointing at its lines: every schema problem names file and line.

A contributor who adds an enum value or a label edits these files by hand, so a broken one must
end a check with a line to look at, never with a traceback from the JSON or JSON Schema library.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple


class SchemaFileError(ValueError):
    """A schema file that cannot be read as a JSON object: where, and what to do."""

    def __init__(self, path: Path, line: int, message: str):
        # shown as the data folder names it (data/schemas/x.json), as every data problem is
        self.shown = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
        self.line, self.message = line, message
        super().__init__(f"{self.shown}:{line}: {message}")


class SchemaFile(NamedTuple):
    text: str  # as written: line numbers come from it
    schema: dict[str, Any]


def read_schema(path: Path) -> SchemaFile:
    """One schema file, read once for both its meaning and its line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise SchemaFileError(
            path, 1, "is missing or not UTF-8 text; restore it from the handbook's own"
        ) from None
    try:
        schema = json.loads(text, parse_constant=_not_json)
    except RecursionError:
        raise SchemaFileError(path, 1, "nests too deeply to read; restore it") from None
    except _NotJson as error:
        raise SchemaFileError(path, 1, f"{error} is not a JSON number; write a number") from None
    except json.JSONDecodeError as error:
        # the usual cause is a comma after the last item of a list or mapping, which JSON forbids
        raise SchemaFileError(
            path,
            error.lineno,
            f"is not valid JSON: {error.msg} (column {error.colno}); "
            "look for a comma after the last item or a missing quote",
        ) from None
    if not isinstance(schema, dict):
        raise SchemaFileError(path, 1, "must be a JSON object, {...}")
    for steps, key, target in walk_strings(schema, REF_KEYS):
        if not target.startswith("#"):  # the checker would fetch it: no address, no other file
            raise SchemaFileError(
                path,
                path_line(text, [*steps, key]),
                f"{key} {target!r} points outside the file; point inside it, as '#/$defs/...'",
            )
    return SchemaFile(text, schema)


class _NotJson(ValueError):
    pass


def _not_json(constant: str) -> Any:
    raise _NotJson(constant)  # NaN, Infinity: Python's json reads them, JSON has none


REF_KEYS = ("$ref", "$dynamicRef")


def walk_strings(
    schema: dict[str, Any], keys: Collection[str]
) -> Iterator[tuple[list[str], str, str]]:
    """Every text value under one of `keys`, wherever it is in the schema."""
    stack: list[tuple[list[str], Any]] = [([], schema)]
    while stack:  # by hand, not by recursion: a file may nest as deep as json allows
        steps, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            if isinstance(key, str) and key in keys and isinstance(child, str):
                yield steps, key, child
            elif isinstance(child, (dict, list)):
                stack.append(([*steps, str(key)], child))


def key_at(text: str, key: str, start: int = 0) -> int:
    """Where `key` is first a key (`"key": ...`) in a schema file from `start` on, else where it
    is first named (in a `required` list, say); 0 when it is nowhere."""
    found = re.compile(rf'"{re.escape(key)}"\s*:').search(text, start)
    return found.start() if found else max(text.find(f'"{key}"', start), 0)


def key_line(text: str, key: str) -> int:
    """The line of a schema file where `key` is first a key (1 when it is nowhere)."""
    return text[: key_at(text, key)].count("\n") + 1


def path_line(text: str, steps: Iterable[str]) -> int:
    """The line of a nested key, each step looked for after the one before it (list positions,
    which have no key, are skipped): near enough to put an editor on the spot."""
    at = 0
    for step in steps:
        if not step.isdigit():
            at = key_at(text, step, at)
    return text[:at].count("\n") + 1


def pointed(schema: dict[str, Any], target: str) -> bool:
    """Whether a reference inside the file ("#/$defs/id") names a part that is there."""
    node: Any = schema
    for step in target.removeprefix("#").strip("/").split("/") if target != "#" else []:
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return False
    return True
