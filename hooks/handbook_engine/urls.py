"""Resource URLs: what is allowed, and when two addresses are the same work."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\\<>\"'`]")  # whitespace, controls, quote breakers
_TRACKING = re.compile(r"^(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid|ref|ref_src)$", re.I)
_INDEX_PAGE = re.compile(r"/(index|default)\.(html?|php|aspx?)$", re.I)


def url_problem(url: str) -> str | None:
    """Why `url` may not be used, or None when it is a plain public http(s) address."""
    if _FORBIDDEN.search(url):
        return "URL contains whitespace, a control character, a backslash or a quote"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return "URL cannot be parsed"
    if parts.scheme not in ("http", "https"):
        return f"URL scheme must be http or https, not '{parts.scheme}'"
    if parts.username is not None or parts.password is not None:
        return "URL must not contain a user name or password"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return "URL needs a public host name such as example.org"
    if port is not None and port not in (80, 443):
        return "URL must use the standard port"
    return None


def normalise_url(url: str) -> str:
    """A comparison key: the same page behind http/https, www., a trailing slash, an index page,
    tracking parameters or a fragment gives the same key."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = _INDEX_PAGE.sub("/", parts.path or "/").rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return urlunsplit(("", host, path, query, ""))
