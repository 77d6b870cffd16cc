"""Reading a Tiled map into plain values the loader can check.

The objects (rooms and things) are read from the XML directly, because pytmx leaves out what
the game needs: object templates, rotation, ellipses, polylines and layer offsets.  pytmx still
reads the whole map once, so that a map the window could not draw is refused here, with a
reason, rather than later with a traceback.

pytmx is imported lazily with pygame blocked, so the terminal game starts without pygame and
without its banner; the window imports pygame itself.  A light XML pass before pytmx refuses
what pytmx would choke on or should never see (DTDs, infinite or non-orthogonal maps, files
outside the pack, features pytmx doesn't read), with a reason an author can act on.

Tiled's JSON formats (.tmj maps, .tsj tilesets, .tj templates) are converted by
``game.packs.tiled_json`` into the XML Tiled would have saved for them, as soon as their bytes
are read, so that every check here, pytmx and the model read them as they read XML.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import importlib
import logging
import math
import os
import posixpath
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from game.packs.geometry import Polygon, ellipse, rect, rotate
from game.packs.source import (
    FolderSource,
    Missing,
    PackSource,
    SourceError,
    TooLarge,
    join,
    relative_to,
    size_text,
)

if TYPE_CHECKING:
    from game.packs.tiles import TileMap

MAX_MAP_BYTES = 8 * 1024 * 1024
MAX_REF_BYTES = 8 * 1024 * 1024  # an external tileset or template
MAX_TILES = 512 * 512
MAX_OBJECTS = 20_000
MAX_GROUP_DEPTH = 32
MAX_LAYERS = 256  # layers of every kind, groups included
MAX_TILE_CELLS = 4 * 1024 * 1024  # the tiles of all tile layers together
MAX_PROPERTIES = 50_000
MAX_TILESETS = 64
MAX_TEMPLATES = 256  # distinct template files of one map
MAX_READ_BYTES = 64 * 1024 * 1024  # a map, its tilesets and its templates together
MAX_IMAGE_BYTES = 16 * 1024 * 1024
MAX_IMAGE_SIDE = 16384  # pixels
MAX_IMAGE_PIXELS = 4096 * 4096
MAX_TILESET_TILES = 65536  # tiles of one tileset
MAX_ALL_TILESET_TILES = 262144  # of all the tilesets of a map together
IMAGE_HEAD = 64 * 1024  # bytes of an image read to find its size
GAME_LAYERS = ("rooms", "things")  # the object layers the game reads

TILE_FORMAT_FIX = ("in Tiled set Map > Map Properties > Tile Layer Format to CSV or "
                   "Base64 (zlib compressed), then save")
RESAVE_FIX = "open it in a recent Tiled (1.8 or later) and save it again"


@dataclass(frozen=True)
class MapIssue:
    """One thing wrong with a map; ``where`` names the object, layer or tileset, if any."""

    message: str
    fix: str = ""
    where: str = ""


class MapError(Exception):
    """The map can't be read; ``issues`` says why and what to do in Tiled."""

    def __init__(self, message: str = "", fix: str = "", where: str = "",
                 issues: list[MapIssue] | None = None) -> None:
        self.issues = issues if issues else [MapIssue(message, fix, where)]
        super().__init__("; ".join(i.message for i in self.issues))


@dataclass(frozen=True)
class ObjectRef:
    """A Tiled property of type "object": the id of another object."""

    id: int


@dataclass(frozen=True)
class MapObject:
    id: int
    name: str
    cls: str
    layer: str
    shape: Polygon
    point: bool
    properties: dict[str, Any] = field(default_factory=dict)
    closed: bool = True  # False for a polyline

    @property
    def centre(self) -> tuple[float, float]:
        xs = [p[0] for p in self.shape]
        ys = [p[1] for p in self.shape]
        return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)

    @property
    def size(self) -> float:
        xs = [p[0] for p in self.shape]
        ys = [p[1] for p in self.shape]
        return max(max(xs) - min(xs), max(ys) - min(ys))

    def label(self) -> str:
        return object_label(self.id, self.name, self.layer)


def object_label(oid: int | str, name: str, layer: str) -> str:
    if name.strip():
        return f'object {oid} "{name}" (layer {layer})'
    return f"object {oid} (no name, layer {layer})"


@dataclass(frozen=True)
class MapData:
    path: Path
    width: int
    height: int
    tile_width: int
    tile_height: int
    layers: tuple[tuple[str, str], ...]  # (kind, name) in Tiled's document order, groups opened
    objects: tuple[MapObject, ...]
    issues: tuple[MapIssue, ...] = ()  # problems that don't stop the map from being read
    tiles: TileMap | None = None  # the whole map as the window draws it (game.packs.tiles)


def _pytmx() -> ModuleType:
    if "pytmx" in sys.modules:
        return sys.modules["pytmx"]
    blocked = "pygame" not in sys.modules
    if blocked:
        sys.modules["pygame"] = None  # type: ignore[assignment]  # makes `import pygame` fail
    try:
        # pytmx logs an error when it can't import pygame; nobody needs to see it
        log = logging.getLogger("pytmx.util_pygame")
        level = log.level
        log.setLevel(logging.CRITICAL)
        try:
            return importlib.import_module("pytmx")
        finally:
            log.setLevel(level)
    finally:
        if blocked:
            del sys.modules["pygame"]


