"""This handbook, built strictly: all of its data/ reaches the reader, where it belongs; its
four groups, its navigation, its guides, its glossary and its open data."""

from __future__ import annotations

import hashlib
import html
import json
import re

import pytest
from handbook_engine.forms import mkdocs_settings
from handbook_engine.validate import build_handbook
from pages import (
    anchors,
    article_text,
    assert_identical,
    counts_line,
    html_pages,
    listed,
    rendered,
    strict_policy_problems,
)
from trees import ROOT, run_build

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def handbook():
    return build_handbook(ROOT / "data")


def test_strict_build_is_clean_and_prints_counts(real_site):
    assert "WARNING" not in real_site.output
    assert re.search(
        r"handbook: \d+ resources \(product-strategy \d+, product-delivery \d+, "
        r"influencing \d+, tech-fluency \d+\)",
        real_site.output,
    )


def test_content_meets_the_minimums(handbook):
    assert len(handbook.resources) >= 40
    for skill in handbook.skills:
        assert len(handbook.resources_of(skill.id)) >= 8, skill.id


def test_top_navigation_is_in_reading_order(real_site, handbook):
    home = (real_site.site / "index.html").read_text()
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*<', home)
    assert tabs == [
        "Home",
        "Start here",
        "Learning path",
        "Roadmap",
        "Skill groups",
        "Guides",
        "Catalogue",
        "Playbook",
        "Practice",
        "Templates",
        "Contribute",
        "Glossary",
        "Your progress",
    ]
    nav = home[home.index("md-nav--primary") :]
    order = [nav.index(f'href="skills/{s.id}/"') for s in handbook.skills]
    assert order == sorted(order), "skill pages follow the order of skills.yml"


def test_home_shows_the_four_skill_groups_as_cards(real_site, handbook):
    home = (real_site.site / "index.html").read_text()
    cards = home[home.index('class="grid cards') : home.index('id="how-to-use-this-handbook"')]
    text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", cards).split()))
    for skill in handbook.skills:
        assert f'href="skills/{skill.id}/"' in cards
        assert skill.title in text and skill.summary in text


def test_every_resource_on_each_of_its_skill_pages_and_in_the_catalogue_once(real_site, handbook):
    catalogue = [
        a
        for page in sorted(real_site.site.glob("catalogue/**/index.html"))
        for a in anchors(page.read_text(), "res-")
    ]
    assert sorted(catalogue) == [r.id for r in handbook.resources]
    for skill in handbook.skills:
        listed_here = listed(real_site.site, f"skills/{skill.id}")
        assert sorted(listed_here) == sorted(r.id for r in handbook.resources_of(skill.id))
        assert len(listed_here) == len(set(listed_here)), skill.id


def test_path_lists_its_resources_in_order(real_site, handbook):
    page = (real_site.site / "path/index.html").read_text()
    staged = [rid for stage in handbook.stages for rid in stage.resources]
    assert anchors(page, "res-") == staged
    assert [a for a in re.findall(r'<h2 id="([a-z0-9-]+)"', page)] == [
        s.id for s in handbook.stages
    ]


def test_skill_pages_explain_concepts_and_competencies(real_site, handbook):
    for skill in handbook.skills:
        page = (real_site.site / f"skills/{skill.id}/index.html").read_text()
        text = article_text(page)
        for concept in skill.concepts:
            assert f'id="{concept.id}"' in page
            assert concept.explanation in text
        for competency in skill.competencies:
            assert competency.text in text
        assert skill.why in text


def test_edit_button_opens_the_data_file(real_site):
    # the repository and branch are the publisher's: a fork that only republishes changes them
    settings = mkdocs_settings(ROOT / "mkdocs.yml")
    docs = f"{settings['repo_url'].rstrip('/')}/{settings['edit_uri'].strip('/')}/"
    data = docs.removesuffix("docs/") + "data/"
    page = (real_site.site / "skills/influencing/index.html").read_text()
    assert f'href="{data}skills.yml"' in page
    glossary = (real_site.site / "glossary/index.html").read_text()
    assert f'href="{data}glossary.yml"' in glossary
    guide = (real_site.site / "guides/influencing/index.html").read_text()
    assert f'href="{docs}guides/influencing.md"' in guide


def test_every_resource_is_in_the_search_index(real_site, handbook):
    index = json.loads((real_site.site / "search/search_index.json").read_text())
    text = " ".join(
        doc["text"] for doc in index["docs"] if doc["location"].startswith("catalogue/")
    )
    for resource in handbook.resources:
        assert resource.title.replace("&", "&amp;") in text or resource.title in text, resource.id


