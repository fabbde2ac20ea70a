#!/usr/bin/env python3
"""Quick start: `python3 dev.py serve` previews the handbook; `python3 dev.py test` runs every test.

Each command works on its own in a fresh clone with only Python 3.11+: it creates `.venv`,
installs the project with its test tools (again whenever pyproject.toml changes), and, for the
tests, finds a Chromium (the system's, else Playwright's own, which it installs).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _run(*command: str | Path, **kwargs: object) -> int:
    return subprocess.call([str(p) for p in command], cwd=ROOT, **kwargs)  # noqa: S603


def ensure_environment() -> None:
    """Create .venv and install the project into it, unless pyproject.toml is unchanged."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing the handbook and its test tools into .venv ...", flush=True)
    quiet = ["--quiet", "--disable-pip-version-check"]
    if _run(PYTHON, "-m", "pip", "install", *quiet, "--editable", ".[test]") != 0:
        sys.exit("Installing the dependencies failed; see the pip output above.")
    STAMP.write_text(wanted)


def find_chromium() -> str | None:
    """A system Chromium if there is one (HANDBOOK_CHROMIUM wins), else None."""
    chosen = os.environ.get("HANDBOOK_CHROMIUM")
    if chosen:
        return chosen
    return next((found for name in SYSTEM_CHROMIUMS if (found := shutil.which(name))), None)


def serve(args: list[str]) -> int:
    ensure_environment()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # the preview lives at the root of the dev server, not under the published site's path
    os.environ.setdefault("HANDBOOK_SITE_URL", "http://127.0.0.1:8000/")
    return _run(PYTHON, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *args)


def test(args: list[str]) -> int:
    ensure_environment()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    chromium = find_chromium()
    if chromium:
        print(f"Browser tests use {chromium}.", flush=True)
        os.environ["HANDBOOK_CHROMIUM"] = chromium
    else:
        print("No system Chromium found; installing Playwright's own Chromium ...", flush=True)
        if _run(PYTHON, "-m", "playwright", "install", "chromium") != 0:
            sys.exit(
                "Could not get a browser for the browser tests. Install Chromium "
                "(Debian/Ubuntu: sudo apt-get install chromium) or set HANDBOOK_CHROMIUM "
                "to a Chromium or Chrome executable, then run this again."
            )
    return _run(PYTHON, "-m", "pytest", *args)


def offline(args: list[str]) -> int:
    """Build a copy of the site that works when opened from disk, into site-offline/."""
    ensure_environment()
    os.environ.update(NO_MKDOCS_2_WARNING="1", HANDBOOK_OFFLINE="true")
    return _run(PYTHON, "-m", "mkdocs", "build", "--site-dir", "site-offline", *args)


def main() -> int:
    commands = {"serve": serve, "test": test, "offline": offline}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__.strip())
        print("\nusage: python3 dev.py serve|test|offline [options for mkdocs serve|pytest|build]")
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
