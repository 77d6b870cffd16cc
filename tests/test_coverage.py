"""What the text mentions, from the author's side: a room's ``details``, a thing's ``search``
text, and ``spotless validate --coverage`` (issue 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import say

from game.cli import main
from game.engine.session import Game
from game.engine.world import World
from game.packs.coverage import noun_phrases, report, room_gaps
from game.packs.loader import load_pack
from game.packs.problems import PackError

ROOT = Path(__file__).resolve().parent.parent
HOUSE = Path(__file__).parent / "packs" / "house"


def _house(tmp_path: Path, extra: str) -> Path:
    root = tmp_path / "house"
    shutil.copytree(HOUSE, root)
    text = (root / "house.toml").read_text(encoding="utf-8")
    (root / "house.toml").write_text(text + extra, encoding="utf-8")
    return root


DETAILS = '''
[rooms.Garden.details]
"frozen lawn grass" = "The grass is white and stiff, and crunches."
'''


def test_a_detail_answers_examine_and_takes_no_turn(tmp_path: Path) -> None:
    world, _ = load_pack(_house(tmp_path, DETAILS))
    g = Game(world, seed=1, strict=True)
    g.start()
    g.model.state.room = "house/Garden"
    turn = g.state.turn
    assert say(g, "x lawn") == "The grass is white and stiff, and crunches."
    assert say(g, "look at the frozen grass") == "The grass is white and stiff, and crunches."
    assert g.state.turn == turn
    assert say(g, "take lawn") == \
        "That's only part of the scene; you don't need to do anything with it."


def test_a_detail_is_only_in_its_room(tmp_path: Path) -> None:
    world, _ = load_pack(_house(tmp_path, DETAILS))
    g = Game(world, seed=1, strict=True)
    g.start()
    assert say(g, "x lawn") == "You can't see any such thing here."


@pytest.mark.parametrize("extra, message", [
    ('[rooms.Garden.details]\n"..." = "x"\n', "no words"),
    ('[rooms.Garden.details]\n"lawn" = " "\n', "no text"),
    ('[rooms.Garden.details]\n"lawn" = 3\n', ""),
])
def test_a_broken_detail_is_reported(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(PackError) as exc:
        load_pack(_house(tmp_path, extra))
    hits = [p for p in exc.value.problems
            if p.where.startswith('rooms."Garden".details') or p.where.startswith(
                "rooms.Garden.details")]
    assert hits and message in hits[0].message, exc.value.problems


def test_search_says_the_thing_s_search_text(prologue: World) -> None:
    g = Game(prologue, seed=1, strict=True)
    g.start()
    say(g, "n")
    assert say(g, "search clothes").startswith("You go through the pile")
    assert say(g, "look in the chair").startswith("You go through the pile")


# -- the coverage report ---------------------------------------------------------------------
def test_noun_phrases_find_the_heads_after_determiners() -> None:
    phrases = noun_phrases("A narrow hall with a worn rug. The kitchen is east; a door leads "
                           "south to the garden.")
    assert ["narrow", "hall"] in phrases and ["worn", "rug"] in phrases
    assert ["garden"] in phrases and ["door"] in phrases
    assert not any("leads" in p for p in phrases)


def test_coverage_lists_what_no_thing_answers(house: World) -> None:
    gaps = {g.room: g.phrases for g in room_gaps(house)}
    assert "frozen lawn" in gaps["house/Garden"]
    assert gaps["house/Hall"] == ()  # the rug is a thing, the kitchen and garden are rooms


def test_a_detail_closes_a_gap(tmp_path: Path) -> None:
    world, _ = load_pack(_house(tmp_path, DETAILS))
    gaps = {g.room: g.phrases for g in room_gaps(world)}
    assert "frozen lawn" not in gaps["house/Garden"]


def test_the_campaign_s_prologue_and_bookstore_are_covered() -> None:
    world, _ = load_pack(ROOT / "levels" / "spotless")
    assert report(world) == ["every noun phrase of the texts answers to a thing"]


def test_validate_coverage_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--coverage", str(HOUSE)]) == 0
    out = capsys.readouterr().out
    assert "coverage" in out and "house/Garden (Garden): " in out and "frozen lawn" in out
