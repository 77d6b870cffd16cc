"""Menus of the window: a list of items driven by keys and the mouse, the settings page, and the
Esc menu drawn over the game (resume, save, load, settings, help, quit)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pygame

from game.engine.saves import AUTOSAVE, SaveStore, SlotInfo, info_of
from game.ui.window.settings import FONT_MAX, FONT_MIN, Settings, save_settings
from game.ui.window.textpanel import face

if TYPE_CHECKING:
    from game.engine.session import Game
    from game.ui.window.app import App

AUTOSAVE_EVERY = 10  # turns


@dataclass(frozen=True)
class Palette:
    bg: tuple[int, int, int]
    ink: tuple[int, int, int]
    dim: tuple[int, int, int]
    accent: tuple[int, int, int]
    bar: tuple[int, int, int]
    bar_ink: tuple[int, int, int]
    shade: tuple[int, int, int, int]


CALM = Palette(bg=(24, 22, 28), ink=(235, 230, 220), dim=(120, 114, 122),
               accent=(196, 170, 214), bar=(250, 247, 240), bar_ink=(34, 32, 36),
               shade=(12, 10, 16, 200))
STARK = Palette(bg=(0, 0, 0), ink=(255, 255, 255), dim=(170, 170, 170),
                accent=(255, 230, 0), bar=(255, 230, 0), bar_ink=(0, 0, 0),
                shade=(0, 0, 0, 235))


def palette(settings: Settings) -> Palette:
    return STARK if settings.high_contrast else CALM


@dataclass
class Item:
    key: str
    label: str
    enabled: bool = True
    note: str = ""  # a second, smaller line (why a pack is broken, when a save was made)


@dataclass
class ItemList:
    """A column of items: Up/Down/Home/End and the mouse pick, Enter or a click choose,
    Esc goes back.  ``handle`` returns the chosen item's key, "back", or None."""

    items: list[Item]
    heading: str = ""
    selected: int = 0
    rects: list[pygame.Rect] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.selected = self._next(self.selected, 1, include_start=True)

    def _next(self, start: int, step: int, include_start: bool = False) -> int:
        n = len(self.items)
        for k in range(0 if include_start else 1, n + 1):
            i = (start + step * k) % n if n else 0
            if n and self.items[i].enabled:
                return i
        return start

    @property
    def current(self) -> Item | None:
        return self.items[self.selected] if self.items else None

    def at(self, pos: tuple[int, int]) -> int | None:
        for i, rect in enumerate(self.rects):
            if rect.collidepoint(pos):
                return i
        return None

    def handle(self, event: pygame.event.Event) -> str | None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return "back"
            if event.key in (pygame.K_UP, pygame.K_KP_8):
                self.selected = self._next(self.selected, -1)
            elif event.key in (pygame.K_DOWN, pygame.K_KP_2, pygame.K_TAB):
                self.selected = self._next(self.selected, 1)
            elif event.key == pygame.K_HOME:
                self.selected = self._next(len(self.items) - 1, 1)
            elif event.key == pygame.K_END:
                self.selected = self._next(0, -1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                item = self.current
                return item.key if item is not None and item.enabled else None
        elif event.type == pygame.MOUSEMOTION:
            i = self.at(event.pos)
            if i is not None and self.items[i].enabled:
                self.selected = i
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            i = self.at(event.pos)
            if i is not None and self.items[i].enabled:
                self.selected = i
                return self.items[i].key
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return "back"
        return None

    def height(self, size: int = 22) -> int:
        """How tall ``draw`` makes the list at this size."""
        font, small = face(size), face(max(11, size * 3 // 5), italic=True)
        h = face(round(size * 1.1), bold=True).get_linesize() + size if self.heading else 0
        for item in self.items:
            h += font.get_linesize() + 14 + (small.get_linesize() if item.note else 0)
        return h

    def draw(self, surf: pygame.Surface, area: pygame.Rect, pal: Palette, size: int = 22) -> None:
        """The items centred in ``area``, from its top."""
        font = face(size)
        small = face(max(11, size * 3 // 5), italic=True)
        y = area.y
        if self.heading:
            img = face(round(size * 1.1), bold=True).render(self.heading, True, pal.accent)
            surf.blit(img, img.get_rect(midtop=(area.centerx, y)))
            y += img.get_height() + size
        self.rects = []
        width = min(area.w, 760, max(360, max((max(font.size(i.label)[0], small.size(i.note)[0])
                                          for i in self.items), default=0) + 60))
        for i, item in enumerate(self.items):
            h = font.get_linesize() + 10 + (small.get_linesize() if item.note else 0)
            rect = pygame.Rect(0, y, width, h)
            rect.centerx = area.centerx
            chosen = i == self.selected and item.enabled
            if chosen:
                pygame.draw.rect(surf, pal.bar, rect, border_radius=6)
            ink = pal.bar_ink if chosen else pal.ink if item.enabled else pal.dim
            img = font.render(item.label, True, ink)
            surf.blit(img, img.get_rect(midtop=(rect.centerx, rect.y + 5)))
            if item.note:
                note = _fit(item.note, small, rect.w - 20)
                nimg = small.render(note, True, pal.bar_ink if chosen else pal.dim)
                surf.blit(nimg, nimg.get_rect(midtop=(rect.centerx, rect.y + 5 + img.get_height())))
            self.rects.append(rect)
            y += h + 4


def _fit(text: str, font: pygame.font.Font, width: int) -> str:
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


# -- saves -------------------------------------------------------------------------------------
def slot_label(name: str) -> str:
    return "Autosave" if name == AUTOSAVE else name


def slot_note(slot: SlotInfo) -> str:
    """Where and when: the details the engine's list of saves gives (saves.SlotInfo)."""
    if not slot.ok:
        return f"damaged, saved {slot.when()}"
    parts = [slot.level, slot.room, f"turn {slot.turn}", slot.when()]
    if slot.ended:
        parts.append("the story had ended")
    return " · ".join(p for p in parts if p)


def save_slots(directory: Path | None) -> list[SlotInfo]:
    return SaveStore(directory).slots() if directory is not None else []


def save_items(directory: Path | None) -> list[Item]:
    """The Load list: every slot, newest first, with its details; a damaged one can't be
    chosen, but the save before it can, when that one is good."""
    items: list[Item] = []
    store = SaveStore(directory) if directory is not None else None
    for slot in save_slots(directory):
        items.append(Item(f"save:{slot.name}", slot_label(slot.name), enabled=slot.ok,
                          note=slot_note(slot)))
        if not slot.ok and store is not None:
            backup = info_of(store.backup_path(slot.name), slot.name, backup=True)
            if backup.ok:
                items.append(Item(f"save:backup {slot.name}",
                                  f"{slot_label(slot.name)} (the save before)",
                                  note=slot_note(backup)))
    if not items:
        items = [Item("none", "No saved games yet", enabled=False)]
    return [*items, Item("back", "Back")]


def autosave(game: Game) -> Path | None:
    """Save the game to the autosave slot, quietly (the engine's Game.autosave)."""
    return game.autosave()


def new_save_name() -> str:
    return time.strftime("save-%Y%m%d-%H%M%S")


NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
NAME_MAX = 40


class SavePage:
    """Save: a name to type (a new slot) or an existing slot to save over, with its details.
    Typing edits the name whichever item is chosen; Enter saves; Esc goes back."""

    def __init__(self, menu: EscMenu) -> None:
        self.menu = menu
        saves = menu.app.game.saves
        self.slots = [s for s in save_slots(saves.directory if saves else None)]
        self.name = new_save_name()
        self.list = self._list()

    def _list(self, selected: int = 0) -> ItemList:
        items = [Item("new", f"Name: {self.name}_", enabled=bool(self.name),
                      note="type a name (letters, digits, - and _), then Enter")]
        items += [Item(f"over:{s.name}", f"Save over {slot_label(s.name)}",
                       note=slot_note(s)) for s in self.slots]
        items.append(Item("back", "Back"))
        return ItemList(items, heading=f"Save · {self.menu.app.game.world.title}",
                        selected=selected)

    def type(self, text: str) -> None:
        for ch in text.lower().replace(" ", "-"):
            if ch in NAME_CHARS and len(self.name) < NAME_MAX:
                self.name += ch
        self.list = self._list(0)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.TEXTINPUT:
            self.type(event.text)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
            self.name = self.name[:-1]
            self.list = self._list(0)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
            return  # a space is typed (as -), not a choice
        key = self.list.handle(event)
        if key == "back":
            self.menu.back()
        elif key == "new" and self.name:
            self.menu.close()
            self.menu.app.submit(f"save {self.name}")
        elif key is not None and key.startswith("over:"):
            self.menu.close()
            self.menu.app.submit(f"save {key[5:]}")

    def draw(self, surf: pygame.Surface) -> None:
        pal = palette(self.menu.settings)
        area = _card(surf, pal, 640, self.list.height(20) + 48)
        self.list.draw(surf, area, pal, size=20)


# -- settings ----------------------------------------------------------------------------------
def _on(flag: bool) -> str:
    return "on" if flag else "off"


def settings_items(s: Settings) -> list[Item]:
    return [
        Item("reduced_motion", f"Reduced motion: {_on(s.reduced_motion)}"),
        Item("high_contrast", f"High contrast: {_on(s.high_contrast)}"),
        Item("fullscreen", f"Fullscreen: {_on(s.fullscreen)}"),
        Item("arrow_keys_move", f"Arrow keys move Joel: {_on(s.arrow_keys_move)}",
             note="off: Up and Down recall earlier commands; the keypad always moves"),
        Item("font+", f"Larger text  (now {s.font_size})", enabled=s.font_size < FONT_MAX),
        Item("font-", "Smaller text", enabled=s.font_size > FONT_MIN),
        Item("back", "Back"),
    ]


def change_setting(s: Settings, key: str) -> bool:
    """Apply a settings item to ``s``; True if it changed something."""
    if key in ("reduced_motion", "high_contrast", "fullscreen", "arrow_keys_move"):
        setattr(s, key, not getattr(s, key))
        return True
    if key == "font+" and s.font_size < FONT_MAX:
        s.font_size += 1
        return True
    if key == "font-" and s.font_size > FONT_MIN:
        s.font_size -= 1
        return True
    return False


class Page(Protocol):
    def handle(self, event: pygame.event.Event) -> None: ...
    def draw(self, surf: pygame.Surface) -> None: ...


class SettingsPage:
    """Toggles applied at once (through ``apply``) and saved at once."""

    def __init__(self, settings: Settings, apply: Callable[[Settings], None],
                 done: Callable[[], None]) -> None:
        self.settings = settings
        self.apply = apply
        self.done = done
        self.list = ItemList(settings_items(settings), heading="Settings")

    def handle(self, event: pygame.event.Event) -> None:
        key = self.list.handle(event)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PLUS, pygame.K_EQUALS,
                                                          pygame.K_KP_PLUS):
            key = "font+"
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            key = "font-"
        if key is None:
            return
        if key == "back":
            self.done()
            return
        if change_setting(self.settings, key):
            save_settings(self.settings)
            self.apply(self.settings)
            selected = self.list.selected
            self.list = ItemList(settings_items(self.settings), heading="Settings",
                                 selected=selected, rects=self.list.rects)

    def draw(self, surf: pygame.Surface) -> None:
        pal = palette(self.settings)
        area = _card(surf, pal, 520, self.list.height() + 48)
        self.list.draw(surf, area, pal)


def _card(surf: pygame.Surface, pal: Palette, w: int, h: int) -> pygame.Rect:
    """A dimmed screen with a card in the middle; the card's inner area."""
    shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    shade.fill(pal.shade)
    surf.blit(shade, (0, 0))
    sw, sh = surf.get_size()
    card = pygame.Rect(0, 0, min(w, sw - 20), min(h, sh - 20))
    card.center = (sw // 2, sh // 2)
    pygame.draw.rect(surf, pal.bg, card, border_radius=10)
    pygame.draw.rect(surf, pal.dim, card, width=1, border_radius=10)
    return card.inflate(-40, -48)


# -- the Esc menu --------------------------------------------------------------------------------
MENU = [("resume", "Resume"), ("save", "Save"), ("load", "Load"), ("settings", "Settings"),
        ("help", "Help"), ("quit", "Quit")]


class EscMenu:
    """Drawn over the game; every choice that acts goes through the game as a typed command,
    so the transcript shows it."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.page: Page | None = None
        self.list = ItemList([Item(k, label) for k, label in MENU], heading="Paused")

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def close(self) -> None:
        self.app.overlay = None
        self.app.dirty = True

    def back(self) -> None:
        self.page = None

    def handle(self, event: pygame.event.Event) -> None:
        if self.page is not None:
            self.page.handle(event)
            return
        key = self.list.handle(event)
        if key in ("back", "resume"):
            self.close()
        elif key == "save":
            self.page = SavePage(self)
        elif key == "load":
            self.page = LoadPage(self)
        elif key == "settings":
            self.page = SettingsPage(self.settings, lambda s: apply_to_app(self.app, s), self.back)
        elif key == "help":
            self.close()
            self.app.submit("help")
        elif key == "quit":
            self.page = QuitPage(self)

    def draw(self, surf: pygame.Surface) -> None:
        if self.page is not None:
            self.page.draw(surf)
            return
        pal = palette(self.settings)
        area = _card(surf, pal, 420, self.list.height() + 48)
        self.list.draw(surf, area, pal)


class QuitPage:
    """Quit asks first: back to the title, out of the game, or (the default) keep playing.
    Either way out, the window's loop autosaves, so Continue brings the player back."""

    def __init__(self, menu: EscMenu) -> None:
        self.menu = menu
        self.list = ItemList([
            Item("title", "Return to the title", note="your place is kept: Continue resumes it"),
            Item("exit", "Quit the game", note="your place is kept for next time"),
            Item("back", "Keep playing"),
        ], heading="Leave the game?", selected=2)

    def handle(self, event: pygame.event.Event) -> None:
        key = self.list.handle(event)
        if key == "back":
            self.menu.back()
        elif key in ("title", "exit"):
            self.menu.close()
            self.menu.app.to_title = key == "title"
            self.menu.app.running = False  # the window's loop autosaves on its way out

    def draw(self, surf: pygame.Surface) -> None:
        pal = palette(self.menu.settings)
        area = _card(surf, pal, 520, self.list.height() + 48)
        self.list.draw(surf, area, pal)


class LoadPage:
    def __init__(self, menu: EscMenu) -> None:
        self.menu = menu
        saves = menu.app.game.saves
        self.list = ItemList(save_items(saves.directory if saves else None),
                             heading=f"Load · {menu.app.game.world.title}")

    def handle(self, event: pygame.event.Event) -> None:
        key = self.list.handle(event)
        if key == "back":
            self.menu.back()
        elif key is not None and key.startswith("save:"):
            self.menu.close()
            self.menu.app.submit(f"restore {key[5:]}")

    def draw(self, surf: pygame.Surface) -> None:
        pal = palette(self.menu.settings)
        area = _card(surf, pal, 640, self.list.height(20) + 48)
        self.list.draw(surf, area, pal, size=20)


def apply_to_app(app: App, settings: Settings, display: bool = True) -> None:
    """Make the window follow the settings now: text size, fullscreen (on a real display),
    reduced motion and high contrast (read by whoever draws: ``app.settings``)."""
    app.settings = settings
    app.refit_fonts()  # the text size, scaled to the window
    if hasattr(type(app), "reduced_motion"):  # the map's animations (animation.py)
        app.reduced_motion = settings.reduced_motion
    if hasattr(app, "set_contrast"):  # the game screen's palette
        app.set_contrast(settings.high_contrast)
    if display and pygame.display.get_surface() is app.surface:
        from game.ui.window.title import follow_display

        app.surface = follow_display(settings, app.surface)  # only fullscreen touches it
    app.dirty = True
