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
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    erasure: int | None = Field(default=None, ge=1, le=1000)
    hidden: bool = False


class EndingEntry(Strict):
    title: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class PackFile(Strict):
    format: Literal[1]
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    version: str = Field(min_length=1, max_length=40)
    authors: list[str] = Field(min_length=1, max_length=50)
    languages: list[str] = Field(min_length=1, max_length=20)
    start: str
    description: str = Field(default="", max_length=MAX_TEXT)
    credits: str = Field(default="", max_length=MAX_TEXT)
    levels: list[LevelEntry] = Field(min_length=1, max_length=200)
    endings: dict[str, EndingEntry] = Field(default_factory=dict)


# -- conditions and effects --------------------------------------------------------------------
def _error(message: str, fix: str) -> PydanticCustomError:
    """A mistake a validator found; the loader shows ``fix`` as the Fix."""
    return PydanticCustomError("pack_rule", message, {"fix": fix})


CONDITION_KINDS = ("flag", "has", "room", "visited", "where", "open", "locked", "worn",
                   "present", "moved", "all", "any", "not")


class Condition(Strict):
    flag: str | None = None
    has: str | None = None
    room: str | None = None
    visited: str | None = None
    where: str | None = None
    in_: StrOrList | None = Field(default=None, alias="in")
    open: str | None = None
    locked: str | None = None
    worn: str | None = None
    present: str | None = None
    moved: str | None = None
    all: list[Condition] | None = Field(default=None, max_length=100)
    any: list[Condition] | None = Field(default=None, max_length=100)
    not_: Condition | None = Field(default=None, alias="not")

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
        return self

    def kinds(self) -> list[str]:
        found = []
        for k in CONDITION_KINDS:
            attr = "not_" if k == "not" else k
            if getattr(self, attr) is not None:
                found.append(k)
        return found


EFFECT_KINDS = ("say", "set", "clear", "move", "reveal", "remove", "open", "close", "lock",
                "unlock", "points", "go", "end")


class Effect(Strict):
    say: str | None = Field(default=None, max_length=MAX_TEXT)
    set: str | None = None
    clear: str | None = None
    move: str | None = None
    to: str | None = None
    reveal: str | None = None
    remove: str | None = None
    open: str | None = None
    close: str | None = None
    lock: str | None = None
    unlock: str | None = None
    points: int | None = Field(default=None, ge=-1000, le=1000)
    go: str | None = None
    end: str | None = None

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
        return self

    def kind(self) -> str:
        return next(k for k in EFFECT_KINDS if getattr(self, k) is not None)


# -- texts -------------------------------------------------------------------------------------
class Variant(Strict):
    text: str = Field(max_length=MAX_TEXT)
    when: Condition | None = None


Text = Annotated[
    Annotated[str, Tag("str")] | Annotated[list[Variant], Tag("list")],
    Discriminator(_str_or_list),
]


class LevelSection(Strict):
    intro: str = Field(default="", max_length=MAX_TEXT)


class RoomText(Strict):
    title: str | None = Field(default=None, max_length=200)
    description: Text = ""


class TopicText(Strict):
    words: list[str] = Field(min_length=1, max_length=50)
    text: Text


class ThingText(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    article: Literal["a", "an", "the", "some", ""] | None = None
    words: list[str] = Field(default_factory=list, max_length=50)
    description: Text = ""
    initial: Text | None = None
    text: Text | None = None
    talk: Text | None = None
    topics: list[TopicText] = Field(default_factory=list, max_length=100)


class RuleEntry(Strict):
    action: str
    object: str | None = None
    second: str | None = None
    when: Condition | None = None
    phase: Literal["before", "instead", "after"] = "instead"
    say: str | None = Field(default=None, max_length=MAX_TEXT)
    do: list[Effect] = Field(default_factory=list, max_length=50)
    once: bool = False


class EventEntry(Strict):
    when: Condition
    say: str | None = Field(default=None, max_length=MAX_TEXT)
    do: list[Effect] = Field(default_factory=list, max_length=50)
    once: bool = True


class HintEntry(Strict):
    when: Condition | None = None
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class LevelFile(Strict):
    level: LevelSection = LevelSection()
    rooms: dict[str, RoomText] = Field(default_factory=dict)
    things: dict[str, ThingText] = Field(default_factory=dict)
    rules: list[RuleEntry] = Field(default_factory=list, max_length=2000)
    events: list[EventEntry] = Field(default_factory=list, max_length=2000)
    hints: list[HintEntry] = Field(default_factory=list, max_length=500)


# -- Tiled object properties -------------------------------------------------------------------
class ThingProps(Strict):
    """The Tiled properties of a thing.  Not strict: a property typed as a string in Tiled
    ("true") is still read as a bool."""

    model_config = ConfigDict(strict=False)

    portable: bool | None = None
    hidden: bool = False
    in_: str | None = Field(default=None, alias="in")
    worn: bool = False
    wearable: bool = False
    edible: bool = False
    drinkable: bool = False
    openable: bool | None = None
    open: bool | None = None
    locked: bool = False
    key: str | None = None
    transparent: bool = False
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
