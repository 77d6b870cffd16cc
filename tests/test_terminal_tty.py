"""The interactive terminal as a person meets it: a real pseudo-terminal, Ctrl-D and Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")

ROOT = Path(__file__).resolve().parent.parent
HOUSE = ROOT / "tests" / "packs" / "house"


def _read_until(fd: int, needle: bytes, timeout: float = 60.0) -> bytes:
    """Read from the terminal until ``needle`` appears (or fail after a generous timeout)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"never saw {needle!r}; got {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    leader, follower = pty.openpty()
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SPOTLESS_DATA_DIR=str(tmp_path),
               COLUMNS="60", TERM="dumb")
    # The game gets Ctrl-C as a player's terminal gives it, even when the test run itself was
    # started in the background by a shell, which sets SIGINT to "ignored" for its children
    # (Python then keeps it ignored, and Ctrl-C would do nothing at all).
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", str(HOUSE)], stdin=follower,
                            stdout=follower, stderr=follower, env=env, cwd=ROOT,
                            start_new_session=True, preexec_fn=_default_sigint)
    os.close(follower)
    return proc, leader


def test_interactive_play_then_ctrl_d_ends_cleanly(tmp_path: Path) -> None:
    proc, fd = _start(tmp_path)
    try:
        _read_until(fd, b"> ")
        os.write(fd, b"x rug\r")
        out = _read_until(fd, b"threadbare rug")
        if not out.rstrip().endswith(b">"):
            out += _read_until(fd, b"> ")
        assert b"Traceback" not in out
        os.write(fd, b"\x04")  # Ctrl-D
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(fd)


def test_ctrl_c_ends_cleanly(tmp_path: Path) -> None:
    proc, fd = _start(tmp_path)
    try:
        _read_until(fd, b"> ")
        # A Ctrl-C landing in the instant between readline printing its prompt and waiting
        # for keys is lost inside CPython's readline (a known race). So the test does what a
        # person does: presses Ctrl-C, waits for the game to end (the real condition: its exit,
        # however slow a loaded machine makes it), and presses again only after waiting longer
        # each time. Once the game has taken a Ctrl-C it ignores more, so a second press can
        # only end it the same way; one landing in the microseconds before that gives the
        # shell's usual 130 instead of 0, still without a traceback. The deadline only catches
        # a real hang.
        rest = b""
        deadline = time.monotonic() + 300
        patience = 1.0
        while proc.poll() is None:
            assert time.monotonic() < deadline, "Ctrl-C never ended the game"
            os.killpg(proc.pid, signal.SIGINT)
            waited = time.monotonic() + patience
            while proc.poll() is None and time.monotonic() < waited:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if ready:  # keep the terminal drained, so the game never blocks writing
                    with contextlib.suppress(OSError):
                        rest += os.read(fd, 4096)
            patience = min(patience * 2, 30.0)
        assert proc.returncode in (0, 130)
        with contextlib.suppress(OSError):
            rest += os.read(fd, 4096)
        assert b"Traceback" not in rest
    finally:
        proc.kill()
        os.close(fd)


def test_long_text_is_wrapped_to_the_terminal_width(tmp_path: Path) -> None:
    proc, fd = _start(tmp_path)
    try:
        out = _read_until(fd, b"> ")
        lines = out.decode("utf-8", "replace").replace("\r", "").split("\n")
        assert lines and max(len(ln) for ln in lines) <= 60
        assert any(len(ln) > 40 for ln in lines)  # wrapped, not chopped into nothing
        os.write(fd, b"quit\r")
        _read_until(fd, b"yes or no")
        os.write(fd, b"yes\r")
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(fd)
