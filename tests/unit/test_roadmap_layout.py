"""The roadmap (roadmap.py): text wrapped by a budget, the same output for the same handbook,
boxes in reading order with their links and data, and contributed text kept as text."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from handbook_engine.model import Handbook
from handbook_engine.render import render_pages
from handbook_engine.roadmap import (
    CHILD_TEXT,
    ELLIPSIS,
    Node,
    StageMap,
    _head,
    char_width,
    roadmap_html,
    stage_svg,
    text_width,
    wrap,
)
from handbook_engine.roadmap_page import render_roadmap
from handbook_engine.validate import build_handbook
from pages import live_markup
from trees import SCHEMAS, resource_yaml, write_data, write_kitchen_data

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "toc", "pymdownx.emoji"]


class _Tags(HTMLParser):
    """Start tags in order, with their attributes, and the text inside each <tspan>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.spans: list[str] = []
        self._in_span = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tspan":
            self._in_span = True
            self.spans.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "tspan":
            self._in_span = False

    def handle_data(self, data):
        if self._in_span:
            self.spans[-1] += data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def kind_label(kind: str, schemas: Path = SCHEMAS) -> str:
    """The label readers see for a kind of resource, as the schemas a tree was given word it
    (the trees copy this repository's): a fork may reword it."""
    schema = json.loads((schemas / "resource.schema.json").read_text(encoding="utf-8"))
    return schema["properties"]["kind"]["x-labels"][kind]


def nodes(page: str) -> list[dict[str, str | None]]:
    return [a for t, a in parse(page).tags if t == "a" and "hb-node" in (a.get("class") or "")]


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory) -> Handbook:
    return build_handbook(write_kitchen_data(tmp_path_factory.mktemp("kitchen") / "data"))


# --- wrapping -----------------------------------------------------------------------------------


def test_wrap_fills_lines_up_to_the_budget_between_words():
    text = "The quick brown fox jumps over the lazy dog and runs far away"
    lines = wrap(text, 20, 5)
    assert lines == ["The quick brown fox", "jumps over the lazy", "dog and runs far", "away"]
    assert all(text_width(line) <= 20 for line in lines)
    assert " ".join(lines) == text


def test_wrap_folds_white_space_and_keeps_a_short_text_whole():
    assert wrap("  Mise \t en\u2028place ", 34, 3) == ["Mise en place"]
    assert wrap("", 34, 3) == []


