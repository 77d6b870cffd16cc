"""Darkness, as Inform's Standard Rules have it: in a dark room Joel sees nothing, has in
scope only what he carries, can't examine or search, and finds only the way he came.

The rules here run in ``rules.run`` after the ``before`` rules and before ``instead`` (Inform's
basic visibility rule), so a pack's ``instead`` rule for a dark room still sees the action.
Every sentence is a catalogue id (``dark.*``) a pack can override in its ``[messages]``.
"""

from __future__ import annotations

from game.engine.context import Cmd, Ctx
from game.engine.output import Style
from game.engine.world import Exit

NEEDS_LIGHT = frozenset({"examine", "read", "search", "look_under"})


def refusal(c: Ctx, cmd: Cmd) -> str | None:
    """Why the action can't be done in the dark; None when it can (or it is light)."""
    if cmd.action not in NEEDS_LIGHT and cmd.action != "go":
        return None
    m = c.model
    if not m.is_dark():
        return None
    if cmd.action in NEEDS_LIGHT:
        return c.msg("dark.cant_see")
    way = _exit(c, cmd.direction or "")
    if way is None or way.to != m.state.came_from:
        return c.msg("dark.cant_go")
    return None


def _exit(c: Ctx, direction: str) -> Exit | None:
    m = c.model
    ex = m.exit_towards(direction)
    if ex is None and direction == "out" and len(m.exits()) == 1:
        ex = m.exits()[0]
    return ex


def describe_darkness(c: Ctx) -> None:
    """What LOOK shows in the dark: a heading and one sentence, nothing listed, no exits."""
    c.say(c.msg("dark.title"), Style.TITLE)
    c.tell("dark.description")
