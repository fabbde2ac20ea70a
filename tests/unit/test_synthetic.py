"""The synthetic data of the scale benchmarks is valid, exact in size, unique and repeatable."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from handbook_engine.validate import check

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402


def _files(data: Path) -> dict[str, str]:
    return {
        p.relative_to(data).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(data.rglob("*.yml"))
    }


def test_fifty_resources_pass_the_check_with_unique_ids_and_urls(tmp_path: Path) -> None:
    ids = synthetic.generate(tmp_path / "data", 50, seed=1)
    handbook, problems = check(tmp_path / "data")
    assert problems == []
    assert handbook is not None
    assert len(handbook.resources) == 50
    assert len({r.id for r in handbook.resources}) == 50 == len(set(ids))
    assert len({r.url for r in handbook.resources}) == 50
    assert len(handbook.skills) == 4 and all(s.topics for s in handbook.skills)
    assert len(handbook.terms) == 40
    staged = [rid for stage in handbook.stages for rid in stage.resources]
    assert 0 < len(staged) <= 40


def test_every_field_is_filled(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "data", 50, seed=2)
    for file in (tmp_path / "data" / "resources").glob("*.yml"):
        fields = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert {"time", "year", "tags"} <= fields.keys(), file.name
        assert 2 <= fields["why"].count(". ") + 1 <= 3, fields["why"]


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    first = _files(tmp_path / "a") if synthetic.generate(tmp_path / "a", 50, seed=7) else {}
    second = _files(tmp_path / "b") if synthetic.generate(tmp_path / "b", 50, seed=7) else {}
    other = _files(tmp_path / "c") if synthetic.generate(tmp_path / "c", 50, seed=8) else {}
    assert first == second
    assert first != other


def test_growing_the_real_data_keeps_it_and_reaches_the_count(tmp_path: Path) -> None:
    real = ROOT / "data"
    size = len(list((real / "resources").glob("*.yml"))) + 30
    synthetic.generate(tmp_path / "data", size, seed=0, base=real)
    handbook, problems = check(tmp_path / "data", None)
    assert problems == []
    assert handbook is not None
    assert len(handbook.resources) == size
    assert {p.stem for p in (real / "resources").glob("*.yml")} <= {
        r.id for r in handbook.resources
    }
