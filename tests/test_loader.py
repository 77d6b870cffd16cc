"""The pack loader: every mistake an author can make is reported, all at once, naming the file,
the Tiled object (id and name) or the TOML key, what is wrong and how to fix it.

Each test copies the example pack tests/packs/house into tmp_path, breaks one thing, and looks
at the problems.  The house pack is read, not assumed: object ids and rule numbers are looked
up in its files, so the tests keep working when the pack grows.
"""

from __future__ import annotations

import re
import shutil
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import CORPUS, needs_corpus

from game.engine.world import World
from game.packs.loader import load_pack
from game.packs.models import LevelFile, PackFile
from game.packs.problems import PackError, Problem, Severity
from game.packs.report import _walk

HOUSE = Path(__file__).parent / "packs" / "house"


# -- building broken packs -----------------------------------------------------------------------
def house(tmp_path: Path) -> Path:
    pack = tmp_path / "house"
    shutil.copytree(HOUSE, pack)
    return pack


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit_map(pack: Path, change: Callable[[ET.Element], None], name: str = "house.tmx") -> None:
    tree = ET.parse(pack / name)
    change(tree.getroot())
    tree.write(pack / name, encoding="UTF-8", xml_declaration=True)


def layer(root: ET.Element, name: str) -> ET.Element:
    found = [g for g in root.iter("objectgroup") if g.get("name") == name]
    assert len(found) == 1, f"layer {name}"
    return found[0]


def obj(root: ET.Element, name: str) -> ET.Element:
    found = [o for o in root.iter("object") if o.get("name") == name]
    assert len(found) == 1, f"object {name}"
    return found[0]


def set_prop(o: ET.Element, name: str, value: str, kind: str | None = None) -> None:
    props = o.find("properties")
    if props is None:
        props = ET.SubElement(o, "properties")
    for p in props.findall("property"):
        if p.get("name") == name:
            props.remove(p)
    p = ET.SubElement(props, "property", name=name, value=value)
    if kind:
        p.set("type", kind)


def add_object(root: ET.Element, layer_name: str, name: str, x: float, y: float,
               w: float = 8, h: float = 8, cls: str = "") -> ET.Element:
    next_id = max(int(o.get("id", "0")) for o in root.iter("object")) + 1
    o = ET.SubElement(layer(root, layer_name), "object", id=str(next_id), name=name,
                      x=str(x), y=str(y), width=str(w), height=str(h))
    if cls:
        o.set("class", cls)
    return o


def label(pack: Path, name: str) -> str:
    """The label the loader gives a Tiled object of the house map."""
    root = ET.parse(pack / "house.tmx").getroot()
    for group in root.iter("objectgroup"):
        for o in group.findall("object"):
            if o.get("name") == name:
                return f'object {o.get("id")} "{name}" (layer {group.get("name")})'
    raise AssertionError(name)


def index_of(pack: Path, section: str, **match: str) -> int:
    """The index of the first [[rules]] / [[events]] entry with these keys."""
    data = tomllib.loads((pack / "house.toml").read_text(encoding="utf-8"))
    for i, entry in enumerate(data[section]):
        if all(entry.get(k) == v for k, v in match.items()):
            return i
    raise AssertionError(match)


# -- looking at problems -------------------------------------------------------------------------
def problems(pack: Path) -> list[Problem]:
    """The problems of a pack that must not load."""
    try:
        load_pack(pack)
    except PackError as exc:
        assert exc.errors, "PackError without errors"
        return exc.problems
    raise AssertionError("the broken pack loaded")


def errors(pack: Path) -> list[Problem]:
    return [p for p in problems(pack) if p.severity is Severity.ERROR]


def one(found: list[Problem], file: str | None = None, where: str | None = None,
        message: str = "", fix: str = "") -> Problem:
    """The one problem with this file name, where, message part and fix part."""
    hits = [p for p in found
            if (file is None or Path(p.file).name == file)
            and (where is None or p.where == where)
            and message in p.message and fix in p.fix]
    listing = "\n".join(str(p) for p in found)
    assert len(hits) == 1, f"{len(hits)} problems match; all problems:\n{listing}"
    return hits[0]


def exits(world: World, room: str) -> dict[str, tuple[str, str | None]]:
    r = world.rooms[f"house/{room}"]
    return {e.direction: (world.rooms[e.to].name,
                          world.things[e.via].name if e.via else None) for e in r.exits}


# -- the valid pack ------------------------------------------------------------------------------
def test_house_pack_loads_without_errors() -> None:
    world, found = load_pack(HOUSE)
    assert [p for p in found if p.severity is Severity.ERROR] == []
    assert world.start_room == "house/Hall"
    assert world.things["house/ring"].location == "house/box"
    assert world.things["house/coat"].location == "player"


