"""Where replylint keeps what it can rebuild: parsed rule packs and word-form
expansions, so that a cold `replylint check` does not redo them."""

from __future__ import annotations

import gc
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def cache_dir() -> Path:
    """$REPLYLINT_CACHE_DIR, else $XDG_CACHE_HOME/replylint, else ~/.cache/replylint."""
    if os.environ.get("REPLYLINT_CACHE_DIR"):
        return Path(os.environ["REPLYLINT_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "replylint"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file so readers never see half of it; errors only cost time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while building rule sets and pipelines:
    their thousands of new containers would otherwise set off full collections
    over every object spaCy created at import (about half of a cold start's
    pack loading time). The work is bounded and makes no garbage cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
