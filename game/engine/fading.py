"""Text decay for the fade stages: a memory's text thins, blurs and breaks up as it is erased.

When a level author wrote no text for a fade stage, :func:`degrade` derives it from the vivid text,
deterministically (the same text, stage, seed and kept words always give the same result, in any
process and on any Python version: the randomness is a private splitmix64 seeded from the ``seed``
argument and the CRC-32 of the text, never :func:`hash`).

The stages, after the design brief ("readable at faded, patchy at blurred, fragments at dissolving;
the names of things stay typeable"):

0. vivid -- the text unchanged.
1. faded -- fully readable, but thinner: attributive adjectives and adverbs ("a *blue* sofa"),
   trailing or parenthetic clauses (", *as if it has been left out of the conversation*"), list
   items, a second place phrase ("the back lane *behind the building*") and minor sentences drop
   out, but only where the rest still makes a sentence. It aims at 12-22 % of the words, never
   more than 25 % of those not kept; a text whose every sentence names a kept thing may have little
   that can go. No word is changed, except for "a"/"an" before a new neighbour and a capital letter
   for a sentence whose first word went.
2. blurred -- patchy: 35-50 % of the words that are not kept vanish in short patches, each patch
   shown as a single "…" (a screen reader says "ellipsis" once, where a run of "~" would be read out
   tilde by tilde); punctuation and the sentences' shape remain.
3. dissolving -- fragments: a few words or short phrases per sentence, 10-25 % of the words that are
   not kept, joined by "… ".
4. gone -- the empty string; the caller prints its own "nothing but white".

``keep`` holds the lower-case words the player may need to type (the names of things, the exits);
each occurrence survives intact at stages 1-3, and a sentence holding one is never dropped. Words
match case-insensitively, whatever punctuation surrounds them; a possessive ("dentist's"), a simple
plural ("chairs") or one part of a hyphenated word ("cream-coloured") also counts as a match.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from dataclasses import dataclass

__all__ = ["BLUR", "BLURRED", "DISSOLVING", "FADED", "GONE", "VIVID", "degrade", "fade_seed"]

VIVID, FADED, BLURRED, DISSOLVING, GONE = 0, 1, 2, 3, 4
BLUR = "…"

_MASK64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15

# Bands, as fractions of the words that are not kept.
_FADED_DROP = (0.12, 0.22)  # target share of words dropped; never more than _FADED_MAX
_FADED_MAX = 0.25
_BLURRED_LOSS = (0.36, 0.45)
_DISSOLVING_KEEP = (0.13, 0.21)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"(?P<w>[^\W_]+(?:['’\-][^\W_]+)*)|(?P<s>\s+)|(?P<p>.)", re.DOTALL)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TERMINATORS = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’)]»")
_SEPARATORS = frozenset(",;:—–")
_QUOTES = frozenset("\"“”«»")
_SOFT = _SEPARATORS | _QUOTES | frozenset("()'’‘")  # punctuation a run of blurs swallows
_TITLES = _set("mr mrs ms dr prof st mt rev capt sgt lt col gen fr sr jr no vs etc")

_DETERMINERS = _set(
    """a an the this that these those my your his her its our their some every each no any
    another two three four five six seven eight nine ten several many few
    """
)
_CONJUNCTIONS = _set("and or but nor so yet")
_SUBORDINATORS = _set(
    """as if though although because while whereas whether until unless since which who whom
    whose where when like than once
    """
)
_PREPOSITIONS = _set(
    """of in on at to for from by with without into onto over under up down out off through
    about against between behind beside besides beneath below above across along around toward
    towards near past among inside outside within after before beyond despite except upon via
    throughout during
    """
)
# Prepositions that open a phrase of place or manner, hardly ever a verb's particle ("takes up").
_PLACE_PREPOSITIONS = _set(
    """behind beside near under beneath below above across along around toward towards among
    inside outside within beyond against between past with
    """
)
_FUNCTION = (
    _DETERMINERS
    | _CONJUNCTIONS
    | _SUBORDINATORS
    | _PREPOSITIONS
    | _set(
        """is are was were be been being am has have had do does did it it's there here he she
        they we you i me him them us what not too very just can could will would shall should may
        might must then one ones s
        """
    )
)
_PRONOUNS = _set("i you he she it we they there this that these those")
_NOT_GERUNDS = _set("ceiling evening morning building wedding pudding spring string during")
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'m", "'d", "’re", "’ve", "’ll", "’m", "’d", "n’t")
_PRONOUN_IS_FORMS = _set("it's he's she's that's there's here's what's who's where's let's")


def _is_function(low: str) -> bool:
    """A function word: an article, a preposition, a pronoun, an auxiliary, "haven't"..."""
    if low in _FUNCTION or low.endswith(_CONTRACTIONS):
        return True
    return low.replace("’", "'") in _PRONOUN_IS_FORMS


# A clause after a comma (or semicolon...) may drop at the faded stage when it starts like this:
# a detail hung on the sentence rather than the sentence itself.
_CLAUSE_OPENERS = (
    _SUBORDINATORS
    | _PREPOSITIONS
    | _DETERMINERS
    | _CONJUNCTIONS
    | _set("all both either neither still even perhaps maybe each")
)
# Attributive adjectives the faded stage may drop ("a blue sofa" -> "a sofa"). A closed list:
# without a tagger it is the only safe way to know the word is a detail and not the noun itself.
_ADJECTIVES = _set(
    """
    black blue brown green grey gray orange pink purple red white yellow beige golden silver
    scarlet crimson pale dark bright dim faded glossy shiny dull
    big small large huge tiny narrow wide broad long short tall low high thin thick deep shallow
    enormous vast
    old new young ancient fresh modern antique
    cold warm hot cool icy frozen chilly damp wet dry dusty muddy sticky
    soft hard smooth rough heavy flat round square sharp blunt stiff loose tight
    cheap expensive plain fancy tidy messy neat clean dirty empty full bare crowded
    quiet silent noisy loud slow fast sudden gentle
    open shut broken cracked worn torn folded crumpled sagging rusty battered chipped stained
    tasteful ugly pretty beautiful lovely handsome elegant shabby grand
    strange odd familiar sad lonely sweet bitter sour tired sleepy
    framed printed painted carved polished scuffed tattered faint distant
    wooden plastic glass metal paper velvet leather woollen woolen cotton stone brick
    single double
    """
)
_NOT_ADJECTIVES = _set(
    """handful mouthful spoonful cupful armful bucketful detective relative native archive
    motive captive executive olive explosive adhesive initiative narrative locomotive
    representative objective perspective incentive directive alternative
    """
)
_ADVERBS = _set("very quite rather somewhat really slightly suddenly gently")
# -ly words that are not droppable manner adverbs, or whose loss would change the meaning.
_NOT_ADVERBS = _set(
    """only early daily weekly monthly yearly hourly nightly family lily holy ugly belly jelly
    rally reply supply apply fly ally bully silly curly chilly oily hilly elderly melancholy
    anomaly assembly butterfly monopoly friendly lonely lovely likely unlikely hardly barely
    scarcely rarely nearly merely seldomly july italy sally emily kelly molly holly polly
    reply comply imply multiply rely dully fully wholly
    """
)


class _Rng:
    """splitmix64: tiny, portable, seeded from an int, no global state."""

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK64

    def next(self) -> int:
        self.state = (self.state + _GOLDEN) & _MASK64
        return _mix(self.state)

    def random(self) -> float:
        return (self.next() >> 11) / float(1 << 53)

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()

    def below(self, n: int) -> int:
        return self.next() % n

    def shuffle(self, items: list[int]) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def fade_seed(game_seed: int, key: str, stage: int) -> int:
    """A seed for :func:`degrade` from the game's seed, a key (the room's id) and the stage.

    Deterministic in every process (CRC-32 of the key, splitmix64 mixing); the result fits in a
    signed 64-bit integer, so it survives any save format.
    """
    z = _mix((game_seed & _MASK64) ^ _GOLDEN)
    z = _mix(z ^ zlib.crc32(key.encode("utf-8")))
    z = _mix((z + (stage & 0xFFFF) * _GOLDEN) & _MASK64)
    return z & ((1 << 63) - 1)


# ---------------------------------------------------------------------------------------- parsing


@dataclass
class _Tok:
    kind: str  # "w" word, "s" whitespace, "p" punctuation (one character)
    text: str
    sentence: int = -1  # index of the sentence holding the token; -1 between sentences
    clause: int = -1  # index of the clause within its sentence
    kept: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class _Sentence:
    start: int  # token range [start, end), no whitespace at either end
    end: int
    words: list[int]  # token indices of its words
    clauses: list[list[int]]  # token ranges of its clauses: [start, end) each
    separators: list[int]  # token index of the separator before clause i (i >= 1)
    terminator: int  # first token of the closing punctuation, or ``end``
    paragraph: int


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "p"
        toks.append(_Tok(kind, m.group()))
    return toks


def _is_kept(word: str, keep: frozenset[str]) -> bool:
    if not keep:
        return False
    low = word.lower().replace("’", "'")
    forms = [low, *low.split("-")]
    for form in forms:
        stems = {form}
        for suffix in ("'s", "'", "es", "s"):
            if form.endswith(suffix) and len(form) > len(suffix):
                stems.add(form[: -len(suffix)])
        if stems & keep:
            return True
    return False


def _normalise_keep(keep: frozenset[str]) -> frozenset[str]:
    out: set[str] = set()
    for entry in keep:
        out.update(w.replace("’", "'") for w in _WORD.findall(entry.lower()))
    return frozenset(out)


def _sentences(toks: list[_Tok]) -> list[_Sentence]:
    """Split the tokens into sentences (ended by . ! ? … or a line break) and clauses."""
    sentences: list[_Sentence] = []
    paragraph = 0
    i, n = 0, len(toks)
    while i < n:
        if toks[i].kind == "s":
            if toks[i].text.count("\n") >= 2:
                paragraph += 1
            i += 1
            continue
        start = i
        end = n
        j = i
        while j < n:
            tok = toks[j]
            if tok.kind == "s" and "\n" in tok.text:
                end = j
                break
            if tok.kind == "p" and tok.text in _TERMINATORS:
                k = j + 1
                while k < n and toks[k].kind == "p" and (
                    toks[k].text in _TERMINATORS or toks[k].text in _CLOSERS
                ):
                    k += 1
                prev = toks[j - 1] if j > start else None
                is_title = (
                    tok.text == "."
                    and prev is not None
                    and prev.kind == "w"
                    and prev.low in _TITLES
                )
                if (k == n or toks[k].kind == "s") and not is_title:
                    end = k
                    break
                j = k
                continue
            j += 1
        sentences.append(_build_sentence(toks, start, end, len(sentences), paragraph))
        i = end
    return sentences


def _build_sentence(toks: list[_Tok], start: int, end: int, index: int, para: int) -> _Sentence:
    terminator = end
    while terminator > start and toks[terminator - 1].kind == "p" and (
        toks[terminator - 1].text in _TERMINATORS or toks[terminator - 1].text in _CLOSERS
    ):
        terminator -= 1
    words: list[int] = []
    clauses: list[list[int]] = [[start, terminator]]
    separators: list[int] = []
    for k in range(start, end):
        tok = toks[k]
        tok.sentence = index
        tok.clause = len(clauses) - 1
        if tok.kind == "w":
            words.append(k)
        elif k < terminator and tok.kind == "p" and tok.text in _SEPARATORS:
            clauses[-1][1] = k
            clauses.append([k + 1, terminator])
            separators.append(k)
            tok.clause = -1
    return _Sentence(start, end, words, clauses, separators, terminator, para)


def _words_in(toks: list[_Tok], lo: int, hi: int) -> list[int]:
    return [k for k in range(lo, hi) if toks[k].kind == "w"]


# ------------------------------------------------------------------------------------ the stages


def degrade(text: str, stage: int, seed: int, keep: frozenset[str] = frozenset()) -> str:
    """``text`` as it reads at fade ``stage`` (0 vivid ... 4 gone); see the module's docstring."""
    if stage <= VIVID:
        return text
    if stage >= GONE:
        return ""
    toks = _tokenize(text)
    if not any(t.kind == "w" for t in toks):
        return _tidy(text)
    kept = _normalise_keep(keep)
    for tok in toks:
        tok.kept = tok.kind == "w" and _is_kept(tok.text, kept)
    sentences = _sentences(toks)
    rng = _Rng(_mix(seed & _MASK64) ^ zlib.crc32(text.encode("utf-8")) ^ (stage * _GOLDEN))
    rng.next()
    if stage == FADED:
        return _faded(toks, sentences, rng)
    if stage == BLURRED:
        return _blurred(toks, sentences, rng)
    return _dissolving(toks, sentences, rng)


