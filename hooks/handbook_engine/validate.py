"""Stage 2: check every data file against its JSON Schema and the rules across files.

All problems are collected, then reported once; only data without problems becomes a Handbook.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .escape import slug
from .loader import MarkedDict, line_of, load_yaml
from .model import Competency, Concept, Handbook, PageLink, Resource, Skill, Stage, Term, Topic
from .problems import DataError, Problem
from .urls import normalise_url, url_problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

RESOURCE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)min)?$")
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
}


def title_key(title: str) -> str:
    """Titles that differ only in case, punctuation, a leading article or a subtitle match."""
    main = re.split(r"\s*(?::|\s[-–—]\s)", title, maxsplit=1)[0]
    main = re.sub(r"\s*\([^)]*\)\s*$", "", main)  # a trailing "(2nd edition)"
    words = re.findall(r"[a-z0-9]+", main.casefold())
    if words and words[0] in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def minutes(duration: str) -> int:
    """'1h30min' -> 90."""
    match = _DURATION.match(duration)
    assert match, duration  # the schema has checked the shape
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


@cache
def _validator(schema_path: Path) -> Draft202012Validator:
    # imported here: only data with problems needs jsonschema's explanations (saves the import)
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _quick_check(schema_path: Path) -> Callable[[Any], Any]:
    """The same schema compiled to Python: tens of times faster for the common case, valid data.
    Only data it rejects goes through jsonschema, which explains every problem."""
    return fastjsonschema.compile(json.loads(schema_path.read_text(encoding="utf-8")))


def _schema_errors(schema_path: Path, data: Any) -> list[ValidationError]:
    try:
        _quick_check(schema_path)(data)
    except fastjsonschema.JsonSchemaException:
        return list(_validator(schema_path).iter_errors(data))
    return []


def _field_name(location: Iterable[Any]) -> str:
    name = ""
    for step in location:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


def _type_name(value: Any) -> str:
    names = {str: "text", bool: "true/false", int: "a number", float: "a number"}
    names |= {list: "a list", dict: "a mapping", type(None): "nothing"}
    return next((n for t, n in names.items() if isinstance(value, t)), type(value).__name__)


def _suggest(value: Any, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value).lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(error: ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    """Turn one jsonschema error into (location, message) pairs a contributor can act on."""
    where = tuple(error.absolute_path)
    value, schema, keyword = error.instance, error.schema, error.validator
    hint = schema.get("x-hint") if isinstance(schema, dict) else None
    if keyword == "required":
        missing = re.match(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else error.message
        return [((*where, name), "required field is missing")]
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [
            (
                (*where, extra),
                f"unknown field{_suggest(extra, allowed)}; allowed: {', '.join(allowed)}",
            )
            for extra in value
            if extra not in allowed
        ]
    if keyword == "enum":
        choices = [str(c) for c in error.validator_value]
        return [(where, f"{value!r} is not one of {', '.join(choices)}{_suggest(value, choices)}")]
    if keyword == "type":
        wanted = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        return [(where, f"must be {wanted}, not {_type_name(value)} {value!r}")]
    if keyword == "pattern":
        return [(where, f"{value!r} {hint or 'has the wrong form'}")]
    if keyword == "minLength":
        return [(where, f"too short ({len(value)} characters; at least {error.validator_value})")]
    if keyword == "maxLength":
        return [(where, f"too long ({len(value)} characters; at most {error.validator_value})")]
    if keyword == "minItems":
        return [(where, f"needs at least {error.validator_value} item(s)")]
    if keyword == "maxItems":
        return [(where, f"has {len(value)} items; at most {error.validator_value}")]
    if keyword == "uniqueItems":
        return [(where, "lists the same item twice; keep one")]
    if keyword in ("minimum", "maximum"):
        side = "at least" if keyword == "minimum" else "at most"
        return [(where, f"{value!r} is out of range (must be {side} {error.validator_value})")]
    return [(where, error.message)]


@dataclass
class _Source:
    """One loaded file: its data, the path shown in problems, and a way to point at a line."""

    data: Any
    shown_as: str

    def problem(self, location: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.shown_as, line_of(self.data, location), _field_name(location), message)


class _Checker:
    def __init__(self, data_dir: Path, docs_pages: set[str] | None):
        self.data_dir = data_dir
        self.docs_pages = docs_pages
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return f"{self.data_dir.name}/{path.relative_to(self.data_dir).as_posix()}"

    def load(self, path: Path, schema: str) -> _Source | None:
        """Load one file and check it against its schema; None if it cannot be used."""
        shown_as = self.shown(path)
        if not path.is_file():
            self.problems.append(Problem(shown_as, 1, "", "file is missing"))
            return None
        data, problems = load_yaml(path, shown_as)
        self.problems += problems
        if data is None:
            return None
        source = _Source(data, shown_as)
        if not isinstance(data, MarkedDict):
            self.problems.append(
                source.problem((), f"the file must be a mapping of fields, not {_type_name(data)}")
            )
            return None
        errors = _schema_errors(self.data_dir / "schemas" / schema, data)
        for error in errors:
            for location, message in _describe(error):
                self.problems.append(source.problem(location, message))
        return None if errors else source

    def check(self) -> Handbook | None:
        skills_src = self.load(self.data_dir / "skills.yml", "skills.schema.json")
        resource_srcs = self._load_resources()
        path_src = self.load(self.data_dir / "path.yml", "path.schema.json")
        glossary_src = self.load(self.data_dir / "glossary.yml", "glossary.schema.json")

        skills = self._skills(skills_src) if skills_src else ()
        resources = self._resources(resource_srcs, skills, skills_src is not None)
        # A resource with its own problems is still known, so the path does not report it twice.
        known = set(resource_srcs)
        stages = self._stages(path_src, skills, known) if path_src else ()
        terms = self._terms(glossary_src) if glossary_src else ()
        redirects = self._redirects(known)
        if self.problems:
            return None
        return Handbook(
            skills=skills,
            resources=tuple(sorted(resources, key=lambda r: r.id)),
            stages=stages,
            terms=terms,
            path_intro=" ".join(path_src.data.get("intro", "").split()) if path_src else "",
            redirects=redirects,
        )

    def _load_resources(self) -> dict[str, _Source | None]:
        folder = self.data_dir / "resources"
        if not folder.is_dir():
            self.problems.append(Problem(self.shown(folder), 1, "", "folder is missing"))
            return {}
        loaded: dict[str, _Source | None] = {}
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            if path.suffix != ".yml":
                hint = " (rename it to .yml)" if path.suffix == ".yaml" else ""
                self.problems.append(
                    Problem(self.shown(path), 1, "", f"only .yml files belong here{hint}")
                )
                continue
            if not RESOURCE_ID.match(path.stem):
                self.problems.append(
                    Problem(
                        self.shown(path),
                        1,
                        "",
                        "the file name is the resource id: lower-case letters, digits and "
                        "single hyphens, e.g. storytelling-with-data.yml",
                    )
                )
                continue
            loaded[path.stem] = self.load(path, "resource.schema.json")
        if not loaded:
            self.problems.append(Problem(self.shown(folder), 1, "", "no resources found"))
        return loaded

    # --- skills -----------------------------------------------------------------------------

    def _skills(self, src: _Source) -> tuple[Skill, ...]:
        seen: dict[str, tuple[Any, ...]] = {}

        def unique(kind: str, value: str, location: tuple[Any, ...]) -> None:
            key = f"{kind}:{value}"
            if key in seen:
                first = line_of(src.data, seen[key])
                self.problems.append(
                    src.problem(location, f"{kind} id '{value}' is already used at line {first}")
                )
            seen[key] = location

        skills = []
        for i, raw in enumerate(src.data["skills"]):
            unique("skill", raw["id"], ("skills", i, "id"))
            for j, topic in enumerate(raw["topics"]):
                unique("topic", topic["id"], ("skills", i, "topics", j, "id"))
            for j, concept in enumerate(raw["concepts"]):
                unique("concept", concept["id"], ("skills", i, "concepts", j, "id"))
            for j, competency in enumerate(raw["competencies"]):
                unique("competency", competency["id"], ("skills", i, "competencies", j, "id"))
            guide = raw.get("guide")
            if guide and self.docs_pages is not None and guide not in self.docs_pages:
                self.problems.append(
                    src.problem(("skills", i, "guide"), f"no page docs/{guide} exists")
                )
            skills.append(
                Skill(
                    id=raw["id"],
                    title=raw["title"],
                    summary=_text(raw["summary"]),
                    why=_text(raw["why"]),
                    topics=tuple(
                        Topic(t["id"], t["title"], _text(t["summary"])) for t in raw["topics"]
                    ),
                    concepts=tuple(
                        Concept(c["id"], c["term"], _text(c["explanation"]), c.get("taught_in"))
                        for c in raw["concepts"]
                    ),
                    competencies=tuple(
                        Competency(c["id"], _text(c["text"]), c.get("taught_in"))
                        for c in raw["competencies"]
                    ),
                    icon=raw.get("icon"),
                    guide=guide,
                    source=src.shown_as,
                )
            )
        return tuple(skills)

    # --- resources --------------------------------------------------------------------------

    def _resources(
        self, sources: dict[str, _Source | None], skills: tuple[Skill, ...], skills_ok: bool
    ) -> list[Resource]:
        skill_ids = [s.id for s in skills]
        topics_of = {s.id: [t.id for t in s.topics] for s in skills}
        urls: dict[str, tuple[_Source, int]] = {}
        titles: dict[str, tuple[_Source, int]] = {}
        resources = []
        for resource_id, src in sources.items():
            if src is None:
                continue
            raw = src.data
            before = len(self.problems)
            problem = url_problem(raw["url"])
            if problem:
                self.problems.append(src.problem(("url",), problem))
            else:
                self._once(
                    urls,
                    normalise_url(raw["url"]),
                    src,
                    "url",
                    "this URL is already used by {first}",
                )
            self._once(
                titles,
                title_key(raw["title"]),
                src,
                "title",
                "nearly the same title as {first}; if it is the same work, keep one file",
            )
            try:
                date.fromisoformat(raw["added"])
            except ValueError:
                self.problems.append(
                    src.problem(("added",), f"{raw['added']!r} is not a real date")
                )
            if skills_ok:
                for i, skill_id in enumerate(raw["skills"]):
                    if skill_id not in skill_ids:
                        hint = _suggest(skill_id, skill_ids)
                        self.problems.append(
                            src.problem(
                                ("skills", i),
                                f"unknown skill group '{skill_id}'{hint}; "
                                f"groups: {', '.join(skill_ids)}",
                            )
                        )
                own_topics = [t for s in raw["skills"] for t in topics_of.get(s, [])]
                if own_topics and raw["topic"] not in own_topics:
                    self.problems.append(
                        src.problem(
                            ("topic",),
                            f"'{raw['topic']}' is not a topic of {', '.join(raw['skills'])}"
                            f"{_suggest(raw['topic'], own_topics)}; "
                            f"topics: {', '.join(own_topics)}",
                        )
                    )
            if len(self.problems) > before:
                continue
            resources.append(
                Resource(
                    id=resource_id,
                    title=raw["title"],
                    url=raw["url"],
                    kind=raw["kind"],
                    authors=tuple(raw["authors"]),
                    skills=tuple(raw["skills"]),
                    topic=raw["topic"],
                    cost=raw["cost"],
                    level=raw["level"],
                    why=_text(raw["why"]),
                    added=raw["added"],
                    time=raw.get("time"),
                    minutes=minutes(raw["time"]) if "time" in raw else None,
                    year=raw.get("year"),
                    tags=tuple(raw.get("tags", ())),
                    source=src.shown_as,
                )
            )
        return resources

    def _once(
        self, seen: dict[str, tuple[_Source, int]], key: str, src: _Source, field: str, message: str
    ) -> None:
        """Remember where `key` first appeared, or report `message` naming that place."""
        if key in seen:
            first, line = seen[key]
            self.problems.append(
                src.problem((field,), message.format(first=f"{first.shown_as}:{line}"))
            )
        else:
            seen[key] = (src, line_of(src.data, (field,)))

    # --- path and glossary ------------------------------------------------------------------

    def _stages(
        self, src: _Source, skills: tuple[Skill, ...], resource_ids: set[str]
    ) -> tuple[Stage, ...]:
        concept_ids = [c.id for s in skills for c in s.concepts]
        skill_ids = [s.id for s in skills]
        known_resources = sorted(resource_ids)
        placed: dict[str, int] = {}
        stage_ids: dict[str, int] = {}
        stages = []
        for i, raw in enumerate(src.data["stages"]):
            if raw["id"] in stage_ids:
                self.problems.append(
                    src.problem(
                        ("stages", i, "id"),
                        f"stage id '{raw['id']}' is already used at line {stage_ids[raw['id']]}",
                    )
                )
            stage_ids[raw["id"]] = line_of(src.data, ("stages", i, "id"))
            for j, rid in enumerate(raw["resources"]):
                where = ("stages", i, "resources", j)
                if rid not in resource_ids:
                    self.problems.append(
                        src.problem(
                            where,
                            f"no resource data/resources/{rid}.yml{_suggest(rid, known_resources)}",
                        )
                    )
                elif rid in placed:
                    self.problems.append(
                        src.problem(where, f"'{rid}' is already in stage at line {placed[rid]}")
                    )
                else:
                    placed[rid] = line_of(src.data, ("stages", i, "id"))
            for j, cid in enumerate(raw.get("concepts", [])):
                if skills and cid not in concept_ids:  # no skills: skills.yml was reported
                    self.problems.append(
                        src.problem(
                            ("stages", i, "concepts", j),
                            f"unknown concept '{cid}'{_suggest(cid, concept_ids)}",
                        )
                    )
            for j, sid in enumerate(raw.get("skills", [])):
                if skills and sid not in skill_ids:
                    self.problems.append(
                        src.problem(
                            ("stages", i, "skills", j),
                            f"unknown skill group '{sid}'{_suggest(sid, skill_ids)}",
                        )
                    )
            for j, link in enumerate(raw.get("pages", [])):
                if self.docs_pages is not None and link["page"] not in self.docs_pages:
                    self.problems.append(
                        src.problem(
                            ("stages", i, "pages", j, "page"), f"no page docs/{link['page']} exists"
                        )
                    )
            stages.append(
                Stage(
                    id=raw["id"],
                    title=raw["title"],
                    goal=_text(raw["goal"]),
                    resources=tuple(raw["resources"]),
                    concepts=tuple(raw.get("concepts", ())),
                    skills=tuple(raw.get("skills", ())),
                    pages=tuple(PageLink(p["title"], p["page"]) for p in raw.get("pages", ())),
                )
            )
        return tuple(stages)

    def _redirects(self, known: set[str]) -> dict[str, str]:
        """data/redirects.yml is optional: a handbook that never renamed anything needs none."""
        path = self.data_dir / "redirects.yml"
        if not path.exists():
            return {}
        src = self.load(path, "redirects.schema.json")
        if src is None:
            return {}
        redirects = dict(src.data["redirects"])
        for old, new in redirects.items():
            where = ("redirects", old)
            if old in known:
                self.problems.append(
                    src.problem(where, f"'{old}' is a current resource; an id is never reused")
                )
            if new in redirects:
                self.problems.append(
                    src.problem(where, f"'{new}' is itself renamed; point to the id it has now")
                )
            elif new not in known:
                self.problems.append(
                    src.problem(
                        where, f"no resource data/resources/{new}.yml{_suggest(new, known)}"
                    )
                )
        return redirects

    def _terms(self, src: _Source) -> tuple[Term, ...]:
        seen: dict[str, int] = {}
        terms = []
        for i, raw in enumerate(src.data["terms"]):
            key = slug(raw["term"])
            line = line_of(src.data, ("terms", i, "term"))
            if key in seen:
                self.problems.append(
                    src.problem(
                        ("terms", i, "term"),
                        f"'{raw['term']}' is already defined at line {seen[key]} "
                        "(terms that differ only in case or punctuation share an anchor)",
                    )
                )
            seen[key] = line
            terms.append(Term(raw["term"], _text(raw["definition"])))
        return tuple(terms)


def _text(value: str) -> str:
    """Fold the white space of a prose field: contributed text is one paragraph of plain text."""
    return " ".join(value.split())


def check(
    data_dir: Path, docs_pages: set[str] | None = None
) -> tuple[Handbook | None, list[Problem]]:
    """Check everything in `data_dir`; `docs_pages` (relative to docs/) lets guides be checked."""
    checker = _Checker(data_dir, docs_pages)
    handbook = checker.check()
    return handbook, sorted(checker.problems)


def build_handbook(data_dir: Path, docs_pages: set[str] | None = None) -> Handbook:
    """The validated handbook, or DataError listing every problem."""
    handbook, problems = check(data_dir, docs_pages)
    if handbook is None:
        raise DataError(problems)
    return handbook
