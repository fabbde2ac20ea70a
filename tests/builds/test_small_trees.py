"""Real strict builds of small projects on the same engine, good and broken."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from handbook_engine.validate import build_handbook
from pages import anchors, article_text, html_pages
from trees import ROOT, resource_yaml, run_build, run_cli, write_kitchen, write_project

pytestmark = pytest.mark.build


def test_another_learning_path_builds_with_its_own_groups(tmp_path):
    project = write_project(tmp_path / "kitchen")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    site = result.site
    assert "handbook: 2 resources (cooking 2, hosting 1), 1 stages, 1 glossary terms" in (
        result.output
    )
    home = (site / "index.html").read_text()
    nav = home[home.index("md-nav--primary") :]
    assert nav.index('href="skills/cooking/"') < nav.index('href="skills/hosting/"')
    assert sorted(anchors((site / "catalogue/index.html").read_text(), "res-")) == [
        "hosting-talk",
        "sauce-book",
    ]
    cooking = (site / "skills/cooking/index.html").read_text()
    assert sorted(anchors(cooking, "res-")) == ["hosting-talk", "sauce-book"]
    assert "edit/main/data/skills.yml" in cooking
    exported = json.loads((site / "resources.json").read_text())
    assert [r["id"] for r in exported["resources"]] == ["hosting-talk", "sauce-book"]
    assert [s["id"] for s in exported["skills"]] == ["cooking", "hosting"]
    assert "<title>The Sauce Book</title>" in (site / "feed.xml").read_text()
    # nothing of this repository's own learning path leaks into another one
    own = build_handbook(ROOT / "data")
    words = {s.title for s in own.skills} | {c.term for s in own.skills for c in s.concepts}
    words |= {r.title for r in own.resources} | {t.term for t in own.terms}
    kitchen = build_handbook(project / "data")
    words -= {s.title for s in kitchen.skills} | {r.title for r in kitchen.resources}
    words -= {t.term for t in kitchen.terms} | {c.term for s in kitchen.skills for c in s.concepts}
    words = {w for w in words if len(w) > 4}  # short terms (KPI, MVP) are common words
    for path, page in html_pages(site).items():
        text = article_text(page)
        assert [w for w in sorted(words) if re.search(rf"\b{re.escape(w)}\b", text)] == [], path


def test_broken_data_fails_the_build_with_every_problem_and_no_traceback(tmp_path):
    project = write_project(
        tmp_path / "kitchen",
        resources={
            "sauce-book": resource_yaml(kind="bok"),
            "hosting-talk": resource_yaml(url="https://example.org/sauce-book/", cost="gratis"),
        },
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "data/resources/sauce-book.yml:4: kind: 'bok' is not one of" in result.output
    assert "data/resources/hosting-talk.yml:10: cost: 'gratis' is not one of" in result.output


def test_unknown_block_in_a_page_fails_the_strict_build(tmp_path):
    project = write_project(tmp_path / "kitchen")
    (project / "docs" / "index.md").write_text("# Home\n\n<!-- handbook:skil-cards -->\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "index.md: unknown block <!-- handbook:skil-cards -->" in result.output


def test_a_question_bank_page_without_questions_fails_the_build_naming_the_page(tmp_path):
    # a fork that deletes questions.yml but keeps the page would publish a title and nothing
    project = write_kitchen(tmp_path / "kitchen")
    (project / "data" / "questions.yml").unlink()
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert (
        "docs/practice/questions.md: <!-- handbook:questions --> shows the question bank, but "
        "data/ has no questions" in result.output
    )


def test_a_docs_page_may_not_hide_a_generated_one(tmp_path):
    project = write_project(tmp_path / "kitchen")
    (project / "docs" / "glossary.md").write_text("# Mine\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "docs/glossary.md would hide a generated page of that name" in result.output


def _check(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, cwd=cwd)


def test_check_command_passes_on_a_good_tree(kitchen_site):
    done = _check(cwd=kitchen_site.project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.match(r"OK: 12 resources, 2 skill groups, 2 stages", done.stdout)


def test_check_command_lists_problems_and_exits_1(tmp_path):
    project = write_project(
        tmp_path / "kitchen", resources={"sauce-book": resource_yaml(level="guru")}
    )
    done = _check(cwd=project)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "data/resources/sauce-book.yml:11: level: 'guru' is not one of beginner, intermediate, "
        "advanced"
    )
    assert done.stdout.rstrip().endswith("s.") and "1 problem found" in done.stdout
    assert done.stderr == ""


def test_search_index_holds_every_resource_of_a_small_tree(tmp_path):
    result = run_build(write_project(tmp_path / "kitchen"), tmp_path / "site")
    index = json.loads((result.site / "search/search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "The Sauce Book" in text and "Hosting Without Fear" in text
    # the catalogue's filter form is in the page, but its words are not what the page is about
    catalogue = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("catalogue"))
    assert "Clear filters" not in catalogue and "Words in title" not in catalogue
    assert "Clear filters" in (result.site / "catalogue" / "index.html").read_text()


def test_relabelled_statuses_and_ratings_show_everywhere_and_values_stay(tmp_path):
    # a fork in another language relabels the progress vocabulary in its schema, and only there
    project = write_project(tmp_path / "kitchen")
    schema_file = project / "data" / "schemas" / "progress.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    status = schema["$defs"]["status"]
    # doing and skipped are left alone: they keep the words and symbols of the copied schema
    kept = {k: (status["x-symbols"][k], status["x-labels"][k]) for k in ("doing", "skipped")}
    status["x-labels"].update(todo="À faire", done="Terminé")
    status["x-symbols"].update(todo="□", done="✔")
    schema["$defs"]["rating"]["x-labels"]["3"] = "Autonome"
    schema["$defs"]["rating"]["x-descriptions"]["3"] = "Je le fais seul & sans aide."
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    site = result.site
    script = (site / "javascripts" / "handbook.js").read_text(encoding="utf-8")
    written = json.loads(re.search(r"/\* handbook:vocabulary \*/ (.*);\n", script).group(1))
    assert written["statuses"] == {
        "todo": "À faire",
        "doing": kept["doing"][1],
        "done": "Terminé",
        "skipped": kept["skipped"][1],
    }
    roadmap = (site / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert '<li data-status="done">Terminé</li>' in roadmap
    printed = article_text((site / "you" / "print" / "index.html").read_text(encoding="utf-8"))
    doing, skipped = (" ".join(kept[k]) for k in ("doing", "skipped"))
    assert f"your statuses: □ À faire, {doing}, ✔ Terminé, {skipped}." in printed
    assert "□ The Sauce Book" in printed  # every box starts as not started
    assessment = article_text((site / "you" / "self-assessment" / "index.html").read_text())
    assert "3: Autonome Je le fais seul & sans aide." in assessment
    assert "3 Autonome" in assessment
    # the project's own copy of the script is left as it was
    assert "/* handbook:vocabulary */ {};" in (project / "docs/javascripts/handbook.js").read_text()


def test_a_renamed_status_fails_check_and_build_naming_the_schema(tmp_path):
    project = write_project(tmp_path / "kitchen")
    schema_file = project / "data" / "schemas" / "progress.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["$defs"]["status"]["enum"] = ["todo", "doing", "finished", "skipped"]
    schema["$defs"]["status"]["x-labels"]["finished"] = "Finished"
    schema_file.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    expected = '$defs.status: enum must be ["todo", "doing", "done", "skipped"]; relabel'
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 1
    assert "data/schemas/progress.schema.json:" in checked.stdout + checked.stderr
    assert expected in checked.stdout + checked.stderr
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 1 and expected in built.output
    assert "Traceback" not in built.output + checked.stdout + checked.stderr


def test_a_concept_taught_in_a_section_that_does_not_exist_fails_check_and_build(tmp_path):
    project = write_project(tmp_path / "kitchen")
    skills = project / "data" / "skills.yml"
    text = skills.read_text(encoding="utf-8")
    marker = "        explanation: Everything in its place"
    assert marker in text
    link = "        taught_in: guides/sauces.md#mother-sauces\n"
    skills.write_text(text.replace(marker, link + marker, 1), encoding="utf-8")
    guide = project / "docs" / "guides" / "sauces.md"
    guide.parent.mkdir()
    guide.write_text("# Sauces\n\n## Stocks\n\nBones, water, time.\n", encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    wrong = "docs/guides/sauces.md has no section #mother-sauces"
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"data/skills.yml:{line}" in result.output, result.output
    assert wrong in result.output
    assert "Traceback" not in result.output
    # `handbook check` says the same, on the same line, without building
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 1
    assert f"data/skills.yml:{line}: skills[0].concepts[0].taught_in: {wrong}" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    guide.write_text("# Sauces\n\n## Mother sauces\n\nFive of them.\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert run_cli("check", cwd=project).returncode == 0


def test_check_tells_a_wrong_anchor_in_the_same_run_as_other_problems(tmp_path):
    """A bad resource keeps the handbook from being built; the links are then read as written,
    and only pages of docs/ are opened (a link out of docs/ to a pipe would hang the check)."""
    project = write_project(tmp_path / "kitchen")
    skills = project / "data" / "skills.yml"
    text = skills.read_text(encoding="utf-8")
    first = (
        "        explanation: Everything in its place before the first pan gets hot, so service"
        " runs calmly.\n"
    )
    assert first in text
    links = ["guides/sauces.md#mother-sauces", "../outside.md#x", "guides/sauces.md"]
    extra = "".join(
        f"      - id: extra-{n}\n        term: Extra {n}\n"
        "        explanation: One more concept, long enough for the schema.\n"
        f"        taught_in: {link}\n"
        for n, link in enumerate(links)
    )
    # a term forgotten in an entry that starts with its link: that problem is on the same line
    extra += (
        "      - taught_in: guides/sauces.md#zzz\n        id: extra-3\n"
        "        explanation: One more concept, long enough for the schema.\n"
    )
    mine = "        taught_in: guides/sauces.md#mother-sauces\n"
    skills.write_text(text.replace(first, mine + first + extra, 1), encoding="utf-8")
    os.mkfifo(tmp_path / "outside.md")
    guide = project / "docs" / "guides" / "sauces.md"
    guide.parent.mkdir()
    guide.write_text("# Sauces\n\n## Stocks\n\nBones, water, time.\n", encoding="utf-8")
    (project / "data" / "resources" / "sauce-book.yml").write_text(
        resource_yaml(kind="bok"), encoding="utf-8"
    )
    checked = run_cli("check", cwd=project, timeout=60)
    out = checked.stdout
    assert checked.returncode == 1
    assert "data/resources/sauce-book.yml:4: kind: 'bok' is not one of" in out, out
    wrong = "docs/guides/sauces.md has no section #mother-sauces"
    found = [line for line in out.splitlines() if wrong in line]
    assert [line.split(": ")[1] for line in found] == [
        "skills[0].concepts[0].taught_in",
        "skills[0].concepts[1].taught_in",
    ], out
    # the link without an anchor: the schema's problem alone, not a second one for the field
    assert len([line for line in out.splitlines() if "concepts[3].taught_in" in line]) == 1, out
    assert "concepts[4].term: required field is missing" in out
    assert "concepts[4].taught_in: docs/guides/sauces.md has no section #zzz" in out, out
    assert "Traceback" not in out + checked.stderr


_EXPORT_LINKS = re.compile(r'href="([^"]*(?:feed\.xml|resources\.json|resource\.schema\.json))"')


def test_the_404_page_links_to_the_exports_on_this_site(kitchen_site, tmp_path):
    # The 404 page is served at any depth, so its links start at the site's path; written as
    # base_url + "/feed.xml" they read "/kitchen//feed.xml", and at a domain's root "//feed.xml",
    # an address on another host.
    in_folder = _EXPORT_LINKS.findall((kitchen_site.site / "404.html").read_text())
    assert sorted(set(in_folder)) == [
        "/kitchen/feed.xml",
        "/kitchen/resources.json",
        "/kitchen/schemas/resource.schema.json",
    ]
    project = write_project(tmp_path / "root")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "site_url: https://example.net/kitchen/" in text
    config.write_text(text.replace("https://example.net/kitchen/", "https://learn.example.com/"))
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    at_root = _EXPORT_LINKS.findall((result.site / "404.html").read_text())
    assert sorted(set(at_root)) == ["/feed.xml", "/resources.json", "/schemas/resource.schema.json"]
