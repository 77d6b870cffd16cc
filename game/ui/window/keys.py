"""Key and mouse bindings turned into the game's commands: arrows and the keypad move, a click on
the map types "go north", "examine lamp" or "look"; and the words Tab completes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pygame

from game.engine.grammar import DIRECTION_WORDS, PATTERNS, VERBS, Lit
from game.engine.session import Game
from game.packs.tiles import ObjectLayer, read_tilemap

# keys that move Joel when the input line is empty
MOVE_KEYS: dict[int, str] = {
    pygame.K_UP: "north", pygame.K_DOWN: "south", pygame.K_LEFT: "west", pygame.K_RIGHT: "east",
    pygame.K_KP8: "north", pygame.K_KP2: "south", pygame.K_KP4: "west", pygame.K_KP6: "east",
    pygame.K_KP7: "northwest", pygame.K_KP9: "northeast", pygame.K_KP1: "southwest",
    pygame.K_KP3: "southeast", pygame.K_KP_PLUS: "up", pygame.K_KP_MINUS: "down",
}
KEYPAD = frozenset(k for k in MOVE_KEYS if k not in (pygame.K_UP, pygame.K_DOWN,
                                                     pygame.K_LEFT, pygame.K_RIGHT))

GO_VERBS = frozenset({"go", "walk", "run", "head", "move"})
# the literal words after a verb: prepositions and particles ("in", "with", "off", ...)
LATER_WORDS: frozenset[str] = frozenset(
    w for p in PATTERNS for part in p.parts[1:] if isinstance(part, Lit) for w in part.options)
SHORT = frozenset(w for w, full in DIRECTION_WORDS.items() if w != full)


def move_command(key: int, mod: int) -> str | None:
    """The direction a key moves Joel in (no modifier but Shift/NumLock), or None."""
    if mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_GUI):
        return None
    return MOVE_KEYS.get(key)


# -- Tab completion --------------------------------------------------------------------------------
def completer(game: Game) -> Callable[[Sequence[str], str], list[str]]:
    """A completer for the input line: the first word from the verbs and directions, later
    words from what Joel can see and carry (and directions after "go"), and the grammar's
    small words ("with", "on", ...)."""

    def complete(before: Sequence[str], prefix: str) -> list[str]:
        if not before:
            return sorted(w for w in VERBS
                          if w.isalpha() and w not in SHORT and w.startswith(prefix)
                          and w != prefix and len(w) > 1)
        words: set[str] = set(LATER_WORDS)
        if before[0].lower() in GO_VERBS:
            words |= set(DIRECTION_WORDS.values())
        owners: dict[str, set[str]] = {}  # a thing's word -> the things it names
        names: dict[str, set[str]] = {}  # a thing -> the words of its name
        for tid in game.model.scope():
            thing = game.world.things[tid]
            names[tid] = {w.lower() for w in thing.name.split()}
            for w in thing.words | names[tid]:
                owners.setdefault(w.lower(), set()).add(tid)

        def fits(w: str) -> bool:
            return w.startswith(prefix) and w != prefix and len(w) > 1

        found = sorted(w for w in words | set(owners) if fits(w))
        things = {t for w in found for t in owners.get(w, ())}
        if len(things) == 1 and all(w in owners for w in found):
            # every candidate means the same thing ("night", "nightstand"): its name wins
            named = sorted(w for w in names[things.pop()] if fits(w))
            if named:
                return named
        return found

    return complete


# -- the map under the mouse ---------------------------------------------------------------------
def point_in_polygon(x: float, y: float, shape: Sequence[tuple[float, float]]) -> bool:
    inside = False
    n = len(shape)
    for i in range(n):
        (x1, y1), (x2, y2) = shape[i], shape[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def map_point(view: object, area: pygame.Rect, pos: tuple[int, int]) -> tuple[float, float] | None:
    """A screen position as map pixels: through the view's own camera (as of its last draw)
    when it has one, else with the scale it fits ``area`` at."""
    to_map = getattr(view, "to_map", None)
    clip = getattr(view, "clip", None)
    drawn_at = getattr(view, "scale", None)  # set by the view's last draw
    if callable(to_map) and isinstance(clip, pygame.Rect) and drawn_at:
        if not clip.collidepoint(pos):
            return None
        x, y = to_map(pos)
        return float(x), float(y)
    scale, rect = view.fit(area)  # type: ignore[attr-defined]
    if not rect.collidepoint(pos) or not scale:
        return None
    return (pos[0] - rect.x) / scale, (pos[1] - rect.y) / scale


def room_at(view: object, area: pygame.Rect, pos: tuple[int, int]) -> str | None:
    hit = getattr(view, "room_at", None)
    if callable(hit):  # the map's own hit test
        return hit(pos)  # type: ignore[no-any-return]
    at = map_point(view, area, pos)
    if at is None:
        return None
    rooms = getattr(view, "rooms", {})
    for rid, shape in rooms.items():
        if point_in_polygon(at[0], at[1], shape):
            return str(rid)
    return None


_OBJECTS: dict[tuple[str, str], list[tuple[str, pygame.Rect]]] = {}


def thing_rects(root: Path, map_file: str) -> list[tuple[str, pygame.Rect]]:
    """The map's objects by name and rectangle (map pixels), read once per map (fallback)."""
    key = (str(root), map_file)
    if key not in _OBJECTS:
        out: list[tuple[str, pygame.Rect]] = []
        try:
            tmap = read_tilemap(root, map_file)
            stack = list(tmap.layers)
            while stack:
                layer = stack.pop()
                stack.extend(getattr(layer, "layers", ()))
                if isinstance(layer, ObjectLayer):
                    for o in layer.objects:
                        if o.name and o.width and o.height:
                            out.append((o.name.lower(), pygame.Rect(
                                round(o.x), round(o.y), round(o.width), round(o.height))))
        except Exception:
            out = []
        _OBJECTS[key] = out
    return _OBJECTS[key]