def _parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse XML that has passed the DOCTYPE check; raise MapError naming the line."""
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise MapError(f"{what} is not well-formed XML (line {line}, column {column + 1}: "
                       f"{str(exc).split(':')[0]})", RESAVE_FIX) from exc


_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")


# Old Tiled wrote <!DOCTYPE map SYSTEM "http://mapeditor.org/dtd/1.0/map.dtd">: a reference the
# parser never fetches, without an internal subset, so nothing in it can expand.
_PLAIN_DOCTYPE = re.compile(
    rb"""<!DOCTYPE\s+[A-Za-z_][\w.-]*(\s+(SYSTEM|PUBLIC)(\s+("[^"<>\[\]]*"|'[^'<>\[\]]*')){1,2})?\s*>""")


def _refuse_dtd(data: bytes, what: str) -> None:
    if b"\x00" in data[:1024]:  # UTF-16 or 32 (Tiled writes UTF-8), or not text at all
        raise MapError(f"{what} is not UTF-8 text", "save it again from Tiled")
    declared = _ENCODING.match(data[:1024])
    # only in UTF-8 (or ASCII) does "<!DOCTYPE" appear as these very bytes
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii",
                                                      b"ascii"):
        name = declared.group(1).decode("ascii", "replace")[:40]
        raise MapError(f'{what} declares the encoding "{name}"; only UTF-8 is read',
                       "save it again from Tiled (Tiled writes UTF-8)")
    doctypes = data.count(b"<!DOCTYPE")
    harmless = doctypes == 1 and _PLAIN_DOCTYPE.search(data) is not None
    if b"<!ENTITY" in data or (doctypes and not harmless):
        raise MapError(f"{what} contains a DOCTYPE or ENTITY declaration that defines entities or "
                       "elements of its own, which is refused for safety",
                       "open it in a recent Tiled and save it again, or delete the <!DOCTYPE "
                       "...> part")


