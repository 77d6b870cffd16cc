"""Rule semantics as Inform's (issue 9): what stops an action, in which order the phases run,
which of several rules wins, action lists and "any action", named conditions, texts that vary,
and a move that would put a thing inside itself.  Each test plays the house pack, with rules
added to its level file, through the real parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playing import game_of, say

from game.engine.session import Game
from game.packs.loader import load_pack
from game.packs.problems import PackError, Problem, Severity

HOUSE = Path(__file__).resolve().parent / "packs" / "house"


def house_with(tmp_path: Path, rules: str, *, pack_extra: str = "") -> Path:
    pack = tmp_path / "house"
    shutil.copytree(HOUSE, pack)
    text = pack / "house.toml"
    text.write_text(text.read_text(encoding="utf-8") + "\n" + rules, encoding="utf-8")
    if pack_extra:
        manifest = pack / "pack.toml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + "\n" + pack_extra,
                            encoding="utf-8")
    return pack


def errors_of(pack: Path) -> list[Problem]:
    with pytest.raises(PackError) as info:
        load_pack(pack)
    return [p for p in info.value.problems if p.severity is Severity.ERROR]


def where(game: Game, name: str) -> str | None:
    return game.state.things[f"house/{name}"].location


# -- instead and check stop the action as a failure ------------------------------------------
def test_an_instead_rule_stops_the_implicit_action_and_the_action_it_was_for(
        tmp_path: Path) -> None:
    pack = house_with(tmp_path, '''
[[rules]]
action = "take"
object = "blue key"
say = "The key is stuck to the floor."
''')
    game = game_of(pack)
    out = say(game, "open box", "put blue key in box")
    assert "(first taking the blue key)\nThe key is stuck to the floor." in out
    assert "You put" not in out
    assert where(game, "blue key") == "house/Hall"  # it never moved


def test_a_failing_check_stops_the_action_it_was_implied_by(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, ""))
    out = say(game, "open box", "put rug in box")  # the rug is scenery: taking it fails
    assert "You put" not in out
    assert where(game, "rug") == "house/Hall"


# -- after runs before report; report adds to it ----------------------------------------------
def test_after_comes_before_the_report_and_replaces_it_when_it_speaks(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "take"
object = "blue key"
phase = "after"
say = "You pocket the key. It is warm."

[[rules]]
action = "open"
object = "box"
phase = "after"
do = [ { set = "box opened" } ]

[[rules]]
action = "open"
object = "box"
phase = "report"
say = [ { when = { flag = "box opened" }, text = "(The flag was set before this line.)" } ]
'''))
    assert say(game, "take blue key") == "You pocket the key. It is warm."
    assert where(game, "blue key") == "player"
    out = say(game, "open box")
    assert out.splitlines() == ["You open the box, revealing a ring.",
                                "(The flag was set before this line.)"]


# -- precedence -----------------------------------------------------------------------------
PRECEDENCE = '''
[[rules]]
action = "give"
say = "any give"

[[rules]]
action = "give"
when = { room = "Kitchen" }
say = "any give, in the kitchen"

[[rules]]
action = "give"
object = "blue key"
say = "the blue key to anyone"

[[rules]]
action = "give"
object = "blue key"
second = "Mary"
say = "the blue key to Mary"

[[rules]]
action = "*"
except = ["go", "take", "look", "inventory"]
when = { room = "Kitchen" }
say = "anything in the kitchen"
'''


def test_the_more_specific_rule_wins_then_the_one_with_a_condition_then_file_order(
        tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, PRECEDENCE))
    say(game, "take blue key", "take box", "east")
    assert say(game, "give blue key to mary") == "the blue key to Mary"
    assert say(game, "give box to mary") == "any give, in the kitchen"  # condition > none
    assert say(game, "push table") == "anything in the kitchen"
    say(game, "west")
    assert say(game, "give blue key to me") in ("the blue key to anyone",
                                                "That would be a strange thing to do with "
                                                "yourself.")


def test_object_and_second_named_beat_object_named_whatever_the_file_order(
        tmp_path: Path) -> None:
    reordered = PRECEDENCE.replace('second = "Mary"\nsay = "the blue key to Mary"',
                                   'second = "Mary"\nsay = "the blue key to Mary"\n\n'
                                   '[[rules]]\naction = "give"\nobject = "blue key"\n'
                                   'when = { room = "Kitchen" }\nsay = "later, less specific"')
    game = game_of(house_with(tmp_path, reordered))
    say(game, "take blue key", "east")
    assert say(game, "give blue key to mary") == "the blue key to Mary"


def test_file_order_breaks_ties(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "jump"
say = "first"

[[rules]]
action = "jump"
say = "second"
'''))
    assert say(game, "jump") == "first"


# -- action lists, any action with exceptions, any object ----------------------------------
def test_a_rule_for_a_list_of_actions(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = ["give", "show"]
object = "blue key"
second = "Mary"
say = "Mary shakes her head at the key."
'''))
    say(game, "take blue key", "east")
    assert say(game, "give blue key to mary") == "Mary shakes her head at the key."
    assert say(game, "show blue key to mary") == "Mary shakes her head at the key."


def test_any_action_except_some(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "*"
except = ["look", "go"]
when = { room = "Hall" }
say = "Not in the hall."
'''))
    assert say(game, "jump") == "Not in the hall."
    assert say(game, "take blue key") == "Not in the hall."
    assert where(game, "blue key") == "house/Hall"
    assert "The Hall" in say(game, "look")
    assert "Kitchen" in say(game, "east")
    assert say(game, "jump") != "Not in the hall."


def test_any_object_except_some(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "go"
object = "*"
except = ["east"]
when = { room = "Hall" }
say = "Only east."
'''))
    assert say(game, "south") == "Only east."
    assert "Kitchen" in say(game, "east")


def test_rule_forms_are_checked(tmp_path: Path) -> None:
    pack = house_with(tmp_path, '''
[[rules]]
action = ["jump", "*"]
say = "x"

[[rules]]
action = ["jump", "jupm"]
say = "x"

[[rules]]
action = "jump"
except = ["look"]
say = "x"

[[rules]]
action = "*"
except = ["lok"]
say = "x"

[[rules]]
action = ["go", "take"]
object = "north"
say = "x"

[[rules]]
action = "go"
object = "*"
except = ["nroth"]
say = "x"
''')
    found = {(p.where, p.message) for p in errors_of(pack)}
    assert ("rules[4].action[1]", '"*" (any action) stands alone') in found
    assert ("rules[5].action[1]", 'unknown action "jupm"') in found
    assert any(w == "rules[6].except" and "goes with" in m for w, m in found)
    assert ("rules[7].except[0]", 'unknown action "lok"') in found
    assert any(w == "rules[8].object" and "direction" in m for w, m in found)
    assert ("rules[9].except[0]", '"nroth" is not a direction') in found


# -- named conditions -----------------------------------------------------------------------
def test_named_conditions_of_the_level_and_the_pack(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[conditions]
"in the kitchen" = { room = "Kitchen" }
"key in hand" = { all = [ "in the kitchen", "holding the key" ] }

[[rules]]
action = "jump"
when = "key in hand"
say = "You jump, key in hand."

[[rules]]
action = "jump"
when = { not = "in the kitchen" }
say = "You jump outside the kitchen."
''', pack_extra='''
[conditions]
"holding the key" = { has = "blue key" }
'''))
    assert say(game, "jump") == "You jump outside the kitchen."
    say(game, "take blue key", "east")
    assert say(game, "jump") == "You jump, key in hand."


def test_named_conditions_unknown_or_in_a_circle_are_errors(tmp_path: Path) -> None:
    pack = house_with(tmp_path, '''
[conditions]
"a" = { not = "b" }
"b" = { all = [ "a" ] }
"c" = { has = "bleu key" }

[[rules]]
action = "jump"
when = "in teh kitchen"
say = "x"
''', pack_extra='''
[conditions]
"in the kitchen" = { room = "Kitchen" }
''')
    found = errors_of(pack)
    assert any("in a circle" in p.message and '"a"' in p.message for p in found)
    hit = next(p for p in found if p.where == "rules[4].when")
    assert hit.message == 'there is no condition named "in teh kitchen"'
    assert 'did you mean "in the kitchen"?' in hit.fix
    assert any(p.where == 'conditions."c".has' for p in found)


# -- texts that vary: room titles and says ----------------------------------------------------
def test_a_room_title_and_a_rule_text_vary_by_condition(tmp_path: Path) -> None:
    pack = house_with(tmp_path, '''
[[rules]]
action = "jump"
say = [ { when = { flag = "jumped" }, text = "Again?" }, { text = "Hup!" } ]
do = [ { set = "jumped" } ]
''')
    manifest = pack / "house.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'title = "The Hall"',
        'title = [ { when = { flag = "jumped" }, text = "The Hall (shaken)" }, '
        '{ text = "The Hall" } ]'), encoding="utf-8")
    game = game_of(pack)
    assert say(game, "jump") == "Hup!"
    assert say(game, "jump") == "Again?"
    assert say(game, "look").splitlines()[0] == "The Hall (shaken)"
    assert game.status().room == "The Hall (shaken)"


# -- a move into itself ----------------------------------------------------------------------
def test_a_move_into_itself_is_refused_by_the_validator(tmp_path: Path) -> None:
    pack = house_with(tmp_path, '''
[[rules]]
action = "jump"
do = [ { move = "box", to = "box" } ]
''')
    hit = next(p for p in errors_of(pack) if p.where.endswith("do[0].to"))
    assert 'it moves "box" into itself' in hit.message


def test_a_move_into_itself_does_nothing_at_run_time_and_the_game_saves(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "jump"
say = "The box folds in on itself, or tries to."
do = [ { move = "box", to = "ring" } ]
'''))  # the ring lies in the box: the box can't go into it
    say(game, "jump")
    assert where(game, "box") == "house/Hall"
    assert where(game, "ring") == "house/box"


def test_named_conditions_can_not_nest_without_bound(tmp_path: Path) -> None:
    chain = "\n".join(f'"c{i}" = {{ not = "c{i + 1}" }}' for i in range(40))
    pack = house_with(tmp_path, f'[conditions]\n{chain}\n"c40" = {{ flag = "x" }}\n')
    assert any("more than 32 deep" in p.message for p in errors_of(pack))


def test_hints_and_the_intro_vary_by_condition(tmp_path: Path) -> None:
    pack = house_with(tmp_path, "")
    level = pack / "house.toml"
    level.write_text(level.read_text(encoding="utf-8").replace(
        'intro = "You let yourself into the small house."',
        'intro = [ { when = { flag = "x" }, text = "Back again." }, '
        '{ text = "You let yourself in." } ]').replace(
        'text = "Mary lost something. Have you looked under the rug?"',
        'text = [ { when = { has = "blue key" }, text = "Keys open things." }, '
        '{ text = "Mary lost something." } ]'), encoding="utf-8")
    world, _ = load_pack(pack)
    game = Game(world, seed=1, strict=True)
    assert "You let yourself in." in [ln.text for ln in game.start()]
    assert say(game, "hint") == "Mary lost something."
    say(game, "take blue key")
    assert say(game, "hint") == "Keys open things."


def test_a_rule_for_any_action_hooks_a_handed_over_command_once(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "*"
phase = "before"
say = "Tick."
'''))
    say(game, "take blue key")
    assert say(game, "remove blue key").count("Tick.") <= 1


def test_an_after_rule_that_only_scores_leaves_the_report(tmp_path: Path) -> None:
    game = game_of(house_with(tmp_path, '''
[[rules]]
action = "take"
object = "blue key"
phase = "after"
do = [ { points = 1 } ]
'''))
    assert say(game, "take blue key") == "[Your score has gone up by 1.]\nTaken."


def test_an_after_rule_for_going_replaces_the_description_but_she_still_follows(
        tmp_path: Path) -> None:
    pack = tmp_path / "memories"
    shutil.copytree(HOUSE.parent / "memories", pack)
    level = pack / "bookstore.toml"
    level.write_text(level.read_text(encoding="utf-8") + '''
[[rules]]
action = "go"
phase = "after"
say = "You walk on."
''', encoding="utf-8")
    world, _ = load_pack(pack)
    game = Game(world, seed=1, strict=True)
    game.start()
    say(game, "sleep", "e", "e", "clementine, follow me")
    follower = game.state.follower
    assert follower is not None
    out = say(game, "w")
    assert out.startswith("You walk on.")
    assert game.state.follower == follower
    assert game.state.things[follower].location == game.state.room


def test_a_packs_condition_is_read_in_the_level_that_uses_it(tmp_path: Path) -> None:
    pack = house_with(tmp_path, '''
[[rules]]
action = "jump"
when = "has the cloak"
say = "x"
''', pack_extra='''
[conditions]
"has the cloak" = { has = "cloak" }
''')
    hit = next(p for p in errors_of(pack) if p.where == 'conditions."has the cloak".has')
    assert hit.file.endswith("pack.toml") and hit.line is not None
    assert hit.message == '"cloak" is not a thing of the level "house" (where it is used)'
