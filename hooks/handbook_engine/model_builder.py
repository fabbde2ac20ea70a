"""Stage 3: turn data that passed every check into the frozen model. Nothing is re-checked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .model import (
    Capstone,
    Competency,
    Concept,
    ConceptCheck,
    Handbook,
    Option,
    PageLink,
    Question,
    Resource,
    ReviewPolicy,
    RubricItem,
    Skill,
    Stage,
    Term,
    Topic,
)
from .problems import DataError, Problem
from .rules import minutes

if TYPE_CHECKING:
    from .cross_rules import Source
    from .reader_vocabulary import ReaderVocabulary


def text(value: str) -> str:
    """Fold the white space of a prose field: contributed text is one paragraph of plain text."""
    return " ".join(value.split())


def paragraphs(value: str) -> tuple[str, ...]:
    """Prose with blank lines between paragraphs: each paragraph folded on its own."""
    return tuple(text(part) for part in re.split(r"\n\s*\n", value) if part.strip())


def _skill(raw: dict[str, Any], shown_as: str) -> Skill:
    return Skill(
        id=raw["id"],
        title=raw["title"],
        summary=text(raw["summary"]),
        why=text(raw["why"]),
        topics=tuple(Topic(t["id"], t["title"], text(t["summary"])) for t in raw["topics"]),
        concepts=tuple(
            Concept(c["id"], c["term"], text(c["explanation"]), c.get("taught_in"))
            for c in raw["concepts"]
        ),
        competencies=tuple(
            Competency(c["id"], text(c["text"]), c.get("taught_in")) for c in raw["competencies"]
        ),
        icon=raw.get("icon"),
        guide=raw.get("guide"),
        source=shown_as,
    )


def _resource(resource_id: str, src: Source) -> Resource:
    raw = src.data
    return Resource(
        id=resource_id,
        title=raw["title"],
        url=raw["url"],
        kind=raw["kind"],
        authors=tuple(raw.get("authors", ())),
        skills=tuple(raw["skills"]),
        topic=raw["topic"],
        cost=raw["cost"],
        level=raw["level"],
        why=text(raw["why"]),
        added=raw["added"],
        checked=raw.get("checked"),
        time=raw.get("time"),
        minutes=minutes(raw["time"]) if "time" in raw else None,
        year=raw.get("year"),
        tags=tuple(raw.get("tags", ())),
        source=src.shown_as,
    )


def _stage(raw: dict[str, Any]) -> Stage:
    return Stage(
        id=raw["id"],
        title=raw["title"],
        goal=text(raw["goal"]),
        resources=tuple(raw["resources"]),
        concepts=tuple(raw.get("concepts", ())),
        skills=tuple(raw.get("skills", ())),
        pages=tuple(PageLink(p["title"], p["page"]) for p in raw.get("pages", ())),
    )


def build_model(
    sources: dict[str, Source | None],
    resources: dict[str, Source | None],
    vocabulary: dict[str, dict[str, str]],
    reader: ReaderVocabulary,
) -> Handbook:
    def items(name: str, file: str | None = None) -> list[dict[str, Any]]:
        src = sources.get(file or name)
        return list(src.data[name]) if src is not None else []

    skills_src = sources["skills"]
    if skills_src is None:  # the checker reports a missing skills file before it gets here
        raise DataError([Problem("data/skills.yml", 1, "", "is missing")])
    skills = tuple(_skill(raw, skills_src.shown_as) for raw in skills_src.data["skills"])
    concept_group = {c.id: s.id for s in skills for c in s.concepts}
    redirects = sources.get("redirects")
    path = sources["path"]
    return Handbook(
        skills=skills,
        resources=tuple(
            _resource(rid, src) for rid, src in sorted(resources.items()) if src is not None
        ),
        stages=tuple(_stage(raw) for raw in items("stages", "path")) if path is not None else (),
        terms=tuple(
            Term(raw["term"], text(raw["definition"])) for raw in items("terms", "glossary")
        ),
        path_intro=text(path.data.get("intro", "")) if path is not None else "",
        redirects=dict(redirects.data["redirects"]) if redirects is not None else {},
        rating_positions={
            skill: tuple(ids)
            for skill, ids in (redirects.data.get("competencies", {}) if redirects else {}).items()
        },
        vocabulary=vocabulary,
        reader=reader,
        questions=tuple(
            Question(
                q["id"],
                text(q["question"]),
                q["skill"],
                q["format"],
                tuple(text(p) for p in q["points"]),
                text(q["outline"]),
            )
            for q in items("questions")
        ),
        checks=tuple(
            ConceptCheck(
                c["id"],
                c["concept"],
                concept_group[c["concept"]],
                text(c["question"]),
                tuple(
                    Option(text(o["text"]), text(o["why"]), o.get("correct") is True)
                    for o in c["options"]
                ),
            )
            for c in items("checks")
        ),
        capstones=tuple(
            Capstone(
                c["id"],
                c["skill"],
                c["title"],
                paragraphs(c["scenario"]),
                text(c["deliverable"]),
                tuple(RubricItem(r["id"], text(r["text"])) for r in c["rubric"]),
                c.get("template"),
            )
            for c in items("capstones")
        ),
        review=ReviewPolicy(
            review.data["default"],
            dict(review.data.get("kinds", {})),
            dict(review.data.get("topics", {})),
        )
        if (review := sources.get("review")) is not None
        else ReviewPolicy(),
    )
