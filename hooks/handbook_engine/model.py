"""Stage 3: the validated handbook as frozen dataclasses. Nothing here is re-checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from .reader_vocabulary import UNBUILT, ReaderVocabulary


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Concept:
    id: str
    term: str
    explanation: str
    taught_in: str | None = None  # "page.md#anchor" relative to docs/


@dataclass(frozen=True)
class Competency:
    id: str
    text: str
    taught_in: str | None = None  # "page.md#anchor" relative to docs/


@dataclass(frozen=True)
class Skill:
    id: str
    title: str
    summary: str
    why: str
    topics: tuple[Topic, ...]
    concepts: tuple[Concept, ...]
    competencies: tuple[Competency, ...]
    icon: str | None = None
    guide: str | None = None  # a page path relative to docs/
    source: str = "data/skills.yml"


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    url: str
    kind: str
    authors: tuple[str, ...]
    skills: tuple[str, ...]  # the first is the resource's home group
    topic: str
    cost: str
    level: str
    why: str
    added: str  # YYYY-MM-DD
    checked: str | None = None  # YYYY-MM-DD: last opened and confirmed by a person
    time: str | None = None
    minutes: int | None = None  # `time` in minutes, for sums and filters
    year: int | None = None
    tags: tuple[str, ...] = ()
    source: str = ""  # data/resources/<id>.yml


@dataclass(frozen=True)
class PageLink:
    title: str
    page: str  # relative to docs/


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    goal: str
    resources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    pages: tuple[PageLink, ...] = ()


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    skill: str
    format: str
    points: tuple[str, ...]
    outline: str


@dataclass(frozen=True)
class Option:
    text: str
    why: str
    correct: bool = False


@dataclass(frozen=True)
class ConceptCheck:
    id: str
    concept: str
    skill: str  # the concept's group
    question: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class RubricItem:
    id: str
    text: str


@dataclass(frozen=True)
class Capstone:
    id: str
    skill: str
    title: str
    scenario: tuple[str, ...]  # paragraphs
    deliverable: str
    rubric: tuple[RubricItem, ...]
    template: str | None = None


@dataclass(frozen=True)
class ReviewPolicy:
    """Months between reviews: by kind and by topic (the shorter applies), else the default."""

    default: int = 24
    kinds: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)

    def months(self, resource: Resource) -> int:
        named = [self.kinds.get(resource.kind), self.topics.get(resource.topic)]
        return min((m for m in named if m is not None), default=self.default)


@dataclass(frozen=True)
class Handbook:
    skills: tuple[Skill, ...]
    resources: tuple[Resource, ...]  # sorted by id
    stages: tuple[Stage, ...]
    terms: tuple[Term, ...]
    path_intro: str = ""
    redirects: dict[str, str] = field(default_factory=dict)  # old resource id -> current id
    # ratings saved by position before competencies had ids: group -> competency id per position
    rating_positions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    vocabulary: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> value -> label
    questions: tuple[Question, ...] = ()
    checks: tuple[ConceptCheck, ...] = ()
    capstones: tuple[Capstone, ...] = ()
    review: ReviewPolicy = field(default_factory=ReviewPolicy)
    reader: ReaderVocabulary = UNBUILT  # statuses and ratings, as pages and the browser show them
    _by_id: dict[str, Resource] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((r.id, r) for r in self.resources)

    def resource(self, resource_id: str) -> Resource:
        return self._by_id[resource_id]

    def skill(self, skill_id: str) -> Skill:
        return next(s for s in self.skills if s.id == skill_id)

    def resources_of(self, skill_id: str) -> list[Resource]:
        return [r for r in self.resources if skill_id in r.skills]

    def topic_of(self, resource: Resource) -> Topic:
        for skill in self.skills:
            for topic in skill.topics:
                if topic.id == resource.topic:
                    return topic
        raise KeyError(resource.topic)

    def concept_home(self, concept_id: str) -> tuple[Skill, Concept]:
        for skill in self.skills:
            for concept in skill.concepts:
                if concept.id == concept_id:
                    return skill, concept
        raise KeyError(concept_id)

    def old_ids(self, resource_id: str) -> list[str]:
        return sorted(old for old, new in self.redirects.items() if new == resource_id)

    def stage_of(self, resource_id: str) -> Stage | None:
        return next((s for s in self.stages if resource_id in s.resources), None)
