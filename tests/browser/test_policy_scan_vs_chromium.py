"""The policy's scan of a built page (csp._scan) reads markup as Chromium's HTML parser does.

The policy hashes the inline scripts the scan reports and refuses a page for the rest, so the scan
must see every event handler and every inline script a browser would see. Chromium is the ground
truth: each page of tests/fixtures/hostile-markup.txt (every case in the <body> and in the <head>)
and a few thousand random pages of markup pieces are parsed by it, hundreds per call, and checked
against the scan:

- an element with an on* attribute: the page is refused;
- an inline script that may run: the page is refused or the script's text is one the scan reports
  (only those can be hashed, and only known ones are);
- a script with a src, a refresh or an <iframe srcdoc>: the page is refused, unless the src or
  the refresh's address stays on this site.

Pages are parsed with DOMParser, whose documents have scripting disabled: that changes how
<noscript> alone is read (as markup instead of raw text), so a page with <noscript> is also parsed
in a frame that runs scripts (none does: its page's policy allows none), which is what is checked
for handlers and scripts; a refresh counts in either reading, since it needs no script.
Elements inside <template> count too: a script of the page may put them to use.

Pages the scan refuses where Chromium finds nothing (false refusals) are printed, not failed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from handbook_engine import csp
from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "hostile-markup.txt"
SHELLS = {
    "body": ('<!doctype html><html><head><meta charset="utf-8"></head><body>', "</body></html>"),
    "head": ('<!doctype html><html><head><meta charset="utf-8">', "</head><body></body></html>"),
}
RANDOM_PAGES = 4000
BATCH = 500  # documents per evaluate call
HOST = "https://policy-scan.test/"

# Everything a page has that can run or navigate, from the parsed document (template contents
# and open shadow roots included). A script's text is its child text, as Chromium runs and
# hashes it: an SVG script's child elements and comments are no part of it, CDATA is.
_COLLECT = """
const XHTML = "http://www.w3.org/1999/xhtml", SVG = "http://www.w3.org/2000/svg";
const XLINK = "http://www.w3.org/1999/xlink";
function collect(root, out) {
  for (const el of root.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      if (attribute.name.toLowerCase().startsWith("on")) {
        out.handlers.push(`<${el.localName} ${attribute.name}>`);
      }
    }
    const ns = el.namespaceURI;
    if (el.localName === "script" && (ns === XHTML || ns === SVG)) {
      let text = "";
      for (const child of el.childNodes) {
        if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
          text += child.data;
        }
      }
      const src = ns === XHTML ? el.getAttribute("src")
        : el.getAttribute("href") ?? el.getAttributeNS(XLINK, "href");
      out.scripts.push({svg: ns === SVG, src, type: el.getAttribute("type"),
                        language: el.getAttribute("language"), text});
    }
    if (ns === XHTML && el.localName === "meta"
        && /^refresh$/i.test(el.getAttribute("http-equiv") ?? "")) {
      out.refresh.push(el.getAttribute("content") ?? "");
    }
    if (ns === XHTML && el.localName === "iframe" && el.hasAttribute("srcdoc")) {
      out.srcdoc.push(el.getAttribute("srcdoc"));
    }
    if (ns === XHTML && el.localName === "template") collect(el.content, out);
    if (el.shadowRoot) collect(el.shadowRoot, out);
  }
  return out;
}
const found = (doc) => collect(doc, {handlers: [], scripts: [], refresh: [], srcdoc: []});
"""
PARSE = (
    "(pages) => {"
    + _COLLECT
    + 'return pages.map((html) => found(new DOMParser().parseFromString(html, "text/html")));}'
)
# A frame's document has scripting enabled, like a reader's tab; the host page's policy (which a
# srcdoc frame inherits) stops every script, handler and load in it.
PARSE_LIVE = (
    "async (pages) => {"
    + _COLLECT
    + """
  const results = [];
  for (const html of pages) {
    const frame = document.createElement("iframe");
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve));
    frame.srcdoc = html;
    document.body.append(frame);
    await loaded;
    results.push(found(frame.contentDocument));
    frame.remove();
  }
  return results;
}"""
)

_ASCII_SPACE = "\t\n\f\r "
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Every type Chromium runs as JavaScript (HTML's JavaScript MIME types, and module); the policy
# itself lists fewer, and refuses the others as unknown.
_JS_TYPES = {
    "",
    "module",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
    *(f"text/javascript1.{n}" for n in range(6)),
}
_OFF_SITE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2}")


def corpus() -> list[tuple[int, str]]:
    """(line number, case) for every case of the corpus."""
    cases = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if line.startswith("esc:"):
            line = line[4:].encode("ascii").decode("unicode_escape")
        cases.append((number, line))
    return cases


def random_pages(count: int) -> list[str]:
    """Pages of random markup pieces: the corpus's building blocks, mixed in ways no one wrote."""
    rng = random.Random(7)  # noqa: S311 - a fixed seed: the same pages every run
    pieces = [
        *("<", ">", "</", "/", "=", '"', "'", "`", " ", " ", "\n", "\t", "x", "!", "?", "&quot;"),
        *("--", "<!--", "-->", "--!>", "<!", "<?", "<![CDATA[", "]]>", "<!doctype "),
        *("script", "style", "title", "textarea", "svg", "math", "img", "a", "b c='", 'b c="'),
        *("xmp", "iframe", "template", "meta", "p", "mtext", "foreignObject", "desc", "table"),
        *("<script>", "</script>", "<style>", "</style>", "<title>", "</title>", "<svg>"),
        *("<textarea>", "</textarea>", "</svg>", "<math>", "<xmp>", "</xmp>", "<template>"),
        *("<script><!--<script>", "</script foo>", "</style x='>", "<b c='", '<a title="'),
        *(" onclick=x", "onerror=y", " onload=alert(1)", "/onclick=1", "ONCLICK=2"),
        *("<img src=x onerror=alert(1)>", "<a onclick=alert(1)>", "<svg onload=alert(1)>"),
        *(" src=//e.example/x.js", " src=x", " srcdoc=x", " type=module", " type=text/plain"),
        *(' type="application/json"', " href=//e.example/s.js", " http-equiv=refresh"),
        *(" content='0;url=//e.example'", "<meta http-equiv=refresh content=0;url=//e.example>"),
        *("<iframe srcdoc=x>", "<script src=//e.example/x.js>", "<svg><script>"),
    ]
    pages = []
    for _ in range(count):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 16)))
        pages.append(SHELLS["body"][0] + body + SHELLS["body"][1])
    return pages


