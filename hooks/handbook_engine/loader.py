"""Stage 1: read a YAML data file safely and keep the line of every value.

PyYAML's defaults are wrong for untrusted contributions: it keeps the last of two duplicate keys,
expands aliases without limit, recurses on deep nesting, and reads dates and `no` as non-strings.
This loader refuses all of that with a `path:line: message` problem instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .yaml_words import misread, plain_words, swallowed_item

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12

try:  # the C parser is several times faster; same results
    from yaml import CSafeLoader as _BaseLoader

    _LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _LIBYAML = False

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class MarkedDict(dict[Any, Any]):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 1
    key_lines: dict[Any, int]


class MarkedList(list[Any]):
    """A sequence that remembers its own line and the line of each item (1-based)."""

    line: int = 1
    item_lines: list[int]


class _Loader(_BaseLoader):
    """Safe loader: YAML 1.2 booleans only, no timestamps, line marks, no duplicate keys."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.source_lines = text.splitlines()  # for rules that read what the parser folded


# Dates stay strings (the schema checks their shape) and only true/false are booleans, so a tag
# `no` or a country code `NO` is not silently turned into False.
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _marked_mapping(
    node: yaml.MappingNode, build: Callable[[yaml.Node], Any], lines: list[str]
) -> MarkedDict:
    result = MarkedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = build(key_node)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise _LoadFailure(line, f"keys must be text, got {key!r}")
        if key in result:
            raise _LoadFailure(
                line, f"duplicate key '{key}' (first at line {result.key_lines[key]}); keep one"
            )
        if found := misread(value_node, lines):
            raise _LoadFailure(*found)
        result[key] = build(value_node)
        result.key_lines[key] = line
    return result


def _marked_sequence(
    node: yaml.SequenceNode, build: Callable[[yaml.Node], Any], lines: list[str]
) -> MarkedList:
    for child in node.value:
        if found := swallowed_item(child, lines) or misread(child, lines):
            raise _LoadFailure(*found)
    result = MarkedList(build(child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedDict:
    build = lambda child: loader.construct_object(child, deep=True)  # noqa: E731
    return _marked_mapping(node, build, loader.source_lines)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    build = lambda child: loader.construct_object(child, deep=True)  # noqa: E731
    return _marked_sequence(node, build, loader.source_lines)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _build(loader: _Loader, node: yaml.Node) -> Any:
    """What loader.construct_document(node) gives for a tree without anchors or tags, in a
    third of the time: text, mappings and lists are made here directly (most of a file), and
    only numbers, booleans and nulls go through PyYAML's constructors."""
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return node.value  # what PyYAML's str constructor returns
    if node.tag == _MAP and type(node) is yaml.MappingNode:
        return _marked_mapping(node, lambda child: _build(loader, child), loader.source_lines)
    if node.tag == _SEQ and type(node) is yaml.SequenceNode:
        return _marked_sequence(node, lambda child: _build(loader, child), loader.source_lines)
    return loader.construct_object(node, deep=True)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class _LoadFailure(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _check_events(text: str) -> None:
    """Refuse aliases, anchors, custom tags and deep nesting before anything is built (events
    come from the parser one at a time, so this pass neither recurses nor expands)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            raise _LoadFailure(line, f"alias '*{event.anchor}' is not allowed; write the value out")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _LoadFailure(line, f"anchor '&{anchor}' is not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS and tag != "!":
            raise _LoadFailure(line, f"tag '{tag}' is not allowed; use plain values")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _LoadFailure(line, f"nesting is deeper than {MAX_DEPTH} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _check_depth(root: yaml.Node) -> None:
    """Refuse nesting deeper than MAX_DEPTH in a composed tree (walked without recursion)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            continue
        if depth > MAX_DEPTH:
            raise _LoadFailure(
                node.start_mark.line + 1, f"nesting is deeper than {MAX_DEPTH} levels"
            )
        stack += [(child, depth + 1) for child in children]


def _parse(text: str) -> Any:
    # Anchors, aliases and tags need '&', '*' or '!'. A file without them (nearly every one) is
    # composed by libyaml, which itself stops at 1,000 levels, and its depth is checked on the
    # tree; anything else, and the pure-Python parser, go through the event pass first.
    loader = _Loader(text)
    if not _LIBYAML or any(mark in text for mark in "&*!"):
        _check_events(text)
        try:
            return loader.get_single_data()  # as yaml.load does; _Loader is a SafeLoader
        finally:
            loader.dispose()
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_depth(node)  # and so _build's recursion is at most MAX_DEPTH deep
        return _build(loader, node)
    finally:
        loader.dispose()


# Control characters can be written as YAML escapes ("\x01", "\e") even when the file has none;
# they have no place in text, break XML exports and hide things from reviewers.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _check_text(root: MarkedDict | MarkedList) -> None:
    """Refuse control characters in any key or value, naming the line they are on."""
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        pairs = (
            [(node.key_lines.get(k, node.line), k, v) for k, v in node.items()]
            if isinstance(node, MarkedDict)
            else list(zip(node.item_lines, [None] * len(node), node, strict=True))
        )
        for line, key, value in pairs:
            for text in (key, value):
                if isinstance(text, str) and (found := _CONTROL.search(text)):
                    raise _LoadFailure(
                        line, f"control character U+{ord(found.group()):04X} in text; remove it"
                    )
            if isinstance(value, (MarkedDict, MarkedList)):
                stack.append(value)


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#") and line.strip() != "---":
            return number
    return 1


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # the parser's columns start after it
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _LoadFailure(line, "the file is not valid UTF-8; save it as UTF-8") from None


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """Return (data, problems) for one file; data is None when the file cannot be read at all.

    `shown_as` is the path printed in problems (relative to the project root).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _LoadFailure(1, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        text = _decode(path.read_bytes())
        if "\x00" in text:
            raise _LoadFailure(text[: text.index("\x00")].count("\n") + 1, "NUL byte in file")
        data = _parse(text)
        if data is not None and not isinstance(data, (MarkedDict, MarkedList)):
            raise _LoadFailure(
                _first_content_line(text),
                "the file must be a mapping of fields, not a single value",
            )
        # a control character comes out of YAML only as itself or as a backslash escape
        if data is not None and ("\\" in text or _CONTROL.search(text)):
            _check_text(data)
    except _LoadFailure as failure:
        return None, [Problem(shown_as, failure.line, "", failure.message)]
    except yaml.MarkedYAMLError as error:
        line, message = plain_words(error, text)
        return None, [Problem(shown_as, line, "", message)]
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        return None, [Problem(shown_as, 1, "", f"YAML error: {error}")]
    except OSError as error:
        return None, [Problem(shown_as, 1, "", f"cannot read file: {error.strerror}")]
    if data is None:
        return None, [Problem(shown_as, 1, "", "file is empty")]
    return data, []


def line_of(data: Any, location: tuple[Any, ...] | list[Any]) -> int:
    """The line of the value at `location` (keys and indexes), or of its nearest parent."""
    line = getattr(data, "line", 1)
    node = data
    for step in location:
        if isinstance(node, MarkedDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, MarkedList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
