"""Shared fixtures: the real site, built strictly once per test session."""

from __future__ import annotations

import pytest
from trees import ROOT, BuildResult, run_build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real handbook, built strictly once for the whole test session."""
    result = run_build(ROOT, tmp_path_factory.mktemp("real") / "site")
    assert result.returncode == 0, result.output
    return result
