"""The pack's file formats as pydantic models: every key is checked, unknown keys are errors.

These describe files, not the world: the loader turns them, with the Tiled map, into the
engine's frozen ``World``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
MAX_TEXT = 20_000


class Strict(BaseModel):
    """A table of a TOML file: unknown keys are errors, and values are not coerced (TOML has
    types: ``once = "yes"`` is a mistake, not ``true``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, strict=True)


def _str_or_list(value: Any) -> str:
    """Which branch of a ``str | list[...]`` union a value is checked against, so that a
    mistake inside a list is reported once, not also as "not a string"."""
    return "list" if isinstance(value, list) else "str"


StrOrList = Annotated[
    Annotated[str, Tag("str")] | Annotated[list[str], Tag("list")],
    Discriminator(_str_or_list),
]


# -- pack.toml ---------------------------------------------------------------------------------
class LevelEntry(Strict):
    """A ``[[levels]]`` entry of pack.toml."""

    id: str = Field(pattern=ID_PATTERN, description=(
        "the level's id: its files are ID.tmx (or ID.tmj) and ID.toml; lowercase letters, "
        "digits and dashes"))
    title: str = Field(min_length=1, max_length=200, description="the level's title")
    erasure: int | None = Field(default=None, ge=1, le=1000, description=(
        "its place in the erasure order (1 is erased first); levels without it (a prologue, "
        "an epilogue) are never erased"))
    hidden: bool = Field(default=False, description="hidden levels are not on Lacuna's map")


class EndingEntry(Strict):
    """An ``[endings.NAME]`` table of pack.toml, reached with the effect ``{ end = "NAME" }``."""

    title: str = Field(min_length=1, max_length=200, description="the ending's title")
    text: str = Field(default="", max_length=MAX_TEXT, description=(
        "what the player reads when the game ends this way (none: the title alone)"))


class KeepsakeEntry(Strict):
    """A ``[keepsakes.NAME]`` table: a moment worth keeping, given by ``{ keepsake = "NAME" }``."""

    title: str = Field(min_length=1, max_length=200, description=(
        "how the ending names it, like \"Stars on the ice\""))


class VerbEntry(Strict):
    """A ``[[verbs]]`` entry of pack.toml: a verb of the pack's own, an action that rules can
    hook like any standard one."""

    action: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description=(
        'the new action\'s id, which rules name (action = "ring"); lowercase letters, digits '
        "and underscores, not a standard action's id"))
    grammar: list[Annotated[str, Field(max_length=200)]] = Field(
        min_length=1, max_length=20, description=(
        'what the player types, one line each, like "ring [thing]", "blow out [thing]", '
        '"hide", "hide in/under [thing]": words (a/b for either word) and at most two of '
        "[thing] (anything in sight), [person], [held] (taken first if need be), with "
        "[text] (any words) last"), examples=['["ring [thing]", "ding [thing]"]'])
    reply: str = Field(default="", max_length=MAX_TEXT, description=(
        "what the action says when no rule takes it; {the} is the thing acted on, {second} "
        "the second; default: the engine's reply (pack_verb.default)"))


class PackFile(Strict):
    """pack.toml, the manifest of a pack."""

    format: Literal[1] = Field(description="the pack format version; this guide describes 1")
    id: str = Field(pattern=ID_PATTERN, description=(
        'the pack\'s id: lowercase letters, digits and dashes, like "my-pack"'))
    title: str = Field(min_length=1, max_length=200, description="the pack's title")
    version: str = Field(min_length=1, max_length=40,
                         description='the version of the pack, like "1.0.0"')
    authors: list[str] = Field(min_length=1, max_length=50, description="who made it")
    languages: list[str] = Field(min_length=1, max_length=20, description=(
        'the languages of the texts, like ["en", "de"]; the first is the language of '
        "LEVEL.toml, each other one has its texts in LEVEL.LANG.toml"))
    start: str = Field(description="the id of the level the game starts in")
    description: str = Field(default="", max_length=MAX_TEXT,
                             description="a short blurb for the list of packs")
    credits: str = Field(default="", max_length=MAX_TEXT, description="shown by ABOUT")
    levels: list[LevelEntry] = Field(min_length=1, max_length=200,
                                     description="the levels, one [[levels]] table each")
    keepsakes: dict[str, KeepsakeEntry] = Field(default_factory=dict, description=(
        "moments worth keeping, one [keepsakes.NAME] each; the ending lists those kept"))
    endings: dict[str, EndingEntry] = Field(default_factory=dict,
                                            description="the endings, one [endings.NAME] each")
    conditions: dict[str, CondRef] = Field(default_factory=dict, max_length=500, description=(
        "named conditions for every level, used by name wherever a condition goes"))
    messages: dict[str, Text] = Field(default_factory=dict, max_length=2000, description=(
        "the pack's own words for the game's messages, by catalogue id (\"\" says nothing; "
        "a list of variants varies by condition)"))
    verbs: list[VerbEntry] = Field(default_factory=list, max_length=200, description=(
        "verbs of the pack's own, one [[verbs]] table each (see Verbs of your own)"))


