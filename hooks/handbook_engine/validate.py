"""Stage 2: check every data file against its JSON Schema and the rules across files.

All problems are collected, then reported once; only data without problems becomes a Handbook
(built in model_builder.py). Field rules live in rules.py, the rules across files in
cross_rules.py, schema handling in schemas.py.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from . import rules
from .cross_rules import RESOURCE_FIELDS_READ, CrossRules, Source
from .enum_labels import vocabulary
from .ids import DEVICE_NAMES, RESERVED, ascii_slug, resource_id_problem
from .loader import MarkedDict, load_yaml
from .model import Handbook
from .model_builder import build_model
from .problems import DataError, Problem, reading_order
from .reader_vocabulary import reader_vocabulary
from .renamed import renames
from .schema_files import SchemaFileError
from .schema_words import suggest, type_name
from .schemas import Schemas

RESOURCE_SCHEMA = "resource.schema.json"
REQUIRED = {
    "skills": "skills.schema.json",
    "path": "path.schema.json",
    "glossary": "glossary.schema.json",
}
# Optional files: a learning path without an interview bank, checks or capstones needs none.
OPTIONAL = {
    "questions": "questions.schema.json",
    "checks": "checks.schema.json",
    "capstones": "capstones.schema.json",
    "redirects": "redirects.schema.json",
    "review": "review.schema.json",
}


def schemas_in_use(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Every schema of `data_dir`, but those of optional files this handbook does not have: the
    data reference documents the files a contributor here can edit (and the progress file)."""
    absent = {
        schema for name, schema in OPTIONAL.items() if not (data_dir / f"{name}.yml").exists()
    }
    return {n: s for n, s in Schemas(data_dir / "schemas").all().items() if n not in absent}


# what editors leave beside a file they save: inspired.yml~, .inspired.yml.swp, inspired.yml.bak
_BACKUP = re.compile(r"(~|\.(bak|orig|swp|swo|tmp))$", re.I)


