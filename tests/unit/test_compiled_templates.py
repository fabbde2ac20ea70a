"""Templates compiled by one build are reused by the next only while nothing that shaped them
has changed: an edited template or an edited environment is compiled again, and a machine with
no private temporary folder still builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from trees import ROOT

RENDER = (
    "import sys\n"
    "from handbook_engine.templating import render_template\n"
    "sys.stdout.write(render_template('probe.md.j2', x=1))\n"
)


@pytest.fixture
def engine(tmp_path: Path) -> Path:
    """A copy of the engine with one template of the test's own, and a temporary folder."""
    hooks = tmp_path / "hooks"
    shutil.copytree(
        ROOT / "hooks" / "handbook_engine",
        hooks / "handbook_engine",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (tmp_path / "tmp").mkdir()
    return hooks


def _render(hooks: Path) -> str:
    """What the probe template renders in a fresh process, as a new build would see it."""
    env = {"PYTHONPATH": str(hooks), "TMPDIR": str(hooks.parent / "tmp")}
    done = subprocess.run(
        [sys.executable, "-c", RENDER], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cached(hooks: Path) -> list[Path]:
    return list((hooks.parent / "tmp").glob(f"_jinja2-cache-{os.getuid()}/handbook-*.cache"))


def _write_probe(hooks: Path, text: str) -> None:
    (hooks / "handbook_engine" / "templates" / "probe.md.j2").write_text(text, encoding="utf-8")


def test_an_edited_template_is_compiled_again(engine: Path) -> None:
    _write_probe(engine, "first {{ x }}\n")
    assert _render(engine) == "first 1\n"
    assert _render(engine) == "first 1\n"
    assert len(_cached(engine)) == 1  # one compiled entry, kept for the next build
    _write_probe(engine, "second {{ x }}\n")
    assert _render(engine) == "second 1\n"


def test_an_edited_environment_is_not_served_code_compiled_under_the_old_one(engine: Path) -> None:
    # the same template text renders differently once trim_blocks is off: code compiled with
    # it on must not be reused
    _write_probe(engine, "{% if x %}\nyes\n{% endif %}\n")
    assert _render(engine) == "yes\n"
    templating = engine / "handbook_engine" / "templating.py"
    source = templating.read_text(encoding="utf-8")
    assert "trim_blocks=True," in source
    templating.write_text(source.replace("trim_blocks=True,", "trim_blocks=False,"), "utf-8")
    assert _render(engine) == "\nyes\n\n"


def test_without_a_private_temporary_folder_templates_are_compiled_every_time(
    engine: Path,
) -> None:
    # a file where the private folder would be (or a folder another user owns) is refused
    (engine.parent / "tmp" / f"_jinja2-cache-{os.getuid()}").write_text("not a folder")
    _write_probe(engine, "first {{ x }}\n")
    assert _render(engine) == "first 1\n"
    _write_probe(engine, "second {{ x }}\n")
    assert _render(engine) == "second 1\n"
