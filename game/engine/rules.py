"""Running an action through before -> instead -> check -> carry out -> report -> after.

The pack's rules hook into the phases by action and noun; the standard behaviour lives in
``actions``.  Effects are applied here too, so an event and a rule change the world the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine import erasure, light
from game.engine import logic as L
from game.engine.context import Cmd, Ctx
from game.engine.output import Style, VoiceHeard
from game.engine.world import ANY, Rule

MAX_DEPTH = 8  # implicit actions may nest (take before insert before ...), never loop


def matching(c: Ctx, cmd: Cmd, phase: str) -> Iterable[Rule]:
    """The rules of a phase that apply to this command, the most specific first: a rule that
    names the object and the second thing, then one that names one of them, then none; among
    those a rule with a condition before one without, one naming its action before one for
    any action; then file order."""
    st = c.model.state
    for rule in c.level.rules_for(phase, cmd.action):
        if rule.noun is not None:
            if rule.noun == ANY:
                if cmd.noun is None and cmd.direction is None:
                    continue
                if {cmd.noun, cmd.direction, cmd.actor} & rule.except_nouns:
                    continue
            elif rule.noun not in (cmd.noun, cmd.direction, cmd.actor):
                continue
        if rule.second is not None and rule.second != cmd.second:
            continue
        if rule.once and rule.id in st.fired:
            continue
        if rule.when is not None and not c.model.holds(rule.when):
            continue
        yield rule


def apply_rule(c: Ctx, rule: Rule) -> None:
    if rule.once:
        c.model.state.fired.add(rule.id)
    apply_effects(c, rule.effects, rule.id)


def apply_effects(c: Ctx, effects: Iterable[L.Effect], source: str) -> None:
    m = c.model
    st = m.state
    for eff in effects:
        match eff:
            case L.Say(text):
                c.say(text)
            case L.SayText(text):
                c.say(m.text(text))
            case L.SetFlag(name, value):
                if value:
                    st.flags.add(name)
                else:
                    st.flags.discard(name)
            case L.Move(thing, to):
                if not m.would_hold_itself(thing, to):  # refused: it would break the world
                    st.things[thing].location = to
            case L.Reveal(thing):
                if st.things[thing].location is None:
                    st.things[thing].location = m.world.things[thing].location
            case L.Remove(thing):
                st.things[thing].location = None
            case L.SetOpen(thing, value):
                st.things[thing].open = value
            case L.SetLocked(thing, value):
                st.things[thing].locked = value
                if value:
                    st.things[thing].open = False
            case L.Points(amount):
                key = f"points:{source}"
                if key not in st.fired:
                    st.fired.add(key)
                    st.score += amount
                    c.say(c.msg("score.raised", points=amount), Style.META)
            case L.GoTo(room):
                st.room = room
                st.visited.add(room)
                st.came_from = None  # carried off: no way back to find in the dark
            case L.End(ending):
                st.ended = ending
            case L.Voice(text):
                c.say(text, Style.VOICE)
                c.events.append(VoiceHeard(text))
            case L.AddCounter(name, by):
                st.counters[name] = st.counters.get(name, 0) + by
            case L.Keepsake(keepsake):
                if keepsake not in st.keepsakes:
                    st.keepsakes.add(keepsake)
                    title = c.model.world.keepsakes.get(keepsake, keepsake)
                    c.say(c.msg("keepsake.kept", title=title), Style.META)
            case L.SetPace(level, pace):
                erasure.set_pace(c, level or st.level, pace)
            case L.PauseErasure(level, paused):
                erasure.pause(c, level, paused)
            case L.EraseLevel(level):
                erasure.found(c, level)
            case L.EnterLevel(level):
                if c.enter_level is not None:
                    c.enter_level(c, level, False)


def run(c: Ctx, cmd: Cmd, silent: bool = False) -> bool:
    """Run one action as Inform does: before, instead, check, carry out, after, report.

    True when it succeeded.  An ``instead`` rule stops it as a failure, as a failing check
    does, so an implicit action it stops ("(first taking the key)") does not go on.  ``after``
    rules follow the carrying out and come before the report: one that prints a text of its
    own replaces the standard report; ``report`` rules add to the report.
    """
    from game.engine.actions import ACTIONS

    if c.depth > MAX_DEPTH:
        return False
    c.depth += 1
    try:
        for rule in matching(c, cmd, "before"):
            apply_rule(c, rule)
        dark = light.visibility(c, cmd)
        if dark is not None:
            c.say(dark)
            return False
        for rule in matching(c, cmd, "instead"):
            apply_rule(c, rule)
            return False
        action = ACTIONS[cmd.action]
        refusal = light.way_in_the_dark(c, cmd) or action.check(c, cmd)
        if refusal is not None:
            c.say(refusal)
            return False
        room = c.model.state.room
        action.carry_out(c, cmd)
        if c.model.state.room != room:  # the way back, which Joel can find in the dark
            c.model.state.came_from = room
        said = len(c.out)
        for rule in matching(c, cmd, "after"):
            apply_rule(c, rule)
        # an after rule that said something (not merely "[Your score has gone up]") is the report
        replaced = any(line.style is not Style.META for line in c.out[said:])
        if not silent and not replaced:
            action.report(c, cmd)
        action.aftermath(c, cmd)
        for rule in matching(c, cmd, "report"):
            apply_rule(c, rule)
        return True
    finally:
        c.depth -= 1


def implicitly(c: Ctx, cmd: Cmd, msg_id: str) -> bool:
    """Do a needed step first, saying so: "(first taking the tape)"."""
    assert cmd.noun is not None
    c.say(c.msg(msg_id, the=c.the(cmd.noun)))
    return run(c, cmd, silent=True)
