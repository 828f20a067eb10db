"""The user's cache folder (``$XDG_CACHE_HOME/aplan``, else ``~/.cache/aplan``): work that
repeats from build to build (compiled templates, the segmentation of the report's Thai) is
kept there.

A cache only saves time: a folder that cannot be made, read or written (a read-only home, a
full disk) means doing the work again, never an error. Files are written whole (a temporary
file renamed) with the user's umask.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

KEPT = 16  # files kept in a folder whose names change with their content (oldest go first)


def folder(name: str) -> Path | None:
    """The cache folder ``name``, made if need be; None when it cannot be made."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base if os.path.isabs(base) else os.path.expanduser("~/.cache"))
    path = root / "aplan" / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write(path: Path, data: bytes) -> None:
    """``data`` to ``path`` whole, or nothing at all."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def prune(path: Path, keep: int = KEPT) -> None:
    """Only the ``keep`` most recently written files of the folder ``path``."""
    with contextlib.suppress(OSError):
        files = sorted(path.iterdir(), key=lambda file: file.stat().st_mtime_ns)
        for old in files[:-keep]:
            old.unlink()
