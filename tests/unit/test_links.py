"""`handbook links`: how each kind of answer is classified, against a local server only.

Resource URLs must have a public host name, so the checker is tested at the function level with
127.0.0.1 URLs, and the command on a data tree whose files are never validated. The checker never
connects to a private address, so the tests allow 127.0.0.1/32 alone and inject a resolver for
host names. No test here leaves the machine: DNS answers and failures are simulated.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from handbook_engine import cli, links, url_check
from trees import resource_yaml, write_data

TIMEOUT = 0.25  # the /slow page answers after SLOW seconds, well past it
SLOW = 0.6
LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)  # the test server, and nothing else
FAST = url_check.Settings(
    timeout=TIMEOUT,
    attempts=3,
    backoff=0.01,
    max_retry_after=0.05,
    workers=4,
    allowed_networks=LOCAL,
)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _answer(self) -> None:
        self.server.hits[(self.command, self.path)] += 1
        self.server.hosts.append(self.headers.get("Host", ""))
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
        elif self.path.startswith("/to?"):  # /to?<url>: a redirect to any address
            self._send(302, Location=self.path.removeprefix("/to?"))
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
    hosts: list[str]  # the Host header of every request

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up on /slow: expected


def _serve(address: str) -> Iterator[_Server]:
    httpd = _Server((address, 0), _Handler)
    httpd.hits = Counter()
    httpd.hosts = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    yield from _serve("127.0.0.1")


@pytest.fixture
def fresh() -> Iterator[_Server]:
    """A server of its own, so that "it saw no request at all" can be asserted."""
    yield from _serve("127.0.0.1")


def _url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


@pytest.mark.parametrize(
    ("path", "status", "reason"),
    [
        ("/ok", url_check.OK, "200 OK"),
        ("/moved", url_check.OK, "200 OK"),
        ("/no-head", url_check.OK, "200 OK"),
        ("/limited", url_check.OK, "200 OK"),
        ("/flaky", url_check.OK, "200 OK"),
        ("/gone404", url_check.BROKEN, "404 Not Found"),
        ("/gone410", url_check.BROKEN, "410 Gone"),
        ("/teapot", url_check.BROKEN, "418 I'm a Teapot (3 attempts)"),
        ("/error", url_check.BROKEN, "500 Internal Server Error (3 attempts)"),
        ("/slow", url_check.BROKEN, f"timed out after {TIMEOUT:g} s (3 attempts)"),
        ("/always-limited", url_check.RATE_LIMITED, "429 Too Many Requests (3 attempts)"),
        ("/loop", url_check.BROKEN, "302 Found: redirect loop or redirect without target"),
    ],
)
def test_classification(server: _Server, path: str, status: str, reason: str):
    result = url_check.check_url(_url(server, path), FAST)
    assert (result.status, result.reason) == (status, reason)


def test_final_answers_are_not_retried_and_head_survives_redirects(server: _Server):
    heads, gets = server.hits[("HEAD", "/gone410")], server.hits[("GET", "/gone410")]
    url_check.check_url(_url(server, "/gone410"), FAST)
    assert server.hits[("HEAD", "/gone410")] == heads + 1
    assert server.hits[("GET", "/gone410")] == gets
    before = server.hits[("GET", "/ok")]
    url_check.check_url(_url(server, "/moved"), FAST)
    assert server.hits[("GET", "/ok")] == before  # the redirect kept the HEAD method


def test_backoff_doubles_and_retry_after_is_capped(server: _Server):
    waits: list[float] = []
    settings = url_check.Settings(
        timeout=TIMEOUT, attempts=3, backoff=0.5, max_retry_after=3.0, allowed_networks=LOCAL
    )
    result = url_check.check_url(_url(server, "/error"), settings, sleep=waits.append)
    assert result.status == url_check.BROKEN
    assert waits == [0.5, 1.0]  # no wait after the last attempt
    waits.clear()
    result = url_check.check_url(_url(server, "/always-limited"), settings, sleep=waits.append)
    assert result.status == url_check.RATE_LIMITED
    assert waits == [3.0, 3.0]  # Retry-After: 120, capped at 3 s


def test_connection_refused_and_dns_failure(monkeypatch: pytest.MonkeyPatch):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = url_check.check_url(f"http://127.0.0.1:{port}/", FAST)
    assert (result.status, result.reason) == (url_check.BROKEN, "connection refused")

    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = url_check.check_url("https://no-such-host.example/page", FAST)
    assert result.status == url_check.BROKEN
    assert result.reason.startswith("DNS lookup failed")


def test_retry_after_forms():
    assert url_check._retry_after("7", cap=60) == 7
    assert url_check._retry_after("600", cap=60) == 60
    assert url_check._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", cap=60) == 0  # in the past
    assert url_check._retry_after("soon", cap=60) is None
    assert url_check._retry_after(None, cap=60) is None


def test_check_all_keeps_order_and_uses_threads(server: _Server):
    found = [links.Link(f"r{i}.yml", 3, _url(server, p)) for i, p in enumerate(["/ok", "/slow"])]
    started = time.perf_counter()
    checked = links.check_all(found * 2, FAST)
    elapsed = time.perf_counter() - started
    assert [r.status for _, r in checked] == [
        url_check.OK,
        url_check.BROKEN,
        url_check.OK,
        url_check.BROKEN,
    ]
    assert elapsed < 2 * 3 * TIMEOUT  # the two /slow checks ran side by side


def test_report_lists_broken_and_rate_limited_links_with_file_and_line():
    found = [
        links.Link("data/resources/a.yml", 3, "https://example.org/a"),
        links.Link("data/resources/b.yml", 4, "https://example.org/b"),
        links.Link("data/resources/c.yml", 3, "https://example.org/c"),
    ]
    results = [
        url_check.Result(url_check.OK, "200 OK", 200),
        url_check.Result(url_check.BROKEN, "404 Not Found", 404),
        url_check.Result(url_check.RATE_LIMITED, "429 Too Many Requests (3 attempts)", 429),
    ]
    text = links.report(list(zip(found, results, strict=True)), today=url_check.dt.date(2026, 1, 5))
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
    _allow_local_server(monkeypatch)
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


def _allow_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the command reach the test server: by default it refuses 127.0.0.1 like any private
    address."""
    check_all = links.check_all

    def allowing(found: Sequence[links.Link], settings: url_check.Settings) -> list:
        # and no host name resolves, so that nothing can leave the machine
        only_local = dataclasses.replace(settings, allowed_networks=LOCAL, resolver=_resolving({}))
        return check_all(found, only_local)

    monkeypatch.setattr(links, "check_all", allowing)