def test_house_pack_exits_are_derived_from_doors_and_passages() -> None:
    world, _ = load_pack(HOUSE)
    hall, kitchen = exits(world, "Hall"), exits(world, "Kitchen")
    garden, cellar = exits(world, "Garden"), exits(world, "Cellar")
    # the arch on the border the hall and the kitchen share
    assert hall["east"] == ("Kitchen", "kitchen arch")
    assert kitchen["west"] == ("Hall", "kitchen arch")
    # the garden door, with inside = "Hall"
    assert hall["south"] == ("Garden", "garden door")
    assert garden["north"] == ("Hall", "garden door")
    assert garden["in"] == ("Hall", "garden door")
    assert hall["out"] == ("Garden", "garden door")
    # the stairs: to = "Cellar", direction = "down"
    assert kitchen["down"] == ("Cellar", "stairs")
    assert cellar["up"] == ("Kitchen", "stairs")
    door = world.things["house/garden door"]
    assert set(door.connects) == {"house/Hall", "house/Garden"}


# -- TOML files ----------------------------------------------------------------------------------
def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    pack = house(tmp_path)
    text = (pack / "house.toml").read_text(encoding="utf-8")
    line = text.splitlines().index('description = "A cold cellar. Stairs lead up."') + 1
    replace(pack / "house.toml", '"A cold cellar. Stairs lead up."', '"A cold cellar.')
    found = problems(pack)
    p = one(found, "house.toml", f"line {line}", "TOML syntax error")
    assert "quote missing" in p.message
    assert f"line {line}" in p.fix
    # the file could not be read: no warnings about descriptions it would have had
    assert [q for q in found if "description" in q.message] == []


def test_unknown_key_in_pack_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    replace(pack / "pack.toml", "description =", "descripton =")
    p = one(errors(pack), "pack.toml", "descripton", 'unknown key "descripton"')
    assert 'did you mean "description"?' in p.fix
    assert "credits" in p.fix  # the keys allowed there are listed


def test_unknown_key_in_level_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    replace(pack / "house.toml", 'description = "A cold cellar.', 'descripton = "A cold cellar.')
    found = problems(pack)
    p = one(found, "house.toml", 'rooms."Cellar".descripton', 'unknown key "descripton"')
    assert p.line == 22  # [rooms.Cellar] is line 21
    assert str(p).endswith('house.toml:22: rooms."Cellar".descripton: unknown key "descripton". '
                           'Fix: did you mean "description"? (keys here: title, description, '
                           'stages, dark, details)')
    # the broken table is reported once, not also as "the room has no description"
    assert [q for q in found if q.where == 'rooms."Cellar"'] == []


def test_unknown_table_in_level_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    append(pack / "house.toml", '\n[thing.lamp]\ndescription = "x"\n')
    p = one(errors(pack), "house.toml", "thing", 'unknown table "thing"')
    assert p.fix == 'did you mean "things"?'


def test_unknown_key_in_a_condition(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="jump")
    replace(pack / "house.toml", 'when = { room = "Cellar" }', 'when = { rom = "Cellar" }')
    p = one(errors(pack), "house.toml", f"rules[{i}].when.rom", 'unknown key "rom"')
    assert 'did you mean "room"?' in p.fix


def test_unknown_key_in_an_effect(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="push", object="lamp")
    replace(pack / "house.toml", '{ set = "lamp-lit" }', '{ sett = "lamp-lit" }')
    p = one(errors(pack), "house.toml", f"rules[{i}].do[0].sett", 'unknown key "sett"')
    assert 'did you mean "set"?' in p.fix


def test_unknown_key_in_a_text_variant_is_reported_once(tmp_path: Path) -> None:
    pack = house(tmp_path)
    replace(pack / "house.toml", '{ text = "A plain kitchen', '{ txt = "A plain kitchen')
    found = errors(pack)
    p = one(found, "house.toml", 'rooms."Kitchen".description[1].txt', 'unknown key "txt"')
    assert 'did you mean "text"?' in p.fix
    # not also "text is missing" nor "description should be a string"
    assert len(found) == 1, "\n".join(map(str, found))


def test_unknown_key_in_a_nested_condition(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="look_under")
    replace(pack / "house.toml", 'when = { not = { moved = "coin" } }\nsay = "Under',
            'when = { not = { moverd = "coin" } }\nsay = "Under')
    one(errors(pack), "house.toml", f"rules[{i}].when.not.moverd", 'unknown key "moverd"',
        'did you mean "moved"?')


