"""The same work listed twice, or a copied resource file left half rewritten: the rules that
compare every resource with every other, and which of the two files they blame."""

from __future__ import annotations

import re
from collections import Counter
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


def repeats(sources: Sequence[S], age: Callable[[S], Any]) -> Iterator[tuple[S, str, str]]:
    """(newer file, field, message) for each value another file already has; `age` sorts the
    older of two files first, and the newer one is blamed."""
    for field, key, message in _SAME:
        seen: dict[str, list[S]] = {}
        for src in sources:
            value = src.data[field]
            if field == "url" and url_problem(value):
                continue  # told once, as a bad URL
            found = seen.setdefault(key(value), [])
            same = [s for s in found if field != "title" or not _told_apart(s.data, src.data)]
            if not same:
                found.append(src)
                continue
            older, newer = sorted((same[0], src), key=age)
            yield (
                newer,
                field,
                message.format(first=f"{older.shown_as}:{line_of(older.data, (field,))}"),
            )
            found[found.index(same[0])] = older


def _told_apart(one: Any, other: Any) -> bool:
    """Two works of nearly the same title that say they differ: editions of other years, or
    makers with no name in common (a course named after a book)."""
    years = one.get("year"), other.get("year")
    if all(years) and years[0] != years[1]:
        return True
    names = [{_words(n) for n in d.get("authors") or ()} for d in (one, other)]
    return all(names) and not names[0] & names[1]


# A `why` rewritten only at its edges ("In short: " in front, a name swapped) keeps most of its
# eight-word runs. A long one that shares half of them with another is that one's
# text; a short one, or one that quotes a sentence of another, is left alone.
_RUN = 8
_SHARED = 0.5
_LONG = 20  # runs: a `why` of about 27 words or more
_WORD = re.compile(r"\w+")


def near_copies(sources: Sequence[S], age: Callable[[S], Any]) -> Iterator[tuple[S, str, str]]:
    """(newer file, "why", message) for each long `why` that shares half its runs with another."""
    runs = [_runs(src.data["why"]) for src in sources]
    holders: dict[tuple[str, ...], list[int]] = {}
    for i, mine in enumerate(runs):
        for run in mine:
            holders.setdefault(run, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for found in holders.values():  # only the pairs that share a run are counted at all
        if len(found) > 1:
            shared.update((a, b) for n, a in enumerate(found) for b in found[n + 1 :])
    for (a, b), count in sorted(shared.items()):
        older, newer = sorted((a, b), key=lambda i: age(sources[i]))
        if len(runs[newer]) < _LONG or count < _SHARED * len(runs[newer]):
            continue
        if _words(sources[a].data["why"]) == _words(sources[b].data["why"]):
            continue  # the same text: `repeats` has said so
        where = f"{sources[older].shown_as}:{line_of(sources[older].data, ('why',))}"
        yield (
            sources[newer],
            "why",
            f"{count} of its {len(runs[newer])} eight-word runs are in the `why` of {where}; "
            "say in your own words why a reader should spend time on this work",
        )


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return set(zip(*(words[k:] for k in range(_RUN)), strict=False))
