"""Helpers for tests: build any project as a user would, and write small data trees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "data" / "schemas"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout and stderr together
    site: Path


def run_build(project: Path, site: Path, *extra: str) -> BuildResult:
    """A real `mkdocs build --strict` of `project` into `site`, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


# --- small trees ----------------------------------------------------------------------------

MINI_SKILLS = """\
# yaml-language-server: $schema=schemas/skills.schema.json
skills:
  - id: cooking
    title: Cooking
    summary: Turning ingredients into meals people want to eat.
    why: A baker who wants to run a kitchen has to cook more than bread, every single day.
    topics:
      - id: sauces
        title: Sauces
        summary: The five mother sauces and their children.
    concepts:
      - id: mise-en-place
        term: Mise en place
        explanation: Everything in its place before the first pan gets hot, so service runs calmly.
    competencies:
      - id: plan-a-service
        text: Plan a service so that every dish leaves the pass on time.
  - id: hosting
    title: Hosting
    summary: Making guests feel welcome from the door to the bill.
    why: A kitchen that cooks well but greets badly loses its guests before the first course.
    topics:
      - id: service
        title: Service
        summary: Reading a room and pacing a meal.
    concepts:
      - id: pacing
        term: Pacing
        explanation: The rhythm between courses that lets guests talk without waiting too long.
    competencies:
      - id: pace-a-meal
        text: Pace a meal for a table of eight without a single cold plate.
"""

MINI_PATH = """\
# yaml-language-server: $schema=schemas/path.schema.json
stages:
  - id: first-steps
    title: First steps
    goal: Cook one sauce and serve one table without help from anyone.
    skills: [cooking]
    concepts: [mise-en-place]
    resources: [sauce-book, hosting-talk]
"""

MINI_GLOSSARY = """\
# yaml-language-server: $schema=schemas/glossary.schema.json
terms:
  - term: Roux
    definition: Flour cooked in fat, the base of three mother sauces.
"""


def resource_yaml(**fields: object) -> str:
    """A valid resource file; keyword arguments replace or (with None) remove fields."""
    values: dict[str, object] = {
        "title": "The Sauce Book",
        "url": "https://example.org/sauce-book",
        "kind": "book",
        "authors": ["Ada Saucier"],
        "skills": ["cooking"],
        "topic": "sauces",
        "cost": "paid",
        "level": "beginner",
        "time": "6h",
        "year": 2020,
        "tags": ["sauces"],
        "why": "Every mother sauce with the mistakes beginners make, one chapter each.",
        "added": "2026-01-02",
    }
    values.update(fields)
    lines = ["# yaml-language-server: $schema=../schemas/resource.schema.json"]
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in value]
        elif isinstance(value, str) and key in ("added", "title", "why", "url"):
            lines.append(f'{key}: "{value}"')
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def write_data(data: Path, resources: dict[str, str] | None = None) -> Path:
    """A complete small data folder: skills, path, glossary, schemas and two resources
    (`sauce-book`, `hosting-talk`) unless `resources` gives other text for them, or more."""
    (data / "resources").mkdir(parents=True, exist_ok=True)
    shutil.copytree(SCHEMAS, data / "schemas", dirs_exist_ok=True)
    (data / "skills.yml").write_text(MINI_SKILLS, encoding="utf-8")
    (data / "path.yml").write_text(MINI_PATH, encoding="utf-8")
    (data / "glossary.yml").write_text(MINI_GLOSSARY, encoding="utf-8")
    defaults = {
        "sauce-book": resource_yaml(),
        "hosting-talk": resource_yaml(
            title="Hosting Without Fear",
            url="https://example.com/talks/hosting",
            kind="talk",
            authors=["Ben Host"],
            skills=["hosting", "cooking"],
            topic="service",
            cost="free",
            time="45min",
            tags=None,
            year=None,
        ),
    }
    # the given files replace the default ones of the same name
    for name, text in {**defaults, **(resources or {})}.items():
        (data / "resources" / f"{name}.yml").write_text(text, encoding="utf-8")
    return data


def write_project(project: Path, resources: dict[str, str] | None = None) -> Path:
    """A small MkDocs project on the real engine: mkdocs.yml, docs/ and data/."""
    write_data(project / "data", resources)
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(
        "# Kitchen handbook\n\nFrom baker to head chef.\n\n<!-- handbook:skill-cards -->\n",
        encoding="utf-8",
    )
    (docs / ".nav.yml").write_text(
        "nav:\n  - index.md\n  - path.md\n  - skills\n  - catalogue\n  - glossary.md\n",
        encoding="utf-8",
    )
    for assets in ("javascripts", "stylesheets"):  # the engine's client side, as a fork has it
        shutil.copytree(ROOT / "docs" / assets, docs / assets, dirs_exist_ok=True)
    hook = (ROOT / "hooks" / "handbook.py").as_posix()
    overrides = (ROOT / "overrides").as_posix()
    (project / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Kitchen handbook
            site_url: https://example.net/kitchen/
            repo_url: https://github.com/example/kitchen
            edit_uri: edit/main/docs/
            strict: true
            watch: [data]
            hooks: ["{hook}"]
            validation:
              links: {{not_found: warn, anchors: warn, unrecognized_links: warn}}
            theme: {{name: material, font: false, custom_dir: "{overrides}",
              features: [content.action.edit]}}
            extra_javascript: [javascripts/handbook.js]
            extra_css: [stylesheets/handbook.css]
            plugins: [search, awesome-nav]
            exclude_docs: "!/templates/"
            markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc,
              pymdownx.emoji]
            """
        ),
        encoding="utf-8",
    )
    return project


def add_resources(
    data: Path, count: int, skill: str = "cooking", topic: str = "sauces"
) -> list[str]:
    """`count` more valid resources in one group, for tests of long lists."""
    ids = []
    for i in range(count):
        rid = f"extra-{i:03d}"
        (data / "resources" / f"{rid}.yml").write_text(
            resource_yaml(
                title=f"Extra recipe {i:03d}",
                url=f"https://example.org/extra/{i}",
                skills=[skill],
                topic=topic,
                time=f"{1 + i % 5}h",
                tags=[f"tag-{i % 7}"],
            ),
            encoding="utf-8",
        )
        ids.append(rid)
    return ids
