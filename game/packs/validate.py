"""``spotless validate``: load packs without playing and print every problem."""

from __future__ import annotations

from pathlib import Path


def validate_command(packs: list[str], as_json: bool = False) -> int:
    """Exit 0 with no errors (warnings allowed), 1 with errors."""
    from game.packs.loader import load_pack
    from game.packs.problems import PackError

    worst = 0
    for name in packs:
        path = Path(name)
        try:
            _world, problems = load_pack(path)
        except PackError as exc:
            problems = exc.problems
            worst = 1
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = len(problems) - errors
        for p in problems:
            print(p)
        print(f"{name}: {errors} error(s), {warnings} warning(s)")
    return worst