def _off_site(url: str) -> bool:
    # as a URL parser reads it: tabs and newlines dropped, controls and spaces stripped from its
    # start, "\" read as "/"
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))
    return _OFF_SITE.match(url) is not None


def _refresh_url(content: str) -> str | None:
    """The address of a refresh, read by HTML's "shared declarative refresh steps" (None: the
    content is no refresh; "" is this page again)."""
    pos, end = 0, len(content)

    def skip(chars: str) -> None:
        nonlocal pos
        while pos < end and content[pos] in chars:
            pos += 1

    skip(_ASCII_SPACE)
    start = pos
    skip("0123456789")
    if pos == start and content[pos : pos + 1] != ".":
        return None
    skip("0123456789.")
    if pos < end:
        if content[pos] not in ";," + _ASCII_SPACE:
            return None
        skip(_ASCII_SPACE)
        if content[pos : pos + 1] in (";", ","):
            pos += 1
        skip(_ASCII_SPACE)
    url = content[pos:]
    if content[pos : pos + 3].lower() == "url":
        pos += 3
        skip(_ASCII_SPACE)
        if content[pos : pos + 1] != "=":
            return url
        pos += 1
        skip(_ASCII_SPACE)
    elif content[pos : pos + 1] not in ("'", '"'):
        return url
    quote = content[pos : pos + 1] if content[pos : pos + 1] in ("'", '"') else ""
    url = content[pos + len(quote) :]
    return url.split(quote, 1)[0] if quote else url


