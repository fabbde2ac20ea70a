"""The rules across files: ids unique within a file, references to skills, topics, concepts,
resources and docs pages that exist, and the same work not listed twice.

Each rule reports through the callback it is given (Checker.report in validate.py), so where a
problem points is decided in one place: Source.problem, which asks loader.line_of for the line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import rules
from .ids import SKILL_PAGE_SECTIONS, anchor_problem, id_problem, is_id, slug
from .loader import line_of
from .problems import Problem
from .same_work import repeats
from .schema_words import Suggestions, field_name
from .urls import url_problem

Report = Callable[["Source", tuple[Any, ...], "str | None"], None]
# What the rules on a resource read: a file whose schema problems are all in other fields (its
# cost, level, time, tags) is checked against the other files in the same run.
RESOURCE_FIELDS_READ = frozenset(
    {"url", "kind", "added", "checked", "year", "skills", "topic", "title", "why", "authors"}
)


@dataclass
class Source:
    """One loaded file: its data, the path shown in problems, and a way to point at a line."""

    data: Any
    shown_as: str

    def problem(self, location: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.shown_as, line_of(self.data, location), field_name(location), message)


class CrossRules:
    """The rules across files, each a method given the loaded sources it needs."""

    def __init__(
        self, report: Report, docs_pages: set[str] | None, changed: set[str] | None = None
    ):
        self.report = report
        self.docs_pages = docs_pages
        self.changed = changed  # files this change adds or edits (as shown), when git knows
        self.suggest = Suggestions()
        # how often other files name each skill group, topic and concept, known or not
        self.named: Counter[tuple[str, str]] = Counter()

    # --- skills -----------------------------------------------------------------------------

    def skills(self, src: Source) -> None:
        seen: dict[str, tuple[Any, ...]] = {}

        def unique(kind: str, value: str, location: tuple[Any, ...]) -> None:
            key = f"{kind}:{value}"
            if key in seen:
                first = line_of(src.data, seen[key])
                self.report(src, location, f"{kind} id '{value}' is already used at line {first}")
            seen[key] = location
            self.report(src, location, _id_rule(value))

        for i, raw in enumerate(src.data["skills"]):
            unique("skill", raw["id"], ("skills", i, "id"))
            if "icon" in raw:
                self.report(src, ("skills", i, "icon"), rules.icon_problem(raw["icon"]))
            for j, topic in enumerate(raw["topics"]):
                unique("topic", topic["id"], ("skills", i, "topics", j, "id"))
            for j, concept in enumerate(raw["concepts"]):
                where = ("skills", i, "concepts", j)
                unique("concept", concept["id"], (*where, "id"))
                if concept["id"] in SKILL_PAGE_SECTIONS:
                    self.report(
                        src,
                        (*where, "id"),
                        f"'{concept['id']}' is the anchor of a fixed section of the skill page; "
                        f"choose another id (taken: {', '.join(sorted(SKILL_PAGE_SECTIONS))})",
                    )
                self.report(src, (*where, "id"), anchor_problem(concept["id"]))
                self._page_link(src, (*where, "taught_in"), concept.get("taught_in"))
            for j, competency in enumerate(raw["competencies"]):
                where = ("skills", i, "competencies", j)
                unique("competency", competency["id"], (*where, "id"))
                self._page_link(src, (*where, "taught_in"), competency.get("taught_in"))
            self._page_link(src, ("skills", i, "guide"), raw.get("guide"))

    def _page_link(self, src: Source, where: tuple[Any, ...], link: str | None) -> None:
        """A page named in data must exist in docs/ (its anchor is checked at build)."""
        if link and self.docs_pages is not None:
            page = link.split("#", 1)[0]
            if page not in self.docs_pages:
                self.report(src, where, f"no page docs/{page} exists")

    # --- resources --------------------------------------------------------------------------

    def resource(self, src: Source, skills: list[dict[str, Any]]) -> None:
        raw = src.data
        skill_ids = [s["id"] for s in skills]
        self.report(src, ("url",), url_problem(raw["url"]))
        self.report(src, ("url",), rules.site_root_problem(raw["kind"], raw["url"]))
        for name in ("added", "checked"):  # a resource is checked after it is added
            if name in raw:
                after = raw["added"] if name == "checked" else None
                self.report(src, (name,), rules.date_problem(raw[name], after=after))
        if "year" in raw:
            self.report(src, ("year",), rules.year_problem(raw["year"]))
        self.named.update([("skill", s) for s in raw["skills"]] + [("topic", raw["topic"])])
        for i, skill_id in enumerate(raw["skills"]):
            if skill_id not in skill_ids:
                self.report(
                    src,
                    ("skills", i),
                    f"unknown skill group '{skill_id}'{self.suggest(skill_id, skill_ids)}; "
                    f"groups: {', '.join(skill_ids)}",
                )
        own_topics = [t["id"] for s in skills if s["id"] in raw["skills"] for t in s["topics"]]
        known = all(skill_id in skill_ids for skill_id in raw["skills"])  # else told above
        if known and own_topics and raw["topic"] not in own_topics:
            home = [s["id"] for s in skills if raw["topic"] in [t["id"] for t in s["topics"]]]
            what = f"'{raw['topic']}' is not a topic of {', '.join(raw['skills'])}"
            if home:  # a topic of another group: the resource may belong to that group too
                what = f"'{raw['topic']}' is a topic of {home[0]}: add {home[0]} to skills, or"
                what += f" choose a topic of {', '.join(raw['skills'])}"
            else:
                what += self.suggest(raw["topic"], own_topics)
            self.report(src, ("topic",), f"{what}; topics: {', '.join(own_topics)}")

    def _age(self, src: Source) -> tuple[bool, str, str]:
        """Sorts older first: unchanged before changed (against the base branch), then by
        `added`, then by file name."""
        changed = self.changed is not None and src.shown_as in self.changed
        return (changed, str(src.data.get("added", "")), src.shown_as)

    def duplicates(self, sources: list[Source]) -> None:
        """The same work twice, or a copied file's text (same_work.py): the newcomer is told,
        the file this change adds or edits, else the later added."""
        for newer, field, message in repeats(sources, self._age):
            self.report(newer, (field,), message)

    # --- path, glossary, redirects ------------------------------------------------------------

    def path(self, src: Source, skills_src: Source | None, resource_ids: set[str]) -> None:
        skills = skills_src.data["skills"] if skills_src else []
        concept_ids = [c["id"] for s in skills for c in s["concepts"]]
        skill_ids = [s["id"] for s in skills]
        known_resources = sorted(resource_ids)
        placed: dict[str, int] = {}
        stage_ids: dict[str, int] = {}
        for i, raw in enumerate(src.data["stages"]):
            if raw["id"] in stage_ids:
                self.report(
                    src,
                    ("stages", i, "id"),
                    f"stage id '{raw['id']}' is already used at line {stage_ids[raw['id']]}",
                )
            self.report(
                src, ("stages", i, "id"), None if is_id(raw["id"]) else id_problem(raw["id"])
            )
            self.report(src, ("stages", i, "id"), anchor_problem(raw["id"]))
            stage_ids[raw["id"]] = line_of(src.data, ("stages", i, "id"))
            for j, rid in enumerate(raw["resources"]):
                where = ("stages", i, "resources", j)
                if rid not in resource_ids:
                    hint = self.suggest(rid, known_resources)
                    self.report(src, where, f"no resource data/resources/{rid}.yml{hint}")
                elif rid in placed:
                    self.report(src, where, f"'{rid}' is already in stage at line {placed[rid]}")
                else:
                    placed[rid] = stage_ids[raw["id"]]
            for field, known in (("concepts", concept_ids), ("skills", skill_ids)):
                self.named.update((field[:-1], value) for value in raw.get(field, []))
                for j, value in enumerate(raw.get(field, [])):
                    if skills and value not in known:  # no skills: skills.yml was reported
                        kind = "concept" if field == "concepts" else "skill group"
                        self.report(
                            src,
                            ("stages", i, field, j),
                            f"unknown {kind} '{value}'{self.suggest(value, known)}",
                        )
            for j, link in enumerate(raw.get("pages", [])):
                self._page_link(src, ("stages", i, "pages", j, "page"), link["page"])

    def terms(self, src: Source) -> None:
        seen: dict[str, int] = {}
        for i, raw in enumerate(src.data["terms"]):
            where = ("terms", i, "term")
            key = slug(raw["term"])
            if key in seen:
                self.report(
                    src,
                    where,
                    f"'{raw['term']}' is already defined at line {seen[key]} "
                    "(terms that differ only in case or punctuation share an anchor)",
                )
            seen[key] = line_of(src.data, where)
            self.report(src, where, rules.term_problem(raw["term"]))

    def redirects(self, src: Source, skills_src: Source | None, known: set[str]) -> None:
        redirects = src.data["redirects"]
        for old, new in redirects.items():
            where = ("redirects", old)
            self.report(src, where, _id_rule(old))
            if old in known:
                self.report(src, where, f"'{old}' is a current resource; an id is never reused")
            if new in redirects:
                self.report(src, where, f"'{new}' is itself renamed; point to the id it has now")
            elif new not in known:
                self.report(
                    src, where, f"no resource data/resources/{new}.yml{self.suggest(new, known)}"
                )
        groups = {
            s["id"]: [c["id"] for c in s["competencies"]]
            for s in (skills_src.data["skills"] if skills_src else [])
        }
        for skill_id, positions in src.data.get("competencies", {}).items():
            self.named[("skill", skill_id)] += 1
            if skills_src and skill_id not in groups:
                unknown = f"unknown skill group '{skill_id}'; a group without saved ratings"
                self.report(src, ("competencies", skill_id), f"{unknown} needs no entry: delete it")
                continue
            for j, cid in enumerate(positions):
                if skills_src and cid not in groups[skill_id]:
                    self.report(
                        src,
                        ("competencies", skill_id, j),
                        f"'{cid}' is not a competency of {skill_id}"
                        f"{self.suggest(cid, groups[skill_id])}",
                    )

    def review(self, src: Source, skills_src: Source, kinds: dict[str, str]) -> None:
        topics = [t["id"] for s in skills_src.data["skills"] for t in s["topics"]]
        for field, known in (("kinds", list(kinds)), ("topics", topics)):
            for key in src.data.get(field, {}):
                self.named[(field[:-1], key)] += 1
                if key not in known:
                    self.report(
                        src,
                        (field, key),
                        f"'{key}' is not one of the {field}{self.suggest(key, known)}: "
                        + ", ".join(known),
                    )

    # --- practice: questions, concept checks, capstones -------------------------------------

    def practice(self, name: str, src: Source, skills_src: Source | None) -> None:
        skills = skills_src.data["skills"] if skills_src else []
        skill_ids = [s["id"] for s in skills]
        concept_ids = [c["id"] for s in skills for c in s["concepts"]]
        ids: dict[str, int] = {}
        for i, raw in enumerate(src.data[name]):
            where = (name, i)
            if raw["id"] in ids:
                self.report(
                    src,
                    (*where, "id"),
                    f"id '{raw['id']}' is already used at line {ids[raw['id']]}",
                )
            ids[raw["id"]] = line_of(src.data, (*where, "id"))
            self.report(src, (*where, "id"), _id_rule(raw["id"]))
            self.named.update((key, raw[key]) for key in ("skill", "concept") if key in raw)
            if skills and "skill" in raw and raw["skill"] not in skill_ids:
                self.report(
                    src,
                    (*where, "skill"),
                    f"unknown skill group '{raw['skill']}'{self.suggest(raw['skill'], skill_ids)}",
                )
            if skills and "concept" in raw and (concept := raw["concept"]) not in concept_ids:
                hint = self.suggest(concept, concept_ids)
                self.report(src, (*where, "concept"), f"unknown concept '{concept}'{hint}")
            if "options" in raw:
                right = sum(1 for option in raw["options"] if option.get("correct") is True)
                if right != 1:
                    self.report(
                        src,
                        (*where, "options"),
                        f"{right} options are marked correct: true; exactly one must be",
                    )
            if "rubric" in raw:
                seen = set()
                for j, item in enumerate(raw["rubric"]):
                    if item["id"] in seen:
                        self.report(src, (*where, "rubric", j, "id"), "a rubric id is used twice")
                    seen.add(item["id"])
            if "template" in raw:
                self._page_link(src, (*where, "template"), raw["template"])


def _id_rule(value: str) -> str | None:
    return None if is_id(value) else id_problem(value)
