"""Time from starting ``spotless --text`` to its first prompt, and how much of it is imports.

Run: ``.venv/bin/python tests/perf/startup.py`` (prints figures; asserts nothing).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time


def main(runs: int = 15) -> None:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    cmd = [sys.executable, "-m", "game", "--text"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, input="", text=True, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t0)
    imports = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import game.cli, game.engine.session, "
                        "game.packs.loader, game.ui.terminal, game.packs.tmx as t; t._pytmx()"],
                       env=env, check=True)
        imports.append(time.perf_counter() - t0)
    bare = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - t0)
    print(f"to first prompt (start + load pack + first turn + exit): "
          f"median {statistics.median(times) * 1e3:.0f} ms")
    print(f"interpreter + imports only: median {statistics.median(imports) * 1e3:.0f} ms "
          f"(bare interpreter {statistics.median(bare) * 1e3:.0f} ms)")


if __name__ == "__main__":
    main()
