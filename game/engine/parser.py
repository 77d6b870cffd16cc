"""The parser: matches words against the grammar and resolves noun phrases to things in sight.

It never changes the state.  It answers with a ``Parsed`` command, a ``Failure`` that says why
it could not understand (naming the unknown word and the nearest known one), or a ``Question``
(which thing? what to act on?) whose answer the session feeds back in.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from game.engine.grammar import (
    ALL_WORDS,
    ARTICLES,
    DIRECTION_WORDS,
    EXCEPT_WORDS,
    GRAMMAR_WORDS,
    ORDINALS,
    PATTERNS,
    VERBS,
    Lit,
    Pattern,
    Slot,
)
from game.engine.messages import Catalogue, join_list
from game.engine.model import Model
from game.engine.world import PLAYER, Kind

SELF_WORDS = frozenset({"me", "myself", "self", "yourself"})
POSSESSIVES = frozenset({"her", "his", "its", "their", "your", "our"})
"""HER ARMCHAIR: before another word these are possessives, not pronouns."""
EVERYWHERE = frozenset({
    "floor", "floors", "ground", "wall", "walls", "ceiling", "corner", "corners", "air",
    "light", "room", "hand", "hands", "arm", "arms", "shoulder", "shoulders", "head", "hair",
    "face", "eyes", "lap", "feet", "foot", "fingers", "elbow", "lip", "lips", "throat", "mouth",
    "neck", "pocket", "pockets",
})
"""What every room has and every body is: answered gently wherever no thing is called so."""
TRAILING = frozenset({"closely", "carefully", "thoroughly", "please"})
"""Words at the end of a command that ask for nothing the game wouldn't do anyway (X GLOBE
CLOSELY); other leftovers are still refused (TAKE BOX QUICKLY)."""
_WORD = re.compile(r"[a-z0-9]+")
# small words that never pick a thing out, even when a description uses them
_FILLER = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "into", "onto", "is", "are", "was", "were", "be", "it", "its", "as", "that", "this", "you",
    "your", "her", "his", "their", "there", "here", "has", "have", "had", "not", "no", "but",
    "so", "up", "down", "out", "over", "under", "all", "one", "some", "any", "nothing", "than",
    "then", "what", "which", "who", "where", "when", "them", "they", "she", "he", "him", "me",
})
MAX_WORDS = 60  # longer commands are refused rather than matched in quadratic time
MULTI_SLOTS = frozenset({"multi", "multiheld", "multiinside"})
FREE_SLOTS = frozenset({"topic", "text"})


@dataclass(frozen=True)
class Parsed:
    action: str
    objects: tuple[str, ...] = ()
    second: str | None = None
    direction: str | None = None
    text: str = ""
    multi: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    message: str
    unknown: str | None = None
    prose: bool = False  # the pack's words (a room's detail), shown as the story's text


@dataclass(frozen=True)
class Question:
    """The parser needs one more answer; ``forced`` and ``fill`` say how it will be used."""

    message: str
    pattern: Pattern
    tokens: tuple[str, ...]
    slot: int  # index of the part in the pattern
    candidates: tuple[str, ...] = ()
    forced: tuple[tuple[int, tuple[str, ...]], ...] = ()


Forced = dict[int, tuple[str, ...]]
"""Slots already settled by answering a question: part index -> the things chosen."""

Result = Parsed | Failure | Question


@dataclass
class Pronouns:
    it: str | None = None
    him: str | None = None
    her: str | None = None
    them: tuple[str, ...] = ()

    def note(self, model: Model, objects: list[str], second: str | None = None) -> None:
        """Remember the nouns of a command; the direct objects win over the second noun."""
        real = [t for t in objects if t in model.world.things]
        if second is not None and second in model.world.things:
            self._one(model, second, set_it=not any(
                model.thing(t).gender == "it" for t in real))
        it_set = False
        for tid in real:
            if model.thing(tid).gender == "it":
                if not it_set:
                    self._one(model, tid, set_it=True)
                    it_set = True
                if len(real) == 1:
                    self.them = (tid,)
            else:
                self._one(model, tid, set_it=False)
        if len(real) > 1:
            self.them = tuple(real)

    def _one(self, model: Model, tid: str, set_it: bool) -> None:
        g = model.thing(tid).gender
        if g == "he":
            self.him = tid
        elif g == "she":
            self.her = tid
        elif g == "they":
            self.them = (tid,)
        elif set_it:
            self.it = tid


@dataclass
class _Found:
    tids: list[str]
    notes: list[str] = field(default_factory=list)
    plural: bool = False


@dataclass
class _Ambiguous:
    candidates: list[str]


@dataclass
class _Missing:
    message: str
    unknown: str | None = None
    prose: bool = False


_Res = _Found | _Ambiguous | _Missing


class Parser:
    def __init__(self, model: Model, msg: Catalogue) -> None:
        self.model = model
        self.msg = msg
        self.refresh()

    def refresh(self) -> None:
        """Take in the words of levels loaded since (the world grows as levels are entered)."""
        world = self.model.world
        grammar = world.grammar
        self.patterns: tuple[Pattern, ...] = (*grammar, *PATTERNS)
        # the patterns a first word can start, in order: a parse looks at these alone, so a
        # pack's hundreds of lines cost nothing to commands that don't start with their verbs
        by_first: dict[str, list[Pattern]] = {}
        for p in self.patterns:
            first = p.parts[0]
            if isinstance(first, Lit):
                for w in first.options:
                    by_first.setdefault(w, []).append(p)
        self._by_first = {w: tuple(ps) for w, ps in by_first.items()}
        pack_verbs = frozenset(w for p in grammar if isinstance(p.parts[0], Lit)
                               for w in p.parts[0].options)
        self.verbs: frozenset[str] = VERBS | pack_verbs
        pack_words = frozenset(w for p in grammar for part in p.parts
                               if isinstance(part, Lit) for w in part.options)
        self.vocabulary = world.vocabulary | GRAMMAR_WORDS | SELF_WORDS | pack_words
        self._verb_pool = tuple(sorted(self.verbs))
        self._suggestions: dict[tuple[str, tuple[str, ...]], str | None] = {}
        self._soft: dict[str, frozenset[str]] = {}  # thing -> the words describing it
        self._room_words: dict[str, frozenset[str]] = {
            rid: frozenset(_WORD.findall(f"{r.title} {r.name}".lower())) - _FILLER
            for rid, r in world.rooms.items()}
        self._action = ""  # the action being resolved (for the reply to a mentioned word)
        self._texts: dict[str, frozenset[str]] = {}  # room or thing -> the words of its texts
        self._people_words = frozenset(w for t in world.things.values() if t.is_person
                                       for w in t.words) - _FILLER
        self._mention_key: tuple[str, tuple[str, ...], bool] | None = None
        self._mention_words: frozenset[str] = frozenset()
        self._scope: list[str] = []  # the scope of the command being parsed

    # -- public --------------------------------------------------------------------------------
    def parse(
        self,
        words: list[str],
        pronouns: Pronouns,
        forced: Forced | None = None,
        only: Pattern | None = None,
    ) -> Result:
        result = self._parse(words, pronouns, forced, only)
        # PULL-OFF, BLUE-GREY: a hyphenated word the game doesn't know is read again as its
        # parts (as typed first: SAVE MY-NIGHT is a name, not two words)
        if isinstance(result, Failure) and result.unknown and "-" in result.unknown:
            parts = [p for w in words
                     for p in (w.split("-") if w not in self.vocabulary else (w,)) if p]
            return self._parse(parts, pronouns, forced, only)
        return result

    def _parse(self, words: list[str], pronouns: Pronouns, forced: Forced | None,
               only: Pattern | None) -> Result:
        self._scope = []
        while len(words) > 1 and words[-1] in TRAILING:
            words = words[:-1]  # X GLOBE CLOSELY
        if not words:
            return Failure(self.msg("parser.empty"))
        if len(words) > MAX_WORDS:
            return Failure(self.msg("parser.too_long", limit=MAX_WORDS))
        if len(words) == 1 and words[0] in DIRECTION_WORDS:
            return Parsed("go", direction=DIRECTION_WORDS[words[0]])
        first = words[0]
        if only is None and first not in self.verbs:
            return self._unknown_verb(first)
        scope = self.model.scope()
        self._scope = scope
        errors: list[Failure] = []
        missing: list[tuple[Pattern, list[tuple[int, int]]]] = []
        partial: list[tuple[Pattern, list[tuple[int, int]], int]] = []
        patterns = (only,) if only else self._by_first.get(first, ())
        for pattern in patterns:
            for spans, end in _match(pattern.parts, words, 0, 0, []):
                if end < len(words):
                    partial.append((pattern, spans, end))
                    continue
                if len(spans) < sum(isinstance(p, Slot) for p in pattern.parts):
                    missing.append((pattern, spans))
                    continue
                res = self._resolve_pattern(pattern, words, spans, scope, pronouns, forced or {})
                if isinstance(res, Parsed | Question):
                    return res
                errors.append(res)
        if missing:
            # UNLOCK DOOR WITH: asking beats "I only understood you as far as ..."
            for pattern, spans in missing:
                supplied = self._only_person(pattern, words, spans, scope, pronouns, only)
                if supplied is not None:
                    return supplied
            pattern, spans = missing[0]
            asked = self._ask_for_noun(pattern, words, spans, len(spans), scope, pronouns)
            if isinstance(asked, Question) or not errors:
                return asked
        if errors:
            return errors[0]
        completed = self._complete(patterns, words, scope, pronouns)
        if completed is not None:
            return completed
        if partial:
            pattern, spans, end = max(partial, key=lambda p: p[2])
            return Failure(self.msg("parser.as_far_as", what=" ".join(words[:end])))
        unknown = next((w for w in words if w not in self.vocabulary), None)
        if unknown is not None:
            if self._mentioned([unknown]):
                return Failure(self.msg("parser.mentioned"))
            return self._unknown_word(unknown, scope)
        if only is None:
            return Failure(self.msg("parser.as_far_as", what=first))
        return Failure(self.msg("parser.not_understood"))

    def answer_which(self, q: Question, words: list[str]) -> list[str] | None:
        """Narrow a Which-do-you-mean question down; None if the answer is not about it, []
        if it is but fits none of the candidates (THIRD of two)."""
        words = [w for w in words if w not in ARTICLES and w not in ("one", "ones", "and", ",")]
        if not words:
            return None
        if len(words) == 1 and words[0] in ORDINALS:
            n = ORDINALS[words[0]]
            cands = list(q.candidates)
            if n == -1:
                return [cands[-1]]
            return [cands[n - 1]] if 0 < n <= len(cands) else []
        if words[0] in ALL_WORDS or words[0] == "both":
            return list(q.candidates)
        hits = [c for c in q.candidates if all(w in self.model.thing(c).words for w in words)]
        if not hits:
            singular = [_singular(w, self.model.world.vocabulary) or w for w in words]
            hits = [c for c in q.candidates
                    if all(w in self.model.thing(c).words for w in singular)]
        return hits or None

    # -- matching ----------------------------------------------------------------------------
    def _resolve_pattern(
        self,
        pattern: Pattern,
        words: list[str],
        spans: list[tuple[int, int]],
        scope: list[str],
        pronouns: Pronouns,
        forced: Forced,
    ) -> Parsed | Question | Failure:
        slots = [(i, p) for i, p in enumerate(pattern.parts) if isinstance(p, Slot)]
        self._action = pattern.action
        direction: str | None = None
        text = ""
        notes: list[str] = []
        multi_slots: set[int] = set()
        all_slots: set[int] = set()
        # resolve the second noun first: "take X from Y" needs Y to know where X may be
        order = list(range(len(slots)))
        if pattern.action == "take_from":
            order.reverse()
        resolved: dict[int, list[str]] = {}
        for k in order:
            part_index, slot = slots[k]
            start, end = spans[k]
            toks = words[start:end]
            if slot.kind in FREE_SLOTS:
                text = " ".join(toks)
                continue
            if slot.kind == "room":
                room = self._resolve_room(toks)
                if isinstance(room, Failure):
                    return room
                text = room
                continue
            if slot.kind == "direction":
                if len(toks) != 1 or toks[0] not in DIRECTION_WORDS:
                    return Failure(self.msg("parser.no_direction"))
                direction = DIRECTION_WORDS[toks[0]]
                continue
            if part_index in forced:
                resolved[k] = list(forced[part_index])
                if len(resolved[k]) > 1:
                    multi_slots.add(k)
                continue
            container = resolved.get(1, [None])[0] if pattern.action == "take_from" else None
            res = self._resolve(slot.kind, toks, scope, pronouns, container)
            if isinstance(res, _Missing):
                if k == len(slots) - 1 and pattern.parts[-1] == slot:
                    shorter = self._understood_as_far_as(pattern, words, start, end, scope,
                                                         pronouns)
                    if shorter:
                        return Failure(shorter)
                return Failure(res.message, res.unknown, res.prose)
            if isinstance(res, _Ambiguous):
                names = [self.model.the(c) for c in res.candidates]
                return Question(
                    self.msg("parser.which", options=join_list(names, self.msg.word("word.or"))),
                    pattern, tuple(words), part_index, tuple(res.candidates),
                    tuple(forced.items()),
                )
            resolved[k] = res.tids
            notes.extend(res.notes)
            if len(res.tids) > 1 or res.plural or _is_all(toks):
                multi_slots.add(k)
            if _is_all(toks):
                all_slots.add(k)
        keys = sorted(resolved)
        if pattern.reversed:
            keys.reverse()
        objects: list[str] = resolved[keys[0]] if keys else []
        second: str | None = resolved[keys[1]][0] if len(keys) > 1 else None
        multi = bool(keys) and keys[0] in multi_slots
        if keys and keys[0] in all_slots and second is not None:
            # PUT ALL IN THE BOX leaves the box itself out
            objects = [o for o in objects if o != second]
            if not objects:
                return Failure(self.msg("parser.nothing_all"))
        return Parsed(pattern.action, tuple(objects), second, direction, text, multi, tuple(notes))

    def _understood_as_far_as(
        self,
        pattern: Pattern,
        words: list[str],
        start: int,
        end: int,
        scope: list[str],
        pronouns: Pronouns,
    ) -> str | None:
        slot = pattern.parts[-1]
        assert isinstance(slot, Slot)
        for cut in range(end - 1, start, -1):
            res = self._resolve(slot.kind, words[start:cut], scope, pronouns, None)
            if isinstance(res, _Found) and len(res.tids) == 1:
                what = " ".join([*words[:start], self._name(res.tids[0], words[start:cut])])
                return self.msg("parser.as_far_as", what=what)
        return None

    def _name(self, tid: str, typed: list[str]) -> str:
        """How a question names a thing the player mentioned: "the box" (or "me" as typed)."""
        if tid == PLAYER:
            return " ".join(typed)
        return self.model.the(tid)

    def _only_person(self, pattern: Pattern, words: list[str], spans: list[tuple[int, int]],
                     scope: list[str], pronouns: Pronouns, only: Pattern | None) -> Result | None:
        """HELLO, TALK TO: the person left out is the only one here, as Inform assumes
        ("(Mary)"); None when there are none or several."""
        if len(spans) != sum(isinstance(p, Slot) for p in pattern.parts) - 1:
            return None
        part = pattern.parts[_slot_part_index(pattern, len(spans))]
        if not (isinstance(part, Slot) and part.kind == "person") or part != pattern.parts[-1]:
            return None
        m = self.model
        people = [t for t in scope if t != PLAYER and m.thing(t).is_person]
        if len(people) != 1:
            return None
        name = _WORD.findall(m.thing(people[0]).name.lower())
        if not name or not all(w in m.thing(people[0]).words for w in name):
            return None
        res = self.parse([*words, *name], pronouns, None, only or pattern)
        if isinstance(res, Parsed):
            note = self.msg("parser.assumed", the=m.the(people[0]))
            return Parsed(res.action, res.objects, res.second, res.direction, res.text,
                          res.multi, (note, *res.notes))
        return None

    # -- asking for what is missing -----------------------------------------------------------
    def _ask_for_noun(
        self,
        pattern: Pattern,
        words: list[str],
        spans: list[tuple[int, int]],
        slot_no: int,
        scope: list[str],
        pronouns: Pronouns,
    ) -> Question | Failure:
        """The words ran out where a noun should be: ask for it ("What do you want to put
        the box in?"), naming the nouns already given."""
        slot_index = _slot_part_index(pattern, slot_no)
        part = pattern.parts[slot_index]
        if isinstance(part, Slot) and part.kind == "direction":
            return Question(self.msg("parser.which_way"), pattern, tuple(words), slot_index)
        if len(words) == 1 and len(words[0]) <= 2 and self.msg.has(f"verb.{pattern.action}"):
            verb = self.msg.word(f"verb.{pattern.action}")  # X -> examine
        else:
            phrase: list[str] = []
            at = 0
            slots = [p for p in pattern.parts if isinstance(p, Slot)]
            for (start, end), slot in zip(spans, slots, strict=False):
                phrase.extend(words[at:start])
                toks = words[start:end]
                name = " ".join(toks)
                if slot.kind not in FREE_SLOTS and slot.kind != "direction":
                    res = self._resolve(slot.kind, toks, scope, pronouns, None)
                    if isinstance(res, _Missing):
                        return Failure(res.message, res.unknown)
                    if isinstance(res, _Found) and len(res.tids) == 1:
                        name = self._name(res.tids[0], toks)
                phrase.append(name)
                at = end
            phrase.extend(words[at:])
            verb = " ".join(phrase)
        return Question(self.msg("parser.what", verb=verb), pattern, tuple(words), slot_index)

    def _complete(
        self,
        patterns: tuple[Pattern, ...],
        words: list[str],
        scope: list[str],
        pronouns: Pronouns,
    ) -> Question | Failure | None:
        """PUT BOX: the words stop before a preposition and a noun; fill in the preposition
        and ask for the noun."""
        for pattern in patterns:
            parts = pattern.parts
            for k in range(len(parts) - 1):
                if not (isinstance(parts[k], Slot) and isinstance(parts[k + 1], Lit)):
                    continue
                j = k + 1
                filler: list[str] = []
                while j < len(parts) and isinstance(parts[j], Lit):
                    lit = parts[j]
                    assert isinstance(lit, Lit)
                    filler.append(lit.head)
                    j += 1
                if j == len(parts):
                    continue  # nothing left to ask for: PUT BOX is not PUT BOX DOWN
                wanted = sum(isinstance(p, Slot) for p in parts[: k + 1])
                for spans, end in _match(parts[: k + 1], words, 0, 0, []):
                    if end == len(words) and len(spans) == wanted and all(
                            self._nounish(words[a:b]) for a, b in spans):
                        full = [*words, *filler]
                        return self._ask_for_noun(pattern, full, spans, wanted, scope, pronouns)
        return None

    def _nounish(self, toks: list[str]) -> bool:
        """Could these words name something? PUT IN is not PUT (a thing called IN)."""
        return any(w in self.model.world.vocabulary or w in SELF_WORDS or w in ALL_WORDS
                   or w in ("it", "him", "her", "them") or w not in self.vocabulary
                   for w in toks)

    # -- noun phrases --------------------------------------------------------------------------
    def _resolve(
        self,
        kind: str,
        toks: list[str],
        scope: list[str],
        pronouns: Pronouns,
        container: str | None,
    ) -> _Res:
        toks = _trim_and([t for t in toks if t not in ARTICLES and t != ","])
        if not toks:
            return _Missing(self.msg("parser.no_noun"))
        m = self.model
        if kind in MULTI_SLOTS and ("and" in toks or toks[0] in ALL_WORDS):
            return self._resolve_multi(kind, toks, scope, pronouns, container)
        if "and" in toks:
            return self._resolve_list(kind, toks, scope, pronouns, container)
        if len(toks) == 1 and toks[0] in SELF_WORDS:
            return _Found([PLAYER])
        if len(toks) == 1 and toks[0] in ("it", "him", "her", "them"):
            return self._pronoun(toks[0], pronouns, scope)
        if len(toks) > 1 and toks[0] in POSSESSIVES and not any(
                toks[0] in m.thing(t).words for t in scope):
            toks = toks[1:]  # HER ARMCHAIR: the armchair, whoever "her" is
        cands = [t for t in scope if all(w in m.thing(t).words for w in toks)]
        plural = False
        if not cands and len(toks) > 1:
            cands = self._described(toks, scope)  # BLUE SOFA: "blue" is in its description
        if not cands:
            singular = [_singular(w, m.world.vocabulary) or w for w in toks]
            if singular != toks:
                cands = [t for t in scope if all(w in m.thing(t).words for w in singular)]
                plural = bool(cands)
                if not cands and self._mentioned(toks):
                    return self._gentle(toks)
                if not cands and all(w in self.vocabulary for w in singular):
                    return _Missing(self.msg("parser.not_here"))
        elif len(cands) > 1 and _looks_plural(toks[-1], m.world.vocabulary):
            plural = True  # BAGS, where the author made "bags" a word of each bag
        if kind == "multiinside" and container is not None:
            inside = [c for c in cands if m.location(c) == container]
            cands = inside or cands
        if not cands:
            # PAPERBACK for a thing called "paperbacks", COAT RACK for a rack "for coats"
            cands = [t for t in scope if all(_forms(w) & m.thing(t).words for w in toks)] \
                or (self._described([w for w in toks], scope) if len(toks) > 1 else [])
        if not cands:
            if self._mentioned(toks) or self._detail(toks) is not None:
                return self._gentle(toks)
            unknown = next((w for w in toks if w not in self.vocabulary), None)
            if unknown is not None:
                return self._missing_word(unknown, scope)
            return _Missing(self.msg("parser.not_here"))
        if plural:
            # TAKE KEYS: every key in sight, though not those that make no sense
            preferred = [c for c in cands if self._prefers(kind, c)]
            return _Found(preferred or cands, plural=True)
        if len(cands) == 1:
            return _Found(cands)
        preferred = [c for c in cands if self._prefers(kind, c)]
        if len(preferred) == 1:
            return _Found(preferred, [self.msg("parser.assumed", the=m.the(preferred[0]))])
        pool = preferred or cands
        if len({m.thing(c).name for c in pool}) == 1:
            return _Found([pool[0]])
        return _Ambiguous(pool)

    def _resolve_multi(
        self,
        kind: str,
        toks: list[str],
        scope: list[str],
        pronouns: Pronouns,
        container: str | None,
    ) -> _Res:
        m = self.model
        if toks[0] in ALL_WORDS:
            rest = toks[1:]
            excluded: list[str] = []
            if rest and rest[0] in EXCEPT_WORDS:
                for group in " ".join(rest[1:]).split(" and "):
                    g = [w for w in group.split() if w not in ARTICLES]
                    if not g:
                        continue
                    hits = [t for t in scope if all(w in m.thing(t).words for w in g)]
                    if not hits:
                        res = self._resolve(kind, g, scope, pronouns, container)
                        if isinstance(res, _Missing):
                            return res
                        if isinstance(res, _Found):
                            hits = res.tids
                    excluded.extend(hits)
                rest = []
            pool = self._all_candidates(kind, scope, container)
            if rest:
                singular = [_singular(w, m.world.vocabulary) or w for w in rest]
                pool = [t for t in pool if all(w in m.thing(t).words for w in rest)
                        or all(w in m.thing(t).words for w in singular)]
            chosen = [t for t in pool if t not in excluded]
            if not chosen and kind == "multiinside" and container not in (None, PLAYER):
                assert container is not None
                if not m.can_see_inside(container):
                    return _Missing(self.msg("search.closed", the=m.the(container)))
            if not chosen:
                return _Missing(self.msg("parser.nothing_all"))
            return _Found(chosen)
        return self._resolve_list(kind, toks, scope, pronouns, container)

    def _resolve_list(
        self,
        kind: str,
        toks: list[str],
        scope: list[str],
        pronouns: Pronouns,
        container: str | None,
    ) -> _Res:
        groups: list[list[str]] = [[]]
        for t in toks:
            if t == "and":
                groups.append([])
            else:
                groups[-1].append(t)
        found: list[str] = []
        notes: list[str] = []
        single = "noun" if kind == "multi" else kind
        for g in groups:
            if not g:
                continue
            res = self._resolve(single, g, scope, pronouns, container)
            if not isinstance(res, _Found):
                return res
            notes.extend(res.notes)
            found.extend(t for t in res.tids if t not in found)
        if not found:
            return _Missing(self.msg("parser.no_noun"))
        return _Found(found, notes)

    def _all_candidates(self, kind: str, scope: list[str], container: str | None) -> list[str]:
        m = self.model
        if kind == "multiheld":
            return [t for t in m.contents(PLAYER) if not m.state.things[t].worn]
        if kind == "multiinside" and container is not None:
            if container != PLAYER and not m.can_see_inside(container):
                return []  # TAKE ALL FROM THE CLOSED BOX must not name what is inside
            return [t for t in m.contents(container) if m.thing(t).portable]
        here = m.state.room
        out = []
        for t in scope:
            th = m.thing(t)
            loc = m.location(t)
            on_supporter = loc is not None and loc in m.world.things and (
                m.thing(loc).kind is Kind.SUPPORTER)
            if th.portable and (loc == here or (on_supporter and m.room_of(t) == here)):
                out.append(t)
        return out

    def _prefers(self, kind: str, tid: str) -> bool:
        m = self.model
        if kind in ("held", "multiheld"):
            return m.carried(tid)
        if kind == "multi":
            return not m.carried(tid) and m.thing(tid).portable
        if kind == "person":
            return m.thing(tid).is_person
        return False

    def _pronoun(self, word: str, pronouns: Pronouns, scope: list[str]) -> _Res:
        if word == "them":
            tids = list(pronouns.them)
        else:
            ref = getattr(pronouns, word)
            tids = [ref] if ref else []
        visible = [t for t in tids if t in scope]
        if not visible and word in ("him", "her"):
            # HER for the one woman here, even before anyone has named her (a new memory, and
            # Clementine's version in it): the one person in sight it can mean
            gender = "he" if word == "him" else "she"
            people = [t for t in scope if self.model.thing(t).is_person
                      and self.model.thing(t).gender == gender]
            if len(people) == 1:
                return _Found(people)
        if not tids:
            return _Missing(self.msg("parser.pronoun_unset", word=word))
        if not visible:
            return _Missing(self.msg("parser.pronoun_gone", word=word, the=self.model.the(tids[0])))
        return _Found(visible)

    # -- what the text mentions ----------------------------------------------------------------
    def _described(self, toks: list[str], scope: list[str]) -> list[str]:
        """Things that some of the words name and the rest describe (BLUE SOFA, when the
        text says "a blue sofa"): those named by the most words."""
        m = self.model
        best: list[str] = []
        most = 0
        for t in scope:
            words = m.thing(t).words
            hard = sum(w in words for w in toks)
            if hard == 0:
                continue
            soft = self._soft_words(t)
            if all(w in words or _forms(w) & soft for w in toks):
                if hard > most:
                    best, most = [t], hard
                elif hard == most:
                    best.append(t)
        return best

    def _soft_words(self, tid: str) -> frozenset[str]:
        """The words of a thing's descriptions, and those just before its name in its room's
        text: what a player may use to tell it from another."""
        soft = self._soft.get(tid)
        if soft is None:
            world = self.model.world
            t = world.things[tid]
            found = {w for v in t.description for w in _WORD.findall(v.text.lower())}
            for room in world.rooms.values():
                if room.level != t.level:
                    continue
                for v in room.description:
                    text = _WORD.findall(v.text.lower())
                    for i, w in enumerate(text):
                        if w in t.words and w not in _FILLER:
                            found.update(text[max(0, i - 2):i])
            soft = frozenset(found - _FILLER)
            self._soft[tid] = soft
        return soft

    def mentioned_words(self, scope: list[str] | None = None) -> frozenset[str]:
        """The words of what Joel sees: the room's texts and the descriptions of the things in
        sight (every variant of them: a word that one of them uses is never a stranger)."""
        m = self.model
        room = m.state.room
        scope = m.scope() if scope is None else scope
        dark = m.is_dark(room)  # in the dark the room's text is not seen: only what he holds
        key = (room, tuple(scope), dark)
        if self._mention_key == key:
            return self._mention_words
        words = set() if dark else set(self._text_words(room))
        for tid in scope:
            if tid != PLAYER:
                words |= self._text_words(tid)
        self._mention_key, self._mention_words = key, frozenset(words)
        return self._mention_words

    def _text_words(self, oid: str) -> frozenset[str]:
        """Every word of a room's or a thing's texts, all variants and stages (cached: the
        texts never change)."""
        found = self._texts.get(oid)
        if found is None:
            world = self.model.world
            texts: list[str] = []
            if oid in world.rooms:
                r = world.rooms[oid]
                texts = [r.title, *(v.text for v in r.description), *r.stage_texts.values()]
            elif oid in world.things:
                t = world.things[oid]
                texts = [*(v.text for v in t.description), *t.stage_texts.values(),
                         *(v.text for v in t.initial or ())]
            found = frozenset(_WORD.findall(" ".join(texts).lower()))
            self._texts[oid] = found
        return found

    def _mentioned(self, toks: list[str]) -> bool:
        """The words name something the text mentions (every word of them is in the text, or
        is a word the game knows, and at least one is in the text)."""
        content = [w for w in toks if w not in _FILLER and w not in ARTICLES]
        if not content or any(w in self._people_words for w in content):
            return False  # ROB, when the title says "Rob and Carrie's" and Rob has gone out
        said = self.mentioned_words(self._scope or None) | EVERYWHERE
        hits = [w for w in content if _forms(w) & said]
        return bool(hits) and all(w in hits or w in self.vocabulary for w in content)

    def _gentle(self, toks: list[str]) -> _Missing:
        """The reply to a word of the text that is no thing: the room's detail for it when
        the player looks, else the catalogue's gentle sentence."""
        looking = self._action in ("examine", "search", "look_under", "look_through", "read")
        if looking:
            detail = self._detail(toks)
            if detail is not None:
                return _Missing(detail, prose=True)
        return _Missing(self.msg("parser.mentioned" if looking else "parser.mentioned_act"))

    def _detail(self, toks: list[str]) -> str | None:
        """The room's detail that the words name (every word of them is one of its words)."""
        content = [w for w in toks if w not in _FILLER and w not in ARTICLES]
        if not content:
            return None
        for words, text in self.model.room.details:
            if all(_forms(w) & words for w in content):
                return text
        return None

    # -- rooms ---------------------------------------------------------------------------------
    def _resolve_room(self, toks: list[str]) -> str | Failure:
        """GO TO THE KITCHEN: a room of this memory that Joel knows (has been in, or has seen
        the way into from a room he has been in)."""
        m = self.model
        toks = [t for t in toks if t not in ARTICLES and t not in POSSESSIVES]
        if not toks:
            return Failure(self.msg("parser.no_noun"))
        level = m.world.rooms[m.state.room].level
        cands = [rid for rid, r in m.world.rooms.items() if r.level == level
                 and all(w in self._room_words[rid] for w in toks)]
        if not cands:
            return Failure(self.msg("parser.no_room"))
        if m.state.room in cands:
            return Failure(self.msg("parser.room_here"))
        visited = m.state.visited
        known = [r for r in cands if r in visited or any(
            e.to == r for v in visited if v in m.world.rooms for e in m.world.rooms[v].exits)]
        if not known:
            return Failure(self.msg("parser.room_unknown"))
        return known[0]

    # -- errors -------------------------------------------------------------------------------
    def _suggest(self, word: str, scope: list[str]) -> str | None:
        """The word the player probably meant: one close to a word of something in sight (a
        word the player can't see anything for is no help)."""
        key = (word, tuple(scope))
        if key not in self._suggestions:  # difflib is slow; players repeat their typos
            if len(self._suggestions) > 2000:
                self._suggestions.clear()
            pool = sorted({w for t in scope if t != PLAYER for w in self.model.thing(t).words}
                          - _FILLER)
            self._suggestions[key] = _nearest(word, pool)
        return self._suggestions[key]

    def _missing_word(self, word: str, scope: list[str]) -> _Missing:
        f = self._unknown_word(word, scope)
        return _Missing(f.message, f.unknown)

    def _unknown_word(self, word: str, scope: list[str]) -> Failure:
        guess = self._suggest(word, scope)
        if guess:
            return Failure(self.msg("parser.unknown_word_guess", word=word, guess=guess), word)
        return Failure(self.msg("parser.unknown_word", word=word), word)

    def _unknown_verb(self, word: str) -> Failure:
        guess = _nearest_in(word, self._verb_pool)
        if guess and _forms(word) & self._text_words(self.model.state.room):
            guess = None  # a word of the room's text is no typo of a verb
        if guess:
            return Failure(self.msg("parser.unknown_verb_guess", word=word, guess=guess), word)
        return Failure(self.msg("parser.unknown_verb", word=word), word)


def _forms(word: str) -> set[str]:
    """A word and its plural or singular: CANDLE finds "candles" in the text."""
    out = {word, word + "s", word + "es"}
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("s"):
        out.add(word[:-1])
    return out


@functools.lru_cache(maxsize=2048)
def _nearest_in(word: str, pool: tuple[str, ...]) -> str | None:
    return _nearest(word, list(pool))


def _nearest(word: str, pool: list[str]) -> str | None:
    """The known word the player most likely meant: a close match, or for short words one
    typing slip away (a letter wrong, missing, extra, or two letters swapped)."""
    if len(word) > 40:
        return None
    pool = [w for w in pool if len(w) >= 3]  # USE is no SE
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.8)  # WIPE is no WHISPER
    if close:
        return close[0]
    if len(word) >= 3:
        for known in pool:
            if len(known) >= 3 and _one_slip(word, known):
                return known
    return None