# ----- faded: details drop out


def _faded(toks: list[_Tok], sentences: list[_Sentence], rng: _Rng) -> str:
    free = sum(1 for s in sentences for k in s.words if not toks[k].kept)
    limit = int(free * _FADED_MAX)
    target = min(limit, round(free * rng.uniform(*_FADED_DROP)))
    candidates = _faded_candidates(toks, sentences)
    _shuffle(candidates, rng)
    candidates.sort(key=lambda c: c[0])  # stable: shuffled within each rank
    details = [span for rank, span in candidates if rank == 0]
    parts = [span for rank, span in candidates if rank > 0]  # clauses before whole sentences
    # One part (a clause, a minor sentence), then two details, and so on: a memory loses some of
    # its colours and some of its furniture, not all of one.
    deleted: set[int] = set()
    dropped = 0
    pools = [parts, details, details]
    turn = 0
    while dropped < target and (parts or details):
        pool = pools[turn % 3] or parts or details
        turn += 1
        span = pool.pop(0)
        if deleted & span:
            continue
        cost = sum(1 for k in span if toks[k].kind == "w")
        if dropped + cost > limit:
            continue
        if not _leaves_enough(toks, sentences, deleted | span, span):
            continue
        deleted |= span
        dropped += cost
    return _render_faded(toks, sentences, deleted)


