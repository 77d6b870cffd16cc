"""No input can hang or break the game: undecodable bytes, SCRIPT ON, huge lines, control
characters on their way to the terminal, a full disk under the transcript, SIGTERM and SIGHUP,
and wrapping that stays linear."""

from __future__ import annotations

import dataclasses
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import say
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.saves import AUTOSAVE, SaveStore
from game.engine.session import MAX_LINE, Game
from game.engine.world import World
from game.ui.terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent
HOUSE = ROOT / "tests" / "packs" / "house"
ESC = "\x1b"


def spotless(*args: str, stdin: bytes = b"", data: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               SPOTLESS_DATA_DIR=str(data))
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin,
                          capture_output=True, env=env, cwd=ROOT, timeout=120)


# -- fuzz: SCRIPT ON and undecodable bytes -----------------------------------------------------
COMMANDS = ["script on", "script off", "look", "take box", "e", "w", "i", "save slot",
            "restore slot", "restore", "undo", "x rug", "transcript", "quit", "no"]


def _undecodable(raw: bytes) -> str:
    """Bytes as Python gives them from a terminal in a C locale: undecodable ones as lone
    surrogates (U+DC80..U+DCFF), which no UTF-8 file can hold as they are."""
    return raw.decode("utf-8", "surrogateescape")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_with_script_on_and_undecodable_bytes(house: World, tmp_path: Path,
                                                   data: st.DataObject) -> None:
    folder = tmp_path / f"run{time.perf_counter_ns()}"
    lines = data.draw(st.lists(st.one_of(
        st.sampled_from(COMMANDS),
        st.binary(max_size=30).map(_undecodable),
        st.text(max_size=30),
        st.tuples(st.sampled_from(["x ", "take ", "save ", "restore "]),
                  st.binary(max_size=12).map(_undecodable)).map("".join),
    ), min_size=10, max_size=40), label="lines")
    game = Game(house, seed=2, strict=True, saves=SaveStore(folder))
    game.start()
    game.submit("script on")
    for line in lines:
        if game.finished:
            break
        assert game.submit(line)
    game.close()
    script = folder / "house-transcript.txt"
    if script.exists():
        script.read_bytes().decode("utf-8")  # written with replacement: always UTF-8


def test_undecodable_bytes_piped_into_the_terminal(tmp_path: Path) -> None:
    r = spotless("play", str(HOUSE), "--text", "--transcript", str(tmp_path / "t.txt"),
                 stdin=b"script on\nx \xff\xfe\xc3 rug\ntake \x80box\nsave \xe9t\xe9\n",
                 data=tmp_path)
    assert r.returncode == 0, r.stderr
    assert b"Traceback" not in r.stderr + r.stdout
    assert "\ufffd".encode() in r.stdout  # shown as replacement characters
    for path in (tmp_path / "t.txt", tmp_path / "saves" / "house" / "house-transcript.txt"):
        text = path.read_bytes().decode("utf-8")
        assert "> x \ufffd" in text, path


# -- long lines ---------------------------------------------------------------------------------
def test_a_line_longer_than_the_cap_is_refused(game: Game) -> None:
    assert say(game, "x " + "a" * MAX_LINE) == (
        f"That line is far too long to read (at most {MAX_LINE} characters); nothing happened.")
    assert game.state.turn == 0
    assert say(game, "x rug") == "A threadbare rug."


