"""The labels of every enum in the schemas, `x-labels`: the one vocabulary of the handbook.

Templates, filters, exports and the browser read kinds, costs, levels, statuses and ratings from
here, so `check` and the build can never disagree about a value a label is missing for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .schema_files import key_at
from .schema_words import suggest
from .schemas import Schemas


def _enums(node: Any, name: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(field name, schema node) for every enum in a schema, wherever it is nested."""
    if isinstance(node, dict):
        if "enum" in node and name:
            yield name, node
        for key, child in node.items():
            if key in ("properties", "$defs"):
                for field, spec in child.items():
                    yield from _enums(spec, field)
            elif key == "items":
                yield from _enums(child, name)


def _labels_problem(field: str, node: dict[str, Any]) -> str | None:
    """What is wrong with the labels of one enum: a value without one, one for no value, one
    with no words, or labels that are not a mapping at all."""
    labels = node.get("x-labels", {})
    if not isinstance(node["enum"], list) or not isinstance(labels, dict):
        return f'{field}: enum must be a list and x-labels a mapping, {{"value": "Label"}}'
    values = [str(v) for v in node["enum"]]
    lacking = [v for v in values if v not in labels]
    stray = [k for k in labels if k not in values]
    blank = [k for k, v in labels.items() if not isinstance(v, str) or not v.strip()]
    if lacking:
        example = ", ".join(f'"{v}": "<what readers see>"' for v in lacking)
        return f"{field}: x-labels has no label for {', '.join(lacking)}; add {example} to it"
    if stray:
        named = ", ".join(f"{k}{suggest(k, values)}" for k in stray)
        return f"{field}: x-labels names {named}, not in its enum; fix or remove the label"
    if blank:
        return f"{field}: x-labels gives {', '.join(blank)} no words; write what readers see"
    return None


def vocabulary(schemas: Schemas) -> tuple[dict[str, dict[str, str]], list[tuple[str, int, str]]]:
    """Every enum's values with their labels, in the schema's order; one owner for both.

    Returns the vocabulary and (schema file, line, message) for each enum whose labels do not
    match its values, at the line of its x-labels (or of the field when it has none)."""
    vocab: dict[str, dict[str, str]] = {}
    missing: list[tuple[str, int, str]] = []
    for name, schema in schemas.all().items():
        text = schemas.text(name)
        for field, node in _enums(schema):
            problem = _labels_problem(field, node)
            if problem:
                at = key_at(text, field)
                if "x-labels" in node:
                    at = key_at(text, "x-labels", at)
                missing.append((name, text[:at].count("\n") + 1, problem))
            # The values stay known while a label is missing, so the rules that read them (the
            # kinds of review.yml) do not report each one as unknown; no page is rendered anyway.
            labels = node.get("x-labels", {})
            if not isinstance(node["enum"], list) or not isinstance(labels, dict):
                continue
            vocab[field] = {str(v): labels.get(str(v), str(v)) for v in node["enum"]}
    return vocab, missing
