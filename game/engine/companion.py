"""The companion: someone Joel can ask to follow, wait or hide, who goes where he goes.

Each memory has its own version of Clementine (a Person with ``companion = "Clementine"``);
they share one identity, so a pack can ask whether "Clementine" is with Joel in any level, and
when Joel moves into another memory with her, that memory's version of her takes over.
"""

from __future__ import annotations

from game.engine.context import Cmd, Ctx
from game.engine.output import CompanionJoined, CompanionLost, Style

FOLLOW_WORDS = frozenset({"follow", "come", "join"})
WAIT_WORDS = frozenset({"wait", "stay", "stop"})
HIDE_WORDS = frozenset({"hide"})


def order(c: Ctx, cmd: Cmd) -> bool:
    """MARY, FOLLOW ME / ASK CLEMENTINE TO WAIT: True when it was an order a companion takes."""
    person = cmd.actor or cmd.noun
    if person is None or person not in c.model.world.things \
            or c.model.thing(person).companion is None:
        return False
    words = set(cmd.text.split())
    st = c.model.state
    if words & FOLLOW_WORDS:
        if st.follower == person:
            c.tell("companion.already", the=c.the(person))
        else:
            st.follower = person
            st.left_behind = None
            st.hiding.discard(person)
            c.events.append(CompanionJoined(person))
            c.tell("companion.follows", the=c.the(person))
        return True
    if words & WAIT_WORDS:
        if st.follower == person:
            st.follower, st.left_behind = None, person
        c.tell("companion.waits", the=c.the(person))
        return True
    if words & HIDE_WORDS:
        st.hiding.add(person)
        if st.follower == person:
            st.follower, st.left_behind = None, person
        c.tell("companion.hides", the=c.the(person))
        return True
    return False


def after_move(c: Ctx, old_room: str) -> None:
    """Joel went through an exit: a follower who was with him comes along."""
    st = c.model.state
    f = st.follower
    if f is None or st.room == old_room:
        return
    if st.things[f].location == old_room:
        st.things[f].location = st.room
        c.tell("companion.comes_along", the=c.the(f))


def lose_left_behind(c: Ctx, old_room: str, swept: bool) -> None:
    """Swept out of a memory in which Joel left her waiting: she is lost with it."""
    m = c.model
    st = m.state
    behind = st.left_behind
    if swept and behind is not None and m.thing(behind).level == m.world.rooms[old_room].level:
        st.left_behind = None  # the memory she waited in is gone, and she with it
        st.things[behind].location = None
        c.events.append(CompanionLost(behind))
        c.say(c.msg("companion.lost", the=c.the(behind)), Style.WARNING)


def change_level(c: Ctx, old_room: str) -> None:
    """Joel is in another memory now: a follower comes along (that memory's version of her
    takes over)."""
    m = c.model
    st = m.state
    f = st.follower
    if f is None:
        return
    identity = m.thing(f).companion
    here = m.world.rooms[st.room].level
    versions = [tid for tid, t in m.world.things.items()
                if t.companion == identity and t.level == here and t.is_person]
    new = versions[0] if versions else f
    if new != f:
        st.things[f].location = None  # she is the memory's own version of herself now
    st.things[new].location = st.room
    st.follower = new
    c.tell("companion.comes_along", the=c.the(new))


def volunteer(c: Ctx) -> None:
    """At the end of a turn someone with Joel may say something unasked: the first line of
    theirs whose condition holds, once each, one line a turn."""
    m = c.model
    st = m.state
    # only someone in Joel's room can be heard (most turns: nobody with lines to say is)
    speakers = [tid for tid, t in m.world.things.items() if t.volunteers and t.is_person
                and st.things[tid].location == st.room]
    if not speakers:
        return  # most turns of most packs: no need to work out what Joel can see
    visible = set(m.scope())
    for tid in speakers:
        t = m.thing(tid)
        if tid not in visible:
            continue
        for i, line in enumerate(t.volunteers):
            key = f"volunteer:{tid}:{i}"
            if key in st.fired or (line.when is not None and not m.holds(line.when)):
                continue
            st.fired.add(key)
            c.say(line.text)
            return