def test_a_huge_piped_line_is_read_in_bounded_memory(tmp_path: Path) -> None:
    line = b"x " + b"rug " * (8 * 1024 * 1024 // 4) + b"\nx rug\n"  # 8 MB, then a real command
    r = spotless("play", str(HOUSE), "--text", stdin=line, data=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "far too long to read" in out
    assert "A threadbare rug." in out
    assert len(out) < 20_000  # the echo is cut too


def test_the_terminal_reads_a_capped_line_and_skips_the_rest(house: World,
                                                             tmp_path: Path) -> None:
    game = Game(house, seed=1, strict=True)
    stdin = io.StringIO("look " * 10_000 + "\ni\n")
    out = io.StringIO()
    Terminal(game, stdin, out, interactive=False).run()
    text = out.getvalue()
    assert text.count("far too long to read") == 1
    assert text.endswith("> i\nYou are carrying:\n  a coat (worn)\n\n")


# -- control characters never reach the terminal ----------------------------------------------
def test_control_characters_are_stripped_from_what_the_terminal_prints(house: World) -> None:
    hall = house.rooms["house/Hall"]
    hostile = dataclasses.replace(house, rooms={**house.rooms, "house/Hall": dataclasses.replace(
        hall, title=f"The Hall{ESC}]0;pwned\x07\u202e\x00")})
    game = Game(hostile, seed=1, strict=True)
    stdin = io.StringIO(f"x rug{ESC}[2J\nlook\n")
    out = io.StringIO()
    Terminal(game, stdin, out, interactive=False).run()
    text = out.getvalue()
    assert "The Hall]0;pwned\n" in text
    for bad in (ESC, "\x07", "\u202e", "\x00"):
        assert bad not in text


# -- the transcript: a full disk, SIGTERM and SIGHUP --------------------------------------------
needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


@needs_dev_full
def test_a_full_disk_stops_the_transcript_with_a_message(tmp_path: Path) -> None:
    r = spotless("play", str(HOUSE), "--text", "--transcript", "/dev/full",
                 stdin=b"x rug\ni\n", data=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "[The transcript /dev/full could not be written (No space left on device), so it " \
           "has stopped. The game goes on.]" in out
    assert out.count("could not be written") == 1
    assert "A threadbare rug." in out and "Traceback" not in out + r.stderr.decode()


@needs_dev_full
def test_a_full_disk_stops_script_on_with_a_message(game: Game) -> None:
    assert game.saves is not None
    game.saves.directory.mkdir(parents=True, exist_ok=True)
    (game.saves.directory / "house-transcript.txt").symlink_to("/dev/full")
    out = say(game, "script on")
    assert "could not be written (No space left on device), so it has stopped" in out
    assert game.script is None
    assert say(game, "x rug") == "A threadbare rug."
    game.close()


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_close_the_transcript_and_autosave(tmp_path: Path, sig: str) -> None:
    if not hasattr(signal, sig):
        pytest.skip(f"no {sig} here")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SPOTLESS_DATA_DIR=str(tmp_path))
    transcript = tmp_path / "t.txt"
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", str(HOUSE), "--text",
                             "--transcript", str(transcript)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"take box\ne\n")
    proc.stdin.flush()
    seen = b""
    while b"Kitchen" not in seen:
        chunk = proc.stdout.read1(4096)  # type: ignore[attr-defined]
        assert chunk, proc.stderr.read() if proc.stderr else ""
        seen += chunk
    text = transcript.read_text(encoding="utf-8")
    assert "> take box\nTaken.\n" in text  # flushed line by line, before any exit
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err
    from game.packs.loader import load_pack

    world = load_pack(HOUSE)[0]
    state = SaveStore(tmp_path / "saves" / "house").restore(AUTOSAVE, world).state
    assert state.room == "house/Kitchen" and state.turn == 2


# -- wrapping is linear --------------------------------------------------------------------------
class CountingFont:
    """A font whose every glyph is 7 px wide, counting the characters it measures."""

    def __init__(self) -> None:
        self.measured = 0

    def size(self, text: str) -> tuple[int, int]:
        self.measured += len(text)
        return 7 * len(text), 16


@pytest.mark.parametrize("n", [4_000, 40_000])
def test_wrapping_one_long_word_is_linear(n: int) -> None:
    pytest.importorskip("pygame")
    from game.ui.window.textpanel import wrap

    font = CountingFont()
    rows = wrap("x" * n, font, 300)  # type: ignore[arg-type]
    assert "".join(rows) == "x" * n
    assert all(len(r) * 7 <= 300 for r in rows)
    assert font.measured < 40 * n  # was n * n / 2 and more: 8 million for 4,000 characters


def test_wrapping_words_still_cuts_at_spaces() -> None:
    pytest.importorskip("pygame")
    from game.ui.window.textpanel import wrap

    font = CountingFont()
    assert wrap("hello there my friend", font, 90) == ["hello there", "my friend"]  # type: ignore[arg-type]
    assert wrap("ab\n\ncd", font, 90) == ["ab", "", "cd"]  # type: ignore[arg-type]


def test_taking_yourself_from_something(game: Game) -> None:
    """The fuzz's one KeyError: TAKE ME FROM a thing named Joel, the player, as the noun."""
    assert say(game, "get me from box") == "You can't pick yourself up; you've been trying " \
                                           "for weeks."
