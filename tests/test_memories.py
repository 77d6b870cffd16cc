"""The memories of the night played one at a time from Joel's arrival, through the real parser:
each by its walkthrough (tests/walkthroughs/LEVEL.txt: the keepsake lived, every room seen while
it lasts) and each by WAIT alone, to show it runs by itself and lets Joel go on.

They start inside the memory (start_at.GameAt), as a player who arrived there would: the
campaign's full walkthrough (test_walkthrough.py) plays the whole night from the prologue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from start_at import GameAt, started_at

from game.engine.output import Style, VoiceHeard
from game.engine.world import GONE

WALKTHROUGHS = Path(__file__).resolve().parent / "walkthroughs"


@dataclass(frozen=True)
class Memory:
    level: str
    keepsake: str
    flags: tuple[str, ...]  # story beats the walkthrough must reach
    max_turns: int  # WAIT alone: the memory lets Joel go within this many turns


MEMORIES = [
    Memory("market", "truce", ("argued", "bought", "read", "truce"), 45),
    Memory("ugly", "tangerine", ("peeled", "asked", "answered", "pleaded", "stalled"), 60),
    Memory("charles", "stars", ("ran", "out", "lain", "turned", "idea", "together"), 40),
]


@dataclass
class Run:
    game: GameAt
    opening: str
    transcript: list[str] = field(default_factory=list)
    voices: list[str] = field(default_factory=list)
    stages: dict[str, list[int]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    turns: int = 0  # turns spent in the memory


def commands(level: str) -> list[str]:
    lines = (WALKTHROUGHS / f"{level}.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def play(level: str, script: list[str] | None) -> Run:
    """Play the memory by the script (None: WAIT until it lets Joel go) and record it."""
    game, opening = started_at(level)
    run = Run(game, opening)
    rooms = [r for r, room in game.world.rooms.items() if room.level == level]
    todo = list(script) if script is not None else ["wait"] * 200
    for n, command in enumerate(todo, 1):
        lines = game.submit(command)
        refused = [ln.text for ln in lines if ln.style is Style.PARSER]
        assert not refused, f"command {n} {command!r} was not understood: {refused}"
        run.transcript += [f"> {command}", *(ln.text for ln in lines)]
        run.voices += [e.text for e in game.take_events() if isinstance(e, VoiceHeard)]
        for room in rooms:
            stage = game.state.stages.get(room, 0)
            seen = run.stages.setdefault(room, [])
            if not seen or seen[-1] != stage:
                seen.append(stage)
        if game.state.level != level or game.ended:
            assert script is None or n == len(script), (
                f"the memory ended at command {n} of {len(script)}: trim the walkthrough")
            break
        run.flags |= game.state.flags
        run.turns = n
    else:
        pytest.fail(f"{level}: still in the memory after {len(todo)} commands")
    return run


@pytest.fixture(scope="module", params=MEMORIES, ids=[m.level for m in MEMORIES])
def walked(request: pytest.FixtureRequest) -> tuple[Memory, Run]:
    memory: Memory = request.param
    return memory, play(memory.level, commands(memory.level))


@pytest.fixture(scope="module", params=MEMORIES, ids=[m.level for m in MEMORIES])
def waited(request: pytest.FixtureRequest) -> tuple[Memory, Run]:
    memory: Memory = request.param
    return memory, play(memory.level, None)


def test_the_walkthrough_lives_the_keepsake_and_every_beat(walked: tuple[Memory, Run]) -> None:
    memory, run = walked
    assert memory.keepsake in run.game.state.keepsakes
    assert set(memory.flags) <= run.flags, set(memory.flags) - run.flags


def test_the_walkthrough_sees_every_room_fade_through_every_stage(
        walked: tuple[Memory, Run]) -> None:
    memory, run = walked
    world, state = run.game.world, run.game.state
    rooms = {r for r, room in world.rooms.items() if room.level == memory.level}
    assert 3 <= len(rooms) <= 6
    assert rooms <= state.visited
    last = {room for room, seen in run.stages.items() if seen[-1] != GONE}
    for room in sorted(rooms - last):
        assert run.stages[room] == [0, 1, 2, 3, GONE], room
    assert len(last) <= 1  # Joel was swept on from the last room standing
    assert len(run.voices) >= 5  # Lacuna's night is heard


def test_waiting_alone_the_memory_runs_by_itself(waited: tuple[Memory, Run]) -> None:
    memory, run = waited
    game = run.game
    assert game.state.level != memory.level or game.ended
    assert run.turns <= memory.max_turns
    assert memory.keepsake not in game.state.keepsakes  # nothing is kept by doing nothing
    assert len(run.voices) >= 4


def test_the_opening_says_where_joel_is(walked: tuple[Memory, Run]) -> None:
    memory, run = walked
    level = run.game.world.levels[memory.level]
    assert level.intro.strip() and level.intro.strip().splitlines()[0] in run.opening


def test_the_whole_night_runs_by_itself_from_the_bookstore() -> None:
    """WAIT alone, from the first memory on: every memory comes in the erasure order, fades
    and lets Joel fall into the next, Lacuna is heard in each, and the night ends spotless."""
    game, _ = started_at("bookstore")
    world = game.world
    order = [lid for _, lid in sorted((lv.erasure, lv.id) for lv in world.levels.values()
                                       if lv.erasure is not None and not lv.hidden)]
    levels: list[str] = [game.state.level]
    heard: dict[str, int] = {}
    for _ in range(80 * len(order)):
        if game.ended:
            break
        game.submit("wait")
        for event in game.take_events():
            if isinstance(event, VoiceHeard):
                heard[game.state.level] = heard.get(game.state.level, 0) + 1
        if game.state.level != levels[-1]:
            levels.append(game.state.level)
    assert game.state.ended == "spotless"
    assert levels == order
    assert all(heard.get(level, 0) >= 3 for level in order), heard
    assert not game.state.keepsakes  # nothing is kept by waiting


def hint(game: GameAt) -> str:
    return "\n".join(line.text for line in game.submit("hint"))


def test_hints_nudge_first_and_grow_plainer_as_turns_pass() -> None:
    game, _ = started_at("charles")
    for command in ("north", "down", "north"):  # after her, out to the middle of the river
        game.submit(command)
    assert game.state.room == "charles/Under the Stars"
    first = hint(game)
    assert "LIE DOWN" not in first and "beside her" in first  # a nudge
    game.submit("examine skyline")  # a turn that does not lie down
    game.submit("ask clementine about ice")
    assert "LIE DOWN" in hint(game)  # then what to type
    game.submit("lie down")
    assert "stars" in game.state.keepsakes


def test_she_can_be_asked_to_follow_only_after_the_turning_point() -> None:
    game, _ = started_at("charles")
    for command in ("north", "down", "north"):
        game.submit(command)
    refused = "\n".join(line.text for line in game.submit("clementine, follow me"))
    assert "you follow me" in refused.lower()
    assert game.state.follower is None
    game.submit("lie down")
    while "turned" not in game.state.flags:
        game.submit("wait")
    game.submit("north")  # after her, to the far ice
    assert "idea" in game.state.flags  # she tells him to hide her somewhere she doesn't belong
    game.submit("ask clementine to follow me")
    assert game.state.follower == "charles/Clementine"
    assert "ASK" not in hint(game) and "somewhere she was never meant to be" in hint(game)


@pytest.mark.parametrize("memory", MEMORIES, ids=[m.level for m in MEMORIES])
def test_every_room_has_its_own_words_for_every_stage(memory: Memory) -> None:
    """The fading is written, not left to the engine: faded, blurred and dissolving, per room."""
    game, _ = started_at(memory.level)
    rooms = [room for room in game.world.rooms.values() if room.level == memory.level]
    for room in rooms:
        assert sorted(room.stage_texts) == [1, 2, 3], room.id


@pytest.mark.parametrize("memory", MEMORIES, ids=[m.level for m in MEMORIES])
def test_her_hair_dates_the_memory(memory: Memory) -> None:
    """Red in the good years (the market, her bed), orange on the ice at the turning point: her
    description names the dye of that time, and no other."""
    dyes = {"market": "Red Menace", "ugly": "Red Menace", "charles": "Agent Orange"}
    game, _ = started_at(memory.level)
    her = game.world.things[f"{memory.level}/Clementine"]
    texts = her.description if isinstance(her.description, str) else " ".join(
        variant.text for variant in her.description)
    assert dyes[memory.level] in texts
    for other in {"Red Menace", "Agent Orange", "Blue Ruin"} - {dyes[memory.level]}:
        assert other not in texts
