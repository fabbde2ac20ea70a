"""Stage 4: pure functions from a Handbook to Markdown pages.

Page layout lives in Jinja templates (templates/*.md.j2) so a writer can change a page without
touching Python. Templates see the model and these filters: `md` (text made inert), `attr`,
`mdattr` (an attribute of an element Python-Markdown parses again), `href` and `duration`.
Nothing contributed reaches a page without one of them.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from .escape import attr, href, markdown_attr, md_text
from .exports import json_ld, safe_json
from .ids import resource_anchor, slug, topic_anchor
from .model import ConceptCheck, Handbook, Resource, Skill, Topic
from .roadmap import roadmap_html, skill_competencies, stage_maps

TEMPLATES = Path(__file__).parent / "templates"


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
PAGE_SIZE = 40  # resource cards per page: keeps every page under about 1,500 DOM nodes
TAG_FACETS = 60  # tags offered in the catalogue's tag filter, the most used first
CATALOGUE_ON_ONE_PAGE = 50  # up to this many, the catalogue is one page filtered in place


@dataclass(frozen=True)
class GeneratedPage:
    markdown: str
    source: str | None  # the data file (relative to data/) a reader edits to change this page
    title: str = ""  # plain text for <title> and the nav; the hook escapes it
    description: str = ""  # plain text for <meta name="description">
    in_nav: bool = True  # later pages of a long list are reached through their first page


def duration(total_minutes: int | None) -> str:
    """90 -> '1 h 30 min'; readers see hours and minutes, never a raw count."""
    if not total_minutes:
        return "0 min"
    hours, rest = divmod(total_minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def month(iso_date: str) -> str:
    """'2026-11-26' -> 'Nov 2026': when a person last confirmed a card, to the month."""
    return date.fromisoformat(iso_date).strftime("%b %Y")


def archived(url: str) -> str:
    """The Wayback Machine's copy of `url` (its own /web/<url> form; nothing is requested)."""
    return f"https://web.archive.org/web/{url}"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - Markdown out; templates escape each value with md/attr
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, attr=attr, mdattr=markdown_attr, href=href, slug=slug)
    env.filters.update(duration=duration)
    env.filters.update(res_anchor=resource_anchor, topic_anchor=topic_anchor)
    env.filters.update(month=month, archived=archived, last_checked=last_checked)
    env.filters.update(jsonld=json_ld, safe_json=safe_json)
    env.globals["relative"] = relative
    env.tests["first_is"] = lambda values, value: bool(values) and values[0] == value
    return env


def _render(template: str, **context: object) -> str:
    return _environment().get_template(template).render(**context)


def _level_order(handbook: Handbook) -> dict[str, int]:
    """Levels in the schema's order: the easiest first."""
    return {level: i for i, level in enumerate(handbook.vocabulary["level"])}


def _by_topic(skill: Skill, resources: list[Resource]) -> list[tuple[Topic | None, list[Resource]]]:
    """The skill's own topics with their resources, then resources filed under other groups."""
    groups = [(topic, [r for r in resources if r.topic == topic.id]) for topic in skill.topics]
    own_topics = {t.id for t in skill.topics}
    others = [r for r in resources if r.topic not in own_topics]
    return [(t, rs) for t, rs in groups if rs] + ([(None, others)] if others else [])


def _in_topic_order(handbook: Handbook, skill: Skill) -> list[Resource]:
    order = _level_order(handbook)
    mine = sorted(handbook.resources_of(skill.id), key=lambda r: (order[r.level], r.title))
    return [r for _topic, rs in _by_topic(skill, mine) for r in rs]


def _pages_of(
    first: str, items: list[Resource], size: int = PAGE_SIZE
) -> list[tuple[str, list[Resource]]]:
    """Split `items` into pages: `first` (e.g. skills/x.md), then skills/x/2.md, 3.md, ..."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    stem = first.removesuffix(".md").removesuffix("/index")
    return [(first if n == 1 else f"{stem}/{n}.md", chunk) for n, chunk in enumerate(chunks, 1)]


@cache
def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one docs page to another (both relative to docs/)."""
    here = [part for part in posixpath.dirname(from_page).split("/") if part]
    there = to_page.split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "/".join([".."] * (len(here) - shared) + there[shared:])


