"""`taught_in` anchors (taught_in.py). The build judges them by the ids of the built page; check,
without a build, by the sections a page's Markdown shows. Check must never refuse an anchor the
build could accept (whatever slug rule or extensions a site uses), and must refuse a typo."""

from __future__ import annotations

import time

import pytest
from handbook_engine.html_tokens import element_ids
from handbook_engine.taught_in import (
    anchor_problems,
    built_verdict,
    markdown_sections,
    markdown_verdict,
)
from handbook_engine.validate import build_handbook
from trees import write_kitchen_data


@pytest.mark.parametrize(
    ("markdown", "anchor"),
    [
        ("## Mother sauces\n", "mother-sauces"),  # toc's own slug
        ("## Mother sauces { #five }\n", "five"),  # an id given with attr_list
        ("## Mother sauces {#five .big}\n", "five"),
        ('<div id="pantry" markdown>\n\nFlour.\n\n</div>\n', "pantry"),  # raw HTML
        ("## The *four* `risks`\n", "the-four-risks"),  # emphasis and code are not in it
        ("## See [the OKRs](okrs.md)\n", "see-the-okrs"),  # a link's text, not its target
        ("## Crème brûlée\n", "creme-brulee"),  # toc's default folds accents
        ("## Crème brûlée\n", "crème-brûlée"),  # a Unicode slug rule
        ("## Crème brûlée\n", "cr%C3%A8me-br%C3%BBl%C3%A9e"),  # a percent-encoding one
        ("## Mother sauces\n", "mother_sauces"),  # "_" as the separator
        ("## Effort - reward\n", "effort---reward"),  # pymdownx.slugs keeps every space
        ("## Deploy :material-rocket-launch:\n", "deploy"),  # Material drops icons from ids
        ("## Mother sauces\n\n## Mother sauces\n", "mother-sauces_1"),  # the second of a name
        ("### Deep\n\n#### Deeper\n", "deeper"),  # every level of heading
        ("Mother sauces\n-------------\n", "mother-sauces"),  # a setext heading
        ('!!! tip "Before you start"\n\n    ## Mise en place\n', "mise-en-place"),  # admonition
        ('=== "Tab"\n\n    ## Mise en place\n', "mise-en-place"),  # inside a content tab
        ('=== "R language"\n\n    Text.\n', "r-language"),  # a tab's own id (slugified tabs)
        ("> ## Quoted\n", "quoted"),
        ('=== "One"\n\n    Text.\n', "__tabbed_1_1"),  # a tab's id when tabs are not slugified
        ('## Mise en place\n\n=== "Python"\n\n    x\n', "mise-en-place-python"),  # combined
        ("## Γεια σου κόσμε\n", "_1"),  # toc keeps no Greek: the id is a number
        ("## Straße und Łódź\n", "strae-und-odz"),  # nor what NFKD leaves outside ASCII
        ("## Build &mdash; or buy\n", "build-or-buy"),  # an entity is not in the id
        ("##Nospace heading\n", "nospace-heading"),  # Python-Markdown needs no space
        ("- ## In a list item\n", "in-a-list-item"),
        ("<h2 markdown>Raw heading</h2>\n", "raw-heading"),
        ("## Reference [link][ref] end\n\n[ref]: x.md\n", "reference-link-end"),
        ("## Note[^n] here\n\n[^n]: A note.\n", "note-here"),
        ("## Discount %20 off\n", "discount-20-off"),  # a title is not URL-decoded
        ("## Bar {id=unquoted-id}\n", "unquoted-id"),
    ],
)
def test_a_section_the_build_could_give_is_never_refused(markdown, anchor):
    sections = markdown_sections("# Page\n\n" + markdown)
    assert sections is not None and sections.could_give(anchor)


@pytest.mark.parametrize(
    ("markdown", "anchor"),
    [
        ("## Mother sauces\n", "mother-sauce"),  # a typo
        ("## Mother sauces\n", "mother-sauces-2026"),
        ("## Stocks\n\nMother sauces come later.\n", "mother-sauces"),  # words are not sections
    ],
)
def test_a_section_the_page_does_not_have_is_refused(markdown, anchor):
    sections = markdown_sections("# Page\n\n" + markdown)
    assert sections is not None and not sections.could_give(anchor)


@pytest.mark.parametrize(
    "markdown",
    [
        "# Home\n\n<!-- handbook:skill-cards -->\n",  # its sections come from data
        '# Page\n\n--8<-- "shared.md"\n',  # a snippet's sections are in another file
    ],
)
def test_a_page_whose_sections_are_elsewhere_is_left_to_the_build(markdown):
    assert markdown_sections(markdown) is None


# Pages built to make a regular expression backtrack: each is read in linear time (a quadratic
# reading of the same page takes minutes; these take well under a second).
HOSTILE_PAGES = [
    "{" * 300_000,
    ("> " * 100_000 + "\n") * 2,
    "## " + "{" * 300_000,
    "## " + "<" * 300_000,
    "## " + "# " * 150_000 + "x",
    "## " + "[" * 300_000,
    "## " + "](" * 150_000,
    "id=" * 100_000,
    "=== " + '"' * 300_000,
]


@pytest.mark.parametrize("page", HOSTILE_PAGES, ids=range(len(HOSTILE_PAGES)))
def test_a_hostile_page_is_read_in_linear_time(page):
    started = time.perf_counter()
    sections = markdown_sections("# Page\n\n## Ok section\n\n" + page + "\n")
    assert sections is not None and sections.could_give("ok-section")
    assert time.perf_counter() - started < 10, "quadratic: a page this size takes minutes"


def test_check_reads_pages_as_mkdocs_does(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bom.md").write_bytes(b"\xef\xbb\xbf# Getting started\n\n## Next steps\n")
    (docs / "latin1.md").write_bytes(b"# Caf\xe9\n")
    verdict = markdown_verdict(docs)
    assert verdict("bom.md", "getting-started") is None  # a byte-order mark is not text
    assert "has no section #get-started" in (verdict("bom.md", "get-started") or "")
    assert verdict("latin1.md", "anything") is None  # not UTF-8: the build says so


def test_the_build_counts_elements_ids_not_text_that_looks_like_one():
    page = (
        '<h2 id="real">Real</h2><p>Set id="prose" on it, or write <code>&lt;a id="code"&gt;'
        '</code>.</p><!-- <a id="comment"></a> --><a title="id=title">x</a><span id=bare></span>'
        '<p title="a > b" id="after-quoted">y</p><div ID="upper"></div><!-- <a id="open"'
    )
    assert element_ids(page) == {"real", "bare", "after-quoted", "upper"}


def _with_taught_in(tmp_path, link: str):
    data = write_kitchen_data(tmp_path / "data")
    skills = data / "skills.yml"
    text = skills.read_text(encoding="utf-8")
    marker = "        explanation: Everything in its place"
    skills.write_text(text.replace(marker, f"        taught_in: {link}\n" + marker, 1), "utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    return build_handbook(data), data, line


def test_a_page_left_out_of_the_build_is_named_as_such(tmp_path):
    handbook, data, line = _with_taught_in(tmp_path, "drafts/wip.md#draft-section")
    problems = anchor_problems(handbook, data, built_verdict({}))
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("data/skills.yml", line, "skills[0].concepts[0].taught_in")
    ]
    assert problems[0].message.startswith("docs/drafts/wip.md is not part of the built site")
    found = anchor_problems(handbook, data, built_verdict({"drafts/wip.md": {"draft-section"}}))
    assert found == []
