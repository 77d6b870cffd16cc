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
class IsOn:
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
class InLevel:
    level: str


@dataclass(frozen=True, slots=True)
class TurnAtLeast:
    turn: int


@dataclass(frozen=True, slots=True)
class LevelTurnsAtLeast:
    """Joel has spent this many turns in his current level."""

    turns: int


@dataclass(frozen=True, slots=True)
class Arrived:
    """Joel arrived in this room (or level) this turn."""

    place: str


@dataclass(frozen=True, slots=True)
class CounterBetween:
    name: str
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class HasKeepsake:
    keepsake: str


@dataclass(frozen=True, slots=True)
class WithJoel:
    """The companion (by identity, any memory's version of her) is with Joel."""

    companion: str


@dataclass(frozen=True, slots=True)
class IsDark:
    """No light reaches room R: it is dark and nothing lit is there (see Model.is_dark)."""

    room: str


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
    Flag | Has | InRoom | Visited | Where | IsOpen | IsLocked | IsWorn | IsOn | Present | Moved
    | StageAtLeast | InLevel | TurnAtLeast | LevelTurnsAtLeast | Arrived | CounterBetween
    | HasKeepsake | WithJoel | IsDark | AllOf | AnyOf | Not
)


@dataclass(frozen=True, slots=True)
class Variant:
    """One version of a text; ``when`` None means it always applies."""

    text: str
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Say:
    text: str


@dataclass(frozen=True, slots=True)
class SayText:
    """Prints the first variant whose condition holds: a text that varies by condition."""

    text: tuple[Variant, ...]


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
class Voice:
    """A voice from the real world, heard through the dream."""

    text: str


@dataclass(frozen=True, slots=True)
class AddCounter:
    name: str
    by: int = 1


@dataclass(frozen=True, slots=True)
class Keepsake:
    keepsake: str


@dataclass(frozen=True, slots=True)
class SetPace:
    level: str | None  # None: the level Joel is in
    pace: int


@dataclass(frozen=True, slots=True)
class PauseErasure:
    level: str
    paused: bool


@dataclass(frozen=True, slots=True)
class EraseLevel:
    """Lacuna finds a hidden level: from now on it is erased like any memory."""

    level: str


@dataclass(frozen=True, slots=True)
class EnterLevel:
    """Joel goes into another level (a memory), arriving at its entry room."""

    level: str


Effect = (
    Say | SayText | SetFlag | Move | Reveal | Remove | SetOpen | SetLocked | Points | GoTo | End
    | EnterLevel | Voice | AddCounter | Keepsake | SetPace | PauseErasure | EraseLevel
)
