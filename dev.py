#!/usr/bin/env python3
"""Quick start: `python3 dev.py serve` previews the handbook; `python3 dev.py test` runs every test.

Each command works on its own in a fresh clone with only Python 3.11+: it creates `.venv` and
installs exactly the pinned, hash-checked versions of requirements/serve.txt (serve, offline,
check) or requirements/test.txt (test: the same plus the test tools), then the handbook itself
without dependencies. It installs again whenever that lock file or pyproject.toml changes. For the
tests it finds a Chromium (the system's, else Playwright's own, which it installs).

    python3 dev.py serve     preview at http://127.0.0.1:8000/ (options go to `mkdocs serve`)
    python3 dev.py test      every test (options go to pytest)
    python3 dev.py offline   a copy that works from disk, in site-offline/
    python3 dev.py check     `handbook check` (options go to it)
    python3 dev.py lock      regenerate requirements/*.txt from requirements/*.in with hashes
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
REQUIREMENTS = ROOT / "requirements"
# Which lock file each kind of environment installs. test.txt holds every pin of serve.txt
# (tests/unit/test_supply_chain.py checks it), so a test environment also serves.
LOCKS = {"serve": REQUIREMENTS / "serve.txt", "test": REQUIREMENTS / "test.txt"}
COVERS = {"serve": ("serve", "test"), "test": ("test",)}
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Material for MkDocs prints an end-of-life banner on every mkdocs command unless this is set
# (its documented switch); DISABLE_MKDOCS_2_WARNING also drops the notice it appends when the
# third-party `properdocs` package is installed.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# Written into .venv's site-packages so `.venv/bin/mkdocs build` (run by hand, as the README
# shows) is quiet too: a .pth line starting with `import` runs when the interpreter starts.
QUIET_PTH = "handbook_quiet_banners.pth"
# The lock tool, installed into a throwaway virtual environment by `dev.py lock`, never into .venv.
UV = "uv==0.13.9"
LOCK_OPTIONS = ("--universal", "--python-version", "3.11", "--generate-hashes")
PIP_QUIET = ("--quiet", "--disable-pip-version-check")


def _run(*command: str | Path) -> int:
    return subprocess.call([str(p) for p in command], cwd=ROOT)  # noqa: S603


def _hand_over(*command: str | Path) -> int:
    """Run `command` in place of this process, so Ctrl-C and SIGTERM reach it directly.

    On POSIX the process is replaced (os.execv): stopping `dev.py serve` stops the server, with
    no orphan left answering on :8000. Windows has no real exec, so there the command runs as a
    child that shares the console (Ctrl-C reaches both) and is waited for, or ended, here.
    """
    argv = [str(p) for p in command]
    os.chdir(ROOT)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(argv[0], argv)  # noqa: S606
    child = subprocess.Popen(argv)  # noqa: S603
    try:
        return child.wait()
    except KeyboardInterrupt:
        try:
            return child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.terminate()
            return child.wait()
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait()


def _fingerprint(kind: str) -> str:
    digest = hashlib.sha256()
    for path in (LOCKS[kind], ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return f"{kind} {digest.hexdigest()}"


def ensure_environment(kind: str) -> None:
    """Install requirements/<kind>.txt and the project into .venv, unless already there.

    A test environment satisfies serve (test.txt holds every serve pin), so `serve` after `test`
    changes nothing; `test` after `serve` adds the test tools.
    """
    installed = STAMP.read_text().strip() if STAMP.exists() else ""
    if PYTHON.exists() and installed in {_fingerprint(k) for k in COVERS[kind]}:
        return
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    lock = LOCKS[kind].relative_to(ROOT).as_posix()
    print(f"Installing {lock} (hash-checked) and the handbook into .venv ...", flush=True)
    pip = (PYTHON, "-m", "pip", "install", *PIP_QUIET)
    if _run(*pip, "--require-hashes", "--requirement", lock) != 0:
        sys.exit(f"Installing {lock} failed; see the pip output above.")
    # --no-deps: every dependency came from the lock; --no-build-isolation: build with the
    # locked setuptools instead of downloading an unpinned one.
    if _run(*pip, "--no-deps", "--no-build-isolation", "--editable", ".") != 0:
        sys.exit("Installing the handbook failed; see the pip output above.")
    _write_quiet_pth()
    STAMP.write_text(_fingerprint(kind))


def _write_quiet_pth() -> None:
    purelib = subprocess.check_output(  # noqa: S603
        [str(PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True,
    ).strip()
    lines = "".join(f"import os; os.environ.setdefault({k!r}, {v!r})\n" for k, v in QUIET.items())
    (Path(purelib) / QUIET_PTH).write_text(lines)


def _quiet() -> None:
    for key, value in QUIET.items():
        os.environ.setdefault(key, value)


def find_chromium() -> str | None:
    """A system Chromium if there is one (HANDBOOK_CHROMIUM wins), else None.

    HANDBOOK_CHROMIUM=playwright asks for Playwright's own Chromium even when the system has one.
    """
    chosen = os.environ.get("HANDBOOK_CHROMIUM")
    if chosen:
        return None if chosen == "playwright" else chosen
    return next((found for name in SYSTEM_CHROMIUMS if (found := shutil.which(name))), None)


def serve(args: list[str]) -> int:
    ensure_environment("serve")
    _quiet()
    # the preview lives at the root of the dev server, not under the published site's path
    os.environ.setdefault("HANDBOOK_SITE_URL", "http://127.0.0.1:8000/")
    return _hand_over(PYTHON, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *args)


def test(args: list[str]) -> int:
    ensure_environment("test")
    _quiet()
    chromium = find_chromium()
    if chromium:
        print(f"Browser tests use {chromium}.", flush=True)
        os.environ["HANDBOOK_CHROMIUM"] = chromium
    else:
        os.environ.pop("HANDBOOK_CHROMIUM", None)
        print("Installing Playwright's own Chromium for the browser tests ...", flush=True)
        # on CI (GitHub Actions sets CI=true) also the system libraries it needs, through apt
        with_deps = ["--with-deps"] if os.environ.get("CI") and sys.platform == "linux" else []
        if _run(PYTHON, "-m", "playwright", "install", *with_deps, "chromium") != 0:
            sys.exit(
                "Could not get a browser for the browser tests. Install Chromium "
                "(Debian/Ubuntu: sudo apt-get install chromium) or set HANDBOOK_CHROMIUM "
                "to a Chromium or Chrome executable, then run this again."
            )
    return _hand_over(PYTHON, "-m", "pytest", *args)


def offline(args: list[str]) -> int:
    """Build a copy of the site that works when opened from disk, into site-offline/."""
    ensure_environment("serve")
    _quiet()
    os.environ["HANDBOOK_OFFLINE"] = "true"
    return _hand_over(PYTHON, "-m", "mkdocs", "build", "--site-dir", "site-offline", *args)


def check(args: list[str]) -> int:
    """`handbook check`, with no virtual environment to activate (the pre-commit hook uses it)."""
    ensure_environment("serve")
    return _hand_over(PYTHON, "-m", "handbook_engine.cli", "check", *args)


def lock(args: list[str]) -> int:
    """Regenerate both lock files with hashes, for Python 3.11+ on Linux, macOS and Windows.

    uv runs from a throwaway virtual environment in the temporary folder, never from .venv.
    Extra options go to `uv pip compile` (--upgrade, --upgrade-package NAME).
    """
    with tempfile.TemporaryDirectory(prefix="handbook-lock-") as tmp:
        tool = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(tool)
        tool_python = tool / PYTHON.relative_to(VENV)
        if _run(tool_python, "-m", "pip", "install", *PIP_QUIET, UV) != 0:
            sys.exit(f"Could not install {UV} into {tool}.")
        uv = tool / BIN.name / ("uv.exe" if os.name == "nt" else "uv")
        for output in LOCKS.values():
            source = output.with_suffix(".in").relative_to(ROOT).as_posix()
            target = output.relative_to(ROOT).as_posix()
            print(f"Resolving {source} -> {target} ...", flush=True)
            compile_ = (uv, "pip", "compile", "--quiet", *LOCK_OPTIONS)
            header = ("--custom-compile-command", "python3 dev.py lock")
            if _run(*compile_, *header, *args, "--output-file", target, source) != 0:
                sys.exit(f"Resolving {source} failed; see the output above.")
    return 0


def main() -> int:
    commands = {"serve": serve, "test": test, "offline": offline, "check": check, "lock": lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__.strip())
        print("\nusage: python3 dev.py serve|test|offline|check|lock [options]")
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
