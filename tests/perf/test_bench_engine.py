"""Benchmarks of the engine (``make bench``); never part of the default test run.

Figures go into the session notes; nothing here asserts a timing.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

import pytest

from game.engine.grammar import GRAMMAR_WORDS
from game.engine.session import Game
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
PROLOGUE = ROOT / "levels" / "spotless"
WALKTHROUGH = ROOT / "tests" / "walkthroughs" / "prologue.txt"


def _commands() -> list[str]:
    lines = WALKTHROUGH.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


@pytest.fixture(scope="module")
def world():  # type: ignore[no-untyped-def]
    return load_pack(PROLOGUE)[0]


def test_parse_and_turn_in_the_prologue(world) -> None:  # type: ignore[no-untyped-def]
    """One command through parser and turn sequence, replaying the walkthrough many times."""
    commands = _commands()
    timings: list[float] = []
    cpu: list[float] = []  # the thread's own time: what a loaded machine's preemption hides
    for _ in range(40):
        game = Game(world, seed=1)
        game.start()
        for command in commands:
            t0, c0 = time.perf_counter(), time.thread_time()
            game.submit(command)
            timings.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    timings.sort()
    cpu.sort()
    p99 = timings[int(len(timings) * 0.99)]
    print(f"\nparse+turn over {len(timings)} commands: median "
          f"{statistics.median(timings) * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms, "
          f"max {timings[-1] * 1e3:.3f} ms; CPU time: median "
          f"{statistics.median(cpu) * 1e3:.3f} ms, p99 {cpu[int(len(cpu) * 0.99)] * 1e3:.3f} ms")


def test_random_commands_throughput(world) -> None:  # type: ignore[no-untyped-def]
    """100,000 random commands through the engine (pack words, grammar words and junk)."""
    rng = random.Random(5)
    words = [*sorted(world.vocabulary | GRAMMAR_WORDS), "zzkq", "", ",", ".", "then"]
    game = Game(world, seed=5)
    game.start()
    t0 = time.perf_counter()
    n = 100_000
    per: list[float] = []
    for _ in range(n):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        s = time.perf_counter()
        game.submit(line)
        per.append(time.perf_counter() - s)
        if game.finished or game.ended:
            game = Game(world, seed=rng.randint(0, 10**6))
            game.start()
    total = time.perf_counter() - t0
    print(f"\n{n} random commands: {total:.1f} s, median {statistics.median(per) * 1e3:.3f} ms")


def test_a_turn_with_the_erasure_events_and_a_companion() -> None:
    """Turns in a fading memory, with events checked and Clementine following."""
    world, _ = load_pack(ROOT / "tests" / "packs" / "memories")
    timings: list[float] = []
    cycle = ["z", "look", "w", "e", "z", "x clementine"]
    for round_no in range(300):
        game = Game(world, seed=round_no)
        game.start()
        for command in ("sleep", "e", "e", "clementine, follow me"):
            game.submit(command)
        i = 0
        while not game.ended and i < 60:
            t0 = time.perf_counter()
            game.submit(cycle[i % len(cycle)])
            timings.append(time.perf_counter() - t0)
            i += 1
    timings.sort()
    p99 = timings[int(len(timings) * 0.99)]
    print(f"\nturn with erasure+events+companion over {len(timings)} turns: median "
          f"{statistics.median(timings) * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms")


def test_turns_in_cloak_of_darkness() -> None:
    """Turns of the demo written with issue 9's forms: darkness, "*" rules, named conditions."""
    world, _ = load_pack(ROOT / "tests" / "packs" / "cloak")
    script = ["s", "look", "i", "n", "w", "put cloak on hook", "x hook", "e", "s", "x message"]
    cpu: list[float] = []
    for _ in range(400):
        game = Game(world, seed=1)
        game.start()
        for command in script:
            c0 = time.thread_time()
            game.submit(command)
            cpu.append(time.thread_time() - c0)
    cpu.sort()
    print(f"\ncloak of darkness over {len(cpu)} turns: CPU time median "
          f"{statistics.median(cpu) * 1e3:.3f} ms, p99 {cpu[int(len(cpu) * 0.99)] * 1e3:.3f} ms")
