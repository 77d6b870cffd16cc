"""Ceremony at the big moments: falling asleep into the first memory fades the window to
white, holds the memory's title card (skippable, instant under reduced motion) and fades back;
an ending fades to white and opens the ending screen with its title, score and choices."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.engine.output import GameEnded, LevelEntered
from game.engine.session import Game
from game.engine.world import World
from game.ui.window import ceremony as cer
from game.ui.window.app import App
from game.ui.window.ending import EndingScreen
from tests.window.support import WALKTHROUGH, walkthrough

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"


def new_app(world: World, screen: pygame.Surface, reduced: bool = False) -> App:
    app = App(Game(world, seed=1, strict=True), PACK, screen, reduced_motion=reduced)
    app.start()
    app.draw()
    return app


def key(app: App, k: int) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))


def is_pale(c: pygame.Color) -> bool:
    return min(c[:3]) > 200


def test_falling_asleep_shows_the_memorys_card(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    for command in walkthrough("sleep"):
        app.submit(command)
    c = app.ceremony
    assert c is not None and c.kind == "asleep"
    assert c.title == world.levels["bookstore"].title
    app.tick(cer.OUT_MS / 2)
    app.draw()
    half = screen.get_at((20, 200))  # the map's corner, going white
    app.tick(cer.OUT_MS / 2 + cer.CARD_TEXT_MS + 10)
    app.draw()
    assert c.phase()[0] == "card"
    assert all(is_pale(screen.get_at(p)) for p in ((20, 200), (1200, 400), (640, 700)))
    assert sum(half[:3]) < sum(screen.get_at((20, 200))[:3])
    app.dirty = False
    app.tick(1)
    assert not app.dirty  # a card that only holds costs no frames
    app.tick(cer.CARD_MS + cer.IN_MS)
    assert app.ceremony is None and app.dirty


def test_any_key_skips_the_card_and_types_nothing(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    for command in walkthrough("sleep"):
        app.submit(command)
    app.tick(cer.OUT_MS + 100)
    key(app, pygame.K_x)
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="x"))
    assert app.input.text == ""
    assert app.ceremony is not None and app.ceremony.phase()[0] == "in"
    app.tick(cer.IN_MS)
    assert app.ceremony is None


def test_reduced_motion_cuts_to_the_card(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen, reduced=True)
    for command in walkthrough("sleep"):
        app.submit(command)
    c = app.ceremony
    assert c is not None and c.phase()[0] == "card"  # at once, no fade
    app.draw()
    assert is_pale(screen.get_at((20, 200)))
    key(app, pygame.K_SPACE)
    app.tick(1)
    assert app.ceremony is None


@pytest.mark.parametrize("hidden", [True, False])
def test_hiding_and_being_swept_have_their_cards(world: World, screen: pygame.Surface,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 hidden: bool) -> None:
    level = "bookstore"
    if hidden:
        monkeypatch.setitem(world.levels, level, replace(world.levels[level], hidden=True))
    app = new_app(world, screen)
    app.game.events.append(LevelEntered(level, app.game.state.room, swept=not hidden))
    app._events()
    assert app.ceremony is not None
    assert app.ceremony.kind == ("hidden" if hidden else "swept")


def test_an_ending_fades_to_its_screen(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    commands = [c.strip() for c in WALKTHROUGH.read_text(encoding="utf-8").splitlines()
                if c.strip() and not c.startswith("#")]
    for command in commands:
        app.submit(command)
    assert app.game.ended
    c = app.ceremony
    assert c is not None and c.kind == "ending" and isinstance(c.ended, GameEnded)
    assert c.ended.title and c.ended.score_text and c.ended.options
    app.tick(cer.OUT_MS + 1)
    assert app.ceremony is None and isinstance(app.overlay, EndingScreen)
    app.draw()
    assert is_pale(screen.get_at((10, 10)))
    key(app, pygame.K_DOWN)  # Undo the last move
    key(app, pygame.K_RETURN)
    assert app.overlay is None and not app.game.ended and app.running


def test_the_ending_screens_title_item(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen, reduced=True)
    ended = GameEnded("spotless", title="Spotless", text="White.", score_text="13 of 13")
    app.game.events.append(ended)
    app._events()
    assert isinstance(app.overlay, EndingScreen)  # reduced motion: at once
    app.draw()
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    assert not app.running and app.to_title
