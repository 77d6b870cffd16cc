"""Building one level from its Tiled map and its text: rooms, things, exits, rules and events,
with every name resolved to a global id and every mistake reported once."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace as _replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.engine import logic as L
from game.engine.actions import PACK_ACTIONS
from game.engine.world import (
    ANY,
    DIRECTIONS,
    OPPOSITE,
    PLAYER,
    ErasurePlan,
    Event,
    Exit,
    Hint,
    Kind,
    Room,
    Rule,
    Text,
    Thing,
    Topic,
    Variant,
)
from game.packs import geometry as G
from game.packs import models as M
from game.packs import tiled_types as T
from game.packs.problems import Severity
from game.packs.report import (
    Collector,
    bare_or_quoted,
    closest_name,
    display_path,
    explain,
    quote,
    read_toml,
)
from game.packs.source import PackSource, SourceFile, as_source
from game.packs.texts import LevelText, read_level_text
from game.packs.tmx import (
    MapData,
    MapError,
    MapObject,
    level_map,
    other_level_maps,
    read_map,
)
from game.packs.voice import check_messages

RULE_ACTIONS = PACK_ACTIONS
MAX_NAMED_DEPTH = 32  # a named condition uses others at most this deep: no runaway recursion
HOLDERS = (Kind.CONTAINER, Kind.SUPPORTER, Kind.PERSON)
_WORD = re.compile(r"[a-z0-9]+")
_ARTICLES = {"the", "a", "an", "some"}


def words_of(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _ARTICLES}


# -- the level builder ---------------------------------------------------------------------------
class LevelBuilder:
    """Builds one level's rooms, things and rules, resolving names to global ids."""

    def __init__(self, root: Path | PackSource, entry: M.LevelEntry, c: Collector,
                 endings: set[str], is_start: bool,
                 level_ids: frozenset[str] = frozenset()) -> None:
        self.root = root
        self.level_ids = level_ids  # the pack's levels, for { enter = "L" }
        self.keepsakes: set[str] = set()  # the pack's keepsakes (set by the loader)
        self.verb_actions: frozenset[str] = frozenset()  # the pack's [[verbs]] (the loader)
        self.cross_refs: list[tuple[str, str, tuple[str, ...]]] = []
        self.erasure_plan: ErasurePlan | None = None
        self.source = as_source(root)  # every file is read through it
        self.entry = entry
        self.c = c
        self.endings = endings
        self.is_start = is_start
        self.map_name = level_map(self.source, entry.id)  # the files' names in the pack
        self.text_name = f"{entry.id}.toml"
        # how problems name them (for a zip, "pack.zip:kitchen.tmx", not a file on disk)
        self.map_path = self.source.path_of(self.map_name)
        self.text_path: Path = self.source.path_of(self.text_name)
        self.rooms: dict[str, Room] = {}
        self.things: dict[str, Thing] = {}
        self.player_name = "Joel"
        self.player_room: str | None = None
        self.player_text: Text = ()
        self.rules: list[Rule] = []
        self.events: list[Event] = []
        self.hints: list[Hint] = []
        self.intro = ""
        self.intro_text: Text = ()
        self.points = 0
        self.goto_targets: set[str] = set()
        self._names: dict[str, str] = {}  # object name -> "room", "thing" or "player"
        self._kinds: dict[str, Kind] = {}  # thing name -> its class, when the class is known
        self._props: dict[str, M.ThingProps] = {}
        self.room_objs: list[MapObject] = []
        self.exits_broken = False  # a Door or Passage had a problem: reachability is unsure
        self._keyless: list[MapObject] = []  # locked at the start, and no key opens them
        self._unlocked: set[str] = set()  # things an effect unlocks or opens
        self._opened: set[str] = set()  # things an effect opens
        self._revealed: set[str] = set()  # things an effect reveals or moves
        self._objs: dict[str, MapObject] = {}  # the things' map objects, by name
        # named conditions: the level's own, then the pack's (set by the loader); None: the
        # definition is broken and reported already
        self.pack_conditions: dict[str, Any] = {}
        self.pack_path: Path = Path("pack.toml")
        self._level_conditions: dict[str, Any] = {}
        self._named: dict[str, L.Condition] = {}
        self._resolving: list[str] = []
        self.messages: dict[str, str | Text] = {}
        self.pack_messages: dict[str, Any] = {}  # the pack's messages that vary (set by loader)
        self._messages: dict[str, Any] = {}  # the level's, checked, compiled in _logic
        self._darkness: dict[str, tuple[Any, str]] = {}  # room -> its "dark", compiled later
        self._lights: dict[str, tuple[Any, str]] = {}  # thing -> its "lit"

    def gid(self, name: str) -> str:
        return f"{self.entry.id}/{name}"

    def build(self) -> None:
        for other in other_level_maps(self.source, self.entry.id, self.map_name):
            self.c.warn(self.source.path_of(other), "",
                        f"the level {self.entry.id} has two maps; the game reads "
                        f"{self.map_name}, not this one",
                        f"delete {other}, or {self.map_name} if {other} is the one you draw")
        try:
            data: MapData | None = read_map(self.source, self.map_name)
        except MapError as exc:
            for issue in exc.issues:
                self.c.error(self.map_path, issue.where, issue.message, issue.fix)
            data = None
        raw = read_toml(SourceFile(self.source, self.text_name), self.c,
                         f"create {self.text_name} next to pack.toml, with the texts of "
                         f"the level (see levels/README.md)")
        text = read_level_text(raw, self.text_path, self.c)
        self._level_conditions = text.conditions
        self._messages = check_messages(text.messages, self.text_path, self.c)
        if data is None:
            return
        for issue in data.issues:
            self.c.error(self.map_path, issue.where, issue.message, issue.fix)
        objs = self._objects(data)
        if objs is None:
            return
        room_objs, thing_objs, player = objs
        self.room_objs = room_objs
        self._rooms(room_objs, text)
        self._things(thing_objs, player, text)
        self._check_text_keys(text)
        self._exits(thing_objs, room_objs)
        self._logic(text)
        self._reachable(room_objs)
        self._erasure(text)

    # -- map objects ---------------------------------------------------------------------------
    def _layer_missing(self, data: MapData, needed: str, what: str) -> None:
        path = self.map_path
        same = [(k, n) for k, n in data.layers if n == needed]
        if same:
            kind = {"layer": "a tile layer", "imagelayer": "an image layer",
                    "group": "a group layer"}.get(same[0][0], same[0][0])
            self.c.error(path, f'layer "{needed}"',
                         f'the layer "{needed}" is {kind}, not an object layer',
                         f'in Tiled add an object layer (Layer > New > Object Layer) named '
                         f'"{needed}" and draw {what} in it')
            return
        alike = [n for k, n in data.layers if k == "objectgroup"
                 and n.strip().lower() == needed]
        fix = f'add an object layer named "{needed}" in Tiled (Layer > New > Object Layer) ' \
              f"with {what} in it"
        if alike:
            fix = f'rename the layer "{alike[0]}" to "{needed}" (layer names are case-sensitive)'
        self.c.error(path, "", f'the map has no object layer named "{needed}"', fix)

    def _objects(
        self, data: MapData
    ) -> tuple[list[MapObject], list[MapObject], MapObject | None] | None:
        c, path = self.c, self.map_path
        layer_names = {name for kind, name in data.layers if kind == "objectgroup"}
        ok = True
        for needed, what in (("rooms", "the rooms"), ("things", "the things")):
            if needed not in layer_names:
                self._layer_missing(data, needed, what)
                ok = False
        if not ok:
            return None
        room_objs = [o for o in data.objects if o.layer == "rooms"]
        thing_objs = [o for o in data.objects if o.layer == "things"]
        if not room_objs:
            c.error(path, 'layer "rooms"', 'the layer "rooms" has no objects',
                    "draw a rectangle or polygon in it for each room, and name it")
            return None
        seen: dict[str, MapObject] = {}
        player: MapObject | None = None
        for o in room_objs + thing_objs:
            if not o.name.strip():
                c.error(path, o.label(), "the object has no name",
                        "give it a name in Tiled's Properties panel")
                continue
            if o.name != o.name.strip():
                c.error(path, o.label(), "the name begins or ends with a space",
                        f'rename it to "{o.name.strip()}"')
            if o.name in seen:
                first = seen[o.name]
                c.error(path, o.label(), f'the name "{o.name}" is also used by '
                        f"object {first.id} (layer {first.layer})",
                        "names must be unique in a level; rename one of them")
                continue
            if o.name.lower() == PLAYER:
                c.error(path, o.label(), f'"{o.name}" is a reserved name',
                        'rename the object ("player" always means Joel in the texts)')
                continue
            seen[o.name] = o
        rooms = [o for o in room_objs if seen.get(o.name) is o]
        for o in rooms:
            self._names[o.name] = "room"
            if o.cls not in ("", "Room"):
                fix = 'leave the class empty or set it to "Room"'
                if o.cls in M.THING_CLASSES:
                    fix += '; things go in the layer "things"'
                c.error(path, o.label(), f'a room has the class "{o.cls}"', fix)
            if o.point or len(o.shape) < 3:
                c.error(path, o.label(), "a room must be a rectangle or a polygon, not a point",
                        "draw the room as a rectangle or polygon")
            elif not o.closed:
                c.error(path, o.label(), "a room must be a rectangle or a polygon, not a "
                        "polyline (an open line)", "draw the room as a closed polygon")
            elif G.area(o.shape) == 0:
                c.error(path, o.label(), "the room has no area",
                        "draw the room as a rectangle or polygon with a size")
            if o.properties:
                names = ", ".join(f'"{k}"' for k in o.properties)
                c.warn(path, o.label(), f"rooms have no properties; {names} is ignored",
                       "remove the property")
        for i, a in enumerate(rooms):
            for b in rooms[i + 1:]:
                if a.closed and b.closed and G.overlap(a.shape, b.shape):
                    c.error(path, b.label(), f'the room overlaps the room "{a.name}" '
                            f"(object {a.id})", "rooms may share a border but not overlap; "
                            "move their edges so that they only touch")
        things = []
        for o in thing_objs:
            if seen.get(o.name) is not o:
                continue
            self._names[o.name] = "thing"
            if o.cls and o.cls not in M.THING_CLASSES and o.cls != "Room":
                guess = closest_name(o.cls, M.THING_CLASSES)
                c.error(path, o.label(), f'unknown class "{o.cls}"',
                        (f'did you mean "{guess}"? ' if guess else "")
                        + f"the classes are: {', '.join(M.THING_CLASSES)}")
                continue
            if o.cls == "Room":
                c.error(path, o.label(), 'an object of the class "Room" is in the layer '
                        '"things"', 'move it to the layer "rooms", or give it the class of '
                        "a thing")
                continue
            if o.cls == "Player":
                if player is not None:
                    c.error(path, o.label(), "there is more than one Player object "
                            f"(the other is object {player.id})", "keep only one")
                    continue
                player = o
                self._names[o.name] = "player"
                if o.properties:
                    names = ", ".join(f'"{k}"' for k in o.properties)
                    c.warn(path, o.label(), f"the Player has no properties; {names} is "
                           "ignored", "remove the property")
                continue
            self._kinds[o.name] = Kind(o.cls or "Item")
            things.append(o)
        if self.is_start and player is None:
            c.error(path, 'layer "things"', "the start level has no Player object",
                    'add a point object with the class "Player" in the layer "things" where '
                    "Joel starts")
        return rooms, things, player

    def _room_at(self, o: MapObject, rooms: list[MapObject], not_: str | None = None
                 ) -> str | None:
        """The room the object's centre is in; ``not_``: a door leading to that room, on its
        border, is in the other room."""
        p = o.centre
        hits = [r for r in rooms if G.contains(r.shape, p)]
        inside = [r for r in hits if not G.on_boundary(r.shape, p)]
        hits = inside or hits
        if len(hits) > 1 and not_ is not None:
            hits = [r for r in hits if r.name != not_] or hits
        if len(hits) == 1:
            return hits[0].name
        if not hits:
            self.c.error(self.map_path, o.label(), "it is outside every room",
                         "move it inside the room where Joel starts" if o.cls == "Player"
                         else 'move it inside a room, or give it the property "in"')
        else:
            names = " and ".join(f'"{r.name}"' for r in hits)
            where = "on the border of" if not inside else "in"
            self.c.error(self.map_path, o.label(), f"it lies {where} more than one room "
                         f"({names})", "move it so that its centre is inside one room")
        return None

    def _rooms(self, room_objs: list[MapObject], text: LevelText) -> None:
        for o in room_objs:
            rt = text.rooms.get(o.name, M.RoomText())
            key = f"rooms.{quote(o.name)}"
            broken = o.name in text.room_keys and o.name not in text.rooms
            if not rt.description and text.read and not broken:
                self.c.warn(self.text_path, key, "the room has no description",
                            f'add [{key}] description = "..."')
            title_text = self._text(rt.title, key + ".title") if isinstance(rt.title, list) \
                else ()
            plain = next((v.text for v in reversed(title_text) if v.when is None), o.name)
            self.rooms[o.name] = Room(
                id=self.gid(o.name), name=o.name, level=self.entry.id,
                title=rt.title if isinstance(rt.title, str) and rt.title else plain,
                description=self._text(rt.description, key + ".description"),
                shape=o.shape, stage_texts=_stage_texts(rt.stages), title_text=title_text,
                details=self._details(rt.details, key + ".details"),
            )
            self._darkness[o.name] = (rt.dark, key + ".dark")

    def _details(self, details: dict[str, str], where: str
                 ) -> tuple[tuple[frozenset[str], str], ...]:
        """A room's details: the words of each key (checked: some, and text to say)."""
        out: list[tuple[frozenset[str], str]] = []
        for key, text in details.items():
            words = frozenset(words_of(key))
            if not words:
                self.c.error(self.text_path, f"{where}.{quote(key)}",
                             "the detail has no words a player could type",
                             'name it with words, like "pizza menu" = "..."')
            elif not text.strip():
                self.c.error(self.text_path, f"{where}.{quote(key)}", "the detail has no text",
                             "write what EXAMINE says of it")
            else:
                out.append((words, text))
        return tuple(out)

    def _read_props(self, o: MapObject) -> M.ThingProps | None:
        try:
            # Tiled stores only the properties an author changed: the class gives the rest
            return M.ThingProps.model_validate(T.with_defaults(o.cls or "Item", o.properties))
        except ValidationError as exc:
            allowed = [f.alias or n for n, f in M.ThingProps.model_fields.items()]
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else ""
                if err["type"] == "extra_forbidden":
                    guess = closest_name(key, allowed)
                    self.c.error(self.map_path, o.label(), f'unknown property "{key}"',
                                 (f'did you mean "{guess}"? ' if guess else "remove it; ")
                                 + f"the properties of things are: {', '.join(allowed)}")
                else:
                    message, fix = explain(err, tiled=True)
                    self.c.error(self.map_path, o.label(), f'property "{key}": {message}', fix)
            return None

    def _things(self, thing_objs: list[MapObject], player: MapObject | None,
                text: LevelText) -> None:
        room_objs = self.room_objs
        self._objs = {o.name: o for o in thing_objs}
        if player is not None:
            self.player_name = player.name
            self.player_room = self._room_at(player, room_objs)
            pt = text.things.get(player.name)
            if pt is not None:
                self.player_text = self._text(pt.description,
                                              f"things.{quote(player.name)}.description")
        for o in thing_objs:
            props = self._read_props(o)
            if props is None:
                if self._kinds[o.name] in (Kind.DOOR, Kind.PASSAGE):
                    self.exits_broken = True
            else:
                self._props[o.name] = props
        self._check_containment(thing_objs)
        for o in thing_objs:
            props = self._props.get(o.name)
            if props is None:
                continue
            kind = self._kinds[o.name]
            tt = text.things.get(o.name, M.ThingText())
            key_path = f"things.{quote(o.name)}"
            location = self._location(o, props, kind, room_objs)
            if location is None:
                if kind in (Kind.DOOR, Kind.PASSAGE):
                    self.exits_broken = True
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
            broken = o.name in text.thing_keys and o.name not in text.things
            if not tt.description and kind is not Kind.PASSAGE and text.read and not broken:
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
            if props.key is not None and self._names.get(props.key) != "thing":
                self.c.error(self.map_path, o.label(),
                             f'its key "{props.key}" is not a thing of this level',
                             self._suggest(props.key, ("thing",)))
            if props.locked and props.key is None:
                self._keyless.append(o)  # a warning, unless a rule unlocks it (see _logic)
            gender = props.gender or ("they" if kind is Kind.PERSON else "it")
            if tt.sprite is not None and kind is not Kind.PERSON:
                self.c.error(self.text_path, key_path + ".sprite",
                             f"only a Person has a sprite, and this is a {kind.value}",
                             f"remove [{key_path}] sprite")
            self.things[o.name] = Thing(
                id=self.gid(o.name), name=name, level=self.entry.id, kind=kind,
                article=article, words=frozenset(words),
                description=self._text(tt.description, key_path + ".description"),
                location=location, portable=portable, hidden=props.hidden, worn=props.worn,
                wearable=props.wearable, edible=props.edible, drinkable=props.drinkable,
                switchable=props.switchable, on=props.switchable and props.on,
                at=o.centre,
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
                survives=props.survives, stage_texts=_stage_texts(tt.stages),
                companion=props.companion if kind is Kind.PERSON else None,
                volunteers=self._text(tt.volunteer, key_path + ".volunteer"),
                sprite=tt.sprite if kind is Kind.PERSON else None,
                search=self._text(tt.search, key_path + ".search") if tt.search else None,
            )
            self._lights[o.name] = (tt.lit, key_path + ".lit")

    def _check_containment(self, thing_objs: list[MapObject]) -> None:
        """Things inside each other in a circle can't be placed anywhere."""
        holder = {name: p.in_ for name, p in self._props.items() if p.in_ is not None}
        by_name = {o.name: o for o in thing_objs}
        reported: set[str] = set()
        for o in thing_objs:
            chain = [o.name]
            here = holder.get(o.name)
            while here is not None and here in holder and here not in chain:
                chain.append(here)
                here = holder.get(here)
            if here is not None and here in chain and here not in reported:
                loop = [*chain[chain.index(here):], here]
                reported.update(loop)
                if len(loop) == 2:
                    continue  # inside itself: reported by _location
                self.c.error(self.map_path, by_name[loop[0]].label(),
                             "things are inside each other in a "
                             "circle: " + " in ".join(f'"{n}"' for n in loop),
                             'change the property "in" of one of them')
                for name in loop:
                    self._props.pop(name, None)

    def _location(self, o: MapObject, props: M.ThingProps, kind: Kind,
                  rooms: list[MapObject]) -> str | None:
        if props.in_ is not None:
            holder = props.in_
            if kind in (Kind.DOOR, Kind.PASSAGE):
                self.c.error(self.map_path, o.label(), f'a {kind.value.lower()} can\'t be '
                             f'inside something (it has "in" = "{holder}")',
                             'remove the property "in"; place it on the border of two rooms')
                return None
            if holder == self.player_name:
                return PLAYER
            if self._names.get(holder) == "room":
                return self.gid(holder)
            if self._names.get(holder) != "thing":
                self.c.error(self.map_path, o.label(),
                             f'"in" names "{holder}", which is not a thing of this level',
                             self._suggest(holder, ("thing", "player", "room")))
                return None
            if holder == o.name:
                self.c.error(self.map_path, o.label(), "it is inside itself",
                             'change the property "in"')
                return None
            holder_kind = self._kinds.get(holder)
            if holder_kind is not None and holder_kind not in HOLDERS:
                self.c.error(self.map_path, o.label(),
                             f'"in" names "{holder}", which is {_a(holder_kind.value)}: '
                             "only a Container, a Supporter, a Person or the Player holds "
                             "things", f'give "{holder}" the class Container or Supporter, '
                             'or change "in"')
                return None
            return self.gid(holder)
        if kind in (Kind.DOOR, Kind.PASSAGE) and props.to is None:
            return ""  # placed by _exits once the rooms it joins are known
        room = self._room_at(o, rooms, props.to)
        return self.gid(room) if room else None

    def _suggest(self, name: str, kinds: tuple[str, ...]) -> str:
        pool = [n for n, k in self._names.items() if k in kinds]
        guess = closest_name(name, pool)
        if guess:
            return f'did you mean "{guess}"?'
        what = " or ".join(k for k in kinds if k != "player")
        return f"use the name of a {what} in the map (its Name in Tiled)"

    def _check_text_keys(self, text: LevelText) -> None:
        for name in text.room_keys:
            if self._names.get(name) != "room":
                where = f"rooms.{quote(name)}"
                if self._names.get(name) in ("thing", "player"):
                    self.c.error(self.text_path, where, f'"{name}" is a thing, not a room',
                                 f"write its texts under [things.{quote(name)}]")
                else:
                    self.c.error(self.text_path, where,
                                 f'there is no room "{name}" in {self.map_name}',
                                 self._suggest(name, ("room",)))
        for name in text.thing_keys:
            if self._names.get(name) not in ("thing", "player"):
                where = f"things.{quote(name)}"
                if self._names.get(name) == "room":
                    self.c.error(self.text_path, where, f'"{name}" is a room, not a thing',
                                 f"write its texts under [rooms.{quote(name)}]")
                else:
                    self.c.error(self.text_path, where,
                                 f'there is no thing "{name}" in {self.map_name}',
                                 self._suggest(name, ("thing", "player")))

    # -- exits ---------------------------------------------------------------------------------
    def _exits(self, thing_objs: list[MapObject], room_objs: list[MapObject]) -> None:
        exits: dict[str, list[Exit]] = {r: [] for r in self.rooms}
        by_name = {o.name: o for o in room_objs}
        for o in thing_objs:
            t = self.things.get(o.name)
            if t is None or not t.is_door:
                continue
            props = self._props[o.name]
            if props.to is not None:
                joined = self._explicit_exit(o, props, t, room_objs, exits)
            else:
                joined = self._border_exit(o, props, t, room_objs, exits)
            if joined:
                a, _ = joined
                self.things[o.name] = _replace(t, location=self.gid(a),
                                               connects=tuple(self.gid(r) for r in joined))
            else:
                self.exits_broken = True
                del self.things[o.name]
        for name, room in self.rooms.items():
            seen: dict[str, Exit] = {}
            for e in exits[name]:
                if e.direction in seen and seen[e.direction].to != e.to:
                    first = seen[e.direction]
                    vias = " and ".join(f'"{v.split("/", 1)[1]}"'
                                        for v in (first.via, e.via) if v)
                    self.c.error(self.map_path, by_name[name].label(),
                                 f"two exits lead {e.direction} from the room ({vias})",
                                 'move one of them, or give it the property "direction"')
                seen[e.direction] = e
            self.rooms[name] = _replace(room, exits=tuple(seen.values()))

    def _inside(self, o: MapObject, props: M.ThingProps, t: Thing, a: str, b: str,
                exits: dict[str, list[Exit]]) -> bool:
        if props.inside is None:
            return True
        if props.inside not in (a, b):
            self.c.error(self.map_path, o.label(),
                         f'"inside" names "{props.inside}", which this '
                         f"{t.kind.value.lower()} does not join",
                         f'use "{a}" or "{b}"')
            return False
        inner, outer = (a, b) if props.inside == a else (b, a)
        exits[outer].append(Exit("in", self.gid(inner), t.id))
        exits[inner].append(Exit("out", self.gid(outer), t.id))
        return True

    def _explicit_exit(self, o: MapObject, props: M.ThingProps, t: Thing,
                       room_objs: list[MapObject], exits: dict[str, list[Exit]]
                       ) -> tuple[str, str] | None:
        here = t.location.split("/", 1)[1] if t.location else None
        to = props.to or ""
        if self._names.get(to) != "room":
            self.c.error(self.map_path, o.label(),
                         f'it leads to "{to}", which is not a room of this level',
                         self._suggest(to, ("room",)))
            return None
        if props.direction is None:
            self.c.error(self.map_path, o.label(), f'it leads to "{to}" but has no direction',
                         'add the property "direction" (up, down, in, out, north, ...)')
            return None
        if here is None or here not in self.rooms:
            return None
        if here == to:
            self.c.error(self.map_path, o.label(), f'it is in "{here}" and leads to "{to}": '
                         "a room can't lead to itself",
                         'put it inside the room it leads from, or change "to"')
            return None
        d = props.direction
        exits[here].append(Exit(d, self.gid(to), t.id))
        exits[to].append(Exit(OPPOSITE[d], self.gid(here), t.id))
        if not self._inside(o, props, t, here, to, exits):
            return None
        return here, to

    def _border_exit(self, o: MapObject, props: M.ThingProps, t: Thing,
                     room_objs: list[MapObject], exits: dict[str, list[Exit]]
                     ) -> tuple[str, str] | None:
        p = o.centre
        tolerance = max(4.0, o.size / 2)
        touching = [r for r in room_objs if G.distance_to_boundary(r.shape, p) <= tolerance
                    or G.contains(r.shape, p)]
        if len(touching) != 2:
            names = ", ".join(f'"{r.name}"' for r in touching) or "no room"
            what = t.kind.value.lower()
            self.c.error(self.map_path, o.label(),
                         f"a {what} must sit on the border of exactly two rooms "
                         f"(it touches {names})",
                         "move it onto the wall the two rooms share, or give it the "
                         'properties "to" and "direction"')
            return None
        a, b = touching
        da = props.direction or G.wall_direction(a.shape, p)
        db = OPPOSITE[da] if props.direction else G.wall_direction(b.shape, p)
        exits[a.name].append(Exit(da, self.gid(b.name), t.id))
        exits[b.name].append(Exit(db, self.gid(a.name), t.id))
        if not self._inside(o, props, t, a.name, b.name, exits):
            return None
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
        level, _, rest = name.partition("/")
        if rest and level in self.level_ids and level != self.entry.id:
            # a thing or room of another level ("bookstore/necklace"): checked by the loader
            # once every level is built (play loads levels one at a time)
            self.cross_refs.append((where, name, kinds))
            return name
        what = " or ".join(k for k in kinds if k != "player")
        actual = self._names.get(name)
        level = "this level" if self.text_path != self.pack_path else \
            f'the level "{self.entry.id}" (where it is used)'
        message = f'"{name}" is not a {what} of {level}'
        if actual is not None:
            message = f'"{name}" is a {actual}, not a {what}'
        fix = self._suggest(name, kinds)
        if "/" not in name and not fix.startswith("did you mean"):
            fix += ' (a thing of another level is written "LEVEL/NAME")'
        self.c.error(self.text_path, where, message, fix)
        return self.gid(name)

    def _cond(self, cond: M.Condition | str, where: str) -> L.Condition:
        t, r = ("thing",), ("room",)
        if isinstance(cond, str):
            return self._named_condition(cond, where)
        if cond.dark is not None:
            return L.IsDark(self._ref(cond.dark, r, where + ".dark"))
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
                          ("on", L.IsOn), ("present", L.Present), ("moved", L.Moved)):
            value = getattr(cond, attr)
            if value is not None:
                return cls(self._ref(value, t, f"{where}.{attr}"))
        if cond.level is not None:
            return L.InLevel(self._level_ref(cond.level, where + ".level"))
        if cond.turn is not None:
            return L.TurnAtLeast(cond.turn)
        if cond.level_turns is not None:
            return L.LevelTurnsAtLeast(cond.level_turns)
        if cond.arrived is not None:
            if cond.arrived in self.level_ids:
                return L.Arrived(cond.arrived)
            return L.Arrived(self._ref(cond.arrived, r, where + ".arrived"))
        if cond.counter is not None:
            return L.CounterBetween(cond.counter, cond.min, cond.max)
        if cond.companion is not None:
            return L.WithJoel(cond.companion)
        if cond.keepsake is not None:
            self._keepsake_ref(cond.keepsake, where + ".keepsake")
            return L.HasKeepsake(cond.keepsake)
        if cond.stage is not None:
            return L.StageAtLeast(self._ref(cond.stage, r, where + ".stage"),
                                  M.STAGE_NAMES.index(cond.at_least or "vivid"))
        if cond.all is not None:
            return L.AllOf(tuple(self._cond(x, f"{where}.all[{i}]")
                                 for i, x in enumerate(cond.all)))
        if cond.any is not None:
            return L.AnyOf(tuple(self._cond(x, f"{where}.any[{i}]")
                                 for i, x in enumerate(cond.any)))
        assert cond.not_ is not None
        return L.Not(self._cond(cond.not_, where + ".not"))

    def _say(self, text: M.Text, where: str) -> L.Effect:
        if isinstance(text, str):
            return L.Say(text)
        return L.SayText(self._text(text, where))

    def _effects(self, say: M.Text | None, effects: list[M.Effect], where: str
                 ) -> tuple[L.Effect, ...]:
        out: list[L.Effect] = [self._say(say, where + ".say")] if say else []
        t = ("thing",)
        for i, e in enumerate(effects):
            w = f"{where}.do[{i}]"
            kind = e.kind()
            if kind == "say":
                out.append(self._say(e.say or "", w + ".say"))
            elif kind in ("set", "clear"):
                out.append(L.SetFlag(getattr(e, kind), kind == "set"))
            elif kind == "move":
                self._revealed.add(e.move or "")
                if e.move == e.to:
                    self.c.error(self.text_path, w + ".to",
                                 f'it moves "{e.move}" into itself',
                                 "move it into a room, a container, a supporter, or the player")
                    continue
                out.append(L.Move(self._ref(e.move or "", t, w + ".move"),
                                  self._ref(e.to or "", ("thing", "room", "player"), w + ".to")))
            elif kind == "reveal":
                self._revealed.add(e.reveal or "")
                out.append(L.Reveal(self._ref(e.reveal or "", t, w + ".reveal")))
            elif kind == "remove":
                out.append(L.Remove(self._ref(e.remove or "", t, w + ".remove")))
            elif kind in ("open", "close"):
                if kind == "open":
                    self._unlocked.add(e.open or "")
                    self._opened.add(e.open or "")
                target = self._ref(getattr(e, kind), t, f"{w}.{kind}")
                out.append(L.SetOpen(target, kind == "open"))
            elif kind in ("lock", "unlock"):
                if kind == "unlock":
                    self._unlocked.add(e.unlock or "")
                target = self._ref(getattr(e, kind), t, f"{w}.{kind}")
                out.append(L.SetLocked(target, kind == "lock"))
            elif kind == "points":
                out.append(L.Points(e.points or 0))
                self.points += max(0, e.points or 0)
            elif kind == "go":
                room = self._ref(e.go or "", ("room",), w + ".go")
                self.goto_targets.add(e.go or "")
                out.append(L.GoTo(room))
            elif kind == "voice":
                out.append(L.Voice(e.voice or ""))
            elif kind == "add":
                out.append(L.AddCounter(e.add or "", 1 if e.by is None else e.by))
            elif kind == "keepsake":
                self._keepsake_ref(e.keepsake or "", w + ".keepsake")
                out.append(L.Keepsake(e.keepsake or ""))
            elif kind == "pace":
                level = self._level_ref(e.level, w + ".level") if e.level else None
                out.append(L.SetPace(level, e.pace or 1))
            elif kind in ("pause", "resume"):
                level = self._level_ref(getattr(e, kind), f"{w}.{kind}")
                out.append(L.PauseErasure(level, kind == "pause"))
            elif kind == "erase":
                out.append(L.EraseLevel(self._level_ref(e.erase or "", w + ".erase")))
            elif kind == "enter":
                if self.level_ids and e.enter not in self.level_ids:
                    guess = closest_name(e.enter or "", self.level_ids)
                    self.c.error(self.text_path, w + ".enter",
                                 f'there is no level "{e.enter}" in pack.toml',
                                 f'did you mean "{guess}"?' if guess else
                                 f"use one of: {', '.join(sorted(self.level_ids))}")
                out.append(L.EnterLevel(e.enter or ""))
            elif kind == "end":
                if e.end not in self.endings:
                    guess = closest_name(e.end or "", self.endings)
                    known = ", ".join(sorted(self.endings)) or "none yet"
                    self.c.error(self.text_path, w + ".end",
                                 f'there is no ending "{e.end}" in pack.toml',
                                 f'did you mean "{guess}"?' if guess else
                                 f"add [endings.{bare_or_quoted(e.end or '')}] to pack.toml, "
                                 f"or use one of its endings ({known})")
                out.append(L.End(e.end or ""))
        return tuple(out)

    def _logic(self, text: LevelText) -> None:
        intro = text.level.intro
        self.intro = intro if isinstance(intro, str) else ""
        self.intro_text = self._text(intro, "level.intro") if isinstance(intro, list) else ()
        for name in text.conditions:  # every named condition is checked, used or not
            self._named_condition(name, f"conditions.{quote(name)}")
        self._light_and_darkness()
        self._compile_messages()
        for i, r in text.rules:
            rule = self._rule(i, r)
            if rule is not None:
                self.rules.append(rule)
        for i, e in text.events:
            where = f"events[{i}]"
            self.events.append(Event(f"{self.entry.id}:event{i}",
                                     self._cond(e.when, where + ".when"),
                                     self._effects(e.say, e.do, where), e.once))
        for i, h in text.hints:
            when = self._cond(h.when, f"hints[{i}].when") if h.when else None
            self.hints.append(Hint(self._text(h.text, f"hints[{i}].text"), when))
        for o in self._keyless:
            if o.name not in self._unlocked:
                self.c.warn(self.map_path, o.label(), "it is locked, has no key, and no rule "
                            "unlocks it", 'give it the property "key", or unlock it with a '
                            f'rule (do = [ {{ unlock = {quote(o.name)} }} ])')
        self._unseen(text)

    # -- rules: actions lists, "any action" with exceptions, precedence ------------------------
    def _rule(self, i: int, r: M.RuleEntry) -> Rule | None:
        """One ``[[rules]]`` entry, its names resolved; None when it can't be used."""
        where = f"rules[{i}]"
        actions = [r.action] if isinstance(r.action, str) else list(r.action)
        ok = bool(actions)
        if not actions:
            self.c.error(self.text_path, where + ".action", "the list of actions is empty",
                         'name at least one action, or "*" for any')
        for j, a in enumerate(actions):
            at = where + ".action" + (f"[{j}]" if isinstance(r.action, list) else "")
            if a == ANY and len(actions) > 1:
                self.c.error(self.text_path, at, '"*" (any action) stands alone',
                             'write action = "*" and list the exceptions in except = [...]')
                ok = False
            elif a != ANY and a not in RULE_ACTIONS and a not in self.verb_actions:
                guess = closest_name(a, RULE_ACTIONS | self.verb_actions)
                self.c.error(self.text_path, at, f'unknown action "{a}"',
                             f'did you mean "{guess}"?' if guess else
                             "see the list of actions in levels/README.md")
                ok = False
        if not ok:
            return None
        any_action = actions == [ANY]
        only_go = all(a == "go" for a in actions)
        except_actions: set[str] = set()
        except_nouns: set[str] = set()
        if r.except_ is not None:
            if any_action == (r.object == ANY):
                self.c.error(self.text_path, where + ".except",
                             '"except" goes with action = "*" or object = "*" (one of them)',
                             'write action = "*", except = ["look"] (any action but LOOK), or '
                             'object = "*", except = ["north"]')
                return None
            for j, x in enumerate(r.except_):
                at = f"{where}.except[{j}]"
                if any_action:
                    if x not in RULE_ACTIONS and x not in self.verb_actions:
                        guess = closest_name(x, RULE_ACTIONS | self.verb_actions)
                        self.c.error(self.text_path, at, f'unknown action "{x}"',
                                     f'did you mean "{guess}"?' if guess else
                                     "see the list of actions in levels/README.md")
                    except_actions.add(x)
                elif only_go:
                    except_nouns.add(self._direction(x, at))
                else:
                    except_nouns.add(self._ref(x, ("thing", "player"), at))
        noun: str | None = None
        if r.object == ANY:
            noun = ANY
        elif r.object is not None:
            if only_go:
                noun = self._direction(r.object, where + ".object")
            elif "go" in actions:
                self.c.error(self.text_path, where + ".object",
                             "for go the object is a direction, for the other actions a thing",
                             "write the rule for go on its own")
                return None
            else:
                noun = self._ref(r.object, ("thing", "player"), where + ".object")
        second = self._ref(r.second, ("thing", "player"), where + ".second") \
            if r.second else None
        when = self._cond(r.when, where + ".when") if r.when is not None else None
        effects = self._effects(r.say, r.do, where)
        if not effects:
            self.c.warn(self.text_path, where, "the rule says and does nothing",
                        'add "say" or "do"')
        return Rule(f"{self.entry.id}:rule{i}", actions[0], r.phase, effects, noun, second,
                    when, r.once, frozenset(actions), frozenset(except_actions),
                    frozenset(except_nouns), i)

    def _direction(self, word: str, where: str) -> str:
        if word not in DIRECTIONS:
            guess = closest_name(word, DIRECTIONS)
            self.c.error(self.text_path, where, f'"{word}" is not a direction',
                         (f'did you mean "{guess}"? ' if guess else "")
                         + f"use one of {', '.join(DIRECTIONS)}")
        return word

    # -- named conditions ------------------------------------------------------------------------
    def _named_condition(self, name: str, where: str) -> L.Condition:
        """A condition by its name: the level's ``[conditions]`` first, then the pack's;
        compiled once (a pack's in the terms of this level), and never in a circle."""
        if name in self._named:
            return self._named[name]
        if name in self._resolving:
            loop = [*self._resolving[self._resolving.index(name):], name]
            self.c.error(self.text_path if name in self._level_conditions else self.pack_path,
                         f"conditions.{quote(name)}",
                         "named conditions refer to each other in a circle: "
                         + " -> ".join(f'"{n}"' for n in loop),
                         "make one of them a condition of its own, not a name")
            return _ALWAYS
        if name in self._level_conditions:
            body, file = self._level_conditions[name], self.text_path
        elif name in self.pack_conditions:
            body, file = self.pack_conditions[name], self.pack_path
        else:
            pool = [*self._level_conditions, *self.pack_conditions]
            guess = closest_name(name, pool)
            self.c.error(self.text_path, where, f'there is no condition named "{name}"',
                         f'did you mean "{guess}"?' if guess else
                         f"define it in [conditions] ({quote(name)} = {{ flag = \"...\" }}), "
                         "in this file or in pack.toml")
            self._named[name] = _ALWAYS
            return _ALWAYS
        if body is None:  # its definition is broken, and reported
            self._named[name] = _ALWAYS
            return _ALWAYS
        if len(self._resolving) >= MAX_NAMED_DEPTH:
            self.c.error(self.text_path, where, f"named conditions use each other more than "
                         f"{MAX_NAMED_DEPTH} deep (through \"{self._resolving[0]}\")",
                         "write some of them out instead of naming them")
            self._named[name] = _ALWAYS
            return _ALWAYS
        self._resolving.append(name)
        saved = self.text_path
        self.text_path = file  # a pack's condition is reported in pack.toml
        try:
            compiled = self._cond(body, f"conditions.{quote(name)}")
        finally:
            self.text_path = saved
            self._resolving.pop()
        self._named[name] = compiled
        return compiled

    # -- messages that vary ---------------------------------------------------------------------
    def _compile_messages(self) -> None:
        """The level's messages, and the pack's that vary by condition (read in the terms of
        this level, reported in pack.toml); the pack's plain ones stay with the world."""
        for msg_id, value in self.pack_messages.items():
            if msg_id in self._messages:
                continue
            saved = self.text_path
            self.text_path = self.pack_path
            try:
                self.messages[msg_id] = self._text(value, f"messages.{quote(msg_id)}")
            finally:
                self.text_path = saved
        for msg_id, value in self._messages.items():
            self.messages[msg_id] = value if isinstance(value, str) else \
                self._text(value, f"messages.{quote(msg_id)}")

    # -- light and darkness ----------------------------------------------------------------------
    def _flag_or_cond(self, value: Any, where: str) -> L.Condition | None:
        if value is None or value is False:
            return None
        if value is True:
            return _ALWAYS
        return self._cond(value, where)

    def _light_and_darkness(self) -> None:
        for name, (dark, where) in self._darkness.items():
            cond = self._flag_or_cond(dark, where)
            if cond is not None:
                self.rooms[name] = _replace(self.rooms[name], dark=cond)
        for name, (lit, where) in self._lights.items():
            cond = self._flag_or_cond(lit, where)
            if cond is not None and name in self.things:
                self.things[name] = _replace(self.things[name], lit=cond)

    def _unseen(self, text: LevelText) -> None:
        """Warn about things no one can ever see: hidden and never revealed, or shut in a
        container that can't be opened.  Not when the text is missing or has errors: the
        rule that reveals a thing may be the broken one."""
        # the name the Collector gives the file (a Path is shown relative to the cwd)
        text_file = display_path(self.text_path) if isinstance(self.text_path, Path) \
            else str(self.text_path)
        if not text.read or any(p.file == text_file and p.severity is Severity.ERROR
                                for p in self.c.problems):
            return
        for name, t in self.things.items():
            o = self._objs.get(name)
            if o is None or name in self._revealed:
                continue
            if t.hidden:
                self.c.warn(self.map_path, o.label(), "no one can see it: it is hidden and no "
                            "rule reveals or moves it",
                            f"reveal it with a rule (do = [ {{ reveal = {quote(name)} }} ]), "
                            'or untick its property "hidden"')
                continue
            holder, seen = t.location, {name}
            while holder and holder.startswith(self.gid("")):
                inner = holder.split("/", 1)[1]
                box = self.things.get(inner)
                if box is None or inner in seen:
                    break
                seen.add(inner)
                if (box.kind is Kind.CONTAINER and not box.open and not box.openable
                        and not box.transparent and inner not in self._opened):
                    self.c.warn(self.map_path, o.label(), f'no one can see it: it is inside '
                                f'"{inner}", which is closed and can\'t be opened',
                                f'tick "openable" (or "open", or "transparent") on '
                                f'"{inner}", or open it with a rule '
                                f"(do = [ {{ open = {quote(inner)} }} ])")
                    break
                holder = box.location

    def _reachable(self, room_objs: list[MapObject]) -> None:
        if self.exits_broken:
            return  # the broken door or passage is reported; what it cut off follows from it
        start = self.player_room
        if start is None and not self.is_start:
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
                             f'the room can\'t be reached from "{start}"',
                             "place a Door or Passage on its border with a room that can be "
                             'reached, or move Joel there with a rule ({ go = "ROOM" })')


    def _level_ref(self, level: str, where: str) -> str:
        if self.level_ids and level not in self.level_ids:
            guess = closest_name(level, self.level_ids)
            self.c.error(self.text_path, where, f'there is no level "{level}" in pack.toml',
                         f'did you mean "{guess}"?' if guess else
                         f"use one of: {', '.join(sorted(self.level_ids))}")
        return level

    def _keepsake_ref(self, keepsake: str, where: str) -> None:
        if keepsake not in self.keepsakes:
            guess = closest_name(keepsake, self.keepsakes)
            self.c.error(self.text_path, where, f'there is no keepsake "{keepsake}" in '
                         "pack.toml", f'did you mean "{guess}"?' if guess else
                         f"add [keepsakes.{bare_or_quoted(keepsake)}] title = \"...\" to "
                         "pack.toml")

    def _erasure(self, text: LevelText) -> None:
        """The level's erasure plan: anchors, pace and every room's distance from them."""
        plan = text.erasure
        numbered = self.entry.erasure is not None
        if plan is None:
            if numbered and text.read:
                self.c.warn(self.text_path, "erasure", "the level has an erasure number in "
                            "pack.toml but no [erasure] table, so it is never erased",
                            'add [erasure] anchors = ["ROOM"], pace = 3')
            return
        if not numbered and not self.entry.hidden:
            self.c.warn(self.text_path, "erasure", "the level is erased, but pack.toml gives it "
                        "no erasure number, so Joel has nowhere to go when it is gone",
                        f'give [[levels]] id = "{self.entry.id}" an erasure number')
        anchors = [a for a in plan.anchors if self._names.get(a) == "room"]
        for i, a in enumerate(plan.anchors):
            if self._names.get(a) != "room":
                self.c.error(self.text_path, f"erasure.anchors[{i}]",
                             f'"{a}" is not a room of this level', self._suggest(a, ("room",)))
        if plan.entry is not None and self._names.get(plan.entry) != "room":
            self.c.error(self.text_path, "erasure.entry",
                         f'"{plan.entry}" is not a room of this level',
                         self._suggest(plan.entry, ("room",)))
        if not anchors:
            return
        distance = {self.gid(a): 0 for a in anchors}
        queue = deque(distance)
        while queue:
            here = queue.popleft()
            for e in self.rooms[here.split("/", 1)[1]].exits:
                if e.to not in distance:
                    distance[e.to] = distance[here] + 1
                    queue.append(e.to)
        last = max(distance.values()) + 1  # rooms the anchors can't reach go last
        for name in self.rooms:
            distance.setdefault(self.gid(name), last)
        self.erasure_plan = ErasurePlan(
            tuple(self.gid(a) for a in anchors), plan.pace, distance, plan.delay,
            self.gid(plan.entry) if plan.entry and plan.entry in self.rooms else None)


_ALWAYS: L.Condition = L.AllOf(())  # holds: "dark = true", and a broken name's stand-in


def _stage_texts(stages: M.StageTexts | None) -> dict[int, str]:
    if stages is None:
        return {}
    found = {1: stages.faded, 2: stages.blurred, 3: stages.dissolving}
    return {n: text for n, text in found.items() if text}


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


