"""A pack's own words for the game's messages (``[messages]`` in pack.toml or a level's TOML):
each id must be one of the catalogue's, and a text may use only the fields the game fills in
for that message, so an override can never break a sentence at play time."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from game.engine.messages import catalogue_ids, template_of
from game.packs.report import Collector, closest_name, quote


def fields_of(template: str) -> set[str] | None:
    """The {fields} a text uses; None when its braces are wrong."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return None


def check_messages(messages: dict[str, Any], path: Path | str, c: Collector
                   ) -> dict[str, Any]:
    """The overrides that are right (a text, or a list of variants); every wrong one is
    reported with a fix."""
    known = catalogue_ids()
    good: dict[str, Any] = {}
    for msg_id, value in messages.items():
        where = f"messages.{quote(msg_id)}"
        if msg_id not in known:
            section = msg_id.split(".", 1)[0]
            pool = sorted(k for k in known if k.startswith(section + ".")) or sorted(known)
            guess = closest_name(msg_id, pool)
            c.error(path, where, f'there is no message "{msg_id}"',
                    f'did you mean "{guess}"?' if guess else
                    "use an id of game/engine/lang/en.toml, like \"look.exits\"")
            continue
        texts = [(where, value)] if isinstance(value, str) else [
            (f"{where}[{i}].text", v.text) for i, v in enumerate(value)]
        if all(_fits(msg_id, text, at, c, path) for at, text in texts):
            good[msg_id] = value
    return good


def _fits(msg_id: str, text: str, where: str, c: Collector, path: Path | str) -> bool:
    used = fields_of(text)
    allowed = fields_of(template_of(msg_id)) or set()
    if used is None:
        c.error(path, where, "a brace { or } is not closed",
                "write {{ and }} for a brace itself; a field is written {name}")
        return False
    extra = sorted(used - allowed)
    if extra:
        offered = ", ".join("{" + f + "}" for f in sorted(allowed)) or "none"
        c.error(path, where, f"the message has no field {{{extra[0]}}}",
                f"the fields of this message are: {offered}")
        return False
    return True