@dataclass(frozen=True)
class Layout:
    """Which page lists each resource: per skill group, and in the catalogue."""

    skill_pages: dict[str, list[tuple[str, list[Resource]]]]
    catalogue_pages: list[tuple[str, str | None, list[Resource]]]  # (path, skill id, items)
    _where: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for skill_id, pages in self.skill_pages.items():
            self._where.update(((skill_id, r.id), path) for path, items in pages for r in items)

    def skill_page_of(self, skill_id: str, resource_id: str) -> str:
        return self._where[(skill_id, resource_id)]


def layout(handbook: Handbook) -> Layout:
    skill_pages = {
        s.id: _pages_of(f"skills/{s.id}.md", _in_topic_order(handbook, s)) for s in handbook.skills
    }
    if len(handbook.resources) <= CATALOGUE_ON_ONE_PAGE:
        catalogue: list[tuple[str, str | None, list[Resource]]] = [
            ("catalogue/index.md", None, list(handbook.resources))
        ]
    else:
        catalogue = [
            (path, s.id, items)
            for s in handbook.skills
            for path, items in _pages_of(
                f"catalogue/{s.id}.md",
                sorted((r for r in handbook.resources if r.skills[0] == s.id), key=_by_title),
            )
        ]
    return Layout(skill_pages, catalogue)


def _by_title(resource: Resource) -> tuple[str, str]:
    return (resource.title.casefold(), resource.id)


def stage_minutes(handbook: Handbook, resource_ids: tuple[str, ...]) -> tuple[int, int]:
    """(minutes of the resources that state a time, count of those that do not)."""
    items = [handbook.resource(rid) for rid in resource_ids]
    return sum(r.minutes or 0 for r in items), sum(1 for r in items if r.minutes is None)


def last_checked(resource: Resource) -> str:
    """When a person last confirmed the resource (YYYY-MM-DD); the clock starts at `added`."""
    return resource.checked or resource.added


def a_year_before(day: date) -> date:
    """The same day a year earlier (29 February becomes the 28th)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def facets(handbook: Handbook) -> dict[str, dict[str, str]]:
    """Labels for the catalogue filters, in the order readers expect them."""
    used = {r.topic for r in handbook.resources}
    vocab = handbook.vocabulary
    tag_counts = Counter(t for r in handbook.resources for t in r.tags)
    return {
        "skill": {s.id: s.title for s in handbook.skills},
        "kind": {
            k: v for k, v in vocab["kind"].items() if any(r.kind == k for r in handbook.resources)
        },
        "cost": dict(vocab["cost"]),
        "level": dict(vocab["level"]),
        "topic": {t.id: t.title for s in handbook.skills for t in s.topics if t.id in used},
        # the most used tags only: a select of thousands helps nobody and weighs on the page
        "tag": {t: t for t in sorted(t for t, _n in tag_counts.most_common(TAG_FACETS))},
        # counted from the build date, which the page gives (data-checked-since)
        "checked": {"year": "In the last year"},
    }


def starters(handbook: Handbook, skill_id: str) -> list[Resource]:
    """Where a beginner in this group starts: its own resources, easiest first, path order next."""
    path_order = {rid: i for i, rid in enumerate(r for s in handbook.stages for r in s.resources)}
    mine = [r for r in handbook.resources_of(skill_id) if r.skills[0] == skill_id]
    order = _level_order(handbook)
    mine.sort(key=lambda r: (order[r.level], path_order.get(r.id, len(path_order)), r.id))
    return mine[:STARTERS]


def render_skill_cards(handbook: Handbook, base: str = "") -> str:
    """The home page's grid of skill group cards; `base` leads from the page to the docs root."""
    return _render("skill_cards.md.j2", handbook=handbook, base=base)


def render_block(
    name: str, handbook: Handbook, *, base: str, here: str, directory_urls: bool = True
) -> str | None:
    """A generated block a hand-written page asks for with <!-- handbook:NAME -->, or None."""
    if name == "skill-cards":
        return render_skill_cards(handbook, base)
    if name == "questions":
        review = url_between(here, REVIEW_PAGE, directory_urls)
        return _render("questions.md.j2", handbook=handbook, here=here, review=review)
    return None


