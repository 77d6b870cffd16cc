"""A pack talks in its own voice (issue 9): ``[messages]`` in pack.toml and in a level's TOML
override any catalogue id, HELP, the "Exits:" line (or switch it off), the parser's replies and
the end question included; every override is checked against the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playing import game_of, say

from game.engine.session import Game
from game.packs.loader import load_pack
from game.packs.problems import PackError

HOUSE = Path(__file__).resolve().parent / "packs" / "house"


def house(tmp_path: Path, pack_messages: str = "", level_messages: str = "") -> Path:
    pack = tmp_path / "house"
    shutil.copytree(HOUSE, pack)
    for name, extra in (("pack.toml", pack_messages), ("house.toml", level_messages)):
        if extra:
            f = pack / name
            f.write_text(f.read_text(encoding="utf-8") + "\n[messages]\n" + extra,
                         encoding="utf-8")
    return pack


def test_help_exits_parser_replies_and_the_end_question(tmp_path: Path) -> None:
    pack = house(tmp_path, pack_messages='''
"help.text" = "Type what you do.\\n\\nThat is all."
"look.exits" = ""
"parser.not_here" = "No {{such}} thing, dear."
"ending.options" = "Again? RESTART or QUIT."
"score.raised" = "(+{points})"
''')
    game = game_of(pack)
    assert say(game, "help") == "Type what you do.\nThat is all."
    assert "Exits" not in say(game, "look")
    assert say(game, "take unicorn") in ("No {such} thing, dear.",
                                         'I don\'t know the word "unicorn". (If it was a typo, '
                                         "type OOPS and the right word.)")
    assert say(game, "take statue") == "No {such} thing, dear."  # a thing of another room
    out = say(game, "look under rug", "take coin", "east", "give coin to mary")
    assert "(+2)" in out and "(+3)" in out
    assert out.endswith("Again? RESTART or QUIT.")
    assert say(game, "jump") == "Again? RESTART or QUIT."


def test_a_level_message_wins_over_the_packs(tmp_path: Path) -> None:
    pack = house(tmp_path, pack_messages='"take.done" = "Got it."\n"drop.done" = "Gone."\n',
                 level_messages='"take.done" = "Yours now."\n')
    game = game_of(pack)
    assert say(game, "take blue key") == "Yours now."
    assert say(game, "drop blue key") == "Gone."


def test_an_ending_without_text(tmp_path: Path) -> None:
    pack = house(tmp_path)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'text = "Mary pockets the coin and hums. The house is quiet."\n', ""), encoding="utf-8")
    game = game_of(pack)
    out = say(game, "look under rug", "take coin", "east", "give coin to mary")
    assert "Mary is happy\nYou have scored" in out


@pytest.mark.parametrize(("entry", "message", "fix"), [
    ('"look.exit" = "Ways: {exits}."', 'there is no message "look.exit"',
     'did you mean "look.exits"?'),
    ('"take.done" = "Taken {the}."', "the message has no field {the}",
     "the fields of this message are: none"),
    ('"look.exits" = "Ways: {exits."', "a brace { or } is not closed", "{{"),
    ('"take.done" = 3', "expected a text in quotes, or a list of variants", 'write "take.done" ='),
    ('"take.done" = [ { text = "Got {it}." } ]', "the message has no field {it}", "none"),
])
def test_wrong_messages_are_reported_with_a_fix(tmp_path: Path, entry: str, message: str,
                                                fix: str) -> None:
    for where in ("pack", "level"):
        pack = house(tmp_path / where, **{f"{where}_messages": entry + "\n"})
        with pytest.raises(PackError) as info:
            load_pack(pack)
        hits = [p for p in info.value.problems if message in p.message and fix in p.fix]
        assert len(hits) == 1, [str(p) for p in info.value.problems]
        assert hits[0].where.startswith("messages")
        assert hits[0].file.endswith("pack.toml" if where == "pack" else "house.toml")


def test_a_level_speaks_in_its_own_words_from_the_moment_joel_enters_it(
        tmp_path: Path) -> None:
    pack = tmp_path / "memories"
    shutil.copytree(HOUSE.parent / "memories", pack)

    def entering() -> str:
        world, _ = load_pack(pack)
        game = Game(world, seed=1, strict=True)
        game.start()
        out = say(game, "sleep")
        assert game.state.level == "bookstore"
        return out

    assert "Exits:" in entering()
    level = pack / "bookstore.toml"
    level.write_text(level.read_text(encoding="utf-8") + '\n[messages]\n"look.exits" = ""\n',
                     encoding="utf-8")
    assert "Exits:" not in entering()


VARYING_PACK = '''
"drop.done" = [ { when = { has = "coat" }, text = "Dropped, coat and all." }, { text = "Gone." } ]
'''
VARYING_LEVEL = (
    '"take.done" = [ { when = { room = "Kitchen" }, text = "Yours, in the kitchen." }, '
    '{ text = "Yours." } ]\n')


def test_messages_that_vary_by_condition(tmp_path: Path) -> None:
    game = game_of(house(tmp_path, pack_messages=VARYING_PACK, level_messages=VARYING_LEVEL))
    assert say(game, "take blue key") == "Yours."
    assert say(game, "drop blue key") == "Dropped, coat and all."
    say(game, "drop coat")
    assert say(game, "take blue key", "drop blue key") == "Yours.\nGone."
    say(game, "east")
    assert say(game, "take red key") == "Yours, in the kitchen."
