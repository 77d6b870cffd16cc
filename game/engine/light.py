"""Darkness, as Inform's Standard Rules have it: in a dark room Joel sees nothing, has in
scope only what he carries, can't examine or search, and finds only the way he came.

``visibility`` runs in ``rules.run`` after the ``before`` rules and before ``instead``, as
Inform's basic visibility rule does; ``way_in_the_dark`` is a check, after ``instead``, so a
pack's ``instead`` rule for going about a dark room (Cloak of Darkness) comes first.
Every sentence is a catalogue id (``dark.*``) a pack can override in its ``[messages]``.
"""

from __future__ import annotations

from game.engine.context import Cmd, Ctx
from game.engine.output import Style
from game.engine.world import Exit

NEEDS_LIGHT = frozenset({"examine", "read", "search", "look_under"})


def visibility(c: Ctx, cmd: Cmd) -> str | None:
    """Why an action that needs light can't be done; None when it can."""
    if cmd.action in NEEDS_LIGHT and c.model.is_dark():
        return c.msg("dark.cant_see")
    return None


def way_in_the_dark(c: Ctx, cmd: Cmd) -> str | None:
    """In the dark Joel finds only the way he came; None when he may go (or it is light)."""
    if cmd.action != "go":
        return None
    m = c.model
    if not m.is_dark():
        return None
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
