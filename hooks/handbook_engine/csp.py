"""A strict Content Security Policy for each built page, as a <meta> element.

Scripts may come from the site itself or be one of the page's own inline scripts, named by the
SHA-256 of their text. Material's inline scripts differ with the page's depth, so each page gets
the hashes of its own. Data blocks (JSON, JSON-LD) are never executed and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_DATA_TYPES = {"application/json", "application/ld+json"}
_HEAD_START = re.compile(r"<meta charset=[^>]*>", re.I)

FIXED = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # Material sets style attributes; scripts stay strict
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(page: str) -> list[str]:
    hashes = []
    for match in _SCRIPT.finditer(page):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.I) or (kind and kind.group(1).lower() in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy(page: str) -> str:
    script_src = " ".join(["script-src 'self'", *inline_script_hashes(page)])
    return "; ".join([FIXED[0], script_src, *FIXED[1:]])


def with_csp(page: str) -> str:
    """The page with its policy as the first element after <meta charset>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    found = _HEAD_START.search(page)
    if not found:
        raise ValueError("page has no <meta charset>; cannot place the policy first")
    return page[: found.end()] + meta + page[found.end() :]
