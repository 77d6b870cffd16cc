"""The game's custom Tiled types: the classes of map objects (Room, Item, Door, ...) with their
properties, types and defaults, and the enums their properties use.

This is the one place they are declared.  From it come:

- the ``.tiled-project`` file that ``spotless new-pack`` writes, so that an author who opens
  the project in Tiled picks a class and gets typed, defaulted property fields;
- the defaults the loader merges into each object's properties (:func:`with_defaults`): Tiled
  writes ``class="Door"`` on an object but only the properties an author changed, so a map
  means what Tiled showed only when the game knows the same defaults;
- the tables of classes and properties in the authors' guide (``game.packs.guide``).

Tiled 1.8 introduced custom types in projects, 1.9 the object classes (older Tiled calls the
class "type"; the loader reads both).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from game.engine.world import DIRECTIONS

TiledType = Literal["bool", "string", "object"]


@dataclass(frozen=True)
class EnumType:
    """A Tiled enum: a property that holds one of ``values``, chosen from a list."""

    name: str
    values: tuple[str, ...]
    doc: str


@dataclass(frozen=True)
class Member:
    """A property of a class.  ``default`` None (for an object or an optional value) means
    "not set"; ``unset`` is an enum value that also means "not set"."""

    name: str
    type: TiledType
    default: bool | str | None
    doc: str
    enum: EnumType | None = None
    unset: str | None = None

    def but(self, default: bool | str | None) -> Member:
        """The same member with another default (``portable`` is true only for an Item)."""
        return Member(self.name, self.type, default, self.doc, self.enum, self.unset)


@dataclass(frozen=True)
class TiledClass:
    name: str
    layer: Literal["rooms", "things"]
    doc: str
    color: str  # Tiled's ARGB colour: the object is drawn in it
    members: tuple[Member, ...] = ()

    def member(self, name: str) -> Member | None:
        return next((m for m in self.members if m.name == name), None)


DIRECTION = EnumType(
    "Direction", ("auto", *DIRECTIONS),
    "a way to go; `auto`: from the wall the door or passage sits on",
)
GENDER = EnumType("Gender", ("he", "she", "they", "it"),
                  "the pronoun that refers to a person")
ENUMS = (DIRECTION, GENDER)

# -- the properties ------------------------------------------------------------------------------
PORTABLE = Member("portable", "bool", False, "can be picked up and carried")
HIDDEN = Member("hidden", "bool", False,
                'not in the world until a rule reveals it (`{ reveal = "NAME" }`) or moves it')
IN = Member("in", "object", None,
            "the Container, Supporter, Person or Player that holds it at the start (a room: "
            "it lies there wherever it is drawn)")
WORN = Member("worn", "bool", False, "worn by whoever holds it at the start")
WEARABLE = Member("wearable", "bool", False, "can be worn")
EDIBLE = Member("edible", "bool", False, "can be eaten (it is gone afterwards)")
DRINKABLE = Member("drinkable", "bool", False, "can be drunk (it is gone afterwards)")
SWITCHABLE = Member("switchable", "bool", False,
                    "has a switch: SWITCH ON and OFF work on it (a lamp, a radio)")
ON = Member("on", "bool", False, "switched on at the start (with switchable)")
OPENABLE = Member("openable", "bool", True, "can be opened and closed")
OPEN = Member("open", "bool", False, "open at the start")
LOCKED = Member("locked", "bool", False, "locked at the start (it can then be unlocked)")
KEY = Member("key", "object", None, "the thing that locks and unlocks it")
TRANSPARENT = Member("transparent", "bool", False,
                     "what is inside can be seen while it is closed")
SURVIVES = Member("survives", "bool", False,
                  "stays when the erasure dissolves its room (a memento, a keepsake)")
COMPANION = Member("companion", "string", None,
                   "a companion's identity, shared by her versions in every memory; she can be "
                   "asked to follow, wait and hide")
GENDER_MEMBER = Member("gender", "string", "they", "which pronoun refers to them",
                       enum=GENDER)
TO = Member("to", "object", None,
            "the room it leads to, for stairs, ladders and anything not on a shared border "
            "(then `direction` is required)")
DIRECTION_MEMBER = Member("direction", "string", "auto",
                          "the way it leads from its room (the way back is the opposite); "
                          "`auto`: from the wall it sits on", enum=DIRECTION, unset="auto")
INSIDE = Member("inside", "object", None,
                "one of the two rooms it joins: from the other room `in` leads into it, and "
                "from it `out` leads back")

CLASSES: tuple[TiledClass, ...] = (
    TiledClass("Room", "rooms", "a room: a rectangle or polygon covering its floor, in the "
               'layer "rooms" (the class may also be left empty)', "#ff8ab4f8"),
    TiledClass("Item", "things", "something Joel can pick up (an object with no class is an "
               "Item)", "#fff6c343",
               (PORTABLE.but(True), HIDDEN, IN, WORN, WEARABLE, EDIBLE, DRINKABLE, SURVIVES,
                SWITCHABLE, ON)),
    TiledClass("Scenery", "things", "part of the room: described but not listed, can't be "
               "taken", "#ff9aa0a6", (PORTABLE, HIDDEN, IN, SWITCHABLE, ON)),
    TiledClass("Container", "things", "holds things inside it (a box, a drawer, a bag)",
               "#ffe8a06a",
               (PORTABLE, HIDDEN, IN, OPENABLE, OPEN, LOCKED, KEY, TRANSPARENT, SURVIVES)),
    TiledClass("Supporter", "things", "holds things on top of it (a table, a shelf)",
               "#ffc58af9", (PORTABLE, HIDDEN, IN)),
    TiledClass("Person", "things", "someone to talk to", "#fff28b82",
               (HIDDEN, IN, GENDER_MEMBER, SURVIVES, COMPANION)),
    TiledClass("Door", "things", "joins two rooms; can be opened, closed and locked",
               "#ff81c995", (HIDDEN, OPENABLE, OPEN, LOCKED, KEY, TO, DIRECTION_MEMBER, INSIDE)),
    TiledClass("Passage", "things", "an opening that joins two rooms (an arch, stairs); always "
               "open", "#ff78d9ec", (HIDDEN, TO, DIRECTION_MEMBER, INSIDE)),
    TiledClass("Player", "things", "where Joel starts: one point object in the start level",
               "#ffffffff"),
)
BY_NAME = {c.name: c for c in CLASSES}


def tiled_class(name: str) -> TiledClass | None:
    """The class of an object; an empty class is a Room in the layer "rooms" and an Item in
    the layer "things"."""
    return BY_NAME.get(name)


def defaults(cls: str) -> dict[str, Any]:
    """The values of the properties an object of class ``cls`` has when Tiled stored none."""
    found = tiled_class(cls)
    if found is None:
        return {}
    return {m.name: m.default for m in found.members
            if m.default is not None and m.default != m.unset}


def with_defaults(cls: str, properties: dict[str, Any]) -> dict[str, Any]:
    """An object's properties with its class's defaults filled in, as Tiled shows them: the
    map stores only what an author changed.  A value that means "not set" (direction
    ``auto``) is left out."""
    found = tiled_class(cls)
    merged = {**defaults(cls), **properties}
    if found is not None:
        for m in found.members:
            if m.unset is not None and merged.get(m.name) == m.unset:
                del merged[m.name]
    return merged


# -- the .tiled-project file ---------------------------------------------------------------------
def _member_json(m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m.name, "type": m.type}
    if m.type == "object":
        out["value"] = 0  # Tiled's "no object"
    else:
        out["value"] = m.default if m.default is not None else ""
    if m.enum is not None:
        out["propertyType"] = m.enum.name
    return out


def property_types() -> list[dict[str, Any]]:
    """Tiled's ``propertyTypes``: the enums, then the classes, as Tiled itself saves them
    (members sorted by name)."""
    types: list[dict[str, Any]] = []
    next_id = 1
    for e in ENUMS:
        types.append({"id": next_id, "name": e.name, "type": "enum", "storageType": "string",
                      "values": list(e.values), "valuesAsFlags": False})
        next_id += 1
    for c in CLASSES:
        types.append({
            "id": next_id, "name": c.name, "type": "class", "color": c.color,
            "drawFill": True, "useAs": ["object"],
            "members": [_member_json(m) for m in sorted(c.members, key=lambda m: m.name)],
        })
        next_id += 1
    return types


def project() -> dict[str, Any]:
    """A Tiled project (``.tiled-project``) for a pack folder."""
    return {
        "automappingRulesFile": "",
        "commands": [],
        "extensionsPath": "extensions",
        "folders": ["."],
        "propertyTypes": property_types(),
    }


def project_text() -> str:
    """The project as Tiled writes it: JSON, keys sorted, four spaces."""
    return json.dumps(project(), indent=4, sort_keys=True, ensure_ascii=False) + "\n"
