"""Realistic synthetic handbook data for the scale benchmarks.

`generate(data_dir, count, seed=0)` writes a complete, valid data folder: skills.yml (4 groups
with topics, concepts and competencies), path.yml (stages over a bounded subset of 40
resources), glossary.yml (40 terms), the JSON Schemas, and exactly `count` resource files with
every field filled (title, authors, a unique URL on an example domain, kind, cost and level
spread like a real catalogue, time, year, tags and a two- or three-sentence `why`).

`generate(data_dir, count, seed, base=Path("data"))` grows a real data folder instead: it keeps
the base's skills.yml, path.yml, glossary.yml and resources (hand-written pages link to their
anchors, so a strict build of the real docs/ still passes) and adds synthetic resources, spread
over the base's groups and topics, until there are `count` in all.

The same arguments always give the same files. Usable as a script:

    python benchmarks/synthetic.py DATA_DIR COUNT [--seed N] [--base data]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "data" / "schemas"

# How often each kind, cost and level occurs (roughly the shape of the real catalogue).
KINDS = {
    "article": 30,
    "book": 18,
    "guide": 12,
    "video": 10,
    "course": 8,
    "podcast": 6,
    "talk": 6,
    "tool": 4,
    "newsletter": 3,
    "community": 3,
}
COSTS = {"free": 60, "freemium": 15, "paid": 25}
LEVELS = {"beginner": 40, "intermediate": 40, "advanced": 20}
DOMAINS = (
    "example.org",
    "example.com",
    "example.net",
    "books.example.org",
    "blog.example.com",
    "learn.example.net",
    "video.example.org",
    "podcasts.example.com",
)
SECTIONS = {
    "article": "articles",
    "book": "books",
    "guide": "guides",
    "video": "watch",
    "course": "courses",
    "podcast": "episodes",
    "talk": "talks",
    "tool": "tools",
    "newsletter": "newsletters",
    "community": "groups",
}

FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Lars",
    "Maya",
    "Nikhil",
    "Olga",
    "Pedro",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Amara",
    "Bruno",
    "Carla",
    "Dmitri",
]
LAST = [
    "Adeyemi",
    "Bauer",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Laurent",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yamamoto",
    "Zielinski",
    "Novak",
    "Lindqvist",
    "Mensah",
    "Oliveira",
]
ORGS = (
    "Example Labs",
    "Product Guild",
    "Open ML Institute",
    "Delivery Collective",
    "The Data Product School",
)
SUBJECTS = (
    "product discovery",
    "model evaluation",
    "stakeholder maps",
    "OKRs for ML teams",
    "experiment design",
    "feature stores",
    "roadmaps",
    "data contracts",
    "responsible AI",
    "A/B testing",
    "LLM products",
    "prioritisation",
    "ML system design",
    "user research",
    "pricing",
    "MLOps",
    "metrics trees",
    "labelling pipelines",
    "incident reviews",
    "product strategy",
)
PATTERNS = (
    "A practical guide to {s}",
    "{S} for data scientists",
    "{S} in practice",
    "The {s} handbook",
    "Getting {s} right",
    "What nobody tells you about {s}",
    "{S}, step by step",
    "From notebook to product with {s}",
    "Lessons from ten years of {s}",
    "{S} without the hype",
)
TAGS = [
    "discovery",
    "okrs",
    "metrics",
    "experimentation",
    "ab-testing",
    "mlops",
    "llm",
    "roadmaps",
    "stakeholders",
    "prioritisation",
    "evaluation",
    "data-quality",
    "privacy",
    "fairness",
    "pricing",
    "research",
    "leadership",
    "communication",
    "agile",
    "scrum",
    "kanban",
    "strategy",
    "monitoring",
    "deployment",
    "feature-stores",
    "labelling",
    "ethics",
    "regulation",
    "interviews",
    "career",
]
OPENERS = (
    "This {kind} walks through {s} with examples from real ML teams.",
    "A clear introduction to {s}, written for people who already know the data side.",
    "The best short treatment of {s} we know, with worked cases and checklists.",
    "It shows how {s} changes once a model is part of the product.",
)
MIDDLES = (
    "Read it for the chapter on trade-offs, which names the decisions a PM owns.",
    "Skim the first half if you know the basics; the second half is where it pays off.",
    "Take notes on the questions it asks, then try them on your own team's next project.",
    "Its examples come from fraud, search and recommendations, so they transfer well.",
)
CLOSERS = (
    "Pair it with a stage of the learning path that covers the same ground.",
    "Come back to it when you plan your first launch.",
    "Most readers finish it in a week of evenings.",
)
WORDS = [
    "baseline",
    "drift",
    "recall",
    "precision",
    "latency",
    "cohort",
    "funnel",
    "churn",
    "uplift",
    "holdout",
    "rollout",
    "canary",
    "shadow",
    "embedding",
    "retrieval",
    "guardrail",
    "backlog",
    "epic",
    "persona",
    "outcome",
]


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _Group:
    id: str
    topics: tuple[str, ...]


class _Dumper(yaml.SafeDumper):
    """Plain YAML the handbook's loader accepts: no anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write(path: Path, schema: str, data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def _time(rng: random.Random, kind: str) -> str:
    if kind in ("book", "course"):
        return f"{rng.randint(3, 40)}h"
    if kind in ("video", "talk", "podcast"):
        return f"{rng.randint(15, 59)}min" if rng.random() < 0.8 else f"1h{rng.randint(5, 45)}min"
    if kind in ("tool", "community", "newsletter"):
        return f"{rng.randint(1, 4)}h"
    return f"{rng.randint(5, 50)}min"


