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
from game.engine.logic import Variant as Variant  # defined beside the conditions it uses

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
    title_text: Text = ()  # a heading that varies by condition (title is its plain fallback)
    dark: Condition | None = None  # the room is dark while this holds (LIGHT_ALWAYS: never)
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
    at: tuple[float, float] | None = None  # where the map drew it (its Tiled object's middle)
    switchable: bool = False  # SWITCH ON and OFF work on it
    on: bool = False  # switched on at the start
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
    sprite: str | None = None  # a person's picture on the window's map (a name, no image)
    lit: Condition | None = None  # gives light while this holds (a lamp, a candle)
    search: Text | None = None  # what SEARCH / LOOK IN find, when the pack says

    @property
    def is_person(self) -> bool:
        return self.kind is Kind.PERSON

    @property
    def is_door(self) -> bool:
        return self.kind in (Kind.DOOR, Kind.PASSAGE)


@dataclass(frozen=True, slots=True)
class Rule:
    """A pack's rule.  ``action`` is one action id or ANY; ``actions`` the others of a list;
    ``noun`` ANY matches every object but those of ``except_nouns``, ``action`` ANY every
    action but those of ``except_actions``.  ``rank`` orders the rules of a phase: the more
    specific first (see ``rank_of``), then file order."""

    id: str
    action: str
    phase: str
    effects: tuple[Effect, ...]
    noun: str | None = None
    second: str | None = None
    when: Condition | None = None
    once: bool = False
    actions: frozenset[str] = frozenset()  # every action it hooks (action among them)
    except_actions: frozenset[str] = frozenset()
    except_nouns: frozenset[str] = frozenset()
    order: int = 0  # its place in the file

    @property
    def rank(self) -> tuple[int, int, int, int]:
        """Sort key, smallest first: nouns named, a condition, the action named, file order."""
        named = sum(1 for n in (self.noun, self.second) if n is not None and n != ANY)
        return (-named, -(self.when is not None), -(self.action != ANY), self.order)


ANY = "*"  # a rule's action or object that matches any (with exceptions in ``except``)
# actions that only hand the command over to another (REMOVE to TAKE, GO IN to GO): a rule for
# any action hooks the action they hand over to, not them as well
HANDS_OVER = frozenset({"go_in", "remove"})
PHASES = ("before", "instead", "after", "report")


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    when: Condition
    effects: tuple[Effect, ...]
    once: bool = True


@dataclass(frozen=True, slots=True)
class Hint:
    text: Text
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    text: str  # may be empty: the ending's title says it all


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
    # catalogue id -> the level's text, or variants (with the pack's that vary)
    messages: Mapping[str, str | Text] = field(default_factory=dict)
    intro_text: Text = ()  # an intro that varies by condition (intro is its plain form)
    rule_index: Mapping[tuple[str, str], tuple[Rule, ...]] = field(default_factory=dict)

    def rules_for(self, phase: str, action: str) -> tuple[Rule, ...]:
        """The rules of a phase that may hook an action, most specific first."""
        found = self.rule_index.get((phase, action))
        if found is None:  # an action the index was not built for: scan (rare)
            found = tuple(sorted((r for r in self.rules if r.phase == phase and hooks(r, action)
                                  and (r.action != ANY or action not in HANDS_OVER)),
                                 key=lambda r: r.rank))
        return found


def hooks(rule: Rule, action: str) -> bool:
    if rule.action == ANY:
        return action not in rule.except_actions
    return action == rule.action or action in rule.actions


def index_rules(rules: tuple[Rule, ...], actions: frozenset[str]
                ) -> dict[tuple[str, str], tuple[Rule, ...]]:
    """Each phase's rules by action, most specific first, so a turn looks up instead of
    scanning every rule of the level."""
    index: dict[tuple[str, str], tuple[Rule, ...]] = {}
    for phase in PHASES:
        mine = [r for r in rules if r.phase == phase]
        for action in actions:
            found = sorted((r for r in mine if hooks(r, action)), key=lambda r: r.rank)
            if found:
                index[(phase, action)] = tuple(found)
    for phase in PHASES:  # an action no rule hooks: an empty entry, so it is no "miss"
        for action in actions:
            index.setdefault((phase, action), ())
    return index


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
    messages: Mapping[str, str] = field(default_factory=dict)  # the pack's own messages
    keepsakes: Mapping[str, str] = field(default_factory=dict)  # id -> how endings name it
    description: str = ""
    credits: str = ""
    player_name: str = "Joel"
    player_description: Text = ()
    max_score: int = 0
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    manifest: tuple[LevelInfo, ...] = ()
    level_start: dict[str, str] = field(default_factory=dict)  # level -> its Player's room
    content_hash: str = ""  # of the pack's texts and maps: a save notes which pack it fits
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
