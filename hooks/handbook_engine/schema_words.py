"""What a JSON Schema problem means, in words a contributor can act on: the field, what it holds,
what it takes, and a guess at what was meant."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .ids import ascii_slug, is_id
from .problems import counted
from .rules import duration

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

Location = tuple[Any, ...]
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
}

PLACEHOLDER = "TODO"  # what `handbook new` writes where a value is still to be filled in
# zero-width and direction-changing characters: they hide or reorder what a reviewer reads.
# The joiners U+200C and U+200D stay allowed: Persian, Indic scripts and emoji need them.
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


# "2 hours", "180m", "3h30", "1.5 h": one number and its unit (a number after hours is minutes)
_LOOSE_DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m)?\s*(?:and\s+)?", re.I
)


def as_duration(text: str) -> str | None:
    """What a duration written another way means in the schema's form, if it is clear."""
    total, at, after_hours = 0.0, 0, False
    text = text.strip()
    while at < len(text):
        part = _LOOSE_DURATION.match(text, at)
        if part is None or part.end() == at:
            return None
        number, unit = float(part.group(1).replace(",", ".")), (part.group(2) or "").lower()
        if not unit and not after_hours:  # a number alone: minutes or hours?
            return None
        total += number * 60 if unit.startswith("h") else number
        after_hours, at = unit.startswith("h"), part.end()
    if not math.isfinite(total):  # "999…9 h": a float of that many digits is infinite
        return None
    return duration(round(total)) if total >= 1 and total == round(total) else None


def field_name(location: Iterable[Any]) -> str:
    """('skills', 1, 'id') -> 'skills[1].id'."""
    name = ""
    for step in location:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


def type_name(value: Any) -> str:
    names: dict[type, str] = {str: "text", bool: "true/false", int: "a number", float: "a number"}
    names |= {list: "a list", dict: "a mapping", type(None): "nothing"}
    return next((n for t, n in names.items() if isinstance(value, t)), type(value).__name__)


def suggest(value: Any, choices: Iterable[str]) -> str:
    if value == PLACEHOLDER:  # no value is a guess for it
        return f" (fill in the {PLACEHOLDER})"
    near = closest(value, choices)
    return f" (did you mean '{near}'?)" if near else ""


class Suggestions:
    """`suggest` for at most `budget` values: each looks through every choice, and a file of
    thousands of wrong ids among thousands of resources would keep a check busy for minutes.
    Past the budget a problem is still told, without its guess."""

    def __init__(self, budget: int = 200) -> None:
        self.left = budget

    def __call__(self, value: Any, choices: Iterable[str]) -> str:
        self.left -= 1
        return suggest(value, choices) if self.left >= 0 else ""


