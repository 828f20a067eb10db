"""Where a build writes: checked before any work is done, written whole or not at all.

An output path is refused before the compile when it is a folder, a device, inside the data
folder (``-o data/2567/report.yaml`` would overwrite a source) or inside the shipped templates,
or when its folder cannot be written: a fault found after a long compile wastes it.

A file is written to a temporary file beside it and renamed over it, so a reader never sees half
a PDF and a failure leaves the old file as it was. The temporary file is made with mode 0666 less
the umask, like any other file the user makes. It is named ``.<name>.<pid>.<random>.tmp``: a
build stopped by SIGTERM, SIGHUP or Ctrl-C removes its own; one stopped by SIGKILL cannot, and the
next build to the same path removes those whose process is gone.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from .problems import Problem, Severity
from .sources import file_kind

LATEST_EPOCH = 253402300799
"""SOURCE_DATE_EPOCH of 9999-12-31 23:59:59 UTC, the last day a date can name."""
_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Stops that would otherwise end the process before the temporary file is removed; SIGINT
raises KeyboardInterrupt, which the write's own clean-up handles."""


class OutputError(Exception):
    """A write failed; ``problem`` names the path and the cause."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def output_problems(output: Path, protected: dict[Path, str]) -> list[Problem]:
    """Why ``output`` cannot be written, found before any work: ``[]`` when it can.

    ``protected`` maps folders aplan must never write into to what they are, such as
    ``{data_root: "the data folder"}``. Stale temporary files of earlier builds are removed.
    """
    real = output.resolve()
    for folder, what in protected.items():
        if real == folder.resolve() or real.is_relative_to(folder.resolve()):
            return [
                _fault(
                    output,
                    f"this is inside {what} ({folder}); aplan never writes there: name a file "
                    "outside it, such as build/report.pdf",
                )
            ]
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        return [_fault(output, f"cannot use this path: {_cause(err)}")]
    if mode is not None and stat.S_ISDIR(mode):
        return [
            _fault(output, "this is a folder; -o names the file to write, such as "
                   f"{output / 'report.pdf'}")
        ]
    if mode is not None and not stat.S_ISREG(mode):
        return [_fault(output, f"{file_kind(mode)}, not a file; name a file to write")]
    folder = output.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return [_fault(output, f"cannot make the folder {folder}: {_cause(err)}")]
    try:
        probe = _temporary(output)
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666))
        os.unlink(probe)
    except OSError as err:
        return [_fault(output, f"cannot write in the folder {folder}: {_cause(err)}")]
    remove_stale(output)
    return []


def source_date_problems() -> list[Problem]:
    """``SOURCE_DATE_EPOCH``, when set, is a date the document can carry."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value or (value.isascii() and value.isdigit() and int(value) <= LATEST_EPOCH):
        return []
    return [
        Problem(
            "SOURCE_DATE_EPOCH", 0, 0, Severity.ERROR, "environment",
            f"the environment variable SOURCE_DATE_EPOCH is {value[:40]!r}; it must be a whole "
            "number of seconds since 1970-01-01 UTC, such as 1711843200, or not set at all",
        )
    ]


def write_whole(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically; raise ``OutputError`` naming path and cause."""
    temporary = _temporary(path)
    try:
        with _removed_on_stop(temporary):
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
    except OSError as err:
        raise OutputError(_fault(path, f"cannot write the file: {_cause(err)}")) from None


@contextmanager
def _removed_on_stop(temporary: Path) -> Iterator[None]:
    """Remove ``temporary`` however the block ends: an error, Ctrl-C, SIGTERM or SIGHUP."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for number in _SIGNALS:
            if signal.getsignal(number) is signal.SIG_IGN:
                continue  # `nohup aplan build`: a hangup was meant not to stop the build
            previous[number] = signal.signal(number, _stop)
    try:
        yield
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _stop(number: int, _frame: FrameType | None) -> None:
    """A stop signal during a write: raised, so that the clean-up runs; then the process exits."""
    raise SystemExit(128 + number)


def remove_stale(path: Path) -> None:
    """Remove the temporary files of ``path`` left by killed builds (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.[0-9a-f]+\.tmp$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        match = pattern.match(name)
        if match is not None and not _alive(int(match.group(1))):
            (path.parent / name).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def _temporary(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _cause(err: OSError) -> str:
    if err.errno == errno.ENOTDIR and err.filename:
        blocking = next(
            (p for p in Path(err.filename).parents if p.exists() and not p.is_dir()), None
        )
        if blocking is not None:
            return f"{blocking} is a file, not a folder"
    if err.errno == errno.ENOSPC:
        return "the disk is full (no space left on the device)"
    if err.errno == errno.EFBIG:
        return "the file is larger than this system allows (file too large)"
    if err.errno == errno.EROFS:
        return "the disk is read-only"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (err.strerror or str(err)).lower()


def _fault(path: Path, message: str) -> Problem:
    return Problem(str(path), 0, 0, Severity.ERROR, "output", message)
