"""Stage 4: pure functions from a Handbook to Markdown pages; `render_pages` assembles them all.

The page kit (templates, filters, URLs) is in templating.py, which page lists which resource in
layout.py, the practice and review pages in practice_pages.py, the roadmap in roadmap_page.py
and the data reference in schema_reference.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from markupsafe import Markup

from .exports import safe_json
from .ids import resource_anchor
from .layout import PAGE_SIZE, Layout, by_topic, layout, level_order
from .model import Handbook, Resource
from .practice_pages import (
    REVIEW_PAGE,
    correct_index,
    render_practice_page,
    render_questions,
    render_review_page,
    review_deck,
)
from .roadmap_page import ROADMAP_PAGE, render_roadmap
from .templating import (
    GeneratedPage,
    clip,
    last_checked,
    macro,
    page_url,
    render_template,
    url_between,
)

STARTERS = 5  # resources suggested per group on the self-assessment page
TAG_FACETS = 60  # tags offered in the catalogue's tag filter, the most used first


def stage_minutes(handbook: Handbook, resource_ids: tuple[str, ...]) -> tuple[int, int]:
    """(minutes of the resources that state a time, count of those that do not)."""
    items = [handbook.resource(rid) for rid in resource_ids]
    return sum(r.minutes or 0 for r in items), sum(1 for r in items if r.minutes is None)


def a_year_before(day: date) -> date:
    """The same day a year earlier (29 February becomes the 28th)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def facets(handbook: Handbook) -> list[tuple[str, str, dict[str, str]]]:
    """The catalogue's filters as (field name, label, {value: label of each option}), in the
    order readers expect them; the page writes them as its form (filters.js reads the names)."""
    used = {r.topic for r in handbook.resources}
    vocab = handbook.vocabulary
    tag_counts = Counter(t for r in handbook.resources for t in r.tags)
    kinds = {k: v for k, v in vocab["kind"].items() if any(r.kind == k for r in handbook.resources)}
    return [
        ("skill", "Skill group", {s.id: s.title for s in handbook.skills}),
        ("kind", "Kind", kinds),
        ("cost", "Cost", dict(vocab["cost"])),
        ("level", "Level", dict(vocab["level"])),
        (
            "topic",
            "Topic",
            {t.id: t.title for s in handbook.skills for t in s.topics if t.id in used},
        ),
        # the most used tags only: a select of thousands helps nobody and weighs on the page
        ("tag", "Tag", {t: t for t in sorted(t for t, _n in tag_counts.most_common(TAG_FACETS))}),
        # counted from the build date, which the page gives (data-checked-since)
        ("checked", "Checked", {"year": "In the last year"}),
    ]


def starters(handbook: Handbook, skill_id: str) -> list[Resource]:
    """Where a beginner in this group starts: its own resources, easiest first, path order next."""
    path_order = {rid: i for i, rid in enumerate(r for s in handbook.stages for r in s.resources)}
    mine = [r for r in handbook.resources_of(skill_id) if r.skills[0] == skill_id]
    order = level_order(handbook)
    mine.sort(key=lambda r: (order[r.level], path_order.get(r.id, len(path_order)), r.id))
    return mine[:STARTERS]


def once_per_resource(handbook: Handbook, name: str) -> Callable[[Resource], Markup]:
    """A macro of _macros.md.j2 that writes part of a resource's card, called once per resource:
    all of a card but its links to group pages is the same on the skill pages, the catalogue
    and the path, and writing it is most of the cost of rendering those pages."""
    part = macro("_macros.md.j2", name)
    written: dict[str, Markup] = {}

    def once(resource: Resource) -> Markup:
        if resource.id not in written:
            written[resource.id] = part(handbook, resource)
        return written[resource.id]

    return once


def render_skill_cards(handbook: Handbook, base: str = "") -> str:
    """The home page's grid of skill group cards; `base` leads from the page to the docs root."""
    return render_template("skill_cards.md.j2", handbook=handbook, base=base)


