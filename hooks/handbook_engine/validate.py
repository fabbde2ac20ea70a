"""Stage 2: check every data file against its JSON Schema and the rules across files.

All problems are collected, then reported once; only data without problems becomes a Handbook
(built in model_builder.py). Field rules live in rules.py, schema handling in schemas.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import rules
from .ids import RESERVED, SKILL_PAGE_SECTIONS, id_problem, is_id, slug
from .loader import MarkedDict, line_of, load_yaml
from .model import Handbook
from .model_builder import build_model
from .problems import DataError, Problem
from .schemas import Schemas, field_name, suggest, type_name, vocabulary
from .titles import title_key
from .urls import normalise_url, url_problem

# Optional files: a learning path without an interview bank, checks or capstones needs none.
OPTIONAL = {
    "questions": "questions.schema.json",
    "checks": "checks.schema.json",
    "capstones": "capstones.schema.json",
    "redirects": "redirects.schema.json",
    "review": "review.schema.json",
}


@dataclass
class Source:
    """One loaded file: its data, the path shown in problems, and a way to point at a line."""

    data: Any
    shown_as: str

    def problem(self, location: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.shown_as, line_of(self.data, location), field_name(location), message)


class Checker:
    def __init__(
        self, data_dir: Path, docs_pages: set[str] | None, changed: set[str] | None = None
    ):
        self.data_dir = data_dir
        self.docs_pages = docs_pages
        self.changed = changed  # files this change adds or edits (as shown), when git knows
        self.schemas = Schemas(data_dir / "schemas")
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return f"{self.data_dir.name}/{path.relative_to(self.data_dir).as_posix()}"

    def report(self, src: Source, location: tuple[Any, ...], message: str | None) -> None:
        if message:
            self.problems.append(src.problem(location, message))

    def load(self, path: Path, schema: str) -> Source | None:
        """Load one file and check it against its schema; None if it cannot be used."""
        shown_as = self.shown(path)
        if not path.is_file():
            self.problems.append(Problem(shown_as, 1, "", "file is missing"))
            return None
        data, problems = load_yaml(path, shown_as)
        self.problems += problems
        if data is None:
            return None
        source = Source(data, shown_as)
        if not isinstance(data, MarkedDict):
            self.report(source, (), f"the file must be a mapping of fields, not {type_name(data)}")
            return None
        errors = self.schemas.errors(schema, data)
        for location, message in errors:
            self.report(source, location, message)
        return None if errors else source

    def check(self) -> Handbook | None:
        vocab, unlabelled = vocabulary(self.schemas)
        for name, line, message in unlabelled:
            self.problems.append(Problem(f"{self.data_dir.name}/schemas/{name}", line, "", message))
        sources = {
            "skills": self.load(self.data_dir / "skills.yml", "skills.schema.json"),
            "path": self.load(self.data_dir / "path.yml", "path.schema.json"),
            "glossary": self.load(self.data_dir / "glossary.yml", "glossary.schema.json"),
        }
        for name, schema in OPTIONAL.items():
            path = self.data_dir / f"{name}.yml"
            sources[name] = self.load(path, schema) if path.exists() else None
        try:
            resources = self._load_resources()
        except _TooMany:
            return None
        # A resource with its own problems is still known, so the path does not report it twice.
        known = set(resources)
        skills = sources["skills"]
        if skills:
            self._skills(skills)
            for src in resources.values():
                if src is not None:
                    self._resource(src, skills.data["skills"])
        self._duplicates([(rid, src) for rid, src in resources.items() if src is not None])
        if sources["path"]:
            self._path(sources["path"], skills, known)
        if sources["glossary"]:
            self._terms(sources["glossary"])
        if sources["redirects"]:
            self._redirects(sources["redirects"], skills, known)
        if sources["review"] and skills:
            self._review(sources["review"], skills, vocab.get("kind", {}))
        for name in ("questions", "checks", "capstones"):
            source = sources[name]
            if source is not None:
                self._practice(name, source, skills)
        if self.problems:
            return None
        return build_model(sources, resources, vocab)

    def _load_resources(self) -> dict[str, Source | None]:
        folder = self.data_dir / "resources"
        if not folder.is_dir():
            self.problems.append(Problem(self.shown(folder), 1, "", "folder is missing"))
            return {}
        paths = sorted(folder.iterdir())
        if too_many := rules.too_many_resources(len(paths)):
            # the only problem worth reading: everything else would be noise about the resources
            self.problems[:] = [Problem(self.shown(folder), 1, "", too_many)]
            raise _TooMany
        loaded: dict[str, Source | None] = {}
        for path in paths:
            if path.is_dir() or (
                path.name.startswith(".") and path.suffix not in (".yml", ".yaml")
            ):
                continue  # .gitkeep, .DS_Store: not data
            shown = Problem(self.shown(path), 1, "", "")
            if path.suffix != ".yml":
                hint = " (rename it to .yml)" if path.suffix == ".yaml" else ""
                self.problems.append(
                    Problem(shown.path, 1, "", f"only .yml files belong here{hint}")
                )
            elif not is_id(path.stem) or path.name.startswith("."):
                rule = "lower-case letters, digits and single hyphens"
                if path.stem in RESERVED:
                    rule = f"'{path.stem}' is a name every browser object already has"
                self.problems.append(
                    Problem(
                        shown.path,
                        1,
                        "",
                        f"the file name is the resource id: {rule}, "
                        "e.g. storytelling-with-data.yml",
                    )
                )
            else:
                loaded[path.stem] = self.load(path, "resource.schema.json")
        if not loaded:
            self.problems.append(Problem(self.shown(folder), 1, "", "no resources found"))
        return loaded

    # --- skills -----------------------------------------------------------------------------

    def _skills(self, src: Source) -> None:
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

    def _resource(self, src: Source, skills: list[dict[str, Any]]) -> None:
        raw = src.data
        skill_ids = [s["id"] for s in skills]
        self.report(src, ("url",), url_problem(raw["url"]))
        self.report(src, ("url",), rules.site_root_problem(raw["kind"], raw["url"]))
        for name in ("added", "checked"):
            if name in raw:
                self.report(src, (name,), rules.date_problem(raw[name]))
        for i, skill_id in enumerate(raw["skills"]):
            if skill_id not in skill_ids:
                self.report(
                    src,
                    ("skills", i),
                    f"unknown skill group '{skill_id}'{suggest(skill_id, skill_ids)}; "
                    f"groups: {', '.join(skill_ids)}",
                )
        own_topics = [t["id"] for s in skills if s["id"] in raw["skills"] for t in s["topics"]]
        if own_topics and raw["topic"] not in own_topics:
            self.report(
                src,
                ("topic",),
                f"'{raw['topic']}' is not a topic of {', '.join(raw['skills'])}"
                f"{suggest(raw['topic'], own_topics)}; topics: {', '.join(own_topics)}",
            )

    def _age(self, src: Source) -> tuple[bool, str, str]:
        """Sorts older first: unchanged before changed (against the base branch), then by
        `added`, then by file name."""
        changed = self.changed is not None and src.shown_as in self.changed
        return (changed, str(src.data.get("added", "")), src.shown_as)

    def _duplicates(self, sources: list[tuple[str, Source]]) -> None:
        """The same work twice: by normalised URL or by near-identical title."""
        for field, key, message in (
            ("url", normalise_url, "this URL is already used by {first}"),
            (
                "title",
                title_key,
                "nearly the same title as {first}; if it is the same work, keep one file",
            ),
        ):
            seen: dict[str, Source] = {}
            for _rid, src in sources:
                value = src.data[field]
                if field == "url" and url_problem(value):
                    continue
                found = key(value)
                if found not in seen:
                    seen[found] = src
                    continue
                # blame the newcomer: the file this change adds or edits, else the later added
                older, newer = sorted((seen[found], src), key=self._age)
                where = f"{older.shown_as}:{line_of(older.data, (field,))}"
                self.report(newer, (field,), message.format(first=where))
                seen[found] = older

    # --- path, glossary, redirects ------------------------------------------------------------

    def _path(self, src: Source, skills_src: Source | None, resource_ids: set[str]) -> None:
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
            stage_ids[raw["id"]] = line_of(src.data, ("stages", i, "id"))
            for j, rid in enumerate(raw["resources"]):
                where = ("stages", i, "resources", j)
                if rid not in resource_ids:
                    hint = suggest(rid, known_resources)
                    self.report(src, where, f"no resource data/resources/{rid}.yml{hint}")
                elif rid in placed:
                    self.report(src, where, f"'{rid}' is already in stage at line {placed[rid]}")
                else:
                    placed[rid] = stage_ids[raw["id"]]
            for field, known in (("concepts", concept_ids), ("skills", skill_ids)):
                for j, value in enumerate(raw.get(field, [])):
                    if skills and value not in known:  # no skills: skills.yml was reported
                        kind = "concept" if field == "concepts" else "skill group"
                        self.report(
                            src,
                            ("stages", i, field, j),
                            f"unknown {kind} '{value}'{suggest(value, known)}",
                        )
            for j, link in enumerate(raw.get("pages", [])):
                self._page_link(src, ("stages", i, "pages", j, "page"), link["page"])

    def _terms(self, src: Source) -> None:
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

    def _redirects(self, src: Source, skills_src: Source | None, known: set[str]) -> None:
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
                    src, where, f"no resource data/resources/{new}.yml{suggest(new, known)}"
                )
        groups = {
            s["id"]: [c["id"] for c in s["competencies"]]
            for s in (skills_src.data["skills"] if skills_src else [])
        }
        for skill_id, positions in src.data.get("competencies", {}).items():
            if skills_src and skill_id not in groups:
                self.report(src, ("competencies", skill_id), f"unknown skill group '{skill_id}'")
                continue
            for j, cid in enumerate(positions):
                if skills_src and cid not in groups[skill_id]:
                    self.report(
                        src,
                        ("competencies", skill_id, j),
                        f"'{cid}' is not a competency of {skill_id}"
                        f"{suggest(cid, groups[skill_id])}",
                    )

    def _review(self, src: Source, skills_src: Source, kinds: dict[str, str]) -> None:
        topics = [t["id"] for s in skills_src.data["skills"] for t in s["topics"]]
        for field, known in (("kinds", list(kinds)), ("topics", topics)):
            for key in src.data.get(field, {}):
                if key not in known:
                    self.report(
                        src,
                        (field, key),
                        f"'{key}' is not one of the {field}{suggest(key, known)}: "
                        + ", ".join(known),
                    )

    # --- practice: questions, concept checks, capstones -------------------------------------

    def _practice(self, name: str, src: Source, skills_src: Source | None) -> None:
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
            if skills and "skill" in raw and raw["skill"] not in skill_ids:
                self.report(
                    src,
                    (*where, "skill"),
                    f"unknown skill group '{raw['skill']}'{suggest(raw['skill'], skill_ids)}",
                )
            if skills and "concept" in raw and raw["concept"] not in concept_ids:
                self.report(
                    src,
                    (*where, "concept"),
                    f"unknown concept '{raw['concept']}'{suggest(raw['concept'], concept_ids)}",
                )
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


class _TooMany(Exception):
    """More resource files than the engine is measured for: stop before reading them."""


def _id_rule(value: str) -> str | None:
    return None if is_id(value) else id_problem(value)


def check(
    data_dir: Path, docs_pages: set[str] | None = None, changed: set[str] | None = None
) -> tuple[Handbook | None, list[Problem]]:
    """Check everything in `data_dir`; `docs_pages` (relative to docs/) lets guides be checked,
    `changed` (files as shown, e.g. data/resources/x.yml) says whom a duplicate is blamed on."""
    checker = Checker(data_dir, docs_pages, changed)
    handbook = checker.check()
    return handbook, sorted(set(checker.problems))


def build_handbook(data_dir: Path, docs_pages: set[str] | None = None) -> Handbook:
    """The validated handbook, or DataError listing every problem."""
    handbook, problems = check(data_dir, docs_pages)
    if handbook is None:
        raise DataError(problems)
    return handbook
