"""Every message id the engine names exists in the catalogue, and every text formats cleanly."""

from __future__ import annotations

import re
import string
from pathlib import Path

from game.engine.messages import Catalogue, _load, available_languages

ENGINE = Path(__file__).resolve().parent.parent / "game" / "engine"
_LITERAL_ID = re.compile(r"""(?:msg|tell|word|has)\(\s*["']([a-z_]+\.[a-z_]+)["']""")


def test_every_literal_message_id_exists() -> None:
    catalogue = Catalogue("en")
    used: set[str] = set()
    for path in ENGINE.rglob("*.py"):
        used |= set(_LITERAL_ID.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 80  # the scan really found the engine's messages
    missing = sorted(i for i in used if not catalogue.has(i))
    assert not missing


def test_every_text_is_a_valid_template() -> None:
    for lang in available_languages():
        for msg_id, text in _load(lang).items():
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
            assert all(re.fullmatch(r"[a-z_]+", f) for f in fields), (lang, msg_id, fields)


def test_the_catalogue_capitalises_sentences_but_not_fragments() -> None:
    c = Catalogue("en")
    assert c("look.person_here", a="mary") == "Mary is here."
    assert c.word("word.and") == "and"
    assert c("parser.assumed", the="the key") == "(the key)"
