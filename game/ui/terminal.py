"""The plain terminal frontend: for screen readers, pipes and tests.

Interactive terminals get readline editing and history and text wrapped to their width;
piped input is echoed after a ``> `` prompt so the output reads as a transcript.  Nothing else
is printed: no colours, no redrawing, so a screen reader reads only what is new.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import textwrap
from collections.abc import Iterable
from typing import TextIO

from game.engine.output import Line
from game.engine.session import Game

PROMPT = "> "


class Terminal:
    def __init__(self, game: Game, stdin: TextIO, stdout: TextIO, interactive: bool,
                 transcript: TextIO | None = None) -> None:
        self.game = game
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self.transcript = transcript
        if interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (importing it gives input() editing and history)

    def write(self, lines: Iterable[Line]) -> None:
        width = shutil.get_terminal_size((80, 24)).columns - 1 if self.interactive else 0
        for line in lines:
            text = line.text
            if width > 20:
                text = "\n".join(textwrap.fill(p, width) if p else "" for p in text.split("\n"))
            self._out(text)
        self._out("")

    def _out(self, text: str) -> None:
        self.stdout.write(text + "\n")
        if self.transcript is not None:
            self.transcript.write(text + "\n")

    def read(self) -> str | None:
        if self.interactive:
            try:
                line = input(PROMPT)
            except EOFError:
                self.stdout.write("\n")
                return None
            if self.transcript is not None:
                self.transcript.write(PROMPT + line + "\n")
            return line
        raw = self.stdin.readline()
        if not raw:
            return None
        line = raw.rstrip("\r\n")
        self._out(PROMPT + line)
        return line

    def run(self) -> int:
        self.write(self.game.start())
        try:
            while not self.game.finished:
                line = self.read()
                if line is None:
                    break
                self.write(self.game.submit(line))
        except KeyboardInterrupt:
            _ignore_further_interrupts()
            self.stdout.write("\n")
        self.stdout.flush()
        return 0


def _ignore_further_interrupts() -> None:
    """Ctrl-C ends the game; pressing it again while the program winds down must not turn a
    clean exit into a traceback or a death by signal."""
    with contextlib.suppress(ValueError):  # not the main thread: nothing to do
        signal.signal(signal.SIGINT, signal.SIG_IGN)
