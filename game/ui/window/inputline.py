"""The line the player types on: a cursor, the usual editing keys and a history."""

from __future__ import annotations

import pygame

HISTORY = 200


class InputLine:
    def __init__(self) -> None:
        self.text = ""
        self.cursor = 0
        self.history: list[str] = []
        self._browse: int | None = None  # index into history while Up/Down browse it
        self._draft = ""  # what was typed before browsing

    def insert(self, text: str) -> None:
        text = text.replace("\r", "").replace("\n", " ")
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

    def key(self, key: int) -> str | None:
        """An editing key; returns the line when Enter submits it."""
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
            line = self.key(event.key)
            return line is not None or (self.text, self.cursor) != before, line
        return False, None

    def draw(self, target: pygame.Surface, rect: pygame.Rect, font: pygame.font.Font) -> None:
        target.fill((236, 231, 220), rect)
        pygame.draw.line(target, (200, 190, 170), rect.topleft, rect.topright)
        prompt = "> "
        x = rect.x + 10
        y = rect.y + (rect.h - font.get_linesize()) // 2
        image = font.render(prompt + self.text, True, (40, 90, 160))
        cursor_x = x + font.size(prompt + self.text[: self.cursor])[0]
        shift = max(0, cursor_x - (rect.right - 12))  # keep the cursor in view
        clip = target.get_clip()
        target.set_clip(rect)
        target.blit(image, (x - shift, y))
        pygame.draw.line(target, (40, 40, 40), (cursor_x - shift, y),
                         (cursor_x - shift, y + font.get_linesize() - 2), 2)
        target.set_clip(clip)
