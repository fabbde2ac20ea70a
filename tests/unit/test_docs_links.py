"""`handbook check` names a link in docs/ to the card of a resource that is gone (renamed or
deleted) with the fix, where before it said OK and the strict build failed on an anchor warning
that did not mention data/redirects.yml."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from handbook_engine import cli
from trees import write_kitchen_data

# the kitchen's resources include sauce-book; old-sauce-book is a redirect to it
_PAGE = """\
# Sauces

Read [it](../skills/cooking.md#res-sauce-book), [old](../skills/cooking.md#res-old-sauce-book).

Then [a gone book](../skills/cooking.md#res-sauce-bok "a typo of sauce-book").

```markdown
An example: [shown, not linked](../skills/cooking.md#res-not-a-resource)
```

Inline code shows `[a link](../skills/cooking.md#res-also-shown)` as text.

[gone]: ../skills/hosting.md#res-zzz-nothing-like-it
<a href="../catalogue.md#res-sauce-bok">HTML</a> and [elsewhere](https://example.org/x#res-zzz).

## Res publica

[Same page](#res-publica), [a hand-written page](notes.md#res-anything).
"""


def _check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, page: str, redirects: str = ""
) -> tuple[int, list[str]]:
    data = write_kitchen_data(tmp_path / "data")
    kept = data / "redirects.yml"
    kept.write_text(
        kept.read_text("utf-8").replace("redirects:\n", "redirects:\n" + redirects), "utf-8"
    )
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    (tmp_path / "docs" / "guides" / "sauces.md").write_text(page, encoding="utf-8")
    (tmp_path / "docs" / "guides" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--data", "data", "--docs", "docs"])
    return code, capsys.readouterr().out.splitlines()


def test_a_link_to_a_gone_card_is_named_with_its_fix(tmp_path, monkeypatch, capsys):
    code, out = _check(tmp_path, monkeypatch, capsys, _PAGE)
    assert code == 1
    renamed = (
        "the link goes to #res-sauce-bok, but no resource has the id 'sauce-bok' (did you mean "
        "'sauce-book'?); if 'sauce-book' is its new name, add 'sauce-bok: sauce-book' under "
        "redirects in data/redirects.yml, which keeps old links and readers' saved progress "
        "working; if the resource was removed, link to another one or remove the link"
    )
    assert out[:3] == [
        f"docs/guides/sauces.md:5: {renamed}",
        "docs/guides/sauces.md:13: the link goes to #res-zzz-nothing-like-it, but no resource has "
        "the id 'zzz-nothing-like-it': link to a resource that exists, or remove the link",
        f"docs/guides/sauces.md:14: {renamed}",
    ]
    assert out[3:] == ["", "3 problems found in " + out[-1].split(" in ")[1]]


def test_a_fixed_link_passes(tmp_path, monkeypatch, capsys):
    fixed = _PAGE.replace("sauce-bok", "sauce-book").replace("zzz-nothing-like-it", "sauce-book")
    code, out = _check(tmp_path, monkeypatch, capsys, fixed)
    assert (code, out[0][:4]) == (0, "OK: ")


def test_the_redirect_it_asks_for_is_enough(tmp_path, monkeypatch, capsys):
    redirects = "  sauce-bok: sauce-book\n  zzz-nothing-like-it: sauce-book\n"
    code, out = _check(tmp_path, monkeypatch, capsys, _PAGE, redirects)
    assert (code, out[0][:4]) == (0, "OK: "), out


# Pages built to make the link reading backtrack (a docs page is anyone's pull request): a
# quadratic reading of these takes minutes; read in one pass, all of them take well under a second.
_BACKTRACKING = [
    "a" + "`" * 20_000,
    "a" + "``a" * 20_000,
    "](" * 150_000,
    "](<" * 100_000,
    "[x]: " * 60_000,
    " [" + "]:" * 100_000,
    "href='" * 60_000,
    "href = " * 60_000,
    "```\n" * 60_000,
]


def test_hostile_pages_are_read_in_linear_time(tmp_path, monkeypatch, capsys):
    data = write_kitchen_data(tmp_path / "data")
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    (tmp_path / "docs" / "guides" / "sauces.md").write_text("# Sauces\n", encoding="utf-8")
    for i, page in enumerate(_BACKTRACKING):
        (tmp_path / "docs" / f"hostile-{i}.md").write_text(page, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    assert cli.main(["check", "--data", str(data), "--docs", "docs"]) == 0, capsys.readouterr()
    assert time.perf_counter() - started < 10, "quadratic: these pages take minutes"


def test_a_block_the_data_cannot_give_is_named_as_the_build_names_it(tmp_path, monkeypatch, capsys):
    page = "# Sauces\n\n<!-- handbook:skil-cards -->\n\nText.\n\n<!-- handbook:questions -->\n"
    code, out = _check(tmp_path, monkeypatch, capsys, page)
    assert (code, out[0]) == (
        1,
        "docs/guides/sauces.md:3: unknown block <!-- handbook:skil-cards -->; the blocks are "
        "skill-cards, questions",
    )
    assert len(out) == 3  # the question bank has its data: one problem, a blank line, the count
    (tmp_path / "data" / "questions.yml").unlink()
    assert cli.main(["check", "--data", "data", "--docs", "docs"]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        "docs/guides/sauces.md:7: <!-- handbook:questions --> shows the question bank, but data/ "
        "has no questions (questions.yml is missing or empty): add them, or take the line out of "
        "the page"
    )


_NAV = """\
nav:
  - Home: index.md
  - Path: path.md
  - Practice: practice.md
  - Sauces:
      - guides/sauces.md
      - guides/gone.md
      - guides/*.md
  - Elsewhere: https://example.org/page.md
  - skills
"""


def test_a_page_the_nav_names_must_be_in_docs_or_made_by_the_data(tmp_path, monkeypatch, capsys):
    # practice.md is made while checks.yml or capstones.yml has entries: with neither, a nav
    # that still names it passed check and failed the strict build with awesome-nav's warning
    fixed = _PAGE.replace("sauce-bok", "sauce-book").replace("zzz-nothing-like-it", "sauce-book")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / ".nav.yml").write_text(_NAV, encoding="utf-8")
    code, out = _check(tmp_path, monkeypatch, capsys, fixed)
    assert code == 1
    assert out[:1] == [
        "docs/.nav.yml:7: nav: 'guides/gone.md' is neither a page in docs/ nor one the data "
        "makes here; remove it, or add the data that makes it",
    ]
    for name in ("checks.yml", "capstones.yml"):
        (tmp_path / "data" / name).unlink()
    code, out = _check_again(monkeypatch, capsys)
    assert out[:2] == [
        "docs/.nav.yml:4: nav: 'practice.md' is neither a page in docs/ nor one the data "
        "makes here; remove it, or add the data that makes it",
        "docs/.nav.yml:7: nav: 'guides/gone.md' is neither a page in docs/ nor one the data "
        "makes here; remove it, or add the data that makes it",
    ]


def _check_again(monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[int, list[str]]:
    code = cli.main(["check", "--data", "data", "--docs", "docs"])
    return code, capsys.readouterr().out.splitlines()
