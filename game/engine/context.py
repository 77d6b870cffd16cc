"""What an action sees while it runs: the model, the catalogue and the output being built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine.messages import Catalogue
from game.engine.model import Model
from game.engine.output import Event, Line, Style
from game.engine.world import Level


@dataclass(frozen=True, slots=True)
class Cmd:
    """One action on at most one direct object: what the rules and actions work with."""

    action: str
    noun: str | None = None
    second: str | None = None
    direction: str | None = None
    text: str = ""
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class AskFor:
    """An action needs another noun (UNLOCK DOOR: with what?); the session asks the player."""

    message: str
    words: tuple[str, ...]


@dataclass
class Ctx:
    model: Model
    msg: Catalogue
    out: list[Line] = field(default_factory=list)
    ask: AskFor | None = None
    depth: int = 0
    # action variables (Inform's term): what check works out and report needs, e.g. the key
    # an UNLOCK settled on; keyed by action id so nested actions don't clash
    vars: dict[str, str] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    # the session's way into another level (loading it if need be); None in bare contexts
    enter_level: Callable[[Ctx, str, bool], bool] | None = None

    @property
    def level(self) -> Level:
        return self.model.world.levels[self.model.state.level]

    def say(self, text: str, style: Style = Style.TEXT) -> None:
        if text:
            self.out.append(Line(text, style))

    def tell(self, msg_id: str, **fields: object) -> None:
        self.say(self.msg(msg_id, **fields))

    def the(self, tid: str) -> str:
        return self.model.the(tid)

    def a(self, tid: str) -> str:
        return self.model.a(tid)
