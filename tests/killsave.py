"""kill -9 during saving: a child process saves in a loop and is killed at random moments; after
every kill each slot (and each backup) must load, and once the store has cleaned up, no
temporary file may be left.

Run as a script (``python tests/killsave.py DIR KILLS SEED``): the game is loaded once and each
saving child is forked from this process, so a kill costs milliseconds, not a Python start.
Prints one JSON line: what happened.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.atomic import TEMP_PREFIX  # noqa: E402
from game.engine.saves import SaveError, SaveStore  # noqa: E402
from game.engine.session import Game  # noqa: E402
from game.engine.world import World  # noqa: E402
from game.packs.loader import load_pack  # noqa: E402

SLOTS = ("one", "two", "three")
COMMANDS = ("take box", "e", "take lamp", "w", "drop box", "open box", "close box", "wait")


def child(folder: Path, seed: int, world: World) -> None:
    """Save forever, the state changing between saves; never returns."""
    store = SaveStore(folder)
    game = Game(world, seed=seed, saves=store)
    game.start()
    rng = random.Random(seed)
    while True:
        game.submit(rng.choice(COMMANDS))
        store.save(rng.choice(SLOTS), world, game.state)


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.json*")}


def main(folder: Path, kills: int, seed: int) -> dict[str, object]:
    world, _ = load_pack(ROOT / "tests" / "packs" / "house")
    store = SaveStore(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    loaded = failures = temps_seen = changed = 0
    problems: list[str] = []
    game = Game(world, seed=seed, saves=store)
    for slot in SLOTS:  # every slot and its backup exist from the start: none may vanish
        store.save(slot, world, game.state)
        store.save(slot, world, game.state)
    start = time.perf_counter()
    before = _contents(folder)
    for k in range(kills):
        pid = os.fork()
        if pid == 0:  # the child: save until killed
            try:
                child(folder, seed + k, world)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.040))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        temps_seen += sum(1 for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))
        after = _contents(folder)
        changed += after != before  # the child got to save something before the kill
        before = after
        for slot in SLOTS:
            for backup in (False, True):
                path = store.backup_path(slot) if backup else store.path(slot)
                if not path.exists():
                    continue
                try:
                    store.restore(slot, world, backup=backup)
                    loaded += 1
                except SaveError as exc:
                    failures += 1
                    problems.append(f"kill {k}: {exc}")
    store.cleanup()
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))
    return {"kills": kills, "seed": seed, "loaded": loaded, "failures": failures,
            "kills_after_a_save": changed,
            "problems": problems[:5], "temps_seen_after_kills": temps_seen,
            "temps_left_after_cleanup": left, "seconds": round(time.perf_counter() - start, 2)}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
