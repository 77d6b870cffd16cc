"""Small helpers shared by the tests that build a pack and play it through the real parser."""

from __future__ import annotations

from pathlib import Path

from game.engine.session import Game
from game.packs.loader import load_pack


def game_of(pack: Path) -> Game:
    """A started, strict game of the pack at ``pack`` (seed 1)."""
    world, _ = load_pack(pack)
    game = Game(world, seed=1, strict=True)
    game.start()
    return game


def say(game: Game, *commands: str) -> str:
    """Every command submitted in turn; all the answers, a line of text per output line."""
    return "\n".join(line.text for c in commands for line in game.submit(c))
