"""The out-of-world commands: SAVE, RESTORE, UNDO, SCRIPT, VERBOSE/BRIEF, HINT, SCORE, HELP,
ABOUT, QUIT and RESTART.  They take no time in the story; they act on the session itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game import __version__
from game.engine.output import Line, Style
from game.engine.parser import Parsed
from game.engine.saves import DEFAULT, SaveError
from game.engine.state import restore as restore_state
from game.engine.state import snapshot

if TYPE_CHECKING:
    from game.engine.session import Game


@dataclass(frozen=True)
class Confirm:
    action: str  # "quit" or "restart"


def save(game: Game, parsed: Parsed, out: list[Line]) -> None:
    if game.saves is None:
        out.append(Line(game.msg("save.unavailable"), Style.META))
        return
    try:
        path = game.saves.save(parsed.text.strip() or DEFAULT, game.world, game.state)
    except SaveError as exc:
        out.append(Line(save_error(game, exc), Style.META))
        return
    out.append(Line(game.msg("save.done", path=str(path)), Style.META))


def restore(game: Game, parsed: Parsed, out: list[Line]) -> None:
    """RESTORE NAME restores a slot, RESTORE BACKUP NAME the save before it, RESTORE alone
    lists the slots."""
    if game.saves is None:
        out.append(Line(game.msg("save.unavailable"), Style.META))
        return
    words = parsed.text.split()
    if not words:
        list_slots(game, out)
        return
    backup = len(words) == 2 and "backup" in words
    name = next(w for w in words if w != "backup") if backup else parsed.text.strip()
    try:
        restored = game.saves.restore(name, game.world, backup=backup)
    except SaveError as exc:
        reason = save_error(game, exc)
        if exc.backup is not None:
            b = exc.backup
            reason += " " + game.msg("restore.backup_offer", level=b.level, room=b.room,
                                     turn=b.turn, time=b.when(), name=name.upper())
        out.append(Line(game.msg("restore.failed", reason=reason), Style.META))
        return
    game._push(snapshot(game.state))
    game._replace_state(restored.state)
    game.mark_saved()
    game.parser.refresh()  # the save may have needed levels not loaded before
    out.append(Line(game.msg("restore.done"), Style.META))
    if restored.note is not None:
        msg_id, fields = restored.note
        out.append(Line(game.msg(msg_id, **fields), Style.META))
    out.extend(game._look())


def list_slots(game: Game, out: list[Line]) -> None:
    """The saved games of this pack with where and when each was made."""
    assert game.saves is not None
    slots = game.saves.slots()
    if not slots:
        out.append(Line(game.msg("restore.list_none"), Style.META))
        return
    rows = [game.msg("restore.list_head")]
    for s in slots:
        if not s.ok:
            rows.append(game.msg("restore.list_damaged", name=s.name, time=s.when()))
            continue
        rows.append(game.msg("restore.list_ended" if s.ended else "restore.list_item",
                             name=s.name, pack=s.pack_title, level=s.level, room=s.room,
                             turn=s.turn, time=s.when()))
    rows.append(game.msg("restore.list_foot"))
    out.append(Line("\n".join(rows), Style.META))


def save_error(game: Game, exc: SaveError) -> str:
    return game.msg(exc.msg_id, **exc.fields)


def undo(game: Game, parsed: Parsed, out: list[Line]) -> None:
    if not game.history:
        out.append(Line(game.msg("undo.nothing"), Style.META))
        return
    game._replace_state(restore_state(game.history.pop()))
    out.append(Line(game.msg("undo.done"), Style.META))
    out.append(Line(game.model.room_title(), Style.TITLE))


def script_on(game: Game, parsed: Parsed, out: list[Line]) -> None:
    if game.saves is None:
        out.append(Line(game.msg("save.unavailable"), Style.META))
        return
    if game.script is not None:
        out.append(Line(game.msg("script.already"), Style.META))
        return
    path = game.saves.directory / f"{game.world.pack_id}-transcript.txt"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        game.script = path.open("a", encoding="utf-8", errors="replace")
    except OSError as exc:
        out.append(Line(game.msg("script.failed", reason=exc.strerror or ""), Style.META))
        return
    out.append(Line(game.msg("script.on", path=str(path)), Style.META))


def script_off(game: Game, parsed: Parsed, out: list[Line]) -> None:
    if game.script is None:
        out.append(Line(game.msg("script.not_on"), Style.META))
        return
    game.close()
    out.append(Line(game.msg("script.off"), Style.META))


def verbosity(game: Game, parsed: Parsed, out: list[Line]) -> None:
    game.state.verbosity = {"verbose": "verbose", "brief": "brief",
                            "superbrief": "superbrief"}[parsed.action]
    out.append(Line(game.msg(f"meta.{parsed.action}", title=game.world.title), Style.META))


def hint(game: Game, parsed: Parsed, out: list[Line]) -> None:
    for hint in game.world.levels[game.state.level].hints:
        if hint.when is None or game.model.holds(hint.when):
            out.append(Line(game.model.text(hint.text), Style.META))
            return
    out.append(Line(game.msg("hint.none"), Style.META))


def simple_meta(game: Game, parsed: Parsed, out: list[Line]) -> None:
    a = parsed.action
    if a == "score":
        out.append(Line(game._score_text(), Style.META))
    elif a == "help":
        out.extend(Line(p, Style.META) for p in game.msg("help.text").split("\n\n"))
    elif a == "about":
        w = game.world
        out.append(Line(game.msg("about.pack", title=w.title, version=w.version,
                                 authors=", ".join(w.authors)), Style.META))
        if w.credits:
            out.append(Line(w.credits, Style.META))
        out.append(Line(game.msg("about.game", version=__version__), Style.META))
    elif a in ("quit", "restart"):
        game.pending = Confirm(a)
        out.append(Line(game.msg(f"meta.confirm_{a}"), Style.META))
    elif a == "comment":
        out.append(Line(game.msg("meta.comment"), Style.META))


COMMANDS: dict[str, Callable[[Game, Parsed, list[Line]], None]] = {
    "save": save, "restore": restore, "undo": undo,
    "script_on": script_on, "script_off": script_off,
    "verbose": verbosity, "brief": verbosity, "superbrief": verbosity,
    "hint": hint, "score": simple_meta, "help": simple_meta,
    "about": simple_meta, "quit": simple_meta, "restart": simple_meta,
}