# -- conditions and effects --------------------------------------------------------------------
def _error(message: str, fix: str) -> PydanticCustomError:
    """A mistake a validator found; the loader shows ``fix`` as the Fix."""
    return PydanticCustomError("pack_rule", message, {"fix": fix})


CONDITION_KINDS = ("flag", "has", "room", "visited", "where", "open", "locked", "worn", "on",
                   "present", "moved", "stage", "level", "turn", "level_turns", "arrived",
                   "counter", "keepsake", "companion", "dark", "all", "any", "not")
STAGE_NAMES = ("vivid", "faded", "blurred", "dissolving", "gone")
StageName = Literal["vivid", "faded", "blurred", "dissolving", "gone"]


def _form(form: str, holds: str) -> Any:
    """A key of a condition or an effect: how it is written, and what it means."""
    return Field(default=None, description=holds, examples=[form])


class Condition(Strict):
    """A condition: a table with one key (``where`` goes with ``in``)."""

    flag: str | None = _form('{ flag = "F" }', "the flag F is set (by an effect)")
    has: str | None = _form('{ has = "T" }',
                            "Joel carries T (also inside something he carries)")
    room: str | None = _form('{ room = "R" }', "Joel is in room R")
    visited: str | None = _form('{ visited = "R" }', "Joel has been in room R")
    where: str | None = _form('{ where = "T", in = "X" }',
                              "T is directly in or on X (a thing, a room, or the player); "
                              '`in` may be a list, like in = ["R1", "R2"]: any of them')
    in_: StrOrList | None = Field(default=None, alias="in",
                                  description='goes with "where"')
    open: str | None = _form('{ open = "T" }', "the door or container T is open")
    locked: str | None = _form('{ locked = "T" }', "the door or container T is locked")
    worn: str | None = _form('{ worn = "T" }', "Joel wears T")
    on: str | None = _form('{ on = "T" }', "the switchable thing T is switched on")
    present: str | None = _form('{ present = "T" }', "T is in the world and Joel can see it")
    moved: str | None = _form('{ moved = "T" }', "T has been picked up at some time")
    stage: str | None = _form('{ stage = "R", at_least = "blurred" }',
                              "the erasure has taken room R at least this far (vivid, faded, "
                              "blurred, dissolving, gone)")
    at_least: StageName | None = Field(default=None, description='goes with "stage"')
    level: str | None = _form('{ level = "L" }', "Joel is in the level L")
    turn: int | None = Field(default=None, ge=0, le=1_000_000, description=(
        "the game has lasted N turns or more"), examples=["{ turn = N }"])
    level_turns: int | None = Field(default=None, ge=0, le=1_000_000, description=(
        "Joel has spent N turns or more in the level he is in (counting from his first "
        "arrival)"), examples=["{ level_turns = N }"])
    arrived: str | None = _form('{ arrived = "R" }', (
        "Joel arrived in room R (or in level R) this very turn: for something that happens "
        "on entering, every time (with once = false)"))
    counter: str | None = _form('{ counter = "C", min = N }', (
        "the counter C (see the effect add) is at least `min` and at most `max` (either may "
        "be left out; a counter starts at 0)"))
    min: int | None = Field(default=None, description='goes with "counter"')
    max: int | None = Field(default=None, description='goes with "counter"')
    keepsake: str | None = _form('{ keepsake = "K" }', "the keepsake K has been kept")
    companion: str | None = _form('{ companion = "C" }', (
        "the companion C (any memory's version of her: a Person whose Tiled property "
        "`companion` is C) follows Joel"))
    dark: str | None = _form('{ dark = "R" }', (
        "no light reaches room R: it is dark (its `dark` holds) and nothing lit is there"))
    all: list[CondRef] | None = Field(default=None, max_length=100,
                                      description="every condition of the list holds",
                                      examples=["{ all = [ { ... }, { ... } ] }"])
    any: list[CondRef] | None = Field(default=None, max_length=100,
                                      description="at least one condition of the list holds",
                                      examples=["{ any = [ { ... }, { ... } ] }"])
    not_: CondRef | None = Field(default=None, alias="not",
                                 description="the condition does not hold",
                                 examples=["{ not = { ... } }"])

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        kinds = self.kinds()
        if not kinds:
            raise _error("the condition is empty",
                         f"write one of {', '.join(CONDITION_KINDS)}, like {{ flag = \"F\" }}")
        if len(kinds) > 1:
            raise _error(f"one condition has {' and '.join(kinds)}",
                         "a condition has one kind; to require several, write "
                         "{ all = [ { ... }, { ... } ] }")
        if (self.where is None) != (self.in_ is None):
            raise _error('"where" and "in" go together',
                         'write { where = "thing", in = "place" }')
        if self.counter is None and (self.min is not None or self.max is not None):
            raise _error('"min" and "max" go with "counter"',
                         'write { counter = "C", min = 1 }')
        if (self.stage is None) != (self.at_least is None):
            raise _error('"stage" and "at_least" go together',
                         'write { stage = "room", at_least = "faded" }')
        return self

    def kinds(self) -> list[str]:
        found = []
        for k in CONDITION_KINDS:
            attr = "not_" if k == "not" else k
            if getattr(self, attr) is not None:
                found.append(k)
        return found