def _shuffle(items: list[tuple[int, set[int]]], rng: _Rng) -> None:
    order = list(range(len(items)))
    rng.shuffle(order)
    items[:] = [items[i] for i in order]


def _faded_candidates(toks: list[_Tok], sentences: list[_Sentence]) -> list[tuple[int, set[int]]]:
    """(rank, token indices to delete): 0 single words, 1 clauses and phrases, 2 sentences."""
    out: list[tuple[int, set[int]]] = []
    first_words = {s.words[0] for s in sentences if s.words}
    lonely = _paragraph_counts(sentences)
    for s_index, sentence in enumerate(sentences):
        if not sentence.words:
            continue
        for k in sentence.words:
            if _droppable_word(toks, k, k in first_words):
                out.append((0, _with_space(toks, k, k)))
        for c in range(len(sentence.clauses)):
            if c > 0:
                span = _droppable_clause(toks, sentence, c)
                if span:
                    out.append((1, span))
            span = _droppable_phrase(toks, sentence, c)
            if span:
                out.append((1, span))
        if (
            s_index > 0
            and lonely[sentence.paragraph] > 1
            and not any(toks[k].kept for k in sentence.words)
        ):
            span = set(range(sentence.start, sentence.end))
            out.append((2, _with_space(toks, sentence.start, sentence.end - 1) | span))
    return out


