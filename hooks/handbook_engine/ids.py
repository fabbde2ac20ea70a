"""Ids, anchors and slugs: one owner for every rule that names a thing in the handbook.

An id is lower-case letters and digits in runs joined by single hyphens. The schemas carry the
same rule as a `pattern` for editors; this module is where Python and the pages get it.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ID = re.compile(ID_PATTERN)

# Where a hand-written page asks for a generated block by its name: <!-- handbook:NAME -->
BLOCK_MARKER = re.compile(r"<!--\s*handbook:([a-z-]+)\s*-->")

# Names a browser finds on every plain object: as an id they would read state that was never
# saved (state["constructor"] is a function). Only `constructor` fits the id pattern today;
# the list is whole so that a looser pattern later cannot let the others in.
RESERVED = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)


# Names Windows keeps for devices: a resource file data/resources/con.yml cannot be checked out
# there, so no resource id takes one.
DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))}
)


def is_id(value: str) -> bool:
    """A whole-string match: no trailing newline slips through as `$` would let it."""
    return _ID.fullmatch(value) is not None and value not in RESERVED


def id_problem(value: str) -> str | None:
    if value in RESERVED:
        return f"'{value}' is a name every browser object already has; choose another id"
    if _ID.fullmatch(value) is None:
        return "use lower-case letters, digits and single hyphens, e.g. getting-started"
    return None


def resource_id_problem(value: str) -> str | None:
    """Why `value` cannot name a resource (its file in data/resources/), or None."""
    if value in DEVICE_NAMES:
        return f"'{value}' is a device name on Windows, where its file cannot be checked out"
    return id_problem(value)


def resource_anchor(resource_id: str) -> str:
    return f"res-{resource_id}"


def topic_anchor(topic_id: str) -> str:
    # topics share a skill page with concepts and fixed sections: their own prefix keeps the
    # page's ids unique whatever a concept is called
    return f"topic-{topic_id}"


# The fixed sections of a skill page; a concept id (its anchor) may not take one of them.
SKILL_PAGE_SECTIONS = frozenset({"why", "concepts", "competencies", "resources", "also-useful"})
# The prefixes of the anchors made from other ids. A concept or stage id is its own anchor on a
# page that also lists cards and topics, so it may not start like one of them.
GENERATED_PREFIXES = (resource_anchor(""), topic_anchor(""))


def anchor_problem(value: str) -> str | None:
    """Why an id that is its page's anchor (a concept's, a stage's) could clash, or None."""
    if value.startswith(GENERATED_PREFIXES):
        return (
            f"'{value}' starts like the anchors of resource cards and topics "
            f"({', '.join(GENERATED_PREFIXES)}); choose another id"
        )
    return None


def slug(value: str) -> str:
    """An anchor from a term, in whatever script it is written: 'A/B test' -> 'a-b-test',
    'Qualité' -> 'qualite', 'модель' -> 'модель' (an HTML id may hold any letter)."""
    letters = "".join(map(_latin_letter, value)).casefold()
    return re.sub(r"[\W_]+", "-", letters).strip("-") or "term"


def ascii_slug(value: str) -> str:
    """An id from a title or a name: 'The Mom Test' -> 'the-mom-test', 'Modélisation' ->
    'modelisation'; "" when nothing of it is in the Latin alphabet."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _latin_letter(char: str) -> str:
    # a Latin letter with marks keeps its letter (é -> e); any other character stays as it is
    parts = unicodedata.normalize("NFKD", char)
    plain = parts[0].isascii() and all(unicodedata.combining(c) for c in parts[1:])
    return parts[0] if plain else char
