"""Building blocks of hostile packs: a tiny valid pack to spoil, zips written byte by byte (so a
directory can lie), compression bombs made without compressing their whole output, image
headers."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACK_TOML = """format = 1
id = "hostile"
title = "Hostile"
version = "1.0"
authors = ["tests"]
languages = ["en"]
start = "level"
{extra}
[[levels]]
id = "level"
title = "Level"
"""

LEVEL_TOML = """[rooms.Hall]
description = "A bare hall."
{extra}"""

FLOOR = ",\n".join(",".join(["1"] * 10) for _ in range(10))  # as Tiled writes it

MAP = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" \
renderorder="right-down" width="{width}" height="{height}" tilewidth="16" tileheight="16" \
infinite="0" nextlayerid="4" nextobjectid="3">
{properties}{tilesets}
 <layer id="1" name="floor" width="10" height="10">
  {data}
 </layer>
{layers}
 <objectgroup id="2" name="rooms">
  <object id="1" name="Hall" x="0" y="0" width="160" height="160"/>
 </objectgroup>
 <objectgroup id="3" name="things">
  <object id="2" name="Joel" type="Player" x="80" y="80"><point/></object>
{things}
 </objectgroup>
</map>
"""

TILESET = ('<tileset firstgid="1" name="tiles" tilewidth="16" tileheight="16" tilecount="4" '
           'columns="2">\n  <image source="{image}" width="32" height="32"/>\n </tileset>')
TSX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tileset version="1.10" name="outside" '
       'tilewidth="16" tileheight="16" tilecount="4" columns="2">\n'
       ' <image source="tiles.png" width="32" height="32"/>\n</tileset>\n')
TEMPLATE = ('<?xml version="1.0" encoding="UTF-8"?>\n<template>\n <object name="vase" '
            'type="Scenery" width="8" height="8"/>\n</template>\n')


def map_xml(*, doctype: str = "", width: int = 10, height: int = 10, properties: str = "",
            tilesets: str = "", data: str = "", layers: str = "", things: str = "") -> str:
    floor = FLOOR if tilesets else FLOOR.replace("1", "0")  # no tileset: no tiles drawn
    return MAP.format(doctype=doctype, width=width, height=height, properties=properties,
                      tilesets=tilesets, data=data or f'<data encoding="csv">\n{floor}\n</data>',
                      layers=layers, things=things)


