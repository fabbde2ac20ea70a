"""Hostile strings in every contributed text field stay inert text, end to end.

Each string of tests/fixtures/hostile-strings.txt goes into every text field of the data: resource
title, authors and why; skill title, summary and why; topic title and summary; concept term and
explanation; competency; stage title and goal; the path intro; path page link titles; glossary
definitions, and glossary terms where the schema allows them; and the labels of statuses and ratings
in the progress schema. Fields that are ids by schema (resource tags) and glossary terms the schema
refuses must be refused with a `path:line` problem.

Few builds: skills.yml holds at most 12 groups, so the strings go in batches of 12, and in each
batch string i fills every field of skill s<i>, resource r<i>, stage st<i> and glossary term
HBT<i>. The sites are built strictly with the real site's mkdocs.yml (theme features, extensions,
overrides, handbook.js). The browser tests in tests/browser/test_hostile_pages.py reuse the
project writer below.
"""

from __future__ import annotations

import html
import html.parser
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from handbook_engine.ids import slug
from handbook_engine.rules import term_problem
from handbook_engine.schemas import python_pattern
from jsonschema import Draft202012Validator
from pages import article_text, html_pages, live_markup
from trees import ROOT, BuildResult, hostile_strings, run_build, run_cli, write_project

CORPUS = ROOT / "tests" / "fixtures" / "hostile-strings.txt"
BATCH = 12  # data/schemas/skills.schema.json: at most 12 skill groups
PAD = " (a hostile string, padded to the minimum length of this field)"

# Fields that every string reaches in a built site.
BUILT_FIELDS = (
    "resource title",
    "resource authors[]",
    "resource why",
    "skill title",
    "skill summary",
    "skill why",
    "topic title",
    "topic summary",
    "concept term",
    "concept explanation",
    "competency",
    "stage title",
    "stage goal",
    "path intro",
    "path page link title",
    "glossary definition",
)
# Fields where the schema decides: built when allowed, else refused with path:line.
GLOSSARY_TERM = "glossary term"
RESOURCE_TAGS = "resource tags"


# --- the corpus and a YAML writer that keeps every character ------------------------------------


STRINGS = hostile_strings()


def fold(text: str) -> str:
    """What a reader sees: white space folded, as md_text and the validator do."""
    return " ".join(text.split())


def shown(text: str) -> str:
    """What a page shows: folded, and without STX/ETX, which Python-Markdown removes from its
    input (they mark its placeholders)."""
    return fold(text.replace("\x02", "").replace("\x03", ""))


