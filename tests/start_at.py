"""Start the campaign inside a given memory, for tests of memories that lie deep in the night.

A memory's golden transcript or walkthrough should not have to replay everything before it (and
on a branch that lacks the memories before it, it can't). ``GameAt`` starts as the game does,
silently, and then takes Joel into the level the way the story does (the session's own way into
a level: its intro, its entry room, its erasure), so what follows is exactly what a player who
arrived there would see. This is a test helper, not a command: the game has no way to skip.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.output import Line, Style
from game.engine.saves import SaveStore
from game.engine.session import Game
from game.engine.world import World
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent
SPOTLESS = ROOT / "levels" / "spotless"


class GameAt(Game):
    """A game whose start() opens in ``level`` instead of the pack's start level."""

    def __init__(self, world: World, level: str, seed: int = 1, saves: SaveStore | None = None,
                 strict: bool = True) -> None:
        super().__init__(world, seed=seed, saves=saves, strict=strict)
        self.first_level = level

    def start(self) -> list[Line]:
        super().start()  # the pack's own opening, unseen: the state a new game has
        c = self._ctx()
        if not self._enter_level(c, self.first_level, False):
            raise ValueError(f"the level {self.first_level!r} can't be entered: "
                             + " ".join(line.text for line in c.out))
        self.events.extend(c.events)
        return [Line(self.world.title, Style.TITLE), *c.out]


def started_at(level: str, seed: int = 1, pack: Path = SPOTLESS) -> tuple[GameAt, str]:
    """A strict game of ``pack`` started in ``level``, and the text of its opening."""
    world, _ = load_pack(pack)
    game = GameAt(world, level, seed=seed)
    opening = "\n".join(line.text for line in game.start())
    return game, opening
