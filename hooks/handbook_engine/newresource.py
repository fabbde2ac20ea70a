"""`handbook new`: start a resource file with every field of the schema, in the schema's order.

Known values (title, url and whatever else was given) are filled in; every other required field
gets a placeholder that `handbook check` rejects until it is replaced, with a comment naming the
allowed values. The allowed values are read from data/schemas/resource.schema.json and the skill
groups and topics from data/skills.yml, so nothing here goes stale when they change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ids import ascii_slug, resource_id_problem
from .loader import line_of, load_yaml
from .schema_files import SchemaFileError
from .schema_words import PLACEHOLDER, suggest
from .schemas import Schemas
from .urls import normalise_url, url_problem

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/resource.schema.json"
MAX_SLUG = 60

# One-line hints for the optional fields, which are written commented out. A field without an
# entry here is explained by its schema description.
OPTIONAL_HINTS = {
    "authors": "people or organisations who made it, in the order the work gives, each on a "
    "line '  - Name'; leave out only when the work names no one and you cannot confirm who",
    "time": "the work's own stated duration or an estimate from its length; leave out if unknown "
    "(e.g. 6h, 45min, 1h30min)",
}


class NewResourceError(Exception):
    """A reason not to write the file, for the contributor to read."""


@dataclass
class Answers:
    """What is known about the new resource; None or empty means "not known yet"."""

    title: str
    url: str
    kind: str | None = None
    skills: list[str] = field(default_factory=list)
    topic: str | None = None
    cost: str | None = None
    level: str | None = None
    id: str | None = None  # the file name, when the title gives none (or another is wanted)


@dataclass(frozen=True)
class Catalogue:
    """What the data folder allows: the resource schema, skill groups and their topics."""

    schema: dict[str, Any]
    topics: dict[str, list[str]]  # skill id -> its topic ids, in file order

    @property
    def properties(self) -> dict[str, Any]:
        properties: dict[str, Any] = self.schema["properties"]
        return properties

    @property
    def required(self) -> set[str]:
        return set(self.schema.get("required", []))

    def allowed(self, name: str) -> list[str]:
        """The enum of a field, or [] when the schema gives none."""
        return list(self.properties.get(name, {}).get("enum", []))


def load_catalogue(data_dir: Path) -> Catalogue:
    schema_path = data_dir / "schemas" / "resource.schema.json"
    try:
        schema = Schemas(schema_path.parent).raw(schema_path.name)
    except SchemaFileError as error:  # it says which file and line
        raise NewResourceError(str(error)) from None
    topics: dict[str, list[str]] = {}
    skills_data, _problems = load_yaml(data_dir / "skills.yml", "skills.yml")
    if isinstance(skills_data, dict) and isinstance(skills_data.get("skills"), list):
        for skill in skills_data["skills"]:
            if isinstance(skill, dict) and isinstance(skill.get("id"), str):
                topics[skill["id"]] = [
                    t["id"]
                    for t in skill.get("topics") or []
                    if isinstance(t, dict) and isinstance(t.get("id"), str)
                ]
    return Catalogue(schema, topics)


def slugify(title: str, limit: int = MAX_SLUG) -> str:
    """A file name from a title: lower-case ASCII letters and digits joined by single hyphens."""
    slug = ascii_slug(title)
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[:limit] else slug[:limit]
    return slug.strip("-")


def url_used_by(url: str, resources_dir: Path) -> str | None:
    """`path:line` of the resource that already uses `url` (same normalised key), else None."""
    key = normalise_url(url)
    for path in sorted(resources_dir.glob("*.yml")):
        shown = path.as_posix()
        data, _problems = load_yaml(path, shown)
        other = data.get("url") if isinstance(data, dict) else None
        if isinstance(other, str) and normalise_url(other) == key:
            return f"{shown}:{line_of(data, ('url',))}"
    return None


def check_url(url: str, resources_dir: Path) -> str | None:
    """Why `url` cannot be used for a new resource, or None."""
    # the work being here already matters more than how this copy of its address is spelt
    used = url_used_by(url, resources_dir)
    if used:
        return f"this URL is already used by {used}"
    return url_problem(url)


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: every special character is escaped.
    return json.dumps(value, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def choice_comment(values: Sequence[str]) -> str:
    return "one of: " + ", ".join(values)


def _skills_comment(catalogue: Catalogue) -> str:
    ids = list(catalogue.topics) or ["see data/skills.yml"]
    return "one or more of: " + ", ".join(ids) + "; the first is the home group"


def _topic_comment(catalogue: Catalogue, skills: Sequence[str]) -> str:
    groups = [s for s in skills if s in catalogue.topics] or list(catalogue.topics)
    parts = [f"{s}: {', '.join(catalogue.topics[s])}" for s in groups if catalogue.topics[s]]
    if not parts:
        return "a topic id from data/skills.yml"
    return "a topic of one of the resource's skill groups; " + "; ".join(parts)


def _placeholder_hint(name: str, spec: dict[str, Any]) -> str:
    return OPTIONAL_HINTS.get(name) or _one_line(spec.get("description", ""))


def render(answers: Answers, catalogue: Catalogue, today: dt.date) -> str:
    """The text of the new file."""
    known: dict[str, Any] = {
        "title": answers.title,
        "url": answers.url,
        "kind": answers.kind,
        "skills": answers.skills,
        "topic": answers.topic,
        "cost": answers.cost,
        "level": answers.level,
        "added": today.isoformat(),
    }
    lines = [SCHEMA_LINE]
    for name, spec in catalogue.properties.items():
        value = known.get(name)
        if name not in catalogue.required:
            lines.append(f"# {name}: {PLACEHOLDER}  # {_placeholder_hint(name, spec)}")
        elif name == "skills":
            lines.append(f"{name}:  # {_skills_comment(catalogue)}")
            lines += [f"  - {skill}" for skill in value or [PLACEHOLDER]]
        elif name == "topic":
            comment = _topic_comment(catalogue, answers.skills)
            lines.append(f"{name}: {value or PLACEHOLDER}  # {comment}")
        elif "enum" in spec:
            lines.append(f"{name}: {value or PLACEHOLDER}  # {choice_comment(spec['enum'])}")
        elif spec.get("type") == "array":
            # Left empty on purpose: `handbook check` refuses it until a real item is added.
            hint = _one_line(spec.get("description", ""))
            lines.append(f"{name}: []  # {PLACEHOLDER}: {hint} Write each as a line '  - Name'")
        elif name == "why" or spec.get("maxLength", 0) > 500:
            lines.append(f"# {name}: {_one_line(spec.get('description', ''))}")
            lines.append(f"{name}: >-")
            lines.append(f"  {PLACEHOLDER}")
        elif value is not None:
            lines.append(f"{name}: {_quoted(str(value))}")
        else:
            lines.append(f"{name}: {PLACEHOLDER}  # {_one_line(spec.get('description', ''))}")
    return "\n".join(lines) + "\n"


def create(answers: Answers, data_dir: Path, today: dt.date | None = None) -> Path:
    """Write data/resources/<slug>.yml and return its path; NewResourceError says why not."""
    catalogue = load_catalogue(data_dir)
    resources = data_dir / "resources"
    title = _one_line(answers.title)
    if not title:
        raise NewResourceError("the title is empty")
    limit = catalogue.properties.get("title", {}).get("maxLength")
    if isinstance(limit, int) and len(title) > limit:  # check would refuse the file it writes
        raise NewResourceError(
            f"the title has {len(title)} characters, at most {limit}; drop its subtitle"
        )
    slug = answers.id or slugify(title)
    if answers.id is not None and (problem := resource_id_problem(answers.id)):
        raise NewResourceError(f"--id {answers.id!r}: {problem}")
    if not slug:
        raise NewResourceError(
            f"cannot make a file name from the title {title!r}: file names use the letters a to "
            "z and digits, and it has none; give one with --id, e.g. --id first-steps"
        )
    if problem := resource_id_problem(slug):
        raise NewResourceError(f"the file name {slug}.yml from the title: {problem}; use --id")
    problem = check_url(answers.url, resources)
    if problem:
        raise NewResourceError(f"{answers.url}: {problem}")
    _check_choices(answers, catalogue)
    path = resources / f"{slug}.yml"
    if path.exists():
        raise NewResourceError(
            f"{path.as_posix()} already exists; edit that file, or give this one another file "
            "name with --id"
        )
    answers.title = title
    text = render(answers, catalogue, today or dt.date.today())
    resources.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrite
        handle.write(text)
    return path


def _check_choices(answers: Answers, catalogue: Catalogue) -> None:
    """Every value given that is not a choice, in one message (one run, not one per mistake),
    each with the nearest choice as `check` suggests it."""
    wrong = []
    for name in ("kind", "cost", "level"):
        value = getattr(answers, name)
        allowed = catalogue.allowed(name)
        if value is not None and allowed and value not in allowed:
            wrong.append(
                f"{name}: {value!r} is not {choice_comment(allowed)}{suggest(value, allowed)}"
            )
    unknown = [s for s in answers.skills if catalogue.topics and s not in catalogue.topics]
    if unknown:
        hints = "".join(suggest(s, catalogue.topics) for s in unknown)
        wrong.append(
            f"skills: {', '.join(unknown)} not in data/skills.yml{hints}; "
            f"{_skills_comment(catalogue)}"
        )
    if answers.topic is not None:
        topics = topics_of(catalogue, answers.skills)
        if topics and answers.topic not in topics:
            hint = suggest(answers.topic, topics)
            wrong.append(f"topic: {answers.topic!r} is not {choice_comment(topics)}{hint}")
    if wrong:
        raise NewResourceError("\n  ".join(wrong))


def topics_of(catalogue: Catalogue, skills: Sequence[str]) -> list[str]:
    groups = [s for s in skills if s in catalogue.topics] or list(catalogue.topics)
    return [topic for s in groups for topic in catalogue.topics[s]]