def _may_run(script: dict) -> bool:
    """Whether Chromium may run a script's text as JavaScript: read generously (either way of
    trimming its type, parameters or none), so that no script that runs is left unchecked."""
    if script["src"] is not None:
        return False
    kind = script["type"]
    if kind is None:
        if not script["language"]:
            return True
        kind = "text/" + script["language"]
    readings = {kind.strip(_ASCII_SPACE), kind.strip()}
    readings |= {reading.split(";")[0].strip() for reading in readings}
    return any(reading.translate(_ASCII_LOWER) in _JS_TYPES for reading in readings)


def _as_parsed(text: str) -> str:
    """Script text as the parser hands it on: newlines normalised, NUL replaced."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def disagreements(scan: csp._Scan, found: dict) -> list[str]:
    """What Chromium finds in a page that the scan of it lets through."""
    if scan.refused:
        return []  # a refused page is never published, whatever is in it
    inline = {_as_parsed(body) for body in scan.inline}
    problems = [f"event handler {handler} not refused" for handler in found["handlers"]]
    problems += [f"<iframe srcdoc={doc!r}> not refused" for doc in found["srcdoc"]]
    for content in found["refresh"]:
        url = _refresh_url(content)
        if url is not None and _off_site(url):
            problems.append(f"refresh to another site {content!r} not refused")
    for script in found["scripts"]:
        if script["src"] is not None and _off_site(script["src"]):
            problems.append(f"script from another site {script['src']!r} not refused")
        elif _may_run(script) and script["text"] not in inline:
            problems.append(f"inline script {script['text']!r} neither reported nor refused")
    return problems


def false_refusal(scan: csp._Scan, found: dict) -> bool:
    """The scan refuses a page in which Chromium finds nothing that can run or navigate."""
    return bool(scan.refused) and not any(found.values())


def shown(found: dict) -> str:
    """Chromium's findings, briefly."""
    parts = [f"handlers {found['handlers']}"] if found["handlers"] else []
    for script in found["scripts"]:
        parts.append(
            f"{'svg ' if script['svg'] else ''}script"
            + "".join(
                f" {key}={script[key]!r}" for key in ("src", "type", "language") if script[key]
            )
            + f" text={script['text']!r}"
        )
    parts += [f"refresh {content!r}" for content in found["refresh"]]
    parts += [f"iframe srcdoc={doc!r}" for doc in found["srcdoc"]]
    return "; ".join(parts) or "nothing"


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """A page on a made-up site whose policy allows nothing at all; no request leaves the tab."""
    context = browser.new_context()

    def answer(route: Route) -> None:
        if route.request.url != HOST:
            route.abort()
            return
        # the policy as a header, in force before anything is parsed
        route.fulfill(
            status=200,
            headers={
                "content-type": "text/html; charset=utf-8",
                "content-security-policy": "default-src 'none'",
            },
            body="<!doctype html><title>scan</title><body></body>",
        )

    context.route("**/*", answer)
    tab = context.new_page()
    tab.goto(HOST)
    yield tab
    context.close()


def parse(tab: Page, pages: list[str]) -> list[dict]:
    """Chromium's findings for each page, as a reader's tab would have them."""
    found: list[dict] = []
    for start in range(0, len(pages), BATCH):
        found += tab.evaluate(PARSE, pages[start : start + BATCH])
    live = [i for i, page in enumerate(pages) if "noscript" in page.lower()]
    for i, running in zip(live, tab.evaluate(PARSE_LIVE, [pages[i] for i in live]), strict=True):
        # scripts and handlers as a tab that runs scripts reads them; a refresh in either way
        running["refresh"] += found[i]["refresh"]
        found[i] = running
    return found


