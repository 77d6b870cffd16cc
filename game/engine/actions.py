"""The standard actions, each split into check / carry out / report as in Inform 7.

A check returns the reason an action is impossible (or "" when it has already explained
itself, e.g. after a failed implicit action); None lets the action go ahead.
"""

from __future__ import annotations

from game.engine import companion, light
from game.engine.context import AskFor, Cmd, Ctx
from game.engine.messages import join_list
from game.engine.output import Style
from game.engine.rules import implicitly, run
from game.engine.words import tokens
from game.engine.world import DIRECTIONS, GONE, PLAYER, Kind


class Action:
    id = ""

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        return None

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        return None

    def aftermath(self, c: Ctx, cmd: Cmd) -> None:
        """What follows the report even when an ``after`` rule replaced it (a companion
        following Joel): part of the action, not of its description."""
        return None


def noun(cmd: Cmd) -> str:
    assert cmd.noun is not None, cmd
    return cmd.noun


def second(cmd: Cmd) -> str:
    assert cmd.second is not None, cmd
    return cmd.second


# -- describing ------------------------------------------------------------------------------
def describe_room(c: Ctx, full: bool = True) -> None:
    """Title, description, then what the description can't know: things that moved about.

    Fixed things (furniture, scenery) are the room text's business and aren't listed; what lies
    on or in them is.  A thing nobody has moved yet shows its ``initial`` paragraph.
    """
    m = c.model
    room = m.room
    if m.is_dark():
        light.describe_darkness(c)
        return
    c.say(m.room_title(), Style.TITLE)
    if full:
        c.say(m.room_description(room.id))
    if 0 < m.stage() < GONE:
        c.say(c.msg(f"erasure.stage_{m.stage()}"), Style.WARNING)
    and_ = c.msg.word("word.and")
    listed: list[str] = []
    for tid in m.contents(m.state.room):
        t = m.thing(tid)
        if t.kind in (Kind.SCENERY, Kind.DOOR, Kind.PASSAGE):
            continue
        if _initial_paragraph(c, tid):
            continue
        if t.is_person:
            c.tell("look.person_here", a=c.a(tid))
        elif t.portable:
            listed.append(tid)
    if listed:
        c.tell("look.you_see", things=join_list([c.a(t) for t in listed], and_))
    for tid in m.contents(m.state.room):
        t = m.thing(tid)
        if t.kind in (Kind.SUPPORTER, Kind.CONTAINER) and m.can_see_inside(tid):
            inside = [x for x in m.contents(tid)
                      if m.thing(x).kind is not Kind.SCENERY and not _initial_paragraph(c, x)]
            if inside:
                key = "look.on" if t.kind is Kind.SUPPORTER else "look.in"
                c.tell(key, the=c.the(tid), things=join_list([c.a(x) for x in inside], and_))
    shown = listed_exits(c)
    if shown:
        c.say(c.msg("look.exits", exits=join_list(shown, and_)), Style.META)


def _initial_paragraph(c: Ctx, tid: str) -> bool:
    t = c.model.thing(tid)
    text = c.model.text(t.initial) if t.initial else ""
    if text and not c.model.state.things[tid].moved:
        c.say(text)
        return True
    return False


def listed_exits(c: Ctx) -> list[str]:
    """Directions worth telling the player: IN/OUT only where no compass exit goes there."""
    exits = c.model.exits()
    plain = {e.to for e in exits if e.direction not in ("in", "out")}
    shown = {e.direction for e in exits if e.direction not in ("in", "out") or e.to not in plain}
    return [d for d in DIRECTIONS if d in shown]


def list_contents(c: Ctx, tid: str) -> bool:
    m = c.model
    inside = m.contents(tid)
    if not inside:
        return False
    t = m.thing(tid)
    key = "examine.on" if t.kind is Kind.SUPPORTER else "examine.in"
    c.tell(key, the=c.the(tid), things=join_list([c.a(x) for x in inside], c.msg.word("word.and")))
    return True


class Look(Action):
    id = "look"

    def report(self, c: Ctx, cmd: Cmd) -> None:
        describe_room(c, True)  # LOOK always describes in full, whatever the verbosity


