"""Escaping is the template environment's default: a value written without a filter is inert
Markdown text, and the few raw values are named."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from handbook_engine.escape import attr, md_text
from handbook_engine.templating import TEMPLATES, _environment
from pages import live_markup
from trees import hostile_strings

HOSTILE = hostile_strings()


def _render(source: str, **context: object) -> str:
    return str(_environment().from_string(source).render(**context))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_written_without_a_filter_is_inert_text(value):
    written = _render("{{ value }}", value=value)
    assert written == md_text(value)
    page = markdown.markdown(f"<p markdown>{written}</p>", extensions=["md_in_html", "attr_list"])
    assert live_markup(page) == []  # no element, attribute or link from the value
    assert html.unescape(re.sub(r"</?p>", "", page)) == " ".join(value.split())


def test_numbers_and_ids_are_written_as_they_are():
    assert _render("{{ n }} {{ i }}", n=3, i="sauce-book-2") == "3 sauce-book-2"


def test_filtered_values_are_escaped_once_for_where_they_go():
    authors = ["Tom & Jerry", "<b>A</b>"]
    # `join` under autoescape gives Markup; the filters start again from the text itself
    assert _render("{{ a|join(', ')|md }}", a=authors) == md_text("Tom & Jerry, <b>A</b>")
    assert _render("{{ a|join(' ')|attr }}", a=authors) == attr("Tom & Jerry <b>A</b>")
    assert _render('{{ "x y"|attr }}') == "x y"


def test_macro_output_is_not_escaped_again():
    source = "{% macro card(t) %}<li>{{ t|md }}</li>{% endmacro %}{{ card('*a*') }}"
    assert _render(source) == f"<li>{md_text('*a*')}</li>"


def test_inline_code_is_used_for_plain_names_only():
    assert _render("{{ f|code }}", f="skills[].topics[].id") == "`skills[].topics[].id`"
    assert _render("{{ f|code }}", f="a`b <img>") == md_text("a`b <img>")


def test_raw_values_are_few_and_named():
    # every unescaped value in a template is listed here, with why it is safe
    allowed = {("roadmap.md.j2", "diagram|raw")}  # SVG built and escaped by roadmap.py
    found = {
        (path.name, expression.strip())
        for path in sorted(TEMPLATES.glob("*.j2"))
        for expression in re.findall(r"{{([^}]*\|\s*raw\b[^}]*)}}", path.read_text("utf-8"))
    }
    assert found == allowed
