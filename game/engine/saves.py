"""Saved games: named slots in one folder per pack, written so that no crash loses one.

This is the API every frontend uses (the terminal through SAVE and RESTORE, the window's save
and load screens, Continue): ``SaveStore.save``, ``restore``, ``slots``, ``newest`` and
``autosave``.  Nobody else touches the files or ``game.state`` to save.

- A slot ``NAME`` is ``NAME.json`` (the envelope of ``savefile.py``); the save it replaced is
  ``NAME.json.bak``.  Writes are atomic (``atomic.py``): a crash leaves the old or the new file.
- Reading checks the envelope and its checksum, then validates the state with pydantic and
  cross-checks every id against the pack, so a damaged or foreign file is refused with a
  reason, and a good backup is offered.  A damaged file is never deleted: saving over it moves
  it aside (``NAME.json.damaged-TIME``) and keeps the good backup.
- A save of another pack is refused; of another version of the same pack it is restored when
  the state still fits that version, otherwise refused with the two versions named.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.engine import atomic, savefile
from game.engine.savefile import MAX_SAVE_BYTES, SaveError
from game.engine.state import GameState, add_new_things
from game.engine.world import PLAYER, LevelUnavailable, World

__all__ = ["AUTOSAVE", "MAX_SAVE_BYTES", "Restored", "SaveError", "SaveStore", "SlotInfo",
           "check_name", "decode"]

SAVE_FORMAT = savefile.SCHEMA
AUTOSAVE = "autosave"
DEFAULT = "savegame"
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise SaveError("save.bad_name", name=name[:60])
    return name


@dataclass(frozen=True)
class SlotInfo:
    """One saved game as a list shows it, read from its envelope alone (the state is not
    validated, the pack not opened).  ``problem`` says why a damaged one can't be restored."""

    name: str
    path: Path
    created: float  # seconds since the epoch (the file's time for saves that don't say)
    pack_id: str = ""
    pack_title: str = ""
    pack_version: str = ""
    level: str = ""  # titles
    room: str = ""
    turn: int = 0
    score: int = 0
    ended: bool = False
    backup: bool = False  # this is NAME.json.bak
    problem: str | None = None
    modified: float = 0.0  # the file's time: orders saves made within the same second

    @property
    def ok(self) -> bool:
        return self.problem is None

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.created))


@dataclass(frozen=True)
class Restored:
    """A state read from a slot, and what the player should be told about it (``note``: a
    catalogue id and fields, e.g. that it came from another version of the pack)."""

    state: GameState
    info: SlotInfo
    note: tuple[str, dict[str, object]] | None = None


KEPT_AUTOSAVES = 3  # autosaves of nights that a new game replaced, kept as slots of their own


class SaveStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        # (inode, size, mtime) of the files this store wrote or read good: unchanged since,
        # they need no second look before being replaced
        self._known_good: dict[Path, tuple[int, int, int]] = {}

    def path(self, name: str) -> Path:
        return self.directory / f"{check_name(name)}.json"

    def backup_path(self, name: str) -> Path:
        return self.directory / f"{check_name(name)}.json.bak"

    # -- writing ---------------------------------------------------------------------------------
    def save(self, name: str, world: World, state: GameState) -> Path:
        target = self.path(name)
        data = savefile.encode(world, state)
        if len(data) > MAX_SAVE_BYTES:
            raise SaveError("save.failed", path=str(target), reason="the game is too large")
        try:
            self.cleanup()
            self._set_aside_if_damaged(target)
            atomic.write_atomic(target, data, backup=self.backup_path(name))
        except OSError as exc:
            raise SaveError("save.failed", path=str(target),
                            reason=exc.strerror or str(exc)) from exc
        self._remember(target)
        return target

    def _remember(self, path: Path) -> None:
        try:
            st = path.stat()
        except OSError:
            return
        self._known_good[path] = (st.st_ino, st.st_size, st.st_mtime_ns)

    def _unchanged(self, path: Path) -> bool:
        try:
            st = path.stat()
        except OSError:
            return False
        return self._known_good.get(path) == (st.st_ino, st.st_size, st.st_mtime_ns)

    def _set_aside_if_damaged(self, target: Path) -> None:
        """A damaged file is never deleted: it is renamed aside before the new save takes its
        name, so that it doesn't become the backup in place of the good one."""
        if self._unchanged(target):
            return
        try:
            raw = _read_capped(target)
        except FileNotFoundError:
            return
        except (OSError, SaveError):
            raw = None
        if raw is not None:
            try:
                savefile.parse(raw, str(target))
                return
            except SaveError:
                pass
        stamp = time.strftime("%Y%m%d-%H%M%S")
        os.replace(target, target.with_name(f"{target.name}.damaged-{stamp}"))

    def cleanup(self) -> list[Path]:
        """Remove the temporary files of writers that died mid-save."""
        return atomic.clean_stale(self.directory)

    # -- reading ---------------------------------------------------------------------------------
    def load(self, name: str, world: World) -> GameState:
        return self.restore(name, world).state

    def restore(self, name: str, world: World, backup: bool = False) -> Restored:
        """The game saved in slot ``name`` (its backup with ``backup``); SaveError if it can't
        be restored.  A damaged slot whose backup is good says so (``SaveError.backup``)."""
        path = self.backup_path(name) if backup else self.path(name)
        try:
            restored = read(path, world, name, backup)
            self._remember(path)
            return restored
        except SaveError as exc:
            if exc.msg_id == "save.missing" and backup:
                raise SaveError("save.no_backup", name=name) from None
            if exc.damaged and not backup:
                exc.backup = self._good_backup(name, world)
            raise

    def _good_backup(self, name: str, world: World) -> SlotInfo | None:
        try:
            return read(self.backup_path(name), world, name, True).info
        except SaveError:
            return None

    def slots(self) -> list[SlotInfo]:
        """Every save in the folder, newest first; damaged ones too, with their problem."""
        try:
            files = [p for p in self.directory.glob("*.json")
                     if _NAME.match(p.stem) and p.is_file()]
        except OSError:
            return []
        out = [info_of(p, p.stem) for p in files]
        return sorted(out, key=lambda s: (-s.created, -s.modified, s.name))

    def newest(self) -> SlotInfo | None:
        """The save Continue resumes: the most recent one that can be read."""
        return next((s for s in self.slots() if s.ok), None)

    def autosave(self, world: World, state: GameState) -> Path | None:
        """Save to the autosave slot, quietly: None when it can't be (an ended game, a full
        disk); the game goes on either way."""
        if state.ended is not None:
            return None
        try:
            self._keep_a_longer_autosave(state)
            return self.save(AUTOSAVE, world, state)
        except (SaveError, OSError):
            return None

    def _keep_a_longer_autosave(self, state: GameState) -> None:
        """An autosave further on than the game replacing it (a new game, an earlier save
        restored) is another night's play: it is kept as a slot of its own,
        ``autosave-YYYYMMDD-HHMMSS``, not only as the one backup."""
        path = self.path(AUTOSAVE)
        if not path.exists():
            return
        old = info_of(path, AUTOSAVE)
        if not old.ok or old.turn <= state.turn:
            return
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(old.created))
        keep = self.path(f"{AUTOSAVE}-{stamp}")
        if not keep.exists():
            atomic.write_atomic(keep, _read_capped(path))
        # only the newest few of these: a player who starts over often must not find a list of
        # dozens (their stamps sort by time)
        kept = sorted(self.directory.glob(f"{AUTOSAVE}-*.json"))
        for stale in kept[:-KEPT_AUTOSAVES]:
            with contextlib.suppress(OSError):
                stale.unlink()