def _report(capsys: pytest.CaptureFixture[str], what: str, refused: list[str], total: int) -> None:
    with capsys.disabled():
        print(f"\n{len(refused)} of {total} {what} refused with nothing found by Chromium")
        for case in refused[:5]:
            print(f"  e.g. {case!r}")


def test_chromium_reads_pages_as_the_harness_expects(tab):
    # the harness itself: if it found nothing, every comparison below would pass
    cases = {
        "<img src=x onerror=alert(1)>": "handlers ['<img onerror>']",
        "<script>a\r\nb\0</script>": "script text='a\\nb\ufffd'",
        "<svg><script href=/a.js>x</script>": "svg script src='/a.js' text='x'",
        "<svg><script><![CDATA[a]]><!--b--></script>": "svg script text='a'",
        "<template><a onclick=1></template>": "handlers ['<a onclick>']",
        "<meta http-equiv=Refresh content=1>": "refresh '1'",
        "<iframe srcdoc=x></iframe>": "iframe srcdoc='x'",
        '<noscript><p title="</noscript><img onerror=1>">': "handlers ['<img onerror>']",
        "<noscript><img onerror=1></noscript>": "nothing",
        "<noscript><meta http-equiv=refresh content=0></noscript>": "refresh '0'",
    }
    pages = [SHELLS["body"][0] + case + SHELLS["body"][1] for case in cases]
    assert [shown(found) for found in parse(tab, pages)] == list(cases.values())
    assert _refresh_url("0; URL = 'https://e.example/'x") == "https://e.example/"
    assert _refresh_url("5") == "" and _refresh_url("x;url=/") is None


def test_the_scan_sees_what_chromium_sees_in_every_hostile_case(tab, capsys):
    cases = corpus()
    assert len(cases) > 300
    pages = [
        (number, shell, SHELLS[shell][0] + case + SHELLS[shell][1])
        for number, case in cases
        for shell in SHELLS
    ]
    found = parse(tab, [page for _, _, page in pages])
    failures: dict[int, list[str]] = {}
    refused = []
    text = dict(cases)
    for (number, shell, page), seen in zip(pages, found, strict=True):
        scan = csp._scan(page)
        if problems := disagreements(scan, seen):
            failures.setdefault(number, []).append(f"  in <{shell}>: {'; '.join(problems)}")
            failures[number].append(f"    Chromium finds: {shown(seen)}")
            failures[number].append(f"    the scan reports inline {scan.inline!r}, refuses nothing")
        elif false_refusal(scan, seen) and text[number] not in refused:
            refused.append(text[number])
    _report(capsys, "hostile cases", refused, len(cases))
    report = [
        f"line {number}: {text[number]!r}\n" + "\n".join(lines)
        for number, lines in sorted(failures.items())
    ]
    assert not failures, (
        f"{len(failures)} of {len(cases)} cases of {CORPUS.name} have something Chromium would "
        "run that the scan neither refuses nor reports:\n" + "\n".join(report)
    )


def test_the_scan_sees_what_chromium_sees_in_random_markup(tab, capsys):
    pages = random_pages(RANDOM_PAGES)
    assert not any("noscript" in page.lower() for page in pages)  # all read by DOMParser alone
    found = parse(tab, pages)
    failures = []
    refused = []
    body = slice(len(SHELLS["body"][0]), -len(SHELLS["body"][1]))
    for page, seen in zip(pages, found, strict=True):
        scan = csp._scan(page)
        if problems := disagreements(scan, seen):
            failures.append(
                f"{page[body]!r}\n  {'; '.join(problems)}\n  Chromium finds: {shown(seen)}"
                f"\n  the scan reports inline {scan.inline!r}, refuses nothing"
            )
        elif false_refusal(scan, seen):
            refused.append(page[body])
    _report(capsys, "random pages", refused, len(pages))
    assert not failures, (
        f"{len(failures)} of {len(pages)} random pages (body shown) have something Chromium "
        "would run that the scan neither refuses nor reports; the first 20:\n"
        + "\n".join(failures[:20])
    )
