"""Helpers shared by the window tests."""

from __future__ import annotations

from pathlib import Path

WALKTHROUGH = Path(__file__).resolve().parents[1] / "walkthroughs" / "prologue.txt"


def walkthrough(until: str) -> list[str]:
    """The walkthrough's commands up to and including the first ``until``."""
    out: list[str] = []
    for raw in WALKTHROUGH.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
            if line == until:
                return out
    raise AssertionError(until)
