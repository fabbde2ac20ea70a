"""Every page of a built site is valid HTML to the Nu HTML checker (what validator.w3.org/nu
runs), but for the few errors that Material's own theme markup makes (tests/nu_checker.py lists
them, with the template each comes from). The kitchen path has a page of every kind the engine
writes, an old resource id (its anchor once put a <p> inside a <p>) and, here, a concept named
like a topic of its skill (once the source of duplicate ids on the skill page)."""

from __future__ import annotations

import pytest
from nu_checker import assert_valid_but_for_material
from trees import BuildResult, run_build, write_kitchen

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("valid-kitchen")
    project = write_kitchen(root / "project")
    # the concept mise-en-place takes the id of the topic `sauces` of the same skill
    for name in ("skills.yml", "path.yml", "checks.yml"):
        data = project / "data" / name
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("mise-en-place", "sauces"), encoding="utf-8")
    result = run_build(project, root / "site")
    assert result.returncode == 0, result.output
    return result


def test_every_kitchen_page_is_valid_html_but_for_materials_own_markup(kitchen, tmp_path):
    skill_page = (kitchen.site / "skills" / "cooking" / "index.html").read_text(encoding="utf-8")
    assert 'id="sauces"' in skill_page and 'id="topic-sauces"' in skill_page, "no collision"
    assert 'id="res-old-sauce-book"' in (kitchen.site / "catalogue" / "index.html").read_text()
    assert_valid_but_for_material(kitchen.site, tmp_path)
