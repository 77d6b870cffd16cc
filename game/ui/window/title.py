"""The title screen: new game, continue (the newest save), load, choose a pack, settings, quit;
and the window's way in: the title first, then the game."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pygame

from game.ui.window.menu import (
    Item,
    ItemList,
    SettingsPage,
    palette,
    save_items,
)
from game.ui.window.settings import MIN_SIZE, Settings, load_settings, save_settings
from game.ui.window.textpanel import face

GAME_TITLE = "Spotless Mind"
ATMOSPHERE = "Every room you remember is already being taken from you."
FPS = 30


@dataclass(frozen=True)
class PackChoice:
    path: Path
    pack_id: str
    title: str
    status: str  # "ok" or "broken: reason"
    builtin: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def find_packs(data_dir: Path, builtin: Path | None = None) -> list[PackChoice]:
    """The built-in pack first, then the installed ones (broken ones too, with their reason)."""
    from game.packs.install import installed
    from game.packs.loader import open_pack

    if builtin is None:
        from game.resources import builtin_pack

        builtin = builtin_pack()
    out = []
    try:
        world, _ = open_pack(builtin)
        out.append(PackChoice(builtin, world.pack_id, world.title, "ok", builtin=True))
    except Exception as exc:  # a broken built-in pack is a bug, but the title still shows
        out.append(PackChoice(builtin, "spotless", "Spotless Mind", f"broken: {exc}", True))
    for pack_id, title, _version, _langs, status in installed(data_dir):
        out.append(PackChoice(data_dir / "packs" / pack_id, pack_id,
                              title if title and title != "?" else pack_id, status))
    return out


def packs_for(data_dir: Path, pack: Path | None) -> tuple[list[PackChoice], int]:
    """The packs of the title screen and which one is chosen: the pack given on the command
    line, added to the list when it is neither the built-in one nor installed (a folder or zip
    being worked on), so the title shows the pack the player asked for."""
    packs = find_packs(data_dir)
    if pack is None:
        return packs, 0
    for i, p in enumerate(packs):
        if p.path.resolve() == pack.resolve():
            return packs, i
    from game.packs.loader import open_pack

    try:
        world, _ = open_pack(pack)
        packs.append(PackChoice(pack, world.pack_id, world.title, "ok"))
    except Exception as exc:  # its problems were already printed when it was loaded
        packs.append(PackChoice(pack, pack.name, pack.name, f"broken: {exc}"))
    return packs, len(packs) - 1


@dataclass(frozen=True)
class TitleResult:
    action: str  # "new", "continue", "load", "quit"
    pack: PackChoice | None = None
    save: str | None = None  # the save to restore (continue: the newest)


class TitleScreen:
    def __init__(self, settings: Settings, data_dir: Path, packs: list[PackChoice],
                 chosen: int = 0, apply: Callable[[Settings], None] | None = None) -> None:
        self.settings = settings
        self.data_dir = data_dir
        self.packs = packs
        self.chosen = chosen if 0 <= chosen < len(packs) and packs[chosen].ok else next(
            (i for i, p in enumerate(packs) if p.ok), 0)
        self.apply = apply or (lambda s: None)
        self.result: TitleResult | None = None
        self.page = "main"
        self.list = self._main()
        self.dirty = True

    # -- what there is -------------------------------------------------------------------------
    @property
    def pack(self) -> PackChoice | None:
        return self.packs[self.chosen] if self.packs else None

    def save_dir(self) -> Path | None:
        from game.engine.session import default_save_dir

        pack = self.pack
        return default_save_dir(self.data_dir, pack.pack_id) if pack and pack.ok else None

    def newest_save(self) -> str | None:
        """The save Continue resumes: the newest that can be read, autosave or not."""
        from game.engine.saves import SaveStore

        d = self.save_dir()
        newest = SaveStore(d).newest() if d is not None else None
        return newest.name if newest is not None else None

    def has_autosave(self) -> bool:
        return self.newest_save() is not None

    def _main(self, selected: int = 0) -> ItemList:
        ok = self.pack is not None and self.pack.ok
        d = self.save_dir()
        has_saves = d is not None and any(k.startswith("save:") for k in
                                          (i.key for i in save_items(d)))
        return ItemList([
            Item("continue", "Continue", enabled=ok and self.has_autosave()),
            Item("new", "New game", enabled=ok),
            Item("load", "Load", enabled=ok and has_saves),
            Item("packs", "Choose pack"),
            Item("settings", "Settings"),
            Item("quit", "Quit"),
        ], selected=selected)

    def _packs(self) -> ItemList:
        items = [Item(f"pack:{i}", ("• " if i == self.chosen else "") + p.title
                      + ("  (built in)" if p.builtin else f"  ({p.pack_id})"),
                      enabled=p.ok, note="" if p.ok else p.status)
                 for i, p in enumerate(self.packs)]
        return ItemList([*items, Item("back", "Back")], heading="Choose pack",
                        selected=self.chosen)

    def go(self, page: str) -> None:
        self.page = page
        if page == "main":
            self.list = self._main()
        elif page == "packs":
            self.list = self._packs()
        elif page == "load":
            title = self.pack.title if self.pack is not None else ""
            self.list = ItemList(save_items(self.save_dir()), heading=f"Load · {title}")
        self.dirty = True

    # -- input ---------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.result = TitleResult("quit")
            return
        if event.type in (pygame.WINDOWRESIZED, pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE):
            self.dirty = True
            return
        if self.page == "settings":
            self.settings_page.handle(event)
            self.dirty = True
            return
        before = self.list.selected
        key = self.list.handle(event)
        if self.list.selected != before:
            self.dirty = True
        if key is not None:
            self.choose(key)

    def choose(self, key: str) -> None:
        self.dirty = True
        if self.page == "main":
            if key == "back":
                return  # Esc on the title does nothing; Quit is an item
            if key in ("new", "continue"):
                self.result = TitleResult(key, self.pack,
                                          self.newest_save() if key == "continue" else None)
            elif key == "quit":
                self.result = TitleResult("quit")
            elif key in ("load", "packs"):
                self.go(key)
            elif key == "settings":
                self.page = "settings"
                self.settings_page = SettingsPage(self.settings, self._applied,
                                                  lambda: self.go("main"))
        elif self.page == "packs":
            if key.startswith("pack:"):
                self.chosen = int(key[5:])
            self.go("main")
        elif self.page == "load":
            if key.startswith("save:"):
                self.result = TitleResult("load", self.pack, key[5:])
            else:
                self.go("main")

    def _applied(self, settings: Settings) -> None:
        self.apply(settings)
        self.dirty = True

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        pal = palette(self.settings)
        surf.fill(pal.bg)
        w, h = surf.get_size()
        big = face(max(28, min(64, h // 11)), bold=True)
        title = big.render(GAME_TITLE, True, pal.ink)
        top = max(16, h // 9)
        surf.blit(title, title.get_rect(midtop=(w // 2, top)))
        y = top + title.get_height() + 6
        mood = face(max(14, min(22, h // 34)), italic=True).render(ATMOSPHERE, True, pal.accent)
        surf.blit(mood, mood.get_rect(midtop=(w // 2, y)))
        y += mood.get_height() + 10
        pack = self.pack
        if pack is not None:
            label = pack.title if pack.title != GAME_TITLE or not pack.builtin else \
                "the built-in campaign"
            ptxt = face(max(13, min(18, h // 40))).render(f"— {label} —", True, pal.dim)
            surf.blit(ptxt, ptxt.get_rect(midtop=(w // 2, y)))
            y += ptxt.get_height()
        pygame.draw.line(surf, pal.dim, (w // 2 - 120, y + 14), (w // 2 + 120, y + 14))
        area = pygame.Rect(0, y + 34, w, h - y - 50)
        if self.page == "settings":
            self.settings_page.draw(surf)
        else:
            self.list.draw(surf, area.inflate(-40, 0), pal,
                           size=max(16, min(24, h // 30)) if self.page == "main" else 18)
        hint = face(13).render("↑ ↓ to choose · Enter to confirm · Esc to go back", True,
                               pal.dim)
        surf.blit(hint, hint.get_rect(midbottom=(w // 2, h - 10)))
        self.dirty = False

    def run(self, surface_of: Callable[[], pygame.Surface]) -> TitleResult:
        clock = pygame.time.Clock()
        while self.result is None:
            for event in pygame.event.get():
                self.handle(event)
                if self.result is not None:
                    break
            if self.dirty and self.result is None:
                self.draw(surface_of())
                pygame.display.flip()
            clock.tick(FPS)
        return self.result


# -- the window's way in -----------------------------------------------------------------------
def set_display(settings: Settings) -> pygame.Surface:
    """Open the window (or change it) as the settings say: fullscreen on the desktop's size, or
    windowed at the saved size, never smaller than MIN_SIZE."""
    if settings.fullscreen:
        with contextlib.suppress(pygame.error):
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    w, h = settings.window_size
    surface = pygame.display.set_mode((max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)),
                                      pygame.RESIZABLE)
    set_minimum_size()
    return surface


def _window() -> pygame.Window | None:
    """The display module's window, when there is one (not under the dummy driver)."""
    import warnings

    if not pygame.display.get_init() or pygame.display.get_surface() is None \
            or pygame.display.get_driver() in ("dummy", "offscreen"):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pygame-ce's own display module
        try:
            return pygame.Window.from_display_module()
        except Exception:  # no such call on this platform or driver
            return None


