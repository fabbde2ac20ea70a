"""Command line for contributors: `handbook check` validates data/ without building the site,
`handbook new` starts a resource file, `handbook links` reports resource URLs that broke,
`handbook review` lists the resources due to be opened again, `handbook forms` writes the issue
form from the data and `handbook render` writes the handbook as plain Markdown."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from . import docs_links, forms, links, newresource, newresource_ask, review, taught_in, url_check
from .problems import DataError, Problem, counted, printable
from .validate import build_handbook, check


def github_annotation(problem: Problem) -> str:
    """A workflow command that shows the problem on the changed line of a pull request.

    Contributors' text is in the message: % , CR, LF (and : , in properties) are escaped as
    the workflow-command format requires, so no text can start a command of its own."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    title = f"{problem.field}" if problem.field else "data"
    return (
        f"::error file={prop(problem.path)},line={problem.line},title={prop(title)}::"
        f"{data(printable(problem.message))}"
    )


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    data = args.data.resolve()
    docs = docs_links.pages(args.docs)
    handbook, problems = check(data, docs, changed_files(data, args.base))
    if docs is not None:  # what data points at in docs/ and docs/ at in data, as a build would
        problems = taught_in.check_sections(handbook, data, args.docs, docs, problems)
        problems += docs_links.docs_problems(handbook, args.docs, docs)
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(github_annotation(problem) if args.format == "github" else problem)
    if problems or handbook is None:
        print(f"\n{counted(len(problems), 'problem')} found in {elapsed:.2f} s.")
        return 1
    print(
        f"OK: {counted(len(handbook.resources), 'resource')}, "
        f"{counted(len(handbook.skills), 'skill group')}, "
        f"{counted(len(handbook.stages), 'stage')}, "
        f"{counted(len(handbook.terms), 'glossary term')} checked in {elapsed:.2f} s."
    )
    return 0


def changed_files(data: Path, base: str | None) -> set[str] | None:
    """Data files added or edited against the base branch (as `data/...`), or None when git or
    the base is not there. CI names the base through GITHUB_BASE_REF on pull requests."""
    ref = base or (
        f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else ""
    )
    if not ref or ref.startswith("-"):  # a ref, never an option for git
        return None
    try:
        done = subprocess.run(  # noqa: S603 - git with fixed options and a checked ref
            ["git", "diff", "--name-only", "--diff-filter=AMR", f"{ref}...HEAD", "--", "."],  # noqa: S607
            cwd=data,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],  # noqa: S607
            cwd=data,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    changed = set()
    for name in done.stdout.splitlines():
        path = Path(top) / name
        if path.is_relative_to(data):
            changed.add(f"{data.name}/{path.relative_to(data).as_posix()}")
    return changed


def _new(args: argparse.Namespace) -> int:
    data: Path = args.data
    given = [args.title, args.url]
    try:
        if all(given):
            answers = newresource.Answers(
                title=args.title,
                url=args.url.strip(),
                kind=args.kind,
                skills=list(dict.fromkeys(args.skill or [])),
                topic=args.topic,
                cost=args.cost,
                level=args.level,
                id=args.id,
            )
        elif any(given):
            print("handbook new: give both --title and --url, or neither to be asked for them.")
            return 1
        elif sys.stdin.isatty():
            answers = newresource_ask.ask(data)
        else:
            print('handbook new: not in a terminal; run: handbook new --title "..." --url "..."')
            return 1
        path = newresource.create(answers, data)
    except newresource.NewResourceError as error:
        print(f"handbook new: {error}")
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nhandbook new: stopped; nothing was written.")
        return 1
    print(f"Wrote {path.as_posix()}\nnow edit it, then run: handbook check")
    return 0


def _links(args: argparse.Namespace) -> int:
    """Exit 0 when every link works, 1 when some are broken, 3 on a network problem here."""
    settings = url_check.Settings(timeout=args.timeout, workers=args.workers)
    found = links.collect(args.data)
    print(f"Checking {len(found)} resource links ...", file=sys.stderr, flush=True)
    checked = links.check_all(found, settings)
    text = links.report(checked)
    print(text, end="")
    if args.report is not None:
        args.report.write_text(text, encoding="utf-8")
    if links.network_problem(checked):
        return 3  # not the links' fault: a scheduled run must not open issues for every link
    return 1 if any(result.status == url_check.BROKEN for _, result in checked) else 0


