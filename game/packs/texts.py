"""Reading pack.toml and a level's TOML part by part, so one broken table does not hide the
problems of the others."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.packs import models as M
from game.packs.report import Collector, bare_or_quoted, check_part, closest_name


# -- the level's text, checked table by table ----------------------------------------------------
@dataclass
class LevelText:
    """A level's TOML file, checked part by part so that one broken rule does not hide the
    problems of the others; entries keep their index for the key paths."""

    read: bool = False  # the file could be read (it may still have had mistakes)
    level: M.LevelSection = field(default_factory=M.LevelSection)
    erasure: M.ErasureSection | None = None
    rooms: dict[str, M.RoomText] = field(default_factory=dict)
    things: dict[str, M.ThingText] = field(default_factory=dict)
    room_keys: list[str] = field(default_factory=list)  # every key, even of broken tables
    thing_keys: list[str] = field(default_factory=list)
    rules: list[tuple[int, M.RuleEntry]] = field(default_factory=list)
    events: list[tuple[int, M.EventEntry]] = field(default_factory=list)
    hints: list[tuple[int, M.HintEntry]] = field(default_factory=list)
    conditions: dict[str, Any] = field(default_factory=dict)  # name -> models.CondRef
    messages: dict[str, Any] = field(default_factory=dict)  # id -> models.Text


def read_level_text(raw: dict[str, Any] | None, path: Path | str, c: Collector) -> LevelText:
    out = LevelText()
    if raw is None:
        return out
    out.read = True
    root = M.LevelFile
    known = list(root.model_fields)
    for key, value in raw.items():
        if key not in known:
            guess = closest_name(key, known)
            what = "table" if isinstance(value, dict | list) else "key"
            c.error(path, bare_or_quoted(key), f'unknown {what} "{key}"',
                    f'did you mean "{guess}"?' if guess else
                    f"the tables of a level file are: {', '.join(known)}")
    if "level" in raw:
        level = check_part(M.LevelSection, raw["level"], path, c, root, ("level",))
        out.level = level or out.level
    if "erasure" in raw:
        out.erasure = check_part(M.ErasureSection, raw["erasure"], path, c, root, ("erasure",))
    model: type[BaseModel]
    for section, model in (("rooms", M.RoomText), ("things", M.ThingText)):
        table = raw.get(section, {})
        if not isinstance(table, dict):
            check_part(dict[str, Any], table, path, c, root, (section,))
            continue
        keys = out.room_keys if section == "rooms" else out.thing_keys
        texts: dict[str, Any] = out.rooms if section == "rooms" else out.things
        for name, value in table.items():
            keys.append(name)
            checked = check_part(model, value, path, c, root, (section, name))
            if checked is not None:
                texts[name] = checked
    for section, model in (("rules", M.RuleEntry), ("events", M.EventEntry),
                           ("hints", M.HintEntry)):
        entries = raw.get(section, [])
        if not isinstance(entries, list):
            check_part(list[Any], entries, path, c, root, (section,))
            continue
        limit = _max_length(root, section)  # the entries are checked one by one, not the list
        if limit is not None and len(entries) > limit:
            c.error(path, section, f"the level has {len(entries)} {section}; at most {limit}",
                    f"use fewer {section}, or split the level in two")
            continue
        good: list[Any] = getattr(out, section)
        for i, value in enumerate(entries):
            checked = check_part(model, value, path, c, root, (section, i))
            if checked is not None:
                good.append((i, checked))
    out.conditions = read_conditions(raw.get("conditions", {}), path, c, root)
    messages = check_part(dict[str, M.Text], raw.get("messages", {}), path, c, root,
                          ("messages",))
    out.messages = messages or {}
    return out


def read_conditions(table: Any, path: Path | str, c: Collector, root: Any
                    ) -> dict[str, Any]:
    """A ``[conditions]`` table, each named condition checked on its own."""
    if not isinstance(table, dict):
        check_part(dict[str, Any], table, path, c, root, ("conditions",))
        return {}
    out: dict[str, Any] = {}
    for name, value in table.items():
        checked = check_part(M.CondRef, value, path, c, root, ("conditions", name))
        if checked is not None:
            out[name] = checked
    return out


def _max_length(model: type[BaseModel], key: str) -> int | None:
    for rule in model.model_fields[key].metadata:
        limit = getattr(rule, "max_length", None)
        if isinstance(limit, int):
            return limit
    return None


# -- pack.toml -----------------------------------------------------------------------------------
@dataclass
class Manifest:
    """What the levels need to know of pack.toml, even when pack.toml has mistakes."""

    levels: list[M.LevelEntry]
    start: str | None
    endings: set[str]
    pack: M.PackFile | None  # None when pack.toml has mistakes
    keepsakes: set[str] = field(default_factory=set)
    conditions: dict[str, Any] = field(default_factory=dict)  # the pack's named conditions
    messages: dict[str, Any] = field(default_factory=dict)  # the pack's own, checked
    verb_actions: set[str] = field(default_factory=set)  # the actions of [[verbs]]


def read_manifest(raw: dict[str, Any], path: Path | str, c: Collector) -> Manifest:
    try:
        pack = M.PackFile.model_validate(raw)
    except ValidationError as exc:
        c.pydantic(path, exc, M.PackFile)
    else:
        return Manifest(list(pack.levels), pack.start, set(pack.endings), pack,
                        set(pack.keepsakes), dict(pack.conditions),
                        verb_actions={v.action for v in pack.verbs})
    # pack.toml is wrong, but its levels can still be checked
    levels = []
    for entry in raw.get("levels", []) if isinstance(raw.get("levels"), list) else []:
        if not isinstance(entry, dict):
            continue
        lid = entry.get("id")
        if isinstance(lid, str) and re.fullmatch(M.ID_PATTERN, lid):
            title = entry.get("title")
            levels.append(M.LevelEntry.model_construct(
                id=lid, title=title if isinstance(title, str) else lid, erasure=None,
                hidden=False))
    start = raw.get("start") if isinstance(raw.get("start"), str) else None
    endings = raw.get("endings")
    keepsakes = raw.get("keepsakes")
    named = raw.get("conditions")  # known by name, so the levels' uses are not reported too
    verbs = raw.get("verbs")
    verb_actions = {v["action"] for v in verbs if isinstance(v, dict)
                    and isinstance(v.get("action"), str)} if isinstance(verbs, list) else set()
    return Manifest(levels, start, set(endings) if isinstance(endings, dict) else set(), None,
                    set(keepsakes) if isinstance(keepsakes, dict) else set(),
                    dict.fromkeys(named) if isinstance(named, dict) else {},
                    verb_actions=verb_actions)


