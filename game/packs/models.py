"""The pack's file formats as pydantic models: every key is checked, unknown keys are errors.

These describe files, not the world: the loader turns them, with the Tiled map, into the
engine's frozen ``World``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
MAX_TEXT = 20_000


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


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
CONDITION_KINDS = ("flag", "has", "room", "visited", "where", "open", "locked", "worn",
                   "present", "moved", "all", "any", "not")


class Condition(Strict):
    flag: str | None = None
    has: str | None = None
    room: str | None = None
    visited: str | None = None
    where: str | None = None
    in_: str | list[str] | None = Field(default=None, alias="in")
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
        if len(kinds) != 1:
            raise ValueError(
                f"a condition needs exactly one of {', '.join(CONDITION_KINDS)}"
                + (f" (found {', '.join(kinds)})" if kinds else "")
            )
        if (self.where is None) != (self.in_ is None):
            raise ValueError('"where" and "in" go together: { where = "thing", in = "place" }')
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
        if len(kinds) != 1:
            raise ValueError(
                f"an effect needs exactly one of {', '.join(EFFECT_KINDS)}"
                + (f" (found {', '.join(kinds)})" if kinds else "")
            )
        if (self.move is None) != (self.to is None):
            raise ValueError('"move" and "to" go together: { move = "thing", to = "place" }')
        return self

    def kind(self) -> str:
        return next(k for k in EFFECT_KINDS if getattr(self, k) is not None)


# -- texts -------------------------------------------------------------------------------------
class Variant(Strict):
    text: str = Field(max_length=MAX_TEXT)
    when: Condition | None = None


Text = str | list[Variant]


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
    pass


THING_CLASSES = ("Item", "Scenery", "Container", "Supporter", "Person", "Door", "Passage",
                 "Player")
