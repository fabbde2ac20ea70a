"""Keep the garbage collector off what one build keeps.

Once the site is made, what is alive (the config, the theme, the handbook and its pages) lives to
the end of the build, and each full collection while the pages are built would walk all of it
again: one such collection cost 24-37 ms of a 2 s build. Frozen, it is skipped. It stays frozen
until the next build starts or the process ends: `mkdocs build` ends right after, and giving it
back at the end of each build cost 30-90 ms of CPU time more (the interpreter's last collection
then walks it all). A process that builds again (`mkdocs serve`) collects the last build's
garbage before freezing anew, or every rebuild would keep the one before it alive. Python's
collector cannot unfreeze only what one caller froze: giving back gives back whatever is frozen.
"""

from __future__ import annotations

import gc

_state = {"held": False}


def hold() -> None:
    """Freeze what is alive now; to be called once the site is made."""
    gc.freeze()
    _state["held"] = True


def before_build() -> None:
    """A build starts: give back what the last build froze and collect its garbage, before
    anything is frozen again."""
    if _state["held"]:
        gc.unfreeze()
        gc.collect()
        _state["held"] = False
