"""Writing a file so that a crash at any moment leaves either the old file or the new one.

The bytes go to a temporary file in the same folder, are flushed and fsynced, and only then
renamed over the target (``os.replace`` is atomic on one file system); the folder is fsynced so
the rename itself survives a power cut.  The previous file is kept as a backup by a hard link
made *before* the rename, so at no moment is there no file at the target's name.

A process killed mid-write leaves its temporary file behind: the name carries the writer's pid,
and ``clean_stale`` removes those of writers that are gone (or that are old).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
from pathlib import Path

TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"
STALE_SECONDS = 3600.0  # a temp file this old is stale whoever wrote it (pids get reused)


def temp_name(directory: Path) -> Path:
    return directory / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable; a no-op where folders can't be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder: the rename is still atomic
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes, backup: Path | None = None) -> None:
    """Replace ``target`` by ``data`` durably; the file it replaces becomes ``backup`` (if
    given and there was one).  Raises OSError, after removing its temporary files."""
    directory = target.parent
    directory.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(directory)
    old = temp_name(directory) if backup is not None else None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup is not None and old is not None and target.exists():
            _keep(target, old)
            os.replace(old, backup)
        os.replace(tmp, target)
        _fsync_dir(directory)
    finally:
        for leftover in (tmp, old):
            if leftover is not None:
                with contextlib.suppress(FileNotFoundError, OSError):
                    leftover.unlink()


def _keep(target: Path, copy: Path) -> None:
    """A second name for the current target (a hard link: no bytes copied), or a copy where
    the file system has no hard links."""
    try:
        os.link(target, copy)
    except OSError:
        shutil.copy2(target, copy)
        with open(copy, "rb+") as fh:
            os.fsync(fh.fileno())


def clean_stale(directory: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files left by writers that died (their pid is gone) or that are older
    than an hour; the files removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time() if now is None else now
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(TEMP_PREFIX):].split("-", 1)[0]
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if old or not _alive(pid_text):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid_text: str) -> bool:
    if not pid_text.isdigit():
        return False
    if os.name == "nt":  # os.kill there would end the process: leave it to the age test
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or no way to tell: leave it to the age test
    return True