def _write_only(data: Path, resources: dict[str, str]) -> None:
    """A data folder whose resources are exactly `resources` (no default ones)."""
    write_data(data, resources)
    for path in (data / "resources").glob("*.yml"):
        if path.stem not in resources:
            path.unlink()


def _resolving(table: dict[str, list[str]], calls: list[str] | None = None):
    """A resolver from a table; it records each look-up in `calls`."""

    def resolver(host: str) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolver


def _no_system_dns(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail the test's request if the system resolver is asked for a host name: only the injected
    resolver may be, once per request. (Literal IP addresses are fine: no DNS is involved.)"""
    asked: list[object] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        try:
            ipaddress.ip_address(str(host))
        except ValueError:
            asked.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "the test forbids system DNS") from None
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "refused: 127.0.0.1 is a loopback address"),
        ("10.0.0.5", "refused: 10.0.0.5 is a private address"),
        ("169.254.169.254", "refused: 169.254.169.254 is a cloud metadata address"),
        ("::1", "refused: ::1 is a loopback address"),
        ("::ffff:127.0.0.1", "refused: ::ffff:127.0.0.1 is a loopback address (it stands for"),
        ("100.64.0.1", "refused: 100.64.0.1 is a shared address"),
        ("fd00:ec2::254", "refused: fd00:ec2::254 is a cloud metadata address"),
        ("0.0.0.0", "refused: 0.0.0.0 is an unspecified address"),  # noqa: S104 - not bound
    ],
)
def test_a_host_that_resolves_to_a_private_address_is_never_requested(
    fresh: _Server, monkeypatch: pytest.MonkeyPatch, address: str, reason: str
):
    connections: list[object] = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a))
    settings = dataclasses.replace(
        FAST, allowed_networks=(), resolver=_resolving({"evil.example": [address]})
    )
    result = url_check.check_url(f"http://evil.example:{fresh.server_address[1]}/ok", settings)
    assert result.status == url_check.BROKEN
    assert result.reason.startswith(reason)
    assert not result.network  # a refusal is a finding about the link, not a network failure
    assert connections == []
    assert not fresh.hits


def test_one_private_address_among_public_ones_refuses_the_host(monkeypatch: pytest.MonkeyPatch):
    connections: list[object] = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a))
    resolver = _resolving({"mixed.example": ["93.184.215.14", "2606:2800::1", "10.1.2.3"]})
    result = url_check.check_url("https://mixed.example/", url_check.Settings(resolver=resolver))
    assert (result.status, result.reason) == (
        url_check.BROKEN,
        "refused: 10.1.2.3 is a private address",
    )
    assert connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/ok",
        "http://[::1]:{port}/ok",
        "http://localhost:{port}/ok",
        "http://127.1:{port}/ok",  # the short form getaddrinfo accepts
        "http://2130706433:{port}/ok",  # 127.0.0.1 as one number
    ],
)
def test_private_urls_are_refused_by_default(fresh: _Server, url: str):
    result = url_check.check_url(
        url.format(port=fresh.server_address[1]), url_check.Settings(timeout=1)
    )
    assert result.status == url_check.BROKEN
    assert result.reason.startswith("refused: ")
    assert not fresh.hits


def test_a_redirect_to_a_private_address_is_refused_at_the_redirect(
    fresh: _Server, monkeypatch: pytest.MonkeyPatch
):
    """The first hop is a "public" server (127.0.0.2, allowed for this test); it redirects to the
    local server on 127.0.0.1, which is not allowed and must see no request."""
    try:
        public = next(_serve("127.0.0.2"))
    except OSError:
        pytest.skip("this system cannot listen on 127.0.0.2")
    try:
        inside = f"http://127.0.0.1:{fresh.server_address[1]}/ok"
        settings = dataclasses.replace(
            FAST,
            allowed_networks=(ipaddress.ip_network("127.0.0.2/32"),),
            resolver=_resolving({"public.example": ["127.0.0.2"]}),
        )
        _no_system_dns(monkeypatch)
        url = f"http://public.example:{public.server_address[1]}/to?{inside}"
        result = url_check.check_url(url, settings)
        assert result.status == url_check.BROKEN
        assert result.reason == (
            f"refused: 127.0.0.1 is a loopback address (redirected to {inside})"
        )
        assert public.hits[("HEAD", f"/to?{inside}")] == 1  # refusals are not retried
        assert not fresh.hits
    finally:
        public.shutdown()
        public.server_close()


def test_a_redirect_to_a_host_name_with_a_private_address_is_refused(
    server: _Server, monkeypatch: pytest.MonkeyPatch
):
    calls: list[str] = []
    table = {"public.example": ["127.0.0.1"], "metadata.example": ["169.254.169.254"]}
    settings = dataclasses.replace(FAST, resolver=_resolving(table, calls))
    _no_system_dns(monkeypatch)
    port = server.server_address[1]
    for target in ("http://metadata.example/latest/meta-data/", "/x", "ftp://public.example/"):
        url = f"http://public.example:{port}/to?{target}"
        result = url_check.check_url(url, settings)
        assert result.status == url_check.BROKEN, target
    assert calls.count("metadata.example") == 1
    result = url_check.check_url(
        f"http://public.example:{port}/to?http://metadata.example/", settings
    )
    assert result.reason == (
        "refused: 169.254.169.254 is a cloud metadata address "
        "(redirected to http://metadata.example/)"
    )
    result = url_check.check_url(f"http://public.example:{port}/to?ftp://public.example/", settings)
    assert result.reason == "not an http(s) URL (redirected to ftp://public.example/)"


def test_dns_rebinding_cannot_reach_the_second_answer(
    server: _Server, monkeypatch: pytest.MonkeyPatch
):
    """The resolver answers a public address (the allowed test server) once, then a private one.
    The checker must look the name up once per request and connect to the address it checked."""
    answers = iter([["127.0.0.1"]] + [["10.0.0.5"]] * 10)
    calls: list[str] = []

    def rebinding(host: str) -> list[str]:
        calls.append(host)
        return next(answers)

    connected: list[str] = []
    real = socket.create_connection

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> object:
        connected.append(address[0])
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", create_connection)
    asked = _no_system_dns(monkeypatch)
    settings = dataclasses.replace(FAST, resolver=rebinding)
    port = server.server_address[1]
    before = len(server.hosts)
    result = url_check.check_url(f"http://rebind.example:{port}/ok", settings)
    assert (result.status, result.reason) == (url_check.OK, "200 OK")
    assert calls == ["rebind.example"]  # one look-up for the one request
    assert connected == ["127.0.0.1"]  # the checked address, never 10.0.0.5
    assert asked == []  # and the system resolver was never asked behind our back
    assert server.hosts[before:] == [f"rebind.example:{port}"]  # the original Host header

    # a redirect is a new request: a new look-up, checked again, so the rebound answer is refused
    result = url_check.check_url(f"http://rebind.example:{port}/moved", settings)
    assert result.reason == "refused: 10.0.0.5 is a private address"
    assert connected == ["127.0.0.1"]


def test_every_redirect_is_checked_and_redirects_are_limited(
    server: _Server, monkeypatch: pytest.MonkeyPatch
):
    calls: list[str] = []
    settings = dataclasses.replace(FAST, resolver=_resolving({"a.example": ["127.0.0.1"]}, calls))
    _no_system_dns(monkeypatch)
    port = server.server_address[1]
    result = url_check.check_url(f"http://a.example:{port}/moved", settings)
    assert (result.status, result.reason) == (url_check.OK, "200 OK")
    assert calls == ["a.example", "a.example"]  # the first request and the redirect
    before = server.hits[("HEAD", "/loop")]
    result = url_check.check_url(f"http://a.example:{port}/loop", settings)
    assert result.reason == "302 Found: redirect loop or redirect without target"
    assert server.hits[("HEAD", "/loop")] - before == url_check.MAX_REDIRECTS + 1


def test_https_wraps_the_checked_address_with_the_host_name(monkeypatch: pytest.MonkeyPatch):
    """TLS goes over the socket to the checked address, verifying the certificate for the host
    name (server_hostname), as a browser would."""
    wrapped: list[tuple[object, str | None]] = []

    class _Socket:
        def close(self) -> None:
            pass

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> _Socket:
        assert address == ("93.184.215.14", 443)
        return _Socket()

    def wrap_socket(sock: object, server_hostname: str | None = None, **kwargs: object) -> object:
        wrapped.append((sock, server_hostname))
        raise ssl.SSLCertVerificationError(1, "certificate verify failed")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(url_check._TLS, "wrap_socket", wrap_socket, raising=False)
    settings = url_check.Settings(
        attempts=1,
        resolver=_resolving({"bücher.example": [], "xn--bcher-kva.example": ["93.184.215.14"]}),
    )
    result = url_check.check_url("https://bücher.example/", settings)
    assert result.status == url_check.BROKEN
    assert result.reason.startswith("TLS error")
    assert result.network
    assert [name for _, name in wrapped] == ["xn--bcher-kva.example"]
    assert url_check._TLS.verify_mode == ssl.CERT_REQUIRED
    assert url_check._TLS.check_hostname


def _checked(statuses: list[url_check.Result]) -> list[tuple[links.Link, url_check.Result]]:
    return [
        (links.Link(f"data/resources/r{i}.yml", 3, f"https://example.org/{i}"), result)
        for i, result in enumerate(statuses)
    ]


TIMED_OUT = url_check.Result(url_check.BROKEN, "timed out after 15 s (3 attempts)", network=True)
GONE = url_check.Result(url_check.BROKEN, "404 Not Found", 404)
FINE = url_check.Result(url_check.OK, "200 OK", 200)


def test_a_network_failure_is_not_a_storm_of_broken_links():
    checked = _checked([TIMED_OUT] * 6 + [GONE] + [FINE] * 3)
    assert links.network_problem(checked)
    text = links.report(checked, today=url_check.dt.date(2026, 1, 5))
    assert text.startswith(
        "More than half of the 10 links failed to connect: this looks like a network problem on "
        "the machine that ran the check, not 6 broken links. Nothing is reported as broken.\n"
    )
    assert "## Broken links" not in text
    assert "example.org" not in text


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([TIMED_OUT] * 5 + [FINE] * 5, False),  # half is not more than half
        ([TIMED_OUT] * 9, False),  # too few links to call it a pattern
        ([GONE] * 10, False),  # HTTP answers: the network works
        (
            [url_check.Result(url_check.BROKEN, "refused: 10.0.0.5 is a private address")] * 10,
            False,
        ),
        ([TIMED_OUT] * 6 + [FINE] * 4, True),
    ],
)
def test_network_problem_threshold(results: list[url_check.Result], expected: bool):
    assert links.network_problem(_checked(results)) is expected


def test_connection_failures_are_marked_as_network_failures(server: _Server):
    assert url_check.check_url(_url(server, "/slow"), FAST).network
    assert not url_check.check_url(_url(server, "/gone404"), FAST).network
    assert not url_check.check_url(_url(server, "/error"), FAST).network


def test_command_exits_3_on_a_network_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{free.getsockname()[1]}"  # nothing listens: refused
    _write_only(
        tmp_path / "data",
        {f"r{i:02}": resource_yaml(title=f"Title {i}", url=f"{dead}/{i}") for i in range(10)},
    )
    _allow_local_server(monkeypatch)
    assert cli.main(["links", "--data", "data", "--timeout", "1"]) == 3
    out = capsys.readouterr().out
    assert out.startswith("More than half of the 10 links failed to connect")
    assert "Nothing is reported as broken." in out


def test_collect_skips_unreadable_files_and_names_them(
    server: _Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    _write_only(tmp_path / "data", {"good": resource_yaml(url=_url(server, "/ok"))})
    resources = tmp_path / "data" / "resources"
    (resources / "broken-yaml.yml").write_text("title: [unclosed\n", encoding="utf-8")
    (resources / "not-utf8.yml").write_bytes(b"title: caf\xe9\n")
    (resources / "empty.yml").write_text("", encoding="utf-8")
    (resources / "a-list.yml").write_text("- url: https://example.org/\n", encoding="utf-8")
    (resources / "no-url.yml").write_text("title: Nothing\nurl: ftp://example.org/\n")
    found = links.collect(tmp_path / "data")
    assert [link.shown for link in found] == ["data/resources/good.yml"]
    err = capsys.readouterr().err
    for name in ("broken-yaml", "not-utf8", "empty", "a-list", "no-url"):
        assert f"handbook links: skipped data/resources/{name}.yml: " in err, name
    assert "good.yml" not in err

    _allow_local_server(monkeypatch)
    assert cli.main(["links", "--data", "data", "--timeout", "1"]) == 0
    assert "1 OK." in capsys.readouterr().out


def test_collect_survives_a_loader_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write_only(
        tmp_path / "data",
        {
            "a": resource_yaml(url="https://example.org/a"),
            "b": resource_yaml(url="https://example.org/b"),
        },
    )
    real = links.load_yaml

    def flaky(path: Path, shown: str) -> object:
        if path.name == "a.yml":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, shown)

    monkeypatch.setattr(links, "load_yaml", flaky)
    assert [link.url for link in links.collect(tmp_path / "data")] == ["https://example.org/b"]
    assert "skipped data/resources/a.yml: RecursionError" in capsys.readouterr().err