@pytest.mark.parametrize(("old", "new", "key", "message", "fix"), [
    ('phase = "report"', 'phase = "report"\nonce = "yes"', "once",
     'expected true or false, found the text "yes"', "once = true"),
    ("do = [{ points = 1 }]", 'do = [{ points = "one" }]', "events[0].do[0].points",
     'expected a whole number, found the text "one"', "points = 1"),
    ('description = "A cold cellar. Stairs lead up."', "description = 5",
     'rooms."Cellar".description', "expected a text in quotes, or a list of variants",
     'description = "..."'),
    ('when = { room = "Cellar" }', 'when = 5', "when",
     "expected a condition: a table { ... } or the name of one in quotes, found the number 5",
     "when = { ... }"),
    ('do = [{ set = "lamp-lit" }]', 'do = { set = "lamp-lit" }', "do",
     "expected a list [ ... ], found a table", "do = [ ... ]"),
    ('when = { room = "Cellar" }', 'when = { where = "lamp", in = 5 }', "when.in",
     'expected a text in quotes, or a list of texts [ "...", "..." ], found the number 5',
     'in = "..."'),
    ('phase = "report"', 'phase = "later"', "phase",
     'the text "later" is not allowed here',
     'use one of "before", "instead", "after" or "report"'),
])
def test_wrong_types_in_level_toml(tmp_path: Path, old: str, new: str, key: str, message: str,
                                   fix: str) -> None:
    pack = house(tmp_path)
    replace(pack / "house.toml", old, new)
    p = one(errors(pack), "house.toml", None, message)
    assert p.where.endswith(key)
    assert fix in p.fix


def test_wrong_type_in_pack_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    replace(pack / "pack.toml", 'authors = ["Spotless Mind tests"]',
            'authors = "Spotless Mind tests"')
    one(errors(pack), "pack.toml", "authors",
        'expected a list [ ... ], found the text "Spotless Mind tests"', "authors = [ ... ]")


def test_bad_pack_id_and_format(tmp_path: Path) -> None:
    pack = house(tmp_path)
    replace(pack / "pack.toml", 'id = "house"', 'id = "My House"')
    replace(pack / "pack.toml", "format = 1", "format = 2")
    found = errors(pack)
    one(found, "pack.toml", "id", '"My House" is not a valid id', "lowercase letters")
    one(found, "pack.toml", "format", "the number 2 is not allowed here", "use 1")


def test_missing_key(tmp_path: Path) -> None:
    pack = house(tmp_path)
    append(pack / "house.toml", '\n[[events]]\nsay = "Nothing happens."\n')
    n = len(tomllib.loads((pack / "house.toml").read_text(encoding="utf-8"))["events"])
    one(errors(pack), "house.toml", f"events[{n - 1}]", 'the key "when" is missing',
        "add when = { ... }")


def test_condition_with_two_kinds(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="jump")
    replace(pack / "house.toml", 'when = { room = "Cellar" }',
            'when = { room = "Cellar", flag = "x" }')
    one(errors(pack), "house.toml", f"rules[{i}].when", "one condition has flag and room",
        "{ all = [")


def test_effect_move_without_to(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="push", object="lamp")
    replace(pack / "house.toml", '{ set = "lamp-lit" }', '{ move = "lamp" }')
    one(errors(pack), "house.toml", f"rules[{i}].do[0]", '"move" needs "to"',
        'write { move = "thing", to = "place" }')


def test_broken_rule_does_not_hide_the_others(tmp_path: Path) -> None:
    pack = house(tmp_path)
    jump = index_of(pack, "rules", action="jump")
    give = index_of(pack, "rules", action="give")
    replace(pack / "house.toml", 'phase = "before"', 'phase = "beforehand"')
    replace(pack / "house.toml", 'object = "coin"\nsecond = "Mary"',
            'object = "coin"\nsecond = "Marry"')
    found = errors(pack)
    one(found, "house.toml", f"rules[{jump}].phase", "not allowed here")
    one(found, "house.toml", f"rules[{give}].second", '"Marry" is not a thing',
        'did you mean "Mary"?')


# -- files ---------------------------------------------------------------------------------------
def test_missing_map_file(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "house.tmx").unlink()
    found = problems(pack)
    p = one(found, "house.tmx", "", "the map file is missing")
    assert "Tiled" in p.fix and "house.tmx" in p.fix
    assert len(found) == 1, "\n".join(map(str, found))


def test_a_json_map_is_the_level_map_when_there_is_no_tmx(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "house.tmx").unlink()
    (pack / "house.tmj").write_text('{"type": "map", "orientation": "orthogonal"}',
                                    encoding="utf-8")
    # read as the map: what is wrong with it is said, nothing about a missing house.tmx
    found = errors(pack)
    one(found, "house.tmj", "", "the map has no size")
    assert not [p for p in found if Path(p.file).name == "house.tmx"]


def test_missing_level_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "house.toml").unlink()
    found = problems(pack)
    one(found, "house.toml", "", "the file is missing", "create house.toml")
    # one problem, not also a warning for every room and thing without its text
    assert len(found) == 1, "\n".join(map(str, found))


def test_missing_pack_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "pack.toml").unlink()
    one(errors(pack), "pack.toml", "", "the file is missing", "create pack.toml")


def test_start_level_not_in_levels(tmp_path: Path) -> None:
    pack = house(tmp_path)
    replace(pack / "pack.toml", 'start = "house"', 'start = "hose"')
    one(errors(pack), "pack.toml", "start", 'the start level "hose" is not in [[levels]]',
        'did you mean "house"?')


