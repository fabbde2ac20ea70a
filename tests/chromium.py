"""Browser fixtures, imported by the conftest of each browser folder: a built site on
127.0.0.1 and a headless Chromium driven by Playwright.

Chromium is the system's (HANDBOOK_CHROMIUM, set by `dev.py test`) or Playwright's own. With no
browser to be had the tests fail and say how to get one: they never skip.
"""

from __future__ import annotations

import functools
import http.server
import os
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


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A quiet HTTP server for `directory` on 127.0.0.1, in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


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
