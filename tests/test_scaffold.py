"""spotless new-pack: a valid pack (no error, no warning) with the game's shape (a memory that
fades when Joel waits, a companion, a hidden level, two endings) that plays through the parser
and the CLI, a Tiled project that declares the game's classes, and the defaults of those classes
merged by the loader."""

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
from game.engine.output import GameEnded, Line, LocatorFound, LocatorLost, Style
from game.engine.session import Game
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


def test_new_pack_has_a_memory_a_companion_and_a_hidden_level(pack: Path) -> None:
    world, _ = load_pack(pack)
    assert world.start_level == "house" and world.start_room == "house/Hall"
    house, attic = world.levels["house"], world.levels["attic"]
    assert (house.erasure, house.hidden) == (1, False)
    assert (attic.erasure, attic.hidden) == (None, True)
    plan = house.erasure_plan
    assert plan is not None
    assert (plan.anchors, plan.pace, plan.delay) == (("house/Garden",), 3, 2)
    assert dict(plan.distances) == {"house/Garden": 0, "house/Kitchen": 1, "house/Hall": 2}
    hidden_plan = attic.erasure_plan
    assert hidden_plan is not None
    assert (hidden_plan.anchors, hidden_plan.entry) == (("attic/Landing",), "attic/Attic")
    assert {r.name for r in world.rooms.values()} == {"Hall", "Kitchen", "Garden", "Landing",
                                                      "Attic"}
    kinds = {t.kind for t in world.things.values()}
    assert {Kind.ITEM, Kind.PERSON, Kind.DOOR, Kind.PASSAGE, Kind.CONTAINER,
            Kind.SUPPORTER, Kind.SCENERY} <= kinds
    clementine = world.things["house/Clementine"]
    assert clementine.companion == "Clementine" and clementine.volunteers
    assert world.things["house/hatch"].hidden
    assert world.things["attic/photograph"].survives
    assert set(world.endings) == {"spotless", "together"}
    assert set(world.keepsakes) == {"letter"}
    assert world.max_score == 2


# -- playing it ------------------------------------------------------------------------------
def _play_cli(pack: Path, tmp_path: Path, commands: list[str]) -> str:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               SPOTLESS_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "game", "play", str(pack)],
                       input="\n".join(commands) + "\n", text=True, capture_output=True,
                       env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stderr == ""
    return r.stdout


def _game(pack: Path) -> Game:
    world, _ = load_pack(pack)
    game = Game(world, seed=1, strict=True)
    game.start()
    return game


def _text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


HOUSE = ("house/Garden", "house/Kitchen", "house/Hall")
WAITED_OUT = 21  # turns of nothing but waiting until the house is gone: 1 + 2 + 3 * 6


def test_waiting_fades_every_room_in_turn_and_ends_spotless(pack: Path) -> None:
    """Nothing but WAIT from the start: the garden fades first, the hall last; each room goes
    vivid, faded, blurred, dissolving, gone; the hall shows its authored stage texts; the
    erasure is heard and seen; and the game ends "spotless" within the planned turns."""
    game = _game(pack)
    plan = game.world.levels["house"].erasure_plan
    assert plan is not None
    bound = 1 + plan.delay + plan.pace * plan.steps_to_erase  # the arrival turn, the delay, steps
    assert bound == WAITED_OUT
    history: dict[str, list[int]] = {room: [] for room in HOUSE}
    first_faded: dict[str, int] = {}
    hall_looks: dict[int, str] = {}
    lines: list[Line] = []
    while not game.ended:
        assert game.state.turn < bound
        hall = game.state.stages.get("house/Hall", 0)
        # LOOK (which takes a turn, like WAIT) the first time the hall is seen at a stage
        command = "look" if hall not in hall_looks else "z"
        out = game.submit(command)
        if command == "look":
            hall_looks[hall] = _text(out)
        lines += out
        for room in HOUSE:
            stage = game.state.stages.get(room, 0)
            if not history[room] or history[room][-1] != stage:
                history[room].append(stage)
            if stage and room not in first_faded:
                first_faded[room] = game.state.turn
    assert game.state.ended == "spotless" and game.state.turn == WAITED_OUT
    assert game.state.room == "house/Hall"  # he never moved
    for room in HOUSE:  # one stage at a time, all the way
        assert history[room] == [0, 1, 2, 3, 4], room
    assert first_faded["house/Garden"] < first_faded["house/Kitchen"] < first_faded["house/Hall"]
    assert first_faded["house/Garden"] == 1 + plan.delay + plan.pace  # the first step
    # the hall, as LOOK shows it at each stage: the author's texts
    assert sorted(hall_looks) == [0, 1, 2, 3]
    assert "A narrow hall with a coat hook" in hall_looks[0]
    assert "The hall, gone grey." in hall_looks[1]
    assert "A hall, or the blur of one." in hall_looks[2]
    assert "simply not there any more" in hall_looks[3]
    assert all("east" in text.lower() for text in hall_looks.values())  # the way out stays
    # what Joel hears and sees of it
    text = _text(lines)
    voices = [line.text for line in lines if line.style is Style.VOICE]
    assert voices == ['A young man\'s voice, far away: "Okay, we\'re in. Start with the '
                      'garden."']
    for n in (1, 2, 3):
        assert game.msg(f"erasure.here_{n}") in text
    for n in (1, 2, 3, 4):
        assert game.msg(f"erasure.near_{n}", where="To the east", room="Kitchen") in text
    # the last memory: no earlier one to fall into, so no falling, only the ending
    assert game.msg("erasure.swept") not in text
    assert "a hatch opens in its ceiling" in text  # the event reveals the way to the attic
    assert [line.text for line in lines if line.style is Style.ENDING] == [
        "Spotless", game.world.endings["spotless"].text]
    assert GameEnded("spotless") in game.take_events()


