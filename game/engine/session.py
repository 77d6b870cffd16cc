"""A game in progress: the turn sequence, out-of-world commands and the questions in between.

Frontends call ``start`` once and ``submit`` for every line the player types; both return the
lines to show.  Everything else (undo history, pending questions, pronouns) lives here so the
window and the terminal behave identically.
"""

from __future__ import annotations

import contextlib
from collections import deque
from pathlib import Path
from typing import TextIO

from game.engine import companion, erasure, meta
from game.engine.actions import describe_room
from game.engine.context import AskFor, Cmd, Ctx
from game.engine.grammar import ALL_WORDS, ARTICLES, Pattern
from game.engine.messages import Catalogue, join_list
from game.engine.meta import Confirm
from game.engine.model import Model
from game.engine.output import Event, GameEnded, LevelEntered, Line, Status, Style
from game.engine.parser import Failure, Forced, Parsed, Parser, Pronouns, Question
from game.engine.rules import apply_effects, run
from game.engine.saves import SaveStore
from game.engine.state import (
    GameState,
    Snapshot,
    add_new_things,
    initial_state,
    restore,
    snapshot,
)
from game.engine.words import sentences, split_commas, tokens
from game.engine.world import Ending, LevelUnavailable, World

UNDO_DEPTH = 200
MAX_COMMANDS_PER_LINE = 32
MAX_LINE = 4096  # characters of one typed line: longer ones are refused, not parsed
ORDER = "\x00order"  # MARY, JUMP: split off as [ORDER, person, words...]
ABSENT = "\x00absent"  # MARY, JUMP with Mary elsewhere


Pending = Question | AskFor | Confirm


