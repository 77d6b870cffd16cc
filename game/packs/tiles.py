"""A normalised model of a Tiled map: what the window needs to draw it, as plain data.

pytmx regroups layers by type, ignores object templates and fails on some valid maps, so the
loader reads the map's XML into this model itself (``MapData.tiles``).  Nothing here imports
pygame or pytmx: a cell is a gid with its flip flags, a tileset names its image files (relative
to the pack root) and sizes, and the layers are a tree in Tiled's document order.  The window
loads the images itself.

What is read: orthogonal, isometric, staggered and hexagonal maps alike (the loader refuses all
but orthogonal ones before this model is built, but decoding doesn't depend on the orientation);
tile data in CSV, base64, base64+zlib, base64+gzip and the old ``<tile gid>`` elements
(zstd is refused: the ``zstandard`` package isn't a dependency); tilesets embedded or external,
sprite sheets and image collections (with 1.9 sub-rectangles), tile offsets, animations, per-tile
class and properties; tile, object, image and group layers with id, class, visibility, opacity,
offsets, parallax, tint and properties; objects of every shape, with templates resolved
(instance values over template values, a template's tile remapped to the map's gids); properties
of every type, class-typed (nested) and list properties included.  Files older Tiled versions
wrote are read too: tileset images without a size (the size comes from the image header), float
layer offsets, image layers without an image, layers and objects without ids.

Files are opened only through the map reader's own helpers (``_ref`` checks that a file lies
inside the pack, ``_read_ref`` reads XML, or Tiled's JSON converted to XML, with the guards), so
whatever the reader refuses is refused here too.  Layer data is decompressed with a bound: at
most width x height x 4 bytes.
"""

from __future__ import annotations

import base64
import binascii
import math
import posixpath
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from game.packs.source import PackSource, SourceError, as_source
from game.packs.tmx import (
    MAX_GROUP_DEPTH,
    MAX_OBJECTS,
    MAX_TILES,
    RESAVE_FIX,
    TILE_FORMAT_FIX,
    MapError,
    MapIssue,
    ObjectRef,
    convert_property,
    image_size,
    inflate,
    not_a_tileset_file,
    object_label,
    tileset_file,
)

if TYPE_CHECKING:
    from game.packs.tmx import _Reader

FLIP_H = 0x8000_0000
FLIP_V = 0x4000_0000
FLIP_D = 0x2000_0000  # the anti-diagonal flip (with H and V: the 90 degree rotations)
ROTATE_HEX = 0x1000_0000  # 120 degree rotation, hexagonal maps only
GID_MASK = 0x0FFF_FFFF
MAX_PROPERTY_DEPTH = 16  # class and list properties nested in each other

ORTHOGONAL = "orthogonal"
SHAPES = ("ellipse", "point", "polygon", "polyline", "text", "capsule")


# -- values ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Color:
    """A Tiled colour: ``#AARRGGBB`` or ``#RRGGBB`` in the file (the ``#`` is optional)."""

    r: int
    g: int
    b: int
    a: int = 255

    @classmethod
    def parse(cls, text: str) -> Color:
        digits = text.strip().removeprefix("#")
        if len(digits) not in (6, 8) or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise ValueError(f"not a colour: {text!r}")
        n = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return cls(n[1], n[2], n[3], n[0]) if len(n) == 4 else cls(n[0], n[1], n[2])

    @property
    def hex(self) -> str:
        return f"#{self.a:02x}{self.r:02x}{self.g:02x}{self.b:02x}"

    def __mul__(self, other: Color) -> Color:
        """Tints combine by multiplying their channels (as Tiled does for groups)."""
        return Color(*(round(p * q / 255) for p, q in zip(
            (self.r, self.g, self.b, self.a), (other.r, other.g, other.b, other.a),
            strict=True)))


@dataclass(frozen=True)
class ClassValue:
    """A class-typed property (Tiled 1.8+): the class's name and the members the file stores
    (a map stores only the members an author changed; defaults live in the project file)."""

    type: str
    members: Mapping[str, Any] = field(default_factory=dict)


# A property value is a str (string, file, enum), int, float, bool, Color (None for an unset
# colour), ObjectRef, ClassValue or a tuple of these (a list property, Tiled 1.12).
Properties: TypeAlias = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Cell:
    """One tile of a tile layer, or the tile of a tile object: the gid and its flip flags."""

    gid: int  # 0: no tile; the flags are stripped
    flip_h: bool = False
    flip_v: bool = False
    flip_d: bool = False  # anti-diagonal: x and y swapped (rotations are made of h, v and d)
    rotated_hex: bool = False  # hexagonal 120 degree rotation: not supported by the game

    @property
    def raw(self) -> int:
        return (self.gid | (FLIP_H if self.flip_h else 0) | (FLIP_V if self.flip_v else 0)
                | (FLIP_D if self.flip_d else 0) | (ROTATE_HEX if self.rotated_hex else 0))

    @property
    def flipped(self) -> bool:
        return self.flip_h or self.flip_v or self.flip_d


