"""The benchmark's hook timer: a real build of a small project reports the time of loading the
hook and of each event the hook handles, and the build still makes the site."""

from __future__ import annotations

import sys

import pytest
from trees import ROOT, write_project

sys.path.insert(0, str(ROOT / "benchmarks"))

import run

pytestmark = pytest.mark.build


def test_every_event_of_the_hook_is_timed_inside_a_real_build(tmp_path):
    project = write_project(tmp_path / "kitchen")
    site = tmp_path / "site"
    timings = run.hook_times(project, site)
    # the events the engine's hook handles, and the import of the hook (and so of the engine)
    for name in ("loading the hook", "on_config", "on_files", "on_page_markdown", "on_post_build"):
        assert timings.get(name, 0) > 0, (name, timings)
    assert timings["on_files"] < 60  # seconds: a time, not a timestamp
    assert not site.exists()  # the timed build's site is removed once timed


def test_a_failing_build_stops_the_benchmark_with_its_output(tmp_path):
    project = write_project(tmp_path / "kitchen")
    (project / "data" / "skills.yml").write_text("skills: [\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"skills\.yml"):
        run.hook_times(project, tmp_path / "site")
