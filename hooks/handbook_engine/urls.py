"""Resource URLs: what is allowed, and when two addresses are the same work."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# whitespace (Unicode too, e.g. a no-break space), controls, and characters that break quoting
_FORBIDDEN = re.compile(r"[\s\x00-\x20\x7f-\x9f\\<>\"'`]")
# Zero-width and bidi controls: they hide or reorder what a reader sees (a spoofed address).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
_TRACKING = re.compile(
    r"^(utm_[a-z]+|gclid|gclsrc|dclid|msclkid|twclid|fbclid|igshid|srsltid|yclid|mc_cid|mc_eid"
    r"|_hsenc|_hsmi|mkt_tok|trk|ref|ref_src)$",
    re.I,
)
# An affiliate code pays whoever shared the link; Amazon's is `tag`, a real word elsewhere.
_AFFILIATE = re.compile(
    r"^(aff|affid|aff_id|affiliate|affiliate_id|referralcode|irclickid|irgwc|ascsubtag)$", re.I
)
_AMAZON = re.compile(r"(^|\.)amazon\.[a-z.]+$")
# YouTube gives one video many addresses: youtu.be/ID, m.youtube.com, /embed/ID, /shorts/ID,
# /live/ID, and a share id (`si`) or a start time (`t`) on any of them.
_YOUTUBE = frozenset({"youtube.com", "m.youtube.com", "youtube-nocookie.com", "youtu.be"})
_YOUTUBE_SHARE = frozenset({"si", "feature", "pp"})
_YOUTUBE_VIDEO_PATH = re.compile(r"^/(embed|shorts|live|v)/([^/]+)/?$")
# Short links hide where they lead, and the work's own address is what a reader should see.
_SHORTENERS = frozenset(
    {"bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "lnkd.in", "amzn.to"}
    | {"amzn.eu", "rebrand.ly", "cutt.ly", "is.gd", "shorturl.at", "tiny.cc", "rb.gy"}
)
_INDEX_PAGE = re.compile(r"/(index|default)\.(html?|php|aspx?)$", re.I)
_HOST_CHARS = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$")
# The last label of a host that getaddrinfo would read as an IPv4 address (127.1, 0x7f.1).
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
# Names that only mean something on the machine or network that reads them.
_LOCAL_NAMES = ("localhost", "localdomain")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan", ".localdomain")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def url_problem(url: str) -> str | None:
    """Why `url` may not be used, or None when it is a plain public http(s) address."""
    invisible = _INVISIBLE.search(url)
    if invisible:
        return f"URL contains an invisible character U+{ord(invisible.group()):04X}; retype it"
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
    problem = _host_problem(host, parts.netloc)
    if problem:
        return problem
    if port is not None and port not in (80, 443):
        return "URL must use the standard port"
    if host.removeprefix("www.") in _SHORTENERS:
        return (
            f"URL is a short link ({host}) that hides where it leads; open it and give the "
            "address it arrives at"
        )
    return _tracking_problem(parts.query, host)


def _tracking_problem(query: str, host: str) -> str | None:
    # CONTRIBUTING asks for the work's own address: a campaign tag or a click id says where a
    # link was shared, not what it points at (normalise_url already ignores them for duplicates);
    # an affiliate code says who is paid for it
    youtube = _is_youtube(host)
    for key, _ in parse_qsl(query, keep_blank_values=True):
        if _TRACKING.match(key) or (youtube and key in _YOUTUBE_SHARE):
            kind = "tracking"
        elif _AFFILIATE.match(key) or (key == "tag" and _AMAZON.search(host)):
            kind = "affiliate"
        else:
            continue
        return f"URL carries the {kind} parameter {key!r}; remove it, the address works without it"
    return None


def _host_problem(host: str, netloc: str) -> str | None:
    """Why `host` (lower case, from urlsplit) is not a public host name, or None."""
    if "[" in netloc or _is_ip_literal(host) or _is_local_name(host):
        return f"URL must point to a public host name, not {host}"
    if not host.isascii():
        ascii_host = _idna(host)
        if ascii_host is None:  # e.g. an empty or over-long label: no ASCII form to suggest
            return "the host must be ASCII: write it in its xn-- (punycode) form"
        if _is_ip_literal(ascii_host) or _is_local_name(ascii_host):  # １２７.０.０.１
            return f"URL must point to a public host name, not {ascii_host}"
        return f"the host must be ASCII: write '{ascii_host}' instead of '{host}'"
    if "." not in host or host.startswith(".") or host.endswith("."):
        return "URL needs a public host name such as example.org"
    if not _HOST_CHARS.match(host):
        return "URL host may only contain letters, digits, hyphens and dots"
    return None


def _is_local_name(host: str) -> bool:
    # a dotless name such as "localhost" keeps the older message about needing a public name
    return "." in host and (host in _LOCAL_NAMES or host.endswith(_LOCAL_SUFFIXES))


def _is_ip_literal(host: str) -> bool:
    """True for an IP address in any form a resolver accepts: 10.0.0.5, ::1, 127.1, 0x7f.1."""
    if ":" in host:
        return True  # only IPv6 addresses have a colon in the host
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    if not host.isascii():
        return False
    try:
        socket.inet_aton(host)  # parses locally; never a DNS look-up
    except (OSError, ValueError):
        pass
    else:
        return True
    return bool(_NUMERIC_LABEL.match(host.rstrip(".").rsplit(".", 1)[-1]))


def _idna(host: str) -> str | None:
    """The ASCII (punycode) form of an internationalised host name, or None if it has none."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def is_site_root(url: str) -> bool:
    """True when `url` is a site's home page (path empty or "/", no query), not one work on it."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.path in ("", "/") and not parts.query


def normalise_url(url: str) -> str:
    """A comparison key: the same page behind http/https, www., a trailing slash, an index page,
    tracking parameters, a fragment or another spelling of its percent-escapes gives the same key.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:  # not a URL at all: it can only equal itself
        return url.strip()
    host = _ascii_host(host).removeprefix("www.")
    video = _youtube_video(host, parts.path, parts.query)
    if video:
        return urlunsplit(("", "youtube.com", "/watch", urlencode({"v": video}), ""))
    path = _INDEX_PAGE.sub("/", _normalise_escapes(parts.path) or "/").rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return urlunsplit(("", host, path, query, ""))


def _is_youtube(host: str) -> bool:
    return host.removeprefix("www.") in _YOUTUBE


def _youtube_video(host: str, path: str, query: str) -> str | None:
    """The id of the YouTube video an address shows, whichever of its addresses it is."""
    if not _is_youtube(host):
        return None
    if host.removeprefix("www.") == "youtu.be":
        return path.strip("/") or None
    if path.rstrip("/") == "/watch":
        return dict(parse_qsl(query)).get("v") or None
    match = _YOUTUBE_VIDEO_PATH.match(path)
    return match.group(2) if match else None


def _ascii_host(host: str) -> str:
    """bücher.example and xn--bcher-kva.example are the same host."""
    return host if host.isascii() else (_idna(host) or host)


def _normalise_escapes(path: str) -> str:
    """One spelling of a path: /café, /caf%c3%a9 and /caf%C3%A9 all become /caf%C3%A9, and
    %7E becomes ~ (RFC 3986, 6.2.2.2: unreserved characters need no escape)."""
    # a raw non-ASCII character is what a browser sends as its UTF-8 escapes
    path = "".join(c if c.isascii() else quote(c, safe="", errors="surrogatepass") for c in path)

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else f"%{match.group(1).upper()}"

    return _PERCENT.sub(one, path)
