"""spotless new-pack: a valid pack (no error, no warning) that plays, a Tiled project that
declares the game's classes, and the defaults of those classes merged by the loader."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from game import cli
from game.engine.world import DIRECTIONS, Kind
from game.packs import models as M
from game.packs import scaffold
from game.packs import tiled_types as T
from game.packs.loader import load_pack
from game.packs.validate import check_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "my-pack"
    assert cli.main(["new-pack", str(folder)]) == 0
    return folder


def test_new_pack_writes_the_files(pack: Path) -> None:
    names = sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file())
    assert names == ["attic.tmx", "attic.toml", "house.tmx", "house.toml",
                     "my-pack.tiled-project", "pack.toml", "tiles/basic.png", "tiles/basic.tsx"]
    toml = (pack / "pack.toml").read_text(encoding="utf-8")
    assert 'id = "my-pack"' in toml and 'title = "My Pack"' in toml
    assert "hidden = true" in toml


def test_new_pack_validates_without_errors_or_warnings(pack: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert check_pack(pack) == []
    assert cli.main(["validate", str(pack)]) == 0
    assert capsys.readouterr().out == f"{pack}: 0 error(s), 0 warning(s): valid\n"


def test_new_pack_has_a_hidden_second_level(pack: Path) -> None:
    world, _ = load_pack(pack)
    assert world.start_level == "house"
    assert world.levels["attic"].hidden and not world.levels["house"].hidden
    assert {r.name for r in world.rooms.values()} == {"Hall", "Kitchen", "Garden", "Landing",
                                                      "Attic"}
    kinds = {t.kind for t in world.things.values()}
    assert {Kind.ITEM, Kind.PERSON, Kind.DOOR, Kind.PASSAGE, Kind.CONTAINER,
            Kind.SUPPORTER} <= kinds


def test_new_pack_plays_to_its_ending(pack: Path, tmp_path: Path) -> None:
    commands = ["take letter", "east", "look under table", "take key", "unlock door with key",
                "open door", "south", "ask mary about letter", "give letter to mary"]
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               SPOTLESS_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "game", "play", str(pack)],
                       input="\n".join(commands) + "\n", text=True, capture_output=True,
                       env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stderr == ""
    out = r.stdout
    assert "A letter lies on the doormat." in out
    assert "On the table you see a biscuit tin." in out
    assert "Under the table you find a brass key." in out
    assert "You unlock the back door with the brass key." in out
    assert "Mary is here." in out
    assert "\"I'm expecting a letter,\" Mary says." in out
    assert "Delivered" in out and "You have scored 1 out of a possible 1" in out


@pytest.mark.parametrize("occupied", ["file", "non-empty folder"])
def test_new_pack_refuses_an_occupied_place_and_writes_nothing(
        tmp_path: Path, occupied: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pack"
    if occupied == "file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    assert cli.main(["new-pack", str(target)]) == 2
    assert sorted(tmp_path.rglob("*")) == before
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err


def test_new_pack_in_an_empty_folder_and_a_new_subfolder(tmp_path: Path) -> None:
    empty = tmp_path / "Empty Folder!"
    empty.mkdir()
    assert scaffold.new_pack_command(empty) == 0
    assert 'id = "empty-folder"' in (empty / "pack.toml").read_text(encoding="utf-8")
    deep = tmp_path / "a" / "b" / "c"
    assert scaffold.new_pack_command(deep) == 0
    assert (deep / "c.tiled-project").is_file()


def test_slug() -> None:
    assert scaffold.slug("My Pack") == "my-pack"
    assert scaffold.slug("--Über  Café--") == "ber-caf"
    assert scaffold.slug("!!!") == "my-pack"
    assert len(scaffold.slug("x" * 100)) == 64


# -- the tileset image ---------------------------------------------------------------------------
def test_tileset_png_is_a_valid_png(pack: Path) -> None:
    data = (pack / "tiles" / "basic.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks[kind] = body
        pos += 12 + length
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (width, height, depth, colour) == (64, 16, 8, 2)
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (1 + width * 3)
    tsx = ET.fromstring((pack / "tiles" / "basic.tsx").read_bytes())
    image = tsx.find("image")
    assert image is not None and image.get("source") == "basic.png"
    assert (image.get("width"), image.get("height")) == ("64", "16")
    assert tsx.get("tilecount") == "4" and tsx.get("columns") == "4"


# -- the Tiled project ---------------------------------------------------------------------------
def test_tiled_project_declares_every_class_and_enum(pack: Path) -> None:
    text = (pack / "my-pack.tiled-project").read_text(encoding="utf-8")
    assert text == T.project_text()
    project = json.loads(text)
    assert project["folders"] == ["."]
    types = project["propertyTypes"]
    assert len({t["id"] for t in types}) == len(types)
    by_name = {t["name"]: t for t in types}
    assert by_name["Direction"]["values"] == ["auto", *DIRECTIONS]
    assert by_name["Gender"]["values"] == ["he", "she", "they", "it"]
    for e in ("Direction", "Gender"):
        assert by_name[e]["type"] == "enum" and by_name[e]["storageType"] == "string"
        assert by_name[e]["valuesAsFlags"] is False
    classes = [t for t in types if t["type"] == "class"]
    assert [c["name"] for c in classes] == ["Room", "Item", "Scenery", "Container",
                                             "Supporter", "Person", "Door", "Passage", "Player"]
    assert set(M.THING_CLASSES) < {c["name"] for c in classes}
    for c in classes:
        assert c["useAs"] == ["object"]
        assert c["color"].startswith("#") and len(c["color"]) == 9
        names = [m["name"] for m in c["members"]]
        assert names == sorted(names)  # as Tiled saves them
        for m in c["members"]:
            assert m["type"] in ("bool", "string", "object")
            if m["type"] == "bool":
                assert isinstance(m["value"], bool)
            elif m["type"] == "object":
                assert m["value"] == 0
            if "propertyType" in m:
                assert m["value"] in by_name[m["propertyType"]]["values"]
    door = next(c for c in classes if c["name"] == "Door")
    assert {m["name"]: m["value"] for m in door["members"]} == {
        "direction": "auto", "hidden": False, "inside": 0, "key": 0, "locked": False,
        "open": False, "openable": True, "to": 0}


def _literal_values(name: str) -> tuple[str, ...]:
    tp = M.ThingProps.model_fields[name].annotation
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return typing.get_args(args[0])


def test_tiled_types_and_the_thing_properties_agree() -> None:
    fields = {info.alias or name for name, info in M.ThingProps.model_fields.items()}
    members = {m.name for c in T.CLASSES for m in c.members}
    assert members == fields
    for c in T.CLASSES:
        for m in c.members:  # one member, one meaning, whatever the class
            assert m.doc, m.name
            kind = M.ThingProps.model_fields["in_" if m.name == "in" else m.name].annotation
            if m.type == "bool":
                assert bool in typing.get_args(kind) or kind is bool, m.name
    assert T.DIRECTION.values == ("auto", *_literal_values("direction"))
    assert T.GENDER.values == _literal_values("gender")
    assert tuple(DIRECTIONS) == _literal_values("direction")
    assert [c.name for c in T.CLASSES if c.layer == "things"] == list(M.THING_CLASSES)


# -- the defaults the loader merges --------------------------------------------------------------
def test_with_defaults() -> None:
    assert T.with_defaults("Door", {}) == {"hidden": False, "openable": True, "open": False,
                                            "locked": False}
    assert T.with_defaults("Door", {"open": True})["open"] is True
    assert "direction" not in T.with_defaults("Passage", {"direction": "auto"})
    assert T.with_defaults("Passage", {"direction": "up"})["direction"] == "up"
    assert T.with_defaults("Item", {})["portable"] is True
    assert T.with_defaults("Scenery", {})["portable"] is False
    assert T.with_defaults("Person", {})["gender"] == "they"
    assert T.with_defaults("Player", {}) == {} and T.with_defaults("Nonsense", {"x": 1}) == {
        "x": 1}


def test_loader_applies_the_class_defaults(pack: Path) -> None:
    world, _ = load_pack(pack)
    things = {t.name: t for t in world.things.values()}
    tin = things["biscuit tin"]  # a Container with no properties in the map
    assert tin.openable and not tin.open and not tin.portable
    assert things["letter"].portable and not things["table"].portable
    door = things["back door"]
    assert door.openable and not door.open and door.locked
    assert things["Mary"].gender == "she"
    assert things["brass key"].hidden


def test_scaffold_maps_store_only_what_differs_from_the_defaults(pack: Path) -> None:
    """As Tiled saves a map: the class on each object, and only changed properties."""
    for name in ("house.tmx", "attic.tmx"):
        root = ET.fromstring((pack / name).read_bytes())
        for obj in root.iter("object"):
            cls = T.tiled_class(obj.get("class", ""))
            assert cls is not None, obj.get("name")
            for prop in obj.iter("property"):
                member = cls.member(prop.get("name", ""))
                assert member is not None, (obj.get("name"), prop.get("name"))
                value = prop.get("value")
                default = (str(member.default).lower() if isinstance(member.default, bool)
                           else member.default)
                assert value != default, (obj.get("name"), prop.get("name"))
                if member.enum is not None:
                    assert prop.get("propertytype") == member.enum.name
                    assert value in member.enum.values
