"""A quick "yes" for valid data, without compiling a schema to Python first.

fastjsonschema turns each schema into Python source and compiles it: for the handful of schemas
a build needs, that costs more than checking every data file. Most data is valid, so this module
answers the common question, "is this file valid?", by walking the schema itself, and answers
only for the keywords it knows exactly as fastjsonschema reads them.

It never says "no": anything it does not accept, a mistake or a keyword it does not know, goes
to fastjsonschema and jsonschema as before, so problems are found and worded as they always were.
What it accepts, fastjsonschema accepts too (a test compares the two on many values).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# fastjsonschema reads every unescaped `$` of a pattern, even inside [...], as the end of text
# (its DOLLAR_FINDER); this is the same expression, and a test keeps the two equal.
DOLLAR = re.compile(r"(?<!\\)\$")
# Words that never change what is valid. Anything else that fastjsonschema would act on and this
# module does not know (format, oneOf, default, which fills values in, ...) leaves the schema
# to fastjsonschema alone.
_NOTES = {"description", "title", "$schema", "$id", "$comment", "$defs", "definitions", "examples"}
_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "number": (int, float),
    "integer": (int,),
    "string": (str,),
    "array": (list, tuple),
    "object": (dict,),
}


class Unsupported(Exception):
    """The schema uses something this module does not check exactly: leave it to fastjsonschema."""


def compile_quick(schema: Any) -> Check | None:
    """A function that returns True only for data `schema` accepts, or None when the schema
    holds anything this module does not know."""
    try:
        return _Builder(schema).check(schema)
    except (Unsupported, re.error, TypeError, ValueError, KeyError, RecursionError):
        return None


def _all_true(_value: Any) -> bool:
    return True


def _unique_key(value: Any) -> Any:
    # fastjsonschema's own comparison for uniqueItems: True and 1 differ, lists and maps by value
    if hasattr(value, "items"):
        return frozenset({k: _unique_key(v) for k, v in value.items()}.items())
    if isinstance(value, (dict, list)):
        return tuple(_unique_key(v) for v in value)
    return (bool, value) if isinstance(value, bool) else value


def _equal_to(choice: Any) -> Check:
    # an enum value matches only a value of its own JSON type: 1 is not true, "1" is not 1
    if isinstance(choice, bool):
        return lambda v: isinstance(v, bool) and v is choice
    if isinstance(choice, (int, float)):
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v == choice
    if choice is None:
        return lambda v: v is None
    if isinstance(choice, str):
        return lambda v: isinstance(v, str) and v == choice
    raise Unsupported("enum of lists or mappings")


def _count(node: dict[str, Any], key: str) -> int | float:
    value = node[key]
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise Unsupported(f"{key} is not a number")
    return value


class _Builder:
    def __init__(self, root: Any):
        self.root = root
        self.refs: dict[str, Check] = {}

    def check(self, node: Any) -> Check:
        if node is True:
            return _all_true
        if not isinstance(node, dict):
            raise Unsupported("a schema that is not a mapping")
        checks: list[Check] = []
        for key in node:
            if key in _NOTES or key.startswith("x-") or key in _KEYWORDS or key == "$ref":
                continue
            raise Unsupported(key)
        if "$ref" in node:
            checks.append(self.ref(node["$ref"]))
        checks += [make(self, node) for key, make in _KEYWORDS.items() if key in node]
        checks = [c for c in checks if c is not _all_true]
        if not checks:
            return _all_true
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(c(v) for c in checks)

    def ref(self, target: Any) -> Check:
        # only references inside the same file ("#/$defs/name"), followed when first used so
        # that a schema may refer to itself
        if not isinstance(target, str) or not target.startswith("#"):
            raise Unsupported("a reference to another file")
        if target not in self.refs:
            node = self.root
            for part in filter(None, target[1:].split("/")):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            resolved: list[Check] = []
            self.refs[target] = lambda v: resolved[0](v)
            resolved.append(self.check(node))
        return self.refs[target]

    # one method per keyword; each returns a check of that keyword alone

    def type_(self, node: dict[str, Any]) -> Check:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        allowed = tuple(t for name in names for t in _TYPES[name])
        # whole numbers are ints only (fastjsonschema would take 2.0; data with a float is
        # explained by jsonschema anyway), and true/false is never a number
        no_bool = "boolean" not in names
        return lambda v: isinstance(v, allowed) and not (no_bool and isinstance(v, bool))

    def enum(self, node: dict[str, Any]) -> Check:
        if not isinstance(node["enum"], list):
            raise Unsupported("enum is not a list")
        choices = [_equal_to(c) for c in node["enum"]]
        return lambda v: any(c(v) for c in choices)

    def min_length(self, node: dict[str, Any]) -> Check:
        least = _count(node, "minLength")
        return lambda v: not isinstance(v, str) or len(v) >= least

    def max_length(self, node: dict[str, Any]) -> Check:
        most = _count(node, "maxLength")
        return lambda v: not isinstance(v, str) or len(v) <= most

    def pattern(self, node: dict[str, Any]) -> Check:
        if not isinstance(node["pattern"], str):
            raise Unsupported("pattern is not text")
        search = re.compile(DOLLAR.sub(r"\\Z", node["pattern"])).search
        return lambda v: not isinstance(v, str) or search(v) is not None

    def minimum(self, node: dict[str, Any]) -> Check:
        least = _count(node, "minimum")
        return lambda v: not _is_number(v) or v >= least

    def maximum(self, node: dict[str, Any]) -> Check:
        most = _count(node, "maximum")
        return lambda v: not _is_number(v) or v <= most

    def min_items(self, node: dict[str, Any]) -> Check:
        least = _count(node, "minItems")
        return lambda v: not isinstance(v, (list, tuple)) or len(v) >= least

    def max_items(self, node: dict[str, Any]) -> Check:
        most = _count(node, "maxItems")
        return lambda v: not isinstance(v, (list, tuple)) or len(v) <= most

    def unique_items(self, node: dict[str, Any]) -> Check:
        if not node["uniqueItems"]:
            return _all_true
        return lambda v: (
            not isinstance(v, (list, tuple)) or len(v) == len({_unique_key(x) for x in v})
        )

    def items(self, node: dict[str, Any]) -> Check:
        if node["items"] is False:
            return lambda v: not isinstance(v, (list, tuple)) or not v
        if not isinstance(node["items"], (dict, bool)):
            raise Unsupported("items as a list of schemas")
        each = self.check(node["items"])
        return lambda v: not isinstance(v, (list, tuple)) or all(each(x) for x in v)

    def required(self, node: dict[str, Any]) -> Check:
        names = node["required"]
        if not isinstance(names, list) or len(names) != len(set(names)):
            raise Unsupported("required is not a list of distinct names")
        if node.get("additionalProperties", True) is False and any(
            n not in node.get("properties", {}) for n in names
        ):
            raise Unsupported("a required field that may not be there")  # fastjsonschema refuses
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)

    def properties(self, node: dict[str, Any]) -> Check:
        fields = node["properties"]
        if not isinstance(fields, dict):
            raise Unsupported("properties is not a mapping")
        if any(isinstance(f, dict) and "default" in f for f in fields.values()):
            raise Unsupported("default")  # fastjsonschema writes defaults into the data
        checks = {name: self.check(spec) for name, spec in fields.items()}
        return lambda v: (
            not isinstance(v, dict) or all(checks[k](x) for k, x in v.items() if k in checks)
        )

    def additional(self, node: dict[str, Any]) -> Check:
        extra = node["additionalProperties"]
        known = set(node.get("properties", {}))
        if extra is True or extra == {}:
            return _all_true
        if extra is False:
            return lambda v: not isinstance(v, dict) or all(k in known for k in v)
        each = self.check(extra)
        return lambda v: (
            not isinstance(v, dict) or all(each(x) for k, x in v.items() if k not in known)
        )

    def property_names(self, node: dict[str, Any]) -> Check:
        names = node["propertyNames"]
        if names is False:
            return lambda v: not isinstance(v, dict) or not v
        each = self.check(names)
        return lambda v: not isinstance(v, dict) or all(each(k) for k in v)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# The keywords checked here; as in JSON Schema, each lets a value of another type pass.
_KEYWORDS: dict[str, Callable[[_Builder, dict[str, Any]], Check]] = {
    "type": _Builder.type_,
    "enum": _Builder.enum,
    "minLength": _Builder.min_length,
    "maxLength": _Builder.max_length,
    "pattern": _Builder.pattern,
    "minimum": _Builder.minimum,
    "maximum": _Builder.maximum,
    "minItems": _Builder.min_items,
    "maxItems": _Builder.max_items,
    "uniqueItems": _Builder.unique_items,
    "items": _Builder.items,
    "required": _Builder.required,
    "properties": _Builder.properties,
    "additionalProperties": _Builder.additional,
    "propertyNames": _Builder.property_names,
}
