"""The English grammar as data: verb patterns in the style of adventurelib and Inform.

A pattern is a sequence of literal words (``a|b`` are alternatives) and slots in braces.  Slots:
``noun`` anything in sight, ``held`` something Joel should be holding (taken implicitly),
``multi``/``multiheld``/``multiinside`` one or more things, ``person``, ``direction``,
``topic``/``text`` free words.  Earlier patterns win when several match.  A pattern listed in
``REVERSED`` names the second noun first (GIVE MARY THE COIN): its slots swap places.
"""

from __future__ import annotations

from dataclasses import dataclass

META_ACTIONS = frozenset({
    "save", "restore", "restart", "quit", "undo", "script_on", "script_off", "verbose", "brief",
    "superbrief", "score", "hint", "help", "about", "comment",
})

DIRECTION_WORDS: dict[str, str] = {
    "n": "north", "north": "north", "s": "south", "south": "south",
    "e": "east", "east": "east", "w": "west", "west": "west",
    "ne": "northeast", "northeast": "northeast", "nw": "northwest", "northwest": "northwest",
    "se": "southeast", "southeast": "southeast", "sw": "southwest", "southwest": "southwest",
    "u": "up", "up": "up", "upstairs": "up", "d": "down", "down": "down", "downstairs": "down",
    "in": "in", "inside": "in", "out": "out", "outside": "out",
}

ARTICLES = frozenset({"the", "a", "an", "some", "my", "this", "that"})
PRONOUNS = frozenset({"it", "him", "her", "them"})
ALL_WORDS = frozenset({"all", "everything", "each", "every"})
EXCEPT_WORDS = frozenset({"except", "but"})
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "last": -1,
}

_SPEC: tuple[tuple[str, str], ...] = (
    # out of world
    ("save", "save"), ("save", "save {text}"),
    ("restore", "restore|load"), ("restore", "restore|load {text}"),
    ("restart", "restart"), ("quit", "quit|q"), ("undo", "undo"),
    ("script_on", "script|transcript on"), ("script_on", "script|transcript"),
    ("script_off", "script|transcript off"), ("script_off", "unscript|noscript"),
    ("verbose", "verbose|long"), ("brief", "brief|normal"), ("superbrief", "superbrief|short"),
    ("score", "score|points"), ("hint", "hint|hints|clue|clues"),
    ("help", "help|instructions|commands|?"), ("about", "about|credits|info|version"),
    # looking
    ("examine", "look|l at {noun}"),
    ("look_through", "look|l|peer|gaze|stare out|outside of {noun}"),
    ("look_through", "look|l|peer|gaze|stare out|outside|through {noun}"),
    ("search", "look|l in|inside|into {noun}"),
    ("look_under", "look|l under|beneath|behind|between {noun}"),
    ("look", "look|l around"), ("look", "look|l"),
    ("examine", "examine|x|check|describe|inspect|study|watch {noun}"),
    ("read", "read {noun}"),
    ("search", "search {noun}"),
    ("inventory", "inventory|i|inv|invent"),
    # moving
    ("sleep", "go to sleep|bed"),
    ("go_to", "go|walk|run|head|hurry|return|get to|towards|toward {room}"),
    ("go_to", "go|walk|run|head back to|towards|into {room}"),
    ("go_back", "go|walk|run|head back"), ("go_back", "back|return|retreat"),
    ("go", "go|walk|run|head|move {direction}"),
    ("go", "go|walk|run|head|climb {direction} stairs|staircase|steps|stair|ladder"),
    ("go", "go|walk|run|head|climb {direction} the stairs|staircase|steps|stair|ladder"),
    ("enter", "go|walk|run|get|climb in|into|through|inside {noun}"),
    ("enter", "enter {noun}"), ("go_to", "enter|visit {room}"),
    ("go_to", "go|walk|run into|in {room}"), ("go_in", "enter"),
    ("exit", "get|climb out|off"), ("exit", "exit|leave|disembark"), ("exit", "stand up"),
    ("stand_on", "stand|get on|onto|upon|in {noun}"), ("exit", "stand"), ("exit", "get up"),
    ("leave", "leave|exit {noun}"),
    # things
    ("take_from", "take|get|remove|grab {multiinside} from|off {noun}"),
    ("take_from", "take|get|remove {multiinside} out of {noun}"),
    ("take_off", "take {noun} off"), ("take_off", "take off {noun}"),
    ("take", "pick up {multi}"), ("take", "pick {multi} up"),
    ("hold", "take|hold|grab|squeeze|clasp {person} hand|hands"),
    ("hold", "hold|clasp {noun}"),
    ("take", "take|get|grab|carry|collect {multi}"),
    ("remove", "remove|doff {noun}"),
    ("drop", "put|set|lay down {multiheld}"), ("drop", "put|set {multiheld} down"),
    ("drop", "drop|discard|dump {multiheld}"), ("drop", "throw away {multiheld}"),
    ("insert", "put|place|insert|stuff|drop|pack|slip {multiheld} in|into|inside {noun}"),
    ("put_on", "put|place|set|lay|drop|hang {multiheld} on|onto|upon {noun}"),
    ("wear", "put on {held}"), ("wear", "put {held} on"), ("wear", "wear|don {held}"),
    ("unlock", "open|unlock {noun} with|using {held}"), ("unlock", "unlock {noun}"),
    ("lock", "lock {noun} with|using {held}"), ("lock", "lock {noun}"),
    ("open", "open {noun}"), ("close", "close|shut {noun}"),
    ("switch_on", "switch|turn|power on {noun}"), ("switch_on", "switch|turn|power {noun} on"),
    ("switch_off", "switch|turn|power off {noun}"),
    ("switch_off", "switch|turn|power {noun} off"), ("switch_on", "switch {noun}"),
    ("push", "push|press|shove|move {noun}"), ("pull", "pull|drag|tug|yank {noun}"),
    ("turn", "turn|flip {noun} over|around|round"), ("turn", "turn|rotate|twist|spin|screw {noun}"),
    ("touch", "touch|feel|rub|pat|stroke|poke {noun}"), ("shake", "shake|rattle|tip {noun}"),
    ("knock", "knock|rap|bang|tap on|at {noun}"), ("knock", "knock|rap {noun}"),
    ("knock", "knock"), ("use", "use|operate {noun}"),
    ("eat", "eat|swallow|consume|chew {held}"), ("drink", "drink|sip|quaff {noun}"),
    ("smell", "smell|sniff {noun}"), ("smell", "smell|sniff"),
    ("listen", "listen to {noun}"), ("listen", "hear {noun}"), ("listen", "listen"),
    ("taste", "taste|lick {noun}"),
    # people
    ("give", "give|offer|hand|feed {held} to {person}"), ("give", "give|offer|hand {person} {held}"),
    ("show", "show|display|present {held} to {person}"), ("show", "show {person} {held}"),
    ("ask", "ask|question {person} about|for {topic}"), ("ask", "talk|speak to|with {person} about {topic}"),
    ("tell", "tell|inform {person} about|of {topic}"),
    ("talk", "talk|speak to|with {person}"), ("talk", "greet|hello|hi {person}"),
    ("talk", "talk|speak {person}"),
    ("kiss", "kiss {person}"), ("hug", "hug|embrace|cuddle {person}"),
    ("order", "ask|tell|order {person} to {text}"),
    ("say", "say|shout|yell|scream|whisper|answer|reply {text}"),
    ("shout", "shout|yell|scream|call"),
    # the body
    ("wait", "wait|z"), ("wait", "wait around|a while|awhile"),
    ("sleep", "sleep|nap|doze"), ("sleep", "fall asleep"),
    ("wake", "wake|awake|awaken"), ("wake", "wake up"),
    ("wake", "wake|awaken|rouse {person}"), ("wake", "wake up {person}"),
    ("wake", "wake {person} up"),
    ("sit", "sit on|in|at {noun}"), ("sit", "sit down|up"), ("sit", "sit"),
    ("lie", "lie|lay on|in {noun}"), ("lie", "lie|lay down on|in {noun}"), ("lie", "lie|lay down"), ("lie", "lie"),
    ("jump", "jump|hop|leap on|onto|over|off|in|into {noun}"),
    ("jump", "jump|hop|leap"), ("pray", "pray"), ("think", "think|ponder|remember|reflect"),
    ("think", "think|ponder|remember|reflect about|of|on {topic}"), ("think", "remember {topic}"),
    ("sing", "sing|hum|whistle"), ("attack", "attack|hit|kick|punch|break|smash|destroy|fight {noun}"),
    ("climb", "climb|scale up|down|onto|on|over|in|into {noun}"),
    ("climb", "climb|scale {noun}"), ("climb", "climb|scale"), ("yes", "yes|y|yeah|okay|ok"), ("no", "no|nope"),
    ("sorry", "sorry|apologise|apologize"), ("swear", "damn|shit|fuck|bother|curses"),
    ("cry", "cry|weep|sob"), ("xyzzy", "xyzzy|plugh"),
)


