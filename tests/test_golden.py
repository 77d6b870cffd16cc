"""Golden transcripts: a file of commands and the exact transcript a piped run must print.

Each ``golden/NAME.cmd`` starts with ``# pack: PATH`` and ``# seed: N`` lines (and may name a
``# commands: PATH`` file, such as a walkthrough, whose commands follow its own, or a
``# level: ID`` to start inside that memory, as a player who arrived there would: see
start_at).  Run pytest with ``--regen-golden`` to rewrite the ``.txt`` files after a
deliberate change, then read the diff.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from start_at import GameAt

from game.engine.saves import SaveStore
from game.engine.session import Game
from game.packs.loader import load_pack
from game.ui.terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(GOLDEN.glob("*.cmd"))


def play(cmd_file: Path, save_dir: Path) -> str:
    header: dict[str, str] = {}
    commands: list[str] = []
    for line in cmd_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and ":" in line and not commands:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
        else:
            commands.append(line)
    if "commands" in header:  # commands kept elsewhere, e.g. a walkthrough
        lines = (ROOT / header["commands"]).read_text(encoding="utf-8").splitlines()
        commands += [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    world, _ = load_pack(ROOT / header["pack"])
    seed, saves = int(header.get("seed", "1")), SaveStore(save_dir)
    if "level" in header:
        game: Game = GameAt(world, header["level"], seed=seed, saves=saves)
    else:
        game = Game(world, seed=seed, saves=saves, strict=True)
    out = io.StringIO()
    Terminal(game, io.StringIO("\n".join(commands) + "\n"), out, interactive=False).run()
    return out.getvalue().replace(str(save_dir), "<saves>")


@pytest.mark.parametrize("cmd_file", CASES, ids=[c.stem for c in CASES])
def test_golden_transcript(cmd_file: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    actual = play(cmd_file, tmp_path)
    expected_file = cmd_file.with_suffix(".txt")
    if request.config.getoption("--regen-golden", default=False):
        expected_file.write_text(actual, encoding="utf-8")
        pytest.skip(f"regenerated {expected_file.name}")
    assert expected_file.exists(), f"{expected_file.name} is missing: run with --regen-golden"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 2
