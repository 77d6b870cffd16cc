"""The window's title screen, Esc menu and settings, headless (SDL's dummy driver), driven by
real pygame events."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pygame
import pytest

from game import cli
from game.engine.saves import SaveStore
from game.engine.session import Game, default_save_dir
from game.engine.world import World
from game.packs.install import install_command
from game.ui.window.app import App
from game.ui.window.menu import EscMenu, ItemList, SavePage, SettingsPage
from game.ui.window.settings import Settings, load_settings, save_settings, settings_path
from game.ui.window.title import TitleScreen, find_packs

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
HOUSE = ROOT / "tests" / "packs" / "house"
SIZE = (1280, 720)
# the menu's Quit, then "Quit the game" on the page that asks (its default is Keep playing)
QUIT_KEYS = (pygame.K_ESCAPE, pygame.K_END, pygame.K_RETURN, pygame.K_UP, pygame.K_RETURN)


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    conf = tmp_path / "config"
    monkeypatch.setenv("SPOTLESS_CONFIG_DIR", str(conf))
    return conf


def key(k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))


def move(pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))


def click(pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))


def pump(target: TitleScreen | App) -> None:
    for event in pygame.event.get():
        target.handle(event)


def labels(lst: ItemList) -> list[str]:
    return [i.label for i in lst.items]


def enabled(lst: ItemList) -> dict[str, bool]:
    return {i.label: i.enabled for i in lst.items}


def title(tmp_path: Path, screen: pygame.Surface) -> TitleScreen:
    t = TitleScreen(load_settings(), tmp_path / "data", find_packs(tmp_path / "data"))
    t.draw(screen)
    return t


def autosave_in(data: Path, world: World, commands: list[str]) -> Game:
    game = Game(world, seed=1, saves=SaveStore(default_save_dir(data, world.pack_id)))
    game.start()
    for c in commands:
        game.submit(c)
    assert game.saves is not None
    game.saves.save("autosave", world, game.state)
    return game


# -- settings ----------------------------------------------------------------------------------
def test_settings_round_trip_in_the_config_folder(config: Path) -> None:
    assert load_settings() == Settings()  # nothing saved yet: the defaults
    s = Settings(font_size=20, reduced_motion=True, high_contrast=True, window_width=1000)
    assert save_settings(s)
    assert settings_path() == config / "settings.json"
    assert load_settings() == s
    assert json.loads((config / "settings.json").read_text())["font_size"] == 20
    assert [p.name for p in config.iterdir()] == ["settings.json"]  # no temporary file left


@pytest.mark.parametrize("text", ["{not json", '{"font_size": 16, "volume": 3}',
                                  '{"font_size": "huge"}', '{"font_size": 500}', "[]", "\xff"])
def test_a_damaged_or_unknown_settings_file_gives_the_defaults_and_is_kept(
        config: Path, text: str) -> None:
    config.mkdir()
    (config / "settings.json").write_text(text, encoding="latin-1")
    assert load_settings() == Settings()
    assert (config / "settings.json.bad").read_text(encoding="latin-1") == text
    assert not (config / "settings.json").exists()
    assert save_settings(Settings(font_size=12))
    assert load_settings().font_size == 12


def test_settings_that_cannot_be_written_do_not_crash(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SPOTLESS_CONFIG_DIR", str(blocker / "sub"))
    assert save_settings(Settings()) is False
    assert load_settings() == Settings()


# -- the title screen ----------------------------------------------------------------------------
def test_title_items_and_new_game_by_keyboard(tmp_path: Path, screen: pygame.Surface) -> None:
    t = title(tmp_path, screen)
    assert labels(t.list) == ["Continue", "New game", "Load", "Choose pack", "Settings", "Quit"]
    assert enabled(t.list)["Continue"] is False  # no autosave yet
    assert enabled(t.list)["Load"] is False
    assert t.list.current is not None and t.list.current.label == "New game"
    key(pygame.K_RETURN)
    pump(t)
    assert t.result is not None and t.result.action == "new"
    assert t.result.pack is not None and t.result.pack.path == PACK and t.result.save is None


def test_keyboard_moves_skip_disabled_items_and_wrap(tmp_path: Path,
                                                      screen: pygame.Surface) -> None:
    t = title(tmp_path, screen)
    key(pygame.K_UP)  # from New game, over the disabled Continue, round to Quit
    pump(t)
    assert t.list.current is not None and t.list.current.label == "Quit"
    key(pygame.K_DOWN)
    key(pygame.K_DOWN)
    pump(t)
    assert t.list.current is not None and t.list.current.label == "Choose pack"
    key(pygame.K_UP)
    key(pygame.K_UP)
    key(pygame.K_RETURN)
    pump(t)
    assert t.result is not None and t.result.action == "quit"


def test_mouse_hover_and_click(tmp_path: Path, screen: pygame.Surface) -> None:
    t = title(tmp_path, screen)
    quit_rect = t.list.rects[labels(t.list).index("Quit")]
    continue_rect = t.list.rects[0]
    move(continue_rect.center)  # a disabled item takes no hover and no click
    click(continue_rect.center)
    pump(t)
    assert t.result is None and t.list.current is not None
    assert t.list.current.label == "New game"
    move(quit_rect.center)
    pump(t)
    assert t.list.current is not None and t.list.current.label == "Quit"
    click(t.list.rects[1].center)
    pump(t)
    assert t.result is not None and t.result.action == "new"


def test_continue_restores_the_newest_save(tmp_path: Path, screen: pygame.Surface,
                                          world: World) -> None:
    data = tmp_path / "data"
    older = autosave_in(data, world, ["west"])
    assert older.saves is not None
    os.utime(older.saves.path("autosave"), (0, 0))
    older.submit("save named")  # made later than the autosave
    t = title(tmp_path, screen)
    click(t.list.rects[0].center)
    pump(t)
    assert t.result is not None and (t.result.action, t.result.save) == ("continue", "named")


def test_continue_restores_the_autosave(tmp_path: Path, screen: pygame.Surface,
                                        world: World) -> None:
    data = tmp_path / "data"
    saved = autosave_in(data, world, ["west"])
    t = title(tmp_path, screen)
    assert enabled(t.list)["Continue"] is True
    assert t.list.current is not None and t.list.current.label == "Continue"
    click(t.list.rects[0].center)
    pump(t)
    assert t.result is not None and t.result.action == "continue"
    assert t.result.save == "autosave"
    game = Game(world, seed=1, saves=SaveStore(default_save_dir(data, world.pack_id)))
    app = App(game, PACK, screen)
    app.start()
    app.submit(f"restore {t.result.save}")
    assert game.state.room == saved.state.room and game.state.turn == saved.state.turn


def test_load_lists_the_saves_of_the_pack(tmp_path: Path, screen: pygame.Surface,
                                          world: World) -> None:
    data = tmp_path / "data"
    game = autosave_in(data, world, [])
    assert game.saves is not None
    game.saves.save("before-the-beach", world, game.state)
    t = title(tmp_path, screen)
    assert enabled(t.list)["Load"] is True
    key(pygame.K_DOWN)  # Continue (the autosave is there) -> New game -> Load
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)
    pump(t)
    assert t.page == "load"
    assert set(labels(t.list)) == {"Autosave", "before-the-beach", "Back"}
    notes = {i.label: i.note for i in t.list.items}
    assert notes["Autosave"].startswith("Prologue: Lacuna, Inc. · Your Living Room · turn 0 · ")
    t.draw(screen)
    click(t.list.rects[labels(t.list).index("before-the-beach")].center)
    pump(t)
    assert t.result is not None and (t.result.action, t.result.save) == ("load",
                                                                         "before-the-beach")


def test_choose_pack_lists_builtin_installed_and_broken(tmp_path: Path,
                                                        screen: pygame.Surface) -> None:
    data = tmp_path / "data"
    shutil.copytree(HOUSE, tmp_path / "house")
    assert install_command(str(tmp_path / "house"), data) == 0
    shutil.copytree(HOUSE, tmp_path / "house2")
    assert install_command(str(tmp_path / "house2"), data / "other") == 0
    broken = data / "packs" / "wreck"
    shutil.copytree(data / "other" / "packs" / "house", broken)  # its id says "house"
    t = title(tmp_path, screen)
    key(pygame.K_DOWN)  # Load is disabled: straight from New game to Choose pack
    key(pygame.K_RETURN)
    pump(t)
    assert t.page == "packs"
    items = {i.key: i for i in t.list.items}
    assert items["pack:0"].label == "• Spotless Mind  (built in)"  # the chosen one
    assert items["pack:0"].enabled
    house = next(i for i in t.list.items if "A Small House" in i.label and i.enabled)
    wreck = next(i for i in t.list.items if not i.enabled and i.key.startswith("pack:"))
    assert wreck.note.startswith("broken:") and "install it again" in wreck.note
    t.draw(screen)
    click(t.list.rects[t.list.items.index(wreck)].center)  # broken: not selectable
    pump(t)
    assert t.page == "packs"
    click(t.list.rects[t.list.items.index(house)].center)
    pump(t)
    assert t.page == "main" and t.pack is not None and t.pack.pack_id == "house"
    key(pygame.K_RETURN)
    pump(t)
    assert t.result is not None and t.result.pack is not None
    assert (t.result.action, t.result.pack.path) == ("new", data / "packs" / "house")


def test_title_settings_toggle_and_esc_back(tmp_path: Path, screen: pygame.Surface) -> None:
    t = title(tmp_path, screen)
    for _ in range(2):
        key(pygame.K_DOWN)  # New game -> Choose pack -> Settings (Load is disabled)
    key(pygame.K_RETURN)
    pump(t)
    assert t.page == "settings"
    key(pygame.K_DOWN)  # High contrast
    key(pygame.K_RETURN)
    pump(t)
    assert t.settings.high_contrast and load_settings().high_contrast
    t.draw(screen)
    key(pygame.K_ESCAPE)
    pump(t)
    assert t.page == "main" and t.result is None


# -- the Esc menu ----------------------------------------------------------------------------------
def new_app(world: World, screen: pygame.Surface, data: Path) -> App:
    game = Game(world, seed=1, saves=SaveStore(default_save_dir(data, world.pack_id)))
    app = App(game, PACK, screen)
    app.start()
    app.draw()
    return app


def test_esc_opens_the_menu_and_resume_closes_it(tmp_path: Path, screen: pygame.Surface,
                                                 world: World) -> None:
    app = new_app(world, screen, tmp_path / "data")
    key(pygame.K_ESCAPE)
    pump(app)
    assert isinstance(app.overlay, EscMenu)
    assert labels(app.overlay.list) == ["Resume", "Save", "Load", "Settings", "Help", "Quit"]
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="x"))
    pump(app)
    assert app.input.text == ""  # the menu takes the keys while it is open
    key(pygame.K_RETURN)  # Resume
    pump(app)
    assert app.overlay is None and app.running
    key(pygame.K_ESCAPE)
    key(pygame.K_ESCAPE)  # and Esc closes it again
    pump(app)
    assert app.overlay is None


def test_menu_help_and_save_go_through_the_game(tmp_path: Path, screen: pygame.Surface,
                                                world: World) -> None:
    data = tmp_path / "data"
    app = new_app(world, screen, data)
    for choice in ("Help", "Save"):
        key(pygame.K_ESCAPE)
        pump(app)
        assert isinstance(app.overlay, EscMenu)
        app.draw()
        click(app.overlay.list.rects[labels(app.overlay.list).index(choice)].center)
        pump(app)
        if choice == "Save":  # the name offered, as it is
            assert isinstance(app.overlay, EscMenu) and isinstance(app.overlay.page, SavePage)
            app.draw()
            key(pygame.K_RETURN)
            pump(app)
        assert app.overlay is None
    texts = [line.text for line in app.panel.lines]
    assert "> help" in texts
    assert any(t.startswith("> save save-") for t in texts)
    saves = list(default_save_dir(data, world.pack_id).glob("save-*.json"))
    assert len(saves) == 1
    key(pygame.K_ESCAPE)
    pump(app)
    key(pygame.K_DOWN)
    key(pygame.K_DOWN)  # Load
    key(pygame.K_RETURN)
    pump(app)
    key(pygame.K_RETURN)  # the newest save
    pump(app)
    assert app.overlay is None
    assert app.panel.lines[-1].text  # the room, looked at again
    assert f"> restore {saves[0].stem}" in [line.text for line in app.panel.lines]


def test_reduced_motion_from_the_menu_applies_and_persists(tmp_path: Path,
                                                            screen: pygame.Surface,
                                                            world: World) -> None:
    app = new_app(world, screen, tmp_path / "data")
    key(pygame.K_ESCAPE)
    pump(app)
    for _ in range(3):
        key(pygame.K_DOWN)  # Settings
    key(pygame.K_RETURN)
    pump(app)
    assert isinstance(app.overlay, EscMenu) and isinstance(app.overlay.page, SettingsPage)
    key(pygame.K_RETURN)  # Reduced motion: on
    pump(app)
    assert app.settings.reduced_motion
    assert load_settings().reduced_motion
    assert getattr(app, "reduced_motion", True)  # the map's animations follow
    key(pygame.K_PLUS)  # and the text grows at once
    pump(app)
    assert app.fonts.size == 17 and load_settings().font_size == 17
    app.draw()
    key(pygame.K_ESCAPE)  # back to the menu
    key(pygame.K_ESCAPE)  # back to the game
    pump(app)
    assert app.overlay is None


def test_quit_from_the_menu_autosaves(tmp_path: Path, screen: pygame.Surface,
                                      world: World) -> None:
    data = tmp_path / "data"
    app = new_app(world, screen, data)
    app.submit("west")
    for k in QUIT_KEYS:
        key(k)
    assert app.run() == 0
    auto = default_save_dir(data, world.pack_id) / "autosave.json"
    assert json.loads(auto.read_text())["state"]["room"] == app.game.state.room


def test_autosave_every_few_turns(tmp_path: Path, screen: pygame.Surface, world: World) -> None:
    data = tmp_path / "data"
    app = new_app(world, screen, data)
    auto = default_save_dir(data, world.pack_id) / "autosave.json"
    while app.game.state.turn < 10:
        assert not auto.exists()
        app.submit("wait")
    assert auto.exists()


def test_the_window_from_title_to_quit(tmp_path: Path, world: World) -> None:
    """run_windowed: the title's New game starts the chosen pack; the menu's Quit autosaves
    (after a move); then Continue on the next start restores that autosave."""
    from game.ui.window.title import run_windowed

    data = tmp_path / "data"
    games: list[Game] = []

    def make_game(path: Path) -> Game:
        assert path == PACK
        game = Game(world, seed=1, saves=SaveStore(default_save_dir(data, world.pack_id)))
        games.append(game)
        if len(games) == 1:  # a move: a game that changed nothing autosaves nothing
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="wait"))
            key(pygame.K_RETURN)
        for k in QUIT_KEYS:
            key(k)
        return game

    key(pygame.K_RETURN)  # New game
    assert run_windowed(make_game, PACK, data) == 0
    auto = default_save_dir(data, world.pack_id) / "autosave.json"
    assert auto.exists() and load_settings().window_size == SIZE
    pygame.display.init()
    key(pygame.K_RETURN)  # Continue, selected first now
    assert run_windowed(make_game, PACK, data) == 0
    assert len(games) == 2 and len(games[1].history) == 1  # RESTORE keeps an undo step


def test_return_to_the_title_and_quit_from_there(tmp_path: Path, world: World) -> None:
    """The menu's Quit, "Return to the title": the title comes back (its Quit ends the run),
    and the game was autosaved on the way (Continue is offered)."""
    from game.ui.window.title import run_windowed

    data = tmp_path / "data"
    games: list[Game] = []

    def make_game(path: Path) -> Game:
        game = Game(world, seed=1, saves=SaveStore(default_save_dir(data, world.pack_id)))
        games.append(game)
        # a move first: a game that changed nothing autosaves nothing
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="wait"))
        key(pygame.K_RETURN)
        for k in (pygame.K_ESCAPE, pygame.K_END, pygame.K_RETURN, pygame.K_HOME,
                  pygame.K_RETURN,  # Quit, then "Return to the title"
                  pygame.K_END, pygame.K_RETURN):  # the title's Quit
            key(k)
        return game

    key(pygame.K_RETURN)  # New game
    assert run_windowed(make_game, PACK, data) == 0
    assert len(games) == 1
    assert (default_save_dir(data, world.pack_id) / "autosave.json").exists()


# -- the command line ------------------------------------------------------------------------------
def test_screenshot_of_the_title(tmp_path: Path) -> None:
    out = tmp_path / "title.png"
    assert cli.main(["--screenshot", str(out), "--screenshot-title", "--size", "800x600",
                     "--data-dir", str(tmp_path / "data")]) == 0
    assert pygame.image.load(str(out)).get_size() == (800, 600)


def test_screenshot_of_the_title_shows_the_pack_it_was_given(tmp_path: Path) -> None:
    """A pack folder that is neither built in nor installed is the one the title offers."""
    from game.ui.window.title import screenshot_title

    screen = screenshot_title((800, 600), tmp_path / "t.png", tmp_path / "data", HOUSE)
    assert screen.packs[screen.chosen].path == HOUSE


def test_the_window_writes_the_transcript(tmp_path: Path, world: World) -> None:
    """--transcript in the window: the opening, each command after "> " and its reply, as the
    SCRIPT command records them (Game.script); the file is closed at exit."""
    from game.ui.window.title import run_windowed

    data = tmp_path / "data"
    out = tmp_path / "t.txt"
    fh = open(out, "a", encoding="utf-8")  # noqa: SIM115
    games: list[Game] = []
    expected = Game(world, seed=1)
    opening = [ln.text for ln in expected.start()]
    reply = [ln.text for ln in expected.submit("look")]

    def make_game(path: Path) -> Game:
        game = Game(world, seed=1, saves=SaveStore(default_save_dir(data, world.pack_id)))
        games.append(game)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="look"))
        key(pygame.K_RETURN)
        for k in QUIT_KEYS:
            key(k)
        return game

    key(pygame.K_RETURN)  # New game
    assert run_windowed(make_game, PACK, data, fh) == 0
    assert fh.closed
    text = out.read_text(encoding="utf-8")
    assert text == "\n".join([*opening, "> look", *reply]) + "\n"


def test_save_lets_the_player_name_it_and_shows_the_slots(tmp_path: Path,
                                                          screen: pygame.Surface,
                                                          world: World) -> None:
    data = tmp_path / "data"
    app = new_app(world, screen, data)
    app.submit("save old-one")
    key(pygame.K_ESCAPE)
    pump(app)
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)  # Save
    pump(app)
    assert isinstance(app.overlay, EscMenu)
    page = app.overlay.page
    assert isinstance(page, SavePage)
    assert labels(page.list)[1] == "Save over old-one"
    assert "turn 0" in page.list.items[1].note
    for _ in range(len(page.name)):
        key(pygame.K_BACKSPACE)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Before the Rain!"))
    pump(app)
    assert page.name == "before-the-rain"
    app.draw()
    key(pygame.K_RETURN)
    pump(app)
    assert app.overlay is None
    assert "> save before-the-rain" in [line.text for line in app.panel.lines]
    assert (default_save_dir(data, world.pack_id) / "before-the-rain.json").is_file()


def test_load_offers_the_save_before_a_damaged_one(tmp_path: Path, screen: pygame.Surface,
                                                   world: World) -> None:
    data = tmp_path / "data"
    game = autosave_in(data, world, [])
    assert game.saves is not None
    game.saves.save("autosave", world, game.state)
    game.saves.path("autosave").write_text("{ cut", encoding="utf-8")
    t = title(tmp_path, screen)
    t.go("load")
    items = {i.label: i for i in t.list.items}
    assert not items["Autosave"].enabled and items["Autosave"].note.startswith("damaged")
    assert items["Autosave (the save before)"].enabled
    t.choose("save:backup autosave")
    assert t.result is not None and t.result.save == "backup autosave"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_under_the_window_transcript_stops_it_with_a_message(
        tmp_path: Path, screen: pygame.Surface, world: World) -> None:
    game = Game(world, seed=1, saves=SaveStore(default_save_dir(tmp_path, world.pack_id)))
    game.script = open("/dev/full", "a", encoding="utf-8", errors="replace")  # noqa: SIM115
    app = App(game, PACK, screen)
    app.start()
    assert game.script is None
    assert any("could not be written (No space left on device)" in line.text
               for line in app.panel.lines)
    app.submit("look")  # and the game goes on
    assert app.panel.lines[-1].text
