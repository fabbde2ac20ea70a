"""`handbook links`: open every resource URL and report the ones that no longer work.

Only the standard library is used. Each URL gets a HEAD request (a GET when the server refuses
HEAD with 405 or 403), redirects are followed, and 429, 5xx, timeouts and other 4xx answers are
tried again with exponential backoff. A site that keeps answering 429 is reported as rate limited
and never counted as broken: that says nothing about the link.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .loader import line_of, load_yaml

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
OK, BROKEN, RATE_LIMITED = "ok", "broken", "rate limited"


@dataclass(frozen=True)
class Settings:
    timeout: float = 15.0  # seconds for each request
    attempts: int = 3  # tries for answers worth retrying (429, 5xx, other 4xx, timeouts)
    backoff: float = 2.0  # seconds before the second try, doubled before each later one
    max_retry_after: float = 60.0  # cap on a server's Retry-After
    workers: int = 8  # URLs checked at the same time


@dataclass(frozen=True)
class Link:
    shown: str  # the file as printed, e.g. data/resources/inspired.yml
    line: int  # line of the url field
    url: str


@dataclass(frozen=True)
class Result:
    status: str  # OK, BROKEN or RATE_LIMITED
    reason: str  # e.g. "200 OK", "404 Not Found", "timed out after 15 s (3 attempts)"
    code: int | None = None


@dataclass(frozen=True)
class _Answer:
    """One attempt: an HTTP status, or an error with no status."""

    code: int | None
    reason: str
    retry_after: float | None = None
    retry: bool = False


class _KeepMethodRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects without turning a HEAD into a GET (urllib does so before 3.13)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_OPENER = urllib.request.build_opener(_KeepMethodRedirects())


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


def _request(url: str, method: str, settings: Settings) -> _Answer:
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by the caller
        url,
        method=method,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en;q=0.9",
        },
    )
    try:
        with _OPENER.open(request, timeout=settings.timeout) as response:
            return _Answer(response.status, _status(response.status))
    except urllib.error.HTTPError as error:
        with error:
            code = error.code
            if 300 <= code < 400:
                return _Answer(code, f"{_status(code)}: redirect loop or redirect without target")
            retry_after = _retry_after(
                error.headers.get("Retry-After") if error.headers else None,
                settings.max_retry_after,
            )
            # 404 and 410 are final; 429, 5xx and any other 4xx may pass, so try again
            return _Answer(code, _status(code), retry_after, retry=code not in (404, 410))
    except urllib.error.URLError as error:
        return _error_answer(error.reason, settings)
    except (OSError, http.client.HTTPException) as error:
        return _error_answer(error, settings)


def _error_answer(reason: object, settings: Settings) -> _Answer:
    if isinstance(reason, TimeoutError | socket.timeout):
        return _Answer(None, f"timed out after {settings.timeout:g} s", retry=True)
    if isinstance(reason, socket.gaierror):
        return _Answer(None, "DNS lookup failed: the host name does not resolve")
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return _Answer(None, f"TLS error: {getattr(reason, 'reason', None) or reason}")
    if isinstance(reason, ConnectionRefusedError):
        return _Answer(None, "connection refused")
    if isinstance(reason, OSError) and reason.strerror:
        return _Answer(None, f"connection error: {reason.strerror}")
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
    return Result(BROKEN, f"{answer.reason}{tries}", answer.code)


def collect(data_dir: Path) -> list[Link]:
    """Every resource URL with the file and line it comes from, in file order."""
    links = []
    for path in sorted((data_dir / "resources").glob("*.yml")):
        shown = _shown(path)
        data, _problems = load_yaml(path, shown)
        url = data.get("url") if isinstance(data, dict) else None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            links.append(Link(shown, line_of(data, ("url",)), url))
    return links


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_all(
    links: Sequence[Link],
    settings: Settings = Settings(),
    sleep: Callable[[float], None] = time.sleep,
) -> list[tuple[Link, Result]]:
    """Check `links` with a small thread pool; results keep the order of `links`."""
    if not links:
        return []
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        results = list(pool.map(lambda link: check_url(link.url, settings, sleep), links))
    return list(zip(links, results, strict=True))


def report(checked: Sequence[tuple[Link, Result]], today: dt.date | None = None) -> str:
    """The Markdown report: broken links, rate-limited ones, and a summary line."""
    broken = [(link, r) for link, r in checked if r.status == BROKEN]
    limited = [(link, r) for link, r in checked if r.status == RATE_LIMITED]
    day = (today or dt.date.today()).isoformat()
    lines = ["# Resource link check", ""]
    if broken:
        lines += ["## Broken links", ""]
        lines += [f"- {link.shown}:{link.line} {link.url} — {r.reason}" for link, r in broken]
        lines.append("")
    if limited:
        lines += ["## Rate limited (not counted as broken; check them by hand)", ""]
        lines += [f"- {link.shown}:{link.line} {link.url} — {r.reason}" for link, r in limited]
        lines.append("")
    fine = len(checked) - len(broken) - len(limited)
    lines.append(
        f"Checked {len(checked)} link{'s' if len(checked) != 1 else ''} on {day}: "
        f"{len(broken)} broken, {len(limited)} rate limited, {fine} OK."
    )
    return "\n".join(lines) + "\n"
