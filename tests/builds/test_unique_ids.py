"""Every element id on a page is unique: topics, concepts and fixed sections share a skill page."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from pages import html_pages
from trees import run_build, write_project

pytestmark = pytest.mark.build


def test_a_concept_named_like_a_topic_gives_no_duplicate_ids(tmp_path):
    project = write_project(tmp_path / "kitchen")
    skills = project / "data" / "skills.yml"
    # the concept takes the topic's id: once the source of duplicate ids on skill pages
    text = skills.read_text(encoding="utf-8").replace("id: mise-en-place", "id: sauces")
    skills.write_text(text, encoding="utf-8")
    path = project / "data" / "path.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[mise-en-place]", "[sauces]"))
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    for name, page in html_pages(result.site).items():
        ids = Counter(re.findall(r'\sid="([^"]+)"', page))
        assert [i for i, n in ids.items() if n > 1] == [], name
    skill_page = (result.site / "skills" / "cooking" / "index.html").read_text(encoding="utf-8")
    assert 'id="sauces"' in skill_page and 'id="topic-sauces"' in skill_page
