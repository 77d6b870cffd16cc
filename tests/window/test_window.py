"""The pygame window, headless (SDL's dummy video driver): the map and its erasure, Joel's
token, the text panel, the input line, screenshots, and the same transcript as the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pygame
import pytest
from support import walkthrough

from game import cli
from game.engine.output import Line, Style
from game.engine.session import Game
from game.engine.world import World
from game.packs.tiles import read_tilemap
from game.ui.terminal import Terminal
from game.ui.window.app import App
from game.ui.window.inputline import InputLine
from game.ui.window.mapview import TOKEN, MapView
from game.ui.window.textpanel import Fonts, TextPanel

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
WALKTHROUGH = ROOT / "tests" / "walkthroughs" / "prologue.txt"
SIZE = (1280, 720)


def new_app(world: World, screen: pygame.Surface, commands: list[str] = ()) -> App:  # type: ignore[assignment]
    app = App(Game(world, seed=1, strict=True), PACK, screen)
    app.start()
    for c in commands:
        app.submit(c)
    return app


def level_view(app: App) -> MapView:
    view = app.map_view()
    assert view is not None
    return view


# -- screenshots -------------------------------------------------------------------------------
def test_screenshot_option_writes_a_png_of_the_requested_size(tmp_path: Path) -> None:
    commands = tmp_path / "commands.txt"
    commands.write_text("# a comment\nlook\n\nwest\n", encoding="utf-8")
    out = tmp_path / "shot.png"
    code = cli.main(["--screenshot", str(out), "--commands", str(commands), "--size", "640x400",
                     "--data-dir", str(tmp_path)])
    assert code == 0
    assert pygame.image.load(str(out)).get_size() == (640, 400)


def test_a_bad_size_is_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--screenshot", str(tmp_path / "x.png"), "--size", "big",
                     "--data-dir", str(tmp_path)])
    assert code == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err


def test_window_without_a_display_is_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli.main(["--window", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no display" in err and "--text" in err and "Traceback" not in err


def test_plain_spotless_falls_back_to_the_terminal(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    args = cli.parser().parse_args([])
    assert cli._frontend(args) == "text"
    assert capsys.readouterr().err.count("\n") == 1
    assert cli._frontend(cli.parser().parse_args(["--text"])) == "text"


# -- the map and its erasure -------------------------------------------------------------------
def saturation(surface: pygame.Surface, rect: pygame.Rect) -> float:
    total = n = 0.0
    for y in range(rect.top, rect.bottom, 2):
        for x in range(rect.left, rect.right, 2):
            total += pygame.Color(surface.get_at((x, y))).hsva[1]
            n += 1
    return total / n


def outside(surface: pygame.Surface, rect: pygame.Rect) -> bytes:
    copy = surface.copy()
    copy.fill((0, 0, 0), rect)
    return pygame.image.tobytes(copy, "RGB")


@pytest.mark.parametrize("level, room", [("prologue", "prologue/Living Room"),
                                         ("bookstore", None)])
def test_fading_changes_only_that_room_and_drains_its_colour(
        world: World, screen: pygame.Surface, level: str, room: str | None) -> None:
    app = new_app(world, screen, walkthrough("sleep") if level == "bookstore" else [])
    assert app.game.state.level == level
    view = level_view(app)
    room = room or app.game.state.room
    _mask, rect = view.effect(room, 1)
    base = view.compose({})
    before_outside = outside(base, rect)
    sats = [saturation(base, rect)]
    for stage in (1, 2, 3, 4):
        app.game.state.stages = {room: stage}
        composed = view.compose(app.game.state.stages)
        assert outside(composed, rect) == before_outside  # nothing else changed
        sats.append(saturation(composed, rect))
    assert sats == sorted(sats, reverse=True) and len(set(sats)) == 5, sats
    assert sats[-1] < 12  # gone: paper, faintly warm (the fringe over the walls a little less)
    _h, s, v, _a = pygame.Color(composed.get_at(rect.center)).hsva
    assert s < 5 and v > 85


def test_a_faded_room_changes_the_screen_only_in_its_region(world: World,
                                                            screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    app.draw()
    before = screen.copy()
    view = level_view(app)
    room = "prologue/Kitchen"
    _mask, rect = view.effect(room, 2)
    scale, at = view.fit(app.areas()[1].inflate(-16, -16))
    on_screen = pygame.Rect(at.x + int(rect.x * scale) - 1, at.y + int(rect.y * scale) - 1,
                            int(rect.w * scale) + 3, int(rect.h * scale) + 3)
    app.game.state.stages = {room: 2}
    app.draw()
    assert outside(screen, on_screen) == outside(before, on_screen)
    assert saturation(screen, on_screen) < saturation(before, on_screen)


def token_at(screen: pygame.Surface, app: App) -> tuple[float, float]:
    """Where the token is, in map pixels (through the view's camera as last drawn)."""
    view = level_view(app)
    mask = pygame.mask.from_threshold(screen, TOKEN, (2, 2, 2, 255))
    assert mask.count() > 10
    return view.to_map(mask.centroid())


def inside(point: tuple[float, float], shape: tuple[tuple[float, float], ...]) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(shape, shape[1:] + shape[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def test_joels_token_is_drawn_inside_his_room(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    for command in ("", "west"):
        if command:
            app.submit(command)
        app.draw()
        room = app.game.state.room
        assert inside(token_at(screen, app), world.rooms[room].shape), room
    assert app.game.state.room == "prologue/Kitchen"


def test_the_map_follows_joel_into_the_next_memory(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen, walkthrough("sleep"))
    app.ceremony = None  # past the title card (test_window_ceremony): the new map
    app.draw()
    assert app.game.state.level == "bookstore"
    tmap = read_tilemap(PACK, world.levels["bookstore"].map_file)
    assert level_view(app).size == (tmap.width * tmap.tile_width, tmap.height * tmap.tile_height)
    assert inside(token_at(screen, app), world.rooms[app.game.state.room].shape)
    assert "The bookstore" in app.status_text()


# -- the text panel and the input line ---------------------------------------------------------
def test_the_panel_shows_the_newest_lines_and_scrolls() -> None:
    panel = TextPanel(Fonts(16))
    panel.add([Line("A title", Style.TITLE)])
    panel.add(Line(f"line {i} " + "word " * 12) for i in range(100))
    rect = pygame.Rect(0, 0, 400, 300)
    opening = panel.visible(rect)  # a block taller than the panel shows from its start
    assert opening[0] == "A title" and panel.more_below
    assert not any("line 99" in row for row in opening)
    panel.scroll_bottom()
    seen = panel.visible(rect)
    assert not panel.more_below
    assert seen[-1].startswith("word") or "line 99" in " ".join(seen[-3:])
    assert any("line 99" in row for row in seen)
    assert not any("line 50 " in row for row in seen)
    panel.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEUP))
    up = panel.visible(rect)
    assert not any("line 99" in row for row in up) and up != seen
    panel.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-100))
    assert panel.visible(rect) == seen
    for _ in range(200):
        panel.page(1)
    assert panel.visible(rect)[0] == "A title"  # the top, and no further
    panel.add([Line("new")])
    assert panel.visible(rect)[0] == "A title"  # scrolled up: the reader's place is kept
    panel.add([Line("> look", Style.COMMAND)])
    assert panel.visible(rect)[-1] == "> look"  # the player's own command brings it back down


