"""What the engine reports to a frontend: styled lines of text (and, later, typed events).

Frontends never read the state to decide what to show; they present these values.
"""

from __future__ import annotations

from dataclasses import dataclass
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
