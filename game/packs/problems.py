"""Problems found in a pack, collected so an author sees all of them at once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from game.engine.world import LevelUnavailable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    where: str  # 'object 12 "Aisle" (layer rooms)' or a TOML key path; may be empty
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR
    line: int | None = None  # in a TOML file: the line of the key path, from 1

    def __str__(self) -> str:
        file = f"{self.file}:{self.line}" if self.line else self.file
        where = "" if self.where == f"line {self.line}" else self.where  # a syntax error's
        head = f"{file}: {where}: " if where else f"{file}: "
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        text = f"{head}{prefix}{self.message}"
        if self.fix:
            text += f". Fix: {self.fix}"
        return text


class PackError(LevelUnavailable):
    """The pack can't be played; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        first = next((str(p) for p in problems if p.severity is Severity.ERROR), "")
        super().__init__(f"{len(problems)} problem(s)" + (f"; the first: {first}" if first
                                                           else ""))
        self.problems = problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]
