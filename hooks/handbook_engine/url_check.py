"""One URL checked the way a reader's browser would open it, and safely: the engine's one HTTP
client (`handbook links` uses it for every resource URL).

Only the standard library is used. Each URL gets a HEAD request (a GET when the server refuses
HEAD with 405, 403 or 501), redirects are followed, and 429, 5xx, timeouts and other 4xx answers
are tried again with exponential backoff. A site that keeps answering 429 is reported as rate
limited and never counted as broken: that says nothing about the link.

The URLs come from contributors and the redirects from whoever runs the remote site, so every
request (the first and each redirect) resolves its host once, refuses it unless every address is
public (see addresses.py), and connects to that same checked address: a second DNS lookup could
answer differently (DNS rebinding).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from .addresses import Network, address_problem, parse_address, resolve

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
OK, BROKEN, RATE_LIMITED = "ok", "broken", "rate limited"
MAX_REDIRECTS = 10
_REDIRECTS = (301, 302, 303, 307, 308)
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en;q=0.9",
    "Connection": "close",  # one connection per request: the next hop may be another address
}
_PATH_SAFE = "/?#[]@!$&'()*+,;=:%~-._"  # kept as written; anything else is percent-encoded


@dataclass(frozen=True)
class Settings:
    timeout: float = 15.0  # seconds for each request
    attempts: int = 3  # tries for answers worth retrying (429, 5xx, other 4xx, timeouts)
    backoff: float = 2.0  # seconds before the second try, doubled before each later one
    max_retry_after: float = 60.0  # cap on a server's Retry-After
    workers: int = 8  # URLs checked at the same time
    # host -> IP addresses as text; None uses the system resolver. Tests inject one.
    resolver: Callable[[str], Sequence[str]] | None = None
    # Networks that may be reached although they are not public (tests: 127.0.0.1/32 only).
    allowed_networks: tuple[Network, ...] = ()


@dataclass(frozen=True)
class Result:
    status: str  # OK, BROKEN or RATE_LIMITED
    reason: str  # e.g. "200 OK", "404 Not Found", "timed out after 15 s (3 attempts)"
    code: int | None = None
    network: bool = False  # no HTTP answer at all: timeout, DNS, refused, reset, TLS


@dataclass(frozen=True)
class _Answer:
    """One attempt: an HTTP status, or an error with no status."""

    code: int | None
    reason: str
    retry_after: float | None = None
    retry: bool = False
    network: bool = False
    location: str | None = None  # the Location header of a redirect


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(max((when - dt.datetime.now(dt.UTC)).total_seconds(), 0.0), cap)


def _status(code: int) -> str:
    try:
        return f"{code} {http.HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


class _PinnedConnection(http.client.HTTPConnection):
    """HTTP, or HTTPS when `tls` is given, to `host` over a socket opened to `address`.

    http.client would resolve `host` again when it connects, and that second answer could be
    another address (DNS rebinding), so the socket goes to the address that was checked. The Host
    header and the TLS server name, and so the certificate check, still use `host`.
    """

    def __init__(
        self, host: str, port: int, address: str, timeout: float, tls: ssl.SSLContext | None
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._tls = tls
        if tls is not None:
            self.default_port = 443  # so that the Host header has no ":443"

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        if self._tls is not None:
            try:
                sock = self._tls.wrap_socket(sock, server_hostname=self.host)
            except BaseException:
                sock.close()
                raise
        self.sock = sock


_TLS = ssl.create_default_context()  # certificate and host name checks, as a browser does


@dataclass(frozen=True)
class _Target:
    """Where one request goes."""

    tls: bool
    host: str  # ASCII host name (IDNA) or IP address, without brackets
    port: int
    path: str  # the request target: path and query, percent-encoded


def _target(url: str) -> _Target | str:
    """The parts of `url` to request, or why it cannot be requested."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "the URL cannot be parsed"
    if parts.scheme not in ("http", "https"):
        return "not an http(s) URL"
    if not parts.hostname:
        return "the URL has no host"
    try:  # http.client only sends ASCII: an internationalised name goes as xn--
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return f"the host name {parts.hostname!r} is not valid"
    path = quote(parts.path or "/", safe=_PATH_SAFE, errors="backslashreplace")
    if parts.query:
        path += "?" + quote(parts.query, safe=_PATH_SAFE, errors="backslashreplace")
    tls = parts.scheme == "https"
    return _Target(tls, host, port or (443 if tls else 80), path)


