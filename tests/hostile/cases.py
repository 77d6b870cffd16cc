"""The hostile packs, one builder each: ``work`` is a fresh folder that already holds the
sentinel folder ``work/outside`` (see ``make_outside``); a builder writes its pack into
``work`` and returns the path to load or install."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hostile import case
from hostile.build import (
    TILESET,
    TSJ,
    TSX,
    Member,
    forge_zip,
    gzip_bomb,
    jpeg_header,
    map_json,
    map_xml,
    pack_members,
    png,
    write_json_pack,
    write_pack,
    zip_folder,
    zlib_bomb,
)

TSX_REF = '<tileset firstgid="1" source="{}"/>'


def _pack(work: Path, **kwargs: object) -> Path:
    return write_pack(work / "pack", **kwargs)  # type: ignore[arg-type]


def _with_map(work: Path, **parts: object) -> Path:
    return _pack(work, map_text=map_xml(**parts), image=False)  # type: ignore[arg-type]


# -- files outside the pack: refused by name, never opened -----------------------------------------
@case("lies outside the pack folder")
def tileset_climbs_out(work: Path) -> Path:
    return _with_map(work, tilesets=TSX_REF.format("../outside/secret.tsx"))


@case("lies outside the pack folder (it is an absolute path)")
def tileset_absolute(work: Path) -> Path:
    return _with_map(work, tilesets=TSX_REF.format(work / "outside" / "secret.tsx"))


@case("lies outside the pack folder")
def tileset_windows_climb(work: Path) -> Path:
    return _with_map(work, tilesets=TSX_REF.format("..\\outside\\secret.tsx"))


@case("lies outside the pack folder (it is an absolute path)")
def tileset_windows_drive(work: Path) -> Path:
    return _with_map(work, tilesets=TSX_REF.format("C:/Users/me/tiles.tsx"))


@case("symbolic link")
def tileset_is_a_link(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("link.tsx"))
    (pack / "link.tsx").symlink_to(work / "outside" / "secret.tsx")
    return pack


@case('lies in "tiles", which is a symbolic link')
def folder_is_a_link(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("tiles/secret.tsx"))
    (pack / "tiles").symlink_to(work / "outside", target_is_directory=True)
    return pack


@case("symbolic link", fifo=True)
def tileset_links_to_a_pipe(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("pipe.tsx"))
    (pack / "pipe.tsx").symlink_to(work / "outside" / "pipe")
    return pack


@case("is not a regular file", fifo=True)
def tileset_is_a_pipe(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("pipe.tsx"))
    os.mkfifo(pack / "pipe.tsx")
    return pack


@case("is not a regular file", fifo=True)
def level_text_is_a_pipe(work: Path) -> Path:
    pack = _pack(work)
    (pack / "level.toml").unlink()
    os.mkfifo(pack / "level.toml")
    return pack


@case("symbolic link")
def manifest_is_a_link(work: Path) -> Path:
    pack = _pack(work)
    (pack / "pack.toml").rename(work / "outside" / "pack.toml")
    (pack / "pack.toml").symlink_to(work / "outside" / "pack.toml")
    return pack


@case('the image "../outside/tiles.png" lies outside the pack folder')
def image_climbs_out(work: Path) -> Path:
    return _with_map(work, tilesets=TILESET.format(image="../outside/tiles.png"))


@case('the template "../outside/secret.tx" lies outside the pack folder')
def template_climbs_out(work: Path) -> Path:
    return _with_map(work, things='  <object id="5" template="../outside/secret.tx" x="40" '
                                  'y="40"/>')


@case('the image "../outside/tiles.png" lies outside the pack folder')
def image_layer_climbs_out(work: Path) -> Path:
    return _with_map(work, layers=' <imagelayer id="9" name="sky">\n  <image '
                                  'source="../outside/tiles.png" width="32" height="32"/>\n'
                                  ' </imagelayer>')


@case("is not a valid id")
def level_id_climbs_out(work: Path) -> Path:
    """pack.toml names the level files: an id can't be a path."""
    pack = _pack(work)
    text = (pack / "pack.toml").read_text(encoding="utf-8")
    (pack / "pack.toml").write_text(text.replace('id = "level"', 'id = "../outside/secret"'),
                                    encoding="utf-8")
    return pack