class Examine(Action):
    id = "examine"

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER:
            c.say(m.text(m.world.player_description) or c.msg("examine.self"))
            return
        t = m.thing(tid)
        text = m.thing_description(tid)
        c.say(text or c.msg("examine.nothing", the=c.the(tid)))
        if t.kind is Kind.CONTAINER:
            if m.can_see_inside(tid):
                if not list_contents(c, tid) and m.is_open(tid) and t.openable:
                    c.tell("examine.empty", the=c.the(tid))
            elif t.openable:
                c.tell("examine.closed", the=c.the(tid))
        elif t.kind is Kind.SUPPORTER:
            list_contents(c, tid)
        elif t.kind is Kind.DOOR and t.openable:
            c.tell("examine.door_open" if m.is_open(tid) else "examine.door_closed")
        if m.state.things[tid].worn and m.carried(tid):
            c.tell("examine.worn", the=c.the(tid))


class Read(Action):
    id = "read"

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        if cmd.noun != PLAYER and m.thing(noun(cmd)).read:
            c.say(m.text(m.thing(noun(cmd)).read))
        else:
            Examine().report(c, cmd)


class Search(Action):
    id = "search"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid != PLAYER and m.thing(tid).kind is Kind.CONTAINER and not m.can_see_inside(tid):
            return c.msg("search.closed", the=c.the(tid))
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER:
            Inventory().report(c, cmd)
            return
        t = m.thing(tid)
        own = m.text(t.search) if t.search else ""
        if own:  # the pack says what searching it finds
            c.say(own)
            if t.kind in (Kind.CONTAINER, Kind.SUPPORTER):
                list_contents(c, tid)
            return
        if t.kind in (Kind.CONTAINER, Kind.SUPPORTER, Kind.PERSON):
            if not list_contents(c, tid):
                key = {Kind.PERSON: "search.nothing", Kind.SUPPORTER: "search.empty_on"}.get(
                    t.kind, "search.empty")
                c.tell(key, the=c.the(tid))
        else:
            c.tell("search.nothing", the=c.the(tid))


class LookUnder(Action):
    id = "look_under"

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("look_under.nothing")


class Inventory(Action):
    id = "inventory"

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        held = m.contents(PLAYER)
        if not held:
            c.tell("inventory.empty")
            return
        c.tell("inventory.header")

        def walk(where: str, depth: int) -> None:
            for tid in m.contents(where):
                line = "  " * depth + c.a(tid)
                if m.state.things[tid].worn:
                    line += c.msg("inventory.worn")
                elif m.thing(tid).kind is Kind.CONTAINER and m.thing(tid).openable:
                    line += c.msg("inventory.open" if m.is_open(tid) else "inventory.closed")
                c.say(line)
                if m.can_see_inside(tid) and depth < 4:
                    walk(tid, depth + 1)

        walk(PLAYER, 1)


# -- moving ------------------------------------------------------------------------------------
class Go(Action):
    id = "go"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        direction = cmd.direction or ""
        ex = m.exit_towards(direction)
        if ex is None and direction == "out" and len(m.exits()) == 1:
            ex = m.exits()[0]
        if ex is None and m.exit_to_gone(direction) is not None:
            return c.msg("erasure.gone_exit", where=c.msg.word(f"where.{direction}"))
        if ex is None:
            exits = listed_exits(c)
            if not exits:
                return c.msg("go.nowhere")
            return c.msg("go.cant", exits=join_list(exits, c.msg.word("word.or")))
        if ex.via is not None and not m.is_open(ex.via):
            door = ex.via
            if m.state.things[door].locked:
                return c.msg("go.locked", the=c.the(door))
            if not implicitly(c, Cmd("open", door), "implicit.open"):
                return ""
        return None

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        ex = m.exit_towards(cmd.direction or "")
        if ex is None:
            ex = m.exits()[0]
        first_visit = ex.to not in m.state.visited
        c.vars["go.from"] = m.state.room
        m.state.room = ex.to
        m.state.visited.add(ex.to)
        full = first_visit or m.state.verbosity == "verbose"
        if m.state.verbosity == "superbrief":
            full = False
        c.vars["go.full"] = "yes" if full else ""

    def report(self, c: Ctx, cmd: Cmd) -> None:
        describe_room(c, bool(c.vars.get("go.full")))

    def aftermath(self, c: Ctx, cmd: Cmd) -> None:
        companion.after_move(c, c.vars["go.from"])


def _door_direction(c: Ctx, door: str) -> str | None:
    for e in c.model.exits():
        if e.via == door:
            return e.direction
    return None


