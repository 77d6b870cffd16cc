"""Errors name lines (issue 9): the line of a TOML key path, found in the file's text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.packs.lines import key_lines, line_of, parse_path
from game.packs.loader import load_pack
from game.packs.problems import PackError

TEXT = '''# a comment
[level]
intro = """Two lines,
with a "quote" and a [bracket]."""

[things."red key"]
description = [
  { when = { flag = "x" }, text = "a" },   # a comment, then
  { text = 'b' },
]

[[things.Mary.topics]]
words = ["a"]
text = "t"

[[things.Mary.topics]]
words = ["b"]

[[rules]]
action = "jump"

[[rules]]
action = ["give", "show"]
when = { all = [
  { flag = "a" },
  { not = { has = "lamp" } },
] }
do = [ { say = "x" }, { set = "y" } ]
'''


@pytest.mark.parametrize(("where", "line"), [
    ("level.intro", 3),
    ('things."red key"', 6),
    ('things."red key".description[0].when.flag', 8),
    ('things."red key".description[1].text', 9),
    ('things."Mary".topics[1].words', 17),
    ("rules[0]", 19),
    ("rules[1].action[1]", 23),
    ("rules[1].when.all[1].not.has", 26),
    ("rules[1].when.all[1].not.hsa", 26),  # an unknown key: the line of its table
    ("rules[1].do[1].set", 28),
    ("rules[1].phase", 22),  # a missing key: the line of the rule
    ("line 4", 4),
])
def test_the_line_of_a_key_path(where: str, line: int) -> None:
    assert line_of(key_lines(TEXT), where) == line


def test_what_is_not_a_key_path() -> None:
    assert parse_path('object 3 "stairs" (layer things)') is None
    assert parse_path('messages."look.exits"') == ("messages", "look.exits")
    assert line_of(key_lines(TEXT), "nowhere.at.all") is None


def test_problems_of_a_pack_name_their_lines(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    shutil.copytree(Path(__file__).resolve().parent / "packs" / "house", pack)
    level = pack / "house.toml"
    level.write_text(level.read_text(encoding="utf-8") + '''
[[rules]]
action = "jump"
when = { all = [ { flag = "a" },
                 { has = "bleu key" } ] }
say = "x"
''', encoding="utf-8")
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '''
[messages]
"look.exit" = "x"
''', encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(pack)
    found = {p.where: p for p in info.value.problems}
    lines = level.read_text(encoding="utf-8").splitlines()
    has = found["rules[4].when.all[1].has"]
    assert has.line is not None and "bleu key" in lines[has.line - 1]
    assert str(has).startswith(f"{has.file}:{has.line}: rules[4].when.all[1].has: ")
    exit_line = found['messages."look.exit"'].line
    assert exit_line is not None
    assert manifest.read_text(encoding="utf-8").splitlines()[exit_line - 1].startswith(
        '"look.exit"')
