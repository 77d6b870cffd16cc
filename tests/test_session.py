"""The session around the parser: undo, saving, restoring, restarting, quitting, transcripts,
verbosity, score, hints, help, and which commands take a turn."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import play, room, say, tid, where

from game.engine.savefile import checksum
from game.engine.session import Game, transcript_of
from game.engine.world import World


# -- undo ---------------------------------------------------------------------------------
def test_undo_one_move(game: Game) -> None:
    assert say(game, "undo") == "There is nothing to undo."
    say(game, "take box")
    assert say(game, "undo") == "[Previous turn undone.]\nThe Hall"
    assert where(game, "box") == "house/Hall"
    assert game.state.turn == 0


def test_undo_a_hundred_moves_of_a_hundred_and_twenty(game: Game) -> None:
    cycle = ["take box", "e", "put box on table", "take box", "w", "open box", "close box",
             "take blue key", "drop blue key", "wait", "drop box", "look"]
    snapshots = [game.state.model_dump()]
    for i in range(120):
        say(game, cycle[i % len(cycle)])
        snapshots.append(game.state.model_dump())
    assert game.state.turn == 120
    for _ in range(100):
        assert say(game, "undo").startswith("[Previous turn undone.]")
    assert game.state.turn == 20
    assert game.state.model_dump() == snapshots[20]
    for _ in range(20):
        say(game, "undo")
    assert game.state.model_dump() == snapshots[0]
    assert say(game, "undo") == "There is nothing to undo."



# -- saving, restoring, restarting, quitting ---------------------------------------------------
def tamper(path: Path, edit: Callable[[str], str]) -> None:
    """Edit a save's text and sign it again, as a player editing it by hand with care would:
    the checks after the checksum must still catch what is wrong."""
    doc = json.loads(edit(path.read_text(encoding="utf-8")))
    doc["checksum"] = checksum(doc["state"])
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_save_and_restore(game: Game) -> None:
    say(game, "take box")
    saved = game.state.model_dump()
    out = say(game, "save")
    assert out.startswith("Saved to ") and out.endswith("savegame.json.")
    play(game, "drop box", "e", "take lamp")
    out = say(game, "restore savegame")
    assert out.startswith("Restored.\nThe Hall")
    assert game.state.model_dump() == saved
    assert where(game, "box") == "player"


def test_save_and_restore_named_slots(game: Game) -> None:
    say(game, "take box")
    say(game, "save first")
    play(game, "e", "take lamp")
    say(game, "save second")
    say(game, "restore first")
    assert room(game) == "Hall" and where(game, "lamp") == tid("table")
    say(game, "restore second")
    assert room(game) == "Kitchen" and where(game, "lamp") == "player"


def test_restore_a_missing_save(game: Game) -> None:
    assert say(game, "restore nothere") == (
        'Could not restore: There is no saved game called "nothere". The game goes on.')


def test_a_damaged_save_is_refused_and_the_game_goes_on(game: Game) -> None:
    assert game.saves is not None
    say(game, "take box")
    (game.saves.directory / "broken.json").write_text("{not json", encoding="utf-8")
    before = game.state.model_dump()
    out = say(game, "restore broken")
    assert out.startswith("Could not restore: ")
    assert "broken.json is damaged (not valid JSON at line 1)." in out
    assert out.endswith("The game goes on.")
    assert game.state.model_dump() == before
    assert say(game, "drop box") == "Dropped."


def test_a_save_with_a_wrong_state_is_refused(game: Game) -> None:
    assert game.saves is not None
    say(game, "save ok")
    path = game.saves.directory / "ok.json"
    tamper(path, lambda t: t.replace('"room": "house/Hall"', '"room": 5'))
    out = say(game, "restore ok")
    assert "is damaged (state.room:" in out or "is damaged (room:" in out
    assert out.endswith("The game goes on.")
    assert room(game) == "Hall"


def test_a_save_where_a_thing_is_inside_itself_is_refused(game: Game) -> None:
    assert game.saves is not None
    say(game, "save loop")
    path = game.saves.directory / "loop.json"
    tamper(path, lambda t: t.replace('"location": "house/box"', '"location": "house/ring"')
           .replace('"location": "house/Hall"', '"location": "house/box"', 2))
    out = say(game, "restore loop")
    assert "does not fit this version of the pack" in out
    assert say(game, "look").startswith("The Hall")


def test_a_bad_save_name(game: Game) -> None:
    assert say(game, "save a b") == (
        'A save name may only have up to 40 letters, digits, - or _, so "a b" won\'t do.')


def test_saving_without_a_save_store(house: World) -> None:
    g = Game(house, seed=1, strict=True)
    g.start()
    assert say(g, "save") == "Saving is not available in this session."
    assert say(g, "restore") == "Saving is not available in this session."
    assert say(g, "script on") == "Saving is not available in this session."


@pytest.mark.parametrize("no", ["no", "n", "nope", "whatever"])
def test_restart_asks_and_no_carries_on(game: Game, no: str) -> None:
    say(game, "take box")
    assert say(game, "restart") == (
        "Are you sure you want to start again from the beginning? (yes or no)")
    assert say(game, no) == "Then let's carry on."
    assert where(game, "box") == "player"
    assert game.state.turn == 1


@pytest.mark.parametrize("yes", ["yes", "y", "YES"])
def test_restart_yes_starts_again(game: Game, yes: str) -> None:
    play(game, "take box", "e")
    say(game, "restart")
    out = say(game, yes)
    assert out.startswith("A Small House\nYou let yourself into the small house.\nThe Hall")
    assert game.state.turn == 0
    assert room(game) == "Hall"
    assert where(game, "box") == "house/Hall"
    assert say(game, "undo") == "There is nothing to undo."


@pytest.mark.parametrize("quit_cmd", ["quit", "q", "QUIT"])
def test_quit_asks_and_no_carries_on(game: Game, quit_cmd: str) -> None:
    assert say(game, quit_cmd) == "Are you sure you want to quit? (yes or no)"
    assert say(game, "no") == "Then let's carry on."
    assert not game.finished
    assert say(game, "x rug") == "A threadbare rug."


def test_quit_yes_ends_the_session(game: Game) -> None:
    say(game, "quit")
    assert say(game, "yes") == "Goodbye."
    assert game.finished
    assert game.submit("look") == []


def test_script_writes_a_transcript(game: Game) -> None:
    assert game.saves is not None
    out = say(game, "script on")
    path = game.saves.directory / "house-transcript.txt"
    assert out == f"Writing a transcript to {path}. Type SCRIPT OFF to stop."
    assert say(game, "script") == "A transcript is already being written."
    play(game, "take box", "e")
    assert say(game, "script off") == "The transcript has stopped."
    assert say(game, "script off") == "No transcript is being written."
    say(game, "take lamp")
    text = path.read_text(encoding="utf-8")
    assert "> take box\nTaken.\n" in text
    assert "> e\nKitchen\n" in text
    assert "take lamp" not in text


def test_quitting_closes_the_transcript(game: Game) -> None:
    assert game.saves is not None
    play(game, "transcript", "wait", "quit", "yes")
    assert game.script is None
    text = (game.saves.directory / "house-transcript.txt").read_text(encoding="utf-8")
    assert "> wait\nTime passes.\n" in text
    assert text.endswith("Goodbye.\n")


# -- verbosity, score, hints, help -------------------------------------------------------------
def test_brief_gives_full_descriptions_only_of_new_places(game: Game) -> None:
    assert say(game, "brief") == (
        "A Small House now gives full descriptions only of places you haven't been to.")
    assert "A plain kitchen." in say(game, "e")
    out = say(game, "w")
    assert out.startswith("The Hall")
    assert "A narrow hall" not in out
    assert "A narrow hall" in say(game, "look")


def test_superbrief_never_describes(game: Game) -> None:
    assert say(game, "superbrief") == (
        "A Small House now never gives full descriptions of places.")
    out = say(game, "e")
    assert out.startswith("Kitchen")
    assert "A plain kitchen." not in out
    assert "Mary is here." in out


def test_verbose_always_describes(game: Game) -> None:
    say(game, "brief")
    assert say(game, "verbose") == "A Small House now always gives full descriptions of places."
    say(game, "e")
    assert "A narrow hall" in say(game, "w")


def test_score(game: Game) -> None:
    assert say(game, "score") == "You have scored 0 out of a possible 6, in 0 turns."
    say(game, "look under rug")
    assert say(game, "score") == "You have scored 2 out of a possible 6, in 1 turns."


def test_hint_follows_the_state(game: Game) -> None:
    assert say(game, "hint") == "Mary lost something. Have you looked under the rug?"
    play(game, "look under rug", "take coin")
    assert say(game, "hints") == "Give Mary what she lost."


@pytest.mark.parametrize("cmd", ["help", "HELP", "commands", "?"])
def test_help(game: Game, cmd: str) -> None:
    out = say(game, cmd)
    assert out.startswith("How to play:")
    assert "UNDO" in out and "SAVE" in out


@pytest.mark.parametrize("cmd", ["about", "credits", "info"])
def test_about_and_credits(game: Game, cmd: str) -> None:
    out = say(game, cmd).splitlines()
    assert out[0] == "A Small House, version 1.0.0, by Spotless Mind tests."
    assert out[1] == "Rug pattern by nobody in particular."
    assert out[2].startswith("Spotless Mind engine ")


# -- time ----------------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", ["* a note to myself", "*", "*look", "  * take box"])
def test_comments_take_no_turn(game: Game, cmd: str) -> None:
    before = game.state.model_dump()
    assert say(game, cmd) == "(Noted.)"
    assert game.state.model_dump() == before


@pytest.mark.parametrize("cmd", ["save", "restore", "help", "hint", "score", "script on",
                                 "script off", "verbose", "brief", "superbrief", "about",
                                 "credits", "restart", "quit", "undo"])
def test_out_of_world_commands_take_no_turn(game: Game, cmd: str) -> None:
    play(game, "take box", "save")
    turn = game.state.turn
    assert turn == 1
    out = say(game, cmd)
    assert out
    if cmd == "undo":
        assert game.state.turn == turn - 1
    else:
        assert game.state.turn == turn


@pytest.mark.parametrize("cmd", ["look", "i", "wait", "x rug", "take box", "jump", "e",
                                 "take me", "sing", "open rug", "think"])
def test_acting_commands_take_a_turn(game: Game, cmd: str) -> None:
    say(game, cmd)
    assert game.state.turn == 1


@pytest.mark.parametrize("cmd", ["", "dance", "take blorf", "take apple", "x", "take box quickly",
                                 "take key from", "x it"])
def test_commands_that_are_not_understood_take_no_turn(game: Game, cmd: str) -> None:
    say(game, cmd)
    assert game.state.turn == 0


# -- determinism ---------------------------------------------------------------------------
WALKTHROUGH = [
    "look", "x rug", "look under rug", "take coin. i", "take all", "e", "x key", "the red one",
    "take lamp and red key", "push lamp", "d", "unlock chest", "blue key", "open it",
    "take note from chest", "read note", "u", "w", "unlock door", "red", "s", "eat apple", "se",
    "ne", "sw", "nw", "n", "e", "ask mary about lamp", "give coin to her",
]


def test_the_same_seed_and_commands_give_the_same_transcript(house: World) -> None:
    first = transcript_of(Game(house, seed=11, strict=True), WALKTHROUGH)
    second = transcript_of(Game(house, seed=11, strict=True), WALKTHROUGH)
    assert first == second
    assert "> give coin to her\nMary takes the coin with a smile." in first
    assert "You have scored 5 out of a possible 6" in first


def test_an_internal_error_is_apologised_for_and_changes_nothing(
        house: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.engine import actions

    g = Game(house, seed=1)  # not strict: the player sees an apology, not a traceback
    g.start()
    say(g, "take box")
    before = g.state.model_dump()

    def broken(self: actions.Action, c: object, cmd: object) -> None:
        g.state.room = "house/Cellar"  # half-done work that must be rolled back
        raise RuntimeError("boom")

    monkeypatch.setattr(actions.Drop, "carry_out", broken)
    assert say(g, "drop box") == (
        "Something went wrong inside the game, and that command had no effect. "
        "Please report what you typed.")
    assert g.state.model_dump() == before
    assert say(g, "undo") == "[Previous turn undone.]\nThe Hall"
    assert where(g, "box") == "house/Hall"


def test_undo_snapshots_cover_every_field_of_the_state() -> None:
    """A field added to GameState but not to the snapshot would silently survive UNDO."""
    from game.engine.state import _CLOCK, _DICTS, _SCALARS, _SETS, GameState, LevelErasure

    assert set(GameState.model_fields) == {*_SCALARS, *_SETS, *_DICTS, "things", "erasure"}
    assert set(_CLOCK) == set(LevelErasure.model_fields)