class Enter(Action):
    id = "enter"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        t = noun(cmd)
        if t == PLAYER or not c.model.thing(t).is_door:
            if t != PLAYER and c.model.thing(t).kind is Kind.SUPPORTER:
                return c.msg("sit.default", the=c.the(t))
            return c.msg("enter.cant")
        if _door_direction(c, t) is None:
            return c.msg("enter.cant")
        return None

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        run(c, Cmd("go", direction=_door_direction(c, noun(cmd))))


class GoIn(Action):
    id = "go_in"

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        run(c, Cmd("go", direction="in"))


class Exit(Action):
    id = "exit"

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        run(c, Cmd("go", direction="out"))


class Leave(Action):
    id = "leave"

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        t = noun(cmd)
        if t != PLAYER and c.model.thing(t).is_door and _door_direction(c, t):
            run(c, Cmd("go", direction=_door_direction(c, t)))
        else:
            run(c, Cmd("go", direction="out"))


# -- taking and dropping -----------------------------------------------------------------------
def _not_reachable(c: Ctx, tid: str) -> str | None:
    blocker = c.model.touchable(tid)
    if blocker is not None:
        return c.msg("reach.closed", the=c.the(blocker))
    return None


class Take(Action):
    id = "take"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER:
            return c.msg("take.self")
        t = m.thing(tid)
        if m.held(tid):
            return c.msg("take.already")
        if t.is_person:
            return c.msg("take.person", the=c.the(tid))
        if not t.portable:
            return c.msg("take.scenery" if t.kind is Kind.SCENERY else "take.fixed")
        holder = m.location(tid)
        if holder is not None and holder in m.world.things and m.thing(holder).is_person:
            return c.msg("take.held_by", the=c.the(holder))
        return _not_reachable(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        ts = c.model.state.things[noun(cmd)]
        ts.location = PLAYER
        ts.moved = True
        ts.worn = False

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("take.done")


class TakeFrom(Action):
    id = "take_from"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        if noun(cmd) == PLAYER:  # GET ME FROM THE ARCH
            return c.msg("take.self")
        if second(cmd) == PLAYER or c.model.location(noun(cmd)) != second(cmd):
            return c.msg("take_from.not_there", the=c.the(noun(cmd)), where=c.the(second(cmd))
                         if second(cmd) != PLAYER else c.msg.word("word.you"))
        return Take().check(c, Cmd("take", noun(cmd)))

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        Take().carry_out(c, cmd)

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("take_from.done", the=c.the(noun(cmd)), where=c.the(second(cmd)))


class Remove(Action):
    id = "remove"

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        tid = noun(cmd)
        m = c.model
        if tid != PLAYER and m.state.things[tid].worn and m.held(tid):
            run(c, Cmd("take_off", tid))
        elif tid != PLAYER and m.location(tid) in m.world.things:
            run(c, Cmd("take_from", tid, m.location(tid)))
        else:
            run(c, Cmd("take", tid))


class Drop(Action):
    id = "drop"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER or not m.carried(tid):
            return c.msg("drop.not_held")
        if not m.held(tid) and not implicitly(c, Cmd("take", tid), "implicit.take"):
            return ""
        if m.state.things[tid].worn and not implicitly(c, Cmd("take_off", tid),
                                                      "implicit.take_off"):
            return ""
        return None

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].location = c.model.state.room

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("drop.done")


def _holding_for(c: Ctx, tid: str) -> str | None:
    """Make sure Joel holds ``tid`` (taking it first if need be) before he uses it."""
    m = c.model
    if tid == PLAYER:
        return c.msg("self.silly")
    if m.held(tid):
        if m.state.things[tid].worn and not implicitly(c, Cmd("take_off", tid),
                                                      "implicit.take_off"):
            return ""
        return None
    if not implicitly(c, Cmd("take", tid), "implicit.take"):
        return ""
    return None


def _inside(c: Ctx, tid: str, container: str) -> bool:
    loc: str | None = container
    for _ in range(64):
        if loc is None or loc == PLAYER or loc in c.model.world.rooms:
            return False
        if loc == tid:
            return True
        loc = c.model.location(loc)
    return False


