"""The policy's scan of a built page (csp.py) reads tags as it always did, only faster: the same
inline scripts to hash and the same refusals, for every hostile string and for random markup."""

from __future__ import annotations

import html
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from handbook_engine import csp
from trees import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "hostile-strings.txt"
# what makes a string one the policy must refuse when it reaches a page as markup
_RUNS = re.compile(r"<script|<[a-z][^>]*[\s/\"']on[a-z]+\s*=", re.I)


def _reference_scan(page: str) -> tuple[list[str], list[str]]:
    """The scan as it was before it was made faster: one search per tag."""
    inline: list[str] = []
    refused: list[str] = []
    pos = 0
    while (tag := csp._START_TAG.search(page, pos)) is not None:
        pos = tag.end()
        name = tag.group(1).lower()
        if name not in ("meta", "script", "iframe") and not csp._MAYBE_HANDLER.search(tag.group(2)):
            continue
        attrs = csp._attributes(tag.group(2))
        refused += [
            f"an event-handler attribute <{name} {key}={value!r}>"
            for key, value in attrs.items()
            if key.startswith("on")
        ]
        if name == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = csp.refresh_target(attrs.get("content", ""))
            if csp._off_site(target):
                refused.append(f"a refresh to another address <meta content={target!r}>")
        if name == "iframe" and "srcdoc" in attrs:
            shown = " ".join(attrs["srcdoc"].split())[:80]
            refused.append(f"an iframe with a document of its own <iframe srcdoc={shown!r}>")
        if name != "script":
            continue
        end = csp._SCRIPT_END.search(page, pos)
        body = page[pos : end.start() if end else len(page)]
        pos = end.end() if end else len(page)
        kind = attrs.get("type", "").strip().lower()
        if "src" in attrs:
            if csp._off_site(attrs["src"]):
                refused.append(f"a script from another address <script src={attrs['src']!r}>")
        elif kind in csp._JS_TYPES:
            inline.append(body)
        elif kind not in csp._DATA_TYPES:
            refused.append(f"a script of unknown type <script type={kind!r}>")
    return inline, refused


def _hostile() -> list[str]:
    strings = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            strings.append(
                line[4:].encode("ascii").decode("unicode_escape")
                if line.startswith("esc:")
                else line
            )
    return strings


def _page(body: str) -> str:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><script>var known=1</script></head>'
        f'<body><div class="md-content" data-md-component="content">{body}</div>'
        '<script src="assets/javascripts/bundle.js"></script></body></html>'
    )


@pytest.mark.parametrize("hostile", _hostile())
def test_every_hostile_string_is_read_as_before(hostile):
    page = _page(hostile)
    assert csp._scan(page)[:2] == _reference_scan(page)
    # As markup in a page, a string that would run anything is refused. A srcdoc frame is the
    # exception the scan leaves to the browser: the frame inherits the page's policy, which
    # hashes no script of its (tests/browser/test_hostile_pages.py looks for it in the page).
    if _RUNS.search(hostile):
        refused = csp.inspect(page, [re.compile("var known=1")]).refused
        assert refused, hostile