def _value_kind(value: Any) -> str:
    """Which branch of a union of a flag, a name (text), a list and a table a value is
    checked against, so a mistake is reported once, in the branch the author meant."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    return "table"


CondRef = Annotated[
    Annotated[str, Field(min_length=1, max_length=100), Tag("str")]
    | Annotated[Condition, Tag("table")],
    Discriminator(_value_kind),
]
"""A condition where one goes: a table, or the name of a condition of ``[conditions]``."""

FlagOrCond = Annotated[
    Annotated[bool, Tag("bool")] | Annotated[str, Field(min_length=1, max_length=100),
                                             Tag("str")]
    | Annotated[Condition, Tag("table")],
    Discriminator(_value_kind),
]
"""true or false, or a condition (a table or a name): ``dark = true``, ``lit = "lamp on"``."""

Condition.model_rebuild()


class Variant(Strict):
    """One variant of a text that changes: ``{ when = { ... }, text = "..." }``."""

    text: str = Field(max_length=MAX_TEXT, description="the text")
    when: CondRef | None = Field(default=None,
                                   description="the condition; a variant without it always holds")


Text = Annotated[
    Annotated[str, Field(max_length=MAX_TEXT), Tag("str")]
    | Annotated[list[Variant], Field(max_length=100), Tag("list")],
    Discriminator(_str_or_list),
]


EFFECT_KINDS = ("say", "voice", "set", "clear", "add", "move", "reveal", "remove", "open",
                "close", "lock", "unlock", "points", "keepsake", "go", "enter", "pace", "pause",
                "resume", "erase", "end")


class Effect(Strict):
    """An effect: a table with one key (``move`` goes with ``to``)."""

    say: Text | None = Field(default=None, description=(
        "prints the text (or the first of its variants whose condition holds)"),
        examples=['{ say = "..." }'])
    voice: str | None = Field(default=None, max_length=MAX_TEXT, description=(
        "a voice from the real world, heard through the dream (Stan, Patrick, Mary...)"),
        examples=['{ voice = "..." }'])
    set: str | None = _form('{ set = "F" }', "sets the flag F")
    clear: str | None = _form('{ clear = "F" }', "clears the flag F")
    add: str | None = _form('{ add = "C", by = N }',
                            "adds N (default 1; may be negative) to the counter C")
    by: int | None = Field(default=None, ge=-1_000_000, le=1_000_000,
                           description='goes with "add"')
    move: str | None = _form('{ move = "T", to = "X" }',
                             'moves T into or onto X (a thing, a room, or "player": Joel '
                             "carries it); reveals a hidden T")
    to: str | None = Field(default=None, description='goes with "move"')
    reveal: str | None = _form('{ reveal = "T" }', "a hidden T appears where it was drawn")
    remove: str | None = _form('{ remove = "T" }', "T leaves the world")
    open: str | None = _form('{ open = "T" }', "opens the door or container T")
    close: str | None = _form('{ close = "T" }', "closes the door or container T")
    lock: str | None = _form('{ lock = "T" }', "locks the door or container T")
    unlock: str | None = _form('{ unlock = "T" }', "unlocks the door or container T")
    points: int | None = Field(default=None, ge=-1000, le=1000, description=(
        "adds N to the score (once per rule or event); the maximum score is the sum of all "
        "points effects, so give each achievement's points in one place (let alternative "
        "rules set a flag and one event award the points)"), examples=["{ points = N }"])
    keepsake: str | None = _form('{ keepsake = "K" }', (
        "Joel keeps the moment K (a [keepsakes.K] of pack.toml); endings list what was kept"))
    go: str | None = _form('{ go = "R" }', "Joel is moved to room R")
    enter: str | None = _form('{ enter = "L" }',
                              "Joel goes into the level L (a memory), at its entry room, with "
                              "what he carries; its erasure starts")
    pace: int | None = Field(default=None, ge=1, le=1000, description=(
        "the erasure of the level (`level`, default Joel's) now takes a step every N turns"),
        examples=['{ pace = N, level = "L" }'])
    level: str | None = Field(default=None, description='goes with "pace"')
    pause: str | None = _form('{ pause = "L" }', "the erasure of level L stops for now")
    resume: str | None = _form('{ resume = "L" }', "the erasure of level L goes on")
    erase: str | None = _form('{ erase = "L" }', (
        "Lacuna finds the level L (a hidden level): its erasure starts (when Joel is there) "
        "as in any memory"))
    end: str | None = _form('{ end = "E" }', "the game ends with the ending E of pack.toml")

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        kinds = [k for k in EFFECT_KINDS if getattr(self, k) is not None]
        if not kinds:
            raise _error("the effect is empty" if self.to is None else '"to" needs "move"',
                         f"write one of {', '.join(EFFECT_KINDS)}, like {{ set = \"F\" }}"
                         if self.to is None else 'write { move = "thing", to = "place" }')
        if len(kinds) > 1:
            raise _error(f"one effect has {' and '.join(kinds)}",
                         "write one effect per table: do = [ { ... }, { ... } ]")
        if (self.move is None) != (self.to is None):
            raise _error('"move" needs "to"', 'write { move = "thing", to = "place" }')
        if self.by is not None and self.add is None:
            raise _error('"by" goes with "add"', 'write { add = "counter", by = 2 }')
        if self.level is not None and self.pace is None:
            raise _error('"level" goes with "pace"', 'write { pace = 2, level = "L" }')
        return self

    def kind(self) -> str:
        return next(k for k in EFFECT_KINDS if getattr(self, k) is not None)


# -- texts -------------------------------------------------------------------------------------
class StageTexts(Strict):
    """Texts for a room or thing as the erasure takes it; a stage without one gets the vivid
    text, faded by the game."""

    faded: str | None = Field(default=None, max_length=MAX_TEXT,
                              description="colour drains: the text at the first stage")
    blurred: str | None = Field(default=None, max_length=MAX_TEXT,
                                description="details blur: the text at the second stage")
    dissolving: str | None = Field(default=None, max_length=MAX_TEXT,
                                   description="the place comes apart: the third stage")


class ErasureSection(Strict):
    """The ``[erasure]`` table of a level: how Lacuna erases this memory."""

    anchors: list[str] = Field(min_length=1, max_length=50, description=(
        "the rooms where the erasure starts (where the memory's memento leads)"))
    pace: int = Field(ge=1, le=1000, description=(
        "turns per step: every step each room fades one stage further, and the next ring of "
        "rooms begins to fade"))
    delay: int = Field(default=0, ge=0, le=10000, description=(
        "turns after Joel arrives before the first step"))
    entry: str | None = Field(default=None, description=(
        "the room Joel arrives in when swept or sent into this level; default: the level's "
        "Player object, else its first room"))


class LevelSection(Strict):
    """The ``[level]`` table of a level's TOML."""

    intro: Text = Field(default="", description=(
        "printed when the level begins (a text, or a list of variants)"))


