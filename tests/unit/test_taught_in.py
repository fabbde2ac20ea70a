"""The sections `handbook check` finds in a docs page's Markdown (taught_in.py): the ids a build
gives them, so check refuses a wrong `taught_in` anchor as the build does, and never one the
build accepts."""

from __future__ import annotations

import pytest
from handbook_engine.taught_in import markdown_anchors


@pytest.mark.parametrize(
    ("markdown", "anchor"),
    [
        ("## Mother sauces\n", "mother-sauces"),  # toc's slug of the heading
        ("## Mother sauces { #five }\n", "five"),  # an id given with attr_list
        ("## Mother sauces {#five}\n", "five"),
        ("## The *four* risks\n", "the-four-risks"),  # emphasis is not part of the slug
        ("## Crème brûlée\n", "creme-brulee"),  # toc's default folds accents
        ("## Crème brûlée\n", "crème-brûlée"),  # the Unicode rule a site may configure
        ("## Mother sauces\n", "mother_sauces"),  # "_" as the separator
        ('<div id="pantry" markdown>\n\nFlour.\n\n</div>\n', "pantry"),  # raw HTML
        ("### Deep\n\n#### Deeper\n", "deeper"),  # every level of heading
    ],
)
def test_a_section_the_build_would_give_is_found(markdown, anchor):
    found = markdown_anchors("# Page\n\n" + markdown)
    assert found is not None and anchor in found


@pytest.mark.parametrize(
    ("markdown", "anchor"),
    [
        ("## Mother sauces\n", "mother-sauce"),  # a typo
        ("## Mother sauces { #five }\n", "mother-sauces"),  # the given id replaces the slug
        ("```\n## Not a heading\n```\n", "not-a-heading"),  # inside a code block
        ("Text that says mother-sauces.\n", "mother-sauces"),  # words are not sections
    ],
)
def test_a_section_the_page_does_not_have_is_not_found(markdown, anchor):
    found = markdown_anchors("# Page\n\n" + markdown)
    assert found is not None and anchor not in found


def test_a_page_with_a_generated_block_is_left_to_the_build():
    # its sections come from data, rendered only by a build
    assert markdown_anchors("# Home\n\n<!-- handbook:skill-cards -->\n") is None