def write_pack(folder: Path, *, map_text: str | None = None, level_extra: str = "",
               pack_extra: str = "", image: bool = True) -> Path:
    """A small valid pack: one room, Joel, a floor layer drawn with a 32x32 PNG tileset."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(PACK_TOML.format(extra=pack_extra), encoding="utf-8")
    (folder / "level.toml").write_text(LEVEL_TOML.format(extra=level_extra), encoding="utf-8")
    if map_text is None:
        map_text = map_xml(tilesets=TILESET.format(image="tiles.png") if image else "")
    (folder / "level.tmx").write_text(map_text, encoding="utf-8")
    if image:
        (folder / "tiles.png").write_bytes(png(32, 32))
    return folder


def zip_folder(folder: Path, out: Path, top: str = "") -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, top + path.relative_to(folder).as_posix())
    return out


# -- zips whose directory says what we like --------------------------------------------------------
@dataclass
class Member:
    name: str
    data: bytes = b""
    deflate: bool = True
    size: int | None = None  # the uncompressed size the directory claims
    packed: int | None = None  # the compressed size the directory claims
    flags: int = 0
    mode: int = 0o100644
    crc: int | None = None


def forge_zip(path: Path, members: list[Member]) -> Path:
    """A zip written field by field: names, sizes, flags and modes as given, unchecked."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        if m.deflate:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            body = c.compress(m.data) + c.flush()
        else:
            body = m.data
        crc = zlib.crc32(m.data) if m.crc is None else m.crc
        size = len(m.data) if m.size is None else m.size
        packed = len(body) if m.packed is None else m.packed
        method = 8 if m.deflate else 0
        flags = m.flags | 0x800
        offset = len(out)
        out += struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, flags, method, 0, 0x21, crc,
                           packed, size, len(name), 0) + name + body
        central += struct.pack("<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", (3 << 8) | 20, 20, flags,
                               method, 0, 0x21, crc, packed, size, len(name), 0, 0, 0, 0,
                               m.mode << 16, offset) + name
    end = struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def pack_members(folder: Path) -> list[Member]:
    return [Member(p.relative_to(folder).as_posix(), p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()]


# -- compression bombs -----------------------------------------------------------------------------
def _deflate_zeros(megabytes: int) -> bytes:
    """Raw deflate of ``megabytes`` MB of zero bytes, made by repeating one flushed block."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + c.flush()


def zlib_bomb(megabytes: int) -> bytes:
    adler = 1
    zero = bytes(1 << 20)
    for _ in range(megabytes):
        adler = zlib.adler32(zero, adler)
    return b"\x78\xda" + _deflate_zeros(megabytes) + struct.pack(">L", adler)


def gzip_bomb(megabytes: int) -> bytes:
    crc = 0
    zero = bytes(1 << 20)
    for _ in range(megabytes):
        crc = zlib.crc32(zero, crc)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03" + _deflate_zeros(megabytes)
            + struct.pack("<LL", crc, (megabytes << 20) & 0xFFFFFFFF))


# -- images ----------------------------------------------------------------------------------------
def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">L", len(body)) + kind + body + struct.pack(">L", zlib.crc32(kind + body))


def png(width: int, height: int, pixels: bool = True) -> bytes:
    """A PNG of that size (grey); without pixels, only the header: enough to lie about size."""
    head = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">LLBBBBB", width, height, 8, 0,
                                                                   0, 0, 0))
    if not pixels:
        return head
    rows = b"".join(b"\x00" + bytes(width) for _ in range(height))
    return head + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def jpeg_header(width: int, height: int) -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
            + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xd9")


# -- Tiled's JSON ----------------------------------------------------------------------------------
def map_json(*, width: int = 10, height: int = 10, tilesets: list[Any] | None = None,
             data: Any = None, layers: list[Any] | None = None, things: list[Any] | None = None,
             **extra: Any) -> dict[str, Any]:
    """The map of ``MAP`` as Tiled saves it in JSON (.tmj), to spoil part by part."""
    floor: dict[str, Any] = {"id": 1, "name": "floor", "type": "tilelayer", "width": 10,
                             "height": 10, "x": 0, "y": 0, "opacity": 1, "visible": True,
                             "data": [1 if tilesets else 0] * 100 if data is None else data}
    if isinstance(floor["data"], str):
        floor["encoding"] = "base64"
    rooms = {"id": 2, "name": "rooms", "type": "objectgroup", "draworder": "topdown",
             "opacity": 1, "visible": True, "x": 0, "y": 0,
             "objects": [{"id": 1, "name": "Hall", "type": "", "x": 0, "y": 0, "width": 160,
                          "height": 160, "rotation": 0, "visible": True}]}
    found = {"id": 3, "name": "things", "type": "objectgroup", "draworder": "topdown",
             "opacity": 1, "visible": True, "x": 0, "y": 0,
             "objects": [{"id": 2, "name": "Joel", "type": "Player", "point": True, "x": 80,
                          "y": 80, "width": 0, "height": 0, "rotation": 0, "visible": True},
                         *(things or [])]}
    return {"type": "map", "version": "1.10", "tiledversion": "1.10.2",
            "orientation": "orthogonal", "renderorder": "right-down", "width": width,
            "height": height, "tilewidth": 16, "tileheight": 16, "infinite": False,
            "nextlayerid": 4, "nextobjectid": 3, "tilesets": tilesets or [],
            "layers": [floor, *(layers or []), rooms, found], **extra}


def write_json_pack(folder: Path, doc: dict[str, Any] | str, image: bool = False) -> Path:
    """The pack of ``write_pack`` with its map as level.tmj (the JSON given, or its text)."""
    write_pack(folder, image=image)
    (folder / "level.tmx").unlink()
    text = doc if isinstance(doc, str) else json.dumps(doc, separators=(",", ":"))
    (folder / "level.tmj").write_text(text, encoding="utf-8")
    return folder


TSJ = json.dumps({"type": "tileset", "name": "outside", "tilewidth": 16, "tileheight": 16,
                  "tilecount": 4, "columns": 2, "image": "tiles.png", "imagewidth": 32,
                  "imageheight": 32})
TJ = json.dumps({"type": "template", "object": {"name": "vase", "type": "Scenery", "width": 8,
                                                "height": 8}})
