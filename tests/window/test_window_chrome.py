"""The window's chrome: menus over everything, settings that leave the window alone, the text
column and its size, long passages read from their start, history on Up, the window's HELP,
and Quit that asks."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.output import Line, Style
from game.engine.session import Game
from game.engine.world import World
from game.ui.window.app import WINDOW_HELP, App
from game.ui.window.menu import QuitPage, apply_to_app
from game.ui.window.settings import Settings
from game.ui.window.textpanel import COLUMN_CHARS

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"


def make_app(world: World, size: tuple[int, int]) -> App:
    surface = pygame.display.set_mode(size)
    app = App(Game(world, seed=1, strict=True), PACK, surface)
    app.start()
    app.draw()
    return app


def key(app: App, k: int, mod: int = 0) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


def test_the_opening_is_readable_from_its_start_at_800x600(world: World) -> None:
    app = make_app(world, (800, 600))
    text = app.areas()[2]
    rows = app.panel.visible(text)
    assert rows[0] == world.title  # the first text of the game, not scrolled away
    assert app.panel.more_below  # and the cue says there is more
    assert app.panel.more_rect is not None and text.contains(app.panel.more_rect)
    key(app, pygame.K_RETURN)  # Enter on the empty line reads on
    assert app.panel.visible(text) != rows
    assert not app.game.state.turn  # and played nothing
    key(app, pygame.K_END)
    assert not app.panel.more_below
    app.panel.scroll_top()
    app.draw()
    assert app.panel.more_rect is not None
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=app.panel.more_rect.center,
                                  button=1))
    assert app.panel.visible(text)[0] != world.title  # a click on the cue reads on too


def test_a_long_reply_shows_the_command_at_the_top(world: World) -> None:
    app = make_app(world, (800, 600))
    app.panel.add([Line("> wait", Style.COMMAND), *(Line(f"para {i} " + "word " * 30)
                                                    for i in range(30))])
    app.draw()
    assert app.panel.visible(app.areas()[2])[0] == "> wait"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_text_follows_the_window_and_stays_within_the_column(world: World,
                                                             size: tuple[int, int]) -> None:
    app = make_app(world, size)
    assert app.fonts.size == round(app.settings.font_size * size[1] / 720)
    app.submit("help")
    app.draw()
    rows = app.panel.visible(app.areas()[2])
    assert max(len(r) for r in rows) <= COLUMN_CHARS + 10


def test_the_text_panel_gives_the_map_what_it_doesnt_need(world: World) -> None:
    app = make_app(world, (1920, 1080))
    text = app.areas()[2]
    assert text.w <= app.panel.column() + 60
    assert app.areas()[1].w > 1920 * 0.58


def test_help_adds_the_windows_keys(world: World) -> None:
    app = make_app(world, (1280, 720))
    app.submit("help")
    texts = [line.text for line in app.panel.lines]
    assert WINDOW_HELP[0] in texts and texts.index(WINDOW_HELP[0]) > texts.index("> help")
    app.submit("look")
    assert texts.count(WINDOW_HELP[0]) == 1


def test_a_menu_stops_the_cursor_blinking_over_its_shade(world: World) -> None:
    app = make_app(world, (1280, 720))
    assert app.controls.blink(10 ** 6)  # the blink, without a menu
    key(app, pygame.K_ESCAPE)
    assert app.overlay is not None
    app.draw()
    assert app.controls.blink(2 * 10 ** 6) == []


def test_the_menu_dims_the_input_line(world: World) -> None:
    app = make_app(world, (1280, 720))
    inp = app.areas()[3]
    before = app.surface.get_at((inp.x + 3, inp.centery))
    key(app, pygame.K_ESCAPE)
    app.draw()
    after = app.surface.get_at((inp.x + 3, inp.centery))
    assert sum(after[:3]) < sum(before[:3]) / 2


def test_a_setting_changes_without_touching_the_window(world: World) -> None:
    app = make_app(world, (1000, 700))
    surface = app.surface
    apply_to_app(app, Settings(high_contrast=True, reduced_motion=True))
    assert app.surface is surface and surface.get_size() == (1000, 700)


def test_quit_asks_first(world: World) -> None:
    app = make_app(world, (1280, 720))
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_END)
    key(app, pygame.K_RETURN)  # Quit: the page that asks
    assert app.running and app.overlay is not None
    assert isinstance(app.overlay.page, QuitPage)  # type: ignore[attr-defined]
    key(app, pygame.K_RETURN)  # Keep playing, the default: back to the menu
    assert app.running and app.overlay is not None and app.overlay.page is None  # type: ignore[attr-defined]
    key(app, pygame.K_END)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_HOME)  # Return to the title
    key(app, pygame.K_RETURN)
    assert not app.running and app.to_title


def test_going_fullscreen_keeps_the_windowed_size(world: World) -> None:
    from game.ui.window.title import follow_display

    surface = pygame.display.set_mode((1000, 700))
    settings = Settings()
    assert follow_display(settings, surface) is surface  # nothing to change: left alone
    settings.fullscreen = True
    follow_display(settings, surface)
    assert settings.window_size == (1000, 700)  # what F11 again (or the next start) restores
