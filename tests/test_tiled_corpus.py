"""Real Tiled maps, read into the normalised model (game.packs.tiles).

Every map of the shared corpus (../shared/tiled-corpus, see its MANIFEST.md) is either read
correctly or refused with a specific, accurate reason.  "Correctly" is checked against facts
that don't come from the model's code:

- the layer tree (kinds, ids, names, order, nesting, attributes) against a plain ElementTree
  scan of the file;
- every tile layer's cells (gids and flip flags) against pytmx's data for the same layer, and
  the tilesets' numbers and animations against pytmx's;
- the features the MANIFEST lists for the map (flipped tiles, animations, templates, ...) are
  there in the model;
- hand-picked values, read off the XML: a template's values with the instance's overrides,
  group offsets, class and list properties, the size of an image Tiled didn't record, ...

The pack root of a corpus map is its source's folder (tiled/, pytmx/, ...), so that the maps'
``../`` references resolve, as they do in the repositories the maps come from.  The model reads
isometric, staggered and hexagonal maps too (the loader refuses them before, with a fix); the
tests check their tile data as well.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from corpus import CORPUS, HAVE_CORPUS, needs_corpus

from game.packs.source import FolderSource
from game.packs.tiled_json import map_xml
from game.packs.tiles import (
    FLIP_D,
    FLIP_H,
    FLIP_V,
    ClassValue,
    Color,
    GroupLayer,
    ImageLayer,
    ObjectLayer,
    TileLayer,
    TileMap,
    build_tilemap,
    read_tilemap,
)
from game.packs.tmx import MapError, ObjectRef, _pytmx, _Reader, read_map

SPOTLESS = Path(__file__).resolve().parent.parent / "levels" / "spotless"

KINDS = {"layer": TileLayer, "objectgroup": ObjectLayer, "imagelayer": ImageLayer,
         "group": GroupLayer}


# -- the corpus --------------------------------------------------------------------------------
def _manifest() -> list[tuple[str, str, frozenset[str], tuple[str, ...]]]:
    """(source folder, map, features, missing references) for every map of the MANIFEST."""
    if not HAVE_CORPUS:
        return []
    maps, section = [], None
    for line in (CORPUS / "MANIFEST.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"## `([^`]+)/`", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"\| `([^`]+)` \|[^|]*\|[^|]*\|([^|]*)\|", line)
        if m and section:
            features, _, missing = m.group(2).partition("—")
            refs = re.search(r"missing refs: ([^*]+)\*\*", missing)
            maps.append((section, m.group(1),
                         frozenset(f.strip() for f in features.split(",")),
                         tuple(r.strip() for r in refs.group(1).split(",")) if refs else ()))
    return maps


MAPS = _manifest()


@cache
def _pytmx_map(section: str, rel: str) -> Any:
    """pytmx's reading of the map, or None where pytmx fails (the MANIFEST lists where)."""
    pytmx = _pytmx()
    try:
        return pytmx.TiledMap(str(CORPUS / section / rel), allow_duplicate_names=True,
                              load_all=False)
    except Exception:
        return None


def _direct(section: str, rel: str) -> TileMap:
    """The model of a map the loader refuses as a whole (not orthogonal, an old DOCTYPE): built
    from the parsed XML, bypassing the map-level refusals, to check its tile data too.  (An
    external DOCTYPE is harmless to ElementTree: it fetches nothing.)"""
    path = CORPUS / section / rel
    xml = (ET.fromstring(map_xml(path.read_bytes())) if _is_json(path)
           else ET.parse(path).getroot())
    return build_tilemap(xml, _Reader(FolderSource(CORPUS / section), rel))


# -- what the files say, read with ElementTree alone -------------------------------------------
def _tree(parent: ET.Element) -> list[tuple[Any, ...]]:
    out = []
    for el in parent:
        if el.tag not in KINDS:
            continue
        a = el.get
        out.append((KINDS[el.tag], int(a("id") or 0), a("name", ""), a("visible", "1") != "0",
                    float(a("opacity") or 1), (float(a("offsetx") or 0), float(a("offsety") or 0)),
                    (float(a("parallaxx") or 1), float(a("parallaxy") or 1)),
                    sorted(p.get("name", "") for p in el.findall("properties/property")),
                    len(el.findall("object")), _tree(el) if el.tag == "group" else []))
    return out


