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


def test_the_readme_map_names_every_engine_module_and_browser_script():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    engine = sorted(
        p.name for p in (ROOT / "hooks" / "handbook_engine").glob("*.py") if p.stem != "__init__"
    )
    scripts = sorted(p.name for p in (ROOT / "docs" / "javascripts").glob("*.js"))
    # named in code spans, alone or at the end of a path: `cli.py`, `docs/javascripts/handbook.js`
    missing = [n for n in engine + scripts if not re.search(rf"[`/]{re.escape(n)}`", readme)]
    assert missing == [], f"README.md's map does not name {missing}"


def test_no_assert_can_end_a_build_with_a_traceback():
    # an assert stops a build with a traceback, and `python -O` drops it: the engine raises
    # DataError (file, line, field) or returns a problem instead
    import ast

    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "hooks").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []


def test_every_engine_module_stays_small_enough_to_read_in_one_sitting():
    # the house rule: one job per module, each under about 300 lines; a module past it is a sign
    # that it took a second job, and the split is cheaper now than after the next feature
    limit = 300
    long = {
        path.name: lines
        for path in sorted((ROOT / "hooks").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > limit
    }
    assert long == {}, f"over {limit} lines: {long}"