def test_end_effect_names_an_ending_not_in_pack_toml(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="give")
    replace(pack / "house.toml", '{ end = "happy" }', '{ end = "hapy" }')
    data = tomllib.loads((pack / "house.toml").read_text(encoding="utf-8"))
    j = next(k for k, e in enumerate(data["rules"][i]["do"]) if "end" in e)
    one(errors(pack), "house.toml", f"rules[{i}].do[{j}].end",
        'there is no ending "hapy" in pack.toml', 'did you mean "happy"?')


def test_toml_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    pack = house(tmp_path)
    path = pack / "house.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    world, _ = load_pack(pack)
    assert world.levels["house"].intro


def test_toml_nested_too_deeply(tmp_path: Path) -> None:
    pack = house(tmp_path)
    deep = "{ not = " * 400 + '{ flag = "a" }' + " }" * 400
    append(pack / "house.toml", f'\n[[hints]]\nwhen = {deep}\ntext = "x"\n')
    one(errors(pack), "house.toml", "", "nested too deeply")


def test_map_that_is_not_a_readable_file(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "house.tmx").unlink()
    (pack / "house.tmx").mkdir()
    one(errors(pack), "house.tmx", "", "the map can't be read")


def test_map_in_utf16_is_refused(tmp_path: Path) -> None:
    pack = house(tmp_path)
    path = pack / "house.tmx"
    text = path.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(text.encode("utf-16"))
    one(errors(pack), "house.tmx", "", "the map is not UTF-8 text", "save it again")


# -- the map -------------------------------------------------------------------------------------
def test_map_without_rooms_layer(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: layer(r, "rooms").set("name", "zones"))
    p = one(errors(pack), "house.tmx", "", 'the map has no object layer named "rooms"')
    assert "Object Layer" in p.fix


def test_rooms_layer_with_the_wrong_case(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: layer(r, "rooms").set("name", "Rooms"))
    one(errors(pack), "house.tmx", "", 'no object layer named "rooms"',
        'rename the layer "Rooms" to "rooms" (layer names are case-sensitive)')


def test_rooms_layer_that_is_a_tile_layer(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        layer(root, "rooms").set("name", "old rooms")
        tiles = ET.SubElement(root, "layer", id="9", name="rooms", width="30", height="20")
        ET.SubElement(tiles, "data", encoding="csv").text = ",".join(["0"] * 600)

    edit_map(pack, change)
    one(errors(pack), "house.tmx", 'layer "rooms"', "is a tile layer, not an object layer")


def test_rooms_layer_with_no_objects(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        rooms = layer(root, "rooms")
        for o in list(rooms):
            rooms.remove(o)

    edit_map(pack, change)
    one(errors(pack), "house.tmx", 'layer "rooms"', 'the layer "rooms" has no objects',
        "draw a rectangle or polygon")


def test_thing_outside_every_room(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: obj(r, "apple").set("y", "2000"))
    p = one(errors(pack), "house.tmx", label(pack, "apple"), "it is outside every room")
    assert 'property "in"' in p.fix


def test_thing_in_two_overlapping_rooms(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        add_object(root, "rooms", "Pantry", 120, 20, 80, 40)  # across the hall and kitchen
        add_object(root, "things", "jar", 126, 26)  # centre (130, 30): hall and pantry

    edit_map(pack, change)
    found = errors(pack)
    one(found, "house.tmx", label(pack, "jar"),
        'it lies in more than one room ("Hall" and "Pantry")')
    one(found, "house.tmx", label(pack, "Pantry"), 'the room overlaps the room "Hall"',
        "may share a border but not overlap")
    one(found, "house.tmx", label(pack, "Pantry"), 'the room overlaps the room "Kitchen"')


def test_rooms_that_only_touch_do_not_overlap() -> None:
    world, _ = load_pack(HOUSE)  # the house's rooms share borders
    assert len(world.rooms) >= 4


def test_duplicate_object_names(tmp_path: Path) -> None:
    pack = house(tmp_path)
    first = label(pack, "red key")
    second_id = label(pack, "blue key").split()[1]
    edit_map(pack, lambda r: obj(r, "blue key").set("name", "red key"))
    first_id = first.split()[1]
    p = one(errors(pack), "house.tmx", f'object {second_id} "red key" (layer things)',
            f'the name "red key" is also used by object {first_id}')
    assert "unique" in p.fix


def test_unnamed_object(tmp_path: Path) -> None:
    pack = house(tmp_path)
    oid = label(pack, "apple").split()[1]
    edit_map(pack, lambda r: obj(r, "apple").attrib.pop("name"))
    one(errors(pack), "house.tmx", f"object {oid} (no name, layer things)",
        "the object has no name", "Properties panel")


def test_unknown_class_with_a_did_you_mean(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: obj(r, "table").set("class", "Suporter"))
    found = errors(pack)
    p = one(found, "house.tmx", label(pack, "table"), 'unknown class "Suporter"')
    assert p.fix.startswith('did you mean "Supporter"?')
    # the lamp on the table and [things.table] are fine: no second-hand errors
    assert len(found) == 1, "\n".join(map(str, found))


def test_old_type_attribute_is_read_as_the_class(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        table = obj(root, "table")
        table.attrib.pop("class")
        table.set("type", "Supporter")

    edit_map(pack, change)
    world, _ = load_pack(pack)
    assert world.things["house/table"].kind.value == "Supporter"


def test_unknown_tiled_property(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "Mary"), "gendre", "she"))
    p = one(errors(pack), "house.tmx", label(pack, "Mary"), 'unknown property "gendre"')
    assert p.fix.startswith('did you mean "gender"?')
    assert "portable" in p.fix  # the properties are listed


def test_wrong_tiled_property_value(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "stairs"), "direction", "downward"))
    found = errors(pack)
    one(found, "house.tmx", label(pack, "stairs"),
        'property "direction": the text "downward" is not allowed here', '"up", "down"')
    # the cellar is cut off by the broken stairs, which is not a second problem
    assert len(found) == 1, "\n".join(map(str, found))