def test_wrap_ends_in_an_ellipsis_past_the_last_line_and_stays_in_budget():
    text = " ".join(["word"] * 40)
    lines = wrap(text, 12, 3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert lines[:2] == ["word word", "word word"]
    assert lines[2] == "word word" + ELLIPSIS
    # a last line filled to the budget gives up its last word for the ellipsis
    assert wrap("aaaa bbbb cccc dddd", 9, 1) == ["aaaa" + ELLIPSIS]
    assert all(text_width(line) <= 9 for line in wrap("aaaa bbbb cccc dddd", 9, 1))


def test_wrap_breaks_inside_a_word_only_when_it_is_longer_than_a_line():
    long = "Supercalifragilisticexpialidocious-pneumonoultramicroscopic"
    lines = wrap(f"An {long} word", 20, 5)
    assert lines == [
        "An",
        "Supercalifragilistic",
        "expialidocious-pneum",
        "onoultramicroscopic",
        "word",
    ]
    clipped = wrap("x" * 200, 34, 3)
    assert clipped == ["x" * 34, "x" * 34, "x" * 33 + ELLIPSIS]


def test_wrap_counts_wide_characters_double_and_marks_as_nothing():
    assert (
        text_width("漢字") == 4 and text_width("e\u0301\u0301") == 1 and text_width("a\u200bb") == 2
    )
    assert wrap("漢字漢字漢字", 4, 5) == ["漢字", "漢字", "漢字"]
    # a combining mark stays with its letter when a word is cut
    assert wrap("e\u0301e\u0301e\u0301", 2, 5) == ["e\u0301e\u0301", "e\u0301"]


# --- the page -----------------------------------------------------------------------------------


def test_the_same_handbook_gives_the_same_page(kitchen):
    first = render_roadmap(kitchen).markdown
    assert first == render_roadmap(kitchen).markdown
    assert render_pages(kitchen)["roadmap.md"].markdown == first


def test_boxes_come_in_reading_order_with_their_data(kitchen):
    found = nodes(render_roadmap(kitchen).markdown)
    expected = []
    for number, stage in enumerate(kitchen.stages, 1):
        expected.append(("stage", stage.id, f"{number}. {stage.title}"))
        expected += [
            ("concept", c, f"Concept: {kitchen.concept_home(c)[1].term}") for c in stage.concepts
        ]
        for rid in stage.resources:
            r = kitchen.resource(rid)
            expected.append(("resource", rid, f"{r.title} ({kitchen.vocabulary['kind'][r.kind]})"))
    expected += [("capstone", c.id, f"Capstone: {c.title}") for c in kitchen.capstones]
    got = [
        (
            a["class"].split("--")[1],
            a.get("data-stage")
            or a.get("data-concept")
            or a.get("data-resource")
            or a.get("data-capstone"),
            a["data-label"],
        )
        for a in found
    ]
    # the kitchen's render without a question page has no question-bank box
    assert got == expected
    for a in found:
        assert a["aria-label"] == a["data-label"]
    stages = [a for a in found if a.get("data-stage")]
    assert [a["data-skills"] for a in stages] == [" ".join(s.skills) for s in kitchen.stages]
    capstones = [a for a in found if a.get("data-capstone")]
    assert [a["data-items"] for a in capstones] == [
        " ".join(i.id for i in c.rubric) for c in kitchen.capstones
    ]


def test_links_lead_from_the_roadmap_page_to_cards_concepts_stages_and_practice(kitchen):
    for directory_urls, up, page in ((True, "../", "/"), (False, "", ".html")):
        hrefs = {
            a["data-label"]: a["xlink:href"]
            for a in nodes(
                render_roadmap(
                    kitchen, directory_urls, questions_page="practice/questions.md"
                ).markdown
            )
        }
        assert hrefs["1. First steps"] == f"{up}path{page}#first-steps"
        assert hrefs["Concept: Emulsion"] == f"{up}skills/cooking{page}#emulsion"
        book = f"The Sauce Book ({kind_label('book')})"
        assert hrefs[book] == f"{up}skills/cooking{page}#res-sauce-book"
        # a resource's card is on the page of its first group
        talk = f"Hosting Without Fear ({kind_label('talk')})"
        assert hrefs[talk] == f"{up}skills/hosting{page}#res-hosting-talk"
        assert hrefs["Capstone: Greet a party of twelve"] == (
            f"{up}practice{page}#capstone-greet-the-party"
        )
        assert hrefs["Interview questions"] == f"{up}practice/questions{page}"
        assert list(hrefs)[-1] == "Interview questions"


def test_the_page_has_one_stage_per_list_item_and_the_markup_the_browser_reads(kitchen):
    page = render_roadmap(kitchen).markdown
    tags = parse(page).tags
    items = [a for t, a in tags if t == "li" and a.get("class") == "hb-roadmap__stage"]
    assert [a["id"] for a in items] == [f"roadmap-{s.id}" for s in kitchen.stages]
    svgs = [a for t, a in tags if t == "svg"]
    assert len(svgs) == len(kitchen.stages)
    for svg, stage in zip(svgs, kitchen.stages, strict=True):
        assert svg["class"] == "hb-roadmap__svg" and svg["role"] == "group"
        # (the parser lowers attribute names: viewBox)
        assert svg["viewbox"] == f"0 0 320 {svg['height']}" and svg["width"] == "320"
        assert svg["aria-labelledby"] == f"roadmap-{stage.id}--title"
        assert svg["xmlns"] == "http://www.w3.org/2000/svg"
    titles = [a["id"] for t, a in tags if t == "title"]
    assert titles == [f"roadmap-{s.id}--title" for s in kitchen.stages]
    assert sum(1 for t, a in tags if t == "path" and a["class"] == "hb-roadmap__spine") == 2
    lists = [a["aria-label"] for t, a in tags if t == "g" and a.get("role") == "list"]
    assert lists == ["Concepts and resources of stage 1", "Concepts and resources of stage 2"]
    # colours and sizes belong to CSS: no style or fill anywhere in the diagram
    for tag, attrs in tags:
        assert not {"style", "fill", "stroke", "color"} & attrs.keys(), (tag, attrs)
    assert '<ul class="hb-roadmap__legend">' in page
    statuses = [a["data-status"] for t, a in tags if t == "li" and "data-status" in a]
    assert statuses == ["todo", "doing", "done", "skipped", "may-skip"]
    assert (
        '<p class="hb-needs-js">' in page and '<div class="hb-roadmap-tools" hidden></div>' in page
    )
    assert page.count('<script type="application/json" id="hb-roadmap-skills">') == 1
    assert (
        '{"cooking":["plan-a-service","make-a-mother-sauce","keep-knives-sharp"],'
        '"hosting":["pace-a-meal","greet-a-table"]}' in page
    )


def test_no_blank_line_inside_the_diagram_and_markdown_leaves_it_as_it_is(kitchen):
    page = render_roadmap(kitchen).markdown
    start, end = page.index('<div class="hb-roadmap">'), page.index("</ol>\n</div>") + 11
    diagram = page[start:end]
    assert "\n\n" not in diagram
    built = markdown.markdown(page, extensions=EXTENSIONS)
    assert diagram in built
    assert "markdown=" not in built


def test_boxes_grow_with_their_lines_and_the_spine_reaches_each_child():
    children = (
        Node("concept", "a/#x", "Concept: X", (("concept", "x"),)),
        Node(
            "resource",
            "b/#res-y",
            "A very long resource title " * 4 + "(Book)",
            (("resource", "y"),),
        ),
    )
    svg = stage_svg(StageMap("s", 1, Node("stage", "p/#s", "1. S", (("stage", "s"),)), children))
    tags = parse(svg).tags
    rects = [a for t, a in tags if t == "rect"]
    assert [r["height"] for r in rects] == [
        "36",
        "34",
        str(2 * CHILD_TEXT.pad + 3 * CHILD_TEXT.line),
    ]
    assert [r["x"] for r in rects] == ["1", "24", "24"] and rects[0]["width"] == "318"
    spine = next(a for t, a in tags if t == "path")["d"]
    for rect in rects[1:]:
        middle = int(rect["y"]) + int(rect["height"]) // 2
        assert f"M12 {middle}H24" in spine
    bottom = int(rects[-1]["y"]) + int(rects[-1]["height"])
    assert next(a for t, a in tags if t == "svg")["height"] == str(bottom + 1)
    spans = parse(svg).spans
    assert spans[-1].endswith(ELLIPSIS) and len(spans) == 1 + 1 + 3


HOSTILE = "</title><script>alert(1)</script> \"quoted\" & 'single' <img src=x onerror=alert(1)>"


def test_a_hostile_title_stays_text_in_attributes_and_in_the_boxes(tmp_path):
    data = write_data(
        tmp_path / "data", {"sauce-book": resource_yaml(title=HOSTILE.replace('"', "'"))}
    )
    path = (data / "path.yml").read_text(encoding="utf-8")
    (data / "path.yml").write_text(
        path.replace("title: First steps", "title: '<svg onload=alert(1)>'")
    )
    handbook = build_handbook(data)
    page = render_roadmap(handbook).markdown
    built = markdown.markdown(page, extensions=EXTENSIONS)
    for html in (page, built):
        assert live_markup(html) == []
        labels = [a["data-label"] for a in nodes(html)]
        assert labels[0] == "1. <svg onload=alert(1)>"
        book = kind_label("book", data / "schemas")
        assert labels[2] == HOSTILE.replace('"', "'") + f" ({book})"
        tags = parse(html).tags
        scripts = [a for t, a in tags if t == "script"]
        assert scripts == [{"type": "application/json", "id": "hb-roadmap-skills"}]
        assert [t for t, _ in tags].count("svg") == 1  # the stage's own: the title's is text
        assert "img" not in [t for t, _ in tags]
    shown = " ".join(parse(built).spans)
    assert "<script>alert(1)</script>" in shown and "<svg" in shown


def test_roadmap_html_wraps_the_stages_in_one_ordered_list():
    stage = StageMap("a", 1, Node("stage", "x", "1. A"), ())
    html = roadmap_html([stage, StageMap("b", 2, Node("stage", "y", "2. B"), ())])
    assert html.startswith('<div class="hb-roadmap">\n<ol class="hb-roadmap__stages">\n')
    assert html.endswith("</ol>\n</div>") and html.count('<li class="hb-roadmap__stage"') == 2
    assert "hb-roadmap__spine" not in html  # a stage without children has no spine


def test_every_box_below_a_stage_carries_its_skill_groups_colour(kitchen):
    page = render_roadmap(kitchen).markdown
    slot = {s.id: i % 6 + 1 for i, s in enumerate(kitchen.skills)}
    expected = {}
    for stage in kitchen.stages:
        expected.update({cid: kitchen.concept_home(cid)[0].id for cid in stage.concepts})
        expected.update({rid: kitchen.resource(rid).skills[0] for rid in stage.resources})
    expected.update({c.id: c.skill for c in kitchen.capstones})
    tags = parse(page).tags
    for i, (tag, a) in enumerate(tags):
        if tag != "a" or "hb-node" not in (a.get("class") or ""):
            continue
        key = a.get("data-concept") or a.get("data-resource") or a.get("data-capstone")
        if key is None:  # a stage spans groups, the question bank has none
            assert "data-group" not in a
            continue
        assert a["data-group"] == str(slot[expected[key]]), key
        # the coloured bar is the box's own, right after its outline
        assert tags[i + 2] == ("rect", tags[i + 2][1])
        assert tags[i + 2][1]["class"] == "hb-node__group"
    legend = [a["data-group"] for t, a in tags if t == "li" and "data-group" in a]
    assert legend == [str(slot[s.id]) for s in kitchen.skills]


@pytest.mark.parametrize(
    "word", ["mise-en-place", "a", "ab\x01cd", "Ünïcode", "漢字テキスト", "e\u0301e"]
)
@pytest.mark.parametrize("budget", [-1, 0, 1, 2, 5, 40])
def test_plain_ascii_is_cut_as_the_character_count_cuts_it(word, budget):
    # ASCII words skip the per-character lookups; they must cut where the lookups would
    used, cut = 0, len(word)
    for i, char in enumerate(word):
        used += char_width(char)
        if used > budget:
            cut = i or 1
            break
    assert _head(word, budget) == (word[:cut], word[cut:])
    assert text_width(word) == sum(char_width(c) for c in word)
