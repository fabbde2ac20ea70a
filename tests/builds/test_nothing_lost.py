"""Nothing is lost between data/resources and the reader: every file is rendered everywhere it
belongs, or refused with a problem line that names it.

files in data/resources == resources rendered (on each of their skill pages, once in the
catalogue, on the path where a stage names them, in resources.json and in the search index)
+ resources refused with an error line naming their file.
"""

from __future__ import annotations

import re
import shutil

import pytest
from pages import counts_line, rendered
from trees import resource_yaml, run_build, write_project

pytestmark = pytest.mark.build


VALID = {
    "sauce-book": None,  # the defaults of write_data: a book on the path
    "hosting-talk": None,  # in two skill groups, on the path
    "knife-skills": resource_yaml(
        title="Knife Skills & Safety",
        url="https://example.org/knife-skills",
        kind="video",
        tags=["knives"],
    ),  # on no stage of the path
}
INVALID = {
    "bad-kind": resource_yaml(title="Bad Kind", url="https://example.org/bad-kind", kind="bok"),
    "broken-yaml": "title: [unclosed\nkind: book\n",
    "sauce-copy": resource_yaml(title="Same URL", url="https://example.org/sauce-book/"),
    "unknown-topic": resource_yaml(
        title="Unknown Topic", url="https://example.org/unknown-topic", topic="sausages"
    ),
}


def test_synthetic_tree_every_file_is_rendered_or_refused_by_name(tmp_path):
    valid = {k: v for k, v in VALID.items() if v is not None}
    project = write_project(tmp_path / "mixed", resources={**valid, **INVALID})
    files = {p.stem for p in (project / "data/resources").glob("*.yml")}
    assert files == set(VALID) | set(INVALID)

    # with the invalid files the strict build refuses, naming each of them at a line
    refusing = run_build(project, tmp_path / "refused")
    assert refusing.returncode == 1 and "Traceback" not in refusing.output
    named = set(re.findall(r"data/resources/([a-z0-9-]+)\.yml:\d+: ", refusing.output))
    assert named == set(INVALID), refusing.output

    # without them the same tree builds, and every valid file is everywhere it belongs
    shutil.rmtree(project / "data/resources")
    write_project(project, resources=valid)
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    shown = rendered(built.site, project / "data")
    assert shown == set(VALID)
    assert shown | named == files and not shown & named  # each file: shown, or refused by name
    assert counts_line(built.output, len(VALID)) == {"cooking": 3, "hosting": 1}
    assert "handbook: 3 resources (cooking 3, hosting 1), 1 stages, 1 glossary terms" in (
        built.output
    )


def test_a_resource_missing_from_a_page_is_not_counted_as_rendered(tmp_path):
    """The check can fail: a resource taken off its skill page is no longer 'everywhere'."""
    project = write_project(tmp_path / "kitchen")
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    page = built.site / "skills/hosting/index.html"
    page.write_text(page.read_text().replace('id="res-hosting-talk"', 'id="gone"'))
    assert rendered(built.site, project / "data") == {"sauce-book"}
