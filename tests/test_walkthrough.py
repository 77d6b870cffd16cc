"""The prologue played from start to end through the real parser, as a player would type it."""

from __future__ import annotations

from pathlib import Path

from game.engine.output import Style
from game.engine.session import Game
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent
WALKTHROUGH = Path(__file__).resolve().parent / "walkthroughs" / "prologue.txt"


def commands() -> list[str]:
    lines = WALKTHROUGH.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def test_the_prologue_can_be_played_to_its_end_with_full_score() -> None:
    world, warnings = load_pack(ROOT / "levels" / "spotless")
    assert not warnings, [str(w) for w in warnings]
    game = Game(world, seed=1, strict=True)
    game.start()
    for n, command in enumerate(commands(), 1):
        assert not game.ended, f"the game ended early, before command {n}: {command!r}"
        lines = game.submit(command)
        refused = [ln.text for ln in lines if ln.style is Style.PARSER]
        assert not refused, f"command {n} {command!r} was not understood: {refused}"
    assert game.state.ended == "night-begins"
    assert game.state.score == world.max_score > 0
    assert game.state.room in world.rooms


def test_every_room_and_portable_thing_of_the_prologue_is_used() -> None:
    world, _ = load_pack(ROOT / "levels" / "spotless")
    game = Game(world, seed=1, strict=True)
    game.start()
    for command in commands():
        game.submit(command)
    assert game.state.visited == set(world.rooms)
