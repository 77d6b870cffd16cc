"""Lacuna's erasure: each memory fades from its anchor rooms outward, one step every few turns.

A room's stage follows from how many steps the level's erasure has taken and the room's
distance from the anchors (``ErasurePlan.distances``): ``stage = steps - distance``, clamped
to vivid..gone.  So the state needs only each level's clock; the stages are kept in the state
as well so conditions, saves and the window can read them without recomputing.  Everything is
bounded: a level is fully gone after ``steps_to_erase`` steps, and then its clock stops.
"""

from __future__ import annotations

from game.engine.context import Ctx
from game.engine.output import LocatorFound, LocatorLost, StageChanged, Style
from game.engine.state import LevelErasure
from game.engine.world import DISSOLVING, GONE, PLAYER, ErasurePlan, Level


def start(c: Ctx, level: Level) -> None:
    """Joel has arrived in ``level``: the technicians find it (again) and go on erasing.

    Only the level Joel is in is erased (the others wait for him), and a hidden level is not
    on Lacuna's map at all until an event says they found it (``{ erase = "LEVEL" }``).
    """
    plan = level.erasure_plan
    if plan is None:
        return
    clock = c.model.state.erasure.setdefault(level.id, LevelErasure())
    if level.hidden and not clock.found:
        c.events.append(LocatorLost(level.id))
        return
    if clock.running or clock.steps >= plan.steps_to_erase:
        return
    clock.running = True
    clock.fresh = True
    clock.wait = (plan.delay if clock.steps == 0 else 0) + pace_of(plan, clock)


def pace_of(plan: ErasurePlan, clock: LevelErasure) -> int:
    return clock.pace or plan.pace


def set_pace(c: Ctx, level_id: str, pace: int) -> None:
    """Lacuna works faster or slower (Mierzwiak arrives; Mary and Stan drink)."""
    clock = c.model.state.erasure.setdefault(level_id, LevelErasure())
    clock.pace = pace
    clock.wait = min(clock.wait, pace) if clock.running else clock.wait


def pause(c: Ctx, level_id: str, paused: bool) -> None:
    clock = c.model.state.erasure.setdefault(level_id, LevelErasure())
    level = c.model.world.levels.get(level_id)
    if paused:
        clock.running = False
    elif level is not None and c.model.state.level == level_id:
        start(c, level)


def found(c: Ctx, level_id: str) -> None:
    """Lacuna finds a hidden level; if Joel is in it, the erasure starts at once."""
    clock = c.model.state.erasure.setdefault(level_id, LevelErasure())
    if clock.found:
        return
    clock.found = True
    c.events.append(LocatorFound(level_id))
    level = c.model.world.levels.get(level_id)
    if level is not None and c.model.state.level == level_id:
        start(c, level)


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
    clock.wait = pace_of(plan, clock)
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
            c.say(c.msg(f"erasure.near_{new}", where=c.msg.word(f"where.{near[room]}"),
                        room=m.room_title(room)), Style.WARNING)


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
    if level.hidden and m.state.hid_from is not None:
        # hiding bought time; now Joel falls back into the memory he fled, if any of it is left
        fled = m.world.levels.get(m.state.hid_from)
        back = m.state.erasure.get(m.state.hid_from)
        plan = fled.erasure_plan if fled is not None else None
        if fled is not None and not (plan and back and back.steps >= plan.steps_to_erase):
            target = fled.id
        elif fled is not None:
            target = next_level(c, fled)
    if target is None or c.enter_level is None:
        m.state.ended = "spotless"  # no earlier memory to fall into: the ending says the rest
        return
    c.say(c.msg("erasure.swept"), Style.WARNING)
    if not c.enter_level(c, target, True):
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
