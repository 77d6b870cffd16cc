"""Bringing saves of earlier schemas up to date: one pure dict-to-dict function per step.

A migration takes the whole document of schema N and returns one of schema N + 1; it never
looks at the pack, the clock or the disk, so each is tested against a fixture file of its
schema (``tests/saves/schema-N-*.json``).  To change the format: bump ``savefile.SCHEMA``,
add the step here, and keep a fixture of the old schema in the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Doc = dict[str, Any]


def schema_of(data: Doc) -> int | None:
    """The schema of a parsed file, or None when it is not a Spotless Mind save at all."""
    from game.engine.savefile import FORMAT_ID

    if data.get("format") == FORMAT_ID:
        schema = data.get("schema")
        return schema if isinstance(schema, int) and not isinstance(schema, bool) \
            and schema >= 1 else None
    if data.get("game") == "spotless-mind" and data.get("format") == 1:
        return 1  # the first format: no envelope, no checksum
    return None


def v1_to_v2(doc: Doc) -> Doc:
    """Schema 1 (``format``, ``game``, ``pack``, ``pack_version``, ``state``) to the envelope.

    Schema 1 had no checksum, creation time, pack hash or summary: the checksum is made now
    (there was nothing to check it against), the rest is unknown or read from the state."""
    from game.engine.savefile import FORMAT_ID, checksum

    state = doc["state"]
    if not isinstance(state, dict):
        raise TypeError("the state is not an object")
    level = state.get("level")
    room = state.get("room")
    return {
        "format": FORMAT_ID,
        "schema": 2,
        "game_version": None,
        "created": None,
        "pack": {"id": doc["pack"], "version": doc.get("pack_version"), "hash": None},
        "summary": {
            "pack_title": doc["pack"],
            "level": level,
            "level_title": level,
            "room": room,
            "room_title": room.rsplit("/", 1)[-1] if isinstance(room, str) else room,
            "turn": state.get("turn", 0),
            "score": state.get("score", 0),
            "ended": state.get("ended"),
        },
        "checksum": checksum(state),
        "state": state,
    }


MIGRATIONS: dict[int, Callable[[Doc], Doc]] = {1: v1_to_v2}


def migrate(doc: Doc, schema: int) -> Doc:
    """The document brought from ``schema`` to the current one, step by step."""
    while schema in MIGRATIONS:
        doc = MIGRATIONS[schema](doc)
        schema += 1
    return doc
