"""Shared fixtures: the test pack ``tests/packs/house`` loaded once, and fresh strict games."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from game.engine.saves import SaveStore
from game.engine.session import Game
from game.engine.world import World
from game.packs.loader import load_pack

# No test may touch the player's own folders: saves, autosaves, settings and installed packs of
# this run (and of every subprocess it starts) go to one scratch folder, removed at exit. Tests
# that need their own folders still set these variables themselves.
_SCRATCH = Path(tempfile.mkdtemp(prefix="spotless-tests-"))
atexit.register(shutil.rmtree, _SCRATCH, True)
for _var in ("SPOTLESS_DATA_DIR", "SPOTLESS_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
             "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_SCRATCH / _var.lower())

HOUSE = Path(__file__).resolve().parent / "packs" / "house"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current engine")


@pytest.fixture(scope="session")
def house() -> World:
    world, _ = load_pack(HOUSE)
    return world


@pytest.fixture(scope="session")
def prologue() -> World:
    world, _ = load_pack(HOUSE.parent.parent.parent / "levels" / "spotless")
    return world


@pytest.fixture
def game(house: World, tmp_path: Path) -> Game:
    """A started game of the house pack: strict (internal errors raise), saving to tmp_path."""
    g = Game(house, seed=1, strict=True, saves=SaveStore(tmp_path))
    g.start()
    return g


def say(game: Game, cmd: str) -> str:
    """Submit one line and return what the game answers, one line of text per output line."""
    return "\n".join(line.text for line in game.submit(cmd))


def play(game: Game, *commands: str) -> str:
    """Submit several lines; their answers joined."""
    return "\n".join(say(game, c) for c in commands)


def tid(name: str) -> str:
    """The id of a thing of the house pack."""
    return f"house/{name}"


def where(game: Game, name: str) -> str | None:
    return game.state.things[tid(name)].location


def room(game: Game) -> str:
    return game.state.room.removeprefix("house/")


