"""Stage 4: pages from the model; contributed text never becomes markup."""

from __future__ import annotations

import random
import re
from datetime import date

import markdown
import pytest
from handbook_engine.escape import href, markdown_attr, md_text
from handbook_engine.ids import slug
from handbook_engine.practice_pages import REVIEW_PAGE, correct_index, review_deck
from handbook_engine.render import render_pages, render_skill_cards
from handbook_engine.templating import duration, url_between
from handbook_engine.validate import build_handbook
from pages import live_markup
from trees import resource_yaml, write_data, write_kitchen_data

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "toc", "pymdownx.emoji"]


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "Title { onclick=alert(1) }",
        '" onmouseover="alert(1)',
        "**bold** _em_ `code` ~~del~~ ==mark== :material-alert:",
        "*[HTML]: injected abbreviation",
    ],
)
def test_contributed_text_is_shown_literally(hostile):
    html = _html(f'<div markdown>\n<p markdown="span">{md_text(hostile)}</p>\n</div>\n')
    for live in (
        "<script",
        "<img",
        "<a ",
        "onclick=",
        "onmouseover=",
        "<strong>",
        "<em>",
        "<code>",
        "<svg",
        "<abbr",
    ):
        assert live not in html
    # what the reader sees is the original string
    import html as html_module

    text = html_module.unescape(html.split("<p>")[1].split("</p>")[0])
    assert text == " ".join(hostile.split())


def test_href_keeps_links_working_and_quotes_breakers():
    assert href("https://example.org/a_(b)?q=1&r=2#x") == "https://example.org/a_%28b%29?q=1&r=2#x"


def test_slug_and_duration():
    assert slug("A/B test") == "a-b-test" and slug("CI/CD") == "ci-cd"
    assert slug("naïve Bayes") == "naive-bayes" and slug("Qualité") == "qualite"
    # other scripts keep their letters: two Cyrillic or Japanese terms are two anchors
    assert slug("Модель данных") == "модель-данных" and slug("витрина") == "витрина"
    assert slug("品質") == "品質" and slug("系譜") != slug("品質")
    assert slug("!!!") == "term"


