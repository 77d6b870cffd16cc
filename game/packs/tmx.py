"""Reading a Tiled map through pytmx into plain values the loader can check.

pytmx is imported lazily with pygame blocked, so the terminal game starts without pygame and
without its banner; the window imports pygame itself.  A light XML pass before pytmx refuses
what pytmx would choke on or should never see (DTDs, infinite or non-orthogonal maps, files
outside the pack), with a reason an author can act on.
"""

from __future__ import annotations

import importlib
import logging
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from game.packs.geometry import Polygon, rect

MAX_MAP_BYTES = 8 * 1024 * 1024
MAX_TILES = 512 * 512


class MapError(Exception):
    """The map can't be read; the message says why and what to do in Tiled."""


@dataclass(frozen=True)
class MapObject:
    id: int
    name: str
    cls: str
    layer: str
    shape: Polygon
    point: bool
    properties: dict[str, Any] = field(default_factory=dict)

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
        return f'object {self.id} "{self.name}" (layer {self.layer})'


@dataclass(frozen=True)
class MapData:
    path: Path
    width: int
    height: int
    tile_width: int
    tile_height: int
    layers: tuple[tuple[str, str], ...]  # (kind, name) in Tiled's document order
    objects: tuple[MapObject, ...]


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
    except ValueError:
        return False
    return True


def precheck(path: Path, root: Path) -> ET.Element:
    """Refuse what must never reach pytmx, with an explanation."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MapError(f"the map file is missing ({exc.strerror})") from exc
    if size > MAX_MAP_BYTES:
        raise MapError(f"the map is {size // 1024} KB; maps may be at most "
                       f"{MAX_MAP_BYTES // 1024 // 1024} MB")
    data = path.read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise MapError("the map contains a DOCTYPE or ENTITY declaration, which is refused "
                       "for safety; save it again from Tiled")
    if data.lstrip().startswith(b"{"):
        raise MapError("this is a JSON map; save it as .tmx (File > Save As, format "
                       "'Tiled map files (*.tmx)')")
    try:
        root_el = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MapError(f"the map is not well-formed XML ({exc})") from exc
    if root_el.tag != "map":
        raise MapError("the file is not a Tiled map (its root element is not <map>)")
    if root_el.get("infinite", "0") == "1":
        raise MapError("infinite maps are not supported; in Tiled set Map > Map Properties > "
                       "Infinite: off")
    orientation = root_el.get("orientation", "orthogonal")
    if orientation != "orthogonal":
        raise MapError(f"{orientation} maps are not supported; use an orthogonal map")
    width = int(root_el.get("width", "0") or 0)
    height = int(root_el.get("height", "0") or 0)
    if width * height > MAX_TILES:
        raise MapError(f"the map is {width}x{height} tiles; at most {MAX_TILES} tiles in all")
    for ts in root_el.iter("tileset"):
        src = ts.get("source")
        if src is None:
            continue
        ref = path.parent / src
        if Path(src).is_absolute() or not _inside(root, ref):
            raise MapError(f'the tileset "{src}" lies outside the pack; keep tilesets in '
                           f"the pack folder")
        if not ref.is_file():
            raise MapError(f'the tileset "{src}" does not exist; fix the path in Tiled')
    return root_el


def read_map(path: Path, root: Path) -> MapData:
    xml = precheck(path, root)
    pytmx = _pytmx()
    try:
        tiled = pytmx.TiledMap(str(path), allow_duplicate_names=True, load_all=False)
    except Exception as exc:  # pytmx raises bare Exceptions and assorted errors
        raise MapError(f"Tiled map could not be read: {type(exc).__name__}: {exc}") from exc
    layers: list[tuple[str, str]] = []
    for el in xml:
        if el.tag in ("layer", "objectgroup", "imagelayer", "group"):
            layers.append((el.tag, el.get("name", "")))
    objects: list[MapObject] = []
    for layer in tiled.objectgroups:
        for obj in layer:
            objects.append(_object(obj, layer.name or ""))
    return MapData(path, int(tiled.width), int(tiled.height), int(tiled.tilewidth),
                   int(tiled.tileheight), tuple(layers), tuple(objects))


def _object(obj: Any, layer: str) -> MapObject:
    cls = getattr(obj, "class", None) or obj.properties.get("class") or obj.type or ""
    props = {k: v for k, v in obj.properties.items()}
    x, y, w, h = float(obj.x), float(obj.y), float(obj.width), float(obj.height)
    points = getattr(obj, "points", None) if "points" in obj.__dict__ else None
    if points:
        shape: Polygon = tuple((float(p.x), float(p.y)) for p in points)
    elif obj.gid:
        shape = rect(x, y - h, w, h)  # tile objects are anchored at their bottom-left
    else:
        shape = rect(x, y, w, h)
    point = not points and w == 0 and h == 0
    return MapObject(int(obj.id), str(obj.name or ""), str(cls), layer, shape, point, props)