@lru_cache(maxsize=8192)
def decode_gid(raw: int) -> Cell:
    """The cell for a 32-bit gid as Tiled writes it (equal values give the same object)."""
    return Cell(raw & GID_MASK, bool(raw & FLIP_H), bool(raw & FLIP_V), bool(raw & FLIP_D),
                bool(raw & ROTATE_HEX))


EMPTY = decode_gid(0)


@dataclass(frozen=True)
class Image:
    """An image file.  ``path`` is relative to the pack root ('/'-separated), for loading; it is
    "" when the file is missing or outside the pack (the loader reports that)."""

    source: str  # as written in the file that names it (relative to that file)
    path: str
    width: int
    height: int
    trans: Color | None = None  # the colour drawn as transparent
    size_from_file: bool = False  # the map gave no size (older Tiled): read from the image


@dataclass(frozen=True)
class Frame:
    tile_id: int  # local to the tileset
    duration: int  # milliseconds


@dataclass(frozen=True)
class TileInfo:
    """What a tileset says about one of its tiles."""

    id: int  # local id: gid - firstgid
    cls: str = ""
    properties: Properties = field(default_factory=dict)
    image: Image | None = None  # image-collection tilesets
    rect: tuple[int, int, int, int] | None = None  # sub-rectangle of the image (Tiled 1.9)
    animation: tuple[Frame, ...] = ()
    probability: float = 1.0