class Insert(Action):
    id = "insert"
    kind = Kind.CONTAINER
    refuse = "insert.not_container"
    done = "insert.done"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid, where = noun(cmd), second(cmd)
        if where == PLAYER:
            return c.msg("self.silly")
        if m.thing(where).kind is not self.kind:
            return c.msg(self.refuse, the=c.the(where))
        if where == tid or _inside(c, tid, where):
            return c.msg("insert.itself")
        if m.location(tid) == where:
            return c.msg(f"{self.id}.already", the=c.the(tid), where=c.the(where))
        if self.kind is Kind.CONTAINER and not m.is_open(where):
            if m.state.things[where].locked or not m.thing(where).openable:
                return c.msg("insert.closed", the=c.the(where))
            if not implicitly(c, Cmd("open", where), "implicit.open"):
                return ""
        blocked = _not_reachable(c, where)
        if blocked:
            return blocked
        return _holding_for(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].location = second(cmd)

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell(self.done, the=c.the(noun(cmd)), where=c.the(second(cmd)))


class PutOn(Insert):
    id = "put_on"
    kind = Kind.SUPPORTER
    refuse = "put_on.not_supporter"
    done = "put_on.done"


# -- opening and locking ---------------------------------------------------------------------
class Open(Action):
    id = "open"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER or not m.thing(tid).openable:
            return c.msg("open.cant")
        if m.is_open(tid):
            return c.msg("open.already", the=c.the(tid))
        if m.state.things[tid].locked:
            return c.msg("open.locked", the=c.the(tid))
        return _not_reachable(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].open = True

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        tid = noun(cmd)
        inside = m.contents(tid) if m.thing(tid).kind is Kind.CONTAINER else []
        if inside:
            c.tell("open.revealing", the=c.the(tid),
                   things=join_list([c.a(x) for x in inside], c.msg.word("word.and")))
        else:
            c.tell("open.done", the=c.the(tid))


class Close(Action):
    id = "close"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER or not m.thing(tid).openable:
            return c.msg("close.cant")
        if not m.is_open(tid):
            return c.msg("close.already", the=c.the(tid))
        return _not_reachable(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].open = False

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("close.done", the=c.the(noun(cmd)))


def _keys_held(c: Ctx) -> list[str]:
    m = c.model
    keys = {t.key for t in m.world.things.values() if t.key}
    return [k for k in keys if m.carried(k)]


class Unlock(Action):
    id = "unlock"
    locking = False

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        verb = "lock" if self.locking else "unlock"
        if tid == PLAYER or not m.thing(tid).lockable:
            return c.msg(f"{verb}.cant")
        locked = m.state.things[tid].locked
        if self.locking and locked:
            return c.msg("lock.already", the=c.the(tid))
        if not self.locking and not locked:
            return c.msg("unlock.already", the=c.the(tid))
        if self.locking and m.is_open(tid):
            return c.msg("lock.open", the=c.the(tid))
        if cmd.second is None:
            keys = sorted(_keys_held(c))
            if len(keys) != 1:
                c.ask = AskFor(c.msg(f"{verb}.with_what", the=c.the(tid)),
                               (verb, *tokens(m.thing(tid).name), "with"))
                return ""
            key = keys[0]
            c.tell("parser.assumed_with", the=c.the(key))
        else:
            key = cmd.second
        c.vars["unlock.key"] = key
        if key == PLAYER:
            return c.msg("unlock.not_held", the=c.msg.word("word.you"))
        if not m.carried(key):
            if not m.thing(key).portable:
                return c.msg("unlock.not_held", the=c.the(key))
            held = _holding_for(c, key)
            if held is not None:
                return held
        if m.thing(tid).key != key:
            return c.msg("unlock.wrong_key", the=c.the(key))
        return _not_reachable(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].locked = self.locking

    def report(self, c: Ctx, cmd: Cmd) -> None:
        verb = "lock" if self.locking else "unlock"
        c.tell(f"{verb}.done", the=c.the(noun(cmd)), key=c.the(c.vars["unlock.key"]))


class Lock(Unlock):
    id = "lock"
    locking = True


# -- clothes and food ------------------------------------------------------------------------
class Wear(Action):
    id = "wear"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER or not m.thing(tid).wearable:
            return c.msg("wear.cant")
        if m.state.things[tid].worn and m.held(tid):
            return c.msg("wear.already")
        if not m.held(tid) and not implicitly(c, Cmd("take", tid), "implicit.take"):
            return ""
        return None

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].worn = True

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("wear.done", the=c.the(noun(cmd)))


class TakeOff(Action):
    id = "take_off"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        m = c.model
        tid = noun(cmd)
        if tid == PLAYER or not (m.state.things[tid].worn and m.held(tid)):
            return c.msg("take_off.not_worn")
        return None

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].worn = False

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("take_off.done", the=c.the(noun(cmd)))


