"""A generated 200-level pack: how long validating it and starting to play it take.

Run: ``.venv/bin/python tests/perf/big_pack.py [LEVELS]`` (prints figures; asserts nothing).
Each level is a copy of the test pack's house level with its own id.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOUSE = ROOT / "tests" / "packs" / "house"


def make_pack(folder: Path, levels: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = (HOUSE / "pack.toml").read_text(encoding="utf-8")
    head = manifest.split("[[levels]]")[0].replace('id = "house"', 'id = "big"')
    entries = []
    for i in range(levels):
        name = f"level{i:03d}"
        shutil.copy(HOUSE / "house.tmx", folder / f"{name}.tmx")
        shutil.copy(HOUSE / "house.toml", folder / f"{name}.toml")
        entries.append(f'[[levels]]\nid = "{name}"\ntitle = "Level {i}"\nerasure = {i + 1}\n')
    endings = manifest[manifest.index("[endings"):]
    head = head.replace('start = "house"', 'start = "level000"')
    (folder / "pack.toml").write_text(head + "\n".join(entries) + "\n" + endings,
                                      encoding="utf-8")
    return folder


def timed(args: list[str], stdin: str = "") -> tuple[float, int, subprocess.CompletedProcess[str]]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "game", *args], input=stdin, text=True,
                          capture_output=True, env=env)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before), done


def main() -> None:
    levels = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        pack = make_pack(Path(tmp) / "big", levels)
        t, peak, done = timed(["validate", str(pack)])
        print(f"validate {levels} levels: {t:.2f} s, peak RSS {peak / 1024:.0f} MB, "
              f"exit {done.returncode}: {done.stdout.strip().splitlines()[-1]}")
        t, peak, done = timed(["play", str(pack), "--data-dir", tmp], stdin="look\n")
        print(f"play {levels} levels to the first prompt and one LOOK: {t:.2f} s "
              f"(exit {done.returncode})")


if __name__ == "__main__":
    main()
