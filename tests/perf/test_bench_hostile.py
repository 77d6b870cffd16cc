"""How long each hostile pack takes to be refused (``make bench``).

The hostile corpus (tests/hostile) promises a refusal within ``TIME_LIMIT`` seconds. The default
run checks what is refused and that nothing outside the pack is touched; the time is measured
here, where a loaded machine can't turn it into a failure. The slowest cases are printed for the
session notes, with those over the limit marked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile import CASES, TIME_LIMIT, make_outside, run

from game.packs.install import install_command
from game.packs.loader import load_pack


def test_time_of_each_hostile_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    times: list[tuple[float, str]] = []
    for case in CASES:
        if case.fifo and not hasattr(os, "mkfifo"):
            continue
        work = tmp_path / case.name
        make_outside(work)
        pack = case.build(work)
        if case.command == "install":
            _r, _e, seconds = run(lambda p=pack, w=work: install_command(str(p), w / "data"))
        else:
            _r, _e, seconds = run(lambda p=pack: load_pack(p))
        times.append((seconds, case.name))
    capsys.readouterr()  # what install printed
    times.sort(reverse=True)
    with capsys.disabled():
        print(f"\nhostile cases: {len(times)}, total {sum(t for t, _ in times):.2f} s; slowest:")
        for seconds, name in times[:8]:
            mark = "  OVER THE LIMIT" if seconds >= TIME_LIMIT else ""
            print(f"  {seconds:6.3f} s  {name}{mark}")
