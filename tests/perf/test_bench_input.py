"""Benchmarks of hostile input (``make bench``), the figures of issue 13: fuzzed commands with
SCRIPT ON and undecodable bytes, a 100 MB input line, wrapping one 4,000-character word,
validating a TOML file of 183,579 keys and a tileset that claims a 100000x100000 image.
Figures are printed; nothing asserts a timing.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from game.engine.grammar import GRAMMAR_WORDS
from game.engine.saves import SaveStore
from game.engine.session import Game
from game.packs.loader import load_pack
from game.packs.problems import PackError

ROOT = Path(__file__).resolve().parents[2]
HOUSE = ROOT / "tests" / "packs" / "house"
sys.path.insert(0, str(ROOT / "tests"))

FUZZ = int(os.environ.get("SPOTLESS_FUZZ", "100000"))
SPECIAL = ["script on", "script off", "save slot", "restore slot", "restore", "undo", "quit",
           "yes", "no", "restart", "again", "oops box", "transcript"]


def fuzz(n: int, seed: int = 13) -> tuple[int, dict[str, int], float]:
    """n random lines (pack words, meta commands, random bytes as a C-locale terminal gives
    them) into strict games with SCRIPT ON; (exceptions, their kinds, seconds)."""
    world, _ = load_pack(HOUSE)
    rng = random.Random(seed)
    words = [*sorted(world.vocabulary | GRAMMAR_WORDS), ",", ".", "then", "it", "all"]
    kinds: dict[str, int] = {}
    errors = 0
    with tempfile.TemporaryDirectory() as tmp:
        def new() -> Game:
            g = Game(world, seed=rng.randint(0, 999), strict=True, saves=SaveStore(Path(tmp)))
            g.start()
            g.submit("script on")
            return g

        game = new()
        t0 = time.perf_counter()
        for _ in range(n):
            r = rng.random()
            if r < 0.1:
                line = rng.choice(SPECIAL)
            elif r < 0.3:
                line = bytes(rng.randrange(256) for _ in range(rng.randint(1, 12))).decode(
                    "utf-8", "surrogateescape")
            else:
                line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
            try:
                game.submit(line)
            except Exception as exc:
                errors += 1
                kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
                game.close()
                game = new()
            if game.finished:
                game = new()
        game.close()
        return errors, kinds, time.perf_counter() - t0


def test_fuzzed_commands_with_script_on_and_undecodable_bytes() -> None:
    errors, kinds, seconds = fuzz(FUZZ)
    print(f"\n{FUZZ} fuzzed lines with SCRIPT ON and undecodable bytes: {errors} exceptions "
          f"{kinds}, {seconds:.1f} s")


def test_a_100_mb_input_line(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"x ")
        fh.write(b"rug " * (100 * 1024 * 1024 // 4))
        fh.write(b"\nx rug\n")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SPOTLESS_DATA_DIR=str(tmp_path))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    with open(big, "rb") as stdin:
        r = subprocess.run([sys.executable, "-m", "game", "play", str(HOUSE), "--text"],
                           stdin=stdin, capture_output=True, env=env, cwd=ROOT, timeout=600)
    seconds = time.perf_counter() - t0
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"\na 100 MB input line, piped: {seconds:.2f} s, peak RSS {peak / 1024:.0f} MB, "
          f"exit {r.returncode}, answered: {b'far too long' in r.stdout}")


def test_wrapping_one_4000_character_word() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame = pytest.importorskip("pygame")
    pygame.font.init()
    from game.ui.window.textpanel import face, wrap

    font = face(16)
    for n in (4_000, 40_000):
        t0 = time.perf_counter()
        rows = wrap("x" * n, font, 420)
        print(f"\nwrap() of one {n}-character word: {(time.perf_counter() - t0) * 1e3:.1f} ms, "
              f"{len(rows)} rows")


@pytest.mark.parametrize("name", ["toml_with_a_huge_key_count", "toml_with_many_unknown_keys",
                                  "toml_with_a_huge_table_count",
                                  "tileset_declares_a_huge_image",
                                  "embedded_tileset_declares_a_huge_image", "deeply_nested_xml"])
def test_validating_hostile_packs(tmp_path: Path, name: str) -> None:
    from hostile import CASES, make_outside

    case = next(c for c in CASES if c.name == name)
    make_outside(tmp_path)
    pack = case.build(tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    try:
        load_pack(pack)
        result = "loaded"
    except PackError as exc:
        result = f"{len(exc.problems)} problem(s): {str(exc.problems[-1])[-90:]}"
    seconds = time.perf_counter() - t0
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"\nvalidate {name}: {seconds:.2f} s, peak RSS +{grown / 1024:.0f} MB; {result}")
