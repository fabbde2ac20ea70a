"""The roadmap page: the learning path as a diagram (roadmap.py lays it out)."""

from __future__ import annotations

from urllib.parse import quote

from .layout import Layout, layout
from .model import Handbook
from .roadmap import group_legend, roadmap_html, skill_competencies, stage_maps
from .templating import GeneratedPage, render_template, url_between

ROADMAP_PAGE = "roadmap.md"


def render_roadmap(
    handbook: Handbook,
    directory_urls: bool = True,
    plan: Layout | None = None,
    questions_page: str | None = None,
) -> GeneratedPage:
    """The learning path as a diagram (roadmap.py lays it out); its links are built URLs, since
    MkDocs does not rewrite links in raw HTML."""
    pages = plan or layout(handbook)

    def link(page: str, anchor: str) -> str:
        url = quote(url_between(ROADMAP_PAGE, page, directory_urls), safe="/")
        return f"{url}#{anchor}" if anchor else url

    def card_page(resource_id: str) -> str:
        return pages.skill_page_of(handbook.resource(resource_id).skills[0], resource_id)

    diagram = roadmap_html(stage_maps(handbook, link, card_page, questions_page))
    return GeneratedPage(
        render_template(
            "roadmap.md.j2",
            here=ROADMAP_PAGE,
            diagram=diagram,
            # the page is at the site's root: roadmap/ (one folder down) or roadmap.html
            stylesheet=("../" if directory_urls else "") + "stylesheets/roadmap.css",
            competencies=skill_competencies(handbook),
            groups=group_legend(handbook),
            statuses=handbook.reader.statuses,
            capstones=bool(handbook.capstones),
        ),
        "path.yml",
        "Roadmap",
        f"The learning path as a diagram: {len(handbook.stages)} stages with their concepts and "
        "resources, each a link, coloured by your progress.",
    )
