"""The erasure, played through the parser: memories fade from their anchors outward, exits into
erased rooms close, things dissolve, Joel is swept into the next memory, and it all ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.logic import WithJoel
from game.engine.output import (
    CompanionJoined,
    CompanionLost,
    GameEnded,
    LevelEntered,
    LocatorFound,
    LocatorLost,
    StageChanged,
    Style,
    VoiceHeard,
)
from game.engine.saves import SaveStore
from game.engine.session import Game
from game.engine.world import World
from game.packs.loader import load_pack, open_pack

MEMORIES = Path(__file__).resolve().parent / "packs" / "memories"


@pytest.fixture(scope="module")
def memories() -> World:
    return load_pack(MEMORIES)[0]


def say(game: Game, command: str) -> str:
    return "\n".join(line.text for line in game.submit(command))


def asleep(world: World, seed: int = 1) -> Game:
    game = Game(world, seed=seed, strict=True)
    game.start()
    assert "into a memory" in say(game, "sleep")
    assert game.state.level == "bookstore" and game.state.room == "bookstore/Lobby"
    return game


def test_a_room_fades_through_every_stage(memories: World) -> None:
    game = asleep(memories)
    lobby = "bookstore/Lobby"
    seen: dict[int, str] = {}
    for _ in range(12):
        stage = game.state.stages.get(lobby, 0)
        if stage not in seen and stage < 3:
            seen[stage] = say(game, "look")
        else:
            say(game, "z")
    assert sorted(seen) == [0, 1, 2]
    assert "warm after the street" in seen[0]
    assert "colours here are fading" in seen[1]
    assert seen[1] != seen[0]
    # the author wrote the blurred lobby; the game faded the faded one itself
    assert "or what is left of it" in seen[2]
    assert "east" in seen[1] and "east" in seen[2]  # the way out stays readable


def test_stages_spread_from_the_anchor_one_ring_per_step(memories: World) -> None:
    game = asleep(memories)
    plan = memories.levels["bookstore"].erasure_plan
    assert plan is not None and plan.pace == 2
    say(game, "z")
    say(game, "z")
    assert game.state.stages == {"bookstore/Service Desk": 1}
    say(game, "z")
    say(game, "z")
    assert game.state.stages["bookstore/Service Desk"] == 2
    assert game.state.stages["bookstore/Fiction Aisle"] == 1
    assert game.state.stages["bookstore/Stockroom"] == 1
    assert "bookstore/Lobby" not in game.state.stages


def test_exits_into_an_erased_room_close_and_things_there_dissolve(memories: World) -> None:
    game = asleep(memories)
    say(game, "e")  # the fiction aisle, where the novel lies
    for _ in range(4):
        say(game, "z")
    assert game.state.stages["bookstore/Service Desk"] == 2
    say(game, "z")
    say(game, "z")
    assert game.state.stages["bookstore/Service Desk"] == 3
    assert game.state.things["bookstore/notice card"].location is None  # dissolved
    say(game, "z")
    say(game, "z")
    assert game.state.stages["bookstore/Service Desk"] == 4
    assert [e.direction for e in game.model.exits()] == ["west"]
    reply = say(game, "e")
    assert "To the east there is nothing any more" in reply


def test_swept_into_the_next_memory_keeping_only_what_survives(memories: World) -> None:
    game = asleep(memories)
    assert say(game, "take necklace") == "Taken."
    say(game, "e")
    assert say(game, "take novel").startswith("Taken.")
    game.take_events()
    for _ in range(20):
        if game.state.level == "beach":
            break
        say(game, "z")
    assert game.state.level == "beach" and game.state.room == "beach/Sand"
    assert game.model.carried("bookstore/necklace")  # it survives, as the pack says
    assert game.state.things["bookstore/novel"].location is None  # lost with its memory
    events = game.take_events()
    assert any(isinstance(e, StageChanged) and e.stage == 4 for e in events)
    assert LevelEntered("beach", "beach/Sand", swept=True) in events
    assert "Montauk" in say(game, "look") or "Cold sand" in say(game, "look")


@pytest.mark.parametrize(("take", "ending"), [(True, "kept"), (False, "spotless")])
def test_both_endings_of_the_last_memory(memories: World, take: bool, ending: str) -> None:
    game = asleep(memories)
    if take:
        say(game, "take necklace")
    turns = 0
    while not game.ended and turns < 200:
        say(game, "z")
        turns += 1
    assert game.state.ended == ending
    assert GameEnded(ending) in game.take_events()
    assert "RESTART" in say(game, "z")


def test_waiting_erases_everything_within_the_planned_number_of_turns(memories: World) -> None:
    game = asleep(memories)
    # per erased level: its delay, the turn of arrival, and pace turns for every step
    bound = sum(1 + lv.erasure_plan.delay + lv.erasure_plan.pace * lv.erasure_plan.steps_to_erase
                for lv in memories.levels.values() if lv.erasure_plan is not None)
    turns = 0
    while not game.ended:
        say(game, "z")
        turns += 1
        assert turns <= bound
    assert game.state.ended == "spotless"


def test_a_save_mid_erasure_restores_the_same_state(tmp_path: Path) -> None:
    world, _ = open_pack(MEMORIES)
    saves = SaveStore(tmp_path)
    game = Game(world, seed=5, strict=True, saves=saves)
    game.start()
    for command in ("sleep", "take necklace", "e", "z", "z", "z", "z", "z"):
        say(game, command)
    assert game.state.stages
    say(game, "save mid")
    later, _ = open_pack(MEMORIES)
    other = Game(later, seed=5, strict=True, saves=saves)
    other.start()
    assert "Restored." in say(other, "restore mid")
    assert other.state == game.state
    assert say(other, "z") == say(game, "z")
    assert other.state == game.state


def hide(world: World) -> Game:
    """Into the bookstore, find the gap between the shelves (it shows after a visit to the
    stockroom), and slip through it into the hidden level under the table."""
    game = asleep(world)
    for command in ("e", "e", "s", "n", "w"):
        say(game, command)
    assert game.state.things["bookstore/gap"].location == "bookstore/Fiction Aisle"
    assert "older" in say(game, "enter gap")
    assert game.state.level == "hideout"
    return game


def test_hiding_pauses_the_memory_until_lacuna_finds_the_hidden_level(memories: World) -> None:
    game = hide(memories)
    events = game.take_events()
    assert LocatorLost("hideout") in events
    frozen = dict(game.state.stages)
    assert frozen  # the bookstore had begun to fade
    out = [say(game, "z") for _ in range(2)]
    assert game.state.stages == frozen  # nothing fades while Lacuna can't see him
    assert not any("goes" in text for text in out)
    # the fourth turn under the table (the turn he arrived counts): the doctor finds him
    assert "There he is" in say(game, "z")
    assert LocatorFound("hideout") in game.take_events()
    for _ in range(10):
        if game.state.level != "hideout":
            break
        say(game, "z")
    # the hidden level is erased too, and Joel falls back into the memory he fled
    assert game.state.level == "bookstore"
    assert game.state.stages["hideout/Under the Table"] == 4


def test_voices_counters_and_arrival_triggers(memories: World) -> None:
    game = asleep(memories)
    say(game, "z")
    lines = game.submit("z")  # the third turn in the memory
    voice = [ln for ln in lines if ln.style is Style.VOICE]
    assert voice and "next one" in voice[0].text
    assert VoiceHeard(voice[0].text) in game.take_events()
    say(game, "e")
    say(game, "e")
    say(game, "s")
    assert game.state.counters == {"stockroom visits": 1}
    say(game, "z")  # staying does not count as arriving again
    assert game.state.counters == {"stockroom visits": 1}
    say(game, "n")
    say(game, "s")
    assert game.state.counters == {"stockroom visits": 2}


def test_pause_resume_and_pace_change_the_clock(memories: World) -> None:
    game = asleep(memories)
    say(game, "sing")
    for _ in range(6):
        say(game, "z")
    assert game.state.stages == {}  # paused: nothing fades
    say(game, "wake")
    say(game, "jump")  # a step every turn from now on
    before = game.state.erasure["bookstore"].steps
    for _ in range(3):
        say(game, "z")
    assert game.state.erasure["bookstore"].steps == before + 3


def test_a_keepsake_is_named_in_the_ending(memories: World) -> None:
    game = asleep(memories)
    say(game, "e")
    assert "You keep this: The title of the novel." in say(game, "read novel")
    last = ""
    while not game.ended:
        last = say(game, "z")
    assert "You kept: The title of the novel." in last


def test_the_companion_follows_and_her_next_memory_takes_over(memories: World) -> None:
    game = asleep(memories)
    say(game, "e")
    say(game, "e")
    joined = say(game, "clementine, follow me")
    assert "falls in beside you" in joined
    assert "Somewhere they can't find us" in joined  # she volunteers a line, once
    assert CompanionJoined("bookstore/Clementine") in game.take_events()
    assert "Clementine comes with you." in say(game, "w")
    assert game.state.things["bookstore/Clementine"].location == "bookstore/Fiction Aisle"
    while game.state.level == "bookstore":
        say(game, "z")
    # swept together: the beach's own Clementine is the one beside him now
    assert game.state.follower == "beach/Clementine"
    assert game.state.things["beach/Clementine"].location == game.state.room
    assert game.model.holds(WithJoel("Clementine"))


def test_a_companion_left_waiting_is_lost_with_her_memory(memories: World) -> None:
    game = asleep(memories)
    say(game, "e")
    say(game, "e")
    say(game, "ask clementine to follow me")
    say(game, "w")
    assert "stays here" in say(game, "tell clementine to wait")
    say(game, "e")
    text = ""
    while game.state.level == "bookstore":
        text = say(game, "z")
    assert "waiting in a memory that no longer exists" in text
    assert CompanionLost("bookstore/Clementine") in game.take_events()
    assert game.state.follower is None
    assert not game.model.holds(WithJoel("Clementine"))


def test_the_status_line_knows_how_much_is_gone_and_who_is_with_joel(memories: World) -> None:
    game = asleep(memories)
    first = game.status()
    assert (first.level, first.room, first.gone_percent, first.companion) == (
        "The bookstore", "Lobby", 0, None)
    say(game, "e")
    say(game, "e")
    say(game, "clementine, follow me")
    for _ in range(3):
        say(game, "z")
    later = game.status()
    assert 0 < later.gone_percent < 100
    assert later.companion == "Clementine"
    assert later.turn == game.state.turn


def test_level_and_turn_triggers_and_the_arrival_delay(memories: World) -> None:
    game = asleep(memories)
    turns: list[list[str]] = []
    while game.state.level == "bookstore":
        turns.append([ln.text for ln in game.submit("z") if ln.style is Style.VOICE])
    # { level = "beach" } and { turn = 5 }: heard on the very turn he lands on the beach
    assert any("beach one" in text for text in turns[-1])
    assert not any("beach one" in text for voices in turns[:-1] for text in voices)
    arrival = game.state.turn
    # the beach waits the turn of arrival, its delay (1) and its pace before the first step
    plan = memories.levels["beach"].erasure_plan
    assert plan is not None and plan.delay == 1
    while game.state.erasure["beach"].steps == 0:
        game.submit("z")
    assert game.state.turn - arrival == plan.delay + plan.pace + 1
