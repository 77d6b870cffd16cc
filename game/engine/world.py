"""The static world a pack defines: immutable, shared by every state that plays it.

Ids are global: ``level/Name`` for rooms and things, so that a later level may reuse a name and
flags, inventory and conditions can span levels.  ``PLAYER`` is the location of carried things.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from game.engine.grammar import Pattern
from game.engine.logic import Condition, Effect

PLAYER = "player"
_WORD = re.compile(r"[a-z0-9]+")


class Kind(StrEnum):
    ITEM = "Item"
    SCENERY = "Scenery"
    CONTAINER = "Container"
    SUPPORTER = "Supporter"
    PERSON = "Person"
    DOOR = "Door"
    PASSAGE = "Passage"


DIRECTIONS: tuple[str, ...] = (
    "north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest",
    "up", "down", "in", "out",
)

OPPOSITE: Mapping[str, str] = {
    "north": "south", "south": "north", "east": "west", "west": "east",
    "northeast": "southwest", "southwest": "northeast",
    "northwest": "southeast", "southeast": "northwest",
    "up": "down", "down": "up", "in": "out", "out": "in",
}


@dataclass(frozen=True, slots=True)
class Variant:
    """One version of a text; ``when`` None means it always applies."""

    text: str
    when: Condition | None = None


Text = tuple[Variant, ...]


def plain(text: str) -> Text:
    return (Variant(text),)


@dataclass(frozen=True, slots=True)
class Exit:
    direction: str
    to: str
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    name: str
    level: str
    title: str
    description: Text
    exits: tuple[Exit, ...] = ()
    shape: tuple[tuple[float, float], ...] = ()
    stage_texts: Mapping[int, str] = field(default_factory=dict)  # stage -> the author's text
    # what EXAMINE says of the room text's nouns that are not things: (its words, the text)
    details: tuple[tuple[frozenset[str], str], ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    words: frozenset[str]
    text: Text


@dataclass(frozen=True, slots=True)
class Thing:
    id: str
    name: str
    level: str
    kind: Kind
    article: str
    words: frozenset[str]
    description: Text
    location: str
    portable: bool = False
    hidden: bool = False
    worn: bool = False
    wearable: bool = False
    edible: bool = False
    drinkable: bool = False
    openable: bool = False
    open: bool = False
    lockable: bool = False
    locked: bool = False
    key: str | None = None
    transparent: bool = False
    gender: str = "it"
    initial: Text | None = None
    read: Text | None = None
    talk: Text | None = None
    topics: tuple[Topic, ...] = ()
    connects: tuple[str, ...] = ()
    survives: bool = False  # stays when its room dissolves
    companion: str | None = None  # the identity this person shares across memories
    volunteers: tuple[Variant, ...] = ()  # lines the person says unasked, once each
    stage_texts: Mapping[int, str] = field(default_factory=dict)
    search: Text | None = None  # what SEARCH / LOOK IN find, when the pack says

    @property
    def is_person(self) -> bool:
        return self.kind is Kind.PERSON

    @property
    def is_door(self) -> bool:
        return self.kind in (Kind.DOOR, Kind.PASSAGE)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    action: str
    phase: str
    effects: tuple[Effect, ...]
    noun: str | None = None
    second: str | None = None
    when: Condition | None = None
    once: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    when: Condition
    effects: tuple[Effect, ...]
    once: bool = True


@dataclass(frozen=True, slots=True)
class Hint:
    text: str
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    title: str
    intro: str
    erasure: int | None
    hidden: bool
    rules: tuple[Rule, ...] = ()
    events: tuple[Event, ...] = ()
    hints: tuple[Hint, ...] = ()
    map_file: str = ""
    erasure_plan: ErasurePlan | None = None


@dataclass(frozen=True, slots=True)
class ErasurePlan:
    """How Lacuna erases a level: from the anchors outward, one step every ``pace`` turns.

    ``distances`` is each room's distance (in exits) from the nearest anchor: a room begins
    to fade ``distance`` steps after the anchors do, so the erasure spreads like a stain.
    """

    anchors: tuple[str, ...]
    pace: int
    distances: Mapping[str, int]
    delay: int = 0  # turns after Joel arrives before the first step
    entry: str | None = None  # where Joel arrives when swept or sent into the level

    @property
    def steps_to_erase(self) -> int:
        """Steps after which every room is gone."""
        return max(self.distances.values(), default=0) + STAGES[-1][0]


STAGES: tuple[tuple[int, str], ...] = (
    (0, "vivid"), (1, "faded"), (2, "blurred"), (3, "dissolving"), (4, "gone"),
)
GONE = 4
DISSOLVING = 3
STAGE_NAMES: Mapping[str, int] = {name: n for n, name in STAGES}


@dataclass(frozen=True, slots=True)
class LevelInfo:
    """What pack.toml says of a level: known for every level before any is loaded."""

    id: str
    title: str
    erasure: int | None = None
    hidden: bool = False


@dataclass(frozen=True)
class LoadedLevel:
    """One level's definitions, as the pack loader hands them over."""

    level: Level
    rooms: Mapping[str, Room]
    things: Mapping[str, Thing]
    points: int = 0
    start_room: str | None = None  # where the level's Player object stands, if it has one