def yaml_str(value: str) -> str:
    """A double-quoted YAML scalar for any string: what YAML cannot hold raw is escaped."""
    out = []
    for ch in value:
        code = ord(ch)
        printable = (
            0x20 <= code <= 0x7E
            or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
            or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
            or code >= 0x10000
        )
        if ch in '\\"':
            out.append("\\" + ch)
        elif printable:
            out.append(ch)
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def to_yaml(value: object, indent: int = 0) -> list[str]:
    """Block YAML for mappings, lists, strings and ints; every string double-quoted."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}:")
                lines += to_yaml(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                nested = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines += nested[1:]
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return lines


def _scalar(value: object) -> str:
    return str(value) if isinstance(value, int) else yaml_str(str(value))


def write_yaml(path: Path, schema: str, value: object) -> str:
    text = "\n".join([f"# yaml-language-server: $schema={schema}", *to_yaml(value)]) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


_TERM_SCHEMA = json.loads((ROOT / "data/schemas/glossary.schema.json").read_text())["properties"][
    "terms"
]["items"]["properties"]["term"]
_TERM_VALIDATOR = Draft202012Validator(_TERM_SCHEMA)


def term_allowed(value: str) -> bool:
    """Whether a glossary term is taken: by its schema, and by the rule on words a term may
    not be (common words, no letter, Markdown's own placeholders)."""
    return _TERM_VALIDATOR.is_valid(value) and term_problem(value) is None


_LINE_SCHEMA = json.loads((ROOT / "data/schemas/resource.schema.json").read_text())["properties"][
    "title"
]


def line_allowed(value: str) -> bool:
    """Whether one-line fields (titles, authors, terms) take the string: invisible and
    direction-changing characters are refused there (they hide what a reviewer reads)."""
    return re.search(python_pattern(_LINE_SCHEMA["pattern"]), value) is not None


def line_value(i: int, value: str) -> str:
    """What a one-line field gets in the built projects: the string, or a stand-in when the
    schema refuses it (test_invisible_characters_in_line_fields_are_refused covers those)."""
    return value if line_allowed(value) else f"Refused line {i}"


def batches(strings: list[str] | None = None) -> list[list[tuple[int, str]]]:
    numbered = list(enumerate(STRINGS if strings is None else strings))
    return [numbered[k : k + BATCH] for k in range(0, len(numbered), BATCH)]


def glossary_terms(batch: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The batch's strings the glossary schema allows as terms (each also has a slug of its own)."""
    allowed = [(i, s) for i, s in batch if term_allowed(s)]
    slugs = [slug(s) for _, s in allowed] + [slug(f"HBT{i}") for i, _ in batch]
    assert len(slugs) == len(set(slugs)), "two terms of one batch would share an anchor"
    return allowed


# --- a project on the real site's configuration ------------------------------------------------


def write_site_config(project: Path) -> None:
    """The real mkdocs.yml (theme features, extensions, tooltips), pointed at the real engine."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hook, overrides = "  - hooks/handbook.py\n", "  custom_dir: overrides\n"
    assert hook in text and overrides in text
    text = text.replace(hook, f'  - "{(ROOT / "hooks/handbook.py").as_posix()}"\n')
    text = text.replace(overrides, f'  custom_dir: "{(ROOT / "overrides").as_posix()}"\n')
    watch = "watch: [data, hooks]"
    assert watch in text
    text = text.replace(watch, "watch: [data]")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / folder, project / "docs" / folder, dirs_exist_ok=True)
    (project / "docs" / ".nav.yml").write_text(
        "nav:\n  - index.md\n  - path.md\n  - roadmap.md\n  - skills\n  - catalogue\n"
        "  - practice.md\n"
        "  - glossary.md\n  - you\n",
        encoding="utf-8",
    )


def write_hostile_project(project: Path, batch: list[tuple[int, str]]) -> Path:
    """A project where string i of the batch fills every text field of its own entries."""
    write_project(project)
    write_site_config(project)
    data = project / "data"
    for old in (data / "resources").glob("*.yml"):
        old.unlink()
    skills, stages, terms = [], [], []
    for i, s in batch:
        skills.append(
            {
                "id": f"s{i}",
                "title": line_value(i, s),
                "summary": s + PAD,
                "why": s + PAD,
                "topics": [{"id": f"t{i}", "title": line_value(i, s), "summary": s + PAD}],
                "concepts": [{"id": f"c{i}", "term": line_value(i, s), "explanation": s + PAD}],
                "competencies": [{"id": f"k{i}", "text": s + PAD}],
            }
        )
        write_yaml(
            data / "resources" / f"r{i}.yml",
            "../schemas/resource.schema.json",
            {
                "title": line_value(i, s),
                "url": f"https://example.org/hostile/r{i}",
                "kind": "article",
                "authors": [line_value(i, s)],
                "skills": [f"s{i}"],
                "topic": f"t{i}",
                "cost": "free",
                "level": "beginner",
                "time": "10min",
                "tags": [f"tag-{i}"],
                "why": s + PAD,
                "added": f"2026-01-{i % 28 + 1:02d}",
            },
        )
        stages.append(
            {
                "id": f"st{i}",
                "title": line_value(i, s),
                "goal": s + PAD,
                "skills": [f"s{i}"],
                "concepts": [f"c{i}"],
                "pages": [{"title": line_value(i, s), "page": "index.md"}],
                "resources": [f"r{i}"],
            }
        )
        terms.append({"term": f"HBT{i}", "definition": s + PAD})
    for i, s in glossary_terms(batch):
        terms.append({"term": s, "definition": f"Hostile string number {i} used as a term."})
    questions, checks, capstones = [], [], []
    for i, s in batch:
        questions.append(
            {
                "id": f"q{i}",
                "question": line_value(i, s),
                "skill": f"s{i}",
                "format": "product-sense",
                "points": [s + PAD, s + PAD, s + PAD],
                "outline": s + PAD + PAD,
            }
        )
        checks.append(
            {
                "id": f"k{i}",
                "concept": f"c{i}",
                "question": s + PAD,
                "options": [
                    {"text": s, "correct": True, "why": s + PAD},
                    {"text": f"Option two {i}", "why": s + PAD},
                ],
            }
        )
        capstones.append(
            {
                "id": f"cap{i}",
                "skill": f"s{i}",
                "title": line_value(i, s),
                "scenario": s + PAD + PAD,
                "deliverable": s + PAD,
                "template": "index.md",
                "rubric": [{"id": f"r{j}", "text": s + PAD} for j in range(3)],
            }
        )
    write_yaml(data / "questions.yml", "schemas/questions.schema.json", {"questions": questions})
    write_yaml(data / "checks.yml", "schemas/checks.schema.json", {"checks": checks})
    write_yaml(data / "capstones.yml", "schemas/capstones.schema.json", {"capstones": capstones})
    intro = " ".join(s for _, s in batch)
    write_yaml(data / "skills.yml", "schemas/skills.schema.json", {"skills": skills})
    write_yaml(data / "path.yml", "schemas/path.schema.json", {"intro": intro, "stages": stages})
    write_yaml(data / "glossary.yml", "schemas/glossary.schema.json", {"terms": terms})
    # the progress vocabulary: status labels, rating names and descriptions from the batch
    progress = data / "schemas" / "progress.schema.json"
    schema = json.loads(progress.read_text(encoding="utf-8"))
    status, rating = schema["$defs"]["status"], schema["$defs"]["rating"]
    strings = [s for _, s in batch]
    for k, value in enumerate(status["enum"]):
        status["x-labels"][value] = strings[k % len(strings)]
    for k, value in enumerate(rating["enum"]):
        rating["x-labels"][str(value)] = strings[(k + 4) % len(strings)]
        rating["x-descriptions"][str(value)] = strings[(k + 8) % len(strings)]
    progress.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    words = ", ".join(f"HBT{i}" for i, _ in batch)
    (project / "docs" / "index.md").write_text(
        f"# Hostile handbook\n\nGlossary words: {words}.\n\n<!-- handbook:skill-cards -->\n\n"
        "## Questions\n\n<!-- handbook:questions -->\n",
        encoding="utf-8",
    )
    return project


def build_all(root: Path, jobs: dict[str, list[tuple[int, str]]]) -> dict[str, BuildResult]:
    """Build each named batch into root/<name>/site, two at a time (two cores)."""

    def one(name: str) -> BuildResult:
        project = write_hostile_project(root / name / "project", jobs[name])
        return run_build(project, root / name / "site")

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(jobs, pool.map(one, jobs), strict=True))
    for name, result in results.items():
        assert result.returncode == 0, f"{name}:\n{result.output}"
        assert "Traceback" not in result.output
    return results


# --- fixtures ----------------------------------------------------------------------------------

BATCHES = batches()
BENIGN = [(i, f"Benign words for entry {i}, plain text only") for i, _ in BATCHES[0]]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, BuildResult]:
    jobs = {f"batch{k}": batch for k, batch in enumerate(BATCHES)} | {"benign": BENIGN}
    return build_all(tmp_path_factory.mktemp("hostile"), jobs)


def _kind(path: str) -> str:
    return re.sub(r"^skills/s\d+/", "skills/S/", path)


@pytest.fixture(scope="module")
def benign_markup(sites) -> dict[str, Counter]:
    """What Material itself puts on each kind of page (its own scripts): the allowed baseline."""
    pages = html_pages(sites["benign"].site)
    return {_kind(path): Counter(live_markup(page)) for path, page in pages.items()}


def _search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")


@pytest.fixture(scope="module")
def search_tags(sites) -> set[str]:
    """The tags Material keeps in its search index for plain data (rendered as HTML)."""
    docs = _search_docs(sites["benign"].site)
    return {t.lower() for d in docs for t in _TAG.findall(d["title"] + d["text"])}


IDS = [f"batch{k}" for k in range(len(BATCHES))]
GENERATED = {
    "index.html",
    "catalogue/index.html",
    "path/index.html",
    "roadmap/index.html",
    "glossary/index.html",
    "you/progress/index.html",
    "you/self-assessment/index.html",
    "you/review/index.html",
    "you/print/index.html",
}


# --- the tally ---------------------------------------------------------------------------------


def test_corpus_is_small_curated_and_fits_every_field():
    assert 40 <= len(STRINGS) <= 60
    assert len(set(STRINGS)) == len(STRINGS)
    for s in STRINGS:
        assert 2 <= len(s) <= 100, s  # authors: at most 100; line fields: at least 2
        assert "\n" not in s and "\r" not in s and "\t" not in s and "\x00" not in s


def test_tally_of_strings_times_fields():
    allowed_terms = sum(len(glossary_terms(b)) for b in BATCHES)
    refused_terms = len(STRINGS) - allowed_terms
    tried = len(STRINGS) * len(BUILT_FIELDS) + allowed_terms + refused_terms + len(STRINGS)
    fields = len(BUILT_FIELDS) + 2
    print(
        f"\nhostile input tally: {len(STRINGS)} strings x {fields} fields = {tried} placements "
        f"({len(BATCHES)} strict builds; glossary term: {allowed_terms} built, "
        f"{refused_terms} refused; resource tags: {len(STRINGS)} refused)"
    )
    assert fields == 18
    assert tried == len(STRINGS) * 18 == 59 * 18


# --- built sites -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_no_live_markup_from_data_on_any_page(sites, benign_markup, name):
    pages = html_pages(sites[name].site)
    assert {f"skills/s{i}/index.html" for i, _ in BATCHES[int(name[5:])]} | GENERATED <= set(pages)
    for path, page in pages.items():
        found = Counter(live_markup(page))
        extra = found - benign_markup[_kind(path)]
        assert not extra, f"{name} {path}: {sorted(extra)}"


@pytest.mark.parametrize("name", IDS)
def test_every_string_is_shown_as_its_own_text(sites, name):
    site = sites[name].site
    batch = BATCHES[int(name[5:])]
    catalogue = article_text((site / "catalogue/index.html").read_text(encoding="utf-8"))
    path_page = article_text((site / "path/index.html").read_text(encoding="utf-8"))
    glossary = article_text((site / "glossary/index.html").read_text(encoding="utf-8"))
    home = article_text((site / "index.html").read_text(encoding="utf-8"))
    practice = article_text((site / "practice/index.html").read_text(encoding="utf-8"))
    for i, s in batch:
        text, padded = shown(s), shown(s + PAD)
        skill = article_text((site / f"skills/s{i}/index.html").read_text(encoding="utf-8"))
        # title, summary, why, topic, concept, competency, and the resource card
        assert skill.count(text) >= (8 if line_allowed(s) else 5), (name, i, s)
        assert padded in skill
        assert text in catalogue and padded in catalogue, (name, i)
        # intro, table, stage, link, card
        assert path_page.count(text) >= (4 if line_allowed(s) else 2), (name, i)
        assert padded in glossary, (name, i)
        assert padded in home and padded in practice, (name, i)  # questions, checks, capstones
        if term_allowed(s):
            assert text in glossary, (name, i)


_HEAD_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


@pytest.mark.parametrize("name", IDS)
def test_titles_and_descriptions_carry_no_markup(sites, name):
    site = sites[name].site
    for path, page in html_pages(site).items():
        head = page[: page.index("</head>")]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, path
        title = _HEAD_TITLE.search(head)
        assert title and "<" not in title.group(1) and ">" not in title.group(1), path
        descriptions = _DESCRIPTION.findall(head)
        assert len(descriptions) == 1, path
        assert "<" not in descriptions[0] and ">" not in descriptions[0], path
    for i, s in BATCHES[int(name[5:])]:
        page = (site / f"skills/s{i}/index.html").read_text(encoding="utf-8")
        title = html.unescape(_HEAD_TITLE.search(page).group(1))
        assert title.startswith(line_value(i, s)), (i, title)


@pytest.mark.parametrize("name", IDS)
def test_resources_json_carries_every_string_as_data(sites, name):
    document = json.loads((sites[name].site / "resources.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in document["resources"]}
    for i, s in BATCHES[int(name[5:])]:
        record = records[f"r{i}"]
        assert record["title"] == line_value(i, s) and record["authors"] == [line_value(i, s)], i
        assert record["why"] == fold(s + PAD), i


@pytest.mark.parametrize("name", IDS)
def test_feed_is_well_formed_xml_and_carries_every_string_as_data(sites, name):
    raw = (sites[name].site / "feed.xml").read_text(encoding="utf-8")
    try:
        feed = ET.fromstring(raw)  # noqa: S314 - our own output, parsed to prove it is XML
    except ET.ParseError as error:
        line = raw.split("\n")[error.position[0] - 1]
        pytest.fail(f"feed.xml is not XML ({error}): {line!r}")
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")}
    for i, s in BATCHES[int(name[5:])]:
        assert line_value(i, s) in titles


@pytest.mark.parametrize("name", IDS)
def test_search_index_holds_data_as_escaped_text(sites, search_tags, name):
    # Material renders a search document's title and text as HTML: entities are text, tags live.
    docs = _search_docs(sites[name].site)
    for doc in docs:
        for key in ("title", "text"):
            found = live_markup(doc[key], allowed_tags=search_tags)
            assert found == [], (doc["location"], key, found)
    tags = re.compile(r"</?(?:{})>".format("|".join(sorted(search_tags))))
    text = fold(html.unescape(tags.sub(" ", " ".join(d["title"] + " " + d["text"] for d in docs))))
    for i, s in BATCHES[int(name[5:])]:
        assert shown(s) in text, (name, i)


_DECK = re.compile(r'<script type="application/json" id="hb-deck">(.*?)</script>', re.S)


@pytest.mark.parametrize("name", IDS)
def test_review_deck_carries_every_string_as_inert_data(sites, name):
    """The review deck sits in a <script> element: no string may close it or open another."""
    page = (sites[name].site / "you/review/index.html").read_text(encoding="utf-8")
    decks = _DECK.findall(page)
    assert len(decks) == 1
    assert "<" not in decks[0] and ">" not in decks[0] and "&" not in decks[0]
    cards = {card["key"]: card for card in json.loads(decks[0])["cards"]}
    for i, s in BATCHES[int(name[5:])]:
        term = cards[f"term-{slug(f'HBT{i}')}"]
        assert term["front"] == f"HBT{i}" and term["back"] == [fold(s + PAD)], (name, i)
        check = cards[f"check-k{i}"]
        assert check["front"] == fold(s + PAD), (name, i)
        assert check["back"] == [f"Answer: {fold(s)}", fold(s + PAD)], (name, i)
        question = cards[f"question-q{i}"]
        assert question["front"] == fold(line_value(i, s)), (name, i)
        assert question["back"] == [fold(s + PAD)] * 3, (name, i)
        if term_allowed(s):
            assert cards[f"term-{slug(s)}"]["front"] == s, (name, i)


class _Starts(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(dict(attrs))


@pytest.mark.parametrize("name", IDS)
def test_practice_attributes_hold_titles_as_text(sites, name):
    """Capstone and stage titles reach data-title / data-label exactly as typed."""
    site = sites[name].site
    found: dict[str, dict[str, str | None]] = {}
    for path in ("practice/index.html", "you/progress/index.html", "path/index.html"):
        parser = _Starts()
        parser.feed((site / path).read_text(encoding="utf-8"))
        found |= {f"{path} {a['data-capstone']}": a for a in parser.found if "data-capstone" in a}
    for i, s in BATCHES[int(name[5:])]:
        practice = found[f"practice/index.html cap{i}"]
        assert practice["data-title"] == line_value(i, s) and practice["data-items"] == "r0 r1 r2"
        assert found[f"you/progress/index.html cap{i}"]["data-label"] == line_value(i, s)
        assert found[f"path/index.html cap{i}"]["data-label"] == line_value(i, s)
        stage = (site / "path/index.html").read_text(encoding="utf-8")
        parser = _Starts()
        parser.feed(stage)
        stages = [a for a in parser.found if "hb-stage" in (a.get("class") or "").split()]
        titles = {a["data-stage"]: a["data-title"] for a in stages}
        assert titles[f"st{i}"] == line_value(i, s), (name, i)


@pytest.mark.parametrize("name", IDS)
def test_roadmap_labels_hold_titles_as_text(sites, name):
    """The roadmap's boxes carry stage, concept, resource and capstone titles as typed."""
    parser = _Starts()
    parser.feed((sites[name].site / "roadmap/index.html").read_text(encoding="utf-8"))
    labels = {
        (a.get("data-stage") or a.get("data-concept") or a.get("data-resource") or "")
        + (a.get("data-capstone") or ""): a["data-label"]
        for a in parser.found
        if "hb-node" in (a.get("class") or "").split()
    }
    for number, (i, s) in enumerate(BATCHES[int(name[5:])], 1):
        title = line_value(i, s)
        assert labels[f"st{i}"] == f"{number}. {title}", (name, i)
        assert labels[f"c{i}"] == f"Concept: {title}", (name, i)
        assert labels[f"r{i}"] == f"{title} (Article)", (name, i)
        assert labels[f"cap{i}"] == f"Capstone: {title}", (name, i)


def test_the_corpus_tries_to_close_the_deck_script():
    assert "</script><script>alert(1)</script>" in STRINGS


# --- what the schema refuses -------------------------------------------------------------------


def _check(project: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    import time

    started = time.perf_counter()
    done = run_cli("check", cwd=project, timeout=60)
    return done, time.perf_counter() - started


def test_hostile_tags_and_refused_terms_give_path_line_problems(tmp_path):
    project = write_project(tmp_path / "kitchen")
    data = project / "data"
    expected = []
    for i, s in enumerate(STRINGS):
        text = write_yaml(
            data / "resources" / f"r{i}.yml",
            "../schemas/resource.schema.json",
            {
                "title": f"Resource number {i}",
                "url": f"https://example.org/tags/r{i}",
                "kind": "article",
                "authors": ["Ada Saucier"],
                "skills": ["cooking"],
                "topic": "sauces",
                "cost": "free",
                "level": "beginner",
                "tags": [s],
                "why": "A resource whose only tag is a hostile string; the schema refuses it.",
                "added": "2026-01-02",
            },
        )
        line = text.splitlines().index(f"  - {yaml_str(s)}") + 1
        expected.append(f"data/resources/r{i}.yml:{line}: tags[0]: ")
    refused = [s for s in STRINGS if not term_allowed(s)]
    assert refused, "the corpus has strings the glossary term pattern refuses"
    terms = [{"term": "Roux", "definition": "Flour cooked in fat, the base of sauces."}]
    terms += [{"term": s, "definition": "A term the schema refuses."} for s in refused]
    text = write_yaml(data / "glossary.yml", "schemas/glossary.schema.json", {"terms": terms})
    lines = text.splitlines()
    for k, s in enumerate(refused, start=1):
        line = lines.index(f"  - term: {yaml_str(s)}") + 1
        expected.append(f"data/glossary.yml:{line}: terms[{k}].term: ")

    done, elapsed = _check(project)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output and done.stderr == ""
    problems = done.stdout.split("\n\n")[0].splitlines()
    for prefix in expected:
        assert any(p.startswith(prefix) for p in problems), prefix
    assert all(re.match(r"data/[a-z/0-9.-]+\.yml:\d+: ", p) for p in problems), problems
    print(f"\nrefused: {len(STRINGS)} tags, {len(refused)} glossary terms in {elapsed:.2f} s")

    build = run_build(project, tmp_path / "site")  # the build refuses them the same way
    assert build.returncode == 1 and "Traceback" not in build.output
    assert all(prefix in build.output for prefix in expected)


# --- broken YAML: one file per failure class ----------------------------------------------------

BROKEN = ROOT / "tests" / "fixtures" / "broken-yaml"
BROKEN_EXPECTED = {
    "anchor-alias": "2: anchor '&people' is not allowed; write the value out",
    "billion-laughs": "2: anchor '&a' is not allowed; write the value out",
    "custom-tag": "2: tag '!year' is not allowed; use plain values",
    "deep-nesting": "3: nesting is deeper than 12 levels",
    "duplicate-key": "4: duplicate key 'title' (first at line 2); keep one",
    "empty": "1: file is empty",
    "not-utf8": "3: the file is not valid UTF-8; save it as UTF-8",
    "nul-byte": "3: NUL byte in file",
    "only-comments": "1: file is empty",
    "python-tag": "3: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
    "use plain values",
    "syntax-error": "2: a [ or { opened on this line never closes: close it with ] or }, or "
    "write one `- item` per line below the field",
    "tab-indentation": "3: a tab; YAML indents with spaces",
    "bad-indent": "3: this line is indented differently from the fields around it; line it up "
    "with the field above (YAML indents with spaces, two per level)",
    "hash-in-value": "1: YAML reads ' #1 Bestseller' as a comment, so the value stops at 'The "
    "Sauce Book': put the whole value in quotes to keep it",
    "list-item-indented-more": "4: this '- ' is indented more than the item on line 3, so YAML "
    "reads the two as one value 'Ada Cook - Ben Baker'; indent every '- ' of the list alike",
    "no-space-after-colon": "2: a colon needs a space after it: write `kind: book`, not "
    "`kind:book`",
    "no-colon": "2: this line has no colon: if it is a field, write `cost: paid`; if it "
    "continues the text above, indent it as that text is",
    # `  -"Ben Baker"` under `  - "Ada Cook"`: the fix is the space, not a colon
    "list-item-no-space": '4: a list item needs a space after its dash: write `- "Ben Baker"`',
    "equals-for-colon": "2: this line has no colon: if it is a field, write `kind: book`; if it "
    "continues the text above, indent it as that text is",
    "colon-in-value": "1: a colon and a space inside a value: put the whole value in quotes, "
    'e.g. title: "Inspired: How to Create Tech Products"',
    "unclosed-quote": "1: a quote opens here and never closes; close it at the end of the value",
    "unclosed-quote-in-list": "4: a quote opens here and never closes; close it at the end of "
    "the value",
    "top-level-list": "2: the file must be a mapping of fields, not a list",
    # the text is on line 2 (line 1 is a comment), as the list above is reported on its line
    "top-level-scalar": "2: the file must be a mapping of fields, not a single value",
    # a complete resource whose title holds YAML escapes (\x01, \e, \0)
    "escaped-control": "4: control character U+0001 in text; remove it",
    "oversized": "1: file is 300026 bytes; the limit is 262144",
}


def _check_with_rusage(project: Path) -> tuple[int, str, float, int]:
    """`handbook check` in `project`: exit code, output, seconds, the child's own max RSS (KiB)."""
    import os
    import time

    out = project / "check-output.txt"
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "handbook_engine.cli", "check"],
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={"PYTHONPATH": str(ROOT / "hooks")},
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    return child.returncode, out.read_text(encoding="utf-8"), elapsed, usage.ru_maxrss


def _broken_project(tmp_path: Path, name: str) -> Path:
    project = write_project(tmp_path / "kitchen")
    target = project / "data" / "resources" / f"{name}.yml"
    if name == "oversized":  # generated: a big file does not belong in the repository
        target.write_text("title: " + "x" * 300_000 + "\n" + "#" * 17 + "\n", encoding="utf-8")
    else:
        shutil.copyfile(BROKEN / f"{name}.yml", target)
    return project


def test_every_failure_class_has_a_fixture():
    on_disk = {p.stem for p in BROKEN.glob("*.yml")}
    assert on_disk | {"oversized"} == set(BROKEN_EXPECTED)
    assert (BROKEN / "empty.yml").stat().st_size == 0
    assert b"\x00" in (BROKEN / "nul-byte.yml").read_bytes()


@pytest.mark.parametrize("name", sorted(BROKEN_EXPECTED))
def test_broken_yaml_is_one_path_line_problem_fast_and_without_traceback(tmp_path, name):
    project = _broken_project(tmp_path, name)
    pwned = project / "pwned.txt"  # what python-tag.yml would write if it were run
    code, output, elapsed, _ = _check_with_rusage(project)
    assert "Traceback" not in output
    assert code == 1, output
    assert output.splitlines()[0].startswith(f"data/resources/{name}.yml:{BROKEN_EXPECTED[name]}")
    if not BROKEN_EXPECTED[name].endswith(": "):
        assert output.splitlines()[0] == f"data/resources/{name}.yml:{BROKEN_EXPECTED[name]}"
        assert "1 problem found in" in output
    assert elapsed < 2.0, f"{name}: {elapsed:.2f} s"
    assert not pwned.exists()


def test_billion_laughs_keeps_memory_bounded(tmp_path):
    _, _, _, clean = _check_with_rusage(write_project(tmp_path / "clean"))
    code, output, _, laughs = _check_with_rusage(_broken_project(tmp_path, "billion-laughs"))
    assert code == 1 and "Traceback" not in output
    grown_mb = (laughs - clean) / 1024  # ru_maxrss is in KiB on Linux
    print(f"\nbillion laughs: child max RSS {laughs / 1024:.0f} MB, {grown_mb:+.1f} MB over clean")
    assert grown_mb < 200


def test_invisible_characters_in_line_fields_are_refused(tmp_path):
    """Bidi controls and zero-width characters would hide or reorder a title from a reviewer."""
    refused = [(i, s) for i, s in enumerate(STRINGS) if not line_allowed(s)]
    assert refused, "the corpus has strings with invisible or direction-changing characters"
    project = write_project(tmp_path / "kitchen")
    data = project / "data"
    expected = []
    for i, s in refused:
        text = write_yaml(
            data / "resources" / f"r{i}.yml",
            "../schemas/resource.schema.json",
            {
                "title": s,
                "url": f"https://example.org/lines/r{i}",
                "kind": "article",
                "authors": [s],
                "skills": ["cooking"],
                "topic": "sauces",
                "cost": "free",
                "level": "beginner",
                "why": "A resource whose title and author hide characters; the schema refuses it.",
                "added": "2026-01-02",
            },
        )
        lines = text.splitlines()
        expected.append(
            f"data/resources/r{i}.yml:{lines.index(f'title: {yaml_str(s)}') + 1}: title: "
        )
        expected.append(
            f"data/resources/r{i}.yml:{lines.index(f'  - {yaml_str(s)}') + 1}: authors[0]: "
        )
    done, _elapsed = _check(project)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    for prefix in expected:
        found = [p for p in done.stdout.splitlines() if p.startswith(prefix)]
        assert found and "is an invisible character; retype it" in found[0], (prefix, done.stdout)