def test_long_words_and_paragraphs_wrap_inside_the_panel() -> None:
    panel = TextPanel(Fonts(16))
    panel.add([Line("x" * 300 + "\n\nsecond paragraph")])
    rect = pygame.Rect(0, 0, 200, 400)
    rows = panel.visible(rect)
    assert rows[-1] == "second paragraph" and rows[-2] == ""
    assert "".join(rows[:-2]) == "x" * 300
    panel.draw(pygame.display.get_surface(), rect)


def test_input_editing_and_history() -> None:
    line = InputLine()
    line.insert("take lamp")
    for key in (pygame.K_LEFT,) * 4:
        line.key(key)
    line.key(pygame.K_BACKSPACE)
    line.insert(" the ")
    assert (line.text, line.cursor) == ("take the lamp", 9)
    line.key(pygame.K_HOME)
    line.key(pygame.K_DELETE)
    line.key(pygame.K_END)
    line.insert("s")
    assert line.text == "ake the lamps"
    line.key(pygame.K_RIGHT)
    assert line.key(pygame.K_RETURN) == "ake the lamps" and line.text == ""
    line.insert("north")
    line.key(pygame.K_KP_ENTER)
    line.insert("dra")
    line.key(pygame.K_UP)
    assert line.text == "north"
    line.key(pygame.K_UP)
    line.key(pygame.K_UP)
    assert line.text == "ake the lamps"
    line.key(pygame.K_DOWN)
    assert line.text == "north"
    line.key(pygame.K_DOWN)
    assert (line.text, line.cursor) == ("dra", 3)  # the draft comes back


def test_typing_into_the_window_plays_the_command(world: World, screen: pygame.Surface) -> None:
    app = new_app(world, screen)
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="west"))
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    assert app.game.state.room == "prologue/Kitchen"
    assert app.dirty
    app.draw()
    assert not app.dirty
    assert "turn 1" in app.status_text()


# -- one engine --------------------------------------------------------------------------------
def test_the_window_and_the_terminal_give_the_same_transcript(world: World,
                                                              screen: pygame.Surface) -> None:
    commands = [*walkthrough("sleep")[:40], "xyzzy", "undo"]
    out = io.StringIO()
    Terminal(Game(world, seed=1, strict=True), io.StringIO("".join(c + "\n" for c in commands)),
             out, interactive=False).run()
    app = new_app(world, screen, commands)
    window = "\n".join(line.text for line in app.panel.lines)
    assert [t for t in window.split("\n") if t] == [t for t in out.getvalue().split("\n") if t]
