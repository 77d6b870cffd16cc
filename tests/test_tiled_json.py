"""Tiled's JSON formats as an author uses them: a level whose map is LEVEL.tmj, JSON tilesets
(.tsj) and templates (.tj), mixed with XML ones, read into the same model as the XML they stand
for; broken JSON refused with its place and a fix.  (Real JSON maps from the corpus are checked
in test_tiled_corpus.py, hostile ones in tests/hostile/cases.py.)"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hostile.build import TILESET, map_json, map_xml, write_json_pack, write_pack

from game.packs.loader import load_pack
from game.packs.problems import PackError
from game.packs.source import FolderSource
from game.packs.tiles import ClassValue, Color, read_tilemap
from game.packs.tmx import MapError, ObjectRef, level_map, read_map

EMBEDDED = {"firstgid": 1, "name": "tiles", "tilewidth": 16, "tileheight": 16, "tilecount": 4,
            "columns": 2, "image": "tiles.png", "imagewidth": 32, "imageheight": 32}
TSJ = {"type": "tileset", **{k: v for k, v in EMBEDDED.items() if k != "firstgid"},
       "tiles": [{"id": 3, "type": "Wall", "properties": [
           {"name": "solid", "type": "bool", "value": True}],
           "animation": [{"tileid": 3, "duration": 100}, {"tileid": 2, "duration": 50}]}]}
VASE_TJ = {"type": "template", "object": {"name": "vase", "type": "Scenery", "width": 8,
                                          "height": 8, "properties": [
                                              {"name": "survives", "type": "bool",
                                               "value": True}]}}
VASE_TX = ('<?xml version="1.0" encoding="UTF-8"?>\n<template>\n <object name="vase" '
           'type="Scenery" width="8" height="8">\n  <properties>\n   <property '
           'name="survives" type="bool" value="true"/>\n  </properties>\n </object>\n'
           "</template>\n")


def _write(path: Path, doc: Any) -> None:
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")


def _problems(pack: Path) -> list[str]:
    try:
        load_pack(pack)
    except PackError as exc:
        return [str(p) for p in exc.errors]
    return []


def test_a_level_drawn_as_json_plays_as_the_same_level_drawn_as_tmx(tmp_path: Path) -> None:
    xml_pack = write_pack(tmp_path / "xml")
    json_pack = write_json_pack(tmp_path / "json", map_json(tilesets=[EMBEDDED]), image=True)
    assert not (json_pack / "level.tmx").exists()
    xml_world, _ = load_pack(xml_pack)
    json_world, _ = load_pack(json_pack)
    assert set(json_world.rooms) == set(xml_world.rooms) == {"level/Hall"}
    assert json_world.rooms["level/Hall"] == xml_world.rooms["level/Hall"]
    assert json_world.things.keys() == xml_world.things.keys()
    # the map the game reads and the map the window draws: cell by cell the same
    xml_map = read_map(FolderSource(xml_pack), "level.tmx")
    json_map = read_map(FolderSource(json_pack), "level.tmj")
    assert json_map.objects == xml_map.objects and json_map.layers == xml_map.layers
    assert json_map.tiles == xml_map.tiles
    assert json_map.tiles is not None and json_map.tiles.tilesets[0].image is not None


def test_the_level_map_is_found_as_tmx_then_tmj_then_json(tmp_path: Path) -> None:
    pack = write_json_pack(tmp_path / "pack", map_json())
    source = FolderSource(pack)
    assert level_map(source, "level") == "level.tmj"
    (pack / "level.tmj").rename(pack / "level.json")
    assert level_map(source, "level") == "level.json"
    assert not _problems(pack)
    (pack / "level.tmx").write_text(map_xml(), encoding="utf-8")
    assert level_map(source, "level") == "level.tmx"  # Tiled's own format first
    _, warnings = load_pack(pack)
    assert [(Path(w.file).name, w.message, w.fix) for w in warnings] == [
        ("level.json", "the level level has two maps; the game reads level.tmx, not this one",
         "delete level.json, or level.tmx if level.json is the one you draw")]
    (pack / "level.tmx").unlink()
    (pack / "level.json").unlink()
    assert level_map(source, "level") == "level.tmx"  # none: the missing file named is .tmx
    (message,) = _problems(pack)
    assert message.endswith("level.tmx: the map file is missing. Fix: draw the level in Tiled "
                            "and save it as level.tmx next to pack.toml")


def test_formats_mix_json_map_with_tsx_and_tmx_map_with_tsj_and_tj(tmp_path: Path) -> None:
    # a JSON map naming an XML tileset and an XML template
    one = write_json_pack(tmp_path / "one", map_json(
        tilesets=[{"firstgid": 1, "source": "tiles.tsx"}],
        things=[{"id": 5, "template": "vase.tx", "x": 40, "y": 40}]), image=True)
    (one / "tiles.tsx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + TILESET.format(image="tiles.png")
        .replace(' firstgid="1"', ""), encoding="utf-8")
    (one / "vase.tx").write_text(VASE_TX, encoding="utf-8")
    # an XML map naming a JSON tileset and a JSON template
    two = write_pack(tmp_path / "two", map_text=map_xml(
        tilesets='<tileset firstgid="1" source="tiles.tsj"/>',
        things='  <object id="5" template="vase.tj" x="40" y="40"/>'))
    _write(two / "tiles.tsj", {k: v for k, v in TSJ.items() if k != "tiles"})
    _write(two / "vase.tj", VASE_TJ)
    a, b = read_map(FolderSource(one), "level.tmj"), read_map(FolderSource(two), "level.tmx")
    assert not a.issues and not b.issues
    assert a.objects == b.objects
    vase = next(o for o in a.objects if o.name == "vase")
    assert (vase.cls, vase.properties, vase.centre) == ("Scenery", {"survives": True},
                                                        (44.0, 44.0))
    assert a.tiles is not None and b.tiles is not None
    assert [la.cells for la in a.tiles.layers if la.kind == "tile"] == [
        la.cells for la in b.tiles.layers if la.kind == "tile"]
    for pack in (one, two):
        world, _ = load_pack(pack)
        assert "level/vase" in world.things


def test_json_values_of_every_kind_reach_the_model(tmp_path: Path) -> None:
    doc = map_json(
        tilesets=[{"firstgid": 1, "source": "tiles.tsj"}],
        data=[1, 2 | 0x8000_0000, 3 | 0x4000_0000, 4 | 0x2000_0000] + [0] * 96,
        properties=[
            {"name": "tint", "type": "color", "value": "#ff102030"},
            {"name": "speed", "type": "float", "value": 1.5},
            {"name": "door", "type": "object", "value": 1},
            {"name": "lines", "type": "string", "value": "one\ntwo"},
            {"name": "box", "type": "class", "propertytype": "Box",
             "value": {"size": 3, "open": False, "inner": {"label": "x"}}},
            {"name": "many", "type": "list", "value": [
                {"type": "int", "value": 7}, {"type": "object", "value": 2}, "plain"]}],
        layers=[{"id": 7, "name": "deco", "type": "objectgroup", "offsetx": 2.5,
                 "tintcolor": "#80ff0000", "parallaxx": 0.5, "objects": [
                     {"id": 8, "name": "sign", "x": 1, "y": 2, "width": 30, "height": 10,
                      "text": {"text": "EXIT", "wrap": True, "halign": "center"}},
                     {"id": 9, "name": "fence", "x": 0, "y": 0, "rotation": 90,
                      "polyline": [{"x": 0, "y": 0}, {"x": 16, "y": 8.25}]},
                     {"id": 10, "name": "lamp", "gid": 4 | 0x8000_0000, "x": 16, "y": 32,
                      "width": 16, "height": 16}]}])
    pack = write_json_pack(tmp_path / "pack", doc, image=True)
    _write(pack / "tiles.tsj", TSJ)
    tmap = read_tilemap(pack, "level.tmj")
    props = tmap.properties
    assert props["tint"] == Color(0x10, 0x20, 0x30, 0xFF)
    assert (props["speed"], props["door"], props["lines"]) == (1.5, ObjectRef(1), "one\ntwo")
    assert props["box"] == ClassValue("Box", {"size": 3, "open": False,
                                              "inner": ClassValue("", {"label": "x"})})
    assert props["many"] == (7, ObjectRef(2), "plain")
    floor = tmap.layers[0]
    assert [(c.gid, c.flip_h, c.flip_v, c.flip_d) for c in floor.cells[:4]] == [
        (1, False, False, False), (2, True, False, False), (3, False, True, False),
        (4, False, False, True)]
    deco = tmap.layers[1]
    assert (deco.offset, deco.parallax, deco.tint) == ((2.5, 0.0), (0.5, 1.0),
                                                       Color(0xFF, 0, 0, 0x80))
    sign, fence, lamp = deco.objects
    assert (sign.kind, sign.text, sign.text_style) == ("text", "EXIT",
                                                       {"wrap": "1", "halign": "center"})
    assert (fence.kind, fence.points, fence.rotation) == ("polyline", ((0, 0), (16, 8.25)), 90)
    assert lamp.kind == "tile" and lamp.tile is not None and lamp.tile.flip_h
    ts, local = tmap.tile(4) or (None, None)
    assert ts is not None and ts.source == "tiles.tsj" and local == 3
    wall = ts.tiles[3]
    assert (wall.cls, wall.properties) == ("Wall", {"solid": True})
    assert [(f.tile_id, f.duration) for f in wall.animation] == [(3, 100), (2, 50)]


def test_json_of_tiled_before_1_2_is_read(tmp_path: Path) -> None:
    """Properties as an object with "propertytypes" beside; tiles keyed by id, their
    properties in "tileproperties"; no "type", no layer ids."""
    doc = map_json(tilesets=[{**EMBEDDED, "tiles": {"2": {"type": "Door"}},
                              "tileproperties": {"2": {"locked": "true"}, "3": {"n": 5}},
                              "tilepropertytypes": {"2": {"locked": "bool"}}}],
                   properties={"weight": 2, "name": "old"},
                   propertytypes={"weight": "int", "name": "string"})
    del doc["type"]
    for layer in doc["layers"]:
        del layer["id"]
    pack = write_json_pack(tmp_path / "pack", doc, image=True)
    tmap = read_tilemap(pack, "level.tmj")
    assert tmap.properties == {"weight": 2, "name": "old"}
    tiles = tmap.tilesets[0].tiles
    assert (tiles[2].cls, tiles[2].properties, tiles[3].properties) == (
        "Door", {"locked": True}, {"n": "5"})  # no type: a string, as Tiled reads it
    assert [la.id for la in tmap.layers] == [0, 0, 0]
    world, _ = load_pack(pack)
    assert "level/Hall" in world.rooms


def test_every_wrong_value_is_named_with_its_place(tmp_path: Path) -> None:
    doc = map_json(width="ten")
    doc["layers"][1]["objects"][0]["x"] = "left"
    doc["layers"][2]["objects"].append(7)
    pack = write_json_pack(tmp_path / "pack", doc)
    found = _problems(pack)
    assert [p.split("level.tmj: ", 1)[1] for p in found] == [
        'the top level of the map: "width" should be a whole number, not the text "ten". '
        "Fix: correct it in a text editor at that place, or open the file in Tiled and save "
        "it again",
        'layers[1].objects[0]: "x" should be a number, not the text "left". Fix: correct it in '
        "a text editor at that place, or open the file in Tiled and save it again",
        "layers[2].objects[1]: it should be an object, not the number 7. Fix: correct it in a "
        "text editor at that place, or open the file in Tiled and save it again"]


@pytest.mark.parametrize(("text", "message"), [
    ('{"type": "map",\n  "width": 10\n  "height": 10}',
     "the map is not valid JSON (line 3, column 3: Expecting ',' delimiter)"),
    ("", "the map is not valid JSON (line 1, column 1: Expecting value)"),
    ("[1, 2]", "the map is JSON, but not a Tiled map"),
    ('{"type": "template", "object": {}}', "the map is a Tiled template file, not a map"),
])
def test_broken_json_maps_are_refused_with_the_place(tmp_path: Path, text: str,
                                                     message: str) -> None:
    pack = write_json_pack(tmp_path / "pack", text)
    found = _problems(pack)
    assert len(found) == 1 and message in found[0], found
    assert "Fix: " in found[0]


def test_a_broken_json_tileset_is_named(tmp_path: Path) -> None:
    pack = write_json_pack(tmp_path / "pack", map_json(
        tilesets=[{"firstgid": 1, "source": "tiles.tsj"}]), image=True)
    (pack / "tiles.tsj").write_text('{"type": "tileset", "tilewidth": 16,,}', encoding="utf-8")
    with pytest.raises(MapError) as refused:
        read_map(FolderSource(pack), "level.tmj")
    (issue,) = refused.value.issues
    assert (issue.message, issue.where) == (
        'the tileset "tiles.tsj" is not valid JSON (line 1, column 37: Expecting property name '
        "enclosed in double quotes)", 'tileset "tiles.tsj"')


# -- what Tiled itself writes ------------------------------------------------------------------
TILED = Path(__file__).resolve().parent / "packs" / "tiled-json"


def test_json_written_by_tiled_reads_as_the_tmx_it_was_exported_from(tmp_path: Path) -> None:
    """tests/packs/tiled-json: the bookstore (a copy of levels/spotless/bookstore.tmx, frozen,
    with "type" for the objects' class, which Tiled 1.8 reads) exported by Tiled 1.8.2 itself:
    ``tiled --export-map json bookstore.tmx bookstore.tmj`` (it keeps tiles/spotless.tsx) and
    ``tiled --export-tileset json tiles/spotless.tsx tiles/spotless.tsj``."""
    source = FolderSource(TILED)
    tmx, tmj = read_map(source, "bookstore.tmx"), read_map(source, "bookstore.tmj")
    assert not tmx.issues and not tmj.issues
    assert len(tmx.objects) > 30 and tmj.objects == tmx.objects
    assert tmj.layers == tmx.layers
    assert tmj.tiles == tmx.tiles  # every cell, tileset, layer and object as the window has it
    # all JSON: the map names the .tsj export of its tileset
    for name in ("bookstore.tmj", "tiles/spotless.tsj", "tiles/spotless.png"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes((TILED / name).read_bytes())
    text = (tmp_path / "bookstore.tmj").read_text(encoding="utf-8")
    (tmp_path / "bookstore.tmj").write_text(text.replace("spotless.tsx", "spotless.tsj"),
                                            encoding="utf-8")
    alone = read_map(FolderSource(tmp_path), "bookstore.tmj")
    assert alone.objects == tmx.objects and alone.tiles is not None and tmx.tiles is not None
    (mine,), (theirs,) = alone.tiles.tilesets, tmx.tiles.tilesets
    assert mine.source == "tiles/spotless.tsj"
    assert replace(mine, source=theirs.source) == theirs
    assert replace(alone.tiles, tilesets=tmx.tiles.tilesets) == tmx.tiles


# -- any JSON at all ---------------------------------------------------------------------------
_ODD = [None, True, False, 0, -1, 2**40, 1.5, 1e308, "", "x", "#zzz", [], {}, [1, "a"],
        {"a": 1}, [[[]]], {"type": "class", "value": {}}]


def _places(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here] if here else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _places(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node[:12]):
            out += _places(value, (*here, i))
    return out


def test_json_with_values_of_any_type_is_read_or_refused_with_reasons(tmp_path: Path) -> None:
    """Values swapped for values of other types, anywhere in a map, its tileset and its
    template: the map is read, or refused with reasons and fixes; never a traceback."""
    import copy
    import random

    rng = random.Random(15)
    base = map_json(tilesets=[{"firstgid": 1, "source": "tiles.tsj"}, {**EMBEDDED,
                                                                      "firstgid": 5}],
                    things=[{"id": 5, "template": "vase.tj", "x": 40, "y": 40,
                             "polygon": [{"x": 0, "y": 0}, {"x": 4, "y": 4}]}],
                    properties=[{"name": "box", "type": "class", "value": {"a": {"b": 1}}}])
    pack = write_json_pack(tmp_path / "pack", base, image=True)
    files = {"level.tmj": base, "tiles.tsj": TSJ, "vase.tj": VASE_TJ}
    for _ in range(150):
        name = rng.choice(list(files))
        doc = copy.deepcopy(files[name])
        for _ in range(rng.randint(1, 3)):
            place = rng.choice(_places(doc))
            holder = doc
            for key in place[:-1]:
                holder = holder[key]
            holder[place[-1]] = copy.deepcopy(rng.choice(_ODD))
        for other, original in files.items():
            _write(pack / other, doc if other == name else original)
        for read in (lambda: read_map(FolderSource(pack), "level.tmj"),
                     lambda: read_tilemap(pack, "level.tmj")):
            try:
                read()
            except MapError as exc:
                assert all(i.message and i.fix for i in exc.issues), exc.issues