class _Reader:
    """One map: the checks before pytmx, then the objects."""

    def __init__(self, source: PackSource, rel: str) -> None:
        self.source = source  # every file is read through it, checked by name first
        self.rel = rel  # the map's name in the pack, like "kitchen.tmx"
        self.dir = posixpath.dirname(rel)  # what the map's references are relative to
        self.path = source.path_of(rel)  # names the map (for a zip, not a file on disk)
        self.fatal: list[MapIssue] = []  # pytmx (or the window) would fail on these
        self.issues: list[MapIssue] = []  # reported, but the map can still be read
        self._templates: dict[str, ET.Element | None] = {}
        self._no_ids = False
        self._bytes = b""  # the map file, parsed again for pytmx
        self._read = 0  # bytes read for this map: the map, its tilesets and templates
        self._images: set[str] = set()  # images whose header was checked
        self._dims: dict[str, tuple[int, int]] = {}  # their sizes, read from the headers
        self._tileset_tiles = 0  # tiles the tilesets declare, all together
        self._cells = 0  # tiles in the tile layers so far
        self.width = self.height = 0
        # what pytmx is given instead of an element: external tilesets inlined, tile data
        # unpacked (by id of the element in the precheck's tree)
        self._subs: dict[int, ET.Element] = {}

    # -- files a map refers to -----------------------------------------------------------------
    def _ref(self, base: str, src: str, what: str, where: str, fatal: bool) -> str | None:
        """Check a file the map refers to, by its name only: inside the pack, no link, present.
        Returns its name in the pack; nothing is opened."""
        out = self.fatal if fatal else self.issues
        try:
            rel = join(base, src)
            self.source.check(rel)
        except Missing:
            out.append(MapIssue(f'the {what} "{src}" does not exist',
                                "fix the path in Tiled (or restore the file)", where))
            return None
        except SourceError as exc:
            out.append(MapIssue(f'the {what} "{src}" {exc.reason}', exc.fix, where))
            return None
        return rel

    def _read_ref(self, ref: str, what: str, where: str) -> ET.Element | None:
        try:
            data = self.source.read_bytes(ref, MAX_REF_BYTES)
            self._count(len(data))
            if _json_file(data, ref):
                return _json_element(data, what)
            _refuse_dtd(data, what)
            return _parse_xml(data, what)
        except MapError as exc:
            self.fatal.extend(MapIssue(i.message, i.fix, where) for i in exc.issues)
        except TooLarge:
            self.fatal.append(MapIssue(f"{what} is larger than "
                                       f"{MAX_REF_BYTES // 1024 // 1024} MB",
                                       "make it smaller", where))
        except SourceError as exc:
            self.fatal.append(MapIssue(f"{what} {exc.reason}", exc.fix, where))
        return None

    def _count(self, n: int) -> None:
        self._read += n
        if self._read > MAX_READ_BYTES:
            raise MapError(f"the map, its tilesets and templates add up to more than "
                           f"{MAX_READ_BYTES // 1024 // 1024} MB",
                           "use fewer or smaller tilesets and templates")

    def _tileset(self, ts: ET.Element) -> None:
        src = ts.get("source")
        base = self.dir
        in_map = ts
        if src is not None:
            where = f'tileset "{src}"'
            if not tileset_file(src):
                self.fatal.append(MapIssue(*not_a_tileset_file(src), where))
                return
            ref = self._ref(base, src, "tileset", where, fatal=True)
            if ref is None:
                return
            el = self._read_ref(ref, f'the tileset "{src}"', where)
            if el is None:
                return
            if el.tag != "tileset":
                self.fatal.append(MapIssue(f'"{src}" is not a Tiled tileset', RESAVE_FIX,
                                           where))
                return
            ts, base = el, posixpath.dirname(ref)
        else:
            where = f'tileset "{ts.get("name", "")}"'
        image = ts.find("image")
        rel = None
        if image is not None:
            if image.get("width") is None or image.get("height") is None:
                self.fatal.append(MapIssue("the tileset image has no width and height",
                                           "open the tileset in Tiled (1.0 or later) and "
                                           "save it again", where))
            rel = self._image(base, image, where)
        size_issues = tileset_size_issues(ts, image, self._dims.get(rel or ""), where)
        self.fatal.extend(size_issues)
        self._tileset_tiles += 0 if size_issues else declared_tiles(ts, image)
        if self._tileset_tiles > MAX_ALL_TILESET_TILES:
            raise MapError(f"the map's tilesets have more than {MAX_ALL_TILESET_TILES} tiles "
                           "together", "use fewer or smaller tilesets")
        for tile in ts.iter("tile"):
            tile_image = tile.find("image")
            if tile_image is not None:
                self._image(base, tile_image, where)
        if src is not None:  # an embedded tileset is checked with the rest of the map
            for prop in ts.iter("property"):
                self._property_supported(prop, where)
            self._inline(in_map, ts, base)

    def _inline(self, in_map: ET.Element, tsx: ET.Element, base: str) -> None:
        """pytmx gets the tileset's own element instead of the reference, so that it opens no
        file; its images are named relative to the map, as pytmx would have named them."""
        tsx.set("firstgid", in_map.get("firstgid", "1"))
        for image in tsx.iter("image"):
            src = image.get("source")
            if src:
                with contextlib.suppress(SourceError):  # reported by _image
                    image.set("source", relative_to(join(base, src), self.dir))
        self._subs[id(in_map)] = tsx

    def _image(self, base: str, image: ET.Element, where: str) -> str | None:
        """Check an image's header once; its name in the pack (None if it has none)."""
        src = image.get("source")
        if not src:
            return None
        rel = self._ref(base, src, "image", where, fatal=False)
        if rel is not None and rel not in self._images:
            self._images.add(rel)
            self._image_header(rel, src, where)
        return rel

    def _image_header(self, rel: str, src: str, where: str) -> None:
        """The image's format and size, from its first bytes: no pixel is decoded."""
        what = f'the image "{src}"'
        try:
            size = self.source.size(rel)
            if size > MAX_IMAGE_BYTES:
                self.issues.append(MapIssue(f"{what} is {size_text(size)}; images may be at "
                                            f"most {size_text(MAX_IMAGE_BYTES)}",
                                            "make the image smaller", where))
                return
            head = self.source.read_head(rel, IMAGE_HEAD)
        except SourceError as exc:
            self.issues.append(MapIssue(f"{what} {exc.reason}", exc.fix, where))
            return
        kind, dims = image_size(head)
        suffix = posixpath.splitext(rel)[1].lower()
        named = _IMAGE_SUFFIXES.get(suffix)
        if kind is None:
            begins = "is empty" if not head else "is not an image the game can read"
            self.issues.append(MapIssue(
                f"{what} {begins}" + (f" (its name ends in {suffix}, but it is not a "
                                      f"{named} file)" if named and head else ""),
                "export it from your paint program as PNG", where))
        elif named is not None and named != kind:
            self.issues.append(MapIssue(f"{what} is named {suffix} but is a {kind} image",
                                        f"rename it to end in {_SUFFIX_OF[kind]}, or export "
                                        "it as PNG", where))
        elif dims is None:
            self.issues.append(MapIssue(f"{what} is damaged: its size can't be read from its "
                                        "header", "export it again as PNG", where))
        else:
            w, h = dims
            self._dims[rel] = dims
            if w <= 0 or h <= 0:
                self.issues.append(MapIssue(f"{what} has no pixels ({w}x{h})",
                                            "export it again as PNG", where))
            elif max(w, h) > MAX_IMAGE_SIDE or w * h > MAX_IMAGE_PIXELS:
                self.issues.append(MapIssue(
                    f"{what} is {w}x{h} pixels; images may be at most {MAX_IMAGE_SIDE} pixels "
                    f"wide or high and {MAX_IMAGE_PIXELS // 1024 // 1024} Mpx in all",
                    "split it into smaller images", where))

    def _property_supported(self, prop: ET.Element, where: str) -> None:
        kind = prop.get("type", "string")
        name = prop.get("name", "")
        if kind in ("class", "list"):
            self.fatal.append(MapIssue(
                f'the property "{name}" has the type "{kind}", which the game can\'t read',
                "use plain properties (string, bool, int, float, object)", where))
            return
        raw = prop.get("value")
        try:
            convert_property(kind, prop.text or "" if raw is None else raw)
        except ValueError:
            self.fatal.append(MapIssue(
                f'the property "{name}" has the type {kind}, but its value "{raw}" is not '
                f"a {kind}", "correct the value of the property in Tiled", where))

    def _map_properties_supported(self, root_el: ET.Element) -> None:
        """Properties pytmx would fail on, anywhere in the map: class and list properties,
        and values that are not of their type."""
        parents = {child: parent for parent in root_el.iter() for child in parent}
        for prop in root_el.iter("property"):
            if prop.get("type", "string") not in ("class", "list", "bool", "int", "float",
                                                  "object"):
                continue
            holder = parents.get(prop)  # <properties>
            owner = parents.get(holder) if holder is not None else None
            if owner is None or owner.tag == "property":
                continue  # a member of a class property: the class property is reported
            while owner is not None and owner.tag not in (
                    "object", "layer", "objectgroup", "imagelayer", "group", "tileset", "map"):
                owner = parents.get(owner)
            if owner is None:
                continue
            if owner.tag == "object":
                group = parents.get(owner)
                layer = group.get("name", "") if group is not None else ""
                where = object_label(owner.get("id", "?"), owner.get("name", ""), layer)
            elif owner.tag == "map":
                where = "map properties"
            elif owner.tag == "tileset":
                where = f'tileset "{owner.get("name", "")}"'
            else:
                where = f'layer "{owner.get("name", "")}"'
            self._property_supported(prop, where)

    def _layers(self, parent: ET.Element, depth: int = 0) -> None:
        for el in parent:
            name = el.get("name", "")
            if el.tag == "group":
                if depth >= MAX_GROUP_DEPTH:
                    self.fatal.append(MapIssue(f"group layers are nested more than "
                                               f"{MAX_GROUP_DEPTH} deep", "nest fewer groups",
                                               f'layer "{name}"'))
                    return
                self._layers(el, depth + 1)
            elif el.tag == "layer":
                where = f'layer "{name}"'
                data = el.find("data")
                if data is None:
                    continue
                encoding = data.get("encoding")
                compression = data.get("compression")
                if encoding is None and data.find("tile") is not None:
                    self.fatal.append(MapIssue(
                        "the layer stores its tiles as XML elements, an old format that "
                        "can't be read", TILE_FORMAT_FIX, where))
                elif encoding not in (None, "csv", "base64"):
                    self.fatal.append(MapIssue(f'the tile encoding "{encoding}" is unknown',
                                               TILE_FORMAT_FIX, where))
                elif compression not in (None, "", "zlib", "gzip"):
                    self.fatal.append(MapIssue(
                        f'the tile layer is compressed with "{compression}", which can\'t '
                        "be read", TILE_FORMAT_FIX, where))
                else:
                    self._tile_data(el, data, where)
            elif el.tag == "imagelayer":
                where = f'layer "{name}"'
                image = el.find("image")
                if image is None or not image.get("source"):
                    self.fatal.append(MapIssue("the image layer has no image",
                                               "choose an image for it in Tiled, or delete "
                                               "the layer", where))
                else:
                    self._image(self.dir, image, where)

    def _tile_data(self, layer: ET.Element, data: ET.Element, where: str) -> None:
        """Check a tile layer's data with bounds: at most width x height tiles, unpacked with a
        cap (a 20 KB map must not become 300 MB); pytmx is then given the unpacked tiles."""
        try:
            w = int(layer.get("width") or self.width)
            h = int(layer.get("height") or self.height)
        except ValueError:
            self.fatal.append(MapIssue("the layer's width or height is not a whole number",
                                       RESAVE_FIX, where))
            return
        if w <= 0 or h <= 0 or w * h > MAX_TILES:
            self.fatal.append(MapIssue(f"the layer is {w}x{h} tiles; at most {MAX_TILES} tiles",
                                       "make the map smaller", where))
            return
        before = self._cells
        self._cells += w * h
        if self._cells > MAX_TILE_CELLS:
            if before <= MAX_TILE_CELLS:
                self.fatal.append(MapIssue(f"the tile layers have more than {MAX_TILE_CELLS} "
                                           "tiles in all", "use fewer tile layers", where))
            return
        if data.find("chunk") is not None:
            return  # an infinite map: refused for that
        text = data.text or ""
        limit = w * h
        if data.get("encoding") == "csv":
            count = text.count(",") + 1 if text.strip() else 0
            if count > limit:
                self.fatal.append(MapIssue(f"the layer's data holds {count} tiles, more than "
                                           f"its {w}x{h}", RESAVE_FIX, where))
            return
        if data.get("encoding") != "base64":
            return
        try:
            raw = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            self.fatal.append(MapIssue("the layer's tile data is not valid base64", RESAVE_FIX,
                                       where))
            return
        if data.get("compression"):
            try:
                tiles = inflate(raw, limit * 4)  # never more than the layer needs
            except OverflowError:
                tiles = b"?" * (limit * 4 + 1)  # too much: said below
            except ValueError as exc:
                self.fatal.append(MapIssue(f"the layer's tile data is {exc}", RESAVE_FIX,
                                           where))
                return
        else:
            tiles = raw
        if len(tiles) > limit * 4:
            self.fatal.append(MapIssue(f"the layer's tile data unpacks to more than its {w}x{h} "
                                       "tiles", RESAVE_FIX, where))
            return
        if len(tiles) % 4:
            self.fatal.append(MapIssue("the layer's tile data is cut short", RESAVE_FIX,
                                       where))
            return
        plain = ET.Element("data", encoding="base64")
        plain.text = base64.b64encode(tiles).decode("ascii")
        self._subs[id(data)] = plain

    # -- the map -------------------------------------------------------------------------------
    def precheck(self) -> ET.Element:
        name = posixpath.basename(self.rel)
        try:
            data = self.source.read_bytes(self.rel, MAX_MAP_BYTES)
        except Missing as exc:
            raise MapError("the map file is missing",
                           f"draw the level in Tiled and save it as {name} next to "
                           "pack.toml") from exc
        except TooLarge as exc:
            raise MapError(f"the map is {size_text(self.source.size(self.rel))}; maps may be "
                           f"at most {MAX_MAP_BYTES // 1024 // 1024} MB",
                           "make the map smaller") from exc
        except SourceError as exc:
            raise MapError(f"the map can't be read: it {exc.reason}",
                           exc.fix or f"save the map as the file {name}") from exc
        self._read = len(data)
        if _json_file(data, self.rel):
            data = _json_map(data)  # the XML Tiled would have saved: read as any .tmx
        self._bytes = data
        _refuse_dtd(data, "the map")
        root_el = _parse_xml(data, "the map")
        if root_el.tag != "map":
            raise MapError(f"the file is not a Tiled map (its root element is <{root_el.tag}>, "
                           "not <map>)", "save the level's map from Tiled as a .tmx file")
        problems: list[MapIssue] = []
        if root_el.get("infinite", "0") == "1":
            problems.append(MapIssue(
                "infinite maps are not supported",
                "in Tiled open Map > Map Properties and untick Infinite (the map then gets a "
                "fixed size), then save"))
        orientation = root_el.get("orientation", "orthogonal")
        if orientation != "orthogonal":
            problems.append(MapIssue(
                f"{orientation} maps are not supported; the game reads only orthogonal maps",
                "in Tiled open Map > Map Properties, set Orientation to Orthogonal and check "
                "the rooms, or start a new orthogonal map (File > New > New Map)"))
        try:
            width = int(root_el.get("width", "0") or 0)
            height = int(root_el.get("height", "0") or 0)
            tile_width = int(root_el.get("tilewidth", "0") or 0)
            tile_height = int(root_el.get("tileheight", "0") or 0)
        except ValueError as exc:
            raise MapError("the map's width, height or tile size is not a whole number",
                           RESAVE_FIX) from exc
        if width * height > MAX_TILES:
            problems.append(MapIssue(f"the map is {width}x{height} tiles; at most {MAX_TILES} "
                                     "tiles in all", "make the map smaller"))
        if min(width, height, tile_width, tile_height) <= 0 and not problems:
            problems.append(MapIssue("the map has no size (width, height and tile size must "
                                     "be above 0)", RESAVE_FIX))
        problems += _counts(root_el)
        if _MAYBE_UNSAFE.search(data):  # most maps have none: no walk over every element
            problems += unsafe_map_texts(root_el)
        if problems:
            raise MapError(issues=problems)
        self.width, self.height = width, height
        try:
            for ts in root_el.findall("tileset"):
                self._tileset(ts)
        except MapError as exc:  # the tilesets are too much to read
            self.fatal.extend(exc.issues)
        self._layers(root_el)
        self._map_properties_supported(root_el)
        return root_el

    def _for_pytmx(self, xml: ET.Element) -> ET.Element:
        """The map as pytmx is given it: parsed again from memory, external tilesets inlined
        and tile data unpacked by the guards, so that pytmx opens no file and decompresses
        nothing."""
        fed = ET.fromstring(self._bytes)  # the same bytes: the same elements in the same order
        swaps = [(mine, self._subs[id(orig)]) for orig, mine in zip(xml.iter(), fed.iter(),
                                                                     strict=True)
                 if id(orig) in self._subs]
        for el, new in swaps:
            el.attrib.clear()
            el.attrib.update(new.attrib)
            el.text = new.text
            el[:] = list(new)
        for el in fed.iter():
            if (el.tag == "tileset" and el.get("source")) or (
                    el.tag == "data" and el.get("compression")):
                raise MapError("the map refers to a file or holds packed data in a place the "
                               "game doesn't check", RESAVE_FIX)
        return fed

    def read(self) -> MapData:
        xml = self.precheck()
        if self.fatal:
            raise MapError(issues=self.fatal + self.issues)
        from game.packs.tiles import build_tilemap  # it imports this module

        tiles = build_tilemap(xml, self)  # raises MapError if the tiles can't be read
        pytmx = _pytmx()
        try:
            tiled = pytmx.TiledMap(None, allow_duplicate_names=True, load_all=False)
            tiled.filename = str(self.path)  # pytmx names images after it; it opens nothing
            tiled.parse_xml(self._for_pytmx(xml))
        except Exception as exc:  # pytmx raises bare Exceptions and assorted errors
            detail = str(exc).strip() or type(exc).__name__
            raise MapError(f"the map could not be read ({type(exc).__name__}: {detail})",
                           RESAVE_FIX) from exc
        layers: list[tuple[str, str]] = []
        objects: list[MapObject] = []
        self._walk(xml, (0.0, 0.0), layers, objects)
        objects = self._resolve_refs(objects)
        return MapData(self.path, int(xml.get("width", "0")), int(xml.get("height", "0")),
                       int(xml.get("tilewidth", "0")), int(xml.get("tileheight", "0")),
                       tuple(layers), tuple(objects),
                       tuple(dict.fromkeys(self.issues + self.fatal)), tiles)

    def _walk(self, parent: ET.Element, offset: tuple[float, float],
              layers: list[tuple[str, str]], objects: list[MapObject]) -> None:
        for el in parent:
            if el.tag not in ("layer", "objectgroup", "imagelayer", "group"):
                continue
            name = el.get("name", "")
            layers.append((el.tag, name))
            try:
                here = (offset[0] + float(el.get("offsetx", "0")),
                        offset[1] + float(el.get("offsety", "0")))
            except ValueError:
                self.issues.append(MapIssue("the layer offset is not a number", RESAVE_FIX,
                                            f'layer "{name}"'))
                here = offset
            if el.tag == "group":
                self._walk(el, here, layers, objects)
            elif el.tag == "objectgroup":
                for obj in el.findall("object"):
                    if len(objects) >= MAX_OBJECTS:
                        self.issues.append(MapIssue(f"the map has more than {MAX_OBJECTS} "
                                                    "objects", "use fewer objects"))
                        return
                    mo = self._object(obj, name, here)
                    if mo is not None:
                        objects.append(mo)

    # -- objects -------------------------------------------------------------------------------
    def _template(self, src: str, where: str) -> ET.Element | None:
        ref = self._ref(self.dir, src, "template", where, fatal=False)
        if ref is None:
            return None
        key = ref
        if key not in self._templates:
            if len(self._templates) >= MAX_TEMPLATES:
                if len(self._templates) == MAX_TEMPLATES:
                    self._templates[""] = None
                    self.issues.append(MapIssue(f"the map uses more than {MAX_TEMPLATES} "
                                                "template files", "use fewer templates",
                                                where))
                return None
            before = len(self.fatal)
            try:
                el = self._read_ref(ref, f'the template "{src}"', where)
            except MapError as exc:  # the map's files are too much to read
                self.fatal.extend(exc.issues)
                el = None
            # a broken template spoils only the objects made from it
            self.issues.extend(self.fatal[before:])
            del self.fatal[before:]
            obj = el.find("object") if el is not None and el.tag == "template" else None
            if el is not None and obj is None:
                self.issues.append(MapIssue(f'"{src}" is not a Tiled object template',
                                            RESAVE_FIX, where))
            self._templates[key] = obj
        return self._templates[key]

    def _object(self, obj: ET.Element, layer: str, offset: tuple[float, float]
                ) -> MapObject | None:
        attrs = dict(obj.attrib)
        shapes = {c.tag: c for c in obj if c.tag in ("polygon", "polyline", "ellipse", "point")}
        props_el = [obj]
        src = attrs.pop("template", None)
        where = object_label(attrs.get("id", "?"), attrs.get("name", ""), layer)
        if src is not None:
            tpl = self._template(src, where)
            if tpl is None:
                return None
            attrs = {**tpl.attrib, **attrs}
            if not shapes:
                shapes = {c.tag: c for c in tpl
                          if c.tag in ("polygon", "polyline", "ellipse", "point")}
            props_el = [tpl, obj]
            where = object_label(attrs.get("id", "?"), attrs.get("name", ""), layer)
        if "id" not in attrs and layer in GAME_LAYERS and not self._no_ids:
            self._no_ids = True
            self.issues.append(MapIssue("the objects have no ids (the map was saved by a Tiled "
                                        "older than 0.11)", RESAVE_FIX))
        try:
            oid = int(attrs.get("id", "0"))
            x, y, w, h, turn = (float(attrs.get(k, "0") or 0)
                                for k in ("x", "y", "width", "height", "rotation"))
            if not all(math.isfinite(v) for v in (x, y, w, h, turn)):
                raise ValueError("not finite")
        except ValueError:
            self.issues.append(MapIssue("the object's id, position or size is not a number",
                                        RESAVE_FIX, where))
            return None
        props: dict[str, Any] = {}
        for el in props_el:
            props.update(self._properties(el, where))
        closed = True
        point = False
        if "gid" in attrs:
            shape = rect(x, y - h, w, h)  # tile objects are anchored at their bottom-left
        elif "polygon" in shapes or "polyline" in shapes:
            kind = "polygon" if "polygon" in shapes else "polyline"
            closed = kind == "polygon"
            try:
                pts = [tuple(float(v) for v in pair.split(","))
                       for pair in (shapes[kind].get("points") or "").split()]
                shape = tuple((x + p[0], y + p[1]) for p in pts if len(p) == 2)
                if len(shape) != len(pts) or not shape:
                    raise ValueError("bad point")
            except ValueError:
                self.issues.append(MapIssue(f"the {kind}'s points are not numbers",
                                            RESAVE_FIX, where))
                return None
        elif "ellipse" in shapes and w > 0 and h > 0:
            shape = ellipse(x, y, w, h)
        else:
            shape = rect(x, y, w, h)
            point = "point" in shapes or (w == 0 and h == 0)
        shape = rotate(shape, (x, y), turn)
        if offset != (0.0, 0.0):
            shape = tuple((px + offset[0], py + offset[1]) for px, py in shape)
        cls = attrs.get("class") or attrs.get("type") or ""
        return MapObject(oid, attrs.get("name", ""), cls, layer, shape, point, props, closed)

    def _properties(self, el: ET.Element, where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        holder = el.find("properties")
        if holder is None:
            return out
        for prop in holder.findall("property"):
            name = prop.get("name", "")
            kind = prop.get("type", "string")
            raw = prop.get("value")
            if raw is None:
                raw = prop.text or ""
            try:
                out[name] = convert_property(kind, raw)
            except ValueError:
                self.issues.append(MapIssue(
                    f'the property "{name}" has the type {kind}, but its value "{raw}" is not '
                    f"a {kind}", "correct the value of the property in Tiled", where))
            except TypeError:
                pass  # class and list properties are reported by precheck
        return out

    def _resolve_refs(self, objects: list[MapObject]) -> list[MapObject]:
        """Turn "object" properties into the names of the objects they point at."""
        names = {o.id: o.name for o in objects}
        out = []
        for o in objects:
            if not any(isinstance(v, ObjectRef) for v in o.properties.values()):
                out.append(o)
                continue
            props = dict(o.properties)
            for key, value in o.properties.items():
                if not isinstance(value, ObjectRef):
                    continue
                if value.id == 0:
                    del props[key]
                elif o.layer not in GAME_LAYERS:
                    props[key] = str(value.id)  # not the game's business
                elif value.id not in names or not names[value.id].strip():
                    what = ("which does not exist" if value.id not in names
                            else "which has no name")
                    self.issues.append(MapIssue(
                        f'the property "{key}" points at object {value.id}, {what}',
                        "pick a named object for it in Tiled", o.label()))
                    del props[key]
                else:
                    props[key] = names[value.id]
            out.append(MapObject(o.id, o.name, o.cls, o.layer, o.shape, o.point, props,
                                 o.closed))
        return out


def convert_property(kind: str, raw: str) -> Any:
    """A Tiled property's value from its type and text; ValueError if the text doesn't fit
    the type, TypeError for class and list properties (read by tiles.py)."""
    if kind == "bool":
        if raw not in ("true", "false"):
            raise ValueError(raw)
        return raw == "true"
    if kind == "int":
        return int(raw)
    if kind == "float":
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(raw)
        return value
    if kind == "object":
        return ObjectRef(int(raw or "0"))
    if kind in ("class", "list"):
        raise TypeError(kind)
    return raw  # string, file, color, enum


# the UTF-8 bytes of engine/safetext.UNSAFE (C0 and C1 controls, DEL, bidi overrides), and
# character references, which may spell any of them
_MAYBE_UNSAFE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]"
                           rb"|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|&#")


