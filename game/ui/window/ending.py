"""The ending screen: the ending's title and words on paper, what Joel kept, the score, and what
the player can do now (restart, undo the last move, the title, quit), or Esc to read the story's
last lines in the text panel.  Everything it shows comes with the engine's GameEnded event."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.output import GameEnded
from game.ui.window.ceremony import DIM, INK, RULE, sheet
from game.ui.window.menu import CALM, Item, ItemList, Palette
from game.ui.window.textpanel import face, wrap

if TYPE_CHECKING:
    from game.ui.window.app import App

# the items on paper: dark ink, the chosen one on a dark bar
ON_PAPER = Palette(bg=(242, 242, 241), ink=INK, dim=DIM, accent=INK, bar=(52, 48, 56),
                   bar_ink=(250, 247, 240), shade=CALM.shade)
COLUMN = 60  # characters of the ending's text a row, at most


class EndingScreen:
    """Drawn over the whole window after an ending's fade to white."""

    def __init__(self, app: App, ended: GameEnded) -> None:
        self.app = app
        self.ended = ended
        self.list = ItemList([
            Item("restart", "Start again"),
            Item("undo", "Undo the last move"),
            Item("title", "Return to the title"),
            Item("quit", "Quit"),
        ])

    def close(self) -> None:
        self.app.overlay = None
        self.app.dirty = True

    def handle(self, event: pygame.event.Event) -> None:
        key = self.list.handle(event)
        if key is None:
            return
        self.close()
        if key == "restart":
            self.app.submit("restart")
            if self.app.game.pending is not None:  # "Are you sure?": the menu was the asking
                self.app.submit("yes")
        elif key == "undo":
            self.app.submit("undo")
        elif key in ("title", "quit"):
            self.app.to_title = key == "title"
            self.app.running = False
        # "back" (Esc, a right click): the story's last lines, in the text panel

    def draw(self, surf: pygame.Surface) -> None:
        w, h = surf.get_size()
        surf.blit(sheet((w, h)), (0, 0))
        e = self.ended
        title_font = face(max(30, min(64, h // 12)), bold=True)
        body = face(max(15, min(24, h // 40)))
        small = face(max(13, min(20, h // 48)), italic=True)
        column = min(w - 80, round(body.size("n" * COLUMN)[0] * 1.05))
        y = max(24, h // 12)
        title = title_font.render(e.title, True, INK)
        surf.blit(title, title.get_rect(midtop=(w // 2, y)))
        y += title.get_height() + 8
        pygame.draw.line(surf, RULE, (w // 2 - 80, y), (w // 2 + 80, y))
        y += 18
        for font, text, ink in ((body, e.text, INK), (small, e.kept, DIM),
                                (small, e.score_text, DIM)):
            if not text:
                continue
            for row in wrap(text, font, column):
                img = font.render(row, True, ink)
                surf.blit(img, img.get_rect(midtop=(w // 2, y)))
                y += font.get_linesize()
            y += font.get_linesize() // 2
        size = max(16, min(22, h // 34))
        area = pygame.Rect(0, y + 10, w, max(0, h - y - 40))
        if self.list.height(size) > area.h:
            size = 16
        self.list.draw(surf, area.inflate(-40, 0), ON_PAPER, size=size)
        hint = face(13).render("Esc to read the last lines again", True, RULE)
        surf.blit(hint, hint.get_rect(midbottom=(w // 2, h - 10)))
