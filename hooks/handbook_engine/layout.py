"""Which page lists each resource: skill group pages and the catalogue, split into pages of
PAGE_SIZE cards so no page grows past its DOM budget."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Handbook, Resource, Skill, Topic

PAGE_SIZE = 40  # resource cards per page: keeps every page under about 1,500 DOM nodes
CATALOGUE_ON_ONE_PAGE = 50  # up to this many, the catalogue is one page filtered in place


def level_order(handbook: Handbook) -> dict[str, int]:
    """Levels in the schema's order: the easiest first."""
    return {level: i for i, level in enumerate(handbook.vocabulary["level"])}


def by_topic(skill: Skill, resources: list[Resource]) -> list[tuple[Topic | None, list[Resource]]]:
    """The skill's own topics with their resources, then resources filed under other groups."""
    groups = [(topic, [r for r in resources if r.topic == topic.id]) for topic in skill.topics]
    own_topics = {t.id for t in skill.topics}
    others = [r for r in resources if r.topic not in own_topics]
    return [(t, rs) for t, rs in groups if rs] + ([(None, others)] if others else [])


def _in_topic_order(handbook: Handbook, skill: Skill) -> list[Resource]:
    order = level_order(handbook)
    mine = sorted(handbook.resources_of(skill.id), key=lambda r: (order[r.level], r.title))
    return [r for _topic, rs in by_topic(skill, mine) for r in rs]


def _pages_of(
    first: str, items: list[Resource], size: int = PAGE_SIZE
) -> list[tuple[str, list[Resource]]]:
    """Split `items` into pages: `first` (e.g. skills/x.md), then skills/x/2.md, 3.md, ..."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    stem = first.removesuffix(".md").removesuffix("/index")
    return [(first if n == 1 else f"{stem}/{n}.md", chunk) for n, chunk in enumerate(chunks, 1)]


@dataclass(frozen=True)
class Layout:
    """Which page lists each resource: per skill group, and in the catalogue."""

    skill_pages: dict[str, list[tuple[str, list[Resource]]]]
    catalogue_pages: list[tuple[str, str | None, list[Resource]]]  # (path, skill id, items)
    _where: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for skill_id, pages in self.skill_pages.items():
            self._where.update(((skill_id, r.id), path) for path, items in pages for r in items)

    def skill_page_of(self, skill_id: str, resource_id: str) -> str:
        return self._where[(skill_id, resource_id)]


def layout(handbook: Handbook) -> Layout:
    skill_pages = {
        s.id: _pages_of(f"skills/{s.id}.md", _in_topic_order(handbook, s)) for s in handbook.skills
    }
    if len(handbook.resources) <= CATALOGUE_ON_ONE_PAGE:
        catalogue: list[tuple[str, str | None, list[Resource]]] = [
            ("catalogue/index.md", None, list(handbook.resources))
        ]
    else:
        catalogue = [
            (path, s.id, items)
            for s in handbook.skills
            for path, items in _pages_of(
                f"catalogue/{s.id}.md",
                sorted((r for r in handbook.resources if r.skills[0] == s.id), key=_by_title),
            )
        ]
    return Layout(skill_pages, catalogue)


def _by_title(resource: Resource) -> tuple[str, str]:
    return (resource.title.casefold(), resource.id)
