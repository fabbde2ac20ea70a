"""The built site ships the handbook's scripts and stylesheets without their comments."""

from __future__ import annotations

import gzip
import re

from trees import ROOT, BuildResult

_WHOLE_LINE_COMMENT = re.compile(r"^\s*(//|/\*(?!!))", re.M)


def test_the_built_scripts_and_styles_carry_no_comment_lines(kitchen_site: BuildResult):
    site = kitchen_site.site
    shipped = sorted((site / "javascripts").glob("*.js")) + sorted(
        (site / "stylesheets").glob("*.css")
    )
    assert len(shipped) > 3
    saved = 0
    for path in shipped:
        built = path.read_text(encoding="utf-8")
        source = (ROOT / "docs" / path.relative_to(site)).read_text(encoding="utf-8")
        assert not _WHOLE_LINE_COMMENT.search(built), path.name
        if path.suffix == ".css":
            assert "/*" not in built, path.name
        saved += len(gzip.compress(source.encode(), 9)) - len(gzip.compress(built.encode(), 9))
    assert saved > 0
    core = (site / "javascripts" / "handbook.js").read_text(encoding="utf-8")
    assert re.search(r"const VOCABULARY = /\* handbook:vocabulary \*/ \{\"id\"", core)