@case("<tileset> inside <objectgroup>")
def tileset_where_only_pytmx_looks(work: Path) -> Path:
    """pytmx finds every <tileset> in the file; the checks must see them all too."""
    return _with_map(work, things="  " + TSX_REF.format("../outside/secret.tsx"))


# -- XML -------------------------------------------------------------------------------------------
def _laughs() -> str:
    lines = [' <!ENTITY lol0 "lol">']
    lines += [f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return "<!DOCTYPE map [\n" + "\n".join(lines) + "\n]>\n"


LAUGHS = _laughs()


@case("DOCTYPE or ENTITY declaration")
def billion_laughs(work: Path) -> Path:
    return _with_map(work, doctype=LAUGHS, properties=' <properties><property name="x" '
                                                      'value="&lol9;"/></properties>\n')


@case("DOCTYPE or ENTITY declaration")
def external_entity(work: Path) -> Path:
    secret = (work / "outside" / "secret.txt").as_uri()
    return _with_map(work, doctype=f'<!DOCTYPE map [<!ENTITY xxe SYSTEM "{secret}">]>\n',
                     properties=' <properties><property name="x" value="&xxe;"/></properties>\n')


@case("DOCTYPE or ENTITY declaration")
def entity_in_a_tileset(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("t.tsx"))
    (pack / "t.tsx").write_text(TSX.replace("<tileset ", LAUGHS.replace("map", "tileset")
                                            + "<tileset ", 1), encoding="utf-8")
    return pack


@case('declares the encoding "UTF-7"')
def doctype_hidden_by_an_encoding(work: Path) -> Path:
    """In UTF-7, "<!DOCTYPE" is not those bytes: only UTF-8 is read."""
    pack = _with_map(work)
    (pack / "level.tmx").write_bytes(b'<?xml version="1.0" encoding="UTF-7"?>\n'
                                     b'+ADw-!DOCTYPE map +AFs-+ADw-!ENTITY a "b"+AD4-+AF0-+AD4-\n'
                                     b"<map/>")
    return pack


@case(None)
def deeply_nested_xml(work: Path) -> Path:
    depth = 200_000
    return _with_map(work, properties="<editorsettings>" + "<a>" * depth + "</a>" * depth
                     + "</editorsettings>\n")


# -- sizes and counts ------------------------------------------------------------------------------
@case("maps may be at most 8 MB")
def map_too_large(work: Path) -> Path:
    return _with_map(work, properties="<!--" + "x" * (9 * 1024 * 1024) + "-->\n")


@case("the file is larger than 2 MB")
def text_file_too_large(work: Path) -> Path:
    return _pack(work, level_extra="# " + "x" * (3 * 1024 * 1024) + "\n")


@case("is larger than 8 MB")
def tileset_too_large(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("big.tsx"))
    (pack / "big.tsx").write_text(TSX.replace("</tileset>", "<!--" + "x" * (9 << 20) + "-->"
                                              "</tileset>"), encoding="utf-8")
    return pack


@case("the map is 100000x100000 tiles; at most 262144 tiles")
def map_too_wide(work: Path) -> Path:
    return _with_map(work, width=100_000, height=100_000)


@case("layers; at most 256")
def too_many_layers(work: Path) -> Path:
    return _with_map(work, layers="".join(f' <objectgroup id="{i}" name="l{i}"/>\n'
                                          for i in range(10, 310)))


@case("objects; at most 20000")
def too_many_objects(work: Path) -> Path:
    return _with_map(work, layers=' <objectgroup id="9" name="junk">\n'
                     + "".join(f'  <object id="{i}" x="1" y="1"/>\n' for i in range(10, 20_020))
                     + " </objectgroup>\n")


@case("properties; at most 50000")
def too_many_properties(work: Path) -> Path:
    return _with_map(work, properties=" <properties>\n" + "".join(
        f'  <property name="p{i}" value="v"/>\n' for i in range(50_010)) + " </properties>\n")


@case("tilesets; at most 64")
def too_many_tilesets(work: Path) -> Path:
    return _with_map(work, tilesets="\n".join(
        f'<tileset firstgid="{1 + 10 * i}" name="t{i}" tilewidth="16" tileheight="16" '
        'tilecount="0" columns="0"/>' for i in range(70)))


@case("the layer's tile data unpacks to more than its 10x10 tiles")
def zlib_layer_bomb(work: Path) -> Path:
    """A 400 KB map whose layer would unpack to 300 MB."""
    import base64

    data = base64.b64encode(zlib_bomb(300)).decode()
    return _with_map(work, data=f'<data encoding="base64" compression="zlib">{data}</data>')


@case("the layer's tile data unpacks to more than its 10x10 tiles")
def gzip_layer_bomb(work: Path) -> Path:
    import base64

    data = base64.b64encode(gzip_bomb(64)).decode()
    return _with_map(work, data=f'<data encoding="base64" compression="gzip">{data}</data>')


@case("the layer's data holds 200000 tiles, more than its 10x10")
def csv_layer_too_long(work: Path) -> Path:
    return _with_map(work, data='<data encoding="csv">' + ",".join(["1"] * 200_000) + "</data>")


@case("the layer's tile data is not valid base64")
def layer_not_base64(work: Path) -> Path:
    return _with_map(work, data='<data encoding="base64" compression="zlib">*not base64*</data>')


@case("the layer's tile data is damaged")
def layer_not_zlib(work: Path) -> Path:
    return _with_map(work, data='<data encoding="base64" compression="zlib">AAAAAAAA</data>')


# -- images ----------------------------------------------------------------------------------------
@case('the image "huge.png" is 100000x100000 pixels')
def png_too_large(work: Path) -> Path:
    """The header claims 10^10 pixels; the file is 33 bytes."""
    pack = _with_map(work, tilesets=TILESET.format(image="huge.png"))
    (pack / "huge.png").write_bytes(png(100_000, 100_000, pixels=False))
    return pack


@case("(its name ends in .png, but it is not a PNG file)")
def png_that_is_text(work: Path) -> Path:
    pack = _with_map(work, tilesets=TILESET.format(image="fake.png"))
    (pack / "fake.png").write_text("<html>not an image</html>", encoding="utf-8")
    return pack


@case("is named .png but is a JPEG image")
def png_that_is_a_jpeg(work: Path) -> Path:
    pack = _with_map(work, tilesets=TILESET.format(image="photo.png"))
    (pack / "photo.png").write_bytes(jpeg_header(32, 32))
    return pack


@case("is 20000x20000 pixels")
def jpeg_too_large(work: Path) -> Path:
    pack = _with_map(work, tilesets=TILESET.format(image="photo.jpg"))
    (pack / "photo.jpg").write_bytes(jpeg_header(20_000, 20_000))
    return pack


# -- zips ------------------------------------------------------------------------------------------
def _zip(work: Path, *extra: Member, base: list[Member] | None = None) -> Path:
    members = pack_members(_pack(work)) if base is None else base
    return forge_zip(work / "hostile.zip", [*members, *extra])


@case("which looks like a zip bomb")
def zip_bomb_ratio(work: Path) -> Path:
    return _zip(work, Member("junk.bin", bytes(8 << 20)))


@case('the member "big.png" is 1 GB uncompressed; a file may be at most 16 MB')
def zip_member_claims_a_gigabyte(work: Path) -> Path:
    """The directory says 1 GB: refused before a byte is decompressed."""
    return _zip(work, Member("big.png", b"tiny", size=1 << 30))


@case("add up to 300 MB uncompressed; a pack may be at most 256 MB")
def zip_total_too_large(work: Path) -> Path:
    return _zip(work, *[Member(f"f{i}.bin", b"x", size=15 << 20, packed=1 << 20)
                        for i in range(20)])


@case("the zip has 2001 members; a pack may have at most 2000")
def zip_too_many_members(work: Path) -> Path:
    base = pack_members(_pack(work))
    return _zip(work, *[Member(f"f{i}.txt", deflate=False) for i in range(2001 - len(base))],
                base=base)


@case("its name leaves the zip (..)")
def zip_member_climbs_out(work: Path) -> Path:
    return _zip(work, Member("../outside/evil.txt", b"evil"))


@case("its name is absolute")
def zip_member_absolute(work: Path) -> Path:
    return _zip(work, Member(str(work / "outside" / "evil.txt"), b"evil"))


@case('the name "pack.toml" is in the zip twice')
def zip_duplicate_name(work: Path) -> Path:
    return _zip(work, Member("pack.toml", b'format = 1\nid = "other"\n'))


@case('the name "Level.toml" is in the zip twice (as "level.toml")')
def zip_duplicate_name_but_case(work: Path) -> Path:
    return _zip(work, Member("Level.toml", b""))


@case('the member "tiles.png" is a symbolic link')
def zip_member_is_a_link(work: Path) -> Path:
    members = [m for m in pack_members(_pack(work)) if m.name != "tiles.png"]
    return _zip(work, Member("tiles.png", b"../outside/tiles.png", mode=0o120777), base=members)


@case('the member "secret.txt" is encrypted')
def zip_encrypted_member(work: Path) -> Path:
    return _zip(work, Member("secret.txt", b"xxxx", flags=0x1))


@case("can't be read from the zip")
def zip_bad_checksum(work: Path) -> Path:
    members = pack_members(_pack(work))
    for m in members:
        if m.name == "pack.toml":
            m.crc = 1234
    return _zip(work, base=members)


@case("the file is not a zip archive")
def zip_that_is_not_a_zip(work: Path) -> Path:
    path = work / "hostile.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    return path


@case("there is no pack.toml at the top of the zip or in its one top-level folder")
def zip_without_a_pack(work: Path) -> Path:
    _pack(work)
    return zip_folder(work / "pack", work / "hostile.zip", top="a/b/")


# -- install never writes outside its folder -------------------------------------------------------
@case("its name leaves the zip (..)", command="install")
def install_zip_member_climbs_out(work: Path) -> Path:
    return _zip(work, Member("../../outside/evil.txt", b"evil"))


@case("its name is absolute", command="install")
def install_zip_member_absolute(work: Path) -> Path:
    return _zip(work, Member(str(work / "outside" / "evil.txt"), b"evil"))


@case("lies outside the pack folder", command="install")
def install_folder_with_escaping_tileset(work: Path) -> Path:
    return _with_map(work, tilesets=TSX_REF.format("../outside/secret.tsx"))


# -- texts -----------------------------------------------------------------------------------------
@case("the text is too long (at most 20000 characters)")
def description_too_long(work: Path) -> Path:
    pack = _pack(work)
    (pack / "level.toml").write_text(f'[rooms.Hall]\ndescription = "{"x" * 20_001}"\n',
                                     encoding="utf-8")
    return pack


@case("the level has 2001 rules; at most 2000")
def too_many_rules(work: Path) -> Path:
    return _pack(work, level_extra="".join('[[rules]]\naction = "jump"\nsay = "Boing."\n'
                                           for _ in range(2001)))


@case("the list is too long (at most 100 items)")
def too_many_conditions(work: Path) -> Path:
    conds = ", ".join('{ flag = "f" }' for _ in range(101))
    return _pack(work, level_extra=f'[[rules]]\naction = "jump"\nsay = "Boing."\n'
                                   f"when = {{ all = [{conds}] }}\n")


@case("the text is too long (at most 200 characters)")
def pack_title_too_long(work: Path) -> Path:
    pack = _pack(work)
    text = (pack / "pack.toml").read_text(encoding="utf-8")
    (pack / "pack.toml").write_text(text.replace('title = "Hostile"', f'title = "{"x" * 201}"'),
                                    encoding="utf-8")
    return pack


# -- tilesets that lie about their size (pytmx would build a tile for every cell they claim) ------
HUGE_IMAGE = '<image source="tiles.png" width="100000" height="100000"/>'


@case("the tileset says its image is 100000x100000 pixels")
def tileset_declares_a_huge_image(work: Path) -> Path:
    """A .tsx over a 64x16 PNG that claims 10^10 pixels: 39 million 16x16 tiles."""
    pack = _with_map(work, tilesets=TSX_REF.format("big.tsx"))
    (pack / "big.tsx").write_text(TSX.replace(
        '<image source="tiles.png" width="32" height="32"/>', HUGE_IMAGE), encoding="utf-8")
    (pack / "tiles.png").write_bytes(png(64, 16))
    return pack


@case("the tileset says its image is 100000x100000 pixels")
def embedded_tileset_declares_a_huge_image(work: Path) -> Path:
    pack = _with_map(work, tilesets=TILESET.format(image="tiles.png").replace(
        'width="32" height="32"', 'width="100000" height="100000"'))
    (pack / "tiles.png").write_bytes(png(64, 16))
    return pack


@case("but the image is 64x16")
def tileset_image_larger_than_the_file(work: Path) -> Path:
    """Within the limits, but more than the PNG holds: tiles that would show nothing."""
    pack = _with_map(work, tilesets=TILESET.format(image="tiles.png").replace(
        'width="32" height="32"', 'width="640" height="640"'))
    (pack / "tiles.png").write_bytes(png(64, 16))
    return pack


@case("the tileset has 5000000 tiles; at most 65536")
def tileset_declares_a_huge_tile_count(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("many.tsx"))
    (pack / "many.tsx").write_text(TSX.replace('tilecount="4" columns="2"',
                                               'tilecount="5000000" columns="2"'),
                                   encoding="utf-8")
    (pack / "tiles.png").write_bytes(png(32, 32))
    return pack


@case("the tileset's tiles are 0x16 pixels")
def tileset_with_zero_sized_tiles(work: Path) -> Path:
    pack = _with_map(work, tilesets=TSX_REF.format("zero.tsx"))
    (pack / "zero.tsx").write_text(TSX.replace('tilewidth="16"', 'tilewidth="0"'),
                                   encoding="utf-8")
    (pack / "tiles.png").write_bytes(png(32, 32))
    return pack


# -- too many problems: the first are listed, the rest counted, fast ---------------------------
@case("the file has 183582 lines; at most 40000")
def toml_with_a_huge_key_count(work: Path) -> Path:
    """1.9 MB of unknown keys in one room (183,579 of them): one did-you-mean each was 7.6 s."""
    keys = "".join(f"k{i} = 1\n" for i in range(183_579))
    pack = _pack(work)
    (pack / "level.toml").write_text('[rooms.Hall]\ndescription = "A bare hall."\n' + keys,
                                     encoding="utf-8")
    return pack


@case("39890 more problems in this file are not listed")
def toml_with_many_unknown_keys(work: Path) -> Path:
    """As many unknown keys as the line limit allows: the first are listed, the rest counted."""
    keys = "".join(f"k{i} = 1\n" for i in range(39_990))
    pack = _pack(work)
    (pack / "level.toml").write_text('[rooms.Hall]\ndescription = "A bare hall."\n' + keys,
                                     encoding="utf-8")
    return pack


@case("more problems in this file are not listed")
def toml_with_a_huge_table_count(work: Path) -> Path:
    """Thousands of rooms that are not on the map, each with an unknown key."""
    rooms = "".join(f'[rooms.R{i}]\ndescriptio = "x"\n' for i in range(5_000))
    pack = _pack(work)
    (pack / "level.toml").write_text('[rooms.Hall]\ndescription = "A bare hall."\n' + rooms,
                                     encoding="utf-8")
    return pack


# -- control characters and bidi overrides in what the player reads -----------------------------
@case("ESC (U+001B)")
def description_with_an_escape_sequence(work: Path) -> Path:
    """ESC ] 0 ; ... BEL retitles a terminal; ESC [ 2 J clears it."""
    pack = _pack(work)
    (pack / "level.toml").write_text('[rooms.Hall]\ndescription = "A bare hall.'
                                     '\\u001b]0;pwned\\u0007\\u001b[2J"\n', encoding="utf-8")
    return pack


@case("NUL (U+0000)")
def title_with_a_nul(work: Path) -> Path:
    pack = _pack(work)
    text = (pack / "pack.toml").read_text(encoding="utf-8")
    (pack / "pack.toml").write_text(text.replace('title = "Hostile"',
                                                 'title = "Host\\u0000ile"'), encoding="utf-8")
    return pack


@case("right-to-left override (U+202E)")
def description_with_a_bidi_override(work: Path) -> Path:
    pack = _pack(work)
    (pack / "level.toml").write_text('[rooms.Hall]\ndescription = "A bare \u202ellah."\n',
                                     encoding="utf-8")
    return pack


@case("right-to-left override (U+202E)")
def room_name_in_the_map_with_a_bidi_override(work: Path) -> Path:
    """Room titles come from Tiled's object names: the map's texts are checked too."""
    pack = _with_map(work)
    tmx = (pack / "level.tmx").read_text(encoding="utf-8")
    (pack / "level.tmx").write_text(tmx.replace('<object id="2" name="Joel"',
                                                '<object id="2" name="Jo\u202eel"'),
                                    encoding="utf-8")
    return pack


@case("(U+009B)")
def c1_control_in_the_map(work: Path) -> Path:
    """U+009B is a one-character ESC [ on some terminals; XML allows it."""
    pack = _with_map(work)
    tmx = (pack / "level.tmx").read_text(encoding="utf-8")
    (pack / "level.tmx").write_text(tmx.replace('name="Hall"', 'name="Hall\u009b2J"'),
                                    encoding="utf-8")
    return pack



# -- Tiled's JSON (.tmj, .tsj, .tj): the same guards as XML, and JSON's own ------------------------
def _json(work: Path, **parts: Any) -> Path:
    return write_json_pack(work / "pack", map_json(**parts))


def _json_text(work: Path, text: str) -> Path:
    return write_json_pack(work / "pack", text)


@case('the tileset "../outside/secret.tsj" lies outside the pack folder')
def json_tileset_climbs_out(work: Path) -> Path:
    return _json(work, tilesets=[{"firstgid": 1, "source": "../outside/secret.tsj"}])


@case("lies outside the pack folder (it is an absolute path)")
def json_tileset_absolute(work: Path) -> Path:
    return _json(work, tilesets=[{"firstgid": 1, "source": str(work / "outside/secret.tsj")}])


@case('the template "../outside/secret.tj" lies outside the pack folder')
def json_template_climbs_out(work: Path) -> Path:
    return _json(work, things=[{"id": 5, "template": "../outside/secret.tj", "x": 40, "y": 40}])


@case('the image "../outside/tiles.png" lies outside the pack folder')
def json_image_layer_climbs_out(work: Path) -> Path:
    return _json(work, layers=[{"id": 9, "name": "sky", "type": "imagelayer",
                                "image": "../outside/tiles.png"}])


@case('the image "../outside/tiles.png" lies outside the pack folder')
def json_tileset_image_climbs_out(work: Path) -> Path:
    pack = _json(work, tilesets=[{"firstgid": 1, "source": "tiles.tsj"}])
    (pack / "tiles.tsj").write_text(TSJ.replace("tiles.png", "../outside/tiles.png"),
                                    encoding="utf-8")
    return pack


@case("the map is not valid JSON (line 3, column 1: Expecting property name enclosed in "
      "double quotes)")
def json_syntax_error(work: Path) -> Path:
    return _json_text(work, '{"type": "map",\n "width": 10,\n}\n')


@case("the map is not valid JSON (line 1, column 2: Expecting value)")
def json_empty(work: Path) -> Path:
    return _json_text(work, "[")


@case("the map is JSON nested too deep to be a Tiled file")
def json_deeply_nested(work: Path) -> Path:
    depth = 1_000_000  # 2 MB of brackets
    return _json_text(work, '{"type": "map", "properties": ' + "[" * depth + "]" * depth + "}")


@case("has properties nested more than 16 deep")
def json_class_properties_nested(work: Path) -> Path:
    value: dict[str, Any] = {}
    for _ in range(200):
        value = {"inner": value}
    return _json(work, properties=[{"name": "deep", "type": "class", "propertytype": "C",
                                    "value": value}])


@case("the map can't be read as JSON: it holds NaN, which is not a number in JSON")
def json_nan(work: Path) -> Path:
    return _json_text(work, json.dumps(map_json()).replace('"width": 10', '"width": NaN', 1))


@case("the map can't be read as JSON: Exceeds the limit")
def json_number_too_long(work: Path) -> Path:
    return _json_text(work, json.dumps(map_json()).replace('"width": 10',
                                                           '"width": ' + "9" * 100_000, 1))


@case("the map is not UTF-8 text")
def json_not_utf8(work: Path) -> Path:
    pack = _json(work)
    (pack / "level.tmj").write_bytes((pack / "level.tmj").read_bytes()
                                     .replace(b'"Hall"', b'"H\xe4ll"'))
    return pack


@case('"width" should be a whole number, not the text "ten"')
def json_wrong_type(work: Path) -> Path:
    return _json(work, width="ten")


@case('"layers" should be a list, not an object')
def json_layers_not_a_list(work: Path) -> Path:
    doc = map_json()
    doc["layers"] = {"floor": doc["layers"][0]}
    return write_json_pack(work / "pack", doc)


@case("the map is 100000x100000 tiles; at most 262144 tiles")
def json_map_too_wide(work: Path) -> Path:
    return _json(work, width=100_000, height=100_000)


@case("maps may be at most 8 MB")
def json_map_too_large(work: Path) -> Path:
    return _json(work, properties=[{"name": "junk", "value": "x" * (9 * 1024 * 1024)}])


@case("the layer's data holds 3000000 tiles, more than its 10x10")
def json_layer_data_too_long(work: Path) -> Path:
    """A 6 MB map whose one layer claims 3 million tiles."""
    return _json(work, data=[0] * 3_000_000)


@case('"data" holds the text "1", which is not a tile')
def json_layer_data_of_texts(work: Path) -> Path:
    return _json(work, data=["1"] * 100)


@case("the map has more than 256 layers; at most 256")
def json_too_many_layers(work: Path) -> Path:
    return _json(work, layers=[{"id": i, "name": f"l{i}", "type": "objectgroup", "objects": []}
                               for i in range(10, 310)])


@case("the map has more than 20000 objects; at most 20000")
def json_too_many_objects(work: Path) -> Path:
    return _json(work, layers=[{"id": 9, "name": "junk", "type": "objectgroup",
                                "objects": [{"id": i, "x": 1, "y": 1}
                                            for i in range(10, 200_000)]}])


@case("the map has more than 50000 properties; at most 50000")
def json_too_many_properties(work: Path) -> Path:
    return _json(work, properties=[{"name": f"p{i}", "value": "v"} for i in range(50_010)])


@case("the map has more than 64 tilesets; at most 64")
def json_too_many_tilesets(work: Path) -> Path:
    return _json(work, tilesets=[{"firstgid": 1 + 10 * i, "name": f"t{i}", "tilewidth": 16,
                                  "tileheight": 16, "tilecount": 0, "columns": 0}
                                 for i in range(70)])


@case("group layers are nested more than 32 deep")
def json_groups_nested(work: Path) -> Path:
    group: dict[str, Any] = {"id": 99, "name": "g", "type": "group", "layers": []}
    for i in range(300):
        group = {"id": 100 + i, "name": f"g{i}", "type": "group", "layers": [group]}
    return _json(work, layers=[group])


@case("the layer's tile data unpacks to more than its 10x10 tiles")
def json_zlib_layer_bomb(work: Path) -> Path:
    import base64

    doc = map_json(data=base64.b64encode(zlib_bomb(300)).decode())
    doc["layers"][0]["compression"] = "zlib"
    return write_json_pack(work / "pack", doc)


@case("the tileset \"big.tsj\" is larger than 8 MB")
def json_tileset_too_large(work: Path) -> Path:
    pack = _json(work, tilesets=[{"firstgid": 1, "source": "big.tsj"}])
    (pack / "big.tsj").write_text(TSJ[:-1] + ', "junk": "' + "x" * (9 << 20) + '"}',
                                  encoding="utf-8")
    return pack


@case('the tileset "bad.tsj", at tiles[0]: "id" should be a whole number, not the text "one"')
def json_tileset_wrong_type(work: Path) -> Path:
    pack = _json(work, tilesets=[{"firstgid": 1, "source": "bad.tsj"}])
    (pack / "bad.tsj").write_text(TSJ[:-1] + ', "tiles": [{"id": "one"}]}', encoding="utf-8")
    return pack


@case('the template "vase.tj" is not valid JSON (line 1, column 2')
def json_template_broken(work: Path) -> Path:
    pack = _json(work, things=[{"id": 5, "template": "vase.tj", "x": 40, "y": 40}])
    (pack / "vase.tj").write_text("{{", encoding="utf-8")
    return pack


@case("the map is a Tiled tileset file, not a map")
def json_map_that_is_a_tileset(work: Path) -> Path:
    return _json_text(work, TSJ)


@case('the tileset "big.tsj" has more than 20000 tiles with data of their own; at most 20000')
def json_tileset_too_many_tiles(work: Path) -> Path:
    """XML pays per element to parse; JSON packs more tiles in the same bytes: capped."""
    pack = _json(work, tilesets=[{"firstgid": 1, "source": "big.tsj"}])
    tiles = ",".join(f'{{"id":{i}}}' for i in range(100_000))
    (pack / "big.tsj").write_text(TSJ[:-1] + f',"tiles":[{tiles}]}}', encoding="utf-8")
    return pack


@case("the map has more than 100000 animation frames; at most 100000")
def json_too_many_frames(work: Path) -> Path:
    frames = [{"tileid": 0, "duration": 1}] * 60_000
    return _json(work, tilesets=[{**json.loads(TSJ), "firstgid": 1, "tiles": [
        {"id": 0, "animation": frames}, {"id": 1, "animation": frames}]}])
