"""The map tells the story: crisp whole-number scaling that fills the map area, a hover
highlight with the name of the room or thing, a click on a room Joel can't reach that says why
(and plays nothing), and the status line with the room's name and the erasure meter only in a
memory."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.output import Style
from game.engine.session import Game
from game.engine.world import World
from game.ui.window.app import App
from game.ui.window.keys import GONE, NOT_NEXT
from game.ui.window.mapview import MapView, centre
from tests.window.support import walkthrough

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"


def new_app(world: World, screen: pygame.Surface, commands: list[str] = ()) -> App:  # type: ignore[assignment]
    app = App(Game(world, seed=1, strict=True), PACK, screen)
    app.start()
    for c in commands:
        app.submit(c)
    app.ceremony = None  # the title card (test_window_ceremony): the map here
    app.draw()
    return app


def view(app: App) -> MapView:
    v = app.map_view()
    assert v is not None
    return v


def point(app: App, rid: str) -> tuple[int, int]:
    return view(app).to_screen(centre(view(app).rooms[rid]))


def test_the_map_is_crisp_and_fills_its_area(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen, walkthrough("sleep"))
    v = view(app)
    area = app.areas()[1].inflate(-16, -16)
    assert float(v.scale).is_integer() and v.scale >= 1
    assert v.clip == area  # no letterbox: the map covers the whole area


def test_the_status_line_names_the_room_and_meters_only_a_memory(world: World,
                                                                 screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    status = app.status_text()
    room = world.rooms[app.game.state.room].title
    assert room in status and "gone" not in status  # the prologue is not being erased
    app = new_app(world, screen, walkthrough("sleep"))
    status = app.status_text()
    assert world.rooms[app.game.state.room].title in status and "% gone" in status


def test_hovering_names_the_room_and_outlines_it(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    here = app.game.state.room
    pos = point(app, here)
    before = screen.copy()
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0)))
    assert app.hover is not None
    assert app.hover[0] in (world.rooms[here].title,
                            *(t.name for t in world.things.values()))
    assert app.dirty
    app.draw()
    assert pygame.image.tobytes(before, "RGB") != pygame.image.tobytes(screen, "RGB")
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(1270, 700), rel=(1, 0),
                                  buttons=(0, 0, 0)))
    assert app.hover is None


def test_a_click_on_a_room_out_of_reach_says_why(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    here = app.game.state.room
    near = {e.to for e in world.rooms[here].exits}
    far = next(r for r in view(app).rooms if r != here and r not in near
               and here not in {e.to for e in world.rooms[r].exits})
    turn, n = app.game.state.turn, len(app.panel.lines)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=point(app, far), button=1))
    assert app.game.state.turn == turn and app.game.state.room == here
    new = app.panel.lines[n:]
    assert [ln.text for ln in new] == [NOT_NEXT.format(room=world.rooms[far].title)]
    assert new[0].style is Style.PARSER


def test_a_click_on_a_gone_room_says_it_is_gone(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    here = app.game.state.room
    nxt = world.rooms[here].exits[0].to
    app.game.state.stages[nxt] = 4
    app.draw()
    turn = app.game.state.turn
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=point(app, nxt), button=1))
    assert app.game.state.turn == turn
    assert app.panel.lines[-1].text == GONE.format(room=world.rooms[nxt].title)
