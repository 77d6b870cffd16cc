"""Reading a Tiled map into plain values the loader can check.

The objects (rooms and things) are read from the XML directly, because pytmx leaves out what
the game needs: object templates, rotation, ellipses, polylines and layer offsets.  pytmx still
reads the whole map once, so that a map the window could not draw is refused here, with a
reason, rather than later with a traceback.

pytmx is imported lazily with pygame blocked, so the terminal game starts without pygame and
without its banner; the window imports pygame itself.  A light XML pass before pytmx refuses
what pytmx would choke on or should never see (DTDs, infinite or non-orthogonal maps, files
outside the pack, features pytmx doesn't read), with a reason an author can act on.
"""

from __future__ import annotations

import importlib
import logging
import math
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from game.packs.geometry import Polygon, ellipse, rect, rotate

MAX_MAP_BYTES = 8 * 1024 * 1024
MAX_REF_BYTES = 8 * 1024 * 1024  # an external tileset or template
MAX_TILES = 512 * 512
MAX_OBJECTS = 20_000
MAX_GROUP_DEPTH = 32
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


def _inside(root: Path, ref: Path) -> bool:
    try:
        ref.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse XML that has passed the DOCTYPE check; raise MapError naming the line."""
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise MapError(f"{what} is not well-formed XML (line {line}, column {column + 1}: "
                       f"{str(exc).split(':')[0]})", RESAVE_FIX) from exc


def _refuse_dtd(data: bytes, what: str) -> None:
    if b"\x00" in data[:1024]:  # UTF-16 or 32 (Tiled writes UTF-8), or not text at all
        raise MapError(f"{what} is not UTF-8 text", "save it again from Tiled")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise MapError(f"{what} contains a DOCTYPE or ENTITY declaration, which is refused for "
                       "safety (old versions of Tiled wrote one)",
                       "open it in a recent Tiled and save it again, or delete the <!DOCTYPE "
                       "...> line")


class _Reader:
    """One map: the checks before pytmx, then the objects."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.fatal: list[MapIssue] = []  # pytmx (or the window) would fail on these
        self.issues: list[MapIssue] = []  # reported, but the map can still be read
        self._templates: dict[Path, ET.Element | None] = {}
        self._no_ids = False

    # -- files a map refers to -----------------------------------------------------------------
    def _ref(self, base: Path, src: str, what: str, where: str, fatal: bool) -> Path | None:
        """Check a file the map refers to: inside the pack and present."""
        out = self.fatal if fatal else self.issues
        ref = base / src
        if Path(src).is_absolute() or not _inside(self.root, ref):
            out.append(MapIssue(f'the {what} "{src}" lies outside the pack folder',
                                "copy it into the pack folder and choose it again in Tiled",
                                where))
            return None
        if not ref.is_file():
            out.append(MapIssue(f'the {what} "{src}" does not exist',
                                "fix the path in Tiled (or restore the file)", where))
            return None
        return ref

    def _read_ref(self, ref: Path, what: str, where: str) -> ET.Element | None:
        try:
            if ref.stat().st_size > MAX_REF_BYTES:
                raise MapError(f"{what} is larger than {MAX_REF_BYTES // 1024 // 1024} MB")
            data = ref.read_bytes()
            _refuse_dtd(data, what)
            if data.lstrip().startswith((b"{", b"[")):
                raise MapError(f"{what} is a JSON file",
                               "open it in Tiled and save it as XML (.tsx for a tileset, .tx "
                               "for a template)")
            return _parse_xml(data, what)
        except MapError as exc:
            self.fatal.extend(MapIssue(i.message, i.fix, where) for i in exc.issues)
        except OSError as exc:
            self.fatal.append(MapIssue(f"{what} can't be read ({exc.strerror})", "", where))
        return None

    def _tileset(self, ts: ET.Element) -> None:
        src = ts.get("source")
        base = self.path.parent
        if src is not None:
            where = f'tileset "{src}"'
            if Path(src).suffix.lower() not in (".tsx", ".xml"):
                self.fatal.append(MapIssue(
                    f'the tileset "{src}" is not a .tsx file (JSON tilesets can\'t be read)',
                    "open the tileset in Tiled, save it as .tsx (File > Save As, 'Tiled "
                    "tileset files (*.tsx)') and replace it in the map (Map > Replace Tileset)",
                    where))
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
            ts, base = el, ref.parent
        else:
            where = f'tileset "{ts.get("name", "")}"'
        image = ts.find("image")
        if image is not None:
            if image.get("width") is None or image.get("height") is None:
                self.fatal.append(MapIssue("the tileset image has no width and height",
                                           "open the tileset in Tiled (1.0 or later) and "
                                           "save it again", where))
            self._image(base, image, where)
        for tile in ts.iter("tile"):
            tile_image = tile.find("image")
            if tile_image is not None:
                self._image(base, tile_image, where)
        if src is not None:  # an embedded tileset is checked with the rest of the map
            for prop in ts.iter("property"):
                self._property_supported(prop, where)

    def _image(self, base: Path, image: ET.Element, where: str) -> None:
        src = image.get("source")
        if src:
            self._ref(base, src, "image", where, fatal=False)

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
            _convert(kind, prop.text or "" if raw is None else raw)
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
            elif el.tag == "imagelayer":
                where = f'layer "{name}"'
                image = el.find("image")
                if image is None or not image.get("source"):
                    self.fatal.append(MapIssue("the image layer has no image",
                                               "choose an image for it in Tiled, or delete "
                                               "the layer", where))
                else:
                    self._image(self.path.parent, image, where)

    # -- the map -------------------------------------------------------------------------------
    def precheck(self) -> ET.Element:
        path = self.path
        try:
            size = path.stat().st_size
        except OSError as exc:
            siblings = [path.with_suffix(s) for s in (".tmj", ".json")]
            json_map = next((p for p in siblings if p.is_file()), None)
            if json_map is not None:
                raise MapError(f"the map file is missing, but there is {json_map.name}, a "
                               "JSON map", f"open {json_map.name} in Tiled and save it as "
                               f"{path.name} (File > Save As, format 'Tiled map files "
                               "(*.tmx)')") from exc
            raise MapError(f"the map file is missing ({exc.strerror})",
                           f"draw the level in Tiled and save it as {path.name} next to "
                           "pack.toml") from exc
        if size > MAX_MAP_BYTES:
            raise MapError(f"the map is {size // 1024} KB; maps may be at most "
                           f"{MAX_MAP_BYTES // 1024 // 1024} MB", "make the map smaller")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise MapError(f"the map can't be read ({exc.strerror})",
                           f"save the map as the file {path.name}") from exc
        if data.lstrip().startswith((b"{", b"[")):
            raise MapError("this is a JSON map, and only TMX (XML) maps can be read",
                           "in Tiled use File > Save As and choose the format 'Tiled map "
                           "files (*.tmx)'")
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
        if problems:
            raise MapError(issues=problems)
        for ts in root_el.findall("tileset"):
            self._tileset(ts)
        self._layers(root_el)
        self._map_properties_supported(root_el)
        return root_el

    def read(self) -> MapData:
        xml = self.precheck()
        if self.fatal:
            raise MapError(issues=self.fatal + self.issues)
        pytmx = _pytmx()
        try:
            pytmx.TiledMap(str(self.path), allow_duplicate_names=True, load_all=False)
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
                       tuple(layers), tuple(objects), tuple(self.issues + self.fatal))

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
        ref = self._ref(self.path.parent, src, "template", where, fatal=False)
        if ref is None:
            return None
        key = ref.resolve()
        if key not in self._templates:
            before = len(self.fatal)
            el = self._read_ref(ref, f'the template "{src}"', where)
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
                out[name] = _convert(kind, raw)
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


def _convert(kind: str, raw: str) -> Any:
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


def precheck(path: Path, root: Path) -> ET.Element:
    """Refuse what must never reach pytmx, with an explanation."""
    reader = _Reader(path, root)
    xml = reader.precheck()
    if reader.fatal:
        raise MapError(issues=reader.fatal)
    return xml


def read_map(path: Path, root: Path) -> MapData:
    return _Reader(path, root).read()