def test_waiting_through_the_cli(pack: Path, tmp_path: Path) -> None:
    out = _play_cli(pack, tmp_path, ["z"] * (WAITED_OUT + 3))
    assert "Tonight they erase it." in out
    assert "Okay, we're in." in out
    assert "To the east, Kitchen goes grey." in out
    assert "The colour drains out of everything around you" in out
    assert "The floor goes white under your feet" not in out
    assert "Spotless\nThe hall goes white, and you go with it." in out
    assert "You kept nothing." in out
    assert f"You have scored 0 out of a possible 2, in {WAITED_OUT} turns." in out
    assert "Together, for a While" not in out


FETCH_CLEMENTINE = ["read letter", "take letter", "east", "look under table", "take key",
                    "unlock door with key", "open door", "south", "ask clementine about letter",
                    "clementine, follow me", "north", "west"]


def test_the_kinder_ending_through_the_parser(pack: Path, tmp_path: Path) -> None:
    """Keep the letter, fetch Clementine from the garden before it dissolves, and wait with her
    in the hall, the last room to go."""
    out = _play_cli(pack, tmp_path, [*FETCH_CLEMENTINE, *["z"] * 12])
    assert "A letter lies on the doormat." in out
    assert "Meet me by the sea." in out
    assert "[You keep this: Her note, word for word.]" in out
    assert "On the table you see a biscuit tin." in out
    assert "Under the table you find a brass key." in out
    assert "You unlock the back door with the brass key." in out
    assert "Clementine is here." in out
    assert '"I meant every word," she says.' in out
    assert "Clementine nods and falls in beside you." in out
    assert '"Where are we going?" Clementine asks.' in out  # volunteered, once
    assert out.count('"Where are we going?"') == 1
    assert "Clementine comes with you." in out
    assert "Together, for a While\nThe hall comes apart around you" in out
    assert "You kept: Her note, word for word." in out
    assert "You have scored 2 out of a possible 2, in 18 turns." in out
    assert "Spotless" not in out


def test_left_in_the_garden_she_dissolves_with_it(pack: Path) -> None:
    game = _game(pack)
    for command in FETCH_CLEMENTINE[2:8]:  # through the back door, into the garden
        game.submit(command)
    assert game.state.room == "house/Garden"
    assert "Clementine is here." in _text(game.submit("look"))
    game.submit("north")  # without her
    while game.state.stages.get("house/Garden", 0) < 3:
        game.submit("z")
    assert game.state.things["house/Clementine"].location is None  # dissolved with the garden
    assert game.state.follower is None
    while not game.ended:
        game.submit("z")
    assert game.state.ended == "spotless"


def test_hiding_in_the_attic_with_clementine(pack: Path) -> None:
    """Through the hatch into the hidden level: nothing fades until Lacuna finds it; then the
    attic is erased and Joel falls back into the hall, with what survives and with her."""
    game = _game(pack)
    for command in FETCH_CLEMENTINE[2:]:
        game.submit(command)
    assert game.state.follower == "house/Clementine" and game.state.room == "house/Hall"
    while game.state.things["house/hatch"].location is None:
        game.submit("z")
    assert game.state.things["house/hatch"].location == "house/Hall"
    game.take_events()
    out = _text(game.submit("climb through the hatch"))
    assert "You climb through the hatch" in out and "hiding in the attic" in out
    assert (game.state.level, game.state.room) == ("attic", "attic/Attic")
    assert '"Your grandmother\'s attic," Clementine whispers.' in out
    assert game.state.things["house/Clementine"].location == "attic/Attic"
    assert LocatorLost("attic") in game.take_events()
    frozen = dict(game.state.stages)
    assert "You open the trunk" in _text(game.submit("open trunk"))
    assert game.state.stages == frozen  # Lacuna can't see him here
    lines = game.submit("take photograph")  # the third turn in the attic: they find him
    assert any(line.style is Style.VOICE and "There he is" in line.text for line in lines)
    assert LocatorFound("attic") in game.take_events()
    while game.state.level == "attic":
        game.submit("z")
    assert game.state.stages["attic/Landing"] == game.state.stages["attic/Attic"] == 4
    assert (game.state.level, game.state.room) == ("house", "house/Hall")
    assert game.model.carried("attic/photograph")  # it survives its memory
    assert game.state.things["house/Clementine"].location == "house/Hall"
    assert game.state.things["house/hatch"].location is None  # shut behind him
    assert {room: game.state.stages[room] for room in HOUSE} == frozen
    while not game.ended:
        game.submit("z")
    assert game.state.ended == "together"
    assert game.state.turn <= 40


def test_the_hint_and_the_summary(pack: Path, capsys: pytest.CaptureFixture[str],
                                  tmp_path: Path) -> None:
    game = _game(pack)
    assert "looked under the kitchen table" in _text(game.submit("hint"))
    assert scaffold.new_pack_command(tmp_path / "other") == 0
    out = capsys.readouterr().out
    assert "a memory Lacuna erases" in out and "a hidden attic" in out
    assert "spotless and\ntogether" in out and "WAIT" in out


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
    assert things["Clementine"].gender == "she"
    assert things["Clementine"].companion == "Clementine"
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