class Eat(Action):
    id = "eat"
    flag = "edible"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        tid = noun(cmd)
        if tid == PLAYER or not getattr(c.model.thing(tid), self.flag):
            return c.msg(f"{self.id}.cant")
        if self.id == "eat":
            return _holding_for(c, tid)
        return _not_reachable(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].location = None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell(f"{self.id}.done", the=c.the(noun(cmd)))


class Drink(Eat):
    id = "drink"
    flag = "drinkable"


# -- people ----------------------------------------------------------------------------------
def _person(c: Ctx, tid: str | None) -> str | None:
    if tid is None or tid == PLAYER:
        return c.msg("talk.self")
    if not c.model.thing(tid).is_person:
        return c.msg("talk.not_person", the=c.the(tid))
    return None


class Give(Action):
    id = "give"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        return _person(c, cmd.second) or _holding_for(c, noun(cmd))

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell(f"{self.id}.default", person=c.the(second(cmd)), the=c.the(noun(cmd)))


class Show(Give):
    id = "show"


class Talk(Action):
    id = "talk"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        return _person(c, cmd.noun)

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        talk = m.text(m.thing(noun(cmd)).talk)
        c.say(talk or c.msg("talk.default", the=c.the(noun(cmd))))


class Ask(Action):
    id = "ask"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        return _person(c, cmd.noun)

    def report(self, c: Ctx, cmd: Cmd) -> None:
        m = c.model
        words = set(cmd.text.split())
        for topic in m.thing(noun(cmd)).topics:
            if topic.words & words:
                text = m.text(topic.text)
                if text:
                    c.say(text)
                    return
        c.tell(f"{self.id}.default", the=c.the(noun(cmd)))


class Tell(Ask):
    id = "tell"


class Kiss(Action):
    id = "kiss"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        if cmd.noun == PLAYER or not c.model.thing(noun(cmd)).is_person:
            return c.msg("kiss.thing")
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("kiss.default", the=c.the(noun(cmd)))


class Order(Action):
    id = "order"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        if (cmd.actor or cmd.noun) == PLAYER:  # TELL ME TO JUMP: Joel needs no persuading
            return c.msg("order.self", command=cmd.text.upper() or "LOOK")
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        if not companion.order(c, cmd):
            c.tell("order.default", the=c.the(cmd.actor or noun(cmd)))


# -- the senses and the rest -------------------------------------------------------------------
class Simple(Action):
    """Actions whose standard outcome is only a sentence; packs give them meaning with rules."""

    def __init__(self, action_id: str, person_msg: str | None = None) -> None:
        self.id = action_id
        self.person_msg = person_msg

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        if cmd.noun and cmd.noun != PLAYER:
            t = c.model.thing(cmd.noun)
            if self.person_msg and t.is_person:
                return c.msg(self.person_msg, the=c.the(cmd.noun))
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        if cmd.noun and cmd.noun != PLAYER and c.msg.has(f"{self.id}.thing"):
            c.tell(f"{self.id}.thing", the=c.the(cmd.noun))
        else:
            c.tell(f"{self.id}.default")


class Push(Simple):
    def report(self, c: Ctx, cmd: Cmd) -> None:
        t = c.model.thing(noun(cmd)) if cmd.noun != PLAYER else None
        if t is not None and t.portable:
            c.tell("push.nothing")
        else:
            c.tell("push.fixed", the=c.the(noun(cmd)) if t else c.msg.word("word.you"))


# -- the verbs every player tries ---------------------------------------------------------------
class LookThrough(Action):
    """LOOK OUT OF / THROUGH THE WINDOW: what the thing shows (its description), or, for
    something one looks *into*, what is inside it."""

    id = "look_through"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        tid = noun(cmd)
        if tid != PLAYER and c.model.thing(tid).kind in (Kind.CONTAINER, Kind.SUPPORTER):
            return Search().check(c, cmd)
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        tid = noun(cmd)
        if tid == PLAYER:
            c.tell("look_through.self")
        elif c.model.thing(tid).kind in (Kind.CONTAINER, Kind.SUPPORTER):
            Search().report(c, cmd)
        else:
            Examine().report(c, cmd)


