"""The same work listed twice, or a copied resource file left half rewritten: the rules that
compare every resource with every other, and which of the two files they blame."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from .loader import line_of
from .titles import title_key
from .urls import normalise_url, url_problem


class _Loaded(Protocol):
    data: Any
    shown_as: str


S = TypeVar("S", bound=_Loaded)


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


# the field; the key two values share when they say the same; what the newer file is told
_SAME: tuple[tuple[str, Callable[[str], str], str], ...] = (
    ("url", normalise_url, "this URL is already used by {first}"),
    (
        "title",
        title_key,
        "nearly the same title as {first}; if it is the same work, keep one file; if it is "
        "another edition or another work, give its `year` or its `authors`",
    ),
    # a copied file whose `why` was left as it was gives its card another work's reason to read
    (
        "why",
        _words,
        "the same text as {first}; say in your own words why a reader should spend time on "
        "this work",
    ),
)


# Works that share a title but say they differ are each compared with every earlier one: past
# this many, a title is asked to tell its work apart (a file of a thousand same titles would
# cost a million comparisons).
SAME_TITLE_LIMIT = 50


def repeats(sources: Sequence[S], age: Callable[[S], Any]) -> Iterator[tuple[S, str, str]]:
    """(newer file, field, message) for each value another file already has; `age` sorts the
    older of two files first, and the newer one is blamed."""
    traits = {id(src): _traits(src.data) for src in sources}
    for field, key, message in _SAME:
        seen: dict[str, list[S]] = {}
        for src in sources:
            value = src.data[field]
            if field == "url" and url_problem(value):
                continue  # told once, as a bad URL
            found = seen.setdefault(key(value), [])
            if field == "title" and len(found) >= SAME_TITLE_LIMIT:
                many = f"{len(found)} other resources have nearly this title"
                yield src, field, f"{many}; give one that tells this work apart"
                continue
            mine = traits[id(src)]
            same = next(
                (s for s in found if field != "title" or not _told_apart(traits[id(s)], mine)),
                None,
            )
            if same is None:
                found.append(src)
                continue
            older, newer = sorted((same, src), key=age)
            yield (
                newer,
                field,
                message.format(first=f"{older.shown_as}:{line_of(older.data, (field,))}"),
            )
            found[found.index(same)] = older


def _traits(data: Any) -> tuple[Any, frozenset[str]]:
    """What tells two works of one title apart: the year, and the makers' names."""
    return data.get("year"), frozenset(_words(n) for n in data.get("authors") or ())


def _told_apart(one: tuple[Any, frozenset[str]], other: tuple[Any, frozenset[str]]) -> bool:
    """Two works of nearly the same title that say they differ: editions of other years, or
    makers with no name in common (a course named after a book)."""
    (year, names), (other_year, other_names) = one, other
    if year and other_year and year != other_year:
        return True
    return bool(names and other_names) and names.isdisjoint(other_names)
