"""Loading a pack folder into an engine ``World``, collecting every problem on the way.

The loader never stops at the first mistake: each file and each object is checked, and all
problems are reported together, each naming the file, the Tiled object or TOML key, and a fix.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.engine import logic as L
from game.engine.actions import ACTIONS
from game.engine.world import (
    DIRECTIONS,
    OPPOSITE,
    PLAYER,
    Ending,
    Event,
    Exit,
    Hint,
    Kind,
    Level,
    Room,
    Rule,
    Text,
    Thing,
    Topic,
    Variant,
    World,
)
from game.packs import geometry as G
from game.packs import models as M
from game.packs.problems import PackError, Problem, Severity
from game.packs.tmx import MapData, MapError, MapObject, read_map

MAX_TOML_BYTES = 2 * 1024 * 1024
RULE_ACTIONS = frozenset(ACTIONS) - {"go_in"}
_WORD = re.compile(r"[a-z0-9]+")
_ARTICLES = {"the", "a", "an", "some"}


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def words_of(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _ARTICLES}


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def error(self, file: Path | str, where: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(_name(file), where, message, fix))

    def warn(self, file: Path | str, where: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(_name(file), where, message, fix, Severity.WARNING))

    def pydantic(self, file: Path, exc: ValidationError, prefix: str = "") -> None:
        for err in exc.errors():
            loc = prefix + _key_path(err["loc"])
            if err["type"] == "extra_forbidden":
                key = str(err["loc"][-1])
                self.error(file, loc, f'unknown key "{key}"',
                           "remove it or check the spelling against levels/README.md")
            elif err["type"] == "missing":
                self.error(file, loc, "this key is required", "add it")
            else:
                self.error(file, loc, err["msg"].removeprefix("Value error, "),
                           _fix_for(err["type"]))


def _name(file: Path | str) -> str:
    return display_path(file) if isinstance(file, Path) else file


def _key_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        elif p in ("str", "list[Variant]", "function-after[_one_kind(), Condition]",
                   "function-after[_one_kind(), Effect]"):
            continue
        elif re.fullmatch(r"[A-Za-z0-9_-]+", str(p)):
            parts.append(("." if parts else "") + str(p))
        else:
            parts.append(("." if parts else "") + f'"{p}"')
    return "".join(parts)


def _fix_for(kind: str) -> str:
    return {
        "string_type": "write a text in quotes",
        "bool_type": "write true or false",
        "bool_parsing": "write true or false",
        "int_type": "write a whole number",
        "int_parsing": "write a whole number",
        "list_type": "write a list in [ ]",
        "literal_error": "use one of the values listed",
        "string_pattern_mismatch": "use lowercase letters, digits and dashes",
        "dict_type": "write a table",
        "model_type": "write a table { ... }",
    }.get(kind, "see levels/README.md")


def _read_toml(path: Path, c: _Collector) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_TOML_BYTES:
            c.error(path, "", f"the file is larger than {MAX_TOML_BYTES // 1024 // 1024} MB",
                    "split the text or shorten it")
            return None
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        c.error(path, "", "the file is missing", f"create {path.name} next to pack.toml")
    except UnicodeDecodeError:
        c.error(path, "", "the file is not UTF-8 text", "save it as UTF-8")
    except tomllib.TOMLDecodeError as exc:
        c.error(path, "", f"TOML syntax error: {exc}", "fix the line it names")
    except OSError as exc:
        c.error(path, "", f"the file can't be read ({exc.strerror})")
    return None


def _validate(model: type[BaseModel], data: dict[str, Any], path: Path, c: _Collector) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        c.pydantic(path, exc)
        return None


# -- the level builder ---------------------------------------------------------------------------
class _LevelBuilder:
    """Builds one level's rooms, things and rules, resolving names to global ids."""

    def __init__(self, root: Path, entry: M.LevelEntry, c: _Collector, endings: set[str],
                 is_start: bool) -> None:
        self.root = root
        self.entry = entry
        self.c = c
        self.endings = endings
        self.is_start = is_start
        self.map_path = root / f"{entry.id}.tmx"
        self.text_path = root / f"{entry.id}.toml"
        self.rooms: dict[str, Room] = {}
        self.things: dict[str, Thing] = {}
        self.player_name = "Joel"
        self.player_room: str | None = None
        self.player_text: Text = ()
        self.rules: list[Rule] = []
        self.events: list[Event] = []
        self.hints: list[Hint] = []
        self.intro = ""
        self.points = 0
        self.goto_targets: set[str] = set()
        self._names: dict[str, str] = {}  # object name -> "room", "thing" or "player"
        self.room_objs: list[MapObject] = []

    def gid(self, name: str) -> str:
        return f"{self.entry.id}/{name}"

    def build(self) -> None:
        try:
            data = read_map(self.map_path, self.root)
        except MapError as exc:
            fix = "" if self.map_path.exists() else f"draw {self.map_path.name} in Tiled"
            self.c.error(self.map_path, "", str(exc), fix)
            data = None
        raw = _read_toml(self.text_path, self.c)
        text = _validate(M.LevelFile, raw, self.text_path, self.c) if raw is not None else None
        if data is None:
            return
        objs = self._objects(data)
        if objs is None:
            return
        room_objs, thing_objs, player = objs
        self.room_objs = room_objs
        text = text or M.LevelFile()
        self._rooms(room_objs, text)
        self._things(thing_objs, player, text)
        self._check_text_keys(text, room_objs, thing_objs, player)
        self._exits(thing_objs, room_objs)
        self._logic(text)
        self._reachable(room_objs)

    # -- map objects ---------------------------------------------------------------------------
    def _objects(
        self, data: MapData
    ) -> tuple[list[MapObject], list[MapObject], MapObject | None] | None:
        c, path = self.c, self.map_path
        layer_names = {name for kind, name in data.layers if kind == "objectgroup"}
        ok = True
        for needed, what in (("rooms", "the rooms"), ("things", "the things")):
            if needed not in layer_names:
                c.error(path, "", f'the map has no object layer named "{needed}"',
                        f'add an object layer "{needed}" in Tiled with {what} in it')
                ok = False
        if not ok:
            return None
        room_objs = [o for o in data.objects if o.layer == "rooms"]
        thing_objs = [o for o in data.objects if o.layer == "things"]
        if not room_objs:
            c.error(path, "", 'the layer "rooms" has no objects',
                    "draw at least one rectangle in it and give it a name")
            return None
        seen: dict[str, MapObject] = {}
        player: MapObject | None = None
        for o in room_objs + thing_objs:
            if not o.name.strip():
                c.error(path, o.label(), "the object has no name",
                        "give it a name in Tiled's Properties panel")
                continue
            if o.name in seen:
                c.error(path, o.label(), f'the name "{o.name}" is also used by object '
                        f"{seen[o.name].id}", "names must be unique in a level; rename one")
                continue
            if o.name.lower() == PLAYER:
                c.error(path, o.label(), f'"{o.name}" is a reserved name', "rename the object")
                continue
            seen[o.name] = o
        for o in room_objs:
            if o.cls not in ("", "Room"):
                c.error(path, o.label(), f'a room has the class "{o.cls}"',
                        'leave the class empty or set it to "Room"; things go in the layer '
                        '"things"')
            if o.point or len(o.shape) < 3:
                c.error(path, o.label(), "a room must be a rectangle or a polygon",
                        "draw the room as a rectangle or polygon")
            self._names[o.name] = "room"
        things = []
        for o in thing_objs:
            if o.name not in seen or seen[o.name] is not o:
                continue
            if o.cls and o.cls not in M.THING_CLASSES:
                guess = difflib.get_close_matches(o.cls, M.THING_CLASSES, n=1)
                c.error(path, o.label(), f'unknown class "{o.cls}"',
                        f"use one of {', '.join(M.THING_CLASSES)}"
                        + (f' (did you mean "{guess[0]}"?)' if guess else ""))
                continue
            if o.cls == "Player":
                if player is not None:
                    c.error(path, o.label(), "there is more than one Player object",
                            "keep only one")
                    continue
                player = o
                self._names[o.name] = "player"
                continue
            self._names[o.name] = "thing"
            things.append(o)
        rooms = [o for o in room_objs if seen.get(o.name) is o]
        if self.is_start and player is None:
            c.error(path, "", "the start level has no Player object",
                    'add a point object with class "Player" in the layer "things" where Joel '
                    "starts")
        return rooms, things, player

    def _room_at(self, o: MapObject, rooms: list[MapObject]) -> str | None:
        p = o.centre
        hits = [r for r in rooms if G.contains(r.shape, p)]
        inside = [r for r in hits if not G.on_boundary(r.shape, p)]
        hits = inside or hits
        if len(hits) == 1:
            return hits[0].name
        if not hits:
            self.c.error(self.map_path, o.label(), "it is outside every room",
                         "move it inside a room, or give it the property \"in\"")
        else:
            names = " and ".join(f'"{r.name}"' for r in hits)
            self.c.error(self.map_path, o.label(), f"it lies in more than one room ({names})",
                         "rooms must not overlap; move it or the rooms")
        return None

    def _rooms(self, room_objs: list[MapObject], text: M.LevelFile) -> None:
        for o in room_objs:
            rt = text.rooms.get(o.name, M.RoomText())
            if not rt.description:
                self.c.warn(self.text_path, f'rooms."{o.name}"', "the room has no description",
                            f'add [rooms."{o.name}"] description = "..."')
            self.rooms[o.name] = Room(
                id=self.gid(o.name), name=o.name, level=self.entry.id,
                title=rt.title or o.name,
                description=self._text(rt.description, f'rooms."{o.name}".description'),
                shape=o.shape,
            )

    def _props(self, o: MapObject) -> M.ThingProps | None:
        try:
            return M.ThingProps.model_validate(o.properties)
        except ValidationError as exc:
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else ""
                if err["type"] == "extra_forbidden":
                    allowed = ", ".join(
                        f.alias or n for n, f in M.ThingProps.model_fields.items())
                    self.c.error(self.map_path, o.label(), f'unknown property "{key}"',
                                 f"remove it; properties are: {allowed}")
                else:
                    self.c.error(self.map_path, o.label(),
                                 f'property "{key}": {err["msg"]}', _fix_for(err["type"]))
            return None

    def _things(self, thing_objs: list[MapObject], player: MapObject | None,
                text: M.LevelFile) -> None:
        room_objs = self.room_objs
        if player is not None:
            self.player_name = player.name
            self.player_room = self._room_at(player, room_objs)
            pt = text.things.get(player.name)
            if pt is not None:
                self.player_text = self._text(pt.description, f'things."{player.name}"')
        props_of: dict[str, M.ThingProps] = {}
        for o in thing_objs:
            props = self._props(o)
            if props is not None:
                props_of[o.name] = props
        for o in thing_objs:
            props = props_of.get(o.name)
            if props is None:
                continue
            kind = Kind(o.cls or "Item")
            tt = text.things.get(o.name, M.ThingText())
            key_path = f'things."{o.name}"'
            location = self._location(o, props, kind, room_objs, props_of)
            if location is None:
                continue
            name = tt.name or o.name
            article = tt.article
            if article is None:
                if kind is Kind.PERSON and name[:1].isupper():
                    article = ""
                else:
                    article = "an" if name[:1].lower() in "aeiou" else "a"
            words = words_of(name)
            for w in tt.words:
                words |= words_of(w)
            if not tt.description and kind is not Kind.PASSAGE:
                self.c.warn(self.text_path, key_path, "the thing has no description",
                            f'add [{key_path}] description = "..."')
            openable = props.openable
            if openable is None:
                openable = kind is Kind.DOOR
            is_open = props.open
            if is_open is None:
                is_open = kind is Kind.CONTAINER and not openable
            if kind is Kind.PASSAGE:
                is_open = True
            portable = props.portable
            if portable is None:
                portable = kind is Kind.ITEM
            if props.key is not None and props.key not in props_of:
                self.c.error(self.map_path, o.label(),
                             f'its key "{props.key}" is not a thing of this level',
                             self._suggest(props.key, "thing"))
            if props.locked and props.key is None:
                self.c.warn(self.map_path, o.label(), "it is locked but has no key",
                            'give it the property "key", or unlock it with a rule')
            gender = props.gender or ("they" if kind is Kind.PERSON else "it")
            self.things[o.name] = Thing(
                id=self.gid(o.name), name=name, level=self.entry.id, kind=kind,
                article=article, words=frozenset(words),
                description=self._text(tt.description, key_path + ".description"),
                location=location, portable=portable, hidden=props.hidden, worn=props.worn,
                wearable=props.wearable, edible=props.edible, drinkable=props.drinkable,
                openable=openable, open=is_open, lockable=props.locked or props.key is not None,
                locked=props.locked,
                key=self.gid(props.key) if props.key else None, transparent=props.transparent,
                gender=gender,
                initial=self._text(tt.initial, key_path + ".initial") if tt.initial else None,
                read=self._text(tt.text, key_path + ".text") if tt.text else None,
                talk=self._text(tt.talk, key_path + ".talk") if tt.talk else None,
                topics=tuple(
                    Topic(frozenset(w for word in t.words for w in words_of(word)),
                          self._text(t.text, f"{key_path}.topics[{i}].text"))
                    for i, t in enumerate(tt.topics)),
            )

    def _location(self, o: MapObject, props: M.ThingProps, kind: Kind,
                  rooms: list[MapObject], props_of: dict[str, M.ThingProps]) -> str | None:
        if props.in_ is not None:
            holder = props.in_
            if holder == self.player_name:
                return PLAYER
            if self._names.get(holder) == "room":
                return self.gid(holder)
            if self._names.get(holder) != "thing":
                self.c.error(self.map_path, o.label(),
                             f'"in" names "{holder}", which is not a thing of this level',
                             self._suggest(holder, "thing"))
                return None
            if holder == o.name:
                self.c.error(self.map_path, o.label(), "it is inside itself",
                             'change the property "in"')
                return None
            return self.gid(holder)
        if kind in (Kind.DOOR, Kind.PASSAGE) and props.to is None:
            return ""  # placed by _exits once the rooms it joins are known
        room = self._room_at(o, rooms)
        return self.gid(room) if room else None

    def _suggest(self, name: str, kind: str) -> str:
        pool = [n for n, k in self._names.items() if k == kind or kind == "any"]
        guess = difflib.get_close_matches(name, pool, n=1)
        if guess:
            return f'did you mean "{guess[0]}"?'
        return f"use the name of a {kind} of this level"

    def _check_text_keys(self, text: M.LevelFile, rooms: list[MapObject],
                         things: list[MapObject], player: MapObject | None) -> None:
        for name in text.rooms:
            if self._names.get(name) != "room":
                self.c.error(self.text_path, f'rooms."{name}"',
                             f'there is no room "{name}" in {self.map_path.name}',
                             self._suggest(name, "room"))
        for name in text.things:
            if self._names.get(name) not in ("thing", "player"):
                self.c.error(self.text_path, f'things."{name}"',
                             f'there is no thing "{name}" in {self.map_path.name}',
                             self._suggest(name, "thing"))

    # -- exits ---------------------------------------------------------------------------------
    def _exits(self, thing_objs: list[MapObject], room_objs: list[MapObject]) -> None:
        exits: dict[str, list[Exit]] = {r: [] for r in self.rooms}
        for o in thing_objs:
            t = self.things.get(o.name)
            if t is None or not t.is_door:
                continue
            props = M.ThingProps.model_validate(o.properties)
            if props.to is not None:
                joined = self._explicit_exit(o, props, t, room_objs, exits)
            else:
                joined = self._border_exit(o, props, t, room_objs, exits)
            if joined:
                a, _ = joined
                self.things[o.name] = _replace(t, location=self.gid(a),
                                               connects=tuple(self.gid(r) for r in joined))
        for name, room in self.rooms.items():
            seen: dict[str, Exit] = {}
            for e in exits[name]:
                if e.direction in seen and seen[e.direction].to != e.to:
                    self.c.error(self.map_path, f'room "{name}"',
                                 f"two exits lead {e.direction}", "move one of the doors, or "
                                 'set its "direction" property')
                seen[e.direction] = e
            self.rooms[name] = _replace(room, exits=tuple(seen.values()))

    def _explicit_exit(self, o: MapObject, props: M.ThingProps, t: Thing,
                       room_objs: list[MapObject], exits: dict[str, list[Exit]]
                       ) -> tuple[str, str] | None:
        here = self._room_at(o, room_objs)
        to = props.to or ""
        if self._names.get(to) != "room":
            self.c.error(self.map_path, o.label(),
                         f'it leads to "{to}", which is not a room of this level',
                         self._suggest(to, "room"))
            return None
        if props.direction is None:
            self.c.error(self.map_path, o.label(), f'it leads to "{to}" but has no direction',
                         'add the property "direction" (up, down, in, out, north, ...)')
            return None
        if here is None:
            return None
        d = props.direction
        exits[here].append(Exit(d, self.gid(to), t.id))
        exits[to].append(Exit(OPPOSITE[d], self.gid(here), t.id))
        return here, to

    def _border_exit(self, o: MapObject, props: M.ThingProps, t: Thing,
                     room_objs: list[MapObject], exits: dict[str, list[Exit]]
                     ) -> tuple[str, str] | None:
        p = o.centre
        tolerance = max(4.0, o.size / 2)
        touching = [r for r in room_objs if G.distance_to_boundary(r.shape, p) <= tolerance
                    or G.contains(r.shape, p)]
        if len(touching) != 2:
            names = ", ".join(f'"{r.name}"' for r in touching) or "none"
            self.c.error(self.map_path, o.label(),
                         f"a {t.kind.value.lower()} must sit on the border of exactly two rooms "
                         f"(it touches {names})",
                         "move it onto the shared wall, or give it the properties \"to\" and "
                         "\"direction\"")
            return None
        a, b = touching
        da = props.direction or G.wall_direction(a.shape, p)
        db = OPPOSITE[da] if props.direction else G.wall_direction(b.shape, p)
        exits[a.name].append(Exit(da, self.gid(b.name), t.id))
        exits[b.name].append(Exit(db, self.gid(a.name), t.id))
        if props.inside is not None:
            if props.inside not in (a.name, b.name):
                self.c.error(self.map_path, o.label(),
                             f'"inside" names "{props.inside}", which this door does not join',
                             f'use "{a.name}" or "{b.name}"')
            else:
                inner, outer = (a, b) if props.inside == a.name else (b, a)
                exits[outer.name].append(Exit("in", self.gid(inner.name), t.id))
                exits[inner.name].append(Exit("out", self.gid(outer.name), t.id))
        return a.name, b.name

    # -- rules, events, hints ------------------------------------------------------------------
    def _text(self, text: M.Text | None, where: str) -> Text:
        if text is None:
            return ()
        if isinstance(text, str):
            return (Variant(text),)
        return tuple(Variant(v.text, self._cond(v.when, f"{where}[{i}].when") if v.when else None)
                     for i, v in enumerate(text))

    def _ref(self, name: str, kinds: tuple[str, ...], where: str) -> str:
        if name == PLAYER and "player" in kinds:
            return PLAYER
        if name == self.player_name and "player" in kinds:
            return PLAYER
        if self._names.get(name) in kinds:
            return self.gid(name)
        what = " or ".join(k for k in kinds if k != "player")
        self.c.error(self.text_path, where, f'"{name}" is not a {what} of this level',
                     self._suggest(name, kinds[0]))
        return self.gid(name)

    def _cond(self, cond: M.Condition, where: str) -> L.Condition:
        t, r = ("thing",), ("room",)
        if cond.flag is not None:
            return L.Flag(cond.flag)
        if cond.has is not None:
            return L.Has(self._ref(cond.has, t, where + ".has"))
        if cond.room is not None:
            return L.InRoom(self._ref(cond.room, r, where + ".room"))
        if cond.visited is not None:
            return L.Visited(self._ref(cond.visited, r, where + ".visited"))
        if cond.where is not None:
            places = [cond.in_] if isinstance(cond.in_, str) else list(cond.in_ or [])
            return L.Where(self._ref(cond.where, t, where + ".where"),
                           tuple(self._ref(p, ("thing", "room", "player"), where + ".in")
                                 for p in places))
        for attr, cls in (("open", L.IsOpen), ("locked", L.IsLocked), ("worn", L.IsWorn),
                          ("present", L.Present), ("moved", L.Moved)):
            value = getattr(cond, attr)
            if value is not None:
                return cls(self._ref(value, t, f"{where}.{attr}"))
        if cond.all is not None:
            return L.AllOf(tuple(self._cond(x, f"{where}.all[{i}]")
                                 for i, x in enumerate(cond.all)))
        if cond.any is not None:
            return L.AnyOf(tuple(self._cond(x, f"{where}.any[{i}]")
                                 for i, x in enumerate(cond.any)))
        assert cond.not_ is not None
        return L.Not(self._cond(cond.not_, where + ".not"))

    def _effects(self, say: str | None, effects: list[M.Effect], where: str
                 ) -> tuple[L.Effect, ...]:
        out: list[L.Effect] = [L.Say(say)] if say else []
        t = ("thing",)
        for i, e in enumerate(effects):
            w = f"{where}.do[{i}]"
            kind = e.kind()
            if kind == "say":
                out.append(L.Say(e.say or ""))
            elif kind in ("set", "clear"):
                out.append(L.SetFlag(getattr(e, kind), kind == "set"))
            elif kind == "move":
                out.append(L.Move(self._ref(e.move or "", t, w + ".move"),
                                  self._ref(e.to or "", ("thing", "room", "player"), w + ".to")))
            elif kind == "reveal":
                out.append(L.Reveal(self._ref(e.reveal or "", t, w + ".reveal")))
            elif kind == "remove":
                out.append(L.Remove(self._ref(e.remove or "", t, w + ".remove")))
            elif kind in ("open", "close"):
                target = self._ref(getattr(e, kind), t, f"{w}.{kind}")
                out.append(L.SetOpen(target, kind == "open"))
            elif kind in ("lock", "unlock"):
                target = self._ref(getattr(e, kind), t, f"{w}.{kind}")
                out.append(L.SetLocked(target, kind == "lock"))
            elif kind == "points":
                out.append(L.Points(e.points or 0))
                self.points += max(0, e.points or 0)
            elif kind == "go":
                room = self._ref(e.go or "", ("room",), w + ".go")
                self.goto_targets.add(e.go or "")
                out.append(L.GoTo(room))
            elif kind == "end":
                if e.end not in self.endings:
                    known = ", ".join(sorted(self.endings)) or "none yet"
                    self.c.error(self.text_path, w + ".end",
                                 f'there is no ending "{e.end}" in pack.toml',
                                 f"add [endings.{e.end}] to pack.toml (endings: {known})")
                out.append(L.End(e.end or ""))
        return tuple(out)

    def _logic(self, text: M.LevelFile) -> None:
        self.intro = text.level.intro
        for i, r in enumerate(text.rules):
            where = f"rules[{i}]"
            if r.action not in RULE_ACTIONS:
                guess = difflib.get_close_matches(r.action, sorted(RULE_ACTIONS), n=1)
                self.c.error(self.text_path, where + ".action", f'unknown action "{r.action}"',
                             f'did you mean "{guess[0]}"?' if guess else
                             "see the list of actions in levels/README.md")
                continue
            noun = None
            if r.object is not None:
                if r.action == "go":
                    if r.object not in DIRECTIONS:
                        self.c.error(self.text_path, where + ".object",
                                     f'"{r.object}" is not a direction',
                                     f"use one of {', '.join(DIRECTIONS)}")
                    noun = r.object
                else:
                    noun = self._ref(r.object, ("thing", "player"), where + ".object")
            second = self._ref(r.second, ("thing",), where + ".second") if r.second else None
            when = self._cond(r.when, where + ".when") if r.when else None
            effects = self._effects(r.say, r.do, where)
            if not effects:
                self.c.warn(self.text_path, where, "the rule says and does nothing",
                            'add "say" or "do"')
            self.rules.append(Rule(f"{self.entry.id}:rule{i}", r.action, r.phase, effects,
                                   noun, second, when, r.once))
        for i, e in enumerate(text.events):
            where = f"events[{i}]"
            self.events.append(Event(f"{self.entry.id}:event{i}",
                                     self._cond(e.when, where + ".when"),
                                     self._effects(e.say, e.do, where), e.once))
        for i, h in enumerate(text.hints):
            self.hints.append(Hint(h.text, self._cond(h.when, f"hints[{i}].when")
                                   if h.when else None))

    def _reachable(self, room_objs: list[MapObject]) -> None:
        start = self.player_room
        if start is None:
            start = room_objs[0].name if room_objs else None
        if start is None or start not in self.rooms:
            return
        seen = {start} | {g for g in self.goto_targets if g in self.rooms}
        queue = deque(seen)
        while queue:
            here = queue.popleft()
            for e in self.rooms[here].exits:
                name = e.to.split("/", 1)[1]
                if name not in seen:
                    seen.add(name)
                    queue.append(name)
        for o in room_objs:
            if o.name not in seen:
                self.c.error(self.map_path, o.label(),
                             f'the room cannot be reached from "{start}"',
                             "place a Door or Passage on its border with a reachable room")


