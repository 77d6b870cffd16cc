"""The art is made by assets/tiles/make_tiles.py, and what is committed is what it makes.

The script must reproduce the committed tilesets byte for byte (so anyone can change a colour,
re-run it and get a reviewable diff), every tileset must keep the campaign's gid layout (the
maps are drawn with those gids), and the layers must stay layers: floors and walls opaque,
furniture on clear pixels so it sits on any floor.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "assets" / "tiles" / "make_tiles.py"
TILES = ROOT / "levels" / "spotless" / "tiles"
OPAQUE = [*range(1, 15), *range(17, 29), 56, 72]  # floors and walls
FURNITURE = [*range(33, 56), *range(57, 72)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("art")
    done = run("--root", str(out))
    assert done.returncode == 0, done.stderr
    return out


def made(fresh: Path) -> list[Path]:
    return sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())


MEMORIES = ["spotless", "lastfight", "restaurant", "market", "ugly", "charles"]


def test_the_script_makes_a_tileset_for_each_memory(fresh: Path) -> None:
    files = [str(p) for p in made(fresh)]
    for memory in MEMORIES:
        assert f"levels/spotless/tiles/{memory}.png" in files
        assert f"levels/spotless/tiles/{memory}.tsx" in files
    assert "assets/README.md" in files


def decoded(png: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks, with the image data inflated: what it shows, however it was packed."""
    out, at, data = [], 8, b""
    while at < len(png):
        size = int.from_bytes(png[at:at + 4], "big")
        kind, body = png[at + 4:at + 8], png[at + 8:at + 8 + size]
        if kind == b"IDAT":
            data += body
        else:
            out.append((kind, body))
        at += 12 + size
    return [*out, (b"IDAT", zlib.decompress(data))]


def test_the_committed_art_is_what_the_script_makes(fresh: Path) -> None:
    missing = [str(rel) for rel in made(fresh) if not (ROOT / rel).is_file()]
    assert not missing, f"run {SCRIPT.relative_to(ROOT)} and commit: {missing}"
    differ = [rel for rel in made(fresh) if (ROOT / rel).read_bytes() != (fresh / rel).read_bytes()]
    pictures = [rel for rel in differ if rel.suffix == ".png"
                and decoded((ROOT / rel).read_bytes()) == decoded((fresh / rel).read_bytes())]
    stale = [str(rel) for rel in differ if rel not in pictures]
    assert not stale, f"run {SCRIPT.relative_to(ROOT)} and commit: {stale}"
    if pictures:  # the same pixels, deflated differently: another zlib than the committer's
        pytest.skip(f"same pixels, other bytes (zlib {zlib.ZLIB_RUNTIME_VERSION}): {pictures}")


def test_check_mode_finds_a_stale_file(fresh: Path, tmp_path: Path) -> None:
    for rel in made(fresh):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes((fresh / rel).read_bytes())
    assert run("--check", "--root", str(tmp_path)).returncode == 0
    png = tmp_path / "levels" / "spotless" / "tiles" / "spotless.png"
    png.write_bytes(png.read_bytes()[:-20])
    done = run("--check", "--root", str(tmp_path))
    assert done.returncode == 1 and "spotless.png" in done.stdout


def tilesets() -> list[Path]:
    return sorted(TILES.glob("*.tsx"))


