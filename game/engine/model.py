"""Questions about the world as it is now: where things are, what Joel can see and reach.

Combines the immutable world with the mutable state; actions, rules and the parser ask these
questions instead of poking at the state's dictionaries themselves.
"""

from __future__ import annotations

import functools

from game.engine import logic as L
from game.engine.state import GameState
from game.engine.world import GONE, PLAYER, Exit, Kind, Room, Text, Thing, World


class Model:
    def __init__(self, world: World, state: GameState) -> None:
        self.world = world
        self.state = state
        self.self_name = "yourself"  # how Joel names himself; the session sets it per language
        self._judging_light = False  # a darkness condition that asks about darkness is lit
        self._sources: tuple[str, ...] = ()  # the things that may give light
        self._sources_of = -1  # how many things there were when _sources was made

    # -- basic lookups -------------------------------------------------------------------------
    def thing(self, tid: str) -> Thing:
        return self.world.things[tid]

    @property
    def room(self) -> Room:
        return self.world.rooms[self.state.room]

    def location(self, tid: str) -> str | None:
        return self.state.things[tid].location

    def in_world(self, tid: str) -> bool:
        return self.state.things[tid].location is not None

    def is_open(self, tid: str) -> bool:
        t = self.world.things[tid]
        if t.kind is Kind.PASSAGE:
            return True
        return self.state.things[tid].open

    def contents(self, where: str) -> list[str]:
        """Things directly in/on ``where``, in the order the pack declared them."""
        return [tid for tid, ts in self.state.things.items() if ts.location == where]

    def can_see_inside(self, tid: str) -> bool:
        t = self.world.things[tid]
        if t.kind is Kind.CONTAINER:
            return self.is_open(tid) or t.transparent
        return t.kind in (Kind.SUPPORTER, Kind.PERSON)

    def carried(self, tid: str) -> bool:
        """True when Joel holds ``tid``, directly or inside something he holds."""
        loc = self.location(tid)
        seen = 0
        while loc is not None and seen < 64:
            if loc == PLAYER:
                return True
            if loc in self.world.rooms:
                return False
            loc = self.location(loc)
            seen += 1
        return False

    def held(self, tid: str) -> bool:
        return self.location(tid) == PLAYER

    def room_of(self, tid: str) -> str | None:
        loc = self.location(tid)
        seen = 0
        while loc is not None and seen < 64:
            if loc == PLAYER:
                return self.state.room
            if loc in self.world.rooms:
                return loc
            loc = self.location(loc)
            seen += 1
        return None

    # -- scope ---------------------------------------------------------------------------------
    def scope(self) -> list[str]:
        """Everything Joel can see and refer to: the room's contents, what he carries, doors."""
        here = self.state.room
        children: dict[str, list[str]] = {}
        for tid, ts in self.state.things.items():
            if ts.location is not None:
                children.setdefault(ts.location, []).append(tid)
        out: list[str] = []

        def walk(where: str, depth: int) -> None:
            for tid in children.get(where, ()):
                out.append(tid)
                if depth < 32 and self.can_see_inside(tid):
                    walk(tid, depth + 1)

        if self.is_dark(here):  # in the dark Joel has only what he carries
            walk(PLAYER, 0)
            return out
        walk(here, 0)
        walk(PLAYER, 0)
        seen = set(out)
        for tid, t in self.world.things.items():
            if t.connects and here in t.connects and tid not in seen and self.in_world(tid):
                out.append(tid)
        return out

    def visible(self, tid: str) -> bool:
        return tid in self.scope()

    def touchable(self, tid: str) -> str | None:
        """None when Joel can reach ``tid``; otherwise the closed container in the way."""
        loc = self.location(tid)
        seen = 0
        while loc is not None and loc != PLAYER and loc not in self.world.rooms and seen < 64:
            if self.world.things[loc].kind is Kind.CONTAINER and not self.is_open(loc):
                return loc
            loc = self.location(loc)
            seen += 1
        return None

    # -- light and darkness ------------------------------------------------------------------
    def is_dark(self, room: str | None = None) -> bool:
        """True when no light reaches the room: it is dark (its ``dark`` condition holds) and
        no lit thing is there, in the open or in Joel's hands.  A darkness condition that
        itself asks what can be seen is judged as lit, so no pack can make this loop."""
        rid = room or self.state.room
        r = self.world.rooms.get(rid)
        if r is None or r.dark is None or self._judging_light:
            return False
        self._judging_light = True
        try:
            return self.holds(r.dark) and not self._light_in(rid)
        finally:
            self._judging_light = False

    def _light_in(self, room: str) -> bool:
        if self._sources_of != len(self.world.things):  # levels load as the story goes
            self._sources = tuple(tid for tid, t in self.world.things.items()
                                  if t.lit is not None)
            self._sources_of = len(self.world.things)
        for tid in self._sources:
            lit = self.world.things[tid].lit
            if (lit is not None and self.in_world(tid) and self.room_of(tid) == room
                    and self._shines(tid) and self.holds(lit)):
                return True
        return False

    def _shines(self, tid: str) -> bool:
        """Its light gets out: it is not shut in an opaque container."""
        loc = self.location(tid)
        seen = 0
        while loc is not None and loc != PLAYER and loc not in self.world.rooms and seen < 64:
            if self.world.things[loc].kind is Kind.CONTAINER and not self.can_see_inside(loc):
                return False
            loc = self.location(loc)
            seen += 1
        return True

    def room_title(self, room: str | None = None) -> str:
        """The room's heading now: the first of its title variants that holds."""
        r = self.world.rooms[room or self.state.room]
        return self.text(r.title_text) or r.title if r.title_text else r.title

    def would_hold_itself(self, thing: str, to: str) -> bool:
        """Moving ``thing`` into ``to`` would put it inside itself (directly or deeper)."""
        loc: str | None = to
        seen = 0
        while loc is not None and loc != PLAYER and loc not in self.world.rooms and seen < 64:
            if loc == thing:
                return True
            loc = self.location(loc)
            seen += 1
        return False

    # -- exits -----------------------------------------------------------------------------------
    def exits(self) -> tuple[Exit, ...]:
        """The ways out that still lead somewhere: not into a room the erasure has taken."""
        return tuple(e for e in self.room.exits
                     if (e.via is None or self.in_world(e.via))
                     and self.state.stages.get(e.to, 0) < GONE)

    def exit_to_gone(self, direction: str) -> Exit | None:
        """The exit that led this way before the room behind it was erased."""
        for e in self.room.exits:
            if e.direction == direction and self.state.stages.get(e.to, 0) >= GONE:
                return e
        return None

    def stage(self, room: str | None = None) -> int:
        return self.state.stages.get(room or self.state.room, 0)

    def exit_towards(self, direction: str) -> Exit | None:
        for e in self.exits():
            if e.direction == direction:
                return e
        return None

    # -- names -----------------------------------------------------------------------------------
    def name(self, tid: str) -> str:
        """The bare name: "red key" (for lists like "red key: Taken.")."""
        if tid == PLAYER:
            return self.self_name
        return self.world.things[tid].name

    def the(self, tid: str) -> str:
        if tid == PLAYER:
            return self.self_name
        t = self.world.things[tid]
        if t.article == "":
            return t.name
        return f"the {t.name}"

    def a(self, tid: str) -> str:
        if tid == PLAYER:
            return self.self_name
        t = self.world.things[tid]
        return f"{t.article} {t.name}" if t.article else t.name

    # -- texts and conditions -------------------------------------------------------------------
    def text(self, text: Text | None) -> str:
        if not text:
            return ""
        for variant in text:
            if variant.when is None or self.holds(variant.when):
                return variant.text
        return ""

    def room_description(self, room: str) -> str:
        """The room's text as the erasure has left it: the author's text for the stage, or the
        vivid text faded by the game (the same game always fades it the same way)."""
        r = self.world.rooms[room]
        stage = self.stage(room)
        if stage in r.stage_texts:
            return r.stage_texts[stage]
        return self._faded(self.text(r.description), room, stage, room)

    def thing_description(self, tid: str) -> str:
        t = self.world.things[tid]
        room = self.room_of(tid) or self.state.room
        # a thing of this memory fades with it even in Joel's hands; one he brought from an
        # older memory (or from waking life) keeps its colours here
        stage = self.stage(room) if t.level == self.state.level else 0
        if stage in t.stage_texts:
            return t.stage_texts[stage]
        return self._faded(self.text(t.description), tid, stage, room)

    def _faded(self, text: str, key: str, stage: int, room: str) -> str:
        if stage == 0 or not text:
            return text
        from game.engine.fading import fade_seed

        # what the player needs to type: the things' names and the compass ways out (not every
        # synonym, nor IN/OUT/UP, which would protect half of every sentence)
        keep: set[str] = {e.direction for e in self.world.rooms[room].exits
                          if e.direction not in ("in", "out", "up", "down")}
        for tid, ts in self.state.things.items():
            if ts.location == room:
                keep |= set(self.world.things[tid].name.lower().split())
        return _degraded(text, min(stage, GONE - 1), fade_seed(self.state.seed, key, stage),
                         frozenset(keep))

    def holds(self, cond: L.Condition) -> bool:
        st = self.state
        match cond:
            case L.Flag(name):
                return name in st.flags
            case L.Has(thing):
                return self.carried(thing)
            case L.InRoom(room):
                return st.room == room
            case L.Visited(room):
                return room in st.visited
            case L.Where(thing, places):
                return self.location(thing) in places
            case L.IsOpen(thing):
                return self.is_open(thing)
            case L.IsLocked(thing):
                return st.things[thing].locked
            case L.IsWorn(thing):
                return st.things[thing].worn and self.in_world(thing)
            case L.IsOn(thing):
                return st.things[thing].on
            case L.Present(thing):
                return self.in_world(thing) and self.visible(thing)
            case L.Moved(thing):
                return st.things[thing].moved
            case L.StageAtLeast(room, stage):
                return st.stages.get(room, 0) >= stage
            case L.InLevel(level):
                return st.level == level
            case L.TurnAtLeast(turn):
                return st.turn >= turn
            case L.LevelTurnsAtLeast(turns):
                return st.level_turns.get(st.level, 0) >= turns
            case L.Arrived(place):
                return st.arrived is not None and place in (st.arrived, st.level)
            case L.CounterBetween(name, low, high):
                value = st.counters.get(name, 0)
                return (low is None or value >= low) and (high is None or value <= high)
            case L.HasKeepsake(keepsake):
                return keepsake in st.keepsakes
            case L.IsDark(room):
                return self.is_dark(room)
            case L.WithJoel(companion):
                f = st.follower
                return f is not None and self.world.things[f].companion == companion
            case L.AllOf(items):
                return all(self.holds(c) for c in items)
            case L.AnyOf(items):
                return any(self.holds(c) for c in items)
            case L.Not(item):
                return not self.holds(item)
        raise TypeError(f"unknown condition {cond!r}")


@functools.lru_cache(maxsize=4096)
def _degraded(text: str, stage: int, seed: int, keep: frozenset[str]) -> str:
    """Fading is deterministic, so a room looked at again needs no second pass."""
    from game.engine.fading import degrade

    return degrade(text, stage, seed, keep)
