"""The roadmap page on built sites: the kitchen's has one list item per stage, its boxes in
reading order with the data the browser reads and links that reach existing pages and anchors,
and the navigation, the path and the home page lead to it. A synthetic path of 12 stages and
120 resources stays within the DOM budget, and the page costs little to render."""

from __future__ import annotations

import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from handbook_engine.roadmap_page import render_roadmap
from handbook_engine.validate import build_handbook
from trees import ROOT, BuildResult, run_build, write_project

sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic

pytestmark = pytest.mark.build

DOM_BUDGET = 2500  # elements inside .hb-roadmap


class _Roadmap(HTMLParser):
    """Start tags inside <div class="hb-roadmap">, in order, and every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the roadmap, itself included
        self.inside: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if self.depth:
            self.inside.append((tag, values))
            self.depth += 1
        elif tag == "div" and values.get("class") == "hb-roadmap":
            self.depth = 1

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.inside.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def roadmap(site: Path) -> _Roadmap:
    parser = _Roadmap()
    parser.feed((site / "roadmap" / "index.html").read_text(encoding="utf-8"))
    return parser


def page_ids(site: Path, path: str) -> set[str]:
    parser = _Roadmap()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser.ids


def built_file(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link of `page` (a built file's path) leads to."""
    target = urlparse(urljoin(f"https://site.example/{page}", href))
    path = target.path.removeprefix("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path, target.fragment


# --- the kitchen ----------------------------------------------------------------------------


def test_one_list_item_per_stage_with_its_boxes_in_reading_order(kitchen_site):
    handbook = build_handbook(kitchen_site.project / "data")
    found = roadmap(kitchen_site.site).inside
    items = [a["id"] for t, a in found if t == "li" and a.get("class") == "hb-roadmap__stage"]
    assert items == [f"roadmap-{s.id}" for s in handbook.stages]
    boxes = [a for t, a in found if t == "a"]
    expected: list[tuple[str, str | None]] = []
    for stage in handbook.stages:
        expected.append(("stage", stage.id))
        expected += [("concept", c) for c in stage.concepts]
        expected += [("resource", r) for r in stage.resources]
    expected += [("capstone", c.id) for c in handbook.capstones]
    expected.append(("questions", None))
    got = [
        (str(a["class"]).removeprefix("hb-node hb-node--"), a.get(f"data-{kind}"))
        for a, (kind, _) in zip(boxes, expected, strict=True)
    ]
    assert got == expected
    for a in boxes:
        assert a["aria-label"] == a["data-label"] and a["data-label"]
    assert boxes[0]["data-label"] == f"1. {handbook.stages[0].title}"
    assert boxes[0]["data-skills"] == " ".join(handbook.stages[0].skills)
    first_capstone = handbook.capstones[0]
    capstone = next(a for a in boxes if a.get("data-capstone") == first_capstone.id)
    assert capstone["data-items"] == " ".join(i.id for i in first_capstone.rubric)
    assert capstone["data-label"] == f"Capstone: {first_capstone.title}"


def test_every_box_links_to_a_built_page_and_anchor(kitchen_site):
    site = kitchen_site.site
    boxes = [a for t, a in roadmap(site).inside if t == "a"]
    assert boxes
    for a in boxes:
        file, fragment = built_file(site, "roadmap/index.html", str(a["xlink:href"]))
        assert file.is_file(), (a["data-label"], a["xlink:href"])
        if fragment:
            assert fragment in page_ids(site, file.relative_to(site).as_posix()), a["xlink:href"]
        else:
            assert a["class"] == "hb-node hb-node--questions", a["xlink:href"]


class _InOrder(HTMLParser):
    """Every start tag of a page, in order, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_roadmap_styles_load_before_anything_they_style(kitchen_site):
    # A stylesheet linked in the body holds back only what comes after it: anything it styles
    # that comes before could paint unstyled, then move when the styles arrive.
    site = kitchen_site.site
    parser = _InOrder()
    parser.feed((site / "roadmap" / "index.html").read_text(encoding="utf-8"))
    head_ends = next(i for i, (tag, _) in enumerate(parser.tags) if tag == "body")
    links = [
        (i, str(a["href"]))
        for i, (tag, a) in enumerate(parser.tags)
        if i > head_ends and tag == "link" and a.get("rel") == "stylesheet"
    ]
    assert links, "the roadmap links no stylesheet of its own"
    for position, href in links:
        css, _ = built_file(site, "roadmap/index.html", href)
        styled = set(re.findall(r"\.(hb-[\w-]+)", css.read_text(encoding="utf-8")))
        first = next(
            i
            for i, (_, a) in enumerate(parser.tags)
            if styled & set(str(a.get("class") or "").split())
        )
        assert position < first, f"{href} is linked after {parser.tags[first]}"


def test_the_navigation_the_path_and_the_home_page_lead_to_the_roadmap(kitchen_site):
    site = kitchen_site.site
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary') :]
    assert nav.index('href="path/" class="md-nav__link"') < nav.index(
        'href="roadmap/" class="md-nav__link"'
    )
    article = home[home.index("<article") :]
    assert '<a href="roadmap/">roadmap</a>' in article
    path = (site / "path" / "index.html").read_text(encoding="utf-8")
    assert '<p>See the path as a <a href="../roadmap/">roadmap</a>. Each stage' in path
    page = (site / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert "<title>Roadmap - Kitchen handbook</title>" in page
    assert page.count('id="hb-roadmap-skills"') == 1
    assert "markdown=" not in page


# --- a long synthetic path ------------------------------------------------------------------


def twelve_stages(data: Path) -> None:
    """120 resources in 12 stages of 10, each with one concept, over the synthetic groups."""
    ids = synthetic.generate(data, 120, seed=3)
    stages = []
    for i in range(12):
        group = synthetic.GROUPS[i % len(synthetic.GROUPS)][0]
        stages.append(
            {
                "id": f"stage-{i + 1}",
                "title": f"Stage {i + 1}: the part of the move that takes the longest to learn",
                "goal": f"Finish the resources of stage {i + 1} and explain what you learned.",
                "skills": [group],
                "concepts": [f"{group}-concept-{1 + i % 3}"],
                "resources": ids[i * 10 : (i + 1) * 10],
            }
        )
    text = yaml.safe_dump({"stages": stages}, sort_keys=False, allow_unicode=True)
    (data / "path.yml").write_text(
        "# yaml-language-server: $schema=schemas/path.schema.json\n" + text, encoding="utf-8"
    )


@pytest.fixture(scope="module")
def long_path(tmp_path_factory) -> BuildResult:
    root = tmp_path_factory.mktemp("roadmap-long")
    project = write_project(root / "project")
    twelve_stages(project / "data")
    result = run_build(project, root / "site")
    assert result.returncode == 0, result.output
    result.project = project  # type: ignore[attr-defined]
    return result


def test_twelve_stages_of_ten_stay_within_the_dom_budget(long_path):
    found = roadmap(long_path.site).inside
    stages = [a for t, a in found if t == "li" and a.get("class") == "hb-roadmap__stage"]
    boxes = [a for t, a in found if t == "a"]
    assert len(stages) == 12 and len(boxes) == 12 + 12 + 120
    print(f"\nroadmap of 12 stages, 120 resources: {len(found) + 1} elements in .hb-roadmap")
    assert len(found) + 1 < DOM_BUDGET  # the div itself and everything inside it


def test_rendering_the_roadmap_costs_little(long_path):
    handbook = build_handbook(long_path.project / "data")
    render_roadmap(handbook)  # templates compiled once
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        render_roadmap(handbook)
        runs.append(time.perf_counter() - started)
    best = min(runs)
    print(
        f"\nroadmap page of 12 stages, 120 resources: rendered in {best * 1000:.1f} ms (best of 5)"
    )
    assert best < 1.0
