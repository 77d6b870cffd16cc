"""The parser and what the text mentions (issue 9): gentle replies for words of the room's text,
possessives before pronouns, adjectives from descriptions, "did you mean" only for words in
sight, GO TO a room, orders to yourself and the common verbs every player tries.

Played through ``Game.submit`` on the house pack (see test_parser.py for its map) and the
built-in prologue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import play, room, say

from game.engine.session import Game
from game.engine.world import World

MENTIONED = "That's not something you need to look at more closely."
CANT_SEE = "You can't see any such thing here."


# -- words of the text ------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", ["x hall", "x the narrow hall", "look at the hall"])
def test_a_word_of_the_room_text_gets_a_gentle_reply(game: Game, cmd: str) -> None:
    assert say(game, cmd) == MENTIONED


def test_a_word_of_the_room_text_with_another_verb(game: Game) -> None:
    assert say(game, "take hall") == \
        "That's only part of the scene; you don't need to do anything with it."


def test_a_word_nowhere_in_sight_is_still_not_seen(game: Game) -> None:
    assert say(game, "x lamp") == CANT_SEE  # the lamp is in the kitchen


def test_a_word_of_the_text_gets_no_did_you_mean(prologue: World, tmp_path: Path) -> None:
    g = Game(prologue, seed=1, strict=True)
    g.start()
    # "fern" is in the living room's text: no suggestion, and no "can't see"
    out = say(g, "x ferns")
    assert "Did you mean" not in out and out != CANT_SEE


def test_did_you_mean_only_for_words_in_sight(game: Game) -> None:
    assert "Did you mean \"rug\"" in say(game, "x rugg")
    # the lamp is a word of the pack, but not of anything in the hall
    assert "Did you mean" not in say(game, "take lamq")


# -- possessives and adjectives -----------------------------------------------------------------
def test_her_before_a_noun_is_a_possessive(prologue: World) -> None:
    g = Game(prologue, seed=1, strict=True)
    g.start()
    assert say(g, "x her armchair").startswith("Her armchair.")


def test_an_adjective_of_the_text_helps_choose(prologue: World) -> None:
    g = Game(prologue, seed=1, strict=True)
    g.start()
    assert say(g, "x blue sofa") == say(g, "x sofa")
    assert say(g, "x small television") == say(g, "x television")


# -- going to a room ----------------------------------------------------------------------------
def test_go_to_a_room_next_door(game: Game) -> None:
    out = say(game, "go to the kitchen")
    assert room(game) == "Kitchen"
    assert out.startswith("Kitchen")


def test_go_to_walks_a_known_path_a_turn_a_step(game: Game) -> None:
    play(game, "e", "d")
    turn = game.state.turn
    say(game, "go to hall")
    assert room(game) == "Hall"
    assert game.state.turn == turn + 2


def test_go_to_an_unknown_or_current_room(game: Game) -> None:
    assert say(game, "go to the cellar") == "You don't know the way there yet."
    assert say(game, "go to the hall") == "You're already there."
    assert say(game, "go to narnia") == \
        "You don't know the way to anywhere called that from here."


# -- orders and common verbs -----------------------------------------------------------------
@pytest.mark.parametrize("cmd", ["tell me to jump", "ask myself to wait", "order me to look"])
def test_an_order_to_yourself_gets_a_reply(game: Game, cmd: str) -> None:
    assert say(game, cmd).startswith("You don't need to ask yourself")


@pytest.mark.parametrize("cmd, reply", [
    ("turn on rug", "The rug has no switch that you can find."),
    ("switch the rug off", "The rug has no switch that you can find."),
    ("look out of the box", "You can't see inside the box while it is closed."),
    ("look through rug", "A threadbare rug."),
    ("stand on rug", "You'd rather keep your feet on the floor than stand on the rug."),
    ("hug rug", "You put your arms around the rug. It doesn't help as much as you hoped."),
    ("shout", "You shout. The sound goes nowhere, and nobody answers."),
    ("pray", "You close your eyes for a moment. Nobody up there seems to be taking calls."),
    ("climb", "There's nothing here to climb."),
    ("jump on rug", "Jumping on the rug would get you nothing but looks."),
    ("knock on rug", "You knock on the rug. Nobody answers."),
    ("use rug", "You'll have to say what you want to do with the rug: open it, push it, turn "
     "it on?"),
    ("shake rug", "You shake the rug. Nothing rattles, and nothing changes."),
    ("x rug closely", "A threadbare rug."),
    ("look between box", "You find nothing of interest."),
])
def test_common_verbs_have_replies(game: Game, cmd: str, reply: str) -> None:
    assert say(game, cmd) == reply


def test_hold_a_thing_takes_it_and_a_person_holds_hands(game: Game) -> None:
    say(game, "hold blue key")
    assert game.model.carried("house/blue key")
    say(game, "e")
    assert say(game, "take mary's hand") == "You take Mary's hand for a moment, and let go."
    assert say(game, "hug mary") == "Mary would not welcome that."


def test_go_back_returns_the_way_you_came(game: Game) -> None:
    assert say(game, "go back") == "You haven't come from anywhere you could go back to."
    say(game, "e")
    say(game, "go back")
    assert room(game) == "Hall"
    say(game, "back")
    assert room(game) == "Kitchen"


def test_the_only_person_here_is_assumed(game: Game) -> None:
    say(game, "e")
    assert say(game, "talk to") == "What do you want to talk to?"  # Mary and Stan
    game.state.things["house/Stan"].location = None
    assert say(game, "hello") == "(Mary)\n\"Hello,\" says Mary."
    assert say(game, "talk to") == "(Mary)\n\"Hello,\" says Mary."


def test_every_simple_action_has_a_reply_for_yourself() -> None:
    """SHAKE ME, USE MYSELF: an action whose noun is Joel says its default."""
    from game.engine.actions import ACTIONS, Push, Simple
    from game.engine.messages import Catalogue

    msg = Catalogue()
    missing = [a for a, x in ACTIONS.items() if isinstance(x, Simple)
               and not isinstance(x, Push) and not msg.has(f"{a}.default")]
    assert missing == []
