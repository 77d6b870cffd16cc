"""People as pictures on the map: the sprites the pack names (``sprite`` on a Person) drawn as
small portraits in their token's ring, Clementine's hair as the pack gives it, and the plain
tokens when a pack names none (and discs when the pictures are missing)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.engine.session import Game
from game.engine.world import World
from game.ui.window import sprites
from game.ui.window.app import App
from game.ui.window.mapview import COMPANION_TOKEN, PERSON_TOKEN, TOKEN, MapView

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
MARY_HAIR = (206, 186, 130)  # assets/tiles/people.py
ORANGE_HAIR = (246, 132, 36)


def app_at_reception(world: World, screen: pygame.Surface) -> App:
    app = App(Game(world, seed=1, strict=True), PACK, screen, reduced_motion=True)
    app.start()
    for command in ("south", "south", "east", "open glass door", "north", "west"):
        app.submit(command)
    assert app.game.state.room == "prologue/Reception"
    app.draw()
    return app


def count(surface: pygame.Surface, colour: tuple[int, int, int]) -> int:
    return pygame.mask.from_threshold(surface, colour, (2, 2, 2, 255)).count()


def joel_is_a_plain_disc(screen: pygame.Surface) -> bool:
    """Joel's token is one filled disc of his colour (a picture's ring is hollow)."""
    mask = pygame.mask.from_threshold(screen, TOKEN, (2, 2, 2, 255))
    (blob,) = mask.connected_components(minimum=4)
    box = blob.get_bounding_rects()[0]
    return blob.count() > 0.7 * box.w * box.h


def view_of(app: App) -> MapView:
    view = app.map_view()
    assert view is not None
    return view


def test_mary_is_drawn_as_her_picture_and_can_be_clicked(world: World,
                                                         screen: pygame.Surface) -> None:
    app = app_at_reception(world, screen)
    assert app.people_here(None) == ["prologue/Mary"]
    view = view_of(app)
    (at,) = [at for tid, at, _r in view.tokens if tid == "prologue/Mary"]
    assert view.thing_at(at) == "prologue/Mary"
    near = pygame.Rect(0, 0, 24, 24)
    near.center = at
    assert count(screen.subsurface(near), MARY_HAIR) >= 4  # her hair, in the token
    assert not joel_is_a_plain_disc(screen)  # Joel: a ring of his colour around his picture


def test_the_companion_wears_the_hair_the_pack_gives(world: World, screen: pygame.Surface,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_at_reception(world, screen)
    mary = world.things["prologue/Mary"]
    monkeypatch.setitem(world.things, "prologue/Mary", replace(mary, sprite="clementine-orange"))
    monkeypatch.setattr(app, "companion_here", lambda: "prologue/Mary")
    clip = view_of(app).clip
    assert count(screen.subsurface(clip), ORANGE_HAIR) == 0
    app.dirty = True
    app.draw()
    assert count(screen.subsurface(clip), ORANGE_HAIR) >= 8
    assert count(screen, COMPANION_TOKEN) > 10  # her ring keeps the companion's colour


def test_without_pictures_the_tokens_are_plain_discs(world: World, screen: pygame.Surface,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setattr(sprites, "FOLDERS", (tmp_path,))  # an install without the pictures
    monkeypatch.setattr(sprites, "_cache", {})
    monkeypatch.setattr(sprites, "_tokens", {})
    app = app_at_reception(world, screen)
    view = view_of(app)
    assert joel_is_a_plain_disc(screen)
    (at,) = [at for tid, at, _r in view.tokens if tid == "prologue/Mary"]
    assert screen.get_at(at)[:3] == PERSON_TOKEN  # Mary still shows, as a plain disc


def test_a_pack_that_names_no_pictures_keeps_joels_plain_token(
        world: World, screen: pygame.Surface, monkeypatch: pytest.MonkeyPatch) -> None:
    for tid, thing in list(world.things.items()):
        if thing.sprite:
            monkeypatch.setitem(world.things, tid, replace(thing, sprite=None))
    app = app_at_reception(world, screen)
    assert app.looks(app.people_here(None)) == {}
    assert joel_is_a_plain_disc(screen)
    assert all(tid != "prologue/Mary" for tid, _at, _r in view_of(app).tokens)
