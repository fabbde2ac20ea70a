"""Browser fixtures, imported by the conftest of each browser folder: a built site on
127.0.0.1 and a headless Chromium driven by Playwright.

Chromium is the system's (HANDBOOK_CHROMIUM, set by `dev.py test`) or Playwright's own. With no
browser to be had the tests fail and say how to get one: they never skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error, Page, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        # Material's instant navigation swaps in only pages its sitemap lists, at the address
        # being read: the sitemap is served with this server's address, as on the published site.
        # `server.addresses`: (the address the site was built for, this server's), or None
        sitemap = Path(self.directory, "sitemap.xml")
        addresses = self.server.addresses  # type: ignore[attr-defined]
        if self.path.split("?")[0] != "/sitemap.xml" or not addresses or not sitemap.is_file():
            return super().do_GET()
        body = sitemap.read_bytes().replace(*addresses)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A quiet HTTP server for `directory` on 127.0.0.1, in a daemon thread."""
    home = Path(directory, "index.html")
    canonical = _CANONICAL.search(home.read_bytes()) if home.is_file() else None
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    # the site's address is its home page's canonical link
    server.addresses = (canonical[1], url.encode()) if canonical else None  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url, server


@pytest.fixture(scope="session")
def site_url(real_site) -> Iterator[str]:
    """This repository's own site on 127.0.0.1 (tests that read ids from its pages)."""
    url, server = serve(real_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def kitchen_url(kitchen_site) -> Iterator[str]:
    """The kitchen fixture site on 127.0.0.1: what the engine's reader-feature tests drive."""
    url, server = serve(kitchen_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def kitchen(kitchen_site):
    """The kitchen fixture's own model (ids, titles, counts), read from its data."""
    from handbook_engine.validate import build_handbook

    return build_handbook(kitchen_site.project / "data")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = os.environ.get("HANDBOOK_CHROMIUM") or None
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
        except Error as error:
            pytest.fail(
                "No Chromium for the browser tests. Run the tests with `python3 dev.py test` "
                "(it finds or installs one), install Debian's `chromium`, or set "
                f"HANDBOOK_CHROMIUM to a Chromium executable.\n{error}",
                pytrace=False,
            )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.console_errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    yield tab
    context.close()
