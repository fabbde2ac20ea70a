"""The Content Security Policy trusts only what we ship, and the preview still works.

A built page may run only the inline scripts the theme's templates emit; a hand-written page that
adds a script, an event handler, a script from another host or a refresh to another address
fails the build, naming the page and its source file. `mkdocs serve` checks the same but writes
no policy (its live-reload script changes with every response) and shows data problems in the
browser instead of leaving it waiting.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pages import html_pages
from trees import ROOT, resource_yaml, run_build, write_project

pytestmark = pytest.mark.build

_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
_SCRIPT_FILE = re.compile(r"<script src=[^>]*>")


def _page(project: Path, body: str) -> None:
    (project / "docs" / "notes.md").write_text(f"# Notes\n\nSome notes.\n\n{body}\n", "utf-8")
    nav = project / "docs" / ".nav.yml"
    nav.write_text(nav.read_text(encoding="utf-8") + "  - notes.md\n", encoding="utf-8")


def test_every_page_carries_a_policy_with_exactly_its_known_scripts(tmp_path):
    project = write_project(tmp_path / "kitchen")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    pages = html_pages(result.site)
    assert len(pages) > 5
    for path, page in pages.items():
        found = _POLICY.findall(page)
        assert len(found) == 1, path
        hashes = set(re.findall(r"'sha256-[^']+'", found[0]))
        bodies = _INLINE.findall(page)
        assert bodies and len(hashes) == len(set(bodies)), path
        assert "'unsafe-inline'" not in found[0].split("script-src")[1].split(";")[0]
        # Script files wait for the page to be parsed, so its text paints while they load:
        # Material's bundle first, then ours, each deferred, and nothing fetched ahead of them.
        files = _SCRIPT_FILE.findall(page)
        assert "bundle" in files[0] and "handbook.js" in files[1], path
        assert all(tag.endswith(" defer>") for tag in files), (path, files)
        assert 'rel="preload"' not in page, path
        # what scripts read sits in the head, which instant navigation swaps element by element:
        # in the content it would make each script anew, without its type (run as code) or id;
        # JSON-LD, for crawlers, comes after the page and its scripts
        body = page.split("</head>", 1)[1]
        assert '<script type="application/json"' not in body, path
        linked = body.find('<script type="application/ld+json">')
        assert linked == -1 or linked > body.rindex("<script src="), path
    assert any('type="application/ld+json"' in page for page in pages.values())


def test_a_pages_front_matter_cannot_write_into_its_head(tmp_path):
    project = write_project(tmp_path / "kitchen")
    notes = "---\nhandbook_data: <script>alert(1)</script>\n---\n# Notes\n\nSome notes.\n"
    (project / "docs" / "notes.md").write_text(notes, "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "alert(1)" not in (result.site / "notes" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ("<script>alert(document.domain)</script>", "an inline script the theme does not emit"),
        ('<script type="module">alert(1)</script>', "an inline script the theme does not emit"),
        ("<p><img src=x onerror=alert(1)></p>", "an event-handler attribute <img onerror="),
        ('<p><a href="#" onclick="alert(1)">x</a></p>', "an event-handler attribute <a onclick="),
        (
            '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
            "a refresh to another address",
        ),
        (
            '<meta http-equiv="refresh" content="1;https://evil.example/phish">',
            "a refresh to another address",
        ),
        ('<script src="https://evil.example/x.js"></script>', "a script from another address"),
        ('<script src="//evil.example/x.js"></script>', "a script from another address"),
        ('<script src="/\\evil.example/x.js"></script>', "a script from another address"),
        (
            '<meta http-equiv="refresh" content="0;url=/\\evil.example/">',
            "a refresh to another address",
        ),
        (
            '<meta http-equiv="refresh" content="0;url=&#1;https://evil.example/">',
            "a refresh to another address",
        ),
        (  # the shape of the theme's own redirect script, with another site in its hole
            '<script>window.location.replace(["https://evil.example/",window.location.search,'
            'window.location.hash].join(""))</script>',
            "an inline script the theme does not emit",
        ),
        (
            '<iframe srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe>',
            "an iframe with a document of its own",
        ),
    ],
    ids=[
        "script",
        "module",
        "onerror",
        "onclick",
        "refresh",
        "refresh-without-url",
        "remote-script",
        "protocol-relative",
        "backslash-relative",
        "refresh-backslash",
        "refresh-control-character",
        "theme-redirect-elsewhere",
        "iframe-srcdoc",
    ],
)
def test_a_page_with_a_script_we_do_not_ship_fails_the_build(tmp_path, body, refused):
    project = write_project(tmp_path / "kitchen")
    _page(project, body)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert f"notes/index.html (from docs/notes.md): {refused}" in result.output


# Files copied from docs/ that a browser opens as documents of their own, each with what the
# build must say of it. Pages get the policy written in; SVG and XML files cannot carry one.
_DOCUMENTS = {
    "diagram.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>parent.document.title="x"</script></svg>',
        "'<script' (a file copied as it is may run nothing)",
    ),
    "prefixed.svg": (
        '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>',
        "'<svg:script'",
    ),
    "handler.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        "an event-handler attribute 'onload='",
    ),
    "link.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#9;script:alert(1)">x</a></svg>',
        "a javascript: address",
    ),
    "inside.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        "'<foreignObject'",
    ),
    "styled.xml": ('<?xml-stylesheet href="x.xsl" type="text/xsl"?><a/>', "'<?xml-stylesheet'"),
    "notes.htm": (
        '<html><head><meta charset="utf-8"></head><body><script>alert(1)</script></body></html>',
        "an inline script the theme does not emit",
    ),
    "LOUD.HTML": (
        '<html><head><meta charset="utf-8"></head><body><img src=x onerror=alert(1)></body></html>',
        "an event-handler attribute <img onerror=",
    ),
    "page.xhtml": (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>',
        "has no <meta charset> first in its <head>",
    ),
    # served as HTML, SVG or XML by GitHub Pages all the same
    "include.shtml": ('<meta charset="utf-8"><script>alert(1)</script>', "'<script'"),
    "schema.xsd": ("<a><script>alert(1)</script></a>", "'<script'"),
    "grammar.rng": ("<a><script>alert(1)</script></a>", "'<script'"),
    "packed.svgz": ("<svg><script>alert(1)</script></svg>", "is compressed"),
    # a namespace prefix no tag pattern expects
    "odd-prefix.svg": (
        '<s_v:svg xmlns:s_v="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "an event-handler attribute 'onload='",
    ),
    # markup hidden in an entity, written out only by the XML parser
    "entity.svg": (
        '<!DOCTYPE svg [<!ENTITY x "&#60;script>alert(1)&#60;/script>">]>'
        '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        "'<!DOCTYPE svg ['",
    ),
    # the only <meta charset> inside a comment: a policy put after it would be commented out
    "commented.xhtml": (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><!--<meta charset="utf-8">-->'
        "</head><body><p>x</p></body></html>",
        "has no <meta charset> first in its <head>",
    ),
    # a quote inside an unquoted value: browsers read the tag, a tag pattern does not
    "quoted.html": (
        '<html><head><script a=b"c>document.title="x"</script><meta charset="utf-8"></head></html>',
        "'<script'",
    ),
    "utf16.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'.encode("utf-16"),
        "is UTF-16 text; save it as UTF-8",
    ),
    "latin.html": (
        '<html><head><meta charset="windows-1252"></head><body>caf\xe9</body></html>'.encode(
            "cp1252"
        ),
        "is not UTF-8 text",
    ),
}


def test_documents_copied_from_docs_cannot_run_what_pages_may_not(tmp_path):
    project = write_project(tmp_path / "kitchen")
    for name, (text, _) in _DOCUMENTS.items():
        (project / "docs" / "files" / name).parent.mkdir(exist_ok=True)
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        (project / "docs" / "files" / name).write_bytes(raw)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    for name, (_, said) in _DOCUMENTS.items():
        assert f"files/{name} (from docs/files/{name}): {said}" in result.output, name


def test_a_plain_diagram_and_a_page_copied_as_it_is_are_fine(tmp_path):
    project = write_project(tmp_path / "kitchen")
    files = project / "docs" / "files"
    files.mkdir()
    (files / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<a href="../notes/"><rect width="10" height="10" fill="teal"/></a>'
        "<text>Uses javascript: nowhere</text></svg>",
        encoding="utf-8",
    )
    (files / "old.htm").write_text(
        '<html><head><meta charset="utf-8"><title>Old</title></head><body>Old</body></html>',
        encoding="utf-8",
    )
    (files / "strict.xhtml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        '<head><meta charset="utf-8"/><title>Strict</title></head><body><p>x</p></body></html>',
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert len(_POLICY.findall((result.site / "files" / "old.htm").read_text("utf-8"))) == 1
    # an XHTML page is parsed as XML: the policy's tag must leave it well-formed
    strict = (result.site / "files" / "strict.xhtml").read_text("utf-8")
    assert 'http-equiv="Content-Security-Policy"' in strict
    ElementTree.fromstring(strict.encode("utf-8"))  # noqa: S314 - a file this test wrote


def test_own_scripts_and_same_site_refreshes_are_fine(tmp_path):
    project = write_project(tmp_path / "kitchen")
    (project / "docs" / "javascripts" / "extra.js").write_text("window.extra = 1;\n", "utf-8")
    _page(project, '<script src="../javascripts/extra.js"></script>')
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output


def test_a_glossary_term_cannot_smuggle_a_script(tmp_path):
    project = write_project(tmp_path / "kitchen")
    (project / "data" / "glossary.yml").write_text(
        'terms:\n  - term: "a\\\\ <script>alert(document.domain)</script>"\n'
        "    definition: A term that tries to escape the abbreviation syntax.\n",
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "data/glossary.yml:2: terms[0].term: " in result.output
    assert "without \\, <, >" in result.output


def test_the_offline_copy_carries_the_policy_too(tmp_path):
    project = write_project(tmp_path / "kitchen")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("plugins: [search, awesome-nav]", "plugins: [search, awesome-nav, offline]")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    for path, page in html_pages(result.site).items():
        assert len(_POLICY.findall(page)) == 1, path


# --- the preview -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _serve(project: Path):
    port = _free_port()
    log = (project / "serve.log").open("w", encoding="utf-8")  # a pipe nobody reads would fill
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
    )
    # the preview serves under the site_url's path (write_project: /kitchen/)
    return child, f"http://127.0.0.1:{port}/kitchen/"


def test_the_preview_reloads_and_shows_data_problems_in_the_browser(tmp_path):
    project = write_project(tmp_path / "kitchen")
    child, url = _serve(project)
    try:
        page = _get(url, time.monotonic() + 60)
        assert "Content-Security-Policy" not in page  # live reload is an inline script
        assert "livereload(" in page
        # break a resource: the preview shows the problem instead of hanging
        (project / "data" / "resources" / "sauce-book.yml").write_text(
            resource_yaml(kind="bok"), encoding="utf-8"
        )
        deadline = time.monotonic() + 60
        while "The handbook data has problems" not in (page := _get(url, deadline)):
            assert time.monotonic() < deadline, page[-2000:]
            time.sleep(0.5)
        assert "data/resources/sauce-book.yml:4: kind: &#x27;bok&#x27; is not one of" in page
        assert "livereload(" in page
        # and a page that only exists when the data is fine shows it too
        missing = _get(url + "path/", deadline)
        assert "The handbook data has problems" in missing
    finally:
        child.terminate()
        child.wait(timeout=30)


def test_a_refused_document_with_a_hostile_name_is_named_on_one_line(tmp_path):
    # whoever sends the pull request names the file: a line break would print a line of its own
    project = write_project(tmp_path / "kitchen")
    name = "notes\nOK: nothing refused \x1b[2K.html"
    (project / "docs" / name).write_text("<p>x</p><script>alert(1)</script>", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1, result.output
    assert "notes\\nOK: nothing refused \\x1b[2K.html (from docs/notes\\n" in result.output
    assert "\x1b" not in result.output
    assert not any(line.startswith("OK: nothing refused") for line in result.output.splitlines())


_LATE_HOOK = """
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(-200)  # after the handbook's own events for each page
def on_post_page(output, *, page, config):
    if page.file.src_uri == "index.md":
        return output.replace("</body>", "<script>alert(1)</script></body>")
    return output

@event_priority(100)  # before the handbook's pass over the built site
def on_post_build(*, config):
    page = Path(config.site_dir) / "glossary" / "index.html"
    handler = "<img src=x onerror=alert(2)></body>"
    page.write_text(page.read_text("utf-8").replace("</body>", handler), "utf-8")
"""


def test_a_page_another_hook_changes_late_is_refused_as_written(tmp_path):
    # what is published is what is on disk at the end of the build, whoever wrote it last
    project = write_project(tmp_path / "kitchen")
    (project / "late_hook.py").write_text(_LATE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"hooks: \[(.*?)\]", r'hooks: [\1, "late_hook.py"]', text), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0, result.output
    assert "index.html (from docs/index.md): an inline script the theme does not emit" in (
        result.output
    )
    assert "glossary/index.html (from data/glossary.yml): an event-handler attribute" in (
        result.output
    )
