"""The window's keys and mouse, headless: real pygame events through the App's handler. Tab
completion, editing keys, paste, history, scrolling to the ends, clicks on the map, moving with
the arrows and the keypad, font size, resizing, the split, and the cursor's blink."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.output import Line, Style
from game.engine.session import Game
from game.engine.world import World
from game.ui.window.app import App
from game.ui.window.keys import BLINK_MS
from game.ui.window.mapview import centre

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
SIZE = (1280, 720)


@pytest.fixture(autouse=True)
def screen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pygame.Surface]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # settings, autosaves
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    pygame.display.init()
    pygame.font.init()
    yield pygame.display.set_mode(SIZE)
    pygame.display.quit()


@pytest.fixture
def app(world: World, screen: pygame.Surface) -> App:
    a = App(Game(world, seed=1, strict=True), PACK, screen)
    a.start()
    a.draw()
    return a


def key(app: App, k: int, mod: int = 0) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


def type_text(app: App, text: str) -> None:
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text=text))


def click(app: App, pos: tuple[int, int]) -> None:
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def commands(app: App) -> list[str]:
    return [line.text for line in app.panel.lines if line.style is Style.COMMAND]


def shown(app: App) -> list[str]:
    return app.panel.visible(app.areas()[2])


def room(app: App, name: str) -> str:
    return next(rid for rid, r in app.game.world.rooms.items()
                if r.level == app.game.state.level and r.name == name)


def screen_point(app: App, rid: str) -> tuple[int, int]:
    view = app.map_view()
    assert view is not None
    app.draw()
    return view.to_screen(centre(view.rooms[rid]))


# -- Tab completion ------------------------------------------------------------------------------
def test_tab_completes_a_verb(app: App) -> None:
    type_text(app, "exa")
    key(app, pygame.K_TAB)
    assert app.input.text == "examine "


def test_tab_completes_a_thing_in_the_room_and_only_there(app: App) -> None:
    type_text(app, "x nigh")
    key(app, pygame.K_TAB)
    assert app.input.text == "x nigh"  # the nightstand is in the bedroom, not here
    key(app, pygame.K_u, pygame.KMOD_CTRL)
    app.submit("north")
    type_text(app, "x nigh")
    key(app, pygame.K_TAB)
    assert app.input.text == "x nightstand "


def test_tab_extends_to_the_common_prefix_then_cycles(app: App) -> None:
    type_text(app, "x bo")  # bookshelf, books, bookcase, boston
    key(app, pygame.K_TAB)
    assert app.input.text == "x bo"  # no longer common prefix: nothing shown
    key(app, pygame.K_TAB)
    first = app.input.text
    key(app, pygame.K_TAB)
    second = app.input.text
    assert first != second
    assert first.startswith("x bo") and second.startswith("x bo")
    assert {first[2:], second[2:]} <= {"bookcase", "books", "bookshelf", "boston"}
    type_text(app, "x")  # typing ends the cycle
    key(app, pygame.K_u, pygame.KMOD_CTRL)
    type_text(app, "x book")  # books, bookcase, bookshelf: all words of the one bookshelf
    key(app, pygame.K_TAB)
    assert app.input.text == "x bookshelf "


def test_tab_completes_the_word_at_the_cursor(app: App) -> None:
    type_text(app, "exa sofa")
    for _ in range(5):
        key(app, pygame.K_LEFT)
    key(app, pygame.K_TAB)
    assert app.input.text == "examine  sofa" or app.input.text == "examine sofa"


def test_tab_completes_directions_after_go(app: App) -> None:
    type_text(app, "go nor")
    key(app, pygame.K_TAB)
    assert app.input.text in ("go north ", "go northeast", "go north")


# -- editing keys, paste, history ------------------------------------------------------------------
def test_ctrl_editing_keys(app: App) -> None:
    type_text(app, "take the coat")
    key(app, pygame.K_a, pygame.KMOD_CTRL)
    assert app.input.cursor == 0
    key(app, pygame.K_e, pygame.KMOD_CTRL)
    assert app.input.cursor == len("take the coat")
    key(app, pygame.K_w, pygame.KMOD_CTRL)
    assert app.input.text == "take the "
    for _ in range(4):
        key(app, pygame.K_LEFT)
    key(app, pygame.K_k, pygame.KMOD_CTRL)
    assert app.input.text == "take "
    key(app, pygame.K_u, pygame.KMOD_CTRL)
    assert app.input.text == "" and app.input.cursor == 0


def test_paste_a_long_text_input(app: App) -> None:
    long = "examine the coffee table " * 8
    type_text(app, long)
    assert app.input.text == long
    key(app, pygame.K_v, pygame.KMOD_CTRL)  # no clipboard under the dummy driver: nothing breaks
    assert app.input.text.startswith(long)
    type_text(app, "line one\nline two\r")
    assert "\n" not in app.input.text and "\r" not in app.input.text


def test_history_up_and_down_when_typing(app: App) -> None:
    for c in ("look", "inventory"):
        type_text(app, c)
        key(app, pygame.K_RETURN)
    assert commands(app)[-2:] == ["> look", "> inventory"]
    key(app, pygame.K_p, pygame.KMOD_CTRL)  # Ctrl+P: the last line, from an empty line
    assert app.input.text == "inventory"
    key(app, pygame.K_UP)  # with text on the line, Up browses on
    assert app.input.text == "look"
    key(app, pygame.K_DOWN)
    assert app.input.text == "inventory"


# -- scrolling -----------------------------------------------------------------------------------
def test_home_and_end_scroll_the_panel_when_the_line_is_empty(app: App) -> None:
    for _ in range(12):
        app.submit("look")
    app.draw()
    newest = shown(app)[-1]
    key(app, pygame.K_HOME)
    app.draw()
    assert shown(app)[0] == app.game.world.title  # the first line of the game
    assert app.panel.scroll > 0
    key(app, pygame.K_END)
    assert app.panel.scroll == 0 and shown(app)[-1] == newest
    type_text(app, "take")
    key(app, pygame.K_HOME)  # with text on the line: the cursor moves, not the panel
    assert app.input.cursor == 0 and app.panel.scroll == 0
    key(app, pygame.K_HOME, pygame.KMOD_CTRL)  # Ctrl+Home scrolls all the same
    assert app.panel.scroll > 0


def test_new_text_follows_unless_scrolled_up(app: App) -> None:
    for _ in range(6):
        app.submit("look")
    app.draw()
    app.submit("inventory")
    app.draw()
    assert app.panel.scroll == 0
    key(app, pygame.K_PAGEUP)
    app.draw()
    reading = shown(app)
    app.show([Line("Something new happens.")] * 3)
    app.draw()
    assert shown(app) == reading  # the player's place is kept
    key(app, pygame.K_END)
    app.draw()
    assert shown(app)[-1] == "Something new happens."


# -- the map under the mouse -----------------------------------------------------------------------
def test_clicking_the_room_north_goes_north(app: App) -> None:
    bedroom = room(app, "Bedroom")
    click(app, screen_point(app, bedroom))
    assert commands(app)[-1] == "> go north"
    assert app.game.state.room == bedroom
    assert app.input.history[-1] == "go north"
    app.draw()
    assert "> go north" in shown(app)


def test_clicking_joels_room_looks_and_a_far_room_only_says_why(app: App) -> None:
    here = app.game.state.room
    click(app, screen_point(app, here))
    assert commands(app)[-1] == "> look"
    far = [rid for rid, r in app.game.world.rooms.items() if r.level == app.game.state.level
           and rid != here and rid not in {e.to for e in app.game.world.rooms[here].exits}]
    before, turn = len(app.panel.lines), app.game.state.turn
    click(app, screen_point(app, far[0]))
    # no command: one line of why (issue 14; test_window_mapui has the wording)
    assert len(app.panel.lines) == before + 1 and commands(app)[-1] == "> look"
    assert app.panel.lines[-1].style is Style.PARSER and app.game.state.turn == turn


def test_clicking_a_thing_examines_it(app: App) -> None:
    from game.ui.window.keys import thing_rects

    view = app.map_view()
    assert view is not None
    app.draw()
    level = app.game.world.levels[app.game.state.level]
    rect = dict(thing_rects(PACK, level.map_file))["sofa"]
    pos = view.to_screen((rect.centerx, rect.centery))
    click(app, pos)
    assert commands(app)[-1] == "> examine sofa"
    app.draw()
    assert "> examine sofa" in shown(app)


def test_the_typed_draft_survives_a_click(app: App) -> None:
    type_text(app, "take co")
    click(app, screen_point(app, app.game.state.room))
    assert commands(app)[-1] == "> look"
    assert app.input.text == "take co"


# -- moving with the keys --------------------------------------------------------------------------
def test_up_on_an_empty_line_recalls_the_history_and_the_keypad_moves(app: App) -> None:
    """By default the arrows are the input line's (Up and Down recall earlier commands, as in
    every IF interpreter); the keypad moves Joel."""
    here = app.game.state.room
    key(app, pygame.K_UP)  # no history yet: nothing happens, and Joel stays
    assert commands(app) == [] and app.game.state.room == here
    type_text(app, "look")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_UP)
    assert app.input.text == "look" and app.game.state.room == here
    key(app, pygame.K_DOWN)
    assert app.input.text == ""
    bedroom = room(app, "Bedroom")
    key(app, pygame.K_KP8)
    type_text(app, "8")  # the keypad's own text input is not typed
    assert commands(app)[-1] == "> north" and app.game.state.room == bedroom
    assert app.input.text == ""


def test_arrows_move_when_the_setting_says_and_the_line_is_empty(app: App) -> None:
    app.settings.arrow_keys_move = True
    bedroom = room(app, "Bedroom")
    key(app, pygame.K_UP)
    assert commands(app)[-1] == "> north"
    assert app.game.state.room == bedroom
    key(app, pygame.K_KP2)
    type_text(app, "2")  # the keypad's own text input is not typed
    assert commands(app)[-1] == "> south"
    assert app.input.text == ""


def test_arrows_edit_when_the_line_is_not_empty(app: App) -> None:
    here = app.game.state.room
    type_text(app, "look")
    n = len(app.panel.lines)
    key(app, pygame.K_LEFT)
    key(app, pygame.K_UP)
    key(app, pygame.K_KP8)
    assert app.game.state.room == here and len(app.panel.lines) == n
    assert app.input.cursor == 3


# -- view settings ---------------------------------------------------------------------------------
def test_ctrl_equals_grows_the_font_and_keeps_the_newest_line(app: App) -> None:
    for _ in range(5):
        app.submit("look")
    app.draw()
    newest = shown(app)[-1]
    size = app.fonts.size
    key(app, pygame.K_EQUALS, pygame.KMOD_CTRL)
    assert app.fonts.size > size
    app.draw()
    assert shown(app)[-1] == newest
    key(app, pygame.K_MINUS, pygame.KMOD_CTRL)
    key(app, pygame.K_MINUS, pygame.KMOD_CTRL)
    assert app.fonts.size < size


def test_a_resize_keeps_every_line_and_reflows(app: App) -> None:
    for c in ("look", "inventory", "read card"):
        app.submit(c)
    app.draw()
    lines = list(app.panel.lines)
    longest = max(range(len(lines)), key=lambda i: len(lines[i].text))
    wide = len(app.panel.rendered(longest, app.areas()[2].w - 20))
    pygame.display.set_mode((700, 900))
    app.handle(pygame.event.Event(pygame.VIDEORESIZE, size=(700, 900), w=700, h=900))
    assert app.dirty
    app.draw()
    assert app.surface.get_size() == (700, 900)
    assert app.panel.lines == lines
    narrow = len(app.panel.rendered(longest, app.areas()[2].w - 20))
    assert narrow > wide  # the same line takes more rows in the narrower panel
    assert shown(app)[-1]  # and the newest is still at the bottom
    key(app, pygame.K_HOME)
    app.draw()
    assert shown(app)[0] == app.game.world.title


def test_the_split_moves_with_keys_and_a_drag(app: App) -> None:
    share = app.map_share
    key(app, pygame.K_F10)
    assert app.map_share > share
    key(app, pygame.K_LEFT, pygame.KMOD_CTRL)
    key(app, pygame.K_LEFT, pygame.KMOD_CTRL)
    assert app.map_share < share
    border = app.areas()[1].right
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(border, 300), button=1))
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(400, 300), rel=(0, 0),
                                  buttons=(1, 0, 0)))
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(400, 300), button=1))
    assert app.areas()[1].right == 400
    assert not commands(app)  # the drag is not a click on the map


def test_f11_toggles_fullscreen(app: App) -> None:
    key(app, pygame.K_F11)
    assert app.controls.fullscreen
    key(app, pygame.K_F11)
    assert not app.controls.fullscreen


def test_f11_and_font_keys_change_and_save_the_settings(
        app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from game.ui.window.settings import load_settings

    monkeypatch.setenv("SPOTLESS_CONFIG_DIR", str(tmp_path / "conf"))
    key(app, pygame.K_F11)
    assert app.settings.fullscreen and app.controls.fullscreen  # one state, the settings'
    assert load_settings().fullscreen
    size = app.settings.font_size
    key(app, pygame.K_EQUALS, pygame.KMOD_CTRL)
    assert app.settings.font_size == app.fonts.size == size + 2
    assert load_settings().font_size == size + 2
    key(app, pygame.K_MINUS, pygame.KMOD_CTRL)
    key(app, pygame.K_MINUS, pygame.KMOD_CTRL)
    assert load_settings().font_size == app.settings.font_size == size - 2
    key(app, pygame.K_F11)
    assert not load_settings().fullscreen and not app.controls.fullscreen


# -- the blink -----------------------------------------------------------------------------------
def test_the_cursor_blinks_in_its_own_rectangle(app: App) -> None:
    app.draw()
    assert app.controls.updated is None  # a full draw
    before = app.surface.copy()
    inp = app.areas()[3]
    now = pygame.time.get_ticks()
    app.controls.wake(now)
    assert app.controls.blink(now + 10) == []  # not yet
    rects = app.controls.blink(now + BLINK_MS + 1)
    assert rects == [inp] and app.controls.updated == [inp]
    assert not app.dirty  # no full redraw for a blink
    assert not app.controls.cursor_on
    after = app.surface.copy()

    def raw(surf: pygame.Surface) -> bytes:
        return pygame.image.tobytes(surf, "RGB")

    assert raw(before.subsurface(inp)) != raw(after.subsurface(inp))  # the cursor went
    before.fill((0, 0, 0), inp)
    after.fill((0, 0, 0), inp)
    assert raw(before) == raw(after)  # and nothing else changed
    type_text(app, "l")
    assert app.controls.cursor_on  # typing shows the cursor at once


def test_clicking_a_things_token_examines_it(app: App) -> None:
    view = app.map_view()
    assert view is not None
    app.draw()
    scope = app.game.model.scope()
    tokens = [(tid, at) for tid, at, _r in getattr(view, "tokens", []) if tid in scope]
    if not tokens:
        pytest.skip("the map draws no tokens for things here")
    tid, at = tokens[0]
    click(app, at)
    assert commands(app)[-1] == f"> examine {app.game.world.things[tid].name}"


# -- high contrast on the game screen ------------------------------------------------------------
def test_high_contrast_from_the_settings_page_recolours_the_game_screen(
        app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from game.ui.window.textpanel import PAPER, STARK_COLOURS, STARK_PAPER

    monkeypatch.setenv("SPOTLESS_CONFIG_DIR", str(tmp_path / "conf"))
    app.draw()
    _status, _map, text, inp = app.areas()
    probe = (text.right - 3, text.y + 3)
    assert app.surface.get_at(probe)[:3] == PAPER
    key(app, pygame.K_ESCAPE)  # the menu: Resume, Save, Load, Settings ...
    for _ in range(3):
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # Settings: Reduced motion, High contrast ...
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    assert app.settings.high_contrast and app.panel.high_contrast and app.input.high_contrast
    app.overlay = None
    app.draw()  # at once, without a restart
    assert app.surface.get_at(probe)[:3] == STARK_PAPER
    assert app.surface.get_at((inp.right - 3, inp.bottom - 3))[:3] == (0, 0, 0)
    rows = app.panel.rendered(len(app.panel.lines) - 1, 200)
    assert rows  # the newest line, in the stark palette
    colours = {tuple(img.get_at((x, y))[:3]) for _t, img in rows
               for x in range(img.get_width()) for y in range(img.get_height())
               if img.get_at((x, y))[3] == 255}
    style = app.panel.lines[-1].style
    assert STARK_COLOURS[style] in colours
    status = app.surface.subsurface(app.areas()[0])
    assert any(status.get_at((x, y))[:3] == (255, 230, 0)
               for x in range(0, 300) for y in range(status.get_height()))


def test_high_contrast_applies_on_start(world: World, screen: pygame.Surface) -> None:
    from game.ui.window.menu import apply_to_app
    from game.ui.window.settings import Settings
    from game.ui.window.textpanel import STARK_PAPER

    a = App(Game(world, seed=1, strict=True), PACK, screen)
    apply_to_app(a, Settings(high_contrast=True), display=False)  # as run_windowed does
    a.start()
    a.draw()
    text = a.areas()[2]
    assert a.surface.get_at((text.right - 3, text.y + 3))[:3] == STARK_PAPER
