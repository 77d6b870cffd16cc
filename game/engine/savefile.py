"""The bytes of a saved game: a JSON envelope around the state, and how to read one safely.

The envelope says what the file is (``format``, ``schema``), who wrote it (``game_version``),
for which pack (id, version and a hash of its texts), when (``created``), what a list of saves
shows (``summary``: readable without validating the state or opening the pack) and a checksum
of the state, so a file cut short or edited by hand is told from a good one.  Older schemas are
brought up to date by pure dict-to-dict migrations (``migrations.py``), so the reader only ever
sees the newest shape.

Reading never trusts the file: its size is capped, numbers longer than any the game writes are
refused before Python converts them, nesting too deep for the parser is caught, and every
failure is a ``SaveError`` naming the file, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from game import __version__
from game.engine.messages import Catalogue
from game.engine.state import GameState
from game.engine.world import World

FORMAT_ID = "spotless-mind-save"
SCHEMA = 2  # 1: {"format": 1, "game": "spotless-mind", "pack", "pack_version", "state"}
MAX_SAVE_BYTES = 4 * 1024 * 1024
MAX_INT_DIGITS = 20  # the game's numbers fit in 64 bits: 20 digits

# the kinds of SaveError that mean "this file is damaged": a backup is worth offering then
DAMAGED = frozenset({"save.not_json", "save.truncated", "save.too_deep", "save.huge_number",
                     "save.bad_checksum", "save.damaged", "save.not_a_save", "save.unreadable",
                     "save.too_large", "save.not_utf8"})


class SaveError(Exception):
    """A save could not be written or read: ``msg_id`` names the catalogue message that tells
    the player why, ``fields`` fill it in (``str()`` gives the English text).  ``backup`` is
    set by the store when the file is damaged and its backup is good."""

    def __init__(self, msg_id: str, **fields: object) -> None:
        self.msg_id = msg_id
        self.fields = fields
        self.backup: Any = None  # a SlotInfo (saves.py), to offer instead
        super().__init__(Catalogue("en")(msg_id, **fields))

    @property
    def damaged(self) -> bool:
        return self.msg_id in DAMAGED


def canonical(state: Any) -> bytes:
    """The state as the checksum sees it: one spelling of the same data, whatever the file's
    indentation or key order."""
    return json.dumps(state, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def checksum(state: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical(state)).hexdigest()


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def summary_of(world: World, state: GameState) -> dict[str, Any]:
    """What a list of saves shows, in words a player knows (titles, not ids)."""
    level = world.levels.get(state.level)
    room = world.rooms.get(state.room)
    return {
        "pack_title": world.title,
        "level": state.level,
        "level_title": level.title if level is not None else state.level,
        "room": state.room,
        "room_title": room.title if room is not None else state.room.rsplit("/", 1)[-1],
        "turn": state.turn,
        "score": state.score,
        "ended": state.ended,
    }


def build(world: World, state: GameState, created: str | None = None) -> dict[str, Any]:
    data = state.model_dump(mode="json")
    return {
        "format": FORMAT_ID,
        "schema": SCHEMA,
        "game_version": __version__,
        "created": created or now_text(),
        "pack": {"id": world.pack_id, "version": world.version,
                 "hash": world.content_hash or None},
        "summary": summary_of(world, state),
        "checksum": checksum(data),
        "state": data,
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dumps(doc: dict[str, Any]) -> bytes:
    """The file's bytes: the envelope first, then the state, one field a line and one entry of
    a table a line (a thing and its state, a room and its stage), so a person can read it.
    Written by hand because ``json.dumps(indent=...)`` takes Python's slow encoder: on a late
    game that is most of the time a SAVE takes."""
    out = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, dict) and key == "state":
            out.append(f" {_compact(key)}: {{")
            fields = list(value.items())
            for j, (name, field) in enumerate(fields):
                end = "," if j < len(fields) - 1 else ""
                if isinstance(field, dict) and field:
                    out.append(f"  {_compact(name)}: {{")
                    out.append(",\n".join(f"   {_compact(k)}: {_compact(v)}"
                                          for k, v in field.items()))
                    out.append(f"  }}{end}")
                else:
                    out.append(f"  {_compact(name)}: {_compact(field)}{end}")
            out.append(f" }}{comma}")
        elif isinstance(value, dict):
            inner = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")
            out.append(f" {_compact(key)}: {inner}{comma}")
        else:
            out.append(f" {_compact(key)}: {_compact(value)}{comma}")
    out.append("}")
    return ("\n".join(out) + "\n").encode("utf-8")


def encode(world: World, state: GameState, created: str | None = None) -> bytes:
    return dumps(build(world, state, created))


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _HugeNumber(len(text.lstrip("-")))
    return int(text)


class _HugeNumber(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _constant(text: str) -> float:
    raise ValueError(f"{text} is not a number a save holds")


def parse(raw: bytes, where: str) -> dict[str, Any]:
    """The envelope of a save file, brought to the current schema and its checksum checked;
    SaveError if it is not a readable save."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError("save.too_large", where=where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError("save.not_utf8", where=where) from exc
    try:
        data = json.loads(text, parse_int=_int, parse_constant=_constant)
    except _HugeNumber as exc:
        raise SaveError("save.huge_number", where=where, digits=exc.digits) from None
    except RecursionError:
        raise SaveError("save.too_deep", where=where) from None
    except json.JSONDecodeError as exc:
        # an error in the last few characters, or a string never closed: the file was cut
        end = len(text.rstrip())
        if exc.pos >= end or (end > 256 and exc.pos >= end - 32) \
                or exc.msg.startswith("Unterminated string"):
            raise SaveError("save.truncated", where=where, line=exc.lineno) from None
        raise SaveError("save.not_json", where=where, line=exc.lineno) from None
    except ValueError:
        raise SaveError("save.damaged", where=where, detail="a value is not a number") from None
    if not isinstance(data, dict):
        raise SaveError("save.not_a_save", where=where)
    from game.engine.migrations import migrate, schema_of

    schema = schema_of(data)
    if schema is None:
        raise SaveError("save.not_a_save", where=where)
    if schema > SCHEMA:
        raise SaveError("save.newer", where=where, version=str(data.get("game_version", "?")),
                        schema=schema, max=SCHEMA)
    try:
        doc = migrate(data, schema)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError("save.damaged", where=where, detail=f"the envelope: {exc}") from None
    _check_envelope(doc, where)
    if doc["checksum"] != checksum(doc["state"]):
        raise SaveError("save.bad_checksum", where=where)
    return doc


def _check_envelope(doc: dict[str, Any], where: str) -> None:
    pack = doc.get("pack")
    problems = []
    if not isinstance(pack, dict) or not isinstance(pack.get("id"), str):
        problems.append("pack")
    if not isinstance(doc.get("summary"), dict):
        problems.append("summary")
    if not isinstance(doc.get("checksum"), str):
        problems.append("checksum")
    if not isinstance(doc.get("state"), dict):
        problems.append("state")
    if problems:
        raise SaveError("save.damaged", where=where,
                        detail=f"no valid {', '.join(problems)} in the envelope")


def created_epoch(doc: dict[str, Any]) -> float | None:
    """The envelope's creation time as seconds since the epoch (None: unknown)."""
    text = doc.get("created")
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None
