"""``spotless pack``, ``install``, ``packs`` and playing an installed pack by its id.

Installed packs go to a data folder inside tmp_path (``--data-dir`` or SPOTLESS_DATA_DIR),
never to the real user data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from game.cli import main
from game.packs.install import install_command, list_command, pack_command
from game.packs.validate import validate_command

ROOT = Path(__file__).resolve().parent.parent
HOUSE = ROOT / "tests" / "packs" / "house"


def house(tmp_path: Path, name: str = "house") -> Path:
    pack = tmp_path / name
    shutil.copytree(HOUSE, pack)
    return pack


def set_version(pack: Path, version: str) -> None:
    path = pack / "pack.toml"
    lines = [f'version = "{version}"' if line.startswith("version") else line
             for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def spotless(*args: str, data: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SPOTLESS_DATA_DIR=str(data), SDL_VIDEODRIVER="dummy")
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, text=True,
                          capture_output=True, env=env, cwd=ROOT, timeout=60)


# -- spotless pack ---------------------------------------------------------------------------------
def test_pack_writes_the_same_bytes_every_time(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pack = house(tmp_path)
    assert pack_command(pack, None) == 0
    first = (tmp_path / "house.zip").read_bytes()
    for path in pack.iterdir():  # other times, same contents
        os.utime(path, (time.time() - 86_400, time.time() - 86_400))
    assert pack_command(pack, str(tmp_path / "again.zip")) == 0
    assert (tmp_path / "again.zip").read_bytes() == first
    out = capsys.readouterr().out
    assert "wrote" in out and "house 1.0.0, 3 file(s)" in out


def test_pack_has_only_the_packs_files_in_a_stable_order(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / ".git").mkdir()
    (pack / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (pack / ".DS_Store").write_bytes(b"\0")
    (pack / "__pycache__").mkdir()
    (pack / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (pack / "house.tiled-session").write_text("{}", encoding="utf-8")
    (pack / "notes.txt~").write_text("old", encoding="utf-8")
    (pack / "tiles").mkdir()
    (pack / "tiles" / "credits.txt").write_text("CC0", encoding="utf-8")
    assert pack_command(pack, str(pack / "house.zip")) == 0  # written into the pack itself
    assert pack_command(pack, str(pack / "house.zip")) == 0  # ... and not packed into itself
    with zipfile.ZipFile(pack / "house.zip") as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == ["house/house.tmx", "house/house.toml",
                                           "house/pack.toml", "house/tiles/credits.txt"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_pack_refuses_an_invalid_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    pack = house(tmp_path)
    (pack / "house.toml").unlink()
    assert pack_command(pack, None) == 1
    err = capsys.readouterr().err
    assert "was not packed" in err and "house.toml: the file is missing" in err
    assert not (tmp_path / "house.zip").exists()


def test_pack_of_no_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["pack", str(tmp_path / "nothing")]) == 2


def _normalised(output: str, *names: Path) -> list[str]:
    for name in names:
        output = output.replace(f"{name}:", "PACK/").replace(f"{name}{os.sep}", "PACK/")
        output = output.replace(str(name), "PACK")
    return output.splitlines()


def test_validating_the_zip_says_what_validating_the_folder_says(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = house(tmp_path)
    assert pack_command(pack, None) == 0
    archive = tmp_path / "house.zip"
    capsys.readouterr()
    assert validate_command([str(pack)]) == 0
    from_folder = _normalised(capsys.readouterr().out, pack)
    assert validate_command([str(archive)]) == 0
    assert _normalised(capsys.readouterr().out, archive) == from_folder
    assert from_folder == ["PACK/ 0 error(s), 0 warning(s): valid"]
    # and a broken pack, zipped by hand, reports the same problems
    text = (pack / "house.toml").read_text(encoding="utf-8")
    (pack / "house.toml").write_text(text + '\n[things."lamq"]\ndescription = "x"\n'
                                     '[[rules]]\naction = "jmup"\nsay = "x"\n', encoding="utf-8")
    (pack / "house.zip").unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(pack.iterdir()):
            zf.write(path, f"house/{path.name}")
    assert validate_command([str(pack)]) == 1
    from_folder = _normalised(capsys.readouterr().out, pack)
    assert validate_command([str(archive)]) == 1
    from_zip = _normalised(capsys.readouterr().out, archive)
    assert from_zip == from_folder
    assert len(from_zip) == 3 and "unknown action" in "\n".join(from_zip)


# -- spotless install and spotless packs -----------------------------------------------------------
def test_install_a_zip_then_a_newer_version(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pack = house(tmp_path)
    data = tmp_path / "data"
    assert pack_command(pack, None) == 0
    assert install_command(str(tmp_path / "house.zip"), data) == 0
    installed = data / "packs" / "house"
    assert sorted(p.name for p in installed.iterdir()) == ["house.tmx", "house.toml",
                                                           "pack.toml"]
    assert (installed / "house.tmx").read_bytes() == (pack / "house.tmx").read_bytes()
    set_version(pack, "2.0.0")
    (pack / "extra.txt").write_text("new", encoding="utf-8")
    assert pack_command(pack, None) == 0
    assert install_command(str(tmp_path / "house.zip"), data) == 0
    out = capsys.readouterr().out
    assert "installed house 2.0.0 (replacing version 1.0.0)" in out
    assert (installed / "extra.txt").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in (data / "packs").iterdir()) == ["house"]  # no leftovers
    assert list_command(data) == 0
    listing = capsys.readouterr().out
    assert "house" in listing and "2.0.0" in listing and "ok" in listing


def test_install_from_a_folder_leaves_out_dotfiles(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / ".secret").write_text("x", encoding="utf-8")
    data = tmp_path / "data"
    assert main(["install", str(pack), "--data-dir", str(data)]) == 0
    assert not (data / "packs" / "house" / ".secret").exists()
    assert (data / "packs" / "house" / "pack.toml").is_file()


def test_install_refuses_an_invalid_pack(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pack = house(tmp_path)
    (pack / "house.tmx").write_text("<map", encoding="utf-8")
    data = tmp_path / "data"
    assert install_command(str(pack), data) == 1
    assert "was not installed" in capsys.readouterr().err
    assert not (data / "packs" / "house").exists()
    assert install_command(str(tmp_path / "nowhere"), data) == 2


def test_packs_lists_a_broken_pack_with_its_reason_and_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert list_command(data) == 0
    assert "No packs are installed" in capsys.readouterr().out
    assert install_command(str(house(tmp_path)), data) == 0
    assert install_command(str(ROOT / "levels" / "spotless"), data) == 0
    (data / "packs" / "house" / "house.toml").unlink()  # broken by hand after installing
    (data / "packs" / "stray.txt").write_text("?", encoding="utf-8")
    capsys.readouterr()
    assert main(["packs", "--data-dir", str(data)]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "broken: house.toml: the file is missing" in rows["house"]
    assert "A Small House" in rows["house"] and "1.0.0" in rows["house"]
    assert rows["spotless"].split()[-1] == "ok" and " en " in rows["spotless"]
    assert "broken: not a folder" in rows["stray.txt"]
    assert rows["3"].startswith("3 pack(s)") and "2 broken" in rows["3"]


def test_play_an_installed_pack_by_its_id_and_a_zip(tmp_path: Path) -> None:
    pack = house(tmp_path)
    data = tmp_path / "data"
    assert pack_command(pack, None) == 0
    assert install_command(str(tmp_path / "house.zip"), data) == 0
    shutil.rmtree(pack)
    by_id = spotless("play", "house", data=data, stdin="look\n")
    assert by_id.returncode == 0, by_id.stderr
    assert "> look\nThe Hall\n" in by_id.stdout
    from_zip = spotless("play", str(tmp_path / "house.zip"), data=data, stdin="look\n")
    assert from_zip.returncode == 0, from_zip.stderr
    assert from_zip.stdout == by_id.stdout
    unknown = spotless("play", "no-such-pack", data=data)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_the_commands_from_the_shell(tmp_path: Path) -> None:
    pack = house(tmp_path)
    data = tmp_path / "data"
    r = spotless("pack", str(pack), "-o", str(tmp_path / "h.zip"), data=data)
    assert r.returncode == 0, r.stderr
    r = spotless("validate", str(tmp_path / "h.zip"), data=data)
    assert r.returncode == 0 and "0 error(s)" in r.stdout, r.stdout + r.stderr
    r = spotless("install", str(tmp_path / "h.zip"), data=data)
    assert r.returncode == 0 and "installed house 1.0.0" in r.stdout, r.stderr
    r = spotless("packs", data=data)
    assert r.returncode == 0 and "ok" in r.stdout and "Traceback" not in r.stderr


def test_a_file_that_packs_too_well_is_stored_so_the_zip_installs(tmp_path: Path) -> None:
    pack = house(tmp_path)
    (pack / "blank.bin").write_bytes(bytes(2 << 20))  # 2 MB of zeros: would look like a bomb
    assert pack_command(pack, None) == 0
    with zipfile.ZipFile(tmp_path / "house.zip") as zf:
        assert zf.getinfo("house/blank.bin").compress_type == zipfile.ZIP_STORED
        assert zf.getinfo("house/house.tmx").compress_type == zipfile.ZIP_DEFLATED
    assert install_command(str(tmp_path / "house.zip"), tmp_path / "data") == 0
