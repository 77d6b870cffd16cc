"""The engine must stay pure Python: no pygame, no pytmx, so it runs anywhere and tests fast."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return set(out.stdout.split())


def test_engine_imports_no_pygame_and_no_pytmx() -> None:
    engine = sorted(p.stem for p in (ROOT / "game" / "engine").glob("*.py"))
    code = "\n".join(f"import game.engine.{name}" for name in engine)
    modules = _modules_after(code)
    assert "game.engine.session" in modules  # the import really happened
    assert not {m for m in modules if m.split(".")[0] in ("pygame", "pytmx")}


def test_loading_a_pack_for_the_terminal_does_not_import_pygame() -> None:
    modules = _modules_after(
        "from pathlib import Path\nfrom game.packs.loader import load_pack\n"
        "load_pack(Path('tests/packs/house'))"
    )
    assert "pytmx" in modules
    assert "pygame" not in modules


def test_engine_sources_never_mention_pygame() -> None:
    pattern = re.compile(r"^\s*(import|from)\s+(pygame|pytmx)\b", re.MULTILINE)
    for path in (ROOT / "game" / "engine").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
