"""The line the player types on: a cursor, the usual editing keys (and Emacs's Ctrl+A/E/U/W/K),
a history, Tab completion of the words the game knows, and paste."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.engine.session import MAX_LINE

HISTORY = 200
MAX_PASTE = 1000

# the words before the one being completed, and its start -> the words that could complete it
Completer = Callable[[Sequence[str], str], list[str]]


def common_prefix(words: Sequence[str]) -> str:
    """The longest start every word shares (letter by letter)."""
    if not words:
        return ""
    first = words[0]
    n = 0
    while n < len(first) and all(len(w) > n and w[n] == first[n] for w in words):
        n += 1
    return first[:n]


def clipboard_text() -> str:
    """The clipboard's text, or "" when there is no clipboard here (the dummy driver)."""
    try:
        import pygame.scrap as scrap
        get = getattr(scrap, "get_text", None)
        if get is not None:
            return str(get() or "")
        if not scrap.get_init():
            scrap.init()
        raw = scrap.get(pygame.SCRAP_TEXT)
        return raw.decode("utf-8", "replace").rstrip("\0") if raw else ""
    except Exception:  # no clipboard, no window: paste does nothing
        return ""


class InputLine:
    def __init__(self, completer: Completer | None = None) -> None:
        self.text = ""
        self.cursor = 0
        self.history: list[str] = []
        self._browse: int | None = None  # index into history while Up/Down browse it
        self._draft = ""  # what was typed before browsing
        self.completer = completer
        # while Tab cycles: (word start, candidates, index shown, the text it produced)
        self._cycle: tuple[int, list[str], int, str] | None = None
        self.high_contrast = False  # white on black, set by the app from its settings

    def insert(self, text: str) -> None:
        """Typed or pasted text at the cursor: one line of printable characters, and never
        more than the game reads (``MAX_LINE``), however much was pasted."""
        text = text[: 4 * MAX_LINE].replace("\r", "").replace("\n", " ").replace("\t", " ")
        room = max(0, MAX_LINE - len(self.text))
        text = "".join(ch for ch in text if ch.isprintable())[: min(MAX_PASTE, room)]
        self.text = self.text[: self.cursor] + text + self.text[self.cursor :]
        self.cursor += len(text)

    def submit(self) -> str:
        line = self.text
        if line.strip() and (not self.history or self.history[-1] != line):
            self.history.append(line)
            del self.history[:-HISTORY]
        self.text, self.cursor, self._browse, self._draft = "", 0, None, ""
        return line

    def _recall(self, step: int) -> None:
        if not self.history:
            return
        if self._browse is None:
            if step > 0:
                return
            self._draft = self.text
            index = len(self.history) - 1
        else:
            index = self._browse + step
        if index < 0:
            index = 0
        if index >= len(self.history):
            self._browse, self.text = None, self._draft
        else:
            self._browse, self.text = index, self.history[index]
        self.cursor = len(self.text)

    # -- completion ------------------------------------------------------------------------------
    def _word_start(self) -> int:
        return self.text.rfind(" ", 0, self.cursor) + 1

    def complete(self) -> bool:
        """Tab: complete the word at the cursor.  One candidate: the word and a space; several:
        their common prefix; Tab again (nothing typed between) cycles through them.  True if the
        text changed."""
        if self._cycle is not None and self._cycle[3] == self.text:
            start, cands, index, _ = self._cycle
            index = (index + 1) % len(cands)
            self._replace_word(start, cands[index])
            self._cycle = (start, cands, index, self.text)
            return True
        self._cycle = None
        if self.completer is None:
            return False
        start = self._word_start()
        prefix = self.text[start:self.cursor].lower()
        before = self.text[:start].split()
        cands = sorted(set(self.completer(before, prefix)))
        if not cands:
            return False
        if len(cands) == 1:
            self._replace_word(start, cands[0] + " ")
            return True
        common = common_prefix(cands)
        self._cycle = (start, cands, -1, self.text)
        if len(common) > len(prefix):
            self._replace_word(start, common)
            self._cycle = (start, cands, -1, self.text)
            return True
        return False

    def _replace_word(self, start: int, word: str) -> None:
        end = self.cursor
        while end < len(self.text) and self.text[end] != " ":
            end += 1
        self.text = self.text[:start] + word + self.text[end:]
        self.cursor = start + len(word)

    # -- keys ----------------------------------------------------------------------------------
    def ctrl_key(self, key: int) -> bool:
        """Ctrl+A/E (home, end), U (kill the line), W (kill the word before the cursor),
        K (kill to the end), V (paste), P/N (history); True if it was one of those."""
        if key == pygame.K_a:
            self.cursor = 0
        elif key == pygame.K_e:
            self.cursor = len(self.text)
        elif key == pygame.K_u:
            self.text, self.cursor = "", 0
        elif key == pygame.K_w:
            start = self.cursor
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
            while start > 0 and self.text[start - 1] != " ":
                start -= 1
            self.text = self.text[:start] + self.text[self.cursor:]
            self.cursor = start
        elif key == pygame.K_k:
            self.text = self.text[:self.cursor]
        elif key == pygame.K_v:
            self.insert(clipboard_text())
        elif key in (pygame.K_p, pygame.K_UP):
            self._recall(-1)
        elif key in (pygame.K_n, pygame.K_DOWN):
            self._recall(1)
        else:
            return False
        return True

    def key(self, key: int, mod: int = 0) -> str | None:
        """An editing key; returns the line when Enter submits it."""
        if key == pygame.K_TAB:
            self.complete()
            return None
        if mod & pygame.KMOD_CTRL and self.ctrl_key(key):
            return None
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.submit()
        if key == pygame.K_BACKSPACE and self.cursor > 0:
            self.text = self.text[: self.cursor - 1] + self.text[self.cursor :]
            self.cursor -= 1
        elif key == pygame.K_DELETE:
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1 :]
        elif key == pygame.K_LEFT:
            self.cursor = max(0, self.cursor - 1)
        elif key == pygame.K_RIGHT:
            self.cursor = min(len(self.text), self.cursor + 1)
        elif key == pygame.K_HOME:
            self.cursor = 0
        elif key == pygame.K_END:
            self.cursor = len(self.text)
        elif key == pygame.K_UP:
            self._recall(-1)
        elif key == pygame.K_DOWN:
            self._recall(1)
        return None

    def handle(self, event: pygame.event.Event) -> tuple[bool, str | None]:
        """(changed, submitted line)."""
        if event.type == pygame.TEXTINPUT:
            self.insert(event.text)
            return True, None
        if event.type == pygame.KEYDOWN:
            before = (self.text, self.cursor)
            line = self.key(event.key, getattr(event, "mod", 0))
            return line is not None or (self.text, self.cursor) != before, line
        return False, None

    def draw(self, target: pygame.Surface, rect: pygame.Rect, font: pygame.font.Font,
             cursor_on: bool = True) -> None:
        stark = self.high_contrast
        target.fill((0, 0, 0) if stark else (236, 231, 220), rect)
        pygame.draw.line(target, (255, 255, 255) if stark else (200, 190, 170),
                         rect.topleft, rect.topright)
        prompt = "> "
        x = rect.x + 10
        y = rect.y + (rect.h - font.get_linesize()) // 2
        image = font.render(prompt + self.text, True, (255, 230, 0) if stark else (40, 90, 160))
        cursor_x = x + font.size(prompt + self.text[: self.cursor])[0]
        shift = max(0, cursor_x - (rect.right - 12))  # keep the cursor in view
        clip = target.get_clip()
        target.set_clip(rect)
        target.blit(image, (x - shift, y))
        if cursor_on:
            ink = (255, 255, 255) if stark else (40, 40, 40)
            pygame.draw.line(target, ink, (cursor_x - shift, y),
                             (cursor_x - shift, y + font.get_linesize() - 2), 2)
        target.set_clip(clip)