def _review(args: argparse.Namespace) -> int:
    """Always exits 0 when the data can be read: being due is work to do, not a failure."""
    try:
        handbook = build_handbook(args.data.resolve())
    except DataError as error:
        print(error)
        return 1
    today = date.fromisoformat(args.today) if args.today else date.today()
    text = review.report(review.overdue(handbook, today), today)
    print(text, end="")
    if args.report is not None:
        args.report.write_text(text, encoding="utf-8")
    return 0


def _forms(args: argparse.Namespace) -> int:
    """Write the files that derive from data/, or with --check say which ones drifted."""
    project = args.project.resolve()
    try:
        generated = forms.generate(project)
    except ValueError as error:
        print(f"handbook forms: {error}")
        return 1
    drifted = []
    for relative, text in generated.items():
        target = project / relative
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        drifted.append(relative.as_posix())
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    verb = "differs from the data; run `handbook forms`" if args.check else "written"
    for name in drifted:
        print(f"{name}: {verb}")
    if not drifted:
        print("The forms match the data.")
    return 1 if drifted and args.check else 0


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _render(args: argparse.Namespace) -> int:
    from .static_tree import TreeError, write_static_tree  # Jinja and the renderer: only here

    try:
        count = write_static_tree(args.project.resolve(), args.out.resolve())
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except TreeError as error:
        print(f"handbook render: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {count} pages and mkdocs.yml to {args.out}; build it there with mkdocs build.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the data files and list every problem")
    check_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    check_cmd.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder")
    check_cmd.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: workflow annotations that show each problem on its line in a pull request",
    )
    check_cmd.add_argument(
        "--base",
        help="git ref to compare with (default origin/$GITHUB_BASE_REF): a duplicate is "
        "reported on the file this change adds or edits",
    )
    check_cmd.set_defaults(run=_check)

    new_cmd = commands.add_parser(
        "new",
        help="start data/resources/<id>.yml with every field; asks for them when run bare",
        description="Write a new resource file from a title and URL, with every field of the "
        "schema in order. Run with no options in a terminal to be asked for each value.",
    )
    new_cmd.add_argument("--title", help="the work's own title")
    new_cmd.add_argument("--url", help="its canonical http(s) address")
    new_cmd.add_argument("--kind", help="what sort of work it is (see the schema)")
    new_cmd.add_argument(
        "--skill", action="append", help="a skill group id; repeat it, home group first"
    )
    new_cmd.add_argument("--topic", help="a topic id of one of its skill groups")
    new_cmd.add_argument("--cost", help="free, freemium or paid (see the schema)")
    new_cmd.add_argument("--level", help="who it is for (see the schema)")
    new_cmd.add_argument("--id", help="its file name, when the title gives none or a taken one")
    new_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    new_cmd.set_defaults(run=_new)

    links_cmd = commands.add_parser(
        "links", help="open every resource URL and report the broken ones (uses the network)"
    )
    links_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    links_cmd.add_argument("--report", type=Path, help="also write the Markdown report here")
    links_cmd.add_argument(
        "--timeout", type=_positive, default=15.0, help="seconds for each request (default 15)"
    )
    links_cmd.add_argument(
        "--workers", type=int, default=8, help="URLs checked at the same time (default 8)"
    )
    links_cmd.set_defaults(run=_links)

    review_cmd = commands.add_parser(
        "review", help="list the resources due to be opened again and their why confirmed"
    )
    review_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    review_cmd.add_argument("--report", type=Path, help="also write the Markdown list here")
    review_cmd.add_argument("--today", help="count from this date (YYYY-MM-DD) instead of today")
    review_cmd.set_defaults(run=_review)

    forms_cmd = commands.add_parser(
        "forms", help="write the GitHub issue form and contact link from the data they describe"
    )
    forms_cmd.add_argument("--project", type=Path, default=Path("."), help="project folder")
    forms_cmd.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would change"
    )
    forms_cmd.set_defaults(run=_forms)

    render_cmd = commands.add_parser(
        "render",
        help="write the whole handbook as plain Markdown that MkDocs builds without the hook",
        description="Write every page, generated ones included, as the hook hands it to MkDocs, "
        "and mkdocs.yml without hooks, into a new folder: any builder that reads Markdown can "
        "start from it.",
    )
    render_cmd.add_argument("--project", type=Path, default=Path("."), help="project folder")
    render_cmd.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    render_cmd.set_defaults(run=_render)
    args = parser.parse_args(argv)
    if (data := getattr(args, "data", None)) and not (data / "schemas").is_dir():  # wrong folder
        where = f"{data}/ holds no handbook data (it has no schemas/ folder)"
        print(f"handbook {args.command}: {where}; run it from the project's folder or give --data")
        return 1
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
