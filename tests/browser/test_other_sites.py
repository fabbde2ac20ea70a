"""Other builds of the engine: a long list split into pages, the offline download, a path whose
progress vocabulary is relabelled in another language, and one without checks or questions."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import serve
from pages import card_status, search
from playwright.sync_api import expect
from trees import add_resources, run_build, write_kitchen, write_project

pytestmark = [pytest.mark.browser, pytest.mark.build]


def _served(project: Path, site: Path) -> Iterator[str]:
    """Build the project strictly and serve the site on 127.0.0.1 while the fixture lives."""
    result = run_build(project, site)
    assert result.returncode == 0, result.output
    url, server = serve(result.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("long")
    project = write_project(root / "kitchen")
    add_resources(project / "data", 95)
    (project / "data" / "redirects.yml").write_text("redirects:\n  old-sauce-book: sauce-book\n")
    yield from _served(project, root / "site")


@pytest.fixture(scope="module")
def long_question_bank(tmp_path_factory) -> str:
    """The kitchen with 80 interview questions: drills are set up only near the screen, so the
    page keeps changing height after a link to one of its sections has scrolled there."""
    root = tmp_path_factory.mktemp("questions")
    project = write_kitchen(root / "kitchen")
    formats = ["technical", "behavioural", "product-sense", "system-design"]
    entries = []
    for i in range(80):
        entries.append(
            f"  - id: long-question-{i:02d}\n"
            f"    question: Question {i:02d}, about a busy service and what to do next?\n"
            f"    skill: {'cooking' if i < 40 else 'hosting'}\n"
            f"    format: {formats[i % 4]}\n"
            "    points:\n"
            + "".join(
                f"      - Point {j} of a good answer, one sentence long enough to wrap.\n"
                for j in range(4 + i % 3)
            )
            + "    outline: >-\n      An outline answer of a few more words, long enough for the"
            " schema to accept it as one.\n"
        )
    (project / "data" / "questions.yml").write_text("questions:\n" + "".join(entries), "utf-8")
    yield from _served(project, root / "site")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
def test_a_link_to_a_section_of_a_long_page_stays_on_it(browser, long_question_bank, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(long_question_bank + "practice/questions/")
    toc = page.locator(".md-nav--secondary a.md-nav__link").last  # in the drawer on a phone
    target = toc.get_attribute("href").split("#")[1]

    def settled_top() -> float:
        page.wait_for_timeout(1500)  # drills near the screen are set up, the page grows
        return page.locator(f"[id='{target}']").evaluate("(h) => h.getBoundingClientRect().top")

    page.goto(long_question_bank + f"practice/questions/#{target}")
    header = page.locator(".md-header").evaluate("(h) => h.getBoundingClientRect().bottom")
    assert header <= settled_top() < viewport["height"] / 2  # below the header, not under it
    page.goto(long_question_bank + "practice/questions/")
    page.evaluate("() => scrollTo(0, 0)")
    toc.evaluate("(a) => a.click()")
    page.wait_for_timeout(300)
    assert header <= settled_top() < viewport["height"] / 2
    # the section is held only until the reader moves: scrolling away is never undone
    toc.evaluate("(a) => a.click()")
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, -1500)
    page.wait_for_timeout(300)
    page.evaluate(
        "() => document.body.append(Object.assign(document.createElement('div'), "
        "{ style: 'height: 600px' }))"
    )  # the page grows again, as it does
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") < before - 1000
    page.close()


def test_a_new_section_of_the_same_page_in_the_address_lands_below_the_header(
    page, long_question_bank
):
    # The address changed to another #id of the page already open (a bookmark, a pasted link,
    # the back button): the theme's instant navigation swaps the content, and the new heading
    # is no longer the :target that its scroll margin is kept for.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(long_question_bank + "practice/questions/")
    links = page.locator(".md-nav--secondary a.md-nav__link")
    targets = [links.nth(i).get_attribute("href").split("#")[1] for i in (2, links.count() - 1)]
    header = page.locator(".md-header").evaluate("(h) => h.getBoundingClientRect().bottom")
    for target in targets:
        page.goto(long_question_bank + f"practice/questions/#{target}")
        page.wait_for_timeout(1500)  # drills near the screen are set up, the page grows
        top = page.locator(f"[id='{target}']").evaluate("(h) => h.getBoundingClientRect().top")
        assert header <= top < 844 / 2, (target, top)
    assert page.console_errors == []


def test_split_catalogue_filters_search_the_whole_index(page, long_site):
    page.goto(long_site + "catalogue/?tag=tag-3&max=4")
    count = page.locator(".hb-filters__count")
    # extra-i has tag-(i % 7) and time 1 + i % 5 hours; 97 resources in all
    expected = [i for i in range(95) if i % 7 == 3 and 1 + i % 5 <= 4]
    expect(count).to_have_text(f"Showing {len(expected)} of 97 resources.")
    results = page.locator(".hb-results li")
    expect(results).to_have_count(len(expected))
    page.locator(".hb-filters input[name=text]").fill("mother sauce")  # in every `why` only
    expect(count).to_have_text(f"Showing {len(expected)} of 97 resources.")
    page.locator(".hb-filters input[name=text]").fill("recipe 010")
    expect(count).to_have_text("Showing 1 of 97 resources.")
    results.first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/catalogue/cooking/(\d+/)?#res-extra-010$"))
    expect(page.locator("#res-extra-010")).to_be_visible()
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("later", "first"),
    [("skills/cooking/2/", "skills/cooking/"), ("catalogue/cooking/", "catalogue/")],
)
def test_a_later_page_of_a_long_list_is_shown_in_its_first_page_s_section(
    page, long_site, later, first
):
    # such a page is left out of the navigation, and the theme showed no section of it as the
    # reader's (no tab, no sidebar with tabs on; every section shut without)
    def section(path: str) -> list[str]:
        page.goto(long_site + path)
        active = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item--active")
        return [item.locator(".md-nav__link").first.inner_text().strip() for item in active.all()]

    reader_s = section(first)
    assert len(reader_s) == 1
    assert section(later) == reader_s
    assert page.console_errors == []


def test_split_catalogue_search_finds_tags_as_cards_show_them_and_a_name_written_last_first(
    page, long_site
):
    page.goto(long_site + "catalogue/")
    count = page.locator(".hb-filters__count")
    expect(count).to_contain_text("Showing 97 of 97")
    index = page.evaluate("fetch('index.json').then((r) => r.json())")
    tags = [row[index["columns"].index("tags")] for row in index["rows"]]
    tagged = sum("tag-3" in t for t in tags)
    assert 0 < tagged < len(tags)
    search = page.locator(".hb-filters input[name=text]")
    search.fill("#tag-3")  # a card shows its tags so, and the tag menu may not list them all
    expect(count).to_have_text(f"Showing {tagged} of 97 resources.")
    search.fill("Ada Saucier")
    expect(count).not_to_contain_text("Showing 0 ")
    found = count.text_content()
    search.fill("Saucier, Ada")  # as a bibliography writes her
    expect(count).to_have_text(found)
    assert page.console_errors == []


def test_split_catalogue_lists_the_first_results_by_title_with_the_words_readers_see(
    page, long_site
):
    page.goto(long_site + "catalogue/")
    expect(page.locator(".hb-filters__count")).to_have_text(
        "Showing 97 of 97 resources; the first 40 are listed below."  # said at the top too
    )
    results = page.locator(".hb-results li")
    expect(results).to_have_count(40)
    titles = results.locator("a").all_text_contents()
    assert titles == sorted(titles, key=str.casefold)
    index = page.evaluate("fetch('index.json').then((r) => r.json())")
    columns = index["columns"]
    first = next(row for row in index["rows"] if row[columns.index("title")] == titles[0])
    words = []
    for name in ("kind", "cost", "level"):  # the form's options carry the schema's labels
        option = page.locator(
            f".hb-filters select[name={name}] option[value='{first[columns.index(name)]}']"
        )
        words.append(option.text_content())
    assert all(
        w and w != first[columns.index(n)]
        for w, n in zip(words, ("kind", "cost", "level"), strict=True)
    ), words
    authors = first[columns.index("authors")]
    assert authors  # who made it follows the title, as on a card
    assert results.first.text_content().startswith(
        f"{titles[0]} by {authors} · {' · '.join(words)}"
    )
    expect(page.locator(".hb-results > p")).to_have_text(
        "The first 40, by title, are listed: narrow the filters, or open a group's pages from "
        "the table above, to see the rest."
    )
    assert page.console_errors == []


def test_split_catalogue_lists_works_that_hold_the_words_before_those_that_cite_them(
    page, long_site
):
    page.goto(long_site + "catalogue/")
    expect(page.locator(".hb-filters__count")).to_contain_text("Showing 97 of 97")
    # "sauce" is in one title, and in the `why` of every extra recipe (titled "Extra ...",
    # before "The Sauce Book" by title)
    page.locator(".hb-filters input[name=text]").fill("sauce")
    results = page.locator(".hb-results li a")
    expect(results.first).to_have_text("The Sauce Book")
    assert results.nth(1).text_content().startswith("Extra recipe")
    expect(page.locator(".hb-results > p")).to_contain_text(
        "by title (works whose title, authors or tags hold your words first)"
    )
    assert page.console_errors == []


def test_split_catalogue_keeps_only_what_was_checked_in_the_last_year(page, long_site):
    # the build date is the newest `added` (2026-01-02; the tree has no git history); every
    # tenth extra was added in 2023 and never checked since
    page.goto(long_site + "catalogue/?checked=year")
    expect(page.locator(".hb-filters select[name=checked]")).to_have_value("year")
    stale = [i for i in range(95) if i % 10 == 9]
    expect(page.locator(".hb-filters__count")).to_have_text(
        f"Showing {97 - len(stale)} of 97 resources; the first 40 are listed below."
    )
    page.locator(".hb-filters input[name=text]").fill("recipe 019")
    expect(page.locator(".hb-filters__count")).to_have_text("Showing 0 of 97 resources.")
    page.locator(".hb-filters select[name=checked]").select_option("")
    expect(page.locator(".hb-filters__count")).to_have_text("Showing 1 of 97 resources.")


def test_progress_saved_under_a_renamed_id_follows_the_rename(page, long_site):
    page.goto(long_site + "you/progress/")
    key = f"handbook.v1:{re.sub(r'^https?://[^/]+', '', long_site)}"
    stored = '{"version": 1, "statuses": {"old-sauce-book": "done"}}'
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, stored])
    index = page.evaluate("fetch('../../catalogue/index.json').then((r) => r.json())")
    url = next(row[-1] for row in index["rows"] if row[0] == "sauce-book")
    page.goto(long_site + url)
    expect(card_status(page, "sauce-book")).to_have_value("done")
    # the old anchor still lands on the resource
    page.goto(long_site + url.replace("#res-sauce-book", "#res-old-sauce-book"))
    expect(page.locator("#res-old-sauce-book")).to_be_attached()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    env = {"HANDBOOK_OFFLINE": "true"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        root = tmp_path_factory.mktemp("offline")
        result = run_build(write_kitchen(root / "project"), root / "site")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert result.returncode == 0, result.output
    return result.site


def test_offline_copy_works_from_disk(page, offline_site, kitchen):
    skill = kitchen.skills[0]
    resource = kitchen.resources_of(skill.id)[0].id
    page.goto((offline_site / "index.html").as_uri())
    expect(page.locator(".hb-skill-cards > ul > li")).to_have_count(len(kitchen.skills))
    page.locator(".hb-skill-cards").get_by_role("link", name="Concepts and resources").first.click()
    expect(page).to_have_url(re.compile(rf"skills/{skill.id}\.html$"))
    card_status(page, resource).select_option("done")
    page.goto((offline_site / "catalogue" / "index.html").as_uri())
    expect(card_status(page, resource)).to_have_value("done")
    staged = kitchen.stages[0].resources[0]
    card_status(page, staged).select_option("doing")
    page.locator(".hb-filters select[name=cost]").select_option("free")
    expect(page.locator(".hb-filters__count")).to_contain_text("Showing")
    page.goto((offline_site / "roadmap.html").as_uri())  # its script loads from disk too
    node = page.locator(f'.hb-roadmap .hb-node[data-resource="{staged}"]')
    expect(node).to_have_attribute("data-status", "doing")


def test_offline_search_works_from_disk(page, offline_site, kitchen):
    word = max(kitchen.resources[-1].title.split(), key=len).lower()
    page.goto((offline_site / "catalogue" / "index.html").as_uri())
    results = search(page, word)  # from disk, search runs in an iframe worker
    expect(results.first).to_contain_text(word, ignore_case=True)
    # (Material's own fetch of sitemap.xml fails from disk, as in any offline copy; not ours)
    refused = [e for e in page.console_errors if "Content Security Policy" in e]
    assert refused == []


@pytest.fixture(scope="module")
def relabelled_site(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("relabelled")
    project = write_project(root / "kitchen")
    schema_file = project / "data" / "schemas" / "progress.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["$defs"]["status"]["x-labels"] = {
        "todo": "À faire",
        "doing": "En cours",
        "done": "Terminé",
        "skipped": "Passé",
    }
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    yield from _served(project, root / "site")


def test_relabelled_statuses_are_what_the_menus_say_and_the_values_are_kept(page, relabelled_site):
    page.goto(relabelled_site + "catalogue/")
    menu = page.locator("#res-sauce-book .hb-status select")
    expect(menu.locator("option")).to_have_text(["À faire", "En cours", "Terminé", "Passé"])
    menu.select_option(label="Terminé")
    # stored under the value the engine knows, so an export stays readable by any handbook
    assert page.evaluate("Object.values(localStorage).map((v) => JSON.parse(v).statuses)") == [
        {"sauce-book": "done"}
    ]
    page.goto(relabelled_site + "roadmap/")
    expect(page.locator('.hb-roadmap .hb-node[data-resource="sauce-book"]')).to_have_attribute(
        "data-status", "done"
    )
    expect(page.locator('.hb-roadmap__legend li[data-status="done"]')).to_have_text("Terminé")
    assert page.console_errors == []


@pytest.fixture(scope="module")
def no_drills_site(tmp_path_factory) -> str:
    """A fork with a glossary but no concept checks, capstones or question bank."""
    root = tmp_path_factory.mktemp("no-drills")
    yield from _served(write_project(root / "kitchen"), root / "site")


def test_self_assessment_of_a_path_without_checks_has_no_checks_column(page, no_drills_site):
    page.goto(no_drills_site + "you/self-assessment/")
    page.locator("form.hb-rating input[type=radio][value='2']").first.check()
    table = page.locator(".hb-chart__table")
    expect(table.locator("th")).to_have_text(["Skill group", "Average (0–3)", "Competencies rated"])
    expect(table.locator("tbody tr").first.locator("td")).to_have_count(3)
    expect(page.locator(".hb-check-score")).to_have_count(0)
    assert page.console_errors == []


def test_empty_review_names_only_the_cards_this_path_has(page, no_drills_site):
    page.goto(no_drills_site + "you/review/")
    expect(page.locator(".hb-review__status")).to_have_text(
        "Your boxes are empty. Glossary terms you add come here."
    )
    assert page.console_errors == []