class Checker:
    def __init__(
        self, data_dir: Path, docs_pages: set[str] | None, changed: set[str] | None = None
    ):
        self.data_dir = data_dir
        self.schemas = Schemas(data_dir / "schemas")
        self.problems: list[Problem] = []
        self.cross = CrossRules(self.report, docs_pages, changed)
        self.partly_valid: list[Source] = []  # resources with problems only in fields no rule reads

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
        if errors and schema == RESOURCE_SCHEMA:
            fields = {location[0] if location else None for location, _ in errors}
            if not fields & {None, *RESOURCE_FIELDS_READ}:
                self.partly_valid.append(source)
        return None if errors else source

    def check(self) -> Handbook | None:
        try:
            return self._check()
        except SchemaFileError as error:  # nothing can be checked against a schema not read
            self.problems.append(Problem(error.shown, error.line, "", error.message))
            return None
        except Exception:  # a schema JSON reads but no validator can use: name it, or re-raise
            found = self.schemas.diagnose()
            if found is None:
                raise
            self.problems.append(Problem(found.shown, found.line, "", found.message))
            return None

    def _check(self) -> Handbook | None:
        vocab, unlabelled = vocabulary(self.schemas)
        for name, line, message in unlabelled:
            self.problems.append(Problem(f"{self.data_dir.name}/schemas/{name}", line, "", message))
        reader, unusable = reader_vocabulary(self.schemas.folder)
        self.problems += unusable
        self._unread_entries()
        sources = {
            name: self.load(self.data_dir / f"{name}.yml", s) for name, s in REQUIRED.items()
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
        readable = [src for src in resources.values() if src is not None] + self.partly_valid
        if skills:
            self.cross.skills(skills)
            for src in readable:
                self.cross.resource(src, skills.data["skills"])
        self.cross.duplicates(readable)
        if sources["path"]:
            self.cross.path(sources["path"], skills, known)
        if sources["glossary"]:
            self.cross.terms(sources["glossary"])
        if sources["redirects"]:
            self.cross.redirects(sources["redirects"], skills, known)
        if sources["review"] and skills:
            self.cross.review(sources["review"], skills, vocab.get("kind", {}))
        for name in ("questions", "checks", "capstones"):
            source = sources[name]
            if source is not None:
                self.cross.practice(name, source, skills)
        if skills:
            for where, message in renames(skills.data["skills"], self.cross.named):
                cause = skills.problem(where, message)
                self.problems.append(dataclasses.replace(cause, cause=True))
        if self.problems:
            return None
        return build_model(sources, resources, vocab, reader)

    def _unread_entries(self) -> None:
        """A YAML file or a folder in data/ that the handbook does not read would be dropped
        without a word (a resource saved in data/ or in data/resource/): name it instead."""
        files = [f"{name}.yml" for name in (*REQUIRED, *OPTIONAL)]
        folders = ["resources", "schemas"]
        for path in sorted(self.data_dir.iterdir()) if self.data_dir.is_dir() else []:
            name = path.name
            if path.is_dir() and not name.startswith(".") and name not in folders:
                what = f"no folder of this name{suggest(name, folders)}"
                where = ""
            elif path.suffix.lower() in (".yml", ".yaml") and name not in files:
                what = (
                    f"no file of this name, so nothing in it would be shown{suggest(name, files)}"
                )
                where = f", and the files read here are {', '.join(files)}"
            else:
                continue
            self.problems.append(
                Problem(
                    self.shown(path),
                    1,
                    "",
                    f"the handbook reads {what}; a resource is a file of its own in "
                    f"data/resources/{where}",
                )
            )

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
            lower = path.name.lower()
            if lower.startswith(".") and not lower.endswith((".yml", ".yaml")):
                continue  # .gitkeep, .DS_Store, .git: not data (".yml" itself is told below)
            if path.is_dir():  # its files would never be read, and nobody would know
                fix = "move its files up" if any(path.iterdir()) else "remove the empty folder"
                self.problems.append(
                    Problem(
                        self.shown(path),
                        1,
                        "",
                        f"resources live directly in data/resources/; {fix}",
                    )
                )
                continue
            if problem := _file_name_problem(path.name):
                self.problems.append(Problem(self.shown(path), 1, "", problem))
            else:
                loaded[path.stem] = self.load(path, RESOURCE_SCHEMA)
        if not loaded:
            self.problems.append(Problem(self.shown(folder), 1, "", "no resources found"))
        return loaded


def _file_name_problem(name: str) -> str | None:
    """Why a file in data/resources/ is not read as a resource, or None."""
    stem, dot, suffix = name.rpartition(".")  # ".yml" -> ("", ".", "yml"): no name at all
    if not dot or suffix != "yml":
        hint = " (rename it to .yml)" if dot and suffix == "yaml" else ""
        if _BACKUP.search(name):
            hint = " (an editor's backup copy, it seems: delete it)"
        return f"only .yml files belong here{hint}"
    problem = resource_id_problem(stem)
    if problem is None:
        return None
    rule = "lower-case letters, digits and single hyphens"
    if stem in RESERVED or stem in DEVICE_NAMES:
        rule = problem.split(";")[0]
    as_id = ascii_slug(stem)  # "The Mom Test" -> the-mom-test; other scripts: --id
    fix = "e.g. storytelling-with-data.yml"
    if stem.isascii() and resource_id_problem(as_id) is None:
        fix = f"rename it {as_id}.yml"
    return f"the file name is the resource id: {rule}; {fix}"


class _TooMany(Exception):
    """More resource files than the engine is measured for: stop before reading them."""


def check(
    data_dir: Path, docs_pages: set[str] | None = None, changed: set[str] | None = None
) -> tuple[Handbook | None, list[Problem]]:
    """Check everything in `data_dir`; `docs_pages` (relative to docs/) lets guides be checked,
    `changed` (files as shown, e.g. data/resources/x.yml) says whom a duplicate is blamed on."""
    checker = Checker(data_dir, docs_pages, changed)
    handbook = checker.check()
    return handbook, reading_order(set(checker.problems))


def build_handbook(data_dir: Path, docs_pages: set[str] | None = None) -> Handbook:
    """The validated handbook, or DataError listing every problem."""
    handbook, problems = check(data_dir, docs_pages)
    if handbook is None:
        raise DataError(problems)
    return handbook
