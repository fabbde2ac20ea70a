"""ProperDocs 1.6, the maintained fork of MkDocs 1.6, builds the handbook with its hook and theme
into the same pages: the way to keep building when MkDocs 1.x and Material stop being updated."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_static_tree import pages

pytestmark = pytest.mark.build


def test_properdocs_builds_the_same_site_with_the_hook(kitchen_site, kitchen, tmp_path):
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", site],
        cwd=kitchen_site.project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"handbook: {len(kitchen.resources)} resources" in done.stderr  # the hook ran
    hooked, built = pages(kitchen_site.site), pages(site)
    assert sorted(built) == sorted(hooked)
    for path, (title, article) in hooked.items():
        assert built[path] == (title, article), path
    # what the hook writes after the build, and the policy in every page
    for export in ("resources.json", "feed.xml", "schemas/resource.schema.json"):
        assert (site / export).is_file(), export
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in home
