"""`handbook links`: open every resource URL and report the ones that no longer work.

Each URL is checked by url_check.py (retries, redirects, public addresses only). One file that
cannot be read is skipped, not fatal, and when most links fail to connect at all, the run
reports a network problem on this machine instead of a list of broken links.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .loader import line_of, load_yaml
from .problems import counted
from .url_check import BROKEN, RATE_LIMITED, Result, Settings, check_url

NETWORK_MIN_LINKS = 10  # below this many links, a few failures are not a pattern


@dataclass(frozen=True)
class Link:
    shown: str  # the file as printed, e.g. data/resources/inspired.yml
    line: int  # line of the url field
    url: str


def collect(data_dir: Path) -> list[Link]:
    """Every resource URL with the file and line it comes from, in file order.

    A file that cannot be read is skipped with a line on stderr: one broken contribution must not
    stop the check of every other link (`handbook check` reports the problem in full).
    """
    links = []
    for path in sorted((data_dir / "resources").glob("*.yml")):
        shown = _shown(path)
        try:
            data, problems = load_yaml(path, shown)
        except Exception as error:  # whatever the loader did not foresee: skip this file only
            data = None
            why = f"{type(error).__name__}: {error}"
        else:
            why = "; ".join(problem.message for problem in problems) or "no data"
        if not isinstance(data, dict):
            print(f"handbook links: skipped {shown}: {why}", file=sys.stderr)
            continue
        url = data.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            links.append(Link(shown, line_of(data, ("url",)), url))
        else:
            print(f"handbook links: skipped {shown}: no http(s) url", file=sys.stderr)
    return links


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_all(
    links: Sequence[Link],
    settings: Settings | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[tuple[Link, Result]]:
    """Check `links` with a small thread pool; results keep the order of `links`."""
    if not links:
        return []
    settings = settings or Settings()
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        results = list(pool.map(lambda link: check_url(link.url, settings, sleep), links))
    return list(zip(links, results, strict=True))


def network_problem(checked: Sequence[tuple[Link, Result]]) -> bool:
    """True when so many links failed to connect at once that this machine's network is the
    likelier cause (no connection, DNS or TLS at all; an HTTP 404 is an answer, not a failure)."""
    failed = sum(1 for _, result in checked if result.network)
    return len(checked) >= NETWORK_MIN_LINKS and failed * 2 > len(checked)


def report(checked: Sequence[tuple[Link, Result]], today: dt.date | None = None) -> str:
    """The Markdown report: broken links, rate-limited ones, and a summary line; or, when the
    network failed, one line that says so instead of listing every link as broken."""
    day = (today or dt.date.today()).isoformat()
    total = len(checked)
    if network_problem(checked):
        failed = sum(1 for _, result in checked if result.network)
        return (
            f"More than half of the {total} links failed to connect: this looks like a network "
            f"problem on the machine that ran the check, not {failed} broken links. "
            "Nothing is reported as broken.\n\n"
            "# Resource link check\n\n"
            f"Checked {total} links on {day}: {failed} could not connect; run the check again "
            "from a machine with a working connection.\n"
        )
    broken = [(link, r) for link, r in checked if r.status == BROKEN]
    limited = [(link, r) for link, r in checked if r.status == RATE_LIMITED]
    lines = ["# Resource link check", ""]
    if broken:
        lines += ["## Broken links", ""]
        lines += [f"- {link.shown}:{link.line} {link.url} — {r.reason}" for link, r in broken]
        lines.append("")
    if limited:
        lines += ["## Rate limited (not counted as broken; check them by hand)", ""]
        lines += [f"- {link.shown}:{link.line} {link.url} — {r.reason}" for link, r in limited]
        lines.append("")
    fine = total - len(broken) - len(limited)
    lines.append(
        f"Checked {counted(total, 'link')} on {day}: "
        f"{len(broken)} broken, {len(limited)} rate limited, {fine} OK."
    )
    return "\n".join(lines) + "\n"