def set_minimum_size() -> None:
    """The player can't shrink the window below MIN_SIZE (where the layout stops working)."""
    window = _window()
    if window is not None:
        with contextlib.suppress(Exception):
            window.minimum_size = MIN_SIZE


def is_fullscreen(surface: pygame.Surface | None) -> bool:
    if _window() is not None:
        with contextlib.suppress(pygame.error):
            return bool(pygame.display.is_fullscreen())
    return surface is not None and bool(surface.get_flags() & pygame.FULLSCREEN)


def follow_display(settings: Settings, surface: pygame.Surface | None = None) -> pygame.Surface:
    """Make the window follow ``settings.fullscreen`` without touching it otherwise: a change of
    any other setting keeps the window as it is (its size too).  Fullscreen goes on and off on
    the same window (SDL keeps its windowed size); going fullscreen also keeps that size in the
    settings for the next start."""
    current = surface if surface is not None else pygame.display.get_surface()
    if current is not None and is_fullscreen(current) == settings.fullscreen:
        return current
    if current is not None and settings.fullscreen:
        w, h = current.get_size()
        with contextlib.suppress(ValueError):
            settings.window_width, settings.window_height = w, h
    window = _window()
    if window is not None:
        try:
            if settings.fullscreen:
                window.set_fullscreen(True)
            else:
                window.set_windowed()
            pygame.event.pump()
            now = pygame.display.get_surface()
            if now is not None:
                return now
        except pygame.error:
            pass
    return set_display(settings)