# -- one file ----------------------------------------------------------------------------------
def _read_capped(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_SAVE_BYTES: a pipe or a device
    put in the save folder (which would block or never end) is refused unopened."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise SaveError("save.unreadable", where=str(path))
    if st.st_size > MAX_SAVE_BYTES:
        raise SaveError("save.too_large", where=str(path))
    with open(path, "rb") as fh:
        return fh.read(MAX_SAVE_BYTES + 1)


def _raw(path: Path, name: str) -> bytes:
    try:
        return _read_capped(path)
    except FileNotFoundError:
        raise SaveError("save.missing", name=name) from None
    except IsADirectoryError:
        raise SaveError("save.unreadable", where=str(path)) from None
    except OSError:
        raise SaveError("save.unreadable", where=str(path)) from None


def info_of(path: Path, name: str, backup: bool = False) -> SlotInfo:
    """A slot as a list shows it; a damaged one says why."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        doc = savefile.parse(_raw(path, name), str(path))
    except SaveError as exc:
        return SlotInfo(name, path, mtime, backup=backup, problem=str(exc), modified=mtime)
    return _info(doc, path, name, mtime, backup)


def _info(doc: dict[str, Any], path: Path, name: str, mtime: float, backup: bool) -> SlotInfo:
    s = doc["summary"]
    pack = doc["pack"]

    def text(v: Any) -> str:
        return v if isinstance(v, str) else ""

    def num(v: Any) -> int:
        return v if isinstance(v, int) and not isinstance(v, bool) else 0

    return SlotInfo(
        name, path, savefile.created_epoch(doc) or mtime, text(pack.get("id")),
        text(s.get("pack_title")) or text(pack.get("id")), text(pack.get("version")),
        text(s.get("level_title")), text(s.get("room_title")), num(s.get("turn")),
        num(s.get("score")), s.get("ended") is not None, backup, modified=mtime)


def read(path: Path, world: World, name: str, backup: bool = False) -> Restored:
    """Read, check and decode one save file for this world."""
    where = str(path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    doc = savefile.parse(_raw(path, name), where)
    info = _info(doc, path, name, mtime, backup)
    pack = doc["pack"]
    if pack.get("id") != world.pack_id:
        raise SaveError("save.other_pack", where=where, pack=str(pack.get("id"))[:80],
                        expected=world.pack_id)
    saved_version = pack.get("version")
    saved_hash = pack.get("hash")
    same = saved_version == world.version and (
        saved_hash is None or not world.content_hash or saved_hash == world.content_hash)
    try:
        state = decode_state(doc["state"], world, where)
    except SaveError as exc:
        if same or exc.msg_id == "save.level_broken":
            raise
        raise SaveError("save.other_version", where=where, pack=world.pack_id,
                        saved=str(saved_version)[:40], current=world.version,
                        detail=_detail(exc)) from None
    note: tuple[str, dict[str, object]] | None = None
    if not same:
        note = ("restore.other_version", {"saved": str(saved_version)[:40],
                                          "current": world.version})
    return Restored(state, info, note)


def _detail(exc: SaveError) -> str:
    return str(exc.fields.get("detail", exc))


def decode(raw: str, world: World, where: str) -> GameState:
    """The state of a save file's text (any schema), checked against the world."""
    doc = savefile.parse(raw.encode("utf-8", "surrogatepass"), where)
    if doc["pack"].get("id") != world.pack_id:
        raise SaveError("save.other_pack", where=where, pack=str(doc["pack"].get("id"))[:80],
                        expected=world.pack_id)
    return decode_state(doc["state"], world, where)


def decode_state(data: dict[str, Any], world: World, where: str) -> GameState:
    try:
        state = GameState.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise SaveError("save.damaged", where=where,
                        detail=f"{loc[:80]}: {first['msg'][:120]}") from None
    except RecursionError:
        raise SaveError("save.too_deep", where=where) from None
    if state.pack_id != world.pack_id:
        raise SaveError("save.other_pack", where=where, pack=state.pack_id[:80],
                        expected=world.pack_id)
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


_LIMIT = 1 << 64


def _cross_check(state: GameState, world: World) -> list[str]:
    problems = []
    if state.room not in world.rooms:
        problems.append(f"unknown room {state.room[:80]!r}")
    if state.level not in world.levels:
        problems.append(f"unknown level {state.level[:80]!r}")
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
        problems.append(f"unknown ending {state.ended[:80]!r}")
    numbers = [state.seed, state.rng, state.turn, state.score, *state.stages.values(),
               *state.counters.values(), *state.level_turns.values()]
    numbers += [n for e in state.erasure.values() for n in (e.steps, e.wait, e.pace)]
    if any(not -_LIMIT < n < _LIMIT for n in numbers):
        problems.append("a number is out of range")
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

