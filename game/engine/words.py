"""Turning a typed line into words and sentences, forgiving case, punctuation and spacing."""

from __future__ import annotations

import re

from game.engine.grammar import DIRECTION_WORDS, VERBS

_PUNCT = re.compile(r"[^\w\s,.;!?'*-]")
_SPLIT = re.compile(r"\s*[.;!?]+\s*|\bthen\b", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Lower-case words; commas become their own token so lists and orders can be seen."""
    text = text.lower().replace("'s ", " ").replace("’", "'")
    text = _PUNCT.sub(" ", text)
    text = text.replace(",", " , ")
    return [w.strip("'-") for w in text.split() if w.strip("'-")]


def sentences(line: str) -> list[str]:
    """Split a line into commands at full stops, semicolons and THEN.

    Full stops inside quoted speech would split it, which is acceptable for SAY.
    """
    parts = [p.strip() for p in _SPLIT.split(" " + line.strip() + " ")]
    return [p for p in parts if p]


def split_commas(words: list[str], verbs: frozenset[str] = VERBS) -> list[list[str]]:
    """Split at commas where a new command starts; elsewhere a comma means AND.

    ``n, e, take lamp`` is three commands; ``take key, lamp`` is one with a list.  Commas with
    nothing on one side (``, , ,``) are ignored.  ``verbs`` are the words that start a
    command (a pack's verbs included).
    """
    out: list[list[str]] = [[]]
    for i, w in enumerate(words):
        if w == ",":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if not out[-1] or out[-1][-1] == "and" or nxt in ("", ",", "and"):
                continue
            if nxt in verbs or nxt in DIRECTION_WORDS:
                out.append([])
            else:
                out[-1].append("and")
            continue
        out[-1].append(w)
    return [c for c in out if c]