def _checked_addresses(target: _Target, settings: Settings) -> list[str] | _Answer:
    """The host's addresses, looked up once, or the answer that ends the request.

    Every address must pass, not only the first: the connection may fall back to any of them.
    """
    if parse_address(target.host) is not None:
        addresses = [target.host]  # a literal IP address: nothing to look up
    else:
        try:
            if settings.resolver is not None:
                addresses = list(settings.resolver(target.host))
            else:
                addresses = resolve(target.host, target.port)
        except UnicodeError:  # a label IDNA refuses (empty, over 63 characters): no such name
            addresses = []
        except OSError as error:
            return _error_answer(error, settings)
        if not addresses:
            return _error_answer(socket.gaierror(socket.EAI_NONAME, "no address"), settings)
    for address in addresses:
        problem = address_problem(address, settings.allowed_networks)
        if problem:
            return _Answer(None, f"refused: {problem}")
    return addresses


def _send(target: _Target, address: str, method: str, settings: Settings) -> _Answer:
    """One request to `address`, read up to the headers: the body says nothing about the link."""
    tls = _TLS if target.tls else None
    connection = _PinnedConnection(target.host, target.port, address, settings.timeout, tls)
    try:
        connection.request(method, target.path, headers=_HEADERS)
        response = connection.getresponse()
        code = response.status
        retry_after = _retry_after(response.getheader("Retry-After"), settings.max_retry_after)
        location = response.getheader("Location")
    except (OSError, http.client.HTTPException, ValueError) as error:
        return _error_answer(error, settings)
    finally:
        connection.close()
    if code < 300:
        return _Answer(code, _status(code))
    if code in _REDIRECTS:
        return _Answer(code, _status(code), location=location)
    # 404 and 410 are final, and so are other 3xx; 429, 5xx and any other 4xx may pass: try again
    retry = code >= 400 and code not in (404, 410)
    return _Answer(code, _status(code), retry_after, retry=retry)


def _hop(target: _Target, method: str, settings: Settings) -> _Answer:
    """One request to `target`, trying each checked address until one answers."""
    addresses = _checked_addresses(target, settings)
    if isinstance(addresses, _Answer):
        return addresses
    answer = _Answer(None, "not checked")
    for address in addresses:
        answer = _send(target, address, method, settings)
        if not answer.network:
            break
    return answer


def _request(url: str, method: str, settings: Settings) -> _Answer:
    """`method` on `url`, following up to MAX_REDIRECTS redirects, each one checked afresh."""
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        target = _target(current)
        if isinstance(target, str):
            answer = _Answer(None, target)
        else:
            answer = _hop(target, method, settings)  # HEAD stays HEAD after a redirect
        if hop and answer.code is None:
            # name the redirect target: the URL in the data file is not the one that failed
            return _Answer(
                None,
                f"{answer.reason} (redirected to {current})",
                retry=answer.retry,
                network=answer.network,
            )
        if answer.code not in _REDIRECTS:
            return answer
        if not answer.location:
            break
        current = urljoin(current, answer.location.strip())
    return _Answer(answer.code, f"{answer.reason}: redirect loop or redirect without target")


def _error_answer(reason: object, settings: Settings) -> _Answer:
    """An answer for an exception; every OSError means the site could not be reached at all."""
    if isinstance(reason, TimeoutError | socket.timeout):
        return _Answer(None, f"timed out after {settings.timeout:g} s", retry=True, network=True)
    if isinstance(reason, socket.gaierror):
        return _Answer(None, "DNS lookup failed: the host name does not resolve", network=True)
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        why = getattr(reason, "verify_message", None) or getattr(reason, "reason", None) or reason
        return _Answer(None, f"TLS error: {why}", network=True)
    if isinstance(reason, ConnectionRefusedError):
        return _Answer(None, "connection refused", network=True)
    if isinstance(reason, OSError):
        return _Answer(None, f"connection error: {reason.strerror or reason}", network=True)
    return _Answer(None, f"connection error: {reason}")


def _attempt(url: str, settings: Settings) -> _Answer:
    answer = _request(url, "HEAD", settings)
    if answer.code in (403, 405, 501):  # some servers refuse HEAD but serve GET
        answer = _request(url, "GET", settings)
    return answer


def check_url(
    url: str, settings: Settings = Settings(), sleep: Callable[[float], None] = time.sleep
) -> Result:
    """Open `url` as a browser would and say whether it works."""
    answer = _Answer(None, "not checked")
    attempts = max(settings.attempts, 1)
    for attempt in range(attempts):
        answer = _attempt(url, settings)
        if answer.code is not None and answer.code < 300:  # after any redirects
            return Result(OK, answer.reason, answer.code)
        if not answer.retry or attempt == attempts - 1:
            break
        delay = settings.backoff * 2**attempt
        if answer.retry_after is not None:
            delay = max(delay, answer.retry_after)
        sleep(delay)
    tries = f" ({attempts} attempts)" if answer.retry and attempts > 1 else ""
    if answer.code == 429:
        return Result(RATE_LIMITED, f"{answer.reason}{tries}", 429)
    return Result(BROKEN, f"{answer.reason}{tries}", answer.code, network=answer.network)
