"""`handbook new` in a terminal: ask for each known field in turn, checking each answer at once.

The checks are `newresource`'s own (file name, URL, allowed values), so an answer accepted here
is one `newresource.create` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .newresource import Answers, check_url, choice_comment, load_catalogue, slugify, topics_of


def ask(
    data_dir: Path,
    prompt: Callable[[str], str] | None = None,
    say: Callable[[str], None] | None = None,
) -> Answers:
    """Ask for each known field in turn; a blank answer leaves an optional choice to fill later.

    Raises EOFError or KeyboardInterrupt when the contributor stops answering.
    """
    prompt = prompt or input  # looked up now, so tests can replace builtins.input
    say = say or print
    catalogue = load_catalogue(data_dir)
    resources = data_dir / "resources"
    say("A new resource. Press Enter to skip a choice and fill it in the file later.")

    def until_valid(question: str, check: Callable[[str], str | None], optional: bool) -> str:
        while True:
            answer = prompt(question).strip()
            if not answer and optional:
                return ""
            problem = "this is needed" if not answer else check(answer)
            if problem is None:
                return answer
            say(f"  {problem}")

    def title_problem(text: str) -> str | None:
        if not slugify(text):
            return "the title needs letters or digits"
        if (resources / f"{slugify(text)}.yml").exists():
            return f"{(resources / f'{slugify(text)}.yml').as_posix()} already exists"
        return None

    def choice(name: str) -> str | None:
        allowed = catalogue.allowed(name)
        text = until_valid(
            f"{name.capitalize()} ({', '.join(allowed)}): ",
            lambda a: None if a in allowed else f"{a!r} is not {choice_comment(allowed)}",
            optional=True,
        )
        return text or None

    title = until_valid("Title (the work's own title): ", title_problem, optional=False)
    url = until_valid(
        "URL (its canonical home, opened yourself): ",
        lambda a: check_url(a, resources),
        optional=False,
    )
    kind = choice("kind")

    def skills_problem(text: str) -> str | None:
        wanted = _split(text)
        unknown = [s for s in wanted if s not in catalogue.topics]
        return f"not a skill group: {', '.join(unknown)}" if unknown else None

    skills_text = until_valid(
        f"Skill groups, comma-separated, home group first ({', '.join(catalogue.topics)}): ",
        skills_problem,
        optional=True,
    )
    skills = _split(skills_text)
    topics = topics_of(catalogue, skills)
    topic = (
        until_valid(
            f"Topic ({', '.join(topics)}): ",
            lambda a: None if a in topics else f"{a!r} is not {choice_comment(topics)}",
            optional=True,
        )
        or None
    )
    cost = choice("cost")
    level = choice("level")
    return Answers(title, url, kind, skills, topic, cost, level)


def _split(text: str) -> list[str]:
    seen: list[str] = []
    for part in re.split(r"[,\s]+", text):
        if part and part not in seen:
            seen.append(part)
    return seen
