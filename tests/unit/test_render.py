"""Stage 4: pages from the model; contributed text never becomes markup."""

from __future__ import annotations

import re
from datetime import date

import markdown
import pytest
from handbook_engine.escape import href, md_text
from handbook_engine.ids import slug
from handbook_engine.render import duration, render_pages, render_skill_cards
from handbook_engine.validate import build_handbook
from pages import live_markup
from trees import resource_yaml, write_data

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
        "skills/.nav.yml",
        "skills/cooking.md",
        "skills/hosting.md",
        "you/.nav.yml",
        "you/print.md",
        "you/progress.md",
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
    assert '"checked":{"year":"In the last year"}' in catalogue


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
            r'<script type="application/(?:ld\+)?json">(.*?)</script>', html, re.S
        )
        assert all("<" not in block for block in data_blocks)  # data cannot close its element
        assert live_markup(html) == []
        assert "<b>" not in html
    cards = _html(render_skill_cards(handbook))
    assert "<script" not in cards