def render_block(
    name: str, handbook: Handbook, *, base: str, here: str, directory_urls: bool = True
) -> str:
    """A generated block a hand-written page asks for with <!-- handbook:NAME -->, or
    ValueError saying why the page cannot have it (the build and `check` report the same)."""
    if name == "skill-cards":
        return render_skill_cards(handbook, base)
    if name == "questions":
        return render_questions(handbook, here, directory_urls)
    raise ValueError(
        f"unknown block <!-- handbook:{name} -->; the blocks are skill-cards, questions"
    )


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
        # by title, as each group's list is: the results show the first few, in this order
        for r in sorted(handbook.resources, key=lambda r: r.title.casefold())
    ]
    columns = ["id", "title", "authors", "kind", "cost", "level", "skills", "topic", "tags"]
    # `why` too: the filters search title, authors, why and tags, as on an unsplit page's cards
    return safe_json({"columns": [*columns, "minutes", "checked", "why", "url"], "rows": rows})


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
        "card_head": once_per_resource(handbook, "resource_card_head"),
        "card_tail": once_per_resource(handbook, "resource_card_tail"),
        "layout": plan,
        "page_size": PAGE_SIZE,
        "by_topic": by_topic,
        "review": review,
        "correct_index": correct_index,
    }
    for skill in handbook.skills:
        skill_pages = plan.skill_pages[skill.id]
        for number, (path, items) in enumerate(skill_pages, 1):
            context = {**common, "skill": skill, "pages": skill_pages, "items": items}
            if number == 1:
                markdown = render_template("skill.md.j2", here=path, **context)
                title, description = skill.title, clip(skill.summary)
            else:
                markdown = render_template("skill_more.md.j2", here=path, number=number, **context)
                title = f"{skill.title}: resources, page {number}"
                description = f"More resources for {skill.title}, page {number}."
            pages[path] = GeneratedPage(
                markdown,
                "skills.yml",
                title,
                description,
                number == 1,
                "" if number == 1 else skill_pages[0][0],
            )
    pages["skills/.nav.yml"] = GeneratedPage(
        render_template("skills_nav.yml.j2", handbook=handbook), None
    )
    split = len(plan.catalogue_pages) > 1 or plan.catalogue_pages[0][1] is not None
    pages["catalogue/index.md"] = GeneratedPage(
        render_template(
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
                    render_template(
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
                    first_page="catalogue/index.md",
                )
    staged = [handbook.resource(rid) for stage in handbook.stages for rid in stage.resources]
    pages["path.md"] = GeneratedPage(
        render_template(
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
    pages["you/.nav.yml"] = GeneratedPage(render_template("you_nav.yml.j2"), None)
    pages["you/progress.md"] = GeneratedPage(
        render_template("progress.md.j2", here="you/progress.md", base="../", **common),
        None,
        "Your progress",
        "Your progress through the handbook, kept in this browser without an account; "
        "export it to a file and import it on another device.",
    )
    pages["you/self-assessment.md"] = GeneratedPage(
        render_template(
            "self_assessment.md.j2",
            here="you/self-assessment.md",
            levels=handbook.reader.ratings,
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
    pages[REVIEW_PAGE] = render_review_page(deck, common)
    pages["you/print.md"] = GeneratedPage(
        render_template("print.md.j2", handbook=handbook),
        "path.yml",
        "Printable checklist",
        "The whole learning path as a printable checklist with your statuses.",
    )
    if handbook.checks or handbook.capstones:
        pages["practice.md"] = render_practice_page(handbook, common)
    pages["glossary.md"] = GeneratedPage(
        render_template("glossary.md.j2", handbook=handbook, base=""),
        "glossary.yml",
        "Glossary",
        clip(
            f"{len(handbook.terms)} terms and abbreviations explained in plain words: "
            + ", ".join(t.term for t in handbook.terms[:12])
            + "."
        ),
    )
    return pages
