"""The parser: matches words against the grammar and resolves noun phrases to things in sight.

It never changes the state.  It answers with a ``Parsed`` command, a ``Failure`` that says why
it could not understand (naming the unknown word and the nearest known one), or a ``Question``
(which thing? what to act on?) whose answer the session feeds back in.
"""

from __future__ import annotations

import difflib
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


@dataclass(frozen=True)
class Question:
    """The parser needs one more answer; ``forced`` and ``fill`` say how it will be used."""

    message: str
    pattern: Pattern
    tokens: tuple[str, ...]
    slot: int  # index of the part in the pattern
    candidates: tuple[str, ...] = ()
    forced: tuple[tuple[int, str], ...] = ()


Result = Parsed | Failure | Question


@dataclass
class Pronouns:
    it: str | None = None
    him: str | None = None
    her: str | None = None
    them: tuple[str, ...] = ()

    def note(self, model: Model, tids: list[str]) -> None:
        real = [t for t in tids if t in model.world.things]
        if not real:
            return
        if len(real) > 1:
            self.them = tuple(real)
        for tid in real:
            g = model.thing(tid).gender
            if g == "he":
                self.him = tid
            elif g == "she":
                self.her = tid
            elif g == "they":
                self.them = (tid,)
            else:
                self.it = tid
                if len(real) == 1:
                    self.them = (tid,)


@dataclass
class _Found:
    tids: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass
class _Ambiguous:
    candidates: list[str]


@dataclass
class _Missing:
    message: str
    unknown: str | None = None


_Res = _Found | _Ambiguous | _Missing


