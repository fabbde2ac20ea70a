"""Rules across files and fields that a JSON Schema cannot say: one function per rule.

Each returns a message, or None when the value passes. The checker (validate.py, cross_rules.py)
decides where a problem is reported.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import date, timedelta
from pathlib import Path

from .urls import is_site_root

# Beyond this the build is not measured to stay near-linear and under 2 GB of memory
# (benchmarks/RESULTS.md); `check` refuses at once instead of a build that runs for an hour.
MAX_RESOURCES = 20_000

# Works that live on a page of their own: their URL is that page, never the site's front door.
_WORKS_WITH_A_PAGE = frozenset({"article", "paper", "video", "podcast", "talk"})

# A glossary term becomes a tooltip wherever its exact text appears; a common word would put one
# on every page. Function words of English (the NLTK stop-word list, without contractions).
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)min)?")


def minutes(duration: str) -> int:
    """'1h30min' -> 90 (the schema has checked the shape)."""
    match = _DURATION.fullmatch(duration)
    if match is None:
        raise ValueError(f"not a duration: {duration!r}")
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def duration(total: int) -> str:
    """90 -> '1h30min': the form `minutes` reads."""
    hours, rest = divmod(total, 60)
    return (f"{hours}h" if hours else "") + (f"{rest}min" if rest else "")


def date_problem(value: str, after: str | None = None) -> str | None:
    """A real day, not after today; with `after` (the day it was added), not before that."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a real date"
    # A date to come is a typo, and it would hide the resource from every review until then.
    # One day of grace: the contributor's calendar may be ahead of this machine's.
    if day > date.today() + timedelta(days=1):
        return f"{value!r} is after today; give the day it happened"
    if after is not None and date_problem(after) is None and value < after:
        return f"'{value}' is before the resource was added ({after}); fix one of the two"
    return None


def year_problem(year: int) -> str | None:
    """A publication year not after this one (with date_problem's day of grace)."""
    if year > (date.today() + timedelta(days=1)).year:
        return f"{year} is after this year; give the year the edition you link came out"
    return None


def _theme_icons() -> Path | None:
    # the icon sets the theme bundles; found without importing it, as the engine never does
    spec = importlib.util.find_spec("material")
    return Path(spec.origin).parent / "templates" / ".icons" if spec and spec.origin else None


def icon_problem(icon: str) -> str | None:
    """An icon the theme does not have shows as its shortcode, ":material-compas:", in text."""
    folder = _theme_icons()
    family, _, name = icon.partition("-")
    if family == "fontawesome":  # fontawesome-solid-x is fontawesome/solid/x.svg
        style, _, name = name.partition("-")
        family = f"fontawesome/{style}"
    if folder is None or not folder.is_dir() or (folder / family / f"{name}.svg").is_file():
        return None
    return (
        f"the theme has no icon '{icon}'; find one and copy its shortcode (without the colons) "
        "at https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/#search"
    )


def site_root_problem(kind: str, url: str) -> str | None:
    if kind in _WORKS_WITH_A_PAGE and is_site_root(url):
        return f"a {kind} lives on a page of its own: link the work itself, not the site"
    return None


# Python-Markdown hides raw HTML and escapes behind placeholders such as "\x02wzxhzdk:3\x03"
# while it works, and the tooltips are matched inside them: a term that can match a part of one
# (its word, or its number) would replace a block of the page with the placeholder's text.
# The footnotes extension's two ("zz1337820767766393qq", "qq3936677670287331zz") likewise
# stand for a footnote's back-link and a no-break space until the page is finished.
_MARKDOWN_PLACEHOLDER = re.compile(r"(?:klzzwxh|wzxhzdk|hzzhzkh|amp)\b|(?:zz\d+qq|qq\d+zz)\b")


def term_problem(term: str) -> str | None:
    # tooltips match a term as it is written: "IT" in capitals is an abbreviation, not "it"
    abbreviation = len(term) > 1 and term.isupper()
    if term.casefold() in STOP_WORDS and not abbreviation:
        return f"'{term}' is a common word: as a term it would get a tooltip on every page"
    if not any(char.isalpha() for char in term):
        return f"'{term}' has no letter: a term needs at least one"
    if _MARKDOWN_PLACEHOLDER.match(term):
        return f"'{term}' starts with a word Markdown uses for its own placeholders; reword it"
    return None


def too_many_resources(count: int) -> str | None:
    if count > MAX_RESOURCES:
        return (
            f"{count:,} resource files; the engine is measured up to {MAX_RESOURCES:,} "
            "(benchmarks/RESULTS.md). Split the handbook or raise the limit after measuring."
        )
    return None