@dataclass(frozen=True)
class Tileset:
    firstgid: int
    name: str
    source: str | None  # the .tsx, relative to the pack root; None when embedded in the map
    tile_width: int
    tile_height: int
    columns: int  # 0 for an image collection
    tilecount: int
    spacing: int = 0
    margin: int = 0
    image: Image | None = None  # None for an image collection (each tile has its image)
    tile_offset: tuple[int, int] = (0, 0)
    cls: str = ""
    properties: Properties = field(default_factory=dict)
    tiles: Mapping[int, TileInfo] = field(default_factory=dict)  # tiles with their own data
    object_alignment: str = "unspecified"
    tile_render_size: str = "tile"
    fill_mode: str = "stretch"
    from_template: bool = False  # not in the map: a template's tile object uses it

    @property
    def image_collection(self) -> bool:
        return self.image is None

    @property
    def span(self) -> int:
        """How many gids the tileset takes from firstgid on."""
        if self.image is None:
            return max(self.tiles, default=-1) + 1
        return self.tilecount

    def local_id(self, gid: int) -> int | None:
        """The tile's id in this tileset, if the gid (flags stripped) is one of its tiles."""
        local = gid - self.firstgid
        if not 0 <= local < self.span:
            return None
        if self.image is None and local not in self.tiles:
            return None
        return local

    def source_rect(self, local: int) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the tile in its image."""
        tile = self.tiles.get(local)
        if tile is not None and tile.rect is not None:
            return tile.rect
        if self.image is None:
            image = tile.image if tile is not None else None
            return (0, 0, image.width, image.height) if image else (0, 0, 0, 0)
        columns = max(self.columns, 1)
        col, row = local % columns, local // columns
        return (self.margin + col * (self.tile_width + self.spacing),
                self.margin + row * (self.tile_height + self.spacing),
                self.tile_width, self.tile_height)

    def image_for(self, local: int) -> Image | None:
        if self.image is not None:
            return self.image
        tile = self.tiles.get(local)
        return tile.image if tile is not None else None


# -- objects -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TiledObject:
    """An object as drawn.  The game's own reading of the same object (its outline, for rooms
    and things) is ``MapData.objects``; both carry the Tiled object id."""

    id: int
    name: str
    cls: str  # class (Tiled 1.9) or type
    kind: str  # rectangle, ellipse, point, polygon, polyline, text, capsule or tile
    x: float
    y: float
    width: float = 0.0
    height: float = 0.0
    rotation: float = 0.0  # degrees, clockwise, around (x, y)
    visible: bool = True
    opacity: float = 1.0  # Tiled 1.12
    tile: Cell | None = None  # kind "tile": the gid in the map's gids, and the flips
    points: tuple[tuple[float, float], ...] = ()  # polygon and polyline, relative to (x, y)
    text: str = ""
    text_style: Mapping[str, str] = field(default_factory=dict)  # <text>'s attributes
    template: str | None = None  # the template it was made from, relative to the pack root
    properties: Properties = field(default_factory=dict)


# -- layers ------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Layer:
    kind: ClassVar[str] = ""
    id: int  # 0 when the file has no ids (older Tiled)
    name: str
    cls: str = ""
    visible: bool = True
    opacity: float = 1.0
    offset: tuple[float, float] = (0.0, 0.0)
    parallax: tuple[float, float] = (1.0, 1.0)
    tint: Color | None = None
    blend_mode: str = "normal"  # Tiled 1.12
    properties: Properties = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class TileLayer(Layer):
    kind: ClassVar[str] = "tile"
    width: int
    height: int
    cells: tuple[Cell, ...]  # row by row, width x height

    def cell(self, x: int, y: int) -> Cell:
        if not (0 <= x < self.width and 0 <= y < self.height):
            raise IndexError((x, y))
        return self.cells[y * self.width + x]

    def rows(self) -> list[tuple[Cell, ...]]:
        w = self.width
        return [self.cells[i:i + w] for i in range(0, len(self.cells), w)]

    def gids(self) -> list[list[int]]:
        """The gids row by row, flags stripped."""
        return [[c.gid for c in row] for row in self.rows()]


@dataclass(frozen=True, kw_only=True)
class ObjectLayer(Layer):
    kind: ClassVar[str] = "object"
    objects: tuple[TiledObject, ...] = ()
    color: Color | None = None
    draw_order: str = "topdown"  # or "index"


@dataclass(frozen=True, kw_only=True)
class ImageLayer(Layer):
    kind: ClassVar[str] = "image"
    image: Image | None = None  # None: an image layer without an image (Tiled allows it)
    repeat_x: bool = False
    repeat_y: bool = False


@dataclass(frozen=True, kw_only=True)
class GroupLayer(Layer):
    kind: ClassVar[str] = "group"
    layers: tuple[AnyLayer, ...] = ()


AnyLayer: TypeAlias = TileLayer | ObjectLayer | ImageLayer | GroupLayer
LeafLayer: TypeAlias = TileLayer | ObjectLayer | ImageLayer


@dataclass(frozen=True)
class Placed:
    """A tile, object or image layer with what its groups add: offsets add up, opacities and
    parallax factors multiply, it shows only if it and all its groups are visible, and tints
    multiply."""

    layer: LeafLayer
    groups: tuple[GroupLayer, ...]  # outermost first
    offset: tuple[float, float]
    opacity: float
    visible: bool
    parallax: tuple[float, float]
    tint: Color | None


@dataclass(frozen=True)
class TileMap:
    width: int
    height: int
    tile_width: int
    tile_height: int
    orientation: str
    render_order: str = "right-down"
    stagger_axis: str | None = None
    stagger_index: str | None = None
    hex_side_length: int = 0
    background: Color | None = None
    parallax_origin: tuple[float, float] = (0.0, 0.0)
    cls: str = ""
    properties: Properties = field(default_factory=dict)
    tilesets: tuple[Tileset, ...] = ()  # by firstgid; templates' tilesets last
    layers: tuple[AnyLayer, ...] = ()  # Tiled's document order, bottom to top

    def walk(self) -> Iterator[tuple[int, AnyLayer]]:
        """Every layer, groups included, in document order, with its depth."""
        def inner(layers: tuple[AnyLayer, ...], depth: int) -> Iterator[tuple[int, AnyLayer]]:
            for layer in layers:
                yield depth, layer
                if isinstance(layer, GroupLayer):
                    yield from inner(layer.layers, depth + 1)
        return inner(self.layers, 0)

    def leaves(self) -> Iterator[Placed]:
        """The layers to draw, bottom to top, each with its effective offset, opacity, ..."""
        def inner(layers: tuple[AnyLayer, ...], groups: tuple[GroupLayer, ...],
                  offset: tuple[float, float], opacity: float, visible: bool,
                  parallax: tuple[float, float], tint: Color | None) -> Iterator[Placed]:
            for layer in layers:
                here = (offset[0] + layer.offset[0], offset[1] + layer.offset[1])
                factor = (parallax[0] * layer.parallax[0], parallax[1] * layer.parallax[1])
                tinted = tint if layer.tint is None else (
                    layer.tint if tint is None else tint * layer.tint)
                if isinstance(layer, GroupLayer):
                    yield from inner(layer.layers, (*groups, layer), here,
                                     opacity * layer.opacity, visible and layer.visible,
                                     factor, tinted)
                else:
                    yield Placed(layer, groups, here, opacity * layer.opacity,
                                 visible and layer.visible, factor, tinted)
        return inner(self.layers, (), (0.0, 0.0), 1.0, True, (1.0, 1.0), None)

    def tileset_for(self, gid: int) -> Tileset | None:
        for ts in self.tilesets:
            if ts.local_id(gid & GID_MASK) is not None:
                return ts
        return None

    def tile(self, gid: int) -> tuple[Tileset, int] | None:
        """The tileset and local id of a gid, or None if no tileset has it."""
        gid &= GID_MASK
        for ts in self.tilesets:
            local = ts.local_id(gid)
            if local is not None:
                return ts, local
        return None

    @cached_property
    def _objects(self) -> dict[int, TiledObject]:
        return {o.id: o for _, layer in self.walk() if isinstance(layer, ObjectLayer)
                for o in layer.objects}

    def object(self, ref: ObjectRef | int) -> TiledObject | None:
        """The object an "object" property points at (None for 0 or a missing object)."""
        oid = ref.id if isinstance(ref, ObjectRef) else ref
        return self._objects.get(oid) if oid else None


# -- reading -----------------------------------------------------------------------------------
Attrs: TypeAlias = ET.Element | Mapping[str, str]  # what has .get(name)


class _Bad(ValueError):
    """A value in the file is not what its attribute or type says."""


def _int(el: Attrs, key: str, default: int = 0) -> int:
    raw = el.get(key)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        try:
            value = float(raw)  # some writers put 32.0
        except ValueError:
            raise _Bad(f'{key}="{raw}" is not a whole number') from None
        if not value.is_integer():
            raise _Bad(f'{key}="{raw}" is not a whole number') from None
        return int(value)


def _float(el: Attrs, key: str, default: float = 0.0) -> float:
    raw = el.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise _Bad(f'{key}="{raw}" is not a number') from None
    if not math.isfinite(value):
        raise _Bad(f'{key}="{raw}" is not a number')
    return value


def _color(el: Attrs, key: str) -> Color | None:
    raw = el.get(key)
    if not raw:
        return None
    try:
        return Color.parse(raw)
    except ValueError:
        raise _Bad(f'{key}="{raw}" is not a colour') from None


def _scalar(kind: str, raw: str) -> Any:
    """A property's value; as the loader reads them (tmx.convert_property), but a colour is
    kept as a Color for drawing."""
    if kind == "color":
        return Color.parse(raw) if raw else None
    return convert_property(kind, raw)


class _Builder:
    def __init__(self, xml: ET.Element, reader: _Reader) -> None:
        self.xml = xml
        self.r = reader
        self.tilesets: list[Tileset] = []
        self._by_file: dict[str, Tileset] = {}  # external tilesets by their normalised path
        self._files: dict[str, ET.Element | None] = {}  # templates read for their tileset
        self._objects = 0
        self._template_paths: dict[str, str] = {}
        self._lost_tileset = False  # then tiles of that tileset are not reported one by one
        self._used: dict[int, set[int]] = {}  # the values each tile layer uses, by id(layer)

    # -- problems ------------------------------------------------------------------------------
    def fatal(self, message: str, fix: str, where: str) -> None:
        self.r.fatal.append(MapIssue(message, fix, where))

    def issue(self, message: str, fix: str, where: str) -> None:
        self.r.issues.append(MapIssue(message, fix, where))

    # -- files: names in the pack, read through the reader -----------------------------------
    def _image(self, base: str, el: ET.Element, where: str) -> Image | None:
        src = el.get("source")
        if not src:  # an embedded image (<data> in the image): Tiled never writes it
            self.issue("the image is embedded in the file, which can't be read",
                       "in Tiled choose an image file for it, then save", where)
            return None
        ref = self.r._ref(base, src, "image", where, fatal=False)
        try:
            width, height = _int(el, "width"), _int(el, "height")
            trans = _color(el, "trans")
        except _Bad as exc:
            self.issue(f'the image "{src}" has a bad attribute: {exc}', RESAVE_FIX, where)
            width = height = 0
            trans = None
        from_file = False
        if ref is not None and (width <= 0 or height <= 0):
            try:
                size = image_size(self.r.source.read_head(ref, 64))[1]
            except SourceError:
                size = None  # the reader has said why
            if size is None:
                self.issue(f'the size of the image "{src}" is not in the map and can\'t be '
                           "read from the image (only PNG, GIF and BMP headers are read)",
                           "open the map in Tiled (1.0 or later) and save it again: Tiled "
                           "then writes the size", where)
            else:
                width, height = size
                from_file = True
        return Image(src, ref or "", width, height, trans, from_file)

    # -- properties ----------------------------------------------------------------------------
    def _properties(self, el: ET.Element, where: str) -> dict[str, Any]:
        holder = el.find("properties")
        out: dict[str, Any] = {}
        if holder is None:
            return out
        for prop in holder.findall("property"):
            name = prop.get("name", "")
            try:
                out[name] = self._value(prop, 0)
            except ValueError as exc:
                kind = prop.get("type", "string")
                raw = prop.get("value", prop.text or "")
                if kind in ("class", "list"):
                    self.issue(f'the {kind} property "{name}" can\'t be read ({exc})',
                               "correct the property in Tiled", where)
                else:
                    self.issue(f'the property "{name}" has the type {kind}, but its value '
                               f'"{raw}" is not a {kind}',
                               "correct the value of the property in Tiled", where)
        return out

    def _value(self, el: ET.Element, depth: int) -> Any:
        kind = el.get("type", "string")
        if depth > MAX_PROPERTY_DEPTH:
            raise ValueError(f"nested more than {MAX_PROPERTY_DEPTH} deep")
        if kind == "class":
            members = {}
            holder = el.find("properties")
            for member in holder.findall("property") if holder is not None else ():
                members[member.get("name", "")] = self._value(member, depth + 1)
            return ClassValue(el.get("propertytype", ""), members)
        if kind == "list":
            return tuple(self._value(item, depth + 1) for item in el.findall("item"))
        raw = el.get("value")
        if raw is None:
            raw = el.text or ""  # a multi-line string
        return _scalar(kind, raw)

    # -- tilesets ------------------------------------------------------------------------------
    def _external(self, base: str, src: str, firstgid: int, where: str, fatal: bool,
                  from_template: bool = False) -> Tileset | None:
        """An external tileset (.tsx, or .tsj as converted), read once however often it is
        named."""
        out = self.fatal if fatal else self.issue
        if not tileset_file(src):
            out(*not_a_tileset_file(src), where)
            return None
        ref = self.r._ref(base, src, "tileset", where, fatal=fatal)
        if ref is None:
            return None
        if ref in self._by_file:  # the same .tsx named twice
            return replace(self._by_file[ref], firstgid=firstgid, from_template=from_template)
        before = len(self.r.fatal)
        el = self.r._read_ref(ref, f'the tileset "{src}"', where)
        if not fatal:  # a template's tileset spoils only the objects made from it
            self.r.issues.extend(self.r.fatal[before:])
            del self.r.fatal[before:]
        if el is None:
            return None
        if el.tag != "tileset":
            out(f'"{src}" is not a Tiled tileset', RESAVE_FIX, where)
            return None
        ts = self._tileset(el, posixpath.dirname(ref), firstgid, ref, where, from_template)
        if ts is not None:
            self._by_file.setdefault(ref, ts)
        return ts

    def _tileset(self, el: ET.Element, base: str, firstgid: int, source: str | None,
                 where: str, from_template: bool = False) -> Tileset | None:
        try:
            tw, th = _int(el, "tilewidth"), _int(el, "tileheight")
            spacing, margin = _int(el, "spacing"), _int(el, "margin")
            columns, tilecount = _int(el, "columns", -1), _int(el, "tilecount", -1)
            offset_el = el.find("tileoffset")
            offset = ((_int(offset_el, "x"), _int(offset_el, "y"))
                      if offset_el is not None else (0, 0))
        except _Bad as exc:
            self.fatal(f"the tileset has a bad attribute: {exc}", RESAVE_FIX, where)
            return None
        image_el = el.find("image")
        image = self._image(base, image_el, where) if image_el is not None else None
        if image is not None and (columns < 0 or tilecount < 0):
            # files from Tiled before 0.15 have neither: count the tiles in the image
            step_w, step_h = tw + spacing, th + spacing
            if columns < 0:
                columns = (max(image.width - 2 * margin + spacing, 0) // step_w
                           if step_w > 0 else 0)
            if tilecount < 0:
                rows = (max(image.height - 2 * margin + spacing, 0) // step_h
                        if step_h > 0 else 0)
                tilecount = columns * rows
        tiles: dict[int, TileInfo] = {}
        for tile in el.findall("tile"):
            info = self._tile(tile, base, where)
            if info is not None:
                tiles[info.id] = info
        if image is None:
            columns = 0
            tilecount = max(tilecount, len(tiles))
        return Tileset(
            firstgid, el.get("name", ""), source, tw, th, max(columns, 0), max(tilecount, 0),
            spacing, margin, image, offset, el.get("class", ""),
            self._properties(el, where), tiles, el.get("objectalignment", "unspecified"),
            el.get("tilerendersize", "tile"), el.get("fillmode", "stretch"), from_template)

    def _tile(self, tile: ET.Element, base: str, where: str) -> TileInfo | None:
        try:
            tid = _int(tile, "id")
            probability = _float(tile, "probability", 1.0)
            rect = None
            if tile.get("width") is not None or tile.get("x") is not None:
                rect = (_int(tile, "x"), _int(tile, "y"), _int(tile, "width"),
                        _int(tile, "height"))
            frames = tuple(Frame(_int(f, "tileid"), _int(f, "duration"))
                           for a in tile.findall("animation") for f in a.findall("frame"))
        except _Bad as exc:
            self.issue(f"a tile of the tileset has a bad attribute: {exc}", RESAVE_FIX, where)
            return None
        image_el = tile.find("image")
        image = self._image(base, image_el, where) if image_el is not None else None
        if rect is not None and image is not None and rect[2] == 0 and rect[3] == 0:
            rect = None
        cls = tile.get("class") or tile.get("type") or ""
        return TileInfo(tid, cls, self._properties(tile, f"{where}, tile {tid}"), image, rect,
                        frames, probability)

    def _map_tilesets(self) -> None:
        base = self.r.dir
        for el in self.xml.findall("tileset"):
            src = el.get("source")
            where = f'tileset "{src}"' if src is not None else f'tileset "{el.get("name", "")}"'
            try:
                firstgid = _int(el, "firstgid", 1)
            except _Bad as exc:
                self.fatal(f"the tileset has a bad attribute: {exc}", RESAVE_FIX, where)
                continue
            ts = (self._external(base, src, firstgid, where, fatal=True) if src is not None
                  else self._tileset(el, base, firstgid, None, where))
            if ts is None:
                self._lost_tileset = True
            else:
                self.tilesets.append(ts)
        self.tilesets.sort(key=lambda t: t.firstgid)

    # -- layers --------------------------------------------------------------------------------
    def _common(self, el: ET.Element, where: str) -> dict[str, Any]:
        try:
            return {
                "id": _int(el, "id"), "name": el.get("name", ""),
                "cls": el.get("class", ""), "visible": el.get("visible", "1") != "0",
                "opacity": _float(el, "opacity", 1.0),
                "offset": (_float(el, "offsetx"), _float(el, "offsety")),
                "parallax": (_float(el, "parallaxx", 1.0), _float(el, "parallaxy", 1.0)),
                "tint": _color(el, "tintcolor"), "blend_mode": el.get("mode", "normal"),
                "properties": self._properties(el, where),
            }
        except _Bad as exc:
            self.issue(f"the layer has a bad attribute: {exc}", RESAVE_FIX, where)
            return {"id": 0, "name": el.get("name", ""),
                    "properties": self._properties(el, where)}

    def _layers(self, parent: ET.Element, depth: int) -> tuple[AnyLayer, ...]:
        out: list[AnyLayer] = []
        for el in parent:
            where = f'layer "{el.get("name", "")}"'
            layer: AnyLayer | None
            if el.tag == "layer":
                layer = self._tile_layer(el, where)
            elif el.tag == "objectgroup":
                layer = self._object_layer(el, where)
            elif el.tag == "imagelayer":
                layer = self._image_layer(el, where)
            elif el.tag == "group":
                if depth >= MAX_GROUP_DEPTH:
                    self.fatal(f"group layers are nested more than {MAX_GROUP_DEPTH} deep",
                               "nest fewer groups", where)
                    continue
                layer = GroupLayer(**self._common(el, where),
                                   layers=self._layers(el, depth + 1))
            else:
                continue
            if layer is not None:
                out.append(layer)
        return tuple(out)

    def _tile_layer(self, el: ET.Element, where: str) -> TileLayer | None:
        common = self._common(el, where)
        try:
            width = _int(el, "width", _int(self.xml, "width"))
            height = _int(el, "height", _int(self.xml, "height"))
        except _Bad as exc:
            self.fatal(f"the layer has a bad size: {exc}", RESAVE_FIX, where)
            return None
        if width < 0 or height < 0 or width * height > MAX_TILES:
            self.fatal(f"the layer is {width}x{height} tiles; at most {MAX_TILES} tiles in all",
                       "make the map smaller", where)
            return None
        data = el.find("data")
        raw = self._decode(data, width * height, where) if data is not None else (
            (0,) * (width * height))
        if raw is None:
            return None
        layer = TileLayer(**common, width=width, height=height,
                          cells=tuple(map(decode_gid, raw)))
        self._used[id(layer)] = set(raw)  # ints hash fast; cells would not
        return layer

    def _decode(self, data: ET.Element, n: int, where: str) -> tuple[int, ...] | None:
        """The layer's gids as written (flags included), or None with a fatal problem."""
        encoding = data.get("encoding")
        compression = data.get("compression") or None
        text = (data.text or "").strip()
        values: tuple[int, ...] | list[int]
        if data.find("chunk") is not None:
            self.fatal("the layer is stored in chunks, as in an infinite map",
                       "in Tiled open Map > Map Properties and untick Infinite, then save",
                       where)
            return None
        try:
            if encoding is None:
                # the old format: one <tile gid="..."/> per cell
                tiles = data.findall("tile")
                if len(tiles) > n:
                    raise ValueError(f"the layer has more than {n} tiles")
                values = [_int(t, "gid") for t in tiles]
            elif encoding == "csv":
                text = text.removesuffix(",")  # a trailing comma is allowed
                if text.count(",") + 1 > n:
                    raise ValueError(f"the layer has more than {n} tiles")
                values = list(map(int, text.split(","))) if text else []
            elif encoding == "base64":
                if compression not in (None, "zlib", "gzip"):
                    self.fatal(f'the tile layer is compressed with "{compression}", which '
                               "can't be read", TILE_FORMAT_FIX, where)
                    return None
                try:
                    raw = base64.b64decode(text)
                except (binascii.Error, ValueError):
                    raise ValueError("the base64 text is damaged") from None
                if compression is not None:
                    try:
                        raw = inflate(raw, 4 * n)
                    except OverflowError:
                        self.fatal(f"the tile data unpacks to more than the {4 * n} bytes a "
                                   f"layer of {n} tiles needs (the file is damaged, or made "
                                   "to exhaust memory)", RESAVE_FIX, where)
                        return None
                    except ValueError as exc:
                        raise ValueError(f"the {compression} data is {exc}") from None
                if len(raw) % 4:
                    raise ValueError("the data is not a whole number of tiles")
                values = struct.unpack(f"<{len(raw) // 4}I", raw)
            else:
                self.fatal(f'the tile encoding "{encoding}" is unknown', TILE_FORMAT_FIX,
                           where)
                return None
        except (ValueError, _Bad) as exc:
            self.fatal(f"the tile data can't be read: {exc}", RESAVE_FIX, where)
            return None
        if len(values) != n:
            self.fatal(f"the layer has {len(values)} tiles, but its size says {n}",
                       RESAVE_FIX, where)
            return None
        if encoding != "base64" and values and (min(values) < 0 or max(values) > 0xFFFF_FFFF):
            self.fatal("the tile data has a number that is not a tile", RESAVE_FIX, where)
            return None
        return tuple(values)

    def _object_layer(self, el: ET.Element, where: str) -> ObjectLayer:
        common = self._common(el, where)
        objects = []
        for obj in el.findall("object"):
            if self._objects >= MAX_OBJECTS:
                self.issue(f"the map has more than {MAX_OBJECTS} objects", "use fewer objects",
                           "")
                break
            self._objects += 1
            made = self._object(obj, el.get("name", ""))
            if made is not None:
                objects.append(made)
        try:
            color = _color(el, "color")
        except _Bad:
            color = None
        return ObjectLayer(**common, objects=tuple(objects), color=color,
                           draw_order=el.get("draworder", "topdown"))

    def _image_layer(self, el: ET.Element, where: str) -> ImageLayer:
        common = self._common(el, where)
        image_el = el.find("image")
        image = None
        if image_el is not None and image_el.get("source"):
            image = self._image(self.r.dir, image_el, where)
        return ImageLayer(**common, image=image, repeat_x=el.get("repeatx", "0") == "1",
                          repeat_y=el.get("repeaty", "0") == "1")

    # -- objects -------------------------------------------------------------------------------
    def _object(self, obj: ET.Element, layer: str) -> TiledObject | None:
        attrs = dict(obj.attrib)
        src = attrs.pop("template", None)
        where = object_label(attrs.get("id", "?"), attrs.get("name", ""), layer)
        tpl: ET.Element | None = None
        if src is not None:
            tpl = self.r._template(src, where)
            if tpl is None:
                return None  # the reader has said why
            attrs = {**tpl.attrib, **attrs}
        sources = [obj] if tpl is None else [obj, tpl]  # instance first
        shape = next((c for s in sources for c in s if c.tag in SHAPES), None)
        props: dict[str, Any] = {}
        for el in reversed(sources):  # instance values over template values
            props.update(self._properties(el, where))
        try:
            oid = _int(attrs, "id")
            x, y = _float(attrs, "x"), _float(attrs, "y")
            w, h = _float(attrs, "width"), _float(attrs, "height")
            rotation = _float(attrs, "rotation")
            opacity = _float(attrs, "opacity", 1.0)
            raw_gid = None
            if "gid" in obj.attrib:
                raw_gid = _int(obj, "gid")
                if not 0 <= raw_gid <= 0xFFFF_FFFF:
                    raise _Bad(f'gid="{raw_gid}" is not a tile')
            elif tpl is not None and "gid" in tpl.attrib and src is not None:
                raw_gid = self._template_gid(src, _int(tpl, "gid"), where)
                if raw_gid is None:
                    return None
        except _Bad as exc:
            self.issue(f"the object has a bad attribute: {exc}", RESAVE_FIX, where)
            return None
        kind, text, style = "rectangle", "", {}
        points: tuple[tuple[float, float], ...] = ()
        tile = None
        if raw_gid is not None:
            kind, tile = "tile", decode_gid(raw_gid)
            if w == 0 and h == 0:  # older files: the tile's own size
                w, h = self._tile_size(tile.gid)
        elif shape is not None:
            kind = shape.tag
            if kind in ("polygon", "polyline"):
                try:
                    pts = [tuple(float(v) for v in pair.split(","))
                           for pair in (shape.get("points") or "").split()]
                    if not pts or any(len(p) != 2 or not all(map(math.isfinite, p))
                                      for p in pts):
                        raise ValueError
                except ValueError:
                    self.issue(f"the {kind}'s points are not numbers", RESAVE_FIX, where)
                    return None
                points = tuple((p[0], p[1]) for p in pts)
            elif kind == "text":
                text, style = shape.text or "", dict(shape.attrib)
        template = self._template_path(src, where) if src is not None else None
        return TiledObject(oid, attrs.get("name", ""),
                           attrs.get("class") or attrs.get("type") or "", kind, x, y, w, h,
                           rotation, attrs.get("visible", "1") != "0", opacity, tile, points,
                           text, style, template, props)

    def _template_path(self, src: str, where: str) -> str:
        if src not in self._template_paths:
            ref = self.r._ref(self.r.dir, src, "template", where, fatal=False)
            self._template_paths[src] = ref or src
        return self._template_paths[src]

    def _tile_size(self, gid: int) -> tuple[float, float]:
        for ts in self.tilesets:
            local = ts.local_id(gid)
            if local is not None:
                image = None if ts.image is not None else ts.image_for(local)
                if image is not None:
                    return float(image.width), float(image.height)
                return float(ts.tile_width), float(ts.tile_height)
        return 0.0, 0.0

    def _template_gid(self, src: str, raw: int, where: str) -> int | None:
        """A template's tile in the map's gids: the template names its own tileset and
        firstgid; the map has the same tileset (Tiled adds it) or it is added here."""
        ref = self.r._ref(self.r.dir, src, "template", where, fatal=False)
        if ref is None:
            return None
        key = ref
        if key not in self._files:
            before = len(self.r.fatal)
            self._files[key] = self.r._read_ref(ref, f'the template "{src}"', where)
            self.r.issues.extend(self.r.fatal[before:])
            del self.r.fatal[before:]
        tpl = self._files[key]
        ts_el = tpl.find("tileset") if tpl is not None else None
        if ts_el is None:
            self.issue(f'the template "{src}" has a tile but no tileset', RESAVE_FIX, where)
            return None
        try:
            tpl_first = _int(ts_el, "firstgid", 1)
        except _Bad as exc:
            self.issue(f'the template "{src}" has a bad tileset: {exc}', RESAVE_FIX, where)
            return None
        ts_src = ts_el.get("source")
        if ts_src is None:
            self.issue(f'the template "{src}" has an embedded tileset',
                       "in Tiled export the tileset to a .tsx file and save the template",
                       where)
            return None
        ts_ref = self.r._ref(posixpath.dirname(ref), ts_src, "tileset", where, fatal=False)
        if ts_ref is None:
            return None
        ts = self._by_file.get(ts_ref)
        if ts is None:
            firstgid = max((t.firstgid + t.span for t in self.tilesets), default=1)
            ts = self._external(posixpath.dirname(ref), ts_src, firstgid, where,
                                fatal=False, from_template=True)
            if ts is None:
                return None
            self.tilesets.append(ts)
            self._by_file[ts_ref] = ts
        gid = raw & GID_MASK
        return (raw & ~GID_MASK) | (ts.firstgid + gid - tpl_first)

    # -- the map -------------------------------------------------------------------------------
    def _check_gids(self, tmap: TileMap) -> None:
        hex_map = tmap.orientation == "hexagonal"
        for _, layer in tmap.walk():
            cells: set[Cell] = set()
            if isinstance(layer, TileLayer):
                cells = set(map(decode_gid, self._used.get(id(layer), ())))
            elif isinstance(layer, ObjectLayer):
                cells = {o.tile for o in layer.objects if o.tile is not None}
            where = f'layer "{layer.name}"'
            missing = sorted({c.gid for c in cells if c.gid and tmap.tile(c.gid) is None})
            if missing and not self._lost_tileset:
                shown = ", ".join(map(str, missing[:5])) + (", ..." if len(missing) > 5 else "")
                self.issue(f"the layer uses tiles that are in no tileset (gid {shown})",
                           "in Tiled erase the tiles that show as missing (or add their "
                           "tileset back), then save", where)
            if not hex_map and any(c.rotated_hex for c in cells):
                self.issue("the layer has tiles rotated by 120 degrees, which only hexagonal "
                           "maps have", "in Tiled reset the rotation of those tiles", where)

    def build(self) -> TileMap:
        xml = self.xml
        self._map_tilesets()
        layers = self._layers(xml, 0)
        try:
            size = (_int(xml, "width"), _int(xml, "height"), _int(xml, "tilewidth"),
                    _int(xml, "tileheight"))
            hex_side = _int(xml, "hexsidelength")
            background = _color(xml, "backgroundcolor")
            origin = (_float(xml, "parallaxoriginx"), _float(xml, "parallaxoriginy"))
        except _Bad as exc:
            self.fatal(f"the map has a bad attribute: {exc}", RESAVE_FIX, "")
            size, hex_side, background, origin = (0, 0, 0, 0), 0, None, (0.0, 0.0)
        tmap = TileMap(
            *size, orientation=xml.get("orientation", ORTHOGONAL),
            render_order=xml.get("renderorder", "right-down"),
            stagger_axis=xml.get("staggeraxis"), stagger_index=xml.get("staggerindex"),
            hex_side_length=hex_side, background=background, parallax_origin=origin,
            cls=xml.get("class", ""), properties=self._properties(xml, "map properties"),
            tilesets=tuple(self.tilesets), layers=layers)
        self._check_gids(tmap)
        return tmap


def _unique(issues: list[MapIssue]) -> list[MapIssue]:
    return list(dict.fromkeys(issues))


def build_tilemap(xml: ET.Element, reader: _Reader) -> TileMap:
    """Build the model of a map the reader has parsed.  Problems go to ``reader.fatal`` (the
    map can't be drawn: raises MapError) and ``reader.issues`` (reported, but the model is
    built)."""
    tmap = _Builder(xml, reader).build()
    if reader.fatal:
        raise MapError(issues=_unique(reader.fatal + reader.issues))
    return tmap


def read_tilemap(where: Path | PackSource, rel: str) -> TileMap:
    """Read the map ``rel`` of a pack into the model on its own (without pytmx and without the
    game's layers): refused, with every reason, if anything in it can't be read or drawn."""
    from game.packs.tmx import _Reader

    reader = _Reader(as_source(where), rel)
    xml = reader.precheck()  # refuses DTDs, infinite and non-orthogonal maps, big maps
    # the rest of what precheck notes is about what pytmx can't read; the model says for itself
    reader.fatal.clear()
    reader.issues.clear()
    tmap = build_tilemap(xml, reader)
    if reader.issues:
        raise MapError(issues=_unique(reader.issues))
    return tmap
