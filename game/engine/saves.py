"""Saved games as JSON files: readable, free of code, and checked against the pack on restore.

A save names its pack and carries the whole state; restoring validates it with pydantic and
cross-checks every id, so a damaged or foreign file is refused with a reason instead of crashing.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from pydantic import ValidationError

from game.engine.messages import Catalogue
from game.engine.state import GameState, add_new_things
from game.engine.world import PLAYER, LevelUnavailable, World

SAVE_FORMAT = 1
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_SAVE_BYTES = 4 * 1024 * 1024


class SaveError(Exception):
    """A save could not be written or read: ``msg_id`` names the catalogue message that tells
    the player why, ``fields`` fill it in (``str()`` gives the English text)."""

    def __init__(self, msg_id: str, **fields: object) -> None:
        self.msg_id = msg_id
        self.fields = fields
        super().__init__(Catalogue("en")(msg_id, **fields))


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise SaveError("save.bad_name", name=name[:60])
    return name


class SaveStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, name: str) -> Path:
        return self.directory / f"{check_name(name)}.json"

    def save(self, name: str, world: World, state: GameState) -> Path:
        payload = {
            "format": SAVE_FORMAT,
            "game": "spotless-mind",
            "pack": world.pack_id,
            "pack_version": world.version,
            "state": state.model_dump(mode="json"),
        }
        target = self.path(name)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".save-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, indent=1, sort_keys=True)
            os.replace(tmp, target)
        except OSError as exc:
            raise SaveError("save.failed", path=str(target), reason=exc.strerror or "") from exc
        return target

    def load(self, name: str, world: World) -> GameState:
        target = self.path(name)
        try:
            if target.stat().st_size > MAX_SAVE_BYTES:
                raise SaveError("save.too_large", where=str(target))
            raw = target.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise SaveError("save.missing", name=name) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise SaveError("save.unreadable", where=str(target)) from exc
        return decode(raw, world, str(target))


def decode(raw: str, world: World, where: str) -> GameState:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SaveError("save.not_json", where=where, line=exc.lineno) from exc
    if not isinstance(data, dict) or data.get("game") != "spotless-mind":
        raise SaveError("save.not_a_save", where=where)
    if data.get("format") != SAVE_FORMAT:
        raise SaveError("save.bad_format", where=where, format=repr(data.get("format")))
    if data.get("pack") != world.pack_id:
        raise SaveError("save.other_pack", where=where, pack=str(data.get("pack")),
                        expected=world.pack_id)
    try:
        state = GameState.model_validate(data.get("state"))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise SaveError("save.damaged", where=where, detail=f"{loc}: {first['msg']}") from exc
    _load_levels_of(state, world, where)
    problems = _cross_check(state, world)
    if problems:
        raise SaveError("save.does_not_fit", where=where, detail=problems[0])
    return state


def _load_levels_of(state: GameState, world: World, where: str) -> None:
    """A save may stand in levels this session has not loaded yet: load them first; things of
    levels loaded here but never entered in that game start as the pack placed them."""
    known = {info.id for info in world.manifest} | set(world.levels)
    wanted = {state.level} | {tid.split("/", 1)[0] for tid in state.things}
    for level_id in sorted(wanted & known):
        try:
            world.ensure_level(level_id)
        except LevelUnavailable as exc:
            raise SaveError("save.level_broken", where=where, level=level_id,
                            detail=str(exc)) from exc
    add_new_things(state, world)


def _cross_check(state: GameState, world: World) -> list[str]:
    problems = []
    if state.room not in world.rooms:
        problems.append(f"unknown room {state.room!r}")
    if state.level not in world.levels:
        problems.append(f"unknown level {state.level!r}")
    if set(state.things) - set(world.things):
        problems.append("the things differ")
    for tid, ts in state.things.items():
        loc = ts.location
        if loc is not None and loc != PLAYER and loc not in world.rooms and loc not in world.things:
            problems.append(f"{tid} is in an unknown place")
    for tid in state.things:
        if _inside_itself(state, tid):
            problems.append(f"{tid} is inside itself")
            break
    if state.ended is not None and state.ended not in world.endings:
        problems.append(f"unknown ending {state.ended!r}")
    return problems


def _inside_itself(state: GameState, tid: str) -> bool:
    loc = state.things[tid].location
    for _ in range(len(state.things) + 1):
        if loc is None or loc not in state.things:
            return False
        if loc == tid:
            return True
        loc = state.things[loc].location
    return True
