"""The handbook's own scripts and styles that a page loads (the core, the page's feature script,
the page's stylesheets) stay within 15 KB gzip -9 on every kind of page: what a phone fetches,
parses and runs before the page is ready. Measured on the kitchen fixture site, whose client
side is this repository's docs/javascripts and docs/stylesheets."""

from __future__ import annotations

import gzip
import re

import pytest
from trees import KITCHEN_TEMPLATES

pytestmark = [pytest.mark.browser, pytest.mark.build]

BUDGET = 15 * 1024
OWN = re.compile(r"^/(javascripts|stylesheets)/[^/]+\.(js|css)$")  # not Material's assets/


@pytest.mark.parametrize("path", KITCHEN_TEMPLATES)
def test_own_scripts_and_styles_of_a_page_stay_within_budget(page, kitchen_url, kitchen_site, path):
    page.goto(kitchen_url + path)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(
        "performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)"
    )
    own = sorted({p for p in loaded if OWN.match(p)})
    assert "/javascripts/handbook.js" in own and "/stylesheets/handbook.css" in own, own
    sizes = {p: len(gzip.compress((kitchen_site.site / p[1:]).read_bytes(), 9)) for p in own}
    assert sum(sizes.values()) <= BUDGET, sizes
