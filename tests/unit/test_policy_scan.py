"""The policy's scan of a built page (csp.py, reading tags with html_tokens.py) reads markup as
a browser's tokenizer does: every event handler and inline script a browser would find is found,
and text that only looks like markup (in a comment, a script, a style, a quoted value) is none.
tests/browser/test_policy_scan_vs_chromium.py holds the scan to Chromium's own reading."""

from __future__ import annotations

import html
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from handbook_engine import csp, html_tokens
from trees import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "hostile-strings.txt"
# what makes a string one the policy must refuse when it reaches a page as markup
_RUNS = re.compile(r"<script|<[a-z][^>]*[\s/\"']on[a-z]+\s*=", re.I)
_KNOWN = [re.compile("var known=1")]


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
def test_a_hostile_string_that_would_run_is_refused_as_markup(hostile):
    # A srcdoc frame is the exception the scan leaves to the browser: the frame inherits the
    # page's policy, which hashes no script of its (tests/browser/test_hostile_pages.py).
    if _RUNS.search(hostile):
        assert csp.inspect(_page(hostile), _KNOWN).refused, hostile


# Each: markup, then what a browser runs from it (the HTML standard's tokenizer; Chromium agrees,
# see the browser test): the handlers refused, or the inline scripts found.
HANDLER = "handler"
CASES = [
    # attributes: quotes, "`", "<" and "=" belong to an unquoted value; none needed after quotes
    ('<img src=x" onerror=alert(1)>', HANDLER),
    ("<a x=y`z onclick=alert(2)>two</a>", HANDLER),
    ("<img src='x'onerror=alert(3)>", HANDLER),
    ('<img src="x"onerror=alert(3)>', HANDLER),
    ("<a b=c=d<e onclick=1>", HANDLER),
    ("<a/onclick=1>", HANDLER),
    ("<a ONCLICK=1>", HANDLER),
    ('<div a="<" onclick=1>', HANDLER),
    ('<div title="<img onerror=1>">', None),
    ("<a b ='x>' onclick=1>", HANDLER),
    ('<a ="x>" onclick=1>', None),  # "=" starts a name: the tag ends at the first ">"
    ("<p>on=1 onclick=2</p>", None),
    # a script ends at "</script" and a space, "/" or ">", and its end tag has attributes too
    ('<script type="application/json">{}</script foo><img src=x onerror=alert(4)>', HANDLER),
    ('<script type="application/json">{}</script/><img src=x onerror=alert(5)>', HANDLER),
    ('<script type="application/json">{}</SCRIPT\t><img src=x onerror=alert(6)>', HANDLER),
    ('<script type="application/json">{}</scriptx><img src=x onerror=1></script>', None),
    ("<script>a()</script a='>'><img src=x onerror=1>'>", HANDLER),
    # script data's escape states: "<!--" then "<script" makes one "</script" not the end
    ("<script><!--<script></script><b c='</script><img src=x onerror=alert(7)>'>", HANDLER),
    ("<script><!--<script>a()</script>b()--></script>", ["<!--<script>a()</script>b()-->"]),
    ("<script><!-- a() --></script><script>b()</script>", ["<!-- a() -->", "b()"]),
    ("<script><!--></script><img src=x onerror=1>", HANDLER),
    # end tags, comments and bogus comments are read whole: no quote of theirs hides a tag
    ("</a x=\"<b c='\" ><img src=x onerror=alert(8)>'>", HANDLER),
    ("<!-- <b c=' --><img src=x onerror=alert(9)>'>", HANDLER),
    ("<!--> <img src=x onerror=1> -->", HANDLER),
    ("<!---> <img src=x onerror=1> -->", HANDLER),
    ("<!--!> <img src=x onerror=1> -->", None),
    ("<!-- x --!> <img src=x onerror=1>", HANDLER),
    ("<!-- <img src=x onerror=1> -->", None),
    ("<? <b c='?><img src=x onerror=1>'>", HANDLER),
    ("<!x <b c='><img src=x onerror=1>'>", HANDLER),
    ("</ <b c='><img src=x onerror=1>'>", HANDLER),
    ("</><img src=x onerror=1>", HANDLER),
    # elements whose content is text
    ("<style><b c='</style><img src=x onerror=alert(10)>'>", HANDLER),
    ("<textarea><b c='</textarea ><img src=x onerror=1>'>", HANDLER),
    ("<title><img src=x onerror=1></title>", None),
    ("<xmp><script>x()</script></xmp>", None),
    ("<noscript>Turn scripts on</noscript><img src=x onerror=1>", HANDLER),
    ("<iframe><img src=x onerror=1></iframe>", None),
    ("<plaintext></plaintext><img src=x onerror=1>", None),
    ("<style><img src=x onerror=1>", None),  # never closed: the rest of the page is its text
    # the tokenizer lowers ASCII letters alone: "ſ" (long s) and "ı" end no element
    ("<style></ſtyle><b c='</style><img src=x onerror=1>'>", HANDLER),
    ("<script>x</scrıpt><b c='</script><img src=x onerror=1>'>", HANDLER),
    ("<script><!--<ſcript></script><img src=x onerror=1>", HANDLER),
    ("<img src=x onerror=1", HANDLER),  # closed by the page's next ">": onerror="1</div"
    ('<img title="x onerror=1>', None),
]
_UNSURE = [
    "<svg><style><img src=x onerror=1></style></svg>",  # SVG's style holds markup
    "<math><style><img src=x onerror=1></style></math>",
    "<svg><![CDATA[ <img src=x onerror=1> ]]></svg>",
    "<select><style></select><img src=x onerror=alert(1)></style>",
    "<svg><foreignObject><p></svg></p></foreignObject><style><img src=x onerror=1></style>",
    # an integration point's end tag is ignored while an HTML element in it is open
    "<svg><foreignObject><b></foreignObject></svg></b></foreignObject><style><i c=1></style>",
    "<math><mi><b></mi></math></b></mi><xmp><i c=1></xmp>",
    # in a select, a template's "</select>" is ignored by some parsers, by others not
    "<select><template></select></template><style></select><i c=1></style>",
    "<frameset><style><img src=x onerror=1></style>",
    "<svg><script>alert&#40;1)</script></svg>",  # as markup: it runs alert(1)
    '<svg><script href="//evil.example/x.js"></script></svg>',
    "<noscript><meta http-equiv=refresh content='0;url=//evil.example/'></noscript>",  # scripts off
]