def test_random_markup_is_read_as_before():
    rng = random.Random(3)  # noqa: S311 - a fixed seed: the same values every run
    pieces = [
        "<script>",
        "</script>",
        "</SCRIPT >",
        "<SCRIPT type=module>",
        '<script type="application/ld+json">',
        "<script type=text/plain>",
        "<ScRiPt src=//evil.example/x.js>",
        "<meta http-equiv=refresh content='0;url=//evil.example'>",
        "<meta",
        "<img src=x onerror=alert(1)>",
        "<a/onclick=1>",
        "<div title=\"a>b\" onmouseover='x'>",
        '<a href="/on">',
        '<iframe srcdoc="<script>">',
        "<!-- <script> -->",
        "<b onx>",
        " on",
        "ON",
        "\t/oN",
        "<",
        ">",
        '"',
        "'",
        "=",
        "/",
        " ",
        "x",
        "\n",
    ]
    for _ in range(20000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert csp._scan(page)[:2] == _reference_scan(page), page


def test_theme_templates_are_found_as_rglob_finds_them_but_in_hidden_folders(tmp_path):
    root = tmp_path / "theme"
    for name in (
        "main.html",
        "partials/a.html",
        "partials/deep/b.html",
        ".icons/x.svg",
        ".hidden/c.html",
        "notes.txt",
        "page.html.bak",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("<p></p>", encoding="utf-8")
    (root / "folder.html").mkdir()
    found = [p for p in Path(root).rglob("*.html") if p.is_file() and ".hidden" not in p.parts]
    assert csp._html_files(root) == sorted(found)


def test_a_script_of_a_template_in_a_hidden_folder_is_not_trusted(tmp_path):
    root = tmp_path / "theme"
    for name, script in (("main.html", "shown()"), (".icons/icon.html", "hidden()")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"<script>{script}</script>", encoding="utf-8")
    known = csp.known_scripts([root])
    page = '<html><head><meta charset="utf-8"></head><body><script>{}</script></body></html>'
    assert csp.inspect(page.format("shown()"), known)[1] == []
    assert csp.inspect(page.format("hidden()"), known)[1] != []


def test_the_quick_handler_test_misses_nothing_the_expression_finds():
    # `_maybe_handler` looks for "on" in four spellings before the case-blind expression: no
    # other character of any script matches "o" or "n" when case is ignored
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert re.findall("(?i)[on]", every) == ["N", "O", "n", "o"]
    for text in (" on", "/ON", "\tOn=1", " oN", "x on", "a/onload", "none", ""):
        assert csp._maybe_handler(text) == bool(csp._MAYBE_HANDLER.search(text)), text


# --- writing the policy: first in the head, and nothing else changed ---------------------------


class _Tags(HTMLParser):
    """The start tags of a page as a browser's tokenizer reads them: (name, attributes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _policy_tag(hashes: list[str]) -> tuple[str, dict[str, str | None]]:
    return ("meta", {"http-equiv": "Content-Security-Policy", "content": csp.policy(hashes)})


def test_the_policy_comes_right_after_the_charset_and_nothing_else_changes():
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><script>var known=1</script>'
        '<link rel="stylesheet" href="a.css"></head><body><p>text</p>'
        '<script src="../assets/bundle.js" defer></script><script src="../js/own.js"></script>'
        '<script type="application/ld+json">{}</script></body></html>'
    )
    found = csp.inspect(page, [re.compile("var known=1")])
    assert found.refused == [] and len(found.hashes) == 1
    written = csp.with_policy(page, found.hashes)
    before, after = _tags(page), _tags(written)
    assert after[2:4] == [("meta", {"charset": "utf-8"}), _policy_tag(found.hashes)]
    assert after[:3] + after[4:] == before
    assert "preload" not in written  # scripts are fetched as written


def test_a_page_without_a_charset_is_refused_rather_than_given_a_late_policy():
    with pytest.raises(ValueError, match="no <meta charset>"):
        csp.with_policy("<html><head></head><body><script>x</script></body></html>", [])


@pytest.mark.parametrize("hostile", _hostile())
def test_a_hostile_script_address_is_refused_or_left_as_it_was(hostile):
    page = _page(f'<script src="{html.escape(hostile, quote=True)}"></script>')
    found = csp.inspect(page, [re.compile("var known=1")])
    before, after = _tags(page), _tags(csp.with_policy(page, found.hashes))
    # the policy is the one element added; the address is not copied anywhere else
    assert after[:3] + after[4:] == before and after[3] == _policy_tag(found.hashes)
    if csp._off_site(hostile):
        assert any("another address" in r for r in found.refused), hostile


@pytest.mark.parametrize(
    ("content", "target"),
    [
        ("0;url=https://evil.example/", "https://evil.example/"),
        ("1;https://evil.example/phish", "https://evil.example/phish"),
        ("1, https://evil.example/", "https://evil.example/"),
        (" 0 ; URL = 'https://evil.example/?a=b' ", "https://evil.example/?a=b"),
        ('0;url="//evil.example/x"', "//evil.example/x"),
        ("5", ""),
        ("0; url=../guides/", "../guides/"),
    ],
)
def test_a_refresh_goes_where_a_browser_sends_it(content, target):
    assert csp.refresh_target(content) == target
    page = _page(f'<meta http-equiv="refresh" content="{html.escape(content)}">')
    refused = csp.inspect(page, [re.compile("var known=1")]).refused
    assert bool(refused) == csp._off_site(target), (content, refused)