def test_tiled_property_of_the_wrong_type(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "apple"), "edible", "maybe", "bool"))
    one(errors(pack), "house.tmx", label(pack, "apple"),
        'the property "edible" has the type bool, but its value "maybe" is not a bool')


def test_door_not_on_a_border(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: obj(r, "garden door").set("y", "100"))  # inside the hall
    found = errors(pack)
    p = one(found, "house.tmx", label(pack, "garden door"),
            'a door must sit on the border of exactly two rooms (it touches "Hall")')
    assert 'properties "to" and "direction"' in p.fix
    assert len(found) == 1, "\n".join(map(str, found))


def test_passage_to_a_missing_room(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "stairs"), "to", "Celar"))
    found = errors(pack)
    p = one(found, "house.tmx", label(pack, "stairs"))
    assert str(p).endswith(f'house.tmx: {label(pack, "stairs")}: it leads to "Celar", which '
                           'is not a room of this level. Fix: did you mean "Cellar"?')
    assert len(found) == 1, "\n".join(map(str, found))  # no "the Cellar can't be reached"


def test_passage_with_to_but_no_direction(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        props = obj(root, "stairs").find("properties")
        assert props is not None
        for p in props.findall("property"):
            if p.get("name") == "direction":
                props.remove(p)

    edit_map(pack, change)
    one(errors(pack), "house.tmx", label(pack, "stairs"),
        'it leads to "Cellar" but has no direction', 'add the property "direction"')


def test_inside_naming_a_room_the_door_does_not_join(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "garden door"), "inside", "Kitchen"))
    one(errors(pack), "house.tmx", label(pack, "garden door"),
        '"inside" names "Kitchen", which this door does not join', 'use "Hall" or "Garden"')


def test_unreachable_room(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: add_object(r, "rooms", "Attic", 1000, 1000, 100, 100))
    append(pack / "house.toml", '\n[rooms.Attic]\ndescription = "Dust."\n')
    p = one(errors(pack), "house.tmx", label(pack, "Attic"),
            'the room can\'t be reached from "Hall"')
    assert "Door or Passage" in p.fix


def test_locked_without_key_warns_unless_a_rule_unlocks_it(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        props = obj(root, "chest").find("properties")
        assert props is not None
        for p in props.findall("property"):
            if p.get("name") == "key":
                props.remove(p)

    edit_map(pack, change)
    _, found = load_pack(pack)
    p = one(found, "house.tmx", label(pack, "chest"), "it is locked, has no key, and no rule "
            "unlocks it", '{ unlock = "chest" }')
    assert p.severity is Severity.WARNING
    append(pack / "house.toml", '\n[[rules]]\naction = "push"\nobject = "chest"\n'
           'say = "Click."\ndo = [{ unlock = "chest" }]\n')
    _, found = load_pack(pack)
    assert [q for q in found if q.where == label(pack, "chest")] == []


def test_door_with_to_drawn_on_the_border(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        set_prop(obj(root, "kitchen arch"), "to", "Kitchen")
        set_prop(obj(root, "kitchen arch"), "direction", "northeast")

    edit_map(pack, change)
    world, _ = load_pack(pack)
    assert exits(world, "Hall")["northeast"] == ("Kitchen", "kitchen arch")
    assert exits(world, "Kitchen")["southwest"] == ("Hall", "kitchen arch")


def test_key_property_naming_a_missing_thing(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "chest"), "key", "blue kye"))
    one(errors(pack), "house.tmx", label(pack, "chest"),
        'its key "blue kye" is not a thing of this level', 'did you mean "blue key"?')


def test_in_property_naming_a_missing_thing(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "ring"), "in", "bx"))
    one(errors(pack), "house.tmx", label(pack, "ring"),
        '"in" names "bx", which is not a thing of this level', 'did you mean "box"?')


def test_in_property_naming_a_thing_that_holds_nothing(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "ring"), "in", "apple"))
    one(errors(pack), "house.tmx", label(pack, "ring"), '"in" names "apple", which is an Item',
        "Container or Supporter")


