"""`mkdocs serve` rebuilds in one process for as long as an author edits: what one build keeps
must be freed by the next, or the preview's memory grows with every save (the kitchen project)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from trees import ROOT, write_kitchen

pytestmark = pytest.mark.build

# Each rebuild as `mkdocs serve` makes it: the configuration read again, then a build in the same
# process. Recorded for each: how many objects the build froze once its site was made (what it
# keeps out of the garbage collector's way until the next build starts).
_REBUILDS = textwrap.dedent(
    """
    import gc, json, sys
    from handbook_engine import collector
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    frozen = []
    hold = collector.hold

    def counting_hold():
        hold()
        frozen.append(gc.get_freeze_count())

    collector.hold = counting_hold
    for number in range(int(sys.argv[1])):
        config = load_config("mkdocs.yml", site_dir=sys.argv[2])
        if number == 0:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
    print(json.dumps(frozen))
    """
)


def test_rebuilds_in_one_process_keep_no_more_than_one_build(tmp_path):
    project = write_kitchen(tmp_path / "kitchen")
    done = subprocess.run(
        [sys.executable, "-c", _REBUILDS, "5", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    frozen = json.loads(done.stdout.splitlines()[-1])
    # The first build also loads modules and caches for good; from the second on, each build
    # replaces the last. Freezing the last build's garbage again adds about 6% a rebuild.
    assert len(frozen) == 5 and frozen[-1] <= frozen[1] * 1.01, frozen
    assert (tmp_path / "site" / "index.html").is_file()