def resource(rng: random.Random, number: int, groups: list[_Group]) -> tuple[str, dict[str, Any]]:
    """One synthetic resource (id, fields); `number` makes its id and URL unique."""
    kind = _weighted(rng, KINDS)
    subject = rng.choice(SUBJECTS)
    title = rng.choice(PATTERNS).format(s=subject, S=_sentence_case(subject))
    title += f", part {number}"  # the engine flags near-identical titles: keep each its own
    if rng.random() < 0.3:
        title += f": {rng.choice(WORDS)} and {rng.choice(WORDS)}"
    rid = _slug(title)  # unique: the title carries the number
    home = rng.choice(groups)
    skills = [home.id]
    if rng.random() < 0.3:
        skills.append(rng.choice([g.id for g in groups if g.id != home.id]))
    authors = (
        [rng.choice(ORGS)]
        if rng.random() < 0.15
        else [
            f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            for _ in range(rng.choices((1, 2, 3), (60, 30, 10))[0])
        ]
    )
    sentences = [
        # the part number keeps each `why` its own: the engine refuses a copied one
        rng.choice(OPENERS).format(kind=kind, s=f"{subject} (part {number})"),
        rng.choice(MIDDLES),
    ]
    if rng.random() < 0.6:
        sentences.append(rng.choice(CLOSERS))
    fields: dict[str, Any] = {
        "title": title,
        "url": f"https://{rng.choice(DOMAINS)}/{SECTIONS[kind]}/{rid}",
        "kind": kind,
        "authors": list(dict.fromkeys(authors)),
        "skills": skills,
        "topic": rng.choice(home.topics),
        "cost": _weighted(rng, COSTS),
        "level": _weighted(rng, LEVELS),
        "time": _time(rng, kind),
        "year": rng.randint(1998, 2026),
        "tags": rng.sample(TAGS, rng.randint(2, 5)),
        "why": " ".join(sentences),
        # years already over: the checker refuses a date after the day it runs
        "added": f"{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    return rid, fields


# --- the standalone files -------------------------------------------------------------------

GROUPS = (
    ("product-strategy", "Product strategy", ("discovery", "outcomes", "prioritisation")),
    ("product-delivery", "Product delivery", ("mvp", "agile", "ml-lifecycle", "launches")),
    ("influencing", "Influencing", ("stakeholders", "storytelling", "leading-teams")),
    ("tech-fluency", "Tech fluency", ("experimentation", "mlops", "responsible-ai", "llms")),
)


def _skills_file() -> dict[str, Any]:
    skills = []
    for gid, title, topics in GROUPS:
        skills.append(
            {
                "id": gid,
                "title": title,
                "icon": "material-star-outline",
                "summary": f"What a data scientist needs for {title.lower()} as an ML PM.",
                "why": (
                    f"{title} is where a data scientist moving into product work has the most "
                    "to learn, and where teams notice the difference first."
                ),
                "topics": [
                    {
                        "id": t,
                        "title": _sentence_case(t.replace("-", " ")),
                        "summary": f"Everything about {t.replace('-', ' ')} for an ML product.",
                    }
                    for t in topics
                ],
                "concepts": [
                    {
                        "id": f"{gid}-concept-{i}",
                        "term": f"{title} idea {i}",
                        "explanation": (
                            f"Idea {i} of {title.lower()}: a short explanation with an ML "
                            "example, as the real skills.yml gives."
                        ),
                    }
                    for i in range(1, 4)
                ],
                "competencies": [
                    {
                        "id": f"{gid}-competency-{i}",
                        "text": f"Use {title.lower()} skill {i} on a real ML project without help.",
                    }
                    for i in range(1, 4)
                ],
            }
        )
    return {"skills": skills}


def _glossary_file(rng: random.Random, terms: int = 40) -> dict[str, Any]:
    names = [f"{w.capitalize()} {i}" for i, w in enumerate(rng.choices(WORDS, k=terms), 1)]
    return {
        "terms": [
            {"term": name, "definition": f"{name}: a term readers meet in ML product work."}
            for name in names
        ]
    }


def _path_file(rids: list[str], stages: int = 8) -> dict[str, Any]:
    per = max(1, len(rids) // stages)
    out = []
    for i in range(stages):
        chunk = rids[i * per : (i + 1) * per]
        if not chunk:
            break
        gid = GROUPS[i % len(GROUPS)][0]
        out.append(
            {
                "id": f"stage-{i + 1}",
                "title": f"Stage {i + 1}",
                "goal": f"Finish the resources of stage {i + 1} and explain what you learned.",
                "skills": [gid],
                "concepts": [f"{gid}-concept-1"],
                "resources": chunk,
            }
        )
    return {"intro": "A synthetic learning path over a bounded subset of resources.", "stages": out}


def _groups_of(skills_yml: Path) -> list[_Group]:
    data = yaml.safe_load(skills_yml.read_text(encoding="utf-8"))
    return [_Group(s["id"], tuple(t["id"] for t in s["topics"])) for s in data["skills"]]


def generate(
    data_dir: Path, count: int, seed: int = 0, base: Path | None = None, path_size: int = 40
) -> list[str]:
    """Write a data folder with exactly `count` resources; returns the resource ids."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    resources = data_dir / "resources"
    if resources.exists():
        shutil.rmtree(resources)
    resources.mkdir(parents=True)
    shutil.copytree(SCHEMAS, data_dir / "schemas", dirs_exist_ok=True)
    ids: list[str] = []
    if base is not None:
        for name in ("skills.yml", "path.yml", "glossary.yml"):
            shutil.copyfile(base / name, data_dir / name)
        kept = sorted((base / "resources").glob("*.yml"))
        if count < len(kept):
            raise ValueError(f"{base} already has {len(kept)} resources; ask for more")
        for file in kept:
            shutil.copyfile(file, resources / file.name)
            ids.append(file.stem)
        groups = _groups_of(base / "skills.yml")
    else:
        _write(data_dir / "skills.yml", "schemas/skills.schema.json", _skills_file())
        _write(data_dir / "glossary.yml", "schemas/glossary.schema.json", _glossary_file(rng))
        groups = [_Group(gid, topics) for gid, _, topics in GROUPS]
    number = 0
    while len(ids) < count:
        number += 1
        rid, fields = resource(rng, number, groups)
        _write(resources / f"{rid}.yml", "../schemas/resource.schema.json", fields)
        ids.append(rid)
    if base is None:
        subset = ids[:: max(1, len(ids) // path_size)][:path_size]
        _write(data_dir / "path.yml", "schemas/path.schema.json", _path_file(subset))
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="data folder to write")
    parser.add_argument("count", type=int, help="number of resources")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--base", type=Path, help="a real data folder to grow")
    args = parser.parse_args()
    ids = generate(args.data, args.count, args.seed, args.base)
    print(f"wrote {len(ids)} resources to {args.data}")


if __name__ == "__main__":
    main()