def closest(value: Any, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(str(value).lower(), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _shape(hint: object) -> str | None:
    """The shape a field's hint asks for: "is not a duration such as 6h" -> "a duration ..."."""
    if isinstance(hint, str) and hint.startswith(("is not ", "must be ")):
        return hint.split(" ", 2)[2]
    return None


def describe(error: ValidationError) -> Iterator[tuple[Location, str]]:
    """Turn one jsonschema error into (location, message) pairs a contributor can act on."""
    where = tuple(error.absolute_path)
    # jsonschema types these as unions with its "unset" marker; a raised error has them all
    value: Any = error.instance
    schema: Any = error.schema
    keyword: Any = error.validator
    expected: Any = error.validator_value
    hint = schema.get("x-hint") if isinstance(schema, dict) else None
    if value is None and keyword in ("enum", "type"):  # `level:` with nothing after it
        wanted = _TYPE_NAMES.get(str(schema.get("type")), "a value")
        if "enum" in schema:
            wanted = f"one of {', '.join(map(str, schema['enum']))}"
        yield where, f"is empty; give {_shape(hint) or wanted}"
    elif keyword == "required":
        missing = re.match(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else error.message
        allowed = schema.get("properties", {}).get(name, {}).get("enum")
        choices = f"; one of {', '.join(map(str, allowed))}" if allowed else ""
        yield (*where, name), f"required field is missing{choices}"
    elif keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for extra in value:
            if extra not in allowed:
                yield (
                    (*where, extra),
                    f"unknown field{suggest(extra, allowed)}; allowed: {', '.join(allowed)}",
                )
    elif keyword == "enum":
        options = [str(c) for c in expected]
        yield where, f"{value!r} is not one of {', '.join(options)}{suggest(value, options)}"
    elif keyword == "type" and expected == "string" and isinstance(value, dict) and len(value) == 1:
        # `- Cagan: Marty`: a colon and a space turned the writer's text into a mapping
        [(key, inner)] = value.items()
        shown = f'"{key}: {inner}"' if isinstance(inner, str | int) else '"..."'
        fix = f"put the whole value in quotes, {shown}"
        if key == "id" and isinstance(inner, str):  # `- id: x`, as skills.yml writes its own
            item = bool(where) and isinstance(where[-1], int)
            fix = (
                f"write '- {inner}', not '- id: {inner}'"
                if item
                else f"write the id alone, {inner}"
            )
        yield where, f"a colon and a space made this a mapping: {fix}"
    elif keyword == "type":
        wanted = _TYPE_NAMES.get(str(expected), str(expected))
        # `authors:` over `  Ada`: a list's items written without their "- " read as text;
        # `- guides/x.md` where an entry takes fields: name the fields it takes
        fix = "; start each item's line with '- '" if expected == "array" else ""
        if expected == "object" and schema.get("properties"):
            fix = f"; its fields: {', '.join(schema['properties'])}"
        if str(hint).startswith("is not a duration") and type(value) is int:
            fix = (
                f"; a number has no unit: {value} minutes is '{duration(value)}', hours '{value}h'"
            )
        yield where, f"must be {wanted}, not {type_name(value)} {value!r}{fix}"
    # what `handbook new` left to fill in: its comment beside each id field lists the choices
    elif value == PLACEHOLDER and keyword == "pattern":
        yield where, f"is still {PLACEHOLDER}; replace it with one of the ids its comment lists"
    elif value == PLACEHOLDER and keyword == "minLength":
        yield where, f"is still {PLACEHOLDER}; write text of at least {expected} characters"
    elif keyword == "pattern":
        hidden = _INVISIBLE.search(value) if isinstance(value, str) else None
        extra = (
            f" (U+{ord(hidden.group()):04X} is an invisible character; retype it)" if hidden else ""
        )
        as_id = ascii_slug(str(value))  # "Product Delivery", "Sauces"
        if not extra and str(hint).startswith("is not an id") and is_id(as_id):
            extra = f" (as an id: '{as_id}')"
        meant = as_duration(value) if str(hint).startswith("is not a duration") else None
        if not extra and meant:
            extra = f" (did you mean '{meant}'?)"
        yield where, f"{value!r} {hint or 'has the wrong form'}{extra}"
    elif keyword == "minLength":
        yield where, f"too short ({len(value)} characters; at least {expected})"
    elif keyword == "maxLength":
        yield where, f"too long ({len(value)} characters; at most {expected})"
    elif keyword == "minItems":
        yield where, f"needs at least {counted(expected, 'item')}"
    elif keyword == "maxItems":
        yield where, f"has {len(value)} items; at most {expected}"
    elif keyword == "uniqueItems":  # at the repeat's own line, naming it
        seen: list[Any] = []
        for i, item in enumerate(value):
            if item in seen:
                yield (*where, i), f"{item!r} is already listed above; keep one"
                break
            seen.append(item)
        else:
            yield where, "lists the same item twice; keep one"
    elif keyword in ("minimum", "maximum"):
        side = "at least" if keyword == "minimum" else "at most"
        yield where, f"{value!r} is out of range (must be {side} {expected})"
    else:
        yield where, error.message
