"""`handbook review` and `handbook check --format github`: maintainers' and contributors' views."""

from __future__ import annotations

from datetime import date

from handbook_engine import cli, review
from handbook_engine.problems import Problem
from handbook_engine.validate import build_handbook, check
from trees import resource_yaml, write_data

REVIEW = """\
default: 24
kinds:
  talk: 6
topics:
  sauces: 3
"""


def _data(tmp_path, **resources):
    data = write_data(tmp_path / "data", resources)
    (data / "review.yml").write_text(REVIEW, encoding="utf-8")
    return data


def test_interval_is_the_shorter_of_kind_and_topic_and_the_clock_starts_at_checked(tmp_path):
    data = _data(
        tmp_path,
        **{
            "sauce-book": resource_yaml(added="2026-01-31"),  # topic sauces: 3 months
            "hosting-talk": resource_yaml(
                title="Hosting Without Fear",
                url="https://example.com/talks/hosting",
                kind="talk",
                skills=["hosting"],
                topic="service",
                added="2025-01-01",
                checked="2026-05-01",  # talk: 6 months from the review, not from added
            ),
        },
    )
    handbook = build_handbook(data)
    assert [d.resource.id for d in review.overdue(handbook, date(2026, 4, 29))] == []
    due = review.overdue(handbook, date(2026, 4, 30))
    assert [(d.resource.id, d.due) for d in due] == [("sauce-book", date(2026, 4, 30))]
    later = review.overdue(handbook, date(2026, 11, 1))
    assert [d.resource.id for d in later] == ["sauce-book", "hosting-talk"]  # oldest first
    assert later[1].checked and not later[0].checked


def test_month_arithmetic_keeps_to_the_end_of_short_months():
    assert review.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert review.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert review.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_review_command_writes_a_list_the_workflow_can_count(tmp_path, capsys):
    data = _data(tmp_path)
    out = tmp_path / "review.md"
    code = cli.main(["review", "--data", str(data), "--report", str(out), "--today", "2030-01-01"])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 2
    # the same `added` date: ties go by id
    assert items[0].startswith("- data/resources/hosting-talk.yml: Hosting Without Fear (added,")
    assert items[1].startswith("- data/resources/sauce-book.yml: The Sauce Book (added, never")
    assert cli.main(["review", "--data", str(data), "--today", "2026-01-03"]) == 0
    assert "Nothing is due on 2026-01-03." in capsys.readouterr().out


def test_review_file_names_only_real_kinds_and_topics(tmp_path):
    data = _data(tmp_path)
    (data / "review.yml").write_text(
        "default: 24\nkinds:\n  bok: 6\ntopics:\n  sauce: 3\n", encoding="utf-8"
    )
    _, problems = check(data)
    shown = [str(p) for p in problems]
    assert any(
        p.startswith(
            "data/review.yml:3: kinds.bok: 'bok' is not one of the kinds (did you mean 'book'?)"
        )
        for p in shown
    ), shown
    assert any(
        p.startswith("data/review.yml:5: topics.sauce: 'sauce' is not one of the topics")
        for p in shown
    ), shown


def test_review_intervals_are_whole_months(tmp_path):
    data = _data(tmp_path)
    (data / "review.yml").write_text("default: 24.0\n", encoding="utf-8")
    _, problems = check(data)
    assert [str(p) for p in problems] == [
        "data/review.yml:1: default: must be a whole number, not a number 24.0"
    ]


def test_github_annotations_carry_contributors_text_without_commands():
    hostile = Problem(
        "data/resources/a,b:c.yml",
        7,
        "title",
        "'x%0A::error::pwned\r\n::warning file=x::y' is wrong, 100% sure",
    )
    line = cli.github_annotation(hostile)
    assert line.startswith("::error file=data/resources/a%2Cb%3Ac.yml,line=7,title=title::")
    assert "\n" not in line and "\r" not in line
    # a line break shows as the two characters \r\n, as in the plain output: no command starts
    assert "%250A::error::pwned\\r\\n::warning file=x::y" in line
    assert line.endswith("100%25 sure")


def test_check_prints_annotations_for_github(tmp_path, capsys):
    data = write_data(tmp_path / "data", {"bad": resource_yaml(kind="bok")})
    assert cli.main(["check", "--data", str(data), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("::error file=data/resources/bad.yml,line=4,title=kind::'bok' is not")


# --- a duplicate is reported on the newcomer ----------------------------------------------------


TWIN = "https://example.org/twin"


def _twin(tmp_path, original_added: str, copy_added: str):
    """`zz-original` and `aa-copy`: the same work; the copy sorts first."""
    return write_data(
        tmp_path / "data",
        {
            "zz-original": resource_yaml(title="Twin Work", url=TWIN, added=original_added),
            "aa-copy": resource_yaml(title="Twin Work", url=TWIN + "/", added=copy_added),
        },
    )


def test_without_git_the_later_added_file_is_blamed_whatever_sorts_first(tmp_path):
    data = _twin(tmp_path, "2026-01-02", "2026-03-04")
    _, problems = check(data)
    blamed = {p.path for p in problems}
    assert blamed == {"data/resources/aa-copy.yml"}, problems
    assert any(
        "this URL is already used by data/resources/zz-original.yml:" in p.message for p in problems
    )


def test_with_git_the_file_this_change_adds_is_blamed_even_if_dated_earlier(tmp_path, capsys):
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    original = resource_yaml(title="Twin Work", url=TWIN, added="2026-03-04")
    data = write_data(tmp_path / "data", {"aa-original": original})
    git("init", "-q", "-b", "main")
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "add", ".")
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "commit", "-qm", "base")
    git("checkout", "-qb", "proposal")
    (data / "resources" / "zz-newcomer.yml").write_text(
        resource_yaml(title="Other Title", url=TWIN + "/", added="2025-01-01")
    )
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "add", ".")
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "commit", "-qm", "proposal")
    assert cli.main(["check", "--data", str(data), "--base", "main"]) == 1
    out = capsys.readouterr().out
    expected = (
        "zz-newcomer.yml:3: url: this URL is already used by data/resources/aa-original.yml:3"
    )
    assert "data/resources/" + expected in out
    assert "aa-original.yml:3: url:" not in out
