"""What every window test needs: SDL's dummy drivers, the built-in pack, a fresh display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.engine.world import World
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
SIZE = (1280, 720)


@pytest.fixture(scope="session")
def world() -> World:
    w, _ = load_pack(PACK)
    return w


@pytest.fixture(autouse=True)
def screen() -> Iterator[pygame.Surface]:
    pygame.display.init()
    pygame.font.init()
    yield pygame.display.set_mode(SIZE)
    pygame.display.quit()