def thing_at(game: Game, root: Path | None, view: object, area: pygame.Rect,
             pos: tuple[int, int]) -> str | None:
    """The visible thing under the mouse (its id), the smallest when several overlap."""
    scope = game.model.scope()  # a hidden thing has no location until it is found
    hit = getattr(view, "thing_at", None)
    if callable(hit):  # the map's tokens (the portable things it draws)
        found = hit(pos)
        if found is not None:
            found = str(found)
            if found in scope:
                return found
            by_name = [t for t in scope if game.world.things[t].name.lower() == found.lower()]
            if by_name:
                return by_name[0]
    # the rest (furniture, scenery) where the level's Tiled objects put them
    level = game.world.levels[game.state.level]
    at = map_point(view, area, pos)
    if at is None or root is None or not level.map_file:
        return None
    rects = thing_rects(root, level.map_file)
    best: tuple[int, str] | None = None
    for tid in scope:
        thing = game.world.things[tid]
        for name, rect in rects:
            if (name in (thing.name.lower(), tid.lower(), tid.rsplit("/", 1)[-1].lower())
                    and rect.collidepoint(at)
                    and (best is None or rect.w * rect.h < best[0])):
                best = (rect.w * rect.h, tid)
    return best[1] if best else None


GONE_STAGE = 4
# why a click on a room sends nothing (said in the text panel, as the parser would)
NOT_NEXT = "{room} isn't next to where you are: you would have to go through other rooms."
GONE = "{room} is gone. Where it was there is only a bright, even white."
NO_WAY = "There is no way from here into {room}."


def unreachable_reason(game: Game, rid: str) -> str | None:
    """Why Joel can't go to room ``rid`` in one move from where he is (None when he can, or
    when it is his own room): it is gone, it has no door from here, or it isn't next to him."""
    here = game.state.room
    if rid == here or rid not in game.world.rooms:
        return None
    title = game.world.rooms[rid].title
    if game.state.stages.get(rid, 0) >= GONE_STAGE:
        return GONE.format(room=title)
    if any(e.to == rid for e in game.world.rooms[here].exits):
        return None
    if any(e.to == here for e in game.world.rooms[rid].exits):
        return NO_WAY.format(room=title)
    return NOT_NEXT.format(room=title)


def hover_label(game: Game, root: Path | None, view: object, area: pygame.Rect,
                pos: tuple[int, int]) -> tuple[str, str | None] | None:
    """What the mouse points at on the map: (the name to show, the room to highlight), or
    None over nothing.  A thing Joel can see by its name; else a room by its title."""
    tid = thing_at(game, root, view, area, pos)
    rid = room_at(view, area, pos)
    if tid is not None:
        return game.world.things[tid].name, rid
    if rid is None or rid not in game.world.rooms:
        return None
    title = game.world.rooms[rid].title
    if game.state.stages.get(rid, 0) >= GONE_STAGE:
        title += " (gone)"
    return title, rid


def click_command(game: Game, root: Path | None, view: object, area: pygame.Rect,
                  pos: tuple[int, int]) -> str | None:
    """What a click on the map means: "examine THING" on a thing Joel sees, "look" on his own
    room, "go DIRECTION" on a room next to it; None elsewhere."""
    here = game.state.room
    tid = thing_at(game, root, view, area, pos)
    if tid is not None:
        return f"examine {game.world.things[tid].name}"
    rid = room_at(view, area, pos)
    if rid is None:
        return None
    if rid == here:
        return "look"
    if game.state.stages.get(rid, 0) >= GONE_STAGE:
        return None  # a doomed move: the window says why instead (unreachable_reason)
    for exit_ in game.world.rooms[here].exits:
        if exit_.to == rid:
            return f"go {exit_.direction}"
    return None


