"""Shared fixtures (the browser ones are defined in tests/chromium.py, once for the whole
session: two Playwright instances cannot run side by side) and markers.

Markers are given by place as well as by hand, so that `-m "not browser"` and `-m "not build"`
always mean what they say: every test under a `browser/` folder is marked `browser` (and
`build`, since it needs a built site), every test under `builds/` or using a built-site fixture
is marked `build`, and every test under `fork/` is marked `fork`."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import browser, kitchen, kitchen_url, page, site_url  # noqa: F401
from trees import ROOT, BuildResult, run_build, write_kitchen

TESTS = Path(__file__).parent
# fixtures that run a real MkDocs build
BUILD_FIXTURES = {"real_site", "site_url", "kitchen_site", "kitchen_url", "kitchen_offline"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # folders inside tests/ only: a clone that lives under a folder named "fork" or
        # "browser" must not mark every test
        parts = Path(str(item.path)).relative_to(TESTS).parts
        if "browser" in parts:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.build)
        if "builds" in parts or BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
        if "fork" in parts:
            item.add_marker(pytest.mark.fork)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """This repository's own handbook (whatever data/ and docs/ hold), built strictly once for
    the whole test session."""
    result = run_build(ROOT, tmp_path_factory.mktemp("real") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def kitchen_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The kitchen learning path of tests/trees.py (two groups, 12 resources, two stages),
    built strictly once for the whole test session: what the engine's tests read."""
    root = tmp_path_factory.mktemp("kitchen")
    result = run_build(write_kitchen(root / "project"), root / "site")
    assert result.returncode == 0, result.output
    result.project = root / "project"  # type: ignore[attr-defined]
    return result
