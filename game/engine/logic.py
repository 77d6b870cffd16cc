"""Conditions and effects as data, so packs can script the world without code.

The loader turns the TOML of a pack into these frozen values with every name already resolved to
a global id; the engine evaluates them against the state.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Flag:
    name: str


@dataclass(frozen=True, slots=True)
class Has:
    thing: str


@dataclass(frozen=True, slots=True)
class InRoom:
    room: str


@dataclass(frozen=True, slots=True)
class Visited:
    room: str


@dataclass(frozen=True, slots=True)
class Where:
    thing: str
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IsOpen:
    thing: str


@dataclass(frozen=True, slots=True)
class IsLocked:
    thing: str


@dataclass(frozen=True, slots=True)
class IsWorn:
    thing: str


@dataclass(frozen=True, slots=True)
class Present:
    thing: str


@dataclass(frozen=True, slots=True)
class Moved:
    thing: str


@dataclass(frozen=True, slots=True)
class StageAtLeast:
    """The room has faded at least this far (0 vivid ... 4 gone)."""

    room: str
    stage: int


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


Condition = (
    Flag | Has | InRoom | Visited | Where | IsOpen | IsLocked | IsWorn | Present | Moved
    | StageAtLeast | AllOf | AnyOf | Not
)


@dataclass(frozen=True, slots=True)
class Say:
    text: str


@dataclass(frozen=True, slots=True)
class SetFlag:
    name: str
    value: bool


@dataclass(frozen=True, slots=True)
class Move:
    thing: str
    to: str


@dataclass(frozen=True, slots=True)
class Reveal:
    thing: str


@dataclass(frozen=True, slots=True)
class Remove:
    thing: str


@dataclass(frozen=True, slots=True)
class SetOpen:
    thing: str
    value: bool


@dataclass(frozen=True, slots=True)
class SetLocked:
    thing: str
    value: bool


@dataclass(frozen=True, slots=True)
class Points:
    amount: int


@dataclass(frozen=True, slots=True)
class GoTo:
    room: str


@dataclass(frozen=True, slots=True)
class End:
    ending: str


@dataclass(frozen=True, slots=True)
class EnterLevel:
    """Joel goes into another level (a memory), arriving at its entry room."""

    level: str


Effect = (
    Say | SetFlag | Move | Reveal | Remove | SetOpen | SetLocked | Points | GoTo | End
    | EnterLevel
)