# -- the app's bindings ----------------------------------------------------------------------------
BLINK_MS = 530
SPLIT_STEP = 0.05
SPLIT_MIN, SPLIT_MAX = 0.2, 0.8
BORDER_GRAB = 5  # pixels either side of the map's edge that grab it
FONT_MIN, FONT_MAX = 10, 32  # as the settings allow


class Controls:
    """The window's keys and mouse beyond typing: moving, clicking the map, scrolling to the
    ends, the split between map and text, font size, fullscreen, the cursor's blink.

    ``app`` is the window's App (typed loosely to keep this module free of app.py)."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.dragging = False
        self.cursor_on = True
        self._blink_at = 0  # ms when the cursor last changed
        self._swallow_text = False  # the TEXTINPUT that follows a keypad move
        self.updated: list[pygame.Rect] | None = None  # what the last frame redrew (None: all)

    @property
    def fullscreen(self) -> bool:
        """Whether the window is fullscreen: the app's settings say (no copy kept here)."""
        settings = getattr(self.app, "settings", None)
        return bool(getattr(settings, "fullscreen", False))

    def _save(self) -> None:
        """Keep the changed settings, as the Settings page does."""
        settings = getattr(self.app, "settings", None)
        if settings is not None:
            from game.ui.window.settings import Settings, save_settings

            if isinstance(settings, Settings):
                save_settings(settings)

    # -- commands as if typed ----------------------------------------------------------------------
    def play(self, command: str) -> None:
        """Type ``command`` and press Enter: it is echoed, kept in the history and played,
        through the same path as typed input; what the player was typing stays."""
        app = self.app
        line = app.input  # type: ignore[attr-defined]
        draft, cursor = line.text, line.cursor
        line.text, line.cursor = command, len(command)
        app.submit(line.submit())  # type: ignore[attr-defined]
        line.text, line.cursor = draft, min(cursor, len(draft))
        app.dirty = True  # type: ignore[attr-defined]

    # -- events --------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event was one of these bindings (and is used up)."""
        app = self.app
        if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
            self.wake()
        if event.type == pygame.VIDEORESIZE or event.type == pygame.WINDOWSIZECHANGED:
            surf = pygame.display.get_surface()
            if surf is not None:
                app.surface = surf  # type: ignore[attr-defined]
            app.dirty = True  # type: ignore[attr-defined]
            return True
        if event.type == pygame.TEXTINPUT:
            if self._swallow_text and event.text in "0123456789+-.":
                self._swallow_text = False
                return True
            self._swallow_text = False
            return False
        if event.type == pygame.KEYDOWN:
            self._swallow_text = False
            return self._key(event.key, getattr(event, "mod", 0))
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._press(event.pos)
        if event.type == pygame.MOUSEMOTION and self.dragging:
            w = app.surface.get_width()  # type: ignore[attr-defined]
            self.set_split(event.pos[0] / max(1, w))
            return True
        if event.type == pygame.MOUSEMOTION:
            return self.hover(event.pos)
        if event.type == pygame.WINDOWLEAVE:
            return self.hover(None)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.dragging:
            self.dragging = False
            return True
        return False

    def _key(self, key: int, mod: int) -> bool:
        app = self.app
        line = app.input  # type: ignore[attr-defined]
        panel = app.panel  # type: ignore[attr-defined]
        ctrl = bool(mod & pygame.KMOD_CTRL)
        if key in (pygame.K_HOME, pygame.K_END):
            if ctrl or not line.text:
                panel.scroll_top() if key == pygame.K_HOME else panel.scroll_bottom()
            else:
                line.key(key)
            app.dirty = True  # type: ignore[attr-defined]
            return True
        if ctrl and key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            self.step_font_size(2)
            return True
        if ctrl and key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.step_font_size(-2)
            return True
        if (ctrl and key == pygame.K_LEFT) or key == pygame.K_F9:
            self.set_split(self.share_now() - SPLIT_STEP)
            return True
        if (ctrl and key == pygame.K_RIGHT) or key == pygame.K_F10:
            self.set_split(self.share_now() + SPLIT_STEP)
            return True
        if key == pygame.K_F11:
            self.toggle_fullscreen()
            return True
        if not line.text:
            direction = move_command(key, mod)
            settings = getattr(app, "settings", None)
            if key not in KEYPAD and not getattr(settings, "arrow_keys_move", False):
                direction = None  # Up/Down recall the history (the input line's own keys)
            if direction is not None:
                self._swallow_text = key in KEYPAD
                self.play(direction)
                return True
        return False

    def _press(self, pos: tuple[int, int]) -> bool:
        app = self.app
        _status, map_r, _text, _inp = app.areas()  # type: ignore[attr-defined]
        if abs(pos[0] - map_r.right) <= BORDER_GRAB and pos[1] >= map_r.top:
            self.dragging = True
            return True
        if not map_r.collidepoint(pos):
            return False
        view = app.map_view()  # type: ignore[attr-defined]
        if view is None:
            return False
        area = map_r.inflate(-16, -16)
        command = click_command(app.game, app.root, view, area, pos)  # type: ignore[attr-defined]
        if command is None:
            rid = room_at(view, area, pos)
            why = unreachable_reason(app.game, rid) if rid else None  # type: ignore[attr-defined]
            if why is None:
                return False
            from game.engine.output import Line, Style

            app.show([Line(why, Style.PARSER)])  # type: ignore[attr-defined]
            return True
        self.play(command)
        return True

    def hover(self, pos: tuple[int, int] | None) -> bool:
        """The mouse moved: what it points at on the map (a name and a room to highlight) is
        kept in ``app.hover``; True when the picture changes."""
        app = self.app
        found = None
        map_r = app.areas()[1]  # type: ignore[attr-defined]
        if pos is not None and map_r.collidepoint(pos) and getattr(app, "overlay", 1) is None:
            view = app.map_view()  # type: ignore[attr-defined]
            if view is not None:
                found = hover_label(app.game, app.root, view,  # type: ignore[attr-defined]
                                    map_r.inflate(-16, -16), pos)
        new = (found[0], found[1], pos) if found is not None and pos is not None else None
        old = getattr(app, "hover", None)
        app.hover = new  # type: ignore[attr-defined]
        return new != old

    # -- settings of the view ------------------------------------------------------------------
    def share_now(self) -> float:
        """The map's share of the width as drawn (the app may give it more than its share)."""
        app = self.app
        map_r = app.areas()[1]  # type: ignore[attr-defined]
        return float(map_r.w / max(1, app.surface.get_width()))  # type: ignore[attr-defined]

    def set_split(self, share: float) -> None:
        app = self.app
        app.map_share = max(SPLIT_MIN, min(SPLIT_MAX, share))  # type: ignore[attr-defined]
        app.split_moved = True  # type: ignore[attr-defined]
        app.dirty = True  # type: ignore[attr-defined]

    def step_font_size(self, step: int) -> None:
        """Ctrl+= and Ctrl+-: the settings' text size (the one for a BASE_H-tall window) goes
        up or down; the app scales it to the window."""
        settings = getattr(self.app, "settings", None)
        base = getattr(settings, "font_size", None)
        self.set_font_size((base if isinstance(base, int) else 16) + step)

    def set_font_size(self, size: int) -> None:
        app = self.app
        size = max(FONT_MIN, min(FONT_MAX, size))
        settings = getattr(app, "settings", None)
        if settings is None or size == settings.font_size:
            return
        settings.font_size = size
        self._save()
        app.refit_fonts()  # type: ignore[attr-defined]
        app.dirty = True  # type: ignore[attr-defined]

    def toggle_fullscreen(self) -> None:
        """F11: the setting flips and is saved; a real display follows it at once."""
        settings = getattr(self.app, "settings", None)
        if settings is None:
            return
        settings.fullscreen = not settings.fullscreen
        if pygame.display.get_init() and pygame.display.get_driver() not in ("dummy", "offscreen"):
            from game.ui.window.title import follow_display

            with contextlib.suppress(pygame.error):
                self.app.surface = follow_display(settings)  # type: ignore[attr-defined]
        self._save()  # after the window's size was noted (follow_display)
        self.app.dirty = True  # type: ignore[attr-defined]

    # -- the cursor's blink --------------------------------------------------------------------
    def wake(self, now: int | None = None) -> None:
        """Typing shows the cursor at once and restarts its blink."""
        self.cursor_on = True
        self._blink_at = pygame.time.get_ticks() if now is None else now

    def blink(self, now: int) -> list[pygame.Rect]:
        """Turn the cursor on or off when its time comes, redrawing only the input line's
        rectangle; the rectangles to update (none when nothing changed)."""
        if now - self._blink_at < BLINK_MS or getattr(self.app, "overlay", None) is not None:
            return []  # a menu over the game dims the input line too: no cursor blinks there
        self._blink_at = now
        self.cursor_on = not self.cursor_on
        app = self.app
        inp = app.areas()[3]  # type: ignore[attr-defined]
        from game.engine.output import Style

        app.input.draw(app.surface, inp, app.fonts[Style.TEXT],  # type: ignore[attr-defined]
                       self.cursor_on)
        self.updated = [inp]
        return [inp]
