"""The engine type-checks under `mypy --strict` and the code passes ruff: part of the README's
test command, so CI runs them and a change that breaks either fails the suite."""

from __future__ import annotations

import re
import subprocess
import sys

from trees import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_the_engine_type_checks_strictly():
    done = _run("mypy")  # files and strictness from pyproject.toml [tool.mypy]
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found")


def test_ruff_finds_nothing_and_the_format_holds():
    paths = [p for p in ("hooks", "tests", "benchmarks", "dev.py") if (ROOT / p).exists()]
    checked = _run("ruff", "check", *paths)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = _run("ruff", "format", "--check", *paths)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_the_browser_reads_ids_with_the_engines_own_pattern():
    from handbook_engine.ids import ID_PATTERN

    script = (ROOT / "docs" / "javascripts" / "handbook.js").read_text(encoding="utf-8")
    # JavaScript's `$` without the m flag ends the string, as the engine's full match does
    assert f"const ID = /^{ID_PATTERN}$/;" in script


def test_the_readme_map_names_every_engine_module_and_browser_script():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    engine = sorted(
        p.name for p in (ROOT / "hooks" / "handbook_engine").glob("*.py") if p.stem != "__init__"
    )
    scripts = sorted(p.name for p in (ROOT / "docs" / "javascripts").glob("*.js"))
    # named in code spans, alone or at the end of a path: `cli.py`, `docs/javascripts/handbook.js`
    missing = [n for n in engine + scripts if not re.search(rf"[`/]{re.escape(n)}`", readme)]
    assert missing == [], f"README.md's map does not name {missing}"
