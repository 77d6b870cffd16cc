"""``spotless validate --coverage``: the words of each room's texts that no thing answers to.

A player types what the text mentions.  The game answers a word of the text that is not a
thing gently ("That's not something you need to look at more closely"), and a room's
``details`` answer EXAMINE with the author's words; but an author usually wants to know where
those gaps are.  This report lists, per room, the noun phrases of the room's description (every
variant, and the paragraphs things show in it) that no thing in the room, no detail of the room,
no room of the level and no direction answers to.

Finding nouns without a dictionary is a heuristic: a phrase is the words after a determiner
("a", "the", "her", "two", ...) or "of", up to punctuation or a small word or common verb, and
not one that ends in an abstract noun (way, side, night, ...); it is answered when any of its
words is a word of a thing in the room, of a detail, of a room of the level, a direction, or a
part of every room or person (floor, walls, hands: the game answers those gently).  Stage
texts (faded, blurred, dissolving) are left out: by then the memory is going, and the
player's questions with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.grammar import DIRECTION_WORDS
from game.engine.parser import EVERYWHERE
from game.engine.world import PLAYER, World


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*|[.,;:!?()\"—–-]")
DETERMINERS = _set("""
a an the your his her their its my our this that these those some two three four five six
seven eight ten twenty dozen several every each another both
""")
# nouns that name no object: what a player never means to examine
ABSTRACT = _set("""
way ways side sides middle end ends rest kind sort part parts time times day days week weeks
year years month months morning evening night nights moment moments minute minutes hour hours
place places thing things everything anything nothing something someone somebody anyone
nobody everybody everyone lot lots bit bits half top bottom front back left right inside
outside edge edges pair row rows strip foot feel best grey cold warmth colour order memory
mind conversation stubbornness hurry distances age deep job afternoon afternoons other others
point stretch century shape shapes argument arguments dark
""")
PARTS = EVERYWHERE  # what every room has and every body is: the parser answers it gently

STARTERS = DETERMINERS | {"of"}
# small words and common verbs that end a noun phrase
STOPS = _set("""
a an the and or but nor of to in on at by for with from into onto upon over under behind
beside between among through across against along around about above below near off out up
down away back toward towards than as like so then there here where when while which who
whom whose that this what if is are was were be been being am has have had do does did
can could will would shall should may might must not no nor it its it's you your yours he she
they them him her hers their theirs we us our me my i one ones all any each every some own
same such too very just only even still again ever never always also already almost quite
rather more most less least much many few little enough yet once twice now today tonight
how why because though although until since before after during without within except
stands stand sits sit lies lie hangs hang leads lead runs run looks look holds hold faces
face fills fill takes take gives give makes make goes go comes come says say seems seem
sleeps waits wait climbs climb smells smell crowd crowds line lines gathers gather tries
try gets get keeps keep left right used use opens open closes close shut shows show reads
read belongs belong knocks knock drips drip ticks tick blinks blink glows glow burns burn
sitting standing lying hanging waiting looking running leading going coming holding
pouring trying doing being having making taking getting keeping saying leans lean
knocking soaked gone ought done laugh laughs slow laid knows leaks wide
is isn't aren't wasn't don't doesn't didn't can't won't
""")
SENTENCE_END = frozenset(".;:!?()\"—–-")


@dataclass(frozen=True)
class RoomGaps:
    room: str  # the room's id
    title: str
    phrases: tuple[str, ...]  # the noun phrases no thing answers, in text order


def noun_phrases(text: str) -> list[list[str]]:
    """The phrases of a text that look like nouns (see the module docstring)."""
    toks = _TOKEN.findall(text)
    out: list[list[str]] = []
    i = 0
    while i < len(toks):
        low = toks[i].lower()
        start = low in STARTERS
        # FRIDGE, SINK, COUNTER AND STOVE: list items at the start of a sentence or after a
        # comma, when a comma or AND follows them
        listed = (low not in STOPS and low.isalpha() and i + 1 < len(toks)
                  and toks[i + 1] in (",", "and") and (i == 0 or toks[i - 1] == "."))
        if listed:
            out.append([low])
            i += 1
            continue
        if not start:
            i += 1
            continue
        j = i + 1
        phrase: list[str] = []
        while j < len(toks) and len(phrase) < 4:
            w = toks[j].lower()
            if w in SENTENCE_END or w == "," or w in STOPS:
                break
            phrase.append(w)
            j += 1
        # A DENTIST'S: a possessive with its noun left out names nothing to look at
        abstract = bool(phrase) and (phrase[-1] in ABSTRACT or phrase[-1].endswith(("'s", "’s")))
        followed = j < len(toks) and toks[j].lower() in ("one", "ones")  # A LARGE ONE
        if phrase and not abstract and not followed and not all(w.isdigit() for w in phrase):
            out.append(phrase)
        i = max(j, i + 1)
    return out


def room_gaps(world: World) -> list[RoomGaps]:
    """Every room of the (loaded) world with the phrases of its texts that nothing answers."""
    located: dict[str, list[str]] = {r: [] for r in world.rooms}
    for tid, t in world.things.items():
        where = _room_of(world, tid)
        if where is not None:
            located[where].append(tid)
        for r in t.connects:
            if r in located and tid not in located[r]:
                located[r].append(tid)
    out: list[RoomGaps] = []
    for rid, room in world.rooms.items():
        answered: set[str] = set(DIRECTION_WORDS) | PARTS
        for other in world.rooms.values():
            if other.level == room.level:
                answered |= {w.lower() for w in re.findall(r"[A-Za-z0-9]+",
                                                           f"{other.title} {other.name}")}
        for words, _ in room.details:
            answered |= words
        texts = [v.text for v in room.description]
        for tid in located[rid]:
            t = world.things[tid]
            answered |= t.words
            # the paragraph it shows in the room (as the memory is vivid: the unconditional one)
            texts += [v.text for v in t.initial or () if v.when is None]
        seen: set[str] = set()
        gaps: list[str] = []
        for text in texts:
            for phrase in noun_phrases(text):
                if any(_answers(w, answered) for w in phrase):
                    continue
                shown = " ".join(phrase)
                if shown not in seen:
                    seen.add(shown)
                    gaps.append(shown)
        out.append(RoomGaps(rid, room.title, tuple(gaps)))
    return out


def _answers(word: str, answered: set[str]) -> bool:
    if word in answered:
        return True
    if "-" in word:  # PULL-OFF: the parser reads its parts
        return all(_answers(part, answered) for part in word.split("-") if part)
    for cut, add in (("ies", "y"), ("es", ""), ("s", ""), ("'s", "")):
        if word.endswith(cut) and word[: -len(cut)] + add in answered:
            return True
    return word + "s" in answered


def _room_of(world: World, tid: str) -> str | None:
    loc: str | None = world.things[tid].location
    for _ in range(64):
        if loc is None or loc == PLAYER:
            return world.start_room if loc == PLAYER else None
        if loc in world.rooms:
            return loc
        holder = world.things.get(loc)
        loc = holder.location if holder is not None else None
    return None


def report(world: World) -> list[str]:
    """The report's lines: one per room with gaps, then a total."""
    lines: list[str] = []
    total = 0
    for g in room_gaps(world):
        if g.phrases:
            total += len(g.phrases)
            lines.append(f"{g.room} ({g.title}): {'; '.join(g.phrases)}")
    lines.append(f"{total} phrase(s) of the texts that no thing answers to"
                 if total else "every noun phrase of the texts answers to a thing")
    return lines