def test_things_inside_each_other(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "box"), "in", "chest"))
    edit_map(pack, lambda r: set_prop(obj(r, "chest"), "in", "box"))
    found = errors(pack)
    p = one(found, "house.tmx", None, "things are inside each other in a circle")
    assert '"box"' in p.message and '"chest"' in p.message


def test_no_player_in_the_start_level(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: obj(r, "Joel").set("class", "Item"))
    one(errors(pack), "house.tmx", 'layer "things"', "the start level has no Player object",
        'class "Player"')


def test_two_player_objects(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: add_object(r, "things", "Joel 2", 20, 20, 0, 0, "Player"))
    one(errors(pack), "house.tmx", label(pack, "Joel 2"), "more than one Player object")


def test_room_drawn_as_a_polyline(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        attic = add_object(root, "rooms", "Attic", 1000, 1000, 0, 0)
        ET.SubElement(attic, "polyline", points="0,0 100,0 100,100")

    edit_map(pack, change)
    one(errors(pack), "house.tmx", label(pack, "Attic"), "not a polyline")


# -- references from the text --------------------------------------------------------------------
def test_rule_naming_an_unknown_action(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="jump")
    replace(pack / "house.toml", 'action = "jump"', 'action = "jmup"')
    one(errors(pack), "house.toml", f"rules[{i}].action", 'unknown action "jmup"',
        'did you mean "jump"?')


@pytest.mark.parametrize(("old", "new", "section", "match", "key", "name", "guess"), [
    ('object = "rug"', 'object = "rugg"', "rules", {"action": "look_under"}, "object",
     "rugg", "rug"),
    ('when = { worn = "ring" }', 'when = { worn = "rnig" }', "events", {}, "when.worn",
     "rnig", "ring"),
    ('{ reveal = "coin" }', '{ reveal = "con" }', "rules", {"action": "look_under"},
     "do[0].reveal", "con", "coin"),
    ('when = { room = "Cellar" }', 'when = { room = "Celar" }', "rules", {"action": "jump"},
     "when.room", "Celar", "Cellar"),
])
def test_rule_condition_or_effect_naming_an_unknown_thing(
        tmp_path: Path, old: str, new: str, section: str, match: dict[str, str], key: str,
        name: str, guess: str) -> None:
    pack = house(tmp_path)
    i = index_of(pack, section, **match)
    replace(pack / "house.toml", old, new)
    p = one(errors(pack), "house.toml", f"{section}[{i}].{key}", f'"{name}" is not a')
    assert p.fix == f'did you mean "{guess}"?'


def test_text_key_that_names_no_object(tmp_path: Path) -> None:
    pack = house(tmp_path)
    append(pack / "house.toml", '\n[things."lamq"]\ndescription = "A lamp."\n')
    p = one(errors(pack), "house.toml", 'things."lamq"', 'there is no thing "lamq" in house.tmx')
    assert p.fix == 'did you mean "lamp"?'


def test_text_of_a_room_under_things(tmp_path: Path) -> None:
    pack = house(tmp_path)
    append(pack / "house.toml", '\n[things.Garden]\ndescription = "Green."\n')
    one(errors(pack), "house.toml", 'things."Garden"', '"Garden" is a room, not a thing',
        '[rooms."Garden"]')


def test_an_old_plain_doctype_is_harmless_and_read(tmp_path: Path) -> None:
    """Old Tiled wrote a DOCTYPE that only names the DTD; nothing in it can expand."""
    pack = house(tmp_path)
    path = pack / "house.tmx"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<map ", '<!DOCTYPE map SYSTEM '
                                 '"http://mapeditor.org/dtd/1.0/map.dtd">\n<map ', 1),
                    encoding="utf-8")
    world, _ = load_pack(pack)
    assert "house/Hall" in world.rooms


# -- maps the game refuses -----------------------------------------------------------------------
@pytest.mark.parametrize(("change", "message", "fix"), [
    (lambda t: '{"type": "map",\n "orientation": orthogonal}',
     "the map is not valid JSON (line 2, column 17: Expecting value)", "text editor"),
    (lambda t: t.replace('infinite="0"', 'infinite="1"'), "infinite maps are not supported",
     "untick Infinite"),
    (lambda t: t.replace('orientation="orthogonal"', 'orientation="isometric"'),
     "isometric maps are not supported", "Orientation to Orthogonal"),
    (lambda t: t.replace("<map ", '<!DOCTYPE map SYSTEM "map.dtd" [<!ELEMENT map ANY>]>'
                         "\n<map ", 1), "DOCTYPE or ENTITY declaration", "save it again"),
    (lambda t: t.replace("<map ", '<!DOCTYPE map [<!ENTITY lol "lol">]>\n<map ', 1),
     "DOCTYPE or ENTITY declaration", "save it again"),
    (lambda t: t.replace("</map>", ""), "not well-formed XML (line", "save it again"),
])
def test_maps_the_game_refuses(tmp_path: Path, change: Callable[[str], str], message: str,
                               fix: str) -> None:
    pack = house(tmp_path)
    path = pack / "house.tmx"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    found = problems(pack)
    p = one(found, "house.tmx", "", message)
    assert fix in p.fix
    assert len(found) == 1, "\n".join(map(str, found))


