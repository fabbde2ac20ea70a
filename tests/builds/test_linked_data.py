"""schema.org metadata: each work is described on the skill pages that list it, and only there."""

from __future__ import annotations

import json
import re

from trees import BuildResult

_LINKED = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_CARD = re.compile(r'<div class="hb-resource"[^>]*\bid="res-([^"]+)"')


def _described(page: str) -> list[str]:
    blocks = [json.loads(block) for block in _LINKED.findall(page)]
    return [e["item"]["@id"] for block in blocks for e in block["itemListElement"]]


def test_a_work_is_described_where_it_lives_and_not_on_every_list_of_it(
    kitchen_site: BuildResult,
):
    site = kitchen_site.site
    skill_pages = sorted((site / "skills").rglob("index.html"))
    assert skill_pages
    for path in skill_pages:
        page = path.read_text("utf-8")
        listed = _CARD.findall(page)
        assert listed, path  # every skill page of the kitchen lists works
        assert sorted(_described(page)) == sorted(f"#res-{rid}" for rid in listed), path
    # the path and the catalogue list the same works again: no second description of them
    lists = [site / "path/index.html", *sorted((site / "catalogue").rglob("index.html"))]
    for path in lists:
        page = path.read_text("utf-8")
        assert _CARD.search(page), path
        assert _described(page) == [], path
