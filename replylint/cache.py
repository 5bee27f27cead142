"""Where replylint keeps what it can rebuild: parsed rule packs and word-form
expansions, so that a cold `replylint check` does not redo them."""

from __future__ import annotations

import gc
import io
import os
import pickle
import tempfile
from contextlib import contextmanager
from pathlib import Path


def cache_dir() -> Path:
    """$REPLYLINT_CACHE_DIR, else $XDG_CACHE_HOME/replylint, else ~/.cache/replylint."""
    if os.environ.get("REPLYLINT_CACHE_DIR"):
        return Path(os.environ["REPLYLINT_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "replylint"


def read_cache(path: Path) -> bytes | None:
    """A cache file's bytes, or None when there is nothing usable to read: no
    such file, a directory in its place, no permission, any other OS error."""
    try:
        return path.read_bytes()
    except (OSError, ValueError):
        return None


def read_pickled(path: Path, unpickler: type[pickle.Unpickler]):
    """What the cache file at `path` holds, unpickled by `unpickler` (which admits only the
    classes its cache writes), or None when it is absent, unreadable, garbage, truncated
    or names a class the unpickler refuses: each of those is a miss."""
    data = read_cache(path)
    if data is None:
        return None
    try:
        return unpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - garbage, truncated, foreign classes...: a miss
        return None


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file so readers never see half of it; errors only cost time.

    An empty directory where the file belongs (never made by us) is removed so
    the entry can be rebuilt; anything else in the way is left alone."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.is_dir() and not path.is_symlink():
            os.rmdir(path)  # fails (and keeps it) unless it is empty
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:  # never leave a half-written or orphaned temporary file behind
            try:
                os.unlink(tmp)
            except OSError:
                pass


def value_bytes(value) -> bytes:
    """The value pickled without the memo: equal values give equal bytes whichever of their strings are
    one shared object (packs parsed now share them, trees read back from the YAML cache may not)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # (no memo: the patterns hold no cycles)
    pickler.dump(value)
    return buffer.getvalue()


def remember(memo: dict, key, value, limit: int):
    """`memo[key] = value`, the memo emptied first once it holds more than `limit` entries:
    the per-word memos of a long-lived process (server, audit) stay bounded. Returns `value`."""
    if len(memo) > limit:
        memo.clear()
    memo[key] = value
    return value


def keep_newest(directory: Path, kept: int) -> None:
    """Remove all but the `kept` newest `*.pickle` entries of a cache directory (by
    modification time, which a reader refreshes on a hit: the least recently used go
    first); someone editing their packs would otherwise pile them up. Errors only
    leave files behind, and a removed entry is rebuilt when it is next needed."""
    try:
        entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[kept:]:
            old.unlink()
    except OSError:
        pass


# set by a one-shot command (`replylint check`): what a build leaves is moved to the collector's
# permanent generation (`gc.freeze`), so the first collections after it do not walk the
# hundreds of thousands of objects of the packs, the pipeline and spaCy. Never set in a
# long-lived process (server, LSP): objects frozen there would not be reclaimed if dropped.
freeze_after_build = False


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
        if freeze_after_build:
            gc.freeze()
        if was_enabled:
            gc.enable()