def test_tileset_outside_the_pack_or_missing(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (tmp_path / "shared.tsx").write_text('<tileset name="s" tilewidth="16" tileheight="16"/>',
                                         encoding="utf-8")

    def change(root: ET.Element) -> None:
        root.insert(0, ET.Element("tileset", firstgid="1", source="../shared.tsx"))
        root.insert(1, ET.Element("tileset", firstgid="100", source="tiles/gone.tsx"))

    edit_map(pack, change)
    found = errors(pack)
    one(found, "house.tmx", 'tileset "../shared.tsx"', "lies outside the pack folder",
        "copy it into the pack folder")
    one(found, "house.tmx", 'tileset "tiles/gone.tsx"', "does not exist", "fix the path")


def test_tileset_image_missing(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        ts = ET.Element("tileset", firstgid="1", name="walls", tilewidth="16",
                        tileheight="16", tilecount="4", columns="2")
        ET.SubElement(ts, "image", source="walls.png", width="32", height="32")
        root.insert(0, ts)

    edit_map(pack, change)
    one(errors(pack), "house.tmx", 'tileset "walls"', 'the image "walls.png" does not exist')


def test_class_property_refused(tmp_path: Path) -> None:
    pack = house(tmp_path)
    edit_map(pack, lambda r: set_prop(obj(r, "apple"), "colour", "", "class"))
    one(errors(pack), "house.tmx", label(pack, "apple"),
        'the property "colour" has the type "class"', "plain properties")


# -- what Tiled does that pytmx does not -----------------------------------------------------------
def test_object_template(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "vase.tx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<template>\n'
        ' <object name="vase" type="Scenery" width="8" height="8">\n'
        '  <properties><property name="portable" type="bool" value="true"/></properties>\n'
        " </object>\n</template>\n", encoding="utf-8")

    def change(root: ET.Element) -> None:
        o = add_object(root, "things", "", 40, 60)
        for key in ("name", "width", "height"):
            o.attrib.pop(key)
        o.set("template", "vase.tx")

    edit_map(pack, change)
    append(pack / "house.toml", '\n[things.vase]\ndescription = "A blue vase."\n')
    world, _ = load_pack(pack)
    vase = world.things["house/vase"]
    assert (vase.kind.value, vase.location, vase.portable) == ("Scenery", "house/Hall", True)


def test_missing_template(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        add_object(root, "things", "vase", 40, 60).set("template", "vase.tx")

    edit_map(pack, change)
    one(errors(pack), "house.tmx", label(pack, "vase"), 'the template "vase.tx" does not exist')


def test_object_property_pointing_at_an_object(tmp_path: Path) -> None:
    pack = house(tmp_path)
    box_id = label(pack, "box").split()[1]
    edit_map(pack, lambda r: set_prop(obj(r, "ring"), "in", box_id, "object"))
    world, _ = load_pack(pack)
    assert world.things["house/ring"].location == "house/box"


def test_rotated_room_and_group_layer_offsets(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        # the attic: a 100x100 square turned by 90 degrees about (1100, 1000), so it covers
        # x 1000..1100, y 1000..1100; its ladder down sits in it.
        attic = add_object(root, "rooms", "Attic", 1100, 1000, 100, 100)
        attic.set("rotation", "90")
        ladder = add_object(root, "things", "loft ladder", 1040, 1040, cls="Passage")
        set_prop(ladder, "to", "Hall")
        set_prop(ladder, "direction", "down")

    edit_map(pack, change)
    append(pack / "house.toml", '\n[rooms.Attic]\ndescription = "Dust."\n'
           '[things."loft ladder"]\ndescription = "A ladder."\n')
    world, _ = load_pack(pack)
    assert world.things["house/loft ladder"].location == "house/Attic"
    assert exits(world, "Hall")["up"] == ("Attic", "loft ladder")


# -- everything at once --------------------------------------------------------------------------
def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    pack = house(tmp_path)
    i = index_of(pack, "rules", action="jump")
    replace(pack / "pack.toml", "description =", "descripton =")
    edit_map(pack, lambda r: obj(r, "table").set("class", "Suporter"))
    replace(pack / "house.toml", 'action = "jump"', 'action = "jmup"')
    found = errors(pack)
    one(found, "pack.toml", "descripton", 'unknown key "descripton"')
    one(found, "house.tmx", label(pack, "table"), 'unknown class "Suporter"')
    one(found, "house.toml", f"rules[{i}].action", 'unknown action "jmup"')
    assert len(found) == 3, "\n".join(map(str, found))


def test_many_problems_in_one_map_are_reported_at_once(tmp_path: Path) -> None:
    pack = house(tmp_path)

    def change(root: ET.Element) -> None:
        obj(root, "apple").set("y", "2000")
        set_prop(obj(root, "Mary"), "gendre", "she")
        set_prop(obj(root, "chest"), "key", "blue kye")

    edit_map(pack, change)
    append(pack / "house.toml", '\n[things."lamq"]\ndescription = "A lamp."\n')
    found = errors(pack)
    one(found, "house.tmx", label(pack, "apple"), "outside every room")
    one(found, "house.tmx", label(pack, "Mary"), 'unknown property "gendre"')
    one(found, "house.tmx", label(pack, "chest"), 'its key "blue kye"')
    one(found, "house.toml", 'things."lamq"', 'there is no thing "lamq"')
    assert len(found) == 4, "\n".join(map(str, found))


def test_problem_renders_file_where_message_and_fix() -> None:
    p = Problem("house.tmx", 'object 13 "stairs" (layer things)', "it is broken", "mend it")
    assert str(p) == 'house.tmx: object 13 "stairs" (layer things): it is broken. Fix: mend it'
    w = Problem("house.toml", "", "odd", severity=Severity.WARNING)
    assert str(w) == "house.toml: warning: odd"


@pytest.mark.parametrize(("model", "loc", "path"), [
    (LevelFile, ("rules", 2, "do", 0, "move"), "rules[2].do[0].move"),
    (LevelFile, ("rooms", "Kitchen", "description", "list", 1, "when", "flg"),
     'rooms."Kitchen".description[1].when.flg'),
    (LevelFile, ("things", "red key", "topics", 0, "text", "str"),
     'things."red key".topics[0].text'),
    (LevelFile, ("events", 0, "when", "not", "all", 1, "in", "list", 0),
     "events[0].when.not.all[1].in[0]"),
    (PackFile, ("endings", "happy", "title"), 'endings."happy".title'),
])
def test_key_paths_read_like_toml(model: type, loc: tuple[object, ...], path: str) -> None:
    assert _walk(model, loc)[0] == path


# -- the Tiled corpus ----------------------------------------------------------------------------
def _corpus_maps() -> list[tuple[str, str, str]]:
    """(source folder, map path, features) for every map in the corpus MANIFEST."""
    manifest = CORPUS / "MANIFEST.md"
    if not manifest.is_file():
        return []
    maps, section = [], None
    for line in manifest.read_text(encoding="utf-8").splitlines():
        m = re.match(r"## `([^`]+)/`", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"\| `([^`]+)` \|[^|]*\|[^|]*\|([^|]*)\|", line)
        if m and section:
            maps.append((section, m.group(1), m.group(2).strip()))
    return maps


SPECIFIC = re.compile("|".join([
    r'the map has no object layer named "(rooms|things)"',
    r"infinite maps are not supported",
    r"\w+ maps are not supported; the game reads only orthogonal maps",
    r"DOCTYPE or ENTITY declaration", r"lies outside the pack folder", r"does not exist",
    r"is not a Tiled tileset file", r"is compressed with", r"stores its tiles as XML",
    r'has the type "(class|list)"', r"the image layer has no image",
    r"the tileset image has no width and height", r"the objects have no ids",
]))


@needs_corpus
@pytest.mark.parametrize(("section", "rel", "features"), _corpus_maps(),
                         ids=[f"{s}/{r}" for s, r, _ in _corpus_maps()])
def test_corpus_map_loads_or_is_refused_with_a_reason(tmp_path: Path, section: str, rel: str,
                                                      features: str) -> None:
    shutil.copytree(CORPUS / section, tmp_path / section)
    folder = (tmp_path / section / rel).parent
    name = "corpus-map" + (".tmj" if rel.endswith(".json") else ".tmx")  # a JSON map: .tmj
    shutil.copy(tmp_path / section / rel, folder / name)
    (folder / "pack.toml").write_text(
        'format = 1\nid = "corpus"\ntitle = "Corpus"\nversion = "1"\nauthors = ["tests"]\n'
        'languages = ["en"]\nstart = "corpus-map"\n\n[[levels]]\nid = "corpus-map"\n'
        'title = "A corpus map"\n', encoding="utf-8")
    (folder / "corpus-map.toml").write_text("", encoding="utf-8")
    try:
        load_pack(folder)
    except PackError as exc:
        found = exc.errors
    else:
        return
    listing = "\n".join(map(str, found))
    assert found
    for p in found:
        assert Path(p.file).name == name, listing
        assert SPECIFIC.search(p.message), f"an unexplained refusal:\n{listing}"
        assert p.fix, listing
    feats = {f.strip() for f in features.split("—")[0].split(",")}
    if "infinite" in feats:
        one(found, None, "", "infinite maps are not supported", "untick Infinite")
    for orientation in ("isometric", "staggered", "hexagonal", "oblique"):
        if orientation in feats:
            one(found, None, "", f"{orientation} maps are not supported",
                "Orientation to Orthogonal")

