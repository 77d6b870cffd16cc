"""The campaign played from its start through the real parser, as a player would type it: the
prologue, then the first memory, the bookstore, explored while Lacuna erases it, then each memory
after it in the erasure order (the walkthrough goes on with their commands), until nothing is left
and the game ends, with full score."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.engine.output import LevelEntered, Style, VoiceHeard
from game.engine.session import Game
from game.engine.world import GONE, World
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent
WALKTHROUGH = Path(__file__).resolve().parent / "walkthroughs" / "prologue.txt"


def commands() -> list[str]:
    lines = WALKTHROUGH.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass
class Played:
    world: World
    game: Game
    score_on_entering: int | None = None  # the score when Joel first stood in the bookstore
    entered: list[LevelEntered] = field(default_factory=list)
    voices: list[str] = field(default_factory=list)  # voices from the real world, in the memory
    stages: dict[str, list[int]] = field(default_factory=dict)  # room -> the stages it went through
    last_room: dict[str, str] = field(default_factory=dict)  # level -> where Joel was last in it


@pytest.fixture(scope="module")
def played() -> Played:
    world, warnings = load_pack(ROOT / "levels" / "spotless")
    assert not warnings, [str(w) for w in warnings]
    game = Game(world, seed=1, strict=True)
    game.start()
    run = Played(world, game)
    script = commands()
    for n, command in enumerate(script, 1):
        assert not game.ended, f"the game ended early, before command {n}: {command!r}"
        lines = game.submit(command)
        refused = [ln.text for ln in lines if ln.style is Style.PARSER]
        assert not refused, f"command {n} {command!r} was not understood: {refused}"
        events = game.take_events()
        run.entered += [e for e in events if isinstance(e, LevelEntered)]
        run.voices += [e.text for e in events if isinstance(e, VoiceHeard)]
        run.last_room[game.state.level] = game.state.room
        if game.state.level == "bookstore" and run.score_on_entering is None:
            run.score_on_entering = game.state.score
        for room, stage in game.state.stages.items():
            seen = run.stages.setdefault(room, [])
            if not seen or seen[-1] != stage:
                seen.append(stage)
    assert game.ended, "the walkthrough ran out before the game ended"
    return run


def rooms_of(world: World, level: str) -> set[str]:
    return {r for r, room in world.rooms.items() if room.level == level}


def test_the_prologue_is_played_with_full_score(played: Played) -> None:
    world, game = played.world, played.game
    assert rooms_of(world, "prologue") <= game.state.visited
    assert played.score_on_entering is not None and played.score_on_entering > 0
    assert game.state.score == world.max_score  # the memories' points too


def test_falling_asleep_takes_joel_into_the_first_memory(played: Played) -> None:
    assert played.entered[0] == LevelEntered("bookstore", "bookstore/Sidewalk", swept=False)
    later = [e for e in played.entered[1:]]
    assert all(e.swept for e in later)  # each memory gone, Joel falls into the next
    order = sorted((lv.erasure, lv.id) for lv in played.world.levels.values()
                   if lv.erasure is not None and not lv.hidden)
    assert [e.level for e in played.entered] == [lid for _, lid in order]


def test_the_bookstore_fades_through_every_stage_and_the_game_ends_spotless(
        played: Played) -> None:
    world, game = played.world, played.game
    bookstore = rooms_of(world, "bookstore")
    assert 4 <= len(bookstore) <= 6
    assert bookstore <= game.state.visited  # explored while it lasted
    assert bookstore <= set(played.stages)
    for room in sorted(bookstore):
        assert played.stages[room] == [1, 2, 3, GONE], room  # faded, blurred, dissolving, gone
    assert played.last_room["bookstore"] == "bookstore/Rob and Carrie's"  # the last of it to go
    assert len(played.voices) >= len(bookstore)  # Stan and Patrick, heard as it goes
    assert game.state.ended == "spotless"


def test_every_room_of_the_campaign_so_far_is_visited(played: Played) -> None:
    assert played.game.state.visited == set(played.world.rooms)
