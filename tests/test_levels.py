"""Levels load when first needed: a big pack starts fast, and a broken later level is still
found (by validate at once, by play when the level is entered)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.saves import SaveStore
from game.engine.session import Game
from game.engine.world import LevelUnavailable
from game.packs.loader import load_pack, open_pack
from game.packs.problems import PackError

HOUSE = Path(__file__).resolve().parent / "packs" / "house"


def make_pack(folder: Path, levels: list[str]) -> Path:
    """A pack whose levels are copies of the house, each under its own id."""
    manifest = (HOUSE / "pack.toml").read_text(encoding="utf-8")
    head, endings = manifest.split("[[levels]]")[0], manifest[manifest.index("[endings"):]
    head = head.replace('start = "house"', f'start = "{levels[0]}"')
    entries = []
    for n, name in enumerate(levels, 1):
        shutil.copy(HOUSE / "house.tmx", folder / f"{name}.tmx")
        shutil.copy(HOUSE / "house.toml", folder / f"{name}.toml")
        entries.append(f'[[levels]]\nid = "{name}"\ntitle = "Level {name}"\nerasure = {n}\n')
    (folder / "pack.toml").write_text(head + "\n".join(entries) + "\n" + endings,
                                      encoding="utf-8")
    return folder


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return make_pack(tmp_path, ["first", "second", "third"])


def test_open_pack_loads_only_the_start_level(pack: Path) -> None:
    world, _ = open_pack(pack)
    assert set(world.levels) == {"first"}
    assert [info.id for info in world.manifest] == ["first", "second", "third"]
    assert all(tid.startswith("first/") for tid in world.things)
    full, _ = load_pack(pack)
    assert set(full.levels) == {"first", "second", "third"}
    assert full.max_score == 3 * world.max_score


def test_a_level_loads_when_the_game_needs_it(pack: Path) -> None:
    world, _ = open_pack(pack)
    game = Game(world, seed=1, strict=True)
    game.start()
    before = world.max_score
    game.ensure_level("second")
    assert "second" in world.levels and "second/Hall" in world.rooms
    assert game.state.things["second/coin"].location is None  # hidden, as the pack placed it
    assert game.state.things["second/lamp"].location == "second/table"
    assert world.max_score == 2 * before
    game.ensure_level("second")  # a second time changes nothing
    assert world.max_score == 2 * before
    # undo to a snapshot taken before the level loaded keeps the level's things
    game.submit("x rug")
    game.submit("undo")
    assert "second/coin" in game.state.things


def test_a_broken_later_level_does_not_stop_play_but_is_reported(pack: Path) -> None:
    toml = pack / "third.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[rooms.Cellar]",
                                                             "[rooms.Celar]"), encoding="utf-8")
    with pytest.raises(PackError) as whole:
        load_pack(pack)
    assert any("Celar" in str(p) for p in whole.value.errors)
    world, _ = open_pack(pack)
    game = Game(world, seed=1, strict=True)
    assert "Hall" in " ".join(ln.text for ln in game.start())
    with pytest.raises(LevelUnavailable) as late:
        game.ensure_level("third")
    assert "third.toml" in str(late.value) and "Celar" in str(late.value)
    assert "third" not in world.levels


def test_a_save_restores_into_a_session_that_has_not_loaded_its_levels(
        pack: Path, tmp_path: Path) -> None:
    saves = SaveStore(tmp_path / "saves")
    world, _ = open_pack(pack)
    game = Game(world, seed=1, strict=True, saves=saves)
    game.start()
    game.ensure_level("second")
    game.submit("take blue key")
    game.state.things["second/apple"].location = "player"  # as if carried out of level two
    game.submit("save two")
    fresh_world, _ = open_pack(pack)
    fresh = Game(fresh_world, seed=1, strict=True, saves=saves)
    fresh.start()
    assert "second" not in fresh_world.levels
    reply = " ".join(ln.text for ln in fresh.submit("restore two"))
    assert "Restored." in reply
    assert "second" in fresh_world.levels
    assert fresh.state.things == game.state.things
    assert "an apple" in " ".join(ln.text for ln in fresh.submit("i"))
