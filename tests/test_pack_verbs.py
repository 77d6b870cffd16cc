"""Verbs of a pack's own (``[[verbs]]`` in pack.toml): they parse, answer with their reply,
are hooked by rules like any action, and every mistake in them is reported with a key path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import say

from game.engine.session import Game
from game.packs.loader import load_pack
from game.packs.problems import PackError

HOUSE = Path(__file__).parent / "packs" / "house"

VERBS = '''
[[verbs]]
action = "ring"
grammar = ["ring/ding [thing]", "ring"]
reply = "{the} doesn't ring."

[[verbs]]
action = "blow_out"
grammar = ["blow out [thing]", "blow [thing] out"]

[[verbs]]
action = "hide"
grammar = ["hide", "hide in/under/behind [thing]"]
reply = "You hide. Nobody looks for you."
'''

RULE = '''
[[rules]]
action = "ring"
object = "table"
say = "The table rings like a bell. Odd."
'''


def _pack(tmp_path: Path, verbs: str = VERBS, rules: str = RULE) -> Path:
    root = tmp_path / "house"
    shutil.copytree(HOUSE, root)
    with (root / "pack.toml").open("a", encoding="utf-8") as f:
        f.write(verbs)
    with (root / "house.toml").open("a", encoding="utf-8") as f:
        f.write(rules)
    return root


def _game(root: Path) -> Game:
    world, _ = load_pack(root)
    g = Game(world, seed=1, strict=True)
    g.start()
    return g


def test_a_pack_verb_has_its_reply_and_a_default(tmp_path: Path) -> None:
    g = _game(_pack(tmp_path))
    assert say(g, "ring rug") == "The rug doesn't ring."
    assert say(g, "ding the rug") == "The rug doesn't ring."
    assert say(g, "hide") == "You hide. Nobody looks for you."
    assert say(g, "hide under rug") == "You hide. Nobody looks for you."
    assert say(g, "blow out rug") == "Nothing much comes of that."
    assert say(g, "blow rug out") == "Nothing much comes of that."


def test_a_rule_hooks_a_pack_verb(tmp_path: Path) -> None:
    g = _game(_pack(tmp_path))
    say(g, "e")
    assert say(g, "ring table") == "The table rings like a bell. Odd."
    assert say(g, "ring lamp") == "The lamp doesn't ring."


def test_a_pack_verb_word_is_a_verb_for_typos_and_orders(tmp_path: Path) -> None:
    g = _game(_pack(tmp_path))
    assert "Did you mean \"ring\"" in say(g, "rinf rug")
    assert say(g, "ring nothingness").startswith("I don't know the word")


@pytest.mark.parametrize("verbs, where, message", [
    ('[[verbs]]\naction = "take"\ngrammar = ["grab [thing]"]\n', "verbs[0].action",
     '"take" is a standard action'),
    ('[[verbs]]\naction = "yank"\ngrammar = ["take [thing]"]\n', "verbs[0].grammar[0]",
     "already says"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["turn on [person]"]\n', "verbs[0].grammar[0]",
     'the action "switch_on"'),
    ('[[verbs]]\naction = "yank"\ngrammar = ["[thing] go"]\n', "verbs[0].grammar[0]",
     "starts with a slot"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["yank [thing] [thing]"]\n', "verbs[0].grammar[0]",
     "side by side"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["north [thing]"]\n', "verbs[0].grammar[0]",
     "can't start a verb"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["yank [foo]"]\n', "verbs[0].grammar[0]",
     "is not a slot"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["yank [text] now"]\n', "verbs[0].grammar[0]",
     "the rest of the command"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["yank it!"]\n', "verbs[0].grammar[0]",
     "not a word the player can type"),
    ('[[verbs]]\naction = "yank"\ngrammar = [""]\n', "verbs[0].grammar[0]", "empty"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["a b c d e f g h i"]\n', "verbs[0].grammar[0]",
     "at most 8"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["tie [thing] to [thing] with [thing]"]\n',
     "verbs[0].grammar[0]", "at most 2"),
    ('[[verbs]]\naction = "Yank!"\ngrammar = ["yank"]\n', "verbs[0].action", ""),
    ('[[verbs]]\naction = "a"\ngrammar = ["zap on [thing]"]\n[[verbs]]\naction = "b"\n'
     'grammar = ["zap on [thing]"]\n', "verbs[1].grammar[0]", "the same line as"),
    ('[[verbs]]\naction = "yank"\ngrammar = ["yank"]\nwords = 1\n', "verbs[0]", ""),
])
def test_mistakes_in_verbs_are_reported(tmp_path: Path, verbs: str, where: str,
                                        message: str) -> None:
    with pytest.raises(PackError) as exc:
        load_pack(_pack(tmp_path, verbs, ""))
    hits = [p for p in exc.value.problems if p.where.startswith(where) and message in p.message]
    assert hits, exc.value.problems
    assert all(p.fix for p in hits)


def test_a_rule_for_an_unknown_verb_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PackError) as exc:
        load_pack(_pack(tmp_path, VERBS, '[[rules]]\naction = "rinf"\nsay = "x"\n'))
    assert any('"rinf"' in p.message and "ring" in p.fix for p in exc.value.problems)


def test_a_pack_with_the_most_verbs_still_parses(tmp_path: Path) -> None:
    """200 verbs of 20 lines, 8 parts each: they load, and a command finds its line among
    4000 (the parser looks only at the lines its first word starts)."""
    lines = ", ".join(f'"zz{{n}}/yy{{n}} a{k}/b{k} [thing] c/d e/f [text]"' for k in range(19))
    verbs = "".join(
        f'[[verbs]]\naction = "v{n}"\ngrammar = ["zz{n} [thing]", {lines.format(n=n)}]\n'
        f'reply = "v{n} {{the}}."\n' for n in range(200))
    g = _game(_pack(tmp_path, verbs, ""))
    assert say(g, "zz199 rug") == "V199 the rug."
    assert say(g, "yy7 a3 rug c e whatever you like") == "V7 the rug."
    assert say(g, "x rug") == "A threadbare rug."


def test_a_pack_verb_starts_a_command_after_a_comma(tmp_path: Path) -> None:
    g = _game(_pack(tmp_path))
    assert say(g, "e, ring table").endswith("The table rings like a bell. Odd.")