class LevelUnavailable(Exception):
    """A level could not be loaded (its files are broken); ``str()`` says why."""


class LevelLoader(Protocol):
    def __call__(self, level_id: str) -> LoadedLevel: ...


@dataclass
class World:
    """Everything a pack declares, resolved and checked by the loader.

    The definitions never change; the world only grows.  A big pack is opened with its start
    level alone and the others load when first entered (``ensure_level``), so play starts
    fast however many levels there are.  ``rooms``, ``things`` and ``vocabulary`` cover the
    loaded levels; ``manifest`` knows every level.
    """

    pack_id: str
    title: str
    version: str
    authors: tuple[str, ...]
    languages: tuple[str, ...]
    start_level: str
    start_room: str
    levels: dict[str, Level]
    rooms: dict[str, Room]
    things: dict[str, Thing]
    endings: Mapping[str, Ending]
    keepsakes: Mapping[str, str] = field(default_factory=dict)  # id -> how endings name it
    description: str = ""
    credits: str = ""
    player_name: str = "Joel"
    player_description: Text = ()
    max_score: int = 0
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    manifest: tuple[LevelInfo, ...] = ()
    level_start: dict[str, str] = field(default_factory=dict)  # level -> its Player's room
    # the pack's own verbs: grammar lines (tried before the standard ones) and the reply of
    # each new action when no rule takes it
    grammar: tuple[Pattern, ...] = ()
    verb_replies: Mapping[str, Text] = field(default_factory=dict)
    loader: LevelLoader | None = field(default=None, repr=False, compare=False)

    def ensure_level(self, level_id: str) -> bool:
        """Load a level if it isn't yet; True when it was loaded now.  The pack loader's
        errors (a broken level) propagate to the caller."""
        if level_id in self.levels:
            return False
        if self.loader is None:
            raise KeyError(level_id)
        loaded = self.loader(level_id)
        self.rooms.update(loaded.rooms)
        self.things.update(loaded.things)
        self.levels[level_id] = loaded.level
        if loaded.start_room is not None:
            self.level_start[level_id] = loaded.start_room
        self.max_score += loaded.points
        self.vocabulary = self.vocabulary | vocabulary_of(loaded.rooms, loaded.things)
        return True


def vocabulary_of(rooms: Mapping[str, Room], things: Mapping[str, Thing]) -> frozenset[str]:
    """Every word the player may use for the things and places of these definitions."""
    words: set[str] = set()
    for t in things.values():
        words |= t.words
        for topic in t.topics:
            words |= topic.words
    for r in rooms.values():
        words |= set(_WORD.findall(r.title.lower())) - {"the", "a", "an", "some"}
        for detail, _ in r.details:
            words |= detail
    return frozenset(words)