class RoomText(Strict):
    """A ``[rooms."NAME"]`` table: the texts of the room whose Tiled object is named NAME."""

    title: Text | None = Field(default=None, description=(
        "the room's heading, or a list of variants; default: the object's name"))
    description: Text = Field(default="", description=(
        "what LOOK says; mention the furniture and the exits here"))
    stages: StageTexts | None = Field(default=None, description=(
        "the description as the erasure takes the room (faded, blurred, dissolving)"))
    dark: FlagOrCond | None = Field(default=None, description=(
        "true: the room is dark (Joel sees nothing there without a light); a condition: "
        "dark while it holds"))
    details: dict[str, str] = Field(default_factory=dict, max_length=200, description=(
        'what EXAMINE says of a noun of the text that is not a thing, like { "pizza menu" = '
        '"..." }: the key\'s words are what the player may type (any of them, in any order); '
        "no turn passes, and other verbs get the gentle reply"))


class TopicText(Strict):
    """A ``[[things."NAME".topics]]`` entry: ASK or TELL a person ABOUT one of the words."""

    words: list[str] = Field(min_length=1, max_length=50,
                             description="the words the player may ask about")
    text: Text = Field(description="the answer")


# The pictures the window can draw for a person's token (assets/sprites; tests/test_assets.py
# keeps the two in step). Clementine's four are her hair through the years.
Sprite = Literal["joel", "clementine-green", "clementine-red", "clementine-orange",
                 "clementine-blue", "mary", "stan", "patrick", "mierzwiak"]


