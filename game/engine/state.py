"""Everything that changes during play, in one pydantic model that serialises to JSON.

Keeping all mutable data here (and nothing mutable in the world) is what makes undo, saving and
deterministic replays trivial: a snapshot of this model is the whole game.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from game.engine.world import Thing, World

_MASK = (1 << 64) - 1


class ThingState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    location: str | None
    open: bool = False
    locked: bool = False
    worn: bool = False
    moved: bool = False
    on: bool = False  # switched on (a switchable thing)

    def __setattr__(self, name: str, value: Any) -> None:
        """Counted, so a turn that changed no thing reuses the last snapshot's things."""
        global _thing_writes
        _thing_writes += 1
        super().__setattr__(name, value)


_thing_writes = 0
# the things of the last snapshot: (the things dict itself, its size, the writes count, tuple);
# holding the dict keeps its id from being reused by another
_last_things: tuple[dict[str, ThingState], int, int, tuple[Any, ...]] | None = None


class LevelErasure(BaseModel):
    """Where Lacuna's erasure of one level stands."""

    model_config = ConfigDict(extra="forbid")

    running: bool = False
    steps: int = 0  # steps taken since it began
    wait: int = 0  # turns until the next step
    fresh: bool = False  # Joel arrived this turn: the clock starts with the next one
    pace: int = 0  # turns per step, when an event changed it (0: the level's own pace)
    found: bool = False  # a hidden level: Lacuna has found it, so it is erased too


class GameState(BaseModel):
    """The whole mutable game; ``rng`` is the state of the one seeded generator."""

    model_config = ConfigDict(extra="forbid")

    pack_id: str
    seed: int
    rng: int
    turn: int = 0
    level: str
    room: str
    things: dict[str, ThingState]
    flags: set[str] = Field(default_factory=set)
    visited: set[str] = Field(default_factory=set)
    fired: set[str] = Field(default_factory=set)
    score: int = 0
    verbosity: str = "verbose"
    ended: str | None = None
    stages: dict[str, int] = Field(default_factory=dict)  # room id -> stage, if not vivid
    erasure: dict[str, LevelErasure] = Field(default_factory=dict)  # level id -> its clock
    counters: dict[str, int] = Field(default_factory=dict)
    keepsakes: set[str] = Field(default_factory=set)
    hiding: set[str] = Field(default_factory=set)  # people told to hide
    level_turns: dict[str, int] = Field(default_factory=dict)  # turns spent in each level
    arrived: str | None = None  # the room Joel arrived in this turn, if he moved
    hid_from: str | None = None  # the memory Joel fled into a hidden level from
    follower: str | None = None  # the person following Joel (a thing id)
    left_behind: str | None = None  # the companion Joel told to wait or hide
    came_from: str | None = None  # the room Joel last walked in from: his way back in the dark

    @field_serializer("flags", "visited", "fired", "keepsakes", "hiding")
    def _sorted(self, value: set[str]) -> list[str]:
        """Sets saved in sorted order, so the same state always gives the same file."""
        return sorted(value)

    def next_random(self) -> int:
        """Advance the splitmix64 generator: tiny, portable, and its state is one integer."""
        self.rng = (self.rng + 0x9E3779B97F4A7C15) & _MASK
        z = self.rng
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def randint(self, low: int, high: int) -> int:
        """A number in [low, high], drawn from the game's own generator."""
        return low + self.next_random() % (high - low + 1)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An immutable copy of a GameState, cheap to take every turn (undo keeps hundreds).

    A pydantic deep copy costs milliseconds; this is a few tuples.
    """

    scalars: tuple[Any, ...]
    sets: tuple[frozenset[str], ...]
    dicts: tuple[tuple[tuple[str, int], ...], ...]
    things: tuple[tuple[str, tuple[str | None, bool, bool, bool, bool, bool]], ...]
    erasure: tuple[tuple[str, tuple[Any, ...]], ...]


_SCALARS = ("pack_id", "seed", "rng", "turn", "level", "room", "score", "verbosity", "ended",
            "arrived", "hid_from", "follower", "left_behind", "came_from")
_SETS = ("flags", "visited", "fired", "keepsakes", "hiding")
_DICTS = ("stages", "counters", "level_turns")
_CLOCK = tuple(LevelErasure.model_fields)
# a thing's state as a tuple: taken for hundreds of things every turn, so done in C
_THING = attrgetter("location", "open", "locked", "worn", "moved", "on")


def snapshot(state: GameState) -> Snapshot:
    return Snapshot(
        tuple(getattr(state, name) for name in _SCALARS),
        tuple(frozenset(getattr(state, name)) for name in _SETS),
        tuple(tuple(getattr(state, name).items()) for name in _DICTS),
        _things_of(state.things),
        tuple((lv, tuple(getattr(e, f) for f in _CLOCK)) for lv, e in state.erasure.items()),
    )


def _things_of(things: dict[str, ThingState]) -> tuple[Any, ...]:
    """Every thing's state as tuples: reused from the last snapshot when no thing has changed
    since (most turns look, examine, wait), else taken anew, in C."""
    global _last_things
    last = _last_things
    if last is not None and last[0] is things and last[1] == len(things) \
            and last[2] == _thing_writes:
        return last[3]
    taken = tuple(zip(things.keys(), map(_THING, things.values()), strict=True))
    _last_things = (things, len(things), _thing_writes, taken)
    return taken


def restore(snap: Snapshot) -> GameState:
    """Rebuild a state from a snapshot; the values were valid when taken, so no validation."""
    things = {
        tid: ThingState.model_construct(location=loc, open=o, locked=lk, worn=w, moved=mv,
                                        on=on)
        for tid, (loc, o, lk, w, mv, on) in snap.things
    }
    fields: dict[str, Any] = dict(zip(_SCALARS, snap.scalars, strict=True))
    fields.update({name: set(value) for name, value in zip(_SETS, snap.sets, strict=True)})
    fields.update({name: dict(value) for name, value in zip(_DICTS, snap.dicts, strict=True)})
    erasure = {lv: LevelErasure.model_construct(**dict(zip(_CLOCK, values, strict=True)))
               for lv, values in snap.erasure}
    return GameState.model_construct(things=things, erasure=erasure, **fields)


def fresh_thing(t: Thing) -> ThingState:
    """A thing as the pack placed it, before anyone touched it."""
    return ThingState(location=None if t.hidden else t.location, open=t.open, locked=t.locked,
                      worn=t.worn, on=t.on)


def add_new_things(state: GameState, world: World) -> None:
    """Give the things of levels loaded since the state began their starting state."""
    for tid, t in world.things.items():
        if tid not in state.things:
            state.things[tid] = fresh_thing(t)


def initial_state(world: World, seed: int) -> GameState:
    things = {tid: fresh_thing(t) for tid, t in world.things.items()}
    return GameState(
        pack_id=world.pack_id,
        seed=seed,
        rng=seed & _MASK,
        level=world.start_level,
        room=world.start_room,
        things=things,
    )