def _replace(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)


# -- the pack --------------------------------------------------------------------------------
def load_pack(root: Path) -> tuple[World, list[Problem]]:
    """Load and check a pack; raises PackError listing every error (warnings come back too)."""
    c = _Collector()
    manifest = root / "pack.toml"
    if not root.is_dir():
        raise PackError([Problem(display_path(root), "", "there is no pack folder here",
                                 "give the path of a folder that contains pack.toml")])
    raw = _read_toml(manifest, c)
    pack = _validate(M.PackFile, raw, manifest, c) if raw is not None else None
    if pack is None:
        raise PackError(c.problems)
    ids = [lv.id for lv in pack.levels]
    for i, lv in enumerate(pack.levels):
        if ids.count(lv.id) > 1 and ids.index(lv.id) != i:
            c.error(manifest, f"levels[{i}].id", f'the level id "{lv.id}" is used twice',
                    "give each level its own id")
    orders = [lv.erasure for lv in pack.levels if lv.erasure is not None]
    if len(orders) != len(set(orders)):
        c.error(manifest, "levels", "two levels have the same erasure number",
                "number the erased levels 1, 2, 3, ... in the order Lacuna erases them")
    if pack.start not in ids:
        c.error(manifest, "start", f'the start level "{pack.start}" is not in [[levels]]',
                f"use one of: {', '.join(ids)}")
    builders: list[_LevelBuilder] = []
    for lv in pack.levels:
        b = _LevelBuilder(root, lv, c, set(pack.endings), lv.id == pack.start)
        builders.append(b)
        b.build()
    errors = [p for p in c.problems if p.severity is Severity.ERROR]
    if errors:
        raise PackError(c.problems)
    start = next(b for b in builders if b.entry.id == pack.start)
    rooms: dict[str, Room] = {}
    things: dict[str, Thing] = {}
    levels: dict[str, Level] = {}
    for b in builders:
        rooms.update({r.id: r for r in b.rooms.values()})
        things.update({t.id: t for t in b.things.values()})
        levels[b.entry.id] = Level(b.entry.id, b.entry.title, b.intro, b.entry.erasure,
                                   b.entry.hidden, tuple(b.rules), tuple(b.events),
                                   tuple(b.hints), b.map_path.name)
    vocabulary: set[str] = set()
    for t in things.values():
        vocabulary |= t.words
        for topic in t.topics:
            vocabulary |= topic.words
    for r in rooms.values():
        vocabulary |= words_of(r.title)
    assert start.player_room is not None
    world = World(
        pack_id=pack.id, title=pack.title, version=pack.version, authors=tuple(pack.authors),
        languages=tuple(pack.languages), start_level=pack.start,
        start_room=start.gid(start.player_room), levels=levels, rooms=rooms, things=things,
        endings={k: Ending(k, e.title, e.text) for k, e in pack.endings.items()},
        description=pack.description, credits=pack.credits,
        max_score=sum(b.points for b in builders), vocabulary=frozenset(vocabulary),
        player_name=start.player_name, player_description=start.player_text,
    )
    return world, c.problems