def _redisplay(settings: Settings) -> None:
    follow_display(settings)


def _display_surface() -> pygame.Surface:
    surface = pygame.display.get_surface()
    assert surface is not None
    return surface


def run_windowed(make_game: Callable[[Path], object | None], pack: Path, data_dir: Path,
                 transcript: TextIO | None = None) -> int:
    """The title screen, then the chosen game in the window.  ``make_game`` builds a Game for
    a pack folder (None when it can't be played: it has said why).  ``transcript`` (--transcript)
    records the game as SCRIPT ON does (``Game.script``), closed at exit."""
    from game.ui.window.app import NoDisplay

    settings = load_settings()
    _hangup_quits()
    try:
        pygame.display.init()
        pygame.font.init()
        set_display(settings)
    except pygame.error as exc:
        raise NoDisplay(str(exc)) from exc
    pygame.display.set_caption(GAME_TITLE)
    try:
        while True:  # the title, a game, and the title again when the player returns to it
            code, again = _title_then_game(make_game, pack, data_dir, settings, transcript)
            if not again:
                return code
    finally:
        if transcript is not None:
            transcript.close()
        pygame.quit()


def _hangup_quits() -> None:
    """SIGHUP (the terminal that started the window closed) ends the window as its close box
    does, so the game is autosaved and the transcript closed; SDL itself turns SIGTERM and
    SIGINT into the same QUIT event."""
    import signal

    def quit_(signum: int, frame: object) -> None:
        with contextlib.suppress(pygame.error):
            pygame.event.post(pygame.event.Event(pygame.QUIT))

    if hasattr(signal, "SIGHUP"):
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGHUP, quit_)


def _title_then_game(make_game: Callable[[Path], object | None], pack: Path, data_dir: Path,
                     settings: Settings, transcript: TextIO | None) -> tuple[int, bool]:
    """One visit to the title and the game chosen there: (exit code, back to the title)."""
    from game.engine.session import Game
    from game.ui.window.app import App
    from game.ui.window.menu import apply_to_app

    pygame.display.set_caption(GAME_TITLE)
    packs, chosen = packs_for(data_dir, pack)
    screen = TitleScreen(settings, data_dir, packs, chosen, apply=_redisplay)
    result = screen.run(_display_surface)
    if result.action == "quit" or result.pack is None:
        return 0, False
    game = make_game(result.pack.path)
    if not isinstance(game, Game):
        return 2, False
    pygame.display.set_caption(game.world.title)
    if transcript is not None:
        game.script = transcript  # every command and its reply (Game._record)
    app = App(game, result.pack.path, _display_surface(), settings.font_size)
    apply_to_app(app, settings, display=False)
    app.start()
    if result.save:
        app.submit(f"restore {result.save}")
    code = app.run()
    if not settings.fullscreen:
        with contextlib.suppress(ValueError):
            settings.window_width, settings.window_height = app.surface.get_size()
    save_settings(settings)
    return code, app.to_title


def screenshot_title(size: tuple[int, int], out_png: Path | str, data_dir: Path,
                     pack: Path | None = None) -> TitleScreen:
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(size)
    packs, chosen = packs_for(data_dir, pack)
    screen = TitleScreen(load_settings(), data_dir, packs, chosen)
    screen.draw(surface)
    pygame.image.save(surface, str(out_png))
    return screen
