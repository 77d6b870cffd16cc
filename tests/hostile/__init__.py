"""The hostile corpus: packs built to attack the loader, one small builder function each.

Every case builds its pack in a fresh work folder beside a sentinel folder ``outside/`` (files
and, where the system has them, a named pipe that would hang whoever opened it).  The loader
(or ``install``) must refuse the pack with a message containing ``expect``, without a traceback,
without opening anything in ``outside/`` and without changing it; and within 2 s
(``TIME_LIMIT``), which the benchmark tests/perf/test_bench_hostile.py measures (a wall-clock
limit has no place in the default run, where a loaded machine would fail it).

A new guard gets a case: add a function to ``cases.py`` with the ``@case`` decorator.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIME_LIMIT = 2.0  # seconds a hostile case may take


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]  # work folder -> the pack (a folder or a .zip) to load
    expect: str | None  # a part of the error's text; None: loading or refusing are both fine
    command: str = "load"  # "load" (load_pack, as validate and play do) or "install"
    fifo: bool = False  # needs named pipes

    def __str__(self) -> str:
        return self.name


CASES: list[Case] = []


def case(expect: str | None, command: str = "load", fifo: bool = False
         ) -> Callable[[Callable[[Path], Path]], Callable[[Path], Path]]:
    def register(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        CASES.append(Case(build.__name__, build, expect, command, fifo))
        return build
    return register


def make_outside(work: Path) -> Path:
    """The sentinel folder: what a hostile pack reaches for."""
    from hostile.build import TEMPLATE, TJ, TSJ, TSX, png

    outside = work / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (outside / "secret.tsx").write_text(TSX, encoding="utf-8")
    (outside / "secret.tx").write_text(TEMPLATE, encoding="utf-8")
    (outside / "secret.tsj").write_text(TSJ, encoding="utf-8")
    (outside / "secret.tj").write_text(TJ, encoding="utf-8")
    (outside / "tiles.png").write_bytes(png(32, 32))
    (outside / "secret.tmx").write_text("<map/>", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(outside / "pipe")
    return outside


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry below folder: (mode, mtime, digest of a regular file's contents)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        digest = ""
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        out[path.relative_to(folder).as_posix()] = (st.st_mode, st.st_mtime_ns, digest)
    return out


@contextmanager
def watch_opens() -> Iterator[list[str]]:
    """Record the path of every file opened (os.open and open) while the block runs."""
    opened: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def os_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.path.abspath(os.fsdecode(path)))
        return real_os_open(path, *args, **kwargs)

    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | bytes | os.PathLike):
            opened.append(os.path.abspath(os.fsdecode(file)))
        return real_open(file, *args, **kwargs)

    os.open = os_open  # type: ignore[assignment]
    builtins.open = open_  # type: ignore[assignment]
    try:
        yield opened
    finally:
        os.open = real_os_open
        builtins.open = real_open


def run(fn: Callable[[], Any], limit: float = 120.0) -> tuple[Any, BaseException | None, float]:
    """(result, exception, seconds) of fn run in a daemon thread: a hang (a pipe opened) shows
    as a thread still alive after ``limit`` seconds, not as a stuck test run. The limit only
    catches a hang, which never ends: it is far above any case's real time on a loaded machine."""
    box: dict[str, Any] = {}

    def target() -> None:
        start = time.perf_counter()
        try:
            box["result"] = fn()
        except BaseException as exc:
            box["error"] = exc
        box["seconds"] = time.perf_counter() - start

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(limit)
    if thread.is_alive():
        raise AssertionError(f"still running after {limit} s (did something open a pipe?)")
    return box.get("result"), box.get("error"), box["seconds"]


from hostile import cases as _cases  # noqa: E402,F401  # registers the cases