class Game:
    def __init__(
        self,
        world: World,
        seed: int = 0,
        lang: str = "en",
        saves: SaveStore | None = None,
        strict: bool = False,
    ) -> None:
        self.world = world
        self.msg = Catalogue(lang, world.messages)
        self.seed = seed
        self.state = initial_state(world, seed)
        self.model = Model(world, self.state)
        self.model.self_name = self.msg.word("word.yourself")
        self.msg.choose = self.model.text
        self.parser = Parser(self.model, self.msg)
        self.pronouns = Pronouns()
        self.saves = saves
        self.strict = strict  # tests: let internal errors raise instead of apologising
        self.history: deque[Snapshot] = deque(maxlen=UNDO_DEPTH)
        self.events: list[Event] = []
        self._pushes = 0  # snapshots ever pushed: lets a failed line drop exactly its own
        self._line_start: Snapshot | None = None
        self.pending: Pending | None = None
        self.last_words: list[str] | None = None
        self.last_forced: tuple[Forced, Pattern] | None = None  # how the last command was settled
        self.last_failed: tuple[list[str], str] | None = None
        self.script: TextIO | None = None
        self.finished = False
        # the state last autosaved, or the one the session began with (a new game, a restored
        # save): a session that changed nothing autosaves nothing, so starting the game and
        # closing it at once can't push the night's autosave out
        self._autosaved: Snapshot | None = snapshot(self.state)
        self.came_from: str | None = None  # the room Joel last left (GO BACK); not saved

    # -- the frontend's interface ----------------------------------------------------------------
    def start(self) -> list[Line]:
        out: list[Line] = []
        level = self.world.levels[self.state.level]
        self.msg.level = level.messages
        out.append(Line(self.world.title, Style.TITLE))
        intro = self.model.text(level.intro_text) if level.intro_text else level.intro
        if intro:
            out.append(Line(intro))
        self.state.visited.add(self.state.room)
        c = self._ctx()
        erasure.start(c, level)
        self.events.extend(c.events)
        out.extend(self._look())
        self.mark_saved()  # a game just begun holds nothing worth an autosave
        return [ln for ln in out if ln.text]

    def status(self) -> Status:
        st = self.state
        c = self._ctx()
        follower = st.follower
        level = self.world.levels[st.level]
        room = self.msg("dark.title") if self.model.is_dark() else self.model.room_title()
        return Status(
            level=level.title, room=room, turn=st.turn,
            gone_percent=erasure.gone_percent(c),
            companion=self.model.thing(follower).name if follower else None,
            keepsakes=len(st.keepsakes), score=st.score, max_score=self.world.max_score,
            erasing=level.erasure is not None and not level.hidden, hidden=level.hidden,
        )

    def take_events(self) -> list[Event]:
        """What happened since the last call, for a frontend that animates it."""
        events, self.events = self.events, []
        return events

    def _ctx(self) -> Ctx:
        self.msg.level = self.world.levels[self.state.level].messages
        return Ctx(self.model, self.msg, enter_level=self._enter_level)

    def _enter_level(self, c: Ctx, level_id: str, swept: bool) -> bool:
        """Take Joel into another memory (loading it the first time); False if it is broken."""
        try:
            self.ensure_level(level_id)
        except LevelUnavailable as exc:
            c.say(self.msg("erasure.level_broken", level=level_id, detail=str(exc)),
                  Style.PARSER)
            return False
        level = self.world.levels[level_id]
        plan = level.erasure_plan
        entry = plan.entry if plan is not None and plan.entry else None
        st = self.state
        old_room = st.room
        if level.hidden and not self.world.levels[st.level].hidden:
            st.hid_from = st.level
        st.level = level_id
        self.msg.level = level.messages  # the new level speaks in its own words at once
        st.came_from = None
        st.room = entry or self.world.level_start.get(level_id) or next(
            r for r in self.world.rooms if self.world.rooms[r].level == level_id)
        c.events.append(LevelEntered(level_id, st.room, swept))
        first_time = not any(self.world.rooms[r].level == level_id for r in st.visited)
        st.visited.add(st.room)
        intro = self.model.text(level.intro_text) if level.intro_text else level.intro
        if intro and first_time:
            c.say(intro)
        companion.lose_left_behind(c, old_room, swept)
        describe_room(c, True)
        companion.change_level(c, old_room)
        erasure.start(c, level)
        return True

    @property
    def ended(self) -> bool:
        return self.state.ended is not None

    def submit(self, line: str) -> list[Line]:
        if self.finished:
            return []
        if len(line) > MAX_LINE:
            out = [Line(self.msg("parser.line_too_long", max=MAX_LINE), Style.PARSER)]
            self._record(line[:80] + "…", out)
            return out
        self._line_start = None  # taken by the first action of this line, for a rollback
        pushed_before = self._pushes
        events_before = len(self.events)
        self.msg.level = self.world.levels[self.state.level].messages
        try:
            out = [ln for ln in self._submit(line) if ln.text]  # a message a pack switched off
            if any(isinstance(e, LevelEntered) for e in self.events[events_before:]):
                self.autosave()  # a new memory: the night so far is kept
        except Exception:
            if self.strict:
                raise
            # the message promises the command had no effect: make it true
            if self._line_start is not None:
                self._replace_state(restore(self._line_start))
            for _ in range(min(self._pushes - pushed_before, len(self.history))):
                self.history.pop()
            self.pending = None
            out = [Line(self.msg("error.internal"), Style.PARSER)]
        self._record(line, out)
        return out

    # -- dispatch ----------------------------------------------------------------------------
    def _submit(self, line: str) -> list[Line]:
        text = line.strip()
        if text.startswith("*"):
            return [Line(self.msg("meta.comment"), Style.META)]
        pending, self.pending = self.pending, None
        if isinstance(pending, Confirm):
            return self._confirm(pending, text)
        if pending is not None and text:
            answered = self._answer(pending, tokens(text))
            if answered is not None:
                return answered
        out: list[Line] = []
        # "?" alone is HELP's shortest spelling, though "?" also ends a sentence
        parts = [["?"]] if text == "?" else [w for w in map(tokens, sentences(text)) if w]
        for words in parts[:MAX_COMMANDS_PER_LINE] or [[]]:
            for command in self._split(words):
                ok = self._command(command, out)
                if not ok or self.pending is not None or self.finished:
                    return out
        return out

    def _split(self, words: list[str]) -> list[list[str]]:
        if not words:
            return [[]]
        if "," in words and words[0] not in self.parser.verbs:
            head = words[: words.index(",")]
            rest = [w for w in words[words.index(",") + 1 :] if w != ","] if head else []
            person = self._person_named(head, self.model.scope())
            if person is not None:
                return [[ORDER, person, *rest]]
            absent = self._person_named(head, list(self.world.things))
            if absent is not None:
                return [[ABSENT, absent]]
        return split_commas(words, self.parser.verbs) or [[]]

    def _person_named(self, words: list[str], among: list[str]) -> str | None:
        words = [w for w in words if w not in ARTICLES]
        if not words:
            return None
        hits = [
            t for t in among
            if self.model.thing(t).is_person and all(w in self.model.thing(t).words for w in words)
        ]
        names = {self.model.thing(t).name for t in hits}
        # one person, or one person's versions in several memories (Clementine, elsewhere)
        return hits[0] if len(names) == 1 else None

    def _command(self, words: list[str], out: list[Line]) -> bool:
        """Run one command; False stops the rest of the line (a mistake, a question)."""
        forced: Forced | None = None
        only: Pattern | None = None
        if words and words[0] in ("again", "g"):
            if self.last_words is None:
                out.append(Line(self.msg("parser.nothing_to_repeat"), Style.PARSER))
                return False
            if len(words) > 1:
                out.append(Line(self.msg("parser.again_alone"), Style.PARSER))
                return False
            words = self.last_words
            if self.last_forced is not None:
                forced, only = self.last_forced
        elif words and words[0] in ("oops", "o"):
            return self._oops(words[1:], out)
        if self.ended and (not words or words[0] not in self.parser.verbs):
            out.append(Line(self.msg("ending.options"), Style.META))
            return False
        if words and words[0] == ABSENT:
            out.append(Line(self.msg("parser.person_absent", the=self.model.the(words[1])),
                            Style.PARSER))
            return False
        order: str | None = None
        if words and words[0] == ORDER:
            order, words = words[1], words[2:]
            if order not in self.model.scope():  # AGAIN after walking away from her
                out.append(Line(self.msg("parser.person_absent", the=self.model.the(order)),
                                Style.PARSER))
                return False
            if not words:
                out.append(Line(self.msg("parser.order_what", the=self.model.the(order)),
                                Style.PARSER))
                return False
        result = self.parser.parse(words, self.pronouns, forced, only)
        if order is not None and isinstance(result, Failure):
            # an order need not be a command Joel could give himself: FOLLOW ME, WAIT HERE
            result = Parsed("order", (order,), text=" ".join(words))
        return self._handle(result, words, out, order, forced, only)

    def _handle(self, result: Parsed | Failure | Question, words: list[str], out: list[Line],
                order: str | None = None, forced: Forced | None = None,
                only: Pattern | None = None) -> bool:
        if isinstance(result, Failure):
            out.append(Line(result.message, Style.TEXT if result.prose else Style.PARSER))
            if result.unknown is not None:
                self.last_failed = (words, result.unknown)
            return False
        if isinstance(result, Question):
            self.pending = result
            out.append(Line(result.message, Style.PARSER))
            return False
        self.last_failed = None
        self.last_words = [*words] if order is None else [ORDER, order, *words]
        self.last_forced = (forced, only) if forced and only is not None else None
        if self.ended and result.action not in ("restart", "restore", "undo", "quit", "about",
                                                "help", "score", "save"):
            out.append(Line(self.msg("ending.options"), Style.META))
            return False
        if order is not None:
            self._act(Parsed("order", (order,), text=" ".join(words)), out, actor=order)
            return True
        if result.action in meta.COMMANDS:
            meta.COMMANDS[result.action](self, result, out)
            return True
        if result.action == "go_to":
            self._walk(result.text, out)
            return True
        if result.action == "go_back":
            if self.came_from is None or self.came_from == self.state.room or \
                    self.came_from not in self.world.rooms:
                out.append(Line(self.msg("parser.no_way_back"), Style.PARSER))
                return False
            self._walk(self.came_from, out)
            return True
        self._act(result, out)
        return True

    # -- GO TO A ROOM ------------------------------------------------------------------------
    def _walk(self, target: str, out: list[Line]) -> None:
        """GO TO THE KITCHEN walks the way through rooms Joel knows, a turn a step, as if he
        had typed each direction, and stops where anything happens on the way (a rule or an
        event fires, the erasure moves, a voice speaks) or a step fails."""
        path = route(self.model, target)
        if path is None:
            out.append(Line(self.msg("parser.room_unknown"), Style.PARSER))
            return
        for i, (direction, room) in enumerate(path):
            st = self.state
            before = (st.score, len(st.fired), len(st.flags), tuple(sorted(st.counters.items())),
                      len(st.keepsakes), st.follower, st.level, tuple(sorted(st.stages.items())))
            step: list[Line] = []
            self._act(Parsed("go", direction=direction), step)
            out.extend(step)
            st = self.state
            if st.room != room or self.ended or self.pending is not None or self.finished:
                return
            after = (st.score, len(st.fired), len(st.flags), tuple(sorted(st.counters.items())),
                     len(st.keepsakes), st.follower, st.level, tuple(sorted(st.stages.items())))
            last = i == len(path) - 1
            if not last and (before != after or any(
                    ln.style in (Style.VOICE, Style.WARNING) for ln in step)):
                out.append(Line(self.msg("parser.walk_stopped", room=self.model.room.title),
                                Style.PARSER))
                return

    def _answer(self, pending: Question | AskFor, words: list[str]) -> list[Line] | None:
        """Feed the player's reply to a question; None when it is a new command instead."""
        out: list[Line] = []
        words = [w for w in words if w not in (",", "then")]
        if not words:
            return None
        if isinstance(pending, AskFor):
            if words[0] in self.parser.verbs and words[0] not in self.model.world.vocabulary:
                return None
            if words[0] == pending.words[-1]:
                words = words[1:]  # "With what?" "With the red key."
            full = [*pending.words, *words]
            self._handle(self.parser.parse(full, self.pronouns), full, out)
            return out
        if pending.candidates:
            chosen = self.parser.answer_which(pending, words)
            if chosen is None:
                return None
            everything = words[0] in ALL_WORDS or words[0] == "both"
            if not chosen:
                self.pending = pending
                return [Line(pending.message, Style.PARSER)]
            if len(chosen) > 1 and not (everything or len(chosen) == len(pending.candidates)):
                msg = self.msg("parser.which", options=join_list(
                    [self.model.the(c) for c in chosen], self.msg.word("word.or")))
                self.pending = Question(msg, pending.pattern, pending.tokens, pending.slot,
                                        tuple(chosen), pending.forced)
                return [Line(msg, Style.PARSER)]
            forced: Forced = dict(pending.forced)
            forced[pending.slot] = tuple(chosen)
            result = self.parser.parse(list(pending.tokens), self.pronouns, forced,
                                       only=pending.pattern)
            self._handle(result, list(pending.tokens), out, None, forced, pending.pattern)
            return out
        if words[0] in self.parser.verbs and words[0] not in self.model.world.vocabulary:
            return None
        full = [*pending.tokens, *words]
        self._handle(self.parser.parse(full, self.pronouns), full, out)
        return out

    def _oops(self, words: list[str], out: list[Line]) -> bool:
        if self.last_failed is None or not words:
            out.append(Line(self.msg("parser.oops_nothing"), Style.PARSER))
            return False
        failed, unknown = self.last_failed
        fixed = []
        replaced = False
        for w in failed:
            if w == unknown and not replaced:
                fixed.extend(words)
                replaced = True
            else:
                fixed.append(w)
        self.last_failed = None
        return self._command(fixed, out)

    # -- acting --------------------------------------------------------------------------------
    def _act(self, parsed: Parsed, out: list[Line], actor: str | None = None) -> None:
        before = snapshot(self.state)
        self._push(before)
        if self._line_start is None:
            self._line_start = before
        c = self._ctx()
        room_before = self.state.room
        for note in parsed.notes:
            c.say(note)
        objects = parsed.objects or (None,)
        for obj in objects:
            cmd = Cmd(parsed.action, obj, parsed.second, parsed.direction, parsed.text, actor)
            if parsed.multi and obj is not None:
                start = len(c.out)
                run(c, cmd)
                if len(c.out) > start:
                    first = c.out[start]
                    name = self.model.name(obj)
                    c.out[start] = Line(f"{name}: {first.text}", first.style)
            else:
                run(c, cmd)
            if self.state.ended:
                break
        if c.ask is not None:
            # the action needs another noun: nothing happened yet and no time passes
            self.history.pop()
            self._pushes -= 1
            self._replace_state(restore(before), keep_pronouns=True)
            self.pending = c.ask
            out.append(Line(c.ask.message, Style.PARSER))
            self.pronouns.note(self.model, [o for o in parsed.objects if o])
            return
        self.pronouns.note(self.model, [o for o in parsed.objects if o], parsed.second)
        if self.state.room != room_before:
            self.came_from = room_before
        if not self.state.ended:
            self._end_turn(c, room_before)
        out.extend(c.out)
        self.events.extend(c.events)
        if self.state.ended:
            ended = self._ended()
            self.events.append(ended)
            out.extend(self._ending(ended))

    def _end_turn(self, c: Ctx, room_before: str) -> None:
        """Time passes: the erasure moves on, then the pack's events look at the world."""
        st = self.state
        st.turn += 1
        st.visited.add(st.room)
        st.level_turns[st.level] = st.level_turns.get(st.level, 0) + 1
        erasure.tick(c)
        st.arrived = st.room if st.room != room_before else None
        if st.ended:
            return
        companion.volunteer(c)
        level = self.world.levels[st.level]
        for event in level.events:
            if event.once and event.id in st.fired:
                continue
            if self.model.holds(event.when):
                if event.once:
                    st.fired.add(event.id)
                apply_effects(c, event.effects, event.id)
                if st.ended:
                    return

    def _ended(self) -> GameEnded:
        """The ending reached, with everything its screen shows."""
        ending = self.world.endings.get(self.state.ended or "")
        if ending is None:  # the pack has no ending for this: the engine's own words
            ending = Ending(self.state.ended or "", self.msg("ending.spotless_title"),
                            self.msg("ending.spotless_text"))
        kept = [self.world.keepsakes.get(k, k) for k in sorted(self.state.keepsakes)]
        keepsakes = (self.msg("ending.kept", keepsakes="; ".join(kept)) if kept
                     else self.msg("ending.kept_nothing")) if self.world.keepsakes else ""
        return GameEnded(self.state.ended or "", title=ending.title, text=ending.text,
                         kept=keepsakes, score=self.state.score,
                         max_score=self.world.max_score, turns=self.state.turn,
                         score_text=self._score_text(), options=self.msg("ending.options"))

    def _ending(self, ended: GameEnded) -> list[Line]:
        return [
            Line(ended.title, Style.ENDING),
            *([Line(ended.text, Style.ENDING)] if ended.text else []),
            *([Line(ended.kept, Style.META)] if ended.kept else []),
            Line(ended.score_text, Style.META),
            Line(ended.options, Style.META),
        ]

    def _look(self) -> list[Line]:
        c = self._ctx()
        describe_room(c, self.state.verbosity != "superbrief")
        return c.out

    def _push(self, snap: Snapshot) -> None:
        self.history.append(snap)
        self._pushes += 1

    def ensure_level(self, level_id: str) -> None:
        """Load a level the first time the story needs it (entering it, restoring a game that
        was in it); raises LevelUnavailable, with the pack's reasons, if it is broken."""
        if self.world.ensure_level(level_id):
            add_new_things(self.state, self.world)
            self.parser.refresh()

    def _replace_state(self, state: GameState, keep_pronouns: bool = False) -> None:
        add_new_things(state, self.world)  # levels loaded after the state was taken
        if state.room != self.state.room:
            self.came_from = None  # UNDO, RESTORE, RESTART: the way back is not known
        self.state = state
        self.model.state = state
        if not keep_pronouns:
            self.pronouns = Pronouns()

    def _score_text(self) -> str:
        return self.msg("score.show", score=self.state.score, max=self.world.max_score,
                        turns=self.state.turn)

    # -- out-of-world commands ---------------------------------------------------------------
    def _confirm(self, pending: Confirm, text: str) -> list[Line]:
        words = tokens(text)
        if words and words[0] in ("y", "yes", "yeah", "ok", "okay", "sure"):
            if pending.action == "quit":
                self.autosave()
                self.finished = True
                out = [Line(self.msg("meta.goodbye"), Style.META)]
                self._record(text, out)
                self.close()
                return out
            self._replace_state(initial_state(self.world, self.seed))
            self.history.clear()
            self.last_words = None
            return self.start()
        return [Line(self.msg("meta.not_confirmed"), Style.META)]

    def mark_saved(self) -> None:
        """The state now is one a save holds (it was just restored): nothing to autosave."""
        self._autosaved = snapshot(self.state)

    def autosave(self) -> Path | None:
        """Save to the autosave slot, quietly (a level change, QUIT, the end of a session);
        None when there is no save folder, the story has ended, the disk refuses, or nothing
        changed since the last autosave or the start."""
        if self.saves is None:
            return None
        now = snapshot(self.state)
        if now == self._autosaved:
            return None
        path = self.saves.autosave(self.world, self.state)
        if path is not None:
            self._autosaved = now
        return path

    def close(self) -> None:
        """Stop the transcript, if one is being written (QUIT does this too)."""
        if self.script is not None:
            with contextlib.suppress(OSError, ValueError):  # a full disk: the flush fails
                self.script.close()
            self.script = None

    def _record(self, line: str, out: list[Line]) -> None:
        """The line and its answer to the transcript, flushed at once; a transcript that can't
        be written (a full disk, a closed file) is stopped and the player told."""
        if self.script is None:
            return
        try:
            self.script.write(f"> {line}\n")
            for item in out:
                self.script.write(item.text + "\n")
            self.script.flush()
        except (OSError, ValueError) as exc:
            name = getattr(self.script, "name", "the transcript")
            with contextlib.suppress(OSError, ValueError):
                self.script.close()
            self.script = None
            reason = getattr(exc, "strerror", None) or str(exc)
            out.append(Line(self.msg("script.write_failed", path=str(name), reason=reason),
                            Style.META))