class ThingText(Strict):
    """A ``[things."NAME"]`` table: the texts of the thing whose Tiled object is named NAME."""

    name: str | None = Field(default=None, min_length=1, max_length=100, description=(
        "how the game names it; default: the object's name"))
    article: Literal["a", "an", "the", "some", ""] | None = Field(default=None, description=(
        'the article before its name; "" for proper names; default: "a" or "an" ("" for a '
        "Person whose name begins with a capital)"))
    words: list[str] = Field(default_factory=list, max_length=50, description=(
        "what the player may call it, besides the words of its name"))
    description: Text = Field(default="", description="what EXAMINE says")
    stages: StageTexts | None = Field(default=None, description=(
        "what EXAMINE says as the erasure takes its room (faded, blurred, dissolving)"))
    initial: Text | None = Field(default=None, description=(
        "how it shows in the room (or on its supporter, in its container) until it is first "
        "picked up"))
    text: Text | None = Field(default=None, description=(
        "what READ says, if it differs from examining it"))
    talk: Text | None = Field(default=None, description="what TALK TO says (a Person)")
    volunteer: list[Variant] = Field(default_factory=list, max_length=100, description=(
        "what a Person says unasked while with Joel: the first line whose `when` holds, once "
        "each, at most one a turn"))
    topics: list[TopicText] = Field(default_factory=list, max_length=100, description=(
        "what ASK and TELL ABOUT answer (a Person)"))
    sprite: Sprite | None = Field(default=None, description=(
        "a Person's picture on the map, in the window (Clementine's gives the hair of that "
        'memory: "clementine-red"); without it the companion is a plain token and others '
        "are not drawn"))
    lit: FlagOrCond | None = Field(default=None, description=(
        "true: it gives light (a candle, a lamp) wherever it is, unless shut in something "
        "opaque; a condition: while it holds (a lamp switched on)"))
    search: Text | None = Field(default=None, description=(
        "what SEARCH and LOOK IN find (its contents are listed after it); default: its "
        "contents, or that there is nothing more to find"))


