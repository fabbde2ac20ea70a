"""Two strict builds of one project are byte-identical, and the feed's date comes from the data
(the kitchen fixture project)."""

from __future__ import annotations

import re

import pytest
from handbook_engine.validate import build_handbook
from pages import assert_identical
from trees import resource_yaml, run_build, write_kitchen

pytestmark = pytest.mark.build


def test_two_builds_of_one_project_are_byte_identical(kitchen_site, tmp_path):
    again = run_build(write_kitchen(tmp_path / "again"), tmp_path / "site")
    assert again.returncode == 0, again.output
    assert_identical(kitchen_site.site, again.site)


def test_a_changed_page_is_told_apart(kitchen_site, tmp_path):
    """The comparison can fail: a build with one more resource differs from the first."""
    project = write_kitchen(tmp_path / "other")
    (project / "data/resources/one-more.yml").write_text(
        resource_yaml(title="One More Recipe Card", url="https://example.org/one-more"),
        encoding="utf-8",
    )
    other = run_build(project, tmp_path / "site")
    assert other.returncode == 0, other.output
    with pytest.raises(AssertionError):
        assert_identical(kitchen_site.site, other.site)


def test_feed_updated_is_the_newest_added_date(kitchen_site):
    handbook = build_handbook(kitchen_site.project / "data")
    newest = max(r.added for r in handbook.resources)
    feed = (kitchen_site.site / "feed.xml").read_text(encoding="utf-8")
    updated = re.findall(r"<updated>([^<]+)</updated>", feed)
    assert updated[0] == f"{newest}T00:00:00Z"  # the feed's own <updated>, before the entries
    assert max(updated[1:]) == updated[0]
    assert len(updated) == 1 + min(20, len(handbook.resources))
