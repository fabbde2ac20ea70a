"""The data reference page, made from the JSON Schemas themselves."""

from __future__ import annotations

from typing import Any

from .templating import GeneratedPage, render_template


def _schema_fields(
    schema: dict[str, Any], node: dict[str, Any], prefix: str = ""
) -> list[dict[str, str]]:
    """One row per field, nested objects and lists of objects flattened as parent.child."""
    rows = []
    required = set(node.get("required", []))
    for name, spec in node.get("properties", {}).items():
        spec = _resolve(schema, spec)
        items = _resolve(schema, spec.get("items", {})) if spec.get("type") == "array" else {}
        kind = spec.get("type", "one of the values" if "enum" in spec else "")
        if items:
            kind = (
                f"list of {items.get('type', 'values') if 'properties' not in items else 'entries'}"
            )
        # a mapping by id (the progress file's parts) is allowed what each of its values is
        values = spec.get("additionalProperties")
        each = _resolve(schema, values) if isinstance(values, dict) else {}
        allowed = spec.get("enum") or items.get("enum") or each.get("enum")
        labels = each.get("x-labels", {})
        shown = [f"{v} ({labels[str(v)]})" if str(v) in labels else str(v) for v in allowed or []]
        rule = ", ".join(shown) if allowed else _rule(items or spec)
        rows.append(
            {
                "field": prefix + name,
                "required": "yes" if name in required else "no",
                "type": kind,
                "allowed": rule,
                "description": spec.get("description", ""),
            }
        )
        if "properties" in items:
            rows += _schema_fields(schema, items, f"{prefix}{name}[].")
    return rows


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = spec.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return spec
    return {**_resolve(schema, schema["$defs"][ref.removeprefix("#/$defs/")]), **spec}


def _rule(spec: dict[str, Any]) -> str:
    parts = []
    if "x-hint" in spec:
        parts.append(spec["x-hint"].removeprefix("is not ").removeprefix("must be "))
    for key, text in (
        ("const", "exactly {}"),
        ("minLength", "at least {} characters"),
        ("maxLength", "at most {}"),
        ("minItems", "at least {} items"),
        ("maxItems", "at most {} items"),
        ("minimum", "from {}"),
        ("maximum", "to {}"),
    ):
        if key in spec:
            parts.append(text.format(spec[key]))
    return "; ".join(parts)


DATA_REFERENCE_PAGE = "contribute/data-reference.md"


def render_schema_reference(schemas: dict[str, dict[str, Any]]) -> GeneratedPage:
    """A contributor's reference to every data file, made from the JSON Schemas themselves."""
    first = ["resource.schema.json", "skills.schema.json", "path.schema.json"]
    order = sorted(schemas, key=lambda n: (first.index(n) if n in first else len(first), n))
    files = [(name, schemas[name], _schema_fields(schemas[name], schemas[name])) for name in order]
    return GeneratedPage(
        render_template("schema_reference.md.j2", files=files),
        None,
        "Data reference",
        "Every field of the handbook's data files, generated from the JSON Schemas the build "
        "checks them against.",
        in_nav=False,  # a fork's own navigation may leave it out; links still reach it
    )