@pytest.mark.parametrize("tsx", tilesets(), ids=lambda p: p.stem)
def test_each_tileset_keeps_the_campaign_layout(tsx: Path) -> None:
    text = tsx.read_text(encoding="utf-8")
    head = dict(re.findall(r'(\w+)="([^"]*)"', text.split("<image")[0]))
    image = dict(re.findall(r'(\w+)="([^"]*)"', text.split("<image")[1]))
    assert (head["tilewidth"], head["tileheight"], head["columns"]) == ("16", "16", "8")
    count = int(head["tilecount"])
    assert count >= 72 and count % 8 == 0
    assert image["source"] == f"{tsx.stem}.png"
    assert (int(image["width"]), int(image["height"])) == (128, count // 8 * 16)
    png = (TILES / image["source"]).read_bytes()
    assert png[12:16] == b"IHDR"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (
        128, count // 8 * 16)
    assert len(png) < 16 * 1024, "keep the repository lean"


@pytest.mark.parametrize("tsx", tilesets(), ids=lambda p: p.stem)
def test_floors_and_walls_are_opaque_and_furniture_is_not(tsx: Path) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    image = pygame.image.load(str(tsx.with_suffix(".png")))

    def clear(gid: int) -> int:
        col, row = (gid - 1) % 8, (gid - 1) // 8
        return sum(image.get_at((col * 16 + x, row * 16 + y)).a < 255
                   for y in range(16) for x in range(16))

    assert [g for g in OPAQUE if clear(g)] == []
    assert [g for g in FURNITURE if not clear(g)] == []


# -- people's sprites: the pack names them, the loader checks the names ---------------------------
HOUSE = ROOT / "tests" / "packs" / "house"


def test_the_pack_model_knows_every_sprite_and_no_other() -> None:
    from typing import get_args

    from game.packs.models import Sprite

    drawn = sorted(p.stem for p in (ROOT / "assets" / "sprites").glob("*.png"))
    assert sorted(get_args(Sprite)) == drawn
    assert {"joel", "clementine-green", "clementine-red", "clementine-orange",
            "clementine-blue"} <= set(drawn)


def house_with(tmp_path: Path, old: str, new: str) -> Path:
    import shutil

    pack = tmp_path / "house"
    shutil.copytree(HOUSE, pack)
    toml = pack / "house.toml"
    text = toml.read_text(encoding="utf-8")
    assert text.count(old) == 1
    toml.write_text(text.replace(old, new), encoding="utf-8")
    return pack


def problems(pack: Path) -> list[str]:
    from game.packs.validate import check_pack

    return [str(p) for p in check_pack(pack)]


def test_a_persons_sprite_reaches_the_world(tmp_path: Path) -> None:
    from game.packs.loader import load_pack

    pack = house_with(tmp_path, "[things.Mary]\n", '[things.Mary]\nsprite = "mary"\n')
    world, _ = load_pack(pack)
    sprites = {tid: t.sprite for tid, t in world.things.items() if t.sprite}
    assert sprites == {"house/Mary": "mary"}


def test_an_unknown_sprite_is_an_error_that_lists_them(tmp_path: Path) -> None:
    pack = house_with(tmp_path, "[things.Mary]\n", '[things.Mary]\nsprite = "clementine-pink"\n')
    found = [p for p in problems(pack) if "sprite" in p]
    assert len(found) == 1 and "clementine-orange" in found[0], found


def test_a_sprite_on_something_not_a_person_is_an_error(tmp_path: Path) -> None:
    pack = house_with(tmp_path, "[things.ladder]\n", '[things.ladder]\nsprite = "stan"\n')
    found = [p for p in problems(pack) if "sprite" in p]
    assert len(found) == 1 and "only a Person" in found[0], found


def test_decoding_sees_through_the_compression() -> None:
    import struct

    png = (TILES / "spotless.png").read_bytes()
    at = png.index(b"IDAT") - 4
    size = int.from_bytes(png[at:at + 4], "big")
    pixels = zlib.decompress(png[at + 8:at + 8 + size])
    idat = zlib.compress(pixels, 1)  # the same pixels, deflated another way
    chunk = (struct.pack(">I", len(idat)) + b"IDAT" + idat
             + struct.pack(">I", zlib.crc32(b"IDAT" + idat) & 0xFFFFFFFF))
    other = png[:at] + chunk + png[at + 12 + size:]
    assert other != png and decoded(other) == decoded(png)
    changed = bytearray(pixels)
    changed[1] ^= 1
    idat = zlib.compress(bytes(changed), 9)
    chunk = (struct.pack(">I", len(idat)) + b"IDAT" + idat
             + struct.pack(">I", zlib.crc32(b"IDAT" + idat) & 0xFFFFFFFF))
    assert decoded(png[:at] + chunk + png[at + 12 + size:]) != decoded(png)