class Switch(Action):
    """SWITCH/TURN ON and OFF: a switchable thing (a lamp, a radio) goes on or off, which the
    condition { on = "T" } sees (a lamp lit while it is on: lit = { on = "lamp" }); anything
    else has no switch, and a pack can still give it one with rules (action = "switch_on")."""

    def __init__(self, action_id: str) -> None:
        self.id = action_id
        self.to = action_id == "switch_on"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        tid = noun(cmd)
        if tid == PLAYER or c.model.thing(tid).is_person:
            return c.msg(f"{self.id}.person")
        if not c.model.thing(tid).switchable:
            return c.msg(f"{self.id}.cant", the=c.the(tid))
        if c.model.state.things[tid].on == self.to:
            return c.msg(f"{self.id}.already", the=c.the(tid))
        return _not_reachable(c, tid)

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        c.model.state.things[noun(cmd)].on = self.to

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell(f"{self.id}.done", the=c.the(noun(cmd)))


class Hold(Action):
    """HOLD X / TAKE HER HAND: holding a person is an embrace, holding a thing is taking it."""

    id = "hold"

    def carry_out(self, c: Ctx, cmd: Cmd) -> None:
        tid = noun(cmd)
        if tid != PLAYER and not c.model.thing(tid).is_person:
            run(c, Cmd("take", tid))

    def report(self, c: Ctx, cmd: Cmd) -> None:
        tid = noun(cmd)
        if tid == PLAYER:
            c.tell("hold.self")
        elif c.model.thing(tid).is_person:
            c.tell("hold.person", the=c.the(tid))


class Hug(Kiss):
    id = "hug"

    def check(self, c: Ctx, cmd: Cmd) -> str | None:
        if cmd.noun == PLAYER or not c.model.thing(noun(cmd)).is_person:
            return c.msg("hug.thing", the=c.the(noun(cmd)) if cmd.noun != PLAYER
                         else c.msg.word("word.yourself"))
        return None

    def report(self, c: Ctx, cmd: Cmd) -> None:
        c.tell("hug.default", the=c.the(noun(cmd)))


class PackVerb(Action):
    """An action a pack made with a grammar line of its own (RING BELL): its default is the
    pack's reply, and rules hook it like any other action."""

    def report(self, c: Ctx, cmd: Cmd) -> None:
        replies = c.model.world.verb_replies
        if cmd.action not in replies and not any(p.action == cmd.action
                                                 for p in c.model.world.grammar):
            raise KeyError(f"no action {cmd.action!r}")
        text = c.model.text(replies.get(cmd.action)) or c.msg("pack_verb.default")
        if cmd.noun is not None:
            the = c.the(cmd.noun) if cmd.noun != PLAYER else c.msg.word("word.yourself")
            text = text.replace("{the}", the)
        if cmd.second is not None and cmd.second != PLAYER:
            text = text.replace("{second}", c.the(cmd.second))
        c.say(text[:1].upper() + text[1:])


class ActionTable(dict[str, Action]):
    """The standard actions by id; an id it doesn't have is a pack's verb (the loader made
    sure it is one, and ``PackVerb`` fails loudly if not)."""

    def __missing__(self, key: str) -> Action:
        return _PACK_VERB


_PACK_VERB = PackVerb()

ACTIONS: dict[str, Action] = ActionTable({
    a.id: a
    for a in (
        Look(), Examine(), Read(), Search(), LookUnder(), Inventory(), Go(), Enter(), GoIn(),
        Exit(), Leave(), Take(), TakeFrom(), Remove(), Drop(), Insert(), PutOn(), Open(),
        Close(), Unlock(), Lock(), Wear(), TakeOff(), Eat(), Drink(), Give(), Show(), Talk(),
        Ask(), Tell(), Kiss(), Order(),
        Push("push", "push.person"), Push("pull", "push.person"), Push("turn", "push.person"),
        Simple("touch", "touch.person"), Simple("smell"), Simple("listen"),
        Simple("taste", "taste.person"), Simple("say"), Simple("wait"), Simple("sleep"),
        Simple("wake"), Simple("sit"), Simple("lie"), Simple("jump"), Simple("think"),
        Simple("sing"), Simple("attack", "attack.person"), Simple("climb"), Simple("yes"),
        Simple("no"), Simple("sorry"), Simple("swear"), Simple("cry"), Simple("xyzzy"),
        LookThrough(), Switch("switch_on"), Switch("switch_off"), Hold(), Hug(),
        Simple("stand_on", "stand_on.person"), Simple("shout"), Simple("pray"),
        Simple("shake", "shake.person"), Simple("knock"), Simple("use", "use.person"),
    )
})

PACK_ACTIONS = frozenset(ACTIONS) - {"go_in", "remove"}