REVIEW_PAGE = "you/review.md"
ROADMAP_PAGE = "roadmap.md"
QUESTIONS_BLOCK = "questions"  # <!-- handbook:questions -->: where the question bank is shown


def url_between(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """The URL of one built page relative to another (both given as docs pages), for HTML
    attributes and JSON, which MkDocs does not rewrite as it does Markdown links."""
    here = [part for part in page_url(from_page, directory_urls).split("/")[:-1] if part]
    there = page_url(to_page, directory_urls).split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"


def correct_index(check: ConceptCheck) -> int:
    """The position (from 0) of a check's one right option; validation made sure there is one."""
    return next(i for i, option in enumerate(check.options) if option.correct)


def review_deck(
    handbook: Handbook, directory_urls: bool = True, questions_page: str | None = None
) -> dict[str, list[dict[str, object]]]:
    """Every card the review queue may hold: glossary terms, concept checks and, when a page
    shows the question bank, interview questions. The text is the data's own plain text (the
    schemas say plain text and every page shows it literally), so the browser sets it as text."""

    def url(page: str, anchor: str) -> str:
        return f"{url_between(REVIEW_PAGE, page, directory_urls)}#{anchor}"

    cards: list[dict[str, object]] = [
        {
            "key": f"term-{slug(t.term)}",
            "kind": "term",
            "front": t.term,
            "back": [t.definition],
            "url": url("glossary.md", slug(t.term)),
            "skill": None,
        }
        for t in sorted(handbook.terms, key=lambda t: t.term)
    ]
    for check in handbook.checks:
        right = check.options[correct_index(check)]
        cards.append(
            {
                "key": f"check-{check.id}",
                "kind": "check",
                "front": check.question,
                "back": [f"Answer: {right.text}", right.why],
                "url": url("practice.md", f"check-{check.id}"),
                "skill": check.skill,
            }
        )
    if questions_page is not None:
        cards += [
            {
                "key": f"question-{q.id}",
                "kind": "question",
                "front": q.question,
                "back": list(q.points),
                "url": url(questions_page, f"q-{q.id}"),
                "skill": q.skill,
            }
            for q in handbook.questions
        ]
    return {"cards": cards}


def clip(text: str, limit: int = 160) -> str:
    """A meta description: whole words, at most `limit` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_url(path: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a docs page, relative to the site root."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def catalogue_index(handbook: Handbook, pages: Layout, directory_urls: bool = True) -> str:
    """A compact index of every resource for the catalogue filters when the list is split."""
    where = {r.id: path for path, _skill, items in pages.catalogue_pages for r in items}
    rows = [
        [
            r.id,
            r.title,
            ", ".join(r.authors),
            r.kind,
            r.cost,
            r.level,
            list(r.skills),
            r.topic,
            list(r.tags),
            r.minutes,
            last_checked(r),
            r.why,
            page_url(where[r.id], directory_urls) + f"#{resource_anchor(r.id)}",
        ]
        for r in handbook.resources
    ]
    columns = ["id", "title", "authors", "kind", "cost", "level", "skills", "topic", "tags"]
    # `why` too: the filters search title, authors and why, as they do on an unsplit page
    return safe_json({"columns": [*columns, "minutes", "checked", "why", "url"], "rows": rows})


def _schema_fields(
    schema: dict[str, Any], node: dict[str, Any], prefix: str = ""
) -> list[dict[str, str]]:
    """One row per field, nested objects and lists of objects flattened as parent.child."""
    rows = []
    required = set(node.get("required", []))
    for name, spec in node.get("properties", {}).items():
        spec = _resolve(schema, spec)
        items = _resolve(schema, spec.get("items", {})) if spec.get("type") == "array" else {}
        kind = spec.get("type", "one of the values" if "enum" in spec else "")
        if items:
            kind = (
                f"list of {items.get('type', 'values') if 'properties' not in items else 'entries'}"
            )
        allowed = spec.get("enum") or items.get("enum")
        rule = ", ".join(map(str, allowed)) if allowed else _rule(items or spec)
        rows.append(
            {
                "field": prefix + name,
                "required": "yes" if name in required else "no",
                "type": kind,
                "allowed": rule,
                "description": spec.get("description", ""),
            }
        )
        if "properties" in items:
            rows += _schema_fields(schema, items, f"{prefix}{name}[].")
    return rows


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = spec.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return spec
    return {**_resolve(schema, schema["$defs"][ref.removeprefix("#/$defs/")]), **spec}


def _rule(spec: dict[str, Any]) -> str:
    parts = []
    if "x-hint" in spec:
        parts.append(spec["x-hint"].removeprefix("is not ").removeprefix("must be "))
    for key, text in (
        ("minLength", "at least {} characters"),
        ("maxLength", "at most {}"),
        ("minItems", "at least {} items"),
        ("maxItems", "at most {} items"),
        ("minimum", "from {}"),
        ("maximum", "to {}"),
    ):
        if key in spec:
            parts.append(text.format(spec[key]))
    return "; ".join(parts)


def render_schema_reference(schemas: dict[str, dict[str, Any]]) -> GeneratedPage:
    """A contributor's reference to every data file, made from the JSON Schemas themselves."""
    first = ["resource.schema.json", "skills.schema.json", "path.schema.json"]
    order = sorted(schemas, key=lambda n: (first.index(n) if n in first else len(first), n))
    files = [(name, schemas[name], _schema_fields(schemas[name], schemas[name])) for name in order]
    return GeneratedPage(
        _render("schema_reference.md.j2", files=files),
        None,
        "Data reference",
        "Every field of the handbook's data files, generated from the JSON Schemas the build "
        "checks them against.",
        in_nav=False,  # a fork's own navigation may leave it out; links still reach it
    )


def render_roadmap(
    handbook: Handbook,
    directory_urls: bool = True,
    plan: Layout | None = None,
    questions_page: str | None = None,
) -> GeneratedPage:
    """The learning path as a diagram (roadmap.py lays it out); its links are built URLs, since
    MkDocs does not rewrite links in raw HTML."""
    pages = plan or layout(handbook)

    def link(page: str, anchor: str) -> str:
        url = quote(url_between(ROADMAP_PAGE, page, directory_urls), safe="/")
        return f"{url}#{anchor}" if anchor else url

    def card_page(resource_id: str) -> str:
        return pages.skill_page_of(handbook.resource(resource_id).skills[0], resource_id)

    diagram = roadmap_html(stage_maps(handbook, link, card_page, questions_page))
    return GeneratedPage(
        _render(
            "roadmap.md.j2",
            here=ROADMAP_PAGE,
            diagram=diagram,
            competencies=skill_competencies(handbook),
        ),
        "path.yml",
        "Roadmap",
        f"The learning path as a diagram: {len(handbook.stages)} stages with their concepts and "
        "resources, each a link, coloured by your progress.",
    )


def render_pages(
    handbook: Handbook,
    directory_urls: bool = True,
    plan: Layout | None = None,
    built: date | None = None,
    questions_page: str | None = None,
) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by its path relative to docs/ (`plan`: a layout already made;
    `built`: the build date, which the catalogue's "checked in the last year" counts from;
    `questions_page`: the hand-written page that shows the question bank, if one does)."""
    pages: dict[str, GeneratedPage] = {}
    count = len(handbook.resources)
    plan = plan or layout(handbook)

    def review(here: str) -> str:
        return url_between(here, REVIEW_PAGE, directory_urls)

    common = {
        "handbook": handbook,
        "layout": plan,
        "page_size": PAGE_SIZE,
        "by_topic": _by_topic,
        "review": review,
        "correct_index": correct_index,
    }
    for skill in handbook.skills:
        skill_pages = plan.skill_pages[skill.id]
        for number, (path, items) in enumerate(skill_pages, 1):
            context = {**common, "skill": skill, "pages": skill_pages, "items": items}
            if number == 1:
                markdown = _render("skill.md.j2", here=path, **context)
                title, description = skill.title, clip(skill.summary)
            else:
                markdown = _render("skill_more.md.j2", here=path, number=number, **context)
                title = f"{skill.title}: resources, page {number}"
                description = f"More resources for {skill.title}, page {number}."
            pages[path] = GeneratedPage(
                markdown, "skills.yml", title, description, in_nav=number == 1
            )
    pages["skills/.nav.yml"] = GeneratedPage(_render("skills_nav.yml.j2", handbook=handbook), None)
    split = len(plan.catalogue_pages) > 1 or plan.catalogue_pages[0][1] is not None
    pages["catalogue/index.md"] = GeneratedPage(
        _render(
            "catalogue.md.j2",
            here="catalogue/index.md",
            split=split,
            facets=facets(handbook),
            checked_since=a_year_before(built or date.today()).isoformat(),
            **common,
        ),
        None,
        "Resource catalogue",
        f"All {count} curated resources, with what each costs, who it is for, how long it "
        "takes and why it is worth your time; filter by group, kind, cost, level and time.",
    )
    if split:
        pages["catalogue/.nav.yml"] = GeneratedPage("nav:\n  - index.md\n", None)
        pages["catalogue/index.json"] = GeneratedPage(
            catalogue_index(handbook, plan, directory_urls), None
        )
        for skill in handbook.skills:
            group = [(path, items) for path, sid, items in plan.catalogue_pages if sid == skill.id]
            for number, (path, items) in enumerate(group, 1):
                pages[path] = GeneratedPage(
                    _render(
                        "catalogue_group.md.j2",
                        here=path,
                        skill=skill,
                        pages=group,
                        items=items,
                        number=number,
                        **common,
                    ),
                    None,
                    f"{skill.title}: catalogue" + (f", page {number}" if number > 1 else ""),
                    f"Resources for {skill.title}, by title"
                    + (f", page {number}." if number > 1 else "."),
                    in_nav=False,
                )
    staged = [handbook.resource(rid) for stage in handbook.stages for rid in stage.resources]
    pages["path.md"] = GeneratedPage(
        _render(
            "path.md.j2",
            here="path.md",
            stage_minutes=stage_minutes,
            staged=staged,
            base="",
            questions_page=questions_page if handbook.questions else None,
            **common,
        ),
        "path.yml",
        "Learning path",
        clip(
            handbook.path_intro
            or f"The learning path in {len(handbook.stages)} stages, with the resources of each."
        ),
    )
    pages[ROADMAP_PAGE] = render_roadmap(
        handbook, directory_urls, plan, questions_page if handbook.questions else None
    )
    pages["you/.nav.yml"] = GeneratedPage(_render("you_nav.yml.j2"), None)
    pages["you/progress.md"] = GeneratedPage(
        _render("progress.md.j2", here="you/progress.md", base="../", **common),
        None,
        "Your progress",
        "Your progress through the handbook, kept in this browser without an account; "
        "export it to a file and import it on another device.",
    )
    pages["you/self-assessment.md"] = GeneratedPage(
        _render(
            "self_assessment.md.j2",
            here="you/self-assessment.md",
            levels=RATINGS,
            starters={s.id: starters(handbook, s.id) for s in handbook.skills},
            base="../",
            **common,
        ),
        "skills.yml",
        "Self-assessment",
        "Rate yourself on the competencies of each skill group, see your weakest group and "
        "the resources to start with.",
    )
    deck = review_deck(handbook, directory_urls, questions_page)
    pages[REVIEW_PAGE] = GeneratedPage(
        _render("review.md.j2", here=REVIEW_PAGE, deck=deck, **common),
        None,
        "Review",
        "Review what you are learning in short daily sessions: glossary terms you add, concept "
        "checks you missed and interview questions you graded low, spaced out over days.",
    )
    pages["you/print.md"] = GeneratedPage(
        _render("print.md.j2", handbook=handbook),
        "path.yml",
        "Printable checklist",
        "The whole learning path as a printable checklist with your statuses.",
    )
    if handbook.checks or handbook.capstones:
        pages["practice.md"] = GeneratedPage(
            _render("practice.md.j2", here="practice.md", **common),
            "checks.yml",
            "Practice",
            f"{len(handbook.checks)} concept checks with an explanation for every answer, and "
            f"{len(handbook.capstones)} capstones with a rubric, by skill group.",
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