def unsafe_map_texts(root_el: ET.Element, limit: int = 20) -> list[MapIssue]:
    """Names, classes, properties and texts of a map holding a control character or a bidi
    override (XML already refuses ESC and NUL; C1 controls and overrides get through), which
    would reach the player as a room's or a thing's name."""
    from game.engine.safetext import UNSAFE, find_unsafe

    out: list[MapIssue] = []
    for el in root_el.iter():
        texts = [(f'the attribute "{k}" of <{el.tag}>', v) for k, v in el.attrib.items()]
        if el.text and el.tag != "data":
            texts.append((f"the text of <{el.tag}>", el.text))
        for what, value in texts:
            if UNSAFE.search(value):
                bad = find_unsafe(value)
                assert bad is not None
                label = el.get("name") or el.get("id") or ""
                out.append(MapIssue(
                    f"{what}{f' ({label[:40]!r})' if label else ''} holds the control "
                    f"character {bad[1]}", "retype the text in Tiled without it"))
                if len(out) >= limit:
                    return out
    return out


def _whole(el: ET.Element | None, name: str) -> int | None:
    """An attribute as a whole number: 0 when absent, None when it is not a number."""
    if el is None:
        return 0
    raw = el.get(name, "0") or "0"
    if len(raw) > 12:
        return None
    try:
        return int(raw)
    except ValueError:
        return None