def route(model: Model, target: str) -> list[tuple[str, str]] | None:
    """The shortest way to ``target`` through rooms Joel has been in: (direction, room) steps;
    None if there is none.  The target itself need only be known (been in, or next door to a
    room he has been in)."""
    start = model.state.room
    world = model.world
    seen = {start: ("", "")}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == target:
            break
        if here != start and here not in model.state.visited:
            continue  # a room Joel has never been in is no way through
        for ex in world.rooms[here].exits:
            if ex.to not in seen and ex.to in world.rooms and model.stage(ex.to) < 4 and (
                    ex.via is None or model.in_world(ex.via)):
                seen[ex.to] = (here, ex.direction)
                queue.append(ex.to)
    if target not in seen or target == start:
        return None
    steps: list[tuple[str, str]] = []
    room = target
    while room != start:
        prev, direction = seen[room]
        steps.append((direction, room))
        room = prev
    steps.reverse()
    return steps


def transcript_of(game: Game, commands: list[str]) -> str:
    """Play commands and return the transcript as a piped terminal run would show it."""
    lines = [ln.text for ln in game.start()]
    for command in commands:
        lines.append(f"> {command}")
        lines.extend(ln.text for ln in game.submit(command))
        if game.finished:
            break
    return "\n".join(lines) + "\n"


def default_save_dir(base: Path, pack_id: str) -> Path:
    return base / "saves" / pack_id