def _droppable_clause(toks: list[_Tok], sentence: _Sentence, c: int) -> set[int]:
    """The tokens of clause ``c`` (c >= 1) and its comma, if it is a detail; else nothing.

    A detail: a trailing clause (", as if it has been left out of the conversation"), a
    parenthesis (", with a lamp on it,") or an item in the middle of a list (", a plant,").
    """
    lo, hi = sentence.clauses[c]
    words = _words_in(toks, lo, hi)
    if not words or any(toks[k].kept for k in words):
        return set()
    if any(toks[k].kind == "p" and toks[k].text in "()[]\"“”" for k in range(lo, hi)):
        return set()
    opener = toks[words[0]].low
    gerund = (
        opener.endswith("ing") and len(opener) > 4 and opener not in _NOT_GERUNDS
        and not opener.endswith("thing")
    )
    after_comma = toks[sentence.separators[c - 1]].text == ","
    last = c == len(sentence.clauses) - 1
    if last:
        if not (opener in _CLAUSE_OPENERS or opener in _ADJECTIVES or gerund):
            return set()
    else:
        parenthetic = opener in _SUBORDINATORS or opener in _PREPOSITIONS or gerund
        following = _words_in(toks, *sentence.clauses[c + 1])
        list_item = (
            opener in _DETERMINERS
            and toks[hi].text == ","
            and bool(following)
            and (toks[following[0]].low in _DETERMINERS or toks[following[0]].low == "and")
        )
        if not (after_comma and (parenthetic or list_item)):
            return set()
    span = set(range(sentence.separators[c - 1], hi))
    if not last and toks[hi].text == "," and _interrupts(toks, sentence.clauses[c + 1]):
        span.add(hi)  # "North, through the glass door, is a waiting room": both commas
    return span


