"""Random play: thousands of commands built from the pack's own words never break the game,
and the same seed and commands always give the same transcript."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.grammar import DIRECTION_WORDS, GRAMMAR_WORDS, PATTERNS, Lit
from game.engine.output import Line
from game.engine.saves import SaveStore, decode
from game.engine.session import Game, transcript_of
from game.engine.world import World

JUNK_WORDS = [",", ".", "then", "and", "*", "!", "?", "'", '"', "-", "ü", "日本", "🗝", "keys",
              "boxes", "mary,", "stan,", "xyzzq", "lamq", "\t", "\x00order", "1", "99"]
SPECIAL = ["undo", "g", "again", "oops lamp", "o box", "yes", "no", "restart", "quit", "save",
           "save slot", "restore", "restore slot", "restore missing", "script on", "script off",
           "verbose", "brief", "superbrief", "first", "second", "red", "blue", "all", "both",
           "mary, jump", "stan, take lamp", "i", "look", "n", "s", "e", "w", "ne", "nw", "se",
           "sw", "u", "d", "in", "out", "look under rug", "take coin", "give coin to mary",
           "unlock door", "unlock chest", "open chest", "take all", "drop all", "wear ring",
           "take keys", "drop keys", "put box", "x", "take", "go", "* note", ""]


def _vocabulary(world: World) -> list[str]:
    return sorted(world.vocabulary | GRAMMAR_WORDS | set(DIRECTION_WORDS)) + JUNK_WORDS


def commands(world: World) -> st.SearchStrategy[str]:
    words = st.sampled_from(_vocabulary(world))
    nouns = st.sampled_from([*sorted(world.vocabulary), "it", "them", "him", "her", "me", "all",
                             "keys", "and", "except", "the", "red"])

    @st.composite
    def from_pattern(draw: st.DrawFn) -> str:
        pattern = draw(st.sampled_from(PATTERNS))
        out: list[str] = []
        for part in pattern.parts:
            if isinstance(part, Lit):
                out.append(draw(st.sampled_from(sorted(part.options))))
            elif part.kind == "direction":
                out.append(draw(st.sampled_from(sorted(DIRECTION_WORDS))))
            else:
                out.extend(draw(st.lists(nouns, min_size=0, max_size=3)))
        return " ".join(out)

    return st.one_of(
        from_pattern(),
        from_pattern(),
        st.lists(words, max_size=7).map(" ".join),
        st.sampled_from(SPECIAL),
        st.tuples(from_pattern(), st.sampled_from([" then ", ". ", ", "]), from_pattern()).map(
            "".join),
        st.text(max_size=25),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_commands_never_break_the_game(house: World, data: st.DataObject) -> None:
    script = data.draw(st.lists(commands(house), min_size=50, max_size=50), label="commands")
    with tempfile.TemporaryDirectory() as tmp:
        game = Game(house, seed=3, strict=True, saves=SaveStore(Path(tmp)))
        game.start()
        for line in script:
            if game.finished:
                game = Game(house, seed=3, strict=True, saves=SaveStore(Path(tmp)))
                game.start()
            out = game.submit(line)
            assert isinstance(out, list) and all(isinstance(ln, Line) for ln in out)
            assert out, f"no answer to {line!r}"
            assert game.state.turn >= 0
        game.close()
        # whatever happened, the state is still one a save file may hold
        raw = json.dumps({"format": 1, "game": "spotless-mind", "pack": house.pack_id,
                          "state": game.state.model_dump(mode="json")})
        assert decode(raw, house, "state") == game.state


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_same_seed_and_commands_give_the_same_transcript(house: World,
                                                         data: st.DataObject) -> None:
    script = data.draw(st.lists(commands(house), min_size=10, max_size=40), label="commands")
    seed = data.draw(st.integers(min_value=0, max_value=2**32), label="seed")
    first = transcript_of(Game(house, seed=seed, strict=True), script)
    second = transcript_of(Game(house, seed=seed, strict=True), script)
    assert first == second


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_commands_never_break_the_prologue(prologue: World, data: st.DataObject) -> None:
    """The built-in pack too: its rules and events meet random play."""
    script = data.draw(st.lists(commands(prologue), min_size=50, max_size=50), label="commands")
    game = Game(prologue, seed=11, strict=True)
    game.start()
    for line in script:
        if game.finished:
            game = Game(prologue, seed=11, strict=True)
            game.start()
        assert game.submit(line), f"no answer to {line!r}"
