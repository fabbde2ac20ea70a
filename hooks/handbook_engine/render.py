"""Stage 4: pure functions from a Handbook to Markdown pages.

Page layout lives in Jinja templates (templates/*.md.j2) so a writer can change a page without
touching Python. Templates see the model and four filters: `md` (text made inert), `attr`,
`href` and `duration`. Nothing contributed reaches a page without one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .escape import attr, href, md_text, slug
from .exports import json_ld, safe_json
from .model import Handbook, Resource, Skill

TEMPLATES = Path(__file__).parent / "templates"

KIND_LABELS = {
    "book": "Book",
    "course": "Course",
    "article": "Article",
    "video": "Video",
    "podcast": "Podcast",
    "guide": "Guide",
    "tool": "Tool",
    "talk": "Talk",
    "newsletter": "Newsletter",
    "community": "Community",
}
COST_LABELS = {"free": "Free", "freemium": "Free to start", "paid": "Paid"}
LEVEL_LABELS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}


@dataclass(frozen=True)
class Rating:
    value: int
    name: str
    description: str


RATINGS = (
    Rating(0, "Not yet", "I have not done this and could not explain it yet."),
    Rating(1, "Aware", "I can explain it, but I have not done it."),
    Rating(2, "Practised", "I have done it once or twice, or with help."),
    Rating(3, "Confident", "I do it on my own and could teach it."),
)
STARTERS = 5  # resources suggested per group on the self-assessment page


@dataclass(frozen=True)
class GeneratedPage:
    markdown: str
    source: str | None  # the data file (relative to data/) a reader edits to change this page
    title: str = ""  # plain text for <title> and the nav; the hook escapes it
    description: str = ""  # plain text for <meta name="description">


def duration(total_minutes: int | None) -> str:
    """90 -> '1 h 30 min'; readers see hours and minutes, never a raw count."""
    if not total_minutes:
        return "0 min"
    hours, rest = divmod(total_minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - Markdown out; templates escape each value with md/attr
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, attr=attr, href=href, duration=duration, slug=slug)
    env.filters.update(jsonld=json_ld, safe_json=safe_json)
    env.tests["first_is"] = lambda values, value: bool(values) and values[0] == value
    env.globals.update(
        kind_labels=KIND_LABELS,
        cost_labels=COST_LABELS,
        level_labels=LEVEL_LABELS,
    )
    return env


_ENV = _environment()


def _render(template: str, **context: object) -> str:
    return _ENV.get_template(template).render(**context)


def _topic_groups(handbook: Handbook, skill: Skill) -> list[tuple[object, list[Resource]]]:
    """The skill's own topics with their resources, then resources filed under other groups."""
    mine = handbook.resources_of(skill.id)
    groups = [(topic, [r for r in mine if r.topic == topic.id]) for topic in skill.topics]
    own_topics = {t.id for t in skill.topics}
    others = [r for r in mine if r.topic not in own_topics]
    return [(t, rs) for t, rs in groups if rs] + ([(None, others)] if others else [])


def stage_minutes(handbook: Handbook, resource_ids: tuple[str, ...]) -> tuple[int, int]:
    """(minutes of the resources that state a time, count of those that do not)."""
    items = [handbook.resource(rid) for rid in resource_ids]
    return sum(r.minutes or 0 for r in items), sum(1 for r in items if r.minutes is None)


def facets(handbook: Handbook) -> dict[str, dict[str, str]]:
    """Labels for the catalogue filters, in the order readers expect them."""
    used = {r.topic for r in handbook.resources}
    return {
        "skill": {s.id: s.title for s in handbook.skills},
        "kind": {
            k: v for k, v in KIND_LABELS.items() if any(r.kind == k for r in handbook.resources)
        },
        "cost": dict(COST_LABELS),
        "level": dict(LEVEL_LABELS),
        "topic": {t.id: t.title for s in handbook.skills for t in s.topics if t.id in used},
        "tag": {t: t for t in sorted({t for r in handbook.resources for t in r.tags})},
    }


def starters(handbook: Handbook, skill_id: str) -> list[Resource]:
    """Where a beginner in this group starts: its own resources, easiest first, path order next."""
    path_order = {rid: i for i, rid in enumerate(r for s in handbook.stages for r in s.resources)}
    mine = [r for r in handbook.resources_of(skill_id) if r.skills[0] == skill_id]
    mine.sort(key=lambda r: (LEVEL_ORDER[r.level], path_order.get(r.id, len(path_order)), r.id))
    return mine[:STARTERS]


def render_skill_cards(handbook: Handbook, base: str = "") -> str:
    """The home page's grid of skill group cards; `base` leads from the page to the docs root."""
    return _render("skill_cards.md.j2", handbook=handbook, base=base)


def clip(text: str, limit: int = 160) -> str:
    """A meta description: whole words, at most `limit` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def render_pages(handbook: Handbook) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by its path relative to docs/."""
    pages: dict[str, GeneratedPage] = {}
    count = len(handbook.resources)
    for skill in handbook.skills:
        pages[f"skills/{skill.id}.md"] = GeneratedPage(
            _render(
                "skill.md.j2",
                handbook=handbook,
                skill=skill,
                groups=_topic_groups(handbook, skill),
                base="../",
            ),
            "skills.yml",
            skill.title,
            clip(skill.summary),
        )
    pages["skills/.nav.yml"] = GeneratedPage(_render("skills_nav.yml.j2", handbook=handbook), None)
    pages["catalogue/index.md"] = GeneratedPage(
        _render("catalogue.md.j2", handbook=handbook, facets=facets(handbook), base="../"),
        None,
        "Resource catalogue",
        f"All {count} curated resources, with what each costs, who it is for, how long it "
        "takes and why it is worth your time; filter by group, kind, cost, level and time.",
    )
    staged = [handbook.resource(rid) for stage in handbook.stages for rid in stage.resources]
    pages["path.md"] = GeneratedPage(
        _render(
            "path.md.j2",
            handbook=handbook,
            stage_minutes=stage_minutes,
            staged=staged,
            base="",
        ),
        "path.yml",
        "Learning path",
        clip(
            handbook.path_intro
            or f"The learning path in {len(handbook.stages)} stages, with the resources of each."
        ),
    )
    pages["you/.nav.yml"] = GeneratedPage(_render("you_nav.yml.j2"), None)
    pages["you/progress.md"] = GeneratedPage(
        _render("progress.md.j2", handbook=handbook, base="../"),
        None,
        "Your progress",
        "Your progress through the handbook, kept in this browser without an account; "
        "export it to a file and import it on another device.",
    )
    pages["you/self-assessment.md"] = GeneratedPage(
        _render(
            "self_assessment.md.j2",
            handbook=handbook,
            levels=RATINGS,
            starters={s.id: starters(handbook, s.id) for s in handbook.skills},
            base="../",
        ),
        "skills.yml",
        "Self-assessment",
        "Rate yourself on the competencies of each skill group, see your weakest group and "
        "the resources to start with.",
    )
    pages["you/print.md"] = GeneratedPage(
        _render("print.md.j2", handbook=handbook),
        "path.yml",
        "Printable checklist",
        "The whole learning path as a printable checklist with your statuses.",
    )
    pages["glossary.md"] = GeneratedPage(
        _render("glossary.md.j2", handbook=handbook, base=""),
        "glossary.yml",
        "Glossary",
        clip(
            f"{len(handbook.terms)} terms and abbreviations explained in plain words: "
            + ", ".join(t.term for t in handbook.terms[:12])
            + "."
        ),
    )
    return pages
