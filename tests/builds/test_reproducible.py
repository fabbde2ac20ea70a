"""Two strict builds of one commit are byte-identical, and the feed's date comes from the data."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from handbook_engine.validate import build_handbook
from trees import ROOT, run_build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_of_the_real_project_are_byte_identical(real_site, tmp_path):
    again = run_build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output
    first, second = _files(real_site.site), _files(again.site)
    assert sorted(first) == sorted(second)
    for name in ("sitemap.xml.gz", "resources.json", "feed.xml", "search/search_index.json"):
        assert name in first
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert len(first) > 50
    # the sitemap's dates and the gzip header come from the pinned build date, not the clock
    gzip.decompress(first["sitemap.xml.gz"])


def test_feed_updated_is_the_newest_added_date(real_site):
    handbook = build_handbook(ROOT / "data")
    newest = max(r.added for r in handbook.resources)
    feed = (real_site.site / "feed.xml").read_text(encoding="utf-8")
    updated = re.findall(r"<updated>([^<]+)</updated>", feed)
    assert updated[0] == f"{newest}T00:00:00Z"  # the feed's own <updated>, before the entries
    assert max(updated[1:]) == updated[0]
