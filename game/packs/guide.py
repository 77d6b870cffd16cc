"""The reference tables of the authors' guide (levels/README.md), made from the pydantic models
and the Tiled types, so the guide can't drift from what the loader accepts.

The guide holds each table between ``<!-- generated: NAME -->`` and ``<!-- end -->``.
``python -m game.packs.guide --write`` rewrites them; ``--check`` (and tests/test_docs.py)
fails when the guide is out of date.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.engine.actions import PACK_ACTIONS
from game.packs import models as M
from game.packs import tiled_types as T
from game.packs.report import members_of
from game.resources import guide_path

GUIDE = guide_path()
_BLOCK = re.compile(r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(<!-- end -->)", re.DOTALL)


# -- types and defaults in the words of the guide ------------------------------------------------
def _type(tp: Any) -> str:
    members = [m for m in members_of(tp) if m is not type(None)]
    if M.Condition in members:  # a condition, or its name; maybe true or false too
        return "true or false, or a condition" if bool in members else "condition"
    if len(members) == 2 and str in members:
        other = next(m for m in members if m is not str)
        item = get_args(other)[0] if get_origin(other) is list else None
        if item is M.Variant:
            return "text, or a list of variants"
        if item is str:
            return "text, or a list of texts"
    tp = members[0]
    origin = get_origin(tp)
    if origin is Literal:
        values = get_args(tp)
        if len(values) == 1:
            return f"`{_toml(values[0])}`"
        return "one of " + ", ".join(f"`{_toml(v)}`" for v in values)
    if origin is list:
        item = get_args(tp)[0]
        if item is str:
            return "list of texts"
        if item is M.Effect:
            return "list of effects"
        if item is M.Condition:
            return "list of conditions"
        return "list of tables"
    if origin is dict:
        return "tables"
    if tp is M.Condition:
        return "condition"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "table"
    return {str: "text", bool: "true or false", int: "whole number"}.get(tp, str(tp))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        return ""
    value = info.default
    if value is None or isinstance(value, BaseModel):
        return ""
    return f"`{_toml(value)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# -- the tables ----------------------------------------------------------------------------------
def keys_table(model: type[BaseModel]) -> str:
    """Every key of a TOML table: its type, its default and what it means."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        rows.append(f"| `{key}` | {_type(info.annotation)} | {_default(info)} | "
                    f"{_cell(info.description or '')} |")
    return "\n".join(rows)


def forms_table(model: type[BaseModel], kinds: tuple[str, ...], head: str) -> str:
    """Conditions or effects: how each is written and what it means."""
    rows = [f"| {head} | {'holds when' if model is M.Condition else 'does'} |", "|---|---|"]
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    for kind in kinds:
        info = fields[kind]
        form = (info.examples or [f"{{ {kind} = ... }}"])[0]
        rows.append(f"| `{form}` | {_cell(info.description or '')} |")
    return "\n".join(rows)


def classes_table() -> str:
    rows = ["| class | layer | what it is | properties (default) |", "|---|---|---|---|"]
    for c in T.CLASSES:
        props = ", ".join(f"`{m.name}`" + (f" ({_toml(m.default)})" if m.default is not None
                                           else "") for m in c.members) or "none"
        rows.append(f"| `{c.name}` | `{c.layer}` | {_cell(c.doc)} | {props} |")
    return "\n".join(rows)


def properties_table() -> str:
    rows = ["| property | Tiled type | classes (default) | meaning |", "|---|---|---|---|"]
    seen: dict[str, list[tuple[str, T.Member]]] = {}
    for c in T.CLASSES:
        for m in c.members:
            seen.setdefault(m.name, []).append((c.name, m))
    for name, uses in seen.items():
        first = uses[0][1]
        kind = f"enum `{first.enum.name}`" if first.enum else first.type
        if first.enum:
            kind += ": " + ", ".join(f"`{v}`" for v in first.enum.values)
        defaults = {_toml(m.default) if m.default is not None else "none" for _, m in uses}
        if len(defaults) == 1:
            classes = ", ".join(c for c, _ in uses) + f" ({defaults.pop()})"
        else:
            classes = ", ".join(f"{c} ({_toml(m.default)})" for c, m in uses)
        rows.append(f"| `{name}` | {kind} | {classes} | {_cell(first.doc)} |")
    return "\n".join(rows)


def actions_list() -> str:
    return ", ".join(f"`{a}`" for a in sorted(PACK_ACTIONS)) + "."


TABLES: dict[str, Callable[[], str]] = {
    "pack": lambda: keys_table(M.PackFile),
    "levels": lambda: keys_table(M.LevelEntry),
    "endings": lambda: keys_table(M.EndingEntry),
    "verbs": lambda: keys_table(M.VerbEntry),
    "classes": classes_table,
    "properties": properties_table,
    "level": lambda: keys_table(M.LevelSection),
    "rooms": lambda: keys_table(M.RoomText),
    "things": lambda: keys_table(M.ThingText),
    "topics": lambda: keys_table(M.TopicText),
    "variants": lambda: keys_table(M.Variant),
    "conditions": lambda: forms_table(M.Condition, M.CONDITION_KINDS, "condition"),
    "effects": lambda: forms_table(M.Effect, M.EFFECT_KINDS, "effect"),
    "rules": lambda: keys_table(M.RuleEntry),
    "events": lambda: keys_table(M.EventEntry),
    "hints": lambda: keys_table(M.HintEntry),
    "actions": actions_list,
}


def update(text: str) -> str:
    """The guide with every generated block made anew; an unknown name is an error."""
    def block(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in TABLES:
            raise KeyError(f"unknown generated block {name!r}; known: {', '.join(TABLES)}")
        return f"{m.group(1)}{TABLES[name]()}\n{m.group(4)}"

    return _BLOCK.sub(block, text)


def blocks(text: str) -> list[str]:
    """The names of the generated blocks in a guide."""
    return [m.group(2) for m in _BLOCK.finditer(text)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["--write"], ["--check"]):
        print("usage: python -m game.packs.guide --write | --check", file=sys.stderr)
        return 2
    text = GUIDE.read_text(encoding="utf-8")
    new = update(text)
    if args == ["--check"]:
        if new != text:
            print(f"{GUIDE} is out of date: run python -m game.packs.guide --write",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"rewrote the generated tables of {GUIDE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
