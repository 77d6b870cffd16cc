"""End to end under a real X server: Xvfb, the real window, xdotool typing a command.

Skipped (with the reason) when Xvfb or xdotool is not installed; ``.ci/run`` installs them with
apt-get where it can. Every wait polls for a condition with a generous deadline; nothing sleeps
a fixed time for correctness.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Spotless Mind"  # the built-in pack's title, which the window takes as its caption
DEADLINE = 60.0  # seconds for any one condition; generous for slow CI machines

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="Xvfb and xdotool are not installed (apt-get install xvfb xdotool)")


def wait_for(condition: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb on a free display number (Xvfb picks it and tells us through -displayfd)."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_fd)
    try:
        number = b""
        end = time.monotonic() + DEADLINE
        while not number.endswith(b"\n"):
            left = end - time.monotonic()
            ready, _, _ = select.select([read_fd], [], [], max(0.0, left))
            if not ready:
                raise AssertionError("Xvfb did not report its display number in time")
            chunk = os.read(read_fd, 64)
            if not chunk:  # Xvfb died
                err = xvfb.stderr.read().decode(errors="replace") if xvfb.stderr else ""
                raise AssertionError(f"Xvfb failed to start: {err[-2000:]}")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_fd)
        stop(xvfb)


def xdotool(env: dict[str, str], *args: str, timeout: float = DEADLINE) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr}"
    return done.stdout


def test_typing_a_command_in_the_real_window(display: str, tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    env = {k: v for k, v in os.environ.items()
           if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY")}  # the real X11 driver
    env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               SPOTLESS_DATA_DIR=str(data), SPOTLESS_CONFIG_DIR=str(config),
               PYTHONFAULTHANDLER="1")
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as o, err.open("wb") as e:
        game = subprocess.Popen([sys.executable, "-m", "game", "--window"], cwd=ROOT, env=env,
                                stdin=subprocess.DEVNULL, stdout=o, stderr=e)
    try:
        # by pid: xdotool's --name misses SDL's WM_NAME, which is set as UTF8_STRING
        found: list[str] = []

        def window_up() -> bool:
            assert game.poll() is None, (
                f"the game exited ({game.returncode}) before its window showed: "
                f"stderr {err.read_text()[-3000:]!r} stdout {out.read_text()[-1000:]!r}")
            done = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                   str(game.pid)], env=env, capture_output=True, text=True,
                                  timeout=DEADLINE)
            found[:] = [w for w in done.stdout.split() if TITLE in subprocess.run(
                ["xdotool", "getwindowname", w], env=env, capture_output=True, text=True,
                timeout=DEADLINE).stdout]  # the caption is set just after the window opens
            return bool(found)

        wait_for(window_up, f"the window {TITLE!r} to be shown")
        window = found[0]
        # no window manager on Xvfb: give the window the keyboard focus ourselves
        xdotool(env, "windowfocus", "--sync", window)
        # The window opens on the title screen, where Return chooses "New game" and letters do
        # nothing; in the game, "save" (no space: Space also chooses on the title) writes
        # savegame.json. So type "save" + Return until that file appears: the first Return may
        # land on the title, keys typed while the game starts may be dropped (a partial word is
        # only an unknown command), and each round polls before trying again.
        save = data / "saves" / "spotless" / "savegame.json"
        rounds = 0
        end = time.monotonic() + DEADLINE
        while not save.is_file():
            assert time.monotonic() < end, f"{save} never appeared after {rounds} tries"
            assert game.poll() is None, f"the game exited early: {err.read_text()[-3000:]}"
            rounds += 1
            xdotool(env, "type", "--delay", "20", "save")
            xdotool(env, "key", "Return")
            try:
                wait_for(save.is_file, "the save", timeout=2)
            except AssertionError:
                continue
        assert save.stat().st_size > 0
        print(f"saved after {rounds} round(s) of typing")

        # quit the way a player does: the game asks, the answer closes the window
        for answer in ("quit", "y"):
            xdotool(env, "type", "--delay", "20", answer)
            xdotool(env, "key", "Return")
        wait_for(lambda: game.poll() is not None, "the window to close after quit, yes")
        assert game.returncode == 0, err.read_text()[-3000:]
    finally:
        stop(game)
    stderr = err.read_text(errors="replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert "Traceback" not in out.read_text(errors="replace")