def _droppable_phrase(toks: list[_Tok], sentence: _Sentence, c: int) -> set[int]:
    """A second place phrase closing a clause: "looks down on the back lane *behind the building*".

    It must start with a preposition of place and a determiner, follow a noun (not a verb: "stands
    in the corner" keeps its corner) and another preposition in the clause, and hold no kept word.
    """
    clause = sentence.clauses[c]
    if c + 1 < len(sentence.clauses):
        # Not before ", which is north": the relative clause would hang on the wrong word.
        following = _words_in(toks, *sentence.clauses[c + 1])
        if not following or toks[following[0]].low in _SUBORDINATORS:
            return set()
    words = _words_in(toks, clause[0], clause[1])
    for i in range(len(words) - 2, 3, -1):
        low = toks[words[i]].low
        if low not in _PREPOSITIONS or low == "of":
            continue
        tail = words[i:]
        before = toks[words[i - 1]].low
        if (
            low not in _PLACE_PREPOSITIONS
            or _is_function(before)
            or before.endswith(("s", "ed", "ing", "ly", "self"))
            or len(tail) > 6
            or toks[tail[1]].low not in _DETERMINERS
            or _is_function(toks[tail[-1]].low)
            or any(toks[k].kept for k in tail)
            or any(toks[k].kind == "p" for k in range(tail[0], tail[-1]))
            or not any(toks[k].low in _PREPOSITIONS - {"of"} for k in words[:i])
        ):
            return set()
        return set(range(tail[0], tail[-1] + 1)) | _space_before(toks, tail[0])
    return set()


def _space_before(toks: list[_Tok], k: int) -> set[int]:
    return {k - 1} if k > 0 and toks[k - 1].kind == "s" and "\n" not in toks[k - 1].text else set()


def _interrupts(toks: list[_Tok], clause: list[int]) -> bool:
    """Whether the clause after a parenthesis goes on with the sentence the parenthesis broke.

    "The door, which is north, leads out" -- the words after it are no new clause nor list item.
    """
    words = _words_in(toks, clause[0], clause[1])
    if not words:
        return False
    low = toks[words[0]].low
    starts_anew = (
        low in _DETERMINERS or low in _CONJUNCTIONS or low in _SUBORDINATORS
        or low in _PREPOSITIONS or low in _PRONOUNS or toks[words[0]].text[:1].isupper()
    )
    return not starts_anew


