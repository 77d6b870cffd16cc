"""The campaign played from its start through the real parser, as a player would type it: the
prologue with full score, then the memories in erasure order (the bookstore, the last fight, the
dining dead, the market, "Am I ugly?", the Charles River), each explored while Lacuna erases it
until nothing of it is left and Joel is swept into the next; after the last one the game ends. A
second run only WAITs from the first memory on: the night runs by itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from start_at import GameAt

from game.engine.output import LevelEntered, Style, VoiceHeard
from game.engine.session import Game
from game.engine.world import GONE, World
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent
WALKTHROUGH = Path(__file__).resolve().parent / "walkthroughs" / "prologue.txt"
# The memories in erasure order, each with the room that is the last of it to go (its far end,
# where the walkthrough stays until it is swept on).
MEMORIES = {
    "bookstore": "bookstore/Rob and Carrie's",
    "lastfight": "lastfight/Your Car",
    "restaurant": "restaurant/Sidewalk",
    "market": "market/Her Side of the Bed",
    "ugly": "ugly/Under the Covers",
    "charles": "charles/Far Ice",
}
PROLOGUE_POINTS = 13


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
    left_from: dict[str, str] = field(default_factory=dict)  # memory -> room swept from


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
        level, room = game.state.level, game.state.room
        lines = game.submit(command)
        refused = [ln.text for ln in lines if ln.style is Style.PARSER]
        assert not refused, f"command {n} {command!r} was not understood: {refused}"
        events = game.take_events()
        run.entered += [e for e in events if isinstance(e, LevelEntered)]
        if game.state.level != level or game.ended:
            run.left_from[level] = room
        run.voices += [e.text for e in events if isinstance(e, VoiceHeard)]
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
    assert played.score_on_entering == PROLOGUE_POINTS
    assert game.state.score == world.max_score  # and every point of the memories after it
    assert game.state.keepsakes == set(world.keepsakes)  # every moment worth keeping was kept


def test_falling_asleep_takes_joel_into_the_first_memory_and_on_through_the_others(
        played: Played) -> None:
    assert played.entered[0] == LevelEntered("bookstore", "bookstore/Sidewalk", swept=False)
    assert [e.level for e in played.entered] == list(MEMORIES)
    assert all(e.swept for e in played.entered[1:])  # each memory sweeps Joel into the next


@pytest.mark.parametrize("memory", list(MEMORIES))
def test_each_memory_fades_through_every_stage_while_it_is_explored(
        played: Played, memory: str) -> None:
    world, game = played.world, played.game
    rooms = rooms_of(world, memory)
    assert 4 <= len(rooms) <= 6
    assert rooms <= game.state.visited  # explored while it lasted
    for room in sorted(rooms):
        assert played.stages[room] == [1, 2, 3, GONE], room  # faded, blurred, dissolving, gone
    assert played.left_from[memory] == MEMORIES[memory]  # the last of it to go


def test_lacuna_is_heard_and_the_game_ends_spotless(played: Played) -> None:
    memory_rooms = {r for m in MEMORIES for r in rooms_of(played.world, m)}
    assert len(played.voices) >= len(memory_rooms)  # Stan and Patrick, heard as it goes
    assert set(played.stages) == memory_rooms
    assert played.game.state.ended == "spotless"


def test_every_room_of_the_campaign_so_far_is_visited(played: Played) -> None:
    assert played.game.state.visited == set(played.world.rooms)


def test_the_night_runs_by_itself_when_joel_only_waits() -> None:
    """From the first memory on, WAIT and nothing else: every memory fades and sweeps Joel into
    the next, in erasure order, and the night ends."""
    world, _ = load_pack(ROOT / "levels" / "spotless")
    game = GameAt(world, "bookstore", seed=1, strict=True)
    game.start()
    entered = [e.level for e in game.take_events() if isinstance(e, LevelEntered)]
    turns: dict[str, int] = {}
    for _ in range(1000):
        if game.ended:
            break
        level = game.state.level
        refused = [ln.text for ln in game.submit("wait") if ln.style is Style.PARSER]
        assert not refused
        turns[level] = turns.get(level, 0) + 1
        entered += [e.level for e in game.take_events() if isinstance(e, LevelEntered)]
    assert game.state.ended == "spotless"
    assert entered == list(MEMORIES)
    # Where he waits is where he arrived: the n-th WAIT after step k's turn (pace k + delay)
    # sweeps him on.
    assert turns["bookstore"] == 28  # on the sidewalk, gone at step 7: 3 * 7 + 6 = 27
    assert turns["lastfight"] == 29  # in bed, the anchor, gone at step 4: 5 * 4 + 8 = 28
    assert turns["restaurant"] == 54  # never sits down: Lacuna starts without him at 24
    assert turns["market"] == 33
    assert turns["ugly"] == 31  # (he pleads on turn 21)
    assert turns["charles"] == 23  # (she is pulled away across the ice on turn 18)
