"""Benchmarks of saving (``make bench``): SAVE and RESTORE of a late-campaign state (target
<= 50 ms each), reading each kind of damaged save (target < 1 s), and 200 kill -9s while
saving.  Figures are printed; nothing asserts a timing.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.saves import SaveError, SaveStore
from game.engine.session import Game
from game.engine.state import LevelErasure, initial_state
from game.engine.world import World
from game.packs.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "perf"))

LEVELS = 40  # a night of play: forty memories loaded, visited and erased


def _late_campaign(tmp: Path) -> tuple[World, Game]:
    from big_pack import make_pack

    world, _ = load_pack(make_pack(tmp / "big", LEVELS))
    game = Game(world, seed=1, saves=SaveStore(tmp / "saves"))
    st = initial_state(world, 1)
    st.turn = 6000
    st.visited = set(world.rooms)
    st.flags = {f"flag{i}" for i in range(400)}
    st.fired = {f"{lv}/event{i}" for lv in world.levels for i in range(6)}
    st.level_turns = {lv: 150 for lv in world.levels}
    st.erasure = {lv: LevelErasure(running=True, steps=12, wait=2) for lv in world.levels}
    st.stages = {r: 2 for r in world.rooms}
    st.counters = {f"c{i}": i for i in range(100)}
    st.level = sorted(world.levels)[-1]
    st.room = next(r for r in world.rooms if world.rooms[r].level == st.level)
    game.state = st
    game.model.state = st
    return world, game


def _times(fn: Callable[[], object], n: int = 30) -> tuple[float, float, float]:
    """(median, p95) of the wall time and the median CPU time, in ms: on a shared machine
    the CPU time says what the code costs, the wall time what the player waits (fsync)."""
    out, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        out.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    out.sort()
    return (statistics.median(out) * 1e3, out[int(len(out) * 0.95)] * 1e3,
            statistics.median(cpu) * 1e3)


def test_save_and_restore_a_late_campaign_state(tmp_path: Path) -> None:
    world, game = _late_campaign(tmp_path)
    store = game.saves
    assert store is not None
    store.save("late", world, game.state)
    size = store.path("late").stat().st_size
    rows = [("SaveStore.save", lambda: store.save("late", world, game.state)),
            ("SaveStore.restore", lambda: store.restore("late", world)),
            ("SAVE command", lambda: game.submit("save late")),
            ("RESTORE command", lambda: game.submit("restore late")),
            ("listing the slots", store.slots)]
    print(f"\nlate-campaign state: {LEVELS} levels, {len(world.things)} things, "
          f"{len(world.rooms)} rooms, file {size / 1024:.0f} KB")
    for label, fn in rows:
        med, p95, cpu = _times(fn)
        print(f"  {label:18} wall median {med:.1f} ms, p95 {p95:.1f} ms; CPU median "
              f"{cpu:.1f} ms")


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: bytes((i * 7919) % 251 for i in range(len(raw))),
    "deep 10^5": lambda raw: b"[" * 100_000 + b"]" * 100_000,
    "deep 10^6": lambda raw: b"[" * 1_000_000,
    "huge integer (10^6 digits)": lambda raw: b'{"schema": 1' + b"0" * 1_000_000 + b"}",
    "bad checksum": lambda raw: raw.replace(b'"turn": 6000', b'"turn": 6001'),
    "4 MB of spaces": lambda raw: b" " * (4 * 1024 * 1024 - 10),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_reading_a_damaged_save(tmp_path: Path, kind: str) -> None:
    world, game = _late_campaign(tmp_path)
    store = game.saves
    assert store is not None
    store.save("late", world, game.state)
    store.save("late", world, game.state)  # a good backup
    path = store.path("late")
    path.write_bytes(DAMAGE[kind](path.read_bytes()))
    t0 = time.perf_counter()
    try:
        store.restore("late", world)
        message = "restored?!"
    except SaveError as exc:
        message = str(exc) + (" [backup offered]" if exc.backup is not None else "")
    print(f"\ndamaged save, {kind}: {(time.perf_counter() - t0) * 1e3:.0f} ms: "
          f"{message.replace(str(tmp_path), '')[:110]}")


def test_200_kills_while_saving(tmp_path: Path) -> None:
    from test_kill import run_kills

    result = run_kills(tmp_path / "saves", 200, seed=2026)
    print(f"\n200 kill -9s while saving: {result}")
