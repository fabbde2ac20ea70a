"""An id renamed in skills.yml and nowhere else: its new name is named by no other file, while
the old one, which nothing defines any more, is named in many. Each of those places is a problem
of its own; the rename that caused them is said first, in skills.yml, where it was made."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .ids import is_id
from .schema_words import closest

Location = tuple[Any, ...]
KINDS = {"skill": "skill group", "topic": "topic", "concept": "concept"}
GUESSED = 20  # undefined ids of one kind at most: past that, guessing a rename is no help


def defined(skills: list[dict[str, Any]]) -> dict[tuple[str, str], Location]:
    """Where skills.yml defines each skill group, topic and concept id."""
    found: dict[tuple[str, str], Location] = {}
    for i, skill in enumerate(skills):
        found.setdefault(("skill", skill["id"]), ("skills", i, "id"))
        for field in ("topics", "concepts"):
            for j, item in enumerate(skill[field]):
                found.setdefault((field[:-1], item["id"]), ("skills", i, field, j, "id"))
    return found


def renames(
    skills: list[dict[str, Any]], named: Counter[tuple[str, str]]
) -> list[tuple[Location, str]]:
    """(where in skills.yml, message) for each id that no file names, paired with an id of its
    kind that nothing defines and two places or more name: the only such pair, or else the one
    closest in spelling. (An id named once is as likely a typo there, and that place's own
    problem suggests the right one.)"""
    ids = defined(skills)
    found = []
    for kind, label in KINDS.items():
        # an id its own rule refuses is told so by that rule, not taken for a rename
        unnamed = [v for (k, v) in ids if k == kind and not named[(k, v)] and is_id(v)]
        undefined = [v for (k, v), n in named.items() if k == kind and n > 1 and (k, v) not in ids]
        if len(undefined) > GUESSED:  # not one rename: each place is told, without a guess here
            continue
        for value in unnamed:
            only = len(unnamed) == len(undefined) == 1
            old = undefined[0] if only else closest(value, undefined)
            if old is None:
                continue
            found.append(
                (
                    ids[(kind, value)],
                    f"no other file names the {label} '{value}', while {named[(kind, old)]} "
                    f"places name '{old}', which nothing defines: if you renamed '{old}', rename "
                    f"it in those places too (listed below), or keep '{old}'",
                )
            )
    return found