def _model_tree(layers: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return [(type(la), la.id, la.name, la.visible, la.opacity, la.offset, la.parallax,
             sorted(la.properties),
             len(la.objects) if isinstance(la, ObjectLayer) else 0,
             _model_tree(la.layers) if isinstance(la, GroupLayer) else [])
            for la in layers]


def _is_json(path: Path) -> bool:
    return path.read_bytes().lstrip().startswith((b"{", b"["))


def _json_layers(layers: list[Any]) -> Iterator[dict[str, Any]]:
    for layer in layers:
        yield layer
        yield from _json_layers(layer.get("layers", []))


def _expected_refusals(section: str, rel: str, missing: tuple[str, ...]) -> list[str] | None:
    """The reasons the map must be refused for (patterns), from the file itself; None if it
    must be read.  Map-level reasons come alone: nothing else is looked at then."""
    path = CORPUS / section / rel
    data = path.read_bytes()
    if _is_json(path):  # Tiled's JSON: read with json alone
        doc = json.loads(data)
        infinite, orientation = bool(doc.get("infinite")), doc.get("orientation", "orthogonal")
        tilesets = [ts.get("source") or "" for ts in doc.get("tilesets", [])]
        zstd = any(la.get("compression") == "zstd" for la in _json_layers(doc["layers"]))
    else:
        if b"<!ENTITY" in data or (b"<!DOCTYPE" in data and b"[" in data.split(b"<map", 1)[0]):
            return [r"DOCTYPE or ENTITY declaration"]
        root = ET.fromstring(data)
        infinite = root.get("infinite") == "1"
        orientation = root.get("orientation", "orthogonal")
        tilesets = [ts.get("source") or "" for ts in root.findall("tileset")]
        zstd = any(d.get("compression") == "zstd" for d in root.iter("data"))
    whole = []
    if infinite:
        whole.append(r"^infinite maps are not supported$")
    if orientation != "orthogonal":
        whole.append(rf"^{orientation} maps are not supported; the game reads only orthogonal")
    if whole:
        return whole
    # (the MANIFEST shortens a long name: it is the start of the name)
    reasons = [rf'"{re.escape(ref)}[^"]*" does not exist' for ref in missing]
    for src in tilesets:  # .tsx, .tsj and .json are read, whatever else is refused
        if src and Path(src).suffix not in (".tsx", ".tsj", ".json"):
            reasons.append(rf'the tileset "{re.escape(src)}" is not a Tiled tileset file')
    if zstd:
        reasons.append(r'the tile layer is compressed with "zstd", which can\'t be read')
    return sorted(set(reasons)) or None


def _values(tmap: TileMap) -> Iterator[Any]:
    """Every property value of the map, anywhere, nested ones included."""
    def inner(value: Any) -> Iterator[Any]:
        yield value
        if isinstance(value, ClassValue):
            for v in value.members.values():
                yield from inner(v)
        elif isinstance(value, tuple):
            for v in value:
                yield from inner(v)
    holders: list[Any] = [tmap, *tmap.tilesets]
    holders += [t for ts in tmap.tilesets for t in ts.tiles.values()]
    for _, layer in tmap.walk():
        holders.append(layer)
        if isinstance(layer, ObjectLayer):
            holders.extend(layer.objects)
    for h in holders:
        for v in h.properties.values():
            yield from inner(v)


def _objects(tmap: TileMap) -> list[Any]:
    return [o for _, la in tmap.walk() if isinstance(la, ObjectLayer) for o in la.objects]


def _check_features(tmap: TileMap, features: frozenset[str]) -> None:
    """What the MANIFEST says the map has is in the model."""
    layers = [la for _, la in tmap.walk()]
    cells = {c for la in layers if isinstance(la, TileLayer) for c in la.cells}
    objects = _objects(tmap)
    tiles = [t for ts in tmap.tilesets for t in ts.tiles.values()]
    values = list(_values(tmap))
    images = [ts.image for ts in tmap.tilesets if ts.image] + [
        t.image for t in tiles if t.image] + [
        la.image for la in layers if isinstance(la, ImageLayer) and la.image]
    checks = {
        "flipped-tiles": lambda: any(c.flipped for c in cells),
        "hex-rot120-flag": lambda: any(c.rotated_hex for c in cells),
        "flipped-tile-object": lambda: any(o.tile and o.tile.flipped for o in objects),
        "animated-tiles": lambda: any(t.animation for t in tiles),
        "group-layer": lambda: any(isinstance(la, GroupLayer) for la in layers),
        "nested-groups": lambda: any(isinstance(la, GroupLayer) and d > 0
                                     for d, la in tmap.walk()),
        "image-layer": lambda: any(isinstance(la, ImageLayer) for la in layers),
        "imagelayer:repeat": lambda: any(isinstance(la, ImageLayer)
                                         and (la.repeat_x or la.repeat_y) for la in layers),
        "layer:parallax": lambda: any(la.parallax != (1.0, 1.0) for la in layers),
        "layer:tint": lambda: any(la.tint is not None for la in layers),
        "layer:offset": lambda: any(la.offset != (0.0, 0.0) for la in layers),
        "layer:blend-mode(1.12)": lambda: any(la.blend_mode != "normal" for la in layers),
        "templates": lambda: any(o.template for o in objects),
        "image-collection-ts": lambda: any(ts.image_collection for ts in tmap.tilesets),
        "ts:sub-images(1.9)": lambda: any(t.rect for t in tiles),
        "ts:tileoffset": lambda: any(ts.tile_offset != (0, 0) for ts in tmap.tilesets),
        "ts:spacing/margin": lambda: any(ts.spacing or ts.margin for ts in tmap.tilesets),
        "ts:transparent-color": lambda: any(i.trans is not None for i in images),
        "tile-probability": lambda: any(t.probability != 1.0 for t in tiles),
        "obj:rotation": lambda: any(o.rotation for o in objects),
        "obj:hidden": lambda: any(not o.visible for o in objects),
        "obj:opacity(1.12)": lambda: any(o.opacity != 1.0 for o in objects),
        "obj:tile-object": lambda: any(o.kind == "tile" for o in objects),
        "type-attr(object)": lambda: any(o.cls for o in objects),
        "class-attr(1.9+)": lambda: any(o.cls for o in objects) or any(t.cls for t in tiles),
        "prop:class-type": lambda: any(isinstance(v, ClassValue) for v in values),
        "prop:class-nested-members": lambda: any(isinstance(v, ClassValue) and v.members
                                                 for v in values),
        "prop:list(1.12)": lambda: any(isinstance(v, tuple) for v in values),
        "prop:object-ref": lambda: any(isinstance(v, ObjectRef) for v in values),
        "prop:bool": lambda: any(isinstance(v, bool) for v in values),
        "prop:int": lambda: any(type(v) is int for v in values),
        "prop:float": lambda: any(isinstance(v, float) for v in values),
        "prop:color": lambda: any(isinstance(v, Color) for v in values),
        "prop:multiline-string": lambda: any(isinstance(v, str) and "\n" in v for v in values),
    }
    # (not "obj:rectangle": the MANIFEST counts template instances and tiles' collision shapes)
    for shape in ("ellipse", "point", "polygon", "polyline", "text", "capsule"):
        checks[f"obj:{shape}"] = lambda s=shape: any(o.kind == s for o in objects)  # type: ignore[misc]
    for feature in sorted(features & checks.keys()):
        assert checks[feature](), f"the MANIFEST says {feature}, the model has none"


_JSON_KINDS = {"tilelayer": TileLayer, "objectgroup": ObjectLayer, "imagelayer": ImageLayer,
               "group": GroupLayer}


def _json_tree(layers: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What ``_tree`` reads off the XML, read off a JSON map (unknown layer types are left out,
    as unknown XML elements are)."""
    out = []
    for la in layers:
        if la.get("type") not in _JSON_KINDS:
            continue
        props = la.get("properties", [])
        names = sorted(props) if isinstance(props, dict) else sorted(p["name"] for p in props)
        out.append((_JSON_KINDS[la["type"]], la.get("id", 0), la.get("name", ""),
                    la.get("visible", True), float(la.get("opacity", 1)),
                    (float(la.get("offsetx", 0)), float(la.get("offsety", 0))),
                    (float(la.get("parallaxx", 1)), float(la.get("parallaxy", 1))), names,
                    len(la.get("objects", [])), _json_tree(la.get("layers", []))))
    return out


def _check_tree(tmap: TileMap, path: Path) -> None:
    if _is_json(path):
        doc = json.loads(path.read_bytes())
        assert _model_tree(tmap.layers) == _json_tree(doc["layers"])
        assert (tmap.width, tmap.height, tmap.tile_width, tmap.tile_height) == tuple(
            doc[k] for k in ("width", "height", "tilewidth", "tileheight"))
        assert tmap.orientation == doc.get("orientation", "orthogonal")
        return
    root = ET.parse(path).getroot()
    assert _model_tree(tmap.layers) == _tree(root)
    assert (tmap.width, tmap.height, tmap.tile_width, tmap.tile_height) == tuple(
        int(root.get(k, "0")) for k in ("width", "height", "tilewidth", "tileheight"))
    assert tmap.orientation == root.get("orientation", "orthogonal")


def _check_against_pytmx(tmap: TileMap, tiled: Any) -> None:
    """Cells, tilesets and animations as pytmx reads them."""
    # pytmx numbers tiles its own way; imagemap maps (tiled gid, flags) to its numbers
    back = {value[0]: (key[0], value[1]) for key, value in tiled.imagemap.items()
            if isinstance(value, tuple)}  # (0, 0) -> 0 is there too
    back[0] = (0, (False, False, False))
    ours = [la for _, la in tmap.walk() if isinstance(la, TileLayer)]
    theirs = [la for la in tiled.layers if type(la).__name__ == "TiledTileLayer"]
    assert [la.name for la in ours] == [la.name for la in theirs]  # pytmx: document order too
    for mine, other in zip(ours, theirs, strict=True):
        raw = []
        for row in other.data:
            for gid in row:
                tiled_gid, (h, v, d) = back[gid]
                raw.append(tiled_gid | (FLIP_H if h else 0) | (FLIP_V if v else 0)
                           | (FLIP_D if d else 0))
        assert [c.raw for c in mine.cells] == raw, mine.name
    in_map = [ts for ts in tmap.tilesets if not ts.from_template]
    assert [(ts.firstgid, ts.name, ts.tile_width, ts.tile_height, ts.spacing, ts.margin,
             ts.tile_offset) for ts in in_map] == [
        (ts.firstgid, ts.name, ts.tilewidth, ts.tileheight, ts.spacing, ts.margin,
         tuple(int(n) for n in ts.offset))  # pytmx keeps the offset as strings
        for ts in sorted(tiled.tilesets, key=lambda t: t.firstgid)]
    for ts in in_map:
        pytmx_ts = next(t for t in tiled.tilesets if t.firstgid == ts.firstgid)
        if pytmx_ts.tilecount and pytmx_ts.columns:  # 0 when the file doesn't say (older
            # Tiled): the model counts them from the image
            assert (ts.tilecount, ts.columns) == (pytmx_ts.tilecount, pytmx_ts.columns)
    # animations: every animated tile pytmx knows of, and the same frames
    for gid, props in tiled.tile_properties.items():
        frames = props.get("frames")
        if not frames:
            continue
        tiled_gid = tiled.tiledgidmap[gid]
        found = tmap.tile(tiled_gid)
        assert found is not None, tiled_gid
        ts, local = found
        assert [(f.tile_id, f.duration) for f in ts.tiles[local].animation] == [
            (tiled.tiledgidmap[f.gid] - ts.firstgid, f.duration) for f in frames]


# -- every map ---------------------------------------------------------------------------------
@needs_corpus
@pytest.mark.parametrize(("section", "rel", "features", "missing"), MAPS,
                         ids=[f"{s}/{r}" for s, r, _, _ in MAPS])
def test_corpus_map_is_read_correctly_or_refused_with_the_reason(
        section: str, rel: str, features: frozenset[str], missing: tuple[str, ...]) -> None:
    path = CORPUS / section / rel
    expected = _expected_refusals(section, rel, missing)
    try:
        tmap = read_tilemap(CORPUS / section, rel)
    except MapError as exc:
        listing = "\n".join(f"{i.message} [{i.where}] -> {i.fix}" for i in exc.issues)
        assert expected, f"refused, but it should be read:\n{listing}"
        for issue in exc.issues:
            assert any(re.search(p, issue.message) for p in expected), \
                f"an unexpected reason:\n{listing}"
            assert issue.fix, listing
        for pattern in expected:
            assert any(re.search(pattern, i.message) for i in exc.issues), \
                f"{pattern} is not said:\n{listing}"
        said = " ".join(expected)
        if "infinite" in said:
            assert any("untick Infinite" in i.fix for i in exc.issues)
        if "orthogonal" in said:
            assert any("Orientation to Orthogonal" in i.fix for i in exc.issues)
        if not re.search("DOCTYPE|orthogonal", said) or "infinite" in said:
            return
        tmap = _direct(section, rel)  # refused as a whole: its tiles are still read right
    else:
        assert expected is None, f"read, but it should be refused for {expected}"
    _check_tree(tmap, path)
    _check_features(tmap, features)
    tiled = _pytmx_map(section, rel)
    if tiled is not None:
        _check_against_pytmx(tmap, tiled)


# -- the same map saved as JSON and as XML ----------------------------------------------------
def _round(value: Any) -> Any:
    """Values to compare across formats: Tiled writes coordinates with fewer digits in XML."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, tuple):
        return tuple(_round(v) for v in value)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in sorted(value.items())}
    if isinstance(value, ClassValue):
        return ("class", value.type, _round(dict(value.members)))
    return value


def _stem(name: str | None) -> str | None:
    """A tileset's or template's file without its suffix: tileset.json is tileset.tsx."""
    return name.rsplit(".", 1)[0] if name else name


def _picture(image: Any) -> Any:
    """An image but whether its size came from the file: JSON image layers of Tiled before
    1.11 don't write the size, the TMX does."""
    return image and (image.source, image.path, image.width, image.height, image.trans)


def _everything(tmap: TileMap) -> dict[str, Any]:
    """The whole model as plain values, cell by cell and object by object."""
    tilesets = [
        (ts.firstgid, ts.name, _stem(ts.source), ts.tile_width, ts.tile_height, ts.columns,
         ts.tilecount, ts.spacing, ts.margin, _picture(ts.image), ts.tile_offset, ts.cls,
         _round(dict(ts.properties)), ts.from_template,
         {i: (t.cls, _round(dict(t.properties)), _picture(t.image), t.rect, t.animation,
              t.probability)
          for i, t in sorted(ts.tiles.items())})
        for ts in tmap.tilesets]
    layers: list[Any] = []
    for depth, la in tmap.walk():
        row: list[Any] = [depth, la.kind, la.id, la.name, la.cls, la.visible, _round(la.opacity),
                          _round(la.offset), _round(la.parallax), la.tint, la.blend_mode,
                          _round(dict(la.properties))]
        if isinstance(la, TileLayer):
            row += [la.width, la.height, [c.raw for c in la.cells]]
        elif isinstance(la, ObjectLayer):
            row += [la.color, la.draw_order, [
                (o.id, o.name, o.cls, o.kind, _round((o.x, o.y, o.width, o.height, o.rotation)),
                 o.visible, o.opacity, o.tile, _round(o.points), o.text, dict(o.text_style),
                 _stem(o.template), _round(dict(o.properties))) for o in la.objects]]
        elif isinstance(la, ImageLayer):
            row += [_picture(la.image), la.repeat_x, la.repeat_y]
        layers.append(row)
    return {"map": (tmap.width, tmap.height, tmap.tile_width, tmap.tile_height,
                    tmap.orientation, tmap.render_order, tmap.stagger_axis, tmap.stagger_index,
                    tmap.hex_side_length, tmap.background, tmap.cls,
                    _round(dict(tmap.properties))),
            "tilesets": tilesets, "layers": layers}


def _pairs() -> list[str]:
    """The maps the corpus holds as map.json and map.tmx in one folder: the same map saved
    in both formats (pytiled_parser's test data), but for unknown_type, whose JSON has a
    layer of a made-up type where the TMX has a tile layer."""
    if not HAVE_CORPUS:
        return []
    root = CORPUS / "pytiled_parser"
    return sorted(p.relative_to(root).parent.as_posix() for p in root.rglob("map.json")
                  if p.with_suffix(".tmx").is_file() and p.parent.name != "unknown_type")


@needs_corpus
@pytest.mark.parametrize("folder", _pairs())
def test_a_map_saved_as_json_and_as_tmx_reads_the_same(folder: str) -> None:
    def read(rel: str) -> tuple[dict[str, Any] | None, list[str]]:
        try:
            return _everything(read_tilemap(CORPUS / "pytiled_parser", rel)), []
        except MapError as exc:
            return None, [i.message.replace(".json", ".X").replace(".tsx", ".X")
                          for i in exc.issues]
    as_json, json_refusals = read(f"{folder}/map.json")
    as_tmx, tmx_refusals = read(f"{folder}/map.tmx")
    # refused by both, for the same reasons, or by none (test_cross_template's two files name
    # different missing images: upstream's own difference, which the MANIFEST lists)
    assert (as_json is None) == (as_tmx is None)
    assert [m for m in json_refusals if "does not exist" not in m] == [
        m for m in tmx_refusals if "does not exist" not in m]
    if as_json is None:
        if "orthogonal" not in " ".join(json_refusals):
            return
        # not orthogonal: refused as a whole, its tiles still read right (as _direct does)
        as_json = _everything(_direct("pytiled_parser", f"{folder}/map.json"))
        as_tmx = _everything(_direct("pytiled_parser", f"{folder}/map.tmx"))
    assert as_json["map"] == as_tmx["map"]
    assert as_json["tilesets"] == as_tmx["tilesets"]
    assert len(as_json["layers"]) == len(as_tmx["layers"])
    for mine, other in zip(as_json["layers"], as_tmx["layers"], strict=True):
        assert mine == other, mine[3]


def test_the_pairs_are_found() -> None:
    if HAVE_CORPUS:
        assert len(_pairs()) >= 14


# -- known facts, read off the XML -------------------------------------------------------------
def _read(section: str, rel: str) -> TileMap:
    return read_tilemap(CORPUS / section, rel)


def _layer(tmap: TileMap, name: str, n: int = 0) -> Any:
    return [la for _, la in tmap.walk() if la.name == name][n]


def _object(tmap: TileMap, oid: int) -> Any:
    found = tmap.object(oid)
    assert found is not None
    return found


@needs_corpus
def test_flipped_tiles_decode_all_three_flags() -> None:
    tmap = _read("rs-tiled", "assets/tiled_flipped.tmx")
    cells = _layer(tmap, "Tile Layer 1").cells  # 3758096387,1073741827 / 2147483651,536870915
    assert [(c.gid, c.flip_h, c.flip_v, c.flip_d) for c in cells] == [
        (3, True, True, True), (3, False, True, False),
        (3, True, False, False), (3, False, False, True)]


@needs_corpus
def test_hexagonal_rotation_is_kept_as_a_flag() -> None:
    tmap = _direct("tiled", "examples/test_hexagonal_tile_60x60x30.tmx")
    cells = set(_layer(tmap, "Tile Layer 1").cells)
    assert {c.gid for c in cells} <= {0, 1}
    assert any(c.rotated_hex and not c.flipped for c in cells)  # 0x10000001
    assert (tmap.stagger_axis, tmap.stagger_index, tmap.hex_side_length) == ("x", "odd", 30)


@needs_corpus
def test_animated_tiles_and_sub_images() -> None:
    forest = _read("tiled", "examples/forest/forest.tmx")
    (ts,) = forest.tilesets
    assert ts.image_collection and ts.source == "examples/forest/forest.tsx"
    assert [(f.tile_id, f.duration) for f in ts.tiles[13].animation] == [(10, 150), (11, 150)]
    assert ts.tiles[6].rect == (521, 114, 160, 208)
    assert ts.tiles[6].image is not None
    assert ts.tiles[6].image.path == "examples/forest/squirrel.png"
    assert ts.source_rect(6) == (521, 114, 160, 208)
    assert forest.tile(14) == (ts, 13) and forest.tile(13) is None  # tile ids 0, 6, 8-11, 13
    # Tiled's order: three object layers, then the tile layer (pytmx puts the tile layer first)
    assert [(la.kind, la.name) for la in forest.layers] == [
        ("object", "bg0"), ("object", "bg1"), ("object", "bg2"), ("tile", "platforms"),
        ("object", "characters")]


@needs_corpus
def test_templates_give_their_values_and_instances_override_them() -> None:
    tmap = _read("rs-tiled", "assets/tiled_object_template.tmx")
    first, resized = _object(tmap, 1), _object(tmap, 3)
    # the template's tile (gid 45 of tilesheet_template.tsx, which the map doesn't list)
    found = tmap.tile(first.tile.gid)
    assert found is not None
    ts, local = found
    assert (ts.source, ts.from_template, local) == ("assets/tilesheet_template.tsx", True, 44)
    assert ts.firstgid > max(t.firstgid + t.span - 1 for t in tmap.tilesets if t is not ts)
    assert (first.kind, first.x, first.y, first.width, first.height) == ("tile", 32, 32, 32, 32)
    assert first.properties == {"property": 1}
    assert first.template == "assets/tiled_object_template.tx"
    assert (resized.width, resized.height, resized.x, resized.y) == (64, 32, 0, 64)
    assert resized.tile == first.tile
    plain = _object(tmap, 4)  # gid="3221225517": tile 45, flipped both ways
    assert (plain.tile.gid, plain.tile.flip_h, plain.tile.flip_v) == (45, True, True)

    tmap = _read("pytiled_parser", "tests/test_data/map_tests/template/map.tmx")
    rect = _object(tmap, 2)  # template-rectangle.tx: 63.6586 x 38.2812, no properties
    assert (rect.kind, rect.width, rect.height, rect.x) == ("rectangle", 63.6586, 38.2812,
                                                            98.4988)
    assert rect.properties == {"test": "hello"}
    # template-tile-spritesheet.tx: tile_set_image_for_template.tsx is firstgid 1 there, 49 in
    # the map; template-tile-image.tx: tile_set_single_image.tsx, which the map doesn't list
    assert _object(tmap, 6).tile.gid == 49
    sheet = tmap.tile(_object(tmap, 7).tile.gid)
    assert sheet is not None and sheet[0].from_template and sheet[0].firstgid == 50
    assert sheet[0].source == "tests/test_data/map_tests/template/tile_set_single_image.tsx"

    knight = _read("tiled", "examples/sticker-knight/map/sandbox.tmx")
    hero = _object(knight, 58)  # templates/hero.tx: ../objs.tsx gid 22, 128x160
    assert (hero.name, hero.cls, hero.tile.gid, hero.width, hero.height, hero.x) == (
        "hero", "hero", 22, 128, 160, 45)
    block = _object(knight, 111)
    assert block.properties == {"bodyType": "dynamic", "density": 2.0, "friction": 0.45}


@needs_corpus
def test_templates_tile_in_a_tileset_the_map_lacks() -> None:
    tmap = _read("rs-tiled", "assets/templates/example.tmx")
    figure = _object(tmap, 2)  # simple_figure.tx, whose tileset the map doesn't list
    found = tmap.tile(figure.tile.gid)
    assert found is not None
    assert found[0].source == "assets/templates/simple_figure.tsx" and found[1] == 0
    assert (figure.name, figure.cls) == ("simple_figure", "simple_figure")
    assert figure.properties == {"playable": True}  # the instance's value
    assert _object(tmap, 3).properties == {"playable": False}  # the template's


@needs_corpus
def test_class_list_and_object_properties() -> None:
    tmap = _read("rs-tiled", "assets/tiled_class_property.tmx")
    assert _object(tmap, 2).properties == {
        "class property": ClassValue("test_type", {"test_property_1": 3}),
        "empty property": ClassValue("empty_type", {}),
    }
    tmap = _read("rs-tiled", "assets/tiled_object_nested_list_property.tmx")
    value = _object(tmap, 2).properties["list property"]
    assert value == (
        ObjectRef(4), ObjectRef(3), True, (False, True, (False, True)),
        (ClassValue("ListClass", {"list": (ClassValue("Class", {"member_1": "test",
                                                                "member_2": 10}),)}),),
        7)
    assert tmap.object(value[0]) is _object(tmap, 4)
    assert tmap.object(_object(tmap, 3).properties["object property"]) is None  # 0: none

    outside = _read("tiled", "examples/orthogonal-outside.tmx")
    assert any(isinstance(v, Color) for v in _values(outside))


@needs_corpus
def test_group_visibility_and_opacity_combine() -> None:
    tmap = _read("pytmx", "apps/data/acid0.tmx")
    placed = {(p.groups[-1].name if p.groups else "", p.layer.name): p for p in tmap.leaves()}
    hidden = placed[("Group 1", "Tile Layer 5")]
    assert hidden.layer.visible and not hidden.visible
    half = placed[("Copy of Group 1", "Tile Layer 5")]
    assert half.layer.opacity == 1.0 and half.opacity == 0.5 and half.visible
    assert placed[("", "Tile Layer 4")].opacity == 0.5
    assert tmap.background == Color(0x55, 0xAA, 0xFF)


@needs_corpus
def test_layer_attributes_tint_parallax_repeat() -> None:
    tmap = _read("pytiled_parser", "tests/test_data/layer_tests/all_layer_types/map.tmx")
    tiles = _layer(tmap, "Tile Layer 1")
    assert (tiles.offset, tiles.parallax, tiles.tint) == ((1.0, 3.0), (1.4, 1.3),
                                                         Color(0xAA, 0xFF, 0xFF))
    assert tiles.properties == {"test": "test property"}
    inner = {p.layer.name: p for p in tmap.leaves()}["Object Layer 1"]
    assert inner.parallax == (1.4, 1.0) and inner.tint == Color(0, 0, 0xFF)
    image = _layer(tmap, "Image Layer 1")
    assert (image.repeat_x, image.repeat_y, image.offset) == (False, True, (1.0, 4.0))
    assert image.image.trans == Color(0, 0, 0)
    assert image.image.path == "tests/test_data/images/tile_04.png"

    layers = _read("rs-tiled", "assets/tiled_image_layers.tmx")
    empty, full = layers.layers
    assert isinstance(empty, ImageLayer) and empty.image is None  # no <image>: Tiled allows it
    assert empty.tint == Color(0x34, 0x56, 0x78, 0x12)
    assert full.tint == Color(0x12, 0x34, 0x56)  # "123456": no "#", no alpha
    assert (full.image.width, full.image.height) == (448, 192)


@needs_corpus
def test_an_image_without_a_size_is_measured() -> None:
    tmap = _read("tiled", "examples/perspective_walls.tmx")  # Tiled < 0.15: no size, no count
    (ts,) = tmap.tilesets
    assert ts.image is not None
    assert (ts.image.width, ts.image.height, ts.image.size_from_file) == (256, 256, True)
    assert (ts.columns, ts.tilecount, ts.tile_offset) == (4, 16, (-32, 0))
    assert ts.tiles[13].properties == {"door": "true"}
    assert [la.id for la in tmap.layers] == [0, 0, 0]  # no ids in files that old


@needs_corpus
def test_every_encoding_gives_the_same_tiles() -> None:
    def cells(rel: str) -> tuple[Any, ...]:
        return _layer(_read("rs-tiled", rel), "Tile Layer 1").cells
    csv = cells("assets/tiled_csv.tmx")
    assert any(c.gid for c in csv)
    for rel in ("assets/tiled_base64.tmx", "assets/tiled_base64_zlib.tmx",
                "assets/tiled_base64_gzip.tmx", "assets/tiled_base64_external.tmx"):
        assert cells(rel) == csv, rel
    # the old format, one <tile gid> per cell, which pytmx refuses (another map: 10 x gid 30)
    old = CORPUS / "rs-tiled" / "assets" / "tiled_xml.tmx"
    written = [int(t.get("gid", "0")) for t in ET.parse(old).getroot().iter("tile")]
    assert [c.raw for c in cells("assets/tiled_xml.tmx")] == written
    assert written[:11] == [30] * 10 + [0] and len(written) == 100 * 100
    with pytest.raises(MapError) as refused:
        _read("rs-tiled", "assets/tiled_base64_zstandard.tmx")
    assert [(i.message, i.where) for i in refused.value.issues] == [
        ('the tile layer is compressed with "zstd", which can\'t be read',
         'layer "Tile Layer 1"')]
    assert "CSV" in refused.value.issues[0].fix

    def parser(kind: str) -> tuple[Any, ...]:
        tmap = _read("pytiled_parser", f"tests/test_data/layer_tests/{kind}/map.tmx")
        return _layer(tmap, "Tile Layer 1").cells
    assert parser("b64") == parser("b64_zlib") == parser("b64_gzip")


# -- maps made for the tests -------------------------------------------------------------------
@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not HAVE_CORPUS:
        pytest.skip("the Tiled corpus is not here")
    folder = tmp_path_factory.mktemp("rs-tiled")
    for name in ("tiled_group_layers.tmx", "tiled_base64_zlib.tmx", "tilesheet.tsx",
                 "tilesheet.png"):
        shutil.copy(CORPUS / "rs-tiled" / "assets" / name, folder / name)
    return folder


def _edit(folder: Path, name: str, new: str, change: Any) -> str:
    tree = ET.parse(folder / name)
    change(tree.getroot())
    tree.write(folder / new, encoding="UTF-8", xml_declaration=True)
    return new


def test_group_offsets_add_up_as_floats(assets: Path) -> None:
    def change(root: ET.Element) -> None:
        groups = {g.get("name"): g for g in root.iter("group")}
        groups["group-2"].attrib.update(offsetx="2.5", offsety="-1.25", opacity="0.5")
        groups["group-3"].attrib.update(offsetx="0.25", visible="0", parallaxx="0.5")
        tile3 = next(la for la in root.iter("layer") if la.get("name") == "tile-3")
        tile3.attrib.update(offsetx="-3", opacity="0.5", parallaxx="0.5")
    rel = _edit(assets, "tiled_group_layers.tmx", "offsets.tmx", change)
    tmap = read_tilemap(assets, rel)
    placed = {p.layer.name: p for p in tmap.leaves()}
    deep = placed["tile-3"]
    assert [g.name for g in deep.groups] == ["group-2", "group-3"]
    assert deep.offset == (-0.25, -1.25) and deep.opacity == 0.25 and not deep.visible
    assert deep.parallax == (0.25, 1.0) and deep.layer.offset == (-3.0, 0.0)
    assert placed["tile-1"].offset == (0.0, 0.0) and placed["tile-2"].visible
    assert _layer(tmap, "group-2").properties == {"key": "value5"}


def _zlib_layer(folder: Path, data: bytes, new: str) -> str:
    def change(root: ET.Element) -> None:
        el = next(root.iter("data"))
        el.text = base64.b64encode(zlib.compress(data)).decode("ascii")
    return _edit(folder, "tiled_base64_zlib.tmx", new, change)


def test_layer_data_is_unpacked_with_a_bound(assets: Path) -> None:
    rel = _zlib_layer(assets, bytes(100 * 100 * 4 * 64), "bomb.tmx")  # 2.5 MB in ~2.5 KB
    assert (assets / rel).stat().st_size < 30_000
    with pytest.raises(MapError) as refused:
        read_tilemap(assets, rel)
    assert any("unpacks to more than" in i.message for i in refused.value.issues)
    # the model's own bound, without the reader's check before it
    xml = ET.parse(assets / rel).getroot()
    with pytest.raises(MapError) as refused:
        build_tilemap(xml, _Reader(FolderSource(assets), rel))
    assert [i.message for i in refused.value.issues] == [
        "the tile data unpacks to more than the 40000 bytes a layer of 10000 tiles needs "
        "(the file is damaged, or made to exhaust memory)"]


def test_short_or_damaged_layer_data_is_refused(assets: Path) -> None:
    short = _zlib_layer(assets, struct.pack("<3I", 1, 2, 3), "short.tmx")
    xml = ET.parse(assets / short).getroot()
    with pytest.raises(MapError) as refused:
        build_tilemap(xml, _Reader(FolderSource(assets), short))
    assert refused.value.issues[0].message == "the layer has 3 tiles, but its size says 10000"


# -- the loader keeps the model ----------------------------------------------------------------
def test_the_built_in_map_has_its_model() -> None:
    data = read_map(SPOTLESS / "prologue.tmx", SPOTLESS)
    tmap = data.tiles
    assert tmap is not None
    root = ET.parse(SPOTLESS / "prologue.tmx").getroot()
    assert _model_tree(tmap.layers) == _tree(root)
    tags = {v: k for k, v in KINDS.items()}
    assert [(tags[type(la)], la.name) for _, la in tmap.walk()] == list(data.layers)
    (ts,) = tmap.tilesets
    assert ts.image is not None and ts.image.path == "tiles/spotless.png"
    floor = _layer(tmap, "floor")
    assert floor.width * floor.height == len(floor.cells) == 48 * 30
    assert all(tmap.tile(c.gid) for c in floor.cells if c.gid)
    ids = {o.id for o in data.objects}
    assert ids == {o.id for o in _objects(tmap)}  # the same objects, linked by id
