"""The big moments as the film would cut them: the whole window fades to paper white, a title
card holds the memory's name for a moment, and the new memory comes back out of the white; an
ending fades to white and opens the ending screen (``EndingScreen``).

Time comes from the app's clock (``step``), never the wall clock, so tests step it.  Any key or
click skips the card.  Under reduced motion the fades are cuts: the card appears at once, holds,
and is gone at once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.engine.output import GameEnded
from game.ui.window.animation import smooth
from game.ui.window.mapview import PAPER, paper
from game.ui.window.textpanel import face

OUT_MS = 700.0  # the window fading to white
CARD_MS = 2200.0  # the title card holding
IN_MS = 700.0  # the new memory coming back out of the white
CARD_TEXT_MS = 350.0  # the card's words settling onto the paper
INK = (52, 48, 56)
DIM = (128, 120, 128)
RULE = (196, 188, 180)


@lru_cache(maxsize=4)
def sheet(size: tuple[int, int]) -> pygame.Surface:
    """The paper the card is printed on, made once per window size."""
    return paper(size, seed=7)


@lru_cache(maxsize=4)
def _white(size: tuple[int, int]) -> pygame.Surface:
    surf = pygame.Surface(size).convert()
    surf.fill(PAPER)
    return surf


def whiten(target: pygame.Surface, strength: float) -> None:
    """The window going to paper white, ``strength`` 0..1."""
    alpha = round(max(0.0, min(1.0, strength)) * 255)
    if alpha <= 0:
        return
    if alpha >= 255:
        target.blit(sheet(target.get_size()), (0, 0))
        return
    white = _white(target.get_size())
    white.set_alpha(alpha)
    target.blit(white, (0, 0))


@dataclass
class Ceremony:
    """One transition: ``kind`` is "asleep", "swept", "hidden", "memory" or "ending".  A card
    shows ``title`` and ``subtitle``; an ending has no card (its screen follows)."""

    kind: str
    title: str
    subtitle: str = ""
    reduced: bool = False
    ended: GameEnded | None = None
    elapsed: float = 0.0
    old: str | None = None  # the level left: its map is the one fading out

    @property
    def leaving(self) -> bool:
        """Still fading out of the old level (its map, not the new one, is under the white)."""
        return self.old is not None and self.phase()[0] == "out"

    @property
    def phases(self) -> tuple[float, float, float]:
        """How long the fade out, the card and the fade in last (ms)."""
        if self.kind == "ending":
            return (0.0 if self.reduced else OUT_MS, 0.0, 0.0)
        fade = 0.0 if self.reduced else 1.0
        return OUT_MS * fade, CARD_MS, IN_MS * fade

    @property
    def duration(self) -> float:
        return sum(self.phases)

    @property
    def done(self) -> bool:
        return self.elapsed >= self.duration

    def phase(self) -> tuple[str, float]:
        """("out" | "card" | "in", progress 0..1 within it)."""
        out, card, back = self.phases
        t = self.elapsed
        if t < out:
            return "out", t / out
        t -= out
        if t < card:
            return "card", t / card
        t -= card
        return "in", min(1.0, t / back) if back else 1.0

    def step(self, dt_ms: float) -> bool:
        """Advance; True when the picture changed (a fade moving, the card's words settling,
        a phase beginning or ending), so a card that only holds costs no frames."""
        before = self.phase()
        self.elapsed += max(0.0, dt_ms)
        after = self.phase()
        if before[0] != after[0] or self.done:
            return True
        if after[0] == "card":
            return not self.reduced and self.elapsed - self.phases[0] <= CARD_TEXT_MS + dt_ms
        return True

    def skip(self) -> None:
        """Any key or click: past the card (the fade back still plays, briefly)."""
        out, card, _back = self.phases
        if self.kind == "ending":
            self.elapsed = self.duration
        elif self.phase()[0] in ("out", "card"):
            self.elapsed = out + card

    def draw(self, target: pygame.Surface) -> None:
        """Over the game just drawn: the white, the card, or the white lifting."""
        name, t = self.phase()
        if name == "out":
            whiten(target, smooth(t))
        elif name == "card":
            self._card(target)
        elif name == "in" and not self.done:
            whiten(target, 1 - smooth(t))
        elif self.kind == "ending":
            whiten(target, 1.0)

    def _card(self, target: pygame.Surface) -> None:
        w, h = target.get_size()
        target.blit(sheet((w, h)), (0, 0))
        settle = 1.0 if self.reduced else smooth((self.elapsed - self.phases[0]) / CARD_TEXT_MS)
        big = face(max(30, min(72, h // 11)), italic=True)
        title = big.render(self.title, True, INK)
        if title.get_width() > w - 80:  # a long title: smaller, never off the card
            title = pygame.transform.smoothscale_by(title, (w - 80) / title.get_width())
        title.set_alpha(round(255 * settle))
        cy = h // 2 - title.get_height() // 2 - round(8 * (1 - settle))
        target.blit(title, title.get_rect(midtop=(w // 2, cy)))
        y = cy + title.get_height() + 12
        pygame.draw.line(target, RULE, (w // 2 - 60, y), (w // 2 + 60, y))
        if self.subtitle:
            small = face(max(14, min(26, h // 36)), italic=True)
            sub = small.render(self.subtitle, True, DIM)
            sub.set_alpha(round(255 * settle))
            target.blit(sub, sub.get_rect(midtop=(w // 2, y + 14)))
        hint = face(max(12, min(16, h // 48))).render("any key to go on", True, RULE)
        target.blit(hint, hint.get_rect(midbottom=(w // 2, h - 18)))


def for_level(kind: str, title: str, reduced: bool, old: str | None = None) -> Ceremony:
    """The card for arriving in a level: falling asleep into the first memory, swept into an
    earlier one, hidden where Lacuna can't look, or simply another memory."""
    subtitle = {
        "asleep": "You fall asleep, and the first memory takes you in.",
        "swept": "The memory lets go of you. You fall into an earlier time.",
        "hidden": "Somewhere Lacuna was never meant to look.",
    }.get(kind, "")
    return Ceremony(kind, title, subtitle, reduced, old=old)
