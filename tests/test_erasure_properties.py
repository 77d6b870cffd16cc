"""Properties of the erasure under random play (Hypothesis): it always ends in bounded time
unless Joel hides, the same seed and commands give the same story, and a save taken at any
moment restores to exactly the same state."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.saves import SaveStore
from game.engine.session import Game, transcript_of
from game.engine.world import World
from game.packs.loader import load_pack

MEMORIES = Path(__file__).resolve().parent / "packs" / "memories"
WORLD: World = load_pack(MEMORIES)[0]

# What a player does in a memory, without the ways to stop the clock (hiding in the gap,
# asking Lacuna's machine to pause with SING) and without the out-of-world commands.
PLAY = st.sampled_from([
    "z", "look", "n", "s", "e", "w", "take necklace", "take novel", "drop all", "i",
    "x clementine", "clementine, follow me", "clementine, wait", "talk to clementine",
    "read novel", "x shell", "take shell", "jump",
])


def bound(world: World) -> int:
    """The most turns waiting can take: per erased level its delay, the turn of arrival, and
    pace turns per step (JUMP only makes the pace faster)."""
    return sum(1 + lv.erasure_plan.delay + lv.erasure_plan.pace * lv.erasure_plan.steps_to_erase
               for lv in world.levels.values()
               if lv.erasure_plan is not None and not lv.hidden)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=st.lists(PLAY, max_size=60), seed=st.integers(0, 2**32))
def test_every_memory_is_erased_within_a_bounded_number_of_turns(commands: list[str],
                                                                   seed: int) -> None:
    game = Game(WORLD, seed=seed, strict=True)
    game.start()
    game.submit("sleep")
    start = game.state.turn
    for command in commands:
        if game.ended:
            break
        game.submit(command)
    while not game.ended:
        game.submit("z")
        assert game.state.turn - start <= bound(WORLD)
    assert game.state.ended in ("spotless", "kept")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=st.lists(PLAY, max_size=40), seed=st.integers(0, 2**32))
def test_the_same_seed_and_commands_tell_the_same_story(commands: list[str], seed: int) -> None:
    script = ["sleep", *commands]
    assert transcript_of(Game(WORLD, seed=seed, strict=True), script) == transcript_of(
        Game(WORLD, seed=seed, strict=True), script)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=st.lists(PLAY, max_size=40), seed=st.integers(0, 2**32))
def test_a_save_taken_mid_erasure_restores_the_identical_state(commands: list[str],
                                                               seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        saves = SaveStore(Path(tmp))
        game = Game(WORLD, seed=seed, strict=True, saves=saves)
        game.start()
        for command in ["sleep", *commands]:
            game.submit(command)
        game.submit("save slot")
        other = Game(WORLD, seed=seed + 1, strict=True, saves=saves)
        other.start()
        other.submit("restore slot")
        assert other.state == game.state
        # and the story goes on the same way from there
        assert [ln.text for ln in other.submit("z")] == [ln.text for ln in game.submit("z")]
        assert other.state == game.state
