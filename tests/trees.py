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
HOSTILE_CORPUS = ROOT / "tests" / "fixtures" / "hostile-strings.txt"


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


def run_cli(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` in `cwd` as a contributor runs it. The environment holds only the engine's
    path, so no variable of the shell running the tests (a CI base branch, say) changes it."""
    return subprocess.run(
        [sys.executable, "-m", "handbook_engine.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
        timeout=timeout,
    )


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
    if "why" not in fields:  # each file its own reason to read: a copied `why` is refused
        values["why"] = f"{values['why']} Read it at {values['url']}."
    lines = ["# yaml-language-server: $schema=../schemas/resource.schema.json"]
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in value]
        elif isinstance(value, str) and key in ("added", "checked", "title", "why", "url"):
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
        "nav:\n  - index.md\n  - path.md\n  - roadmap.md\n  - skills\n  - catalogue\n"
        "  - glossary.md\n",
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
                # every tenth added long before the others (for "checked in the last year")
                added="2023-06-01" if i % 10 == 9 else "2026-01-02",
            ),
            encoding="utf-8",
        )
        ids.append(rid)
    return ids


# --- a richer kitchen: the learning path the engine's browser tests and the fork test use ---

KITCHEN_SKILLS = """\
# yaml-language-server: $schema=schemas/skills.schema.json
skills:
  - id: cooking
    title: Cooking
    summary: Turning ingredients into meals people want to eat.
    why: A baker who wants to run a kitchen has to cook more than bread, every single day.
    guide: guides/sauces.md
    topics:
      - id: sauces
        title: Sauces
        summary: The five mother sauces and their children.
      - id: knives
        title: Knife work
        summary: Cutting quickly, evenly and without losing a finger.
    concepts:
      - id: mise-en-place
        term: Mise en place
        explanation: Everything in its place before the first pan gets hot, so service runs calmly.
      - id: emulsion
        term: Emulsion
        explanation: Fat held in water by steady whisking, the secret of a stable hollandaise.
    competencies:
      - id: plan-a-service
        text: Plan a service so that every dish leaves the pass on time.
      - id: make-a-mother-sauce
        text: Make each of the five mother sauces without a recipe card.
      - id: keep-knives-sharp
        text: Keep a set of knives sharp enough to slice a tomato cleanly.
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
      - id: greet-a-table
        text: Greet a table within a minute of its guests sitting down.
"""

KITCHEN_PATH = """\
# yaml-language-server: $schema=schemas/path.schema.json
intro: Two stages, from the bakery bench to the pass of a small restaurant kitchen.
stages:
  - id: first-steps
    title: First steps
    goal: Cook one sauce and sharpen one knife without help from anyone in the kitchen.
    skills: [cooking]
    concepts: [mise-en-place, emulsion]
    resources: [sauce-book, knife-video, stock-course, emulsion-article, hosting-talk]
  - id: run-the-pass
    title: "Run the pass, plate by plate; then rest"
    goal: Pace a full evening of service for a dining room of forty guests with calm.
    skills: [hosting, cooking]
    concepts: [pacing]
    resources: [pacing-podcast, welcome-guide, brigade-book, wine-course]
"""

KITCHEN_GLOSSARY = """\
# yaml-language-server: $schema=schemas/glossary.schema.json
terms:
  - term: Roux
    definition: Flour cooked in fat, the base of three mother sauces.
  - term: Brigade
    definition: The ranks of a professional kitchen, from the head chef down to the porter.
  - term: Jus
    definition: A thin sauce made from the juices a roast leaves in its pan.
"""

KITCHEN_QUESTIONS = """\
# yaml-language-server: $schema=schemas/questions.schema.json
questions:
  - id: rescue-a-split-sauce
    question: A hollandaise splits five minutes before service. What do you do?
    skill: cooking
    format: technical
    points:
      - Stays calm and explains why an emulsion splits.
      - Starts again from a fresh yolk and whisks the split sauce in slowly.
      - Says how to keep it from splitting again during service.
    outline: >-
      Name the cause first (too hot, or butter added too fast), then the fix with a new yolk, then
      how to hold the sauce warm but not hot until the last plate has gone out.
  - id: a-table-waits-too-long
    question: A table of eight has waited forty minutes for its mains. What do you do?
    skill: hosting
    format: behavioural
    points:
      - Goes to the table at once and says what is happening.
      - Offers something to bridge the wait without being asked.
      - Finds out in the kitchen what went wrong so it does not happen twice.
    outline: >-
      Own the delay at the table before the guests have to ask, offer bread or a small dish, give
      an honest time, and after service look at the tickets to see where the evening slipped.
"""

# two concept checks in each group; the right answer is not always the first option
KITCHEN_CHECKS = """\
# yaml-language-server: $schema=schemas/checks.schema.json
checks:
  - id: station-before-service
    concept: mise-en-place
    question: Service starts in ten minutes and your shallots are not chopped yet. What first?
    options:
      - text: Start cooking the first orders and chop the shallots between tickets.
        why: Chopping between tickets is exactly what mise en place exists to prevent.
      - text: Chop the shallots now and fill the station before the first ticket arrives.
        correct: true
        why: Everything in its place before the first pan gets hot keeps the service calm.
      - text: Ask the porter to chop them while you wait at the pass for the first order.
        why: The porter has his own work; your station is yours to set before service.
  - id: split-hollandaise
    concept: emulsion
    question: Why does a hollandaise split when the butter goes in too fast?
    options:
      - text: The yolk cannot hold that much fat at once, so the emulsion breaks apart.
        correct: true
        why: An emulsion holds fat in water only while the whisk can spread it in small drops.
      - text: The butter is too cold and sets in lumps before it can melt in the sauce.
        why: Cold butter thickens a sauce; it does not make an emulsion split on its own.
  - id: pace-the-mains
    concept: pacing
    question: A table of four finished its starters ten minutes ago. When do the mains go out?
    options:
      - text: At once, so the kitchen keeps ahead of the next tables in the dining room.
        why: Rushing the mains makes guests feel hurried and leaves no room for talk.
      - text: After the plates are cleared and the table has had a moment to talk.
        correct: true
        why: Good pacing leaves a short pause between courses without a long wait.
  - id: pacing-true-or-false
    concept: pacing
    question: "True or false: a slow kitchen is the only reason a meal feels badly paced."
    options:
      - text: "True"
        why: The floor sets the pace too, by when it clears plates and fires the next course.
      - text: "False"
        correct: true
        why: Pacing is the whole room's rhythm, from the greeting at the door to the bill.
"""

KITCHEN_CAPSTONES = """\
# yaml-language-server: $schema=schemas/capstones.schema.json
capstones:
  - id: plan-a-tasting-menu
    skill: cooking
    title: "Plan a tasting menu, five courses; no waste"
    scenario: >-
      The restaurant books a party of twelve for a five-course tasting menu on Saturday. You
      have one cook, two burners free during service and a budget of thirty euros a head.
    deliverable: A prep list and a timed service plan for the five courses, station by station.
    rubric:
      - id: prep-list
        text: Every course has a prep list, the Jus for the lamb among them, done before service.
      - id: timings
        text: The plan says when each course is fired and plated.
      - id: budget
        text: The cost per head stays within the budget, with the sums shown.
  - id: greet-the-party
    skill: hosting
    title: Greet a party of twelve
    scenario: >-
      A party of twelve arrives twenty minutes early for its booking on a full Saturday evening,
      and its table is still occupied by guests who have just ordered their desserts.
    deliverable: A short plan for the first half hour, from the door to the first drinks.
    rubric:
      - id: greeting
        text: The party is greeted within a minute of coming in.
      - id: waiting-place
        text: The party has a place to wait with a drink while the table is cleared.
      - id: honest-time
        text: The party is told honestly how long the wait will be.
"""

# id: (title, kind, skills, topic, cost, level, time or None, tags)
KITCHEN_RESOURCES: dict[str, tuple] = {
    "knife-video": (
        "Knife Skills in Ten Minutes",
        "video",
        ["cooking"],
        "knives",
        "free",
        "beginner",
        "10min",
        ["knives"],
    ),
    "stock-course": (
        "Stocks and Mother Sauces",
        "course",
        ["cooking"],
        "sauces",
        "paid",
        "intermediate",
        "12h",
        ["sauces", "stocks"],
    ),
    "emulsion-article": (
        "Why Sauces Split",
        "article",
        ["cooking"],
        "sauces",
        "free",
        "intermediate",
        "20min",
        ["sauces"],
    ),
    "pacing-podcast": (
        "The Pace of a Good Evening",
        "podcast",
        ["hosting"],
        "service",
        "free",
        "beginner",
        "50min",
        ["service"],
    ),
    "welcome-guide": (
        "A Guide to the Warm Welcome",
        "guide",
        ["hosting"],
        "service",
        "freemium",
        "beginner",
        None,
        ["service"],
    ),
    "brigade-book": (
        "The Kitchen Brigade",
        "book",
        ["cooking", "hosting"],
        "knives",
        "paid",
        "advanced",
        "8h",
        ["teams"],
    ),
    "wine-course": (
        "Wine for the Floor",
        "course",
        ["hosting"],
        "service",
        "paid",
        "intermediate",
        "6h",
        ["wine"],
    ),
    "bread-book": (
        "Bread Before Dawn",
        "book",
        ["cooking"],
        "sauces",
        "paid",
        "beginner",
        None,
        ["bread"],
    ),
    "menu-article": (
        "Writing a Menu Guests Read",
        "article",
        ["hosting"],
        "service",
        "free",
        "advanced",
        "15min",
        ["menus"],
    ),
    "grill-video": (
        "The Grill Station",
        "video",
        ["cooking"],
        "knives",
        "free",
        "advanced",
        "1h30min",
        ["grill"],
    ),
}

KITCHEN_PAGES = {
    "index.md": "# Kitchen handbook\n\nFrom baker to head chef, one station at a time.\n\n"
    "<!-- handbook:skill-cards -->\n\n## How to use this handbook\n\nStart with the "
    "[learning path](path.md), or see it at a glance as a [roadmap](roadmap.md).\n",
    "guides/sauces.md": "# Sauces for bakers\n\nA roux is where three mother sauces begin. "
    'Learn the Roux before the whisk.\n\n=== "Butter"\n\n    Melt the butter slowly.\n\n'
    '=== "Oil"\n\n    Warm the oil gently.\n',
    "guides/service.md": "# Service for cooks\n\nEvery Brigade has a pass, and every pass a "
    "rhythm.\n",
    "practice/questions.md": "# Questions to practise\n\n<!-- handbook:questions -->\n",
    ".nav.yml": "nav:\n  - Home: index.md\n  - Learning path: path.md\n  - Roadmap: roadmap.md\n"
    "  - Skill groups: skills\n"
    "  - Guides: guides\n  - Resource catalogue: catalogue\n  - Practice: practice.md\n"
    "  - Questions: practice\n"
    "  - Glossary: glossary.md\n  - Your progress: you\n",
    "guides/.nav.yml": "nav:\n  - Sauces for bakers: sauces.md\n"
    "  - Service for cooks: service.md\n",
}

KITCHEN_MKDOCS = """\
site_name: Kitchen handbook
site_url: !ENV [HANDBOOK_SITE_URL, "https://example.net/kitchen/"]
repo_url: https://github.com/example/kitchen
edit_uri: edit/main/docs/
strict: true
watch: [data]
hooks: ["{hook}"]
exclude_docs: |
  !/templates/
validation:
  nav: {{omitted_files: warn, not_found: warn, absolute_links: warn}}
  links: {{not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}}
theme:
  name: material
  custom_dir: "{overrides}"
  language: en
  font: false
  palette:
    - media: "(prefers-color-scheme)"
      toggle: {{icon: material/brightness-auto, name: Switch to light mode}}
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Switch to system preference}}
  features: [navigation.instant, navigation.tracking, navigation.tabs, navigation.sections,
    navigation.indexes, search.suggest, search.highlight, content.action.edit,
    content.tooltips]
plugins:
  - search
  - awesome-nav
  - offline:
      enabled: !ENV [HANDBOOK_OFFLINE, false]
extra_css: [stylesheets/handbook.css]
extra_javascript: [javascripts/handbook.js]
markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables,
  {{toc: {{permalink: true}}}}, pymdownx.details, pymdownx.superfences,
  {{pymdownx.tabbed: {{alternate_style: true}}}}, pymdownx.emoji]
"""


# Ratings saved by position before competencies had ids: cooking's order was not today's.
KITCHEN_REDIRECTS = """\
# yaml-language-server: $schema=schemas/redirects.schema.json
redirects:
  old-sauce-book: sauce-book
competencies:
  cooking: [make-a-mother-sauce, keep-knives-sharp, plan-a-service]
"""


def write_kitchen_data(data: Path) -> Path:
    """A two-group learning path (baker to head chef: cooking and hosting) with 12 resources,
    two stages, three glossary terms, two interview questions, four concept checks (two in each
    group) and two capstones."""
    resources = {}
    for i, (rid, (title, kind, skills, topic, cost, level, time, tags)) in enumerate(
        KITCHEN_RESOURCES.items()
    ):
        resources[rid] = resource_yaml(
            title=title,
            url=f"https://example.org/kitchen/{rid}",
            kind=kind,
            authors=[f"Cook Number {i}"],
            skills=skills,
            topic=topic,
            cost=cost,
            level=level,
            time=time,
            tags=tags,
            why=f"{title} teaches one thing a baker needs in a kitchen, and teaches it well.",
            # every fourth added in 2024, more than a year before the build date (the newest
            # `added`), and the first of those checked since: "checked in the last year" has
            # something to keep and something to drop
            added=f"{2024 if i % 4 == 3 else 2026}-0{1 + i % 9}-1{i % 10}",
            checked="2026-05-04" if i == 3 else None,
        )
    write_data(data, resources)
    (data / "skills.yml").write_text(KITCHEN_SKILLS, encoding="utf-8")
    (data / "path.yml").write_text(KITCHEN_PATH, encoding="utf-8")
    (data / "glossary.yml").write_text(KITCHEN_GLOSSARY, encoding="utf-8")
    (data / "questions.yml").write_text(KITCHEN_QUESTIONS, encoding="utf-8")
    (data / "checks.yml").write_text(KITCHEN_CHECKS, encoding="utf-8")
    (data / "capstones.yml").write_text(KITCHEN_CAPSTONES, encoding="utf-8")
    (data / "redirects.yml").write_text(KITCHEN_REDIRECTS, encoding="utf-8")
    return data


def write_kitchen_docs(docs: Path) -> Path:
    """Hand-written pages for the kitchen path, and the engine's client side."""
    for name, text in KITCHEN_PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    for assets in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / assets, docs / assets, dirs_exist_ok=True)
    return docs


def write_kitchen(project: Path) -> Path:
    """A complete MkDocs project of the kitchen learning path on the real engine."""
    write_kitchen_data(project / "data")
    write_kitchen_docs(project / "docs")
    (project / "mkdocs.yml").write_text(
        KITCHEN_MKDOCS.format(
            hook=(ROOT / "hooks" / "handbook.py").as_posix(),
            overrides=(ROOT / "overrides").as_posix(),
        ),
        encoding="utf-8",
    )
    return project


# One page of each kind the kitchen site has: what the engine's browser checks walk through.
KITCHEN_TEMPLATES = [
    "",
    "skills/cooking/",
    "catalogue/",
    "path/",
    "roadmap/",
    "glossary/",
    "guides/sauces/",
    "practice/",
    "practice/questions/",
    "you/progress/",
    "you/self-assessment/",
    "you/review/",
    "you/print/",
]


def hostile_strings() -> list[str]:
    """The hostile corpus: one string per line; "esc:" lines are decoded with Python escapes."""
    strings = []
    for line in HOSTILE_CORPUS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("esc:"):
            line = line[4:].encode("ascii").decode("unicode_escape")
        strings.append(line)
    return strings