def _paragraph_counts(sentences: list[_Sentence]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for s in sentences:
        counts[s.paragraph] = counts.get(s.paragraph, 0) + 1
    return counts


def _droppable_word(toks: list[_Tok], k: int, first: bool) -> bool:
    tok = toks[k]
    low = tok.low
    if tok.kept:
        return False
    is_adverb = low in _ADVERBS or (
        low.endswith("ly") and len(low) > 4 and low not in _NOT_ADVERBS and "-" not in low
    )
    if not _is_adjective(low) and not is_adverb:
        return False
    if not first and tok.text[:1].isupper():
        return False  # a name, or shouting: leave it
    # Directly followed by a content word: "a blue sofa", "slowly turns".
    if k + 2 >= len(toks) or toks[k + 1].kind != "s" or "\n" in toks[k + 1].text:
        return False
    after = toks[k + 2]
    if after.kind != "w" or (_is_function(after.low) and not is_adverb):
        return False
    if not is_adverb and _looks_like_verb(toks, k + 2):
        return False  # "the cold comes pouring in": here the adjective is the noun
    if first:
        return is_adverb or not _is_function(after.low)
    # Directly preceded by a word that is not "and"/"or": "grey and white sofa" keeps "white".
    if k < 2 or toks[k - 1].kind != "s":
        return False
    before = toks[k - 2]
    return before.kind == "w" and before.low not in _CONJUNCTIONS


def _is_adjective(low: str) -> bool:
    """On the list, or built like one: windowless, tasteful, nervous, expensive."""
    if low in _ADJECTIVES:
        return True
    if len(low) < 6 or low in _NOT_ADJECTIVES or "-" in low:
        return False
    return low.endswith(("less", "ful", "ous", "ive"))


def _looks_like_verb(toks: list[_Tok], k: int) -> bool:
    """A word in -s or -ed with a word straight after it, but "of": "comes pouring", "hangs on"."""
    low = toks[k].low
    ends = low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))
    ends = ends or (low.endswith("ed") and len(low) > 4 and not low.endswith("eed"))
    if not ends or k + 2 >= len(toks) or toks[k + 1].kind != "s":
        return False
    return toks[k + 2].kind == "w" and toks[k + 2].low != "of"


def _with_space(toks: list[_Tok], lo: int, hi: int) -> set[int]:
    """Tokens lo..hi and the space after them (or before them, at the end of a line)."""
    span = set(range(lo, hi + 1))
    if hi + 1 < len(toks) and toks[hi + 1].kind == "s" and "\n" not in toks[hi + 1].text:
        span.add(hi + 1)
    elif lo > 0 and toks[lo - 1].kind == "s" and "\n" not in toks[lo - 1].text:
        span.add(lo - 1)
    return span


def _leaves_enough(
    toks: list[_Tok], sentences: list[_Sentence], deleted: set[int], span: set[int]
) -> bool:
    """A sentence keeps at least three words, or goes as a whole."""
    touched = {toks[k].sentence for k in span if toks[k].sentence >= 0}
    for s in touched:
        sentence = sentences[s]
        left = sum(1 for k in sentence.words if k not in deleted)
        if 0 < left < min(3, len(sentence.words)):
            return False
    return True


def _render_faded(toks: list[_Tok], sentences: list[_Sentence], deleted: set[int]) -> str:
    texts = [t.text for t in toks]
    for sentence in sentences:
        alive = [k for k in sentence.words if k not in deleted]
        if not alive or not sentence.words:
            continue
        first = sentence.words[0]
        if alive[0] != first and toks[first].text[:1].isupper():
            texts[alive[0]] = texts[alive[0]][:1].upper() + texts[alive[0]][1:]
        for a, b in itertools.pairwise(alive):
            low = toks[a].low
            if low in ("a", "an") and not toks[a].kept and b != _next_word(toks, a):
                texts[a] = _article(texts[a], toks[b].low)
    return _tidy("".join(texts[k] for k in range(len(toks)) if k not in deleted))


def _next_word(toks: list[_Tok], k: int) -> int:
    k += 1
    while k < len(toks) and toks[k].kind != "w":
        k += 1
    return k


def _article(article: str, word: str) -> str:
    vowel = word[:1] in "aeiou" and not word.startswith(("uni", "use", "usu", "eu", "one", "ur"))
    vowel = vowel or word.startswith(("hour", "honest", "honour", "heir"))
    new = "an" if vowel else "a"
    return new.capitalize() if article[:1].isupper() else new


# ----- blurred: patches of words vanish


