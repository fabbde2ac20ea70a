"""The learning path as a roadmap: one inline SVG per stage, laid out here, in an ordered list.

Pure functions, no I/O, the same string for the same handbook. Each stage is a box spanning the
width with its concepts, resources and (last stage) practice stacked below it, indented, joined
by one spine path. Every box is an SVG link with a class and data attributes only: the browser
colours them by the reader's progress, CSS sizes the text. SVG text does not wrap, so `wrap`
breaks it into lines here, by a budget of characters. Every contributed string is escaped with
`escape.attr`, in attributes and text alike.

The DOM order is the reading and tab order: the stage box, its concepts, its resources, then in
the last stage the capstones and the question bank.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .escape import attr
from .ids import resource_anchor
from .model import Handbook

WIDTH = 320  # user units of every stage's viewBox; CSS scales it
MARGIN = 1  # room for half a stroke at the edges
INDENT = 24  # where the children's boxes start
SPINE_X = 12  # the spine runs down here and branches right to each child
GAP = 8  # between boxes
INSET = 10  # text from a box's left edge
RADIUS = 6
ELLIPSIS = "…"
STRIPE = 5  # the skill group's colour, a bar at the box's left edge
GROUP_COLOURS = 12  # roadmap.css has one per skill group skills.schema.json allows


def group_slot(handbook: Handbook, skill_id: str) -> int:
    """The colour slot (from 1) of a skill group: its place in skills.yml, around the palette."""
    order = [s.id for s in handbook.skills]
    return order.index(skill_id) % GROUP_COLOURS + 1 if skill_id in order else 0


def group_legend(handbook: Handbook) -> list[tuple[int, str]]:
    """(colour slot, group title) for the legend, in skills.yml's order."""
    return [(group_slot(handbook, s.id), s.title) for s in handbook.skills]


@dataclass(frozen=True)
class TextBox:
    """How a kind of box sets its text: the font size the CSS gives it (user units), the line
    height, the padding above and below, characters per line and the most lines shown."""

    size: int
    line: int
    pad: int
    budget: int
    lines: int


# All text is 13px (handbook.css sets it); the stage's is bold, so fewer characters fit a line.
STAGE_TEXT = TextBox(size=13, line=18, pad=9, budget=32, lines=3)
CHILD_TEXT = TextBox(size=13, line=18, pad=8, budget=34, lines=3)


@dataclass(frozen=True)
class Node:
    """One box: its kind (the class hb-node--KIND), link, label (also its visible text) and data
    attributes, in the order they are written."""

    kind: str
    href: str
    label: str
    data: tuple[tuple[str, str], ...] = ()
    group: int = 0  # the colour of its skill group (GROUP_COLOURS slots from 1), or 0 for none


@dataclass(frozen=True)
class StageMap:
    id: str
    number: int  # from 1
    node: Node
    children: tuple[Node, ...]


# --- text ---------------------------------------------------------------------------------------


def char_width(char: str) -> int:
    """How many budget characters `char` takes: wide (CJK, most emoji) 2, marks and invisible
    format characters 0 (they ride on the character before them), everything else 1."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    # every ASCII character, controls included, is one wide: most labels skip the lookups
    return len(text) if text.isascii() else sum(map(char_width, text))


def _head(word: str, budget: int) -> tuple[str, str]:
    """The longest start of `word` within `budget`, and the rest (at least one character goes)."""
    if word.isascii():  # one character, one place
        return word[: max(budget, 1)], word[max(budget, 1) :]
    used = 0
    for i, char in enumerate(word):
        used += char_width(char)
        if used > budget:
            return (word[:i], word[i:]) if i else (word[:1], word[1:])
    return word, ""


def wrap(text: str, budget: int, most: int) -> list[str]:
    """`text` folded into lines of at most `budget` characters, broken between words (inside a
    word only when it is longer than a line); past `most` lines the last one shown ends in "…"."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while word:
            if not line:
                line, word = _head(word, budget)
                if word:  # a word longer than a line fills it
                    lines.append(line)
                    line = ""
            elif text_width(line) + 1 + text_width(word) <= budget:
                line, word = f"{line} {word}", ""
            else:
                lines.append(line)
                line = ""
    if line:
        lines.append(line)
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while text_width(last) + 1 > budget:
        last = last.rsplit(" ", 1)[0] if " " in last else _head(last, budget - 1)[0]
    return [*lines[: most - 1], last + ELLIPSIS]


# --- the handbook as nodes ----------------------------------------------------------------------


