"""`handbook review`: the resources due to be opened again and their `why` confirmed.

A link checker proves an address answers, not that the work still says what its card claims; a
person has to look. Each resource is due its review interval (data/review.yml) after its
`checked` date, or after `added` until someone checks it. The link check never moves the date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .model import Handbook, Resource
from .problems import counted


@dataclass(frozen=True)
class Due:
    resource: Resource
    since: date  # last checked, or added
    checked: bool  # whether `since` is a review (else the date it was added)
    months: int
    due: date


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def last_checked(resource: Resource) -> date:
    return date.fromisoformat(resource.checked or resource.added)


def overdue(handbook: Handbook, today: date) -> list[Due]:
    """Resources whose review is due on or before `today`, the longest unchecked first."""
    found = []
    for r in handbook.resources:
        since = last_checked(r)
        months = handbook.review.months(r)
        due = add_months(since, months)
        if due <= today:
            found.append(Due(r, since, r.checked is not None, months, due))
    return sorted(found, key=lambda d: (d.since, d.resource.id))


def report(items: list[Due], today: date) -> str:
    """Markdown: one list item per overdue resource (the links workflow counts list items)."""
    lines = ["# Resources due for review", ""]
    if not items:
        lines.append(f"Nothing is due on {today.isoformat()}.")
        return "\n".join(lines) + "\n"
    lines.append(
        "Open each work, confirm that its `why`, cost, level and time still hold, then set "
        "`checked` to the day you did."
    )
    lines.append("")
    for d in items:
        what = "checked" if d.checked else "added, never checked"
        lines.append(
            f"- {d.resource.source}: {d.resource.title} ({what} {d.since.isoformat()}; "
            f"every {d.months} months, due {d.due.isoformat()})"
        )
    lines += ["", f"{counted(len(items), 'resource')} due on {today}."]
    return "\n".join(lines) + "\n"
