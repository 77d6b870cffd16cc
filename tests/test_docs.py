"""The authors' guide must keep up with the game: its reference tables are generated from the
models and the Tiled types, its tutorial works when followed literally, and every message of
its catalogue is one the game can print."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game import cli
from game.engine.actions import PACK_ACTIONS
from game.packs import guide
from game.packs import tiled_types as T
from game.packs.models import THING_CLASSES

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "levels" / "README.md").read_text("utf-8")


def test_guide_tables_are_up_to_date() -> None:
    assert guide.update(GUIDE) == GUIDE, (
        "levels/README.md is out of date: run  python -m game.packs.guide --write")
    assert guide.main(["--check"]) == 0


def test_guide_has_every_generated_table_once() -> None:
    assert sorted(guide.blocks(GUIDE)) == sorted(guide.TABLES)


def test_unknown_generated_block_is_an_error() -> None:
    with pytest.raises(KeyError):
        guide.update("<!-- generated: nonsense -->\n<!-- end -->")


def test_guide_lists_exactly_the_actions_rules_can_name() -> None:
    section = GUIDE[GUIDE.index("<!-- generated: actions -->"):]
    section = section[:section.index("<!-- end -->")]
    assert set(re.findall(r"`([a-z_]+)`", section)) == set(PACK_ACTIONS)


def test_guide_documents_every_thing_class() -> None:
    for cls in THING_CLASSES:
        assert f"| `{cls}` |" in GUIDE, cls


# -- the tutorial, followed literally ------------------------------------------------------------
def _tutorial() -> dict[str, str]:
    return dict(re.findall(r"<!-- tutorial: ([\w.-]+) -->\n```\w*\n(.*?)```", GUIDE, re.S))


def test_tutorial_files_make_a_pack_that_validates_and_plays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocks = _tutorial()
    assert set(blocks) == {"cottage.toml", "pack.toml", "cottage.tmx", "validate",
                           "transcript"}
    # step 2: spotless new-pack my-pack; steps 4 to 9: the map, the text, pack.toml
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new-pack", "my-pack"]) == 0
    for name in ("cottage.tmx", "cottage.toml", "pack.toml"):
        (tmp_path / "my-pack" / name).write_text(blocks[name], encoding="utf-8")
    capsys.readouterr()
    # step 10: spotless validate my-pack, then spotless play my-pack
    assert cli.main(["validate", "my-pack"]) == 0
    assert capsys.readouterr().out == blocks["validate"]
    transcript = blocks["transcript"]
    commands = re.findall(r"^> (.*)$", transcript, re.M)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               SPOTLESS_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "game", "play", "my-pack"],
                       input="\n".join(commands) + "\n", text=True, capture_output=True,
                       env=env, cwd=tmp_path, timeout=60)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.rstrip("\n") == transcript.rstrip("\n")


def test_tutorial_map_is_what_its_steps_say() -> None:
    """The TMX listing is what Tiled saves after steps 4 to 7: the rooms of the table of step
    6, the names and classes of step 7, and only the properties the steps change."""
    blocks = _tutorial()
    root = ET.fromstring(blocks["cottage.tmx"].encode("utf-8"))
    assert (root.get("width"), root.get("height"), root.get("tilewidth")) == ("20", "16", "16")
    layers = [(el.tag, el.get("name")) for el in root if el.tag != "tileset"]
    assert layers == [("layer", "floor"), ("objectgroup", "rooms"), ("objectgroup", "things")]
    step6 = GUIDE[GUIDE.index("### 6. The rooms"):GUIDE.index("### 7. The things")]
    table = re.findall(r"^\| `(\w+)` \| `(\w+)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$",
                       step6, re.M)
    rooms = root.find("objectgroup[@name='rooms']")
    assert rooms is not None
    assert table == [(o.get("name"), o.get("class"), o.get("x"), o.get("y"), o.get("width"),
                      o.get("height")) for o in rooms]
    step7 = GUIDE[GUIDE.index("### 7. The things"):GUIDE.index("### 8. The text")]
    named = re.findall(r"Name\s+`([^`]+)`,\s+Class\s+`(\w+)`", step7)
    things = root.find("objectgroup[@name='things']")
    assert things is not None
    assert named == [(o.get("name"), o.get("class")) for o in things]
    for o in things:
        at = re.search(rf"at X (\d+), Y (\d+)[^`]*Name\s+`{o.get('name')}`", step7)
        assert at is not None, o.get("name")
        assert (o.get("x"), o.get("y")) == at.groups()
        cls = T.tiled_class(o.get("class", ""))
        assert cls is not None
        for prop in o.iter("property"):
            member = cls.member(prop.get("name", ""))
            assert member is not None and prop.get("value") != member.default
            assert f"**{member.name}**" in step7  # the step says to set it


# -- the catalogue of error messages -------------------------------------------------------------
def _pattern(node: ast.AST) -> str:
    """A regex for the strings an expression makes: literal parts kept, the rest any text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(_pattern(v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _pattern(node.left) + _pattern(node.right)
    return ".*?"


def _source_patterns() -> list[re.Pattern[str]]:
    out = []
    for path in sorted((ROOT / "game" / "packs").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
                pattern = _pattern(node)
                literal = pattern.replace(".*?", "").replace("\\", "")
                if len(literal) >= 8:  # some words of a message, not just "anything"
                    out.append(re.compile(pattern, re.S))
    return out


def test_every_catalogued_message_is_one_the_game_prints() -> None:
    section = GUIDE[GUIDE.index("<!-- catalogue -->"):GUIDE.index("<!-- end catalogue -->")]
    messages = re.findall(r"^\| `(.+?)` \| (.+) \|$", section, re.M)
    assert len(messages) >= 30
    patterns = _source_patterns()
    for message, meaning in messages:
        assert meaning.strip(), message
        assert any(p.fullmatch(message) for p in patterns), f"not in game/packs: {message}"
    assert not any(p.fullmatch("the frobnicator is out of cheese") for p in patterns)
