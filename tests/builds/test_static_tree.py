"""`handbook render --out DIR` writes the handbook as plain Markdown: built there with MkDocs and
no hook, it has the same pages, with the same titles and the same main content."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from trees import run_build, run_cli

pytestmark = pytest.mark.build

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
# "Edit this page" points at the data file in the hooked build and at the Markdown in the tree
_EDIT_BUTTON = re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.S)


def render(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("render", "--project", ".", "--out", out, cwd=project)


def pages(site: Path) -> dict[str, tuple[str, str]]:
    found = {}
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        title, article = _TITLE.search(text), _ARTICLE.search(text)
        if title and article:
            found[page.relative_to(site).as_posix()] = (
                title.group(1),
                # (pages made from no file have no edit button, so the blank around it differs)
                " ".join(_EDIT_BUTTON.sub("", article.group(1)).split()),
            )
    return found


def test_the_rendered_tree_builds_without_the_hook_into_the_same_pages(kitchen_site, tmp_path):
    tree = tmp_path / "tree"
    done = render(kitchen_site.project, tree)
    assert done.returncode == 0, done.stderr
    config = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config and "handbook.py" not in config
    plain = run_build(tree, tmp_path / "plain")
    assert plain.returncode == 0, plain.output
    hooked, built = pages(kitchen_site.site), pages(plain.site)
    assert len(hooked) > 10  # the generated pages are among them
    assert sorted(built) == sorted(hooked)
    for path, (title, article) in hooked.items():
        assert built[path][0] == title, path
        assert built[path][1] == article, path
    # the core script has its vocabulary written in there too, the same as the hook writes it
    script = "javascripts/handbook.js"
    assert (plain.site / script).read_bytes() == (kitchen_site.site / script).read_bytes()


def test_render_refuses_a_folder_that_is_not_empty(kitchen_site, tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    done = render(kitchen_site.project, tmp_path)
    assert done.returncode == 1
    assert "is not an empty folder" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_render_refuses_a_folder_inside_docs(kitchen_site):
    # the next build would read the written pages as hand-written ones and fail on each
    inside = kitchen_site.project / "docs" / "rendered"
    done = render(kitchen_site.project, inside)
    assert done.returncode == 1
    assert "is inside the project's docs/" in done.stderr and "Traceback" not in done.stderr
    assert not inside.exists()


def test_render_of_broken_data_lists_the_problems_and_writes_nothing(kitchen_site, tmp_path):
    project = tmp_path / "project"
    for name in ("data", "docs"):
        source = kitchen_site.project / name
        for file in source.rglob("*"):
            if file.is_file():
                target = project / name / file.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.read_bytes())
    (project / "mkdocs.yml").write_bytes((kitchen_site.project / "mkdocs.yml").read_bytes())
    first = sorted((project / "data" / "resources").glob("*.yml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("kind: ", "kind: scroll-"))
    done = render(project, tmp_path / "out")
    assert done.returncode == 1
    assert f"data/resources/{first.name}" in done.stderr and "kind" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_the_config_loses_its_hooks_and_keeps_everything_else():
    from handbook_engine.static_tree import _config_without_hooks

    config = (
        "site_name: X\nwatch: [data]\nhooks:\n  - hooks/handbook.py\n  # why\n"
        "extra:\n  analytics: none\nplugins:\n  - search\n"
    )
    text = _config_without_hooks(config, ["catalogue/2.md"], {"old": "new"})
    assert text == (
        "site_name: X\nextra:\n"
        '  handbook_redirects: {"old": "new"}\n'
        "  analytics: none\nplugins:\n  - search\n"
        "not_in_nav: |\n  /catalogue/2.md\n"
    )