def test_glossary_lists_every_term_with_an_anchor(real_site, handbook):
    page = (real_site.site / "glossary/index.html").read_text()
    text = article_text(page)
    for term in handbook.terms:
        assert term.definition in text


def _seed_grams() -> set[str]:
    lines = (ROOT / "tests/fixtures/seed-8grams.txt").read_text().splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_run_of_eight_words_from_the_source_article(real_site, handbook):
    seed = _seed_grams()
    assert len(seed) > 1000
    titles = sorted((r.title for r in handbook.resources), key=len, reverse=True)
    reused = []
    for path, page in html_pages(real_site.site).items():
        text = article_text(page)
        for title in titles:  # a work's own title and address are facts, not the article's prose
            text = text.replace(title, " ")
        for resource in handbook.resources:
            text = text.replace(resource.url, " ")
        words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
        for i in range(len(words) - 7):
            run = " ".join(words[i : i + 8])
            if hashlib.sha256(run.encode()).hexdigest()[:16] in seed:
                reused.append(f"{path}: {run}")
    assert reused == []


def test_data_reference_documents_every_schema_field(real_site):
    page = (real_site.site / "contribute/data-reference/index.html").read_text()
    text = article_text(page)
    schema = json.loads((ROOT / "data/schemas/resource.schema.json").read_text())
    for field, spec in schema["properties"].items():
        assert f"<code>{field}</code>" in page
        assert " ".join(spec["description"].split()) in text
    assert ", ".join(schema["properties"]["kind"]["enum"]) in text


def test_open_data_exports(real_site, handbook):
    site = real_site.site
    exported = json.loads((site / "resources.json").read_text())
    assert [r["id"] for r in exported["resources"]] == [r.id for r in handbook.resources]
    first = exported["resources"][0]
    assert set(first) >= {
        "title",
        "url",
        "kind",
        "authors",
        "skills",
        "topic",
        "cost",
        "level",
        "time",
        "minutes",
        "year",
        "tags",
        "why",
        "added",
        "anchor",
    }
    for name in ("resource", "skills", "path", "glossary", "redirects"):
        published = json.loads((site / f"schemas/{name}.schema.json").read_text())
        assert published == json.loads((ROOT / f"data/schemas/{name}.schema.json").read_text())
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()  # noqa: S314 - our own build output
    entries = feed.findall(f"{atom}entry")
    assert 0 < len(entries) <= 20
    newest = max(r.added for r in handbook.resources)
    assert feed.find(f"{atom}updated").text == f"{newest}T00:00:00Z"
    home = (site / "index.html").read_text()
    assert 'type="application/atom+xml"' in home and 'href="feed.xml"' in home


def test_resources_carry_schema_org_metadata(real_site):
    page = (real_site.site / "skills/tech-fluency/index.html").read_text()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    items = [e["item"] for e in json.loads(blocks[0])["itemListElement"]]
    # the page's JSON-LD lists what the page lists (a long group continues on page 2)
    assert {i["@id"] for i in items} == {f"#res-{a}" for a in anchors(page, "res-")}
    course = next(i for i in items if i["@id"] == "#res-udacity-ab-testing")
    assert course["@type"] == "LearningResource"
    assert course["timeRequired"] == "PT24H" and course["isAccessibleForFree"] is True
    assert course["educationalLevel"] in ("beginner", "intermediate", "advanced")


def test_every_page_has_a_strict_policy_before_any_script(real_site):
    assert len(html_pages(real_site.site)) > 20
    assert strict_policy_problems(real_site.site) == []


def test_every_resource_file_is_rendered_everywhere(real_site):
    files = {p.stem for p in (ROOT / "data/resources").glob("*.yml")}
    assert len(files) >= 40
    assert rendered(real_site.site, ROOT / "data") == files  # the real data: nothing refused
    counts_line(real_site.output, len(files))


def test_two_builds_of_this_handbook_are_byte_identical(real_site, tmp_path):
    again = run_build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output
    assert_identical(real_site.site, again.site)


def test_feed_updated_is_the_newest_added_date(real_site, handbook):
    newest = max(r.added for r in handbook.resources)
    feed = (real_site.site / "feed.xml").read_text(encoding="utf-8")
    updated = re.findall(r"<updated>([^<]+)</updated>", feed)
    assert updated[0] == f"{newest}T00:00:00Z"
    assert max(updated[1:]) == updated[0]
