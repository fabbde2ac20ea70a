"""Stage 1: every kind of broken or hostile YAML becomes one `path:line: message` problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from handbook_engine import loader
from handbook_engine.loader import MAX_FILE_BYTES, line_of, load_yaml


def _load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "bad.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return load_yaml(path, "data/bad.yml")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            "title: a\nkind: book\ntitle: b\n",
            3,
            "duplicate key 'title' (first at line 1); keep one",
        ),
        ("base: &b {a: 1}\nother: *b\n", 1, "anchor '&b' is not allowed; write the value out"),
        (
            "x: !!python/object:os.system {}\n",
            1,
            "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; use plain values",
        ),
        ("x: !custom 3\n", 1, "tag '!custom' is not allowed; use plain values"),
        ("a: [[[[[[[[[[[[[1]]]]]]]]]]]]]\n", 1, "nesting is deeper than 12 levels"),
        ("a: 1\nb: \xff\n".encode("latin-1"), 2, "the file is not valid UTF-8; save it as UTF-8"),
        ("", 1, "file is empty"),
        ("# only a comment\n", 1, "file is empty"),
        (
            "title: [unclosed\nkind: book\n",
            1,
            "a [ or { opened on this line never closes: close it with ] or }, or write one "
            "`- item` per line below the field",
        ),
        ("]\n", 1, None),  # no plain words for it: the parser's own, marked as a syntax error
        ("1: a\n", 1, "keys must be text, got 1"),
    ],
    ids=[
        "duplicate-key",
        "anchor",
        "python-tag",
        "custom-tag",
        "deep",
        "not-utf8",
        "empty",
        "comment-only",
        "unclosed-list",
        "syntax",
        "non-text-key",
    ],
)
def test_bad_yaml_gives_one_problem_with_line(tmp_path, content, line, message):
    data, problems = _load(tmp_path, content)
    assert data is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line) == ("data/bad.yml", line)
    if message is None:
        assert problem.message.startswith("YAML syntax error")
    else:
        assert problem.message == message


# "# R&D" sends the file through PyYAML's own parser (a "&" may open an anchor), which marks a
# plain value's style differently from libyaml: both must find the swallowed item
@pytest.mark.parametrize("comment", ["", "# R&D\n"], ids=["libyaml", "pure-python"])
def test_a_list_item_indented_more_than_the_one_above_is_named(tmp_path, comment):
    content = f"{comment}tags:\n  - sauces\n   - stocks\n  - knives\n"
    data, [problem] = _load(tmp_path, content)
    assert data is None
    assert problem.line == 3 + bool(comment)
    assert problem.message == (
        f"this '- ' is indented more than the item on line {2 + bool(comment)}, so YAML reads "
        "the two as one value 'sauces - stocks'; indent every '- ' of the list alike"
    )


@pytest.mark.parametrize(
    "content",
    [
        "why:\n  - a long item\n    that runs on\n  - next\n",  # text carried over, no dash
        'authors:\n  - "Ada Cook\n   - Ben Baker"\n',  # quoted: the writer said it is one value
        "why: one value\n  - with a dash that continues it\n",  # not a list item: left as text
        "tags:\n  - a - b\n",  # a dash inside one line is the value's own
    ],
)
def test_values_that_run_on_over_lines_otherwise_are_kept(tmp_path, content):
    data, problems = _load(tmp_path, content)
    assert problems == []
    assert data


_QUOTE_EARLY = (
    "a quote mark inside the value ends it early: put a value holding ' in double quotes, one "
    "holding \" in single quotes (or write '' for each ' inside single quotes)"
)
_INDENT = (
    "this line is indented differently from the fields around it; line it up with the field "
    "above (YAML indents with spaces, two per level)"
)


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("kind: book\n  cost: paid\n", 2, _INDENT),
        # inside a list of entries every field after the first is indented deeper than the line
        # above it: a colon in its value is still a colon, not an indent
        (
            "terms:\n  - term: SLO\n    definition: Service level objective: a target\n",
            3,
            "a colon and a space inside a value: put the whole value in quotes, e.g. "
            'title: "Inspired: How to Create Tech Products"',
        ),
        ("# resource\ntitle: 'Lenny's Podcast'\nkind: book\n", 2, _QUOTE_EARLY),
        ('title: "The "Lean" Product Playbook"\nkind: book\n', 1, _QUOTE_EARLY),
        ("authors:\n  - 'Ada's Kitchen'\n", 2, _QUOTE_EARLY),
        (
            "title: x\nurl: [x](https://example.org/)\n",
            2,
            "a value starting with [ or { is read as a list or mapping: write the value bare "
            "(a URL as https://...), or put it all in quotes",
        ),
        # what `handbook new` writes, with a name added below and the [] left in place
        (
            "title: x\nauthors: []  # Write each as a line '  - Name'\n  - Ada Cook\nkind: book\n",
            2,
            "this field has the value '[]' on its own line and a list below it: remove the value "
            "after the colon so the items are its list",
        ),
        ("tags:\n  - a\n\t- b\n", 3, "a tab; YAML indents with spaces"),
        ("title: x\n\tcost: paid\n", 2, "a tab; YAML indents with spaces"),
        ("why: >-\n  line one\n\tline two\n", 3, "a tab; YAML indents with spaces"),
        (
            "authors: - Ada Cook\n",
            1,
            "a list cannot start on its field's line: put each `- item` on a line of its own "
            "below the field, indented by two spaces",
        ),
        # the dashes left out: YAML stops at the second quoted value
        (
            'title: x\nauthors:\n  "Ada Cook"\n  "Bo Baker"\nkind: book\n',
            3,
            "a list's items each start with '- ': write `  - \"Ada Cook\"`, and the same on "
            "each item's line below it",
        ),
        (
            "title: x\nauthors:\n  # the cooks\n  'Ada Cook'\n\n  'Bo Baker'\n",
            4,
            "a list's items each start with '- ': write `  - 'Ada Cook'`, and the same on "
            "each item's line below it",
        ),
    ],
    ids=[
        "indent",
        "colon-in-entry",
        "single-quote",
        "double-quote",
        "quote-in-item",
        "markdown-link",
        "list-under-value",
        "tab-item",
        "tab-key",
        "tab-block",
        "list-on-field-line",
        "items-without-dashes",
        "items-without-dashes-and-a-comment",
    ],
)
def test_syntax_mistakes_are_named_as_what_the_writer_did(tmp_path, content, line, message):
    data, [problem] = _load(tmp_path, content)
    assert data is None
    assert (problem.line, problem.message) == (line, message)


@pytest.mark.parametrize(
    ("content", "line", "kept"),
    [
        ("title: Lean Playbook #1 Bestseller\n", 1, "'Lean Playbook'"),
        ("tags:\n  - sauces #stocks\n", 2, "'sauces'"),
        ("why: Read chapters one,\n  two and #3 first.\n", 2, "'Read chapters one, two and'"),
        ("\ufefftitle: Lean Playbook #1\n", 1, "'Lean Playbook'"),  # after a byte-order mark
    ],
)
def test_a_value_cut_short_by_a_hash_is_named(tmp_path, content, line, kept):
    data, [problem] = _load(tmp_path, content)
    assert data is None
    assert problem.line == line
    assert problem.message.endswith(
        f"as a comment, so the value stops at {kept}: put the whole value in quotes to keep it"
    )


@pytest.mark.parametrize(
    ("content", "value"),
    [
        ("kind: book  # book, course or talk\n", "book"),  # a comment as handbook new writes
        ("title: C# in Depth\n", "C# in Depth"),  # no space before the #: part of the value
        ("title: 'Sauces #1'\n", "Sauces #1"),
        ("title: >-\n  Sauces #1\n", "Sauces #1"),  # a block keeps every #
    ],
)
def test_comments_and_hashes_yaml_keeps_are_left_alone(tmp_path, content, value):
    data, problems = _load(tmp_path, content)
    assert problems == []
    assert data["title" if "title" in content else "kind"] == value


@pytest.mark.parametrize(
    ("content", "line", "shown"),
    [
        ("title: \u201cThe Sauce Book\u201d\n", 1, "'\u201cThe Sauce Book\u201d'"),
        ("authors:\n  - \u2018Ada Cook\u2019\n", 2, "'\u2018Ada Cook\u2019'"),
        ("added: \u20182026-11-26\u2019\n", 1, "'\u20182026-11-26\u2019'"),
    ],
    ids=["title", "author", "date"],
)
def test_a_value_in_curly_quotes_is_named(tmp_path, content, line, shown):
    # a word processor's quotes are text to YAML: the card would show them, a date would fail
    data, [problem] = _load(tmp_path, content)
    assert data is None
    assert (problem.line, problem.message) == (
        line,
        f"{shown} is wrapped in curly quotes, which YAML keeps as part of the value: remove them, "
        'or put the whole value in straight quotes ("...") if they belong to it',
    )


def test_curly_quotes_inside_a_value_or_inside_straight_quotes_stay(tmp_path):
    content = 'title: "\u201cYes, and\u201d"\nwhy: The \u201cyes, and\u201d habit, explained.\n'
    data, problems = _load(tmp_path, content)
    assert problems == []
    assert data["title"] == "\u201cYes, and\u201d"


def test_alias_without_anchor_event_is_refused(tmp_path):
    # a billion-laughs document fails on its first anchor, before anything is expanded
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    data, problems = _load(tmp_path, laughs)
    assert data is None and problems[0].line == 1


def test_oversized_file_is_refused_before_parsing(tmp_path):
    data, problems = _load(tmp_path, "a: " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    assert data is None
    assert (
        problems[0].message == f"file is {MAX_FILE_BYTES + 14} bytes; the limit is {MAX_FILE_BYTES}"
    )


def test_dates_and_norway_stay_text_and_lines_are_kept(tmp_path):
    data, problems = _load(tmp_path, "# c\nadded: 2026-11-26\ntags:\n  - no\n  - yes\nok: true\n")
    assert problems == []
    assert data == {"added": "2026-11-26", "tags": ["no", "yes"], "ok": True}
    assert line_of(data, ("added",)) == 2
    assert line_of(data, ("tags", 1)) == 5
    assert line_of(data, ("missing", 3)) == 2  # unknown: the line where the mapping starts


def test_control_character_is_a_problem_not_a_traceback(tmp_path):
    data, problems = _load(tmp_path, "a: b\x07c\n")
    assert data is None and problems[0].message.startswith("YAML error")


@pytest.mark.parametrize(
    "text",
    [
        "title: x\nyear: 2020\nscore: 1.5\nnone: ~\nflag: true\nno: no\nday: 2026-01-02\n",
        "list:\n  - a\n  - 1\n  - [b, {c: d}]\n  - {}\n  - []\nhex: 0x1F\nbig: 1_000\ninf: .inf\n",
        "1: integer key\n",
        "? [a, b]\n: complex key\n",
        "<<: merged\n",
        "a: b\na: c\n",
        "- x\n- y: z\n  w: v\n",
        "text: 'quoted: value'\nmore: \"double \\t escaped\"\nblock: |\n  line one\n  line two\n",
    ],
)
def test_the_quick_builder_gives_what_pyyaml_constructs(text):
    # _build makes text, mappings and lists itself; it must give what PyYAML would, line marks
    # and refusals included
    def built(make):
        reader = loader._Loader(text)
        try:
            node = reader.get_single_node()
            return "value", make(reader, node)
        except (loader._LoadFailure, yaml.YAMLError) as error:
            return "error", f"{type(error).__name__}: {error}"
        finally:
            reader.dispose()

    def marks(value):
        if isinstance(value, loader.MarkedDict):
            return (value.line, value.key_lines, {k: marks(v) for k, v in value.items()})
        if isinstance(value, loader.MarkedList):
            return (value.line, value.item_lines, [marks(v) for v in value])
        return (type(value), value)

    kind, quick = built(loader._build)
    expected_kind, expected = built(lambda reader, node: reader.construct_document(node))
    assert kind == expected_kind
    if kind == "value":
        assert marks(quick) == marks(expected)
    else:
        assert quick == expected
