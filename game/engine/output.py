"""What the engine reports to a frontend: styled lines of text (and, later, typed events).

Frontends never read the state to decide what to show; they present these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Style(StrEnum):
    TITLE = "title"  # a room's heading
    TEXT = "text"  # ordinary narration
    COMMAND = "command"  # the player's own command, echoed
    PARSER = "parser"  # the parser explaining why it did not understand
    VOICE = "voice"  # voices from the real world
    WARNING = "warning"
    ENDING = "ending"
    META = "meta"  # out-of-world replies: saving, undo, help


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    style: Style = Style.TEXT


# -- events: what happened, for frontends that animate it (the terminal shows only the lines) --
@dataclass(frozen=True, slots=True)
class StageChanged:
    """A room of a memory faded a stage further (0 vivid ... 4 gone)."""

    level: str
    room: str
    stage: int


@dataclass(frozen=True, slots=True)
class LevelEntered:
    """Joel is now in another memory; ``swept`` when the erasure carried him there."""

    level: str
    room: str
    swept: bool = False


@dataclass(frozen=True, slots=True)
class VoiceHeard:
    """A voice from the real world: the window may flicker where it is heard."""

    text: str


@dataclass(frozen=True, slots=True)
class LocatorLost:
    """Joel slipped somewhere Lacuna can't see: the erasure of this level waits."""

    level: str


@dataclass(frozen=True, slots=True)
class LocatorFound:
    level: str


@dataclass(frozen=True, slots=True)
class CompanionJoined:
    person: str


@dataclass(frozen=True, slots=True)
class CompanionLost:
    person: str


@dataclass(frozen=True, slots=True)
class GameEnded:
    """The story ended: which ending, and what an ending screen shows (the same words as the
    ending's lines, so a frontend needs nothing from the state).  Compared by ``ending``."""

    ending: str
    title: str = field(default="", compare=False)
    text: str = field(default="", compare=False)
    kept: str = field(default="", compare=False)  # "You kept: ...", or "" when the pack has none
    score: int = field(default=0, compare=False)
    max_score: int = field(default=0, compare=False)
    turns: int = field(default=0, compare=False)
    score_text: str = field(default="", compare=False)
    options: str = field(default="", compare=False)  # what the player can do now


Event = (
    StageChanged | LevelEntered | VoiceHeard | LocatorLost | LocatorFound | CompanionJoined
    | CompanionLost | GameEnded
)


@dataclass(frozen=True, slots=True)
class Status:
    """What a status line shows: where Joel is, how much of this memory is gone, who is with
    him, and the score; the window draws it, the terminal leaves it to SCORE and LOOK."""

    level: str
    room: str
    turn: int
    gone_percent: int
    companion: str | None
    keepsakes: int
    score: int
    max_score: int
    # a memory Lacuna is erasing (not the prologue, not a hidden level): only there does a
    # status line show how much of it is gone
    erasing: bool = False
    hidden: bool = False  # a hidden level, where Lacuna can't see Joel
