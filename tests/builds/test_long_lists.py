"""Lists that grow with the data are split into bounded pages; nothing is lost on the way."""

from __future__ import annotations

import json
import re

import pytest
from handbook_engine.layout import PAGE_SIZE
from pages import anchors, html_pages
from trees import add_resources, run_build, write_project

pytestmark = pytest.mark.build


def test_long_groups_and_catalogue_are_split_into_bounded_pages(tmp_path):
    project = write_project(tmp_path / "kitchen")
    extra = add_resources(project / "data", 95)
    (project / "data" / "redirects.yml").write_text("redirects:\n  old-sauce-book: sauce-book\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    site = result.site
    every = sorted([*extra, "hosting-talk", "sauce-book"])

    # the cooking group (all 97) spreads over skills/cooking/ and its numbered pages
    cooking = [
        "skills/cooking/index.html",
        *sorted(p for p in html_pages(site) if re.match(r"skills/cooking/\d+/index.html$", p)),
    ]
    assert len(cooking) == 3
    listed = [a for page in cooking for a in anchors((site / page).read_text(), "res-")]
    listed = [a for a in listed if a != "old-sauce-book"]
    assert sorted(listed) == every
    for page in cooking:
        assert (
            len([a for a in anchors((site / page).read_text(), "res-") if a != "old-sauce-book"])
            <= PAGE_SIZE
        )

    # the catalogue: each resource once, on the pages of its main group
    pages = [
        p for p in html_pages(site) if p.startswith("catalogue/") and p != "catalogue/index.html"
    ]
    in_catalogue = [a for p in pages for a in anchors((site / p).read_text(), "res-")]
    in_catalogue = [a for a in in_catalogue if a != "old-sauce-book"]
    assert sorted(in_catalogue) == every
    assert anchors((site / "catalogue/index.html").read_text(), "res-") == []

    # continuation pages stay out of the navigation; the index lists every resource
    home = (site / "index.html").read_text()
    assert 'href="skills/cooking/2/"' not in home and 'href="catalogue/cooking/"' not in home
    index = json.loads((site / "catalogue/index.json").read_text())
    rows = {row[0]: row for row in index["rows"]}
    assert sorted(rows) == every
    url = rows["extra-050"][index["columns"].index("url")]
    page = site / url.split("#")[0] / "index.html"
    assert 'id="res-extra-050"' in page.read_text()

    # a renamed resource keeps its old anchor and is listed in the exports
    sauce = next(p for p in cooking if 'id="res-sauce-book"' in (site / p).read_text())
    assert 'id="res-old-sauce-book"' in (site / sauce).read_text()
    exported = json.loads((site / "resources.json").read_text())
    assert exported["redirects"] == {"old-sauce-book": "sauce-book"}
    assert len(exported["resources"]) == len(every)
