"""`handbook links`: how each kind of answer is classified, against a local server only.

Resource URLs must have a public host name, so the checker is tested at the function level with
127.0.0.1 URLs, and the command on a data tree whose files are never validated. No test here
leaves the machine: DNS failures are simulated.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from handbook_engine import cli, links
from trees import resource_yaml, write_data

TIMEOUT = 0.25  # the /slow page answers after SLOW seconds, well past it
SLOW = 0.6
FAST = links.Settings(timeout=TIMEOUT, attempts=3, backoff=0.01, max_retry_after=0.05, workers=4)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _answer(self) -> None:
        self.server.hits[(self.command, self.path)] += 1
        count = sum(n for (_, path), n in self.server.hits.items() if path == self.path)
        if self.path == "/ok":
            self._send(200)
        elif self.path == "/moved":
            self._send(301, Location="/ok")
        elif self.path == "/loop":
            self._send(302, Location="/loop")
        elif self.path == "/gone404":
            self._send(404)
        elif self.path == "/gone410":
            self._send(410)
        elif self.path == "/teapot":
            self._send(418)
        elif self.path == "/limited":
            self._send(429, **{"Retry-After": "120"}) if count == 1 else self._send(200)
        elif self.path == "/always-limited":
            self._send(429, **{"Retry-After": "120"})
        elif self.path == "/error":
            self._send(500)
        elif self.path == "/flaky":
            self._send(503) if count == 1 else self._send(200)
        elif self.path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200)
        elif self.path == "/slow":
            time.sleep(SLOW)
            self._send(200)
        else:
            self._send(404)

    def _send(self, code: int, **headers: str) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = _answer
    do_HEAD = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: Counter[tuple[str, str]]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up on /slow: expected


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.hits = Counter()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


@pytest.mark.parametrize(
    ("path", "status", "reason"),
    [
        ("/ok", links.OK, "200 OK"),
        ("/moved", links.OK, "200 OK"),
        ("/no-head", links.OK, "200 OK"),
        ("/limited", links.OK, "200 OK"),
        ("/flaky", links.OK, "200 OK"),
        ("/gone404", links.BROKEN, "404 Not Found"),
        ("/gone410", links.BROKEN, "410 Gone"),
        ("/teapot", links.BROKEN, "418 I'm a Teapot (3 attempts)"),
        ("/error", links.BROKEN, "500 Internal Server Error (3 attempts)"),
        ("/slow", links.BROKEN, f"timed out after {TIMEOUT:g} s (3 attempts)"),
        ("/always-limited", links.RATE_LIMITED, "429 Too Many Requests (3 attempts)"),
        ("/loop", links.BROKEN, "302 Found: redirect loop or redirect without target"),
    ],
)
def test_classification(server: _Server, path: str, status: str, reason: str):
    result = links.check_url(_url(server, path), FAST)
    assert (result.status, result.reason) == (status, reason)


def test_final_answers_are_not_retried_and_head_survives_redirects(server: _Server):
    heads, gets = server.hits[("HEAD", "/gone410")], server.hits[("GET", "/gone410")]
    links.check_url(_url(server, "/gone410"), FAST)
    assert server.hits[("HEAD", "/gone410")] == heads + 1
    assert server.hits[("GET", "/gone410")] == gets
    before = server.hits[("GET", "/ok")]
    links.check_url(_url(server, "/moved"), FAST)
    assert server.hits[("GET", "/ok")] == before  # the redirect kept the HEAD method


def test_backoff_doubles_and_retry_after_is_capped(server: _Server):
    waits: list[float] = []
    settings = links.Settings(timeout=TIMEOUT, attempts=3, backoff=0.5, max_retry_after=3.0)
    result = links.check_url(_url(server, "/error"), settings, sleep=waits.append)
    assert result.status == links.BROKEN
    assert waits == [0.5, 1.0]  # no wait after the last attempt
    waits.clear()
    result = links.check_url(_url(server, "/always-limited"), settings, sleep=waits.append)
    assert result.status == links.RATE_LIMITED
    assert waits == [3.0, 3.0]  # Retry-After: 120, capped at 3 s


def test_connection_refused_and_dns_failure(monkeypatch: pytest.MonkeyPatch):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = links.check_url(f"http://127.0.0.1:{port}/", FAST)
    assert (result.status, result.reason) == (links.BROKEN, "connection refused")

    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = links.check_url("https://no-such-host.example/page", FAST)
    assert result.status == links.BROKEN
    assert result.reason.startswith("DNS lookup failed")


def test_retry_after_forms():
    assert links._retry_after("7", cap=60) == 7
    assert links._retry_after("600", cap=60) == 60
    assert links._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", cap=60) == 0  # in the past
    assert links._retry_after("soon", cap=60) is None
    assert links._retry_after(None, cap=60) is None


def test_check_all_keeps_order_and_uses_threads(server: _Server):
    found = [links.Link(f"r{i}.yml", 3, _url(server, p)) for i, p in enumerate(["/ok", "/slow"])]
    started = time.perf_counter()
    checked = links.check_all(found * 2, FAST)
    elapsed = time.perf_counter() - started
    assert [r.status for _, r in checked] == [links.OK, links.BROKEN, links.OK, links.BROKEN]
    assert elapsed < 2 * 3 * TIMEOUT  # the two /slow checks ran side by side


def test_report_lists_broken_and_rate_limited_links_with_file_and_line():
    found = [
        links.Link("data/resources/a.yml", 3, "https://example.org/a"),
        links.Link("data/resources/b.yml", 4, "https://example.org/b"),
        links.Link("data/resources/c.yml", 3, "https://example.org/c"),
    ]
    results = [
        links.Result(links.OK, "200 OK", 200),
        links.Result(links.BROKEN, "404 Not Found", 404),
        links.Result(links.RATE_LIMITED, "429 Too Many Requests (3 attempts)", 429),
    ]
    text = links.report(list(zip(found, results, strict=True)), today=links.dt.date(2026, 1, 5))
    assert text == (
        "# Resource link check\n\n"
        "## Broken links\n\n"
        "- data/resources/b.yml:4 https://example.org/b — 404 Not Found\n\n"
        "## Rate limited (not counted as broken; check them by hand)\n\n"
        "- data/resources/c.yml:3 https://example.org/c — 429 Too Many Requests (3 attempts)\n\n"
        "Checked 3 links on 2026-01-05: 1 broken, 1 rate limited, 1 OK.\n"
    )


def test_command_reports_and_fails_on_broken_links(
    server: _Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    write_data(
        tmp_path / "data",
        {
            "sauce-book": resource_yaml(url=_url(server, "/ok")),
            "hosting-talk": "# a comment first\n"
            + resource_yaml(title="Hosting", url=_url(server, "/gone404")),
        },
    )
    report = tmp_path / "report.md"
    code = cli.main(["links", "--data", "data", "--report", str(report), "--timeout", "1"])
    assert code == 1
    text = report.read_text(encoding="utf-8")
    assert (
        f"- data/resources/hosting-talk.yml:4 {_url(server, '/gone404')} — 404 Not Found\n" in text
    )
    assert "sauce-book" not in text
    assert text.endswith("1 broken, 0 rate limited, 1 OK.\n")
    assert capsys.readouterr().out == text

    (tmp_path / "data" / "resources" / "hosting-talk.yml").unlink()
    assert cli.main(["links", "--data", "data", "--timeout", "1"]) == 0
