"""A pack's own verbs: its ``[[verbs]]`` grammar lines checked and compiled into the parser's
patterns, every mistake reported with its key path and a fix.

A pack line is tried before the standard grammar, so it must not say what a standard line
already says (``take [thing]``): that is a collision, reported, and the fix is a rule for the
standard action.  The lines are short and their slots few, so matching stays cheap whatever a
pack writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.actions import ACTIONS
from game.engine.grammar import (
    DIRECTION_WORDS,
    META_ACTIONS,
    PATTERNS,
    Lit,
    Part,
    Pattern,
    Slot,
)
from game.packs import models as M
from game.packs.report import Collector, closest_name

SLOTS = {"thing": "noun", "person": "person", "held": "held", "text": "text"}
"""The slots a pack line may use, and the parser's slot each stands for."""
MAX_WORDS = 8
MAX_OBJECTS = 2
RESERVED_FIRST = frozenset(DIRECTION_WORDS) | {"again", "g", "oops", "o"}
_WORD = re.compile(r"^[a-z0-9]+(?:['-][a-z0-9]+)*$")
STANDARD_ACTIONS = frozenset(ACTIONS) | META_ACTIONS | {"go_to"}


@dataclass
class PackVerbs:
    """What the loader hands the world: the compiled lines and each action's reply."""

    patterns: list[Pattern] = field(default_factory=list)
    replies: dict[str, str] = field(default_factory=dict)

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(self.replies)


def compile_verbs(entries: list[M.VerbEntry], path: Path | str, c: Collector) -> PackVerbs:
    out = PackVerbs()
    owners: dict[tuple[object, ...], str] = {}  # a line's shape -> the key path that has it
    for i, entry in enumerate(entries):
        where = f"verbs[{i}]"
        if entry.action in STANDARD_ACTIONS:
            c.error(path, where + ".action", f'"{entry.action}" is a standard action',
                    f'write a rule for it in a level ([[rules]] action = "{entry.action}"), '
                    "or give your verb another action id")
            continue
        if entry.action in out.replies:
            c.error(path, where + ".action", f'the action "{entry.action}" has two [[verbs]] '
                    "tables", "put all its grammar lines in one table")
            continue
        good = True
        for j, line in enumerate(entry.grammar):
            at = f"{where}.grammar[{j}]"
            pattern = _compile_line(entry.action, line, path, at, c)
            if pattern is None:
                good = False
                continue
            standard = _collides(pattern)
            if standard is not None:
                c.error(path, at, f'"{line}" says what the standard line "{_show(standard)}" '
                        f'already says (the action "{standard.action}")',
                        f'hook the standard action with a rule (action = "{standard.action}") '
                        "instead, or change the words")
                good = False
                continue
            key = _shape(pattern)
            if key in owners:
                c.error(path, at, f'"{line}" is the same line as {owners[key]}',
                        "a line can start only one action: remove one of them")
                good = False
                continue
            owners[key] = at
            out.patterns.append(pattern)
        if good or any(p.action == entry.action for p in out.patterns):
            out.replies[entry.action] = entry.reply
    return out


def _compile_line(action: str, line: str, path: Path | str, where: str, c: Collector
                  ) -> Pattern | None:
    """One grammar line as a pattern, or None (and the problem reported)."""
    words = line.lower().split()
    if not words:
        c.error(path, where, "the grammar line is empty", 'write words, like "ring [thing]"')
        return None
    if len(words) > MAX_WORDS:
        c.error(path, where, f'"{line}" has {len(words)} words; at most {MAX_WORDS}',
                "players type short commands: shorten the line")
        return None
    parts: list[Part] = []
    objects = 0
    for k, word in enumerate(words):
        if word.startswith("[") or word.endswith("]"):
            name = word.strip("[]")
            if not (word.startswith("[") and word.endswith("]")) or name not in SLOTS:
                guess = closest_name(name, SLOTS)
                c.error(path, where, f'"{word}" is not a slot',
                        (f'did you mean "[{guess}]"? ' if guess else "")
                        + "the slots are [thing], [person], [held] and [text]")
                return None
            if k == 0:
                c.error(path, where, f'"{line}" starts with a slot',
                        'start with the verb, like "ring [thing]"')
                return None
            if parts and isinstance(parts[-1], Slot):
                c.error(path, where, f'"{line}" has two slots side by side',
                        'put a word between them, like "tie [thing] to [thing]"')
                return None
            if name == "text" and k != len(words) - 1:
                c.error(path, where, "[text] takes the rest of the command",
                        "put [text] last")
                return None
            if name != "text":
                objects += 1
            parts.append(Slot(SLOTS[name]))
            continue
        options = word.split("/")
        bad = [o for o in options if not _WORD.match(o)]
        if bad:
            c.error(path, where, f'"{bad[0] or word}" in "{line}" is not a word the player '
                    "can type", "use letters and digits (a/b for either of two words)")
            return None
        if k == 0 and RESERVED_FIRST.intersection(options):
            first = sorted(RESERVED_FIRST.intersection(options))[0]
            c.error(path, where, f'"{first}" can\'t start a verb: the game reads it as a '
                    "direction or a command of its own", "start the line with another word")
            return None
        parts.append(Lit(frozenset(options), options[0]))
    if objects > MAX_OBJECTS:
        c.error(path, where, f'"{line}" has {objects} things; at most {MAX_OBJECTS}',
                "an action takes a thing and a second thing at most")
        return None
    return Pattern(action, tuple(parts), line)


def _shape(p: Pattern) -> tuple[object, ...]:
    return tuple(tuple(sorted(part.options)) if isinstance(part, Lit) else "slot"
                 for part in p.parts)


_BY_LENGTH: dict[int, list[Pattern]] = {}
for _p in PATTERNS:
    _BY_LENGTH.setdefault(len(_p.parts), []).append(_p)


def _collides(p: Pattern) -> Pattern | None:
    """A standard line that matches the same commands (same length, the same words where it
    has words, slots where it has slots)."""
    for s in _BY_LENGTH.get(len(p.parts), ()):
        if all(
            (isinstance(a, Slot) and isinstance(b, Slot))
            or (isinstance(a, Lit) and isinstance(b, Lit) and bool(a.options & b.options))
            for a, b in zip(p.parts, s.parts, strict=True)
        ):
            return s
    return None


def _show(p: Pattern) -> str:
    return p.spec.replace("|", "/").replace("{", "[").replace("}", "]")
