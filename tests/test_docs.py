"""The authors' guide must keep up with the engine: every action a rule may name is listed."""

from __future__ import annotations

import re
from pathlib import Path

from game.engine.actions import PACK_ACTIONS
from game.packs.models import THING_CLASSES

GUIDE = (Path(__file__).resolve().parent.parent / "levels" / "README.md").read_text("utf-8")


def test_guide_lists_exactly_the_actions_rules_can_name() -> None:
    section = GUIDE[GUIDE.index("Actions: `look`"):GUIDE.index("What `object` and `second`")]
    listed = set(re.findall(r"`([a-z_]+)`", section))
    assert listed == set(PACK_ACTIONS)


def test_guide_documents_every_thing_class() -> None:
    for cls in THING_CLASSES:
        assert f"| `{cls}`" in GUIDE, cls