# patterns whose first slot is the second noun of the action
REVERSED = frozenset({"give|offer|hand {person} {held}", "show {person} {held}"})


@dataclass(frozen=True, slots=True)
class Lit:
    options: frozenset[str]
    head: str = ""  # the first spelling, used when the parser fills in a missing word


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str


Part = Lit | Slot


@dataclass(frozen=True, slots=True)
class Pattern:
    action: str
    parts: tuple[Part, ...]
    spec: str
    reversed: bool = False

    @property
    def meta(self) -> bool:
        return self.action in META_ACTIONS


def _compile(action: str, spec: str) -> Pattern:
    parts: list[Part] = []
    for word in spec.split():
        if word.startswith("{"):
            parts.append(Slot(word.strip("{}")))
        else:
            parts.append(Lit(frozenset(word.split("|")), word.split("|")[0]))
    return Pattern(action, tuple(parts), spec, spec in REVERSED)


PATTERNS: tuple[Pattern, ...] = tuple(_compile(a, s) for a, s in _SPEC)

VERBS: frozenset[str] = frozenset(
    w for p in PATTERNS if isinstance(p.parts[0], Lit) for w in p.parts[0].options
) | frozenset(DIRECTION_WORDS) | frozenset({"again", "g", "oops", "o"})

GRAMMAR_WORDS: frozenset[str] = frozenset(
    w for p in PATTERNS for part in p.parts if isinstance(part, Lit) for w in part.options
) | frozenset(DIRECTION_WORDS) | ARTICLES | PRONOUNS | ALL_WORDS | EXCEPT_WORDS | frozenset(
    ORDINALS
) | frozenset({"and", "then", "again", "g", "oops", "o", "me", "one", "yourself", "myself"})