def test_a_slug_of_plain_ascii_is_what_it_always_was():
    # readers' review keys and links hold these anchors: an ASCII term's must never change
    rng = random.Random(5)  # noqa: S311 - a fixed seed
    pieces = ["A", "b", "Z", "0", "9", " ", "-", "_", "/", "+", ".", "&", "(", ")", "'"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        old = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "term"
        assert slug(text) == old, text
    assert duration(90) == "1 h 30 min" and duration(45) == "45 min" and duration(None) == "0 min"


@pytest.fixture
def handbook(tmp_path):
    return build_handbook(write_data(tmp_path / "data"))


def test_pages_and_their_sources(handbook):
    pages = render_pages(handbook)
    assert sorted(pages) == [
        "catalogue/index.md",
        "glossary.md",
        "path.md",
        "roadmap.md",
        "skills/.nav.yml",
        "skills/cooking.md",
        "skills/hosting.md",
        "you/.nav.yml",
        "you/print.md",
        "you/progress.md",
        "you/review.md",
        "you/self-assessment.md",
    ]
    assert pages["skills/cooking.md"].source == "skills.yml"
    assert pages["catalogue/index.md"].source is None
    assert pages["skills/.nav.yml"].markdown.splitlines()[1:] == [
        "nav:",
        "  - cooking.md",
        "  - hosting.md",
    ]


def test_each_resource_is_on_each_of_its_skill_pages_once(handbook):
    pages = render_pages(handbook)
    cooking, hosting = pages["skills/cooking.md"].markdown, pages["skills/hosting.md"].markdown
    assert cooking.count('id="res-sauce-book"') == 1
    assert cooking.count('id="res-hosting-talk"') == 1  # listed under "Also useful here"
    assert hosting.count('id="res-hosting-talk"') == 1 and "res-sauce-book" not in hosting
    assert "### Also useful here" in cooking
    catalogue = pages["catalogue/index.md"].markdown
    assert catalogue.count('id="res-sauce-book"') == catalogue.count('id="res-hosting-talk"') == 1


def test_card_carries_metadata_for_readers_and_scripts(handbook):
    html = _html(render_pages(handbook)["skills/cooking.md"].markdown)
    assert 'data-kind="book"' in html and 'data-cost="paid"' in html
    assert 'data-minutes="360"' in html and 'data-skills="cooking"' in html
    assert '<a href="https://example.org/sauce-book">The Sauce Book</a>' in html
    assert "6 h" in html and "Ada Saucier, 2020" in html


def test_cards_say_when_last_checked_and_the_catalogue_knows_a_year_before_the_build(tmp_path):
    data = write_data(
        tmp_path / "data",
        {"sauce-book": resource_yaml(added="2023-03-09", checked="2025-11-30")},
    )
    pages = render_pages(build_handbook(data), built=date(2028, 2, 29))
    html = _html(pages["skills/cooking.md"].markdown)
    # a person's check wins over the date the resource was added
    assert 'data-checked="2025-11-30"' in html and "Checked Nov 2025" in html
    catalogue = pages["catalogue/index.md"].markdown
    assert 'data-checked-since="2027-02-28"' in catalogue  # a leap day's year before
    assert '<option value="year">In the last year</option>' in catalogue


def test_path_sums_stated_times_and_counts_the_rest(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "resources" / "sauce-book.yml").write_text(resource_yaml(time=None))
    page = render_pages(build_handbook(data))["path.md"].markdown
    assert "**Time:** 45 min, plus 1 resource without a stated time." in page


def test_hostile_data_stays_text_on_every_generated_page(tmp_path):
    data = write_data(tmp_path / "data")
    bad = "<script>alert(1)</script> [x](javascript:alert(1)) { onclick=alert(1) }"
    (data / "resources" / "sauce-book.yml").write_text(
        resource_yaml(title=bad[:150], why=bad, authors=['"<b>Eve</b>"'])
    )
    handbook = build_handbook(data)
    for page in [*render_pages(handbook).values()]:
        html = _html(page.markdown)
        data_blocks = re.findall(
            r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', html, re.S
        )
        assert all("<" not in block for block in data_blocks)  # data cannot close its element
        assert live_markup(html) == []
        assert "<b>" not in html
    cards = _html(render_skill_cards(handbook))
    assert "<script" not in cards


@pytest.mark.parametrize(
    ("here", "there", "directory_urls", "url"),
    [
        ("you/review.md", "glossary.md", True, "../../glossary/"),
        ("you/review.md", "glossary.md", False, "../glossary.html"),
        ("you/review.md", "you/review.md", True, "./"),
        ("you/review.md", "you/review.md", False, "review.html"),
        ("practice.md", "you/review.md", True, "../you/review/"),
        ("you/progress.md", "you/review.md", True, "../review/"),
        ("guides/index.md", "you/review.md", True, "../you/review/"),
        ("index.md", "you/review.md", True, "you/review/"),
        ("you/review.md", "index.md", True, "../../"),
        (
            "you/review.md",
            "playbook/interview-questions.md",
            True,
            "../../playbook/interview-questions/",
        ),
    ],
)
def test_url_between_built_pages(here, there, directory_urls, url):
    assert url_between(here, there, directory_urls) == url


def test_review_deck_holds_terms_checks_and_questions_shown_somewhere(tmp_path):
    data = write_data(tmp_path / "data")
    handbook = build_handbook(data)
    deck = review_deck(handbook)
    assert deck == {
        "cards": [
            {
                "key": "term-roux",
                "kind": "term",
                "front": "Roux",
                "back": ["Flour cooked in fat, the base of three mother sauces."],
                "url": "../../glossary/#roux",
                "skill": None,
            }
        ]
    }
    assert review_deck(handbook, directory_urls=False)["cards"][0]["url"] == "../glossary.html#roux"


def test_a_check_answer_is_the_index_of_its_one_correct_option(tmp_path):
    data = write_data(tmp_path / "data")
    (data / "checks.yml").write_text(
        "# yaml-language-server: $schema=schemas/checks.schema.json\n"
        "checks:\n"
        "  - id: calm-service\n"
        "    concept: pacing\n"
        "    question: 'True or false: a calm service starts with <b>pacing</b>.'\n"
        "    options:\n"
        "      - text: 'True'\n"
        "        why: Everything else follows from the rhythm of the room, says the chef.\n"
        "      - text: 'False'\n"
        "        correct: true\n"
        "        why: It starts with mise en place, before any guest has come in at all.\n",
        encoding="utf-8",
    )
    handbook = build_handbook(data)
    check = handbook.checks[0]
    assert correct_index(check) == 1
    cards = {c["key"]: c for c in review_deck(handbook, questions_page="q.md")["cards"]}
    assert cards["check-calm-service"] == {
        "key": "check-calm-service",
        "kind": "check",
        "front": "True or false: a calm service starts with <b>pacing</b>.",
        "back": [
            "Answer: False",
            "It starts with mise en place, before any guest has come in at all.",
        ],
        "url": "../../practice/#check-calm-service",
        "skill": "hosting",
    }
    practice = render_pages(handbook)["practice.md"].markdown
    assert 'data-skill="hosting" data-answer="1"' in practice
    review = render_pages(handbook)["you/review.md"].markdown
    assert "<b>" not in review and "\\u003cb\\u003epacing" in review


@pytest.mark.parametrize(
    "value",
    ["java&#09;script", "&lt;b&gt; &amp; &unknown;", '"><img src=x onerror=alert(1)>', "a & b"],
)
def test_attributes_of_markdown_blocks_reach_the_browser_as_typed(value):
    from html.parser import HTMLParser

    class Attrs(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[dict[str, str | None]] = []

        def handle_starttag(self, tag, attrs):
            self.found.append(dict(attrs))

    page = _html(
        f'<div class="x" data-title="{markdown_attr(value)}" markdown>\n\ntext\n\n'
        f'<p class="y" data-label="{markdown_attr(value)}" hidden></p>\n\n</div>\n'
    )
    parser = Attrs()
    parser.feed(page)
    assert [a.get("data-title") or a.get("data-label") for a in parser.found if "class" in a] == [
        value,
        value,
    ]


def test_the_page_that_shows_the_question_bank_is_found_by_its_block(tmp_path):
    from handbook_engine.site import block_page

    (tmp_path / "a").mkdir()
    (tmp_path / "a/bank.md").write_text("# Bank\n\n<!--  handbook:questions -->\n")
    (tmp_path / "b.md").write_text("# Home\n\n<!-- handbook:skill-cards -->\n")
    pages = {"b.md", "a/bank.md", "missing.md"}
    assert block_page(tmp_path, pages, "questions") == "a/bank.md"
    assert block_page(tmp_path, {"b.md"}, "questions") is None


def test_a_handbook_with_nothing_to_review_has_an_empty_deck(handbook):
    from dataclasses import replace

    empty = replace(handbook, terms=(), questions=(), checks=(), capstones=())
    assert review_deck(empty, questions_page="bank.md") == {"cards": []}
    page = render_pages(empty)["you/review.md"]
    assert '<script type="application/json" id="hb-deck">{"cards":[]}</script>' in page.markdown
    empty_review = '<div class="hb-review" data-empty="Your boxes are empty." hidden></div>'
    assert empty_review in page.markdown
    # no promise of cards the handbook cannot make
    assert "Cards come from" not in page.markdown
    assert "This handbook has no cards yet" in page.markdown
    assert page.description == (
        "Review what you are learning in short daily sessions, spaced out over days."
    )


def test_the_review_page_names_only_the_card_sources_this_handbook_has(tmp_path):
    plain = render_pages(build_handbook(write_data(tmp_path / "plain")))[REVIEW_PAGE]
    assert "Cards come from glossary terms you add to your review." in plain.markdown
    assert "interview questions" not in plain.markdown + plain.description
    assert "concept checks" not in plain.markdown + plain.description
    assert "practice page" not in plain.markdown
    kitchen = build_handbook(write_kitchen_data(tmp_path / "full"))
    assert kitchen.questions  # the data has questions...
    full = render_pages(kitchen)[REVIEW_PAGE]
    # ...but no page shows the bank here, so no question becomes a card, and none is promised
    assert (
        "Cards come from glossary terms you add to your review and concept checks you answered "
        "wrong." in full.markdown
    )
    assert "interview" not in full.markdown + full.description
    assert "and so does the practice page" in full.markdown
    # what the review says while the boxes are empty follows the same kinds of card
    assert 'data-empty="Your boxes are empty. Glossary terms you add come here."' in plain.markdown
    assert (
        'data-empty="Your boxes are empty. Missed concept checks come here; so do glossary terms '
        'you add."' in full.markdown
    )
    shown = render_pages(kitchen, questions_page="bank.md")[REVIEW_PAGE]
    assert (
        "Cards come from glossary terms you add to your review, concept checks you answered "
        "wrong and interview questions you graded low." in shown.markdown
    )
    assert "concept checks you answered wrong and interview questions you graded low, spaced" in (
        shown.description
    )
    assert (
        'data-empty="Your boxes are empty. Missed concept checks and interview answers you grade '
        'low come here; so do glossary terms you add."' in shown.markdown
    )


def test_the_roadmap_speaks_of_capstones_only_where_there_are_some(tmp_path):
    plain = render_pages(build_handbook(write_data(tmp_path / "plain")))["roadmap.md"]
    assert "capstone" not in plain.markdown.lower()
    full = render_pages(build_handbook(write_kitchen_data(tmp_path / "full")))["roadmap.md"]
    assert "A capstone is done when you tick every point of its rubric." in full.markdown
