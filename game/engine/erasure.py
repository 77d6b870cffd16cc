"""Lacuna's erasure: each memory fades from its anchor rooms outward, one step every few turns.

A room's stage follows from how many steps the level's erasure has taken and the room's
distance from the anchors (``ErasurePlan.distances``): ``stage = steps - distance``, clamped
to vivid..gone.  So the state needs only each level's clock; the stages are kept in the state
as well so conditions, saves and the window can read them without recomputing.  Everything is
bounded: a level is fully gone after ``steps_to_erase`` steps, and then its clock stops.
"""

from __future__ import annotations

from game.engine.context import Ctx
from game.engine.output import StageChanged, Style
from game.engine.state import LevelErasure
from game.engine.world import DISSOLVING, GONE, PLAYER, ErasurePlan, Level


def start(c: Ctx, level: Level) -> None:
    """Joel has arrived in ``level``: the technicians find it (again) and go on erasing."""
    plan = level.erasure_plan
    if plan is None:
        return
    clock = c.model.state.erasure.setdefault(level.id, LevelErasure())
    if clock.running or clock.steps >= plan.steps_to_erase:
        return
    clock.running = True
    clock.fresh = True
    clock.wait = (plan.delay if clock.steps == 0 else 0) + plan.pace


def tick(c: Ctx) -> None:
    """The end of a turn: the erasure of Joel's current memory moves on when its time comes."""
    level = c.level
    plan = level.erasure_plan
    clock = c.model.state.erasure.get(level.id)
    if plan is None or clock is None or not clock.running:
        return
    if clock.fresh:  # the turn Joel arrived in doesn't count
        clock.fresh = False
        return
    clock.wait -= 1
    if clock.wait > 0:
        return
    clock.steps += 1
    clock.wait = plan.pace
    if clock.steps >= plan.steps_to_erase:
        clock.running = False
    _step(c, level, plan, clock.steps)


def stage_of(c: Ctx, room: str) -> int:
    return c.model.state.stages.get(room, 0)


def _step(c: Ctx, level: Level, plan: ErasurePlan, steps: int) -> None:
    st = c.model.state
    changed: list[tuple[str, int, int]] = []
    for room, distance in plan.distances.items():
        new = min(GONE, max(0, steps - distance))
        old = st.stages.get(room, 0)
        if new != old:
            st.stages[room] = new
            changed.append((room, old, new))
    for room, old, new in changed:
        c.events.append(StageChanged(level.id, room, new))
        if old < DISSOLVING <= new:
            _dissolve_things(c, room)
    _tell(c, changed)
    if st.stages.get(st.room, 0) >= GONE:
        swept(c, level)


def _dissolve_things(c: Ctx, room: str) -> None:
    """Things lying in a dissolving room fade with it, unless the pack says they survive."""
    m = c.model
    doomed: list[str] = []

    def walk(where: str) -> None:
        for tid in m.contents(where):
            if not m.thing(tid).survives and not m.thing(tid).is_door:
                doomed.append(tid)
            walk(tid)

    walk(room)
    for tid in doomed:
        m.state.things[tid].location = None


def _tell(c: Ctx, changed: list[tuple[str, int, int]]) -> None:
    """What Joel notices: his own room changing, and rooms next to it."""
    m = c.model
    here = m.state.room
    near = {e.to: e.direction for e in m.room.exits}
    for room, _old, new in changed:
        if room == here and new < GONE:
            c.say(c.msg(f"erasure.here_{new}"), Style.WARNING)
        elif room in near:
            c.say(c.msg(f"erasure.near_{new}", direction=near[room],
                        room=m.world.rooms[room].title), Style.WARNING)


def next_level(c: Ctx, level: Level) -> str | None:
    """The memory Lacuna erases after ``level``: the next erasure number of the pack."""
    if level.erasure is None:
        return None
    later = [info for info in c.model.world.manifest
             if info.erasure is not None and info.erasure > level.erasure]
    return min(later, key=lambda info: info.erasure or 0).id if later else None


def swept(c: Ctx, level: Level) -> None:
    """Joel's room is gone: he falls into the next memory and loses what was left of this one."""
    m = c.model
    for tid in [t for t in m.state.things if m.world.things[t].level == level.id]:
        if m.carried(tid) and not m.thing(tid).survives:
            m.state.things[tid].location = None
    target = next_level(c, level)
    c.say(c.msg("erasure.swept"), Style.WARNING)
    if target is None or c.enter_level is None or not c.enter_level(c, target, True):
        m.state.ended = "spotless"


def gone_percent(c: Ctx) -> int:
    """How much of Joel's current memory is gone, for the status line."""
    plan = c.level.erasure_plan
    if plan is None or not plan.distances:
        return 0
    total = sum(c.model.state.stages.get(room, 0) for room in plan.distances)
    return round(100 * total / (GONE * len(plan.distances)))


def keep_words(c: Ctx, room: str) -> frozenset[str]:
    """Words fading text must keep: the names of what is there and the ways out."""
    m = c.model
    words: set[str] = set()
    for tid, ts in m.state.things.items():
        if ts.location == room or (ts.location == PLAYER and room == m.state.room):
            words |= m.thing(tid).words
    for e in m.world.rooms[room].exits:
        words.add(e.direction)
    return frozenset(words)
