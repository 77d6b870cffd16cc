"""The last fight and the dining dead (memories 2 and 3), played through the real parser from
the moment Joel falls into each: what the memory holds him to, what can be lost, when Lacuna
starts and how Patrick's leaving changes the pace."""

from __future__ import annotations

from pathlib import Path

import pytest
from start_at import GameAt as GameInMemory

from game.engine.output import LevelEntered, Style, VoiceHeard
from game.engine.world import World
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def campaign() -> World:
    world, warnings = load_pack(ROOT / "levels" / "spotless")
    assert not warnings, [str(w) for w in warnings]
    return world


def start(world: World, level: str) -> GameInMemory:
    game = GameInMemory(world, level, seed=1, strict=True)
    game.start()
    game.take_events()  # entering the first memory
    return game


def say(game: GameInMemory, command: str) -> str:
    lines = game.submit(command)
    refused = [ln.text for ln in lines if ln.style is Style.PARSER]
    assert not refused, f"{command!r} was not understood: {refused}"
    return "\n".join(ln.text for ln in lines)


def room(game: GameInMemory) -> str:
    return game.state.room.split("/", 1)[1]


# --- The last fight -----------------------------------------------------------------------------

def test_the_fight_holds_joel_in_bed_until_she_walks_out(campaign: World) -> None:
    game = start(campaign, "lastfight")
    for _ in range(7):
        say(game, "south")
        assert room(game) == "Bedroom"
    assert "said it" in game.state.flags and "she walked out" not in game.state.flags
    text = say(game, "south")  # the eighth turn: she goes, and the memory lets him up
    assert "she walked out" in game.state.flags and room(game) == "Bedroom"
    assert "get up, and go after her" in text
    say(game, "south")
    assert room(game) == "Living Room"


def test_the_keys_are_under_the_bed_and_open_the_car_where_the_keepsake_is(
        campaign: World) -> None:
    game = start(campaign, "lastfight")
    assert "she walked out" not in game.state.flags
    assert "Dust" in say(game, "look under bed")  # before she comes in: nothing yet
    for _ in range(7):
        say(game, "wait")
    assert "keys" in say(game, "look under bed")
    say(game, "take keys")
    for step in ("south", "south", "south", "east"):
        say(game, step)
    assert room(game) == "By the Car"
    assert "locked" in say(game, "open door").lower()
    say(game, "unlock door with keys")
    say(game, "open door")
    say(game, "in")
    assert room(game) == "Your Car"
    assert "SORRY JOELY" in say(game, "examine windscreen")
    assert game.state.keepsakes == {"frost-drawing"}
    assert game.state.score == 1


def test_keys_left_under_the_bed_are_lost_with_it_and_the_night_goes_on(campaign: World) -> None:
    game = start(campaign, "lastfight")
    for _ in range(9):
        say(game, "wait")
    for step in ("south", "south", "south", "east"):
        say(game, step)
    while game.state.stages.get("lastfight/Bedroom", 0) < 3:  # until the bedroom dissolves
        say(game, "wait")
    assert "lastfight/car keys" not in {
        t for t, s in game.state.things.items() if s.location is not None}
    assert "locked" in say(game, "open door").lower()
    assert "keys went with the bedroom" in say(game, "hint")
    entered: list[str] = []
    for _ in range(60):
        if game.state.level != "lastfight":
            break
        say(game, "wait")
        entered += [e.level for e in game.take_events() if isinstance(e, LevelEntered)]
    assert entered == ["restaurant"]  # swept on into the next memory, without the keepsake
    assert not game.state.keepsakes


# --- The dining dead ----------------------------------------------------------------------------

def test_lacuna_waits_for_joel_to_sit_down_with_her(campaign: World) -> None:
    game = start(campaign, "restaurant")
    for _ in range(20):
        say(game, "examine window")
    assert not game.state.stages.get("restaurant/Your Table")  # nothing has faded yet
    say(game, "north")
    say(game, "north")
    say(game, "north")  # he sits down: now it lights up
    voices = [e.text for e in game.take_events() if isinstance(e, VoiceHeard)]
    assert any("sat down with her" in v for v in voices)
    turns = 0
    while not game.state.stages.get("restaurant/Your Table"):
        say(game, "wait")
        turns += 1
    assert turns == 12  # delay 6 + pace 5, and the turn he sat down doesn't count


def test_if_he_never_sits_down_they_start_without_him(campaign: World) -> None:
    game = start(campaign, "restaurant")
    texts = "\n".join(say(game, "wait") for _ in range(24))
    assert "We start without him" in texts
    assert not game.state.stages.get("restaurant/Your Table")
    for _ in range(12):
        say(game, "wait")
    assert game.state.stages.get("restaurant/Your Table") == 1


def test_patrick_confesses_and_leaves_and_the_pace_quickens(campaign: World) -> None:
    game = start(campaign, "restaurant")
    voices: list[str] = []
    for command in ("north", "north", "north"):
        say(game, command)
    while "patrick gone" not in game.state.flags:
        say(game, "wait")
        voices += [e.text for e in game.take_events() if isinstance(e, VoiceHeard)]
    assert any("It's her. Clementine" in v for v in voices)
    assert any("His journal" in v for v in voices)
    assert any("Go, Romeo" in v for v in voices)
    assert game.state.erasure["restaurant"].pace == 3
    # from now on the steps come three turns apart instead of five
    stage, gaps, turns = game.state.stages["restaurant/Your Table"], [], 0
    while len(gaps) < 2:
        say(game, "wait")
        turns += 1
        now = game.state.stages["restaurant/Your Table"]
        if now != stage:
            gaps.append(turns)
            stage, turns = now, 0
    assert gaps[1] == 3


def test_the_napkin_shows_what_is_under_the_table_and_the_moment_is_kept(
        campaign: World) -> None:
    game = start(campaign, "restaurant")
    for command in ("north", "north", "north"):
        say(game, command)
    assert "Mine" in say(game, "take napkin")  # she keeps it under her hand
    while "in the ladies room" not in game.state.flags:
        say(game, "wait")
    assert "her boot" in say(game, "examine napkin").lower()
    assert "empty" in say(game, "look under table")  # not while she is away
    assert not game.state.keepsakes
    while "in the ladies room" in game.state.flags:
        say(game, "wait")
    assert "she moves her foot a little closer" in say(game, "look under table")
    assert game.state.keepsakes == {"foot-under-the-table"}
    assert game.state.score == 1