def stage_maps(
    handbook: Handbook,
    link: Callable[[str, str], str],
    card_page: Callable[[str], str],
    questions_page: str | None = None,
) -> list[StageMap]:
    """Every stage with its children, in path order. `link(page, anchor)` is the URL of a docs
    page (and anchor, if not empty) from the roadmap page; `card_page(resource id)` is the docs
    page that holds the resource's card; `questions_page` shows the question bank, if one does."""
    maps = []
    kinds = handbook.vocabulary.get("kind", {})
    for number, stage in enumerate(handbook.stages, 1):
        label = f"{number}. {stage.title}"
        node = Node(
            "stage",
            link("path.md", stage.id),
            label,
            (("stage", stage.id), ("skills", " ".join(stage.skills))),
        )
        children = []
        for cid in stage.concepts:
            skill, concept = handbook.concept_home(cid)
            children.append(
                Node(
                    "concept",
                    link(f"skills/{skill.id}.md", cid),
                    f"Concept: {concept.term}",
                    (("concept", cid),),
                    group_slot(handbook, skill.id),
                )
            )
        for rid in stage.resources:
            resource = handbook.resource(rid)
            children.append(
                Node(
                    "resource",
                    link(card_page(rid), resource_anchor(rid)),
                    f"{resource.title} ({kinds.get(resource.kind, resource.kind)})",
                    (("resource", rid),),
                    group_slot(handbook, resource.skills[0]),
                )
            )
        if number == len(handbook.stages):
            children += [
                Node(
                    "capstone",
                    link("practice.md", f"capstone-{c.id}"),
                    f"Capstone: {c.title}",
                    (("capstone", c.id), ("items", " ".join(item.id for item in c.rubric))),
                    group_slot(handbook, c.skill),
                )
                for c in handbook.capstones
            ]
            if questions_page is not None:
                children.append(Node("questions", link(questions_page, ""), "Interview questions"))
        maps.append(StageMap(stage.id, number, node, tuple(children)))
    return maps


# --- SVG ----------------------------------------------------------------------------------------


def _text(lines: list[str], x: int, y: int, box: TextBox) -> str:
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else box.line}">{attr(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y + box.pad + box.size}">{spans}</text>'


def box_height(lines: int, box: TextBox) -> int:
    return 2 * box.pad + max(1, lines) * box.line


def _node(node: Node, x: int, y: int, box: TextBox, title_id: str | None = None) -> tuple[str, int]:
    """One box as an SVG link, and its height."""
    lines = wrap(node.label, box.budget, box.lines)
    height = box_height(len(lines), box)
    data = "".join(f' data-{name}="{attr(value)}"' for name, value in node.data)
    if node.group:
        data += f' data-group="{node.group}"'
    stripe = (
        f'<rect class="hb-node__group" x="{x}" y="{y}" width="{STRIPE}" height="{height}"/>'
        if node.group
        else ""
    )
    label = attr(node.label)
    title = f'<title id="{attr(title_id)}">{label}</title>' if title_id else ""
    # xlink:href, not href: Material's instant navigation rewrites every [href] of a page as
    # `el.href = el.href`, which throws on an SVG link (its href is read-only there)
    markup = (
        f'<a class="hb-node hb-node--{node.kind}" xlink:href="{attr(node.href)}"{data}'
        f' data-label="{label}" aria-label="{label}">{title}'
        f'<rect x="{x}" y="{y}" width="{WIDTH - MARGIN - x}" height="{height}" rx="{RADIUS}"/>'
        f"{stripe}{_text(lines, x + INSET, y, box)}</a>"
    )
    return markup, height


def stage_svg(stage: StageMap) -> str:
    """The stage's list item: one SVG, no blank line (a raw HTML block of Markdown ends there)."""
    anchor = f"roadmap-{stage.id}"
    head, top = _node(stage.node, MARGIN, MARGIN, STAGE_TEXT, f"{anchor}--title")
    bottom = MARGIN + top  # of the lowest box so far
    items, middles = [], []
    for child in stage.children:
        y = bottom + GAP
        markup, height = _node(child, INDENT, y, CHILD_TEXT)
        items.append(f'<g role="listitem">{markup}</g>')
        middles.append(y + height // 2)
        bottom = y + height
    body = [head]
    if items:
        spine = f"M{SPINE_X} {MARGIN + top}V{middles[-1]}" + "".join(
            f"M{SPINE_X} {m}H{INDENT}" for m in middles
        )
        body.append(f'<path class="hb-roadmap__spine" d="{spine}"/>')
        group = attr(f"Concepts and resources of stage {stage.number}")
        body.append(f'<g role="list" aria-label="{group}">\n' + "\n".join(items) + "\n</g>")
    height = bottom + MARGIN
    return "\n".join(
        [
            f'<li class="hb-roadmap__stage" id="{attr(anchor)}">',
            f'<svg class="hb-roadmap__svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}"'
            f' height="{height}" role="group" aria-labelledby="{attr(anchor)}--title"'
            ' xmlns="http://www.w3.org/2000/svg">',
            *body,
            "</svg>",
            "</li>",
        ]
    )


def roadmap_html(stages: Sequence[StageMap]) -> str:
    """The whole diagram: a raw HTML block for Markdown (no blank line inside it)."""
    return "\n".join(
        [
            '<div class="hb-roadmap">',
            '<ol class="hb-roadmap__stages">',
            *map(stage_svg, stages),
            "</ol>",
            "</div>",
        ]
    )


def skill_competencies(handbook: Handbook) -> dict[str, list[str]]:
    """Each group's competency ids: the browser reads the reader's ratings of them to tell which
    groups are strong, and which stages the reader may skip."""
    return {s.id: [c.id for c in s.competencies] for s in handbook.skills}
