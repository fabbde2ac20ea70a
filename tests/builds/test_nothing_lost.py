"""Nothing is lost between data/resources and the reader: every file is rendered everywhere it
belongs, or refused with a problem line that names it.

files in data/resources == resources rendered (on each of their skill pages, once in the
catalogue, on the path where a stage names them, in resources.json and in the search index)
+ resources refused with an error line naming their file.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from handbook_engine.validate import build_handbook
from pages import anchors, listed
from trees import ROOT, resource_yaml, run_build, write_project

_COUNTS = re.compile(r"handbook: (\d+) resources \(([^)]*)\), (\d+) stages, (\d+) glossary terms")


def _rendered(site: Path, data: Path) -> set[str]:
    """The resources found in every place they belong in a built site."""
    handbook = build_handbook(data)
    catalogue = [
        a
        for p in site.glob("catalogue/**/index.html")
        for a in anchors(p.read_text(encoding="utf-8"), "res-")
    ]
    assert len(catalogue) == len(set(catalogue)), "a resource is in the catalogue twice"
    path_page = anchors((site / "path/index.html").read_text(encoding="utf-8"), "res-")
    exported = {
        r["id"]
        for r in json.loads((site / "resources.json").read_text(encoding="utf-8"))["resources"]
    }
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    searchable = " ".join(
        d["title"] + " " + d["text"]
        for d in index["docs"]
        if d["location"].startswith("catalogue/")
    )
    skill_pages = {s.id: listed(site, f"skills/{s.id}") for s in handbook.skills}
    staged = {rid for stage in handbook.stages for rid in stage.resources}
    found = set()
    for r in handbook.resources:
        everywhere = (
            all(skill_pages[sid].count(r.id) == 1 for sid in r.skills)
            and catalogue.count(r.id) == 1
            and (r.id in path_page) == (r.id in staged)
            and r.id in exported
            and (r.title in searchable or r.title.replace("&", "&amp;") in searchable)
        )
        if everywhere:
            found.add(r.id)
    return found


def _counts_line(output: str, files: int) -> None:
    match = _COUNTS.search(output)
    assert match, output
    assert int(match.group(1)) == files
    per_skill = dict(part.rsplit(" ", 1) for part in match.group(2).split(", "))
    assert all(n.isdigit() for n in per_skill.values())


def test_real_data_every_file_is_rendered_everywhere(real_site):
    files = {p.stem for p in (ROOT / "data/resources").glob("*.yml")}
    rendered = _rendered(real_site.site, ROOT / "data")
    refused: set[str] = set()  # the real data builds: nothing is refused
    assert rendered == files - refused
    assert len(files) == len(rendered) + len(refused)
    _counts_line(real_site.output, len(files))


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
    rendered = _rendered(built.site, project / "data")
    assert rendered == set(VALID)
    assert len(files) == len(rendered) + len(named)
    _counts_line(built.output, len(VALID))
    assert "handbook: 3 resources (cooking 3, hosting 1), 1 stages, 1 glossary terms" in (
        built.output
    )
