"""Hostile packs (the corpus in tests/hostile/): each is refused within 2 s with a clear message,
without a traceback, without opening anything outside the pack and without changing it."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hostile import CASES, Case, make_outside, run, snapshot, watch_opens
from hostile.build import write_pack, zip_folder

from game.packs.install import install_command
from game.packs.loader import load_pack
from game.packs.problems import PackError
from game.packs.source import FolderSource, Refused, ZipSource, clean, join
from game.packs.tmx import image_size

ROOT = Path(__file__).resolve().parent.parent
BUG = "this is a bug of Spotless Mind"


def _load_problems(pack: Path) -> tuple[str | None, float, list[str]]:
    """(the problems' text, or None if the pack loaded; seconds; files opened)."""
    with watch_opens() as opened:
        _result, error, seconds = run(lambda: load_pack(pack))
    if error is not None and not isinstance(error, PackError):
        raise AssertionError(f"a traceback: {type(error).__name__}: {error}") from error
    text = None if error is None else "\n".join(map(str, error.problems))
    return text, seconds, opened


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_pack_is_refused(case: Case, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    if case.fifo and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    outside = make_outside(tmp_path)
    pack = case.build(tmp_path)
    before = snapshot(outside)
    if case.command == "install":
        data = tmp_path / "data"
        with watch_opens() as opened:
            code, error, _seconds = run(lambda: install_command(str(pack), data))
        assert error is None, f"a traceback: {error!r}"
        err = capsys.readouterr().err
        assert code == 1, err
        assert case.expect is not None and case.expect in err, err
        assert "Traceback" not in err
        packs = data / "packs"
        assert not packs.exists() or not list(packs.iterdir()), "install left files behind"
    else:
        text, _seconds, opened = _load_problems(pack)
        if case.expect is None:
            assert text is None or BUG not in text, text
        else:
            assert text is not None, "the hostile pack loaded"
            assert case.expect in text, text
            assert BUG not in text, text
    # (how long each case takes is measured in tests/perf/test_bench_hostile.py, not here)
    inside_outside = [p for p in opened if Path(p).is_relative_to(outside.resolve())]
    assert not inside_outside, f"opened outside the pack: {inside_outside}"
    assert snapshot(outside) == before, "something outside the pack changed"


def test_the_base_of_the_hostile_packs_is_valid(tmp_path: Path) -> None:
    """So that each hostile case fails for its own reason."""
    pack = write_pack(tmp_path / "pack")
    world, problems = load_pack(pack)
    assert world.pack_id == "hostile" and not problems
    world, problems = load_pack(zip_folder(pack, tmp_path / "pack.zip"))
    assert world.pack_id == "hostile" and not problems


def _spotless(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SPOTLESS_DATA_DIR=str(data))
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


@pytest.mark.parametrize(("name", "command"), [
    ("billion_laughs", "validate"), ("zlib_layer_bomb", "validate"),
    ("zip_bomb_ratio", "validate"), ("tileset_climbs_out", "play"),
    ("install_zip_member_climbs_out", "install"),
])
def test_the_command_refuses_without_a_traceback(tmp_path: Path, name: str,
                                                 command: str) -> None:
    case = next(c for c in CASES if c.name == name)
    outside = make_outside(tmp_path)
    pack = case.build(tmp_path)
    before = snapshot(outside)
    r = _spotless(command, str(pack), data=tmp_path / "data")
    assert r.returncode == (2 if command == "play" else 1), r.stderr
    assert case.expect is not None and case.expect in r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    assert snapshot(outside) == before
    assert not (tmp_path / "data" / "packs").exists() or not list(
        (tmp_path / "data" / "packs").iterdir())


# -- the guards, one by one ------------------------------------------------------------------------
def test_pytmx_opens_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pytmx is given the map from memory, its external tilesets inlined: the built-in pack
    (whose tileset is a .tsx) loads with pytmx unable to open anything."""
    import pytmx.pytmx as P

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pytmx opened a file")

    monkeypatch.setattr(P.ElementTree, "parse", refuse)
    monkeypatch.setattr(P, "open", refuse, raising=False)
    world, _ = load_pack(ROOT / "levels" / "spotless")
    assert world.pack_id == "spotless"


def test_pytmx_gets_the_unpacked_tiles(tmp_path: Path) -> None:
    """Compressed layers are unpacked by the guard (with a bound) and pytmx reads the result."""
    import base64
    import struct
    import zlib

    from hostile.build import map_xml

    from game.packs.tmx import _Reader

    tiles = struct.pack("<100L", *([1] * 100))
    for compression, packed in (("zlib", zlib.compress(tiles)), ("", tiles)):
        attr = f' compression="{compression}"' if compression else ""
        data = f'<data encoding="base64"{attr}>{base64.b64encode(packed).decode()}</data>'
        pack = write_pack(tmp_path / f"p{compression}", map_text=map_xml(
            tilesets='<tileset firstgid="1" name="t" tilewidth="16" tileheight="16" '
                     'tilecount="4" columns="2"><image source="tiles.png" width="32" '
                     'height="32"/></tileset>', data=data))
        reader = _Reader(FolderSource(pack), "level.tmx")
        xml = reader.precheck()
        fed = reader._for_pytmx(xml)
        layer = fed.find("layer")
        assert layer is not None
        node = layer.find("data")
        assert node is not None and node.get("compression") is None
        assert base64.b64decode(node.text or "") == tiles
        load_pack(pack)


@pytest.mark.parametrize(("name", "expected"), [
    ("tiles/a.tsx", "tiles/a.tsx"), ("./tiles//a.tsx", "tiles/a.tsx"),
    ("tiles/../a.tsx", "a.tsx"), ("tiles\\a.tsx", "tiles/a.tsx"),
])
def test_clean_names(name: str, expected: str) -> None:
    assert clean(name) == expected


@pytest.mark.parametrize("name", ["../a.tsx", "tiles/../../a.tsx", "/etc/passwd", "C:/x.tsx",
                                  "c:x.tsx", "\\\\server\\share\\x.tsx", "..\\a.tsx", "a\x00b",
                                  ""])
def test_names_that_leave_the_pack_are_refused(name: str) -> None:
    with pytest.raises(Refused):
        clean(name)


def test_join_is_relative_to_the_referring_file() -> None:
    assert join("tiles", "../level.tmx") == "level.tmx"
    assert join("tiles", "a.png") == "tiles/a.png"
    with pytest.raises(Refused):
        join("tiles", "../../x.png")


@pytest.mark.parametrize(("head", "expected"), [
    (b"GIF89a\x10\x00\x20\x00", ("GIF", (16, 32))),
    (b"BM" + bytes(12) + (40).to_bytes(4, "little") + (7).to_bytes(4, "little")
     + (-9).to_bytes(4, "little", signed=True), ("BMP", (7, 9))),
    (b"\x89PNG\r\n\x1a\n", ("PNG", None)),
    (b"hello", (None, None)),
])
def test_image_sizes_from_headers(head: bytes, expected: tuple[object, object]) -> None:
    assert image_size(head) == expected


def test_zip_is_read_in_memory_and_never_extracted(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    archive = zip_folder(pack, tmp_path / "pack.zip", top="pack/")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with ZipSource(archive) as source:
        assert source.files() == ["level.tmx", "level.toml", "pack.toml", "tiles.png"]
        assert source.display("level.tmx").endswith("pack.zip:level.tmx")
        assert source.read_bytes("pack.toml", 10_000).startswith(b"format = 1")
        assert not source.is_file("missing.txt") and not source.is_file("../pack.toml")
        assert load_pack(source)[0].pack_id == "hostile"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_problems_in_a_zip_name_the_member(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    tree = ET.parse(pack / "level.tmx")
    group = next(g for g in tree.getroot().iter("objectgroup") if g.get("name") == "things")
    ET.SubElement(group, "object", id="9", name="vase", x="500", y="500", width="8",
                  height="8")
    tree.write(pack / "level.tmx", encoding="UTF-8", xml_declaration=True)
    archive = zip_folder(pack, tmp_path / "pack.zip")
    with pytest.raises(PackError) as info:
        load_pack(archive)
    files = {p.file for p in info.value.errors}
    assert files == {f"{os.path.relpath(archive)}:level.tmx"} or all(
        f.endswith("pack.zip:level.tmx") for f in files), files


def test_install_writes_only_inside_its_folder(tmp_path: Path) -> None:
    from game.packs.install import write_inside
    from game.packs.source import SourceError

    target = tmp_path / "target"
    target.mkdir()
    outside = make_outside(tmp_path)
    before = snapshot(outside)
    for name in ("../outside/evil.txt", str(outside / "evil.txt"), "a/../../outside/evil.txt"):
        with pytest.raises(Refused):
            write_inside(target, name, b"evil")
    (target / "link").symlink_to(outside, target_is_directory=True)  # planted in the target
    for name in ("link/evil.txt", "link/sub/evil.txt"):
        with pytest.raises(SourceError):
            write_inside(target, name, b"evil")
    (target / "pack.toml").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):  # never overwrites
        write_inside(target, "pack.toml", b"evil")
    assert write_inside(target, "tiles/a.png", b"ok").read_bytes() == b"ok"
    assert snapshot(outside) == before


def test_a_zip_made_by_macos_finder_loads(tmp_path: Path) -> None:
    """One top-level folder, folder entries, and the __MACOSX/ shadows Finder adds."""
    import zipfile

    pack = write_pack(tmp_path / "pack")
    archive = tmp_path / "finder.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("My Pack/", b"")
        for path in sorted(pack.iterdir()):
            zf.write(path, f"My Pack/{path.name}")
            zf.writestr(f"__MACOSX/My Pack/._{path.name}", b"\0\5\26\7")
    with ZipSource(archive) as source:
        assert source.prefix == "My Pack/"
        assert source.files() == ["level.tmx", "level.toml", "pack.toml", "tiles.png"]
    assert load_pack(archive)[0].pack_id == "hostile"
