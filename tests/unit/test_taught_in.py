"""The sections `handbook check` finds in a docs page's Markdown (taught_in.py): the ids a build
gives them, so check refuses a wrong `taught_in` anchor as the build does, and never one the
build accepts."""

from __future__ import annotations

import pytest
from handbook_engine.taught_in import markdown_anchors, markdown_reader


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


@pytest.mark.parametrize(
    "markdown",
    [
        '!!! tip "Before you start"\n\n    ## Mise en place\n',  # admonition
        '??? note "More"\n\n    ## Mise en place\n',  # pymdownx.details
        '=== "Tab"\n\n    ## Mise en place\n',  # pymdownx.tabbed
    ],
)
def test_a_heading_inside_an_indented_block_is_a_section(markdown):
    # read without those extensions, the indented heading would be code and check would
    # refuse an anchor the build gives
    found = markdown_anchors("# Page\n\n" + markdown)
    assert found is not None and "mise-en-place" in found


MKDOCS_YML = """\
site_name: Kitchen
site_url: !ENV [SITE_URL, "https://example.org/"]
markdown_extensions:
  - attr_list
  - admonition
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def test_the_reader_takes_the_extensions_mkdocs_yml_lists(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML, encoding="utf-8")
    reader = markdown_reader(config)  # tags MkDocs alone resolves do not stop it
    names = {type(e).__name__ for e in reader.registeredExtensions}
    assert {"AttrListExtension", "AdmonitionExtension", "TocExtension"} <= names
    assert "TabbedExtension" not in names  # not listed, so not the default set
    # the slug rule the build may use (Unicode, lower case) is accepted too
    found = markdown_anchors("# Page\n\n## Crème brûlée\n", reader)
    assert found is not None and {"creme-brulee", "crème-brûlée"} <= found


@pytest.mark.parametrize(
    "text",
    [
        None,  # no mkdocs.yml
        "markdown_extensions:\n  - no_such_extension\n",
        "markdown_extensions:\n  - toc:\n      no_such_setting: 1\n",
        "- a list, not settings\n",
        "markdown_extensions: [unclosed\n",
    ],
)
def test_an_unusable_mkdocs_yml_falls_back_to_the_usual_extensions(tmp_path, text):
    config = tmp_path / "mkdocs.yml"
    if text is not None:
        config.write_text(text, encoding="utf-8")
    reader = markdown_reader(config)
    names = {type(e).__name__ for e in reader.registeredExtensions}
    assert {"TocExtension", "AdmonitionExtension", "TabbedExtension"} <= names
    found = markdown_anchors("# Page\n\n!!! tip\n\n    ## Mise en place\n", reader)
    assert found is not None and "mise-en-place" in found