class RuleEntry(Strict):
    """A ``[[rules]]`` entry: changes what an action does."""

    action: StrOrList = Field(description=(
        'the action (see the list of actions), a list of actions, or "*": any action'))
    object: str | None = Field(default=None, description=(
        'the thing acted on (for go: the direction), or "*": any; without it, any (also '
        "none)"))
    second: str | None = Field(default=None, description=(
        "the second thing: the container, supporter, key or person; without it, any"))
    except_: list[str] | None = Field(default=None, alias="except", max_length=100,
                                      description=(
        'with action = "*": the actions it does not hook; with object = "*": the things '
        "(or directions) it does not apply to"))
    when: CondRef | None = Field(default=None, description="the condition; without it, always")
    phase: Literal["before", "instead", "after", "report"] = Field(
        default="instead", description=(
            '"before": say and do this, then the action goes on; "instead": this replaces '
            'the action, which fails; "after": this follows the action when it succeeded, '
            "before its report, and replaces the report if it says something; \"report\": "
            "this follows the action's report"))
    say: Text | None = Field(default=None, description="printed (a text, or a list of variants)")
    do: list[Effect] = Field(default_factory=list, max_length=50,
                             description="the effects, in order")
    once: bool = Field(default=False, description="the rule applies only the first time")


class EventEntry(Strict):
    """An ``[[events]]`` entry: runs at the end of a turn when its condition holds."""

    when: CondRef = Field(description="the condition")
    say: Text | None = Field(default=None, description="printed (a text, or a list of variants)")
    do: list[Effect] = Field(default_factory=list, max_length=50,
                             description="the effects, in order")
    once: bool = Field(default=True, description="false: it runs every turn the condition holds")


class HintEntry(Strict):
    """A ``[[hints]]`` entry: HINT shows the first whose condition holds."""

    when: CondRef | None = Field(default=None, description=(
        "the condition; without it, always (put such a hint last)"))
    text: Text = Field(description="the hint (a text, or a list of variants)")


class LevelFile(Strict):
    """A level's TOML: the prose, words and rules, keyed by the names of the Tiled objects."""

    level: LevelSection = Field(default=LevelSection(), description="the level itself")
    erasure: ErasureSection | None = Field(default=None, description=(
        "how Lacuna erases this level (levels without it are never erased)"))
    rooms: dict[str, RoomText] = Field(default_factory=dict, description="the rooms' texts")
    things: dict[str, ThingText] = Field(default_factory=dict, description="the things' texts")
    rules: list[RuleEntry] = Field(default_factory=list, max_length=2000,
                                   description="rules that change what actions do")
    events: list[EventEntry] = Field(default_factory=list, max_length=2000,
                                     description="what happens when a condition comes true")
    hints: list[HintEntry] = Field(default_factory=list, max_length=500,
                                   description="what HINT says")
    conditions: dict[str, CondRef] = Field(default_factory=dict, max_length=500, description=(
        "named conditions, used by name wherever a condition goes"))
    messages: dict[str, Text] = Field(default_factory=dict, max_length=2000, description=(
        "the level's own words for the game's messages, by catalogue id"))


# -- Tiled object properties -------------------------------------------------------------------
class ThingProps(Strict):
    """The Tiled properties of a thing, after the defaults of its class were merged in (see
    ``game.packs.tiled_types``, which declares the classes, their properties and defaults;
    a test keeps the two in step).  None: the class does not have the property.  Not strict:
    a property typed as a string in Tiled ("true") is still read as a bool."""

    model_config = ConfigDict(strict=False)

    portable: bool | None = None
    hidden: bool = False
    in_: str | None = Field(default=None, alias="in")
    worn: bool = False
    wearable: bool = False
    edible: bool = False
    drinkable: bool = False
    switchable: bool = False
    on: bool = False
    openable: bool | None = None
    open: bool | None = None
    locked: bool = False
    key: str | None = None
    transparent: bool = False
    survives: bool = False
    companion: str | None = None
    gender: Literal["he", "she", "they", "it"] | None = None
    to: str | None = None
    direction: Literal[
        "north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest",
        "up", "down", "in", "out",
    ] | None = None
    inside: str | None = None


class RoomProps(Strict):
    model_config = ConfigDict(strict=False)


THING_CLASSES = ("Item", "Scenery", "Container", "Supporter", "Person", "Door", "Passage",
                 "Player")


PackFile.model_rebuild()  # its [conditions] use CondRef, defined after it
