"""Light and darkness (issue 9): a dark room shows nothing, holds in scope only what Joel
carries, lets him go back only the way he came; a lit thing lights it; a room can go dark by
a condition (a memory going dark); the messages are the pack's to change."""

from __future__ import annotations

import shutil
from pathlib import Path

from playing import game_of, say

from game.engine.session import Game

HOUSE = Path(__file__).resolve().parent / "packs" / "house"


def house(tmp_path: Path, old: str, new: str, extra: str = "",
          edits: tuple[tuple[str, str], ...] = ()) -> Game:
    pack = tmp_path / "house"
    shutil.copytree(HOUSE, pack)
    text = pack / "house.toml"
    source = text.read_text(encoding="utf-8")
    for a, b in ((old, new), *edits):
        assert a in source
        source = source.replace(a, b, 1)
    text.write_text(source + "\n" + extra, encoding="utf-8")
    return game_of(pack)


DARK_CELLAR = ('description = "A cold cellar. Stairs lead up."',
               'description = "A cold cellar. Stairs lead up."\ndark = true')


def test_a_dark_room(tmp_path: Path) -> None:
    game = house(tmp_path, *DARK_CELLAR)
    out = say(game, "east", "down")
    assert out.endswith("Darkness\nIt is pitch dark, and you can't see a thing.")
    assert "bottle" not in out and "Exits" not in out.split("Darkness")[1]
    assert say(game, "look") == "Darkness\nIt is pitch dark, and you can't see a thing."
    assert say(game, "take bottle") == "You can't see any such thing here."
    assert say(game, "x coat") == "It is too dark to see anything."  # carried, still dark
    assert "Dropped" in say(game, "drop coat")  # what he carries is in scope
    assert game.status().room == "Darkness"
    assert "Kitchen" in say(game, "up")  # the way he came


def test_in_the_dark_only_the_way_back_is_found(tmp_path: Path) -> None:
    game = house(tmp_path, *DARK_CELLAR)
    say(game, "east", "down")
    game.state.came_from = None  # as if he had arrived some other way
    assert "only way you can find is back the way you came" in say(game, "up")
    assert game.state.room == "house/Cellar"


def test_a_lit_thing_lights_a_dark_room_unless_it_is_shut_away(tmp_path: Path) -> None:
    game = house(tmp_path, *DARK_CELLAR,
                 edits=(("[things.lamp]\n", "[things.lamp]\nlit = true\n"),))
    say(game, "east", "take lamp", "down")
    assert "A cold cellar" in say(game, "look")
    say(game, "up", "west", "open box", "take box", "put lamp in box", "close box", "east",
        "down")
    assert say(game, "look").startswith("Darkness")
    say(game, "open box")
    assert "A cold cellar" in say(game, "look")


def test_a_lamp_lit_by_a_condition(tmp_path: Path) -> None:
    game = house(tmp_path, *DARK_CELLAR, edits=(
        ("[things.lamp]\n", '[things.lamp]\nlit = { flag = "lamp-lit" }\n'),))
    say(game, "east", "take lamp", "down")
    assert say(game, "look").startswith("Darkness")
    game.state.flags.add("lamp-lit")  # "push lamp" in the kitchen sets it
    assert "A cold cellar" in say(game, "look")


def test_a_memory_can_go_dark(tmp_path: Path) -> None:
    game = house(tmp_path, 'description = "A narrow hall with a worn rug.',
                 'dark = { flag = "power cut" }\ndescription = "A narrow hall with a worn rug.',
                 extra='[[events]]\nwhen = { turn = 2 }\nsay = "The lights go out."\n'
                       'do = [ { set = "power cut" } ]\n')
    assert say(game, "look").startswith("The Hall")
    assert say(game, "z").endswith("The lights go out.")
    assert say(game, "look").startswith("Darkness")


def test_a_darkness_that_asks_what_can_be_seen_does_not_loop(tmp_path: Path) -> None:
    game = house(tmp_path, 'description = "A narrow hall with a worn rug.',
                 'dark = { present = "rug" }\ndescription = "A narrow hall with a worn rug.')
    assert say(game, "look")  # answers, whatever it decides


def test_the_dark_messages_are_the_packs(tmp_path: Path) -> None:
    game = house(tmp_path, *DARK_CELLAR, extra=(
        '[messages]\n"dark.description" = "Black as the inside of a cow."\n'
        '"dark.title" = "Somewhere dark"\n'))
    assert say(game, "east", "down").endswith("Somewhere dark\nBlack as the inside of a cow.")


def test_a_switchable_lamp_lights_the_dark_while_it_is_on(tmp_path: Path) -> None:
    """SWITCH ON and OFF work on a switchable thing; { on = "lamp" } sees it, so a lamp can
    be lit while it is on; anything else still has no switch."""
    pack = tmp_path / "house"
    shutil.copytree(HOUSE, pack)
    tmx = pack / "house.tmx"
    tmx.write_text(tmx.read_text(encoding="utf-8").replace(
        '<property name="in" value="table"/>',
        '<property name="in" value="table"/>\n    <property name="switchable" type="bool" '
        'value="true"/>'), encoding="utf-8")
    text = pack / "house.toml"
    source = text.read_text(encoding="utf-8")
    source = source.replace(DARK_CELLAR[0], DARK_CELLAR[1]).replace(
        "[things.lamp]\n", '[things.lamp]\nlit = { on = "lamp" }\n')
    text.write_text(source, encoding="utf-8")
    game = game_of(pack)
    say(game, "east", "take lamp")
    assert say(game, "switch off lamp") == "The lamp is already off."
    assert say(game, "switch on lamp") == "You switch the lamp on."
    assert say(game, "turn lamp on") == "The lamp is already on."
    assert "A cold cellar" in say(game, "down")
    assert say(game, "switch off lamp") == "You switch the lamp off."
    assert say(game, "undo") and "A cold cellar" in say(game, "look")  # UNDO puts it back on
    assert say(game, "switch off lamp", "look").endswith("It is pitch dark, and you can't see "
                                                         "a thing.")
    assert "no switch" in say(game, "up", "switch on table")
