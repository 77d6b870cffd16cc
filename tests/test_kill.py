"""kill -9 while saving (tests/killsave.py): every slot and backup loads after every kill, and
no temporary file outlives the next use of the store.  200 kills here (about 6 s), as the
issue asks (the benchmark in tests/perf/test_bench_saves.py too); SPOTLESS_KILLS sets the number."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("SPOTLESS_KILLS", "200"))


def run_kills(folder: Path, kills: int, seed: int) -> dict[str, object]:
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "killsave.py"), str(folder),
                        str(kills), str(seed)], capture_output=True, text=True, timeout=600,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr
    result: dict[str, object] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_9_while_saving_loses_no_save(tmp_path: Path) -> None:
    result = run_kills(tmp_path / "saves", KILLS, seed=13)
    assert result["failures"] == 0, result["problems"]
    assert result["loaded"] == 6 * KILLS  # three slots and their backups, after every kill
    assert result["kills_after_a_save"] > 0  # the kills landed while saves were being made
    assert result["temps_left_after_cleanup"] == []
