"""The practice side of the handbook: concept checks and capstones (practice.md), the review
deck (you/review.md) and the question bank block a hand-written page asks for."""

from __future__ import annotations

from typing import Any

from .ids import slug
from .model import ConceptCheck, Handbook
from .problems import counted
from .templating import GeneratedPage, render_template, url_between

REVIEW_PAGE = "you/review.md"
QUESTIONS_BLOCK = "questions"  # <!-- handbook:questions -->: where the question bank is shown


def correct_index(check: ConceptCheck) -> int:
    """The position (from 0) of a check's one right option; validation made sure there is one."""
    return next(i for i, option in enumerate(check.options) if option.correct)


def review_deck(
    handbook: Handbook, directory_urls: bool = True, questions_page: str | None = None
) -> dict[str, list[dict[str, object]]]:
    """Every card the review queue may hold: glossary terms, concept checks and, when a page
    shows the question bank, interview questions. The text is the data's own plain text (the
    schemas say plain text and every page shows it literally), so the browser sets it as text."""

    def url(page: str, anchor: str) -> str:
        return f"{url_between(REVIEW_PAGE, page, directory_urls)}#{anchor}"

    cards: list[dict[str, object]] = [
        {
            "key": f"term-{slug(t.term)}",
            "kind": "term",
            "front": t.term,
            "back": [t.definition],
            "url": url("glossary.md", slug(t.term)),
            "skill": None,
        }
        for t in sorted(handbook.terms, key=lambda t: t.term)
    ]
    for check in handbook.checks:
        right = check.options[correct_index(check)]
        cards.append(
            {
                "key": f"check-{check.id}",
                "kind": "check",
                "front": check.question,
                "back": [f"Answer: {right.text}", right.why],
                "url": url("practice.md", f"check-{check.id}"),
                "skill": check.skill,
            }
        )
    if questions_page is not None:
        cards += [
            {
                "key": f"question-{q.id}",
                "kind": "question",
                "front": q.question,
                "back": list(q.points),
                "url": url(questions_page, f"q-{q.id}"),
                "skill": q.skill,
            }
            for q in handbook.questions
        ]
    return {"cards": cards}


def render_questions(handbook: Handbook, here: str, directory_urls: bool = True) -> str:
    """The question bank, shown where a hand-written page has <!-- handbook:questions -->."""
    if not handbook.questions:
        # an empty bank would publish the page's title with nothing under it
        raise ValueError(
            f"<!-- handbook:{QUESTIONS_BLOCK} --> shows the question bank, but "
            "data/ has no questions (questions.yml is missing or empty): add them, or take the "
            "line out of the page"
        )
    review = url_between(here, REVIEW_PAGE, directory_urls)
    return render_template("questions.md.j2", handbook=handbook, here=here, review=review)


# Each kind of review card: how the review page says where such cards come from, and how it
# says so again while the reader's boxes are empty. Both sentences name only the kinds in the
# deck: a fork may have no checks or questions, and questions are cards only when a page shows
# the bank.
_CARD_KINDS = (
    ("term", "glossary terms you add to your review", None),
    ("check", "concept checks you answered wrong", "missed concept checks"),
    ("question", "interview questions you graded low", "interview answers you grade low"),
)


def _kinds(deck: dict[str, list[dict[str, object]]]) -> set[object]:
    return {card["kind"] for card in deck["cards"]}


def _and(words: list[str]) -> str:
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def _card_sources(deck: dict[str, list[dict[str, object]]]) -> str:
    """Where the review cards come from, in words ("" when the deck has none)."""
    kinds = _kinds(deck)
    return _and([source for kind, source, _ in _CARD_KINDS if kind in kinds])


def _empty_boxes(deck: dict[str, list[dict[str, object]]]) -> str:
    """What the review says while the reader's boxes are empty."""
    kinds = _kinds(deck)
    missed = _and([words for kind, _, words in _CARD_KINDS if words and kind in kinds])
    terms = "term" in kinds
    if not missed:
        return "Your boxes are empty." + (" Glossary terms you add come here." if terms else "")
    also = "; so do glossary terms you add" if terms else ""
    return f"Your boxes are empty. {missed[0].upper()}{missed[1:]} come here{also}."


def render_review_page(
    deck: dict[str, list[dict[str, object]]], common: dict[str, Any]
) -> GeneratedPage:
    """The review queue: its cards come from `review_deck`."""
    sources = _card_sources(deck)
    from_where = f": {sources}," if sources else ","
    return GeneratedPage(
        render_template(
            "review.md.j2",
            here=REVIEW_PAGE,
            deck=deck,
            sources=sources,
            empty=_empty_boxes(deck),
            **common,
        ),
        None,
        "Review",
        f"Review what you are learning in short daily sessions{from_where} spaced out over days.",
    )


def render_practice_page(handbook: Handbook, common: dict[str, Any]) -> GeneratedPage:
    """Concept checks with an explanation for every answer, and capstones with a rubric."""
    parts = []
    if handbook.checks:
        parts.append(
            f"{counted(len(handbook.checks), 'concept check')} with an explanation for every answer"
        )
    if handbook.capstones:
        parts.append(f"{counted(len(handbook.capstones), 'capstone')} with a rubric")
    return GeneratedPage(
        render_template("practice.md.j2", here="practice.md", **common),
        "checks.yml" if handbook.checks else "capstones.yml",  # what "Edit this page" opens
        "Practice",
        f"{' and '.join(parts)}, by skill group.",
    )