class Parser:
    def __init__(self, model: Model, msg: Catalogue) -> None:
        self.model = model
        self.msg = msg
        self.vocabulary = model.world.vocabulary | GRAMMAR_WORDS | SELF_WORDS
        self._suggest_pool = sorted(model.world.vocabulary | VERBS)

    # -- public --------------------------------------------------------------------------------
    def parse(
        self,
        words: list[str],
        pronouns: Pronouns,
        forced: dict[int, str] | None = None,
        only: Pattern | None = None,
    ) -> Result:
        if not words:
            return Failure(self.msg("parser.empty"))
        if len(words) == 1 and words[0] in DIRECTION_WORDS:
            return Parsed("go", direction=DIRECTION_WORDS[words[0]])
        first = words[0]
        if only is None and first not in VERBS:
            return self._unknown_verb(first)
        scope = self.model.scope()
        errors: list[Failure] = []
        missing: list[tuple[Pattern, int]] = []
        partial: list[tuple[Pattern, list[tuple[int, int]], int]] = []
        for pattern in (only,) if only else PATTERNS:
            for spans, end in _match(pattern.parts, words, 0, 0, []):
                if end < len(words):
                    partial.append((pattern, spans, end))
                    continue
                if len(spans) < sum(isinstance(p, Slot) for p in pattern.parts):
                    missing.append((pattern, len(spans)))
                    continue
                res = self._resolve_pattern(pattern, words, spans, scope, pronouns, forced or {})
                if isinstance(res, Parsed | Question):
                    return res
                errors.append(res)
        if errors:
            return errors[0]
        if missing:
            pattern, slot_no = missing[0]
            slot_index = _slot_part_index(pattern, slot_no)
            verb = " ".join(words)
            if len(words) == 1 and len(words[0]) <= 2 and self.msg.has(f"verb.{pattern.action}"):
                verb = self.msg.word(f"verb.{pattern.action}")  # X -> examine
            return Question(
                self.msg("parser.what", verb=verb),
                pattern, tuple(words), slot_index,
            )
        if partial:
            pattern, spans, end = max(partial, key=lambda p: p[2])
            return Failure(self.msg("parser.as_far_as", what=" ".join(words[:end])))
        unknown = next((w for w in words if w not in self.vocabulary), None)
        if unknown is not None:
            return self._unknown_word(unknown)
        return Failure(self.msg("parser.not_understood"))

    def answer_which(self, q: Question, words: list[str]) -> list[str] | None:
        """Narrow a Which-do-you-mean question down; None if the answer is not about it."""
        words = [w for w in words if w not in ARTICLES and w != "one" and w != "and"]
        if not words:
            return None
        if len(words) == 1 and words[0] in ORDINALS:
            n = ORDINALS[words[0]]
            cands = list(q.candidates)
            if n == -1:
                return [cands[-1]]
            return [cands[n - 1]] if 0 < n <= len(cands) else None
        if words[0] in ALL_WORDS:
            return list(q.candidates)
        hits = [c for c in q.candidates if all(w in self.model.thing(c).words for w in words)]
        return hits or None

    # -- matching ----------------------------------------------------------------------------
    def _resolve_pattern(
        self,
        pattern: Pattern,
        words: list[str],
        spans: list[tuple[int, int]],
        scope: list[str],
        pronouns: Pronouns,
        forced: dict[int, str],
    ) -> Parsed | Question | Failure:
        slots = [(i, p) for i, p in enumerate(pattern.parts) if isinstance(p, Slot)]
        objects: list[str] = []
        second: str | None = None
        direction: str | None = None
        text = ""
        notes: list[str] = []
        multi = False
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
            if slot.kind == "direction":
                if len(toks) != 1 or toks[0] not in DIRECTION_WORDS:
                    return Failure(self.msg("parser.no_direction"))
                direction = DIRECTION_WORDS[toks[0]]
                continue
            if part_index in forced:
                resolved[k] = [forced[part_index]]
                continue
            container = resolved.get(1, [None])[0] if pattern.action == "take_from" else None
            res = self._resolve(slot.kind, toks, scope, pronouns, container)
            if isinstance(res, _Missing):
                if k == len(slots) - 1 and pattern.parts[-1] == slot:
                    shorter = self._understood_as_far_as(pattern, words, start, end, scope,
                                                         pronouns)
                    if shorter:
                        return Failure(shorter)
                return Failure(res.message, res.unknown)
            if isinstance(res, _Ambiguous):
                names = [self.model.the(c) for c in res.candidates]
                return Question(
                    self.msg("parser.which", options=join_list(names, self.msg.word("word.or"))),
                    pattern, tuple(words), part_index, tuple(res.candidates),
                    tuple(forced.items()),
                )
            resolved[k] = res.tids
            notes.extend(res.notes)
            if slot.kind in MULTI_SLOTS and (len(res.tids) > 1 or _is_all(toks)):
                multi = True
        nouns = [resolved[k] for k in sorted(resolved)]
        if nouns:
            objects = nouns[0]
        if len(nouns) > 1:
            second = nouns[1][0]
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
                what = " ".join(words[:start]) + " " + self.model.the(res.tids[0])
                return self.msg("parser.as_far_as", what=what)
        return None

    # -- noun phrases --------------------------------------------------------------------------
    def _resolve(
        self,
        kind: str,
        toks: list[str],
        scope: list[str],
        pronouns: Pronouns,
        container: str | None,
    ) -> _Res:
        toks = [t for t in toks if t not in ARTICLES]
        if not toks:
            return _Missing(self.msg("parser.no_noun"))
        m = self.model
        if kind in MULTI_SLOTS and ("and" in toks or toks[0] in ALL_WORDS):
            return self._resolve_multi(kind, toks, scope, pronouns, container)
        if len(toks) == 1 and toks[0] in SELF_WORDS:
            return _Found([PLAYER])
        if len(toks) == 1 and toks[0] in ("it", "him", "her", "them"):
            return self._pronoun(toks[0], pronouns, scope)
        cands = [t for t in scope if all(w in m.thing(t).words for w in toks)]
        if kind == "multiinside" and container is not None:
            inside = [c for c in cands if m.location(c) == container]
            cands = inside or cands
        if not cands:
            unknown = next((w for w in toks if w not in self.vocabulary), None)
            if unknown is not None:
                return self._missing_word(unknown)
            return _Missing(self.msg("parser.not_here"))
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
                    hits = [t for t in scope if g and all(w in m.thing(t).words for w in g)]
                    if not hits:
                        res = self._resolve(kind, g, scope, pronouns, container)
                        if isinstance(res, _Missing):
                            return res
                    excluded.extend(hits)
                rest = []
            pool = self._all_candidates(kind, scope, container)
            if rest:
                pool = [t for t in pool if all(w in m.thing(t).words for w in rest)]
            chosen = [t for t in pool if t not in excluded]
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
        if not tids:
            return _Missing(self.msg("parser.pronoun_unset", word=word))
        visible = [t for t in tids if t in scope]
        if not visible:
            return _Missing(self.msg("parser.pronoun_gone", word=word, the=self.model.the(tids[0])))
        return _Found(visible)

    # -- errors -------------------------------------------------------------------------------
    def _suggest(self, word: str) -> str | None:
        close = difflib.get_close_matches(word, self._suggest_pool, n=1, cutoff=0.7)
        return close[0] if close else None

    def _missing_word(self, word: str) -> _Missing:
        f = self._unknown_word(word)
        return _Missing(f.message, f.unknown)

    def _unknown_word(self, word: str) -> Failure:
        guess = self._suggest(word)
        if guess:
            return Failure(self.msg("parser.unknown_word_guess", word=word, guess=guess), word)
        return Failure(self.msg("parser.unknown_word", word=word), word)

    def _unknown_verb(self, word: str) -> Failure:
        guess = difflib.get_close_matches(word, sorted(VERBS), n=1, cutoff=0.7)
        if guess:
            return Failure(self.msg("parser.unknown_verb_guess", word=word, guess=guess[0]), word)
        return Failure(self.msg("parser.unknown_verb", word=word), word)


def _is_all(toks: list[str]) -> bool:
    return bool(toks) and toks[0] in ALL_WORDS


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