def _one_slip(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _is_all(toks: list[str]) -> bool:
    toks = [t for t in toks if t not in ARTICLES]
    return bool(toks) and toks[0] in ALL_WORDS


def _trim_and(toks: list[str]) -> list[str]:
    """TAKE BOX AND, TAKE AND LAMP: a dangling AND means nothing."""
    while toks and toks[0] == "and":
        toks = toks[1:]
    while toks and toks[-1] == "and":
        toks = toks[:-1]
    return toks


def _singular(word: str, known: frozenset[str]) -> str | None:
    """KEYS -> key, BOXES -> box, BERRIES -> berry, when the singular is a word of the pack."""
    if len(word) < 3 or not word.endswith("s") or word in known:
        return None
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(cut) and word[: -len(cut)] + add in known:
            return word[: -len(cut)] + add
    return None


def _looks_plural(word: str, known: frozenset[str]) -> bool:
    """BAGS looks plural when BAG is a word too, even if the author also listed BAGS."""
    return any(word.endswith(cut) and word[: -len(cut)] + add in known
               for cut, add in (("ies", "y"), ("es", ""), ("s", "")) if len(word) > len(cut) + 1)


def _slot_part_index(pattern: Pattern, slot_no: int) -> int:
    n = -1
    for i, p in enumerate(pattern.parts):
        if isinstance(p, Slot):
            n += 1
            if n == slot_no:
                return i
    raise IndexError(slot_no)


def _match(
    parts: tuple[Lit | Slot, ...],
    words: list[str],
    pi: int,
    wi: int,
    spans: list[tuple[int, int]],
) -> Iterator[tuple[list[tuple[int, int]], int]]:
    """Yield (slot spans, words consumed) for every way the pattern fits the words.

    A slot takes at least one word; a pattern that runs out of words at a slot yields the spans
    so far (a missing noun), and one that matches a prefix yields how far it got.
    """
    if pi == len(parts):
        yield spans, wi
        return
    part = parts[pi]
    if isinstance(part, Lit):
        if wi < len(words) and words[wi] in part.options:
            yield from _match(parts, words, pi + 1, wi + 1, spans)
        return
    if wi == len(words):
        yield spans, wi  # the words ran out where a noun should be: ask for it
        return
    if pi == len(parts) - 1:
        yield [*spans, (wi, len(words))], len(words)
        return
    for end in range(wi + 1, len(words)):
        yield from _match(parts, words, pi + 1, end, [*spans, (wi, end)])
