"""A fork with another learning path passes this repository's engine suite unchanged.

The repository's tracked files are copied to a temporary folder; data/ (except data/schemas/)
becomes the kitchen learning path of tests/trees.py (baker to head chef: cooking and hosting),
docs/ gets minimal pages for it (the engine's javascripts and stylesheets kept), tests/content/
is deleted, as the README tells a fork to do, and `pytest -m "not fork"` runs in the copy. It
runs the engine suite a second time, so it is slow; the nested run never runs this test again
(it deselects the `fork` marker, and HANDBOOK_FORK_RUN stops it in any case)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from trees import ROOT, write_kitchen_data, write_kitchen_docs

pytestmark = pytest.mark.fork


def make_fork(fork: Path) -> Path:
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (t.decode() for t in tracked)):
        source = ROOT / name
        if source.is_file():
            (fork / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, fork / name)
    for item in (fork / "data").iterdir():
        if item.name != "schemas":
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    write_kitchen_data(fork / "data")
    for item in (fork / "docs").iterdir():
        if item.name not in ("javascripts", "stylesheets"):
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    write_kitchen_docs(fork / "docs")
    shutil.rmtree(fork / "tests" / "content", ignore_errors=True)  # a fork may have deleted it
    # as a fork does after changing its groups: regenerate the issue form from the data
    subprocess.run(
        [sys.executable, "-m", "handbook_engine.cli", "forms", "--project", str(fork)],
        cwd=fork,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(fork / "hooks")},
        check=True,
    )
    return fork


@pytest.mark.skipif(bool(os.environ.get("HANDBOOK_FORK_RUN")), reason="inside the fork's run")
def test_a_fork_with_other_data_passes_the_suite_without_content_tests(tmp_path):
    fork = make_fork(tmp_path / "fork")
    assert not (fork / "tests" / "content").exists()
    env = {
        **os.environ,
        "PYTHONPATH": str(fork / "hooks"),
        "HANDBOOK_FORK_RUN": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not fork", "-p", "no:cacheprovider"],
        cwd=fork,
        capture_output=True,
        text=True,
        env=env,
        timeout=3600,
    )
    tail = done.stdout[-6000:] + done.stderr[-2000:]
    assert done.returncode == 0, tail
    summary = done.stdout.splitlines()[-1]
    assert " passed" in summary, tail
    print(f"the fork's own run: {summary}")  # shown with -s or -rP
