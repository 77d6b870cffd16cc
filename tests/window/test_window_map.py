"""The map view, animated (dummy video driver): cross-fades between stages, reduced motion, the
swept transition, tokens in their rooms, the camera on large maps and hit-testing. Time is
stepped explicitly through ``App.tick``; nothing sleeps."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
from support import walkthrough

from game.engine.output import LevelEntered, StageChanged, VoiceHeard
from game.engine.session import Game
from game.engine.world import World
from game.ui.window import animation
from game.ui.window.animation import Animator
from game.ui.window.app import App
from game.ui.window.mapview import (
    COMPANION_TOKEN,
    MIN_SCALE,
    THING_TOKEN,
    TOKEN,
    MapView,
    inside,
    slots,
)

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
WALKTHROUGH = ROOT / "tests" / "walkthroughs" / "prologue.txt"
SIZE = (1280, 720)
SHOTS = os.environ.get("SPOTLESS_MAP_SHOTS")  # a folder: save mid-animation screenshots there


def new_app(world: World, screen: pygame.Surface, reduced_motion: bool = False) -> App:
    app = App(Game(world, seed=1, strict=True), PACK, screen, reduced_motion=reduced_motion)
    app.start()
    app.draw()
    return app


def view_of(app: App) -> MapView:
    view = app.map_view()
    assert view is not None
    return view


def map_area(app: App) -> pygame.Rect:
    return app.areas()[1].inflate(-16, -16)


def fade(app: App, room: str, stage: int) -> None:
    """What the engine does when the erasure fades a room: the stage and its event."""
    app.game.state.stages[room] = stage
    app.game.events.append(StageChanged(app.game.state.level, room, stage))
    app._events()


def shot(surface: pygame.Surface, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pygame.image.save(surface, str(Path(SHOTS) / f"{name}.png"))


def is_paper(c: pygame.Color) -> bool:
    """The white a gone room bleaches to: light, hardly any colour."""
    _h, sat, val, _a = pygame.Color(c).hsva
    return sat < 6 and val > 85


def room_pixels(app: App, room: str) -> list[tuple[int, int]]:
    """Screen points well inside a room."""
    view = view_of(app)
    return [view.to_screen(p) for p in slots(view.rooms[room], 12, step=10)]


# -- the erasure, animated ---------------------------------------------------------------------
def test_a_stage_cross_fades_and_ends_on_the_new_stage(world: World,
                                                       screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    room = "prologue/Kitchen"
    points = room_pixels(app, room)
    old = [screen.get_at(p) for p in points]
    fade(app, room, 4)  # to paper: every pixel changes a lot
    assert app.animator.get("fade", room) is not None and app.dirty
    app.tick(animation.FADE_MS / 2)
    app.draw()
    shot(screen, "fade-halfway")
    half = [screen.get_at(p) for p in points]
    app.tick(animation.FADE_MS / 2)
    assert app.dirty
    app.draw()
    new = [screen.get_at(p) for p in points]
    assert all(is_paper(c) for c in new)
    between = 0
    for o, h, n in zip(old, half, new, strict=True):
        for ch in range(3):
            assert min(o[ch], n[ch]) <= h[ch] <= max(o[ch], n[ch])
        if o != h and h != n:
            between += 1
    assert between == len(points)
    assert not app.animator.busy
    app.tick(16)
    assert not app.dirty  # a still map: nothing to redraw


def test_the_locator_sweeps_and_a_voice_flickers(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    for command in walkthrough("sleep"):
        app.submit(command)
    app.ceremony = None  # the title card (test_window_ceremony): the map under it here
    app.tick(animation.SWEPT_MS)
    app.draw()
    plan = world.levels[app.game.state.level].erasure_plan
    assert plan is not None
    fade(app, plan.anchors[0], 1)
    assert app.animator.get("sweep") is not None
    before = screen.copy()
    app.game.events.append(VoiceHeard("Joel?"))
    app._events()
    app.tick(animation.FLICKER_MS / 4)
    app.draw()
    shot(screen, "sweep-and-flicker")
    corner = view_of(app).clip.move(5, 5).topleft
    # the flicker paled the whole map
    assert screen.get_at(corner)[0] > before.get_at(corner)[0]
    app.tick(animation.SWEEP_MS)
    assert not app.animator.busy


def test_reduced_motion_jumps_to_the_end_at_once(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen, reduced_motion=True)
    room = "prologue/Kitchen"
    fade(app, room, 4)
    app.game.events.append(VoiceHeard("Joel?"))
    app._events()
    assert not app.animator.busy
    app.draw()
    assert all(is_paper(screen.get_at(p)) for p in room_pixels(app, room))
    # switching it on mid-animation ends the animations too
    app2 = new_app(world, screen)
    fade(app2, room, 2)
    assert app2.animator.busy
    app2.reduced_motion = True
    assert not app2.animator.busy and app2.dirty


def test_being_swept_fades_to_white_and_ends_on_the_new_map(world: World,
                                                            screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    for command in walkthrough("sleep"):
        app.submit(command)
    assert app.game.state.level == "bookstore"
    if app.animator.get("swept") is None:  # however the prologue leaves, test the swept path
        app.game.events.append(LevelEntered("bookstore", app.game.state.room, swept=True))
        app._events()
    assert app.animator.get("swept") is not None
    app.ceremony = None  # the title card over the window is test_window_ceremony's: the map here
    area = map_area(app)
    app.tick(animation.SWEPT_MS / 2 - 1)
    app.draw()
    shot(screen, "swept-white")
    assert screen.get_at(area.center)[:3] == (255, 255, 255) or \
        min(screen.get_at(area.center)[:3]) > 245
    app.tick(animation.SWEPT_MS)
    app.draw()
    end = screen.subsurface(area).copy()
    still = App(app.game, PACK, screen, reduced_motion=True)
    still.draw()
    assert pygame.image.tobytes(end, "RGB") == pygame.image.tobytes(
        screen.subsurface(area), "RGB")


def test_a_hidden_level_darkens_then_clears(world: World, screen: pygame.Surface,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    app = new_app(world, screen)
    hidden = "bookstore"  # the prologue's pack has no hidden level: pretend
    monkeypatch.setitem(world.levels, hidden, replace(world.levels[hidden], hidden=True))
    before = screen.copy()
    app.game.events.append(LevelEntered(hidden, app.game.state.room))
    app._events()
    assert app.animator.get("hidden") is not None
    app.ceremony = None  # the title card over the window is test_window_ceremony's: the map here
    app.tick(animation.HIDDEN_MS / 4)
    app.draw()  # still the prologue's map (Joel hasn't moved), under the vignette
    shot(screen, "hidden-vignette")
    corner = map_area(app).move(4, 4).topleft
    assert sum(screen.get_at(corner)[:3]) < sum(before.get_at(corner)[:3])
    app.tick(animation.HIDDEN_MS)
    app.draw()
    assert screen.get_at(corner) == before.get_at(corner)


# -- tokens --------------------------------------------------------------------------------------
def blobs(surface: pygame.Surface, colour: tuple[int, int, int]) -> list[tuple[int, int]]:
    mask = pygame.mask.from_threshold(surface, colour, (2, 2, 2, 255))
    return [m.centroid() for m in mask.connected_components(minimum=4)]


def test_tokens_are_drawn_inside_joels_room_apart(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    view = view_of(app)
    room = app.game.state.room
    companion = app.companion_here() or "prologue/old woman"
    things = app.things_here(companion)
    assert things and "prologue/necklace" not in things  # in a shut box
    assert "prologue/small key" not in things  # hidden until found
    screen.fill((0, 0, 0))
    view.draw(screen, map_area(app), {}, room, companion, things)
    shot(screen, "tokens")
    shape = view.rooms[room]
    joel = blobs(screen, TOKEN)
    her = blobs(screen, COMPANION_TOKEN)
    marks = blobs(screen, THING_TOKEN)
    assert len(joel) == 1 and len(her) == 1 and len(marks) == len(things)
    for at in joel + her + marks:
        assert inside(view.to_map(at), shape)
    # hit-testing finds them where they are drawn
    assert view.thing_at(her[0]) == companion
    assert sorted(view.thing_at(m) for m in marks) == sorted(things)  # type: ignore[type-var]
    assert view.thing_at(joel[0]) is None


def test_room_at_finds_every_room_under_its_middle(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    view = view_of(app)
    for rid, shape in view.rooms.items():
        at = view.to_screen(slots(shape, 1)[0])
        assert view.room_at(at) == rid
    assert view.room_at((map_area(app).right + 50, 10)) is None  # the text panel
    assert view.thing_at((0, 0)) is None


# -- the camera ----------------------------------------------------------------------------------
def big_map() -> MapView:
    """A generated 3200x2400 map: a 16x12 grid of 200-pixel rooms in distinct colours."""
    base = pygame.Surface((3200, 2400))
    rooms = {}
    for j in range(12):
        for i in range(16):
            rid = f"r{i}-{j}"
            base.fill(((i * 15) % 200 + 30, (j * 19) % 200 + 30, 90), (i * 200, j * 200, 200, 200))
            x, y = i * 200, j * 200
            rooms[rid] = ((x, y), (x + 200, y), (x + 200, y + 200), (x, y + 200))
    return MapView(base, rooms)


@pytest.mark.parametrize("room", ["r0-0", "r15-11", "r7-5", "r15-0"])
def test_the_camera_keeps_joels_room_on_screen(screen: pygame.Surface, room: str) -> None:
    view = big_map()
    area = pygame.Rect(8, 38, 726, 660)
    screen.fill((0, 0, 0))
    clip = view.draw(screen, area, {}, room)
    assert view.scale == MIN_SCALE and clip == area
    (joel,) = blobs(screen, TOKEN)
    assert area.collidepoint(joel)
    assert view.room_at(joel) == room
    # clamped: no edge of the map comes inside the area
    rect = pygame.Rect(view.origin, (round(3200 * MIN_SCALE), round(2400 * MIN_SCALE)))
    assert rect.contains(area)
    if room == "r0-0":
        assert rect.topleft == area.topleft
    if room == "r15-11":
        assert rect.bottomright == area.bottomright
    if room == "r7-5":  # in the middle: centred on the room
        cx, cy = view.to_map(area.center)
        assert inside((cx, cy), view.rooms[room])


def test_a_map_that_fits_is_scaled_to_fit(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    view = view_of(app)
    scale, rect = view.fit(map_area(app))
    assert view.scale == scale and view.origin == rect.topleft


def test_several_rooms_animate_at_once_and_come_to_rest(world: World,
                                                         screen: pygame.Surface) -> None:
    """Frame times are measured by tests/perf (make bench), never asserted here."""
    app = new_app(world, screen)
    rooms = list(view_of(app).rooms)[:5]
    for i, room in enumerate(rooms):
        fade(app, room, 1 + i % 4)
    for _ in range(60):
        app.tick(animation.FADE_MS / 40)
        app._draw_map(screen, map_area(app))
    assert not app.animator.step(100)  # every fade has finished: nothing left to move
    assert Animator().start("x", 0) is None


def test_the_mottle_is_made_once_per_room_and_size_and_the_same_each_time() -> None:
    """Where paper eats a dissolving room first: white, its alpha a soft mottle, the same for
    the same room in every run and different for another room."""
    from game.ui.window.mapview import MapView, noise

    noise.cache_clear()
    a = MapView._noise("level1/kitchen", (203, 97))
    assert MapView._noise("level1/kitchen", (203, 97)) is a  # cached
    assert a.get_size() == (203, 97) and a.get_flags() & pygame.SRCALPHA
    alphas = [a.get_at((x, y)).a for x in range(0, 203, 7) for y in range(0, 97, 7)]
    assert {tuple(a.get_at((x, y)))[:3] for x in range(0, 203, 7) for y in range(0, 97, 7)} \
        <= {(c, c, c) for c in range(248, 256)}  # white (smoothscale rounds a little)
    assert max(alphas) - min(alphas) > 40  # mottled, not flat
    noise.cache_clear()
    again = MapView._noise("level1/kitchen", (203, 97))
    assert again is not a and pygame.image.tobytes(again, "RGBA") == \
        pygame.image.tobytes(a, "RGBA")
    other = MapView._noise("level1/hall", (203, 97))
    assert pygame.image.tobytes(other, "RGBA") != pygame.image.tobytes(a, "RGBA")


def test_the_erasure_has_no_hard_edges_and_ends_in_paper_everywhere(
        world: World, screen: pygame.Surface) -> None:
    """A gone room's edge fades over several pixels past its walls (no hard rectangle), and when
    every room is gone the streets between them are paper too."""
    from game.ui.window.mapview import BLEED, PAPER

    app = new_app(world, screen)
    view = view_of(app)
    room = "prologue/Living Room"
    effect, rect = view.effect(room, 4)
    left = min(x for x, _y in world.rooms[room].shape) - rect.x
    y = round(sum(p[1] for p in world.rooms[room].shape) / 4) - rect.y
    ramp = [effect.get_at((round(left) + dx, y)).a for dx in range(-BLEED - 4, 4)]
    assert ramp[0] < 40 and ramp[-1] > 240  # clear outside, whole inside
    assert len({a // 16 for a in ramp}) >= 5  # and a gradual edge between
    gone = view.compose({r: 4 for r in view.rooms})
    w, h = gone.get_size()
    for x, yy in ((2, 2), (w - 3, h - 3), (w // 2, h - 3)):
        c = pygame.Color(gone.get_at((x, yy)))
        assert c.hsva[1] < 6 and c.hsva[2] > 85, (x, yy, c)
    assert abs(pygame.Color(gone.get_at((w // 2, 2))).r - PAPER[0]) < 25


def test_a_thing_is_drawn_where_the_author_put_it_until_joel_moves_it(
        world: World, screen: pygame.Surface) -> None:
    """The snow globe stands on the bookshelf, where the map drew it; taken and dropped, it
    gets a place near the middle of the room like anything moved."""
    app = new_app(world, screen)
    view = view_of(app)
    globe = "prologue/snow globe"
    at = world.things[globe].at
    assert at is not None
    tokens = {tid: pos for tid, pos, _r in view.tokens}
    assert tokens[globe] == view.to_screen(at)
    app.submit("take globe")
    app.submit("drop globe")
    app.draw()
    tokens = {tid: pos for tid, pos, _r in view.tokens}
    assert tokens[globe] != view.to_screen(at)
