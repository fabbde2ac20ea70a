"""What a build shows when it cannot be the handbook: the preview's problem pages under
`mkdocs serve`, and the theme settings of the offline copy (opened from file://)."""

from __future__ import annotations

import html

from .problems import Problem

# Where the generated pages live; while the data is broken the preview shows the problems there
# too, so the navigation finds every page it names and nothing else warns.
ERROR_PAGES = (
    "path.md",
    "roadmap.md",
    "glossary.md",
    "practice.md",
    "catalogue/index.md",
    "skills/index.md",
    "you/progress.md",
    "you/self-assessment.md",
    "you/review.md",
    "you/print.md",
    "contribute/data-reference.md",
)


def offline_settings(features: list[str]) -> tuple[list[str], list[str]]:
    """Polyfills and theme features for Material's offline copy, opened from file://: our own
    search-worker shim, where Material's would come from a CDN, and no instant navigation,
    which fetches pages and so fails under file://."""
    shim = ["javascripts/vendor/iframe-worker-shim.js"]
    return shim, [f for f in features if not f.startswith("navigation.instant")]


def error_page(problems: list[Problem]) -> tuple[str, str]:
    """What the preview shows while the data has problems: Markdown for pages, HTML for 404."""
    rows = [html.escape(str(p)) for p in problems]
    markdown = "\n".join(
        [
            "# The handbook data has problems",
            "",
            "Fix them and save: this page reloads by itself. `mkdocs build` fails until then.",
            "",
            '<ul class="hb-problems">',
            *[f"<li><code>{row}</code></li>" for row in rows],
            "</ul>",
        ]
    )
    page_html = (
        "<h1>The handbook data has problems</h1><p>Fix them and save: this page reloads by "
        "itself.</p><ul>" + "".join(f"<li><code>{row}</code></li>" for row in rows) + "</ul>"
    )
    return markdown, page_html
