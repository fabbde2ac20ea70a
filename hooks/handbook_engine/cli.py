"""Command line for contributors: `handbook check` validates data/ without building the site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .validate import check


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    handbook, problems = check(args.data.resolve(), _docs_pages(args.docs))
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(problem)
    if problems:
        count = len(problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found in {elapsed:.2f} s.")
        return 1
    assert handbook is not None
    print(
        f"OK: {len(handbook.resources)} resources, {len(handbook.skills)} skill groups, "
        f"{len(handbook.stages)} stages, {len(handbook.terms)} glossary terms "
        f"checked in {elapsed:.2f} s."
    )
    return 0


def _docs_pages(docs: Path) -> set[str] | None:
    if not docs.is_dir():
        return None
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the data files and list every problem")
    check_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    check_cmd.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder")
    check_cmd.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