@pytest.mark.parametrize(("markup", "runs"), CASES)
def test_the_scan_finds_what_a_browser_runs(markup, runs):
    found = csp._scan(_page(markup))
    handlers = [r for r in found.refused if r.startswith("an event-handler attribute")]
    if runs == HANDLER:
        assert handlers, found
    else:
        assert found.refused == [], found
        assert found.inline == ["var known=1", *(runs or [])]


@pytest.mark.parametrize("markup", _UNSURE)
def test_markup_read_differently_in_svg_a_select_or_a_frameset_is_refused(markup):
    found = csp._scan(_page(markup))
    assert any("browsers read in more than one way" in r for r in found.refused), found


def test_html_closed_inside_an_integration_point_leaves_svg_as_a_browser_does():
    page = _page(
        "<svg><foreignObject><div><img src=a.png><br/><p>x</p></div></foreignObject></svg>"
        "<script>b()</script>"
    )
    assert csp._scan(page) == (["var known=1", "b()"], [])


def test_text_elements_in_svg_without_markup_in_them_are_read_as_they_are():
    page = _page("<svg><title>A road</title><desc>Stages</desc></svg><script>b()</script>")
    assert csp._scan(page) == (["var known=1", "b()"], [])


def test_ids_come_from_tags_alone():
    page = _page(
        '<h2 id="a">A</h2><!-- <p id="b"> --><script>"<p id=c>"</script>'
        '<p title="<p id=d>" id="e"><style><i id="f"></style><code>&lt;p id="g"&gt;</code>'
    )
    assert html_tokens.element_ids(page) == {"a", "e"}


_HOSTILE_PAGES = {
    "unclosed tags": "<a " * 100_000,
    "unclosed quotes": '<a b="' * 50_000,
    "names": "<a " + "b " * 150_000 + ">",
    "equals": "<a " + "=" * 300_000,
    "comments": "<!--" * 75_000,
    "script escapes": "<script>" + "<!--<script>" * 25_000,
    "svg": "<svg>" * 60_000,
    "end tags": "</a b=' " * 40_000,
    "less-than": "<" * 300_000,
    "on": "<a on" * 60_000,
}


@pytest.mark.parametrize("name", _HOSTILE_PAGES)
def test_a_hostile_page_is_read_in_linear_time(name):
    started = time.perf_counter()
    csp._scan(_HOSTILE_PAGES[name])
    html_tokens.element_ids(_HOSTILE_PAGES[name])
    assert time.perf_counter() - started < 10, name  # about 0.1 s; a quadratic reading: minutes


def test_every_tag_in_a_page_of_random_markup_is_one_a_reading_tag_by_tag_finds():
    """Passing over quiet tags inside one expression reads the page as the tag-by-tag loop
    would: the same tags come out, whatever the markup."""
    import random

    rng = random.Random(3)  # noqa: S311 - a fixed seed: the same values every run
    pieces = [
        "<a ",
        "<b title='",
        "'",
        '"',
        ">",
        "</a>",
        "</b x='>'>",
        "<!--",
        "-->",
        " on",
        "onclick=1",
        "<script>",
        "</script>",
        "<svg>",
        "</svg>",
        "<style>",
        "</style>",
        "<title>",
        "<select>",
        "</select>",
        "id=x",
        "=",
        "/",
        " ",
        "<",
        "<!",
        "<?",
        "<foreignObject>",
        "</foreignObject>",
        "<p/>",
        "</p>",
        "<br>",
    ]
    for _ in range(5000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        every = list(html_tokens.read(page, None))
        for start in ("on", "id"):
            wanted = [
                t
                for t in every
                if isinstance(t, html_tokens.Unsure)
                or t.name in html_tokens._SPECIAL
                or any(n.lower().startswith(start) for n in html_tokens.attributes(t.attributes))
            ]
            assert list(html_tokens.read(page, start)) == wanted, page


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


def test_a_template_value_cannot_take_a_redirect_to_another_site(tmp_path):
    root = tmp_path / "theme"
    root.mkdir()
    (root / "redirect.html").write_text(
        '<script>window.location.replace("{{ url }}" + location.hash)</script>',
        encoding="utf-8",
    )
    known = csp.known_scripts([root])
    page = '<html><head><meta charset="utf-8"></head><body><script>{}</script></body></html>'
    for target, allowed in (
        ("../guides/", True),
        ("/guides/#x", True),
        ("//evil.example/", False),
        ("/\t/evil.example/", False),  # a URL parser drops the tab: "//evil.example/"
        ("/\n/evil.example/", False),
        ("https:/evil.example/", False),
    ):
        script = f'window.location.replace("{target}" + location.hash)'
        assert (csp.inspect(page.format(script), known).refused == []) == allowed, target


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