def _blurred(toks: list[_Tok], sentences: list[_Sentence], rng: _Rng) -> str:
    free = [k for s in sentences for k in s.words if not toks[k].kept]
    target = math.ceil(len(free) * rng.uniform(*_BLURRED_LOSS))
    hidden: set[int] = set()
    order = list(free)
    rng.shuffle(order)
    for start in order:
        if len(hidden) >= target:
            break
        if start in hidden:
            continue
        # A patch: one to four words in a row, within one clause, stopping at a kept word.
        length = 1
        while length < 4 and rng.random() < 0.45:
            length += 1
        k = start
        while length and len(hidden) < target:
            hidden.add(k)
            length -= 1
            k = _next_word(toks, k)
            if k >= len(toks) or k in hidden or toks[k].kept or not _adjacent(toks, start, k):
                break
            if toks[k].sentence != toks[start].sentence:
                break
    _hide_stranded(toks, sentences, hidden, len(free) // 2)
    return _render_blurred(toks, hidden)


def _hide_stranded(
    toks: list[_Tok], sentences: list[_Sentence], hidden: set[int], limit: int
) -> None:
    """Blur "the" or "of it" left alone between two blurs: alone they only read as noise."""
    for sentence in sentences:
        words = sentence.words
        i = 0
        while i < len(words):
            if words[i] in hidden:
                i += 1
                continue
            j = i
            while j < len(words) and words[j] not in hidden:
                j += 1
            run = words[i:j]
            if (
                i > 0  # so a blur comes before it; and after it, another or the sentence's end
                and len(run) <= 2
                and len(hidden) + len(run) <= limit
                and all(_is_function(toks[k].low) and not toks[k].kept for k in run)
            ):
                hidden.update(run)
            i = j


def _adjacent(toks: list[_Tok], start: int, k: int) -> bool:
    """True when only whitespace and words lie between tokens ``start`` and ``k``."""
    return all(toks[j].kind != "p" for j in range(start, k))


def _render_blurred(toks: list[_Tok], hidden: set[int]) -> str:
    out: list[str] = []
    for k, tok in enumerate(toks):
        if k not in hidden:
            out.append(tok.text)
            continue
        # Collapse with the previous blur when only spaces and soft punctuation lie between.
        back = len(out)
        while back > 0 and (out[back - 1].isspace() or out[back - 1] in _SOFT):
            back -= 1
        if back > 0 and out[back - 1] == BLUR:
            del out[back:]
        else:
            out.append(BLUR)
    return _tidy("".join(out))


# ----- dissolving: fragments


def _dissolving(toks: list[_Tok], sentences: list[_Sentence], rng: _Rng) -> str:
    free = [k for s in sentences for k in s.words if not toks[k].kept]
    budget = math.ceil(len(free) * rng.uniform(*_DISSOLVING_KEEP))
    shown: set[int] = {k for s in sentences for k in s.words if toks[k].kept}
    order = list(range(len(sentences)))
    rng.shuffle(order)
    # First a fragment for each sentence that shows nothing yet (those with a kept word already
    # show something), then more to the sentences that show least, while the budget lasts.
    order.sort(key=lambda s: any(toks[k].kept for k in sentences[s].words))
    for s in order:
        if budget > 0 and not any(k in shown for k in sentences[s].words):
            budget -= _add_fragment(toks, sentences[s], shown, budget, rng)
    full: set[int] = set()
    while budget > 0:
        open_ = [s for s in order if s not in full and sentences[s].words]
        if not open_:
            break
        s = min(open_, key=lambda s: _shown_share(sentences[s], shown))
        cost = _add_fragment(toks, sentences[s], shown, budget, rng)
        if cost == 0:
            full.add(s)
        budget -= cost
    return _render_dissolving(toks, sentences, shown)


def _shown_share(sentence: _Sentence, shown: set[int]) -> float:
    return sum(1 for k in sentence.words if k in shown) / len(sentence.words)


def _add_fragment(
    toks: list[_Tok], sentence: _Sentence, shown: set[int], budget: int, rng: _Rng
) -> int:
    """Show one short phrase of the sentence; return how many words that cost."""
    options: list[tuple[int, list[int]]] = []
    for lo, hi in sentence.clauses:
        words = _words_in(toks, lo, hi)
        for i in range(len(words)):
            for length in (1, 2, 3):
                run = words[i : i + length]
                if len(run) < length or length > budget:
                    continue
                score = _fragment_score(toks, run, words, i)
                if score <= 0:
                    continue
                # No fragment may touch one already shown: the "…" between them must mean a gap.
                if any(k in shown for k in run):
                    continue
                before = words[i - 1] if i > 0 else None
                after = words[i + length] if i + length < len(words) else None
                if (before in shown) or (after in shown):
                    continue
                options.append((score, run))
    if not options:
        return 0
    weights = [score for score, _ in options]
    pick = rng.below(sum(weights))
    for score, run in options:
        if pick < score:
            shown.update(run)
            return len(run)  # none is kept: kept words are shown from the start
        pick -= score
    return 0  # pragma: no cover - the weights always add up


def _fragment_score(toks: list[_Tok], run: list[int], clause: list[int], i: int) -> int:
    """How much a run of words reads like a remembered image: "the window", "snow ticks"."""
    lows = [toks[k].low for k in run]
    content = [w for w in lows if not _is_function(w)]
    if not content:
        return 0
    if _is_function(lows[-1]):  # "the window of" trails off into nothing
        return 0
    if _is_function(lows[0]) and lows[0] not in _DETERMINERS:
        return 0  # "have kept", "of the snow": no image starts like that
    score = 2 * len(content) + 1
    j = i + len(run)
    if lows[-1] in _ADJECTIVES or lows[-1] == "little":
        score -= 3  # "the open" ... door
    elif j == len(clause) or _is_function(toks[clause[j]].low):
        score += 2  # the phrase ends where a phrase ends
    if i == 0 or _is_function(toks[clause[i - 1]].low):
        score += 1
    if lows[0] in _DETERMINERS and len(run) >= 2:
        score += 3  # "the window": a whole thing remembered
    if len(run) == 2:
        score += 2
    if len(run) == 1 and len(lows[0]) <= 3:
        score -= 2
    if i == 0 and toks[run[0]].text[:1].isupper():
        score += 1
    return max(score, 0)


def _render_dissolving(toks: list[_Tok], sentences: list[_Sentence], shown: set[int]) -> str:
    # Fragments: runs of shown words with only whitespace between them, within one sentence.
    fragments: list[tuple[list[int], int]] = []
    for index, sentence in enumerate(sentences):
        run: list[int] = []
        for k in sentence.words:
            if k in shown and run and _adjacent(toks, run[-1], k):
                run.append(k)
                continue
            if run:
                fragments.append((run, index))
            run = [k] if k in shown else []
        if run:
            fragments.append((run, index))
    if not fragments:
        return BLUR
    pieces: list[str] = []
    first_word = next(s.words[0] for s in sentences if s.words)
    if fragments[0][0][0] != first_word:
        pieces.append(BLUR + " ")
    for n, (run, index) in enumerate(fragments):
        sentence = sentences[index]
        pieces.append("".join(toks[k].text for k in range(run[0], run[-1] + 1)))
        ends = run[-1] == sentence.words[-1]
        closing = "".join(
            toks[k].text for k in range(sentence.terminator, sentence.end)
            if toks[k].text not in _QUOTES
        )
        if n + 1 == len(fragments):
            pieces.append(closing if ends and closing else BLUR)
            break
        nxt, nxt_index = fragments[n + 1]
        opens = nxt[0] == sentences[nxt_index].words[0]
        # The end of one sentence and the start of the next both remembered: no gap between.
        whole = ends and bool(closing) and opens and nxt_index == index + 1
        if sentences[nxt_index].paragraph == sentence.paragraph:
            gap = " "
        else:  # a new paragraph opens with "… " unless it opens with its own first words
            gap = "\n\n" if opens else "\n\n" + BLUR + " "
        pieces.append((closing if whole else BLUR) + gap)
    return _tidy("".join(pieces))


# ----- shared clean-up


def _tidy(text: str) -> str:
    text = _balance(text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" +([,;:.!?])", r"\1", text)
    text = re.sub(BLUR + r"\.(?!\.)", BLUR, text)  # "….": the blur already ends the sentence
    text = re.sub(BLUR + r"[ \t,;:]*(?=" + BLUR + ")", "", text)  # "… , …" -> "…"
    text = re.sub(r"([,;:])(?=[,;:.!?])", "", text)  # ", ." left where a clause went
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _balance(text: str) -> str:
    """Remove quotation marks and brackets that lost their partner."""
    straight = text.count('"') % 2 == 1
    curly = text.count("“") != text.count("”")
    if straight or curly:
        text = text.replace('"', "").replace("“", "").replace("”", "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return text