def declared_tiles(ts: ET.Element, image: ET.Element | None) -> int:
    """How many tiles a tileset would make: its tile count, or its image cut into tiles,
    whichever is more (pytmx trusts the declared image size)."""
    tw, th = _whole(ts, "tilewidth") or 0, _whole(ts, "tileheight") or 0
    count = max(_whole(ts, "tilecount") or 0, 0)
    if image is not None and tw > 0 and th > 0:
        w, h = _whole(image, "width") or 0, _whole(image, "height") or 0
        count = max(count, max(w, 0) // tw * (max(h, 0) // th))
    return count


def tileset_size_issues(ts: ET.Element, image: ET.Element | None,
                        real: tuple[int, int] | None, where: str) -> list[MapIssue]:
    """A tileset's sizes and counts against the limits and against its image's real size,
    before pytmx makes a tile for every cell the tileset claims."""
    fix = "open the tileset in Tiled and save it again (Tileset > Tileset Properties)"
    numbers = {name: _whole(ts, name) for name in ("tilewidth", "tileheight", "tilecount",
                                                   "columns", "spacing", "margin")}
    numbers.update({f"image {name}": _whole(image, name) for name in ("width", "height")})
    bad = [name for name, value in numbers.items() if value is None]
    if bad:
        return [MapIssue(f"the tileset's {', '.join(bad)} is not a whole number", fix, where)]
    n = {k: v or 0 for k, v in numbers.items()}
    out = []
    tw, th = n["tilewidth"], n["tileheight"]
    if tw <= 0 or th <= 0 or max(tw, th) > MAX_IMAGE_SIDE:
        out.append(MapIssue(f"the tileset's tiles are {tw}x{th} pixels", fix, where))
    if min(n["spacing"], n["margin"], n["columns"], n["tilecount"]) < 0 or max(
            n["spacing"], n["margin"]) > MAX_IMAGE_SIDE:
        out.append(MapIssue("the tileset has a negative or huge spacing, margin, column or "
                            "tile count", fix, where))
    if n["tilecount"] > MAX_TILESET_TILES or n["columns"] > MAX_TILESET_TILES:
        out.append(MapIssue(f"the tileset has {max(n['tilecount'], n['columns'])} tiles; at "
                            f"most {MAX_TILESET_TILES}", "split it into smaller tilesets",
                            where))
    if image is not None:
        w, h = n["image width"], n["image height"]
        if max(w, h) > MAX_IMAGE_SIDE or w * h > MAX_IMAGE_PIXELS:
            out.append(MapIssue(
                f"the tileset says its image is {w}x{h} pixels; images may be at most "
                f"{MAX_IMAGE_SIDE} pixels wide or high and "
                f"{MAX_IMAGE_PIXELS // 1024 // 1024} Mpx in all", fix, where))
        elif real is not None and (w > real[0] or h > real[1]):
            out.append(MapIssue(f"the tileset says its image is {w}x{h} pixels, but the image "
                                f"is {real[0]}x{real[1]}", fix, where))
        elif not out and declared_tiles(ts, image) > MAX_TILESET_TILES:
            out.append(MapIssue(f"the tileset has {declared_tiles(ts, image)} tiles; at most "
                                f"{MAX_TILESET_TILES}", "use larger tiles or split the image",
                                where))
    return out


def _counts(root_el: ET.Element) -> list[MapIssue]:
    """Caps on what a map holds, counted in the XML before anything is decoded; and no layer or
    tileset where pytmx would find it but the checks don't look."""
    layers = objects = properties = tilesets = 0
    misplaced: set[str] = set()
    for parent in root_el.iter():
        for el in parent:
            tag = el.tag
            if tag in ("layer", "objectgroup", "imagelayer", "group"):
                layers += 1
                if parent.tag not in ("map", "group") and not (
                        tag == "objectgroup" and parent.tag == "tile"):
                    misplaced.add(f"<{tag}> inside <{parent.tag}>")
            elif tag == "object":
                objects += 1
            elif tag == "property":
                properties += 1
            elif tag == "tileset":
                tilesets += 1
                if parent.tag not in ("map", "template"):
                    misplaced.add(f"<{tag}> inside <{parent.tag}>")
    out = []
    for count, cap, what in ((layers, MAX_LAYERS, "layers"), (objects, MAX_OBJECTS, "objects"),
                             (properties, MAX_PROPERTIES, "properties"),
                             (tilesets, MAX_TILESETS, "tilesets")):
        if count > cap:
            out.append(MapIssue(f"the map has {count} {what}; at most {cap}",
                                f"use fewer {what}"))
    for where in sorted(misplaced)[:5]:
        out.append(MapIssue(f"the map has a {where}, which Tiled never writes", RESAVE_FIX))
    return out


_IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF",
                   ".bmp": "BMP"}
_SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "BMP": ".bmp"}
_JPEG_SIZES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def inflate(data: bytes, limit: int) -> bytes:
    """Decompress zlib or gzip data to at most ``limit`` bytes; ValueError beyond that."""
    d = zlib.decompressobj(wbits=47)  # 32 + 15: a zlib or a gzip header
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"damaged ({exc})") from None
    if len(out) > limit:
        raise OverflowError(limit)
    if not d.eof:
        raise ValueError("damaged (the compressed data ends too soon)")
    return out


def image_size(head: bytes) -> tuple[str | None, tuple[int, int] | None]:
    """(format, (width, height)) of an image from its first bytes, without decoding pixels:
    PNG from its IHDR chunk, GIF and BMP from their headers, JPEG from its frame header.
    (None, None) when the bytes are none of these; (format, None) when the size can't be
    found in them."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(head) >= 24 and head[12:16] == b"IHDR":
            w, h = struct.unpack(">II", head[16:24])
            return "PNG", (w, h)
        return "PNG", None
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF", struct.unpack("<HH", head[6:10]) if len(head) >= 10 else None
    if head.startswith(b"BM"):
        if len(head) < 26:
            return "BMP", None
        if struct.unpack("<I", head[14:18])[0] == 12:
            return "BMP", struct.unpack("<HH", head[18:22])
        w, h = struct.unpack("<ii", head[18:26])
        return "BMP", (w, abs(h))
    if head.startswith(b"\xff\xd8\xff"):
        i = 2
        while i + 9 <= len(head):
            if head[i] != 0xFF:
                return "JPEG", None
            marker = head[i + 1]
            if marker == 0xFF:
                i += 1
            elif marker in _JPEG_SIZES:
                h, w = struct.unpack(">HH", head[i + 5:i + 9])
                return "JPEG", (w, h)
            elif marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
                i += 2
            else:
                i += 2 + struct.unpack(">H", head[i + 2:i + 4])[0]
        return "JPEG", None
    return None, None


# -- Tiled's JSON formats (game.packs.tiled_json): converted to the XML they stand for --------
MAP_SUFFIXES = (".tmx", ".tmj", ".json")  # a level's map: LEVEL.tmx, else .tmj, else .json
TILESET_SUFFIXES = (".tsx", ".xml", ".tsj", ".json")


def level_map(source: PackSource, level_id: str) -> str:
    """The name of a level's map in the pack: the first of LEVEL.tmx, LEVEL.tmj and LEVEL.json
    that exists (LEVEL.tmx if none does, which is reported as missing)."""
    names = [level_id + suffix for suffix in MAP_SUFFIXES]
    return next((n for n in names if source.is_file(n)), names[0])


def other_level_maps(source: PackSource, level_id: str, chosen: str) -> list[str]:
    """The level's other map files, which the game does not read (an author's old copy)."""
    return [n for n in (level_id + suffix for suffix in MAP_SUFFIXES)
            if n != chosen and source.is_file(n)]


def tileset_file(src: str) -> bool:
    return Path(src).suffix.lower() in TILESET_SUFFIXES


def not_a_tileset_file(src: str) -> tuple[str, str]:
    """The problem (message, fix) of a tileset reference that names no tileset file."""
    return (f'the tileset "{src}" is not a Tiled tileset file (.tsx, .tsj or .json)',
            "replace the tileset in Tiled (Map > Replace Tileset) with one saved from Tiled "
            "(File > Save As)")


def _json_file(data: bytes, name: str) -> bool:
    """JSON by its first character ("{"), or by its name unless it looks like XML."""
    from game.packs.tiled_json import looks_like_json

    return looks_like_json(data) or (
        posixpath.splitext(name)[1].lower() in (".tmj", ".tsj", ".tj", ".json")
        and not data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"))


def _json_map(data: bytes) -> bytes:
    from game.packs.tiled_json import map_xml

    return map_xml(data)


def _json_element(data: bytes, what: str) -> ET.Element:
    from game.packs.tiled_json import element

    return element(data, what)


def _open(where: PackSource | Path, name: str | Path) -> tuple[PackSource, str]:
    """(source, the map's name in it); also takes the old form (map path, pack folder)."""
    if isinstance(where, PackSource):
        return where, str(name)
    root = Path(name)
    try:
        rel = where.relative_to(root).as_posix()
    except ValueError:
        rel = Path(os.path.relpath(where, root)).as_posix()
    return FolderSource(root), rel


def precheck(where: PackSource | Path, name: str | Path) -> ET.Element:
    """Refuse what must never reach pytmx, with an explanation."""
    reader = _Reader(*_open(where, name))
    xml = reader.precheck()
    if reader.fatal:
        raise MapError(issues=reader.fatal)
    return xml


def read_map(where: PackSource | Path, name: str | Path) -> MapData:
    """Read the map ``name`` of a pack (or, in the old form, the map at a path of a pack
    folder)."""
    return _Reader(*_open(where, name)).read()
