"""The window's game loop: events in, the Game's lines and events out, a redraw only when
something changed; and a headless screenshot of the same window."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pygame

from game.engine.output import GameEnded, LevelEntered, Line, StageChanged, Style, VoiceHeard
from game.engine.session import Game
from game.packs.tiles import read_tilemap
from game.ui.window import animation
from game.ui.window.animation import Animator
from game.ui.window.ceremony import Ceremony, for_level
from game.ui.window.inputline import InputLine
from game.ui.window.keys import Controls, completer
from game.ui.window.mapview import MapView, overlay
from game.ui.window.menu import AUTOSAVE_EVERY, EscMenu, Page, autosave
from game.ui.window.settings import FONT_MAX, FONT_MIN, Settings
from game.ui.window.textpanel import Fonts, TextPanel, face

FPS = 30
STATUS_H = 30
INPUT_H = 34
TEXT_PAD = 24  # either side of the text's column, at the widest
MAP_SHARE = 0.58  # of the width, for the map
BASE_H = 720  # the window height the settings' text size is for; taller windows scale it
TEXT_SCALE = (0.875, 2.0)  # how far the text size follows the window's height
WINDOW_HELP = (
    "In this window: Up and Down recall your earlier commands (Settings can make the arrow "
    "keys move Joel instead); the keypad always moves him (8 north, 2 south, 4 west, 6 east, "
    "7 9 1 3 the diagonals, + up, - down). Tab completes a word, Tab again tries the next. "
    "Ctrl+A, E, U, W and K edit the line; Ctrl+V pastes.",
    "Reading: Page Up and Page Down or the mouse wheel scroll the text; Home and End on an "
    "empty line (or with Ctrl) go to its top and bottom. When a long passage says \"more "
    "below\", Enter on an empty line or Page Down shows the rest.",
    "The map: click a room next to Joel's to go there, his own room to look around, a thing "
    "to examine it; point at a room or a thing to see its name. Drag the border between map "
    "and text (or Ctrl+Left and Ctrl+Right, F9 and F10) to share the width.",
    "Ctrl+= and Ctrl+- change the text size, F11 fullscreen, Esc the menu (save, load, "
    "settings, help, quit).",
)
HELP_WORDS = frozenset({"help", "instructions", "commands", "?"})
FRAME_BG = (24, 22, 28)
STATUS_INK = (235, 230, 220)
STARK_BG = (0, 0, 0)  # high contrast (settings.high_contrast)
STARK_STATUS_INK = (255, 230, 0)


class NoDisplay(Exception):
    """No window can be opened here."""


class App:
    def __init__(self, game: Game, pack_root: Path | None, surface: pygame.Surface,
                 font_size: int = 16, reduced_motion: bool = False,
                 high_contrast: bool = False) -> None:
        self.game = game
        self._dirty = True
        self.map_dirty = False  # only the map's animations moved: redraw the map area alone
        self.ceremony_dirty = False  # only a ceremony moved: its fade over the game as drawn
        self._under: tuple[str, pygame.Surface] | None = None  # (phase, the game under a fade)
        self.animator = Animator(reduced_motion)  # the map's animations, stepped by tick()
        self.shown_level: str | None = None  # the level whose map was drawn last
        self._pictures: bool | None = None  # whether the pack names a picture for anyone
        self.root = pack_root
        self.surface = surface
        self.fonts = Fonts(font_size)
        self.status_size = 15
        self.status_font = face(self.status_size, bold=True)
        self.status_h, self.input_h = STATUS_H, INPUT_H  # grown with the text (refit_fonts)
        self.panel = TextPanel(self.fonts)
        self.input = InputLine(completer(game))
        self.map_share = MAP_SHARE  # dragged or keyed by the player
        self.split_moved = False  # until then the map also takes what the text doesn't need
        self.controls = Controls(self)  # keys and mouse beyond typing (keys.py)
        self.maps: dict[str, MapView | None] = {}
        self.dirty = True
        self.running = True
        self.settings = Settings(font_size=max(FONT_MIN, min(FONT_MAX, font_size)))
        self.set_contrast(high_contrast)
        self.overlay: Page | None = None  # the Esc menu, drawn over the game
        self.autosaved_turn = 0
        self.to_title = False  # the menu's "Return to the title": run_windowed shows it again
        self.ceremony: Ceremony | None = None  # a transition over the whole window
        # what the mouse points at on the map: (name, room to highlight, mouse position)
        self.hover: tuple[str, str | None, tuple[int, int]] | None = None
        self.level_now = game.state.level  # the level as of the last events taken
        self.refit_fonts()

    @property
    def dirty(self) -> bool:
        """Whether the next pass must draw: the whole window, only the map (map_dirty), or only
        a ceremony's fade over the game as last drawn (ceremony_dirty)."""
        return self._dirty or self.map_dirty or self.ceremony_dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self._dirty = value
        if not value:
            self.map_dirty = self.ceremony_dirty = False

    # -- the game ------------------------------------------------------------------------------
    def show(self, lines: Iterable[Line]) -> None:
        self.panel.add(lines)
        self.dirty = True

    def start(self) -> None:
        lines = self.game.start()
        script = self.game.script  # --transcript: the opening, as the terminal writes it
        if script is not None and not script.closed:
            try:
                for line in lines:
                    script.write(line.text + "\n")
                script.flush()
            except (OSError, ValueError) as exc:  # a full disk: the transcript stops, said so
                self.game.close()
                lines.append(Line(self.game.msg(
                    "script.write_failed", path=str(getattr(script, "name", "")),
                    reason=getattr(exc, "strerror", None) or str(exc)), Style.META))
        self.show(lines)
        self._events()

    def submit(self, line: str) -> None:
        self.show([Line("> " + line, Style.COMMAND)])
        self.show(self.game.submit(line))
        words = line.strip().lower().split()
        if words in ([w] for w in HELP_WORDS) and self.game.pending is None:
            self.show(Line(text, Style.META) for text in WINDOW_HELP)  # the window's own keys
        self._events()
        if self.game.state.turn - self.autosaved_turn >= AUTOSAVE_EVERY:
            self.autosaved_turn = self.game.state.turn
            autosave(self.game)
        if self.game.finished:
            self.running = False

    def _events(self) -> None:
        stepped: set[str] = set()
        for event in self.game.take_events():
            if isinstance(event, LevelEntered):
                self._arrived(event)
                self.dirty = True  # the next draw loads that level's map
                old = self.shown_level
                if event.swept and old is not None and old != event.level:
                    self.animator.start("swept", animation.SWEPT_MS, old=old)
                elif self.game.world.levels[event.level].hidden:
                    self.animator.start("hidden", animation.HIDDEN_MS)
            elif isinstance(event, GameEnded):
                self.ceremony = Ceremony("ending", event.title, reduced=self.reduced_motion,
                                         ended=event)
                self.dirty = True
                if self.ceremony.done:  # reduced motion: the ending screen at once
                    self._ceremony_over()
            elif isinstance(event, StageChanged):
                view = self.maps.get(event.level)
                if view is not None:
                    view.stage_changed(event.room, event.stage, self.animator)
                    stepped.add(event.level)
                self.dirty = True
            elif isinstance(event, VoiceHeard):
                self.animator.start("flicker", animation.FLICKER_MS)
                self.dirty = True
        for level_id in stepped:
            plan = self.game.world.levels[level_id].erasure_plan
            view = self.maps.get(level_id)
            if plan is not None and view is not None and level_id == self.game.state.level:
                view.step_taken(plan.anchors, self.animator)
        self.level_now = self.game.state.level  # also after RESTORE and UNDO, which say nothing

    def _arrived(self, event: LevelEntered) -> None:
        """A title card for a level Joel wasn't in: falling asleep into the first memory,
        swept into an earlier one, hiding, or coming back."""
        levels = self.game.world.levels
        old, self.level_now = self.level_now, event.level
        if old == event.level:
            return
        new = levels[event.level]
        before = levels.get(old)
        if new.hidden:
            kind = "hidden"
        elif event.swept:
            kind = "swept"
        elif before is not None and before.erasure is None and not before.hidden:
            kind = "asleep"  # out of the waking world (the prologue) into a memory
        else:
            kind = "memory"
        self.ceremony = for_level(kind, new.title, self.reduced_motion, old=old)

    def _ceremony_over(self) -> None:
        ceremony, self.ceremony = self.ceremony, None
        if ceremony is not None and ceremony.ended is not None:
            from game.ui.window.ending import EndingScreen

            self.overlay = EndingScreen(self, ceremony.ended)
        self.dirty = True

    def set_contrast(self, high: bool) -> None:
        """The game screen's palette: the text panel, the input line and the status line."""
        self.settings.high_contrast = high
        self.panel.set_contrast(high)
        self.input.high_contrast = high
        self.dirty = True

    @property
    def reduced_motion(self) -> bool:
        return self.animator.reduced_motion

    @reduced_motion.setter
    def reduced_motion(self, value: bool) -> None:
        self.animator.reduced_motion = value
        self.dirty = True

    def tick(self, dt_ms: float) -> None:
        """Advance the animations by ``dt_ms`` of the app's clock; redraw if they moved."""
        if self.animator.step(dt_ms):
            self.map_dirty = True  # the map's animations draw inside the map area only
        if self.ceremony is not None:
            if self.ceremony.step(dt_ms):
                self.ceremony_dirty = True
            if self.ceremony.done:
                self._ceremony_over()

    def companion_here(self) -> str | None:
        """The person with Joel: his follower, or a companion person in his room."""
        st = self.game.state
        if st.follower:
            return st.follower
        for tid, t in self.game.world.things.items():
            if t.is_person and t.companion and st.things[tid].location == st.room:
                return tid
        return None

    def things_here(self, companion: str | None) -> list[str]:
        """The portable things Joel can see in his room, not carrying them."""
        model = self.game.model
        out: list[str] = []
        for tid in model.scope():
            t = self.game.world.things[tid]
            if t.portable and not t.hidden and not t.is_person and tid != companion \
                    and not model.carried(tid):
                out.append(tid)
        return out

    def places_of(self, things: list[str]) -> dict[str, tuple[float, float]]:
        """Where the map shows each thing: where the author drew it, on the shelf or in the
        room, until Joel has moved it (then the window finds it a place near him)."""
        st = self.game.state
        out: dict[str, tuple[float, float]] = {}
        for tid in things:
            at = self.game.world.things[tid].at
            if at is not None and not st.things[tid].moved:
                out[tid] = at
        return out

    def people_here(self, companion: str | None) -> list[str]:
        """The other people Joel can see in his room who have a picture for the map."""
        out: list[str] = []
        for tid in self.game.model.scope():
            t = self.game.world.things[tid]
            if t.is_person and t.sprite and not t.hidden and tid != companion:
                out.append(tid)
        return out

    def looks(self, who: list[str]) -> dict[str, str]:
        """Each person's picture, by thing id (Joel's under ""): the ones the pack names, and
        Joel's own when the pack names a picture for anyone (a pack that gives none keeps the
        plain tokens)."""
        things = self.game.world.things
        if self._pictures is None:
            self._pictures = any(t.sprite for t in things.values())
        out = {tid: things[tid].sprite or "" for tid in who if tid in things}
        out = {tid: name for tid, name in out.items() if name}
        if out or self._pictures:
            out[""] = "joel"
        return out

    def _draw_map(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        """The map, its tokens and the animations over it (the swept and hidden transitions)."""
        st = self.game.state
        if self.ceremony is not None and self.ceremony.leaving:  # the old memory going white
            left = self.ceremony.old or ""
            if left not in self.maps and left in self.game.world.levels:
                self.maps[left] = self._load_map(left)
            old_view = self.maps.get(left)
            if old_view is not None:
                old_view.draw(surf, area, st.stages, None, animator=self.animator)
                return
        swept = self.animator.get("swept")
        if swept is not None and swept.progress < 0.5:  # the old memory fading to white
            old = self.maps.get(swept.data["old"])
            if old is not None:
                old.draw(surf, area, st.stages, None, animator=self.animator)
            overlay(surf, area, "white", animation.smooth(swept.progress * 2))
            return
        view = self.map_view()
        drawn = area
        if view is not None:
            companion = self.companion_here()
            people = self.people_here(companion)
            things = self.things_here(companion)
            drawn = view.draw(surf, area, st.stages, st.room, companion, things, self.animator,
                              people, self.looks([companion, *people] if companion else people),
                              self.places_of(things))
            self.shown_level = st.level
        if swept is not None:  # the new one coming out of the white
            overlay(surf, area, "white", 1 - animation.smooth(swept.progress * 2 - 1))
        hidden = self.animator.get("hidden")
        if hidden is not None:
            overlay(surf, area, "vignette", 1 - hidden.eased)
        flicker = self.animator.get("flicker")
        if flicker is not None:
            overlay(surf, drawn, "white", 0.45 * abs(math.sin(2 * math.pi * flicker.progress))
                    * (1 - 0.5 * flicker.progress))

    def map_view(self) -> MapView | None:
        level_id = self.game.state.level
        if level_id not in self.maps:
            self.maps[level_id] = self._load_map(level_id)
        return self.maps[level_id]

    def _load_map(self, level_id: str) -> MapView | None:
        level = self.game.world.levels[level_id]
        if self.root is None or not level.map_file:
            return None
        try:
            tmap = read_tilemap(self.root, level.map_file)
            rooms = {rid: room.shape for rid, room in self.game.world.rooms.items()
                     if room.level == level_id}
            return MapView.load(self.root, tmap, rooms)
        except Exception as exc:  # a map the window can't draw: the game still plays
            print(f"spotless: can't draw the map of {level_id}: {exc}", file=sys.stderr)
            return None

    # -- layout and drawing --------------------------------------------------------------------
    def refit_fonts(self) -> None:
        """The text size follows the window: the settings' size is for a window BASE_H tall,
        scaled (within TEXT_SCALE) to this one's height; fonts are made again only when the
        size they come out at changes."""
        base = self.settings.font_size
        lo, hi = TEXT_SCALE
        scale = max(lo, min(hi, self.surface.get_height() / BASE_H))
        size = max(FONT_MIN, round(base * scale))
        if size != self.fonts.size:
            self.fonts = Fonts(size)
            self.panel.set_fonts(self.fonts)
            self.dirty = True
        status = max(15, round(15 * scale))
        if status != self.status_size:
            self.status_size, self.status_font = status, face(status, bold=True)
        self.status_h = max(STATUS_H, self.status_font.get_linesize() + 10)
        self.input_h = max(INPUT_H, self.fonts[Style.TEXT].get_linesize() + 12)

    def areas(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect, pygame.Rect]:
        """status, map, text and input rectangles.  Until the player moves the split, the
        text panel is no wider than its column of text needs: the map takes the rest."""
        w, h = self.surface.get_size()
        top, bottom = self.status_h, self.input_h
        status = pygame.Rect(0, 0, w, top)
        needed = self.panel.column() + 2 * TEXT_PAD
        map_w = round(w * self.map_share)
        if not self.split_moved:
            map_w = max(map_w, w - needed)
        map_r = pygame.Rect(0, top, map_w, h - top)
        text = pygame.Rect(map_w, top, w - map_w, h - top - bottom)
        inp = pygame.Rect(map_w, h - bottom, w - map_w, bottom)
        return status, map_r, text, inp

    def status_text(self) -> str:
        """Where Joel is (the memory and the room), the turn, how much of the memory is gone
        (only in a memory Lacuna is erasing), who is with him and the score."""
        s = self.game.status()
        parts = [f"{s.level}  —  {s.room}", f"turn {s.turn}"]
        if s.erasing:
            parts.append(f"{s.gone_percent}% gone")
        parts += [f"with {s.companion}" if s.companion else "alone",
                  f"score {s.score}/{s.max_score}"]
        if s.keepsakes:
            parts.append(f"keepsakes {s.keepsakes}")
        return "   ·   ".join(parts)

    def _draw_meter(self, surf: pygame.Surface, status: pygame.Rect, stark: bool) -> None:
        """The erasure meter at the right of the status line: how much of the memory is gone
        (white eating a strip of colour), only in a memory being erased."""
        s = self.game.status()
        if not s.erasing:
            return
        w = min(160, status.w // 6)
        bar = pygame.Rect(0, 0, w, max(6, status.h // 4))
        bar.midright = (status.right - 14, status.centery)
        pygame.draw.rect(surf, (255, 230, 0) if stark else (120, 140, 170), bar, border_radius=3)
        gone = bar.copy()
        gone.w = round(w * max(0, min(100, s.gone_percent)) / 100)
        if gone.w:
            pygame.draw.rect(surf, (255, 255, 255) if stark else (242, 242, 241), gone,
                             border_radius=3)
        pygame.draw.rect(surf, STATUS_INK, bar, width=1, border_radius=3)

    def _draw_hover(self, surf: pygame.Surface, map_r: pygame.Rect) -> None:
        """The room under the mouse outlined, and a tooltip with its or the thing's name."""
        if self.hover is None or self.overlay is not None:
            return
        name, rid, pos = self.hover
        view = self.maps.get(self.game.state.level)
        clip = surf.get_clip()
        surf.set_clip(map_r)
        if view is not None and rid in view.rooms:
            points = [view.to_screen(p) for p in view.rooms[rid]]
            pygame.draw.lines(surf, (250, 247, 240), True, points, 2)
        font = self.status_font
        label = font.render(name, True, (34, 32, 36))
        box = label.get_rect().inflate(14, 8)
        box.bottomleft = (pos[0] + 12, pos[1] - 6)
        box.clamp_ip(map_r)
        pygame.draw.rect(surf, (250, 247, 240), box, border_radius=5)
        pygame.draw.rect(surf, (110, 100, 95), box, width=1, border_radius=5)
        surf.blit(label, label.get_rect(center=box.center))
        surf.set_clip(clip)

    def draw(self) -> None:
        """Draw what changed: the whole window, or, when only the map's animations moved
        (and nothing is over the map), the map area alone; ``controls.updated`` says which."""
        surf = self.surface
        stark = self.settings.high_contrast
        ceremony = self.ceremony
        phase = ceremony.phase()[0] if ceremony is not None else ""
        if (ceremony is not None and not self._dirty and not self.map_dirty
                and self.overlay is None and self._under is not None
                and self._under[0] == phase and self._under[1].get_size() == surf.get_size()):
            surf.blit(self._under[1], (0, 0))  # the game as drawn when this fade began
            ceremony.draw(surf)
            self.controls.updated = None
            self.dirty = False
            return
        if (not self._dirty and self.map_dirty and self.ceremony is None
                and self.overlay is None):
            map_r = self.areas()[1]
            view = self.maps.get(self.game.state.level)
            if view is None or view.clip != map_r.inflate(-16, -16):
                surf.fill(STARK_BG if stark else FRAME_BG, map_r)  # a letterboxed map
            self._draw_map(surf, map_r.inflate(-16, -16))
            self._draw_hover(surf, map_r.inflate(-16, -16))
            self.controls.updated = [map_r]
            self.dirty = False
            return
        self.refit_fonts()
        _status, map_r, text, inp = self.areas()
        surf.fill(STARK_BG if stark else FRAME_BG)
        image = self.status_font.render(self.status_text(), True,
                                        STARK_STATUS_INK if stark else STATUS_INK)
        room_for = surf.get_width() - 20 - (min(160, surf.get_width() // 6) + 30
                                            if self.game.status().erasing else 0)
        surf.blit(image, (10, (self.status_h - image.get_height()) // 2),
                  pygame.Rect(0, 0, room_for, image.get_height()))  # never under the meter
        self._draw_map(surf, map_r.inflate(-16, -16))
        self._draw_meter(surf, _status, stark)
        self._draw_hover(surf, map_r.inflate(-16, -16))
        self.panel.draw(surf, text)
        self.input.draw(surf, inp, self.fonts[Style.TEXT], self.controls.cursor_on)
        self.controls.updated = None  # the whole screen
        if ceremony is not None:
            self._under = (phase, surf.copy()) if phase in ("out", "in") else None
            ceremony.draw(surf)
        else:
            self._under = None
        if self.overlay is not None:
            self.overlay.draw(surf)
        self.dirty = False

    # -- input ---------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.WINDOWRESIZED, pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE):
            self.dirty = True
            return
        if self.ceremony is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN,
                                                        pygame.TEXTINPUT):
            if event.type != pygame.TEXTINPUT:
                self.ceremony.skip()  # any key or click goes on
                self.dirty = True
            return
        if self.overlay is not None:  # the Esc menu takes every key and click while open
            self.overlay.handle(event)
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.overlay = EscMenu(self)
            self.dirty = True
            return
        if (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1
                and self.panel.more_rect is not None
                and self.panel.more_rect.collidepoint(event.pos)):
            self.panel.page(-1)  # a click on "more below" reads on
            self.dirty = True
            return
        if self.controls.handle(event):
            self.dirty = True
            return
        if self.panel.handle(event):
            self.dirty = True
            return
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
                and not self.input.text.strip() and self.panel.more_below):
            self.panel.page(-1)  # Enter on an empty line reads on, as [more] does
            self.dirty = True
            return
        changed, line = self.input.handle(event)
        if line is not None:
            self.submit(line)
        if changed:
            self.dirty = True

    def run(self) -> int:
        clock = pygame.time.Clock()
        pygame.key.start_text_input()
        while self.running:
            events = pygame.event.get()
            for i, event in enumerate(events):
                self.handle(event)
                if not self.running:  # what follows is for the title screen, if it comes
                    for rest in events[i + 1:]:
                        pygame.event.post(rest)
                    break
            if not self.running:
                break
            if self.dirty:
                self.draw()
                if self.controls.updated is None:
                    pygame.display.flip()
                else:
                    pygame.display.update(self.controls.updated)  # the map area alone
            elif self.overlay is None and self.ceremony is None and (
                    rects := self.controls.blink(pygame.time.get_ticks())):
                pygame.display.update(rects)  # the cursor's blink: its own rectangle only
            self.tick(clock.tick(FPS))
        autosave(self.game)  # every way out: the window's close box, the menu's Quit, QUIT
        return 0


def display_available() -> bool:
    """Whether a real window can be opened (not the dummy driver)."""
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return False
    try:
        pygame.display.init()
    except pygame.error:
        return False
    ok = pygame.display.get_driver() not in ("dummy", "offscreen")
    pygame.display.quit()
    return ok


def run_window(game: Game, pack_root: Path | None, size: tuple[int, int] = (1280, 720)) -> int:
    try:
        pygame.display.init()
        pygame.font.init()
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as exc:
        raise NoDisplay(str(exc)) from exc
    pygame.display.set_caption(game.world.title)
    try:
        app = App(game, pack_root, surface)
        app.start()
        return app.run()
    finally:
        pygame.quit()


def screenshot(game_factory: Callable[[], Game], commands: Iterable[str],
               size: tuple[int, int], out_png: Path | str, pack_root: Path | None = None,
               before_draw: Callable[[App], None] | None = None,
               after_ms: float | None = None) -> App:
    """Play the commands headlessly and save the window as it would look, ``after_ms`` of the
    app's clock after the last one (mid-transition, say); by default once every transition and
    animation has run its course (at most a minute of the app's clock), as a player who waited
    would see it."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(size)
    app = App(game_factory(), pack_root, surface)
    app.start()
    for command in commands:
        app.submit(command)
    step = 1000 / FPS
    if after_ms is None:
        for _ in range(int(60_000 / step)):
            if app.ceremony is None and not app.animator.busy:
                break
            app.tick(step)
    while after_ms is not None and after_ms > 0:
        app.tick(min(step, after_ms))
        after_ms -= step
    if before_draw is not None:
        before_draw(app)
    app.draw()
    pygame.image.save(surface, str(out_png))
    return app
