"""The plain terminal frontend: for screen readers, pipes and tests.

Interactive terminals get readline editing and history and text wrapped to their width;
piped input is echoed after a ``> `` prompt so the output reads as a transcript.  Nothing else
is printed: no colours, no redrawing, so a screen reader reads only what is new.

Nothing a pack or a player wrote reaches the terminal raw (control characters and bidi
overrides are removed), no line read is longer than ``MAX_LINE``, and however the session
ends (QUIT, end of input, Ctrl-C, SIGTERM, SIGHUP) the game is autosaved and the transcript
closed.  A transcript that can't be written (a full disk) stops with a message.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import textwrap
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import TextIO

from game.engine.output import Line
from game.engine.safetext import clean
from game.engine.session import MAX_LINE, Game

PROMPT = "> "
CHUNK = 64 * 1024


class Hangup(BaseException):
    """SIGTERM or SIGHUP: end the session as if the input had ended (a BaseException, like
    KeyboardInterrupt, so that nothing on the way mistakes it for an error of the game)."""


@contextlib.contextmanager
def hangup_ends_the_session(busy: Callable[[], bool] | None = None,
                            later: Callable[[], None] | None = None) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise Hangup (in the main thread only); while
    ``busy()`` (a turn is being played) they call ``later()`` instead, so the turn finishes
    and the autosave holds a whole turn."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if busy is not None and later is not None and busy():
            later()
            return
        raise Hangup(signum)

    saved: list[tuple[int, object]] = []
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        with contextlib.suppress(ValueError):  # not the main thread: signals stay as they are
            saved.append((sig, signal.signal(sig, handler)))
    try:
        yield
    finally:
        for sig, old in saved:
            signal.signal(sig, old)  # type: ignore[arg-type]


class Terminal:
    def __init__(self, game: Game, stdin: TextIO, stdout: TextIO, interactive: bool,
                 transcript: TextIO | None = None) -> None:
        self.game = game
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self.transcript = transcript
        self.busy = False  # a turn is being played: a hangup waits for its end
        self.hung_up = False
        for stream in (stdin, stdout):  # undecodable bytes in, unencodable text out: U+FFFD
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
        if interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (importing it gives input() editing and history)

    def write(self, lines: Iterable[Line]) -> None:
        width = shutil.get_terminal_size((80, 24)).columns - 1 if self.interactive else 0
        for line in lines:
            text = clean(line.text)
            if width > 20:
                text = "\n".join(textwrap.fill(p, width) if p else "" for p in text.split("\n"))
            self._out(text)
        self._out("")

    def _out(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self._script(text + "\n")

    def _script(self, text: str) -> None:
        """Also to --transcript, a line at a time; a failed write stops it, with a message."""
        if self.transcript is None:
            return
        try:
            self.transcript.write(text)
            self.transcript.flush()
        except (OSError, ValueError) as exc:
            name = getattr(self.transcript, "name", "the transcript")
            with contextlib.suppress(OSError, ValueError):
                self.transcript.close()
            self.transcript = None
            reason = getattr(exc, "strerror", None) or str(exc)
            self.stdout.write(clean(self.game.msg("script.write_failed", path=str(name),
                                                  reason=reason)) + "\n")

    def _readline(self) -> str | None:
        """One line of piped input, at most MAX_LINE characters kept: the rest of a longer line
        is read and thrown away a chunk at a time, so no line can fill the memory."""
        raw = self.stdin.readline(MAX_LINE + 1)
        if not raw:
            return None
        if len(raw) > MAX_LINE and not raw.endswith("\n"):
            while True:
                rest = self.stdin.readline(CHUNK)
                if not rest or rest.endswith("\n"):
                    break
        return raw.rstrip("\r\n")

    def read(self) -> str | None:
        if self.interactive:
            try:
                line = input(PROMPT)
            except EOFError:
                self.stdout.write("\n")
                return None
            self._script(PROMPT + clean(line) + "\n")
            return line
        piped = self._readline()
        if piped is None:
            return None
        self._out(PROMPT + clean(piped[:MAX_LINE]))
        return piped

    def _hang_up_later(self) -> None:
        self.hung_up = True

    def run(self) -> int:
        try:
            with hangup_ends_the_session(lambda: self.busy, self._hang_up_later):
                self.write(self.game.start())
                while not self.game.finished and not self.hung_up:
                    line = self.read()
                    if line is None:
                        break
                    self.busy = True
                    try:
                        out = self.game.submit(line)
                    finally:
                        self.busy = False
                    self.write(out)
        except KeyboardInterrupt:
            _ignore_further_interrupts()
            self.stdout.write("\n")
        except Hangup:
            pass
        finally:
            self.game.autosave()  # every way out keeps the night's play
            self.game.close()
            with contextlib.suppress(OSError, ValueError):
                self.stdout.flush()
        return 0


def _ignore_further_interrupts() -> None:
    """Ctrl-C ends the game; pressing it again while the program winds down must not turn a
    clean exit into a traceback or a death by signal."""
    with contextlib.suppress(ValueError):  # not the main thread: nothing to do
        signal.signal(signal.SIGINT, signal.SIG_IGN)
