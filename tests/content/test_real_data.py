"""This handbook's own data: valid, with its four groups, and the repository's forms that list
them. A fork deletes tests/content/ with the rest of this handbook's content."""

from __future__ import annotations

import re

import yaml
from handbook_engine.validate import check
from trees import ROOT, run_cli


def test_the_real_data_is_valid():
    handbook, problems = check(
        ROOT / "data",
        {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")},
    )
    assert [str(p) for p in problems] == []
    assert handbook is not None
    assert [s.id for s in handbook.skills] == [
        "product-strategy",
        "product-delivery",
        "influencing",
        "tech-fluency",
    ]


def test_check_command_passes_on_the_real_data():
    done = run_cli("check", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.match(r"OK: \d+ resources, 4 skill groups, \d+ stages", done.stdout)


def test_new_resource_issue_form_offers_the_skill_groups():
    form = yaml.safe_load(
        (ROOT / ".github/ISSUE_TEMPLATE/new-resource.yml").read_text(encoding="utf-8")
    )
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    skills = yaml.safe_load((ROOT / "data" / "skills.yml").read_text(encoding="utf-8"))
    assert fields["skills"]["attributes"]["options"] == [s["id"] for s in skills["skills"]]
