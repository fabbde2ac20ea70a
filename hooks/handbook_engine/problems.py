"""A problem found in the data: where it is, which field, what is wrong, how to fix it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int
    field: str  # dotted path such as "skills[1].concepts[0].term", or "" for the whole file
    message: str
    # the cause of other problems (an id renamed in one file and not where it is named): shown
    # before them, whatever file it is in
    cause: bool = dataclasses.field(default=False, compare=False)

    def __str__(self) -> str:
        # a message may quote a contributor's text: escaped as a file name is (printable)
        where, message = f"{printable(self.path)}:{self.line}:", printable(self.message)
        field = printable(self.field)
        return f"{where} {field}: {message}" if field else f"{where} {message}"


def printable(text: str) -> str:
    """`text` with every character a terminal or log would act on written as an escape: a file
    name or a value is chosen by whoever sends the pull request, and one with a line break, a
    colour code or a direction mark in it could print a problem, or an "OK", that is not there."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def counted(number: int, noun: str) -> str:
    """'1 skill group', '2 skill groups'."""
    return f"{number} {noun if number == 1 else noun + 's'}"


def reading_order(problems: Iterable[Problem]) -> list[Problem]:
    """Causes first, then by file, line and field."""
    return sorted(problems, key=lambda problem: (not problem.cause, problem))


class DataError(Exception):
    """Raised once, with every problem found, when the data cannot be built."""

    def __init__(self, problems: list[Problem]):
        self.problems = reading_order(problems)
        head = f"{counted(len(self.problems), 'problem')} in the handbook data:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
